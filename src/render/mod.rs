//! Rendering the site graph through the theme's templates.

pub(crate) mod decks;
mod deps;
pub(crate) mod feeds;
pub(crate) mod hubs;
pub(crate) mod languages;
mod minify;
pub(crate) mod pages;
pub(crate) mod study;
pub(crate) mod study_data;
pub(crate) mod theme;
pub(crate) mod views;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::cache::{FileRecord, Key, KeyHasher, Store};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::discover::PageKind;
use crate::highlight::TokenStyle;
use crate::plan::{GuidePage, Hub};
use crate::site::Site;
use hubs::Part;
pub(crate) use theme::Theme;
use views::Views;

/// What the previous build wrote, by page key.
pub(crate) type FileStore = Store<FileRecord>;

/// Puts the previous output's file `rel` in place when it is the one
/// recorded; false when it is not there or differs.
pub(crate) type Keep<'a> = &'a (dyn Fn(&str, FileRecord) -> bool + Sync);

/// What a build may reuse instead of rendering a page again: the records
/// of the files the last build wrote (on disk, or in `serve`'s memory),
/// and how to keep one.
#[derive(Clone, Copy, Default)]
pub(crate) struct Reuse<'a> {
    pub files: Option<(&'a FileStore, Keep<'a>)>,
}

impl Reuse<'_> {
    fn any(&self) -> bool {
        self.files.is_some()
    }

    /// The file at `rel` whose inputs hash to `key` (none when nothing is
    /// reused): the last build's when its record is there and the file
    /// still holds it, else made by `make` and recorded. With `counted`, a
    /// file made again counts as a page rendered again.
    fn file(
        self,
        key: Option<Key>,
        rel: &str,
        counted: bool,
        make: impl FnOnce() -> Result<Vec<u8>, Diagnostic>,
    ) -> Result<Made, Diagnostic> {
        let found = key.zip(self.files);
        if let Some((key, (files, keep))) = found {
            let record = if counted {
                files.get(key)
            } else {
                files.find(key)
            };
            match record {
                Some(record) if keep(rel, record) => {
                    check_reuse(rel, record, make);
                    return Ok(Made::Kept(record));
                }
                Some(_) if counted => files.reject(),
                _ => {}
            }
        }
        let bytes = make()?;
        let record = found.map(|(key, (files, _))| {
            let record = FileRecord::of(&bytes);
            files.put(key, record);
            record
        });
        Ok(Made::New(bytes, record))
    }

    /// As [`Reuse::file`] (not counted as a page), handing a file made
    /// anew to `write`. Returns the file's record.
    fn write_file<W>(
        self,
        key: Option<Key>,
        rel: String,
        make: impl FnOnce() -> Result<Vec<u8>, Diagnostic>,
        write: &W,
    ) -> Result<FileRecord, Diagnostic>
    where
        W: Fn(OutputFile) -> Result<(), Diagnostic> + ?Sized,
    {
        match self.file(key, &rel, false, make)? {
            Made::Kept(record) => Ok(record),
            Made::New(bytes, record) => {
                let record = record.unwrap_or_else(|| FileRecord::of(&bytes));
                write(OutputFile { rel, bytes })?;
                Ok(record)
            }
        }
    }
}

/// A file of the site as a rebuild finds it.
enum Made {
    /// The last build's file is kept: it holds this.
    Kept(FileRecord),
    /// Made now, with its record when there is a cache to keep it in.
    New(Vec<u8>, Option<FileRecord>),
}

/// In debug builds (the tests), makes a file reused by its key anyway and
/// checks it is the file kept (`record`): a file whose key (see `deps`)
/// leaves out an input it reads would be left stale after some edit.
fn check_reuse(rel: &str, record: FileRecord, make: impl FnOnce() -> Result<Vec<u8>, Diagnostic>) {
    if cfg!(debug_assertions) {
        if let Ok(new) = make() {
            assert!(
                record.matches(&new),
                "{rel} was reused but its inputs changed"
            );
        }
    }
}

/// A file of the finished site, relative to the output root.
#[derive(Debug)]
pub(crate) struct OutputFile {
    pub rel: String,
    pub bytes: Vec<u8>,
}

/// One page to render: its site path, template, and what fills it.
enum Job<'a> {
    Home,
    Section(&'a str),
    Guide(usize),
    GuideStudy(usize, GuidePage),
    Hub(Hub, Part<'a>),
    Tags,
    Tag(usize),
    NotFound,
}

/// What rendering the site in one language wrote.
pub(crate) struct RenderedSite {
    /// How many pages.
    pub pages: usize,
    /// How many files in all: its pages, study data, `ui.js` and feeds.
    pub files: usize,
    /// The site paths of its pages (but the 404 page), for the sitemap.
    pub paths: Vec<String>,
}

/// Renders every page of `site` (the site in one language; `versions`
/// knows the others) and hands each to `write` as soon as it is ready, so
/// finished pages need not all sit in memory.
pub(crate) fn render_site<W>(
    site: &Site,
    theme: &Theme,
    config: &Config,
    versions: &languages::Versions,
    progress: &crate::progress::Progress,
    reuse: Reuse<'_>,
    write: W,
) -> Result<RenderedSite, Vec<Diagnostic>>
where
    W: Fn(OutputFile) -> Result<(), Diagnostic> + Sync,
{
    // Files other than pages, counted as they go.
    let others = std::sync::atomic::AtomicUsize::new(0);
    let write_other = |file: OutputFile| {
        others.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        write(file)
    };
    // First: the pages linking them carry their versions. Counted whether
    // written or kept.
    let data = study_data::write_all(site, &write, reuse)?;
    others.fetch_add(data.practice.len(), std::sync::atomic::Ordering::Relaxed);
    let views = Views {
        site,
        config,
        ui: &theme.ui,
        math: site.has_math(),
        data: &data,
        versions,
    };
    // Found once per hub: each part's page lists some of them.
    let hub_parts: Vec<_> = Hub::ALL
        .into_iter()
        .map(|hub| (hub, hubs::hub_parts(site, hub)))
        .collect();
    let jobs = jobs(site, &hub_parts);
    let digests = reuse.any().then(|| deps::Digests::new(&views));
    progress.stage("Writing pages", jobs.len());
    let results: Vec<Result<String, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let (rel, bytes) = render_job(job, &views, theme, reuse, digests.as_ref())?;
            if let Some(bytes) = bytes {
                let rel = rel.clone();
                write(OutputFile { rel, bytes })?;
            }
            progress.done();
            Ok(rel)
        })
        .collect();
    let paths = page_paths(site, results)?;
    write_other_files(site, theme, config, write_other)?;
    Ok(RenderedSite {
        pages: jobs.len(),
        files: jobs.len() + others.into_inner(),
        paths,
    })
}

/// The site paths of the pages rendered (the 404 page has none), or every
/// page's problem.
fn page_paths(
    site: &Site,
    results: Vec<Result<String, Diagnostic>>,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let mut paths = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    let not_found = feeds::file_of(&site.at("404.html"));
    for r in results {
        match r {
            Ok(rel) if rel != not_found => {
                paths.push(format!("/{}", rel.trim_end_matches("index.html")))
            }
            Ok(_) => {}
            Err(d) => problems.push(d),
        }
    }
    if problems.is_empty() {
        Ok(paths)
    } else {
        Err(problems)
    }
}

/// The files of the site that are not pages: the theme's script, the
/// feeds and the like.
fn write_other_files(
    site: &Site,
    theme: &Theme,
    config: &Config,
    write: impl Fn(OutputFile) -> Result<(), Diagnostic>,
) -> Result<(), Vec<Diagnostic>> {
    if !theme.ui_script.is_empty() {
        let bytes = theme.ui_script.clone().into_bytes();
        write(OutputFile {
            rel: site.file("ui.js"),
            bytes,
        })
        .map_err(|d| vec![d])?;
    }
    for (rel, text) in feeds::files(site, theme, config)? {
        write(OutputFile {
            rel,
            bytes: text.into_bytes(),
        })
        .map_err(|d| vec![d])?;
    }
    Ok(())
}

/// Writes the files the site's languages share through `write`: the
/// stylesheet for code, and the sitemap of every language's pages
/// (`sites`, each with what rendering it wrote), rendered with `theme`.
/// Each is kept from the last build when what it is made of is unchanged.
/// Returns how many there are.
pub(crate) fn shared_files<W>(
    sites: &[(&Site, &RenderedSite)],
    versions: &languages::Versions,
    theme: &Theme,
    config: &Config,
    reuse: Reuse<'_>,
    write: &W,
) -> Result<usize, Diagnostic>
where
    W: Fn(OutputFile) -> Result<(), Diagnostic>,
{
    let classes = code_classes(sites.iter().map(|(site, _)| *site));
    let key = reuse.any().then(|| {
        let mut key = crate::cache::KeyHasher::new();
        key.part(b"highlight.css").value(&classes);
        key.part(config.highlight.light_theme.as_bytes());
        key.part(config.highlight.dark_theme.as_bytes());
        key.finish()
    });
    let css = || Ok(highlight_css(&classes, config).into_bytes());
    reuse.write_file(key, "highlight.css".into(), css, write)?;
    let paths: Vec<(&Site, &[String])> = sites
        .iter()
        .map(|(site, written)| (*site, written.paths.as_slice()))
        .collect();
    let mut files = 1;
    feeds::sitemap(&paths, versions, theme, config, &mut |rel, key, make| {
        files += 1;
        let key = reuse.any().then(key);
        let make = || make().map(String::into_bytes);
        reuse.write_file(key, rel, make, write).map(|_| ())
    })?;
    Ok(files)
}

/// A hub, and its parts when it is split (see [`hubs::hub_parts`]).
type HubParts<'a> = (Hub, Option<Vec<(&'a str, usize)>>);

/// Every page to render: the home page, 404, sections, guides and their
/// study pages, each hub (or each part of a split one), and tags.
fn jobs<'a>(site: &'a Site, hub_parts: &'a [HubParts<'a>]) -> Vec<Job<'a>> {
    // Every language has a 404 page below its home: most hosts serve only
    // the root one (the default language's), some the nearest one up the
    // path (as `syllabus serve` does).
    let mut jobs = vec![Job::Home, Job::NotFound];
    jobs.extend(
        site.sections
            .keys()
            .filter(|d| !d.is_empty())
            .map(|d| Job::Section(d)),
    );
    let guides = || {
        site.pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == PageKind::Guide)
    };
    jobs.extend(guides().map(|(i, _)| Job::Guide(i)));
    for (i, page) in guides() {
        for kind in GuidePage::ALL {
            if study::has_page(kind, page) {
                jobs.push(Job::GuideStudy(i, kind));
            }
        }
    }
    for (hub, parts) in hub_parts {
        match parts {
            None => jobs.push(Job::Hub(*hub, Part::Whole)),
            Some(parts) => {
                jobs.push(Job::Hub(*hub, Part::Index(parts)));
                jobs.extend(
                    (0..parts.len()).map(|place| Job::Hub(*hub, Part::Section(parts, place))),
                );
            }
        }
    }
    jobs.push(Job::Tags);
    jobs.extend((0..site.graph.tags.len()).map(Job::Tag));
    jobs
}

/// The highlighting classes the code of `sites` uses, each once, by name.
fn code_classes<'s>(sites: impl Iterator<Item = &'s Site>) -> Vec<(&'s str, TokenStyle)> {
    // Most pages use the same few classes: gathered in a hash map, only
    // the distinct ones are sorted.
    let mut used: rustc_hash::FxHashMap<&str, TokenStyle> = Default::default();
    for page in sites.flat_map(|site| &site.pages) {
        for (class, style) in &page.rendered.classes {
            used.entry(class.as_str()).or_insert(*style);
        }
    }
    let mut used: Vec<_> = used.into_iter().collect();
    used.sort_unstable_by_key(|&(class, _)| class);
    used
}

/// The stylesheet for code: only the classes it uses.
fn highlight_css(classes: &[(&str, TokenStyle)], config: &Config) -> String {
    crate::highlight::Palette::get(&config.highlight.light_theme, &config.highlight.dark_theme)
        .stylesheet(classes)
}

fn render_job(
    job: &Job,
    views: &Views,
    theme: &Theme,
    reuse: Reuse<'_>,
    digests: Option<&deps::Digests>,
) -> Result<(String, Option<Vec<u8>>), Diagnostic> {
    let site = views.site;
    let out = Finish {
        theme,
        reuse,
        source: job_source(job, site),
        inputs: digests.map(|d| d.of_job(job, site)),
    };
    match *job {
        Job::Home => {
            let template = site
                .section("")
                .index
                .and_then(|i| site.pages[i].front.template.as_deref());
            let template = template.unwrap_or("home.html");
            out.page(&site.home, template, || pages::home(views))
        }
        Job::Section(dir) => {
            let section = site.section(dir);
            let template = section
                .index
                .and_then(|i| site.pages[i].front.template.as_deref());
            let template = template.unwrap_or("section.html");
            out.page(&section.path, template, || pages::section(views, section))
        }
        Job::Guide(i) => {
            let page = &site.pages[i];
            let template = page.front.template.as_deref().unwrap_or("guide.html");
            out.page(&page.path, template, || pages::guide(views, i))
        }
        Job::GuideStudy(i, kind) => {
            let path = kind.path(&site.pages[i].path);
            let template = kind.template();
            match kind {
                GuidePage::Practice => {
                    out.page(&path, template, || study::practice_page(views, i, &path))
                }
                GuidePage::Faq => out.page(&path, template, || study::faq_page(views, i, &path)),
            }
        }
        Job::Hub(hub, part) => {
            let path = site.at(&part.path(hub));
            let template = hub.template();
            match hub {
                Hub::Practice => out.page(&path, template, || decks::practice_hub(views, &path)),
                Hub::Questions => out.page(&path, template, || hubs::questions(views, part, &path)),
                Hub::Faq => out.page(&path, template, || hubs::faq_index(views, part, &path)),
                Hub::Flashcards => out.page(&path, template, || decks::flashcards(views, &path)),
            }
        }
        Job::Tags => {
            let path = site.at("tags/");
            out.page(&path, "tags.html", || {
                pages::tags_context(views, None, &path)
            })
        }
        Job::Tag(t) => {
            let path = pages::tag_path(site, &site.graph.tags[t].slug);
            out.page(&path, "tag.html", || {
                pages::tags_context(views, Some(t), &path)
            })
        }
        Job::NotFound => {
            let path = site.at("404.html");
            out.page(&path, "404.html", || pages::not_found(views, &path))
        }
    }
}

/// The Markdown file (as shown in messages) a job renders, if any: a
/// template failing on one page out of many is found by it.
fn job_source(job: &Job, site: &Site) -> Option<String> {
    let page = match *job {
        Job::Guide(i) | Job::GuideStudy(i, _) => Some(i),
        Job::Section(dir) => site.section(dir).index,
        Job::Home => site.section("").index,
        Job::Hub(..) | Job::Tags | Job::Tag(_) | Job::NotFound => None,
    };
    page.map(|i| format!("{}/{}", crate::discover::CONTENT_DIR, site.pages[i].key))
}

/// Where a job's page goes, and what it is made from.
struct Finish<'r> {
    theme: &'r Theme,
    reuse: Reuse<'r>,
    /// The Markdown file the page is made from, for template errors.
    source: Option<String>,
    /// The digests of what its context reads, when pages may be reused.
    inputs: Option<KeyHasher>,
}

impl Finish<'_> {
    /// Renders `template` with the context `make` builds for the page at
    /// site path `path`, giving its output file and bytes; no bytes when
    /// the previous output's file was kept. A page whose inputs and
    /// templates are unchanged since the last build is not made again.
    fn page<T: Serialize>(
        &self,
        path: &str,
        template: &str,
        make: impl FnOnce() -> T,
    ) -> Result<(String, Option<Vec<u8>>), Diagnostic> {
        let theme = self.theme;
        let rel = feeds::file_of(path);
        let key = self.inputs.clone().map(|mut key| {
            key.part(&theme.fingerprint.bytes());
            key.part(template.as_bytes());
            key.part(path.as_bytes());
            key.finish()
        });
        let made = self
            .reuse
            .file(key, &rel, true, || self.render(path, template, &make()))?;
        let bytes = match made {
            Made::Kept(_) => None,
            Made::New(bytes, _) => Some(bytes),
        };
        Ok((rel, bytes))
    }

    fn render<T: Serialize>(
        &self,
        path: &str,
        template: &str,
        context: &T,
    ) -> Result<Vec<u8>, Diagnostic> {
        let theme = self.theme;
        let context = Context::from_serialize(context)
            .map_err(|e| Diagnostic::error(path, format!("cannot build template context: {e}")))?;
        let html = theme
            .tera
            .render(template, &context)
            .map_err(|e| theme.render_diagnostic(&e, template, self.source.as_deref(), path))?;
        Ok(crate::plan::rebase(&html, path).into_bytes())
    }
}
