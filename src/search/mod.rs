//! The static search index: small, sharded files that the browser loads
//! only when the reader starts searching, and only the parts a query needs.
//!
//! ```text
//! search/meta.json         document count, chunk size, shard keys (loaded on focus)
//! search/t/KEY.json        terms starting with KEY (two characters) -> postings
//! search/d/N.json          documents N*chunk .. (N+1)*chunk: title, url, guide, kind, excerpt
//! ```
//!
//! A document is a guide, one of its headings, a question or an FAQ entry:
//! words count for the heading under which they are written, so a hit lands
//! on the right anchor. A posting list is a flat `[doc, weight, doc, weight,
//! ...]` array with doc numbers delta-encoded, to keep shards small.

mod files;
mod terms;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::discover::PageKind;
use crate::site::{Page, Site};
pub(crate) use files::SearchStores;
use files::{cached_docs, Emitter, PageDocs, Postings};
use terms::{add_field, count_field, Terms};
pub(crate) use terms::{shard_key, tokens};

/// Documents per data chunk.
pub(crate) const CHUNK: usize = 500;
/// Characters of a term that name its shard.
pub(crate) const KEY_LEN: usize = 2;
const EXCERPT: usize = 160;

#[derive(Clone)]
struct Doc {
    title: String,
    url: String,
    guide: String,
    kind: &'static str,
    excerpt: String,
}

fn excerpt(text: &str) -> String {
    if text.chars().count() <= EXCERPT {
        return text.to_string();
    }
    let cut: String = text.chars().take(EXCERPT).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

/// A page's documents with the weighted terms of each.
fn page_docs(page: &Page) -> Vec<(Doc, Terms<'_>)> {
    let study = &page.rendered.study;
    // Short answers by question id: a page may hold thousands of questions.
    let questions: HashMap<&str, &str> = study
        .questions
        .iter()
        .map(|q| (q.id.as_str(), q.short_answer_text.as_str()))
        .collect();
    let faq: HashSet<&str> = study.faq.iter().map(|f| f.id.as_str()).collect();
    // Relative to the home of the page's language, where its index is.
    let url = crate::plan::url_path(page.below_home());
    let mut docs = Vec::new();
    for (n, section) in page.rendered.text.iter().enumerate() {
        let mut terms = Terms::default();
        let doc = match &section.anchor {
            None if n == 0 => {
                add_field(&mut terms, &page.front.title, 10);
                add_field(
                    &mut terms,
                    page.front.description.as_deref().unwrap_or(""),
                    3,
                );
                // The tags are one field, joined here, so their words are
                // owned rather than borrowed from the joined text.
                let tags = page.front.tags.join(" ");
                count_field(
                    &mut terms,
                    tokens(&tags).map(|t| Cow::Owned(t.into_owned())),
                    3,
                );
                add_field(&mut terms, &section.text, 1);
                let text = page.front.description.as_deref().unwrap_or(&section.text);
                Doc {
                    title: page.front.title.clone(),
                    url: url.to_string(),
                    guide: String::new(),
                    kind: "guide",
                    excerpt: excerpt(text),
                }
            }
            None => continue,
            Some(anchor) => {
                let kind = if questions.contains_key(anchor.as_str()) {
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
                add_field(&mut terms, title, 6);
                add_field(&mut terms, &section.text, 1);
                let text = match kind {
                    "question" => questions.get(anchor.as_str()).copied().unwrap_or(""),
                    _ => section.text.as_str(),
                };
                Doc {
                    title: title.to_string(),
                    url: format!("{url}#{anchor}"),
                    guide: page.front.title.clone(),
                    kind,
                    excerpt: excerpt(text),
                }
            }
        };
        docs.push((doc, terms));
    }
    docs
}

/// Builds the index and hands each file to `write` (a path under the
/// output, and its bytes) as soon as it is made, so the whole index never
/// sits in memory as text. Returns the number of files.
pub(crate) fn build<E: Send>(
    site: &Site,
    stores: Option<&SearchStores>,
    write: impl Fn(&str, &[u8]) -> Result<(), E> + Sync,
) -> Result<usize, E> {
    let guides: Vec<&Page> = site
        .pages
        .iter()
        .filter(|p| p.kind == PageKind::Guide)
        .collect();
    let out = Emitter {
        stores,
        write: &write,
    };
    let (mut hashes, doc_count, postings) = index_documents(&guides, &out)?;
    let shards = shards(&postings);
    hashes.extend(
        shards
            .par_iter()
            .map(|(key, terms)| out.shard(key, terms))
            .collect::<Result<Vec<_>, E>>()?,
    );
    let keys: Vec<&String> = shards.keys().collect();
    out.meta(&hashes, doc_count, &keys)?;
    Ok(hashes.len() + 1)
}

/// Numbers every guide's documents and gathers each term's postings; the
/// documents go out a chunk at a time as they are numbered, so they are
/// never all in memory at once. Returns the chunks' hashes, the number of
/// documents and the postings.
#[allow(clippy::type_complexity)]
fn index_documents<E>(
    guides: &[&Page],
    out: &Emitter<'_, E>,
) -> Result<(Vec<u64>, u32, FxHashMap<String, Postings>), E> {
    let mut hashes = Vec::new();
    let mut pending: Vec<Doc> = Vec::with_capacity(CHUNK);
    let mut doc_count: u32 = 0;
    // Each term's postings, delta-encoded as they arrive: no second copy
    // is made to encode them for the shards.
    let mut postings: FxHashMap<String, Postings> = FxHashMap::default();
    // Pages are tokenised in parallel a batch at a time, so only one batch
    // of per-document term maps is alive at once, whatever the site's size.
    for batch in guides.chunks(256) {
        let per_page: Vec<PageDocs> = batch
            .par_iter()
            .map(|p| cached_docs(p, out.stores))
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

/// The terms in order, by shard key.
fn shards(postings: &FxHashMap<String, Postings>) -> BTreeMap<String, Vec<(&str, &[u32])>> {
    let mut terms: Vec<(&str, &[u32])> = postings
        .iter()
        .map(|(term, list)| (term.as_str(), list.flat.as_slice()))
        .collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut shards: BTreeMap<String, Vec<(&str, &[u32])>> = BTreeMap::new();
    for (term, flat) in terms {
        shards
            .entry(shard_key(term))
            .or_default()
            .push((term, flat));
    }
    shards
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_cut_at_a_word() {
        let long = "word ".repeat(100);
        let e = excerpt(long.trim());
        assert!(e.ends_with("word…") && e.chars().count() <= EXCERPT + 1);
    }
}
