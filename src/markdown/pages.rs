//! Every page's Markdown rendered, in parallel, against the planned URLs.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::{render, MarkdownInput, MarkdownOptions, Rendered, StudyText};
use crate::cache::Cache;
use crate::config::Config;
use crate::discover::PageKind;
use crate::plan::Plan;

impl MarkdownOptions {
    /// The options a site's configuration asks for; `ui` holds the
    /// theme's interface strings the passes write into pages.
    pub fn new(config: &Config, ui: &BTreeMap<String, String>) -> MarkdownOptions {
        MarkdownOptions {
            palette: config.highlight.enabled.then(|| {
                crate::highlight::Palette::get(
                    &config.highlight.light_theme,
                    &config.highlight.dark_theme,
                )
            }),
            line_numbers: config.highlight.line_numbers,
            smart_punctuation: config.markdown.smart_punctuation,
            study_text: StudyText::from_ui(ui),
            raw_html: config.markdown.raw_html,
        }
    }
}

impl StudyText {
    /// The strings from the theme's `ui.toml` (with the site's overrides).
    pub fn from_ui(ui: &BTreeMap<String, String>) -> StudyText {
        let defaults = StudyText::default();
        let get = |key: &str, default: String| ui.get(key).cloned().unwrap_or(default);
        StudyText {
            practice_link: get("practice_link", defaults.practice_link),
            practice_link_one: get("practice_link_one", defaults.practice_link_one),
        }
    }
}

/// Renders every page's Markdown in parallel, in the order of
/// `plan.pages`. With a cache, a page is rendered again only when its
/// text, the site's URLs or the options changed, since those are all a
/// page's Markdown depends on. Bodies are dropped once rendered.
pub fn render_all(
    plan: &mut Plan,
    options: &MarkdownOptions,
    cache: Option<&Cache>,
) -> Vec<Arc<Rendered>> {
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
                options,
                is_guide: parsed.source.kind == PageKind::Guide,
            };
            let rendered = Arc::new(render(parsed.body(), &input));
            // Later stages only point into the front matter; a big site's
            // bodies are not kept in memory beside their HTML.
            parsed.text.truncate(parsed.body_offset);
            parsed.text.shrink_to_fit();
            if let (Some(cache), Some(key)) = (cache, key) {
                cache.store_markdown(&parsed.source.rel, key, Arc::clone(&rendered));
            }
            rendered
        })
        .collect()
}
