//! The `syllabus` binary: parses arguments, calls the library, prints
//! diagnostics and sets the exit code (0 ok, 1 content errors, 2 usage or
//! configuration errors).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use syllabus::cli::{Cli, Command};
use syllabus::diagnostics::Diagnostic;
use syllabus::{build, scaffold, BuildError, BuildOptions};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match &cli.command {
        Command::Build(args) => {
            let opts = BuildOptions {
                root: args.root.clone(),
                output: args.output.clone(),
                base_url: args.base_url.clone(),
                drafts: args.drafts,
            };
            run_build(&cli, &opts)
        }
        Command::Init(args) => match scaffold::init(&args.dir) {
            Ok(created) => {
                if !cli.quiet {
                    println!(
                        "Created a new site in {} ({} files).",
                        args.dir.display(),
                        created.len()
                    );
                    println!("Next: cd {} && syllabus build", args.dir.display());
                }
                0
            }
            Err(e) => report_error(&e.to_string(), e.help()),
        },
        Command::New(args) => {
            match scaffold::new_guide(&args.root, &args.path, args.title.as_deref()) {
                Ok(path) => {
                    if !cli.quiet {
                        println!("Created {}", path.display());
                    }
                    0
                }
                Err(e) => report_error(&e.to_string(), e.help()),
            }
        }
    };
    ExitCode::from(code)
}

fn run_build(cli: &Cli, opts: &BuildOptions) -> u8 {
    match build(opts) {
        Ok(report) => {
            if !cli.quiet {
                print_diagnostics(&report.warnings);
            }
            if cli.verbose {
                for (stage, time) in &report.timings {
                    eprintln!("  {stage:<18} {:>8.1} ms", time.as_secs_f64() * 1000.0);
                }
            }
            if !cli.quiet {
                println!(
                    "Built {} pages ({} files) in {:.0} ms into {}",
                    report.pages,
                    report.files,
                    report.elapsed.as_secs_f64() * 1000.0,
                    report.output_dir.display()
                );
            }
            0
        }
        Err(e) => {
            let code = e.exit_code() as u8;
            match &e {
                BuildError::Output(out) => {
                    report_error(&out.to_string(), out.help());
                }
                _ => {
                    print_diagnostics(e.diagnostics());
                    let errors = e.diagnostics().iter().filter(|d| d.is_error()).count();
                    let plural = if errors == 1 { "" } else { "s" };
                    eprintln!("error: build failed with {errors} error{plural}; the previous output was left as it was");
                }
            }
            code
        }
    }
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
