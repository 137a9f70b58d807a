//! How far a build has got, for a front end that shows it (the command
//! line's progress bar). The stages report; what is shown, and when, is
//! the front end's business.

use std::sync::Arc;

/// One step of a build's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A stage began with `total` things to do (0 when it cannot tell).
    Stage {
        /// What the stage does, as a user would say it.
        name: &'static str,
        /// How many things it will do.
        total: usize,
    },
    /// One more thing of the current stage is done.
    Done,
}

/// Where a build reports its progress; by default nowhere.
#[derive(Clone, Default)]
pub struct Progress(Option<Arc<dyn Fn(Step) + Send + Sync>>);

impl Progress {
    /// Progress reported to `report`, which is called from many threads.
    pub fn new(report: impl Fn(Step) + Send + Sync + 'static) -> Self {
        Progress(Some(Arc::new(report)))
    }

    /// A stage begins.
    pub(crate) fn stage(&self, name: &'static str, total: usize) {
        if let Some(report) = &self.0 {
            report(Step::Stage { name, total });
        }
    }

    /// One more thing of the current stage is done.
    pub(crate) fn done(&self) {
        if let Some(report) = &self.0 {
            report(Step::Done);
        }
    }
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Progress(on)"
        } else {
            "Progress(off)"
        })
    }
}
