//! What `serve` watches: the site's own folders, and every other folder
//! that holds a file a page includes (`file="/examples/gen.py"`), added as
//! pages start to include them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use super::ServeError;

/// The folders a change in which can change the site.
const SOURCES: [&str; 4] = ["content", "static", "templates", "themes"];

/// A watcher over the site's sources.
pub(crate) struct Watch {
    watcher: RecommendedWatcher,
    root: PathBuf,
    /// Folders watched for included files, beside the site's own.
    extra: HashSet<PathBuf>,
}

impl Watch {
    /// Watches `root` itself (`site.toml`) and its source folders, sending
    /// every change to `events`.
    pub(crate) fn new(
        root: &Path,
        events: std::sync::mpsc::Sender<notify::Result<notify::Event>>,
    ) -> Result<Watch, ServeError> {
        let failed =
            |path: &Path, e: notify::Error| ServeError::Watch(path.to_path_buf(), e.to_string());
        let mut watcher = notify::recommended_watcher(events).map_err(|e| failed(root, e))?;
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| failed(root, e))?;
        for dir in SOURCES {
            let path = root.join(dir);
            if path.is_dir() {
                watcher
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| failed(&path, e))?;
            }
        }
        Ok(Watch {
            watcher,
            root: root.to_path_buf(),
            extra: HashSet::new(),
        })
    }

    /// Also watches the folders of `files` (included by pages) that the
    /// site's own watches do not cover. A folder that cannot be watched
    /// (it does not exist yet) is tried again after the next build.
    pub(crate) fn include(&mut self, files: &[PathBuf]) {
        for file in files {
            let Some(dir) = file.parent() else { continue };
            let covered =
                dir == self.root || SOURCES.iter().any(|s| dir.starts_with(self.root.join(s)));
            if covered || self.extra.contains(dir) {
                continue;
            }
            if self.watcher.watch(dir, RecursiveMode::NonRecursive).is_ok() {
                self.extra.insert(dir.to_path_buf());
            }
        }
    }
}
