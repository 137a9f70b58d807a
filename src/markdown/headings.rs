//! Heading ids (GitHub's rules), permalinks and the table of contents.
//!
//! A heading's text becomes its own permalink when scripts run (syllabus.js
//! wraps it in `<a href="#x">`; the theme shows a `#` beside it), so the
//! HTML does not carry every heading's id twice. A heading that holds a
//! link of its own (or raw HTML, or a footnote reference) cannot hold
//! another, and gets a separate `#` link in the HTML, named by the
//! `heading_link` label.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use serde::Serialize;

use super::blocks::CalloutTitles;
use super::Events;

/// A heading of the page, as later stages need it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Heading {
    /// 1 for `#`, 2 for `##`...
    pub level: u8,
    /// The anchor.
    pub id: String,
    /// Plain text of the heading (a formula as its TeX source).
    pub text: String,
    /// The heading as HTML (code, emphasis, a formula as MathML) without
    /// links, so it can sit inside one: the table of contents' entry.
    pub html: String,
    /// Its `{.class}`es (`practice`, `faq`).
    pub classes: Vec<String>,
    /// Byte offset in the body.
    pub offset: usize,
}

/// One entry of a page's table of contents.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct TocEntry {
    /// The heading's anchor.
    pub id: String,
    /// The heading's text.
    pub title: String,
    /// The heading as HTML, without links (see [`Heading::html`]).
    pub title_html: String,
    /// The heading's level.
    pub level: u8,
    /// The headings below it.
    pub children: Vec<TocEntry>,
}

/// GitHub's heading slug: lower-case, punctuation dropped except `-` and
/// `_`, spaces to `-`.
pub(crate) fn slugify(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| {
            if c == ' ' {
                Some('-')
            } else if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c)
            } else {
                None
            }
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Gives every heading an id (an explicit `{#id}` wins; repeats get `-1`,
/// `-2`), makes it a permalink (its text, or an anchor labelled
/// `anchor_label` after it), and returns the headings.
pub(crate) fn assign_ids<'a>(
    events: Events<'a>,
    headings: &mut Vec<Heading>,
    anchor_label: &str,
) -> Events<'a> {
    let anchor_label = crate::escape::escape_html(anchor_label);
    let no_callouts = super::blocks::CalloutTitles::default();
    let mut used: HashSet<String> = HashSet::new();
    // Explicit ids are claimed first so a generated id never takes them.
    for (event, _) in &events {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
            used.insert(id.to_string());
        }
    }
    let mut out = Vec::with_capacity(events.len() + 8);
    let mut open: Option<(usize, String)> = None;
    for (event, range) in events {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                open = Some((out.len(), String::new()));
                out.push((event, range));
            }
            Event::End(TagEnd::Heading(level)) => {
                let Some((start, text)) = open.take() else {
                    out.push((Event::End(TagEnd::Heading(level)), range));
                    continue;
                };
                let text = text.trim().to_string();
                let inner = &out[start + 1..];
                let html = inline_html(inner, &no_callouts);
                let text_can_link = !inner.is_empty() && !inner.iter().any(|(e, _)| holds_link(e));
                let (Event::Start(Tag::Heading { id, classes, .. }), start_range) = &mut out[start]
                else {
                    unreachable!("start index always points at a heading start");
                };
                let id_text = match id {
                    Some(explicit) => explicit.to_string(),
                    None => {
                        let unique = unique_id(&slugify(&text), &mut used);
                        *id = Some(CowStr::from(unique.clone()));
                        unique
                    }
                };
                headings.push(Heading {
                    level: level_number(level),
                    id: id_text.clone(),
                    text,
                    html,
                    classes: classes.iter().map(|c| c.to_string()).collect(),
                    offset: start_range.start,
                });
                // A heading whose text can be its own permalink gets the
                // link from syllabus.js: in the HTML its id would be written
                // twice on every heading, and the contents list already
                // links each one for readers without scripts.
                if !text_can_link {
                    let href = crate::escape::escape_html(&id_text);
                    let anchor = format!(
                        "<a class=\"anchor\" href=\"#{href}\" aria-label=\"{anchor_label}\">#</a>"
                    );
                    out.push((Event::Html(anchor.into()), range.clone()));
                }
                out.push((Event::End(TagEnd::Heading(level)), range));
            }
            Event::Text(ref t)
            | Event::Code(ref t)
            | Event::InlineMath(ref t)
            | Event::DisplayMath(ref t) => {
                if let Some((_, text)) = &mut open {
                    text.push_str(t);
                }
                out.push((event, range));
            }
            _ => out.push((event, range)),
        }
    }
    // The places kept for links that could not be (one pass, not a
    // removal per heading).
    out.retain(|(e, _)| !matches!(e, Event::Html(h) if h.is_empty()));
    out
}

/// Whether a heading's event is, or may hold, a link: a heading holding one
/// cannot be a link itself.
fn holds_link(event: &Event) -> bool {
    matches!(
        event,
        Event::Start(Tag::Link { .. })
            | Event::FootnoteReference(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
    )
}

/// A heading's inline events as HTML that can sit inside a link: links
/// and images give their text, footnote references and raw HTML tags go.
fn inline_html(events: &[(Event, std::ops::Range<usize>)], callouts: &CalloutTitles) -> String {
    let kept = events.iter().map(|(e, _)| e).filter(|e| {
        !matches!(
            e,
            Event::Start(Tag::Link { .. } | Tag::Image { .. })
                | Event::End(TagEnd::Link | TagEnd::Image)
                | Event::FootnoteReference(_)
                | Event::Html(_)
                | Event::InlineHtml(_)
        )
    });
    super::html::fragment(kept, callouts)
}

fn unique_id(base: &str, used: &mut HashSet<String>) -> String {
    let base = if base.is_empty() { "section" } else { base };
    let mut candidate = base.to_string();
    let mut n = 0;
    while used.contains(&candidate) {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    used.insert(candidate.clone());
    candidate
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Headings of levels 2 and 3, the level-3 ones nested under the level-2
/// heading before them.
pub(crate) fn toc(headings: &[Heading]) -> Vec<TocEntry> {
    let mut entries: Vec<TocEntry> = Vec::new();
    for h in headings.iter().filter(|h| h.level == 2 || h.level == 3) {
        let entry = TocEntry {
            id: h.id.clone(),
            title: h.text.clone(),
            title_html: h.html.clone(),
            level: h.level,
            children: Vec::new(),
        };
        match entries.last_mut() {
            Some(parent) if h.level == 3 && parent.level == 2 => parent.children.push(entry),
            _ => entries.push(entry),
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_github() {
        assert_eq!(slugify("Q: What is a generator?"), "q-what-is-a-generator");
        assert_eq!(
            slugify("select_related vs. prefetch_related"),
            "select_related-vs-prefetch_related"
        );
        assert_eq!(slugify("C++ & Rust: a-b"), "c--rust-a-b");
        assert_eq!(slugify("Ünïcode Wörds"), "ünïcode-wörds");
    }

    #[test]
    fn repeats_get_numbers() {
        let mut used = HashSet::new();
        assert_eq!(unique_id("a", &mut used), "a");
        assert_eq!(unique_id("a", &mut used), "a-1");
        assert_eq!(unique_id("a", &mut used), "a-2");
    }
}
