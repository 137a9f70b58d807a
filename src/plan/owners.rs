//! Who holds each site path. Two owners of one path is an error, and so are
//! two paths that differ only in letter case: on the case-insensitive disks
//! of macOS and Windows authors, and on some hosts, they are one folder, and
//! one page would overwrite the other.

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Location};

/// Who holds a site path, and where that is written when it is a file.
#[derive(Debug)]
struct Owner {
    /// `content/sql/joins.md`, `the section folder content/sql`.
    name: String,
    at: Option<Location>,
}

#[derive(Debug, Default)]
pub(crate) struct Owners {
    /// Site path -> who holds it.
    exact: HashMap<String, Owner>,
    /// Lower-cased site path -> the site path that holds it.
    folded: HashMap<String, String>,
}

impl Owners {
    /// Who holds exactly `path`.
    pub(crate) fn get(&self, path: &str) -> Option<&str> {
        self.exact.get(path).map(|o| o.name.as_str())
    }

    /// Another path that differs from `path` only in letter case, and who
    /// holds it.
    pub(crate) fn case_twin(&self, path: &str) -> Option<(&str, &str)> {
        let twin = self.folded.get(&path.to_lowercase())?;
        (twin != path).then(|| (twin.as_str(), self.exact[twin].name.as_str()))
    }

    /// Why `what` (`this page's URL`) cannot be `path`: it is taken, or
    /// differs only in letter case from a path that is.
    pub(crate) fn clash(&self, what: &str, path: &str) -> Option<String> {
        if let Some(owner) = self.get(path) {
            return Some(format!("{what} {path} is already taken by {owner}"));
        }
        let (twin, owner) = self.case_twin(path)?;
        Some(format!(
            "{what} {path} differs only in letter case from {twin} ({owner}): on \
             case-insensitive disks (macOS, Windows) and some hosts they are one, and one \
             would overwrite the other"
        ))
    }

    /// `d` with a note at the file that holds `path` (or its case twin),
    /// when a file does.
    pub(crate) fn point_at_owner(&self, d: Diagnostic, path: &str) -> Diagnostic {
        let held = match self.exact.get(path) {
            Some(owner) => Some(owner),
            None => self
                .case_twin(path)
                .and_then(|(twin, _)| self.exact.get(twin)),
        };
        match held.and_then(|o| o.at.clone()) {
            Some(at) => d.with_label(at, "the other one is here"),
            None => d,
        }
    }

    /// Records that `owner` holds `path`; `at` is where, if in a file.
    pub(crate) fn insert(&mut self, path: String, owner: String, at: Option<Location>) {
        self.folded
            .entry(path.to_lowercase())
            .or_insert_with(|| path.clone());
        self.exact.insert(path, Owner { name: owner, at });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_paths_that_differ_only_in_case() {
        let mut owners = Owners::default();
        owners.insert("/sql/joins/".into(), "content/sql/joins.md".into(), None);
        assert_eq!(owners.get("/sql/joins/"), Some("content/sql/joins.md"));
        assert_eq!(
            owners.case_twin("/sql/joins/"),
            None,
            "a path is not its own twin"
        );
        assert_eq!(
            owners.case_twin("/SQL/Joins/"),
            Some(("/sql/joins/", "content/sql/joins.md"))
        );
        assert_eq!(owners.case_twin("/Straße/"), None);
        owners.insert("/straße/".into(), "content/straße.md".into(), None);
        assert_eq!(owners.case_twin("/STRAßE/").map(|t| t.0), Some("/straße/"));
    }
}
