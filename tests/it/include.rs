//! Code from files: a fence with `file="..."` (and `lines="..."` or
//! `anchor="..."`) shows code kept in a real file of the site.

use crate::common::{code_text, stderr, TestSite};

const PIPELINE: &str = "\
import sys

# ANCHOR: numbers
def numbers(limit):
    n = 0
    while n < limit:
        yield n
        n += 1
# ANCHOR_END: numbers

class Report:
    def lines(self):
        # ANCHOR: squares
        for n in numbers(3):
            yield n * n
        # ANCHOR_END: squares
";

fn guide(body: &str) -> String {
    format!("---\ntitle: Generators\n---\n{body}")
}

fn site(body: &str) -> TestSite {
    TestSite::new(&[
        ("content/python/generators.md", &guide(body)),
        ("content/python/pipeline.py", PIPELINE),
        (
            "examples/hello.rs",
            "fn main() {\n    println!(\"<hi>\");\n}\n",
        ),
    ])
}

#[test]
fn fences_show_lines_anchors_and_whole_files() {
    let site = site(concat!(
        "```python {file=\"pipeline.py\" lines=\"4-5\"}\n```\n\n",
        "```python {file=\"pipeline.py\" anchor=\"squares\" linenos=true}\n```\n\n",
        "```{file=\"/examples/hello.rs\"}\n```\n\n",
        "- In a list:\n\n  ```python {file=\"./pipeline.py\" lines=\"-1\"}\n  ```\n",
    ));
    site.build_ok();
    let html = site.read("python/generators/index.html");
    assert_eq!(code_text(&html, 0), "def numbers(limit):\n    n = 0\n");
    // An anchor's lines, from the left margin, without the anchor lines.
    assert_eq!(
        code_text(&html, 1),
        "1for n in numbers(3):\n2    yield n * n\n"
    );
    // No language given: the extension names it; the whole file is shown.
    assert!(
        html.contains("<div class=\"code-block\" data-lang=\"rs\">"),
        "{html}"
    );
    assert_eq!(
        code_text(&html, 2),
        "fn main() {\n    println!(\"<hi>\");\n}\n"
    );
    assert_eq!(code_text(&html, 3), "import sys\n");
    // Highlighted as usual.
    assert!(
        html.contains("<code class=\"language-python\"><span class="),
        "{html}"
    );
    // The code is searched like code written in the page.
    assert!(site.read("search/d/0.bin").contains("def numbers(limit)"));
    // A file beside the guide is published there, like any file in
    // content/; one elsewhere in the site is only shown.
    assert_eq!(site.read("python/pipeline.py"), PIPELINE);
    let published: Vec<_> = walkdir::WalkDir::new(site.output())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "hello.rs")
        .collect();
    assert!(published.is_empty(), "{published:?}");
}

#[test]
fn every_problem_is_an_error_at_its_fence() {
    let site = site(concat!(
        "```python {file=\"missing.py\"}\n```\n\n", // line 4
        "```python {file=\"pipeline.py\" lines=\"10-40\"}\n```\n\n", // line 7
        "```python {file=\"pipeline.py\" anchor=\"numbrs\"}\n```\n\n", // line 10
        "```python {file=\"../../../outside.py\"}\n```\n\n", // line 13
        "```python {file=\"pipeline.py\"}\nprint('mine')\n```\n\n", // line 16
        "```python {lines=\"1-2\"}\nx\n```\n\n",    // line 20
        "> ```python {file=\"pipeline.py\" lines=\"3-1\"}\n> ```\n", // line 24
    ));
    let errors = site.build_errors();
    let first_lines: Vec<&str> = errors.iter().map(|e| e.lines().next().unwrap()).collect();
    assert_eq!(
        first_lines,
        [
            "content/python/generators.md:4:1: error: `missing.py` not found: there is no content/python/missing.py",
            "content/python/generators.md:7:1: error: `lines=\"10-40\"` goes past the end of content/python/pipeline.py, which has 16 lines",
            "content/python/generators.md:10:1: error: no anchor `numbrs` in content/python/pipeline.py",
            "content/python/generators.md:13:1: error: `../../../outside.py` is outside the site: code is included only from files inside the site's folder",
            "content/python/generators.md:16:1: error: this code block takes its code from `pipeline.py`, so the lines written inside it would not be shown",
            "content/python/generators.md:20:1: error: `lines=` and `anchor=` choose lines of an included file, but this code block names none",
            "content/python/generators.md:24:3: error: `lines=\"3-1\"` ends before it starts",
        ]
    );
    assert!(
        errors[1].contains("= help: choose lines between 1 and 16"),
        "{}",
        errors[1]
    );
    assert!(
        errors[2].contains("= help: did you mean `numbers`?"),
        "{}",
        errors[2]
    );
    assert!(
        errors[0].contains("= help: `file=` is relative to the guide's folder, or to the site's folder when it starts with `/`"),
        "{}",
        errors[0]
    );
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("check found 7 errors"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn a_link_that_leads_out_of_the_site_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.py"), "TOKEN = 1\n").unwrap();
    let site = site("```python {file=\"secret.py\"}\n```\n");
    std::os::unix::fs::symlink(
        outside.path().join("secret.py"),
        site.root().join("content/python/secret.py"),
    )
    .unwrap();
    let errors = site.build_errors();
    assert!(
        errors.iter().any(|e| e.starts_with(
            "content/python/generators.md:4:1: error: `secret.py` is outside the site"
        )),
        "{errors:#?}"
    );
    // A link inside the site is followed.
    std::fs::remove_file(site.root().join("content/python/secret.py")).unwrap();
    std::os::unix::fs::symlink(
        site.root().join("examples/hello.rs"),
        site.root().join("content/python/secret.py"),
    )
    .unwrap();
    site.build_ok();
    assert!(site
        .read("python/generators/index.html")
        .contains("println!"));
}

#[test]
fn anchors_without_end_both_choices_folders_encodings_and_bad_ranges_are_errors_too() {
    let site = site(concat!(
        "```python {file=\"open.py\" anchor=\"open\"}\n```\n\n", // line 4
        "```python {file=\"pipeline.py\" lines=\"1\" anchor=\"numbers\"}\n```\n\n", // line 7
        "```python {file=\"/examples\"}\n```\n\n",               // line 10
        "```python {file=\"latin1.py\"}\n```\n\n",               // line 13
        "```python {file=\"pipeline.py\" lines=\"one-two\"}\n```\n\n", // line 16
        "```python {file=\"/../outside.py\"}\n```\n",            // line 19
    ));
    site.write("content/python/open.py", "x = 0\n# ANCHOR: open\nx = 1\n");
    site.write_bytes("content/python/latin1.py", b"caf\xe9 = 1\n");
    let errors = site.build_errors();
    let first_lines: Vec<&str> = errors.iter().map(|e| e.lines().next().unwrap()).collect();
    assert_eq!(
        first_lines,
        [
            "content/python/generators.md:4:1: error: anchor `open` at line 2 of content/python/open.py has no end",
            "content/python/generators.md:7:1: error: a code block takes either `lines=` or `anchor=`, not both",
            "content/python/generators.md:10:1: error: `/examples` is a folder",
            "content/python/generators.md:13:1: error: cannot include content/python/latin1.py: the file is not valid UTF-8: byte 0xE9 cannot start or continue a character",
            "content/python/generators.md:16:1: error: `lines=\"one-two\"` is not a range of lines",
            "content/python/generators.md:19:1: error: `/../outside.py` is outside the site: code is included only from files inside the site's folder",
        ]
    );
    for (error, help) in errors.iter().zip([
        "add a comment line `ANCHOR_END: open` after its last line",
        "keep the one that says which lines to show",
        "name a file in it",
        "save the file as UTF-8",
        "write lines=\"3-12\", lines=\"5-\" (to the end) or lines=\"-3\" (from the start); lines count from 1",
        "`file=` is relative to the guide's folder, or to the site's folder when it starts with `/`",
    ]) {
        assert!(error.contains(&format!("= help: {help}")), "{error}");
    }
}

#[test]
fn a_later_build_renders_a_page_again_when_a_file_it_includes_changed() {
    let site = site("```python {file=\"pipeline.py\" anchor=\"numbers\"}\n```\n");
    let cache = tempfile::tempdir().unwrap();
    let cache = cache.path().to_str().unwrap();
    let build = || {
        let out = site.run(&["build", "-v", "--cache-dir", cache]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let said = String::from_utf8_lossy(&out.stdout).into_owned() + &stderr(&out);
        let line = said
            .lines()
            .find(|l| l.contains("came from the cache") || l.starts_with("Up to date"))
            .unwrap_or_else(|| panic!("-v tells what came from the cache:\n{said}"))
            .trim()
            .to_string();
        (line, site.read("python/generators/index.html"))
    };
    build();
    let (again, _) = build();
    assert!(again.starts_with("Up to date"), "{again}");
    site.write(
        "content/python/pipeline.py",
        &PIPELINE.replace("n += 1", "n += 2"),
    );
    let (reused, html) = build();
    assert_eq!(reused, "Markdown of 0 pages came from the cache");
    assert!(code_text(&html, 0).contains("n += 2"), "{html}");
}
