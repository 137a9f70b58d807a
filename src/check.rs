//! `syllabus check`: every problem a build would report, and on request
//! every external link that does not answer, without writing anything.

use crate::build::{self, BuildOptions};
use crate::diagnostics::{self, Diagnostic};
use crate::external::{self, ExternalOptions};

/// What a check found, in the order it is printed.
#[derive(Debug)]
pub struct CheckReport {
    /// Every problem found, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// 0 when nothing is wrong, 1 for content errors, 2 for configuration
    /// errors (as `build`).
    pub exit_code: u8,
}

impl CheckReport {
    /// How many of the problems are errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// How many of the problems are warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// The report for editors and CI: `{"ok", "errors", "warnings",
    /// "diagnostics": [...]}`.
    pub fn to_json(&self) -> serde_json::Value {
        let diagnostics: Vec<serde_json::Value> = self.diagnostics.iter().map(json).collect();
        serde_json::json!({
            "ok": self.errors() == 0,
            "errors": self.errors(),
            "warnings": self.warnings(),
            "diagnostics": diagnostics,
        })
    }
}

/// Checks the site of `opts`; with `external`, also requests every
/// external link of a site that has no errors.
pub fn check(opts: &BuildOptions, external: Option<&ExternalOptions>) -> CheckReport {
    let (mut diagnostics, mut exit_code) = match build::check(opts) {
        Ok(checked) => {
            let mut found = checked.warnings.clone();
            if let Some(options) = external {
                let links: Vec<_> = checked
                    .sites
                    .iter()
                    .flat_map(|local| &local.site.pages)
                    .flat_map(|p| p.rendered.external.iter())
                    .collect();
                found.extend(external::check(&links, options));
            }
            (found, 0)
        }
        Err(e) => (e.diagnostics().to_vec(), e.exit_code() as u8),
    };
    diagnostics::sort(&mut diagnostics);
    if exit_code == 0 && diagnostics.iter().any(Diagnostic::is_error) {
        exit_code = 1;
    }
    CheckReport {
        diagnostics,
        exit_code,
    }
}

/// A diagnostic as `check --format json` prints it: `path` holds the file,
/// or the option or part of the site for problems that are not in a file;
/// `labels` appears when the problem involves a second place.
fn json(d: &Diagnostic) -> serde_json::Value {
    let place = |l: &crate::diagnostics::Location| (l.subject(), l.line(), l.column());
    let (path, line, column) = place(&d.location);
    let mut value = serde_json::json!({
        "severity": d.severity,
        "path": path,
        "line": line,
        "column": column,
        "message": d.message,
        "help": d.help,
        "code": d.code,
    });
    if !d.labels.is_empty() {
        value["labels"] = d
            .labels
            .iter()
            .map(|l| {
                let (path, line, column) = place(&l.location);
                serde_json::json!({"path": path, "line": line, "column": column, "message": l.message})
            })
            .collect();
    }
    value
}
