//! `syllabus export anki`: an Anki import file of the site's questions.

use crate::common::{stderr, TestSite};

/// The `export/anki` fixture: two guides with questions, a quoted site
/// title and a base URL.
fn site() -> TestSite {
    TestSite::fixture("export/anki")
}

fn export(site: &TestSite, extra: &[&str]) -> String {
    let mut args = vec!["export", "anki", "-o", "cards.csv"];
    args.extend_from_slice(extra);
    let out = site.run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::read_to_string(site.root().join("cards.csv")).unwrap()
}

fn rows(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.starts_with('#')).collect()
}

#[test]
fn links_to_pages_named_with_url_characters_are_encoded() {
    let site = site();
    site.write(
        "content/c#.md",
        "---\ntitle: C sharp\n---\n### Q: What is it?\n\nSee [my guide](my%20guide.md).\n",
    );
    site.write("content/my guide.md", "---\ntitle: Mine\n---\nText.\n");
    let text = export(&site, &[]);
    let row = rows(&text)
        .into_iter()
        .find(|r| r.contains("What is it?"))
        .unwrap();
    assert!(
        row.contains("<a href=\"\"https://example.org/study/my%20guide/\"\">my guide</a>"),
        "{row}"
    );
    assert!(
        row.contains("<a href=\"\"https://example.org/study/c%23/#q-what-is-it\"\">C sharp</a>"),
        "{row}"
    );
    site.write("site.toml", "title = \"Study\"\n");
    let text = export(&site, &[]);
    assert!(
        text.contains("<a href=\"\"c%23/#q-what-is-it\"\">"),
        "{text}"
    );
}

#[test]
fn the_file_has_ankis_headers_and_one_row_per_question() {
    let site = site();
    let text = export(&site, &[]);
    let headers: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
    assert_eq!(
        headers,
        [
            "#separator:Comma",
            "#html:true",
            "#notetype:Basic",
            "#deck:Study, \"quoted\"",
            "#columns:GUID,Front,Back,Tags",
            "#guid column:1",
            "#tags column:4",
        ]
    );
    let rows = rows(&text);
    assert_eq!(rows.len(), 3, "{text}");
    let join = rows.iter().find(|r| r.contains("What is a join?")).unwrap();
    assert!(join.starts_with("\"syllabus-"), "{join}");
    assert!(
        join.contains(",\"What is a join?\","),
        "front is the question: {join}"
    );
    assert!(
        join.contains("<p>It combines rows, \"\"pairs\"\" them.</p>"),
        "back holds the short answer, quotes doubled: {join}"
    );
    assert!(
        join.contains(
            "<a href=\"\"https://example.org/study/sql/joins/#q-what-is-a-join\"\">Joins</a>"
        ),
        "back links to the full answer: {join}"
    );
    assert!(!join.contains("More."), "only the short answer");
    assert!(
        join.ends_with(",\"sql web_apis\""),
        "tags without spaces; the section is one of them: {join}"
    );
    let left = rows.iter().find(|r| r.contains("Left join?")).unwrap();
    assert!(
        left.contains("href=\"\"https://example.org/study/sql/joins/#q-what-is-a-join\"\""),
        "links in answers are absolute: {left}"
    );
}

#[test]
fn guids_are_stable_across_exports_and_distinct() {
    let site = site();
    let first = export(&site, &[]);
    site.write("content/sql/joins.md", "---\ntitle: Joins, renamed\ntags: [sql]\n---\n### Q: What is a join?\n\nA better answer.\n");
    let second = export(&site, &[]);
    let guid = |text: &str, q: &str| -> String {
        let row = rows(text)
            .into_iter()
            .find(|r| r.contains(q))
            .unwrap()
            .to_string();
        row.split(',').next().unwrap().to_string()
    };
    assert_eq!(
        guid(&first, "What is a join?"),
        guid(&second, "What is a join?"),
        "an edited card keeps its GUID"
    );
    assert_ne!(
        guid(&first, "What is a join?"),
        guid(&first, "What is a generator?")
    );
}

#[test]
fn tag_and_section_filters() {
    let site = site();
    let python = export(&site, &["--tag", "python"]);
    assert_eq!(rows(&python).len(), 1);
    assert!(python.contains("What is a generator?"));
    let sql = export(&site, &["--section", "sql"]);
    assert_eq!(rows(&sql).len(), 2);
    let out = site.run(&["export", "anki", "--tag", "nope", "-o", "none.csv"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("no questions matched"));
}

#[test]
fn export_fails_on_content_errors() {
    let site = site();
    site.write("content/bad.md", "---\ntitle: [\n---\n");
    let out = site.run(&["export", "anki", "-o", "cards.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("content/bad.md:2:"));
    assert!(!site.root().join("cards.csv").exists());
}

#[test]
fn formulas_go_to_anki_as_tex_it_typesets_itself() {
    let site = TestSite::new(&[
        ("site.toml", "title = \"Algo\"\n[markdown]\nmath = true\n"),
        (
            "content/bisect.md",
            "---\ntitle: Search\n---\n### Q: Why is `bisect` $O(\\log n)$?\n\nIt halves $n$ each step: $$T(n) = T(n/2) + 1$$\n",
        ),
    ]);
    let text = export(&site, &[]);
    let row = rows(&text)[0];
    assert!(
        row.contains(",\"Why is <code>bisect</code> \\(O(\\log n)\\)?\","),
        "{row}"
    );
    assert!(
        row.contains(
            "\"<p>It halves \\(n\\) each step: <span class=\"\"math-display\"\">\\[T(n) = T(n/2) + 1\\]</span></p>"
        ),
        "{row}"
    );
    assert!(!row.contains("<math"), "{row}");
}

#[test]
fn home_and_section_questions_are_exported_with_links_to_their_pages() {
    let site = TestSite::fixture("study_pages/home-and-sections");
    let text = export(&site, &["--language", "en"]);
    let all = rows(&text);
    let fronts: Vec<&str> = all.iter().map(|r| r.split(',').nth(1).unwrap()).collect();
    assert_eq!(
        fronts,
        [
            "\"How should I use these notes?\"",
            "\"What is a backend?\"",
            "\"What does an index cost?\"",
            "\"What is a join?\"",
        ],
        "in reading order, each page's own questions before its guides'"
    );
    assert!(
        all[0].ends_with(
            "<a href=\"\"https://example.org/notes/#q-how-should-i-use-these-notes\"\">Interview notes</a></p>\",\"\""
        ),
        "the home page's question is in no section: {}",
        all[0]
    );
    assert!(
        all[2].ends_with(
            "<a href=\"\"https://example.org/notes/db/#q-what-does-an-index-cost\"\">Databases</a></p>\",\"db\""
        ),
        "{}",
        all[2]
    );
    let db = export(&site, &["--section", "db", "--language", "en"]);
    let db = rows(&db);
    assert_eq!(
        db.len(),
        2,
        "the section's page and guide, not the home page"
    );
    assert!(db[0].contains("What does an index cost?"));
    let french = export(&site, &["--language", "fr"]);
    assert!(
        french.contains("<a href=\"\"https://example.org/notes/fr/#q-comment-lire-ces-notes-\"\">")
    );
}
