//! Every front-matter rule of the authoring contract (docs: AUTHORING.md,
//! "Front matter"), and the site.toml rules, as an author sees them: built
//! pages, diagnostics with file:line:col, exit codes.

use crate::common::{self, code, stderr, TestSite};
use syllabus::diagnostics::Diagnostic;
use syllabus::{BuildError, BuildOptions};

// ---------------------------------------------------------------- helpers

/// The file every error case is written to.
const PAGE: &str = "content/a/b.md";

/// Builds a site whose only page is `PAGE` with `text`; returns the content
/// errors of the failed build.
fn errors_of(text: &str) -> Vec<Diagnostic> {
    let site = TestSite::new(&[(PAGE, text)]);
    match site.build() {
        Err(BuildError::Content(d)) => d,
        Err(e) => panic!("expected content errors, got {e:?}"),
        Ok(_) => panic!("build succeeded but an error was expected for:\n{text}"),
    }
}

/// The one error `text` causes, checked to be printed at `line:col` of `PAGE`.
fn error_at(text: &str, line: usize, col: usize) -> Diagnostic {
    let mut errors = errors_of(text);
    assert_eq!(
        errors.len(),
        1,
        "expected one error, got:\n{}",
        common::render(&errors)
    );
    let d = errors.remove(0);
    let shown = d.to_string();
    let prefix = format!("{PAGE}:{line}:{col}: error: ");
    assert!(
        shown.starts_with(&prefix),
        "expected `{prefix}...`, got:\n{shown}"
    );
    assert!(d.is_error());
    d
}

/// The offending line is shown under the message.
fn shows_line(d: &Diagnostic, line: usize, text: &str) {
    let shown = d.to_string();
    assert!(
        shown.contains(&format!(" {line} | {text}\n")),
        "expected the source line `{text}` under the message:\n{shown}"
    );
}

fn message_has(d: &Diagnostic, parts: &[&str]) {
    for part in parts {
        assert!(
            d.message.contains(part),
            "message should mention `{part}`: {}",
            d.message
        );
    }
}

/// A site with one guide `content/sql/joins.md`, built; returns its page.
fn built_guide(front: &str) -> (TestSite, String) {
    let text = format!("---\n{front}---\n\nSome text about joins.\n");
    let site = TestSite::new(&[("content/sql/joins.md", &text)]);
    site.build_ok();
    let html = site.read("sql/joins/index.html");
    (site, html)
}

/// Position of `needle` in `hay`, failing the test if absent.
fn pos(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not found in:\n{hay}"))
}

// ------------------------------------------------------ keys and their effect

#[test]
fn title_is_the_h1_and_the_html_title() {
    let (_site, html) = built_guide("title: Inner and outer joins\n");
    assert!(html.contains("<h1>Inner and outer joins</h1>"), "{html}");
    assert!(
        html.contains("<title>Inner and outer joins"),
        "the page title should start with the guide title:\n{html}"
    );
}

#[test]
fn description_is_the_meta_description() {
    let (_site, html) =
        built_guide("title: Joins\ndescription: How rows of two tables are combined.\n");
    assert!(
        html.contains(
            r#"<meta name="description" content="How rows of two tables are combined.">"#
        ),
        "{html}"
    );
}

#[test]
fn date_is_shown_in_words_with_a_machine_readable_time() {
    let (_site, html) = built_guide("title: Joins\ndate: 2024-05-01\n");
    assert!(
        html.contains(r#"<time datetime="2024-05-01">1 May 2024</time>"#),
        "{html}"
    );
}

#[test]
fn date_accepts_rfc3339_and_updated_is_shown() {
    let (_site, html) =
        built_guide("title: Joins\ndate: 2024-05-01T09:30:00Z\nupdated: 2024-06-12\n");
    assert!(
        html.contains(r#"<time datetime="2024-05-01T09:30:00Z">1 May 2024</time>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<time datetime="2024-06-12">12 June 2024</time>"#),
        "{html}"
    );
}

#[test]
fn tags_are_listed_on_the_page() {
    let (_site, html) = built_guide("title: Joins\ntags: [relational-algebra, set-theory]\n");
    assert!(html.contains(">relational-algebra<"), "{html}");
    assert!(html.contains(">set-theory<"), "{html}");
    assert!(
        pos(&html, ">relational-algebra<") < pos(&html, ">set-theory<"),
        "tags keep their order"
    );
}

#[test]
fn tags_accept_block_list_syntax() {
    let (_site, html) =
        built_guide("title: Joins\ntags:\n  - relational-algebra\n  - set-theory\n");
    assert!(html.contains(">relational-algebra<"), "{html}");
    assert!(html.contains(">set-theory<"), "{html}");
}

#[test]
fn difficulty_shows_a_badge() {
    for (value, shown) in [
        ("beginner", "Beginner"),
        ("intermediate", "Intermediate"),
        ("advanced", "Advanced"),
    ] {
        let (site, html) = built_guide(&format!("title: Joins\ndifficulty: {value}\n"));
        assert!(html.contains(&format!("badge-{value}")), "{html}");
        assert!(html.contains(&format!(">{shown}<")), "{html}");
        // The section listing shows it too.
        let section = site.read("sql/index.html");
        assert!(section.contains(&format!("badge-{value}")), "{section}");
    }
}

#[test]
fn no_difficulty_means_no_badge() {
    let (_site, html) = built_guide("title: Joins\n");
    assert!(!html.contains("badge-"), "{html}");
}

#[test]
fn weight_orders_guides_in_a_section_then_title() {
    let guide = |title: &str, weight: Option<i64>| {
        let w = weight.map_or(String::new(), |w| format!("weight: {w}\n"));
        format!("---\ntitle: {title}\n{w}---\n\nText.\n")
    };
    let site = TestSite::new(&[
        ("content/sql/_index.md", "---\ntitle: SQL\n---\n"),
        ("content/sql/a.md", &guide("Zeta", Some(1))),
        ("content/sql/b.md", &guide("Alpha", Some(2))),
        ("content/sql/c.md", &guide("Aardvark", Some(2))),
        ("content/sql/d.md", &guide("Gamma", None)),
        ("content/sql/e.md", &guide("Beta", None)),
        ("content/sql/f.md", &guide("Omega", Some(-5))),
    ]);
    site.build_ok();
    let html = site.read("sql/index.html");
    let order = ["Omega", "Zeta", "Aardvark", "Alpha", "Beta", "Gamma"];
    let positions: Vec<usize> = order
        .iter()
        .map(|t| pos(&html, &format!(">{t}</a>")))
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "expected the order {order:?} (weight, then title; unweighted last), got positions {positions:?} in:\n{html}"
    );
}

#[test]
fn drafts_are_left_out_by_default() {
    let site = TestSite::new(&[
        ("content/sql/joins.md", "---\ntitle: Joins\n---\n\nText.\n"),
        (
            "content/sql/window-functions.md",
            "---\ntitle: Window functions WIP\ndraft: true\n---\n\nText.\n",
        ),
    ]);
    site.build_ok();
    assert!(site.output().join("sql/joins/index.html").is_file());
    assert!(
        !site.output().join("sql/window-functions").exists(),
        "a draft must not be built without drafts"
    );
    let section = site.read("sql/index.html");
    assert!(!section.contains("Window functions WIP"), "{section}");
    let home = site.read("index.html");
    assert!(!home.contains("Window functions WIP"), "{home}");
}

#[test]
fn drafts_are_built_with_the_drafts_option() {
    let site = TestSite::new(&[(
        "content/sql/window-functions.md",
        "---\ntitle: Window functions WIP\ndraft: true\n---\n\nText.\n",
    )]);
    let opts = BuildOptions {
        drafts: true,
        ..site.options()
    };
    syllabus::build(&opts).expect("build with drafts");
    let html = site.read("sql/window-functions/index.html");
    assert!(html.contains("<h1>Window functions WIP</h1>"), "{html}");
    let section = site.read("sql/index.html");
    assert!(section.contains("Window functions WIP"), "{section}");
}

#[test]
fn drafts_flag_of_the_binary() {
    let site = TestSite::new(&[(
        "content/sql/wip.md",
        "---\ntitle: WIP\ndraft: true\n---\n\nText.\n",
    )]);
    let out = site.run(&["build", "-q"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!site.output().join("sql/wip").exists());
    let out = site.run(&["build", "-q", "--drafts"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(site.output().join("sql/wip/index.html").is_file());
}

#[test]
fn draft_false_is_built() {
    let (_site, html) = built_guide("title: Joins\ndraft: false\n");
    assert!(html.contains("<h1>Joins</h1>"));
}

#[test]
fn slug_replaces_the_file_stem() {
    let site = TestSite::new(&[(
        "content/sql/joins.md",
        "---\ntitle: Joins\nslug: joins-explained\n---\n\nText.\n",
    )]);
    site.build_ok();
    let html = site.read("sql/joins-explained/index.html");
    assert!(html.contains("<h1>Joins</h1>"), "{html}");
    assert!(
        !site.output().join("sql/joins").exists(),
        "the file stem must not be used when a slug is given"
    );
    let section = site.read("sql/index.html");
    assert!(section.contains(r#"href="joins-explained/""#), "{section}");
}

#[test]
fn links_to_a_slugged_page_use_its_slug() {
    let site = TestSite::new(&[
        (
            "content/sql/joins.md",
            "---\ntitle: Joins\nslug: joins-explained\n---\n\nText.\n",
        ),
        (
            "content/sql/indexes.md",
            "---\ntitle: Indexes\n---\n\nSee [joins](joins.md).\n",
        ),
    ]);
    site.build_ok();
    let html = site.read("sql/indexes/index.html");
    assert!(html.contains(r#"href="../joins-explained/""#), "{html}");
}

#[test]
fn template_uses_the_sites_template() {
    let site = TestSite::new(&[
        (
            "templates/custom.html",
            "<!doctype html><title>{{ guide.title }}</title>\n<p id=\"custom\">custom page for {{ guide.title }}</p>\n",
        ),
        (
            "content/sql/joins.md",
            "---\ntitle: Joins\ntemplate: custom.html\n---\n\nText.\n",
        ),
        ("content/sql/other.md", "---\ntitle: Other\n---\n\nText.\n"),
    ]);
    site.build_ok();
    let html = site.read("sql/joins/index.html");
    assert!(
        html.contains(r#"<p id="custom">custom page for Joins</p>"#),
        "{html}"
    );
    assert!(
        !html.contains("<h1>"),
        "the default guide template was used:\n{html}"
    );
    // Other guides keep the default template.
    let other = site.read("sql/other/index.html");
    assert!(other.contains("<h1>Other</h1>"), "{other}");
    assert!(!other.contains("id=\"custom\""), "{other}");
}

#[test]
fn extra_is_available_to_templates() {
    let site = TestSite::new(&[
        (
            "templates/custom.html",
            "<p id=\"extra\">colour={{ guide.extra.colour }} size={{ guide.extra.size }} first={{ guide.extra.list[0] }} deep={{ guide.extra.nested.key }}</p>\n",
        ),
        (
            "content/sql/joins.md",
            "---\ntitle: Joins\ntemplate: custom.html\nextra:\n  colour: teal\n  size: 3\n  list: [one, two]\n  nested:\n    key: value\n---\n\nText.\n",
        ),
    ]);
    site.build_ok();
    let html = site.read("sql/joins/index.html");
    assert!(
        html.contains(r#"<p id="extra">colour=teal size=3 first=one deep=value</p>"#),
        "{html}"
    );
}

#[test]
fn related_and_aliases_are_accepted() {
    let site = TestSite::new(&[
        ("content/sql/indexes.md", "---\ntitle: Indexes\n---\n\nText.\n"),
        (
            "content/sql/joins.md",
            "---\ntitle: Joins\nrelated: [indexes.md]\naliases: [/old/joins/, /sql/join/]\n---\n\nText.\n",
        ),
    ]);
    site.build_ok();
    let html = site.read("sql/joins/index.html");
    assert!(html.contains("<h1>Joins</h1>"), "{html}");
}

#[test]
fn every_key_together() {
    let site = TestSite::new(&[
        ("templates/custom.html", "<p>{{ guide.title }} {{ guide.extra.k }}</p>\n"),
        ("content/sql/indexes.md", "---\ntitle: Indexes\n---\n\nText.\n"),
        (
            "content/sql/joins.md",
            "---\ntitle: T\ndescription: D\ndate: 2024-05-01\nupdated: 2024-06-01T10:00:00Z\ntags: [a, b]\ndifficulty: advanced\nweight: 3\ndraft: false\nslug: s\nrelated: [indexes.md]\naliases: [/old/]\ntemplate: custom.html\nextra:\n  k: v\n---\nbody\n",
        ),
    ]);
    site.build_ok();
    assert_eq!(site.read("sql/s/index.html"), "<p>T v</p>\n");
}

#[test]
fn front_matter_with_crlf_line_endings() {
    let site = TestSite::new(&[(
        "content/sql/joins.md",
        "---\r\ntitle: Joins\r\ndate: 2024-05-01\r\n---\r\n\r\nText.\r\n",
    )]);
    site.build_ok();
    let html = site.read("sql/joins/index.html");
    assert!(html.contains("<h1>Joins</h1>"), "{html}");
    assert!(html.contains("1 May 2024"), "{html}");
}

#[test]
fn crlf_errors_point_at_the_right_place() {
    let d = error_at("---\r\ntitle: T\r\nweight: heavy\r\n---\r\n", 3, 9);
    shows_line(&d, 3, "weight: heavy");
}

#[test]
fn front_matter_after_a_byte_order_mark() {
    let site = TestSite::new(&[(
        "content/sql/joins.md",
        "\u{feff}---\ntitle: Joins\n---\n\nText.\n",
    )]);
    site.build_ok();
    let html = site.read("sql/joins/index.html");
    assert!(html.contains("<h1>Joins</h1>"), "{html}");
}

// ------------------------------------------------------------ encodings

fn utf16(text: &str, unit: fn(u16) -> [u8; 2], mark: [u8; 2]) -> Vec<u8> {
    let mut bytes = mark.to_vec();
    bytes.extend(text.encode_utf16().flat_map(unit));
    bytes
}

#[test]
fn utf16_files_with_a_byte_order_mark_are_read() {
    let text = "---\ntitle: Caf\u{e9} cr\u{e8}me\n---\n\nAll about cr\u{e8}me br\u{fb}l\u{e9}e.\n";
    let site = TestSite::new(&[]);
    site.write_bytes(
        "content/le.md",
        &utf16(text, u16::to_le_bytes, [0xFF, 0xFE]),
    );
    site.write_bytes(
        "content/be.md",
        &utf16(text, u16::to_be_bytes, [0xFE, 0xFF]),
    );
    site.write_bytes(
        "content/bom.md",
        &[b"\xEF\xBB\xBF", text.as_bytes()].concat(),
    );
    site.build_ok();
    for page in ["le", "be", "bom"] {
        let html = site.read(&format!("{page}/index.html"));
        assert!(
            html.contains("<h1>Caf\u{e9} cr\u{e8}me</h1>"),
            "{page}: {html}"
        );
        assert!(
            html.contains("cr\u{e8}me br\u{fb}l\u{e9}e"),
            "{page}: {html}"
        );
    }
}

#[test]
fn latin1_is_an_error_at_its_first_bad_byte_beside_other_errors() {
    let site = TestSite::new(&[("content/other.md", "---\ntitle: O\nweight: heavy\n---\n")]);
    // "Café" and "crème" as Latin-1 (one byte each for é and è).
    site.write_bytes(
        "content/latin.md",
        b"---\ntitle: Notes\n---\n\nUn caf\xE9 cr\xE8me.\n",
    );
    let out = site.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 1, "{err}");
    assert!(
        err.contains(
            "content/latin.md:5:7: error: the file is not valid UTF-8: byte 0xE9 cannot start or continue a character"
        ),
        "{err}"
    );
    assert!(err.contains(" 5 | Un caf\u{FFFD} cr\u{FFFD}me."), "{err}");
    assert!(err.contains("= help: save the file as UTF-8"), "{err}");
    // The other page's error is reported by the same build.
    assert!(err.contains("content/other.md:3:9: error: "), "{err}");
    assert!(err.contains("2 errors"), "{err}");
}

#[test]
fn nul_bytes_become_replacement_characters_and_reach_no_output_file() {
    let site = TestSite::new(&[(
        "content/sql/joins.md",
        "---\ntitle: \"Jo\0ins\"\ndescription: a\0b\ntags: [t\0ag]\n---\n\n# Head\0ing\n\nText\0 and `co\0de`.\n\n```sql\nSELECT\0\n```\n",
    )]);
    site.build_ok();
    let html = site.read("sql/joins/index.html");
    assert!(html.contains("<h1>Jo\u{FFFD}ins</h1>"), "{html}");
    assert!(html.contains("Text\u{FFFD} and"), "{html}");
    for (path, bytes) in common::snapshot(&site.output()) {
        if path.ends_with("search/o.bin") {
            continue; // numbers, not text
        }
        assert!(!bytes.contains(&0), "a NUL byte in {}", path.display());
    }
}

// ------------------------------------------------------------- error cases

#[test]
fn weight_of_the_wrong_type() {
    let d = error_at("---\ntitle: T\nweight: heavy\n---\n", 3, 9);
    message_has(&d, &["weight", "heavy"]);
    shows_line(&d, 3, "weight: heavy");
}

#[test]
fn tags_of_the_wrong_type() {
    let d = error_at("---\ntitle: T\ntags: 5\n---\n", 3, 7);
    message_has(&d, &["tags", "5", "sequence"]);
    shows_line(&d, 3, "tags: 5");
}

#[test]
fn a_tag_of_the_wrong_type() {
    let d = error_at("---\ntitle: T\ntags: [a, [b]]\n---\n", 3, 11);
    message_has(&d, &["tags"]);
}

#[test]
fn draft_of_the_wrong_type() {
    let d = error_at("---\ntitle: T\ndraft: maybe\n---\n", 3, 8);
    message_has(&d, &["draft", "maybe", "bool"]);
    shows_line(&d, 3, "draft: maybe");
}

#[test]
fn title_of_the_wrong_type() {
    let d = error_at("---\ntitle: [a, b]\n---\n", 2, 8);
    message_has(&d, &["title"]);
}

#[test]
fn aliases_and_related_of_the_wrong_type() {
    let d = error_at("---\ntitle: T\naliases: 5\n---\n", 3, 10);
    message_has(&d, &["aliases"]);
    let d = error_at("---\ntitle: T\nrelated: yes\n---\n", 3, 10);
    message_has(&d, &["related"]);
}

#[test]
fn extra_of_the_wrong_type() {
    let d = error_at("---\ntitle: T\nextra: 5\n---\n", 3, 8);
    message_has(&d, &["extra"]);
}

#[test]
fn missing_title_is_reported_at_the_start() {
    let d = error_at("---\ndescription: D\n---\n\nText.\n", 1, 1);
    message_has(&d, &["title"]);
    assert!(d.help.as_deref().unwrap_or("").contains("title:"), "{d}");
}

#[test]
fn empty_front_matter_has_no_title() {
    let d = error_at("---\n---\n\nText.\n", 1, 1);
    message_has(&d, &["title"]);
}

#[test]
fn empty_title() {
    let d = error_at("---\ntitle: \"\"\n---\n", 2, 1);
    message_has(&d, &["title", "empty"]);
    shows_line(&d, 2, "title: \"\"");
    // Blank is empty too, and so is a title on a later line.
    let d = error_at("---\ndate: 2024-05-01\ntitle: \"   \"\n---\n", 3, 1);
    message_has(&d, &["title", "empty"]);
}

#[test]
fn null_title_is_an_empty_title() {
    let d = error_at("---\ntitle:\n---\n", 2, 1);
    message_has(&d, &["title"]);
}

#[test]
fn numbers_as_title_and_tags_are_text() {
    let (_site, html) = built_guide("title: 1984\ntags: [python, 3]\n");
    assert!(html.contains("<h1>1984</h1>"), "{html}");
    assert!(html.contains(">3<"), "{html}");
}

#[test]
fn unknown_key_suggests_the_nearest() {
    let d = error_at("---\ntitel: Joins\n---\n", 2, 1);
    message_has(&d, &["unknown", "titel"]);
    assert_eq!(d.help.as_deref(), Some("did you mean `title`?"), "{d}");
    assert!(d.to_string().contains("= help: did you mean `title`?"));
    shows_line(&d, 2, "titel: Joins");

    let d = error_at("---\ntitle: T\ndescripton: D\n---\n", 3, 1);
    message_has(&d, &["descripton"]);
    assert_eq!(d.help.as_deref(), Some("did you mean `description`?"));

    let d = error_at("---\ntitle: T\ntag: [a]\n---\n", 3, 1);
    assert_eq!(d.help.as_deref(), Some("did you mean `tags`?"));
}

#[test]
fn unknown_key_without_a_near_name_points_to_extra() {
    let d = error_at("---\ntitle: T\ncolour: teal\n---\n", 3, 1);
    message_has(&d, &["colour"]);
    assert!(d.help.as_deref().unwrap_or("").contains("extra"), "{d}");
}

#[test]
fn broken_yaml() {
    let d = error_at("---\ntitle: T\ndescription: a: b\n---\n", 3, 15);
    assert!(
        d.message.to_lowercase().contains("yaml"),
        "the message should say the YAML is broken: {d}"
    );
    shows_line(&d, 3, "description: a: b");
}

#[test]
fn broken_yaml_bad_indentation() {
    let d = error_at("---\ntitle: T\n  bad: indent\n---\n", 3, 6);
    assert!(d.message.to_lowercase().contains("yaml"), "{d}");
}

#[test]
fn broken_yaml_unclosed_list_points_at_the_list() {
    let d = error_at("---\ntitle: T\ntags: [a, b\n---\n", 3, 7);
    assert!(d.message.to_lowercase().contains("yaml"), "{d}");
}

#[test]
fn duplicate_key_points_at_the_duplicate() {
    let d = error_at("---\ntitle: T\ntitle: U\n---\n", 3, 1);
    message_has(&d, &["title"]);
}

#[test]
fn bad_date() {
    let d = error_at("---\ntitle: T\ndate: 2024-13-45\n---\n", 3, 7);
    message_has(&d, &["date", "2024-13-45"]);
    shows_line(&d, 3, "date: 2024-13-45");
    // Not a real day, and not a date at all.
    let d = error_at("---\ntitle: T\nupdated: 2024-02-30\n---\n", 3, 10);
    message_has(&d, &["2024-02-30"]);
    let d = error_at("---\ntitle: T\ndate: last tuesday\n---\n", 3, 7);
    message_has(&d, &["last tuesday"]);
}

#[test]
fn bad_date_points_at_its_own_line() {
    let d = error_at(
        "---\ntitle: T\ndate: 2024-06-01\nupdated: 2024-06\n---\n",
        4,
        10,
    );
    message_has(&d, &["2024-06"]);
    shows_line(&d, 4, "updated: 2024-06");
}

/// Each error of `text`, as printed, from its first line on.
fn printed_errors(text: &str) -> Vec<String> {
    errors_of(text).iter().map(|d| d.to_string()).collect()
}

#[test]
fn a_bad_date_then_broken_yaml_are_each_reported_at_their_own_line() {
    // serde_yaml meets the date first and blames the mapping's first line
    // (`title:`); the list left open below is never mentioned.
    let errors = printed_errors(
        "---\ntitle: Joins\ndate: 2024-13-45  # fix later\ntags: [sql, joins\n---\n\nText.\n",
    );
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].starts_with("content/a/b.md:3:7: error: invalid date `2024-13-45`"),
        "{errors:#?}"
    );
    assert!(
        errors[1].starts_with(
            "content/a/b.md:4:7: error: front matter is not valid YAML: did not find expected ',' or ']'"
        ),
        "{errors:#?}"
    );
    assert!(
        errors[1].contains(" 4 | tags: [sql, joins\n"),
        "{errors:#?}"
    );
    assert!(
        errors[1].contains("= help: close the list with `]`"),
        "{errors:#?}"
    );
}

#[test]
fn a_date_swallowing_a_badly_indented_key_is_a_yaml_error_at_that_key() {
    let d = error_at("---\ntitle: T\ndate: 2024-05-01\n  weight: 3\n---\n", 4, 9);
    message_has(&d, &["not valid YAML"]);
    shows_line(&d, 4, "  weight: 3");
}

#[test]
fn every_broken_key_is_reported_at_its_line() {
    let errors = printed_errors(
        "---\ndate: 2024-13-45\ntitle: T\nweight: heavy\ncolour: teal\ndifficulty: expert\nupdated: \"2024-01-01\n---\n",
    );
    let at: Vec<&str> = errors
        .iter()
        .map(|e| e.split(": error: ").next().unwrap())
        .collect();
    assert_eq!(
        at,
        [
            "content/a/b.md:2:7",
            "content/a/b.md:4:9",
            "content/a/b.md:5:1",
            "content/a/b.md:6:13",
            "content/a/b.md:7:10",
        ],
        "{errors:#?}"
    );
    assert!(errors[4].contains("= help: close the quote"), "{errors:#?}");
}

#[test]
fn a_broken_title_is_not_also_a_missing_title() {
    let d = error_at("---\ntitle: \"Joins\ntags: [a]\n---\n", 2, 8);
    message_has(&d, &["not valid YAML"]);
}

#[test]
fn bad_difficulty() {
    let d = error_at("---\ntitle: T\ndifficulty: expert\n---\n", 3, 13);
    message_has(
        &d,
        &[
            "difficulty",
            "expert",
            "beginner",
            "intermediate",
            "advanced",
        ],
    );
    shows_line(&d, 3, "difficulty: expert");
}

#[test]
fn no_front_matter() {
    let d = error_at("# Joins\n\nText.\n", 1, 1);
    message_has(&d, &["front matter"]);
    shows_line(&d, 1, "# Joins");
    assert!(d.help.as_deref().unwrap_or("").contains("---"), "{d}");
}

#[test]
fn empty_file_has_no_front_matter() {
    let errors = errors_of("");
    assert_eq!(errors.len(), 1, "{}", common::render(&errors));
    assert!(errors[0].message.contains("front matter"), "{}", errors[0]);
    assert_eq!(errors[0].path(), Some(std::path::Path::new(PAGE)));
}

#[test]
fn unclosed_front_matter() {
    let d = error_at("---\ntitle: Joins\n\nText.\n", 1, 1);
    message_has(&d, &["not closed"]);
    shows_line(&d, 1, "---");
}

#[test]
fn bad_slug() {
    let d = error_at("---\ntitle: T\nslug: a/b\n---\n", 3, 1);
    message_has(&d, &["slug", "a/b"]);
    shows_line(&d, 3, "slug: a/b");
    for bad in [
        "\"..\"",
        "\"with space\"",
        "\"a#b\"",
        "\"\"",
        "\"a\\x07b\"",
        "\"a\\0\"",
    ] {
        let d = error_at(&format!("---\ntitle: T\nslug: {bad}\n---\n"), 3, 1);
        message_has(&d, &["slug"]);
    }
    // A control character is shown escaped, not sent to the terminal.
    let d = error_at("---\ntitle: T\nslug: \"a\\x07b\"\n---\n", 3, 1);
    message_has(&d, &["`slug: a\\u{7}b` is not a single URL segment"]);
}

#[test]
fn two_pages_on_one_url() {
    let site = TestSite::new(&[
        ("content/a/joins.md", "---\ntitle: Joins\n---\n"),
        ("content/a/b.md", "---\ntitle: Other\nslug: joins\n---\n"),
    ]);
    let errors = match site.build() {
        Err(BuildError::Content(d)) => d,
        other => panic!("expected a content error, got {other:?}"),
    };
    assert_eq!(errors.len(), 1, "{}", common::render(&errors));
    let shown = errors[0].to_string();
    // Either page may be the one reported; the slug line is the precise place
    // when it is the slugged one.
    assert!(
        shown.starts_with("content/a/b.md:3:1: error: ")
            || shown.starts_with("content/a/joins.md:1:1: error: "),
        "{shown}"
    );
    assert!(shown.contains("/a/joins/"), "{shown}");
}

#[test]
fn urls_that_differ_only_in_letter_case_are_errors_naming_both_files() {
    let page = |title: &str| format!("---\ntitle: {title}\n---\n");
    let site = TestSite::new(&[
        ("content/Joins.md", &page("Joins")),
        ("content/joins.md", &page("joins")),
        ("content/a.md", "---\ntitle: A\nslug: JOINS\n---\n"),
        ("content/SQL/x.md", &page("X")),
        ("content/sql.md", &page("SQL")),
        ("content/Practice/y.md", &page("Y")),
        ("content/img/Diagram.png", "png"),
        ("content/img/diagram.png", "png"),
    ]);
    let errors = site.build_errors();
    let clash = "differs only in letter case from";
    for expected in [
        format!("content/joins.md:1:1: error: this page's URL /joins/ {clash} /Joins/ (content/Joins.md)"),
        // A slug is the cause: its line is the place.
        format!("content/a.md:3:1: error: this page's URL /JOINS/ {clash} /Joins/ (content/Joins.md)"),
        format!("content/sql.md:1:1: error: this page's URL /sql/ {clash} /SQL/ (the section folder content/SQL)"),
        format!("content/Practice: error: this section's URL /Practice/ {clash} /practice/ (the built-in page /practice/)"),
        format!("content/img/diagram.png: error: this file's URL /img/diagram.png {clash} /img/Diagram.png (content/img/Diagram.png)"),
    ] {
        assert!(
            errors.iter().any(|e| e.starts_with(&expected)),
            "missing `{expected}` in {errors:#?}"
        );
    }
    assert_eq!(errors.len(), 5, "{errors:#?}");
    assert!(errors[0].contains("case-insensitive disks (macOS, Windows)"));
    // The other file is pointed at too, at its slug when it has one.
    let a = errors
        .iter()
        .find(|e| e.starts_with("content/a.md"))
        .unwrap();
    assert!(
        a.contains("\n  = note: content/Joins.md:1:1: the other one is here"),
        "{a}"
    );
    let sql = errors
        .iter()
        .find(|e| e.starts_with("content/sql.md"))
        .unwrap();
    assert!(
        sql.contains("= note: content/SQL: the other one is here"),
        "{sql}"
    );
}

#[test]
fn names_that_are_one_once_unicode_is_composed_are_an_error_naming_both() {
    let page = "---\ntitle: Café\n---\n";
    let site = TestSite::new(&[
        ("content/caf\u{e9}.md", page),
        ("content/cafe\u{301}.md", page),
        // Two folders: reported once, not again for each file inside.
        ("content/Caf\u{e9}/x.md", page),
        ("content/Cafe\u{301}/x.md", page),
    ]);
    let errors = site.build_errors();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    for (file, other) in [
        ("Caf\u{e9}", "Cafe\\u{301}"),
        ("caf\u{e9}.md", "cafe\\u{301}.md"),
    ] {
        let expected = format!(
            "content/{file}: error: \"content/{file}\" and \"content/{other}\" are one name once \
             Unicode is normalised (NFC)"
        );
        assert!(
            errors.iter().any(|e| e.starts_with(&expected)),
            "missing `{expected}` in {errors:#?}"
        );
    }
}

#[test]
fn unknown_template() {
    let d = error_at("---\ntitle: T\ntemplate: nope.html\n---\n", 3, 1);
    message_has(&d, &["nope.html"]);
    shows_line(&d, 3, "template: nope.html");
}

#[test]
fn errors_name_the_file_as_the_author_knows_it() {
    let errors = errors_of("---\ntitle: T\nweight: heavy\n---\n");
    assert_eq!(errors[0].path(), Some(std::path::Path::new(PAGE)));
}

// -------------------------------------------------------- all errors at once

const BROKEN: [(&str, &str, &str, &str); 3] = [
    (
        "content/python/a.md",
        "---\ntitle: A\nweight: heavy\n---\n\nText.\n",
        "content/python/a.md:3:9: error: ",
        "weight: heavy",
    ),
    (
        "content/sql/b.md",
        "---\ntitel: B\n---\n\nText.\n",
        "content/sql/b.md:2:1: error: ",
        "titel: B",
    ),
    (
        "content/rust/deep/c.md",
        "---\ntitle: C\ndescription: fine\ndate: 2024-13-45\n---\n\nText.\n",
        "content/rust/deep/c.md:4:7: error: ",
        "date: 2024-13-45",
    ),
];

fn broken_site() -> TestSite {
    let mut files: Vec<(&str, &str)> = BROKEN.iter().map(|(p, t, _, _)| (*p, *t)).collect();
    files.push(("content/python/good.md", "---\ntitle: Good\n---\n\nText.\n"));
    TestSite::new(&files)
}

#[test]
fn all_errors_are_reported_together_by_the_library() {
    let site = broken_site();
    let errors = match site.build() {
        Err(BuildError::Content(d)) => d,
        other => panic!("expected content errors, got {other:?}"),
    };
    let shown: Vec<String> = errors.iter().map(|d| d.to_string()).collect();
    assert_eq!(errors.len(), 3, "{}", shown.join("\n"));
    for (_, _, prefix, _) in BROKEN {
        assert!(
            shown.iter().any(|s| s.starts_with(prefix)),
            "missing `{prefix}` in:\n{}",
            shown.join("\n")
        );
    }
    assert!(!site.output().exists(), "a failed build must write nothing");
}

#[test]
fn all_errors_are_reported_together_by_the_binary() {
    let site = broken_site();
    let out = site.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 1, "{err}");
    // Each diagnostic is a block; its offending line is shown under it.
    for (_, _, prefix, line) in BROKEN {
        let start = err
            .find(prefix)
            .unwrap_or_else(|| panic!("missing `{prefix}` in:\n{err}"));
        let block = &err[start..];
        let block = &block[..block.find("\n\n").unwrap_or(block.len())];
        assert!(
            block.contains(&format!("| {line}\n")),
            "the line `{line}` should be shown under `{prefix}`:\n{block}"
        );
    }
    assert!(
        err.contains("3 error"),
        "the summary should count 3 errors:\n{err}"
    );
    assert!(!site.output().exists());
    insta::assert_snapshot!("three_broken_files_stderr", site.redact(&err));
}

// ------------------------------------------------------------ site.toml

#[test]
fn site_toml_unknown_key_names_it_and_suggests() {
    let site = TestSite::new(&[
        ("site.toml", "title = \"T\"\nbase_ur = \"https://x.org\"\n"),
        ("content/a.md", "---\ntitle: A\n---\n"),
    ]);
    let out = site.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(err.contains("site.toml:2:1: error: "), "{err}");
    assert!(err.contains("base_ur"), "{err}");
    assert!(err.contains("did you mean `base_url`?"), "{err}");
    assert!(!site.output().exists());
}

#[test]
fn site_toml_unknown_key_in_a_table() {
    let site = TestSite::new(&[
        (
            "site.toml",
            "title = \"T\"\n\n[highlight]\nline_number = true\n",
        ),
        ("content/a.md", "---\ntitle: A\n---\n"),
    ]);
    let out = site.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(err.contains("site.toml:4:1: error: "), "{err}");
    assert!(err.contains("did you mean `line_numbers`?"), "{err}");
}

#[test]
fn site_toml_unknown_key_through_the_library() {
    let site = TestSite::new(&[("site.toml", "title = \"T\"\ndescripton = \"d\"\n")]);
    match site.build() {
        Err(e @ BuildError::Config(_)) => {
            assert_eq!(e.exit_code(), 2);
            let d = &e.diagnostics()[0];
            assert_eq!((d.line(), d.column()), (2, 1), "{d}");
            assert!(d.message.contains("descripton"), "{d}");
            assert_eq!(d.help.as_deref(), Some("did you mean `description`?"));
        }
        other => panic!("expected a config error, got {other:?}"),
    }
}

#[test]
fn site_toml_missing_title() {
    let site = TestSite::new(&[
        ("site.toml", "description = \"No title here\"\n"),
        ("content/a.md", "---\ntitle: A\n---\n"),
    ]);
    let out = site.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(err.contains("site.toml"), "{err}");
    assert!(err.contains("title"), "{err}");
    assert!(!site.output().exists());
}

#[test]
fn site_toml_empty_title() {
    let site = TestSite::new(&[
        ("site.toml", "title = \"\"\n"),
        ("content/a.md", "---\ntitle: A\n---\n"),
    ]);
    let out = site.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(err.contains("site.toml:1:1: error: "), "{err}");
}

#[test]
fn site_toml_base_url_must_be_absolute() {
    let site = TestSite::new(&[
        (
            "site.toml",
            "title = \"T\"\nbase_url = \"example.org/guides\"\n",
        ),
        ("content/a.md", "---\ntitle: A\n---\n"),
    ]);
    let out = site.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(err.contains("site.toml:2:1: error: "), "{err}");
    assert!(err.contains("base_url"), "{err}");
    assert!(err.contains("example.org/guides"), "{err}");
    assert!(!site.output().exists());
}

#[test]
fn site_toml_absolute_base_url_is_used() {
    let site = TestSite::new(&[
        (
            "site.toml",
            "title = \"T\"\nbase_url = \"https://example.org/guides/\"\n",
        ),
        ("content/sql/joins.md", "---\ntitle: Joins\n---\n"),
    ]);
    site.build_ok();
    let html = site.read("sql/joins/index.html");
    assert!(
        html.contains(r#"<link rel="canonical" href="https://example.org/guides/sql/joins/">"#),
        "{html}"
    );
}

#[test]
fn site_toml_broken_toml() {
    let site = TestSite::new(&[
        ("site.toml", "title = \"T\"\ndescription = \"unclosed\n"),
        ("content/a.md", "---\ntitle: A\n---\n"),
    ]);
    let out = site.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(err.contains("site.toml:2:"), "{err}");
}

#[test]
fn site_toml_missing() {
    let site = TestSite::empty();
    site.write("content/a.md", "---\ntitle: A\n---\n");
    let out = site.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(err.contains("site.toml"), "{err}");
    assert!(
        err.contains("syllabus init"),
        "the help should mention `syllabus init`:\n{err}"
    );
    assert!(!site.output().exists());
}

#[test]
fn site_toml_missing_through_the_library() {
    let site = TestSite::empty();
    match site.build() {
        Err(e @ BuildError::Config(_)) => {
            assert_eq!(e.exit_code(), 2);
            let help = e.diagnostics()[0].help.clone().unwrap_or_default();
            assert!(help.contains("syllabus init"), "{help}");
        }
        other => panic!("expected a config error, got {other:?}"),
    }
}

// -------------------------------------------------------------- security

#[test]
fn html_in_a_title_is_escaped() {
    let site = TestSite::new(&[(
        "content/sql/joins.md",
        "---\ntitle: \"<script>alert(1)</script>\"\ndescription: \"<b>bold</b> & \\\"quoted\\\"\"\ntags: [\"<i>tag</i>\"]\n---\n\nText.\n",
    )]);
    site.build_ok();
    let html = site.read("sql/joins/index.html");
    let title = &html[pos(&html, "<title>")..pos(&html, "</title>")];
    assert!(
        title.starts_with("<title>&lt;script&gt;alert(1)"),
        "{title}"
    );
    let h1 = &html[pos(&html, "<h1>")..];
    assert!(h1.starts_with("<h1>&lt;script&gt;alert(1)"), "{h1}");
    assert!(html.contains("&lt;b&gt;bold"), "{html}");
    assert!(html.contains("&lt;i&gt;tag"), "{html}");
    // Nowhere on the site does the markup survive: not on the guide, not in
    // the section listing, not on the home page.
    for (path, bytes) in common::snapshot(&site.output()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("<script>alert(1)"),
            "unescaped title in {}",
            path.display()
        );
        assert!(
            !text.contains("<b>bold"),
            "unescaped description in {}",
            path.display()
        );
        assert!(
            !text.contains("<i>tag"),
            "unescaped tag in {}",
            path.display()
        );
    }
}
