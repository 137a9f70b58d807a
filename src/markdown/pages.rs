//! Every page's Markdown rendered, in parallel, against the planned URLs.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::{render, MarkdownInput, MarkdownOptions, Rendered, StudyText};
use crate::cache::{KeyHasher, Store};
use crate::config::Config;
use crate::discover::PageKind;
use crate::highlight::CodeStore;
use crate::plan::{Plan, UrlMap};

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
            markup_text: super::MarkupText::from_ui(ui),
            raw_html: config.markdown.raw_html,
            math: config.markdown.math,
        }
    }
}

impl StudyText {
    /// The strings from the theme's `ui.toml` (with the site's overrides).
    pub(crate) fn from_ui(ui: &BTreeMap<String, String>) -> StudyText {
        let defaults = StudyText::default();
        let get = |key: &str, default: String| ui.get(key).cloned().unwrap_or(default);
        StudyText {
            practice_link: get("practice_link", defaults.practice_link),
            practice_link_one: get("practice_link_one", defaults.practice_link_one),
        }
    }
}

/// What Markdown rendering keeps between builds: each page's rendered
/// Markdown, and highlighted code blocks (shared by pages).
#[derive(Default)]
pub struct MarkdownStores {
    /// Each page's rendered Markdown.
    pub pages: Store<Arc<Rendered>>,
    /// Highlighted code blocks.
    pub code: CodeStore,
    /// The files the last build's code blocks included (or tried to),
    /// for `serve` to watch.
    included: std::sync::Mutex<Vec<std::path::PathBuf>>,
}

impl MarkdownStores {
    /// The files the last build's pages include, wherever they are.
    pub fn included(&self) -> Vec<std::path::PathBuf> {
        self.included
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// Renders every page's Markdown in parallel, in the order of
/// `plan.pages`, each with the `options` of its language (one per
/// language of the site). With stores, a page is rendered again only when
/// its text, the site's URLs, the options or a file its code includes
/// changed, since those are all a page's Markdown depends on. Bodies are
/// dropped once rendered. Code is included from files inside `root`.
pub(crate) fn render_all(
    plan: &mut Plan,
    options: &[MarkdownOptions],
    root: &std::path::Path,
    stores: Option<&MarkdownStores>,
    progress: &crate::progress::Progress,
) -> Vec<Arc<Rendered>> {
    let contexts = stores.map(|_| context_keys(options, &plan.urls));
    let urls = &plan.urls;
    // Without a cache, code blocks are still highlighted once per build:
    // guides repeat the same snippets.
    let own_code = stores.is_none().then(crate::highlight::CodeStore::default);
    let code_store = stores.map(|s| &s.code).or(own_code.as_ref());
    let rendered: Vec<Arc<Rendered>> = plan
        .pages
        .par_iter_mut()
        .map(|page| {
            let parsed = &mut page.parsed;
            let lang = parsed.source.lang;
            let key = contexts.as_ref().map(|c| {
                let mut key = c[lang].clone();
                key.part(parsed.display_path.as_bytes());
                key.part(parsed.source.rel.as_bytes());
                key.part(parsed.text.as_bytes());
                key.finish()
            });
            if let (Some(stores), Some(key)) = (stores, key) {
                if let Some(hit) = stores.pages.get(key) {
                    if hit.includes.iter().all(|i| i.unchanged()) {
                        progress.done();
                        return hit;
                    }
                    stores.pages.reject();
                }
            }
            let input = MarkdownInput {
                display_path: &parsed.display_path,
                page: &parsed.source.rel,
                file_text: &parsed.text,
                body_offset: parsed.body_offset,
                resolver: urls,
                options: &options[lang],
                is_guide: parsed.source.kind == PageKind::Guide,
                code_store,
                site_root: Some(root),
            };
            let rendered = Arc::new(render(parsed.body(), &input));
            // Later stages only point into the front matter; a big site's
            // bodies are not kept in memory beside their HTML.
            parsed.text.truncate(parsed.body_offset);
            parsed.text.shrink_to_fit();
            if let (Some(stores), Some(key)) = (stores, key) {
                stores.pages.put(key, Arc::clone(&rendered));
            }
            progress.done();
            rendered
        })
        .collect();
    if let Some(stores) = stores {
        remember_includes(stores, &rendered);
    }
    rendered
}

/// What every page's key starts from, per language: the options and the
/// site's URLs.
fn context_keys(options: &[MarkdownOptions], urls: &UrlMap) -> Vec<KeyHasher> {
    let urls_key = urls.fingerprint();
    options
        .iter()
        .map(|options| {
            let mut key = KeyHasher::new();
            key.part(format!("{options:?}").as_bytes());
            key.part(&urls_key.bytes());
            key
        })
        .collect()
}

/// Records the files the pages' code includes, for `serve` to watch.
fn remember_includes(stores: &MarkdownStores, rendered: &[Arc<Rendered>]) {
    let mut included: Vec<_> = rendered
        .iter()
        .flat_map(|r| r.includes.iter().map(|i| i.path.clone()))
        .collect();
    included.sort();
    included.dedup();
    *stores.included.lock().unwrap_or_else(|e| e.into_inner()) = included;
}
