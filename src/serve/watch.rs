//! What `serve` watches: the site's own folders, and every other folder
//! that holds a file a page includes (`file="/examples/gen.py"`), added as
//! pages start to include them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

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
        events: std::sync::mpsc::Sender<Change>,
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

/// What the watcher reports.
pub(crate) type Change = notify::Result<notify::Event>;

/// How long the sources must be quiet after a change before a rebuild
/// starts, so that a burst of saves becomes one rebuild and a file is not
/// read half written.
const QUIET: Duration = Duration::from_millis(25);
/// The same once the last event ended a write (the file was closed, or
/// renamed into place): only what belongs to the same save can follow.
const SETTLED: Duration = Duration::from_millis(3);

/// Waits, after the change `first`, until the sources are quiet.
pub(crate) fn settle(changes: &Receiver<Change>, first: &Change) {
    let mut window = wait_after(first).unwrap_or(QUIET);
    while let Ok(event) = changes.recv_timeout(window) {
        window = wait_after(&event).unwrap_or(window);
    }
}

/// How long to wait for more after `event`; none when it changes nothing
/// (a file opened, by an editor or by the rebuild itself).
fn wait_after(event: &Change) -> Option<Duration> {
    let Ok(event) = event else {
        return Some(QUIET);
    };
    match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write))
        | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
        | EventKind::Remove(_) => Some(SETTLED),
        EventKind::Access(_) => None,
        _ => Some(QUIET),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange};
    use notify::Event;

    fn event(kind: EventKind) -> Change {
        Ok(Event::new(kind).add_path("content/a.md".into()))
    }

    #[test]
    fn a_finished_write_is_waited_on_briefly_and_a_file_opened_not_at_all() {
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        let written = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        let created = EventKind::Create(CreateKind::File);
        let opened = EventKind::Access(AccessKind::Open(AccessMode::Any));
        assert_eq!(wait_after(&event(closed)), Some(SETTLED));
        assert_eq!(wait_after(&event(renamed)), Some(SETTLED));
        // Still being written: more may come.
        assert_eq!(wait_after(&event(written)), Some(QUIET));
        assert_eq!(wait_after(&event(created)), Some(QUIET));
        assert_eq!(
            wait_after(&Err(notify::Error::generic("lost"))),
            Some(QUIET)
        );
        assert_eq!(wait_after(&event(opened)), None);
    }

    #[test]
    fn settling_takes_every_event_of_a_burst() {
        let (send, changes) = std::sync::mpsc::channel();
        let first = event(EventKind::Modify(ModifyKind::Data(DataChange::Content)));
        for kind in [
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Remove(notify::event::RemoveKind::File),
        ] {
            send.send(event(kind)).unwrap();
        }
        settle(&changes, &first);
        assert!(changes.try_recv().is_err(), "the burst is one rebuild");
    }
}
