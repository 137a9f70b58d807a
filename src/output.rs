//! Writing the site: everything goes into a staging folder beside the
//! output, which replaces the output only once the whole site is written.
//! A failed build leaves the previous output as it was, and syllabus only
//! ever deletes folders it wrote itself (they carry a marker file). An
//! interrupted build deletes its staging folder (see `output::leftovers`).

mod commit;
mod leftovers;
mod manifest;

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::cache::FileRecord;
use crate::discover::{CONTENT_DIR, STATIC_DIR};
use commit::{Fate, Fates};
pub use leftovers::remove_on_signal;
use leftovers::Kind;
pub(crate) use manifest::{file_state, FileState, Manifest, Records};

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
/// build produces them; [`Staging::finish`] swaps it in for the output, or,
/// over a previous output, moves in only the files that changed (see
/// `commit`). Dropped without `finish`, it deletes itself and the output is
/// untouched.
pub(crate) struct Staging {
    dir: tempfile::TempDir,
    /// The folder's marker, locked while the build runs.
    _marker: fs::File,
    /// Unlisted from the in-flight folders last, once `dir` is gone.
    _registered: leftovers::Registered,
    out: PathBuf,
    /// The marker of the output being rebuilt, if there is one, locked so
    /// that two builds of one output commit one after the other; its
    /// unchanged files stay where they are.
    previous: Option<fs::File>,
    /// What the last build left in the output, when it left a stamp.
    manifest: Manifest,
    /// Each file of the new site: whether it is staged or kept, and what
    /// it holds.
    fates: Mutex<Fates>,
    /// Folders already made, so each is made once.
    made: Mutex<HashSet<PathBuf>>,
}

impl Staging {
    /// Starts a staging folder for `out`, which `check_output_dir` approved.
    /// `manifest` is what the last build left there, if known.
    pub(crate) fn new(out: &Path, manifest: Manifest) -> Result<Staging, OutputError> {
        let parent = out.parent().unwrap_or(Path::new("/"));
        fs::create_dir_all(parent).map_err(io_err(parent))?;
        let name = output_name(out);
        leftovers::sweep(parent, &name, out);
        // Listed before a signal can find the folder unlisted.
        let mut in_flight = leftovers::in_flight();
        let (dir, marker) = leftovers::make(parent, &name, Kind::New).map_err(io_err(parent))?;
        let registered = leftovers::Registered::new(&mut in_flight, dir.path());
        drop(in_flight);
        Ok(Staging {
            dir,
            _marker: marker,
            _registered: registered,
            out: out.to_path_buf(),
            previous: lock_previous(out)?,
            manifest,
            fates: Mutex::default(),
            made: Mutex::default(),
        })
    }

    fn check_running(&self) -> Result<(), OutputError> {
        if leftovers::interrupted() {
            return Err(OutputError::Io {
                path: self.dir.path().to_path_buf(),
                source: io::ErrorKind::Interrupted.into(),
            });
        }
        Ok(())
    }

    /// Where `rel` is staged, its folder made.
    fn target(&self, rel: &str) -> Result<PathBuf, OutputError> {
        let dest = self.dir.path().join(rel);
        if let Some(parent) = dest.parent() {
            let root = self.dir.path();
            // Nothing is ever made outside the staging folder, whatever
            // `rel` holds: planning gives no `..`, and this does not trust it.
            let outside = Path::new(rel)
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)));
            if outside || !parent.starts_with(root) {
                return Err(io_err(&dest)(io::ErrorKind::InvalidInput.into()));
            }
            // Only the folders not made yet, outermost first, and without
            // holding the lock: two threads making one folder is harmless.
            let missing: Vec<PathBuf> = {
                let made = self.made.lock().unwrap_or_else(|e| e.into_inner());
                let mut missing: Vec<PathBuf> = parent
                    .ancestors()
                    .take_while(|dir| *dir != root && !made.contains(*dir))
                    .map(Path::to_path_buf)
                    .collect();
                missing.reverse();
                missing
            };
            for dir in &missing {
                make_dir(dir).map_err(io_err(dir))?;
            }
            if !missing.is_empty() {
                let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
                made.extend(missing);
            }
        }
        Ok(dest)
    }

    fn settle(&self, rel: &str, fate: Fate, record: FileRecord) {
        let mut fates = self.fates.lock().unwrap_or_else(|e| e.into_inner());
        fates.insert(rel.to_string(), (fate, record));
    }

    /// Keeps the previous output's `rel` as it is when it holds what
    /// `new` records: known from the manifest when the file is as the last
    /// build left it, else checked by `same` on the file. Most files of a
    /// rebuild are unchanged; leaving them costs nothing.
    fn reuse(&self, rel: &str, new: FileRecord, same: impl FnOnce(&Path) -> bool) -> bool {
        if self.previous.is_none() {
            return false;
        }
        let old = self.out.join(rel);
        // A link there is not the site's file, whatever it points at.
        let kept = match fs::symlink_metadata(&old) {
            Ok(m) if m.is_file() && m.len() == new.len => {
                match manifest::known(&self.manifest, rel, &m) {
                    Some(hash) => hash == new.hash,
                    None => same(&old),
                }
            }
            _ => false,
        };
        if kept {
            self.settle(rel, Fate::Kept, new);
        }
        kept
    }

    /// Puts a changed file into the staging folder with `put`.
    fn stage(
        &self,
        rel: &str,
        record: FileRecord,
        put: impl FnOnce(&Path) -> Result<(), OutputError>,
    ) -> Result<(), OutputError> {
        put(&self.target(rel)?)?;
        self.settle(rel, Fate::Staged, record);
        Ok(())
    }

    /// Puts the folder (marked as ours since it was made) in place of the
    /// output. A signal arriving meanwhile waits until the swap is done.
    /// Returns what each file of the site holds.
    pub(crate) fn finish(self) -> Result<Records, OutputError> {
        let fates = self.fates.into_inner().unwrap_or_else(|e| e.into_inner());
        let in_flight = leftovers::in_flight();
        if self.previous.is_some() {
            commit::commit(self.dir.path(), &self.out, &fates)?;
        } else {
            swap_in(self.dir, &self.out, &output_name(&self.out))?;
        }
        drop(in_flight);
        Ok(fates
            .into_iter()
            .map(|(rel, (_, record))| (rel, record))
            .collect())
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
        make_dir(&path)?;
    }
    Ok(())
}

/// Makes `dir`, whose parent exists: never a parent, for the same reason.
fn make_dir(dir: &Path) -> io::Result<()> {
    match fs::create_dir(dir) {
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => Err(e),
        _ => Ok(()),
    }
}

/// Whether the file at `path` holds exactly the `len` bytes `expected`
/// reads, both read a block at a time: a site's biggest files are tens of
/// megabytes, and a static file can be far more.
fn holds(path: &Path, len: u64, mut expected: impl io::Read) -> bool {
    use std::io::Read;
    match fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == len => {
            let Ok(mut file) = fs::File::open(path) else {
                return false;
            };
            let (mut block, mut want) = (vec![0; 64 * 1024], vec![0; 64 * 1024]);
            let mut rest = len;
            while rest > 0 {
                let n = block.len().min(usize::try_from(rest).unwrap_or(usize::MAX));
                if file.read_exact(&mut block[..n]).is_err()
                    || expected.read_exact(&mut want[..n]).is_err()
                    || block[..n] != want[..n]
                {
                    return false;
                }
                rest -= n as u64;
            }
            true
        }
        _ => false,
    }
}

impl Sink for Staging {
    fn keep(&self, rel: &str, record: FileRecord) -> bool {
        if self.check_running().is_err() {
            return false;
        }
        // Read whole: a file edited in the output folder since is made again.
        self.reuse(rel, record, |old| {
            fs::read(old).is_ok_and(|bytes| record.matches(&bytes))
        })
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        self.check_running()?;
        let record = FileRecord::of(bytes);
        if self.reuse(rel, record, |old| holds(old, record.len, bytes)) {
            return Ok(());
        }
        self.stage(rel, record, |dest| {
            fs::write(dest, bytes).map_err(io_err(dest))
        })
    }

    // Static files can be large: they are hashed and copied a block at a
    // time, never held whole.
    fn copy(&self, rel: &str, from: &Path) -> Result<(), OutputError> {
        self.check_running()?;
        let record = FileRecord::of_file(from).map_err(io_err(from))?;
        let same =
            |old: &Path| fs::File::open(from).is_ok_and(|source| holds(old, record.len, source));
        if self.reuse(rel, record, same) {
            return Ok(());
        }
        self.stage(rel, record, |dest| {
            fs::copy(from, dest).map(drop).map_err(io_err(from))
        })
    }
}

/// The output's marker, locked, when the output is a previous build's.
/// Waits while another build of the same output holds it.
fn lock_previous(out: &Path) -> Result<Option<fs::File>, OutputError> {
    let marker = out.join(MARKER);
    if !fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file()) {
        return Ok(None);
    }
    let file = fs::File::open(&marker).map_err(io_err(&marker))?;
    file.lock().map_err(io_err(&marker))?;
    Ok(Some(file))
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
