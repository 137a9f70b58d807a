//! The documents of the index: a page (guide, home or section), one of
//! its headings, questions or FAQ entries, or a site-wide study page, each
//! with the words it is found by and the text its result shows.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use super::terms::{add_field, count_field, tokens, Terms};
use super::Stemming;
use crate::discover::PageKind;
use crate::markdown::headings::slugify;
use crate::plan::Hub;
use crate::site::{Page, Site};

/// Characters of a document's text kept for its excerpt; the browser shows
/// two lines (about 200 characters) of it from a few words before the
/// first match, so a match this far in still shows with its context.
/// Excerpts are most of the index's bytes: a hundred characters more
/// would cost a sixth more of them.
const EXCERPT: usize = 300;

/// The kinds of document, as the browser reads them.
const KINDS: [&str; 5] = ["guide", "page", "heading", "question", "faq"];

/// A document's kind: one of [`KINDS`] (a kind read back from the cache
/// that is none of them makes the entry untrusted).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct DocKind(&'static str);

impl DocKind {
    pub(super) const GUIDE: DocKind = DocKind(KINDS[0]);
    pub(super) const PAGE: DocKind = DocKind(KINDS[1]);
    pub(super) const HEADING: DocKind = DocKind(KINDS[2]);
    pub(super) const QUESTION: DocKind = DocKind(KINDS[3]);
    pub(super) const FAQ: DocKind = DocKind(KINDS[4]);

    pub(super) fn as_str(self) -> &'static str {
        self.0
    }

    /// The kind as a chunk writes it: its place in [`KINDS`].
    pub(super) fn number(self) -> usize {
        KINDS.iter().position(|k| *k == self.0).unwrap_or(0)
    }
}

impl serde::Serialize for DocKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> serde::Deserialize<'de> for DocKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let kind: Cow<'de, str> = serde::Deserialize::deserialize(d)?;
        KINDS
            .into_iter()
            .find(|k| *k == kind)
            .map(DocKind)
            .ok_or_else(|| serde::de::Error::custom("unknown document kind"))
    }
}

/// A search result: what its row shows and where it leads. Kept in the
/// build cache with its terms (see `files::cached_docs`).
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct Doc {
    /// The page's title and URL (relative to the site root).
    pub(super) page_title: String,
    pub(super) page_url: String,
    /// The heading's title, or the page's for the page itself.
    pub(super) title: String,
    pub(super) anchor: String,
    pub(super) kind: DocKind,
    pub(super) text: String,
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

impl Doc {
    /// About what the document takes in its chunk.
    pub(super) fn bytes(&self) -> usize {
        self.title.len() + self.written_anchor().len() + self.text.len() + 8
    }

    /// The anchor as the chunk writes it: empty when the browser can make
    /// it from the title, as nearly every heading's, question's and FAQ
    /// entry's is (a tenth of the index's bytes). Only titles of ASCII are
    /// left to it, so its slug and this one cannot differ on a letter's
    /// case or class.
    pub(super) fn written_anchor(&self) -> &str {
        let derived = matches!(
            self.kind,
            DocKind::HEADING | DocKind::QUESTION | DocKind::FAQ
        ) && self.title.is_ascii()
            && self.title.trim() == self.title
            && slugify(&self.heading()) == self.anchor;
        if derived {
            ""
        } else {
            &self.anchor
        }
    }

    /// The heading the title was taken from, as search.js rebuilds it: a
    /// question's heading starts with "Q: ", which its title drops.
    fn heading(&self) -> Cow<'_, str> {
        if self.kind == DocKind::QUESTION {
            Cow::Owned(format!("Q: {}", self.title))
        } else {
            Cow::Borrowed(&self.title)
        }
    }
}

/// A page's documents with the weighted terms of each.
pub(super) fn page_docs(page: &Page, stemming: Stemming) -> Vec<(Doc, Terms<'_>)> {
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
                    PageKind::Guide => DocKind::GUIDE,
                    _ => DocKind::PAGE,
                };
                // A section's text often opens with its description.
                let text = if section.text.trim_start().starts_with(description) {
                    section.text.clone()
                } else {
                    [description, &section.text].join(" ")
                };
                doc(&page.front.title, "", kind, text.trim())
            }
            None => continue,
            Some(anchor) => {
                let kind = if questions.contains(anchor.as_str()) {
                    DocKind::QUESTION
                } else if faq.contains(anchor.as_str()) {
                    DocKind::FAQ
                } else {
                    DocKind::HEADING
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

/// A site-wide study page and the interface strings that name it: its
/// header link, its title and its lead.
const HUBS: [(Hub, &str, &str, &str); 4] = [
    (
        Hub::Practice,
        "nav_practice",
        "practice_title",
        "practice_hub_lead",
    ),
    (
        Hub::Questions,
        "nav_questions",
        "question_bank_title",
        "question_bank_lead",
    ),
    (Hub::Faq, "nav_faq", "faq_title", "faq_index_lead"),
    (
        Hub::Flashcards,
        "nav_flashcards",
        "flashcards_title",
        "flashcards_lead",
    ),
];

/// The site-wide study pages that have something to show, found by their
/// names (`FAQ`, `Flashcards`...), as readers land on them too: titles and
/// leads are the theme's interface strings, as on the pages.
pub(super) fn hub_docs(
    site: &Site,
    ui: &BTreeMap<String, String>,
    stemming: Stemming,
) -> Vec<(Doc, Terms<'static>)> {
    let study = |p: &Page| {
        let s = &p.rendered.study;
        [
            !s.practice.is_empty(),
            !s.questions.is_empty(),
            !s.faq.is_empty(),
        ]
    };
    let mut shown = [false; 3];
    for page in &site.pages {
        for (any, has) in shown.iter_mut().zip(study(page)) {
            *any |= has;
        }
    }
    let text = |key: &str| ui.get(key).map_or("", String::as_str);
    let owned = |text| tokens(text, stemming).map(|t| Cow::Owned(t.into_owned()));
    HUBS.into_iter()
        .filter(|(hub, ..)| match hub {
            Hub::Practice => shown[0],
            Hub::Questions | Hub::Flashcards => shown[1],
            Hub::Faq => shown[2],
        })
        .map(|(hub, name, title, lead)| {
            let lead = text(lead);
            let mut terms = Terms::default();
            count_field(&mut terms, owned(text(name)).chain(owned(text(title))), 10);
            count_field(&mut terms, owned(lead), 1);
            let doc = Doc {
                page_title: text(title).to_string(),
                page_url: hub.path().trim_start_matches('/').to_string(),
                title: text(title).to_string(),
                anchor: String::new(),
                kind: DocKind::PAGE,
                text: lead.to_string(),
            };
            (doc, terms)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_cut_at_a_word() {
        let long = "word ".repeat(400);
        let e = excerpt(long.trim());
        assert!(e.ends_with("word…") && e.chars().count() <= EXCERPT + 1);
        assert_eq!(excerpt("short"), "short");
    }

    fn doc(kind: &'static str, title: &str, anchor: &str) -> Doc {
        Doc {
            page_title: "Page".into(),
            page_url: "a/".into(),
            title: title.into(),
            anchor: anchor.into(),
            kind: KINDS.into_iter().find(|k| *k == kind).map(DocKind).unwrap(),
            text: String::new(),
        }
    }

    #[test]
    fn anchors_the_browser_can_make_from_the_title_are_left_out() {
        let written = |kind, title, anchor| doc(kind, title, anchor).written_anchor().to_string();
        assert_eq!(written("question", "Why B-trees?", "q-why-b-trees"), "");
        assert_eq!(written("heading", "Cost_model (2)", "cost_model-2"), "");
        assert_eq!(written("faq", "Is it fast?", "is-it-fast"), "");
        // An explicit id, a repeat's suffix, letters outside ASCII, a title
        // the slug would trim and the page itself keep what they have.
        assert_eq!(written("heading", "Costs", "my-costs"), "my-costs");
        assert_eq!(written("heading", "Costs", "costs-1"), "costs-1");
        assert_eq!(written("heading", "Größe", "größe"), "größe");
        assert_eq!(written("heading", "Costs ", "costs"), "costs");
        assert_eq!(written("question", "Why?", "why"), "why");
        assert_eq!(written("guide", "Guide", ""), "");
    }
}
