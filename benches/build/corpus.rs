//! The reference corpus: `gen_corpus.py` writes the same guides in each
//! tool's input form (`content/<section>/<guide>.md` in all three), and an
//! edit changes the same guide in every one of them.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::fail;

/// A site generator being measured.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Syllabus,
    Zola,
    Hugo,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Syllabus => "syllabus",
            Kind::Zola => "zola",
            Kind::Hugo => "hugo",
        }
    }

    /// The generator's arguments for this tool's input form.
    fn format(self) -> &'static [&'static str] {
        match self {
            Kind::Syllabus => &["--format", "plain", "--seed", "1"],
            Kind::Zola => &[
                "--format",
                "zola",
                "--zola-config-style",
                "legacy",
                "--seed",
                "1",
            ],
            Kind::Hugo => &["--format", "hugo", "--seed", "1"],
        }
    }
}

/// How to call `gen_corpus.py`.
pub struct Generator {
    pub script: PathBuf,
    /// Guides a section (`--section-size`).
    pub section_size: usize,
}

impl Generator {
    /// Writes `guides` guides for each tool into `dir/<tool>`, the
    /// generators running side by side (each is one Python process).
    pub fn write(&self, guides: usize, kinds: &[Kind], dir: &Path) {
        let children: Vec<_> = kinds
            .iter()
            .map(|kind| {
                let mut cmd = Command::new("python3");
                cmd.arg(&self.script)
                    .args(["--guides", &guides.to_string()])
                    .args(["--section-size", &self.section_size.to_string()])
                    .args(kind.format())
                    .arg("--out")
                    .arg(dir.join(kind.name()))
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped());
                let child = cmd.spawn();
                (cmd, child)
            })
            .collect();
        for (cmd, child) in children {
            let output = child
                .and_then(|c| c.wait_with_output())
                .unwrap_or_else(|e| fail(&format!("cannot run {cmd:?}: {e}")));
            if !output.status.success() {
                let err = String::from_utf8_lossy(&output.stderr);
                fail(&format!("{cmd:?} failed:\n{err}"));
            }
        }
    }
}

/// The guides of a generated corpus, as paths under `content/`, sorted.
pub fn guides(site: &Path) -> Vec<String> {
    let content = site.join("content");
    let mut found: Vec<String> = walkdir::WalkDir::new(&content)
        .min_depth(2)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != "_index.md")
        .map(|e| {
            let rel = e.path().strip_prefix(&content).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect();
    found.sort();
    found
}

/// One guide file of one tool's corpus, with its text as generated.
pub struct GuideFile {
    path: PathBuf,
    original: String,
}

impl GuideFile {
    pub fn open(site: &Path, rel: &str) -> GuideFile {
        let path = site.join("content").join(rel);
        let original = fs::read_to_string(&path)
            .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", path.display())));
        GuideFile { path, original }
    }

    /// Saves the generated text with one paragraph holding `marker` added
    /// right after the front matter, so it shows on the guide's own page.
    /// Each call starts from the generated text: edits don't pile up.
    pub fn save_with(&self, marker: &str) {
        let (front, body) = split_front_matter(&self.original);
        let edited = format!("{front}\nEdited: {marker}.\n{body}");
        fs::write(&self.path, edited)
            .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", self.path.display())));
    }
}

/// A guide's text as its front matter (`---` or `+++` lines, both
/// delimiters included) and the rest.
pub fn split_front_matter(text: &str) -> (&str, &str) {
    let delimiter = &text[..text.len().min(4)]; // "---\n" or "+++\n"
    let end = text[delimiter.len()..]
        .find(&format!("\n{delimiter}"))
        .map_or(0, |at| delimiter.len() + at + 1 + delimiter.len());
    text.split_at(end)
}

/// The page of the guide at `rel`, the same for all three tools:
/// `/<section>/<slug>/`.
pub fn page_path(rel: &str) -> String {
    format!("/{}/", rel.trim_end_matches(".md"))
}

/// Makes every line of every code block in `site`'s guides unique, by a
/// comment naming the guide and the line, so that no tool can take a line
/// it highlighted before: the reference corpus's code blocks are made from
/// a few templates (about 56,000 lines at 1,000 guides, under 600 of them
/// distinct). Each tool's copy of a guide gets the same comments.
pub fn make_code_unique(site: &Path) {
    for rel in guides(site) {
        let path = site.join("content").join(&rel);
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", path.display())));
        fs::write(&path, unique_code(&text, &rel))
            .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", path.display())));
    }
}

fn unique_code(text: &str, rel: &str) -> String {
    let mut out = String::with_capacity(text.len() * 5 / 4);
    let mut comment = None;
    for (n, line) in text.lines().enumerate() {
        out.push_str(line);
        if let Some(fence) = line.strip_prefix("```") {
            comment = match (comment, fence.trim()) {
                (None, "sql") => Some("--"),
                (None, _) => Some("#"),
                (Some(_), _) => None,
            };
        } else if let (Some(comment), false) = (comment, line.ends_with('\\')) {
            // A line continued on the next keeps its continuation.
            out.push_str(&format!(" {comment} {rel}:{n}"));
        }
        out.push('\n');
    }
    out
}
