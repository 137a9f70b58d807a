//! GitHub alerts as callouts, and scrollable tables.

use pulldown_cmark::{BlockQuoteKind, Event, Tag, TagEnd};

use super::Events;

fn callout_name(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

pub fn callouts_and_tables(events: Events<'_>) -> Events<'_> {
    let mut out = Vec::with_capacity(events.len() + 8);
    for (event, range) in events {
        match event {
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = callout_name(kind);
                let html = format!(
                    "<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n"
                );
                out.push((Event::Html(html.into()), range));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                out.push((Event::Html("</div>\n".into()), range));
            }
            Event::Start(Tag::Table(_)) => {
                out.push((
                    Event::Html("<div class=\"table-wrap\">".into()),
                    range.clone(),
                ));
                out.push((event, range));
            }
            Event::End(TagEnd::Table) => {
                out.push((event, range.clone()));
                out.push((Event::Html("</div>\n".into()), range));
            }
            _ => out.push((event, range)),
        }
    }
    out
}
