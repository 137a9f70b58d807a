//! Helpers for integration tests: temporary sites written from a list of
//! files, built through the library or the binary.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use syllabus::{build, BuildError, BuildOptions, BuildReport};

/// A site in a temporary folder, deleted when dropped.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// A site with a minimal `site.toml` plus `files` (path, text).
    pub fn new(files: &[(&str, &str)]) -> TestSite {
        let site = TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        if !files.iter().any(|(p, _)| *p == "site.toml") {
            site.write("site.toml", "title = \"Test site\"\n");
        }
        for (path, text) in files {
            site.write(path, text);
        }
        site
    }

    /// A copy of the fixture site `tests/fixtures/<feature>/<case>/`, named
    /// `"feature/case"`; tests may change their copy freely.
    pub fn fixture(feature_case: &str) -> TestSite {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(feature_case);
        assert!(
            from.join("site.toml").is_file(),
            "no fixture site at {}",
            from.display()
        );
        let site = TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        copy_tree(&from, site.root());
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, path: &str, text: &str) {
        let full = self.root().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root().to_path_buf(),
            ..BuildOptions::default()
        }
    }

    /// Builds through the library.
    pub fn build(&self) -> Result<BuildReport, BuildError> {
        build(&self.options())
    }

    /// Builds and panics with the diagnostics if the build fails.
    pub fn build_ok(&self) -> BuildReport {
        match self.build() {
            Ok(r) => r,
            Err(e) => panic!("build failed: {e}\n{}", render(e.diagnostics())),
        }
    }

    /// Builds, expecting content errors; returns them as printed.
    pub fn build_errors(&self) -> Vec<String> {
        match self.build() {
            Ok(_) => panic!("build succeeded but errors were expected"),
            Err(e) => e.diagnostics().iter().map(|d| d.to_string()).collect(),
        }
    }

    pub fn output(&self) -> PathBuf {
        self.root().join("public")
    }

    /// A written file of the output.
    pub fn read(&self, rel: &str) -> String {
        let path = self.output().join(rel);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// The interface strings' script `ui.js` of the language whose home
    /// folder in the output is `home` (`""`, `"fr/"`): the storage prefix
    /// and the strings it gives the theme's scripts.
    pub fn ui_script(&self, home: &str) -> (String, serde_json::Map<String, serde_json::Value>) {
        let js = self.read(&format!("{home}ui.js"));
        let between = |from: &str, to: &str| {
            let start = js.find(from).unwrap_or_else(|| panic!("no {from} in {js}")) + from.len();
            js[start..start + js[start..].find(to).expect(to)].to_string()
        };
        let prefix = serde_json::from_str(&between("\"data-storage-prefix\",", ")")).unwrap();
        let strings = serde_json::from_str(&between("JSON.stringify(", ");d.head")).unwrap();
        (prefix, strings)
    }

    /// `text` with this site's temporary folder written `[site]`, so that a
    /// snapshot of it is the same on every machine and run.
    pub fn redact(&self, text: &str) -> String {
        let mut text = text.to_string();
        if let Ok(real) = self.root().canonicalize() {
            text = text.replace(&*real.to_string_lossy(), "[site]");
        }
        text.replace(&*self.root().to_string_lossy(), "[site]")
    }

    /// Runs the `syllabus` binary in the site folder.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run syllabus")
    }

    /// Runs the `syllabus` binary in the site folder with its cache in
    /// `cache`, bounded to `limit_mb` megabytes.
    pub fn run_cached(&self, cache: &Path, limit_mb: &str, args: &[&str]) -> Output {
        self.command(args)
            .env("SYLLABUS_CACHE_DIR", cache)
            .env("SYLLABUS_CACHE_LIMIT_MB", limit_mb)
            .output()
            .expect("run syllabus")
    }

    /// The `syllabus` binary with `args`, to run in the site folder.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = syllabus_command();
        command.args(args).current_dir(self.root());
        command
    }
}

pub fn render(diagnostics: &[syllabus::diagnostics::Diagnostic]) -> String {
    diagnostics.iter().map(|d| format!("{d}\n")).collect()
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The `<main>` element of a built page, for a snapshot: what the page
/// says, without the header and footer every page shares. Asset version
/// strings (`?v=...`) are written `?v=[version]`, as they change with
/// every change to the theme's files.
pub fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("the page has a <main>");
    let end = start + html[start..].find("</main>").expect("</main>") + "</main>".len();
    let mut main = String::new();
    let mut rest = &html[start..end];
    while let Some(at) = rest.find("?v=") {
        main.push_str(&rest[..at]);
        main.push_str("?v=[version]");
        rest = rest[at + 3..].trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    }
    main.push_str(rest);
    main
}

// Helpers for frontmatter.rs, output_safety.rs and cli.rs.

impl TestSite {
    /// An empty temporary folder: no site.toml, no content.
    pub fn empty() -> TestSite {
        TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// Writes raw bytes (for binary assets).
    pub fn write_bytes(&self, path: &str, bytes: &[u8]) {
        let full = self.root().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }
}

/// Runs the `syllabus` binary in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    syllabus_command()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run syllabus")
}

/// Every file (with its bytes) and folder (with `None`) under `dir`, sorted:
/// equal before and after a command means nothing was written or deleted.
pub fn tree(dir: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let mut entries: Vec<(PathBuf, Option<Vec<u8>>)> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            let bytes = e
                .file_type()
                .is_file()
                .then(|| std::fs::read(e.path()).unwrap());
            (rel, bytes)
        })
        .collect();
    entries.sort();
    entries
}

/// Names in `dir` that look like a build's staging or old-output folders.
pub fn staging_leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".syllabus-new-") || n.contains(".syllabus-old-"))
        .collect()
}

/// The exit code, failing the test if the process was killed by a signal.
pub fn code(out: &Output) -> i32 {
    out.status
        .code()
        .unwrap_or_else(|| panic!("syllabus was killed: {}", stderr(out)))
}

/// The `syllabus` binary, with its build cache in the test target's
/// temporary folder rather than the user's cache folder.
pub fn syllabus_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_syllabus"));
    command.env("SYLLABUS_CACHE_DIR", test_cache_dir());
    command
}

/// How many Markdown files the site at `root` has under `content/`.
pub fn markdown_files(root: &Path) -> usize {
    walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count()
}

/// Where the binary keeps its cache in tests.
pub fn test_cache_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("syllabus-cache")
}

/// The text of the `nth` code block of a built page: its lines without
/// their markup (line numbers included, when shown).
pub fn code_text(html: &str, nth: usize) -> String {
    let start = html
        .match_indices("<div class=\"code-block\"")
        .nth(nth)
        .unwrap_or_else(|| panic!("no code block {nth}"))
        .0;
    let block = &html[start..start + html[start..].find("</pre>").unwrap()];
    let mut text = String::new();
    let mut in_tag = false;
    for c in block.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Where a piece of the search index is: its pack (`search/t/N.bin`...)
/// and its bytes there, from `meta.json`'s pack starts and the piece's
/// place in its kind's stream (as `search.js` finds it).
pub fn search_piece(
    meta: &serde_json::Value,
    kind: &str,
    start: u64,
    end: u64,
) -> (String, Range<usize>) {
    let starts: Vec<u64> = meta["packs"][kind]
        .as_array()
        .expect("meta.json lists packs")
        .iter()
        .map(|s| s.as_u64().unwrap())
        .collect();
    let n = starts.iter().rposition(|&s| s <= start).expect("a pack");
    let at = |x: u64| (x - starts[n]) as usize;
    (format!("search/{kind}/{n}.bin"), at(start)..at(end))
}

/// The search shard a term lives in (the shard of the longest key that
/// begins it), from `meta.json`: its pack and its bytes there.
pub fn search_shard(meta: &str, term: &str) -> (String, Range<usize>) {
    let meta: serde_json::Value = serde_json::from_str(meta).expect("meta.json is JSON");
    let shards = meta["shards"].as_array().expect("meta.json lists shards");
    let (n, _) = shards
        .iter()
        .enumerate()
        .filter_map(|(n, s)| Some((n, s[0].as_str()?)))
        .filter(|(_, key)| term.starts_with(key))
        .max_by_key(|(_, key)| key.len())
        .unwrap_or_else(|| panic!("no shard for {term}"));
    let size = |s: &serde_json::Value| s[1].as_u64().unwrap();
    let start: u64 = shards[..n].iter().map(size).sum();
    search_piece(&meta, "t", start, start + size(&shards[n]))
}

/// Every chunk of documents of the search index under `dir` (a site's
/// output or a language's home), in order, read as `search.js` reads them:
/// `o.bin` says where each starts in its stream. Each is given as
/// `{p: [[title, url]...], d: [[page, title, anchor, kind, text]...]}`.
pub fn search_chunks(dir: &Path) -> Vec<serde_json::Value> {
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("search/meta.json")).unwrap())
            .expect("meta.json");
    let offsets = std::fs::read(dir.join("search/o.bin")).expect("o.bin");
    let at = |i: usize| u32::from_le_bytes(offsets[4 * i..4 * i + 4].try_into().unwrap());
    (0..offsets.len() / 4 - 1)
        .map(|c| {
            let (pack, range) = search_piece(&meta, "d", at(c).into(), at(c + 1).into());
            let bytes = std::fs::read(dir.join(pack)).expect("a pack");
            parse_search_chunk(std::str::from_utf8(&bytes[range]).expect("a chunk of UTF-8"))
        })
        .collect()
}

/// A chunk's text: its pages' lines (title, URL), a blank line, then its
/// documents' (page, kind's number, title, text, anchor when written),
/// fields cut by tabs, `<` and `&` written `&lt;` and `&amp;`.
fn parse_search_chunk(text: &str) -> serde_json::Value {
    const KINDS: [&str; 5] = ["guide", "page", "heading", "question", "faq"];
    let (pages, docs) = text.split_once("\n\n").expect("pages, then documents");
    let lines = |block: &str| -> Vec<Vec<String>> {
        block
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| {
                l.split('\t')
                    .map(|f| f.replace("&lt;", "<").replace("&amp;", "&"))
                    .collect()
            })
            .collect()
    };
    let p: Vec<_> = lines(pages)
        .into_iter()
        .map(|f| {
            assert_eq!(f.len(), 2, "a page is its title and URL: {f:?}");
            serde_json::json!(f)
        })
        .collect();
    let d: Vec<_> = lines(docs)
        .into_iter()
        .map(|f| {
            assert!(matches!(f.len(), 4 | 5), "a document's fields: {f:?}");
            let page: u64 = f[0].parse().expect("a page number");
            let kind = KINDS[f[1].parse::<usize>().expect("a kind number")];
            let anchor = f.get(4).map_or("", String::as_str);
            assert!(page < p.len() as u64, "{f:?}");
            serde_json::json!([page, f[2], anchor, kind, f[3]])
        })
        .collect();
    serde_json::json!({ "p": p, "d": d })
}

/// The URL of a document row of a search chunk, relative to the index's
/// home, as `search.js` makes it: a heading's, question's or FAQ entry's
/// anchor left out (empty) is the slug of its title (of `Q: ` and a
/// question's title), made from titles of ASCII only.
pub fn search_doc_url(chunk: &serde_json::Value, row: &serde_json::Value) -> String {
    let page = &chunk["p"][row[0].as_u64().unwrap() as usize];
    let (title, kind) = (row[1].as_str().unwrap(), row[3].as_str().unwrap());
    let slug = |title: &str| -> String {
        title
            .trim()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_'))
            .map(|c| {
                if c == ' ' {
                    '-'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    };
    let anchor = match (row[2].as_str().unwrap(), kind) {
        ("", "heading" | "faq") => slug(title),
        ("", "question") => slug(&format!("Q: {title}")),
        (anchor, _) => anchor.to_string(),
    };
    let hash = if anchor.is_empty() { "" } else { "#" };
    format!("{}{hash}{anchor}", page[1].as_str().unwrap())
}

/// Every entry under `dir` with its length, modification time and inode:
/// what a build that touches nothing leaves as it was.
pub fn tree_state(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime, u64)> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let m = e.metadata().unwrap();
            (e.into_path(), m.len(), m.modified().unwrap(), m.ino())
        })
        .collect()
}

/// The flashcards a question bank page holds, as the flashcards page
/// reads them: `{"guides": [{"key", "id", "url", "tags", "cards": [{"id",
/// "hash", "question", "answer"}]}]}`, URLs as the bank page has them.
pub fn bank_cards(html: &str) -> serde_json::Value {
    let between = |text: &str, start: &str, end: &str| -> String {
        let at = text.find(start).map(|i| i + start.len());
        at.map(|i| text[i..].split(end).next().unwrap().to_string())
            .unwrap_or_default()
    };
    let guides: Vec<serde_json::Value> = html
        .split(" data-key=\"")
        .skip(1)
        .map(|guide| {
            let key = guide.split('"').next().unwrap();
            let tags = between(guide, "data-tags=\"", "\"");
            let mut url = String::new();
            let cards: Vec<serde_json::Value> = guide
                .split("<li class=\"bank-question\" data-h=\"")
                .skip(1)
                .map(|item| {
                    let link = &item[item.find("<a href=\"").unwrap()..];
                    let href = between(link, "<a href=\"", "\"");
                    let (page, id) = href.split_once('#').unwrap();
                    url = page.to_string();
                    serde_json::json!({
                        "id": id,
                        "hash": item.split('"').next().unwrap(),
                        "question": between(link, "\">", "</a>"),
                        "answer": between(item, "<div class=\"short-answer\">", "</div></details>"),
                    })
                })
                .collect();
            serde_json::json!({
                "key": key,
                "id": key.replace('/', "."),
                "url": url,
                "tags": tags.split('|').filter(|t| !t.is_empty()).collect::<Vec<_>>(),
                "cards": cards,
            })
        })
        .collect();
    serde_json::json!({ "guides": guides })
}
