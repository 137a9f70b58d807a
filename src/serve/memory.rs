//! The served site, held in memory: `serve` never writes a build to disk.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::output::{OutputError, Sink};

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Bytes(Vec<u8>),
    /// A static or co-located file, read when asked for.
    File(PathBuf),
}

/// Collects a build's files.
#[derive(Default)]
pub(crate) struct MemorySink {
    files: Mutex<HashMap<String, Entry>>,
}

impl MemorySink {
    pub(crate) fn into_site(self) -> MemorySite {
        MemorySite {
            files: self.files.into_inner().unwrap_or_else(|e| e.into_inner()),
        }
    }
}

impl Sink for MemorySink {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(rel.to_string(), Entry::Bytes(bytes.to_vec()));
        Ok(())
    }

    fn copy(&self, rel: &str, from: &Path) -> Result<(), OutputError> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(rel.to_string(), Entry::File(from.to_path_buf()));
        Ok(())
    }
}

/// A finished build, by output path (`sql/joins/index.html`).
#[derive(Default, Debug)]
pub struct MemorySite {
    pub files: HashMap<String, Entry>,
}

impl MemorySite {
    /// The bytes of a file, reading static files from disk.
    pub fn read(&self, rel: &str) -> Option<Vec<u8>> {
        match self.files.get(rel)? {
            Entry::Bytes(b) => Some(b.clone()),
            Entry::File(path) => std::fs::read(path).ok(),
        }
    }

    pub(crate) fn contains(&self, rel: &str) -> bool {
        self.files.contains_key(rel)
    }
}
