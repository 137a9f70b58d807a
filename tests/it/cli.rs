//! The `syllabus` binary: help and version, exit codes, what a build prints,
//! `--base-url`, `init` and `new`.

use std::path::Path;

use crate::common::{self, code, code_text, run_in, stderr, stdout, tree, TestSite};

const GUIDE: &str = "---\ntitle: Joins\n---\n\nRows of two tables.\n";

fn small_site() -> TestSite {
    TestSite::new(&[
        ("content/_index.md", "---\ntitle: Home\n---\n\nWelcome.\n"),
        ("content/sql/_index.md", "---\ntitle: SQL\n---\n"),
        ("content/sql/joins.md", GUIDE),
        (
            "content/sql/indexes.md",
            "---\ntitle: Indexes\n---\n\nB-trees.\n",
        ),
    ])
}

fn html_files(dir: &Path) -> usize {
    common::snapshot(dir)
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .count()
}

// ---------------------------------------------------------- help and version

#[test]
fn help_lists_the_subcommands() {
    let site = TestSite::empty();
    let out = site.run(&["--help"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    for word in ["build", "init", "new", "--quiet", "--verbose", "--version"] {
        assert!(
            text.contains(word),
            "`--help` should mention `{word}`:\n{text}"
        );
    }
}

#[test]
fn build_help_lists_the_flags() {
    let site = TestSite::empty();
    let out = site.run(&["build", "--help"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    for flag in ["--root", "--output", "--base-url", "--drafts"] {
        assert!(
            text.contains(flag),
            "`build --help` should mention `{flag}`:\n{text}"
        );
    }
}

#[test]
fn init_and_new_have_help() {
    let site = TestSite::empty();
    let out = site.run(&["init", "--help"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("DIR"), "{}", stdout(&out));
    let out = site.run(&["new", "--help"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("--title"), "{}", stdout(&out));
}

#[test]
fn version_prints_the_crate_version() {
    let site = TestSite::empty();
    let out = site.run(&["--version"]);
    assert_eq!(code(&out), 0);
    assert_eq!(
        stdout(&out).trim(),
        format!("syllabus {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn unknown_flags_and_subcommands_exit_2() {
    let site = small_site();
    for args in [
        &["build", "--no-such-flag"][..],
        &["frobnicate"][..],
        &["--no-such-flag"][..],
        &["build", "--output"][..],
        &[][..],
    ] {
        let out = site.run(args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(
            !stderr(&out).is_empty(),
            "{args:?} should say what is wrong"
        );
    }
    assert!(
        !site.output().exists(),
        "nothing may be built on a usage error"
    );
}

#[test]
fn quiet_and_verbose_conflict() {
    let site = small_site();
    let out = site.run(&["build", "-q", "-v"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
}

// --------------------------------------------------------- what build prints

#[test]
fn a_build_prints_a_one_line_summary() {
    let site = small_site();
    let out = site.run(&["build"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "one line expected:\n{text}");
    let pages = html_files(&site.output());
    assert!(
        text.contains(&format!("{pages} pages")),
        "the summary should count {pages} pages:\n{text}"
    );
    assert!(
        text.contains(" ms"),
        "the summary should give the time:\n{text}"
    );
    let shown = site.output().canonicalize().unwrap();
    assert!(
        text.contains(&shown.display().to_string()),
        "the summary should name the output folder {}:\n{text}",
        shown.display()
    );
    assert_eq!(stderr(&out), "", "nothing on stderr for a clean build");
}

#[test]
fn the_summary_names_a_chosen_output_folder() {
    let site = small_site();
    let out = site.run(&["build", "--output", "site-out"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("site-out"), "{}", stdout(&out));
    assert!(site.root().join("site-out/sql/joins/index.html").is_file());
}

#[test]
fn quiet_prints_nothing_on_success() {
    let site = small_site();
    let out = site.run(&["build", "-q"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "");
    assert!(site.output().join("sql/joins/index.html").is_file());
    // `-q` may come before the subcommand too.
    let out = site.run(&["-q", "build"]);
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), "");
}

#[test]
fn quiet_still_prints_errors() {
    let site = TestSite::new(&[("content/a.md", "---\ntitle: A\nweight: heavy\n---\n")]);
    let out = site.run(&["build", "-q"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("content/a.md:3:9"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn verbose_prints_stage_timings() {
    let site = small_site();
    let out = site.run(&["build", "-v"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let err = stderr(&out);
    for stage in ["front matter", "markdown", "pages", "search"] {
        assert!(err.contains(stage), "`-v` should time `{stage}`:\n{err}");
    }
    assert!(err.contains("ms"), "{err}");
    assert!(!stdout(&out).is_empty(), "the summary is still printed");
}

#[test]
fn root_flag_builds_another_folder() {
    let site = small_site();
    let elsewhere = TestSite::empty();
    let root = site.root().to_str().unwrap();
    let out = elsewhere.run(&["build", "-q", "--root", root]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(site.output().join("sql/joins/index.html").is_file());
    assert!(
        tree(elsewhere.root()).is_empty(),
        "nothing is written in the current folder"
    );
}

// ---------------------------------------------------------------- base URL

#[test]
fn base_url_overrides_the_canonical_link() {
    let site = TestSite::new(&[
        (
            "site.toml",
            "title = \"T\"\nbase_url = \"https://example.org\"\n",
        ),
        ("content/sql/joins.md", GUIDE),
    ]);
    let out = site.run(&["build", "-q", "--base-url", "https://x.org/sub"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let html = site.read("sql/joins/index.html");
    assert!(
        html.contains(r#"<link rel="canonical" href="https://x.org/sub/sql/joins/">"#),
        "{html}"
    );
    assert!(!html.contains("https://example.org"), "{html}");
    let home = site.read("index.html");
    assert!(
        home.contains(r#"<link rel="canonical" href="https://x.org/sub/">"#),
        "{home}"
    );
}

#[test]
fn base_url_with_a_trailing_slash() {
    let site = TestSite::new(&[("content/sql/joins.md", GUIDE)]);
    let out = site.run(&["build", "-q", "--base-url", "https://x.org/sub/"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let html = site.read("sql/joins/index.html");
    assert!(
        html.contains(r#"<link rel="canonical" href="https://x.org/sub/sql/joins/">"#),
        "{html}"
    );
}

#[test]
fn base_url_flag_must_be_absolute() {
    let site = TestSite::new(&[("content/sql/joins.md", GUIDE)]);
    let out = site.run(&["build", "--base-url", "example.org"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("example.org"), "{}", stderr(&out));
    assert!(!site.output().exists());
}

// -------------------------------------------------------------------- init

/// The guides of a site: `.md` files other than `_index.md`, with text.
fn guides_of(root: &Path) -> Vec<(std::path::PathBuf, String)> {
    common::snapshot(&root.join("content"))
        .into_iter()
        .filter(|(p, _)| {
            p.extension().is_some_and(|e| e == "md") && p.file_name().unwrap() != "_index.md"
        })
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

/// The first `[text](target#fragment)` link of a Markdown text.
fn link_with_anchor(md: &str) -> Option<String> {
    md.match_indices("](").find_map(|(i, _)| {
        let rest = &md[i + 2..];
        let target = &rest[..rest.find(')')?];
        target
            .contains('#')
            .then(|| target.split('#').nth(1).unwrap().to_string())
            .filter(|f| !f.is_empty())
    })
}

#[test]
fn init_creates_a_site_that_builds_and_shows_every_feature() {
    let t = TestSite::empty();
    let out = t.run(&["init", "my-site"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let root = t.root().join("my-site");
    assert!(root.join("site.toml").is_file());
    assert!(stdout(&out).contains("my-site"), "{}", stdout(&out));

    let out = t.run(&["build", "--root", "my-site"]);
    assert_eq!(code(&out), 0, "the new site must build:\n{}", stderr(&out));
    assert_eq!(stderr(&out), "", "the new site builds without warnings");
    let public = root.join("public");
    assert!(public.join("index.html").is_file());

    // The guide shows the authoring features...
    let guides = guides_of(&root);
    assert!(!guides.is_empty(), "init should create a guide");
    let (path, md) = guides
        .iter()
        .find(|(_, md)| md.contains("{.practice}"))
        .expect("a guide with a {.practice} set");
    for feature in ["Q: ", "{.practice}", "{.faq}", "> [!", "- [x]", "- [ ]"] {
        assert!(md.contains(feature), "the guide should use `{feature}`");
    }
    let fence_with_options = md
        .lines()
        .any(|l| l.starts_with("```") && l.contains('{') && l.contains('}'));
    assert!(
        fence_with_options,
        "the guide should have a code block with options"
    );
    let fragment = link_with_anchor(md).expect("a link with an anchor");

    // ...and they are visible in the built page.
    let rel = path.with_extension("");
    let html = std::fs::read_to_string(public.join(&rel).join("index.html")).unwrap();
    assert!(html.contains("id=\"q-"), "question anchors:\n{html}");
    assert!(html.contains("callout-note"), "a NOTE callout:\n{html}");
    assert!(
        html.contains("<pre class=\"code hl-code") && html.contains("<span class="),
        "highlighted code:\n{html}"
    );
    assert!(html.contains("practice"), "the practice set:\n{html}");
    assert!(html.contains("faq"), "the FAQ:\n{html}");
    assert!(
        html.contains(&format!("#{fragment}\"")),
        "the link to #{fragment} is kept:\n{html}"
    );
    assert!(
        common::snapshot(&public)
            .iter()
            .any(|(_, b)| String::from_utf8_lossy(b).contains(&format!("id=\"{fragment}\""))),
        "the anchor #{fragment} exists on the site"
    );
    // The class markers are not shown in headings.
    for heading in html
        .split("<h")
        .skip(1)
        .filter(|h| h.starts_with(|c: char| c.is_ascii_digit()))
    {
        let heading = &heading[..heading.find("</h").unwrap_or(heading.len())];
        assert!(
            !heading.contains("{."),
            "a class marker is shown: <h{heading}"
        );
    }
    assert!(
        !html.contains("[!NOTE]"),
        "the callout marker is not shown as text"
    );
}

/// The value of `key="..."` in a fence's options.
fn fence_option<'a>(fence: &'a str, key: &str) -> Option<&'a str> {
    let rest = &fence[fence.find(&format!("{key}=\""))? + key.len() + 2..];
    Some(&rest[..rest.find('"')?])
}

/// The lines of `file` a fence's `lines="a-b"` or `anchor="name"` names.
fn included_lines(file: &str, fence: &str) -> String {
    let lines: Vec<&str> = file.lines().collect();
    let part = match (fence_option(fence, "lines"), fence_option(fence, "anchor")) {
        (Some(range), None) => {
            let (a, b) = range.split_once('-').unwrap();
            &lines[a.parse::<usize>().unwrap() - 1..b.parse().unwrap()]
        }
        (None, Some(name)) => {
            let start = lines
                .iter()
                .position(|l| l.ends_with(&format!("ANCHOR: {name}")));
            let end = lines
                .iter()
                .position(|l| l.ends_with(&format!("ANCHOR_END: {name}")));
            &lines[start.unwrap() + 1..end.unwrap()]
        }
        _ => panic!("the fence picks lines: {fence}"),
    };
    part.iter().map(|l| format!("{l}\n")).collect()
}

#[test]
fn init_shows_code_from_a_file_beside_its_guide_and_math() {
    let t = TestSite::empty();
    assert_eq!(code(&t.run(&["init", "my-site"])), 0);
    let root = t.root().join("my-site");
    let out = t.run(&["build", "--root", "my-site"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "the new site builds without warnings");
    assert!(std::fs::read_to_string(root.join("site.toml"))
        .unwrap()
        .contains("math = true"));

    let (path, md) = guides_of(&root)
        .into_iter()
        .find(|(_, md)| md.contains("{file=\""))
        .expect("a guide that includes code from a file");
    let rel = path.with_extension("");
    let folder = root.join("content").join(path.parent().unwrap());
    let public = root.join("public");
    let html = std::fs::read_to_string(public.join(&rel).join("index.html")).unwrap();
    let blocks: Vec<String> = (0..html.matches("<div class=\"code-block\"").count())
        .map(|nth| code_text(&html, nth))
        .collect();

    // Each fence with file= shows the lines it names, from the file
    // written beside the guide (and published there, for its link).
    let fences: Vec<&str> = md.lines().filter(|l| l.contains("{file=\"")).collect();
    for option in ["lines=", "anchor="] {
        assert!(
            fences.iter().any(|f| f.contains(option)),
            "no fence uses {option}"
        );
    }
    for fence in fences {
        let name = fence_option(fence, "file").unwrap();
        let file = std::fs::read_to_string(folder.join(name)).unwrap();
        let shown = included_lines(&file, fence);
        assert!(!shown.trim().is_empty(), "{fence} shows nothing");
        assert!(
            blocks.contains(&shown),
            "{fence} shows {shown:?}; blocks: {blocks:#?}"
        );
        let copy = public.join(rel.parent().unwrap()).join(name);
        assert_eq!(std::fs::read_to_string(copy).unwrap(), file);
    }

    // Formulas, in the guide and its practice page, are MathML.
    let display = md.split("$$").nth(1).expect("a $$ formula").trim();
    assert!(
        html.contains("<math display=\"block\"><semantics>")
            && html.contains(&format!(
                "<annotation encoding=\"application/x-tex\">{display}</annotation>"
            )),
        "{display} is not MathML:\n{html}"
    );
    assert!(html.contains("<math display=\"inline\">"), "{html}");
    let practice = std::fs::read_to_string(public.join(&rel).join("practice/index.html")).unwrap();
    assert!(practice.contains("<math display=\"inline\">"), "{practice}");
    for page in [&html, &practice] {
        assert!(!page.contains("math-error") && page.contains("math/math.css"));
    }
    assert!(public.join("math/math.css").is_file());
}

#[test]
fn init_into_an_empty_existing_folder() {
    let t = TestSite::empty();
    std::fs::create_dir(t.root().join("empty")).unwrap();
    let out = t.run(&["init", "empty"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = t.run(&["build", "-q", "--root", "empty"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn init_in_the_current_folder() {
    let t = TestSite::empty();
    let out = t.run(&["init"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(t.root().join("site.toml").is_file());
    let out = t.run(&["build", "-q"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let t = TestSite::empty();
    t.write("notes/todo.txt", "my notes\n");
    let before = tree(t.root());
    let out = t.run(&["init", "notes"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("not empty"), "{}", stderr(&out));
    assert_eq!(tree(t.root()), before, "init must write nothing");
}

#[test]
fn init_refuses_an_existing_site() {
    let site = small_site();
    let before = tree(site.root());
    let out = site.run(&["init", "."]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(tree(site.root()), before);
}

// --------------------------------------------------------------------- new

/// The value of a `key:` line of a front matter, unquoted.
fn front_value(text: &str, key: &str) -> Option<String> {
    let front = text.strip_prefix("---\n")?;
    let front = &front[..front.find("\n---\n")?];
    front.lines().find_map(|l| {
        let v = l.strip_prefix(&format!("{key}:"))?.trim();
        Some(v.trim_matches('"').trim_matches('\'').to_string())
    })
}

#[test]
fn new_creates_a_guide_and_its_section() {
    let site = small_site();
    let out = site.run(&["new", "content/python/closures.md", "--title", "Closures"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let file = site.root().join("content/python/closures.md");
    let text = std::fs::read_to_string(&file).expect("the guide is created");
    assert_eq!(
        front_value(&text, "title").as_deref(),
        Some("Closures"),
        "{text}"
    );
    let date = front_value(&text, "date").expect("a date");
    let is_date = date.len() == 10
        && date.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    assert!(is_date, "`date: {date}` should be YYYY-MM-DD");
    assert!(
        site.root().join("content/python/_index.md").is_file(),
        "the new section gets an _index.md"
    );

    let out = site.run(&["build", "-q"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let html = site.read("python/closures/index.html");
    assert!(html.contains("<h1>Closures</h1>"), "{html}");
    assert!(site.output().join("python/index.html").is_file());
}

#[test]
fn new_keeps_an_existing_section_index() {
    let site = small_site();
    let index = site.root().join("content/sql/_index.md");
    let before = std::fs::read(&index).unwrap();
    let out = site.run(&["new", "content/sql/views.md"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(std::fs::read(&index).unwrap(), before);
    let text = std::fs::read_to_string(site.root().join("content/sql/views.md")).unwrap();
    assert_eq!(
        front_value(&text, "title").as_deref(),
        Some("Views"),
        "{text}"
    );
    let out = site.run(&["build", "-q"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn new_in_the_content_root_needs_no_section() {
    let site = small_site();
    let out = site.run(&["new", "content/glossary.md"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = site.run(&["build", "-q"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(site.output().join("glossary/index.html").is_file());
}

#[test]
fn new_with_an_awkward_title_still_builds() {
    let site = small_site();
    let title = r#"Say "hi": a guide # 1 \ more"#;
    let out = site.run(&["new", "content/python/hi.md", "--title", title]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = site.run(&["build", "-q"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let html = site.read("python/hi/index.html");
    assert!(
        html.contains("<h1>Say &quot;hi&quot;: a guide # 1 \\ more</h1>"),
        "{html}"
    );
}

#[test]
fn new_with_root_flag() {
    let site = small_site();
    let elsewhere = TestSite::empty();
    let root = site.root().to_str().unwrap();
    let out = elsewhere.run(&["new", "content/go/slices.md", "--root", root]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(site.root().join("content/go/slices.md").is_file());
    assert!(tree(elsewhere.root()).is_empty());
}

#[test]
fn new_refuses_an_existing_file() {
    let site = small_site();
    let before = tree(site.root());
    let out = site.run(&["new", "content/sql/joins.md", "--title", "Other"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("exists"), "{}", stderr(&out));
    assert_eq!(tree(site.root()), before, "the file must be left unchanged");
    assert_eq!(
        std::fs::read_to_string(site.root().join("content/sql/joins.md")).unwrap(),
        GUIDE
    );
}

#[test]
fn new_refuses_paths_outside_content_or_not_markdown() {
    let site = small_site();
    let before = tree(site.root());
    for path in [
        "notes/x.md",
        "x.md",
        "content/python/x.txt",
        "content/python/x",
        "content/../x.md",
        "../x.md",
        "content/_index.md",
        "content",
    ] {
        let out = site.run(&["new", path]);
        assert_eq!(
            code(&out),
            2,
            "`new {path}` should be refused: {}",
            stderr(&out)
        );
        assert!(!stderr(&out).is_empty());
    }
    assert_eq!(tree(site.root()), before, "nothing may be written");
}

#[test]
fn new_refuses_an_absolute_path_outside_the_site() {
    let site = small_site();
    let other = TestSite::empty();
    let target = other.root().join("content/x.md");
    let out = site.run(&["new", target.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(tree(other.root()).is_empty());
}

#[test]
fn new_without_site_toml_is_refused() {
    let t = TestSite::empty();
    let out = t.run(&["new", "content/python/closures.md"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("site.toml"), "{}", stderr(&out));
    assert!(tree(t.root()).is_empty(), "nothing may be written");
}

#[test]
fn exit_codes_of_build() {
    // 0: built.
    let site = small_site();
    assert_eq!(code(&site.run(&["build", "-q"])), 0);
    // 1: content errors.
    site.write("content/sql/bad.md", "no front matter\n");
    assert_eq!(code(&site.run(&["build", "-q"])), 1);
    // 2: configuration errors.
    let t = TestSite::empty();
    assert_eq!(code(&run_in(t.root(), &["build", "-q"])), 2);
}

#[test]
fn template_errors_name_the_template_file_and_line() {
    let site = small_site();
    site.write(
        "templates/guide.html",
        "{{ guide.title | no_such_filter }}\n",
    );
    let out = site.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 1, "{err}");
    assert!(err.contains("templates/guide.html:1:18: error: "), "{err}");
    assert!(err.contains("no_such_filter"), "{err}");
}

#[test]
fn completions_are_printed_for_each_shell() {
    let dir = TestSite::empty();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run_in(dir.root(), &["completions", shell]);
        assert_eq!(code(&out), 0, "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for command in ["build", "serve", "check", "export", "completions"] {
            assert!(script.contains(command), "{shell} completes `{command}`");
        }
        assert!(script.contains("base-url"), "{shell} completes flags");
    }
    let bash = stdout(&run_in(dir.root(), &["completions", "bash"]));
    let path = dir.root().join("syllabus.bash");
    std::fs::write(&path, bash).unwrap();
    if let Ok(check) = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
    {
        assert!(
            check.status.success(),
            "bash reads the script: {}",
            stderr(&check)
        );
    }
    let out = run_in(dir.root(), &["completions", "tcsh"]);
    assert_eq!(code(&out), 2, "an unknown shell is a usage error");
    assert!(
        stderr(&out).contains("possible values: bash"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_reader_that_stops_early_is_not_a_crash() {
    let site = small_site();
    for args in [
        &["completions", "bash"][..],
        &["check", "--format", "json"][..],
    ] {
        let mut child = common::syllabus_command()
            .args(args)
            .current_dir(site.root())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Nobody reads: the first write finds the pipe closed.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    }
}
