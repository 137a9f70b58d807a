//! End-to-end build benchmark: syllabus against Zola and Hugo on the same
//! corpus, side by side.
//!
//!     cargo bench --bench build -- [--guides N] [--runs N] [--zola PATH] [--hugo PATH]
//!                                  [--shape SHAPE] [--serve] [--keep DIR] ...
//!
//! `--help` lists every option. The corpus comes from the reference
//! generator `../shared/bench/gen_corpus.py`, which writes the same guides
//! for each tool; the big-page shape's one guide comes from the seeded
//! generator in `text`. `harness = false` keeps it on stable with no bench
//! framework. Give the disk a few minutes after a big delete (such as the
//! previous run's temp folder) before trusting the numbers: see
//! `Site::cold`.

mod big_page;
mod cases;
mod corpus;
mod report;
mod run;
mod serve;
mod text;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use clap::{Parser, ValueEnum};

use cases::Site;
use corpus::{guides, Generator, Kind};

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum Shape {
    /// 50 guides a section: a typical site.
    Sections,
    /// Every guide in one section: nothing a page lists may grow with the
    /// section, or the output grows with its square.
    OneSection,
    /// One guide of `--mb` megabytes: Markdown must take time linear in it.
    BigPage,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum Case {
    /// A new output folder each run (for syllabus also an empty cache).
    Cold,
    /// The previous build's output folder (and syllabus's cache), nothing changed.
    Warm,
    /// As warm, one guide edited before each run.
    Edit,
    /// `syllabus serve`: from saving a guide until its page is served.
    Serve,
}

/// syllabus against its peers, side by side, on the reference corpus.
#[derive(Parser)]
#[command(bin_name = "cargo bench --bench build --")]
struct Options {
    /// Guides in the corpus.
    #[arg(long, default_value_t = 1000, value_parser = at_least_one)]
    guides: usize,
    /// How the guides are laid out.
    #[arg(long, value_enum, default_value = "sections")]
    shape: Shape,
    /// The size of the big page, in megabytes.
    #[arg(long, default_value_t = 20, value_parser = at_least_one)]
    mb: usize,
    /// Timed runs of each tool in each case (at least 10 for the 1-guide site).
    #[arg(long, default_value_t = 5, value_parser = at_least_one)]
    runs: usize,
    /// Zola 0.21's binary: build the corpus with it too.
    #[arg(long, value_name = "PATH")]
    zola: Option<PathBuf>,
    /// Hugo's binary: build the corpus with it too.
    #[arg(long, value_name = "PATH")]
    hugo: Option<PathBuf>,
    /// The cases to run, in this order.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "cold,warm,edit"
    )]
    cases: Vec<Case>,
    /// Measure serve too (the same as adding `serve` to --cases).
    #[arg(long)]
    serve: bool,
    /// Guide saves timed in the serve case.
    #[arg(long, default_value_t = 9, value_parser = at_least_one)]
    edits: usize,
    /// Give every line of code a comment of its own, so that no line is
    /// highlighted twice (the reference corpus repeats a few hundred lines).
    #[arg(long)]
    unique_code: bool,
    /// The corpus generator [default: ../shared/bench/gen_corpus.py from the repository]
    #[arg(long, value_name = "PATH")]
    generator: Option<PathBuf>,
    /// Keep the corpora and each tool's last build in DIR.
    #[arg(long, value_name = "DIR")]
    keep: Option<PathBuf>,
    /// Passed by `cargo bench` to every bench target.
    #[arg(long, hide = true)]
    bench: bool,
}

fn at_least_one(s: &str) -> Result<usize, String> {
    match s.parse() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err("a whole number, at least 1".into()),
    }
}

fn main() {
    let mut opts = Options::parse();
    if opts.serve && !opts.cases.contains(&Case::Serve) {
        opts.cases.push(Case::Serve);
    }
    let bins = binaries(&opts);
    let tmp = tempfile::tempdir().expect("create a temp folder");
    let base = match &opts.keep {
        Some(dir) => kept_folder(dir),
        None => {
            let _ = SCRATCH.set(tmp.path().to_path_buf());
            tmp.path().to_path_buf()
        }
    };
    clean_up_on_signal();
    let mut site = Site::new(base.join("site"), &bins);
    let guides = write_corpus(&opts, &site, &base);
    run_cases(&opts, &mut site, guides);
    if opts.cases.contains(&Case::Cold) && !(opts.guides == 1 && opts.shape != Shape::BigPage) {
        let mut one = one_guide(&opts, &bins, &base);
        if opts.keep.is_some() {
            one.keep_last();
        }
    }
    if opts.keep.is_some() {
        site.keep_last();
    }
    let _ = fs::remove_dir_all(base.join(".old"));
}

/// The temp folder of this run, deleted however the run ends: at 10,000
/// guides it holds gigabytes.
static SCRATCH: OnceLock<PathBuf> = OnceLock::new();

/// Stops the benchmark with a message (there is nothing left to measure),
/// deleting the temp folder.
fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    run::stop_running();
    if let Some(dir) = SCRATCH.get() {
        let _ = fs::remove_dir_all(dir);
    }
    std::process::exit(1)
}

/// On Ctrl+C or SIGTERM, stops the running build or server; the main
/// thread then deletes the temp folder (see `run::check_stop`). A second
/// signal stops at once.
fn clean_up_on_signal() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]).expect("signals");
    std::thread::spawn(move || {
        let mut signals = signals.forever();
        if signals.next().is_some() {
            run::request_stop();
        }
        if signals.next().is_some() {
            fail("stopped by a second signal");
        }
    });
}

/// syllabus first, then each peer given; a peer that does not run is
/// left out with a note.
fn binaries(opts: &Options) -> Vec<(Kind, PathBuf)> {
    let mut bins = vec![(
        Kind::Syllabus,
        PathBuf::from(env!("CARGO_BIN_EXE_syllabus")),
    )];
    for (kind, bin) in [(Kind::Zola, &opts.zola), (Kind::Hugo, &opts.hugo)] {
        let Some(bin) = bin else { continue };
        let flag = if kind == Kind::Zola {
            "--version"
        } else {
            "version"
        };
        let version = std::process::Command::new(bin).arg(flag).output();
        let version = version.ok().filter(|o| o.status.success());
        let Some(version) = version.map(|o| o.stdout) else {
            println!("{}: {} does not run, left out", kind.name(), bin.display());
            continue;
        };
        let version = String::from_utf8_lossy(&version);
        println!(
            "{}: {}",
            kind.name(),
            version.lines().next().unwrap_or("").trim()
        );
        if is_script(bin) {
            println!("  (a script: its own start-up counts; pass the binary it runs instead)");
        }
        bins.push((kind, bin.clone()));
    }
    bins
}

/// Whether `bin` starts with `#!`. Only its start is read: every child's
/// peak memory reads at least this process's memory (see `run::run`).
fn is_script(bin: &Path) -> bool {
    use std::io::Read;
    let mut start = [0; 2];
    fs::File::open(bin)
        .and_then(|mut f| f.read_exact(&mut start))
        .is_ok()
        && &start == b"#!"
}

/// `--keep DIR`, absolute, with the folders of an earlier run moved aside
/// to be deleted at the end: deleting them now would slow the builds.
fn kept_folder(dir: &Path) -> PathBuf {
    fs::create_dir_all(dir).expect("create the --keep folder");
    let dir = dir.canonicalize().expect("resolve the --keep folder");
    for old in ["site", "one-guide"] {
        if dir.join(old).exists() {
            let trash = dir
                .join(".old")
                .join(format!("{old}-{}", std::process::id()));
            fs::create_dir_all(trash.parent().unwrap()).expect("create .old");
            fs::rename(dir.join(old), trash).expect("move an earlier run aside");
        }
    }
    dir
}

fn generator(opts: &Options, guides: usize) -> Generator {
    let default = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_corpus.py");
    let script = opts.generator.clone().unwrap_or(default);
    if !script.is_file() {
        fail(&format!(
            "no corpus generator at {} (give one with --generator)",
            script.display()
        ));
    }
    let section_size = if opts.shape == Shape::OneSection {
        guides
    } else {
        50
    };
    Generator {
        script,
        section_size,
    }
}

/// Writes the corpus for every tool, says what it is and returns its guides.
fn write_corpus(opts: &Options, site: &Site, base: &Path) -> usize {
    let started = Instant::now();
    let guides_wanted = if opts.shape == Shape::BigPage {
        1
    } else {
        opts.guides
    };
    let gen = generator(opts, guides_wanted);
    gen.write(guides_wanted, &site.kinds(), &site.corpus_dir());
    if opts.shape == Shape::BigPage {
        let body = base.join("big-page-body.md");
        big_page::write_body(&body, opts.mb);
        let rel = site.edited_guide();
        for tool in &site.tools {
            let guide = tool.site.join("content").join(&rel);
            big_page::replace_guide(&guide, &body);
        }
        let _ = fs::remove_file(body);
    }
    if opts.unique_code {
        for tool in &site.tools {
            corpus::make_code_unique(&tool.site);
        }
    }
    let plain = &site.tools[0].site;
    let found = guides(plain);
    let bytes: u64 = found
        .iter()
        .map(|g| fs::metadata(plain.join("content").join(g)).map_or(0, |m| m.len()))
        .sum();
    println!(
        "corpus: {}, {} a section, {} of Markdown ({} a guide); generated in {:.1} s under {}",
        report::guides(found.len()),
        gen.section_size.min(found.len()),
        report::size(bytes),
        report::size(bytes / found.len() as u64),
        started.elapsed().as_secs_f64(),
        base.display()
    );
    found.len()
}

fn run_cases(opts: &Options, site: &mut Site, guides: usize) {
    let mut sizes_shown = false;
    for case in &opts.cases {
        let (title, results) = match case {
            Case::Cold => (
                "cold: a new output folder (syllabus: and an empty cache) each run".into(),
                site.cold(opts.runs),
            ),
            Case::Warm => (
                "warm: the previous build's folder (syllabus: and cache), nothing changed".into(),
                site.warm(opts.runs),
            ),
            Case::Edit => (
                format!("edit: {} changed, then as warm", site.edited_guide()),
                site.edit(opts.runs),
            ),
            Case::Serve => {
                serve_case(opts, site, guides);
                continue;
            }
        };
        let title = format!("{}, {title}", report::guides(guides));
        report::case(&title, &site.tools, &results);
        if !sizes_shown {
            let outputs: Vec<_> = site
                .tools
                .iter()
                .zip(&site.outputs)
                .filter_map(|(t, o)| Some((t.name(), &o.as_ref()?.0)))
                .collect();
            report::outputs(guides, &outputs);
            sizes_shown = true;
        }
    }
}

fn serve_case(opts: &Options, site: &Site, guides: usize) {
    let rel = site.edited_guide();
    let (cache, log) = (site.cache("serve"), site.log("serve"));
    let times = serve::latency(
        &site.tools[0].bin,
        &site.tools[0].site,
        &rel,
        (&cache, &log),
        opts.edits,
    );
    let ms: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1000.0).collect();
    let each: Vec<String> = ms.iter().map(|m| format!("{m:.0}")).collect();
    let label = report::guides(guides);
    println!(
        "\n{label}, serve: save to served, {} saves of {rel}",
        ms.len()
    );
    println!(
        "  median {:.1} ms; each: {} ms",
        report::median(ms),
        each.join(" ")
    );
}

/// The same cold case on a site of one guide, at least 10 runs.
fn one_guide(opts: &Options, bins: &[(Kind, PathBuf)], base: &Path) -> Site {
    let mut site = Site::new(base.join("one-guide"), bins);
    generator(opts, 1).write(1, &site.kinds(), &site.corpus_dir());
    let results = site.cold(opts.runs.max(10));
    report::case("1 guide, cold", &site.tools, &results);
    site
}
