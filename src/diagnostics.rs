//! Locations, diagnostics and the collector every stage reports into.
//!
//! A stage never stops at its first problem: it records a [`Diagnostic`]
//! and carries on, so one build reports everything that is wrong at once.

use std::fmt;
use std::path::{Path, PathBuf};

/// What kind of problem a diagnostic is, for tools (`check --format json`)
/// and for settings that change how a kind is reported.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// An internal link, anchor or `related:` page that does not exist;
    /// `[links] internal = "warning"` lowers it.
    BrokenLink,
    /// An external link that did not answer (`check --external`).
    BrokenExternalLink,
}

/// How serious a problem is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build stops (with every error found).
    Error,
    /// The build goes on; the problem is reported.
    Warning,
}

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Location {
    /// A file as the user knows it (relative to the site root when inside
    /// it), at a 1-based line and character column; line 0 is the file as
    /// a whole. The line's text is kept to show under the message.
    File {
        /// The file, relative to the site when inside it.
        path: PathBuf,
        /// 1-based line; 0 for the file as a whole.
        line: usize,
        /// 1-based column, counted in characters.
        column: usize,
        /// The line's text, shown under the message.
        source_line: Option<String>,
    },
    /// A command-line option, like `--base-url`.
    Option(String),
    /// Something of the site that is not one file: `templates`, `output`.
    Site(String),
}

impl Location {
    /// A whole file.
    pub(crate) fn file(path: impl Into<PathBuf>) -> Location {
        Location::File {
            path: path.into(),
            line: 0,
            column: 0,
            source_line: None,
        }
    }

    /// The same file at `line`/`column` of `source` (its whole text).
    pub(crate) fn at(self, source: &str, line: usize, column: usize) -> Location {
        let text = source.lines().nth(line.saturating_sub(1));
        self.at_line(line, column, text)
    }

    fn at_line(self, line: usize, column: usize, text: Option<&str>) -> Location {
        match self {
            Location::File { path, .. } => Location::File {
                path,
                line,
                column,
                source_line: text.map(|l| l.trim_end_matches('\r').to_string()),
            },
            other => other,
        }
    }

    /// The file, if the location is in one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Location::File { path, .. } => Some(path),
            _ => None,
        }
    }

    /// 1-based line; 0 for a whole file or something that is not a file.
    pub fn line(&self) -> usize {
        match self {
            Location::File { line, .. } => *line,
            _ => 0,
        }
    }

    /// 1-based character column; 0 when there is no line.
    pub fn column(&self) -> usize {
        match self {
            Location::File { column, .. } => *column,
            _ => 0,
        }
    }

    pub(crate) fn source_line(&self) -> Option<&str> {
        match self {
            Location::File { source_line, .. } => source_line.as_deref(),
            _ => None,
        }
    }

    /// What a message starts with: `path:line:col`, `path`, `--base-url`.
    pub(crate) fn shown(&self) -> String {
        match self {
            Location::File { path, line, .. } if *line > 0 => {
                format!("{}:{line}:{}", path.display(), self.column())
            }
            Location::File { path, .. } => path.display().to_string(),
            Location::Option(name) | Location::Site(name) => name.clone(),
        }
    }

    /// The file's path, or the option's or part's name, as JSON shows it.
    pub(crate) fn subject(&self) -> String {
        match self {
            Location::File { path, .. } => path.display().to_string(),
            Location::Option(name) | Location::Site(name) => name.to_string(),
        }
    }
}

/// A second place that explains the first ("first defined here").
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Label {
    /// Where.
    pub location: Location,
    /// What it says there.
    pub message: String,
}

/// One problem, at a place.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where the problem is.
    pub location: Location,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// What kind of problem, when a setting or tool cares.
    pub code: Option<Code>,
    /// Other places the problem involves.
    pub labels: Vec<Label>,
}

impl Diagnostic {
    /// An error in the file at `path`.
    pub(crate) fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Error, Location::file(path), message)
    }

    /// A warning about the file at `path`.
    pub(crate) fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Warning, Location::file(path), message)
    }

    /// A problem at `location`.
    pub fn new(severity: Severity, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            location,
            message: message.into(),
            help: None,
            code: None,
            labels: Vec::new(),
        }
    }

    /// Places the diagnostic at `line`/`column` of `source` (the whole file),
    /// keeping the line's text to show under the message.
    pub(crate) fn at(mut self, source: &str, line: usize, column: usize) -> Self {
        self.location = self.location.at(source, line, column);
        self
    }

    /// Places the diagnostic at a byte offset of `source`.
    pub(crate) fn at_offset(self, source: &str, offset: usize) -> Self {
        LineIndex::new(source).place(self, source, offset)
    }

    pub(crate) fn with_code(mut self, code: Code) -> Self {
        self.code = Some(code);
        self
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds another place the problem involves.
    pub(crate) fn with_label(mut self, location: Location, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            location,
            message: message.into(),
        });
        self
    }

    /// Whether it stops a build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The file, if the problem is in one.
    pub fn path(&self) -> Option<&Path> {
        self.location.path()
    }

    /// 1-based line; 0 when it concerns a whole file or no file.
    pub fn line(&self) -> usize {
        self.location.line()
    }

    /// 1-based character column; 0 when there is no line.
    pub fn column(&self) -> usize {
        self.location.column()
    }

    /// The order reports are printed in: by file, then position.
    fn order_key(&self) -> (String, usize, usize, &str) {
        (
            self.location.subject(),
            self.line(),
            self.column(),
            &self.message,
        )
    }
}

/// 1-based line and character column of a byte offset.
pub(crate) fn line_col(source: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(source).line_col(source, offset)
}

/// Where each line of a text starts: for a file asked about many times
/// (every question of a page), lines are found once, not per question.
pub(crate) struct LineIndex(Vec<usize>);

impl LineIndex {
    pub(crate) fn new(source: &str) -> Self {
        LineIndex(
            std::iter::once(0)
                .chain(source.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        )
    }

    /// 1-based line and character column of a byte offset of `source`
    /// (the text the index was made from).
    pub(crate) fn line_col(&self, source: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.0.partition_point(|&start| start <= offset);
        let start = self.0[line - 1];
        (line, source[start..offset].chars().count() + 1)
    }

    /// `d` placed at a byte offset of `source`, with its line's text.
    pub(crate) fn place(&self, d: Diagnostic, source: &str, offset: usize) -> Diagnostic {
        Diagnostic {
            location: self.locate(d.location.clone(), source, offset),
            ..d
        }
    }

    /// `location` (a file) moved to a byte offset of `source`, with its
    /// line's text.
    pub(crate) fn locate(&self, location: Location, source: &str, offset: usize) -> Location {
        let (line, column) = self.line_col(source, offset);
        let start = self.0[line - 1];
        let end = self.0.get(line).map_or(source.len(), |&next| next);
        // As `str::lines` sees it: no line after a final newline.
        let text = (start < source.len()).then(|| {
            let text = &source[start..end];
            text.strip_suffix('\n').unwrap_or(text)
        });
        location.at_line(line, column, text)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {kind}: {}", self.location.shown(), self.message)?;
        if let (Some(text), line @ 1..) = (self.location.source_line(), self.line()) {
            let number = line.to_string();
            let pad = " ".repeat(number.len());
            let caret = " ".repeat(self.column().saturating_sub(1));
            write!(f, "\n {pad} |\n {number} | {text}\n {pad} | {caret}^")?;
        }
        for label in &self.labels {
            write!(
                f,
                "\n  = note: {}: {}",
                label.location.shown(),
                label.message
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// The problems of one build, kept in a stable order.
#[derive(Debug, Default, Clone)]
pub(crate) struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    pub(crate) fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(ds);
    }

    /// Reports every diagnostic of `code` as a warning.
    pub(crate) fn downgrade(&mut self, code: Code) {
        for d in &mut self.0 {
            if d.code == Some(code) {
                d.severity = Severity::Warning;
            }
        }
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Sorted by file, then position, so parallel stages print the same
    /// report on every run.
    pub(crate) fn into_sorted(mut self) -> Vec<Diagnostic> {
        sort(&mut self.0);
        self.0.dedup();
        self.0
    }
}

/// Sorts diagnostics by file, then position, then message.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
}

/// The closest candidate to `name`, if any is close enough to be a likely typo.
pub(crate) fn suggest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// Help for serde's "unknown field `x`, expected one of `a`, `b`" messages:
/// the field name and the nearest known one.
pub(crate) fn unknown_field_help(message: &str) -> Option<(String, Option<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let known: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let nearest = suggest(field, known.iter().copied()).map(str::to_string);
    Some((field.to_string(), nearest))
}

/// `path` relative to `root` when it lies inside it, for messages.
pub(crate) fn display_path(root: &Path, path: &Path) -> PathBuf {
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
            assert_eq!(by_index.location, by_line.location, "offset {offset}");
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
