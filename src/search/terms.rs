//! Words as the index stores them, and the same rules the browser applies
//! to a query (`search.js` implements this file line for line; the tests
//! on both sides share their examples).
//!
//! A term is found by scanning the text:
//! - a word: letters, digits and `_`, joined by `.` or `+` when a word
//!   character follows (`node.js`, `n+1`, `3.14`), then trailing `+`s or
//!   one `#` (`c++`, `c#`); a `.` before a letter, after a space or the
//!   start, begins one (`.net`);
//! - big-O: `O(`, `Θ(` or `Ω(` after a non-word character, up to `)` within
//!   24 characters of word characters, spaces and `+-*/^.,` (`o(nlogn)`,
//!   spaces dropped; a query may leave it open while typing).
//!
//! Terms are lower case, two to 64 characters long. A plain word
//! (letters and digits only) is dropped when it is one of its language's
//! stop words, else stemmed when it is made of the language's letters
//! (see `stemming.rs`). An apostrophe ends a word: `l'index` is `index`
//! (`l` is too short to be a term), `qu'un` is `qu` and `un`. A compound (any
//! other term) is kept whole; the index also stores its plain parts, so
//! `select_related` is found by `select_related` and by `related`.

use std::borrow::Cow;
use std::ops::Range;

use rustc_hash::FxHashMap;

use super::Stemming;

/// Characters of a term, at most: longer runs (hashes, encoded data in
/// code) are not words anyone types.
const MAX_TERM: usize = 64;
/// Characters of a big-O term after its `(`, at most.
const BIG_O_LEN: usize = 24;

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_big_o(c: char) -> bool {
    matches!(c, 'O' | 'o' | 'Θ' | 'θ' | 'Ω' | 'ω')
}

/// A term's place in the text, and what kind of term it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) range: Range<usize>,
    pub(crate) big_o: bool,
}

/// Scans text for terms (see the module's rules). With `parts`, a
/// compound is followed by its plain parts (for the index).
struct Scanner<'a> {
    text: &'a str,
    pos: usize,
    parts: bool,
    pending: Vec<Range<usize>>,
    /// A query's last term may be a big-O still being typed.
    open_big_o: bool,
}

impl<'a> Scanner<'a> {
    fn at(&self, pos: usize) -> Option<char> {
        self.text.get(pos..).and_then(|s| s.chars().next())
    }

    fn before(&self, pos: usize) -> Option<char> {
        self.text[..pos].chars().next_back()
    }

    /// The end of a big-O term starting at `start`, if one does.
    fn big_o_end(&self, start: usize) -> Option<usize> {
        let c = self.at(start).filter(|&c| is_big_o(c))?;
        if self.before(start).is_some_and(is_word) {
            return None;
        }
        let open = start + c.len_utf8();
        if self.at(open) != Some('(') {
            return None;
        }
        let inner = open + 1;
        for (n, (i, c)) in self.text[inner..].char_indices().enumerate() {
            if n > BIG_O_LEN {
                return None;
            }
            if c == ')' {
                return (n > 0).then_some(inner + i + 1);
            }
            if !(is_word(c) || c == ' ' || "+-*/^.,".contains(c)) {
                return None;
            }
        }
        self.open_big_o.then_some(self.text.len())
    }

    /// The end of the word starting at `start` (a word character or a
    /// leading `.`).
    fn word_end(&self, start: usize) -> usize {
        let mut pos = start + self.at(start).map_or(0, char::len_utf8);
        loop {
            while let Some(c) = self.at(pos).filter(|&c| is_word(c)) {
                pos += c.len_utf8();
            }
            match self.at(pos) {
                Some(c @ ('.' | '+')) if self.at(pos + 1).is_some_and(is_word) => {
                    pos += c.len_utf8();
                }
                _ => break,
            }
        }
        let pluses = self.text[pos..].bytes().take_while(|&b| b == b'+').count();
        if pluses > 0 && !self.at(pos + pluses).is_some_and(is_word) {
            pos += pluses;
        } else if self.at(pos) == Some('#') && !self.at(pos + 1).is_some_and(is_word) {
            pos += 1;
        }
        pos
    }

    fn starts_word(&self, pos: usize, c: char) -> bool {
        is_word(c)
            || (c == '.'
                && !self.before(pos).is_some_and(|p| is_word(p) || p == '.')
                && self.at(pos + 1).is_some_and(char::is_alphabetic))
    }
}

impl Iterator for Scanner<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        if let Some(range) = self.pending.pop() {
            return Some(Span {
                range,
                big_o: false,
            });
        }
        while let Some(c) = self.at(self.pos) {
            let start = self.pos;
            if let Some(end) = self.big_o_end(start) {
                // The index reads on inside the brackets, for the words
                // there; a query takes the term whole.
                self.pos = if self.parts {
                    start + c.len_utf8() + 1
                } else {
                    end
                };
                return Some(Span {
                    range: start..end,
                    big_o: true,
                });
            }
            if self.starts_word(start, c) {
                let end = self.word_end(start);
                self.pos = end;
                let word = &self.text[start..end];
                if self.parts && !word.chars().all(char::is_alphanumeric) {
                    let mut parts: Vec<Range<usize>> = Vec::new();
                    let mut from = None;
                    for (i, ch) in word.char_indices().chain([(word.len(), ' ')]) {
                        match (ch.is_alphanumeric(), from) {
                            (true, None) => from = Some(i),
                            (false, Some(f)) => {
                                parts.push(start + f..start + i);
                                from = None;
                            }
                            _ => {}
                        }
                    }
                    parts.reverse();
                    self.pending = parts;
                }
                return Some(Span {
                    range: start..end,
                    big_o: false,
                });
            }
            self.pos += c.len_utf8();
        }
        None
    }
}

/// The spans of the terms of `text`: compounds followed by their parts
/// with `parts` (the index), or compounds whole (a query; `open` lets its
/// last big-O term be unfinished).
pub(crate) fn spans(text: &str, parts: bool, open: bool) -> impl Iterator<Item = Span> + '_ {
    Scanner {
        text,
        pos: 0,
        parts,
        pending: Vec::new(),
        open_big_o: open,
    }
}

fn lower(word: &str) -> Cow<'_, str> {
    let upper = if word.is_ascii() {
        word.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        // Any character lower-casing changes, as the browser's toLowerCase.
        word.chars().any(|c| {
            let mut lower = c.to_lowercase();
            lower.next() != Some(c) || lower.next().is_some()
        })
    };
    if upper {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// The term a span of `text` stands for, if it makes one.
pub(crate) fn term<'a>(text: &'a str, span: &Span, stemming: Stemming) -> Option<Cow<'a, str>> {
    let word = &text[span.range.clone()];
    if word.chars().nth(MAX_TERM).is_some() {
        return None;
    }
    if span.big_o {
        return Some(Cow::Owned(lower(word).replace(' ', "")));
    }
    // One character is not a term.
    word.chars().nth(1)?;
    let word = lower(word);
    if !word.chars().all(char::is_alphanumeric) {
        return Some(word);
    }
    if stemming.is_stop_word(&word) {
        return None;
    }
    Some(stemming.stem(word))
}

/// The terms the index stores for `text`: compounds and their parts.
pub(crate) fn tokens(text: &str, stemming: Stemming) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    spans(text, true, false).filter_map(move |s| term(text, &s, stemming))
}

/// Adds the words of one field (title, body...) to a document's terms.
/// Each field counts repeats up to a point, so a long section cannot drown
/// a title; the fields then add up.
pub(super) fn add_field<'a>(terms: &mut Terms<'a>, text: &'a str, weight: u32, stemming: Stemming) {
    count_field(terms, tokens(text, stemming), weight);
}

pub(super) fn count_field<'a>(
    terms: &mut Terms<'a>,
    words: impl Iterator<Item = Cow<'a, str>>,
    weight: u32,
) {
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
pub(super) type Terms<'a> = FxHashMap<Cow<'a, str>, u32>;

#[cfg(test)]
mod tests {
    use super::*;

    fn index(text: &str) -> Vec<String> {
        tokens(text, Stemming::English).map(String::from).collect()
    }

    fn query(text: &str) -> Vec<String> {
        spans(text, false, true)
            .filter_map(|s| term(text, &s, Stemming::English))
            .map(String::from)
            .collect()
    }

    #[test]
    fn technical_terms_keep_their_symbols() {
        // The list of issue 10, as a reader types it: each is one term,
        // and the index stores the same term for the same text.
        for (typed, term) in [
            ("N+1", "n+1"),
            ("C++", "c++"),
            ("C#", "c#"),
            (".NET", ".net"),
            ("select_related", "select_related"),
            ("__init__", "__init__"),
            ("O(n log n)", "o(nlogn)"),
        ] {
            assert_eq!(query(typed), [term], "{typed}");
            let text = format!("Before {typed}, after.");
            assert!(
                index(&text).contains(&term.to_string()),
                "{text}: {:?}",
                index(&text)
            );
        }
    }

    #[test]
    fn compounds_are_indexed_with_their_parts() {
        assert_eq!(
            index("Django's select_related() and node.js (see O(n log n))."),
            [
                "django",
                "select_related",
                "select",
                "relat",
                "node.js",
                "node",
                "js",
                "see",
                "o(nlogn)",
                "log"
            ]
        );
        assert_eq!(
            index("What is the N+1 query problem?"),
            ["what", "n+1", "queri", "problem"]
        );
        assert_eq!(
            index("C++ or C#, ASP.NET."),
            ["c++", "c#", "asp.net", "asp", "net"]
        );
    }

    #[test]
    fn punctuation_that_ends_a_sentence_is_not_kept() {
        assert_eq!(
            index("Ends here. And e.g. #tag..."),
            ["end", "here", "e.g", "tag"]
        );
        assert_eq!(
            query("...net"),
            ["net"],
            "a dot after a dot does not begin a term"
        );
    }

    #[test]
    fn an_unfinished_big_o_is_a_query_prefix_only() {
        assert_eq!(query("O(n lo"), ["o(nlo"]);
        assert_eq!(index("O(n lo"), ["lo"]);
        assert_eq!(
            query("foo(bar)"),
            ["foo", "bar"],
            "a word before the bracket"
        );
    }

    #[test]
    fn stems_and_stop_words_are_the_languages() {
        assert_eq!(
            index("The generators generator indexing index"),
            ["generat", "generat", "index", "index"]
        );
        assert_eq!(
            tokens("The generators indexing", Stemming::None).collect::<Vec<_>>(),
            ["the", "generators", "indexing"],
            "no stemmer, no stop words"
        );
        assert_eq!(
            index("Über naïve x2 café"),
            ["über", "naïve", "x2", "café"],
            "only ASCII words are stemmed in English"
        );
        assert_eq!(
            tokens(
                "Les générateurs de l'index, d'une table, qu'un œuf ; the x86 straße",
                Stemming::French
            )
            .collect::<Vec<_>>(),
            ["géner", "index", "tabl", "œuf", "the", "x86", "straße"],
        );
    }

    #[test]
    fn a_title_hit_outweighs_body_mentions() {
        let mut terms = Terms::default();
        add_field(&mut terms, "Joins", 6, Stemming::English);
        add_field(
            &mut terms,
            "joins joins joins joins joins joins",
            1,
            Stemming::English,
        );
        assert_eq!(terms["join"], 6 + 4, "title 6, body capped at 4");
    }
}
