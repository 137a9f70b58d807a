//! Fenced code: the info string's language and options, and the block's HTML.

use std::collections::BTreeSet;

use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};

use super::{Events, PassContext};
use crate::escape::escape_html;
use std::sync::Arc;

use rayon::prelude::*;

use crate::highlight::{highlight_cached, CodeStore, Highlighted, Palette};

/// What a fence's info string asks for: ```` ```python {linenos=true hl_lines="2-3"} ````.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Fence {
    pub lang: String,
    pub line_numbers: Option<bool>,
    pub first_line: usize,
    pub highlighted: BTreeSet<usize>,
    /// `file="..."`, `lines="..."`, `anchor="..."`: code from a file,
    /// read by the include pass.
    pub include: IncludeOptions,
}

/// What a fence asks to include, as written; see [`super::include`].
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct IncludeOptions {
    pub file: Option<String>,
    pub lines: Option<String>,
    pub anchor: Option<String>,
}

/// Parses an info string; problems are returned as messages for the caller
/// to place.
pub(crate) fn parse_fence(info: &str) -> (Fence, Vec<String>) {
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
            "file" => fence.include.file = Some(value),
            "lines" => fence.include.lines = Some(value),
            "anchor" => fence.include.anchor = Some(value),
            other => problems.push(format!(
                "unknown code block option `{other}`: the options are linenos, linenostart, hl_lines, file, lines and anchor"
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

/// A code block found in the page, waiting for its HTML.
struct Block {
    /// Where its placeholder sits in the pass's output.
    at: usize,
    code: String,
    fence: Fence,
}

/// Below this many blocks a page's code is highlighted on its own thread:
/// handing out work costs more than it saves.
const PARALLEL_FROM: usize = 8;

/// Replaces each code block with its finished HTML. A page's blocks are
/// highlighted in parallel when it has many: one page can be most of a
/// build (a 50 MB guide), and its pages' threads would otherwise idle.
pub(crate) fn render_blocks<'a>(events: Events<'a>, cx: &mut PassContext) -> Events<'a> {
    let mut out = Vec::with_capacity(events.len());
    let mut blocks: Vec<Block> = Vec::new();
    let mut open: Option<(String, String, std::ops::Range<usize>)> = None;
    for (event, range) in events {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                open = Some((info, String::new(), range));
            }
            Event::Text(text) if open.is_some() => {
                if let Some((_, code, _)) = &mut open {
                    code.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((info, code, start)) = open.take() {
                    let (fence, problems) = parse_fence(&info);
                    for problem in problems {
                        cx.warn(start.start, problem);
                    }
                    cx.words += code.split_whitespace().count();
                    blocks.push(Block {
                        at: out.len(),
                        code,
                        fence,
                    });
                    out.push((Event::Html("".into()), start));
                }
            }
            other => out.push((other, range)),
        }
    }
    let style = CodeStyle {
        palette: cx.palette.as_deref(),
        store: cx.code_store,
        line_numbers: cx.line_numbers,
    };
    let finished: Vec<(String, Option<Arc<Highlighted>>)> = if blocks.len() >= PARALLEL_FROM {
        blocks
            .par_iter()
            .map(|b| style.html(&b.code, &b.fence))
            .collect()
    } else {
        blocks
            .iter()
            .map(|b| style.html(&b.code, &b.fence))
            .collect()
    };
    for (block, (html, highlighted)) in blocks.iter().zip(finished) {
        if let Some(h) = highlighted {
            cx.classes
                .extend(h.classes.iter().map(|(k, v)| (k.clone(), *v)));
        }
        out[block.at].0 = Event::Html(html.into());
    }
    out
}

/// How code is shown on this site.
struct CodeStyle<'p> {
    /// The themes code is highlighted with; `None` leaves code plain.
    palette: Option<&'p Palette>,
    store: Option<&'p CodeStore>,
    line_numbers: bool,
}

impl CodeStyle<'_> {
    /// A block's HTML, and its highlighting (whose classes the page's
    /// stylesheet needs), if it was highlighted.
    fn html(&self, code: &str, fence: &Fence) -> (String, Option<Arc<Highlighted>>) {
        let highlighted = match self.palette {
            Some(palette) if !fence.lang.is_empty() => {
                highlight_cached(palette, code, &fence.lang, self.store)
            }
            _ => None,
        };
        let numbers = fence.line_numbers.unwrap_or(self.line_numbers);
        let html = match &highlighted {
            Some(h) => block_html(&h.lines, fence, numbers, code.len()),
            None => {
                let plain: Vec<String> = code.split_inclusive('\n').map(escape_html).collect();
                block_html(&plain, fence, numbers, code.len())
            }
        };
        (html, highlighted)
    }
}

fn block_html(lines: &[String], fence: &Fence, numbers: bool, size: usize) -> String {
    let lang = escape_html(&fence.lang);
    let mut html = String::with_capacity(size * 3 + 200);
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
    // A line needs an element of its own only to carry a number or a
    // highlight; otherwise its newline is all the markup it needs.
    if !numbers && fence.highlighted.is_empty() {
        lines.iter().for_each(|line| html.push_str(line));
        html.push_str("</code></pre></div>\n");
        return html;
    }
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
