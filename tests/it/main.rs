//! The integration tests, in one binary: each test binary links the whole
//! crate and syntect, so one binary instead of eleven keeps `cargo test`
//! quick. `cargo test --test it MODULE::` runs one module's tests.

mod common;

mod browser;
mod build_html;
mod cache;
mod cli;
mod crawl;
mod export;
mod frontmatter;
mod graph;
mod include;
mod languages;
mod math;
mod output_safety;
mod search;
mod serve;
mod study;
mod study_home_sections;
mod study_pages;
