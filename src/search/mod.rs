//! The static search index: small files that the browser loads only when
//! the reader starts searching, and only the parts a query needs.
//!
//! ```text
//! search/meta.json    document count, chunk size, stemmer, shard keys and sizes
//! search/t/N.json     shard N: the terms under its key, each with its best postings
//! search/x/N.json     tail N: the rest of one common term's postings
//! search/d/N.json     documents N*chunk ..: title, anchor, kind, text, and their pages
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
mod files;
mod shards;
mod terms;

use std::borrow::Cow;
use std::collections::HashSet;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::discover::PageKind;
use crate::site::{Page, Site};
pub(crate) use files::SearchStores;
use files::{cached_docs, Emitter, PageDocs};
use shards::Postings;
pub(crate) use terms::Stemming;
use terms::{add_field, count_field, tokens, Terms};

/// Documents per data chunk: a result costs its chunk, so chunks are small.
pub(crate) const CHUNK: usize = 4;
/// Characters of a document's text kept for its excerpt; the browser shows
/// a window of it around the first match.
const EXCERPT: usize = 360;

#[derive(Clone)]
struct Doc {
    /// The page's title and URL (relative to the site root).
    page_title: String,
    page_url: String,
    /// The heading's title, or the page's for the page itself.
    title: String,
    anchor: String,
    kind: &'static str,
    text: String,
}

/// The start of `text`, cut at a word.
fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT) {
        None => text.to_string(),
        Some((end, _)) => {
            let cut = &text[..end];
            let cut = cut.rsplit_once(' ').map_or(cut, |(a, _)| a);
            format!("{cut}…")
        }
    }
}

/// A page's documents with the weighted terms of each.
fn page_docs(page: &Page, stemming: Stemming) -> Vec<(Doc, Terms<'_>)> {
    let study = &page.rendered.study;
    // Question ids: a page may hold thousands of questions.
    let questions: HashSet<&str> = study.questions.iter().map(|q| q.id.as_str()).collect();
    let faq: HashSet<&str> = study.faq.iter().map(|f| f.id.as_str()).collect();
    // Relative to the home of the page's language, where its index is.
    let url = crate::plan::url_path(page.below_home());
    let doc = |title: &str, anchor: &str, kind, text: &str| Doc {
        page_title: page.front.title.clone(),
        page_url: url.to_string(),
        title: title.to_string(),
        anchor: anchor.to_string(),
        kind,
        text: excerpt(text),
    };
    let mut docs = Vec::new();
    for (n, section) in page.rendered.text.iter().enumerate() {
        let mut terms = Terms::default();
        let doc = match &section.anchor {
            None if n == 0 => {
                let description = page.front.description.as_deref().unwrap_or("");
                add_field(&mut terms, &page.front.title, 10, stemming);
                add_field(&mut terms, description, 3, stemming);
                // The tags are one field, joined here, so their words are
                // owned rather than borrowed from the joined text.
                let tags = page.front.tags.join(" ");
                count_field(
                    &mut terms,
                    tokens(&tags, stemming).map(|t| Cow::Owned(t.into_owned())),
                    3,
                );
                add_field(&mut terms, &section.text, 1, stemming);
                let kind = match page.kind {
                    PageKind::Guide => "guide",
                    _ => "page",
                };
                let text = [description, &section.text].join(" ");
                doc(&page.front.title, "", kind, text.trim())
            }
            None => continue,
            Some(anchor) => {
                let kind = if questions.contains(anchor.as_str()) {
                    "question"
                } else if faq.contains(anchor.as_str()) {
                    "faq"
                } else {
                    "heading"
                };
                let title = section
                    .title
                    .strip_prefix("Q:")
                    .map_or(section.title.as_str(), str::trim);
                add_field(&mut terms, title, 6, stemming);
                add_field(&mut terms, &section.text, 1, stemming);
                doc(title, anchor, kind, &section.text)
            }
        };
        docs.push((doc, terms));
    }
    docs
}

/// Builds the index of every page and hands each file to `write` (a path
/// under the output, and its bytes) as soon as it is made, so the whole
/// index never sits in memory as text. Returns the number of files.
pub(crate) fn build<E: Send>(
    site: &Site,
    language: &str,
    stores: Option<&SearchStores>,
    write: impl Fn(&str, &[u8]) -> Result<(), E> + Sync,
) -> Result<usize, E> {
    let stemming = Stemming::for_language(language);
    let out = Emitter {
        stores,
        write: &write,
    };
    let pages: Vec<&Page> = site.pages.iter().collect();
    let (mut hashes, doc_count, postings) = index_documents(&pages, stemming, &out)?;
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
            .filter(|&&i| terms[i].tail.is_some())
            .count();
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
    out.meta(&hashes, doc_count, stemming, &sizes)?;
    Ok(hashes.len() + 1)
}

/// Numbers every page's documents and gathers each term's postings; the
/// documents go out a chunk at a time as they are numbered, so they are
/// never all in memory at once. Returns the chunks' hashes, the number of
/// documents and the postings.
#[allow(clippy::type_complexity)]
fn index_documents<E>(
    pages: &[&Page],
    stemming: Stemming,
    out: &Emitter<'_, E>,
) -> Result<(Vec<u64>, u32, FxHashMap<String, Postings>), E> {
    let mut hashes = Vec::new();
    let mut pending: Vec<Doc> = Vec::with_capacity(CHUNK);
    let mut doc_count: u32 = 0;
    let mut postings: FxHashMap<String, Postings> = FxHashMap::default();
    // Pages are tokenised in parallel a batch at a time, so only one batch
    // of per-document term maps is alive at once, whatever the site's size.
    for batch in pages.chunks(256) {
        let per_page: Vec<PageDocs> = batch
            .par_iter()
            .map(|p| cached_docs(p, stemming, out.stores))
            .collect();
        for (doc, terms) in per_page.iter().flat_map(|page| page.iter()) {
            let id = doc_count;
            doc_count += 1;
            for (term, &weight) in terms {
                match postings.get_mut(term.as_ref()) {
                    Some(list) => list.push(id, weight),
                    None => {
                        let mut list = Postings::default();
                        list.push(id, weight);
                        postings.insert(term.to_string(), list);
                    }
                }
            }
            pending.push(doc.clone());
            if pending.len() == CHUNK {
                hashes.push(out.chunk(hashes.len(), &pending)?);
                pending.clear();
            }
        }
    }
    if !pending.is_empty() {
        hashes.push(out.chunk(hashes.len(), &pending)?);
    }
    Ok((hashes, doc_count, postings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_cut_at_a_word() {
        let long = "word ".repeat(200);
        let e = excerpt(long.trim());
        assert!(e.ends_with("word…") && e.chars().count() <= EXCERPT + 1);
        assert_eq!(excerpt("short"), "short");
    }
}
