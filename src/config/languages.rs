//! `[languages]` of site.toml: the languages one site is written in. The
//! default language is served at the site's root and every other one below
//! its code (`/fr/`); each can have its own title, description and
//! interface strings.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{key_offset, Config, CONFIG_FILE};
use crate::diagnostics::Diagnostic;

/// `[languages.CODE]` of site.toml.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// The language's own name, for the language switcher (`Français`).
    pub name: Option<String>,
    /// The site's title in this language (the top-level `title` if unset).
    pub title: Option<String>,
    /// The site's description in this language.
    pub description: Option<String>,
    /// Interface strings in this language, over the theme's and `[ui]`.
    #[serde(default)]
    pub ui: BTreeMap<String, String>,
}

/// One language of the site, as its pages are built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// Its code, as in `site.toml`, file names (`orm.fr.md`) and `<html lang>`.
    pub code: String,
    /// How the language switcher names it.
    pub name: String,
    /// The site path its pages start at: `/` for the default language,
    /// `/fr/` for the others.
    pub home: String,
}

/// The site's languages, the default first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Languages(pub Vec<Language>);

impl Default for Languages {
    /// English alone, as a site without `language` is.
    fn default() -> Self {
        Languages(vec![Language {
            code: "en".into(),
            name: "en".into(),
            home: "/".into(),
        }])
    }
}

impl std::ops::Deref for Languages {
    type Target = [Language];

    fn deref(&self) -> &[Language] {
        &self.0
    }
}

impl Languages {
    /// The language a content path names with its code (`orm.fr.md`, and
    /// `orm.en.md` for the default one, as links may write it) and the
    /// path without it (`orm.md`). A site of one language has no codes in
    /// its file names: there `orm.fr.md` is a page named `orm.fr`.
    pub fn named_in(&self, rel: &str) -> Option<(usize, String)> {
        if self.len() < 2 {
            return None;
        }
        let stem = rel.strip_suffix(".md")?;
        let (base, code) = stem.rsplit_once('.')?;
        let lang = self.iter().position(|l| l.code == code)?;
        Some((lang, format!("{base}.md")))
    }

    /// The content path of the page `base` (`orm.md`) in language `lang`:
    /// `orm.fr.md`, or `orm.md` itself in the default language.
    pub fn path_in(&self, base: &str, lang: usize) -> String {
        match (lang, base.strip_suffix(".md")) {
            (1.., Some(stem)) => format!("{stem}.{}.md", self[lang].code),
            _ => base.to_string(),
        }
    }
}

impl Config {
    /// The site's languages, the default first, then the others in the
    /// order of site.toml. A site without `[languages]` has one.
    pub fn languages(&self) -> Languages {
        let default = self.language.as_str();
        let name = |code: &str| {
            self.languages
                .get(code)
                .and_then(|l| l.name.clone())
                .unwrap_or_else(|| code.to_string())
        };
        let mut all = vec![Language {
            code: default.to_string(),
            name: name(default),
            home: "/".into(),
        }];
        all.extend(
            self.languages
                .keys()
                .filter(|code| *code != default)
                .map(|code| Language {
                    code: code.clone(),
                    name: name(code),
                    home: format!("/{code}/"),
                }),
        );
        Languages(all)
    }

    /// Whether the site is written in more than one language.
    pub fn is_multilingual(&self) -> bool {
        self.languages.keys().any(|code| *code != self.language)
    }

    /// The settings as pages in `language` see them: its title,
    /// description and interface strings over the site's.
    pub fn for_language(&self, language: &Language) -> Config {
        let mut config = self.clone();
        config.language = language.code.clone();
        if let Some(own) = self.languages.get(&language.code) {
            if let Some(title) = &own.title {
                config.title = title.clone();
            }
            if own.description.is_some() {
                config.description = own.description.clone();
            }
            config
                .ui
                .extend(own.ui.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        config
    }

    /// Settles the default language (`default_language`, else `language`,
    /// else the first of `[languages]`, else English) and checks every
    /// language's code.
    pub(super) fn settle_languages(&mut self, text: &str, problems: &mut Vec<Diagnostic>) {
        let top_level = super::top_level(text);
        let written = key_offset(top_level, "language").map(|_| self.language.clone());
        if let (Some(default), Some(language)) = (&self.default_language, &written) {
            if default != language {
                let offset = key_offset(top_level, "default_language").unwrap_or(0);
                problems.push(
                    Diagnostic::error(
                        CONFIG_FILE,
                        format!(
                            "`default_language = \"{default}\"` and `language = \"{language}\"` name different languages"
                        ),
                    )
                    .at_offset(text, offset)
                    .with_help("`language` is the older name of `default_language`: keep one of them"),
                );
            }
        }
        self.language = self
            .default_language
            .clone()
            .or(written)
            .or_else(|| self.languages.keys().next().cloned())
            .unwrap_or_else(|| "en".into());
        for code in std::iter::once(&self.language).chain(self.languages.keys()) {
            if !is_language_code(code) {
                let offset = [code.to_string(), format!("\"{code}\""), format!("'{code}'")]
                    .iter()
                    .find_map(|key| text.find(&format!("languages.{key}")))
                    .or_else(|| key_offset(top_level, "default_language"))
                    .or_else(|| key_offset(top_level, "language"))
                    .unwrap_or(0);
                problems.push(
                    Diagnostic::error(CONFIG_FILE, format!("`{code}` is not a language code"))
                        .at_offset(text, offset)
                        .with_help(
                            "use a code like \"en\", \"fr\" or \"pt-BR\": letters, then optional parts after `-`",
                        ),
                );
            }
        }
    }
}

/// A language tag as BCP 47 writes it (`fr`, `pt-BR`, `zh-Hant`): it
/// becomes a folder of the site and a part of file names, so nothing else
/// is allowed in it.
fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_without_languages_has_one() {
        let c = Config::parse("title = \"T\"\nlanguage = \"de\"\n").unwrap();
        assert!(!c.is_multilingual());
        let langs = c.languages();
        assert_eq!(langs.len(), 1);
        assert_eq!(
            (langs[0].code.as_str(), langs[0].home.as_str()),
            ("de", "/")
        );
    }

    #[test]
    fn the_default_comes_first_and_others_keep_their_order() {
        let text = "title = \"T\"\ndefault_language = \"en\"\n[languages.fr]\nname = \"Français\"\ntitle = \"Le T\"\n[languages.de]\n[languages.en]\nname = \"English\"\n";
        let c = Config::parse(text).unwrap();
        assert!(c.is_multilingual());
        let langs = c.languages();
        let shown: Vec<(&str, &str, &str)> = langs
            .iter()
            .map(|l| (l.code.as_str(), l.name.as_str(), l.home.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("en", "English", "/"),
                ("fr", "Français", "/fr/"),
                ("de", "de", "/de/")
            ]
        );
        assert_eq!(c.for_language(&langs[1]).title, "Le T");
        assert_eq!(c.for_language(&langs[1]).language, "fr");
        assert_eq!(c.for_language(&langs[2]).title, "T");
    }

    #[test]
    fn without_a_default_the_first_language_is_served_at_the_root() {
        let c = Config::parse("title = \"T\"\n[languages.fr]\n[languages.en]\n").unwrap();
        assert_eq!(c.language, "fr");
        assert_eq!(c.languages()[1].home, "/en/");
    }

    #[test]
    fn language_ui_strings_go_over_the_sites() {
        let text = "title = \"T\"\nlanguage = \"en\"\n[ui]\nsearch = \"Find\"\nhome = \"Start\"\n[languages.fr.ui]\nsearch = \"Chercher\"\n";
        let c = Config::parse(text).unwrap();
        let fr = c.for_language(&c.languages()[1]);
        assert_eq!(fr.ui["search"], "Chercher");
        assert_eq!(fr.ui["home"], "Start");
    }

    #[test]
    fn bad_codes_and_two_defaults_are_errors_at_their_lines() {
        let errs =
            Config::parse("title = \"T\"\n\n[languages.\"f r\"]\ntitle = \"x\"\n").unwrap_err();
        assert_eq!(errs[0].message, "`f r` is not a language code");
        assert_eq!((errs[0].line(), errs[0].column()), (3, 2));
        let errs = Config::parse("title = \"T\"\nlanguage = \"en\"\ndefault_language = \"fr\"\n")
            .unwrap_err();
        assert_eq!(errs[0].line(), 3);
        assert!(errs[0].help.as_deref().unwrap().contains("older name"));
        let errs = Config::parse("title = \"T\"\n[languages.fr]\nnam = \"x\"\n").unwrap_err();
        assert_eq!(errs[0].line(), 3);
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `name`?"));
    }

    #[test]
    fn file_names_name_languages_only_in_a_site_of_several() {
        let c = Config::parse("title = \"T\"\nlanguage = \"en\"\n[languages.fr]\n").unwrap();
        let langs = c.languages();
        assert_eq!(langs.named_in("a/orm.fr.md"), Some((1, "a/orm.md".into())));
        assert_eq!(langs.named_in("a/orm.en.md"), Some((0, "a/orm.md".into())));
        assert_eq!(langs.named_in("notes.v2.md"), None);
        assert_eq!(langs.named_in("fr.md"), None);
        assert_eq!(langs.path_in("a/_index.md", 1), "a/_index.fr.md");
        assert_eq!(langs.path_in("a/orm.md", 0), "a/orm.md");
        assert_eq!(Languages::default().named_in("orm.fr.md"), None);
    }

    #[test]
    fn language_codes() {
        for ok in ["en", "fr", "pt-BR", "zh-Hant", "ast", "es-419"] {
            assert!(is_language_code(ok), "{ok}");
        }
        for bad in ["", "e", "english", "fr/", "fr_FR", "..", "f r", "en-", "12"] {
            assert!(!is_language_code(bad), "{bad}");
        }
    }
}
