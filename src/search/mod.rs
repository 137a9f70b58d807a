//! The static search index: small files that the browser loads only when
//! the reader starts searching, and only the parts a query needs.
//!
//! ```text
//! search/meta.json    document count, chunk size, stemmer, shard keys and sizes
//! search/t/N.json     shard N: the terms under its key, each with its best postings
//! search/x/N.json     tail N: a piece of the rest of one common term's postings
//! search/d/N.json     documents N*chunk .. (a few, about 2 KB): title, anchor, kind, text, their pages
//! ```
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
mod shards;
mod stemming;
mod terms;

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::site::{Page, Site};
use docs::Doc;
pub(crate) use files::SearchStores;
use files::{cached_docs, Emitter, PageDocs};
use shards::Postings;
pub(crate) use stemming::Stemming;
use terms::Terms;

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
    let (mut hashes, doc_count, postings) = index_documents(&pages, &hubs, stemming, &out)?;
    let terms = shards::sorted(&postings);
    let plan = shards::plan(&terms);
    // Tails are numbered in shard order, so each shard knows its first.
    let mut first_tail = Vec::with_capacity(plan.shards.len());
    let mut tails = 0;
    for shard in &plan.shards {
        first_tail.push(tails);
        tails += shard
            .terms
            .iter()
            .filter_map(|&i| terms[i].tail.as_ref())
            .map(|(pieces, _)| pieces.len())
            .sum::<usize>();
    }
    let written: Vec<Vec<u64>> = plan
        .shards
        .par_iter()
        .enumerate()
        .map(|(n, shard)| out.shard(n, shard, &terms, first_tail[n]))
        .collect::<Result<_, E>>()?;
    hashes.extend(written.into_iter().flatten());
    let sizes: Vec<(&str, usize)> = plan
        .shards
        .iter()
        .map(|s| (s.key.as_str(), s.bytes))
        .collect();
    // Words of one or two characters are looked up only when the index
    // has them: as prefixes they would match too much to narrow anything.
    let short: Vec<&str> = terms
        .iter()
        .map(|e| e.term)
        .filter(|t| t.chars().nth(2).is_none())
        .collect();
    out.meta(&hashes, doc_count, stemming, &sizes, &short)?;
    Ok(hashes.len() + 1)
}

/// Numbers documents and gathers each term's postings; the documents go
/// out a chunk at a time as they are numbered, so they are never all in
/// memory at once.
struct Indexer<'o, 'w, E> {
    out: &'o Emitter<'w, E>,
    /// The chunks written so far: their hashes, for the index's version.
    hashes: Vec<u64>,
    pending: Vec<Doc>,
    pending_bytes: usize,
    docs: u32,
    postings: FxHashMap<String, Postings>,
}

impl<'o, 'w, E> Indexer<'o, 'w, E> {
    fn new(out: &'o Emitter<'w, E>) -> Self {
        Indexer {
            out,
            hashes: Vec::new(),
            pending: Vec::with_capacity(CHUNK),
            pending_bytes: 0,
            docs: 0,
            postings: FxHashMap::default(),
        }
    }

    fn add(&mut self, doc: &Doc, terms: &Terms) -> Result<(), E> {
        let full = self.pending.len() == CHUNK
            || !self.pending.is_empty() && self.pending_bytes + doc.bytes() > CHUNK_BYTES;
        if full {
            self.flush()?;
        }
        let id = (self.hashes.len() * CHUNK + self.pending.len()) as u32;
        self.docs += 1;
        for (term, &weight) in terms {
            match self.postings.get_mut(term.as_ref()) {
                Some(list) => list.push(id, weight),
                None => {
                    let mut list = Postings::default();
                    list.push(id, weight);
                    self.postings.insert(term.to_string(), list);
                }
            }
        }
        self.pending_bytes += doc.bytes();
        self.pending.push(doc.clone());
        Ok(())
    }

    fn flush(&mut self) -> Result<(), E> {
        if !self.pending.is_empty() {
            let hash = self.out.chunk(self.hashes.len(), &self.pending)?;
            self.hashes.push(hash);
            self.pending.clear();
            self.pending_bytes = 0;
        }
        Ok(())
    }
}

/// Numbers every page's documents, then `extra`, and gathers each term's
/// postings. Returns the chunks' hashes, the number of documents and the
/// postings.
#[allow(clippy::type_complexity)]
fn index_documents<E>(
    pages: &[&Page],
    extra: &[(Doc, Terms)],
    stemming: Stemming,
    out: &Emitter<'_, E>,
) -> Result<(Vec<u64>, u32, FxHashMap<String, Postings>), E> {
    let mut index = Indexer::new(out);
    // Pages are tokenised in parallel a batch at a time, so only one batch
    // of per-document term maps is alive at once, whatever the site's size.
    for batch in pages.chunks(256) {
        let per_page: Vec<PageDocs> = batch
            .par_iter()
            .map(|p| cached_docs(p, stemming, out.stores))
            .collect();
        for (doc, terms) in per_page.iter().flat_map(|page| page.iter()) {
            index.add(doc, terms)?;
        }
    }
    for (doc, terms) in extra {
        index.add(doc, terms)?;
    }
    index.flush()?;
    Ok((index.hashes, index.docs, index.postings))
}
