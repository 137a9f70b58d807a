//! The build cases. Every case alternates the tools run by run (run i of
//! each before run i + 1 of any), so a change in the machine's load during
//! the benchmark falls on all of them alike.

use std::collections::VecDeque;
use std::fs;
use std::io::IsTerminal;
use std::path::PathBuf;

use crate::corpus::{guides, GuideFile, Kind};
use crate::report::Output;
use crate::run::{free_bytes, run, Run, Tool};

/// A corpus in every tool's form, and the builds made of it, under `dir`:
/// `corpus/<tool>`, `out/<tool>-<build>`, `cache/<build>`, `logs/<tool>.log`.
pub struct Site {
    dir: PathBuf,
    pub tools: Vec<Tool>,
    /// The build warm runs start from: `cold-<n>` after the cold case.
    previous: Option<String>,
    /// What the first cold build of each tool wrote, and its cache.
    pub outputs: Vec<Option<(Output, u64)>>,
    /// Folders of cold runs, oldest first: kept until the end unless the
    /// disk runs short (see `make_room`).
    leftovers: VecDeque<PathBuf>,
}

impl Site {
    /// `bins` names each tool's binary, syllabus first.
    pub fn new(dir: PathBuf, bins: &[(Kind, PathBuf)]) -> Site {
        let tools = bins
            .iter()
            .map(|(kind, bin)| Tool {
                kind: *kind,
                bin: bin.clone(),
                site: dir.join("corpus").join(kind.name()),
            })
            .collect::<Vec<_>>();
        fs::create_dir_all(dir.join("logs")).expect("create the log folder");
        Site {
            outputs: tools.iter().map(|_| None).collect(),
            dir,
            tools,
            previous: None,
            leftovers: VecDeque::new(),
        }
    }

    pub fn corpus_dir(&self) -> PathBuf {
        self.dir.join("corpus")
    }

    pub fn kinds(&self) -> Vec<Kind> {
        self.tools.iter().map(|t| t.kind).collect()
    }

    /// The guide edits change: the middle one (all corpora have the same).
    pub fn edited_guide(&self) -> String {
        let all = guides(&self.tools[0].site);
        all[all.len() / 2].clone()
    }

    fn out(&self, tool: &Tool, build: &str) -> PathBuf {
        self.dir
            .join("out")
            .join(format!("{}-{build}", tool.name()))
    }

    pub fn cache(&self, build: &str) -> PathBuf {
        self.dir.join("cache").join(build)
    }

    pub fn log(&self, name: &str) -> PathBuf {
        self.dir.join("logs").join(format!("{name}.log"))
    }

    /// Each run into a new output folder, syllabus with an empty cache.
    /// Earlier runs' folders stay until the end: deleting them would slow
    /// the next builds (on ext4 each file created in the minutes after a
    /// mass delete scans past the freed inodes, `recently_deleted`, up to
    /// 5x the system time).
    pub fn cold(&mut self, runs: usize) -> Vec<Vec<Run>> {
        let results = self.alternate(
            "cold",
            runs,
            |_| {},
            |site, t, i| {
                let build = format!("cold-{i}");
                let (out, cache) = (site.out(&site.tools[t], &build), site.cache(&build));
                site.make_room(t);
                let result = run(
                    &mut site.tools[t].build(&out, &cache),
                    &site.log(site.tools[t].name()),
                );
                if site.outputs[t].is_none() {
                    let cache_bytes = Output::of(&cache).bytes();
                    site.outputs[t] = Some((Output::of(&out), cache_bytes));
                }
                site.leftovers.push_back(out);
                if cache.exists() {
                    site.leftovers.push_back(cache); // syllabus's alone
                }
                result
            },
        );
        self.previous = Some(format!("cold-{runs}"));
        results
    }

    /// Builds into the previous build's folder (syllabus with its cache),
    /// nothing changed.
    pub fn warm(&mut self, runs: usize) -> Vec<Vec<Run>> {
        let previous = self.previous_build();
        self.alternate(
            "warm",
            runs,
            |_| {},
            |site, t, _| site.rebuild(t, &previous),
        )
    }

    /// As warm, but each run first adds a line to one guide in every corpus.
    pub fn edit(&mut self, runs: usize) -> Vec<Vec<Run>> {
        let previous = self.previous_build();
        let rel = self.edited_guide();
        let files: Vec<GuideFile> = self
            .tools
            .iter()
            .map(|t| GuideFile::open(&t.site, &rel))
            .collect();
        let edit = |i: usize| files.iter().for_each(|f| f.save_with(&format!("edit {i}")));
        self.alternate("edit", runs, edit, |site, t, _| site.rebuild(t, &previous))
    }

    fn rebuild(&self, t: usize, build: &str) -> Run {
        let tool = &self.tools[t];
        let (out, cache) = (self.out(tool, build), self.cache(build));
        run(&mut tool.build(&out, &cache), &self.log(tool.name()))
    }

    /// The build warm runs start from; without a cold case, one untimed
    /// build of each tool makes it.
    fn previous_build(&mut self) -> String {
        if let Some(previous) = &self.previous {
            return previous.clone();
        }
        for t in 0..self.tools.len() {
            self.rebuild(t, "first");
            let out = self.out(&self.tools[t], "first");
            self.outputs[t] = Some((Output::of(&out), Output::of(&self.cache("first")).bytes()));
        }
        self.previous = Some("first".into());
        "first".into()
    }

    /// Runs `build(self, tool, i)` for each run i and tool, `prepare(i)`
    /// first in each run. The tools take turns going first, so none always
    /// finds the page cache as another tool left it.
    fn alternate(
        &mut self,
        case: &str,
        runs: usize,
        mut prepare: impl FnMut(usize),
        mut build: impl FnMut(&mut Site, usize, usize) -> Run,
    ) -> Vec<Vec<Run>> {
        let n = self.tools.len();
        let mut results = vec![Vec::new(); n];
        for i in 1..=runs {
            prepare(i);
            for k in 0..n {
                let t = (i - 1 + k) % n;
                progress(&format!("{case} run {i}/{runs}: {}", self.tools[t].name()));
                results[t].push(build(self, t, i));
            }
        }
        progress("");
        results
    }

    /// Deletes the oldest cold runs' folders while the next build of tool
    /// `t` (as big as its first) would not fit, and says so: the builds
    /// after it may be slower (see `cold`).
    fn make_room(&mut self, t: usize) {
        let Some((output, cache)) = &self.outputs[t] else {
            return;
        };
        let need = (output.bytes() + cache) * 6 / 5 + 500_000_000;
        while free_bytes(&self.dir) < need {
            let Some(old) = self.leftovers.pop_front() else {
                return;
            };
            println!(
                "  (deleted {} to make room; the next runs may be slower)",
                old.display()
            );
            let _ = fs::remove_dir_all(old);
        }
    }

    /// Deletes every build but the last, for `--keep`.
    pub fn keep_last(&mut self) {
        let last = self.previous.clone().unwrap_or_default();
        let keep: Vec<PathBuf> = self
            .tools
            .iter()
            .map(|t| self.out(t, &last))
            .chain([self.cache(&last)])
            .collect();
        for old in self.leftovers.drain(..).filter(|d| !keep.contains(d)) {
            let _ = fs::remove_dir_all(old);
        }
    }
}

/// One line on a terminal telling which run is going on; nothing when
/// stderr is a file.
fn progress(what: &str) {
    if std::io::stderr().is_terminal() {
        eprint!("\r\x1b[K{what}");
    }
}
