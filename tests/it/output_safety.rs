//! The output folder: a failed build changes nothing, syllabus only replaces
//! folders it wrote, refuses folders that hold the site, copies assets and
//! static files, ignores editor leftovers and builds reproducibly.

use std::path::{Path, PathBuf};

use crate::common::{code, run_in, snapshot, staging_leftovers, stderr, stdout, tree, TestSite};
use syllabus::output::{OutputError, MARKER};
use syllabus::{BuildError, BuildOptions};

const GUIDE: &str = "---\ntitle: Joins\n---\n\nRows of two tables.\n";

/// A small valid site with content, static and templates folders.
fn small_site() -> TestSite {
    TestSite::new(&[
        ("content/_index.md", "---\ntitle: Home\n---\n\nWelcome.\n"),
        ("content/sql/joins.md", GUIDE),
        ("static/robots.txt", "User-agent: *\n"),
        ("templates/.keep", ""),
    ])
}

/// Builds through the binary, expecting success.
fn build_ok(site: &TestSite, args: &[&str]) {
    let mut all = vec!["build", "-q"];
    all.extend_from_slice(args);
    let out = site.run(&all);
    assert_eq!(code(&out), 0, "build failed:\n{}", stderr(&out));
}

fn assert_no_leftovers(dir: &Path) {
    let left = staging_leftovers(dir);
    assert!(
        left.is_empty(),
        "staging folders left in {}: {left:?}",
        dir.display()
    );
}

// ------------------------------------------------------------ failed builds

#[test]
fn a_failed_build_leaves_the_previous_output_unchanged() {
    let site = small_site();
    build_ok(&site, &[]);
    let before = snapshot(&site.output());
    assert!(before
        .iter()
        .any(|(p, _)| p == Path::new("sql/joins/index.html")));

    site.write(
        "content/sql/broken.md",
        "---\ntitle: Broken\nweight: heavy\n---\n",
    );
    site.write("content/sql/joins.md", "---\ntitle: Joins, edited\n---\n");
    let out = site.run(&["build"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("content/sql/broken.md:3:9"),
        "{}",
        stderr(&out)
    );
    assert!(
        snapshot(&site.output()) == before,
        "the previous output must be left byte-for-byte as it was"
    );
    assert_no_leftovers(site.root());
}

#[test]
fn a_failed_template_leaves_the_previous_output_unchanged() {
    let site = small_site();
    build_ok(&site, &[]);
    let before = snapshot(&site.output());
    site.write(
        "templates/guide.html",
        "{{ guide.title | no_such_filter }}\n",
    );
    let out = site.run(&["build"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("guide.html"), "{}", stderr(&out));
    assert!(snapshot(&site.output()) == before);
    assert_no_leftovers(site.root());
}

#[test]
fn a_failed_first_build_writes_nothing() {
    let site = TestSite::new(&[("content/a.md", "---\ntitel: A\n---\n")]);
    let before = tree(site.root());
    let out = site.run(&["build"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(
        tree(site.root()),
        before,
        "a failed build must not write anything"
    );
}

// ------------------------------------------------------ refused output folders

/// A site in `<tmp>/site`, so that `..` is still inside the temporary folder.
fn nested_site() -> (TestSite, PathBuf) {
    let t = TestSite::empty();
    t.write("site/site.toml", "title = \"Nested\"\n");
    t.write("site/content/_index.md", "---\ntitle: Home\n---\n");
    t.write("site/content/sql/joins.md", GUIDE);
    t.write("site/static/robots.txt", "User-agent: *\n");
    t.write("site/templates/note.txt", "not a template\n");
    t.write("site/themes/mine/templates/.keep", "");
    t.write("site/notes.txt", "a file beside the site\n");
    t.write("site/keep/keep.txt", "mine, not syllabus's\n");
    t.write(
        "site/public/keep.txt",
        "a public/ that syllabus did not write\n",
    );
    let root = t.root().join("site");
    (t, root)
}

/// Runs `args` in the nested site and checks the build is refused with exit
/// code 2 and that nothing in the temporary folder changed; returns what
/// it printed.
fn assert_refused(setup: impl FnOnce(&TestSite), args: &[&str]) -> String {
    let (t, root) = nested_site();
    setup(&t);
    let before = tree(t.root());
    let out = run_in(&root, args);
    let err = stderr(&out);
    assert_eq!(
        code(&out),
        2,
        "{args:?} should be refused:\n{err}{}",
        stdout(&out)
    );
    assert!(err.contains("refusing"), "{args:?}: {err}");
    assert!(
        tree(t.root()) == before,
        "{args:?}: files were written or deleted by a refused build"
    );
    err
}

fn nothing(_: &TestSite) {}

#[test]
fn refuses_the_project_root() {
    assert_refused(nothing, &["build", "--output", "."]);
    assert_refused(nothing, &["build", "--output", "../site"]);
    assert_refused(nothing, &["build", "--output", "content/.."]);
}

#[test]
fn refuses_the_project_root_as_an_absolute_path() {
    let (t, root) = nested_site();
    let before = tree(t.root());
    let out = run_in(&root, &["build", "--output", root.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(tree(t.root()) == before);
}

#[test]
fn refuses_the_content_folder_and_inside_it() {
    let err = assert_refused(nothing, &["build", "--output", "content"]);
    assert!(
        err.starts_with(
            "error: refusing to write to content, set by --output: it is inside the site's content/ folder\n  = help: pass another --output: "
        ),
        "{err}"
    );
    assert_refused(nothing, &["build", "--output", "content/x"]);
    assert_refused(nothing, &["build", "--output", "content/sql"]);
}

#[test]
fn refuses_a_parent_of_the_project() {
    assert_refused(nothing, &["build", "--output", ".."]);
}

#[test]
fn refuses_static_templates_and_themes() {
    assert_refused(nothing, &["build", "--output", "static"]);
    assert_refused(nothing, &["build", "--output", "static/site"]);
    assert_refused(nothing, &["build", "--output", "templates"]);
    assert_refused(nothing, &["build", "--output", "themes/mine"]);
}

#[test]
fn refuses_a_non_empty_folder_it_did_not_create() {
    assert_refused(nothing, &["build", "--output", "keep"]);
    // The default output folder, when something else put files there.
    let err = assert_refused(nothing, &["build"]);
    assert!(
        err.contains(
            "public, the default `output_dir`: it is not empty and was not written by syllabus"
        ),
        "{err}"
    );
    let (t, root) = nested_site();
    let _ = run_in(&root, &["build", "--output", "keep"]);
    assert_eq!(
        std::fs::read_to_string(t.root().join("site/keep/keep.txt")).unwrap(),
        "mine, not syllabus's\n"
    );
}

#[test]
fn refuses_a_folder_holding_only_hidden_files() {
    assert_refused(
        |t| t.write("site/out/.gitignore", "*\n"),
        &["build", "--output", "out"],
    );
}

#[test]
fn refuses_an_output_path_that_is_a_file() {
    assert_refused(nothing, &["build", "--output", "notes.txt"]);
}

#[test]
fn refuses_output_dir_dot_in_site_toml() {
    assert_refused(
        |t| t.write("site/site.toml", "title = \"Nested\"\noutput_dir = \".\"\n"),
        &["build"],
    );
}

#[test]
fn refuses_output_dir_content_in_site_toml() {
    let err = assert_refused(
        |t| {
            t.write(
                "site/site.toml",
                "title = \"Nested\"\n\n# where the site goes\noutput_dir = \"content\"\n",
            )
        },
        &["build"],
    );
    assert!(
        err.contains(
            "content, set by `output_dir` at site.toml:4: it is inside the site's content/ folder\n  = help: set another `output_dir` in site.toml"
        ),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn refuses_a_symlink_to_the_content_folder() {
    assert_refused(
        |t| {
            std::os::unix::fs::symlink(t.root().join("site/content"), t.root().join("site/out"))
                .unwrap()
        },
        &["build", "--output", "out"],
    );
}

#[test]
fn refusal_through_the_library() {
    let site = small_site();
    let before = tree(site.root());
    let opts = BuildOptions {
        output: Some(site.root().join("content")),
        ..site.options()
    };
    match syllabus::build(&opts) {
        Err(e @ BuildError::Output(OutputError::Refused { .. })) => assert_eq!(e.exit_code(), 2),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(tree(site.root()), before);
}

// ----------------------------------------------------- folders it may replace

#[test]
fn a_folder_it_created_is_replaced_and_stale_files_go() {
    let site = TestSite::new(&[
        ("content/sql/joins.md", GUIDE),
        ("content/old.md", "---\ntitle: Old\n---\n"),
    ]);
    build_ok(&site, &[]);
    assert!(
        site.output().join(MARKER).is_file(),
        "the output carries the marker"
    );
    assert!(site.output().join("old/index.html").is_file());

    std::fs::remove_file(site.root().join("content/old.md")).unwrap();
    build_ok(&site, &[]);
    assert!(
        !site.output().join("old").exists(),
        "a page whose source was deleted must be gone after the rebuild"
    );
    assert!(site.output().join("sql/joins/index.html").is_file());
    assert!(site.output().join(MARKER).is_file());
    assert_no_leftovers(site.root());
}

#[test]
fn files_added_to_its_output_by_hand_are_replaced() {
    let site = small_site();
    build_ok(&site, &[]);
    site.write("public/stray/file.txt", "stray");
    build_ok(&site, &[]);
    assert!(!site.output().join("stray").exists());
}

#[test]
fn an_empty_existing_folder_is_accepted() {
    let site = small_site();
    std::fs::create_dir(site.output()).unwrap();
    build_ok(&site, &[]);
    assert!(site.output().join("index.html").is_file());
    assert!(site.output().join("sql/joins/index.html").is_file());
    assert!(site.output().join(MARKER).is_file());
    assert_no_leftovers(site.root());
}

#[test]
fn a_new_nested_output_folder_is_created() {
    let site = small_site();
    build_ok(&site, &["--output", "out/deep/site"]);
    assert!(site
        .root()
        .join("out/deep/site/sql/joins/index.html")
        .is_file());
    assert_no_leftovers(&site.root().join("out/deep"));
}

#[test]
fn output_dir_of_site_toml_is_used() {
    let site = TestSite::new(&[
        ("site.toml", "title = \"T\"\noutput_dir = \"dist\"\n"),
        ("content/sql/joins.md", GUIDE),
    ]);
    build_ok(&site, &[]);
    assert!(site.root().join("dist/sql/joins/index.html").is_file());
    assert!(!site.output().exists());
}

// ------------------------------------------------------------ no leftovers

#[test]
fn no_staging_folders_are_left_behind() {
    let site = small_site();
    // First build: the staging folder is renamed into place.
    build_ok(&site, &[]);
    assert_no_leftovers(site.root());
    // Second build: the old output is moved aside and deleted.
    build_ok(&site, &[]);
    assert_no_leftovers(site.root());
    // A failed build.
    site.write("content/sql/broken.md", "---\ntitle: [\n---\n");
    let out = site.run(&["build"]);
    assert_eq!(code(&out), 1);
    assert_no_leftovers(site.root());
    // A refused build.
    let out = site.run(&["build", "--output", "content"]);
    assert_eq!(code(&out), 2);
    assert_no_leftovers(site.root());
    let names: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(
        names.is_empty(),
        "hidden entries appeared beside the output: {names:?}"
    );
}

// --------------------------------------------------------------- determinism

#[test]
fn building_twice_gives_identical_output() {
    let site = TestSite::fixture("output_safety/sample");
    build_ok(&site, &["--output", "out1"]);
    build_ok(&site, &["--output", "out2"]);
    let one = snapshot(&site.root().join("out1"));
    let two = snapshot(&site.root().join("out2"));
    assert!(
        one.len() > 10,
        "the fixture should build many files: {}",
        one.len()
    );
    let names = |s: &[(PathBuf, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&one), names(&two));
    for ((path, a), (_, b)) in one.iter().zip(&two) {
        assert!(a == b, "{} differs between two builds", path.display());
    }
    // Nothing of the machine's folders leaks into the pages.
    let root = site.root().to_string_lossy().into_owned();
    let real = site
        .root()
        .canonicalize()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    for (path, bytes) in &one {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(&root) && !text.contains(&real),
            "{} contains the build folder's path",
            path.display()
        );
    }
}

#[test]
fn rebuilding_into_the_same_folder_gives_identical_output() {
    let site = TestSite::fixture("output_safety/sample");
    site.build_ok();
    let one = snapshot(&site.output());
    site.build_ok();
    assert!(snapshot(&site.output()) == one);
}

#[test]
fn the_sample_fixture_builds_every_page() {
    let site = TestSite::fixture("output_safety/sample");
    site.build_ok();
    for page in [
        "index.html",
        "404.html",
        "python/index.html",
        "python/generators/index.html",
        "python/closures/index.html",
        "sql/index.html",
        "sql/joins/index.html",
        "rust/index.html",
        "rust/ownership/index.html",
        "rust/advanced/lifetimes/index.html",
    ] {
        assert!(site.output().join(page).is_file(), "missing {page}");
    }
    let generators = site.read("python/generators/index.html");
    assert!(
        generators.contains(r#"src="../diagram.png""#),
        "{generators}"
    );
    assert!(
        generators.contains(r#"href="../../sql/joins/#q-what-does-a-left-join-keep""#),
        "{generators}"
    );
}

// ------------------------------------------------------- assets and statics

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00\x01binary";

#[test]
fn co_located_assets_and_static_files_are_copied() {
    let site = TestSite::new(&[
        (
            "content/sql/joins.md",
            "---\ntitle: Joins\n---\n\n![diagram](diagram.png)\n",
        ),
        ("content/sql/data/sample.csv", "id,name\n1,a\n"),
        ("static/robots.txt", "User-agent: *\n"),
        ("static/img/logo.svg", "<svg/>\n"),
    ]);
    site.write_bytes("content/sql/diagram.png", PNG);
    site.write_bytes("content/favicon.ico", b"\x00\x00\x01\x00ico");
    site.build_ok();
    let out = site.output();
    assert_eq!(std::fs::read(out.join("sql/diagram.png")).unwrap(), PNG);
    assert_eq!(
        std::fs::read_to_string(out.join("sql/data/sample.csv")).unwrap(),
        "id,name\n1,a\n"
    );
    assert_eq!(
        std::fs::read(out.join("favicon.ico")).unwrap(),
        b"\x00\x00\x01\x00ico"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("robots.txt")).unwrap(),
        "User-agent: *\n"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("img/logo.svg")).unwrap(),
        "<svg/>\n"
    );
    assert!(
        !out.join("static").exists(),
        "static/ is copied to the root, not as a folder"
    );
    let html = site.read("sql/joins/index.html");
    assert!(html.contains(r#"src="../diagram.png""#), "{html}");
}

#[test]
fn a_static_file_replaces_a_theme_file_of_the_same_name() {
    let site = TestSite::new(&[
        ("content/a.md", "---\ntitle: A\n---\n"),
        ("static/style.css", "body { color: hotpink }\n"),
    ]);
    site.build_ok();
    assert_eq!(site.read("style.css"), "body { color: hotpink }\n");
}

#[test]
fn editor_leftovers_and_hidden_files_are_ignored() {
    let site = TestSite::new(&[
        ("content/sql/joins.md", GUIDE),
        // Broken on purpose: reading any of these as a page would fail.
        ("content/sql/.#x.md", "not front matter"),
        ("content/sql/x.md~", "---\ntitel: backup\n---\n"),
        ("content/sql/#x.md#", "autosave"),
        ("content/sql/.hidden.md", "---\nbroken: [\n---\n"),
        ("content/.drafts/secret.md", "---\ntitel: secret\n---\n"),
        ("content/sql/.DS_Store", "junk"),
        ("static/.DS_Store", "junk"),
        ("static/.git/config", "[core]\n"),
        ("static/notes.txt~", "backup"),
    ]);
    site.write_bytes("content/sql/.x.md.swp", b"\x00b0VIM 9.0\x00\xff");
    let out = site.run(&["build"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "ignored files should cause no message");
    assert!(site.output().join("sql/joins/index.html").is_file());
    for (path, bytes) in snapshot(&site.output()) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let shown = path.display();
        if name != MARKER {
            assert!(!name.starts_with('.'), "hidden file in the output: {shown}");
        }
        assert!(
            !name.ends_with('~') && !name.ends_with('#'),
            "leftover in the output: {shown}"
        );
        assert!(!name.ends_with(".swp"), "swap file in the output: {shown}");
        assert!(!name.contains("DS_Store"), "{shown}");
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("secret") && !text.contains("backup"),
            "{shown}"
        );
    }
    assert!(!site.output().join(".drafts").exists());
    assert!(!site.output().join(".git").exists());
    assert!(!site.output().join("sql/x").exists());
}

#[cfg(unix)]
#[test]
fn a_rebuild_reuses_unchanged_files_and_rewrites_changed_ones() {
    use std::os::unix::fs::MetadataExt;
    let site = TestSite::new(&[
        ("content/a.md", "---\ntitle: A\n---\nSame.\n"),
        ("content/b.md", "---\ntitle: B\n---\nBefore.\n"),
    ]);
    site.build_ok();
    let inode = |rel: &str| std::fs::metadata(site.output().join(rel)).unwrap().ino();
    let (a, b, css) = (
        inode("a/index.html"),
        inode("b/index.html"),
        inode("style.css"),
    );
    site.write("content/b.md", "---\ntitle: B\n---\nAfter.\n");
    site.build_ok();
    assert_eq!(
        inode("a/index.html"),
        a,
        "an unchanged page is linked, not written again"
    );
    assert_eq!(inode("style.css"), css, "so is an unchanged asset");
    assert_ne!(inode("b/index.html"), b, "a changed page is a new file");
    assert!(site.read("b/index.html").contains("After."));
    assert!(site.read("a/index.html").contains("Same."));
}

// -------------------------------------------------------------- symlinks

/// A site in `<tmp>/site` beside `<tmp>/outside/` (a secret, a folder of
/// pages and a template), so links can point out of the site without
/// leaving the temporary folder.
#[cfg(unix)]
fn site_beside_outside_files() -> (TestSite, PathBuf) {
    let t = TestSite::empty();
    t.write("site/site.toml", "title = \"Linked\"\ntheme = \"mine\"\n");
    t.write("site/content/sql/joins.md", GUIDE);
    t.write("site/notes/shared.md", "---\ntitle: Shared notes\n---\n");
    t.write("site/themes/mine/templates/.keep", "");
    t.write("outside/secret.txt", "SECRET-FROM-OUTSIDE\n");
    t.write("outside/pages/leaked.md", "---\ntitle: Leaked\n---\n");
    t.write("outside/guide.html", "LEAKED-TEMPLATE\n");
    let root = t.root().join("site");
    (t, root)
}

#[cfg(unix)]
fn link(target: impl AsRef<Path>, at: &Path) {
    std::fs::create_dir_all(at.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, at).unwrap();
}

/// Runs `syllabus build` in `root`, which must succeed; returns stderr.
#[cfg(unix)]
fn build_warnings(root: &Path) -> String {
    let out = run_in(root, &["build"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 0, "{err}");
    err
}

/// No file under `dir` holds `needle`.
#[cfg(unix)]
fn nowhere_in(dir: &Path, needle: &str) {
    for (path, bytes) in snapshot(dir) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(needle),
            "`{needle}` was published in {}",
            path.display()
        );
    }
}

#[cfg(unix)]
#[test]
fn links_out_of_the_site_are_skipped_with_a_warning_naming_them() {
    let (t, root) = site_beside_outside_files();
    let outside = t.root().join("outside");
    link(outside.join("pages"), &root.join("content/shared"));
    link(outside.join("secret.txt"), &root.join("static/secret.txt"));
    link(
        outside.join("guide.html"),
        &root.join("templates/guide.html"),
    );
    link("../missing.md", &root.join("content/sql/gone.md"));
    let err = build_warnings(&root);
    let out = root.join("public");
    for (link, why) in [
        (
            "content/shared",
            format!(
                "this link points outside the site (to {})",
                outside.join("pages").display()
            ),
        ),
        (
            "static/secret.txt",
            format!(
                "this link points outside the site (to {})",
                outside.join("secret.txt").display()
            ),
        ),
        (
            "templates/guide.html",
            format!(
                "this link points outside the site (to {})",
                outside.join("guide.html").display()
            ),
        ),
        (
            "content/sql/gone.md",
            "this link points to ../missing.md, which does not exist".to_string(),
        ),
    ] {
        assert!(
            err.contains(&format!("{link}: warning: skipped: {why}\n")),
            "no warning for {link} in:\n{err}"
        );
    }
    assert!(
        err.contains("= help: nothing from outside the site is published"),
        "{err}"
    );
    assert!(!out.join("shared").exists());
    assert!(!out.join("secret.txt").exists());
    nowhere_in(&out, "SECRET-FROM-OUTSIDE");
    nowhere_in(&out, "LEAKED-TEMPLATE");
    nowhere_in(&out, "Leaked");
    assert!(out.join("sql/joins/index.html").is_file());
}

#[cfg(unix)]
#[test]
fn links_inside_the_site_are_followed_without_a_word() {
    let (_t, root) = site_beside_outside_files();
    link("../../notes", &root.join("content/sql/notes"));
    let err = build_warnings(&root);
    assert!(err.is_empty(), "{err}");
    let page = std::fs::read_to_string(root.join("public/sql/notes/shared/index.html")).unwrap();
    assert!(page.contains("Shared notes"), "{page}");
}

#[cfg(unix)]
#[test]
fn a_link_up_to_a_folder_holding_it_is_skipped() {
    let (_t, root) = site_beside_outside_files();
    link("..", &root.join("content/site"));
    let err = build_warnings(&root);
    assert!(
        err.contains(
            "content/site: warning: skipped: this link points to .., a folder that holds the link"
        ),
        "{err}"
    );
    assert!(!root.join("public/site").exists());
}

#[cfg(unix)]
#[test]
fn theme_links_out_of_the_theme_are_skipped_with_a_warning() {
    let (t, root) = site_beside_outside_files();
    let theme = root.join("themes/mine");
    link(
        t.root().join("outside/secret.txt"),
        &theme.join("static/leak.txt"),
    );
    // Inside the site, but not the theme's: a theme publishes only itself.
    link(
        "../../../content/sql/joins.md",
        &theme.join("static/joins.txt"),
    );
    link(
        t.root().join("outside/guide.html"),
        &theme.join("templates/guide.html"),
    );
    t.write("site/themes/mine/static/own.css", "body { color: teal }\n");
    let err = build_warnings(&root);
    let out = root.join("public");
    for (link, target) in [
        (
            "static/leak.txt",
            t.root().join("outside/secret.txt").display().to_string(),
        ),
        (
            "static/joins.txt",
            "../../../content/sql/joins.md".to_string(),
        ),
        (
            "templates/guide.html",
            t.root().join("outside/guide.html").display().to_string(),
        ),
    ] {
        assert!(
            err.contains(&format!(
                "themes/mine/{link}: warning: skipped: this link points outside the theme (to {target})\n"
            )),
            "no warning for {link} in:\n{err}"
        );
    }
    assert!(!out.join("leak.txt").exists());
    assert!(!out.join("joins.txt").exists());
    nowhere_in(&out, "SECRET-FROM-OUTSIDE");
    nowhere_in(&out, "LEAKED-TEMPLATE");
    // The theme's own stylesheet is published (minified).
    assert_eq!(
        std::fs::read_to_string(out.join("own.css")).unwrap(),
        "body{color:teal}"
    );
}

// ------------------------------------------------------ interrupted builds

/// A site of `guides` guides: big enough that a build takes a moment.
fn big_site(guides: usize) -> TestSite {
    let site = TestSite::new(&[("content/_index.md", "---\ntitle: Home\n---\n")]);
    let body = "## Part\n\nSome text with `code` and a [link](#part).\n\n\
                ```python\nprint(1)\n```\n\n### Q: Why?\n\nBecause.\n";
    for g in 0..guides {
        let text = format!("---\ntitle: Guide {g}\ntags: [t{}]\n---\n\n{body}", g % 7);
        site.write(&format!("content/s{}/g{g}.md", g % 10), &text);
    }
    site
}

/// Starts `syllabus build` (without the cache, which would find the site
/// up to date), waits for its staging folder to appear beside the output
/// with its marker, sends `signal` and waits for the process to end.
#[cfg(unix)]
fn interrupt_build(site: &TestSite, signal: libc::c_int) -> std::process::ExitStatus {
    let mut child = crate::common::syllabus_command()
        .args(["build", "-q", "--no-cache"])
        .current_dir(site.root())
        .spawn()
        .expect("run syllabus");
    let start = std::time::Instant::now();
    let marked = || {
        staging_leftovers(site.root())
            .iter()
            .any(|d| site.root().join(d).join(MARKER).is_file())
    };
    while !marked() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before its staging folder was seen: make the site bigger"
        );
        assert!(start.elapsed().as_secs() < 60, "no staging folder appeared");
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    unsafe { libc::kill(child.id() as libc::pid_t, signal) };
    child.wait().unwrap()
}

#[cfg(unix)]
#[test]
fn sigint_or_sigterm_removes_the_staging_folder_and_keeps_the_output() {
    use std::os::unix::process::ExitStatusExt;
    let site = big_site(200);
    build_ok(&site, &[]);
    let before = snapshot(&site.output());
    site.write(
        "content/s0/g0.md",
        "---\ntitle: Changed\n---\n\nNew text.\n",
    );
    for signal in [libc::SIGTERM, libc::SIGINT] {
        let status = interrupt_build(&site, signal);
        assert_eq!(
            status.signal(),
            Some(signal),
            "the build ends as the signal asks (exit status {} in a shell): {status:?}",
            128 + signal
        );
        assert_no_leftovers(site.root());
        assert!(
            snapshot(&site.output()) == before,
            "the previous output must be left as it was"
        );
    }
}

#[cfg(unix)]
#[test]
fn the_next_build_removes_what_a_killed_build_left() {
    let site = big_site(200);
    build_ok(&site, &[]);
    let status = interrupt_build(&site, libc::SIGKILL);
    assert!(!status.success());
    let left = staging_leftovers(site.root());
    assert_eq!(left.len(), 1, "a killed build leaves its folder: {left:?}");
    assert!(site.root().join(&left[0]).join(MARKER).is_file());
    // Folders of the same shape that are not a leftover of this output.
    let keep = [
        ".public.syllabus-new-nomark",  // right name, no marker
        ".public.syllabus-new-abc1234", // one character too many
        ".other.syllabus-new-abc123",   // another output's
    ];
    for name in keep {
        site.write(&format!("{name}/index.html"), "mine\n");
    }
    for name in &keep[1..] {
        site.write(&format!("{name}/{MARKER}"), "");
    }
    build_ok(&site, &[]);
    assert!(!site.root().join(&left[0]).exists());
    for name in keep {
        assert_eq!(
            std::fs::read_to_string(site.root().join(name).join("index.html")).unwrap(),
            "mine\n",
            "{name} is not this output's leftover and must stay"
        );
    }
}

#[test]
fn an_output_moved_aside_by_a_killed_swap_comes_back() {
    let site = small_site();
    build_ok(&site, &[]);
    let before = snapshot(&site.output());
    // Killed between moving the old output aside and moving the new one in.
    let aside = site.root().join(".public.syllabus-old-Zz9Yy8");
    std::fs::create_dir(&aside).unwrap();
    std::fs::write(aside.join(MARKER), "").unwrap();
    std::fs::rename(site.output(), aside.join("site")).unwrap();
    // The next build fails, but the output it found aside is back.
    site.write("content/sql/broken.md", "---\ntitle: [\n---\n");
    let out = site.run(&["build"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(snapshot(&site.output()) == before);
    assert_no_leftovers(site.root());
}

#[test]
fn the_summary_counts_every_file_the_site_has() {
    let site = TestSite::fixture("output_safety/sample");
    let report = site.build_ok();
    let on_disk = walkdir::WalkDir::new(site.output())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != MARKER)
        .count();
    assert_eq!(report.files, on_disk);
}
