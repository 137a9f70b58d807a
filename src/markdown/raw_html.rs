//! `[markdown] raw_html = "escape"`, for sites that publish pages written by
//! others: the author's HTML is shown as text, and a link or image whose
//! URL could run script keeps its text but loses the URL.
//!
//! Runs on the parser's events before any pass adds markup of its own.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{Events, PassContext};
use crate::config::RawHtml;

pub(crate) fn apply<'a>(events: Events<'a>, policy: RawHtml, cx: &mut PassContext) -> Events<'a> {
    if policy == RawHtml::Keep {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    // Whether each open link (and image) lost its URL, so its end goes too.
    let mut links: Vec<bool> = Vec::new();
    let mut images: Vec<bool> = Vec::new();
    for (event, range) in events {
        let event = match event {
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
            Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
            // `{onclick=...}` after a heading would become an attribute.
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs: Vec::new(),
            }),
            Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
                let image = matches!(event, Event::Start(Tag::Image { .. }));
                let drop = runs_script(dest_url, image);
                if drop {
                    cx.warn(range.start, dropped(dest_url, image));
                }
                if image { &mut images } else { &mut links }.push(drop);
                if drop {
                    continue;
                }
                event
            }
            Event::End(TagEnd::Link) if links.pop() == Some(true) => continue,
            Event::End(TagEnd::Image) if images.pop() == Some(true) => continue,
            other => other,
        };
        out.push((event, range));
    }
    out
}

fn dropped(url: &CowStr, image: bool) -> String {
    let shown: String = url.chars().filter(|c| !c.is_control()).take(40).collect();
    let what = if image {
        format!("image `{shown}` shown as its alt text")
    } else {
        format!("link to `{shown}` shown as plain text")
    };
    format!("{what}: `raw_html = \"escape\"` drops URLs that can run script")
}

/// Whether a browser would run `url` as script (or open it as a document
/// that can): `javascript:`, `vbscript:`, and `data:` except images for
/// `<img>`. Browsers ignore case, and drop tabs, newlines and leading
/// control characters and spaces before reading the scheme; character
/// references were already decoded by the parser.
fn runs_script(url: &str, image: bool) -> bool {
    let head = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .take("javascript:".len())
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("javascript:")
        || head.starts_with("vbscript:")
        || (head.starts_with("data:") && !(image && head.starts_with("data:image/")))
}

#[cfg(test)]
mod tests {
    use super::runs_script;

    #[test]
    fn script_urls_in_every_disguise() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:text/html;base64,PHNjcmlwdD4=",
        ] {
            assert!(runs_script(url, false), "{url:?}");
        }
        assert!(runs_script("data:text/html,x", true));
        for url in [
            "https://example.org/javascript:x",
            "/javascript/intro/",
            "javascript.md",
            "./javascript:x",
            "mailto:a@example.org",
            "#javascript",
        ] {
            assert!(!runs_script(url, false), "{url:?}");
        }
        assert!(!runs_script("data:image/png;base64,iVBOR", true));
        assert!(runs_script("data:image/png;base64,iVBOR", false));
    }
}
