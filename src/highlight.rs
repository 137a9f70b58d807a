//! Code highlighting, behind one small interface so the highlighter can be
//! swapped without touching the Markdown passes.
//!
//! The syntax set is bat's (through `two-face`), deserialised once per
//! process from a precompiled dump. Every token is coloured by both the
//! light and the dark theme; the pair of styles names a short class
//! (`h3fa2c1`), so a token is one flat `<span>` whatever the depth of its
//! grammar scopes, and the stylesheet holds one rule per pair actually used.
//! Pairs the themes' own scope rules give are named by those rules' order
//! (`a`, `b`, ... `Zz`): tokens are the bulk of a code block's bytes, and the
//! names depend only on the two themes, so every page and the stylesheet
//! agree whatever order pages are built in.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::sync::{Arc, Mutex, OnceLock};

use syntect::highlighting::{Color, FontStyle, Highlighter, Style, Theme};
use syntect::parsing::{Scope, SyntaxReference, SyntaxSet};

use crate::cache::{Key, Store};

mod contrast;
mod lines;

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
    let lang = lang.to_ascii_lowercase();
    syntaxes().find_syntax_by_token(alias(&lang))
}

/// Whether a fence language has a grammar (unknown ones render as plain text).
#[cfg(test)]
fn is_known_language(lang: &str) -> bool {
    find_syntax(lang).is_some()
}

/// How a token looks in the light and in the dark theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct TokenStyle {
    /// Colour and font style in the light theme.
    pub light: (Color, FontStyle),
    /// Colour and font style in the dark theme.
    pub dark: (Color, FontStyle),
}

impl TokenStyle {
    /// The class for a pair of styles no theme rule gives on its own (a
    /// combination of several): a hash, stable across runs and platforms.
    fn hashed_class(&self) -> String {
        let mut hash = crate::hash::Fnv::new();
        for (c, f) in [self.light, self.dark] {
            hash.write(&[c.r, c.g, c.b, c.a, f.bits()]);
        }
        format!("h{}", &hash.short()[2..])
    }
}

/// A highlighted block: one HTML fragment per line (each ending with its
/// newline, if it had one), and the classes it uses.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Highlighted {
    /// Each line as HTML, with its newline.
    pub lines: Vec<String>,
    /// The classes the lines use, with their styles, for the stylesheet.
    pub classes: BTreeMap<String, TokenStyle>,
}

/// The two themes a site highlights with.
pub struct Palette {
    light: &'static Theme,
    dark: &'static Theme,
    /// Short class names of the pairs the themes' rules give.
    names: HashMap<TokenStyle, String>,
}

/// Written in a fixed order: the build cache keys rendered Markdown by its
/// options' debug form, so a map's random order would miss every time.
impl std::fmt::Debug for Palette {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: BTreeMap<&String, &TokenStyle> = self
            .names
            .iter()
            .map(|(style, name)| (name, style))
            .collect();
        f.debug_struct("Palette")
            .field("light", &self.light)
            .field("dark", &self.dark)
            .field("names", &names)
            .finish()
    }
}

/// Loads the grammars and the palette of `light` and `dark` on a thread
/// of their own, so that a build reading its configuration and theme
/// meanwhile finds them loaded when its first code block comes.
pub(crate) fn warm_up(light: &str, dark: &str) {
    let (light, dark) = (light.to_string(), dark.to_string());
    std::thread::spawn(move || {
        syntaxes();
        Palette::get(&light, &dark);
    });
}

impl Palette {
    /// The palette for these theme names (unknown names fall back to the
    /// defaults; `site.toml` is checked before this is asked for).
    pub fn get(light: &str, dark: &str) -> Arc<Palette> {
        type Palettes = Mutex<HashMap<(String, String), Arc<Palette>>>;
        static PALETTES: OnceLock<Palettes> = OnceLock::new();
        let mut map = PALETTES
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let key = (light.to_string(), dark.to_string());
        let palette = map.entry(key).or_insert_with(|| {
            let pick = |name: &str, fallback: &str| {
                find_theme(name)
                    .or_else(|| find_theme(fallback))
                    .expect("the default themes ship with two-face")
            };
            let (light, dark) = (pick(light, "InspiredGitHub"), pick(dark, "OneHalfDark"));
            Arc::new(Palette {
                light,
                dark,
                names: short_names(light, dark),
            })
        });
        Arc::clone(palette)
    }

    /// The class naming `style`.
    fn class_of(&self, style: &TokenStyle) -> String {
        self.names
            .get(style)
            .cloned()
            .unwrap_or_else(|| style.hashed_class())
    }

    /// Highlights `code`. `None` for an unknown language or a grammar
    /// failure: the caller then shows the code escaped and plain.
    pub(crate) fn highlight(&self, code: &str, lang: &str) -> Option<Highlighted> {
        let syntax = find_syntax(lang)?;
        lines::highlight(self, syntax, code)
    }

    /// The stylesheet: the code block's colours, then one rule per class
    /// in `classes`, light by default and dark when the reader's system
    /// prefers dark (unless the page is forced light) or the page is forced
    /// dark. Every text colour is made readable here (see [`contrast`]),
    /// so the classes in the HTML stay those of the themes' own styles.
    pub(crate) fn stylesheet(&self, classes: &[(&str, TokenStyle)]) -> String {
        let sheet = |theme: &Theme, dark: bool| {
            let block = Block::of(theme, dark);
            let mut css = block.css();
            for (class, style) in classes {
                let (color, font) = if dark { style.dark } else { style.light };
                // Scoped to code blocks: short names would clash with the theme's classes.
                let _ = writeln!(
                    css,
                    ".hl-code .{class}{{{}}}",
                    declarations(block.text(color), font)
                );
            }
            css
        };
        let mut css = String::from(
            "/* Generated by syllabus from the highlighting themes in site.toml. */\n",
        );
        css.push_str(&sheet(self.light, false));
        let dark = sheet(self.dark, true);
        // CSS nesting writes each condition once instead of per rule.
        let _ = write!(
            css,
            "@media (prefers-color-scheme: dark){{:root:not([data-theme=\"light\"]){{\n{dark}}}}}\n:root[data-theme=\"dark\"]{{\n{dark}}}\n"
        );
        css
    }
}

/// A code block's colours in one theme: the backgrounds text is drawn on
/// (the block's, and that of highlighted lines), and its default text and
/// line-number colours, all made readable.
struct Block {
    background: Color,
    line_highlight: Color,
    foreground: Color,
    line_number: Color,
}

impl Block {
    fn of(theme: &Theme, dark: bool) -> Block {
        let page = if dark { Color::BLACK } else { Color::WHITE };
        let background = contrast::over(theme.settings.background.unwrap_or(page), page);
        // Highlighted lines are tinted gold from the block's own background,
        // so their text colours can be checked against them as well.
        const GOLD: Color = Color {
            r: 0xf5,
            g: 0xc4,
            b: 0x00,
            a: 0xff,
        };
        let line_highlight = contrast::mix(background, GOLD, if dark { 0.12 } else { 0.2 });
        let mut block = Block {
            background,
            line_highlight,
            foreground: background,
            line_number: background,
        };
        let foreground =
            theme
                .settings
                .foreground
                .unwrap_or(if dark { Color::WHITE } else { Color::BLACK });
        block.foreground = block.text(foreground);
        let gutter = theme
            .settings
            .gutter_foreground
            .unwrap_or_else(|| contrast::mix(foreground, background, 0.4));
        block.line_number = block.text(gutter);
        block
    }

    /// `color` as shown in this block: readable on both its backgrounds.
    fn text(&self, color: Color) -> Color {
        contrast::readable(color, &[self.background, self.line_highlight], contrast::AA)
    }

    fn css(&self) -> String {
        format!(
            ".hl-code{{color:{};background-color:{};--hl-line:{}}}\npre.hl-code .line-number{{color:{}}}\n",
            hex(self.foreground),
            hex(self.background),
            hex(self.line_highlight),
            hex(self.line_number),
        )
    }
}

/// Short names for the pairs of styles each scope rule of the light theme,
/// then of the dark one, gives a token in both themes, in the rules' order;
/// the themes' default pair needs no class.
fn short_names(light: &Theme, dark: &Theme) -> HashMap<TokenStyle, String> {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let name = |n: usize| -> Option<String> {
        let letter = |i: usize| char::from(LETTERS[i]);
        match n / LETTERS.len() {
            0 => Some(letter(n).to_string()),
            k if k <= LETTERS.len() => {
                Some(format!("{}{}", letter(k - 1), letter(n % LETTERS.len())))
            }
            _ => None,
        }
    };
    let (on_light, on_dark) = (Highlighter::new(light), Highlighter::new(dark));
    let style = |stack: &[Scope]| TokenStyle {
        light: look(on_light.style_for_stack(stack)),
        dark: look(on_dark.style_for_stack(stack)),
    };
    let plain = style(&[]);
    let mut names = HashMap::new();
    let rules = light.scopes.iter().chain(&dark.scopes);
    for selector in rules.flat_map(|rule| &rule.scope.selectors) {
        let pair = style(selector.path.as_slice());
        if pair == plain || names.contains_key(&pair) {
            continue;
        }
        let Some(short) = name(names.len()) else {
            break;
        };
        names.insert(pair, short);
    }
    names
}

fn look(s: Style) -> (Color, FontStyle) {
    (s.foreground, s.font_style)
}

fn hex(c: Color) -> String {
    if c.a == 0xff {
        format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
    } else {
        format!("#{:02x}{:02x}{:02x}{:02x}", c.r, c.g, c.b, c.a)
    }
}

/// Every property is written, so a dark rule also undoes a light one.
fn declarations(color: Color, font: FontStyle) -> String {
    let weight = if font.contains(FontStyle::BOLD) {
        "bold"
    } else {
        "normal"
    };
    let style = if font.contains(FontStyle::ITALIC) {
        "italic"
    } else {
        "normal"
    };
    let line = if font.contains(FontStyle::UNDERLINE) {
        "underline"
    } else {
        "none"
    };
    format!(
        "color:{};font-weight:{weight};font-style:{style};text-decoration:{line}",
        hex(color)
    )
}

/// Highlighted code blocks by palette, language and code, for builds that
/// keep their work (`serve`).
pub(crate) type CodeStore = Store<Arc<Highlighted>>;

/// [`Palette::highlight`], through `store` when there is one.
pub(crate) fn highlight_cached(
    palette: &Palette,
    code: &str,
    lang: &str,
    store: Option<&CodeStore>,
) -> Option<Arc<Highlighted>> {
    let Some(store) = store else {
        return palette.highlight(code, lang).map(Arc::new);
    };
    let key = Key::of(&[
        palette.light.name.as_deref().unwrap_or("").as_bytes(),
        palette.dark.name.as_deref().unwrap_or("").as_bytes(),
        lang.as_bytes(),
        code.as_bytes(),
    ]);
    if let Some(hit) = store.get(key) {
        return Some(hit);
    }
    let block = Arc::new(palette.highlight(code, lang)?);
    store.put(key, Arc::clone(&block));
    Some(block)
}

/// The highlighting theme names `site.toml` accepts.
pub(crate) fn theme_names() -> Vec<&'static str> {
    two_face::theme::EmbeddedLazyThemeSet::theme_names()
        .iter()
        .map(|t| t.as_name())
        .collect()
}

pub(crate) fn find_theme(name: &str) -> Option<&'static Theme> {
    static THEMES: OnceLock<two_face::theme::EmbeddedLazyThemeSet> = OnceLock::new();
    let set = THEMES.get_or_init(two_face::theme::extra);
    let which = two_face::theme::EmbeddedLazyThemeSet::theme_names()
        .iter()
        .find(|t| t.as_name() == name)?;
    Some(set.get(*which))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Classes as a build lists them for the stylesheet.
    fn listed(classes: &BTreeMap<String, TokenStyle>) -> Vec<(&str, TokenStyle)> {
        classes.iter().map(|(k, v)| (k.as_str(), *v)).collect()
    }

    fn palette() -> Arc<Palette> {
        Palette::get("InspiredGitHub", "OneHalfDark")
    }

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
    fn tokens_are_flat_spans_with_short_classes() {
        let h = palette()
            .highlight("s = \"\"\"a\nb\"\"\"\nx = 1  # c\n", "python")
            .unwrap();
        assert_eq!(h.lines.len(), 3);
        for line in &h.lines {
            assert!(line.ends_with('\n'));
            // Flat: every span closes before the next one opens.
            let mut depth = 0;
            for piece in line.split('<').skip(1) {
                if piece.starts_with("span") {
                    depth += 1;
                    assert_eq!(depth, 1, "nested span in {line}");
                } else if piece.starts_with("/span") {
                    depth -= 1;
                }
            }
            assert_eq!(depth, 0, "{line}");
        }
        // The string's second line keeps the string's colour.
        let string_class = h.lines[1]
            .split("<span class=")
            .nth(1)
            .unwrap()
            .split('>')
            .next()
            .unwrap();
        assert!(
            h.lines[0].contains(&format!("<span class={string_class}>")),
            "{:?}",
            h.lines
        );
        assert!(
            h.classes.keys().all(|c| c.len() <= 2),
            "{:?}",
            h.classes.keys()
        );
    }

    #[test]
    fn unknown_language_is_none() {
        assert!(palette().highlight("x", "no-such-language").is_none());
    }

    #[test]
    fn stylesheet_has_a_rule_per_class_in_both_palettes() {
        let p = palette();
        let h = p.highlight("def f():\n    return 1\n", "python").unwrap();
        let css = p.stylesheet(&listed(&h.classes));
        assert!(css.contains("prefers-color-scheme: dark"));
        for class in h.classes.keys() {
            assert_eq!(
                css.matches(&format!(".{class}{{")).count(),
                3,
                "light, system dark, forced dark: {class}"
            );
        }
    }

    /// Every text colour in `css` with the background it is checked
    /// against, as `(rule, colour, background)`, for each colour scheme.
    fn text_on_backgrounds(css: &str) -> Vec<(String, Color, Color)> {
        let color = |hex: &str| {
            let v = u32::from_str_radix(&hex[1..7], 16).unwrap();
            let a = if hex.len() == 9 {
                u8::from_str_radix(&hex[7..9], 16).unwrap()
            } else {
                0xff
            };
            Color {
                r: (v >> 16) as u8,
                g: (v >> 8) as u8,
                b: v as u8,
                a,
            }
        };
        let property = |rule: &str, name: &str| {
            rule.split(['{', ';', '}'])
                .find_map(|d| d.strip_prefix(name))
                .map(color)
        };
        let mut out = Vec::new();
        let mut backgrounds = Vec::new();
        for rule in css.lines() {
            if let Some(bg) = property(rule, "background-color:") {
                backgrounds = vec![bg, property(rule, "--hl-line:").expect("--hl-line")];
            }
            if let Some(fg) = property(rule, "color:") {
                assert!(!backgrounds.is_empty(), "{rule} comes before .hl-code");
                for bg in &backgrounds {
                    out.push((rule.to_string(), contrast::over(fg, *bg), *bg));
                }
            }
        }
        out
    }

    /// A class for every colour each theme can give a token (its scopes'
    /// colours and its default), paired up light with dark.
    fn every_colour(p: &Palette) -> BTreeMap<String, TokenStyle> {
        let colours = |t: &Theme| {
            let mut all: Vec<Color> = t.scopes.iter().filter_map(|s| s.style.foreground).collect();
            all.extend(t.settings.foreground);
            all
        };
        let (light, dark) = (colours(p.light), colours(p.dark));
        let mut classes = BTreeMap::new();
        for i in 0..light.len().max(dark.len()) {
            let style = TokenStyle {
                light: (light[i % light.len()], FontStyle::empty()),
                dark: (dark[i % dark.len()], FontStyle::empty()),
            };
            classes.insert(p.class_of(&style), style);
        }
        classes
    }

    #[test]
    fn every_emitted_colour_reaches_wcag_aa_in_both_schemes() {
        let sample = [
            ("python", "# comment\n@dataclass\nclass A(B):\n    x: int = 0x1F  # n\n    s = f\"{x!r}\\n\"\n"),
            ("rust", "/// doc\nfn main() { let x: u8 = 1; println!(\"{x}\"); }\n"),
            ("sql", "SELECT * FROM t WHERE id = 1 -- why\n"),
            ("html", "<!-- c --><a href=\"x\">&amp;</a>\n"),
        ];
        let mut pairs: Vec<(&str, &str)> = vec![("InspiredGitHub", "OneHalfDark")];
        let names = theme_names();
        pairs.extend(names.iter().zip(names.iter().rev()).map(|(a, b)| (*a, *b)));
        let mut failures = Vec::new();
        for (light, dark) in pairs {
            let p = Palette::get(light, dark);
            let mut classes = every_colour(&p);
            for (lang, code) in sample {
                classes.extend(p.highlight(code, lang).unwrap().classes);
            }
            let css = p.stylesheet(&listed(&classes));
            let checked = text_on_backgrounds(&css);
            // Light and dark rules for every class, the block and line numbers, on two backgrounds.
            assert!(
                checked.len() >= 2 * 3 * (classes.len() + 2),
                "{light}/{dark}: {css}"
            );
            for (rule, fg, bg) in checked {
                let ratio = contrast::contrast(fg, bg);
                if ratio < contrast::AA {
                    failures.push(format!(
                        "{light}/{dark}: {rule} is {ratio:.2}:1 on {}",
                        hex(bg)
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn lifting_changes_the_stylesheet_not_the_html() {
        let p = palette();
        let h = p.highlight("x = 1  # note\n", "python").unwrap();
        let comment = h.lines[0]
            .split("<span class=")
            .last()
            .unwrap()
            .split('>')
            .next()
            .unwrap();
        assert_eq!(
            h.classes[comment].light.0,
            Color {
                r: 0x96,
                g: 0x98,
                b: 0x96,
                a: 0xff
            }
        );
        let css = p.stylesheet(&listed(&h.classes));
        let rule = css
            .lines()
            .find(|l| l.starts_with(&format!(".hl-code .{comment}{{")))
            .unwrap();
        assert!(
            !rule.contains("#969896"),
            "the theme's 2.9:1 grey is darkened: {rule}"
        );
    }

    #[test]
    fn classes_are_stable() {
        let a = palette().highlight("x = 1\n", "python").unwrap();
        let b = palette().highlight("x = 1\n", "python").unwrap();
        assert_eq!(a.lines, b.lines);
    }
}
