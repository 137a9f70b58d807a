//! Code highlighting, behind one small interface so the highlighter can be
//! swapped without touching the Markdown passes.
//!
//! The syntax set is bat's (through `two-face`), deserialised once per
//! process from a precompiled dump. Output is class-based: colours live in a
//! generated stylesheet with a light and a dark palette.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::OnceLock;

use syntect::highlighting::Theme;
use syntect::html::{css_for_theme_with_class_style, line_tokens_to_classed_spans, ClassStyle};
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(two_face::syntax::extra_newlines)
}

/// Names authors use in fences that are not the grammars' own tokens.
fn alias(lang: &str) -> &str {
    match lang {
        "shell" | "console" | "zsh" | "sh" => "bash",
        "py" | "python3" => "python",
        "js" | "node" | "mjs" => "javascript",
        "ts" => "typescript",
        "c++" | "cxx" => "cpp",
        "golang" => "go",
        "yml" => "yaml",
        "docker" => "dockerfile",
        "jinja" | "jinja2" | "django" | "htmldjango" => "html",
        "postgres" | "postgresql" | "mysql" | "sqlite" | "psql" => "sql",
        other => other,
    }
}

fn find_syntax(lang: &str) -> Option<&'static SyntaxReference> {
    let set = syntaxes();
    let lang = lang.to_ascii_lowercase();
    set.find_syntax_by_token(alias(&lang))
}

/// Whether a fence language has a grammar (unknown ones render as plain text).
pub fn is_known_language(lang: &str) -> bool {
    find_syntax(lang).is_some()
}

static CACHE_ON: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

type LineCache = std::sync::Mutex<HashMap<String, std::sync::Arc<Vec<String>>>>;

fn line_cache() -> &'static LineCache {
    static CACHE: OnceLock<LineCache> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// Keep highlighted code for the life of the process, keyed by its content
/// hash, so rebuilds in `serve` do not highlight unchanged blocks again.
pub fn enable_cache() {
    CACHE_ON.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// [`highlight_lines`], through the cache when it is on.
pub fn highlight_cached(code: &str, lang: &str) -> Option<std::sync::Arc<Vec<String>>> {
    if !CACHE_ON.load(std::sync::atomic::Ordering::Relaxed) {
        return highlight_lines(code, lang).map(std::sync::Arc::new);
    }
    let mut hash = crate::hash::Fnv::new();
    hash.write(lang.as_bytes());
    hash.write(&[0]);
    hash.write(code.as_bytes());
    let key = hash.long();
    if let Some(hit) = line_cache()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&key)
    {
        return Some(std::sync::Arc::clone(hit));
    }
    let lines = std::sync::Arc::new(highlight_lines(code, lang)?);
    line_cache()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, std::sync::Arc::clone(&lines));
    Some(lines)
}

/// Highlights `code`, returning one HTML fragment per line (each ending with
/// its newline, if it had one). Spans are closed at the end of every line
/// and reopened on the next, so each line can be wrapped on its own (line
/// numbers, highlighted lines). `None` for an unknown language or a grammar
/// failure: the caller then shows the code escaped and plain.
pub fn highlight_lines(code: &str, lang: &str) -> Option<Vec<String>> {
    let syntax = find_syntax(lang)?;
    let set = syntaxes();
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut lines = Vec::new();
    for line in code.split_inclusive('\n') {
        let mut html = String::with_capacity(line.len() * 2);
        let reopened = stack.as_slice().len();
        for scope in stack.as_slice() {
            html.push_str("<span class=\"");
            push_classes(&mut html, *scope);
            html.push_str("\">");
        }
        let ops = state.parse_line(line, set).ok()?;
        let (body, delta) =
            line_tokens_to_classed_spans(line, &ops, CLASS_STYLE, &mut stack).ok()?;
        html.push_str(&body);
        let open = (reopened as isize + delta).max(0) as usize;
        // The newline stays outside the spans so closing tags never split
        // a line in two.
        let newline = html.ends_with('\n');
        if newline {
            html.pop();
        }
        for _ in 0..open {
            html.push_str("</span>");
        }
        if newline {
            html.push('\n');
        }
        lines.push(html);
    }
    Some(lines)
}

/// The classes syntect gives a scope, cached per thread: building them takes
/// a global lock that parallel rendering would otherwise fight over.
fn push_classes(out: &mut String, scope: Scope) {
    thread_local! {
        static CACHE: RefCell<HashMap<Scope, String>> = RefCell::new(HashMap::new());
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let classes = cache.entry(scope).or_insert_with(|| {
            let mut s = String::new();
            for (i, atom) in scope.build_string().split('.').enumerate() {
                if i > 0 {
                    s.push(' ');
                }
                let _ = write!(s, "hl-{atom}");
            }
            s
        });
        out.push_str(classes);
    });
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String");
    out
}

/// The highlighting theme names `site.toml` accepts.
pub fn theme_names() -> Vec<&'static str> {
    two_face::theme::EmbeddedLazyThemeSet::theme_names()
        .iter()
        .map(|t| t.as_name())
        .collect()
}

pub fn find_theme(name: &str) -> Option<&'static Theme> {
    static THEMES: OnceLock<two_face::theme::EmbeddedLazyThemeSet> = OnceLock::new();
    let set = THEMES.get_or_init(two_face::theme::extra);
    let which = two_face::theme::EmbeddedLazyThemeSet::theme_names()
        .iter()
        .find(|t| t.as_name() == name)?;
    Some(set.get(*which))
}

/// The stylesheet for highlighted code: the light palette by default, the
/// dark one when the reader's system prefers dark (unless the page is forced
/// light) or the page is forced dark.
pub fn stylesheet(light: &str, dark: &str) -> String {
    let mut css =
        String::from("/* Generated by syllabus from the highlighting themes in site.toml. */\n");
    if let Some(theme) = find_theme(light) {
        css.push_str(&theme_css(theme));
    }
    if let Some(theme) = find_theme(dark) {
        // CSS nesting writes the dark palette's condition once per block
        // instead of once per selector, which halves the file.
        let rules = theme_css(theme);
        css.push_str(&format!(
            "@media (prefers-color-scheme: dark){{:root:not([data-theme=\"light\"]){{\n{rules}}}}}\n:root[data-theme=\"dark\"]{{\n{rules}}}\n"
        ));
    }
    css
}

/// One theme's rules, compacted.
fn theme_css(theme: &Theme) -> String {
    let raw = css_for_theme_with_class_style(theme, CLASS_STYLE).unwrap_or_default();
    let mut out = String::with_capacity(raw.len());
    let mut in_comment = false;
    for line in raw.lines() {
        let line = line.trim();
        if in_comment || line.starts_with("/*") {
            in_comment = !line.ends_with("*/");
            continue;
        }
        if let Some(selectors) = line.strip_suffix('{') {
            let list: Vec<&str> = selectors.split(',').map(str::trim).collect();
            out.push_str(&list.join(","));
            out.push('{');
        } else if line == "}" {
            if out.ends_with(';') {
                out.pop();
            }
            out.push_str("}\n");
        } else if let Some((property, value)) = line.split_once(':') {
            out.push_str(property.trim());
            out.push(':');
            out.push_str(value.trim());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_the_languages_guides_use() {
        for lang in [
            "python",
            "javascript",
            "typescript",
            "rust",
            "go",
            "java",
            "c",
            "cpp",
            "sql",
            "bash",
            "json",
            "yaml",
            "toml",
            "html",
            "css",
            "dockerfile",
            "ts",
            "py",
            "sh",
        ] {
            assert!(is_known_language(lang), "no grammar for {lang}");
        }
    }

    #[test]
    fn lines_are_self_contained() {
        let lines = highlight_lines("s = \"\"\"a\nb\"\"\"\nx = 1\n", "python").unwrap();
        assert_eq!(lines.len(), 3);
        for line in &lines {
            assert_eq!(
                line.matches("<span").count(),
                line.matches("</span>").count(),
                "{line}"
            );
            assert!(line.ends_with('\n'));
        }
        assert!(lines[1].contains("hl-string"), "{}", lines[1]);
    }

    #[test]
    fn unknown_language_is_none() {
        assert!(highlight_lines("x", "no-such-language").is_none());
    }

    #[test]
    fn stylesheet_has_both_palettes() {
        let css = stylesheet("InspiredGitHub", "OneHalfDark");
        assert!(css.contains("prefers-color-scheme: dark"));
        assert!(css.contains(":root[data-theme=\"dark\"]{\n.hl-"));
    }
}
