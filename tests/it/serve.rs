//! `syllabus serve`: a real server on a free loopback port, driven over
//! HTTP while its sources change under it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::common::{self, TestSite};

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &TestSite) -> Server {
    start_with(site, common::syllabus_command())
}

/// Starts `command` (the binary, with its environment) serving `site`.
fn start_with(site: &TestSite, mut command: std::process::Command) -> Server {
    let mut child = command
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start syllabus serve");
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let base = line
        .split(" at ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .trim_end_matches('/')
        .to_string();
    Server { child, base }
}

/// Status and body of a GET.
fn get(server: &Server, path: &str) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .get(&format!("{}{path}", server.base))
        .call()
        .expect("request");
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_to_string().unwrap_or_default(),
    )
}

/// The served search shard that holds `term`, read from its pack with a
/// range request as the browser reads it.
fn shard(server: &Server, term: &str) -> String {
    let meta = get(server, "/search/meta.json").1;
    let (pack, range) = common::search_shard(&meta, term);
    let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
    let mut response = agent
        .get(&format!("{}/{pack}", server.base))
        .header("Range", &format!("bytes={}-{}", range.start, range.end - 1))
        .call()
        .expect("request");
    assert_eq!(response.status().as_u16(), 206, "a range of {pack}");
    response.body_mut().read_to_string().expect("text")
}

/// A raw request line, for paths an HTTP client would clean up first.
fn raw_status(server: &Server, target: &str) -> u16 {
    let addr = server.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    reply
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// Polls until `check` holds, for at most ten seconds.
fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for: {what}");
}

fn site() -> TestSite {
    TestSite::new(&[
        (
            "content/sql/joins.md",
            "---\ntitle: Joins\n---\n## Inner\n\nFirst version.\n",
        ),
        (
            "content/sql/views.md",
            "---\ntitle: Views\n---\nSee [joins](joins.md#inner).\n",
        ),
        (
            "content/sql/c#.md",
            "---\ntitle: C sharp\n---\nSharp text.\n",
        ),
        ("static/secret-link", "placeholder"),
    ])
}

#[test]
fn serves_rebuilds_reports_errors_and_survives() {
    let site = site();
    let server = start(&site);
    let (status, page) = get(&server, "/sql/joins/");
    assert_eq!(status, 200);
    assert!(page.contains("First version."));
    assert!(shard(&server, "first").contains("\"first\""));
    assert!(
        page.contains("/__syllabus/live.js"),
        "served pages reload themselves"
    );
    assert_eq!(
        get(&server, "/sql/joins").0,
        200,
        "a folder without its slash is redirected"
    );
    // A page's name is found from its encoded URL, also when redirected.
    for path in ["/sql/c%23/", "/sql/c%23"] {
        let (status, page) = get(&server, path);
        assert!(
            status == 200 && page.contains("Sharp text."),
            "{path}: {status}"
        );
    }

    // An edit is served within seconds.
    site.write(
        "content/sql/joins.md",
        "---\ntitle: Joins\n---\n## Inner\n\nSecond version.\n",
    );
    eventually("the edit to be served", || {
        get(&server, "/sql/joins/").1.contains("Second version.")
    });
    // The search index follows it, though unchanged index files are kept
    // from the last build.
    assert!(shard(&server, "second").contains("\"second\""));
    assert!(!shard(&server, "first").contains("\"first\""));

    // Broken front matter: the last good page stays, the error is reported.
    site.write(
        "content/sql/joins.md",
        "---\ntitle: Joins\nweight: heavy\n---\n## Inner\n\nBroken.\n",
    );
    eventually("the error to be reported", || {
        get(&server, "/__syllabus/wait")
            .1
            .contains("content/sql/joins.md:3:9")
    });
    let (status, page) = get(&server, "/sql/joins/");
    assert_eq!(status, 200);
    assert!(
        page.contains("Second version."),
        "the last good build is still served"
    );

    // Fixing it clears the error.
    site.write(
        "content/sql/joins.md",
        "---\ntitle: Joins\n---\n## Inner\n\nThird version.\n",
    );
    eventually("the fix to be served", || {
        get(&server, "/sql/joins/").1.contains("Third version.")
    });
    assert!(get(&server, "/__syllabus/wait").1.contains("\"errors\":[]"));

    // Deleting a guide: its page is gone and links to it are reported.
    std::fs::remove_file(site.root().join("content/sql/joins.md")).unwrap();
    eventually("the link to the deleted guide to be reported", || {
        get(&server, "/__syllabus/wait")
            .1
            .contains("content/sql/views.md:4:5: error: link to `joins.md`")
    });
    site.write(
        "content/sql/views.md",
        "---\ntitle: Views\n---\nNo links now.\n",
    );
    eventually("the deleted guide to be gone", || {
        get(&server, "/sql/joins/").0 == 404
    });
    assert!(
        get(&server, "/sql/joins/").1.contains("<html"),
        "404s are the site's 404 page"
    );

    // Still up.
    assert_eq!(get(&server, "/").0, 200);
}

#[test]
fn refuses_requests_outside_the_site() {
    let site = site();
    // A link in static/ that points out of the site is never served.
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/passwd", site.root().join("static/passwd")).unwrap();
    let server = start(&site);
    for target in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/sql%2f..%2f..%2fetc%2fpasswd",
        "/a\\..\\b",
        "/x%00",
    ] {
        assert_eq!(raw_status(&server, target), 400, "{target}");
    }
    assert_eq!(raw_status(&server, "http://evil.example/etc/passwd"), 400);
    assert_eq!(get(&server, "/passwd").0, 404, "symlink out of the site");
    assert_eq!(
        get(&server, "/secret-link").0,
        200,
        "ordinary static files are served"
    );
    let addr = server.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.write_all(b"NONSENSE\r\n\r\n").unwrap();
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    assert!(
        !reply.contains("root:"),
        "malformed requests get nothing from disk"
    );
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let post = agent.post(&format!("{}/", server.base)).send("x").unwrap();
    assert_eq!(post.status().as_u16(), 405);
    assert_eq!(get(&server, "/").0, 200, "still up");
}

#[test]
fn content_types_and_nothing_written_to_public() {
    let site = site();
    site.write(
        "content/sql/quiz.md",
        "---\ntitle: Quiz\n---\n### Q: Why?\n\nBecause.\n",
    );
    let server = start(&site);
    let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
    for (path, kind) in [
        ("/", "text/html"),
        ("/style.css", "text/css"),
        ("/syllabus.js", "text/javascript"),
        ("/search/meta.json", "application/json"),
    ] {
        let r = agent.get(&format!("{}{path}", server.base)).call().unwrap();
        let ct = r
            .headers()
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        assert!(ct.starts_with(kind), "{path}: {ct}");
    }
    assert!(
        !site.root().join("public").exists(),
        "serve never writes a build into public/"
    );
}

#[test]
fn a_busy_port_moves_to_the_next_free_one() {
    let site = site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut child = common::syllabus_command()
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let _ = child.wait();
    assert!(
        err.contains(&format!("port {port} is busy; serving on port")),
        "{err}"
    );
    assert!(!line.contains(&format!(":{port}/")), "{line}");
}

/// The repository's own sample site, copied to a temporary folder.
fn sample_site() -> TestSite {
    let site = TestSite::new(&[]);
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_tree(&repo.join("content"), &site.root().join("content"));
    std::fs::copy(repo.join("site.toml"), site.root().join("site.toml")).unwrap();
    site
}

#[test]
fn incremental_rebuilds_match_a_full_build_byte_for_byte() {
    let site = sample_site();
    let mut session = syllabus::serve::Session::new(site.root(), false);
    let (_, first) = session.rebuild().expect("first build");
    assert_eq!(
        first.pages_rendered, first.pages,
        "everything is rendered the first time"
    );

    let path = site.root().join("content/sql/joins.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen(
            "A join answers one question",
            "A join, edited, answers one question",
            1,
        ),
    )
    .unwrap();
    let (memory, report) = session.rebuild().expect("rebuild");
    assert_eq!(
        report.markdown_rendered, 1,
        "only the edited guide's Markdown is rendered again"
    );
    assert!(
        report.pages_rendered > 0 && report.pages_rendered < report.pages / 2,
        "{report:?}"
    );

    let full = site.build_ok();
    let on_disk = common::snapshot(&full.output_dir);
    let mut served: Vec<String> = memory.files.keys().cloned().collect();
    served.sort();
    let mut written: Vec<String> = on_disk
        .iter()
        .map(|(p, _)| p.to_string_lossy().replace('\\', "/"))
        .filter(|p| p != syllabus::output::MARKER)
        .collect();
    written.sort();
    assert_eq!(served, written, "the same files");
    for (rel, bytes) in &on_disk {
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel == syllabus::output::MARKER {
            continue;
        }
        assert!(
            memory.read(&rel).as_deref() == Some(bytes.as_slice()),
            "{rel} differs from a full build"
        );
    }
}

#[test]
fn an_edit_is_served_before_its_search_index_is_made() {
    let site = sample_site();
    let mut session = syllabus::serve::Session::new(site.root(), false);
    let (first, _) = session.rebuild().expect("first build");
    let meta = "search/meta.json";
    assert!(first.read(meta).is_some());
    let path = site.root().join("content/sql/joins.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text + "\nAxolotls join tables too.\n").unwrap();

    let pages = session.rebuild_pages().expect("pages");
    let page = String::from_utf8(pages.site.read("sql/joins/index.html").unwrap()).unwrap();
    assert!(page.contains("Axolotls"), "the edited page is ready");
    assert_eq!(
        pages.site.read(meta),
        first.read(meta),
        "meanwhile the last index is served"
    );

    let indexed = session.index(pages).expect("index");
    assert_ne!(indexed.read(meta), first.read(meta), "the new index");
    let fresh = syllabus::serve::Session::new(site.root(), false)
        .rebuild()
        .expect("fresh build")
        .0;
    let mut names: Vec<&String> = indexed.files.keys().collect();
    let mut fresh_names: Vec<&String> = fresh.files.keys().collect();
    names.sort();
    fresh_names.sort();
    assert_eq!(names, fresh_names, "no file of the old index is left");
    for name in names {
        assert!(indexed.read(name) == fresh.read(name), "{name} differs");
    }
}

#[test]
fn a_rebuild_loads_the_templates_again_only_when_one_changed() {
    let site = sample_site();
    let mut session = syllabus::serve::Session::new(site.root(), false);
    session.rebuild().expect("first build");
    let (_, same) = session.rebuild().expect("nothing changed");
    assert_eq!(same.pages_rendered, 0, "{same:?}");
    // A template of the site's own, over the built-in one.
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p>Lost here.</p>{% endblock content %}",
    );
    let (memory, report) = session.rebuild().expect("a template added");
    let page = String::from_utf8(memory.read("404.html").unwrap()).unwrap();
    assert!(page.contains("Lost here."), "{report:?}");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p>Lost again.</p>{% endblock content %}",
    );
    let (memory, _) = session.rebuild().expect("the template edited");
    let page = String::from_utf8(memory.read("404.html").unwrap()).unwrap();
    assert!(page.contains("Lost again."));
}

#[test]
fn a_page_is_read_again_when_its_length_or_time_changed() {
    let site = TestSite::new(&[("content/a.md", "---\ntitle: A\n---\nFirst.\n")]);
    let path = site.root().join("content/a.md");
    // Files modified long ago are the ones a rebuild may keep parsed.
    let age = |secs: u64| {
        let then = std::time::SystemTime::now() - Duration::from_secs(secs);
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(then).unwrap();
    };
    age(3600);
    let mut session = syllabus::serve::Session::new(site.root(), false);
    session.rebuild().expect("first build");
    let read = |session: &mut syllabus::serve::Session| {
        let (memory, _) = session.rebuild().expect("rebuild");
        String::from_utf8(memory.read("a/index.html").unwrap()).unwrap()
    };
    assert!(read(&mut session).contains("First."));
    site.write("content/a.md", "---\ntitle: A\n---\nLonger now.\n");
    age(3600);
    assert!(read(&mut session).contains("Longer now."), "a new length");
    site.write("content/a.md", "---\ntitle: A\n---\nShorter no.\n");
    age(1800);
    assert!(read(&mut session).contains("Shorter no."), "a new time");
}

#[test]
fn the_cache_holds_one_sites_worth_of_work_however_many_edits() {
    let guide = |n: usize| {
        format!("---\ntitle: Loop\n---\n## Code\n\n```python\nfor i in range({n}):\n    print(i)\n```\n")
    };
    let site = TestSite::new(&[
        ("content/py/_index.md", "---\ntitle: Python\n---\n"),
        ("content/py/loop.md", &guide(0)),
    ]);
    let mut session = syllabus::serve::Session::new(site.root(), false);
    session.rebuild().expect("first build");
    let after_first = (
        session.cache().markdown.code.len(),
        session.cache().markdown.pages.len(),
        session.cache().pages_held(),
    );
    assert_eq!(after_first.0, 1, "one code block is kept");
    for n in 1..=5 {
        site.write("content/py/loop.md", &guide(n));
        let (memory, report) = session.rebuild().expect("rebuild");
        assert_eq!(report.markdown_rendered, 1);
        let page = String::from_utf8(memory.read("py/loop/index.html").unwrap()).unwrap();
        assert!(page.contains(&format!(">{n}<")), "the edit is served");
    }
    let after_edits = (
        session.cache().markdown.code.len(),
        session.cache().markdown.pages.len(),
        session.cache().pages_held(),
    );
    assert_eq!(
        after_edits, after_first,
        "edited blocks and pages replace their old entries instead of piling up"
    );
}

fn including_site() -> TestSite {
    TestSite::new(&[
        (
            "content/py/loop.md",
            "---\ntitle: Loop\n---\n```python {file=\"loop.py\"}\n```\n\n```{file=\"/examples/main.rs\" anchor=\"body\"}\n```\n",
        ),
        ("content/py/loop.py", "print('first')\n"),
        (
            "examples/main.rs",
            "fn main() {\n    // ANCHOR: body\n    let first = 1;\n    // ANCHOR_END: body\n}\n",
        ),
    ])
}

#[test]
fn an_edit_to_an_included_file_renders_its_page_again() {
    let site = including_site();
    let mut session = syllabus::serve::Session::new(site.root(), false);
    let page = |bytes: Option<Vec<u8>>| String::from_utf8(bytes.unwrap()).unwrap();
    let (memory, _) = session.rebuild().expect("first build");
    assert!(page(memory.read("py/loop/index.html")).contains("first"));
    let (_, report) = session.rebuild().expect("rebuild");
    assert_eq!(report.markdown_rendered, 0, "nothing changed");

    site.write("content/py/loop.py", "print('second')\n");
    let (memory, report) = session.rebuild().expect("rebuild");
    assert_eq!(
        report.markdown_rendered, 1,
        "the including page is rendered again"
    );
    assert!(page(memory.read("py/loop/index.html")).contains("second"));

    site.write(
        "examples/main.rs",
        "fn main() {\n    // ANCHOR: body\n    let third = 3;\n    // ANCHOR_END: body\n}\n",
    );
    let (memory, report) = session.rebuild().expect("rebuild");
    assert_eq!(report.markdown_rendered, 1);
    assert!(page(memory.read("py/loop/index.html")).contains("third"));

    // A file that goes away is an error; back, the page builds again.
    std::fs::remove_file(site.root().join("content/py/loop.py")).unwrap();
    let errors = session.rebuild().expect_err("a missing include");
    assert!(
        errors[0].to_string().starts_with(
            "content/py/loop.md:4:1: error: `loop.py` not found: there is no content/py/loop.py"
        ),
        "{}",
        errors[0]
    );
    site.write("content/py/loop.py", "print('fourth')\n");
    let (memory, _) = session.rebuild().expect("rebuild");
    assert!(page(memory.read("py/loop/index.html")).contains("fourth"));
}

#[test]
fn serve_watches_included_files_inside_and_outside_content() {
    let site = including_site();
    let server = start(&site);
    assert!(get(&server, "/py/loop/").1.contains("first"));
    site.write("content/py/loop.py", "print('beside the guide')\n");
    eventually("the edit beside the guide to be served", || {
        get(&server, "/py/loop/").1.contains("beside the guide")
    });
    site.write(
        "examples/main.rs",
        "fn main() {\n    // ANCHOR: body\n    let outside_content = 1;\n    // ANCHOR_END: body\n}\n",
    );
    eventually("the edit in examples/ to be served", || {
        get(&server, "/py/loop/").1.contains("outside_content")
    });
}

#[test]
fn serve_leaves_its_work_in_the_cache_for_the_next_build() {
    let site = sample_site();
    let cache = tempfile::tempdir().unwrap();
    let mut command = common::syllabus_command();
    command.env("SYLLABUS_CACHE_DIR", cache.path());
    let server = start_with(&site, command);
    // Written after the first build is served, off the path to serving it.
    let pack = || {
        walkdir::WalkDir::new(cache.path())
            .into_iter()
            .filter_map(Result::ok)
            .any(|e| e.file_name() == "markdown.pack")
    };
    // A pack appears (by a rename) once it is whole.
    eventually("the cache written to disk", pack);
    drop(server);
    let cache = cache.path().to_string_lossy().into_owned();
    let out = site.run(&["build", "-v", "--cache-dir", &cache]);
    let pages = common::markdown_files(site.root());
    let said = common::stderr(&out);
    assert!(
        said.contains(&format!("Markdown of {pages} pages came from the cache")),
        "{said}"
    );
}
