//! GitHub alerts as callouts, and scrollable tables: the last rewrite of
//! each event, applied as the HTML is written.

use pulldown_cmark::{BlockQuoteKind, Event, Tag, TagEnd};

fn callout_name(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

/// The events one event becomes: a callout quote becomes its `<div>`, a
/// table gets a scrolling wrapper; everything else stays as it is.
pub fn finish(event: Event<'_>) -> impl Iterator<Item = Event<'_>> {
    let (first, second) = match event {
        Event::Start(Tag::BlockQuote(Some(kind))) => {
            let (class, title) = callout_name(kind);
            let html = format!(
                "<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n"
            );
            (Event::Html(html.into()), None)
        }
        Event::End(TagEnd::BlockQuote(Some(_))) => (Event::Html("</div>\n".into()), None),
        Event::Start(Tag::Table(_)) => (
            Event::Html("<div class=\"table-wrap\">".into()),
            Some(event),
        ),
        Event::End(TagEnd::Table) => (event, Some(Event::Html("</div>\n".into()))),
        other => (other, None),
    };
    std::iter::once(first).chain(second)
}
