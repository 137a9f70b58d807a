//! The documents of the index: a page (guide, home or section), one of
//! its headings, questions or FAQ entries, or a site-wide study page, each
//! with the words it is found by and the text its result shows.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use super::terms::{Counter, TermWeight};
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

/// A document's kind: its place in [`KINDS`], which is what a chunk
/// writes (a kind read back from the cache that is none of them makes
/// the entry untrusted).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct DocKind(u8);

impl DocKind {
    pub(super) const GUIDE: DocKind = DocKind(0);
    pub(super) const PAGE: DocKind = DocKind(1);
    pub(super) const HEADING: DocKind = DocKind(2);
    pub(super) const QUESTION: DocKind = DocKind(3);
    pub(super) const FAQ: DocKind = DocKind(4);

    /// The kind as a chunk writes it: its place in [`KINDS`].
    pub(super) fn number(self) -> u8 {
        self.0
    }
}

impl serde::Serialize for DocKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.0)
    }
}

impl<'de> serde::Deserialize<'de> for DocKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let kind: u8 = serde::Deserialize::deserialize(d)?;
        KINDS
            .get(usize::from(kind))
            .map(|_| DocKind(kind))
            .ok_or_else(|| serde::de::Error::custom("unknown document kind"))
    }
}

/// A search result: what its row shows and where it leads, as its chunk
/// writes it. Kept in the build cache with its terms (see
/// `files::find_docs`), and read back borrowing from the cached bytes.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct Doc<'a> {
    /// The page's title and URL (relative to the site root).
    #[serde(borrow)]
    pub(super) page_title: Cow<'a, str>,
    #[serde(borrow)]
    pub(super) page_url: Cow<'a, str>,
    pub(super) kind: DocKind,
    /// Its title, text and anchor (when the browser cannot make it from
    /// the title) as the chunk's row writes them (see [`push_fields`]).
    #[serde(borrow)]
    pub(super) row: Cow<'a, str>,
    /// About what the document takes in its chunk.
    pub(super) bytes: u32,
}

/// A document with its weighted terms.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct DocTerms<'a> {
    #[serde(borrow)]
    pub(super) doc: Doc<'a>,
    #[serde(borrow)]
    pub(super) terms: Vec<TermWeight<'a>>,
}

impl DocTerms<'_> {
    /// The document with strings of its own, to keep across builds.
    pub(super) fn into_owned(self) -> DocTerms<'static> {
        let own = |s: Cow<'_, str>| Cow::Owned(s.into_owned());
        let Doc {
            page_title,
            page_url,
            kind,
            row,
            bytes,
        } = self.doc;
        DocTerms {
            doc: Doc {
                page_title: own(page_title),
                page_url: own(page_url),
                kind,
                row: own(row),
                bytes,
            },
            terms: (self.terms.into_iter())
                .map(|TermWeight(t, w)| TermWeight(own(t), w))
                .collect(),
        }
    }
}

/// The start of `text`, cut at a word.
fn excerpt(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(EXCERPT) {
        None => Cow::Borrowed(text),
        Some((end, _)) => {
            let cut = &text[..end];
            let cut = cut.rsplit_once(' ').map_or(cut, |(a, _)| a);
            Cow::Owned(format!("{cut}…"))
        }
    }
}

/// Writes `fields` separated by tabs; a tab or line break inside one (the
/// text is whitespace already, as the page shows it) becomes a space, so
/// it cannot end a field or a line. `&` and `<` are written `&amp;` and
/// `&lt;`, so that no file of the site holds markup, whatever it is served as.
pub(super) fn push_fields(out: &mut String, fields: &[&str]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        let mut rest = *field;
        // All the characters replaced are ASCII: the text is copied a run
        // at a time between them.
        while let Some(at) = rest
            .bytes()
            .position(|b| matches!(b, b'\t' | b'\n' | b'\r' | b'&' | b'<'))
        {
            out.push_str(&rest[..at]);
            out.push_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                _ => " ",
            });
            rest = &rest[at + 1..];
        }
        out.push_str(rest);
    }
}

impl<'a> Doc<'a> {
    fn new(
        page: (Cow<'a, str>, Cow<'a, str>),
        title: &str,
        anchor: &str,
        kind: DocKind,
        text: &str,
    ) -> Self {
        let anchor = written_anchor(kind, title, anchor);
        let mut row = String::with_capacity(title.len() + text.len() + anchor.len() + 8);
        push_fields(&mut row, &[title, text]);
        if !anchor.is_empty() {
            row.push('\t');
            push_fields(&mut row, &[anchor]);
        }
        let bytes = title.len() + anchor.len() + text.len() + 8;
        Doc {
            page_title: page.0,
            page_url: page.1,
            kind,
            row: Cow::Owned(row),
            bytes: u32::try_from(bytes).unwrap_or(u32::MAX),
        }
    }
}

/// The anchor as the chunk writes it: empty when the browser can make it
/// from the title, as nearly every heading's, question's and FAQ entry's
/// is (a tenth of the index's bytes). Only titles of ASCII are left to
/// it, so its slug and this one cannot differ on a letter's case or class.
fn written_anchor<'t>(kind: DocKind, title: &str, anchor: &'t str) -> &'t str {
    let derived = matches!(kind, DocKind::HEADING | DocKind::QUESTION | DocKind::FAQ)
        && title.is_ascii()
        && title.trim() == title
        && slugify(&heading(kind, title)) == anchor;
    if derived {
        ""
    } else {
        anchor
    }
}

/// The heading the title was taken from, as search.js rebuilds it: a
/// question's heading starts with "Q: ", which its title drops.
fn heading(kind: DocKind, title: &str) -> Cow<'_, str> {
    if kind == DocKind::QUESTION {
        Cow::Owned(format!("Q: {title}"))
    } else {
        Cow::Borrowed(title)
    }
}

/// A page's documents with the weighted terms of each.
pub(super) fn page_docs(page: &Page, stemming: Stemming) -> Vec<DocTerms<'_>> {
    let study = &page.rendered.study;
    // Question ids: a page may hold thousands of questions.
    let questions: HashSet<&str> = study.questions.iter().map(|q| q.id.as_str()).collect();
    let faq: HashSet<&str> = study.faq.iter().map(|f| f.id.as_str()).collect();
    // Relative to the home of the page's language, where its index is.
    let url = crate::plan::url_path(page.below_home());
    let doc = |title: &str, anchor: &str, kind, text: &str| {
        let page = (Cow::Borrowed(page.front.title.as_str()), url.clone());
        Doc::new(page, title, anchor, kind, &excerpt(text))
    };
    // One counter for all the page's documents, so its table is made once.
    let mut counter = Counter::new(stemming);
    let mut docs = Vec::new();
    for (n, section) in page.rendered.text.iter().enumerate() {
        let doc = match &section.anchor {
            None if n == 0 => {
                let description = page.front.description.as_deref().unwrap_or("");
                counter.field(10).words(&page.front.title);
                counter.field(3).words(description);
                // The tags are one field, joined here, so their words are
                // owned rather than borrowed from the joined text.
                counter.field(3).owned_words(&page.front.tags.join(" "));
                counter.field(1).words(&section.text);
                let kind = match page.kind {
                    PageKind::Guide => DocKind::GUIDE,
                    _ => DocKind::PAGE,
                };
                // A section's text often opens with its description.
                if section.text.trim_start().starts_with(description) {
                    doc(&page.front.title, "", kind, section.text.trim())
                } else {
                    let text = [description, &section.text].join(" ");
                    doc(&page.front.title, "", kind, text.trim())
                }
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
                counter.field(6).words(title);
                counter.field(1).words(&section.text);
                doc(title, anchor, kind, &section.text)
            }
        };
        let terms = counter.take();
        docs.push(DocTerms { doc, terms });
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
pub(super) fn hub_docs<'u>(
    site: &Site,
    ui: &'u BTreeMap<String, String>,
    stemming: Stemming,
) -> Vec<DocTerms<'u>> {
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
    let mut counter = Counter::new(stemming);
    HUBS.into_iter()
        .filter(|(hub, ..)| match hub {
            Hub::Practice => shown[0],
            Hub::Questions | Hub::Flashcards => shown[1],
            Hub::Faq => shown[2],
        })
        .map(|(hub, name, title, lead)| {
            let (title, lead) = (text(title), text(lead));
            counter.field(10).words(text(name)).words(title);
            counter.field(1).words(lead);
            let url = hub.path().trim_start_matches('/').to_string();
            let doc = Doc::new((title.into(), url.into()), title, "", DocKind::PAGE, lead);
            DocTerms {
                doc,
                terms: counter.take(),
            }
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

    fn kind(name: &str) -> DocKind {
        let n = KINDS.iter().position(|k| *k == name).unwrap();
        DocKind(n as u8)
    }

    #[test]
    fn anchors_the_browser_can_make_from_the_title_are_left_out() {
        let written = |k, title, anchor| written_anchor(kind(k), title, anchor).to_string();
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
