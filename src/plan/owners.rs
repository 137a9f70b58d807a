//! Who holds each site path. Two owners of one path is an error, and so are
//! two paths that differ only in letter case: on the case-insensitive disks
//! of macOS and Windows authors, and on some hosts, they are one folder, and
//! one page would overwrite the other.

use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct Owners {
    /// Site path -> who holds it (`content/sql/joins.md`, `the section
    /// folder content/sql`).
    exact: HashMap<String, String>,
    /// Lower-cased site path -> the site path that holds it.
    folded: HashMap<String, String>,
}

impl Owners {
    /// Who holds exactly `path`.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.exact.get(path).map(String::as_str)
    }

    /// Another path that differs from `path` only in letter case, and who
    /// holds it.
    pub fn case_twin(&self, path: &str) -> Option<(&str, &str)> {
        let twin = self.folded.get(&path.to_lowercase())?;
        (twin != path).then(|| (twin.as_str(), self.exact[twin].as_str()))
    }

    /// Why `what` (`this page's URL`) cannot be `path`: it is taken, or
    /// differs only in letter case from a path that is.
    pub fn clash(&self, what: &str, path: &str) -> Option<String> {
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

    pub fn insert(&mut self, path: String, owner: String) {
        self.folded
            .entry(path.to_lowercase())
            .or_insert_with(|| path.clone());
        self.exact.insert(path, owner);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_paths_that_differ_only_in_case() {
        let mut owners = Owners::default();
        owners.insert("/sql/joins/".into(), "content/sql/joins.md".into());
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
        owners.insert("/straße/".into(), "content/straße.md".into());
        assert_eq!(owners.case_twin("/STRAßE/").map(|t| t.0), Some("/straße/"));
    }
}
