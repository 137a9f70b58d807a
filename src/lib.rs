//! syllabus: a static-site generator for study guides.
//!
//! A build runs these stages in order, each a module with a narrow input
//! and output:
//!
//! 1. [`config`]: `site.toml` -> [`config::Config`]
//! 2. `discover`: `content/` and `static/` -> `discover::Inventory`
//! 3. `frontmatter`: each page read and its YAML parsed ->
//!    `frontmatter::ParsedPage`s (`frontmatter::parse_all`)
//! 4. [`plan`]: URLs for every page and file -> `plan::Plan` with its
//!    [`plan::UrlMap`]
//! 5. [`markdown`]: each body -> [`markdown::Rendered`] (HTML, headings,
//!    links, questions, practice sets, FAQ) (`markdown::render_all`)
//! 6. `site`: sections, ordering, tags, related guides, anchor checks ->
//!    `site::Site`
//! 7. `render` and `search`: templates over view structs, and the
//!    search index -> output files
//! 8. [`output`]: written to a staging folder, swapped in on success
//!
//! [`build::build`] runs them; the `syllabus` binary is a thin layer over it.

// Diagnostics travel in `Err`s only on the error path, where their size
// does not matter; boxing them everywhere would only add noise.
#![allow(clippy::result_large_err)]
// Items are public only where the binary and the tests need them.
#![warn(unreachable_pub, missing_docs)]

// Infrastructure every stage may use.
pub mod diagnostics;
pub(crate) mod encoding;
pub(crate) mod escape;
pub(crate) mod hash;
pub mod progress;
pub mod cache;
pub mod highlight;

// The stages, in pipeline order: each imports only from those above it.
pub mod config;
pub(crate) mod discover;
pub(crate) mod frontmatter;
pub mod plan;
pub mod markdown;
pub(crate) mod site;
pub mod render;
pub(crate) mod search;
pub mod output;

// Sequencing the stages, and the commands built on them.
pub mod build;
pub mod external;
pub mod check;
pub mod cli;
pub mod export;
pub mod scaffold;
pub mod serve;

pub use build::{build, BuildError, BuildOptions, BuildReport};
