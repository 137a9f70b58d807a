//! `site.toml`: the site's settings.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{unknown_field_help, Diagnostic};

mod languages;
pub use languages::{Language, LanguageConfig, Languages};

/// The site's configuration file, in the site's folder.
pub const CONFIG_FILE: &str = "site.toml";

/// The site's configuration, from `site.toml` (see docs/authoring.md).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's title (required).
    pub title: String,
    /// Needed only for absolute URLs (canonical links, sitemap, feeds).
    pub base_url: Option<String>,
    /// What the site is about, for search engines and feeds.
    pub description: Option<String>,
    /// The language of the content, for `<html lang>`: in a site of
    /// several languages, the default one, served at the root. Set from
    /// `default_language`, `language`, the first of `[languages]`, or
    /// English.
    #[serde(default)]
    pub language: String,
    /// The language served at the site's root (`language` is its older name).
    pub default_language: Option<String>,
    /// `[languages.CODE]`: the languages the site is written in.
    #[serde(default)]
    pub languages: indexmap::IndexMap<String, LanguageConfig>,
    /// A folder under `themes/`; the embedded default theme when unset.
    pub theme: Option<String>,
    /// Where `build` writes, relative to the site (`public` by default).
    #[serde(default = "default_output_dir")]
    pub output_dir: PathBuf,
    /// The line of site.toml that sets `output_dir`, for messages about it.
    #[serde(skip)]
    pub output_dir_line: Option<usize>,
    /// `[highlight]`: code highlighting.
    #[serde(default)]
    pub highlight: HighlightConfig,
    /// `[markdown]`: how Markdown is read.
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// `[study]`: the study pages.
    #[serde(default)]
    pub study: StudyConfig,
    /// `[links]`: how broken links are reported.
    #[serde(default)]
    pub links: LinksConfig,
    /// `[navigation]`: the menus and lists on every page.
    #[serde(default)]
    pub navigation: NavigationConfig,
    /// `[feeds]`: sitemap, Atom feed and robots.txt.
    #[serde(default)]
    pub feeds: FeedsConfig,
    /// `[build]`: how files are written.
    #[serde(default)]
    pub build: BuildConfig,
    /// Interface strings, replacing the theme's (`ui.toml`) key by key.
    #[serde(default)]
    pub ui: std::collections::BTreeMap<String, String>,
    /// Free data for templates.
    #[serde(default)]
    pub extra: toml::Table,
}

/// `[highlight]` of site.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HighlightConfig {
    /// Off: code blocks are escaped but not coloured.
    pub enabled: bool,
    /// The syntax theme for the light colour scheme.
    pub light_theme: String,
    /// The syntax theme for the dark colour scheme.
    pub dark_theme: String,
    /// Line numbers on every block, unless a fence says `linenos=false`.
    pub line_numbers: bool,
}

impl Default for HighlightConfig {
    fn default() -> Self {
        HighlightConfig {
            enabled: true,
            light_theme: "InspiredGitHub".into(),
            dark_theme: "OneHalfDark".into(),
            line_numbers: false,
        }
    }
}

/// `[markdown]` of site.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// Curly quotes, en and em dashes, ellipses.
    pub smart_punctuation: bool,
    /// Reading speed used for a guide's reading time.
    pub words_per_minute: u32,
    /// What becomes of HTML written in Markdown.
    pub raw_html: RawHtml,
    /// `$...$` and `$$...$$` are TeX math, shown as MathML.
    pub math: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            smart_punctuation: false,
            words_per_minute: 200,
            raw_html: RawHtml::Keep,
            math: false,
        }
    }
}

/// What becomes of HTML written in Markdown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Passed through: the site trusts its authors.
    #[default]
    Keep,
    /// Shown as text, and script URLs dropped: for sites that take pages
    /// from others.
    Escape,
}

/// `[study]` of site.toml.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StudyConfig {
    /// Add JSON-LD `FAQPage` data to FAQ pages.
    pub faq_json_ld: bool,
    /// Add a JSON-LD `Quiz` of the guide's questions (flashcards for
    /// search engines) to guide pages: off, as it repeats them all.
    pub quiz_json_ld: bool,
}

/// How a broken internal link is reported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkSeverity {
    /// It stops the build.
    #[default]
    Error,
    /// It is reported, and the build goes on.
    Warning,
}

/// `[links]` of site.toml.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LinksConfig {
    /// How a broken internal link or anchor is reported.
    pub internal: LinkSeverity,
}

/// `[navigation]` of site.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NavigationConfig {
    /// How many related guides a guide page shows.
    pub related: usize,
    /// How many top-level sections every page's header links to; the rest
    /// are listed on the home page.
    pub header_sections: usize,
    /// How many guides of its section a guide page lists: all of a section
    /// this size or smaller, else the first, the last and those nearest
    /// the guide itself.
    pub section_guides: usize,
}

impl Default for NavigationConfig {
    fn default() -> Self {
        NavigationConfig {
            related: 5,
            header_sections: 5,
            section_guides: 9,
        }
    }
}

/// `[feeds]` of site.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedsConfig {
    /// Write sitemap.xml (needs `base_url`).
    pub sitemap: bool,
    /// Write an Atom feed of dated guides, atom.xml (needs `base_url`).
    pub atom: bool,
    /// How many guides the feed holds.
    pub atom_entries: usize,
    /// Write robots.txt (unless static/ has one).
    pub robots: bool,
}

impl Default for FeedsConfig {
    fn default() -> Self {
        FeedsConfig {
            sitemap: true,
            atom: true,
            atom_entries: 20,
            robots: true,
        }
    }
}

/// `[build]` of site.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BuildConfig {
    /// Minify the theme's stylesheets and scripts.
    pub minify: bool,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig { minify: true }
    }
}

fn default_output_dir() -> PathBuf {
    PathBuf::from("public")
}

impl Config {
    /// Reads `site.toml` in `root`.
    pub(crate) fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let bytes = std::fs::read(&path).map_err(|e| {
            let d = Diagnostic::error(CONFIG_FILE, format!("cannot read {CONFIG_FILE}: {e}"));
            vec![if e.kind() == std::io::ErrorKind::NotFound {
                d.with_help(format!(
                    "run syllabus in a site folder (one with {CONFIG_FILE}), pass --root DIR, or create a site with `syllabus init`"
                ))
            } else {
                d
            }]
        })?;
        let text = crate::encoding::decode(CONFIG_FILE, bytes).map_err(|d| vec![d])?;
        Config::parse(&text)
    }

    pub(crate) fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        let mut config: Config = toml::from_str(text).map_err(|e| vec![toml_error(text, &e)])?;
        let top_level = top_level(text);
        config.output_dir_line = key_offset(top_level, "output_dir")
            .map(|offset| crate::diagnostics::line_col(text, offset).0);
        let mut problems = Vec::new();
        config.settle_languages(text, &mut problems);
        let at_key = |key: &str, message: String| {
            let offset = key_offset(text, key).unwrap_or(0);
            Diagnostic::error(CONFIG_FILE, message).at_offset(text, offset)
        };
        if config.title.trim().is_empty() {
            problems.push(
                at_key("title", "`title` is empty".into()).with_help("give the site a title"),
            );
        }
        if let Some(url) = &config.base_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                problems.push(
                    at_key(
                        "base_url",
                        format!("`base_url` must be an absolute http(s) URL, not `{url}`"),
                    )
                    .with_help("for example base_url = \"https://example.org/guides\""),
                );
            }
        }
        for (key, name) in [
            ("light_theme", &config.highlight.light_theme),
            ("dark_theme", &config.highlight.dark_theme),
        ] {
            if crate::highlight::find_theme(name).is_none() {
                let known = crate::highlight::theme_names();
                let near = crate::diagnostics::suggest(name, known.iter().copied());
                let help = match near {
                    Some(n) => format!("did you mean `{n}`? Known themes: {}", known.join(", ")),
                    None => format!("known themes: {}", known.join(", ")),
                };
                problems.push(
                    at_key(key, format!("unknown highlighting theme `{name}`")).with_help(help),
                );
            }
        }
        if config.markdown.words_per_minute == 0 {
            problems.push(at_key(
                "words_per_minute",
                "`words_per_minute` must be above 0".into(),
            ));
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// `base_url` without its trailing slash.
    pub(crate) fn base_url(&self) -> Option<&str> {
        self.base_url.as_deref().map(|u| u.trim_end_matches('/'))
    }
}

fn toml_error(text: &str, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim().to_string();
    let offset = e.span().map_or(0, |s| s.start);
    let mut d = Diagnostic::error(CONFIG_FILE, message.clone()).at_offset(text, offset);
    if let Some((field, near)) = unknown_field_help(&message) {
        d.message = format!("unknown key `{field}` in {CONFIG_FILE}");
        d.help = Some(match near {
            Some(n) => format!("did you mean `{n}`?"),
            None => "remove it; see the README for the keys site.toml accepts".into(),
        });
    } else if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        d.message = format!("`{field}` is required in {CONFIG_FILE}");
        d.help = Some(format!("add a line like {field} = \"...\""));
    }
    d
}

/// The text before the first `[table]`: only a key there is a top-level one.
fn top_level(text: &str) -> &str {
    text.match_indices('\n')
        .find(|(i, _)| text[i + 1..].trim_start().starts_with('['))
        .map_or(text, |(i, _)| &text[..i])
}

/// Byte offset of a top-level-looking `key =` line, for messages about values
/// that parsed but are not acceptable.
fn key_offset(text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                return Some(offset + (line.len() - trimmed.len()));
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply() {
        let c = Config::parse("title = \"T\"\n").unwrap();
        assert_eq!(c.language, "en");
        assert_eq!(c.output_dir, PathBuf::from("public"));
        assert_eq!(c.output_dir_line, None);
        let c = Config::parse("title = \"T\"\n\noutput_dir = \"site\"\n").unwrap();
        assert_eq!(c.output_dir_line, Some(3));
        let c = Config::parse("title = \"T\"\n[extra]\noutput_dir = \"x\"\n").unwrap();
        assert_eq!(c.output_dir_line, None);
        assert!(c.theme.is_none());
        assert!(c.highlight.enabled);
    }

    #[test]
    fn unknown_key_suggests_nearest() {
        let errs = Config::parse("title = \"T\"\nbase_ur = \"https://x\"\n").unwrap_err();
        let d = &errs[0];
        assert_eq!((d.line(), d.column()), (2, 1));
        assert!(d.message.contains("unknown key `base_ur`"), "{}", d.message);
        assert_eq!(d.help.as_deref(), Some("did you mean `base_url`?"));
    }

    #[test]
    fn unknown_key_in_a_table_suggests_nearest() {
        let errs = Config::parse("title = \"T\"\n[highlight]\nlight_them = \"x\"\n").unwrap_err();
        assert_eq!(errs[0].line(), 3);
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `light_theme`?"));
    }

    #[test]
    fn title_is_required() {
        let errs = Config::parse("description = \"d\"\n").unwrap_err();
        assert!(
            errs[0].message.contains("`title` is required"),
            "{}",
            errs[0].message
        );
    }

    #[test]
    fn base_url_must_be_absolute() {
        let errs = Config::parse("title = \"T\"\nbase_url = \"example.org\"\n").unwrap_err();
        assert_eq!(errs[0].line(), 2);
    }

    #[test]
    fn base_url_loses_trailing_slash() {
        let c = Config::parse("title = \"T\"\nbase_url = \"https://x.org/docs/\"\n").unwrap();
        assert_eq!(c.base_url(), Some("https://x.org/docs"));
    }
}
