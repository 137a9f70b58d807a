//! What builds keep for the next one: each stage's stores, in memory
//! (`serve` keeps one across rebuilds) and on disk between runs, in the
//! user's cache folder (or `--cache-dir`), one folder per site.

use std::path::{Path, PathBuf};

use crate::cache::FileRecord;
use crate::cache::{decode, encode, Key};
use crate::markdown::MarkdownStores;
use crate::render::FileStore;
use crate::search::SearchStores;

/// Where a build keeps its cache on disk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CacheDir {
    /// No cache on disk: every build starts from nothing.
    #[default]
    Off,
    /// The cache folder for all sites, in which each site gets its own.
    At(PathBuf),
}

impl CacheDir {
    /// The folder the user asked for (`--cache-dir`, then
    /// `SYLLABUS_CACHE_DIR`), else the operating system's cache folder for
    /// the user; off with `--no-cache` or when there is no such folder.
    pub fn choose(flag: Option<PathBuf>, off: bool) -> CacheDir {
        if off {
            return CacheDir::Off;
        }
        let env = std::env::var_os("SYLLABUS_CACHE_DIR").filter(|v| !v.is_empty());
        match flag.or(env.map(PathBuf::from)) {
            Some(dir) => CacheDir::At(dir),
            None => dirs::cache_dir().map_or(CacheDir::Off, |d| CacheDir::At(d.join("syllabus"))),
        }
    }
}

/// What builds keep for the next one: each stage's stores, passed down
/// explicitly. A build with a cache writes exactly what a build without
/// one writes.
#[derive(Default)]
pub struct Cache {
    /// Each page's rendered Markdown and highlighted code.
    pub markdown: MarkdownStores,
    /// What each page the last build wrote holds, by what its context
    /// reads (see `render::deps`): the page itself is kept in the output
    /// folder, or in `serve`'s memory.
    pub(crate) files: FileStore,
    /// Search documents (encoded, on disk too) and, in `serve`, index files.
    pub search: SearchStores,
    /// Whether search files are held in memory, and page records kept
    /// without a cache on disk (`serve`).
    holds_pages: bool,
    /// The site's folder in the cache folder, and what its packs were
    /// written for, once [`Cache::open`] found them.
    disk: Option<(PathBuf, Key)>,
    /// The last theme loaded with its languages' copies, and what they
    /// were made from (`serve`).
    pub(crate) theme: Option<(super::ThemeSources, super::HeldTheme)>,
    /// Pages read and parsed, while their files stay as they were (`serve`).
    pub(crate) parsed: crate::frontmatter::ParsedFiles,
}

/// Bumped when what the packs hold changes meaning.
const FORMAT: &str = "1";

impl Cache {
    /// An empty cache for one build.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty cache that also holds search files and the records of
    /// finished pages in memory, for a process that builds the site again
    /// and again (and keeps the pages themselves).
    pub fn holding_pages() -> Self {
        Cache {
            holds_pages: true,
            search: SearchStores::holding(),
            ..Self::default()
        }
    }

    /// Whether the cache lives across builds in one process (`serve`).
    pub(crate) fn is_held(&self) -> bool {
        self.holds_pages
    }

    /// The search stores, when they are held in memory or on disk.
    pub(crate) fn search_stores(&self) -> Option<&SearchStores> {
        (self.holds_pages || self.disk.is_some()).then_some(&self.search)
    }

    /// The records of the pages the last build wrote, when they were
    /// found on disk or are held in memory.
    pub(crate) fn file_records(&self) -> Option<&FileStore> {
        (self.holds_pages || self.disk.is_some()).then_some(&self.files)
    }

    /// How many pages' records the cache holds.
    pub fn pages_held(&self) -> usize {
        self.files.len()
    }

    /// Backs the stores with the site's packs in `dir` for `namespace`
    /// (syllabus's version, the configuration and the theme): packs
    /// written for anything else are ignored.
    pub(crate) fn open(&mut self, dir: &Path, root: &Path, namespace: &[&[u8]]) {
        let folder = site_folder(dir, root);
        let base = namespace_base();
        let mut parts: Vec<&[u8]> = vec![&base];
        parts.extend_from_slice(namespace);
        let namespace = Key::of(&parts);
        if self.disk.as_ref() == Some(&(folder.clone(), namespace)) {
            // `serve`: an earlier rebuild read the packs already.
            return;
        }
        self.markdown
            .pages
            .attach(&folder.join("markdown.pack"), namespace, decode);
        self.markdown
            .code
            .attach(&folder.join("code.pack"), namespace, decode);
        self.files
            .attach(&folder.join("pages.pack"), namespace, FileRecord::decode);
        self.search.attach(&folder.join("search.pack"), namespace);
        self.disk = Some((folder, namespace));
    }

    /// How many pages' Markdown and templates were rendered since the last
    /// call; the rest came from the cache.
    pub fn take_counts(&self) -> (usize, usize) {
        (self.markdown.pages.take_misses(), self.files.take_misses())
    }

    /// After a build that succeeded, drops what it did not use, so the
    /// cache holds one site's worth of work however long it lives.
    pub fn sweep(&self) {
        self.markdown.pages.sweep();
        self.markdown.code.sweep();
        self.files.sweep();
        self.search.sweep();
    }

    /// Writes what changed to disk, when the cache is kept there (`serve`
    /// does it after publishing a rebuild, not before). A cache that
    /// cannot be written is a lost speed-up, not a failed build.
    pub fn save(&self) {
        if let Some((folder, namespace)) = &self.disk {
            // The pages' Markdown is most of the bytes: the rest is saved
            // beside it.
            let pages = || {
                let path = folder.join("markdown.pack");
                let _ = self.markdown.pages.save(&path, *namespace, encode);
            };
            let rest = || {
                let _ = self
                    .markdown
                    .code
                    .save(&folder.join("code.pack"), *namespace, encode);
                let _ = self
                    .files
                    .save(&folder.join("pages.pack"), *namespace, FileRecord::encode);
                let _ = self.search.save();
            };
            rayon::join(pages, rest);
            prune_around(folder);
        }
    }
}

/// Keeps the cache folder `dir` to its size bound, sparing the site at
/// `root` (as every build that writes the cache does).
pub(crate) fn keep_bound(dir: &Path, root: &Path) {
    prune_around(&site_folder(dir, root));
}

/// Prunes the cache folder that holds the site folder `folder`, sparing it.
fn prune_around(folder: &Path) {
    if let Some(sites) = folder.parent() {
        prune(sites, folder, limit());
    }
}

/// The site's own folder in the cache folder `dir`.
pub(crate) fn site_folder(dir: &Path, root: &Path) -> PathBuf {
    let site = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    dir.join("sites")
        .join(Key::of(&[site.to_string_lossy().as_bytes()]).hex())
}

/// What everything in the cache was made by: syllabus's version, the
/// cache's format and the running program.
pub(crate) fn namespace_base() -> Vec<u8> {
    [
        env!("CARGO_PKG_VERSION").as_bytes(),
        FORMAT.as_bytes(),
        &build_id(),
    ]
    .join(&0u8)
}

/// The running program's size and modification time: a binary built
/// from changed code (without a new version number, as while developing
/// syllabus) does not trust what another one made.
fn build_id() -> Vec<u8> {
    let meta = std::env::current_exe().and_then(std::fs::metadata);
    let Ok(meta) = meta else {
        return Vec::new();
    };
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    [meta.len().to_le_bytes().as_slice(), &modified.to_le_bytes()].concat()
}

/// How many bytes the cache folder may hold for all sites together:
/// `SYLLABUS_CACHE_LIMIT_MB`, 2 GiB by default.
fn limit() -> u64 {
    std::env::var("SYLLABUS_CACHE_LIMIT_MB")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map_or(2 << 30, |mb| mb << 20)
}

/// Deletes the sites' folders used longest ago until `sites` holds at most
/// `limit` bytes, never `current`. Only folders named as syllabus names
/// them (32 hex digits) are touched.
fn prune(sites: &Path, current: &Path, limit: u64) {
    let Ok(entries) = std::fs::read_dir(sites) else {
        return;
    };
    let mut folders: Vec<(std::time::SystemTime, u64, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.len() == 32 && name.bytes().all(|b| b.is_ascii_hexdigit())
        })
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| {
            let (used, size) = usage(&e.path());
            (used, size, e.path())
        })
        .collect();
    let mut total: u64 = folders.iter().map(|f| f.1).sum();
    folders.sort();
    for (_, size, path) in folders {
        if total <= limit {
            break;
        }
        if path != current && std::fs::remove_dir_all(&path).is_ok() {
            total -= size;
        }
    }
}

/// When a site's folder was last written, and its size.
fn usage(folder: &Path) -> (std::time::SystemTime, u64) {
    let mut latest = std::time::SystemTime::UNIX_EPOCH;
    let mut size = 0;
    for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        if let Ok(meta) = entry.metadata() {
            size += meta.len();
            latest = latest.max(meta.modified().unwrap_or(latest));
        }
    }
    (latest, size)
}
