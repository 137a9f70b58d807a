//! Finds the site's sources: pages, co-located assets and static files.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
use walkdir::WalkDir;

use crate::config::Languages;
use crate::diagnostics::Diagnostic;

pub(crate) const CONTENT_DIR: &str = "content";
pub(crate) const STATIC_DIR: &str = "static";
pub(crate) const SECTION_FILE: &str = "_index.md";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// `_index.md` of `content/` itself.
    Home,
    /// `_index.md` of a folder below `content/`.
    Section,
    /// Any other `.md` file.
    Guide,
}

/// A Markdown file under `content/`.
#[derive(Debug, Clone)]
pub struct SourcePage {
    /// On disk.
    pub path: PathBuf,
    /// Relative to `content/`, with `/` separators (`django/orm.fr.md`).
    pub rel: String,
    pub kind: PageKind,
    /// Its language: an index into the site's languages, 0 the default.
    pub lang: usize,
    /// The content path without the language (`django/orm.md`): the same
    /// for a page and its translations.
    pub base: String,
}

/// A file copied to the output as it is.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// Where it lands, relative to the output root, `/`-separated.
    pub rel: String,
}

/// Everything a build starts from, in a stable order.
#[derive(Debug, Default)]
pub struct Inventory {
    pub pages: Vec<SourcePage>,
    /// Section folders relative to `content/` (`""` is the home section).
    pub sections: Vec<String>,
    /// Non-Markdown files in `content/`, copied beside their pages.
    pub assets: Vec<SourceFile>,
    /// Files of the site's `static/`, copied to the output root.
    pub static_files: Vec<SourceFile>,
    /// Links left out, for the build's report.
    pub warnings: Vec<Diagnostic>,
}

/// A name in Unicode's composed form (NFC), so `café` typed on macOS
/// (`e` + combining accent) and on Linux (`é`) is one name.
pub(crate) fn nfc(name: &str) -> Cow<'_, str> {
    match is_nfc_quick(name.chars()) {
        IsNormalized::Yes => Cow::Borrowed(name),
        _ => Cow::Owned(name.nfc().collect()),
    }
}

/// Editor leftovers and hidden files, which never belong in content.
pub(crate) fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || is_leftover(name)
}

/// Editor leftovers and version-control or desktop clutter. `static/` keeps
/// other hidden files (`.nojekyll`, `.well-known/`): hosts read them.
pub(crate) fn is_leftover(name: &str) -> bool {
    matches!(name, ".git" | ".svn" | ".hg" | ".DS_Store" | "Thumbs.db")
        || name.starts_with(".#")
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with('#')
        || [".swp", ".swo", ".swx", ".tmp", ".bak"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

/// Walks `root/content` and `root/static`. `orm.fr.md` is the French page
/// of `orm.md` only when `fr` is one of the site's `languages`.
pub(crate) fn discover(root: &Path, languages: &Languages) -> Result<Inventory, Vec<Diagnostic>> {
    let content = root.join(CONTENT_DIR);
    let mut inventory = Inventory::default();
    let mut problems = Vec::new();
    let mut site = Walk {
        boundary: root,
        boundary_name: "the site",
        root,
        skip: is_ignored,
    };
    if !content.is_dir() {
        return Err(vec![Diagnostic::error(CONTENT_DIR, "no content/ folder")
            .with_help(
                "put the site's Markdown files in a folder named content/ beside site.toml",
            )]);
    }
    inventory.sections.push(String::new());
    for Found { path, rel, is_dir } in site.run(&content, &mut problems) {
        if is_dir {
            inventory.sections.push(rel);
        } else if rel.ends_with(".md") {
            let (lang, base) = match page_language(&rel, languages) {
                Ok(found) => found,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            let kind = match base.rsplit_once('/') {
                None if base == SECTION_FILE => PageKind::Home,
                Some((_, SECTION_FILE)) => PageKind::Section,
                _ => PageKind::Guide,
            };
            inventory.pages.push(SourcePage {
                path,
                rel,
                kind,
                lang,
                base,
            });
        } else {
            inventory.assets.push(SourceFile { path, rel });
        }
    }
    let static_dir = root.join(STATIC_DIR);
    if static_dir.is_dir() {
        site.skip = is_leftover;
        for Found { path, rel, is_dir } in site.run(&static_dir, &mut problems) {
            if !is_dir {
                inventory.static_files.push(SourceFile { path, rel });
            }
        }
    }
    if problems.iter().any(Diagnostic::is_error) {
        Err(problems)
    } else {
        inventory.warnings = problems;
        Ok(inventory)
    }
}

/// The language of the page at content path `rel` and its path without
/// the language (see [`Languages::named_in`]). In a site of several
/// languages a name with the default's code (`orm.en.md`) is an error:
/// the default's pages are the ones without a code.
fn page_language(rel: &str, languages: &Languages) -> Result<(usize, String), Diagnostic> {
    match languages.named_in(rel) {
        Some((0, base)) => Err(Diagnostic::error(
            Path::new(CONTENT_DIR).join(rel),
            format!(
                "`{}` is the default language, whose pages have no language in their file names",
                languages[0].code
            ),
        )
        .with_help(format!(
            "rename it {CONTENT_DIR}/{base}, or make another language the default with `default_language` in site.toml"
        ))),
        Some(found) => Ok(found),
        None => Ok((0, rel.to_string())),
    }
}

/// A file or folder found by [`Walk`].
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub path: PathBuf,
    /// Relative to the folder walked, with `/` separators.
    pub rel: String,
    pub is_dir: bool,
}

/// Why a link was left out.
#[derive(Clone, Copy)]
enum Skipped {
    /// It resolves outside the folder links may point into.
    Outside,
    /// Its target does not exist.
    Missing,
    /// It points at a folder that holds it.
    Loop,
}

/// How a folder of the site (or of its theme) is walked. Links are
/// followed only when they resolve inside `boundary`: a site must not
/// publish (or serve) files from elsewhere on the machine. Any other link
/// is skipped with a warning naming it, so an author who linked a shared
/// folder on purpose learns why its pages are missing.
pub(crate) struct Walk<'a> {
    /// The folder links may point into.
    pub boundary: &'a Path,
    /// What `boundary` is called in messages ("the site", "the theme").
    pub boundary_name: &'a str,
    /// Paths in messages are shown relative to this folder (the site's).
    pub root: &'a Path,
    /// Names to leave out, with everything inside them.
    pub skip: fn(&str) -> bool,
}

impl Walk<'_> {
    /// Files and folders below `dir` (not `dir` itself), sorted by name.
    /// Skipped links are warnings and unreadable entries errors, both added
    /// to `diagnostics`.
    pub(crate) fn run(&self, dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<Found> {
        let mut found = Vec::new();
        let boundary = self.boundary.canonicalize().ok();
        let walked = dir.canonicalize().ok();
        let walker = WalkDir::new(dir)
            .min_depth(1)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                if (self.skip)(&e.file_name().to_string_lossy()) {
                    return false;
                }
                if !e.path_is_symlink() {
                    return true;
                }
                let target = e.path().canonicalize().ok();
                let skipped = match (&boundary, &target) {
                    (Some(b), Some(t)) if !t.starts_with(b) => Some(Skipped::Outside),
                    // A link up to a folder holding this one would publish
                    // the folder again inside itself.
                    (Some(_), Some(t)) if walked.as_ref().is_some_and(|w| w.starts_with(t)) => {
                        Some(Skipped::Loop)
                    }
                    (Some(_), Some(_)) => None,
                    (_, None) => Some(Skipped::Missing),
                    (None, _) => Some(Skipped::Outside),
                };
                if let Some(why) = skipped {
                    diagnostics.push(self.skipped_link(e.path(), why));
                }
                skipped.is_none()
            });
        let mut problems = Vec::new();
        let mut names = Names::default();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                    let rel: Vec<String> = rel
                        .iter()
                        .map(|c| c.to_string_lossy().into_owned())
                        .collect();
                    let is_dir = entry.file_type().is_dir();
                    match names.claim(dir, rel.join("/"), is_dir) {
                        Ok(rel) => found.push(Found {
                            path: entry.path().to_path_buf(),
                            rel,
                            is_dir,
                        }),
                        Err(Some(problem)) => problems.push(problem),
                        Err(None) => {}
                    }
                }
                Err(e) => problems.push(self.unreadable(dir, &e)),
            }
        }
        diagnostics.extend(problems);
        found
    }

    fn shown(&self, path: &Path) -> PathBuf {
        crate::diagnostics::display_path(self.root, path)
    }

    /// A warning for the link at `path`, skipped for `why`.
    fn skipped_link(&self, path: &Path, why: Skipped) -> Diagnostic {
        let target =
            std::fs::read_link(path).map_or_else(|_| "?".into(), |t| t.display().to_string());
        let (message, help) = match why {
            Skipped::Outside => (
                format!(
                    "skipped: this link points outside {} (to {target})",
                    self.boundary_name
                ),
                format!(
                    "nothing from outside {} is published: copy the files in, or move them in and link to them there",
                    self.boundary_name
                ),
            ),
            Skipped::Missing => (
                format!("skipped: this link points to {target}, which does not exist"),
                "fix the link or remove it".to_string(),
            ),
            Skipped::Loop => (
                format!("skipped: this link points to {target}, a folder that holds the link"),
                "remove the link, or link to the files you mean instead".to_string(),
            ),
        };
        Diagnostic::warning(self.shown(path), message).with_help(help)
    }

    /// An entry that could not be read: a warning for a broken link or a
    /// link back into its own folder, an error otherwise.
    fn unreadable(&self, dir: &Path, e: &walkdir::Error) -> Diagnostic {
        let path = e.path().unwrap_or(dir);
        if e.loop_ancestor().is_some() {
            return self.skipped_link(path, Skipped::Loop);
        }
        let is_link = path.symlink_metadata().is_ok_and(|m| m.is_symlink());
        if is_link && !path.exists() {
            return self.skipped_link(path, Skipped::Missing);
        }
        let reason = e
            .io_error()
            .map_or_else(|| e.to_string(), ToString::to_string);
        Diagnostic::error(self.shown(path), format!("cannot read: {reason}"))
    }
}

/// The names found so far, in Unicode's composed form (NFC): URLs and
/// links use that form, so two names that differ only in how an accent is
/// encoded would be one page or file.
#[derive(Default)]
struct Names {
    /// NFC name -> the name as on disk.
    seen: HashMap<String, String>,
    /// Folders that clashed; what they hold is not reported again.
    clashed: Vec<String>,
}

impl Names {
    /// The NFC form of `rel`, or the clash with an earlier name (`None`
    /// inside a folder that clashed already).
    fn claim(
        &mut self,
        dir: &Path,
        rel: String,
        is_dir: bool,
    ) -> Result<String, Option<Diagnostic>> {
        let name = nfc(&rel).into_owned();
        let Some(other) = self.seen.get(&name) else {
            self.seen.insert(name.clone(), rel);
            return Ok(name);
        };
        if self
            .clashed
            .iter()
            .any(|d| name.starts_with(&format!("{d}/")))
        {
            return Err(None);
        }
        if is_dir {
            self.clashed.push(name);
        }
        let folder = dir
            .file_name()
            .map_or(String::new(), |f| f.to_string_lossy().into_owned());
        Err(Some(
            Diagnostic::error(
                Path::new(&folder).join(&rel),
                // Quoted as Rust does, which shows a combining accent as `\u{301}`.
                format!(
                    "{:?} and {:?} are one name once Unicode is normalised (NFC): \
                     the site would give both one URL",
                    format!("{folder}/{rel}"),
                    format!("{folder}/{other}"),
                ),
            )
            .with_help(
                "rename or remove one of them (macOS may write an accent as a separate mark)",
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sites_language_codes_name_translations() {
        let config = crate::config::Config::parse(
            "title = \"T\"\nlanguage = \"en\"\n[languages.fr]\n[languages.pt-BR]\n",
        )
        .unwrap();
        let langs = config.languages();
        let found = |rel: &str| page_language(rel, &langs).map_err(|d| d.message);
        assert_eq!(found("sql/orm.fr.md"), Ok((1, "sql/orm.md".into())));
        assert_eq!(found("_index.pt-BR.md"), Ok((2, "_index.md".into())));
        assert_eq!(found("notes.v2.md"), Ok((0, "notes.v2.md".into())));
        assert_eq!(found("orm.de.md"), Ok((0, "orm.de.md".into())));
        assert!(found("orm.en.md").unwrap_err().contains("default language"));
        // One language: every name is a page of it, as before.
        let one = Languages::default();
        assert_eq!(
            page_language("orm.en.md", &one).map_err(|d| d.message),
            Ok((0, "orm.en.md".into()))
        );
    }

    #[test]
    fn ignores_editor_leftovers() {
        for name in [".#orm.md", "orm.md~", ".orm.md.swp", "#orm.md#", ".hidden"] {
            assert!(is_ignored(name), "{name}");
        }
        for name in ["orm.md", "diagram.png", "_index.md"] {
            assert!(!is_ignored(name), "{name}");
        }
        for name in [".nojekyll", ".well-known", "robots.txt"] {
            assert!(!is_leftover(name), "{name}");
        }
        for name in [".git", ".DS_Store", "x.swp", ".#x"] {
            assert!(is_leftover(name), "{name}");
        }
    }
}
