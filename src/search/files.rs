//! The index's files: each written as it is made, hashed for the index's
//! version, and kept between builds (`serve`) with what they are made from.

use std::borrow::Cow;
use std::sync::Arc;

use serde::ser::{SerializeMap, Serializer};
use serde_json::json;

use super::docs::{page_docs, Doc};
use super::shards::{Entry, ShardPlan, HEAD, PIECE};
use super::{Stemming, Terms, CHUNK};
use crate::cache::{Key, KeyHasher, Store};
use crate::escape::inert_json;
use crate::site::Page;

/// What the index keeps between builds (`serve`): each page's documents,
/// so a page whose body and front matter are unchanged is not tokenised
/// again, and each index file, so a file whose inputs hash the same is not
/// serialised again.
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
fn docs_key(page: &Page, stemming: Stemming) -> Key {
    let mut key = KeyHasher::new();
    key.part(&page.rendered.html_hash.to_le_bytes());
    for part in [
        page.key.as_str(),
        page.path.as_str(),
        page.front.title.as_str(),
        page.front.description.as_deref().unwrap_or(""),
        stemming.name().unwrap_or(""),
    ] {
        key.part(part.as_bytes());
    }
    for tag in &page.front.tags {
        key.part(tag.as_bytes());
    }
    key.finish()
}

pub(super) fn cached_docs<'a>(
    page: &'a Page,
    stemming: Stemming,
    stores: Option<&SearchStores>,
) -> PageDocs<'a> {
    let Some(stores) = stores else {
        return Arc::new(page_docs(page, stemming));
    };
    stores.docs.get_or_make(docs_key(page, stemming), || {
        // Kept across rebuilds, so the terms are copied out of the page.
        let docs: Vec<(Doc, Terms<'static>)> = page_docs(page, stemming)
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

/// A shard's terms, in order, written as one JSON object: a complete
/// term maps to its postings, a common one to `[head, count, first tail
/// file]` (its tail files follow on, one per [`PIECE`](super::shards::PIECE)
/// postings past the head).
struct ShardJson<'a> {
    terms: Vec<(&'a Entry<'a>, Option<usize>)>,
}

impl serde::Serialize for ShardJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.terms.len()))?;
        for (entry, tail) in &self.terms {
            match (&entry.tail, tail) {
                (Some((_, count)), Some(file)) => {
                    map.serialize_entry(entry.term, &(&entry.head, count, file))?
                }
                _ => map.serialize_entry(entry.term, &entry.head)?,
            }
        }
        map.end()
    }
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

    /// `search/d/N.json`: documents N*CHUNK onwards (up to [`CHUNK`] of them), with their pages.
    pub(super) fn chunk(&self, n: usize, chunk: &[Doc]) -> Result<u64, E> {
        let inputs = || {
            let mut key = KeyHasher::new();
            for d in chunk {
                for field in [
                    &d.page_title,
                    &d.page_url,
                    &d.title,
                    &d.anchor,
                    d.kind,
                    &d.text,
                ] {
                    key.part(field.as_bytes());
                }
            }
            key.finish()
        };
        let make = || {
            let mut pages: Vec<(&str, &str)> = Vec::new();
            let mut rows = Vec::with_capacity(chunk.len());
            for d in chunk {
                let page = (d.page_title.as_str(), d.page_url.as_str());
                if pages.last() != Some(&page) {
                    pages.push(page);
                }
                rows.push(json!([pages.len() - 1, d.title, d.anchor, d.kind, d.text]));
            }
            inert_json(&json!({ "p": pages, "d": rows }))
        };
        self.emit(format!("search/d/{n}.json"), inputs, make)
    }

    /// `search/t/N.json`, and the tail files `search/x/M.json` of its
    /// common terms (numbered from `first_tail`): returns the hashes of all.
    pub(super) fn shard(
        &self,
        n: usize,
        shard: &ShardPlan,
        entries: &[Entry],
        first_tail: usize,
    ) -> Result<Vec<u64>, E> {
        let mut next_tail = first_tail;
        let mut terms = Vec::with_capacity(shard.terms.len());
        let mut hashes = Vec::new();
        for &i in &shard.terms {
            let entry = &entries[i];
            let tail = match &entry.tail {
                Some((pieces, _)) => {
                    let first = next_tail;
                    for piece in pieces {
                        let inputs = || Key::of(&[piece.as_bytes()]);
                        let path = format!("search/x/{next_tail}.json");
                        hashes.push(self.emit(path, inputs, || inert_json(piece))?);
                        next_tail += 1;
                    }
                    Some(first)
                }
                None => None,
            };
            terms.push((entry, tail));
        }
        let json = ShardJson { terms };
        let inputs = || {
            let mut key = KeyHasher::new();
            for (entry, tail) in &json.terms {
                key.part(entry.term.as_bytes()).part(entry.head.as_bytes());
                key.part(&tail.unwrap_or(usize::MAX).to_le_bytes());
            }
            key.finish()
        };
        let hash = self.emit(format!("search/t/{n}.json"), inputs, || inert_json(&json))?;
        hashes.insert(0, hash);
        Ok(hashes)
    }

    /// `search/meta.json`, which browsers revalidate: the rest is fetched
    /// with `?v=HASH` (the files' hashes, in order), so a new deploy never
    /// meets shards of an old one in their cache.
    pub(super) fn meta(
        &self,
        hashes: &[u64],
        docs: u32,
        stemming: Stemming,
        shards: &[(&str, usize)],
        short: &[&str],
    ) -> Result<(), E> {
        let mut version = crate::hash::Fnv::new();
        for h in hashes {
            version.write(&h.to_le_bytes());
        }
        let meta = json!({
            "version": 2,
            "hash": version.short(),
            "docs": docs,
            "chunk": CHUNK,
            "head": HEAD,
            "piece": PIECE,
            "stemmer": stemming.name(),
            "shards": shards,
            "short": short,
        });
        (self.write)("search/meta.json", inert_json(&meta).as_bytes())
    }
}
