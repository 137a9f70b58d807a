//! `syllabus serve`: builds the site into memory, serves it on loopback,
//! watches the sources and rebuilds on every change, reusing what did not
//! change. Open pages reload themselves after a good build and show the
//! errors of a bad one, while the last good pages stay served.

pub(crate) mod http;
pub(crate) mod memory;
mod watch;

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use notify::EventKind;

use crate::build::{
    write_index, write_site, BuildError, BuildOptions, Cache, CacheDir, Indexing, Timer,
};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Location, Severity};
use memory::{MemorySink, MemorySite};

/// What `syllabus serve` serves, and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site's folder.
    pub root: PathBuf,
    /// The address to listen on (loopback by default).
    pub bind: IpAddr,
    /// The port to try first; the next free one is taken if it is busy.
    pub port: u16,
    /// Open the site in the browser once it is served.
    pub open: bool,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// Print less.
    pub quiet: bool,
    /// Print how long each stage of each rebuild takes.
    pub verbose: bool,
    /// Where rebuilds keep their work between sessions.
    pub cache: CacheDir,
}

/// What one rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuild {
    /// How long the rebuild took.
    pub elapsed: Duration,
    /// Pages whose Markdown had to be rendered again.
    pub markdown_rendered: usize,
    /// Pages whose template had to be rendered again.
    pub pages_rendered: usize,
    /// Pages in the site.
    pub pages: usize,
    /// Problems that did not stop the rebuild.
    pub warnings: Vec<Diagnostic>,
    /// How long each stage took.
    pub timings: Vec<(&'static str, Duration)>,
}

/// A site being served: its options and what rebuilds can reuse.
pub struct Session {
    opts: BuildOptions,
    cache: Cache,
    config_text: Option<String>,
    /// The last good build, whose unchanged pages the next one keeps.
    last: Option<Arc<MemorySite>>,
}

impl Session {
    /// A session for the site at `root`, nothing built yet, with no cache
    /// on disk (see [`Session::keep_cache_in`]).
    pub fn new(root: &Path, drafts: bool) -> Session {
        let opts = BuildOptions {
            root: root.to_path_buf(),
            drafts,
            ..BuildOptions::default()
        };
        Session {
            opts,
            cache: Cache::holding_pages(),
            config_text: None,
            last: None,
        }
    }

    /// Keeps the work of rebuilds in `dir` too, as `build` does, so the
    /// next session (or build) starts from it.
    pub fn keep_cache_in(mut self, dir: CacheDir) -> Session {
        self.opts.cache = dir;
        self
    }

    /// What rebuilds reuse.
    pub fn cache(&self) -> &Cache {
        &self.cache
    }

    /// Builds the whole site into memory, reusing unchanged work.
    pub fn rebuild(&mut self) -> Result<(Arc<MemorySite>, Rebuild), Vec<Diagnostic>> {
        let started = Instant::now();
        let pages = self.rebuild_pages()?;
        let mut report = pages.report.clone();
        let site = self.index(pages)?;
        report.elapsed = started.elapsed();
        Ok((site, report))
    }

    /// Builds the site's pages into memory, reusing unchanged work; its
    /// search index is made by [`Session::index`]. Meanwhile the site
    /// searches with the last build's index: a reader sees an edit as
    /// soon as its pages are made, and the index follows a moment later.
    pub fn rebuild_pages(&mut self) -> Result<Pages, Vec<Diagnostic>> {
        let started = Instant::now();
        // A changed site.toml can change any page: start afresh.
        let text = std::fs::read_to_string(self.opts.root.join(crate::config::CONFIG_FILE)).ok();
        if text != self.config_text {
            self.cache = Cache::holding_pages();
            self.config_text = text;
            self.last = None;
        }
        let config = Config::load(&self.opts.root)?;
        // Counted per rebuild, whatever a failed one before it left.
        self.cache.take_counts();
        let sink = MemorySink::after(self.last.clone());
        let mut timer = Timer::new();
        let cache = Some(&mut self.cache);
        let written = write_site(
            &self.opts,
            config,
            &sink,
            cache,
            &mut timer,
            Indexing::Later,
        )
        .map_err(diagnostics)?;
        let (markdown_rendered, pages_rendered) = self.cache.take_counts();
        let report = Rebuild {
            elapsed: started.elapsed(),
            markdown_rendered,
            pages_rendered,
            pages: written.pages,
            warnings: written.checked.warnings.clone(),
            timings: timer.timings,
        };
        let mut site = sink.into_site();
        if let Some(last) = &self.last {
            site.carry_index(last);
        }
        let site = Arc::new(site);
        self.last = Some(Arc::clone(&site));
        Ok(Pages {
            site,
            report,
            checked: written.checked,
        })
    }

    /// Makes the search index of the site `pages` holds: the site with it.
    pub fn index(&mut self, pages: Pages) -> Result<Arc<MemorySite>, Vec<Diagnostic>> {
        let sink = MemorySink::default();
        write_index(&pages.checked, self.cache.search_stores(), &sink).map_err(diagnostics)?;
        // What this build did not ask for goes (the index asks last).
        self.cache.sweep();
        let mut site = Arc::unwrap_or_clone(pages.site);
        site.replace_index(sink.into_site());
        let site = Arc::new(site);
        self.last = Some(Arc::clone(&site));
        Ok(site)
    }
}

/// A rebuild whose pages are made, and its search index not yet.
pub struct Pages {
    /// The site, with the last build's search index.
    pub site: Arc<MemorySite>,
    /// What the rebuild did so far.
    pub report: Rebuild,
    checked: crate::build::Checked,
}

/// A failed build's problems, as `serve` shows them.
fn diagnostics(e: BuildError) -> Vec<Diagnostic> {
    match e {
        BuildError::Output(o) => vec![Diagnostic::new(
            Severity::Error,
            Location::Site("output".into()),
            o.to_string(),
        )],
        other => other.diagnostics().to_vec(),
    }
}

/// Shared between the HTTP threads and the rebuild loop.
pub(crate) struct State {
    site: RwLock<Arc<MemorySite>>,
    status: Mutex<Status>,
    changed: Condvar,
}

#[derive(Default)]
struct Status {
    build: u64,
    errors: Vec<String>,
}

impl State {
    pub(crate) fn new() -> State {
        State {
            site: RwLock::new(Arc::new(MemorySite::default())),
            status: Mutex::default(),
            changed: Condvar::new(),
        }
    }

    pub(crate) fn site(&self) -> Arc<MemorySite> {
        Arc::clone(&self.site.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// The served site with the number of the build it is from, or of a
    /// later one: a page tells the number to its live-reload script, which
    /// then reloads after any build past it, even one that came before
    /// the script first asked. Read in this order, as a build's site is
    /// replaced before its number is bumped.
    pub(crate) fn numbered_site(&self) -> (u64, Arc<MemorySite>) {
        let build = self.status.lock().unwrap_or_else(|e| e.into_inner()).build;
        (build, self.site())
    }

    /// A good build: serve it and tell open pages to reload.
    pub(crate) fn publish(&self, site: Arc<MemorySite>) {
        self.replace(site);
        self.bump(Vec::new());
    }

    /// The same pages with more (their search index): served, with no
    /// reload of open pages.
    pub(crate) fn replace(&self, site: Arc<MemorySite>) {
        *self.site.write().unwrap_or_else(|e| e.into_inner()) = site;
    }

    /// A failed build: keep the last good site, show the errors.
    pub(crate) fn publish_errors(&self, errors: &[Diagnostic]) {
        self.bump(
            errors
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.to_string())
                .collect(),
        );
    }

    fn bump(&self, errors: Vec<String>) {
        let mut status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        status.build += 1;
        status.errors = errors;
        self.changed.notify_all();
    }

    /// The build state as JSON, once it differs from `since` (or at once
    /// without `since`), or after `timeout`.
    pub(crate) fn wait(&self, since: Option<u64>, timeout: Duration) -> String {
        let status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        let status = match since {
            Some(since) => {
                self.changed
                    .wait_timeout_while(status, timeout, |s| s.build == since)
                    .unwrap_or_else(|e| e.into_inner())
                    .0
            }
            None => status,
        };
        serde_json::json!({ "build": status.build, "errors": status.errors }).to_string()
    }
}

impl Default for State {
    fn default() -> Self {
        Self::new()
    }
}

/// Why `serve` could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// No port could be opened at the address (address, reason).
    #[error("cannot listen on {0}: {1}")]
    Listen(String, String),
    /// A folder of the site could not be watched (folder, reason).
    #[error("cannot watch {0}: {1}")]
    Watch(PathBuf, String),
}

/// Binds to `port` or, when it is busy, one of the next ten.
fn bind(opts: &ServeOptions) -> Result<(tiny_http::Server, u16), ServeError> {
    let mut last = String::new();
    for port in opts.port..opts.port.saturating_add(10) {
        match tiny_http::Server::http((opts.bind, port)) {
            Ok(server) => {
                // Port 0 asks the system for any free port.
                let port = server.server_addr().to_ip().map_or(port, |a| a.port());
                if opts.port != 0 && port != opts.port {
                    eprintln!(
                        "port {} is busy; serving on port {port} instead (choose one with --port)",
                        opts.port
                    );
                }
                return Ok((server, port));
            }
            Err(e) => last = e.to_string(),
        }
    }
    Err(ServeError::Listen(
        format!("{}:{}", opts.bind, opts.port),
        format!("{last}; try another --port"),
    ))
}

/// One rebuild, printed and published: its pages first (open pages
/// reload), then its search index. A panic in a build is reported like an
/// error, so the server keeps running whatever the content is.
fn rebuild_and_publish(session: &mut Session, state: &State, quiet: bool, verbose: bool) {
    let Some(pages) = guarded(state, || session.rebuild_pages()) else {
        return;
    };
    let report = &pages.report;
    if verbose {
        for (stage, time) in &report.timings {
            print_timing(stage, *time);
        }
    }
    if !quiet {
        for w in &report.warnings {
            eprintln!("{w}\n");
        }
        eprintln!(
            "Built {} pages in {:.0} ms ({} Markdown and {} pages re-rendered)",
            report.pages,
            report.elapsed.as_secs_f64() * 1000.0,
            report.markdown_rendered,
            report.pages_rendered
        );
    }
    state.publish(Arc::clone(&pages.site));
    let started = Instant::now();
    let Some(site) = guarded(state, || session.index(pages)) else {
        return;
    };
    if verbose {
        print_timing("search index", started.elapsed());
    }
    state.replace(site);
}

/// One line of `-v`: how long a stage took.
fn print_timing(stage: &str, time: Duration) {
    eprintln!("  {stage:<20} {:>8.1} ms", time.as_secs_f64() * 1000.0);
}

/// What `work` makes, or none when it fails or panics: its errors are
/// printed and shown on open pages, and the last good build stays served.
fn guarded<T>(state: &State, work: impl FnOnce() -> Result<T, Vec<Diagnostic>>) -> Option<T> {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    let result = result.unwrap_or_else(|_| {
        Err(vec![Diagnostic::error(
            "syllabus",
            "internal error while building; see the message above",
        )])
    });
    match result {
        Ok(made) => Some(made),
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}\n");
            }
            eprintln!("error: build failed; still serving the last good build");
            state.publish_errors(&errors);
            None
        }
    }
}

/// How long the sources stay unchanged before `serve` writes its cache.
const SAVE_WHEN_QUIET: Duration = Duration::from_secs(1);

/// Serves the site until the process is stopped.
pub fn serve(opts: &ServeOptions) -> Result<(), ServeError> {
    let (server, port) = bind(opts)?;
    let state = Arc::new(State::new());
    let mut session = Session::new(&opts.root, opts.drafts).keep_cache_in(opts.cache.clone());
    rebuild_and_publish(&mut session, &state, opts.quiet, opts.verbose);

    let (events, changes) = std::sync::mpsc::channel::<watch::Change>();
    let mut watch = watch::Watch::new(&opts.root, events)?;
    watch.include(&session.cache().markdown.included());

    let url = format!("http://{}:{port}/", opts.bind);
    println!(
        "Serving {} at {url} (press Ctrl+C to stop)",
        opts.root.display()
    );
    if opts.open {
        open_browser(&url);
    }

    let rebuild_state = Arc::clone(&state);
    let (quiet, verbose) = (opts.quiet, opts.verbose);
    let output_dir = opts.root.join("public");
    std::thread::spawn(move || {
        let relevant = |event: &watch::Change| match event {
            // Reading files (our own builds do) is not a change.
            Ok(e) => {
                !matches!(e.kind, EventKind::Access(_))
                    && e.paths.iter().any(|p| is_source_change(p, &output_dir))
            }
            Err(_) => true,
        };
        // The cache is written once the sources have been quiet for a
        // while: never between a save and its page being served, and not
        // after every save of a quick run of them.
        let mut unsaved = true;
        loop {
            let first = match changes.recv_timeout(SAVE_WHEN_QUIET) {
                Ok(event) => event,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    if std::mem::take(&mut unsaved) {
                        session.cache().save();
                    }
                    continue;
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            };
            if !relevant(&first) {
                continue;
            }
            unsaved = true;
            let settling = Instant::now();
            watch::settle(&changes, &first);
            if verbose {
                print_timing("sources settling", settling.elapsed());
            }
            rebuild_and_publish(&mut session, &rebuild_state, quiet, verbose);
            watch.include(&session.cache().markdown.included());
        }
    });

    for request in server.incoming_requests() {
        let state = Arc::clone(&state);
        std::thread::spawn(move || http::handle(request, &state));
    }
    Ok(())
}

/// Editor leftovers and the output folder do not trigger rebuilds.
fn is_source_change(path: &Path, output_dir: &Path) -> bool {
    if path.starts_with(output_dir) {
        return false;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    !crate::discover::is_leftover(&name)
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("could not open a browser; visit {url}");
    }
}
