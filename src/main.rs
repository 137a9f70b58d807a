//! The `syllabus` binary: parses arguments, calls the library, prints
//! diagnostics and sets the exit code (0 ok, 1 content errors, 2 usage or
//! configuration errors).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use syllabus::build::CacheDir;
use syllabus::cli::{AnkiArgs, CheckArgs, Cli, Command, ExportCommand, Format, ServeArgs};
use syllabus::diagnostics::Diagnostic;
use syllabus::progress::{Progress, Step};
use syllabus::{build, scaffold, BuildError, BuildOptions};

/// A line on standard output for the reader; a reader that has stopped
/// listening (`| head`) is not a reason to fail.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Writes `bytes` to standard output: the command's product (JSON, a
/// script, an export). A reader that stops early is not an error.
fn print_out(bytes: &[u8]) -> u8 {
    match std::io::stdout().lock().write_all(bytes) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => report_error(&format!("cannot write to standard output: {e}"), None),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match &cli.command {
        Command::Build(args) => {
            let opts = BuildOptions {
                root: args.root.clone(),
                output: args.output.clone(),
                base_url: args.base_url.clone(),
                drafts: args.drafts,
                cache: CacheDir::choose(args.cache_dir.clone(), args.no_cache),
                progress: Progress::default(),
                exits_after: true,
            };
            run_build(&cli, opts)
        }
        Command::Init(args) => match scaffold::init(&args.dir) {
            Ok(created) => {
                if !cli.quiet {
                    say!(
                        "Created a new site in {} ({} files).",
                        args.dir.display(),
                        created.len()
                    );
                    say!("Next: cd {} && syllabus build", args.dir.display());
                }
                0
            }
            Err(e) => report_error(&e.to_string(), e.help()),
        },
        Command::New(args) => {
            match scaffold::new_guide(&args.root, &args.path, args.title.as_deref()) {
                Ok(path) => {
                    if !cli.quiet {
                        say!("Created {}", path.display());
                    }
                    0
                }
                Err(e) => report_error(&e.to_string(), e.help()),
            }
        }
        Command::Export(ExportCommand::Anki(args)) => run_anki(&cli, args),
        Command::Check(args) => run_check(&cli, args),
        Command::Serve(args) => run_serve(&cli, args),
        Command::Completions(args) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut command, "syllabus", &mut script);
            print_out(&script)
        }
    };
    ExitCode::from(code)
}

fn run_serve(cli: &Cli, args: &ServeArgs) -> u8 {
    if !args.root.join(syllabus::config::CONFIG_FILE).is_file() {
        return report_error(
            &format!("no site.toml in {}", args.root.display()),
            Some("run syllabus in a site folder, pass --root DIR, or create a site with `syllabus init`"),
        );
    }
    let opts = syllabus::serve::ServeOptions {
        root: args.root.clone(),
        bind: args.bind,
        port: args.port,
        open: args.open,
        drafts: args.drafts,
        quiet: cli.quiet,
        verbose: cli.verbose,
        cache: CacheDir::choose(args.cache_dir.clone(), args.no_cache),
    };
    match syllabus::serve::serve(&opts) {
        Ok(()) => 0,
        Err(e) => report_error(&e.to_string(), None),
    }
}

fn run_check(cli: &Cli, args: &CheckArgs) -> u8 {
    let opts = BuildOptions {
        root: args.root.clone(),
        drafts: args.drafts,
        ..BuildOptions::default()
    };
    let external = args.external.then(|| syllabus::external::ExternalOptions {
        timeout: std::time::Duration::from_secs(args.timeout),
        concurrency: args.concurrency,
    });
    let report = syllabus::check::check(&opts, external.as_ref());
    let errors = report.errors();
    match args.format {
        Format::Json => {
            let code = print_out(format!("{:#}\n", report.to_json()).as_bytes());
            if code != 0 {
                return code;
            }
        }
        Format::Text => {
            if !cli.quiet || errors > 0 {
                print_diagnostics(&report.diagnostics);
            }
            if errors == 0 && !cli.quiet {
                say!("No problems found ({} warnings).", report.warnings());
            } else if errors > 0 {
                let plural = if errors == 1 { "" } else { "s" };
                eprintln!("error: check found {errors} error{plural}");
            }
        }
    }
    report.exit_code
}

fn run_anki(cli: &Cli, args: &AnkiArgs) -> u8 {
    let opts = BuildOptions {
        root: args.root.clone(),
        drafts: args.drafts,
        ..BuildOptions::default()
    };
    let checked = match syllabus::build::check(&opts) {
        Ok(checked) => checked,
        Err(e) => return report_build_error(&e, "export"),
    };
    if let Some(code) = &args.language {
        let codes: Vec<&str> = checked
            .sites
            .iter()
            .map(|l| l.language.code.as_str())
            .collect();
        if !codes.contains(&code.as_str()) {
            return report_error(
                &format!("--language {code}: the site has no such language"),
                Some(&format!("its languages are {}", codes.join(", "))),
            );
        }
    }
    let filter = syllabus::export::AnkiFilter {
        tag: args.tag.clone(),
        section: args.section.clone(),
        language: args.language.clone(),
    };
    let (text, count) = syllabus::export::anki(&checked, &filter);
    let written = if args.output.as_os_str() == "-" {
        match print_out(text.as_bytes()) {
            0 => Ok(()),
            code => return code,
        }
    } else {
        std::fs::write(&args.output, text)
    };
    if let Err(e) = written {
        return report_error(
            &format!("cannot write {}: {e}", args.output.display()),
            None,
        );
    }
    if count == 0 {
        eprintln!("warning: no questions matched; the file has headers only");
    } else if !cli.quiet && args.output.as_os_str() != "-" {
        say!("Exported {count} questions to {}", args.output.display());
    }
    0
}

fn run_build(cli: &Cli, mut opts: BuildOptions) -> u8 {
    if let Err(e) = syllabus::output::remove_on_signal() {
        eprintln!("warning: Ctrl-C will not clean up this build's staging folder: {e}");
    }
    let bar = (!cli.quiet && std::io::stderr().is_terminal()).then(progress_bar);
    if let Some((progress, _)) = &bar {
        opts.progress = progress.clone();
    }
    let result = build(&opts);
    if let Some((_, bar)) = bar {
        bar.finish_and_clear();
    }
    match result {
        Ok(report) => {
            if !cli.quiet {
                print_diagnostics(&report.warnings);
            }
            if cli.verbose {
                for (stage, time) in &report.timings {
                    eprintln!("  {stage:<18} {:>8.1} ms", time.as_secs_f64() * 1000.0);
                }
                match report.reused {
                    Some(n) => eprintln!("  Markdown of {n} pages came from the cache"),
                    None if report.up_to_date => {}
                    None => eprintln!("  no cache (--no-cache, or no cache folder)"),
                }
            }
            if !cli.quiet && report.up_to_date {
                say!(
                    "Up to date: {} pages ({} files) in {}, nothing changed since the last build (checked in {:.0} ms)",
                    report.pages,
                    report.files,
                    report.output_dir.display(),
                    report.elapsed.as_secs_f64() * 1000.0
                );
            } else if !cli.quiet {
                say!(
                    "Built {} pages ({} files) in {:.0} ms into {}",
                    report.pages,
                    report.files,
                    report.elapsed.as_secs_f64() * 1000.0,
                    report.output_dir.display()
                );
            }
            0
        }
        Err(e) => report_build_error(&e, "build"),
    }
}

/// A progress bar on stderr that shows itself once a build has run for a
/// second: quick builds print only their summary line.
fn progress_bar() -> (Progress, ProgressBar) {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    // A stage that cannot count its work shows a spinner only.
    let counted = ProgressStyle::with_template("{spinner} {msg} {wide_bar} {pos}/{len}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    let uncounted =
        ProgressStyle::with_template("{spinner} {msg}").unwrap_or_else(|_| counted.clone());
    let start = std::time::Instant::now();
    let shown = std::sync::atomic::AtomicBool::new(false);
    let handle = bar.clone();
    let progress = Progress::new(move |step| {
        use std::sync::atomic::Ordering;
        match step {
            Step::Stage { name, total } => {
                let style = if total == 0 { &uncounted } else { &counted };
                handle.set_style(style.clone());
                handle.set_length(total as u64);
                handle.set_position(0);
                handle.set_message(name);
            }
            Step::Done => handle.inc(1),
        }
        if start.elapsed() >= std::time::Duration::from_secs(1)
            && !shown.swap(true, Ordering::Relaxed)
        {
            handle.set_draw_target(ProgressDrawTarget::stderr());
            handle.enable_steady_tick(std::time::Duration::from_millis(120));
        }
    });
    (progress, bar)
}

fn report_build_error(e: &BuildError, what: &str) -> u8 {
    match e {
        BuildError::Output(out) => {
            report_error(&out.to_string(), out.help());
        }
        _ => {
            print_diagnostics(e.diagnostics());
            let errors = e.diagnostics().iter().filter(|d| d.is_error()).count();
            let plural = if errors == 1 { "" } else { "s" };
            let kept = if what == "build" {
                "; the previous output was left as it was"
            } else {
                ""
            };
            eprintln!("error: {what} failed with {errors} error{plural}{kept}");
        }
    }
    e.exit_code() as u8
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(err, "{d}\n");
    }
}

fn report_error(message: &str, help: Option<&str>) -> u8 {
    eprintln!("error: {message}");
    if let Some(help) = help {
        eprintln!("  = help: {help}");
    }
    2
}
