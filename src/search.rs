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

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use serde_json::json;

use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::cache::{Key, KeyHasher, Store};
use crate::discover::PageKind;
use crate::escape::inert_json;
use crate::site::{Page, Site};

/// Documents per data chunk.
pub const CHUNK: usize = 500;
/// Characters of a term that name its shard.
pub const KEY_LEN: usize = 2;
const EXCERPT: usize = 160;

/// Words too common to help find anything, in order (searched by halves).
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "its", "of", "on", "or", "so", "that", "the", "their", "then", "there", "these", "this", "to",
    "was", "were", "will", "with",
];

/// Lower-case words of two or more characters, borrowed from `text` when
/// they are lower case already (most words are).
pub fn tokens(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| w.len() >= 2 && (w.is_ascii() || w.chars().nth(1).is_some()))
        .map(|w| {
            if w.is_ascii() {
                if w.bytes().any(|b| b.is_ascii_uppercase()) {
                    Cow::Owned(w.to_ascii_lowercase())
                } else {
                    Cow::Borrowed(w)
                }
            } else if w.chars().any(char::is_uppercase) {
                Cow::Owned(w.to_lowercase())
            } else {
                Cow::Borrowed(w)
            }
        })
        .filter(|w| STOP_WORDS.binary_search(&w.as_ref()).is_err())
}

/// The shard a term lives in; non-ASCII characters are hex-encoded so the
/// key is a safe file name.
pub fn shard_key(term: &str) -> String {
    term.chars()
        .take(KEY_LEN)
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c.to_string()
            } else {
                format!("-{:x}", c as u32)
            }
        })
        .collect()
}

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

/// Adds the words of one field (title, body...) to a document's terms.
/// Each field counts repeats up to a point, so a long section cannot drown
/// a title; the fields then add up.
fn add_field<'a>(terms: &mut Terms<'a>, text: &'a str, weight: u32) {
    count_field(terms, tokens(text), weight);
}

fn count_field<'a>(terms: &mut Terms<'a>, words: impl Iterator<Item = Cow<'a, str>>, weight: u32) {
    let mut counts: FxHashMap<Cow<str>, u32> = FxHashMap::default();
    for t in words {
        *counts.entry(t).or_insert(0) += 1;
    }
    for (t, n) in counts {
        *terms.entry(t).or_insert(0) += n.min(4) * weight;
    }
}

/// A document's terms and their weights. The terms borrow from the page
/// where they can: a site has millions of them, and only the distinct
/// ones need a string of their own, in the index.
type Terms<'a> = FxHashMap<Cow<'a, str>, u32>;

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
    let url = crate::plan::url_path(page.path.trim_start_matches('/'));
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

/// A term's posting list: `[doc, weight, doc, weight, ...]` with each doc
/// number given as the difference from the one before.
#[derive(Default)]
struct Postings {
    last: u32,
    flat: Vec<u32>,
}

impl Postings {
    fn push(&mut self, doc: u32, weight: u32) {
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

type PageDocs<'a> = Arc<Vec<(Doc, Terms<'a>)>>;

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

fn cached_docs<'a>(page: &'a Page, stores: Option<&SearchStores>) -> PageDocs<'a> {
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

/// Builds the index and hands each file to `write` (a path under the
/// output, and its bytes) as soon as it is made, so the whole index never
/// sits in memory as text. Returns the number of files.
pub fn build<E: Send>(
    site: &Site,
    cache: Option<&SearchStores>,
    write: impl Fn(&str, &[u8]) -> Result<(), E> + Sync,
) -> Result<usize, E> {
    let guides: Vec<&Page> = site
        .pages
        .iter()
        .filter(|p| p.kind == PageKind::Guide)
        .collect();
    // Each file is hashed as it is written; the hashes, in order, make the
    // index's version.
    // Each file is hashed as it is written; the hashes, in order, make the
    // index's version. `inputs` hashes what the file is made from, for the
    // cache; it is only computed when there is a cache.
    let emit =
        |path: String, inputs: &dyn Fn() -> Key, make: &dyn Fn() -> String| -> Result<u64, E> {
            match cache {
                Some(cache) => {
                    let (hash, text) = cache.file(&path, inputs(), make);
                    write(&path, text.as_bytes())?;
                    Ok(hash)
                }
                None => {
                    let text = make();
                    write(&path, text.as_bytes())?;
                    Ok(file_hash(&path, &text))
                }
            }
        };
    let emit_chunk = |n: usize, chunk: &[Doc]| {
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
        emit(format!("search/d/{n}.json"), &inputs, &make)
    };
    let mut hashes = Vec::new();
    // Documents go out a chunk at a time as they are numbered, so they are
    // never all in memory at once.
    let mut pending: Vec<Doc> = Vec::with_capacity(CHUNK);
    let mut doc_count: u32 = 0;
    // Each term's postings, delta-encoded as they arrive: no second copy
    // is made to encode them for the shards.
    let mut postings: FxHashMap<String, Postings> = FxHashMap::default();
    // Pages are tokenised in parallel a batch at a time, so only one batch
    // of per-document term maps is alive at once, whatever the site's size.
    for batch in guides.chunks(256) {
        let per_page: Vec<PageDocs> = batch.par_iter().map(|p| cached_docs(p, cache)).collect();
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
                hashes.push(emit_chunk(hashes.len(), &pending)?);
                pending.clear();
            }
        }
    }
    if !pending.is_empty() {
        hashes.push(emit_chunk(hashes.len(), &pending)?);
    }
    drop(pending);

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
    let keys: Vec<&String> = shards.keys().collect();
    hashes.extend(
        shards
            .par_iter()
            .map(|(key, terms)| {
                let inputs = || {
                    let mut key = KeyHasher::new();
                    for (term, flat) in terms {
                        key.part(term.as_bytes());
                        let numbers: Vec<u8> = flat.iter().flat_map(|n| n.to_le_bytes()).collect();
                        key.part(&numbers);
                    }
                    key.finish()
                };
                let make = || inert_json(&Shard(terms));
                emit(format!("search/t/{key}.json"), &inputs, &make)
            })
            .collect::<Result<Vec<_>, E>>()?,
    );
    let mut version = crate::hash::Fnv::new();
    for h in &hashes {
        version.write(&h.to_le_bytes());
    }
    // Browsers revalidate meta.json and fetch the rest with `?v=HASH`, so
    // a new deploy never meets shards of an old one in their cache.
    let meta = json!({
        "version": 1,
        "hash": version.short(),
        "docs": doc_count,
        "chunk": CHUNK,
        "key_len": KEY_LEN,
        "shards": keys,
    });
    write("search/meta.json", meta.to_string().as_bytes())?;
    Ok(hashes.len() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_lower_case_words_without_stop_words() {
        let t: Vec<Cow<str>> =
            tokens("The select_related() call, in Django's ORM: a N+1 fix").collect();
        assert_eq!(t, ["select_related", "call", "django", "orm", "fix"]);
    }

    #[test]
    fn stop_words_are_in_order_for_the_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_title_hit_outweighs_body_mentions() {
        let mut terms = Terms::default();
        add_field(&mut terms, "Joins", 6);
        add_field(&mut terms, "joins joins joins joins joins joins", 1);
        assert_eq!(terms["joins"], 6 + 4, "title 6, body capped at 4");
    }

    #[test]
    fn inert_json_escapes_every_angle_bracket() {
        let json = inert_json(&serde_json::json!({ "a": "<b>x</b> <<" }));
        assert_eq!(json, r#"{"a":"\u003cb>x\u003c/b> \u003c\u003c"}"#);
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["a"], "<b>x</b> <<");
    }

    #[test]
    fn shard_keys_are_file_names() {
        assert_eq!(shard_key("generator"), "ge");
        assert_eq!(shard_key("über"), "-fcb");
        assert_eq!(shard_key("x"), "x");
    }

    #[test]
    fn excerpts_are_cut_at_a_word() {
        let long = "word ".repeat(100);
        let e = excerpt(long.trim());
        assert!(e.ends_with("word…") && e.chars().count() <= EXCERPT + 1);
    }
}
