//! The index's files: each written as it is made, hashed for the index's
//! version, and kept between builds (`serve`) with what they are made from.

use std::borrow::Cow;
use std::sync::Arc;

use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde_json::json;

use super::docs::{page_docs, Doc};
use super::shards::{Entry, ShardPlan};
use super::{Stemming, Terms, CHUNK};
use crate::cache::{Key, KeyHasher, Spool, Store};
use crate::escape::inert_json;
use crate::site::Page;

/// What the index keeps between builds: each page's documents, so a page
/// whose body and front matter are unchanged is not tokenised again, and
/// (in `serve` only) each index file, so a file whose inputs hash the same
/// is not serialised again. `serve` holds the documents as they are; a
/// build writes them encoded to the build cache on disk as it goes, and
/// holds none of them.
#[derive(Default)]
pub struct SearchStores {
    docs: Store<PageDocs<'static>>,
    encoded: Spool,
    /// A file's hash (for the index's version) and text, by path and inputs.
    files: Store<(u64, Arc<str>)>,
    /// Whether documents and files are held in memory (`serve`).
    holding: bool,
}

impl SearchStores {
    /// Stores that hold documents and index files in memory, for a
    /// process that builds the site again and again.
    pub(crate) fn holding() -> Self {
        SearchStores {
            holding: true,
            ..Self::default()
        }
    }

    /// Drops what the builds since the last sweep did not use (see
    /// [`Store::sweep`]).
    pub fn sweep(&self) {
        self.docs.sweep();
        self.files.sweep();
    }

    /// Reads the encoded documents from the pack at `path` and starts
    /// the next one (not when holding them as they are, which does not
    /// read the encoded ones).
    pub(crate) fn attach(&self, path: &std::path::Path, namespace: Key) {
        if !self.holding {
            self.encoded.attach(path, namespace);
        }
    }

    /// Puts the pack of encoded documents this build wrote in place;
    /// holding stores leave the pack a build wrote as it is.
    pub(crate) fn save(&self) -> std::io::Result<bool> {
        self.encoded.save()
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

/// A piece's hash, for the index's version.
pub(super) fn file_hash(path: &str, text: &str) -> u64 {
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
    let key = docs_key(page, stemming);
    if stores.holding {
        // Kept across rebuilds, so the terms are copied out of the page.
        return stores
            .docs
            .get_or_make(key, || Arc::new(owned(page_docs(page, stemming))));
    }
    let last = stores.encoded.last(key);
    let decoded =
        last.and_then(|bytes| postcard::from_bytes::<Vec<(Doc, Terms<'static>)>>(bytes).ok());
    if let (Some(docs), Some(bytes)) = (decoded, last) {
        stores.encoded.put(key, bytes);
        return Arc::new(docs);
    }
    let docs = page_docs(page, stemming);
    if let Ok(bytes) = postcard::to_allocvec(&docs) {
        stores.encoded.put(key, &bytes);
    }
    Arc::new(docs)
}

fn owned(docs: Vec<(Doc, Terms<'_>)>) -> Vec<(Doc, Terms<'static>)> {
    docs.into_iter()
        .map(|(doc, terms)| {
            let terms = terms
                .into_iter()
                .map(|(t, w)| (Cow::Owned(t.into_owned()), w))
                .collect();
            (doc, terms)
        })
        .collect()
}

/// Hands a file (its path under the output, and its bytes) to the sink.
pub(super) type WriteFile<'w, E> = dyn Fn(&str, &[u8]) -> Result<(), E> + Sync + 'w;

/// Makes the index's pieces, through the stores when there are any, and
/// writes its files.
pub(super) struct Emitter<'w, E> {
    pub(super) stores: Option<&'w SearchStores>,
    pub(super) write: &'w WriteFile<'w, E>,
}

/// Where a common term's tail pieces are in the tail stream: the first's
/// start and each one's length (they follow one another).
pub(super) type TailPlace = (u64, Vec<usize>);

/// A shard's terms, in order, written as one JSON object: a complete
/// term maps to its postings, a common one to `[head, count, start,
/// length...]`, its tail pieces' place (see [`TailPlace`]).
struct ShardJson<'a> {
    terms: Vec<(&'a Entry, Option<&'a TailPlace>)>,
}

struct CommonTerm<'a>(&'a str, u32, &'a TailPlace);

impl serde::Serialize for CommonTerm<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (start, lengths) = self.2;
        let mut seq = serializer.serialize_seq(Some(3 + lengths.len()))?;
        seq.serialize_element(self.0)?;
        seq.serialize_element(&self.1)?;
        seq.serialize_element(start)?;
        for len in lengths {
            seq.serialize_element(len)?;
        }
        seq.end()
    }
}

impl serde::Serialize for ShardJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.terms.len()))?;
        for (entry, place) in &self.terms {
            match (&entry.tail, place) {
                (Some((_, count)), Some(place)) => {
                    map.serialize_entry(&entry.term, &CommonTerm(&entry.head, *count, place))?
                }
                _ => map.serialize_entry(&entry.term, &entry.head)?,
            }
        }
        map.end()
    }
}

/// Writes `fields` separated by tabs; a tab or line break inside one (the
/// text is whitespace already, as the page shows it) becomes a space, so
/// it cannot end a field or a line. `&` and `<` are written `&amp;` and
/// `&lt;`, so that no file of the site holds markup, whatever it is served as.
fn push_fields(out: &mut String, fields: &[&str]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        for c in field.chars() {
            match c {
                '\t' | '\n' | '\r' => out.push(' '),
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                c => out.push(c),
            }
        }
    }
}

/// A piece of the index: its hash (for the index's version) and text.
pub(super) type Piece = (u64, Arc<str>);

impl<E> Emitter<'_, E> {
    /// The piece named `name`, made by `make` from what `inputs` hashes
    /// (computed only when there are stores, which keep it).
    fn piece(
        &self,
        name: String,
        inputs: impl FnOnce() -> Key,
        make: impl FnOnce() -> String,
    ) -> Piece {
        match self.stores {
            Some(stores) if stores.holding => stores.file(&name, inputs(), make),
            _ => {
                let text = make();
                (file_hash(&name, &text), text.into())
            }
        }
    }

    /// Document chunk `n`: documents n*CHUNK onwards (up to [`CHUNK`] of them), with their pages.
    pub(super) fn chunk(&self, n: usize, chunk: &[Doc]) -> Piece {
        let inputs = || {
            let mut key = KeyHasher::new();
            for d in chunk {
                for field in [
                    &d.page_title,
                    &d.page_url,
                    &d.title,
                    &d.anchor,
                    d.kind.as_str(),
                    &d.text,
                ] {
                    key.part(field.as_bytes());
                }
            }
            key.finish()
        };
        let make = || {
            let mut pages: Vec<(&str, &str)> = Vec::new();
            let mut rows = String::new();
            for d in chunk {
                let page = (d.page_title.as_str(), d.page_url.as_str());
                if pages.last() != Some(&page) {
                    pages.push(page);
                }
                let anchor = d.written_anchor();
                rows.push_str(&format!("{}\t{}\t", pages.len() - 1, d.kind.number()));
                push_fields(&mut rows, &[&d.title, &d.text]);
                if !anchor.is_empty() {
                    rows.push('\t');
                    push_fields(&mut rows, &[anchor]);
                }
                rows.push('\n');
            }
            let mut text = String::with_capacity(rows.len() + 64 * pages.len());
            for (title, url) in pages {
                push_fields(&mut text, &[title, url]);
                text.push('\n');
            }
            text.push('\n');
            text.push_str(&rows);
            text
        };
        self.piece(format!("d/{n}"), inputs, make)
    }

    /// Shard `n`, its common terms pointing at their tail pieces.
    pub(super) fn shard(
        &self,
        n: usize,
        shard: &ShardPlan,
        entries: &[Entry],
        tails: &[Option<TailPlace>],
    ) -> Piece {
        let terms = shard
            .terms
            .iter()
            .map(|&i| (&entries[i], tails[i].as_ref()))
            .collect();
        let json = ShardJson { terms };
        let inputs = || {
            let mut key = KeyHasher::new();
            for (entry, place) in &json.terms {
                key.part(entry.term.as_bytes()).part(entry.head.as_bytes());
                if let Some((start, lengths)) = place {
                    key.part(&start.to_le_bytes());
                    for len in lengths {
                        key.part(&len.to_le_bytes());
                    }
                }
            }
            key.finish()
        };
        self.piece(format!("t/{n}"), inputs, || inert_json(&json))
    }

    /// `search/meta.json`, which browsers revalidate: the rest is fetched
    /// with `?v=HASH` (of every piece, in order), so a new deploy never
    /// meets packs of an old one in their cache.
    pub(super) fn meta(&self, hashes: &[u64], index: &IndexMeta) -> Result<(), E> {
        let mut version = crate::hash::Fnv::new();
        for h in hashes {
            version.write(&h.to_le_bytes());
        }
        let meta = json!({
            "version": 4,
            "hash": version.short(),
            "docs": index.docs,
            "chunk": CHUNK,
            "stemmer": index.stemming.name(),
            "shards": index.shards,
            "packs": { "t": index.packs[0], "x": index.packs[1], "d": index.packs[2] },
            "short": index.short,
        });
        (self.write)("search/meta.json", inert_json(&meta).as_bytes())
    }
}

/// What `meta.json` tells the browser besides the version.
pub(super) struct IndexMeta<'a> {
    pub(super) docs: u32,
    pub(super) stemming: Stemming,
    /// Each shard's key and length in bytes, in stream order.
    pub(super) shards: Vec<(&'a str, usize)>,
    /// Where each pack starts, for shards, tail pieces and chunks.
    pub(super) packs: [Vec<u64>; 3],
    pub(super) short: Vec<&'a str>,
}
