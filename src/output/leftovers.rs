//! Folders a build leaves beside the output while it runs (the staging
//! folder, which during a commit also holds the files it replaces, and
//! during a first build's swap the folder holding what was there):
//! deleted when the build is interrupted by Ctrl-C or SIGTERM, and by the
//! next build when it was killed outright.
//!
//! Such a folder is recognised by its exact name for this output
//! (`.NAME.syllabus-new-XXXXXX`, `.NAME.syllabus-old-XXXXXX`) and by the
//! marker file written into it before anything else. The build keeps that
//! marker locked while it runs, so a second build of the same output
//! running at the same time never mistakes it for a leftover; the lock
//! goes away with the process, however it ends.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use super::MARKER;

/// What tempfile appends to a folder's prefix: fixed here, as the
/// pattern that recognises leftovers depends on it.
pub(super) const RANDOM_LEN: usize = 6;

/// The two kinds of folder a build makes beside its output.
#[derive(Clone, Copy)]
pub(super) enum Kind {
    /// The site being written.
    New,
    /// The previous output, moved aside while the new one takes its place.
    Old,
}

impl Kind {
    /// The name prefix of this kind of folder for the output called `name`.
    pub(super) fn prefix(self, name: &str) -> String {
        match self {
            Kind::New => format!(".{name}.syllabus-new-"),
            Kind::Old => format!(".{name}.syllabus-old-"),
        }
    }
}

/// Folders of this process that an interruption must delete.
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Set once a signal asked the build to stop: writes fail from then on,
/// so the staging folder can be deleted while workers are still busy.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// A folder listed as in flight until this is dropped.
pub(super) struct Registered(PathBuf);

impl Registered {
    pub(super) fn new(in_flight: &mut Vec<PathBuf>, dir: &Path) -> Registered {
        in_flight.push(dir.to_path_buf());
        Registered(dir.to_path_buf())
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        in_flight().retain(|d| *d != self.0);
    }
}

/// The list of in-flight folders. Holding it keeps the signal handler
/// waiting, so a folder is never half made or half swapped when it runs.
pub(super) fn in_flight() -> MutexGuard<'static, Vec<PathBuf>> {
    IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner())
}

pub(super) fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::Relaxed)
}

/// Creates a folder of `kind` for the output `name` in `parent`, with its
/// marker written and locked first thing. The lock lives as long as the
/// returned file.
pub(super) fn make(
    parent: &Path,
    name: &str,
    kind: Kind,
) -> io::Result<(tempfile::TempDir, fs::File)> {
    let dir = tempfile::Builder::new()
        .prefix(&kind.prefix(name))
        .rand_bytes(RANDOM_LEN)
        .tempdir_in(parent)?;
    // Locked under another name, then renamed (the lock stays with the
    // file): a sweep never sees the marker unlocked while this build lives.
    let unlocked = dir.path().join(".syllabus-marking");
    let marker = fs::File::create_new(&unlocked)?;
    marker.lock()?;
    io::Write::write_all(
        &mut &marker,
        b"Written by syllabus. `syllabus build` replaces this folder as a whole.\n",
    )?;
    fs::rename(&unlocked, dir.path().join(MARKER))?;
    Ok((dir, marker))
}

/// Deletes `dir` even while workers still write into it: each pass
/// removes what is there, and nothing can recreate the folder itself.
fn remove_fully(dir: &Path) {
    for _ in 0..50 {
        match fs::remove_dir_all(dir) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                std::thread::sleep(Duration::from_millis(10))
            }
            _ => return,
        }
    }
}

/// On Ctrl-C (SIGINT) or SIGTERM, deletes this process's in-flight
/// folders, then ends the process as the signal would have (exit status
/// 130 or 143 in a shell). A build interrupted while swapping its output
/// in finishes the swap first.
#[cfg(unix)]
pub fn remove_on_signal() -> io::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])?;
    std::thread::Builder::new()
        .name("syllabus-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let dirs = in_flight();
                INTERRUPTED.store(true, Ordering::Relaxed);
                for dir in dirs.iter() {
                    remove_fully(dir);
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                signal_hook::low_level::exit(128 + signal);
            }
        })?;
    Ok(())
}

#[cfg(not(unix))]
pub fn remove_on_signal() -> io::Result<()> {
    Ok(())
}

/// Deletes in `parent` the folders that an earlier build of the output
/// `out` left when it was killed. Only folders named for this output that
/// hold an unlocked marker go; anything else is left alone. A killed swap
/// may have left the output itself moved aside, and a killed commit some
/// files moved in: the output is put back as it was first.
pub(super) fn sweep(parent: &Path, name: &str, out: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let Some(kind) = file_name.to_str().and_then(|n| leftover_kind(n, name)) else {
            continue;
        };
        let dir = entry.path();
        if !abandoned(&dir) {
            continue;
        }
        match kind {
            Kind::Old => {
                let site = dir.join("site");
                if !out.exists() && site.join(MARKER).is_file() {
                    let _ = fs::rename(&site, out);
                }
            }
            // A build killed while moving its files in: undone.
            Kind::New => super::commit::recover(&dir, out),
        }
        let _ = fs::remove_dir_all(&dir);
    }
}

/// Which kind of leftover `file_name` names for the output `name`, if any.
fn leftover_kind(file_name: &str, name: &str) -> Option<Kind> {
    [Kind::New, Kind::Old].into_iter().find(|kind| {
        file_name
            .strip_prefix(&kind.prefix(name))
            .is_some_and(|rest| {
                rest.len() == RANDOM_LEN && rest.bytes().all(|b| b.is_ascii_alphanumeric())
            })
    })
}

/// A real folder (not a link) holding a marker no running build holds.
fn abandoned(dir: &Path) -> bool {
    let is_dir = fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir());
    let marker = dir.join(MARKER);
    if !is_dir || !fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file()) {
        return false;
    }
    fs::File::open(&marker).is_ok_and(|f| f.try_lock().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_exact_names_for_this_output_are_leftovers() {
        let is = |n: &str| leftover_kind(n, "public").is_some();
        assert!(is(".public.syllabus-new-a1B2c3"));
        assert!(is(".public.syllabus-old-a1B2c3"));
        assert!(!is(".public.syllabus-new-a1B2c"));
        assert!(!is(".public.syllabus-new-a1B2c34"));
        assert!(!is(".public.syllabus-new-a1B2c-"));
        assert!(!is(".public2.syllabus-new-a1B2c3"));
        assert!(!is(".syllabus-old-a1B2c3"));
        assert!(!is("public"));
    }
}
