//! The up-to-date check. A build with a cache leaves a stamp for its
//! output folder: a hash of everything it read (the site's files, the
//! configuration and options, syllabus itself), the files its code blocks
//! included, and what it left in the folder (each entry's length,
//! modification time and inode). The next build to the same folder that
//! finds the same inputs and the folder as it was left has nothing to do:
//! a build from nothing would write the same bytes. Anything else, even a
//! page edited by hand in the output, builds as usual.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::cache::{Key, KeyHasher};
use crate::config::{Config, CONFIG_FILE};
use crate::discover::{CONTENT_DIR, STATIC_DIR};
use crate::markdown::Included;
use crate::output::{file_state, FileState, Manifest, Records};

/// The site's own templates, over the theme's (see `render::theme`).
const TEMPLATES_DIR: &str = "templates";

/// An entry of the output folder as the build left it.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
struct Entry {
    rel: String,
    /// `None` for a folder.
    file: Option<FileState>,
}

#[derive(Serialize, Deserialize)]
struct Stamp {
    /// What the build read, but the included files.
    inputs: [u8; 16],
    /// The files code blocks included, with the hash each was read with.
    includes: Vec<(PathBuf, Option<u64>)>,
    output: Vec<Entry>,
    /// The hash of each file's bytes, in the order of `output` (none for
    /// a folder or a file the build did not write).
    hashes: Vec<Option<u64>>,
    pages: usize,
    files: usize,
}

/// What was built into a folder that is still as the build left it.
pub(crate) struct Fresh {
    pub(crate) pages: usize,
    pub(crate) files: usize,
}

/// The stamp of one output folder, in the site's cache folder.
pub(crate) struct Stamps {
    path: PathBuf,
    out: PathBuf,
    inputs: Key,
}

impl Stamps {
    /// Hashes what a build of `root` into `out` would read. `site` is the
    /// site's folder in the cache.
    pub(crate) fn new(site: &Path, root: &Path, out: &Path, config: &Config, drafts: bool) -> Self {
        let name = Key::of(&[out.to_string_lossy().as_bytes()]).hex();
        let mut key = KeyHasher::new();
        key.part(&super::cache::namespace_base());
        key.part(format!("{config:?}").as_bytes());
        key.part(&[u8::from(drafts)]);
        key.part(out.to_string_lossy().as_bytes());
        key.part(&std::fs::read(root.join(CONFIG_FILE)).unwrap_or_default());
        let theme = config.theme.as_ref().map(|t| root.join("themes").join(t));
        let dirs = [
            root.join(CONTENT_DIR),
            root.join(STATIC_DIR),
            root.join(TEMPLATES_DIR),
        ];
        for dir in dirs.iter().chain(&theme) {
            hash_tree(&mut key, root, dir);
        }
        Stamps {
            path: site.join("stamps").join(name),
            out: out.to_path_buf(),
            inputs: key.finish(),
        }
    }

    /// What the last build made, when nothing it read has changed since
    /// and its output folder is as it left it; else what it left in the
    /// output folder, as far as the stamp knows (see `output::Manifest`).
    pub(crate) fn fresh(&self) -> Result<Fresh, Manifest> {
        let stamp = std::fs::read(&self.path)
            .ok()
            .and_then(|bytes| postcard::from_bytes::<Stamp>(&bytes).ok());
        let Some(stamp) = stamp else {
            return Err(Manifest::default());
        };
        if stamp.inputs == self.inputs.bytes()
            && stamp.output == entries(&self.out)
            && includes_same(&stamp)
        {
            return Ok(Fresh {
                pages: stamp.pages,
                files: stamp.files,
            });
        }
        Err(manifest(stamp))
    }

    /// Records a build that succeeded: what it read (as hashed before it
    /// started, so a file changed while it ran makes the next build run)
    /// and the output folder as it is now. A stamp that cannot be written
    /// only costs the next build its shortcut.
    pub(crate) fn save<'a>(
        &self,
        includes: impl Iterator<Item = &'a Included>,
        records: &Records,
        made: Fresh,
    ) {
        let mut includes: Vec<(PathBuf, Option<u64>)> =
            includes.map(|i| (i.path.clone(), i.hash)).collect();
        includes.sort();
        includes.dedup();
        let output = entries(&self.out);
        let hashes = output
            .iter()
            .map(|e| e.file.and(records.get(&e.rel)).map(|r| r.hash))
            .collect();
        let stamp = Stamp {
            inputs: self.inputs.bytes(),
            includes,
            output,
            hashes,
            pages: made.pages,
            files: made.files,
        };
        if let Ok(bytes) = postcard::to_allocvec(&stamp) {
            let _ = write_atomic(&self.path, &bytes);
        }
    }

    /// Forgets the stamp: the folder is about to change.
    pub(crate) fn clear(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn includes_same(stamp: &Stamp) -> bool {
    stamp.includes.iter().all(|(path, hash)| {
        Included {
            path: path.clone(),
            hash: *hash,
        }
        .unchanged()
    })
}

/// The files of a stamp's output with their states and hashes.
fn manifest(stamp: Stamp) -> Manifest {
    let files = stamp.output.into_iter().zip(stamp.hashes);
    files
        .filter_map(|(entry, hash)| Some((entry.rel, (entry.file?, hash?))))
        .collect()
}

/// Writes `bytes` to a file beside `path`, renamed into place.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut file, bytes)?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Hashes every file under `dir` (names relative to `root`, and bytes),
/// in a fixed order; a missing folder hashes as nothing.
fn hash_tree(key: &mut KeyHasher, root: &Path, dir: &Path) {
    let walk = walkdir::WalkDir::new(dir).sort_by_file_name();
    for entry in walk.into_iter().filter_map(Result::ok) {
        let path = entry.path();
        let rel = path.strip_prefix(root).unwrap_or(path);
        key.part(rel.to_string_lossy().as_bytes());
        if entry.path_is_symlink() {
            let target = std::fs::read_link(path).unwrap_or_default();
            key.part(b"link").part(target.to_string_lossy().as_bytes());
        } else if entry.file_type().is_file() {
            match entry.metadata() {
                // Media files can be large: their state stands in for their
                // bytes (a write changes the change time, which no tool sets).
                Ok(m) if m.len() > HASHED_UP_TO => {
                    let state = file_state(&m);
                    key.part(&state.len.to_le_bytes());
                    key.part(&state.modified.to_le_bytes());
                    key.part(&state.changed.to_le_bytes());
                    key.part(&state.inode.to_le_bytes());
                }
                _ => {
                    key.part(&std::fs::read(path).unwrap_or_default());
                }
            }
        }
    }
}

/// Files up to this size are hashed whole; larger ones by their state.
const HASHED_UP_TO: u64 = 1 << 20;

/// The output folder's entries, in order.
fn entries(out: &Path) -> Vec<Entry> {
    let walk = walkdir::WalkDir::new(out).min_depth(1).sort_by_file_name();
    walk.into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap_or(e.path());
            let file = e
                .metadata()
                .ok()
                .filter(|m| !m.is_dir())
                .map(|m| file_state(&m));
            Entry {
                rel: rel.to_string_lossy().into_owned(),
                file,
            }
        })
        .collect()
}
