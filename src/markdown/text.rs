//! Plain text of a page, cut at its headings, for the search index: a
//! search hit lands on the heading whose section holds the words.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Events;

/// The text under one heading (or before the first, with no anchor).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct TextSection {
    pub anchor: Option<String>,
    pub title: String,
    pub text: String,
}

/// Cuts the page's text at every heading. Runs after heading ids are set
/// and before code blocks become HTML, so code is searchable too.
pub(crate) fn sections(events: &Events) -> Vec<TextSection> {
    let mut out = vec![TextSection::default()];
    let mut in_heading = false;
    for (event, _) in events {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                in_heading = true;
                out.push(TextSection {
                    anchor: id.as_ref().map(|i| i.to_string()),
                    ..TextSection::default()
                });
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            // A formula is found by its source: `O(n \log n)`.
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                let Some(section) = out.last_mut() else {
                    continue;
                };
                let target = if in_heading {
                    &mut section.title
                } else {
                    &mut section.text
                };
                // Text comes in pieces (a `$` the math parser tried, a
                // curly quote): joined as written, so `$5` stays `$5`.
                let display = matches!(event, Event::DisplayMath(_));
                if display {
                    target.push(' ');
                }
                target.push_str(t);
                if display {
                    target.push(' ');
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::Html(_) | Event::InlineHtml(_) => {
                if let Some(section) = out.last_mut() {
                    section.text.push(' ');
                }
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock | TagEnd::TableCell,
            ) => {
                if let Some(section) = out.last_mut() {
                    section.text.push(' ');
                }
            }
            _ => {}
        }
    }
    for s in &mut out {
        s.title = s.title.trim().to_string();
        let squeezed: Vec<&str> = s.text.split_whitespace().collect();
        s.text = squeezed.join(" ");
        s.text.shrink_to_fit();
    }
    out.retain(|s| s.anchor.is_some() || !s.text.is_empty());
    out
}
