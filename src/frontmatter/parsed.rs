//! Every page of the site read and its front matter parsed, once: later
//! stages ask a `ParsedPage` where its keys are instead of splitting the
//! file again.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use rayon::prelude::*;

use super::{item_position, key_position, parse, split, FrontMatter, Split};
use crate::diagnostics::{display_path, Diagnostic};
use crate::discover::{Inventory, SourcePage};

/// A page whose front matter parsed.
#[derive(Debug, Clone)]
pub(crate) struct ParsedPage {
    pub source: SourcePage,
    /// `content/django/orm.md`, for messages.
    pub display_path: String,
    /// The file's text (after Markdown is rendered, only its front matter).
    pub text: String,
    pub front: FrontMatter,
    /// A digest of `front`, made once per read: the keys of pages that
    /// show other pages' front matter are made of these.
    pub front_digest: crate::cache::Key,
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

/// Pages parsed by earlier builds of one process (`serve`), by file, with
/// the file's state when they were read.
#[derive(Default)]
pub(crate) struct ParsedFiles(Mutex<HashMap<PathBuf, (FileState, Arc<ParsedPage>)>>);

/// A file's length and modification time.
#[derive(Clone, Copy, PartialEq)]
struct FileState {
    len: u64,
    modified: SystemTime,
}

/// A file modified this recently before it was read may change again
/// within its file system's clock tick with the same length and time: it
/// is read again rather than trusted.
const SETTLED: Duration = Duration::from_secs(2);

impl ParsedFiles {
    /// The page `source`, as held when its file is as it was when read,
    /// else read now (and held, once the file has settled).
    fn read(&self, root: &Path, source: &SourcePage) -> Result<ParsedPage, Vec<Diagnostic>> {
        let path = &source.path;
        let state = Self::state(path);
        if let Some(page) = state.and_then(|now| self.get(path, now)) {
            return Ok(page);
        }
        let page = read_one(root, source)?;
        self.put(path, state, &page);
        Ok(page)
    }

    /// The page parsed from `path`, if the file was in state `now` then.
    fn get(&self, path: &Path, now: FileState) -> Option<ParsedPage> {
        let page = {
            let held = self.0.lock().unwrap_or_else(|e| e.into_inner());
            let (state, page) = held.get(path)?;
            (*state == now).then(|| Arc::clone(page))?
        };
        // Copied outside the lock, so the threads copy pages together.
        Some(ParsedPage::clone(&page))
    }

    /// Keeps `page`, read from `path` when it was in `state` (taken
    /// before reading), unless the file was too fresh to trust.
    fn put(&self, path: &Path, state: Option<FileState>, page: &ParsedPage) {
        let Some(state) = state else { return };
        let age = SystemTime::now().duration_since(state.modified);
        if age.is_ok_and(|age| age > SETTLED) {
            let mut held = self.0.lock().unwrap_or_else(|e| e.into_inner());
            held.insert(path.to_path_buf(), (state, Arc::new(page.clone())));
        }
    }

    /// Forgets the files that are not `pages` any more.
    fn keep_only(&self, pages: &[SourcePage]) {
        let paths: std::collections::HashSet<&Path> =
            pages.iter().map(|p| p.path.as_path()).collect();
        let mut held = self.0.lock().unwrap_or_else(|e| e.into_inner());
        held.retain(|path, _| paths.contains(path.as_path()));
    }

    fn state(path: &Path) -> Option<FileState> {
        let meta = std::fs::metadata(path).ok()?;
        Some(FileState {
            len: meta.len(),
            modified: meta.modified().ok()?,
        })
    }
}

/// Reads and parses every page in parallel, dropping drafts unless
/// `drafts`. `has_template` says whether a `template:` a page names exists.
/// With `held`, a file unchanged since an earlier build is not read again.
pub(crate) fn parse_all(
    root: &Path,
    inventory: &Inventory,
    drafts: bool,
    has_template: &(dyn Fn(&str) -> bool + Sync),
    held: Option<&ParsedFiles>,
) -> Parsed {
    let results: Vec<Result<Option<ParsedPage>, Vec<Diagnostic>>> = inventory
        .pages
        .par_iter()
        .map(|source| {
            let page = match held {
                Some(held) => held.read(root, source),
                None => read_one(root, source),
            };
            page.and_then(|page| check_one(page, drafts, has_template))
        })
        .collect();
    if let Some(held) = held {
        held.keep_only(&inventory.pages);
    }
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

/// Reads the page `source` and parses its front matter.
fn read_one(root: &Path, source: &SourcePage) -> Result<ParsedPage, Vec<Diagnostic>> {
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
    let front_digest = crate::cache::Key::of_debug(&front);
    Ok(ParsedPage {
        source: source.clone(),
        display_path: shown,
        text,
        front,
        front_digest,
        yaml,
        yaml_line,
        body_offset,
    })
}

/// The page, unless it is a draft left out; an error when the template it
/// names does not exist.
fn check_one(
    page: ParsedPage,
    drafts: bool,
    has_template: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Option<ParsedPage>, Vec<Diagnostic>> {
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
