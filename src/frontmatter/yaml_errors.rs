//! serde_yaml's complaints as diagnostics at the key or value the author has
//! to fix, and every broken key of a front matter reported, not only the
//! first serde_yaml meets.
//!
//! serde_yaml stops at its first problem, and a bad value it meets before
//! a syntax error further down is blamed on the mapping's first line. So
//! when parsing fails, the syntax is checked on its own first, and after
//! each problem the offending key's lines are blanked (keeping line
//! numbers) and the rest is parsed again.

use std::ops::Range;

use super::{FrontMatter, Split};
use crate::diagnostics::{unknown_field_help, Diagnostic};

/// Past this many problems in one front matter, the rest is likely fallout.
const MAX_PROBLEMS: usize = 8;

/// The front matter of `split`, or every problem found in it.
pub(super) fn deserialize(
    path: &str,
    text: &str,
    split: &Split,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    // Most front matter is fine: only a failure pays for the search below.
    if let Ok(front) = serde_yaml::from_str(split.yaml) {
        return Ok(front);
    }
    let mut yaml = Yaml {
        lines: split
            .yaml
            .split_inclusive('\n')
            .map(str::to_string)
            .collect(),
        first_line: split.yaml_line,
    };
    let mut problems = Vec::new();
    loop {
        let e = match yaml.parse() {
            Ok(front) if problems.is_empty() => return Ok(front),
            Ok(_) => return Err(problems),
            Err(e) => e,
        };
        let (d, missing_title) = describe(path, text, &yaml, &e);
        // With keys blanked, a missing title is only the echo of an
        // earlier problem.
        if missing_title && !problems.is_empty() {
            return Err(problems);
        }
        let blanked = !missing_title && yaml.blank_around(d.line());
        problems.push(d);
        if !blanked || problems.len() == MAX_PROBLEMS || yaml.is_empty() {
            return Err(problems);
        }
    }
}

/// The front matter's lines as they are being parsed, some blanked.
struct Yaml {
    /// Each with its line ending.
    lines: Vec<String>,
    /// File line of the first.
    first_line: usize,
}

impl Yaml {
    /// The front matter, or the first problem: a syntax error anywhere
    /// before a bad value serde_yaml happened to meet first.
    fn parse(&self) -> Result<FrontMatter, serde_yaml::Error> {
        let text = self.lines.concat();
        serde_yaml::from_str(&text).map_err(|e| {
            serde_yaml::from_str::<serde::de::IgnoredAny>(&text)
                .err()
                .unwrap_or(e)
        })
    }

    fn is_empty(&self) -> bool {
        self.lines.iter().all(|l| {
            let l = l.trim();
            l.is_empty() || l.starts_with('#')
        })
    }

    fn file_line(&self, index: usize) -> usize {
        self.first_line + index
    }

    /// Lines of the top-level key whose block holds line `index`: its own
    /// line and the indented (or `- `) lines under it.
    fn block_around(&self, index: usize) -> Option<Range<usize>> {
        let start = (0..=index.min(self.lines.len().checked_sub(1)?))
            .rev()
            .find(|&i| starts_key(&self.lines[i]))?;
        let end = (start + 1..self.lines.len())
            .find(|&i| starts_key(&self.lines[i]))
            .unwrap_or(self.lines.len());
        Some(start..end)
    }

    /// Blanks the key around file line `line`; false when nothing changed.
    fn blank_around(&mut self, line: usize) -> bool {
        let Some(block) = self.block_around(line.saturating_sub(self.first_line)) else {
            return false;
        };
        let mut changed = false;
        for line in &mut self.lines[block] {
            let ending = if line.ends_with("\r\n") {
                "\r\n"
            } else if line.ends_with('\n') {
                "\n"
            } else {
                ""
            };
            changed |= line.len() != ending.len();
            *line = ending.to_string();
        }
        changed
    }

    /// Indices of every top-level `key:` line.
    fn key_lines<'a>(&'a self, key: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.lines
            .iter()
            .enumerate()
            .filter(move |(_, line)| {
                line.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
            .map(|(i, _)| i)
    }

    /// File line and column of `value` in the block of `key`, or of any
    /// key when serde_yaml did not say which: a line holding just that
    /// value first (`2024-06` is not the start of `2024-06-01`), then any.
    fn value_position(&self, key: Option<&str>, value: &str) -> Option<(usize, usize)> {
        let lines = match key {
            Some(key) => self.block_around(self.key_lines(key).next()?)?,
            None => 0..self.lines.len(),
        };
        let found = |exact: bool| {
            lines.clone().find_map(|i| {
                let line = &self.lines[i];
                // Past the key on its own line, so `date: date` finds the value.
                let from = if starts_key(line) {
                    line.find(':')? + 1
                } else {
                    0
                };
                let written = line[from..].trim().trim_matches(['"', '\'']);
                if exact && written != value {
                    return None;
                }
                let col = from + line[from..].find(value)?;
                Some((self.file_line(i), line[..col].chars().count() + 1))
            })
        };
        found(true).or_else(|| found(false))
    }

    /// File line and column where the value of top-level `key` starts.
    fn key_position(&self, key: &str) -> Option<(usize, usize)> {
        let i = self.key_lines(key).next()?;
        let line = &self.lines[i];
        let after = line.find(':')? + 1;
        let value = after + (line[after..].len() - line[after..].trim_start().len());
        let col = if line[value..].trim().is_empty() {
            1
        } else {
            line[..value].chars().count() + 1
        };
        Some((self.file_line(i), col))
    }

    /// File line and column just after the last thing written.
    fn last_written(&self) -> Option<(usize, usize)> {
        let i = self.lines.iter().rposition(|l| !l.trim().is_empty())?;
        let end = self.lines[i].trim_end().chars().count() + 1;
        Some((self.file_line(i), end))
    }

    /// Whether file line `line` lies in the block of top-level `key`.
    fn in_block_of(&self, key: &str, line: usize) -> bool {
        self.key_lines(key).any(|k| {
            self.block_around(k)
                .is_some_and(|b| b.contains(&line.wrapping_sub(self.first_line)))
        })
    }
}

/// Whether `line` starts a top-level key (not indentation, a comment or a
/// list item under the key before).
fn starts_key(line: &str) -> bool {
    line.chars()
        .next()
        .is_some_and(|c| !c.is_whitespace() && c != '#' && c != '-')
}

/// A serde_yaml error as a diagnostic placed in the `.md` file, and
/// whether it is the missing title.
fn describe(path: &str, text: &str, yaml: &Yaml, e: &serde_yaml::Error) -> (Diagnostic, bool) {
    let to_file = |line: usize, column: usize| (line + yaml.first_line - 1, column);
    let mut at = e
        .location()
        .map_or((yaml.first_line, 1), |l| to_file(l.line(), l.column()));
    let full = e.to_string();
    // "did not find expected ',' at line 4 column 1, while parsing a flow
    // sequence at line 3 column 7": the construct that was left open is
    // where the author has to look (but a stray tab is where it is).
    let context = full.split_once(", while ").map(|(_, c)| c);
    if let Some(context) = context.filter(|_| !full.starts_with("found a tab")) {
        if let Some((line, column)) = parse_at_line(context) {
            at = to_file(line, column);
        }
    }
    // At the end of the YAML (the closing `---`), something left open was
    // never finished: show where the author stopped writing.
    if at.0 >= yaml.file_line(yaml.lines.len()) {
        at = yaml.last_written().unwrap_or(at);
    }
    // serde_yaml appends " at line N column M"; we print our own.
    let message = full.split(" at line ").next().unwrap_or(&full).to_string();
    if message.starts_with("missing field `title`") {
        return (super::missing_title(path, text), true);
    }
    // serde_yaml names the key path first: "tags[1]: invalid type: ...".
    let (key, detail) = match message.split_once(": ") {
        Some((key, rest)) if !key.contains(' ') => (Some(key), rest.to_string()),
        _ => (None, message.clone()),
    };
    let backticked = |prefix: &str| {
        detail
            .strip_prefix(prefix)
            .and_then(|r| r.split('`').next())
    };
    let top_key = key
        .map(|k| k.split(['.', '[']).next().unwrap_or(k))
        .or_else(|| backticked("unknown field `"));
    // Errors raised by our own types (dates) carry the mapping's position,
    // and so may others: find the key's own line.
    if let Some(value) = backticked("invalid date `") {
        at = yaml.value_position(key, value).unwrap_or(at);
    } else if let Some(field) = backticked("duplicate field `") {
        at = yaml
            .key_lines(field)
            .nth(1)
            .map_or(at, |i| (yaml.file_line(i), 1));
    } else if let Some(k) = top_key {
        if !yaml.in_block_of(k, at.0) {
            at = yaml.key_position(k).unwrap_or(at);
        }
    }
    let mut d = Diagnostic::error(path, detail.clone()).at(text, at.0, at.1);
    if let Some((field, near)) = unknown_field_help(&detail) {
        d.message = format!("unknown front matter key `{field}`");
        d.help = Some(match near {
            Some(n) => format!("did you mean `{n}`?"),
            None => "put free data for templates under `extra:`".into(),
        });
    } else if let Some(found) = detail.strip_prefix("invalid type: ") {
        d.message = format!("wrong type for `{}`: found {found}", key.unwrap_or("a key"));
    } else if detail.starts_with("unknown variant") || detail.starts_with("invalid value") {
        d.message = format!("wrong value for `{}`: {detail}", key.unwrap_or("a key"));
    } else if let Some(field) = backticked("duplicate field `") {
        d.message = format!("`{field}` appears twice in the front matter");
        d.help = Some("keep one of them".into());
    } else if !detail.starts_with("invalid date") {
        d.message = format!("front matter is not valid YAML: {message}");
        d.help = syntax_help(&full).map(str::to_string);
    }
    (d, false)
}

/// How to fix the YAML mistakes authors make most.
fn syntax_help(error: &str) -> Option<&'static str> {
    let context = error.split_once(", while ").map_or("", |(_, c)| c);
    Some(if error.starts_with("found a tab") {
        "indent with spaces: YAML does not allow tabs there"
    } else if context.contains("quoted scalar") {
        "close the quote that starts here"
    } else if context.contains("flow sequence") {
        "close the list with `]`, and separate its items with commas"
    } else if context.contains("flow mapping") {
        "close the mapping with `}`, and separate its entries with commas"
    } else if error.starts_with("mapping values are not allowed") {
        "put quotes around a value that contains `: `, or indent nested keys under a key with no value"
    } else {
        return None;
    })
}

/// "line 3 column 7" at the start of `text`.
fn parse_at_line(text: &str) -> Option<(usize, usize)> {
    let rest = &text[text.find("at line ")? + "at line ".len()..];
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}
