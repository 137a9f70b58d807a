//! What a build left in its output folder: each file's state (length,
//! times, inode) and a hash of its bytes. The next build trusts a file
//! whose state is unchanged to hold what it held, so finding the output's
//! unchanged files costs a `stat` each instead of reading them back.

use std::fs::Metadata;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::cache::FileRecord;

/// A file's state: any write changes it, if only its change time, which
/// no tool can set.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct FileState {
    pub(crate) len: u64,
    pub(crate) modified: i128,
    /// When the file's data or attributes last changed (not settable).
    pub(crate) changed: i128,
    pub(crate) inode: u64,
}

/// The output's files as the last build left them, by `/`-separated path:
/// their state then, and the hash of their bytes ([`FileRecord`]).
pub(crate) type Manifest = FxHashMap<String, (FileState, u64)>;

/// What each file of a build holds, by path.
pub(crate) type Records = FxHashMap<String, FileRecord>;

/// Whether the file whose metadata is `now` still holds what `manifest`
/// says `rel` held; `None` when the manifest cannot tell (the file was
/// touched since, or is not in it).
pub(super) fn known(manifest: &Manifest, rel: &str, now: &Metadata) -> Option<u64> {
    let (state, hash) = manifest.get(rel)?;
    (*state == file_state(now)).then_some(*hash)
}

#[cfg(unix)]
pub(crate) fn file_state(m: &Metadata) -> FileState {
    use std::os::unix::fs::MetadataExt;
    let nanos = |secs: i64, nsec: i64| i128::from(secs) * 1_000_000_000 + i128::from(nsec);
    FileState {
        len: m.len(),
        modified: nanos(m.mtime(), m.mtime_nsec()),
        changed: nanos(m.ctime(), m.ctime_nsec()),
        inode: m.ino(),
    }
}

#[cfg(not(unix))]
pub(crate) fn file_state(m: &Metadata) -> FileState {
    let modified = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i128);
    FileState {
        len: m.len(),
        modified,
        changed: modified,
        inode: 0,
    }
}
