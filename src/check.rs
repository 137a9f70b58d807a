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
        serde_json::json!({
            "ok": self.errors() == 0,
            "errors": self.errors(),
            "warnings": self.warnings(),
            "diagnostics": self.diagnostics,
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
                    .site
                    .pages
                    .iter()
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
