//! Words as the index stores them: lower case, without stop words, and
//! weighted per field of a document.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::KEY_LEN;

/// Words too common to help find anything, in order (searched by halves).
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "its", "of", "on", "or", "so", "that", "the", "their", "then", "there", "these", "this", "to",
    "was", "were", "will", "with",
];

/// Lower-case words of two or more characters, borrowed from `text` when
/// they are lower case already (most words are).
pub(crate) fn tokens(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
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
pub(crate) fn shard_key(term: &str) -> String {
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

/// Adds the words of one field (title, body...) to a document's terms.
/// Each field counts repeats up to a point, so a long section cannot drown
/// a title; the fields then add up.
pub(super) fn add_field<'a>(terms: &mut Terms<'a>, text: &'a str, weight: u32) {
    count_field(terms, tokens(text), weight);
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
    fn shard_keys_are_file_names() {
        assert_eq!(shard_key("generator"), "ge");
        assert_eq!(shard_key("über"), "-fcb");
        assert_eq!(shard_key("x"), "x");
    }
}
