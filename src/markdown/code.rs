//! Fenced code: the info string's language and options, and the block's HTML.

use std::collections::BTreeSet;

use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};

use super::{Events, PassContext};
use crate::escape::escape_html;
use crate::highlight::highlight_cached;

/// What a fence's info string asks for: ```` ```python {linenos=true hl_lines="2-3"} ````.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Fence {
    pub lang: String,
    pub line_numbers: Option<bool>,
    pub first_line: usize,
    pub highlighted: BTreeSet<usize>,
}

/// Parses an info string; problems are returned as messages for the caller
/// to place.
pub fn parse_fence(info: &str) -> (Fence, Vec<String>) {
    let mut problems = Vec::new();
    let info = info.trim();
    let (lang, rest) = match info.find(|c: char| c.is_whitespace() || c == '{' || c == ',') {
        Some(i) => (&info[..i], info[i..].trim()),
        None => (info, ""),
    };
    let mut fence = Fence {
        lang: lang.to_string(),
        first_line: 1,
        ..Fence::default()
    };
    let options = rest.trim_start_matches(',').trim();
    let options = options
        .strip_prefix('{')
        .and_then(|o| o.strip_suffix('}'))
        .unwrap_or(options);
    for (key, value) in option_pairs(options) {
        match key.as_str() {
            "linenos" => match value.as_str() {
                "true" | "table" | "inline" | "" => fence.line_numbers = Some(true),
                "false" => fence.line_numbers = Some(false),
                other => problems.push(format!("`linenos={other}`: write linenos=true or linenos=false")),
            },
            "linenostart" => match value.parse::<usize>() {
                Ok(n) => fence.first_line = n,
                Err(_) => problems.push(format!("`linenostart={value}`: expected a whole number")),
            },
            "hl_lines" => match parse_line_ranges(&value) {
                Some(lines) => fence.highlighted = lines,
                None => problems.push(format!(
                    "`hl_lines=\"{value}\"`: write line numbers and ranges, like hl_lines=\"2-3 5\""
                )),
            },
            other => problems.push(format!(
                "unknown code block option `{other}`: the options are linenos, linenostart and hl_lines"
            )),
        }
    }
    (fence, problems)
}

/// `key=value` pairs separated by spaces or commas; values may be quoted.
fn option_pairs(text: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace() || *c == ',').is_some() {}
        let key: String =
            std::iter::from_fn(|| chars.next_if(|c| *c != '=' && !c.is_whitespace() && *c != ','))
                .collect();
        if key.is_empty() {
            break;
        }
        let mut value = String::new();
        if chars.next_if_eq(&'=').is_some() {
            match chars.peek() {
                Some('"') | Some('\'') => {
                    let quote = chars.next().unwrap_or('"');
                    value = std::iter::from_fn(|| chars.next_if(|c| *c != quote)).collect();
                    chars.next();
                }
                _ => {
                    value =
                        std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace() && *c != ','))
                            .collect()
                }
            }
        }
        pairs.push((key, value));
    }
    pairs
}

/// `"2-3 5"`, `"2-3,5"` or `[2, 5]` into a set of line numbers.
fn parse_line_ranges(text: &str) -> Option<BTreeSet<usize>> {
    let mut lines = BTreeSet::new();
    let text = text.trim().trim_start_matches('[').trim_end_matches(']');
    for part in text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|p| !p.is_empty())
    {
        let part = part.trim_matches(['"', '\'']);
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b): (usize, usize) = (a.parse().ok()?, b.parse().ok()?);
                if a > b || b - a > 100_000 {
                    return None;
                }
                lines.extend(a..=b);
            }
            None => {
                lines.insert(part.parse().ok()?);
            }
        }
    }
    Some(lines)
}

/// Replaces each code block with its finished HTML.
pub fn render_blocks<'a>(events: Events<'a>, cx: &mut PassContext) -> Events<'a> {
    let mut out = Vec::with_capacity(events.len());
    let mut block: Option<(String, String, std::ops::Range<usize>)> = None;
    for (event, range) in events {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                block = Some((info, String::new(), range));
            }
            Event::Text(text) if block.is_some() => {
                if let Some((_, code, _)) = &mut block {
                    code.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((info, code, start)) = block.take() {
                    let (fence, problems) = parse_fence(&info);
                    for problem in problems {
                        cx.warn(start.start, problem);
                    }
                    cx.words += code.split_whitespace().count();
                    let html = block_html(&code, &fence, cx);
                    out.push((Event::Html(html.into()), start));
                }
            }
            other => out.push((other, range)),
        }
    }
    out
}

fn block_html(code: &str, fence: &Fence, cx: &mut PassContext) -> String {
    let numbers = fence.line_numbers.unwrap_or(cx.line_numbers);
    let lang = escape_html(&fence.lang);
    let highlighted = match &cx.palette {
        Some(palette) if !fence.lang.is_empty() => {
            highlight_cached(palette, code, &fence.lang, cx.code_store)
        }
        _ => None,
    };
    let plain: Vec<String>;
    let lines: &[String] = match &highlighted {
        Some(h) => {
            cx.classes
                .extend(h.classes.iter().map(|(k, v)| (k.clone(), *v)));
            &h.lines
        }
        None => {
            plain = code.split_inclusive('\n').map(escape_html).collect();
            &plain
        }
    };
    let mut html = String::with_capacity(code.len() * 3 + 200);
    html.push_str("<div class=\"code-block\"");
    if !lang.is_empty() {
        html.push_str(&format!(" data-lang=\"{lang}\""));
    }
    html.push_str("><pre class=\"code hl-code");
    if numbers {
        html.push_str(" has-line-numbers");
    }
    html.push_str("\"><code");
    if !lang.is_empty() {
        html.push_str(&format!(" class=\"language-{lang}\""));
    }
    html.push('>');
    for (i, line) in lines.iter().enumerate() {
        let number = fence.first_line + i;
        // hl_lines counts from the block's first line, whatever linenostart says.
        let class = if fence.highlighted.contains(&(i + 1)) {
            "line hl"
        } else {
            "line"
        };
        html.push_str(&format!("<span class=\"{class}\">"));
        if numbers {
            html.push_str(&format!(
                "<span class=\"line-number\" aria-hidden=\"true\">{number}</span>"
            ));
        }
        html.push_str(line);
        html.push_str("</span>");
    }
    html.push_str("</code></pre></div>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_language_and_options() {
        let (f, p) = parse_fence("python {linenos=true hl_lines=\"2-3 5\"}");
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(f.lang, "python");
        assert_eq!(f.line_numbers, Some(true));
        assert_eq!(f.highlighted.into_iter().collect::<Vec<_>>(), [2, 3, 5]);
        let (f, _) = parse_fence("rust,linenos=false");
        assert_eq!((f.lang.as_str(), f.line_numbers), ("rust", Some(false)));
        let (f, _) = parse_fence("");
        assert_eq!(f.lang, "");
    }

    #[test]
    fn reports_bad_options() {
        let (_, p) = parse_fence("python {colour=red hl_lines=\"x\"}");
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].contains("unknown code block option `colour`"));
    }
}
