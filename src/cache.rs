//! What a long-running process (`syllabus serve`) keeps between builds so a
//! rebuild redoes only what changed: rendered Markdown per page, keyed by
//! everything it depends on, and finished pages, keyed by their template
//! context. A build with a cache writes exactly what a build without one
//! writes; it only skips work whose inputs are the same.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::markdown::Rendered;

#[derive(Default)]
pub struct Cache {
    markdown: Mutex<HashMap<String, (String, Arc<Rendered>)>>,
    pages: Mutex<HashMap<String, (String, Vec<u8>)>>,
    markdown_misses: AtomicUsize,
    page_misses: AtomicUsize,
    /// Each page's search documents.
    pub search: crate::search::SearchCache,
}

impl Cache {
    pub fn new() -> Self {
        Self::default()
    }

    /// The rendered Markdown of `page`, if it was rendered from `key`.
    pub fn markdown(&self, page: &str, key: &str) -> Option<Arc<Rendered>> {
        let map = self.markdown.lock().unwrap_or_else(|e| e.into_inner());
        let hit = map
            .get(page)
            .filter(|(k, _)| k == key)
            .map(|(_, r)| Arc::clone(r));
        if hit.is_none() {
            self.markdown_misses.fetch_add(1, Ordering::Relaxed);
        }
        hit
    }

    pub fn store_markdown(&self, page: &str, key: String, rendered: Arc<Rendered>) {
        let mut map = self.markdown.lock().unwrap_or_else(|e| e.into_inner());
        map.insert(page.to_string(), (key, rendered));
    }

    /// The finished page at `rel`, if it was rendered from `key`.
    pub fn page(&self, rel: &str, key: &str) -> Option<Vec<u8>> {
        let map = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        let hit = map
            .get(rel)
            .filter(|(k, _)| k == key)
            .map(|(_, b)| b.clone());
        if hit.is_none() {
            self.page_misses.fetch_add(1, Ordering::Relaxed);
        }
        hit
    }

    pub fn store_page(&self, rel: &str, key: String, bytes: &[u8]) {
        let mut map = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        map.insert(rel.to_string(), (key, bytes.to_vec()));
    }

    /// How many pages' Markdown and templates were rendered since the last
    /// reset; the rest came from the cache.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.markdown_misses.load(Ordering::Relaxed),
            self.page_misses.load(Ordering::Relaxed),
        )
    }

    pub fn reset_counts(&self) {
        self.markdown_misses.store(0, Ordering::Relaxed);
        self.page_misses.store(0, Ordering::Relaxed);
    }
}
