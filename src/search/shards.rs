//! Posting lists, their encoding, and how terms are cut into shards.
//!
//! A posting list is written as a string of base-64 digits: numbers in
//! groups of five bits, most significant first, every digit but a number's
//! last one marked by adding 32 (digits `0-9A-Za-z-_`, values 0 to 63).
//! The postings go best first: groups of `weight, count, doc, doc, ...`
//! with weights falling, and within a group each doc number given as the
//! difference from the one before (the first from 0). The first [`HEAD`]
//! postings of a term stay in its shard; the rest, only wanted by queries
//! that run short of results, go to tail files of [`PIECE`] postings each,
//! so such a query fetches the next best postings, not all of them.

use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Postings a term keeps in its shard: plenty for the top results of a
/// word, and few enough that a shard of common words stays small.
pub(super) const HEAD: usize = 256;
/// Postings in one tail file.
pub(super) const PIECE: usize = 1024;
/// Shards grow to about this many bytes before they are cut by a longer
/// prefix (a term's head alone is well under it).
pub(super) const SHARD_BYTES: usize = 8 * 1024;

const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// A term's postings as documents are numbered: `(doc, weight)` in doc
/// order, packed as LEB128 numbers, each doc as the difference from the
/// one before. A big site has millions of postings, all held until the
/// last page is indexed; packed, most take two bytes instead of eight.
#[derive(Default)]
pub(super) struct Postings {
    packed: Vec<u8>,
    last_doc: u32,
}

impl Postings {
    pub(super) fn push(&mut self, doc: u32, weight: u32) {
        // Wrapping, so that unpacking gives back any order it was given.
        push_leb128(&mut self.packed, doc.wrapping_sub(self.last_doc));
        push_leb128(&mut self.packed, weight);
        self.last_doc = doc;
    }

    /// The postings as pushed.
    fn unpack(&self) -> Vec<(u32, u32)> {
        let mut numbers = Leb128(&self.packed);
        let mut out = Vec::with_capacity(self.packed.len() / 2);
        let mut doc = 0u32;
        while let (Some(delta), Some(weight)) = (numbers.next(), numbers.next()) {
            doc = doc.wrapping_add(delta);
            out.push((doc, weight));
        }
        out
    }
}

fn push_leb128(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The numbers [`push_leb128`] wrote.
struct Leb128<'a>(&'a [u8]);

impl Iterator for Leb128<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let (mut n, mut shift) = (0u32, 0);
        while let Some((&byte, rest)) = self.0.split_first() {
            self.0 = rest;
            n |= u32::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(n);
            }
            shift += 7;
        }
        None
    }
}

fn push_number(out: &mut String, n: u32) {
    let mut shift = 30;
    while shift > 0 && n >> shift == 0 {
        shift -= 5;
    }
    while shift > 0 {
        out.push(DIGITS[(32 | (n >> shift) & 31) as usize] as char);
        shift -= 5;
    }
    out.push(DIGITS[(n & 31) as usize] as char);
}

/// Postings sorted best first (weight falling, then doc), encoded.
fn encode(best_first: &[(u32, u32)]) -> String {
    let mut out = String::with_capacity(best_first.len() * 2 + 4);
    for group in best_first.chunk_by(|a, b| a.1 == b.1) {
        push_number(&mut out, group[0].1);
        push_number(&mut out, group.len() as u32);
        let mut last = 0;
        for &(doc, _) in group {
            push_number(&mut out, doc - last);
            last = doc;
        }
    }
    out
}

/// A term with its encoded postings.
pub(super) struct Entry {
    pub(super) term: String,
    pub(super) head: String,
    /// The postings past the head, a piece per tail file, and how many
    /// postings there are in all.
    pub(super) tail: Option<(Vec<String>, u32)>,
}

impl Entry {
    /// About what the entry takes in its shard's JSON.
    fn bytes(&self) -> usize {
        self.term.len() + self.head.len() + 6 + if self.tail.is_some() { 16 } else { 0 }
    }
}

/// Every term with its encoded postings, in order. The postings are
/// consumed: each list is freed once encoded, so a big site's lists and
/// their encodings are not all in memory together.
pub(super) fn sorted(postings: FxHashMap<String, Postings>) -> Vec<Entry> {
    let mut entries: Vec<Entry> = postings
        .into_par_iter()
        .map(|(term, list)| {
            let mut best = list.unpack();
            drop(list);
            best.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let (head, rest) = best.split_at(best.len().min(HEAD));
            Entry {
                term,
                head: encode(head),
                tail: (!rest.is_empty())
                    .then(|| (rest.chunks(PIECE).map(encode).collect(), best.len() as u32)),
            }
        })
        .collect();
    entries.par_sort_unstable_by(|a, b| a.term.cmp(&b.term));
    entries
}

/// One shard: its key (a prefix of every term in it) and its terms
/// (indices into the sorted entries).
pub(super) struct ShardPlan {
    pub(super) key: String,
    pub(super) terms: Vec<usize>,
}

/// The shards, in order of their keys.
pub(super) struct Plan {
    pub(super) shards: Vec<ShardPlan>,
}

/// Cuts the terms into shards. A term lives in the shard of the longest
/// key that begins it: a prefix with too many terms under it gives its
/// larger runs (by next character) keys of their own, and keeps the
/// smaller ones while it has room.
pub(super) fn plan(entries: &[Entry]) -> Plan {
    let sizes: Vec<usize> = entries.iter().map(Entry::bytes).collect();
    let mut shards = Vec::new();
    cut(
        entries,
        &sizes,
        0..entries.len(),
        String::new(),
        &mut shards,
    );
    shards.sort_by(|a: &ShardPlan, b| a.key.cmp(&b.key));
    Plan { shards }
}

fn cut(
    entries: &[Entry],
    sizes: &[usize],
    range: Range<usize>,
    key: String,
    out: &mut Vec<ShardPlan>,
) {
    let bytes: usize = sizes[range.clone()].iter().sum();
    let depth = key.chars().count();
    if bytes <= SHARD_BYTES {
        if !range.is_empty() {
            out.push(ShardPlan {
                key,
                terms: range.collect(),
            });
        }
        return;
    }
    // The terms equal to the key sort first; the rest run by their next
    // character.
    let mut own: Vec<usize> = Vec::new();
    let mut runs: Vec<(char, Range<usize>)> = Vec::new();
    for i in range {
        match entries[i].term.chars().nth(depth) {
            None => own.push(i),
            Some(c) => match runs.last_mut() {
                Some((last, run)) if *last == c => run.end = i + 1,
                _ => runs.push((c, i..i + 1)),
            },
        }
    }
    let mut own_bytes: usize = own.iter().map(|&i| sizes[i]).sum();
    let run_bytes = |r: &Range<usize>| -> usize { sizes[r.clone()].iter().sum() };
    runs.sort_by_key(|(_, r)| run_bytes(r));
    for (c, run) in runs {
        let b = run_bytes(&run);
        if own_bytes + b <= SHARD_BYTES {
            own_bytes += b;
            own.extend(run);
        } else {
            cut(entries, sizes, run, format!("{key}{c}"), out);
        }
    }
    if !own.is_empty() {
        own.sort_unstable();
        out.push(ShardPlan { key, terms: own });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let mut n = 0;
        for b in text.bytes() {
            let v = DIGITS.iter().position(|&d| d == b).unwrap() as u32;
            n = n << 5 | (v & 31);
            if v < 32 {
                out.push(n);
                n = 0;
            }
        }
        out
    }

    #[test]
    fn postings_unpack_as_they_were_pushed() {
        let pushed = [(0, 1), (5, 300), (1 << 31, 7), (6, u32::MAX), (6, 0)];
        let mut list = Postings::default();
        for (doc, weight) in pushed {
            list.push(doc, weight);
        }
        assert_eq!(list.unpack(), pushed);
    }

    #[test]
    fn postings_are_written_best_first_in_groups() {
        // weight 6: docs 3 and 40; weight 1: doc 7.
        let text = encode(&[(3, 6), (40, 6), (7, 1)]);
        assert_eq!(decode(&text), [6, 2, 3, 37, 1, 1, 7]);
        assert_eq!(decode(&encode(&[(1_000_000, 1)])), [1, 1, 1_000_000]);
        assert_eq!(encode(&[(31, 1)]), "11V", "numbers under 32 take one digit");
    }

    #[test]
    fn every_term_lives_under_the_longest_key_that_begins_it() {
        let terms: Vec<String> = (0..400)
            .map(|i| format!("co{}{i:03}", ["n", "m", "s"][i % 3]))
            .chain(["c".into(), "co".into(), "cz".into(), "dog".into()])
            .collect();
        let mut postings: FxHashMap<String, Postings> = FxHashMap::default();
        for (n, t) in terms.iter().enumerate() {
            let list = postings.entry(t.clone()).or_default();
            for d in 0..(n as u32 % 50 + 1) {
                list.push(d * 7, 1 + d % 3);
            }
        }
        let entries = sorted(postings);
        let plan = plan(&entries);
        assert!(plan.shards.len() > 3, "{}", plan.shards.len());
        let keys: Vec<&str> = plan.shards.iter().map(|s| s.key.as_str()).collect();
        for shard in &plan.shards {
            let bytes: usize = shard.terms.iter().map(|&i| entries[i].bytes()).sum();
            assert!(bytes <= SHARD_BYTES, "{} is {bytes} bytes", shard.key);
            for &i in &shard.terms {
                let term = &entries[i].term;
                let home = keys
                    .iter()
                    .filter(|k| term.starts_with(**k))
                    .max_by_key(|k| k.len());
                assert_eq!(home, Some(&shard.key.as_str()), "{term}");
            }
        }
        let placed: usize = plan.shards.iter().map(|s| s.terms.len()).sum();
        assert_eq!(placed, entries.len());
    }

    #[test]
    fn a_common_term_keeps_its_best_postings_and_counts_the_rest() {
        let mut postings: FxHashMap<String, Postings> = FxHashMap::default();
        let list = postings.entry("cache".into()).or_default();
        for d in 0..1000 {
            list.push(d, if d == 500 { 10 } else { 1 });
        }
        let entries = sorted(postings);
        let head = decode(&entries[0].head);
        assert_eq!(&head[..3], [10, 1, 500], "the best posting comes first");
        let (pieces, count) = entries[0].tail.as_ref().unwrap();
        assert_eq!(*count, 1000);
        assert_eq!(pieces.len(), 1);
        assert_eq!(decode(&pieces[0])[..2], [1, (1000 - HEAD) as u32]);
    }

    #[test]
    fn a_long_tail_is_cut_into_pieces_best_first() {
        let mut postings: FxHashMap<String, Postings> = FxHashMap::default();
        let list = postings.entry("latency".into()).or_default();
        let total = HEAD + 2 * PIECE + 10;
        for d in 0..total as u32 {
            // Later documents weigh less: the last piece holds the lightest.
            list.push(d, if (d as usize) < total - 10 { 2 } else { 1 });
        }
        let entries = sorted(postings);
        let (pieces, count) = entries[0].tail.as_ref().unwrap();
        assert_eq!((pieces.len(), *count as usize), (3, total));
        assert_eq!(
            decode(&pieces[1])[..3],
            [2, PIECE as u32, (HEAD + PIECE) as u32]
        );
        assert_eq!(decode(&pieces[2])[..3], [1, 10, (total - 10) as u32]);
    }
}
