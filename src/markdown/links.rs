//! Links in Markdown: links to source files become links to the built
//! pages, and every internal link is recorded for the anchor check that runs
//! once all pages are known.

use pulldown_cmark::{CowStr, Event, LinkType, Tag};

use super::{Events, PassContext};

/// An internal link, kept for the anchor check.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FoundLink {
    /// Content path of the target page (the linking page itself for `#x`).
    pub page: String,
    /// The `#anchor`, if any.
    pub anchor: Option<String>,
    /// The link as written.
    pub dest: String,
    /// Where the link is written, for the anchor check's message; only
    /// for links with an anchor, since nothing else about a link is
    /// checked once the pages' sources are gone.
    pub at: Option<crate::diagnostics::Location>,
}

/// A link leaving the site, kept for `syllabus check --external`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ExternalLink {
    /// The URL as written.
    pub url: String,
    /// Where it is written, ready to be filled with a message.
    pub at: crate::diagnostics::Location,
}

/// True for URLs with a scheme (`https:`, `mailto:`) or protocol-relative ones.
pub(crate) fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        }
        None => false,
    }
}

pub(crate) fn rewrite<'a>(events: Events<'a>, cx: &mut PassContext) -> Events<'a> {
    events
        .into_iter()
        .map(|(event, range)| match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if link_type != LinkType::Email => {
                let dest_url = resolve(dest_url, range.start, cx);
                (
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }),
                    range,
                )
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = resolve(dest_url, range.start, cx);
                (
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }),
                    range,
                )
            }
            other => (other, range),
        })
        .collect()
}

fn resolve<'a>(dest: CowStr<'a>, offset: usize, cx: &mut PassContext) -> CowStr<'a> {
    if is_external(&dest) {
        cx.external(offset, &dest);
        return dest;
    }
    if dest.is_empty() {
        return dest;
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest.as_ref(), None),
    };
    // A query string only makes sense on a URL, not a source path.
    let path = path.split('?').next().unwrap_or(path);
    // Heading ids are compared decoded: `#caf%C3%A9` is the id `café`.
    let anchor = fragment.map(|f| crate::plan::urls::decode_url_path(f).into_owned());
    if path.is_empty() {
        cx.links.push(FoundLink {
            page: cx.page.to_string(),
            anchor,
            dest: dest.to_string(),
            at: fragment.map(|_| cx.location(offset)),
        });
        return match (cx.resolver.page_link(cx.page), fragment) {
            (Some(own), Some(f)) => format!("{own}#{f}").into(),
            _ => dest,
        };
    }
    match cx.resolver.resolve(cx.page, path) {
        Ok(resolved) => {
            if let Some(page) = &resolved.page {
                cx.links.push(FoundLink {
                    page: page.clone(),
                    anchor,
                    dest: dest.to_string(),
                    at: fragment.map(|_| cx.location(offset)),
                });
            }
            match fragment {
                Some(f) => format!("{}#{f}", resolved.href).into(),
                None => resolved.href.into(),
            }
        }
        Err(mut problem) => {
            if let Some(encoded) = encoded_name(&dest, cx) {
                problem.message.push_str(&format!(
                    " (in a link, a file name's `#` is written `%23` and `?` `%3F`: `{encoded}`)"
                ));
            }
            cx.broken_link(offset, problem);
            dest
        }
    }
}

/// `c%23.md` for a link written `c#.md`, when that names a file.
fn encoded_name(dest: &str, cx: &PassContext) -> Option<String> {
    if !dest.contains(['#', '?']) {
        return None;
    }
    let encoded = dest.replace('#', "%23").replace('?', "%3F");
    cx.resolver.resolve(cx.page, &encoded).ok().map(|_| encoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_external_links() {
        for d in ["https://x.org", "mailto:a@b", "//cdn.x/y", "ftp://h"] {
            assert!(is_external(d), "{d}");
        }
        for d in ["orm.md", "../a.md#x", "#top", "/img/a.png", "a:b/c.md"] {
            assert_eq!(is_external(d), d == "a:b/c.md", "{d}");
        }
    }
}
