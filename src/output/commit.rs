//! Putting a rebuilt site in place over the previous output by moving only
//! what changed: a one-guide edit touches a few dozen files instead of
//! replacing thousands (on a busy disk, deleting the old tree took seconds).
//!
//! Every move is written to a journal in the staging folder before the
//! first one is made. A commit that fails is undone at once; one killed
//! outright is undone by the next build (`recover`, from the sweep of
//! leftovers), so the output is always the previous site or the new one.
//! The previous versions of replaced and removed files wait in the staging
//! folder until the commit is done, and go with it.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{io_err, OutputError, MARKER};
use crate::cache::FileRecord;

/// The journal of a commit under way, in the staging folder.
const JOURNAL: &str = ".syllabus-output.journal";
/// Where replaced and removed files wait, in the staging folder.
const BACKUP: &str = ".syllabus-output.previous";

/// Each file of the new site by path: its fate, and what it holds.
pub(super) type Fates = HashMap<String, (Fate, FileRecord)>;

/// What becomes of a file of the new site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Fate {
    /// The output already holds it as it should be.
    Kept,
    /// Written into the staging folder, to be moved in.
    Staged,
}

/// One move of a commit, as the journal records it.
#[derive(Debug)]
enum Step {
    /// A file of the output no longer in the site: moved to the backup.
    Remove(String),
    /// A changed file: the old one to the backup, the new one in.
    Replace(String),
    /// A file the output did not have.
    Add(String),
}

impl Step {
    fn rel(&self) -> &str {
        match self {
            Step::Remove(rel) | Step::Replace(rel) | Step::Add(rel) => rel,
        }
    }

    fn code(&self) -> char {
        match self {
            Step::Remove(_) => 'D',
            Step::Replace(_) => 'R',
            Step::Add(_) => 'A',
        }
    }
}

/// The folders one commit moves files between.
struct Places<'a> {
    staging: &'a Path,
    out: &'a Path,
}

impl Places<'_> {
    fn staged(&self, rel: &str) -> PathBuf {
        self.staging.join(rel)
    }

    fn live(&self, rel: &str) -> PathBuf {
        self.out.join(rel)
    }

    fn backup(&self, rel: &str) -> PathBuf {
        self.staging.join(BACKUP).join(rel)
    }
}

/// Moves the staged files of `fates` into `out` and removes the files of
/// `out` the new site does not have. `staging` is the build's staging folder.
pub(super) fn commit(staging: &Path, out: &Path, fates: &Fates) -> Result<(), OutputError> {
    let places = Places { staging, out };
    let steps = plan(&places, fates);
    if steps.is_empty() {
        return Ok(());
    }
    let journal = staging.join(JOURNAL);
    write_journal(&journal, &steps).map_err(io_err(&journal))?;
    let mut done = 0;
    let result = run(&places, &steps, &mut done);
    if result.is_err() {
        undo(&places, &steps[..done]);
    }
    // Done or undone: nothing for a later build to recover.
    let _ = fs::remove_file(&journal);
    result
}

/// The moves that turn the output into the new site: removals first, so
/// that a file giving way to a folder of the same name (or the reverse)
/// is gone before the new one arrives.
fn plan(places: &Places<'_>, fates: &Fates) -> Vec<Step> {
    let mut steps: Vec<Step> = stale_files(places.out, fates)
        .into_iter()
        .map(Step::Remove)
        .collect();
    let mut staged: Vec<&String> = fates
        .iter()
        .filter(|(_, (fate, _))| *fate == Fate::Staged)
        .map(|(rel, _)| rel)
        .collect();
    staged.sort();
    steps.extend(staged.into_iter().map(|rel| {
        if fs::symlink_metadata(places.live(rel)).is_ok() {
            Step::Replace(rel.clone())
        } else {
            Step::Add(rel.clone())
        }
    }));
    steps
}

/// Files (and links) in `out` that the new site does not have, the
/// output's marker aside. A name that is not UTF-8 cannot be one syllabus
/// wrote; it is left where it is.
fn stale_files(out: &Path, fates: &Fates) -> Vec<String> {
    let mut stale = Vec::new();
    for entry in walkdir::WalkDir::new(out)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_dir() || (entry.depth() == 1 && entry.file_name() == MARKER) {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(out) else {
            continue;
        };
        let Some(rel) = rel.to_str().map(|r| r.replace('\\', "/")) else {
            continue;
        };
        if !fates.contains_key(&rel) {
            stale.push(rel);
        }
    }
    stale
}

/// Written and flushed to disk before the first move: one line a step,
/// its code and its path, NUL-terminated (paths may hold line breaks).
fn write_journal(path: &Path, steps: &[Step]) -> io::Result<()> {
    let mut file = io::BufWriter::new(fs::File::create_new(path)?);
    for step in steps {
        write!(file, "{}{}\0", step.code(), step.rel())?;
    }
    let file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
    file.sync_all()
}

fn read_journal(path: &Path) -> Option<Vec<Step>> {
    let text = fs::read_to_string(path).ok()?;
    text.split_terminator('\0')
        .map(|line| {
            let mut chars = line.chars();
            let code = chars.next()?;
            let rel = chars.as_str().to_string();
            match code {
                'D' => Some(Step::Remove(rel)),
                'R' => Some(Step::Replace(rel)),
                'A' => Some(Step::Add(rel)),
                _ => None,
            }
        })
        .collect()
}

fn run(places: &Places<'_>, steps: &[Step], done: &mut usize) -> Result<(), OutputError> {
    let mut removed = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        if !matches!(step, Step::Remove(_)) && !removed.is_empty() {
            prune_empty(places.out, removed.drain(..));
        }
        apply(places, step)?;
        *done = i + 1;
        if let Step::Remove(rel) = step {
            removed.push(rel.as_str());
        }
    }
    prune_empty(places.out, removed.into_iter());
    Ok(())
}

fn apply(places: &Places<'_>, step: &Step) -> Result<(), OutputError> {
    let rel = step.rel();
    let (live, staged, backup) = (places.live(rel), places.staged(rel), places.backup(rel));
    let set_aside =
        || make_parent(places.staging, &backup).and_then(|_| fs::rename(&live, &backup));
    match step {
        Step::Remove(_) => set_aside().map_err(io_err(&live)),
        Step::Replace(_) => {
            set_aside().map_err(io_err(&live))?;
            fs::rename(&staged, &live).map_err(io_err(&live))
        }
        Step::Add(_) => make_parent(places.out, &live)
            .and_then(|_| fs::rename(&staged, &live))
            .map_err(io_err(&live)),
    }
}

/// Undoes `steps` (some perhaps only half made), last first. Each undo
/// looks at where the files are, so it is right whatever was done.
fn undo(places: &Places<'_>, steps: &[Step]) {
    for step in steps.iter().rev() {
        let rel = step.rel();
        let (live, staged, backup) = (places.live(rel), places.staged(rel), places.backup(rel));
        let moved_in = !exists(&staged) && exists(&live);
        if matches!(step, Step::Add(_) | Step::Replace(_)) && moved_in {
            let _ = fs::rename(&live, &staged);
        }
        if let Step::Add(rel) = step {
            // Before anything comes back: a file may have been where the
            // folders made for this one now are.
            prune_empty(places.out, std::iter::once(rel.as_str()));
        }
        if matches!(step, Step::Remove(_) | Step::Replace(_)) && exists(&backup) {
            let _ = make_parent(places.out, &live).and_then(|_| fs::rename(&backup, &live));
        }
    }
}

/// Undoes the commit a killed build left in `staging`, if it left one.
pub(super) fn recover(staging: &Path, out: &Path) {
    let journal = staging.join(JOURNAL);
    if let Some(steps) = read_journal(&journal) {
        undo(&Places { staging, out }, &steps);
    }
}

fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Makes the folders above `path` up to `root` (which exists).
fn make_parent(root: &Path, path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(parent) if parent != root => super::make_below(root, parent),
        _ => Ok(()),
    }
}

/// Removes the folders of `out` that the files `rels` were in, when they
/// are now empty, deepest first, never `out` itself.
fn prune_empty<'a>(out: &Path, rels: impl Iterator<Item = &'a str>) {
    let mut dirs: Vec<&str> = rels
        .flat_map(|rel| std::iter::successors(Some(rel), |r| r.rfind('/').map(|i| &r[..i])).skip(1))
        .collect();
    dirs.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    dirs.dedup();
    for dir in dirs {
        // Fails, as it should, for a folder that still holds something.
        let _ = fs::remove_dir(out.join(dir));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder of files, each holding its own name.
    fn tree(root: &Path, files: &[&str]) {
        for rel in files {
            let path = root.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, format!("{rel} v1")).unwrap();
        }
    }

    /// Every file under `root` with its text, the marker aside.
    fn contents(root: &Path) -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = walkdir::WalkDir::new(root)
            .min_depth(1)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.file_name() != MARKER)
            .map(|e| {
                let rel = e.path().strip_prefix(root).unwrap();
                let rel = rel.to_string_lossy().replace('\\', "/");
                (rel, fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        all.sort();
        all
    }

    /// An output of four files, and a staged build that keeps one, changes
    /// one, adds one where a file was (`old` becomes a folder), removes
    /// `gone/deep.html` and `old`, and adds `new/page.html`.
    fn setup() -> (tempfile::TempDir, PathBuf, PathBuf, Fates) {
        let tmp = tempfile::tempdir().unwrap();
        let (out, staging) = (tmp.path().join("out"), tmp.path().join("staging"));
        tree(
            &out,
            &["index.html", "a/page.html", "gone/deep.html", "old"],
        );
        fs::write(out.join(MARKER), "").unwrap();
        fs::create_dir_all(staging.join("a")).unwrap();
        fs::create_dir_all(staging.join("new")).unwrap();
        fs::create_dir_all(staging.join("old")).unwrap();
        fs::write(staging.join("a/page.html"), "a/page.html v2").unwrap();
        fs::write(staging.join("new/page.html"), "new/page.html v2").unwrap();
        fs::write(staging.join("old/index.html"), "old/index.html v2").unwrap();
        let fates = [
            ("index.html", Fate::Kept),
            ("a/page.html", Fate::Staged),
            ("new/page.html", Fate::Staged),
            ("old/index.html", Fate::Staged),
        ]
        .into_iter()
        .map(|(rel, fate)| (rel.to_string(), (fate, FileRecord::of(rel.as_bytes()))))
        .collect();
        (tmp, out, staging, fates)
    }

    fn expected_new() -> Vec<(String, String)> {
        [
            ("a/page.html", "a/page.html v2"),
            ("index.html", "index.html v1"),
            ("new/page.html", "new/page.html v2"),
            ("old/index.html", "old/index.html v2"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
    }

    #[test]
    fn a_commit_moves_in_what_changed_and_removes_what_is_gone() {
        let (_tmp, out, staging, fates) = setup();
        commit(&staging, &out, &fates).unwrap();
        assert_eq!(contents(&out), expected_new());
        assert!(!out.join("gone").exists(), "an emptied folder goes too");
        assert!(out.join(MARKER).is_file());
        assert!(!staging.join(JOURNAL).exists());
    }

    #[test]
    fn a_commit_killed_at_any_step_is_undone_by_the_next_build() {
        let (_tmp, out, staging, fates) = setup();
        let before = contents(&out);
        let places = Places {
            staging: &staging,
            out: &out,
        };
        let steps = plan(&places, &fates);
        // Killed after each number of steps, and halfway through a
        // replacement (the old file set aside, the new one not yet in).
        for done in 0..=steps.len() {
            let (_tmp, out, staging, fates) = setup();
            let places = Places {
                staging: &staging,
                out: &out,
            };
            let steps = plan(&places, &fates);
            write_journal(&staging.join(JOURNAL), &steps).unwrap();
            for step in &steps[..done] {
                apply(&places, step).unwrap();
            }
            if let Some(Step::Replace(rel)) = steps.get(done) {
                let backup = places.backup(rel);
                make_parent(&staging, &backup).unwrap();
                fs::rename(places.live(rel), backup).unwrap();
            }
            recover(&staging, &out);
            assert_eq!(contents(&out), before, "killed after {done} steps");
        }
        assert!(!steps.is_empty());
    }

    #[test]
    fn a_commit_that_fails_puts_everything_back() {
        let (_tmp, out, staging, mut fates) = setup();
        let before = contents(&out);
        // Staged but missing: its move fails after others were made.
        fates.insert("z/missing.html".into(), (Fate::Staged, FileRecord::of(b"")));
        assert!(commit(&staging, &out, &fates).is_err());
        assert_eq!(contents(&out), before);
        assert!(
            !out.join("new").exists(),
            "folders the commit made go again"
        );
        assert!(!staging.join(JOURNAL).exists());
    }
}
