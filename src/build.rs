//! Runs the stages of a build in order and times them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::cache::Cache;
use crate::config::Config;
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::discover::{self, Inventory, SourcePage};
use crate::frontmatter;
use crate::markdown::{self, MarkdownInput, MarkdownOptions, Rendered, StudyText};
use crate::output::{self, OutputError, Sink};
use crate::render::{self, Theme};
use crate::site::{self, ParsedPage, Plan};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (holding `site.toml`).
    pub root: PathBuf,
    /// Overrides `output_dir` of `site.toml`; relative to the current folder.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` of `site.toml`.
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
}

#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub output_dir: PathBuf,
    pub elapsed: Duration,
    /// How long each stage took, in order.
    pub timings: Vec<(&'static str, Duration)>,
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// `site.toml`, the theme or the output folder is wrong: exit code 2.
    #[error("the site's configuration has errors")]
    Config(Vec<Diagnostic>),
    /// Pages or templates have errors: exit code 1.
    #[error("the site has errors")]
    Content(Vec<Diagnostic>),
    #[error(transparent)]
    Output(#[from] OutputError),
}

impl BuildError {
    pub fn exit_code(&self) -> i32 {
        match self {
            BuildError::Content(_) => 1,
            BuildError::Config(_) | BuildError::Output(OutputError::Refused { .. }) => 2,
            BuildError::Output(OutputError::Io { .. }) => 1,
        }
    }

    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            BuildError::Config(d) | BuildError::Content(d) => d,
            BuildError::Output(_) => &[],
        }
    }
}

/// Times the stages of a build, for `-v`.
pub struct Timer {
    start: Instant,
    last: Instant,
    pub timings: Vec<(&'static str, Duration)>,
}

impl Default for Timer {
    fn default() -> Self {
        Self::new()
    }
}

impl Timer {
    pub fn new() -> Self {
        let now = Instant::now();
        Timer {
            start: now,
            last: now,
            timings: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.timings.push((stage, now - self.last));
        self.last = now;
    }
}

/// Everything a build has checked and rendered, before anything is written.
pub struct Checked {
    pub config: Config,
    pub theme: Theme,
    pub inventory: Inventory,
    pub site: site::Site,
    pub warnings: Vec<Diagnostic>,
}

/// Runs every stage short of writing: what `build` validates, in memory.
fn check_with(
    opts: &BuildOptions,
    config: Config,
    cache: Option<&Cache>,
    timer: &mut Timer,
) -> Result<Checked, BuildError> {
    let root = &opts.root;
    let mut theme = Theme::load(root, config.theme.as_deref()).map_err(|d| {
        if config.theme.is_some()
            && d.iter()
                .any(|d| d.path == Path::new(crate::config::CONFIG_FILE))
        {
            BuildError::Config(d)
        } else {
            BuildError::Content(d)
        }
    })?;
    merge_ui(&mut theme, &config)?;
    let ui = theme.ui.clone();
    let globals = crate::render::views::Globals::new(&config, &ui, &theme.asset_version);
    let globals = tera::Context::from_serialize(&globals).map_err(|e| {
        BuildError::Content(vec![Diagnostic::error(
            "templates",
            format!("cannot build template context: {e}"),
        )])
    })?;
    theme.tera.global_context().extend(globals);
    timer.lap("config and theme");

    let inventory = discover::discover(root).map_err(BuildError::Content)?;
    timer.lap("discover");

    let mut diagnostics = Diagnostics::new();
    diagnostics.extend(theme.warnings.iter().cloned());
    diagnostics.extend(inventory.warnings.iter().cloned());
    let (parsed, failed) = parse_pages(root, &inventory, opts.drafts, &theme, &mut diagnostics);
    timer.lap("front matter");

    let mut plan = match site::plan(parsed, &failed, &inventory) {
        Ok(plan) => plan,
        Err(problems) => {
            diagnostics.extend(problems);
            return Err(BuildError::Content(diagnostics.into_sorted()));
        }
    };
    let rendered = render_markdown(&mut plan, &config, study_text(&theme.ui), cache);
    for r in &rendered {
        diagnostics.extend(r.diagnostics.iter().cloned());
    }
    timer.lap("markdown");

    let (site, problems) = site::assemble(plan, rendered, &inventory, config.navigation.related);
    diagnostics.extend(problems);
    timer.lap("site graph");

    if config.links.internal == crate::config::LinkSeverity::Warning {
        diagnostics.downgrade(site::BROKEN_LINK);
    }
    if diagnostics.has_errors() {
        return Err(BuildError::Content(diagnostics.into_sorted()));
    }
    Ok(Checked {
        config,
        theme,
        inventory,
        site,
        warnings: diagnostics.into_sorted(),
    })
}

/// Loads and checks the site at `opts.root` without writing anything.
pub fn check(opts: &BuildOptions) -> Result<Checked, BuildError> {
    let mut config = Config::load(&opts.root).map_err(BuildError::Config)?;
    if let Some(url) = &opts.base_url {
        config.base_url = Some(url.clone());
    }
    check_with(opts, config, None, &mut Timer::new())
}

/// The site's `[ui]` strings replace the theme's, key by key; a key the
/// theme does not know is a typo.
fn merge_ui(theme: &mut Theme, config: &Config) -> Result<(), BuildError> {
    let mut problems = Vec::new();
    for (key, value) in &config.ui {
        if !theme.ui.is_empty() && !theme.ui.contains_key(key) {
            let near = crate::diagnostics::suggest(key, theme.ui.keys().map(String::as_str));
            let help = near.map_or("see the theme's ui.toml for the keys".to_string(), |n| {
                format!("did you mean `{n}`?")
            });
            problems.push(
                Diagnostic::error(
                    crate::config::CONFIG_FILE,
                    format!("unknown interface string `{key}` in [ui]"),
                )
                .with_help(help),
            );
        }
        theme.ui.insert(key.clone(), value.clone());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(BuildError::Config(problems))
    }
}

fn study_text(ui: &std::collections::BTreeMap<String, String>) -> StudyText {
    let defaults = StudyText::default();
    StudyText {
        practice_link: ui
            .get("practice_link")
            .cloned()
            .unwrap_or(defaults.practice_link),
        practice_link_one: ui
            .get("practice_link_one")
            .cloned()
            .unwrap_or(defaults.practice_link_one),
    }
}

/// Builds the site at `opts.root` into its output folder.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut timer = Timer::new();
    let root = &opts.root;
    // Refuse a bad output folder before doing any work.
    let mut config = Config::load(root).map_err(BuildError::Config)?;
    if let Some(url) = &opts.base_url {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(BuildError::Config(vec![Diagnostic::error(
                "--base-url",
                format!("`{url}` is not an absolute http(s) URL"),
            )
            .with_help("for example --base-url https://example.org/guides")]));
        }
        config.base_url = Some(url.clone());
    }
    let (output, origin) = match (&opts.output, config.output_dir_line) {
        (Some(o), _) => (o.clone(), output::OutputOrigin::Flag),
        (None, Some(line)) => (
            root.join(&config.output_dir),
            output::OutputOrigin::Config { line },
        ),
        (None, None) => (root.join(&config.output_dir), output::OutputOrigin::Default),
    };
    let out = output::check_output_dir(root, &output, origin)?;

    let staging = output::Staging::new(&out)?;
    let written = write_site(opts, config, &staging, None, &mut timer)?;
    staging.finish()?;
    timer.lap("swap in");
    Ok(BuildReport {
        pages: written.pages,
        files: written.files,
        output_dir: out,
        elapsed: timer.start.elapsed(),
        timings: timer.timings,
        warnings: written.checked.warnings,
    })
}

/// A site checked, rendered and handed to a sink.
pub struct Written {
    pub checked: Checked,
    pub pages: usize,
    pub files: usize,
}

/// Checks the site, renders it and writes every file to `sink`. With a
/// cache, unchanged Markdown and pages are reused.
pub fn write_site(
    opts: &BuildOptions,
    config: Config,
    sink: &dyn Sink,
    cache: Option<&Cache>,
    timer: &mut Timer,
) -> Result<Written, BuildError> {
    let checked = check_with(opts, config, cache, timer)?;
    // Later copies win: theme files, then static/, then content assets;
    // pages, written last, win over all of them.
    let mut copies: Vec<(&str, Source)> = Vec::new();
    copies.extend(
        checked
            .theme
            .assets
            .iter()
            .map(|a| (a.rel.as_str(), Source::Bytes(&a.bytes))),
    );
    copies.extend(
        checked
            .inventory
            .static_files
            .iter()
            .map(|f| (f.rel.as_str(), Source::Copy(&f.path))),
    );
    copies.extend(
        checked
            .inventory
            .assets
            .iter()
            .map(|f| (f.rel.as_str(), Source::Copy(&f.path))),
    );
    let mut seen = HashSet::new();
    copies.reverse();
    copies.retain(|(rel, _)| seen.insert(*rel));
    copies
        .par_iter()
        .try_for_each(|(rel, source)| match source {
            Source::Bytes(bytes) => sink.write(rel, bytes),
            Source::Copy(from) => sink.copy(rel, from),
        })?;
    let mut files = copies.len();
    let config = &checked.config;
    let own_robots = checked
        .inventory
        .static_files
        .iter()
        .any(|f| f.rel == "robots.txt");
    if config.feeds.robots && !own_robots {
        let sitemap = config
            .base_url()
            .filter(|_| config.feeds.sitemap)
            .map(|b| format!("{b}/sitemap.xml"));
        sink.write(
            "robots.txt",
            crate::render::feeds::robots(sitemap.as_deref()).as_bytes(),
        )?;
        files += 1;
    }
    // The search index is mostly one thread's work (merging postings), so
    // it is built beside the pages rather than after them.
    let (written, index) = rayon::join(
        || {
            render::render_site(
                &checked.site,
                &checked.theme,
                &checked.config,
                cache,
                |file| {
                    sink.write(&file.rel, &file.bytes)
                        .map_err(|e| Diagnostic::error(&file.rel, e.to_string()))
                },
            )
        },
        || {
            crate::search::build(&checked.site, cache.map(|c| &c.search), |rel, bytes| {
                sink.write(rel, bytes)
            })
        },
    );
    let written = written.map_err(BuildError::Content)?;
    let index = index?;
    timer.lap("pages and search");
    files += written + index + 1;
    drop(copies);
    Ok(Written {
        checked,
        pages: written,
        files,
    })
}

enum Source<'a> {
    Bytes(&'a [u8]),
    Copy(&'a Path),
}

/// Reads and splits every page in parallel, dropping drafts unless asked.
/// Pages whose front matter fails come back apart, so links to them are not
/// reported as broken on top of their own error.
fn parse_pages(
    root: &Path,
    inventory: &Inventory,
    drafts: bool,
    theme: &Theme,
    diagnostics: &mut Diagnostics,
) -> (Vec<ParsedPage>, Vec<SourcePage>) {
    let results: Vec<Result<Option<ParsedPage>, Vec<Diagnostic>>> = inventory
        .pages
        .par_iter()
        .map(|source| {
            let shown = display_path(root, &source.path)
                .to_string_lossy()
                .replace('\\', "/");
            let text = crate::encoding::read_text(&source.path, &shown).map_err(|d| vec![d])?;
            let split = frontmatter::split(&shown, &text).map_err(|d| vec![d])?;
            let front = frontmatter::parse(&shown, &text, &split)?;
            if let Some(template) = &front.template {
                if !theme.has_template(template) {
                    let (line, column) = frontmatter::key_position(&split, "template");
                    return Err(vec![Diagnostic::error(
                        &shown,
                        format!("template `{template}` not found"),
                    )
                    .at(&text, line, column)
                    .with_help(
                        "put it in the site's templates/ folder or the theme's templates/",
                    )]);
                }
            }
            if front.draft && !drafts {
                return Ok(None);
            }
            let body_offset = split.body_offset;
            Ok(Some(ParsedPage {
                source: source.clone(),
                display_path: shown,
                text,
                front,
                body_offset,
            }))
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut failed = Vec::new();
    for (r, source) in results.into_iter().zip(&inventory.pages) {
        match r {
            Ok(Some(p)) => pages.push(p),
            Ok(None) => {}
            Err(d) => {
                diagnostics.extend(d);
                failed.push(source.clone());
            }
        }
    }
    (pages, failed)
}

/// Renders every page's Markdown in parallel. With a cache, a page is
/// rendered again only when its text, the site's URLs or the options
/// changed, since those are all a page's Markdown depends on.
fn render_markdown(
    plan: &mut Plan,
    config: &Config,
    study_text: StudyText,
    cache: Option<&Cache>,
) -> Vec<Arc<Rendered>> {
    let options = MarkdownOptions {
        palette: config.highlight.enabled.then(|| {
            crate::highlight::Palette::get(
                &config.highlight.light_theme,
                &config.highlight.dark_theme,
            )
        }),
        line_numbers: config.highlight.line_numbers,
        smart_punctuation: config.markdown.smart_punctuation,
        study_text,
        raw_html: config.markdown.raw_html,
    };
    let context = cache.map(|_| {
        let mut hash = crate::hash::Fnv::new();
        hash.write(format!("{options:?}").as_bytes());
        hash.write(plan.urls.fingerprint().as_bytes());
        hash.long()
    });
    let urls = &plan.urls;
    plan.pages
        .par_iter_mut()
        .map(|page| {
            let parsed = &mut page.parsed;
            let key = context.as_ref().map(|c| {
                let mut hash = crate::hash::Quick::default();
                hash.write(c.as_bytes());
                hash.write(parsed.display_path.as_bytes());
                hash.write(parsed.text.as_bytes());
                hash.hex()
            });
            if let (Some(cache), Some(key)) = (cache, &key) {
                if let Some(hit) = cache.markdown(&parsed.source.rel, key) {
                    return hit;
                }
            }
            let input = MarkdownInput {
                display_path: &parsed.display_path,
                page: &parsed.source.rel,
                file_text: &parsed.text,
                body_offset: parsed.body_offset,
                resolver: urls,
                options: &options,
                is_guide: parsed.source.kind == crate::discover::PageKind::Guide,
            };
            let rendered = Arc::new(markdown::render(parsed.body(), &input));
            // Later stages only point into the front matter; a big site's
            // bodies are not kept in memory beside their HTML.
            parsed.text = parsed.text[..parsed.body_offset].to_string();
            if let (Some(cache), Some(key)) = (cache, key) {
                cache.store_markdown(&parsed.source.rel, key, Arc::clone(&rendered));
            }
            rendered
        })
        .collect()
}
