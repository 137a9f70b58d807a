//! The static search index: small files that the browser loads only when
//! the reader starts searching, and only the parts a query needs.
//!
//! ```text
//! search/meta.json    document count, chunk size, stemmer, shard keys and sizes, pack starts
//! search/t/N.bin      shards, one after another: the terms under a key, each with its best postings
//! search/x/N.bin      tail pieces: the rest of common terms' postings, a piece at a time
//! search/d/N.bin      chunks of documents (a few, about 2 KB): title, anchor, kind, text, their pages
//! search/o.bin        where each chunk starts in the chunks' stream
//! ```
//!
//! The browser reads one piece (a shard, a tail piece, a chunk) at a time
//! with a range request on its pack (see `packs.rs`).
//!
//! A document is a page (guide, home or section), one of its headings, a
//! question or an FAQ entry: words count for the heading under which they
//! are written, so a hit lands on the right anchor. Shards are cut by term
//! prefixes, longer where terms are many, so that no shard is large (see
//! `shards.rs`); a common term keeps its best postings in its shard and the
//! rest in a tail, fetched only when a query needs them.

#[cfg(test)]
mod agreement;
mod docs;
mod files;
mod packs;
mod shards;
mod stemming;
mod terms;

use std::borrow::Cow;
use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::site::{Page, Site};
use docs::DocTerms;
pub(crate) use files::SearchStores;
use files::{find_docs, ChunkRows, Emitter, Found, IndexMeta, TailPlace};
use packs::Packer;
use shards::Postings;
pub(crate) use stemming::Stemming;
use terms::TermWeight;

/// Documents per data chunk, at most: a document's number is its chunk's
/// times this plus its place in the chunk, so the browser knows which file
/// holds it without a table.
pub(crate) const CHUNK: usize = 8;
/// A chunk takes documents until it holds about this many bytes: a result
/// costs its chunk, so chunks are small, and short documents (a heading
/// with a line under it) share one.
const CHUNK_BYTES: usize = 2048;
/// Builds the index of every page and hands each file to `write` (a path
/// under the output, and its bytes) as soon as it is made, so the whole
/// index never sits in memory as text. Returns the number of files.
pub(crate) fn build<E: Send>(
    site: &Site,
    language: &str,
    ui: &BTreeMap<String, String>,
    stores: Option<&SearchStores>,
    write: impl Fn(&str, &[u8]) -> Result<(), E> + Sync,
) -> Result<usize, E> {
    let stemming = Stemming::for_language(language);
    let out = Emitter {
        stores,
        write: &write,
    };
    let pages: Vec<&Page> = site.pages.iter().collect();
    let hubs = docs::hub_docs(site, ui, stemming);
    let docs = index_documents(&pages, &hubs, stemming, &out)?;
    let mut hashes = docs.hashes;
    let terms = shards::sorted(docs.postings);
    let plan = shards::plan(&terms);
    // Tail pieces go out in shard order, so each shard can say where its
    // common terms' pieces are.
    let mut tails = Packer::new("search/x");
    let mut places: Vec<Option<TailPlace>> = (0..terms.len()).map(|_| None).collect();
    for &i in plan.shards.iter().flat_map(|s| &s.terms) {
        if let Some((pieces, _)) = &terms[i].tail {
            let mut start = None;
            for piece in pieces {
                let at = tails.add(piece.as_bytes(), out.write)?;
                start.get_or_insert(at);
                hashes.push(files::file_hash("x", piece));
            }
            let lengths = pieces.iter().map(String::len).collect();
            places[i] = Some((start.unwrap_or(tails.end()), lengths));
        }
    }
    let made: Vec<files::Piece> = plan
        .shards
        .par_iter()
        .enumerate()
        .map(|(n, shard)| out.shard(n, shard, &terms, &places))
        .collect();
    let mut packed = Packer::new("search/t");
    let mut shard_sizes = Vec::with_capacity(made.len());
    for ((hash, text), shard) in made.iter().zip(&plan.shards) {
        packed.add(text.as_bytes(), out.write)?;
        hashes.push(*hash);
        shard_sizes.push((shard.key.as_str(), text.len()));
    }
    // Words of one or two characters are looked up only when the index
    // has them: as prefixes they would match too much to narrow anything.
    let short: Vec<&str> = terms
        .iter()
        .map(|e| e.term.as_str())
        .filter(|t| t.chars().nth(2).is_none())
        .collect();
    let packs = [
        packed.finish(out.write)?,
        tails.finish(out.write)?,
        docs.packs,
    ];
    let files = packs.iter().map(Vec::len).sum::<usize>() + 2;
    let meta = IndexMeta {
        docs: docs.count,
        stemming,
        shards: shard_sizes,
        packs,
        short,
    };
    out.meta(&hashes, &meta)?;
    Ok(files)
}

/// The documents as written and what they are found by.
struct Indexed {
    /// The chunks' hashes, for the index's version.
    hashes: Vec<u64>,
    count: u32,
    /// Where each chunk pack starts.
    packs: Vec<u64>,
    postings: FxHashMap<String, Postings>,
}

/// Numbers documents and gathers each term's postings; the documents go
/// out a chunk at a time as they are numbered, so they are never all in
/// memory at once.
struct Indexer<'o, 'w, E> {
    out: &'o Emitter<'w, E>,
    /// The chunks written so far: their hashes, for the index's version.
    hashes: Vec<u64>,
    /// Where each chunk starts in the chunk stream.
    offsets: Vec<u32>,
    packer: Packer,
    pending: ChunkRows,
    docs: u32,
    postings: FxHashMap<String, Postings>,
}

impl<'o, 'w, E> Indexer<'o, 'w, E> {
    fn new(out: &'o Emitter<'w, E>) -> Self {
        Indexer {
            out,
            hashes: Vec::new(),
            offsets: Vec::new(),
            packer: Packer::new("search/d"),
            pending: ChunkRows::new(out.stores.is_some()),
            docs: 0,
            postings: FxHashMap::default(),
        }
    }

    fn add(&mut self, doc: &DocTerms) -> Result<(), E> {
        let bytes = doc.doc.bytes as usize;
        let full = self.pending.docs == CHUNK
            || self.pending.docs > 0 && self.pending.bytes + bytes > CHUNK_BYTES;
        if full {
            self.flush()?;
        }
        let id = (self.hashes.len() * CHUNK + self.pending.docs) as u32;
        self.docs += 1;
        for TermWeight(term, weight) in &doc.terms {
            match self.postings.get_mut(term.as_ref()) {
                Some(list) => list.push(id, *weight),
                None => {
                    let mut list = Postings::default();
                    list.push(id, *weight);
                    self.postings.insert(term.to_string(), list);
                }
            }
        }
        self.pending.push(&doc.doc);
        Ok(())
    }

    fn flush(&mut self) -> Result<(), E> {
        if self.pending.docs > 0 {
            let (hash, text) = self.out.chunk(self.hashes.len(), &self.pending);
            let at = self.packer.add(text.as_bytes(), self.out.write)?;
            self.offsets.push(offset(at));
            self.hashes.push(hash);
            self.pending.clear();
        }
        Ok(())
    }

    /// Writes the last chunk pack and `search/o.bin`, where each chunk
    /// starts (and the last one ends) as 32-bit little-endian numbers,
    /// which the browser reads eight bytes at a time.
    fn finish(mut self) -> Result<Indexed, E> {
        self.flush()?;
        self.offsets.push(offset(self.packer.end()));
        let bytes: Vec<u8> = self.offsets.iter().flat_map(|o| o.to_le_bytes()).collect();
        (self.out.write)("search/o.bin", &bytes)?;
        let packs = self.packer.finish(self.out.write)?;
        Ok(Indexed {
            hashes: self.hashes,
            count: self.docs,
            packs,
            postings: self.postings,
        })
    }
}

/// A chunk's offset as `o.bin` stores it: documents' text is capped, so
/// even a site of millions of documents stays far below 4 GB of chunks.
fn offset(at: u64) -> u32 {
    u32::try_from(at).expect("the chunk stream stays under 4 GB")
}

/// Numbers every page's documents, then `extra`, and gathers each term's
/// postings.
fn index_documents<E>(
    pages: &[&Page],
    extra: &[DocTerms],
    stemming: Stemming,
    out: &Emitter<'_, E>,
) -> Result<Indexed, E> {
    let mut index = Indexer::new(out);
    // Pages are tokenised (or their cached documents read) in parallel a
    // batch at a time, so only one batch of documents is alive at once,
    // whatever the site's size. A page's documents take tens of kilobytes:
    // a batch is a few pages per thread, enough to keep the threads busy.
    let batch_size = 16 * rayon::current_num_threads();
    for batch in pages.chunks(batch_size) {
        let found: Vec<Found> = batch
            .par_iter()
            .map(|p| find_docs(p, stemming, out.stores))
            .collect();
        let per_page: Vec<Cow<[DocTerms]>> = found.par_iter().map(|f| f.docs(stemming)).collect();
        for doc in per_page.iter().flat_map(|page| page.iter()) {
            index.add(doc)?;
        }
    }
    for doc in extra {
        index.add(doc)?;
    }
    index.finish()
}
