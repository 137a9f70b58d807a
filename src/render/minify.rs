//! A theme's stylesheets and scripts as the site serves them: kept readable
//! in the theme's sources, made small when a site is built.
//!
//! Stylesheets go through lightningcss, which parses them, so what it
//! writes is the same CSS, only shorter; it also rewrites what the oldest
//! browsers the default theme supports lack (`light-dark()` colours), so
//! that happens with or without minifying. Scripts lose their comments and
//! spacing through `minifier`, which leaves names alone.

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

#[cfg(test)]
mod tests {
    use super::*;

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
