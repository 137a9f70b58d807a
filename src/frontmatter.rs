//! Splits a page into YAML front matter and Markdown body, and parses the
//! front matter into typed fields, with errors at the line and column of the
//! `.md` file.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::diagnostics::Diagnostic;

mod parsed;
mod yaml_errors;

pub(crate) use parsed::{parse_all, ParsedFiles, ParsedPage};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    pub description: Option<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub difficulty: Option<Difficulty>,
    pub weight: Option<i64>,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<String>,
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub template: Option<String>,
    #[serde(default)]
    pub extra: serde_yaml::Mapping,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Beginner,
    Intermediate,
    Advanced,
}

impl Difficulty {
    pub fn as_str(self) -> &'static str {
        match self {
            Difficulty::Beginner => "beginner",
            Difficulty::Intermediate => "intermediate",
            Difficulty::Advanced => "advanced",
        }
    }
}

/// A date as written (`2024-05-01` or RFC 3339), checked when parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Date {
    pub text: String,
    pub day: chrono::NaiveDate,
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "invalid date `{text}`: write YYYY-MM-DD (2024-05-01) or RFC 3339 (2024-05-01T09:30:00Z)"
            ))
        })
    }
}

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .or_else(|| {
                chrono::DateTime::parse_from_rfc3339(text)
                    .ok()
                    .map(|d| d.date_naive())
            })?;
        Some(Date {
            text: text.to_string(),
            day,
        })
    }

    /// `1 May 2024`, for pages.
    pub fn display(&self) -> String {
        self.day.format("%-d %B %Y").to_string()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A page split at its front matter.
#[derive(Debug)]
pub(crate) struct Split<'a> {
    pub yaml: &'a str,
    /// File line of the YAML's first line.
    pub yaml_line: usize,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Finds the front matter: a first line `---`, YAML, then a `---` line.
pub(crate) fn split<'a>(path: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let text_start = text.strip_prefix('\u{feff}').map_or(0, |_| 3);
    let rest = &text[text_start..];
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_end].trim_end() != "---" {
        return Err(Diagnostic::error(path, "missing front matter")
            .at(text, 1, 1)
            .with_help(
                "start the file with a line `---`, then `title: ...`, then another `---` line",
            ));
    }
    let yaml_start = text_start + first_line_end;
    let mut offset = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body_offset: offset + line.len(),
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(path, "front matter is not closed")
        .at(text, 1, 1)
        .with_help("end the front matter with a line `---`"))
}

/// Parses the YAML of `split` from the file `path` whose whole text is `text`.
pub(crate) fn parse(path: &str, text: &str, split: &Split) -> Result<FrontMatter, Vec<Diagnostic>> {
    let located = |message: String, line: usize, column: usize| {
        Diagnostic::error(path, message).at(text, line, column)
    };
    if split.yaml.trim().is_empty() {
        return Err(vec![missing_title(path, text)]);
    }
    let front = yaml_errors::deserialize(path, text, split)?;
    let mut problems = Vec::new();
    let at_key = |key: &str, message: String| {
        let (line, column) = key_position(split, key);
        located(message, line, column)
    };
    if front.title.trim().is_empty() {
        problems
            .push(at_key("title", "`title` is empty".into()).with_help("give the page a title"));
    }
    if let Some(slug) = &front.slug {
        if slug.is_empty()
            || slug == "."
            || slug == ".."
            || slug.contains(['/', '\\', '#', '?'])
            || slug.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            problems.push(
                at_key(
                    "slug",
                    format!(
                        "`slug: {}` is not a single URL segment",
                        slug.escape_debug()
                    ),
                )
                .with_help("use letters, digits and dashes, like `slug: joins-explained`"),
            );
        }
    }
    if problems.is_empty() {
        Ok(front)
    } else {
        Err(problems)
    }
}

fn missing_title(path: &str, text: &str) -> Diagnostic {
    Diagnostic::error(path, "front matter has no `title`")
        .at(text, 1, 1)
        .with_help("add a line `title: Your page title` between the `---` lines")
}

/// File line and column of `value` written under `key` (in a flow list
/// `[a, b]` or a block list `- a`), for problems with single list items.
pub(crate) fn item_position(split: &Split, key: &str, value: &str) -> (usize, usize) {
    let (key_line, _) = key_position(split, key);
    let first = key_line.saturating_sub(split.yaml_line);
    split
        .yaml
        .lines()
        .enumerate()
        .skip(first)
        .find_map(|(i, line)| {
            let col = line.find(value)?;
            Some((split.yaml_line + i, line[..col].chars().count() + 1))
        })
        .unwrap_or((key_line, 1))
}

/// File positions of every top-level `key:` line.
fn key_positions<'a>(split: &'a Split, key: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
    split.yaml.lines().enumerate().filter_map(move |(i, line)| {
        let rest = line.strip_prefix(key)?;
        rest.trim_start()
            .starts_with(':')
            .then_some((split.yaml_line + i, 1))
    })
}

/// File line and column of a top-level `key:` in the front matter, for
/// problems found after parsing.
pub(crate) fn key_position(split: &Split, key: &str) -> (usize, usize) {
    key_positions(split, key).next().unwrap_or((1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        let split = split("a.md", text).map_err(|d| vec![d])?;
        parse("a.md", text, &split)
    }

    #[test]
    fn parses_every_key() {
        let text = "---\ntitle: T\ndescription: D\ndate: 2024-05-01\nupdated: 2024-06-01T10:00:00Z\ntags: [a, b]\ndifficulty: advanced\nweight: 3\ndraft: true\nslug: s\nrelated: [x.md]\naliases: [/old/]\ntemplate: custom.html\nextra:\n  k: v\n---\nbody\n";
        let f = parse_text(text).unwrap();
        assert_eq!(f.title, "T");
        assert_eq!(f.date.unwrap().display(), "1 May 2024");
        assert_eq!(f.updated.unwrap().day.to_string(), "2024-06-01");
        assert_eq!(f.tags, ["a", "b"]);
        assert_eq!(f.difficulty, Some(Difficulty::Advanced));
        assert_eq!(f.weight, Some(3));
        assert!(f.draft);
        assert_eq!(f.slug.as_deref(), Some("s"));
        assert_eq!(f.related, ["x.md"]);
        assert_eq!(f.aliases, ["/old/"]);
        assert_eq!(f.template.as_deref(), Some("custom.html"));
        assert_eq!(f.extra.len(), 1);
    }

    #[test]
    fn body_starts_after_closing_line() {
        let text = "---\ntitle: T\n---\n# Hi\n";
        let s = split("a.md", text).unwrap();
        assert_eq!(&text[s.body_offset..], "# Hi\n");
    }

    #[test]
    fn errors_point_into_the_md_file() {
        let errs = parse_text("---\ntitle: T\nweight: heavy\n---\n").unwrap_err();
        assert_eq!((errs[0].line(), errs[0].column()), (3, 9), "{}", errs[0]);
        let errs = parse_text("---\ntitle: T\ntitel: U\n---\n").unwrap_err();
        assert_eq!((errs[0].line(), errs[0].column()), (3, 1), "{}", errs[0]);
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `title`?"));
        let errs = parse_text("---\ntitle: T\ndate: 2024-13-01\n---\n").unwrap_err();
        assert_eq!((errs[0].line(), errs[0].column()), (3, 7), "{}", errs[0]);
        assert!(errs[0].message.contains("invalid date"), "{}", errs[0]);
        let errs = parse_text("---\ntitle: \"unclosed\n---\n").unwrap_err();
        assert!(errs[0].message.contains("not valid YAML"), "{}", errs[0]);
        assert!(errs[0].line() >= 2, "{}", errs[0]);
    }

    #[test]
    fn title_is_required() {
        let errs = parse_text("---\ndescription: D\n---\n").unwrap_err();
        assert_eq!(errs[0].message, "front matter has no `title`");
        assert_eq!((errs[0].line(), errs[0].column()), (1, 1));
        assert!(parse_text("---\n---\n").is_err());
        assert!(split("a.md", "# no front matter\n").is_err());
        assert!(split("a.md", "---\ntitle: x\n").is_err());
    }
}
