//! Command-line arguments: clap structs only, no logic.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A static-site generator for study guides.
///
/// Write guides in Markdown with questions, practice sets and FAQs;
/// `syllabus build` turns them into a cross-linked static site.
#[derive(Debug, Parser)]
#[command(name = "syllabus", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Print less: errors only.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print more: the time each stage of a build takes.
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into its output folder (public/ by default).
    Build(BuildArgs),
    /// Build the site, serve it on this machine and rebuild on every change.
    Serve(ServeArgs),
    /// Check everything a build checks, without writing anything.
    Check(CheckArgs),
    /// Create a new site, with one guide that shows every authoring feature.
    Init(InitArgs),
    /// Create a new guide with its front matter filled in.
    New(NewArgs),
    /// Export the site's questions for other tools.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Print a completion script for a shell (bash, zsh, fish, powershell,
    /// elvish) on standard output.
    Completions(CompletionsArgs),
}

/// Arguments of `syllabus completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The formats `syllabus export` writes.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Write the questions as an Anki import file (front: question, back:
    /// short answer and a link). Re-importing a newer file updates cards.
    Anki(AnkiArgs),
}

/// Arguments of `syllabus export anki`.
#[derive(Debug, Args)]
pub struct AnkiArgs {
    /// The site folder, holding site.toml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,

    /// Only questions of guides with this tag.
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,

    /// Only questions of guides in this top-level section (folder name).
    #[arg(long, value_name = "SECTION")]
    pub section: Option<String>,

    /// Only questions in this language (a code of site.toml's
    /// `[languages]`); every language otherwise, each in its own deck.
    #[arg(long, value_name = "CODE")]
    pub language: Option<String>,

    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,

    /// The file to write (`-` for standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

/// Arguments of `syllabus build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder, holding site.toml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,

    /// Write the site here instead of `output_dir` from site.toml.
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,

    /// Use this base URL instead of `base_url` from site.toml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,

    /// Keep the build cache in DIR instead of the user's cache folder
    /// (also SYLLABUS_CACHE_DIR).
    #[arg(long, value_name = "DIR", conflicts_with = "no_cache")]
    pub cache_dir: Option<PathBuf>,

    /// Build from nothing, and keep nothing for the next build.
    #[arg(long)]
    pub no_cache: bool,
}

/// Arguments of `syllabus serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder, holding site.toml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,

    /// The port to listen on (the next free one if it is busy).
    #[arg(short, long, default_value_t = 1111)]
    pub port: u16,

    /// The address to listen on. Anything but loopback shares your drafts
    /// with the network.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
    pub bind: std::net::IpAddr,

    /// Open the site in a browser.
    #[arg(long)]
    pub open: bool,

    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,

    /// Keep the build cache in DIR instead of the user's cache folder
    /// (also SYLLABUS_CACHE_DIR).
    #[arg(long, value_name = "DIR", conflicts_with = "no_cache")]
    pub cache_dir: Option<PathBuf>,

    /// Build from nothing, and keep nothing for the next build.
    #[arg(long)]
    pub no_cache: bool,
}

/// How `syllabus check` prints its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `path:line:col: error: message`, for people.
    Text,
    /// One JSON document, for editors and CI.
    Json,
}

/// Arguments of `syllabus check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site folder, holding site.toml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,

    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,

    /// Also check external links over HTTP.
    #[arg(long)]
    pub external: bool,

    /// Seconds to wait for each external link.
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    pub timeout: u64,

    /// External links checked at once.
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub concurrency: usize,

    /// How to print the problems.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Arguments of `syllabus init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create the site (must be empty or not exist yet).
    #[arg(default_value = ".", value_name = "DIR")]
    pub dir: PathBuf,
}

/// Arguments of `syllabus new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The new guide's path, like content/python/closures.md.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,

    /// The guide's title (default: from the file name).
    #[arg(short, long)]
    pub title: Option<String>,

    /// The site folder, holding site.toml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
}
