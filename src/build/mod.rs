//! Runs the stages of a build in order and times them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

mod cache;
mod languages;
mod stamp;

use crate::config::{Config, Language};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, Severity};
use crate::discover::{self, Inventory};
use crate::frontmatter;
use crate::markdown::{self, MarkdownOptions};
use crate::output::{self, OutputError, Sink};
use crate::plan;
use crate::progress::Progress;
use crate::render::{self, Theme};
use crate::site;
pub use cache::{Cache, CacheDir};
pub use languages::LocalSite;
pub(crate) use languages::{write_index, Indexing};

/// What to build, and how.
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
    /// Where work is kept between builds (off by default).
    pub cache: CacheDir,
    /// Where the build says how far it has got (nowhere by default).
    pub progress: Progress,
    /// The process ends after the build (the command line): what the
    /// build holds is left for the operating system to take back at once
    /// instead of being freed piece by piece.
    pub exits_after: bool,
}

/// What a build wrote.
#[derive(Debug)]
pub struct BuildReport {
    /// Pages rendered from templates.
    pub pages: usize,
    /// Files written in all (pages, assets, feeds, search index).
    pub files: usize,
    /// The folder the site was written to.
    pub output_dir: PathBuf,
    /// Pages whose Markdown came from the cache (none without one).
    pub reused: Option<usize>,
    /// How long the whole build took.
    pub elapsed: Duration,
    /// How long each stage took, in order.
    pub timings: Vec<(&'static str, Duration)>,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Nothing had changed since the last build into the same folder,
    /// which was left as it was (see the cache's stamps).
    pub up_to_date: bool,
}

/// Why a build wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// `site.toml`, the theme or the output folder is wrong: exit code 2.
    #[error("the site's configuration has errors")]
    Config(Vec<Diagnostic>),
    /// Pages or templates have errors: exit code 1.
    #[error("the site has errors")]
    Content(Vec<Diagnostic>),
    /// The output folder was refused, or writing it failed.
    #[error(transparent)]
    Output(#[from] OutputError),
}

impl BuildError {
    /// The process exit code: 1 for content errors, 2 for configuration and usage errors.
    pub fn exit_code(&self) -> i32 {
        match self {
            BuildError::Content(_) => 1,
            BuildError::Config(_) | BuildError::Output(OutputError::Refused { .. }) => 2,
            BuildError::Output(OutputError::Io { .. }) => 1,
        }
    }

    /// Every problem found, sorted by file and position.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            BuildError::Config(d) | BuildError::Content(d) => d,
            BuildError::Output(_) => &[],
        }
    }
}

/// Times the stages of a build, for `-v`.
pub(crate) struct Timer {
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
    pub(crate) fn new() -> Self {
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
    /// The site's configuration.
    pub config: Config,
    /// The theme, with its templates and assets loaded.
    pub theme: Theme,
    /// The site's source files.
    pub inventory: Inventory,
    /// The site in each of its languages, the default first (a site of
    /// one language has one), with every page rendered.
    pub sites: Vec<LocalSite>,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

impl Checked {
    /// The site in its default language.
    pub fn site(&self) -> &site::Site {
        &self.sites[0].site
    }
}

/// Runs every stage short of writing: what `build` validates, in memory.
fn check_with(
    opts: &BuildOptions,
    config: Config,
    cache: Option<&mut Cache>,
    timer: &mut Timer,
) -> Result<Checked, BuildError> {
    let root = &opts.root;
    opts.progress.stage("Reading the site", 0);
    let languages = config.languages();
    // The theme compiles while the site's files are found: neither needs
    // the other, and each is a few tens of milliseconds on one core.
    let (made, inventory) = rayon::join(
        || theme_and_cache(opts, &config, cache),
        || discover::discover(root, &languages),
    );
    let ((theme, local), cache) = made?;
    let inventory = inventory.map_err(BuildError::Content)?;
    timer.lap("theme and discover");

    let mut diagnostics = Diagnostics::new();
    diagnostics.extend(theme.warnings.iter().cloned());
    diagnostics.extend(inventory.warnings.iter().cloned());
    let held = cache.filter(|c| c.is_held()).map(|c| &c.parsed);
    let has_template = |t: &str| theme.has_template(t);
    let parsed = frontmatter::parse_all(root, &inventory, opts.drafts, &has_template, held);
    diagnostics.extend(parsed.problems);
    timer.lap("front matter");

    let mut plan = match plan::plan(parsed.pages, &parsed.failed, &inventory, &languages) {
        Ok(plan) => plan,
        Err(problems) => {
            diagnostics.extend(problems);
            return Err(BuildError::Content(diagnostics.into_sorted()));
        }
    };
    let rendered = render_markdown(opts, &local, &mut plan, cache, &mut diagnostics);
    timer.lap("markdown");

    let homes: Vec<&str> = languages.iter().map(|l| l.home.as_str()).collect();
    let (sites, problems) = site::assemble(plan, rendered, &homes, config.navigation.related);
    diagnostics.extend(problems);
    timer.lap("site graph");

    if config.links.internal == crate::config::LinkSeverity::Warning {
        diagnostics.downgrade(crate::diagnostics::Code::BrokenLink);
    }
    if diagnostics.has_errors() {
        return Err(BuildError::Content(diagnostics.into_sorted()));
    }
    let sites = local
        .into_iter()
        .zip(sites)
        .map(|((language, config, theme), site)| LocalSite {
            language,
            config,
            theme,
            site,
        })
        .collect();
    Ok(Checked {
        config,
        theme,
        inventory,
        sites,
        warnings: diagnostics.into_sorted(),
    })
}

/// Every page's Markdown rendered in its language's options, through the
/// cache's stores when there is a cache; their problems go to `diagnostics`.
fn render_markdown(
    opts: &BuildOptions,
    local: &[(Language, Config, Theme)],
    plan: &mut plan::Plan,
    cache: Option<&Cache>,
    diagnostics: &mut Diagnostics,
) -> Vec<std::sync::Arc<markdown::Rendered>> {
    let options: Vec<MarkdownOptions> = local
        .iter()
        .map(|(_, config, theme)| MarkdownOptions::new(config, &theme.ui))
        .collect();
    opts.progress.stage("Rendering Markdown", plan.pages.len());
    let stores = cache.map(|c| &c.markdown);
    let rendered = markdown::render_all(plan, &options, &opts.root, stores, &opts.progress);
    for r in &rendered {
        diagnostics.extend(r.diagnostics.iter().cloned());
    }
    rendered
}

/// The theme and its languages' copies, and `cache` opened for this
/// configuration and theme.
fn theme_and_cache<'c>(
    opts: &BuildOptions,
    config: &Config,
    cache: Option<&'c mut Cache>,
) -> Result<(HeldTheme, Option<&'c Cache>), BuildError> {
    let root = &opts.root;
    let highlight = &config.highlight;
    crate::highlight::warm_up(&highlight.light_theme, &highlight.dark_theme);
    let mut cache = cache;
    let settings = format!("{config:?}");
    let made = match cache.as_deref_mut() {
        Some(cache) if cache.is_held() => held_theme(root, config, &settings, cache)?,
        _ => {
            let theme = load_theme(root, config)?;
            let local = languages::localize(root, config, &theme)?;
            (theme, local)
        }
    };
    let cache = cache.map(|cache| {
        if let CacheDir::At(dir) = &opts.cache {
            // Everything a page's work depends on besides its own inputs.
            let fingerprint = made.0.fingerprint.bytes();
            cache.open(dir, root, &[settings.as_bytes(), &fingerprint]);
        }
        &*cache
    });
    Ok((made, cache))
}

/// The site's theme; each language's interface strings and template
/// globals are set by [`languages::localize`].
fn load_theme(root: &Path, config: &Config) -> Result<Theme, BuildError> {
    Theme::load(root, config.theme.as_deref(), config.build.minify).map_err(|d| {
        let config_problem = d
            .iter()
            .any(|d| d.path() == Some(Path::new(crate::config::CONFIG_FILE)));
        if config.theme.is_some() && config_problem {
            BuildError::Config(d)
        } else {
            BuildError::Content(d)
        }
    })
}

/// What a theme and its languages' copies were made from: the settings
/// (as `format!("{config:?}")`) and the theme's files' states (see
/// [`Theme::sources`]).
pub(crate) type ThemeSources = (String, Vec<(PathBuf, u64, std::time::SystemTime)>);

/// A theme, and each language's copy of it.
pub(crate) type HeldTheme = (Theme, Vec<(Language, Config, Theme)>);

/// The theme and its languages' copies that `cache` holds when nothing
/// they were made from has changed (`serve` rebuilds keep them), else
/// made again.
fn held_theme(
    root: &Path,
    config: &Config,
    settings: &str,
    cache: &mut Cache,
) -> Result<HeldTheme, BuildError> {
    let sources = (
        settings.to_string(),
        Theme::sources(root, config.theme.as_deref()),
    );
    if let Some((held, made)) = &cache.theme {
        if *held == sources {
            return Ok(made.clone());
        }
    }
    let theme = load_theme(root, config)?;
    let local = languages::localize(root, config, &theme)?;
    let made = (theme, local);
    cache.theme = Some((sources, made.clone()));
    Ok(made)
}

/// Loads and checks the site at `opts.root` without writing anything.
pub fn check(opts: &BuildOptions) -> Result<Checked, BuildError> {
    check_with(opts, load_config(opts)?, None, &mut Timer::new())
}

/// The site's configuration, with `--base-url` (which must be an absolute
/// http(s) URL) over its `base_url`.
fn load_config(opts: &BuildOptions) -> Result<Config, BuildError> {
    let mut config = Config::load(&opts.root).map_err(BuildError::Config)?;
    if let Some(url) = &opts.base_url {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(BuildError::Config(vec![Diagnostic::new(
                Severity::Error,
                Location::Option("--base-url".into()),
                format!("`{url}` is not an absolute http(s) URL"),
            )
            .with_help("for example --base-url https://example.org/guides")]));
        }
        config.base_url = Some(url.clone());
    }
    Ok(config)
}

/// The output folder: `-o`, else `output_dir` of site.toml, else
/// `public/`; refused when building there could harm the site.
fn output_folder(opts: &BuildOptions, config: &Config) -> Result<PathBuf, BuildError> {
    let root = &opts.root;
    let (output, origin) = match (&opts.output, config.output_dir_line) {
        (Some(o), _) => (o.clone(), output::OutputOrigin::Flag),
        (None, Some(line)) => (
            root.join(&config.output_dir),
            output::OutputOrigin::Config { line },
        ),
        (None, None) => (root.join(&config.output_dir), output::OutputOrigin::Default),
    };
    Ok(output::check_output_dir(root, &output, origin)?)
}

/// Builds the site at `opts.root` into its output folder.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut timer = Timer::new();
    // Refuse a bad output folder before doing any work.
    let config = load_config(opts)?;
    let out = output_folder(opts, &config)?;
    output::sweep_leftovers(&out);
    let (stamps, manifest) = match up_to_date(opts, &config, &out) {
        Ok(fresh) => {
            timer.lap("up-to-date check");
            return Ok(BuildReport {
                pages: fresh.pages,
                files: fresh.files,
                output_dir: out,
                reused: None,
                elapsed: timer.start.elapsed(),
                timings: timer.timings,
                warnings: Vec::new(),
                up_to_date: true,
            });
        }
        Err(not) => not,
    };
    timer.lap("up-to-date check");

    let staging = output::Staging::new(&out, manifest)?;
    let mut cache = (opts.cache != CacheDir::Off).then(Cache::new);
    let indexing = Indexing::WithPages;
    let mut written = write_site(opts, config, &staging, cache.as_mut(), &mut timer, indexing)?;
    opts.progress.stage("Putting the new site in place", 0);
    let records = staging.finish()?;
    timer.lap("swap in");
    let reused = save_and_stamp(cache.as_ref(), stamps.as_ref(), &records, &written);
    timer.lap("cache and stamp");
    let warnings = std::mem::take(&mut written.checked.warnings);
    let (pages, files) = (written.pages, written.files);
    if opts.exits_after {
        // Every page's body, the caches and the site graph: freeing them
        // piece by piece is work done on one thread after the build.
        std::mem::forget((written, cache, records));
    }
    Ok(BuildReport {
        pages,
        files,
        output_dir: out,
        reused,
        elapsed: timer.start.elapsed(),
        timings: timer.timings,
        warnings,
        up_to_date: false,
    })
}

/// Writes the build cache and the output's stamp, side by side. Returns
/// how many pages' Markdown came from the cache, when there is one.
fn save_and_stamp(
    cache: Option<&Cache>,
    stamps: Option<&stamp::Stamps>,
    records: &output::Records,
    written: &Written,
) -> Option<usize> {
    let save_cache = || {
        cache.map(|cache| {
            let (rendered, _) = cache.take_counts();
            cache.sweep();
            cache.save();
            let sites = &written.checked.sites;
            let pages: usize = sites.iter().map(|l| l.site.pages.len()).sum();
            pages.saturating_sub(rendered)
        })
    };
    // A build with warnings runs again, so that they are shown again.
    let stamp = || {
        if let (Some(stamps), true) = (stamps, written.checked.warnings.is_empty()) {
            stamp_build(stamps, records, written);
        }
    };
    rayon::join(save_cache, stamp).0
}

/// What the last build into `out` made, when nothing has changed since
/// (see `stamp`); else the stamp this build is to leave, cleared now
/// that the folder is about to change (none without a cache), and what
/// the last build left in the folder.
fn up_to_date(
    opts: &BuildOptions,
    config: &Config,
    out: &Path,
) -> Result<stamp::Fresh, (Option<stamp::Stamps>, output::Manifest)> {
    let CacheDir::At(dir) = &opts.cache else {
        return Err((None, output::Manifest::default()));
    };
    let site = cache::site_folder(dir, &opts.root);
    let stamps = stamp::Stamps::new(&site, &opts.root, out, config, opts.drafts);
    match stamps.fresh() {
        Ok(fresh) => {
            cache::keep_bound(dir, &opts.root);
            Ok(fresh)
        }
        Err(manifest) => {
            stamps.clear();
            Err((Some(stamps), manifest))
        }
    }
}

/// Leaves the stamp of a build that succeeded.
fn stamp_build(stamps: &stamp::Stamps, records: &output::Records, written: &Written) {
    let pages = written.checked.sites.iter().flat_map(|l| &l.site.pages);
    let includes = pages.flat_map(|p| &p.rendered.includes);
    let made = stamp::Fresh {
        pages: written.pages,
        files: written.files,
    };
    stamps.save(includes, records, made);
}

/// A site checked, rendered and handed to a sink.
pub(crate) struct Written {
    pub checked: Checked,
    pub pages: usize,
    pub files: usize,
}

/// Checks the site, renders it and writes every file to `sink`. With a
/// cache, unchanged Markdown and pages are reused.
pub(crate) fn write_site(
    opts: &BuildOptions,
    config: Config,
    sink: &dyn Sink,
    cache: Option<&mut Cache>,
    timer: &mut Timer,
    indexing: Indexing,
) -> Result<Written, BuildError> {
    let mut cache = cache;
    let checked = check_with(opts, config, cache.as_deref_mut(), timer)?;
    let cache = cache.as_deref();
    let mut files = copy_files(&checked, sink)?;
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
    let keep: render::Keep<'_> = &|rel, record| sink.keep(rel, record);
    let reuse = render::Reuse {
        files: cache.and_then(Cache::file_records).map(|f| (f, keep)),
    };
    let stores = cache.and_then(Cache::search_stores);
    let progress = &opts.progress;
    let (pages, written) = languages::write_all(&checked, reuse, stores, sink, progress, indexing)?;
    timer.lap("pages and search");
    files += written;
    Ok(Written {
        checked,
        pages,
        files,
    })
}

/// Copies the theme's assets (those under `math/` only for a site with
/// math), `static/` and the content's own files.
/// Later copies win: theme files, then static/, then content assets;
/// pages, written after them, win over all of them.
fn copy_files(checked: &Checked, sink: &dyn Sink) -> Result<usize, BuildError> {
    // The theme's math stylesheet and font go only to sites with math.
    let math = checked.sites.iter().any(|l| l.site.has_math());
    let theme = checked
        .theme
        .assets
        .iter()
        .filter(|a| math || !a.rel.starts_with("math/"));
    let inventory = &checked.inventory;
    let mut copies: Vec<(&str, Source)> = theme
        .map(|a| (a.rel.as_str(), Source::Bytes(&a.bytes)))
        .chain(
            inventory
                .static_files
                .iter()
                .chain(&inventory.assets)
                .map(|f| (f.rel.as_str(), Source::Copy(&f.path))),
        )
        .collect();
    let mut seen = HashSet::new();
    copies.reverse();
    copies.retain(|(rel, _)| seen.insert(*rel));
    copies
        .par_iter()
        .try_for_each(|(rel, source)| match source {
            Source::Bytes(bytes) => sink.write(rel, bytes),
            Source::Copy(from) => sink.copy(rel, from),
        })?;
    Ok(copies.len())
}

enum Source<'a> {
    Bytes(&'a [u8]),
    Copy(&'a Path),
}
