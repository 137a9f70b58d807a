//! Writing events as HTML, noting where chosen events land, so a pass can
//! know the byte range of what it marked without searching the page.

use std::cell::Cell;
use std::fmt;

use pulldown_cmark::Event;

use super::blocks::{self, CalloutTitles};

/// A `fmt::Write` into a `String` that publishes its length as it grows.
struct Counted<'s> {
    out: &'s mut String,
    len: &'s Cell<usize>,
}

impl fmt::Write for Counted<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.out.push_str(s);
        self.len.set(self.out.len());
        Ok(())
    }
}

/// Appends `events` to `out` as HTML, with callouts and tables finished, and
/// returns, for each event index in `marks` (in any order), the byte offset
/// of `out` where that event's HTML starts.
///
/// pulldown-cmark's writer asks for the next event only once it has written
/// the previous one, so the length seen when an event is handed over is
/// where that event's HTML begins.
pub(crate) fn write<'a>(
    out: &mut String,
    events: impl IntoIterator<Item = Event<'a>>,
    marks: &[usize],
    callouts: &CalloutTitles,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&k| marks[k]);
    let len = Cell::new(out.len());
    let mut at = vec![0; marks.len()];
    let mut wanted = order.iter().copied().peekable();
    let mut events = events.into_iter().enumerate();
    let stream = std::iter::from_fn(|| {
        let (i, event) = events.next()?;
        while let Some(k) = wanted.next_if(|&k| marks[k] <= i) {
            at[k] = len.get();
        }
        Some(event)
    })
    .flat_map(|event| blocks::finish(event, callouts));
    let writer = Counted { out, len: &len };
    pulldown_cmark::html::write_html_fmt(writer, stream).expect("writing to a String cannot fail");
    // Marks past the last event land at the end.
    for k in wanted {
        at[k] = len.get();
    }
    at
}

/// A fragment's HTML (an answer, a stem, an option), trimmed.
pub(crate) fn fragment<'e, 'a: 'e>(
    events: impl IntoIterator<Item = &'e Event<'a>>,
    callouts: &CalloutTitles,
) -> String {
    let mut html = String::new();
    write(&mut html, events.into_iter().cloned(), &[], callouts);
    let trimmed = html.trim();
    if trimmed.len() == html.len() {
        html
    } else {
        trimmed.to_string()
    }
}

/// `html` (this writer's) without its `<a ...>` and `</a>` tags, their
/// text kept, so it can sit inside another link: a question's title in
/// the question bank, whose row links to the answer.
pub(crate) fn without_links(html: &str) -> std::borrow::Cow<'_, str> {
    if !html.contains("<a") && !html.contains("</a") {
        return html.into();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        let name_end = tag
            .strip_prefix("</a")
            .or_else(|| tag.strip_prefix("<a"))
            .filter(|after| after.starts_with(|c: char| c == '>' || c.is_ascii_whitespace()));
        match name_end {
            // Text never holds a bare `<` or `>`: both are escaped.
            Some(_) => rest = &tag[tag.find('>').map_or(tag.len(), |e| e + 1)..],
            None => {
                out.push('<');
                rest = &tag[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Parser, Tag};

    #[test]
    fn marks_are_where_events_begin() {
        let events: Vec<Event> = Parser::new("# T\n\nOne.\n\nTwo.\n").collect();
        let second = events
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e, Event::Start(Tag::Paragraph)))
            .nth(1)
            .map(|(i, _)| i)
            .unwrap();
        let end = events.len();
        let mut html = String::new();
        let at = write(
            &mut html,
            events,
            &[0, second, end],
            &CalloutTitles::default(),
        );
        assert_eq!(&html[at[1]..], "<p>Two.</p>\n");
        assert_eq!(at[0], 0);
        assert_eq!(at[2], html.len());
    }

    #[test]
    fn fragments_finish_callouts() {
        let events: Vec<Event> =
            Parser::new_ext("> [!TIP]\n> Hi.\n", pulldown_cmark::Options::ENABLE_GFM).collect();
        let html = fragment(&events, &CalloutTitles::default());
        assert!(
            html.starts_with("<div class=\"callout callout-tip\""),
            "{html}"
        );
    }

    #[test]
    fn links_are_taken_out_and_their_text_kept() {
        assert_eq!(
            without_links("See <a href=\"x/\">the <code>a</code> guide</a> <abbr>now</abbr>"),
            "See the <code>a</code> guide <abbr>now</abbr>"
        );
        assert_eq!(without_links("x &lt;a y"), "x &lt;a y");
        assert!(matches!(
            without_links("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
