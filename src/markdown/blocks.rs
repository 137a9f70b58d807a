//! GitHub alerts as callouts, and scrollable tables: the last rewrite of
//! each event, applied as the HTML is written.

use std::cell::RefCell;
use std::sync::Arc;

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

thread_local! {
    /// The titles for the page being written on this thread. Pieces of a
    /// page (answers, options) are written deep inside the study passes,
    /// so the titles are set once around the page, not passed down.
    static TITLES: RefCell<Option<Arc<CalloutTitles>>> = const { RefCell::new(None) };
}

/// Runs `f` (the rendering of one page) with callouts titled `titles`.
pub fn with_titles<T>(titles: &Arc<CalloutTitles>, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<Arc<CalloutTitles>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            TITLES.with(|t| *t.borrow_mut() = self.0.take());
        }
    }
    let _restore = Restore(TITLES.with(|t| t.replace(Some(Arc::clone(titles)))));
    f()
}

/// The class and (escaped) title of a callout's `<div>`.
fn callout_name(kind: BlockQuoteKind) -> (&'static str, String) {
    TITLES.with(|t| {
        let titles = t.borrow();
        let default;
        let titles = match titles.as_deref() {
            Some(titles) => titles,
            None => {
                default = CalloutTitles::default();
                &default
            }
        };
        let (class, title) = titles.of(kind);
        (class, crate::escape::escape_html(title))
    })
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
