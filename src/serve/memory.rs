//! The served site, held in memory: `serve` never writes a build to disk.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::cache::FileRecord;
use crate::output::{OutputError, Sink};

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// Shared with the next build's site while it is unchanged.
    Bytes(Arc<[u8]>),
    /// A static or co-located file, read when asked for.
    File(PathBuf),
}

/// Collects a build's files. Made after an earlier build, it can keep that
/// build's unchanged files: a rebuild after one edit neither renders nor
/// copies the thousands of pages it did not change.
#[derive(Default)]
pub(crate) struct MemorySink {
    site: Mutex<MemorySite>,
    previous: Option<Arc<MemorySite>>,
}

impl MemorySink {
    /// A sink that may keep the files of `previous`.
    pub(crate) fn after(previous: Option<Arc<MemorySite>>) -> Self {
        MemorySink {
            site: Mutex::default(),
            previous,
        }
    }

    pub(crate) fn into_site(self) -> MemorySite {
        self.site.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn add(&self, rel: &str, entry: Entry, record: Option<FileRecord>) {
        let mut site = self.site.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(record) = record {
            site.records.insert(rel.to_string(), record);
        }
        site.files.insert(rel.to_string(), entry);
    }
}

impl Sink for MemorySink {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let record = FileRecord::of(bytes);
        self.add(rel, Entry::Bytes(bytes.into()), Some(record));
        Ok(())
    }

    fn copy(&self, rel: &str, from: &Path) -> Result<(), OutputError> {
        self.add(rel, Entry::File(from.to_path_buf()), None);
        Ok(())
    }

    fn keep(&self, rel: &str, record: FileRecord) -> bool {
        let Some(previous) = &self.previous else {
            return false;
        };
        match (previous.files.get(rel), previous.records.get(rel)) {
            (Some(entry @ Entry::Bytes(_)), Some(had)) if *had == record => {
                self.add(rel, entry.clone(), Some(record));
                true
            }
            _ => false,
        }
    }
}

/// A finished build, by output path (`sql/joins/index.html`).
#[derive(Default, Debug, Clone)]
pub struct MemorySite {
    pub files: HashMap<String, Entry>,
    /// What each written file holds, for the next build to keep it.
    records: HashMap<String, FileRecord>,
    /// The files of its search index.
    index: Vec<String>,
}

impl MemorySite {
    /// Serves the search index of `last` until this site's own is made.
    pub(crate) fn carry_index(&mut self, last: &MemorySite) {
        for rel in &last.index {
            if let Some(entry) = last.files.get(rel) {
                self.files.insert(rel.clone(), entry.clone());
            }
            if let Some(record) = last.records.get(rel) {
                self.records.insert(rel.clone(), *record);
            }
        }
        self.index = last.index.clone();
    }

    /// Puts the search index `made` (a site of nothing else) in place of
    /// the one it holds.
    pub(crate) fn replace_index(&mut self, made: MemorySite) {
        for rel in self.index.drain(..) {
            self.files.remove(&rel);
            self.records.remove(&rel);
        }
        self.index = made.files.keys().cloned().collect();
        self.files.extend(made.files);
        self.records.extend(made.records);
    }

    /// The bytes of a file, reading static files from disk.
    pub fn read(&self, rel: &str) -> Option<Vec<u8>> {
        match self.files.get(rel)? {
            Entry::Bytes(b) => Some(b.to_vec()),
            Entry::File(path) => std::fs::read(path).ok(),
        }
    }

    pub(crate) fn contains(&self, rel: &str) -> bool {
        self.files.contains_key(rel)
    }
}
