//! Rendering the site graph through the theme's templates.

pub mod feeds;
pub mod pages;
pub mod study;
pub mod theme;
pub mod views;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::cache::{KeyHasher, Store};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::discover::PageKind;
use crate::plan::{relative_url, url_path};
use crate::site::Site;
pub use theme::Theme;
use views::{Common, Crumb, GuideView, SectionCard, SectionNav, SectionView, Views};

/// Finished pages kept between builds, keyed by their template and context.
pub type PageStore = Store<Vec<u8>>;

/// A file of the finished site, relative to the output root.
#[derive(Debug)]
pub struct OutputFile {
    pub rel: String,
    pub bytes: Vec<u8>,
}

#[derive(Serialize)]
struct HomeContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    home: HomeView<'a>,
    sections: Vec<SectionCard<'a>>,
    guides: Vec<views::GuideCard<'a>>,
}

#[derive(Serialize)]
struct HomeView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    content: &'a str,
    extra: Option<&'a serde_yaml::Mapping>,
}

#[derive(Serialize)]
struct SectionContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    section: SectionView<'a>,
    breadcrumbs: Vec<Crumb<'a>>,
}

#[derive(Serialize)]
struct GuideContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    guide: GuideView<'a>,
    section: Option<SectionNav<'a>>,
    breadcrumbs: Vec<Crumb<'a>>,
    /// Article and breadcrumb structured data, for `<script type="application/ld+json">`.
    json_ld: String,
}

/// One page to render: its site path, template, and what fills it.
enum Job<'a> {
    Home,
    Section(&'a str),
    Guide(usize),
    GuideStudy(usize, study::GuidePage),
    Hub(&'static str, study::Part<'a>),
    Tags,
    Tag(usize),
    NotFound,
}

/// Renders every page of `site` and hands each to `write` as soon as it is
/// ready, so finished pages need not all sit in memory. Returns the number
/// of pages; the stylesheet for code comes along.
pub fn render_site<W>(
    site: &Site,
    theme: &Theme,
    config: &Config,
    cache: Option<&PageStore>,
    write: W,
) -> Result<usize, Vec<Diagnostic>>
where
    W: Fn(OutputFile) -> Result<(), Diagnostic> + Sync,
{
    let views = Views {
        site,
        config,
        ui: &theme.ui,
    };
    let mut jobs = vec![Job::Home, Job::NotFound];
    jobs.extend(
        site.sections
            .keys()
            .filter(|d| !d.is_empty())
            .map(|d| Job::Section(d)),
    );
    jobs.extend(
        site.pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == PageKind::Guide)
            .map(|(i, _)| Job::Guide(i)),
    );
    for (i, page) in site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PageKind::Guide)
    {
        for kind in [
            study::GuidePage::Practice,
            study::GuidePage::Faq,
            study::GuidePage::Flashcards,
        ] {
            if kind.applies(page) {
                jobs.push(Job::GuideStudy(i, kind));
            }
        }
    }
    // Found once per hub: each part's page lists some of them.
    let hubs: Vec<_> = study::HUB_PAGES
        .into_iter()
        .map(|hub| (hub, study::hub_parts(site, hub)))
        .collect();
    for (hub, parts) in &hubs {
        match parts {
            None => jobs.push(Job::Hub(hub, study::Part::Whole)),
            Some(parts) => {
                jobs.push(Job::Hub(hub, study::Part::Index(parts)));
                jobs.extend(
                    (0..parts.len()).map(|place| Job::Hub(hub, study::Part::Section(parts, place))),
                );
            }
        }
    }
    jobs.push(Job::Tags);
    jobs.extend((0..site.graph.tags.len()).map(Job::Tag));

    let results: Vec<Result<String, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let file = render_job(job, &views, theme, cache)?;
            let rel = file.rel.clone();
            write(file)?;
            Ok(rel)
        })
        .collect();
    let mut paths = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok(rel) if rel != "404.html" => {
                paths.push(format!("/{}", rel.trim_end_matches("index.html")))
            }
            Ok(_) => {}
            Err(d) => problems.push(d),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut files = vec![
        (study::PRACTICE_DATA.to_string(), study::practice_data(site)),
        (
            "highlight.css".to_string(),
            crate::highlight::Palette::get(
                &config.highlight.light_theme,
                &config.highlight.dark_theme,
            )
            .stylesheet(
                &site
                    .pages
                    .iter()
                    .flat_map(|p| p.rendered.classes.iter().map(|(k, v)| (k.clone(), *v)))
                    .collect(),
            ),
        ),
    ];
    for (alias, page) in &site.aliases {
        let page = &site.pages[*page];
        files.push((
            feeds::file_of(alias),
            feeds::redirect(alias, &page.path, config.base_url()),
        ));
    }
    if let Some(base) = config.base_url() {
        if config.feeds.sitemap {
            files.push(("sitemap.xml".into(), feeds::sitemap(site, base, &paths)));
        }
        if config.feeds.atom {
            files.push(("atom.xml".into(), feeds::atom(site, config, base)));
        }
    }
    for (rel, text) in files {
        write(OutputFile {
            rel,
            bytes: text.into_bytes(),
        })
        .map_err(|d| vec![d])?;
    }
    Ok(jobs.len())
}

fn render_job(
    job: &Job,
    views: &Views,
    theme: &Theme,
    cache: Option<&PageStore>,
) -> Result<OutputFile, Diagnostic> {
    let site = views.site;
    let source = job_source(job, site);
    let source = source.as_deref();
    let owned_path;
    match *job {
        Job::GuideStudy(i, kind) => {
            let page = &site.pages[i];
            owned_path = kind.path(page);
            let context = study::guide_page_context(views, kind, i, &owned_path);
            finish(
                owned_path.clone(),
                kind.template(),
                &context,
                source,
                theme,
                cache,
            )
        }
        Job::Tags | Job::Tag(_) => {
            let tag = match *job {
                Job::Tag(t) => Some(t),
                _ => None,
            };
            owned_path = tag.map_or("/tags/".to_string(), |t| {
                pages::tag_path(&site.graph.tags[t].slug)
            });
            let context = pages::tags_context(views, tag, &owned_path);
            let template = if tag.is_some() {
                "tag.html"
            } else {
                "tags.html"
            };
            finish(owned_path.clone(), template, &context, source, theme, cache)
        }
        Job::Hub(hub, part) => {
            owned_path = match part.dir() {
                Some(dir) => format!("{hub}{dir}/"),
                None => hub.to_string(),
            };
            let path = owned_path.as_str();
            let template = match hub {
                "/practice/" => "practice_hub.html",
                "/questions/" => "questions.html",
                "/faq/" => "faq_index.html",
                _ => "flashcards.html",
            };
            let context = study::hub_context(views, hub, part, path);
            finish(path.to_string(), template, &context, source, theme, cache)
        }
        Job::Home => {
            let home = site.section("");
            let index = home.index.map(|i| &site.pages[i]);
            let path = "/";
            let context = HomeContext {
                common: views.common(path, "./".into()),
                home: HomeView {
                    title: views.home_title(),
                    description: index
                        .and_then(|p| p.front.description.as_deref())
                        .or(views.config.description.as_deref()),
                    content: index.map_or("", |p| p.rendered.html.as_str()),
                    extra: index.map(|p| &p.front.extra),
                },
                sections: home
                    .subsections
                    .iter()
                    .map(|d| views.section_card(path, site.section(d)))
                    .collect(),
                guides: home
                    .guides
                    .iter()
                    .map(|&g| views.guide_card(path, &site.pages[g]))
                    .collect(),
            };
            let template = index
                .and_then(|p| p.front.template.as_deref())
                .unwrap_or("home.html");
            finish(path.to_string(), template, &context, source, theme, cache)
        }
        Job::NotFound => {
            // Served at any depth, so links start from the site's own path.
            let root = views.config.base_url().map_or("/".to_string(), |b| {
                let after_scheme = b.split_once("://").map_or(b, |(_, rest)| rest);
                let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
                format!("{}/", path.trim_end_matches('/'))
            });
            let mut common = views.common("/404.html", root.clone());
            // Relative links would depend on the missing URL's depth.
            common.canonical = None;
            for item in &mut common.nav {
                item.url = format!("{root}{}", url_path(item.path.trim_start_matches('/')));
            }
            finish(
                String::from("/404.html"),
                "404.html",
                &common,
                source,
                theme,
                cache,
            )
        }
        Job::Section(dir) => {
            let section = site.section(dir);
            let path = section.path.as_str();
            let context = SectionContext {
                common: views.common(path, relative_url(path, "/")),
                section: views.section(section),
                breadcrumbs: views.breadcrumbs(path, dir, false),
            };
            let template = section
                .index
                .and_then(|i| site.pages[i].front.template.as_deref())
                .unwrap_or("section.html");
            finish(path.to_string(), template, &context, source, theme, cache)
        }
        Job::Guide(i) => {
            let page = &site.pages[i];
            let path = page.path.as_str();
            let dir = crate::plan::parent_dir(&page.key);
            let context = GuideContext {
                common: views.common(path, relative_url(path, "/")),
                guide: views.guide(path, i),
                section: (!dir.is_empty()).then(|| views.section_nav(i, site.section(dir))),
                breadcrumbs: views.breadcrumbs(path, dir, true),
                json_ld: pages::guide_json_ld(views, i),
            };
            let template = page.front.template.as_deref().unwrap_or("guide.html");
            finish(path.to_string(), template, &context, source, theme, cache)
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

/// Renders `template` with `context` for the page at site path `path`,
/// made from the Markdown file `source`. With a cache, a page whose context
/// and templates are unchanged since the last build is not rendered again.
fn finish<T: Serialize>(
    path: String,
    template: &str,
    context: &T,
    source: Option<&str>,
    theme: &Theme,
    cache: Option<&PageStore>,
) -> Result<OutputFile, Diagnostic> {
    let rel = feeds::file_of(&path);
    let key = cache.map(|_| {
        let mut key = KeyHasher::new();
        key.part(theme.fingerprint.as_bytes());
        key.part(template.as_bytes());
        key.part(path.as_bytes());
        // Streamed into the hash in a binary form, where page bodies stand
        // in by their hash: no copy of the context is made.
        key.value(context);
        key.finish()
    });
    if let (Some(cache), Some(key)) = (cache, key) {
        if let Some(bytes) = cache.get(key) {
            return Ok(OutputFile { rel, bytes });
        }
    }
    let context = Context::from_serialize(context).map_err(|e| {
        Diagnostic::error(path.as_str(), format!("cannot build template context: {e}"))
    })?;
    let html = theme
        .tera
        .render(template, &context)
        .map_err(|e| theme.render_diagnostic(&e, template, source, &path))?;
    let bytes = crate::plan::rebase(&html, &path).into_bytes();
    if let (Some(cache), Some(key)) = (cache, key) {
        cache.put(key, bytes.clone());
    }
    Ok(OutputFile { rel, bytes })
}
