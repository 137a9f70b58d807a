//! syllabus: a static-site generator for study guides.
//!
//! A build runs these stages in order, each a module with a narrow input
//! and output:
//!
//! 1. [`config`]: `site.toml` -> [`config::Config`]
//! 2. [`discover`]: `content/` and `static/` -> [`discover::Inventory`]
//! 3. [`frontmatter`]: each page's YAML -> [`frontmatter::FrontMatter`]
//! 4. [`site::plan`]: URLs for every page and file -> [`site::UrlMap`]
//! 5. [`markdown`]: each body -> [`markdown::Rendered`] (HTML, headings, links)
//! 6. [`site::assemble`]: sections, ordering, link and anchor checks -> [`site::Site`]
//! 7. [`render`]: templates over view structs -> output files
//! 8. [`output`]: written to a staging folder, swapped in on success
//!
//! [`build::build`] runs them; the `syllabus` binary is a thin layer over it.

// Diagnostics travel in `Err`s only on the error path, where their size
// does not matter; boxing them everywhere would only add noise.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod cache;
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod discover;
pub mod encoding;
pub mod export;
pub mod external;
pub mod frontmatter;
pub mod hash;
pub mod highlight;
pub mod markdown;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;

pub use build::{build, BuildError, BuildOptions, BuildReport};
