//! The index's files: each written as it is made, hashed for the index's
//! version, and kept between builds (`serve`) with what they are made from.

use std::borrow::Cow;
use std::sync::Arc;

use serde_json::json;

use super::{page_docs, Doc, Terms, CHUNK, KEY_LEN};
use crate::cache::{Key, KeyHasher, Store};
use crate::escape::inert_json;
use crate::site::Page;

/// A term's posting list: `[doc, weight, doc, weight, ...]` with each doc
/// number given as the difference from the one before.
#[derive(Default)]
pub(super) struct Postings {
    last: u32,
    pub(super) flat: Vec<u32>,
}

impl Postings {
    pub(super) fn push(&mut self, doc: u32, weight: u32) {
        self.flat.push(doc - self.last);
        self.flat.push(weight);
        self.last = doc;
    }
}

/// A shard's terms, in order, written as one JSON object.
struct Shard<'a>(&'a [(&'a str, &'a [u32])]);

impl serde::Serialize for Shard<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(term, flat)| (term, flat)))
    }
}

/// What the index keeps between builds (`serve`): each page's documents,
/// so a page whose body and front matter are unchanged is not tokenised
/// again, and each index file, so a file whose inputs hash the same is not
/// serialised again (formatting the numbers of every posting list was most
/// of a rebuild's index time).
#[derive(Default)]
pub struct SearchStores {
    docs: Store<PageDocs<'static>>,
    /// A file's hash (for the index's version) and text, by path and inputs.
    files: Store<(u64, Arc<str>)>,
}

impl SearchStores {
    /// Drops what the builds since the last sweep did not use (see
    /// [`Store::sweep`]).
    pub fn sweep(&self) {
        self.docs.sweep();
        self.files.sweep();
    }

    /// The file at `path` made from `inputs`, from the store when it has it.
    fn file(&self, path: &str, inputs: Key, make: impl FnOnce() -> String) -> (u64, Arc<str>) {
        let key = Key::of(&[path.as_bytes(), &inputs.bytes()]);
        self.files.get_or_make(key, || {
            let text: Arc<str> = make().into();
            (file_hash(path, &text), text)
        })
    }
}

fn file_hash(path: &str, text: &str) -> u64 {
    Key::of(&[path.as_bytes(), text.as_bytes()]).low64()
}

pub(super) type PageDocs<'a> = Arc<Vec<(Doc, Terms<'a>)>>;

/// What a page's documents depend on.
fn docs_key(page: &Page) -> Key {
    let mut key = KeyHasher::new();
    key.part(&page.rendered.html_hash.to_le_bytes());
    for part in [
        page.key.as_str(),
        page.path.as_str(),
        page.front.title.as_str(),
        page.front.description.as_deref().unwrap_or(""),
    ] {
        key.part(part.as_bytes());
    }
    for tag in &page.front.tags {
        key.part(tag.as_bytes());
    }
    key.finish()
}

pub(super) fn cached_docs<'a>(page: &'a Page, stores: Option<&SearchStores>) -> PageDocs<'a> {
    let Some(stores) = stores else {
        return Arc::new(page_docs(page));
    };
    stores.docs.get_or_make(docs_key(page), || {
        // Kept across rebuilds, so the terms are copied out of the page.
        let docs: Vec<(Doc, Terms<'static>)> = page_docs(page)
            .into_iter()
            .map(|(doc, terms)| {
                let terms = terms
                    .into_iter()
                    .map(|(t, w)| (Cow::Owned(t.into_owned()), w))
                    .collect();
                (doc, terms)
            })
            .collect();
        Arc::new(docs)
    })
}

/// Hands a file (its path under the output, and its bytes) to the sink.
pub(super) type WriteFile<'w, E> = dyn Fn(&str, &[u8]) -> Result<(), E> + Sync + 'w;

/// Writes the index's files, through the stores when there are any.
pub(super) struct Emitter<'w, E> {
    pub(super) stores: Option<&'w SearchStores>,
    pub(super) write: &'w WriteFile<'w, E>,
}

impl<E> Emitter<'_, E> {
    /// Writes the file at `path`, made by `make` from what `inputs` hashes
    /// (computed only when there are stores); returns the file's hash.
    fn emit(
        &self,
        path: String,
        inputs: impl FnOnce() -> Key,
        make: impl FnOnce() -> String,
    ) -> Result<u64, E> {
        match self.stores {
            Some(stores) => {
                let (hash, text) = stores.file(&path, inputs(), make);
                (self.write)(&path, text.as_bytes())?;
                Ok(hash)
            }
            None => {
                let text = make();
                (self.write)(&path, text.as_bytes())?;
                Ok(file_hash(&path, &text))
            }
        }
    }

    /// `search/d/N.json`: documents N*CHUNK onwards.
    pub(super) fn chunk(&self, n: usize, chunk: &[Doc]) -> Result<u64, E> {
        let inputs = || {
            let mut key = KeyHasher::new();
            for d in chunk {
                for field in [&d.title, &d.url, &d.guide, d.kind, &d.excerpt] {
                    key.part(field.as_bytes());
                }
            }
            key.finish()
        };
        let make = || {
            let rows: Vec<_> = chunk
                .iter()
                .map(|d| json!([d.title, d.url, d.guide, d.kind, d.excerpt]))
                .collect();
            inert_json(&rows)
        };
        self.emit(format!("search/d/{n}.json"), inputs, make)
    }

    /// `search/t/KEY.json`: the terms of one shard with their postings.
    pub(super) fn shard(&self, key: &str, terms: &[(&str, &[u32])]) -> Result<u64, E> {
        let inputs = || {
            let mut hasher = KeyHasher::new();
            for (term, flat) in terms {
                hasher.part(term.as_bytes());
                let numbers: Vec<u8> = flat.iter().flat_map(|n| n.to_le_bytes()).collect();
                hasher.part(&numbers);
            }
            hasher.finish()
        };
        self.emit(format!("search/t/{key}.json"), inputs, || {
            inert_json(&Shard(terms))
        })
    }

    /// `search/meta.json`, which browsers revalidate: the rest is fetched
    /// with `?v=HASH` (the files' hashes, in order), so a new deploy never
    /// meets shards of an old one in their cache.
    pub(super) fn meta(&self, hashes: &[u64], docs: u32, shards: &[&String]) -> Result<(), E> {
        let mut version = crate::hash::Fnv::new();
        for h in hashes {
            version.write(&h.to_le_bytes());
        }
        let meta = json!({
            "version": 1,
            "hash": version.short(),
            "docs": docs,
            "chunk": CHUNK,
            "key_len": KEY_LEN,
            "shards": shards,
        });
        (self.write)("search/meta.json", meta.to_string().as_bytes())
    }
}
