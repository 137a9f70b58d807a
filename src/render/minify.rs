//! A theme's stylesheets and scripts as the site serves them: kept readable
//! in the theme's sources, made small when a site is built.
//!
//! Stylesheets go through lightningcss, which parses them, so what it
//! writes is the same CSS, only shorter; it also rewrites what the oldest
//! browsers the default theme supports lack (`light-dark()` colours), so
//! that happens with or without minifying. Scripts lose their comments and
//! spacing through `minifier`, which leaves names alone. Templates lose
//! the indentation of their lines (see [`template`]).

use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
use lightningcss::targets::{Browsers, Targets};

/// The oldest browsers the stylesheets are written for: the first with
/// both `color-mix()` and `:has()`, which the default theme uses.
fn targets() -> Targets {
    let version = |major: u32, minor: u32| Some((major << 16) | (minor << 8));
    Targets::from(Browsers {
        chrome: version(111, 0),
        edge: version(111, 0),
        firefox: version(121, 0),
        safari: version(16, 2),
        ios_saf: version(16, 2),
        ..Browsers::default()
    })
}

/// Why a file could not be read as CSS or JavaScript, and where (line and
/// column from 1) when known.
#[derive(Debug)]
pub(super) struct Unreadable {
    pub message: String,
    pub at: Option<(usize, usize)>,
}

impl Unreadable {
    fn new(message: impl Into<String>) -> Self {
        Unreadable {
            message: message.into(),
            at: None,
        }
    }

    fn css<T: std::fmt::Display>(e: lightningcss::error::Error<T>) -> Self {
        Unreadable {
            message: e.kind.to_string(),
            at: e.loc.map(|l| (l.line as usize + 1, l.column as usize)),
        }
    }
}

/// The file `name` (`style.css`, `js/app.js`) as the site serves it:
/// minified when `minify` is set, a stylesheet rewritten for older browsers
/// either way, anything else unchanged (`None`). An error says why the
/// file could not be read as CSS or JavaScript; it is then served as it is.
pub(super) fn asset(name: &str, bytes: &[u8], minify: bool) -> Result<Option<Vec<u8>>, Unreadable> {
    let kind = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase());
    let text = || std::str::from_utf8(bytes).map_err(|_| Unreadable::new("it is not UTF-8 text"));
    match kind.as_deref() {
        Some("css") => css(text()?, minify).map(|css| Some(css.into_bytes())),
        Some("js" | "mjs") if minify => {
            let js = minifier::js::minify(text()?).map_err(Unreadable::new)?;
            Ok(Some(js.to_string().into_bytes()))
        }
        _ => Ok(None),
    }
}

fn css(text: &str, minify: bool) -> Result<String, Unreadable> {
    let mut sheet = StyleSheet::parse(text, ParserOptions::default()).map_err(Unreadable::css)?;
    let targets = targets();
    sheet
        .minify(MinifyOptions {
            targets,
            ..MinifyOptions::default()
        })
        .map_err(Unreadable::css)?;
    let printed = sheet
        .to_css(PrinterOptions {
            minify,
            targets,
            ..PrinterOptions::default()
        })
        .map_err(Unreadable::css)?;
    Ok(printed.code)
}

/// A template as Tera gets it when minifying: the spaces and tabs that
/// start and end its lines are dropped, as the pages would carry them
/// thousands of times over. Every line break stays, so words on two lines
/// stay apart and Tera's line numbers still match the file. Nothing is
/// dropped where spacing is meant: inside `<pre>`, `<textarea>`,
/// `<script>` and `<style>`, inside `{% raw %}`, and inside a Tera tag
/// (whose spacing is never written anyway).
pub(super) struct SlimTemplate {
    pub text: String,
    /// How many bytes each line lost at its start, to give errors the
    /// column in the file.
    pub shifts: Vec<usize>,
}

/// Where a line starts: in open markup, or inside something kept as it is
/// (a Tera tag until its closer, an element until its end tag, a raw block).
#[derive(Clone, Copy, PartialEq)]
enum Spot {
    Open,
    Tag(&'static str),
    Element(&'static str),
    Raw,
}

/// Elements whose spacing the page shows or runs.
const KEPT: [&str; 4] = ["pre", "textarea", "script", "style"];

pub(super) fn template(text: &str) -> SlimTemplate {
    let mut out = String::with_capacity(text.len());
    let mut shifts = Vec::new();
    let mut spot = Spot::Open;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let end = &line[body.len()..];
        let mut kept = body;
        if spot == Spot::Open {
            kept = body.trim_start_matches([' ', '\t']);
        }
        shifts.push(body.len() - kept.len());
        spot = after(kept, spot);
        if spot == Spot::Open {
            kept = kept.trim_end_matches([' ', '\t']);
        }
        out.push_str(kept);
        out.push_str(end);
    }
    SlimTemplate { text: out, shifts }
}

/// Where the line `line`, begun at `spot`, leaves off.
fn after(line: &str, mut spot: Spot) -> Spot {
    // ASCII lowercase keeps every byte where it was.
    let lower = line.to_ascii_lowercase();
    let mut at = 0;
    while at < lower.len() {
        let rest = &lower[at..];
        let (next, moved) = match spot {
            Spot::Open => opening(rest),
            Spot::Tag(closer) => match rest.find(closer) {
                Some(i) => (Spot::Open, i + closer.len()),
                None => return spot,
            },
            Spot::Element(name) => match rest.find(&format!("</{name}")) {
                Some(i) => (Spot::Open, i + 2 + name.len()),
                None => return spot,
            },
            Spot::Raw => match rest.find("endraw") {
                Some(i) => (Spot::Tag("%}"), i + "endraw".len()),
                None => return spot,
            },
        };
        if moved == 0 {
            return next;
        }
        spot = next;
        at += moved;
    }
    spot
}

/// The first kept stretch opened in `rest` (open markup) and how far past
/// its opening it starts; `(Open, 0)` when there is none.
fn opening(rest: &str) -> (Spot, usize) {
    let bytes = rest.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        match (b, next) {
            (b'{', Some(b'{')) => return (Spot::Tag("}}"), i + 2),
            (b'{', Some(b'#')) => return (Spot::Tag("#}"), i + 2),
            (b'{', Some(b'%')) => {
                let inner = rest[i + 2..].split("%}").next().unwrap_or_default();
                let raw = inner.trim_matches(|c: char| c == '-' || c.is_whitespace()) == "raw";
                let spot = if raw { Spot::Raw } else { Spot::Tag("%}") };
                return (spot, i + 2);
            }
            (b'<', _) => {
                let name = &rest[i + 1..];
                let kept = KEPT.iter().find(|k| {
                    name.strip_prefix(**k).is_some_and(|after| {
                        after.is_empty() || after.starts_with(['>', '/', ' ', '\t', '\r', '\n'])
                    })
                });
                if let Some(k) = kept {
                    return (Spot::Element(k), i + 1 + k.len());
                }
            }
            _ => {}
        }
    }
    (Spot::Open, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slim(text: &str) -> String {
        template(text).text
    }

    #[test]
    fn templates_lose_indentation_but_keep_their_lines() {
        let t = "<ul>\n  <li>a</li>  \n\t<li>b\n    c</li>\n\n</ul>\n";
        assert_eq!(slim(t), "<ul>\n<li>a</li>\n<li>b\nc</li>\n\n</ul>\n");
        assert_eq!(template(t).shifts, vec![0, 2, 1, 4, 0, 0]);
        assert_eq!(slim("a\r\n  b\r\n"), "a\r\nb\r\n");
    }

    #[test]
    fn spacing_that_shows_or_runs_is_kept() {
        let pre = "<div>\n  <PRE class=\"x\">\n  one\n    two</pre>\n  <p>\n";
        assert_eq!(
            slim(pre),
            "<div>\n<PRE class=\"x\">\n  one\n    two</pre>\n<p>\n"
        );
        let script = "<script>\n  var s = `a\n    b`;\n</script>\n  <b>\n";
        assert_eq!(
            slim(script),
            "<script>\n  var s = `a\n    b`;\n</script>\n<b>\n"
        );
        let area = "<textarea>\n  x\n</textarea>\n";
        assert_eq!(slim(area), area);
        // <preview> is not <pre>.
        assert_eq!(slim("<preview>\n  x\n"), "<preview>\nx\n");
    }

    #[test]
    fn tera_tags_and_raw_blocks_are_kept_as_written() {
        let tag = "{{ x | replace(from=\"a\n   b\", to=\"c\") }}\n  <i>\n";
        assert_eq!(
            slim(tag),
            "{{ x | replace(from=\"a\n   b\", to=\"c\") }}\n<i>\n"
        );
        let comment = "{# a\n   <pre> #}\n  <i>\n";
        assert_eq!(slim(comment), "{# a\n   <pre> #}\n<i>\n");
        let raw = "{%- raw %}\n  {{ kept }}\n{% endraw -%}\n  <i>\n";
        assert_eq!(slim(raw), "{%- raw %}\n  {{ kept }}\n{% endraw -%}\n<i>\n");
        let inside = "<p>{% if a %}\n  <pre>{{ b }}\n  c</pre>{% endif %}\n  d\n";
        assert_eq!(
            slim(inside),
            "<p>{% if a %}\n<pre>{{ b }}\n  c</pre>{% endif %}\nd\n"
        );
    }

    fn text(name: &str, source: &str, minify: bool) -> String {
        let bytes = asset(name, source.as_bytes(), minify).unwrap().unwrap();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn stylesheets_keep_math_and_lose_spacing() {
        let css = "h1 {\n  font-size: clamp(1.85rem, 1.4rem + 1.8vw, 2.5rem);\n}\n/* gone */\n";
        assert_eq!(
            text("a.css", css, true),
            "h1{font-size:clamp(1.85rem,1.4rem + 1.8vw,2.5rem)}"
        );
        assert!(text("a.css", css, false).contains("clamp(1.85rem, 1.4rem + 1.8vw, 2.5rem)"));
    }

    #[test]
    fn light_dark_colours_work_in_older_browsers_too() {
        let css = ":root { color-scheme: light dark; --bg: light-dark(#fff, #000); }\n\
                   :root[data-theme=dark] { color-scheme: dark; }";
        let out = text("a.css", css, false);
        assert!(!out.contains("light-dark("), "{out}");
        assert!(out.contains("@media (prefers-color-scheme: dark)"), "{out}");
    }

    #[test]
    fn scripts_lose_comments_and_keep_strings() {
        let js = "// note\nfunction add(a, b) {\n  return a + b; /* sum */\n}\nvar s = \"a  b\";\n";
        assert_eq!(
            text("a.js", js, true),
            "function add(a,b){return a+b;}var s=\"a  b\";"
        );
        assert_eq!(asset("a.js", js.as_bytes(), false).unwrap(), None);
        assert_eq!(asset("a.svg", b"<svg/>", true).unwrap(), None);
    }

    #[test]
    fn broken_stylesheets_are_reported_where_they_break() {
        let e = asset(
            "a.css",
            b"a { color: red; }\n\nb >> c { color: red; }",
            true,
        )
        .unwrap_err();
        assert_eq!(e.at.map(|(line, _)| line), Some(3), "{e:?}");
        assert!(asset("a.css", &[0xff, 0xfe], true).is_err());
    }

    #[test]
    fn the_built_in_theme_minifies() {
        for name in ["style.css", "syllabus.js", "search.js", "stemmer-french.js"] {
            let path = format!(
                "{}/themes/default/static/{name}",
                env!("CARGO_MANIFEST_DIR")
            );
            let source = std::fs::read(path).unwrap();
            let small = asset(name, &source, true).unwrap().unwrap();
            assert!(
                small.len() * 100 < source.len() * 85,
                "{name} hardly shrank"
            );
        }
    }
}
