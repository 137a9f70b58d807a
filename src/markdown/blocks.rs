//! GitHub alerts as callouts, scrollable tables and math as MathML: the
//! last rewrite of each event, applied as the HTML is written.

use pulldown_cmark::{BlockQuoteKind, Event, Tag, TagEnd};

/// Titles of the callouts (`> [!NOTE]` ...), from the theme's interface
/// strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalloutTitles {
    pub note: String,
    pub tip: String,
    pub important: String,
    pub warning: String,
    pub caution: String,
}

impl Default for CalloutTitles {
    fn default() -> Self {
        CalloutTitles {
            note: "Note".into(),
            tip: "Tip".into(),
            important: "Important".into(),
            warning: "Warning".into(),
            caution: "Caution".into(),
        }
    }
}

impl CalloutTitles {
    fn of(&self, kind: BlockQuoteKind) -> (&'static str, &str) {
        match kind {
            BlockQuoteKind::Note => ("note", &self.note),
            BlockQuoteKind::Tip => ("tip", &self.tip),
            BlockQuoteKind::Important => ("important", &self.important),
            BlockQuoteKind::Warning => ("warning", &self.warning),
            BlockQuoteKind::Caution => ("caution", &self.caution),
        }
    }
}

/// The events one event becomes: a callout quote becomes its `<div>`, a
/// table gets a scrolling wrapper; everything else stays as it is.
pub(crate) fn finish<'a>(
    event: Event<'a>,
    titles: &CalloutTitles,
) -> impl Iterator<Item = Event<'a>> {
    let (first, second) = match event {
        Event::Start(Tag::BlockQuote(Some(kind))) => {
            let (class, title) = titles.of(kind);
            let title = crate::escape::escape_html(title);
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
        Event::InlineMath(tex) => (
            Event::InlineHtml(super::math::html(&tex, false).into()),
            None,
        ),
        Event::DisplayMath(tex) => (
            Event::InlineHtml(super::math::html(&tex, true).into()),
            None,
        ),
        other => (other, None),
    };
    std::iter::once(first).chain(second)
}
