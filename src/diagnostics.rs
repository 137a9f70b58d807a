//! Locations, diagnostics and the collector every stage reports into.
//!
//! A stage never stops at its first problem: it records a [`Diagnostic`]
//! and carries on, so one build reports everything that is wrong at once.

use std::fmt;
use std::path::{Path, PathBuf};

/// The diagnostic code of broken internal links and anchors.
pub const BROKEN_LINK: &str = "broken-link";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as the user knows it: relative to the site root when inside it.
    pub path: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// The offending source line, shown under the message.
    pub source_line: Option<String>,
    /// What kind of problem, for tools and for settings that change how
    /// a kind is reported (`broken-link`).
    pub code: Option<&'static str>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: 0,
            column: 0,
            message: message.into(),
            help: None,
            source_line: None,
            code: None,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Places the diagnostic at `line`/`column` of `source` (the whole file),
    /// keeping the line's text to show under the message.
    pub fn at(self, source: &str, line: usize, column: usize) -> Self {
        let text = source.lines().nth(line.saturating_sub(1));
        self.at_line(line, column, text)
    }

    /// Places the diagnostic at a byte offset of `source`.
    pub fn at_offset(self, source: &str, offset: usize) -> Self {
        LineIndex::new(source).place(self, source, offset)
    }

    fn at_line(mut self, line: usize, column: usize, text: Option<&str>) -> Self {
        self.line = line;
        self.column = column;
        self.source_line = text.map(|l| l.trim_end_matches('\r').to_string());
        self
    }

    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// 1-based line and character column of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(source).line_col(source, offset)
}

/// Where each line of a text starts: for a file asked about many times
/// (every question of a page), lines are found once, not per question.
pub struct LineIndex(Vec<usize>);

impl LineIndex {
    pub fn new(source: &str) -> Self {
        LineIndex(
            std::iter::once(0)
                .chain(source.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        )
    }

    /// 1-based line and character column of a byte offset of `source`
    /// (the text the index was made from).
    pub fn line_col(&self, source: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.0.partition_point(|&start| start <= offset);
        let start = self.0[line - 1];
        (line, source[start..offset].chars().count() + 1)
    }

    /// `d` placed at a byte offset of `source`, with its line's text.
    pub fn place(&self, d: Diagnostic, source: &str, offset: usize) -> Diagnostic {
        let (line, column) = self.line_col(source, offset);
        let start = self.0[line - 1];
        let end = self.0.get(line).map_or(source.len(), |&next| next);
        // As `str::lines` sees it: no line after a final newline.
        let text = (start < source.len()).then(|| {
            let text = &source[start..end];
            text.strip_suffix('\n').unwrap_or(text)
        });
        d.at_line(line, column, text)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let path = self.path.display();
        if self.line > 0 {
            write!(
                f,
                "{path}:{}:{}: {kind}: {}",
                self.line, self.column, self.message
            )?;
        } else {
            write!(f, "{path}: {kind}: {}", self.message)?;
        }
        if let (Some(text), true) = (&self.source_line, self.line > 0) {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            let caret = " ".repeat(self.column.saturating_sub(1));
            write!(f, "\n {pad} |\n {number} | {text}\n {pad} | {caret}^")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// The problems of one build, kept in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(ds);
    }

    /// Reports every diagnostic of `code` as a warning.
    pub fn downgrade(&mut self, code: &str) {
        for d in &mut self.0 {
            if d.code == Some(code) {
                d.severity = Severity::Warning;
            }
        }
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sorted by file, then position, so parallel stages print the same
    /// report on every run.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
        });
        self.0.dedup();
        self.0
    }
}

/// The closest candidate to `name`, if any is close enough to be a likely typo.
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// Help for serde's "unknown field `x`, expected one of `a`, `b`" messages:
/// the field name and the nearest known one.
pub fn unknown_field_help(message: &str) -> Option<(String, Option<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let known: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let nearest = suggest(field, known.iter().copied()).map(str::to_string);
    Some((field.to_string(), nearest))
}

/// `path` relative to `root` when it lies inside it, for messages.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\ncé d\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 7), (2, 4));
        // Placing by the index shows the same line text as placing by
        // line number, to the end of the file.
        let text = "a\r\n\nbé c\nlast";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 1 {
            let (line, column) = line_col(text, offset);
            let by_index = index.place(Diagnostic::error("x", ""), text, offset);
            let by_line = Diagnostic::error("x", "").at(text, line, column);
            assert_eq!(
                (by_index.line, by_index.column, by_index.source_line),
                (by_line.line, by_line.column, by_line.source_line),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(suggest("base_ur", ["title", "base_url"]), Some("base_url"));
        assert_eq!(suggest("zzz", ["title", "base_url"]), None);
    }

    #[test]
    fn parses_unknown_field_messages() {
        let (field, near) =
            unknown_field_help("unknown field `titel`, expected one of `title`, `tags`").unwrap();
        assert_eq!(field, "titel");
        assert_eq!(near.as_deref(), Some("title"));
    }

    #[test]
    fn renders_location_and_caret() {
        let d = Diagnostic::error("a.md", "bad")
            .at("x\nhello\n", 2, 3)
            .with_help("fix it");
        let shown = d.to_string();
        assert!(shown.starts_with("a.md:2:3: error: bad"), "{shown}");
        assert!(shown.contains(" 2 | hello"), "{shown}");
        assert!(shown.contains("   |   ^"), "{shown}");
        assert!(shown.contains("= help: fix it"), "{shown}");
    }
}
