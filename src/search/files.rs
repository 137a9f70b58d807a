//! The index's files: each written as it is made, hashed for the index's
//! version, and kept between builds (`serve`) with what they are made from.

use std::borrow::Cow;
use std::fmt::Write;
use std::sync::Arc;

use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde_json::json;

use super::docs::{page_docs, push_fields, Doc, DocTerms};
use super::shards::{Entry, ShardPlan};
use super::{Stemming, CHUNK};
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
    docs: Store<Arc<Vec<DocTerms<'static>>>>,
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

/// A page's documents: made now, held by `serve`, or encoded in the
/// build cache.
pub(super) enum Found<'p> {
    Made(Vec<DocTerms<'p>>),
    Held(Arc<Vec<DocTerms<'static>>>),
    /// In the last build's pack, to be passed on to the next one.
    Encoded {
        page: &'p Page,
        key: Key,
        bytes: &'p [u8],
        spool: &'p Spool,
    },
}

/// A page's documents, from the stores when they have them.
pub(super) fn find_docs<'p>(
    page: &'p Page,
    stemming: Stemming,
    stores: Option<&'p SearchStores>,
) -> Found<'p> {
    let Some(stores) = stores else {
        return Found::Made(page_docs(page, stemming));
    };
    let key = docs_key(page, stemming);
    if stores.holding {
        // Kept across rebuilds, so the terms are copied out of the page.
        let made = || {
            Arc::new(
                page_docs(page, stemming)
                    .into_iter()
                    .map(DocTerms::into_owned)
                    .collect(),
            )
        };
        return Found::Held(stores.docs.get_or_make(key, made));
    }
    if let Some(bytes) = stores.encoded.last(key) {
        return Found::Encoded {
            page,
            key,
            bytes,
            spool: &stores.encoded,
        };
    }
    let docs = page_docs(page, stemming);
    if let Ok(bytes) = postcard::to_allocvec(&docs) {
        stores.encoded.put(key, &bytes);
    }
    Found::Made(docs)
}

impl Found<'_> {
    /// The documents; encoded ones are read borrowing their strings from
    /// the cached bytes, as they only feed the index (an entry that does
    /// not read is made again).
    pub(super) fn docs(&self, stemming: Stemming) -> Cow<'_, [DocTerms<'_>]> {
        match self {
            Found::Made(docs) => Cow::Borrowed(docs),
            Found::Held(docs) => Cow::Borrowed(&docs[..]),
            Found::Encoded {
                page,
                key,
                bytes,
                spool,
            } => match postcard::from_bytes(bytes) {
                Ok(docs) => {
                    spool.put(*key, bytes);
                    Cow::Owned(docs)
                }
                Err(_) => {
                    let docs = page_docs(page, stemming);
                    if let Ok(bytes) = postcard::to_allocvec(&docs) {
                        spool.put(*key, &bytes);
                    }
                    Cow::Owned(docs)
                }
            },
        }
    }
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

/// A chunk's documents as they come: a head line for each page they are
/// on (its title and URL), and a row for each document, which gives its
/// page by its place in the head.
pub(super) struct ChunkRows {
    head: String,
    rows: String,
    /// The page listed last, so a run of its documents lists it once.
    page: (String, String),
    pages: usize,
    /// The documents so far, and about what they take.
    pub(super) docs: usize,
    pub(super) bytes: usize,
    /// What the chunk is made from, hashed (for `serve`'s stores).
    inputs: KeyHasher,
    keyed: bool,
}

impl ChunkRows {
    /// Empty rows; `keyed` ones hash what they hold, for the stores.
    pub(super) fn new(keyed: bool) -> Self {
        ChunkRows {
            head: String::new(),
            rows: String::new(),
            page: (String::new(), String::new()),
            pages: 0,
            docs: 0,
            bytes: 0,
            inputs: KeyHasher::new(),
            keyed,
        }
    }

    pub(super) fn push(&mut self, doc: &Doc) {
        let (title, url) = &mut self.page;
        if self.pages == 0 || *title != doc.page_title || *url != doc.page_url {
            push_fields(&mut self.head, &[&doc.page_title, &doc.page_url]);
            self.head.push('\n');
            title.clear();
            title.push_str(&doc.page_title);
            url.clear();
            url.push_str(&doc.page_url);
            self.pages += 1;
        }
        let _ = write!(self.rows, "{}\t{}\t", self.pages - 1, doc.kind.number());
        self.rows.push_str(&doc.row);
        self.rows.push('\n');
        self.docs += 1;
        self.bytes += doc.bytes as usize;
        if self.keyed {
            self.inputs
                .part(doc.page_title.as_bytes())
                .part(doc.page_url.as_bytes())
                .part(&[doc.kind.number()])
                .part(doc.row.as_bytes());
        }
    }

    /// Empties the rows for the next chunk.
    pub(super) fn clear(&mut self) {
        self.head.clear();
        self.rows.clear();
        self.pages = 0;
        self.docs = 0;
        self.bytes = 0;
        self.inputs = KeyHasher::new();
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
    pub(super) fn chunk(&self, n: usize, rows: &ChunkRows) -> Piece {
        let make = || {
            let mut text = String::with_capacity(rows.head.len() + 1 + rows.rows.len());
            text.push_str(&rows.head);
            text.push('\n');
            text.push_str(&rows.rows);
            text
        };
        self.piece(format!("d/{n}"), || rows.inputs.finish(), make)
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
