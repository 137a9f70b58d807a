//! `syllabus init` and `syllabus new`: files for authors to start from.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::config::CONFIG_FILE;
use crate::discover::{CONTENT_DIR, SECTION_FILE};

static SKELETON: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/skeleton");

/// Why `init` or `new` could not create what was asked.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    /// `init` is given a folder with files in it.
    #[error("{0} is not empty")]
    NotEmpty(PathBuf),
    /// `new` would overwrite a file.
    #[error("{0} already exists")]
    Exists(PathBuf),
    /// `new` is given a path that is not `content/.../NAME.md`.
    #[error("{0} is not a Markdown file inside content/")]
    NotAGuidePath(PathBuf),
    /// `new` runs outside a site.
    #[error("no {CONFIG_FILE} in {0}")]
    NotASite(PathBuf),
    /// Writing failed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file or folder being written.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
}

impl ScaffoldError {
    /// How to fix it, if syllabus knows.
    pub fn help(&self) -> Option<&'static str> {
        Some(match self {
            ScaffoldError::NotEmpty(_) => "choose a new or empty folder: `syllabus init my-site`",
            ScaffoldError::Exists(_) => "choose another file name",
            ScaffoldError::NotAGuidePath(_) => "give a path like content/python/closures.md",
            ScaffoldError::NotASite(_) => "run it in a site folder, or pass --root DIR",
            ScaffoldError::Io { .. } => return None,
        })
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), ScaffoldError> {
    let io = |source| ScaffoldError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io)?;
    }
    fs::write(path, bytes).map_err(io)
}

/// Creates a working site in `dir`, which must be empty or absent.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(|source| ScaffoldError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        if entries.next().is_some() {
            return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
        }
    }
    let mut created = Vec::new();
    let mut stack = vec![&SKELETON];
    while let Some(folder) = stack.pop() {
        for file in folder.files() {
            let path = dir.join(file.path());
            write(&path, file.contents())?;
            created.push(path);
        }
        stack.extend(folder.dirs());
    }
    created.sort();
    Ok(created)
}

/// `list-comprehensions` -> `List comprehensions`.
fn title_from_name(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(secs, 0)
        .map_or("1970-01-01".into(), |d| d.format("%Y-%m-%d").to_string())
}

/// YAML double-quoted string, so any title is safe in front matter.
fn yaml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Creates a guide at `path` (relative to `root`, inside content/), and the
/// section's `_index.md` when the folder is new.
pub fn new_guide(root: &Path, path: &Path, title: Option<&str>) -> Result<PathBuf, ScaffoldError> {
    if !root.join(CONFIG_FILE).is_file() {
        return Err(ScaffoldError::NotASite(root.to_path_buf()));
    }
    let full = root.join(path);
    let inside = path.strip_prefix(CONTENT_DIR).ok().filter(|rest| {
        !rest.as_os_str().is_empty()
            && rest
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
    });
    let is_md = path.extension().is_some_and(|e| e == "md");
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if inside.is_none() || !is_md || stem.starts_with('_') {
        return Err(ScaffoldError::NotAGuidePath(path.to_path_buf()));
    }
    if full.exists() {
        return Err(ScaffoldError::Exists(full));
    }
    let folder = full.parent().unwrap_or(root).to_path_buf();
    let content_root = root.join(CONTENT_DIR);
    if folder != content_root && !folder.join(SECTION_FILE).exists() {
        let name = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let index = format!(
            "---\ntitle: {}\n---\n",
            yaml_string(&title_from_name(&name))
        );
        write(&folder.join(SECTION_FILE), index.as_bytes())?;
    }
    // A translation (`joins.fr.md`) is titled after its name without the
    // language.
    let languages = crate::config::Config::load(root).map(|c| c.languages());
    let stem = match languages
        .ok()
        .and_then(|l| l.named_in(&format!("{stem}.md")))
    {
        Some((_, base)) => base.trim_end_matches(".md").to_string(),
        None => stem,
    };
    let title = title.map_or_else(|| title_from_name(&stem), str::to_string);
    let text = format!(
        "---\ntitle: {}\ndescription: \"\"\ndate: {}\ntags: []\ndifficulty: beginner\n---\n\n\
Introduce the topic here.\n\n## The main idea\n\n### Q: A question a reader should be able to answer?\n\n\
The short answer, in one or two sentences.\n\nThe longer explanation.\n",
        yaml_string(&title),
        today()
    );
    write(&full, text.as_bytes())?;
    Ok(full)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_names() {
        assert_eq!(
            title_from_name("list-comprehensions"),
            "List comprehensions"
        );
        assert_eq!(yaml_string("a \"b\""), "\"a \\\"b\\\"\"");
    }
}
