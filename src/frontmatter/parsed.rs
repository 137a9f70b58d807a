//! Every page of the site read and its front matter parsed, once: later
//! stages ask a `ParsedPage` where its keys are instead of splitting the
//! file again.

use std::ops::Range;
use std::path::Path;

use rayon::prelude::*;

use super::{item_position, key_position, parse, split, FrontMatter, Split};
use crate::diagnostics::{display_path, Diagnostic};
use crate::discover::{Inventory, SourcePage};

/// A page whose front matter parsed.
#[derive(Debug)]
pub(crate) struct ParsedPage {
    pub source: SourcePage,
    /// `content/django/orm.md`, for messages.
    pub display_path: String,
    /// The file's text (after Markdown is rendered, only its front matter).
    pub text: String,
    pub front: FrontMatter,
    /// Where the YAML lies in `text`, and the file line it starts on.
    yaml: Range<usize>,
    yaml_line: usize,
    pub body_offset: usize,
}

impl ParsedPage {
    pub(crate) fn body(&self) -> &str {
        &self.text[self.body_offset.min(self.text.len())..]
    }

    /// The page split at its front matter, as it was found.
    fn split(&self) -> Split<'_> {
        Split {
            yaml: &self.text[self.yaml.clone()],
            yaml_line: self.yaml_line,
            body_offset: self.body_offset,
        }
    }

    /// File line and column of a top-level `key:` of the front matter.
    pub(crate) fn key_position(&self, key: &str) -> (usize, usize) {
        key_position(&self.split(), key)
    }

    /// File line and column of `value` in the list under `key`.
    pub(crate) fn item_position(&self, key: &str, value: &str) -> (usize, usize) {
        item_position(&self.split(), key, value)
    }

    /// An error at `key:` of the front matter.
    pub(crate) fn error_at_key(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        let (line, column) = self.key_position(key);
        Diagnostic::error(&self.display_path, message).at(&self.text, line, column)
    }

    /// An error at the item `value` of the list under `key`.
    pub(crate) fn error_at_item(
        &self,
        key: &str,
        value: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, column) = self.item_position(key, value);
        Diagnostic::error(&self.display_path, message).at(&self.text, line, column)
    }
}

/// Pages read and parsed, and those whose front matter failed: they keep
/// a URL so links to them are not reported as broken on top of their own
/// error, but are not built.
pub(crate) struct Parsed {
    pub pages: Vec<ParsedPage>,
    pub failed: Vec<SourcePage>,
    pub problems: Vec<Diagnostic>,
}

/// Reads and parses every page in parallel, dropping drafts unless
/// `drafts`. `has_template` says whether a `template:` a page names exists.
pub(crate) fn parse_all(
    root: &Path,
    inventory: &Inventory,
    drafts: bool,
    has_template: &(dyn Fn(&str) -> bool + Sync),
) -> Parsed {
    let results: Vec<Result<Option<ParsedPage>, Vec<Diagnostic>>> = inventory
        .pages
        .par_iter()
        .map(|source| parse_one(root, source, drafts, has_template))
        .collect();
    let mut parsed = Parsed {
        pages: Vec::with_capacity(results.len()),
        failed: Vec::new(),
        problems: Vec::new(),
    };
    for (r, source) in results.into_iter().zip(&inventory.pages) {
        match r {
            Ok(Some(p)) => parsed.pages.push(p),
            Ok(None) => {}
            Err(d) => {
                parsed.problems.extend(d);
                parsed.failed.push(source.clone());
            }
        }
    }
    parsed
}

fn parse_one(
    root: &Path,
    source: &SourcePage,
    drafts: bool,
    has_template: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Option<ParsedPage>, Vec<Diagnostic>> {
    let shown = display_path(root, &source.path)
        .to_string_lossy()
        .replace('\\', "/");
    let text = crate::encoding::read_text(&source.path, &shown).map_err(|d| vec![d])?;
    let found = split(&shown, &text).map_err(|d| vec![d])?;
    let front = parse(&shown, &text, &found)?;
    let yaml_start = found.yaml.as_ptr() as usize - text.as_ptr() as usize;
    let (yaml, yaml_line, body_offset) = (
        yaml_start..yaml_start + found.yaml.len(),
        found.yaml_line,
        found.body_offset,
    );
    let page = ParsedPage {
        source: source.clone(),
        display_path: shown,
        text,
        front,
        yaml,
        yaml_line,
        body_offset,
    };
    if let Some(template) = &page.front.template {
        if !has_template(template) {
            return Err(vec![page
                .error_at_key("template", format!("template `{template}` not found"))
                .with_help(
                    "put it in the site's templates/ folder or the theme's templates/",
                )]);
        }
    }
    if page.front.draft && !drafts {
        return Ok(None);
    }
    Ok(Some(page))
}
