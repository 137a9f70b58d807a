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

use super::stemming::Stem;
use super::Stemming;

/// Characters of a term, at most: longer runs (hashes, encoded data in
/// code) are not words anyone types.
const MAX_TERM: usize = 64;
/// Characters of a big-O term after its `(`, at most.
const BIG_O_LEN: usize = 24;

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Letters and digits only: a word the stemmer may take, not a compound.
fn is_plain(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_alphanumeric())
        || !word.is_ascii() && word.chars().all(char::is_alphanumeric)
}

fn is_big_o(c: char) -> bool {
    matches!(c, 'O' | 'o' | 'Θ' | 'θ' | 'Ω' | 'ω')
}

/// A term's place in the text, and what kind of term it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) range: Range<usize>,
    pub(crate) big_o: bool,
    /// Letters and digits only (see [`is_plain`]), as written.
    pub(crate) plain: bool,
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
        // Most text is ASCII: a byte below 0x80 is a whole character.
        match *self.text.as_bytes().get(pos)? {
            b if b < 0x80 => Some(char::from(b)),
            _ => self.text.get(pos..).and_then(|s| s.chars().next()),
        }
    }

    /// The end of the run of word characters from `pos`.
    fn word_chars_end(&self, mut pos: usize) -> usize {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(pos) {
            if b.is_ascii_alphanumeric() || b == b'_' {
                pos += 1;
            } else if b < 0x80 {
                break;
            } else {
                match self.at(pos).filter(|&c| is_word(c)) {
                    Some(c) => pos += c.len_utf8(),
                    None => break,
                }
            }
        }
        pos
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
            pos = self.word_chars_end(pos);
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
                plain: true,
            });
        }
        // Spaces and punctuation begin nothing, but a `.` may begin a word.
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.pos) {
            if b < 0x80 && !b.is_ascii_alphanumeric() && b != b'_' && b != b'.' {
                self.pos += 1;
            } else {
                break;
            }
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
                    plain: false,
                });
            }
            if self.starts_word(start, c) {
                let end = self.word_end(start);
                self.pos = end;
                let word = &self.text[start..end];
                let plain = is_plain(word);
                if self.parts && !plain {
                    let parts = &mut self.pending;
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
                }
                return Some(Span {
                    range: start..end,
                    big_o: false,
                    plain,
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

/// Writes `word` in lower case to `out`; false (and `out` untouched) when
/// it is lower case already.
fn lower_into(word: &str, out: &mut String) -> bool {
    if word.is_ascii() {
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return false;
        }
        out.clear();
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return true;
    }
    // Any character lower-casing changes, as the browser's toLowerCase.
    let upper = word.chars().any(|c| {
        let mut lower = c.to_lowercase();
        lower.next() != Some(c) || lower.next().is_some()
    });
    if upper {
        out.clear();
        // As a whole: a final sigma lowers unlike one inside a word.
        out.push_str(&word.to_lowercase());
    }
    upper
}

/// Buffers for the terms that are not a span of the text as it is
/// (lower-cased, stemmed to another word, big-O without its spaces), so
/// that making one allocates nothing.
#[derive(Default)]
pub(super) struct Scratch {
    word: String,
    stem: String,
}

/// A term: a span of the text, or a word made in a [`Scratch`].
pub(super) enum TermRef<'a, 's> {
    Text(&'a str),
    Made(&'s str),
}

impl TermRef<'_, '_> {
    fn as_str(&self) -> &str {
        match self {
            TermRef::Text(t) | TermRef::Made(t) => t,
        }
    }
}

/// The term a span of `text` stands for, if it makes one, made in
/// `scratch` when it is not a span of the text.
pub(super) fn term_in<'a, 's>(
    text: &'a str,
    span: &Span,
    stemming: Stemming,
    scratch: &'s mut Scratch,
) -> Option<TermRef<'a, 's>> {
    let word = &text[span.range.clone()];
    // Only a word of more than MAX_TERM bytes can have too many characters.
    if word.len() > MAX_TERM && word.chars().nth(MAX_TERM).is_some() {
        return None;
    }
    let Scratch {
        word: buf,
        stem: other,
    } = scratch;
    if span.big_o {
        if !lower_into(word, buf) {
            buf.clear();
            buf.push_str(word);
        }
        buf.retain(|c| c != ' ');
        return Some(TermRef::Made(buf));
    }
    // One character is not a term.
    word.chars().nth(1)?;
    let lowered = lower_into(word, buf);
    let lower: &str = if lowered { buf } else { word };
    // Lower-casing keeps `_ . + #` and ASCII letters as they are, but may
    // make a letter outside ASCII more than a letter (`İ` is `i̇`).
    let plain = span.plain && (!lowered || lower.is_ascii() || is_plain(lower));
    if plain && stemming.is_stop_word(lower) {
        return None;
    }
    // A compound is kept whole.
    let stem = if plain {
        stemming.stem_into(lower, other)
    } else {
        Stem::Prefix(lower.len())
    };
    Some(match stem {
        Stem::Prefix(n) if lowered => TermRef::Made(&buf[..n]),
        Stem::Prefix(n) => TermRef::Text(&word[..n]),
        Stem::Other => TermRef::Made(other),
    })
}

/// The term a span of `text` stands for, if it makes one (the index makes
/// its terms with [`Counter`]; the tests check the browser's queries
/// against this).
#[cfg(test)]
pub(crate) fn term<'a>(text: &'a str, span: &Span, stemming: Stemming) -> Option<Cow<'a, str>> {
    let mut scratch = Scratch::default();
    Some(match term_in(text, span, stemming, &mut scratch)? {
        TermRef::Text(t) => Cow::Borrowed(t),
        TermRef::Made(t) => Cow::Owned(t.to_string()),
    })
}

/// The terms the index stores for `text`: compounds and their parts.
#[cfg(test)]
pub(crate) fn tokens(text: &str, stemming: Stemming) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    spans(text, true, false).filter_map(move |s| term(text, &s, stemming))
}

/// Repeats of a term that count in one field: a long section cannot
/// drown a title.
const REPEATS: u32 = 4;

/// A term and its weight in a document. The term borrows from the page
/// (or from the cached bytes it is read from) where it can: a site has
/// millions of them, and only the distinct ones need a string of their
/// own, in the index.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct TermWeight<'a>(#[serde(borrow)] pub(super) Cow<'a, str>, pub(super) u32);

/// A term's weight so far in the document, and its repeats in the field
/// being counted.
struct Count {
    weight: u32,
    field: u32,
    repeats: u32,
}

/// Counts the terms of a document, field by field (title, body...): each
/// field counts a term's repeats up to [`REPEATS`], times its weight, and
/// the fields add up. One counter serves a page's documents in turn.
pub(super) struct Counter<'a> {
    counts: FxHashMap<Cow<'a, str>, Count>,
    field: u32,
    weight: u32,
    stemming: Stemming,
    scratch: Scratch,
}

impl<'a> Counter<'a> {
    pub(super) fn new(stemming: Stemming) -> Self {
        Counter {
            counts: FxHashMap::default(),
            field: 0,
            weight: 0,
            stemming,
            scratch: Scratch::default(),
        }
    }

    /// Starts a field whose words weigh `weight`.
    pub(super) fn field(&mut self, weight: u32) -> &mut Self {
        self.field += 1;
        self.weight = weight;
        self
    }

    /// Counts the words of `text` in the current field.
    pub(super) fn words(&mut self, text: &'a str) -> &mut Self {
        self.count(text, Some)
    }

    /// Counts the words of `text`, which does not live as long as the
    /// terms, in the current field.
    pub(super) fn owned_words(&mut self, text: &str) -> &mut Self {
        self.count(text, |_| None)
    }

    fn count<'t>(
        &mut self,
        text: &'t str,
        borrow: impl Fn(&'t str) -> Option<&'a str>,
    ) -> &mut Self {
        for span in spans(text, true, false) {
            let Some(term) = term_in(text, &span, self.stemming, &mut self.scratch) else {
                continue;
            };
            if let Some(count) = self.counts.get_mut(term.as_str()) {
                if count.field != self.field {
                    count.field = self.field;
                    count.repeats = 0;
                }
                if count.repeats < REPEATS {
                    count.repeats += 1;
                    count.weight += self.weight;
                }
                continue;
            }
            let key = match term {
                TermRef::Text(t) => {
                    borrow(t).map_or_else(|| Cow::Owned(t.to_string()), Cow::Borrowed)
                }
                TermRef::Made(t) => Cow::Owned(t.to_string()),
            };
            let count = Count {
                weight: self.weight,
                field: self.field,
                repeats: 1,
            };
            self.counts.insert(key, count);
        }
        self
    }

    /// The document's terms, leaving the counter empty for the next one.
    pub(super) fn take(&mut self) -> Vec<TermWeight<'a>> {
        self.counts
            .drain()
            .map(|(term, count)| TermWeight(term, count.weight))
            .collect()
    }
}

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
        let mut counter = Counter::new(Stemming::English);
        counter.field(6).words("Joins");
        counter
            .field(1)
            .words("joins joins joins joins joins joins. Joins JOINS");
        counter.field(3).owned_words("joins");
        assert_eq!(
            counter.take(),
            [TermWeight("join".into(), 6 + 4 + 3)],
            "title 6, body capped at 4, tags 3"
        );
        assert!(counter.take().is_empty(), "the next document starts empty");
    }

    #[test]
    fn terms_borrow_from_the_text_where_they_can() {
        let text = "Indexing INDEX generators the queries O(n log n) Σοφία";
        let mut scratch = Scratch::default();
        let made: Vec<(String, bool)> = spans(text, true, false)
            .filter_map(|s| {
                term_in(text, &s, Stemming::English, &mut scratch).map(|t| match t {
                    TermRef::Text(t) => (t.to_string(), true),
                    TermRef::Made(t) => (t.to_string(), false),
                })
            })
            .collect();
        assert_eq!(
            made,
            [
                ("index".to_string(), false),
                ("index".to_string(), false),
                ("generat".to_string(), true),
                ("queri".to_string(), true),
                ("o(nlogn)".to_string(), false),
                ("log".to_string(), true),
                ("σοφία".to_string(), false),
            ]
        );
    }
}
