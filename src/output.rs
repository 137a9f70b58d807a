//! Writing the site: everything goes into a staging folder beside the
//! output, which replaces the output only once the whole site is written.
//! A failed build leaves the previous output as it was, and syllabus only
//! ever deletes folders it wrote itself (they carry a marker file). An
//! interrupted build deletes its staging folder (see `output::leftovers`).

mod leftovers;

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::cache::FileRecord;
use crate::discover::{CONTENT_DIR, STATIC_DIR};
pub use leftovers::remove_on_signal;
use leftovers::Kind;

/// Marks a folder as syllabus output, so a later build may replace it.
pub const MARKER: &str = ".syllabus-output";

/// Where the output folder was chosen, so a refusal says what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputOrigin {
    /// `--output` on the command line.
    Flag,
    /// `output_dir = ...` in site.toml.
    Config {
        /// The line of `output_dir`.
        line: usize,
    },
    /// Neither: the default, `public`.
    Default,
}

impl std::fmt::Display for OutputOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputOrigin::Flag => write!(f, "set by --output"),
            OutputOrigin::Config { line } => {
                write!(
                    f,
                    "set by `output_dir` at {}:{line}",
                    crate::config::CONFIG_FILE
                )
            }
            OutputOrigin::Default => write!(f, "the default `output_dir`"),
        }
    }
}

impl OutputOrigin {
    /// How to pick another folder from where this one came from.
    fn change(&self) -> &'static str {
        match self {
            OutputOrigin::Flag => "pass another --output",
            OutputOrigin::Config { .. } | OutputOrigin::Default => {
                "set another `output_dir` in site.toml (or pass --output)"
            }
        }
    }
}

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The folder is not one syllabus may replace.
    #[error("refusing to write to {path}, {origin}: {reason}")]
    Refused {
        /// The folder as it was given.
        path: PathBuf,
        /// Where it was given.
        origin: OutputOrigin,
        /// Why it is refused.
        reason: String,
        /// What to do instead.
        help: String,
    },
    /// Writing failed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file or folder being written.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
}

impl OutputError {
    /// How to fix it, if syllabus knows.
    pub fn help(&self) -> Option<&str> {
        match self {
            OutputError::Refused { help, .. } => Some(help),
            OutputError::Io { .. } => None,
        }
    }
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// An absolute, `..`-free form of `path`, resolving symlinks of the part that
/// exists, so two spellings of a folder compare equal.
fn absolute(path: &Path) -> io::Result<PathBuf> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut path = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::ParentDir => {
                path.pop();
            }
            Component::CurDir => {}
            other => path.push(other),
        }
    }
    let mut existing = path.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_owned()),
            None => break,
        }
        existing.pop();
    }
    let mut out = existing.canonicalize()?;
    out.extend(rest.into_iter().rev());
    Ok(out)
}

/// Checks that `output` is a folder syllabus may replace for the site at `root`.
pub(crate) fn check_output_dir(
    root: &Path,
    output: &Path,
    origin: OutputOrigin,
) -> Result<PathBuf, OutputError> {
    let refuse = |reason: &str, help: &str| OutputError::Refused {
        path: output.to_path_buf(),
        reason: reason.to_string(),
        help: format!("{}{help}", origin.change()),
        origin: origin.clone(),
    };
    let root = absolute(root).map_err(io_err(root))?;
    let out = absolute(output).map_err(io_err(output))?;
    let pick = ": a folder of its own, like `public` (the default)";
    if out == root {
        return Err(refuse("it is the site's own folder", pick));
    }
    if root.starts_with(&out) {
        return Err(refuse("it contains the site's folder", pick));
    }
    for dir in [CONTENT_DIR, STATIC_DIR, "templates", "themes"] {
        if out.starts_with(root.join(dir)) {
            return Err(refuse(
                &format!("it is inside the site's {dir}/ folder"),
                pick,
            ));
        }
    }
    if out.exists() {
        if !out.is_dir() {
            return Err(refuse("it is a file, not a folder", pick));
        }
        let empty = fs::read_dir(&out).map_err(io_err(&out))?.next().is_none();
        if !empty && !out.join(MARKER).is_file() {
            return Err(refuse(
                "it is not empty and was not written by syllabus",
                ", or empty this folder if you are sure nothing in it is needed",
            ));
        }
    }
    Ok(out)
}

/// Where a build puts its files: a staging folder on disk for `build`,
/// memory for `serve`.
pub(crate) trait Sink: Sync {
    /// Writes `bytes` at `rel` (a `/`-separated path inside the output).
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError>;
    /// Copies the file `from` to `rel`.
    fn copy(&self, rel: &str, from: &Path) -> Result<(), OutputError>;
    /// Keeps the previous output's file `rel` when it is the one
    /// `record` describes; false (and nothing done) otherwise.
    fn keep(&self, rel: &str, record: FileRecord) -> bool {
        let _ = (rel, record);
        false
    }
}

/// Removes what a killed build into `out` left beside it, putting back
/// an output a killed swap had moved aside.
pub(crate) fn sweep_leftovers(out: &Path) {
    let parent = out.parent().unwrap_or(Path::new("/"));
    leftovers::sweep(parent, &output_name(out), out);
}

/// A staging folder beside the output. Files are written into it as the
/// build produces them; [`Staging::finish`] swaps it in for the output.
/// Dropped without `finish`, it deletes itself and the output is untouched.
pub(crate) struct Staging {
    dir: tempfile::TempDir,
    /// The folder's marker, locked while the build runs.
    _marker: fs::File,
    /// Unlisted from the in-flight folders last, once `dir` is gone.
    _registered: leftovers::Registered,
    out: PathBuf,
    /// The output being replaced, if any: its unchanged files are linked
    /// into the new one instead of written again.
    previous: Option<PathBuf>,
    /// Folders already made, so each is made once.
    made: Mutex<HashSet<PathBuf>>,
}

impl Staging {
    /// Starts a staging folder for `out`, which `check_output_dir` approved.
    pub(crate) fn new(out: &Path) -> Result<Staging, OutputError> {
        let parent = out.parent().unwrap_or(Path::new("/"));
        fs::create_dir_all(parent).map_err(io_err(parent))?;
        let name = output_name(out);
        leftovers::sweep(parent, &name, out);
        // Listed before a signal can find the folder unlisted.
        let mut in_flight = leftovers::in_flight();
        let (dir, marker) = leftovers::make(parent, &name, Kind::New).map_err(io_err(parent))?;
        let registered = leftovers::Registered::new(&mut in_flight, dir.path());
        drop(in_flight);
        let previous = out.join(MARKER).is_file().then(|| out.to_path_buf());
        Ok(Staging {
            dir,
            _marker: marker,
            _registered: registered,
            out: out.to_path_buf(),
            previous,
            made: Mutex::default(),
        })
    }

    fn target(&self, rel: &str) -> Result<PathBuf, OutputError> {
        let dest = self.dir.path().join(rel);
        if leftovers::interrupted() {
            return Err(OutputError::Io {
                path: dest,
                source: io::ErrorKind::Interrupted.into(),
            });
        }
        if let Some(parent) = dest.parent() {
            let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
            if !made.contains(parent) {
                make_below(self.dir.path(), parent).map_err(io_err(parent))?;
                made.insert(parent.to_path_buf());
            }
        }
        Ok(dest)
    }

    /// Links the previous output's `rel` to `dest` when it holds `bytes`.
    /// Most files of a rebuild are unchanged, and a link costs the file
    /// system far less than a new file (and the old one's deletion).
    fn reuse(&self, rel: &str, dest: &Path, same: impl FnOnce(&Path) -> bool) -> bool {
        let Some(previous) = &self.previous else {
            return false;
        };
        let old = previous.join(rel);
        same(&old) && fs::hard_link(&old, dest).is_ok()
    }

    /// Puts the folder (marked as ours since it was made) in place of the
    /// output. A signal arriving meanwhile waits until the swap is done.
    pub(crate) fn finish(self) -> Result<(), OutputError> {
        let in_flight = leftovers::in_flight();
        let name = output_name(&self.out);
        swap_in(self.dir, &self.out, &name)?;
        drop(in_flight);
        Ok(())
    }
}

/// The output folder's name, which names the folders made beside it.
fn output_name(out: &Path) -> String {
    out.file_name()
        .map_or("site".into(), |n| n.to_string_lossy().into_owned())
}

/// Makes `dir` and its parents up to `root`, never `root` itself: once an
/// interrupted build has deleted its staging folder, nothing brings it back.
fn make_below(root: &Path, dir: &Path) -> io::Result<()> {
    let Ok(rel) = dir.strip_prefix(root) else {
        return Err(io::ErrorKind::InvalidInput.into());
    };
    let mut path = root.to_path_buf();
    for part in rel.components() {
        path.push(part);
        match fs::create_dir(&path) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// Whether the file at `path` holds exactly `bytes`, read a block at a
/// time: a site's biggest files are tens of megabytes.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    match fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            let Ok(mut file) = fs::File::open(path) else {
                return false;
            };
            let mut block = vec![0; 64 * 1024];
            let mut rest = bytes;
            while !rest.is_empty() {
                let n = block.len().min(rest.len());
                if file.read_exact(&mut block[..n]).is_err() || block[..n] != rest[..n] {
                    return false;
                }
                rest = &rest[n..];
            }
            true
        }
        _ => false,
    }
}

impl Sink for Staging {
    fn keep(&self, rel: &str, record: FileRecord) -> bool {
        let Ok(dest) = self.target(rel) else {
            return false;
        };
        // Read whole: a file edited in the output folder since is made again.
        self.reuse(rel, &dest, |old| {
            fs::metadata(old).is_ok_and(|m| m.is_file() && m.len() == record.len)
                && fs::read(old).is_ok_and(|bytes| record.matches(&bytes))
        })
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let dest = self.target(rel)?;
        if self.reuse(rel, &dest, |old| holds(old, bytes)) {
            return Ok(());
        }
        fs::write(&dest, bytes).map_err(io_err(&dest))
    }

    fn copy(&self, rel: &str, from: &Path) -> Result<(), OutputError> {
        let dest = self.target(rel)?;
        let same = |old: &Path| fs::read(from).is_ok_and(|bytes| holds(old, &bytes));
        if self.reuse(rel, &dest, same) {
            return Ok(());
        }
        fs::copy(from, &dest).map(drop).map_err(io_err(from))
    }
}

fn swap_in(staging: tempfile::TempDir, out: &Path, name: &str) -> Result<(), OutputError> {
    let parent = out.parent().unwrap_or(Path::new("/"));
    if !out.exists() {
        fs::rename(staging.path(), out).map_err(io_err(out))?;
        let _ = staging.keep();
        return Ok(());
    }
    // Move the old output aside first, so a failed rename can put it back.
    let (old, _marker) = leftovers::make(parent, name, Kind::Old).map_err(io_err(parent))?;
    let old_site = old.path().join("site");
    fs::rename(out, &old_site).map_err(io_err(out))?;
    if let Err(e) = fs::rename(staging.path(), out) {
        let _ = fs::rename(&old_site, out);
        return Err(OutputError::Io {
            path: out.to_path_buf(),
            source: e,
        });
    }
    let _ = staging.keep();
    // Dropping `old` deletes the previous output it now holds.
    drop(old);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_folds_dots() {
        let tmp = tempfile::tempdir().unwrap();
        let a = absolute(&tmp.path().join("x/../y")).unwrap();
        assert_eq!(a, tmp.path().canonicalize().unwrap().join("y"));
    }
}
