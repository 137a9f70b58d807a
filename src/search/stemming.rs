//! Per language: which words are too common to index, and how a word is
//! reduced to its stem. `search.js` applies the same rules to a query
//! (its `STOP` lists and stemmers; `agreement.rs` checks they agree).

#[cfg(test)]
use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

/// English words too common to help find anything, in order.
const ENGLISH_STOP: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "its", "of", "on", "or", "so", "that", "the", "their", "then", "there", "these", "this", "to",
    "was", "were", "will", "with",
];

/// French ones, in order. `qu` is `que` elided (`qu'un`): the apostrophe
/// ends a word, so `l'index` is the terms `l` (too short to be one) and
/// `index`.
const FRENCH_STOP: &[&str] = &[
    "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "est", "et", "il",
    "ils", "la", "le", "les", "ne", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se",
    "ses", "son", "sont", "sur", "un", "une",
];

/// The longest stop word's length in bytes, of either language.
const STOP_BYTES: usize = 5;

/// A word of up to seven bytes as one number, so a stop word is found by
/// comparing numbers rather than strings (a check every word makes).
const fn packed(word: &[u8]) -> u64 {
    // The length in the top byte tells `a` from `a\0`.
    let mut n = word.len() as u64;
    let mut i = word.len();
    while i > 0 {
        i -= 1;
        n = n << 8 | word[i] as u64;
    }
    n
}

const fn pack_all<const N: usize>(words: &[&str]) -> [u64; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = packed(words[i].as_bytes());
        i += 1;
    }
    out
}

const ENGLISH_PACKED: [u64; ENGLISH_STOP.len()] = pack_all(ENGLISH_STOP);
const FRENCH_PACKED: [u64; FRENCH_STOP.len()] = pack_all(FRENCH_STOP);

/// How words are reduced to their stems: the site's `language` picks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stemming {
    /// Snowball's English (Porter2) stemmer, for `en` and `en-*`.
    English,
    /// Snowball's French stemmer, for `fr` and `fr-*`.
    French,
    /// Words are kept as written, and none is a stop word (any other
    /// language: the browser has no stemmer for it, and both sides must
    /// agree).
    None,
}

impl Stemming {
    pub(crate) fn for_language(language: &str) -> Stemming {
        let primary = language.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("en") {
            Stemming::English
        } else if primary.eq_ignore_ascii_case("fr") {
            Stemming::French
        } else {
            Stemming::None
        }
    }

    /// The name `meta.json` gives the browser, `None` for no stemming.
    pub(crate) fn name(self) -> Option<&'static str> {
        match self {
            Stemming::English => Some("english"),
            Stemming::French => Some("french"),
            Stemming::None => None,
        }
    }

    /// The language's stop words, in order.
    #[cfg(test)]
    pub(crate) fn stop_words(self) -> &'static [&'static str] {
        match self {
            Stemming::English => ENGLISH_STOP,
            Stemming::French => FRENCH_STOP,
            Stemming::None => &[],
        }
    }

    pub(crate) fn is_stop_word(self, word: &str) -> bool {
        let stop: &[u64] = match self {
            Stemming::English => &ENGLISH_PACKED,
            Stemming::French => &FRENCH_PACKED,
            Stemming::None => return false,
        };
        // Most words are longer than any stop word: no search for them.
        word.len() <= STOP_BYTES && stop.contains(&packed(word.as_bytes()))
    }

    /// Whether the stemmer takes `word` (lower case): words of the
    /// language's alphabet only, so digits, other scripts and letters the
    /// algorithm was not written for keep a word as written.
    pub(crate) fn stems(self, word: &str) -> bool {
        match self {
            Stemming::English => word.bytes().all(|b| b.is_ascii_lowercase()),
            Stemming::French => word
                .chars()
                .all(|c| c.is_ascii_lowercase() || "àâæçéèêëîïôœùûüÿ".contains(c)),
            Stemming::None => false,
        }
    }

    #[cfg(test)]
    pub(crate) fn stem(self, word: Cow<'_, str>) -> Cow<'_, str> {
        let mut other = String::new();
        match self.stem_into(&word, &mut other) {
            Stem::Prefix(n) if n == word.len() => word,
            Stem::Prefix(n) => Cow::Owned(word[..n].to_string()),
            Stem::Other => Cow::Owned(other),
        }
    }

    /// `word`'s stem (`word` is lower case): most stems are a prefix of
    /// their word (`index` of `indexing`), the others are written to
    /// `other`, so that stemming allocates nothing.
    pub(crate) fn stem_into(self, word: &str, other: &mut String) -> Stem {
        let algorithm = match self {
            Stemming::English => Algorithm::English,
            Stemming::French => Algorithm::French,
            Stemming::None => return Stem::Prefix(word.len()),
        };
        if !self.stems(word) {
            return Stem::Prefix(word.len());
        }
        stemmed(self, algorithm, word, other)
    }
}

/// A word's stem, as [`Stemming::stem_into`] gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stem {
    /// The word's first this many bytes (all of them: the word is its
    /// own stem).
    Prefix(usize),
    /// Another word, written to the buffer given.
    Other,
}

/// A remembered stem: a prefix's length, or the stem.
enum Remembered {
    Prefix(usize),
    Other(Box<str>),
}

/// Words a thread has stemmed, with their stems, for one stemming at a
/// time. A site repeats a few tens of thousands of words millions of
/// times, and the stemmer was the costliest step of indexing.
type Stems = (Option<Stemming>, FxHashMap<Box<str>, Remembered>);

thread_local! {
    static STEMS: std::cell::RefCell<Stems> = std::cell::RefCell::default();
}

/// Words remembered per thread, at most (text full of unique tokens must
/// not grow the table without bound).
const STEMS_KEPT: usize = 200_000;

/// `word`'s stem, remembered per thread.
fn stemmed(stemming: Stemming, algorithm: Algorithm, word: &str, other: &mut String) -> Stem {
    STEMS.with_borrow_mut(|(of, stems)| {
        if *of != Some(stemming) || stems.len() >= STEMS_KEPT {
            *of = Some(stemming);
            stems.clear();
        }
        let remembered = match stems.get(word) {
            Some(r) => r,
            None => {
                let stem = Stemmer::create(algorithm).stem(word);
                let r = if word.starts_with(&*stem) {
                    Remembered::Prefix(stem.len())
                } else {
                    Remembered::Other(stem.into())
                };
                stems.entry(word.into()).or_insert(r)
            }
        };
        match remembered {
            Remembered::Prefix(n) => Stem::Prefix(*n),
            Remembered::Other(stem) => {
                other.clear();
                other.push_str(stem);
                Stem::Other
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(stemming: Stemming, word: &str) -> String {
        stemming.stem(Cow::Borrowed(word)).into_owned()
    }

    #[test]
    fn the_language_code_picks_the_stemmer() {
        assert_eq!(Stemming::for_language("en-GB"), Stemming::English);
        assert_eq!(Stemming::for_language("fr"), Stemming::French);
        assert_eq!(Stemming::for_language("fr-CA"), Stemming::French);
        assert_eq!(Stemming::for_language("FR_be"), Stemming::French);
        assert_eq!(Stemming::for_language("fy"), Stemming::None);
        assert_eq!(Stemming::for_language("de"), Stemming::None);
    }

    #[test]
    fn each_stemmer_takes_only_its_alphabet() {
        assert_eq!(stem(Stemming::English, "generators"), "generat");
        assert_eq!(stem(Stemming::English, "café"), "café");
        assert_eq!(stem(Stemming::French, "générateurs"), "géner");
        assert_eq!(stem(Stemming::French, "générateur"), "géner");
        assert_eq!(stem(Stemming::French, "jointures"), "jointur");
        assert_eq!(stem(Stemming::French, "x86"), "x86");
        assert_eq!(
            stem(Stemming::French, "straßen"),
            "straßen",
            "ß is no French letter"
        );
        assert_eq!(stem(Stemming::None, "generators"), "generators");
    }

    #[test]
    fn stop_words_are_per_language_and_in_order() {
        for stemming in [Stemming::English, Stemming::French] {
            let words = stemming.stop_words();
            assert!(words.windows(2).all(|w| w[0] < w[1]), "{stemming:?}");
        }
        assert!(Stemming::English.is_stop_word("the") && !Stemming::French.is_stop_word("the"));
        assert!(Stemming::French.is_stop_word("les") && !Stemming::English.is_stop_word("les"));
        assert!(!Stemming::None.is_stop_word("the"));
        for word in ["th", "thee", "them", "a\0", "intoo", "qu'", "théir"] {
            assert!(!Stemming::English.is_stop_word(word), "{word}");
        }
        let longest = ENGLISH_STOP
            .iter()
            .chain(FRENCH_STOP)
            .map(|w| w.len())
            .max();
        assert_eq!(longest, Some(STOP_BYTES));
    }
}
