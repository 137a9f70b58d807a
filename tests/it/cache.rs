//! The build cache: a build that reuses earlier work writes exactly what a
//! build from nothing writes, and a cache that is damaged, foreign or out
//! of date is never trusted.

use std::path::{Path, PathBuf};

use syllabus::build::{build, BuildOptions, BuildReport, CacheDir};

use crate::common::{self, snapshot, stderr, TestSite};

/// A site with code, study sets and links, and a cache folder of its own.
struct Cached {
    site: TestSite,
    cache: tempfile::TempDir,
}

impl Cached {
    fn new() -> Cached {
        Cached {
            site: TestSite::fixture("output_safety/sample"),
            cache: tempfile::tempdir().unwrap(),
        }
    }

    fn options(&self, cache: CacheDir) -> BuildOptions {
        BuildOptions {
            cache,
            ..self.site.options()
        }
    }

    /// Builds into the site's `public/` with the cache.
    fn build(&self) -> BuildReport {
        build(&self.options(CacheDir::At(self.cache.path().into()))).expect("cached build")
    }

    /// What a build with no cache writes, in a folder of its own.
    fn cold_output(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let out = tempfile::tempdir().unwrap();
        let opts = BuildOptions {
            output: Some(out.path().join("site")),
            ..self.options(CacheDir::Off)
        };
        build(&opts).expect("build without cache");
        snapshot(&out.path().join("site"))
    }

    fn warm_output(&self) -> Vec<(PathBuf, Vec<u8>)> {
        snapshot(&self.site.output())
    }

    /// The stamps of output folders (see `build::stamp`).
    fn stamps(&self) -> Vec<PathBuf> {
        walkdir::WalkDir::new(self.cache.path().join("sites"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter(|e| e.path().parent().is_some_and(|p| p.ends_with("stamps")))
            .map(|e| e.into_path())
            .collect()
    }

    /// Removes the stamps, so the next build runs whatever it finds.
    fn forget_stamps(&self) {
        for stamp in self.stamps() {
            std::fs::remove_file(stamp).unwrap();
        }
    }

    fn packs(&self) -> Vec<PathBuf> {
        let sites = self.cache.path().join("sites");
        walkdir::WalkDir::new(sites)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "pack"))
            .map(|e| e.into_path())
            .collect()
    }
}

fn assert_same(warm: &[(PathBuf, Vec<u8>)], cold: &[(PathBuf, Vec<u8>)]) {
    let names =
        |files: &[(PathBuf, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(warm), names(cold), "the same files are written");
    for ((path, warm), (_, cold)) in warm.iter().zip(cold) {
        assert!(
            warm == cold,
            "{} differs from a build without cache",
            path.display()
        );
    }
}

#[test]
fn a_warm_build_writes_exactly_what_a_cold_one_writes() {
    let cached = Cached::new();
    let first = cached.build();
    assert_eq!(first.reused, Some(0), "an empty cache has nothing to give");
    assert!(
        !cached.packs().is_empty(),
        "the cache is written to its folder"
    );

    // Nothing changed and the output is as it was: nothing to do.
    let before = common::tree_state(&cached.site.output());
    assert!(cached.build().up_to_date, "nothing changed");
    assert_eq!(
        common::tree_state(&cached.site.output()),
        before,
        "no file touched"
    );
    assert_same(&cached.warm_output(), &cached.cold_output());

    // Without the stamp, every page's Markdown comes from the cache.
    cached.forget_stamps();
    let again = cached.build();
    let total = common::markdown_files(cached.site.root());
    assert!(!again.up_to_date);
    assert_eq!(
        again.reused,
        Some(total),
        "nothing changed: every page comes from the cache"
    );
    assert_same(&cached.warm_output(), &cached.cold_output());

    let guide = cached.site.root().join("content/python/generators.md");
    let text = std::fs::read_to_string(&guide).unwrap();
    std::fs::write(&guide, text.replace("generator", "generator (edited)")).unwrap();
    let edited = cached.build();
    assert!(!edited.up_to_date, "a guide changed");
    assert_eq!(
        edited.reused,
        Some(total - 1),
        "only the edited guide is rendered again"
    );
    assert!(cached
        .site
        .read("python/generators/index.html")
        .contains("(edited)"));
    assert_same(&cached.warm_output(), &cached.cold_output());
}

/// Rewrites `rel` under the site's root with `change` applied.
fn edit(cached: &Cached, rel: &str, change: impl FnOnce(String) -> String) {
    let path = cached.site.root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, change(text)).unwrap();
}

/// A rebuild keys each page by what its context reads, and reuses the
/// rest. Every kind of edit that shows on other pages than the edited
/// guide's is made here; after each, the output is what a build from
/// nothing writes. (In debug builds every reused page is also rendered
/// and compared, so a key that leaves out an input fails here.)
#[test]
fn after_each_kind_of_edit_the_rebuild_equals_a_cold_build() {
    let cached = Cached::new();
    cached.build();
    let generators = "content/python/generators.md";
    let practice = "\n## Check yourself {.practice}\n\n1. Which keyword makes a generator?\n\n   - [x] `yield`\n   - [ ] `return`\n\n   > Only `yield` suspends the frame.\n";
    let faq =
        "\n## FAQ {.faq}\n\n### Is a generator reusable?\n\nNo: once exhausted it stays empty.\n";
    type Change = Box<dyn FnOnce(String) -> String>;
    let edits: Vec<(&str, &str, Change)> = vec![
        (
            "body words",
            generators,
            Box::new(|t| t + "\nMore words about lazy evaluation here.\n"),
        ),
        (
            "practice added",
            generators,
            Box::new(move |t| t + practice),
        ),
        ("faq added", generators, Box::new(move |t| t + faq)),
        (
            "question added",
            "content/sql/joins.md",
            Box::new(|t| {
                t + "\n### Q: What does an INNER JOIN keep?\n\nOnly rows that match on both sides.\n"
            }),
        ),
        (
            "title",
            generators,
            Box::new(|t| t.replace("title: Generators", "title: Generator functions")),
        ),
        (
            "description",
            generators,
            Box::new(|t| t.replace("Lazy sequences", "Values on demand")),
        ),
        (
            "tags",
            "content/sql/joins.md",
            Box::new(|t| t.replace("tags: [sql]", "tags: [sql, python]")),
        ),
        (
            "difficulty",
            "content/sql/joins.md",
            Box::new(|t| t.replace("beginner", "advanced")),
        ),
        (
            "weight",
            "content/python/closures.md",
            Box::new(|t| t.replace("weight: 2", "weight: 0")),
        ),
        (
            "section index",
            "content/python/_index.md",
            Box::new(|t| t.replace("Python guides.", "Guides to Python.")),
        ),
        (
            "home index",
            "content/_index.md",
            Box::new(|t| t + "\nWelcome.\n"),
        ),
        (
            "link removed",
            generators,
            Box::new(|t| t.replace("See also [how joins work]", "See also how joins work [")),
        ),
    ];
    for (what, rel, change) in edits {
        edit(&cached, rel, change);
        assert!(!cached.build().up_to_date, "{what}: something changed");
        let (warm, cold) = (cached.warm_output(), cached.cold_output());
        let names = |f: &[(PathBuf, Vec<u8>)]| f.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
        assert_eq!(names(&warm), names(&cold), "{what}: the same files");
        for ((path, w), (_, c)) in warm.iter().zip(&cold) {
            assert!(
                w == c,
                "{what}: {} differs from a cold build",
                path.display()
            );
        }
    }
}

/// A guide the home page's section cards leave out (past 240 guides they
/// show each section's first few): editing its text does not render the
/// home page again, as editing a guide the home page shows does; either
/// way the rebuild equals a cold build.
#[test]
fn an_edit_renders_only_the_lists_that_show_the_guide() {
    let mut files = vec![(
        "content/_index.md".to_string(),
        "---\ntitle: Home\n---\n".to_string(),
    )];
    for section in ["a", "b"] {
        files.push((
            format!("content/{section}/_index.md"),
            format!("---\ntitle: {section}\n---\n"),
        ));
        for n in 0..130 {
            let text = format!("---\ntitle: {section} {n:03}\nweight: {n}\n---\nWords.\n");
            files.push((format!("content/{section}/g{n:03}.md"), text));
        }
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let cached = Cached {
        site: TestSite::new(&files),
        cache: tempfile::tempdir().unwrap(),
    };
    let mut session = syllabus::serve::Session::new(cached.site.root(), false);
    session.rebuild().expect("first build");
    let mut rendered_after_editing = |rel: &str| {
        edit(&cached, rel, |t| t + "Many more words than before.\n");
        session.rebuild().expect("rebuild").1.pages_rendered
    };
    let unlisted = rendered_after_editing("content/a/g125.md");
    let listed = rendered_after_editing("content/a/g000.md");
    assert_eq!(
        listed,
        unlisted + 1,
        "the home page, and only it, lists g000"
    );
    cached.build();
    assert_same(&cached.warm_output(), &cached.cold_output());
}

/// The state of the file `rel` of the output: length, time and inode.
fn state_of(cached: &Cached, rel: &str) -> (u64, std::time::SystemTime, u64) {
    let path = cached.site.output().join(rel);
    let all = common::tree_state(&cached.site.output());
    let (_, len, time, inode) = all.into_iter().find(|(p, ..)| *p == path).expect(rel);
    (len, time, inode)
}

#[test]
fn a_rebuild_moves_in_only_the_files_that_changed_and_removes_the_ones_gone() {
    let cached = Cached::new();
    cached.build();
    let other = state_of(&cached, "sql/joins/index.html");
    let edited = state_of(&cached, "python/generators/index.html");
    let guide = cached.site.root().join("content/python/generators.md");
    let text = std::fs::read_to_string(&guide).unwrap();
    std::fs::write(&guide, text.replace("generator", "generator (edited)")).unwrap();
    cached.build();
    assert_eq!(
        state_of(&cached, "sql/joins/index.html"),
        other,
        "a page the edit does not change is left as it was (deploy tools see it unchanged)"
    );
    assert_ne!(state_of(&cached, "python/generators/index.html"), edited);
    assert_same(&cached.warm_output(), &cached.cold_output());

    // A guide added, then removed: its folder goes with it.
    cached.site.write(
        "content/sql/extra.md",
        "---\ntitle: Extra\n---\n\n## FAQ {.faq}\n\n### Why?\n\nBecause.\n",
    );
    cached.build();
    assert!(cached
        .site
        .output()
        .join("sql/extra/faq/index.html")
        .is_file());
    std::fs::remove_file(cached.site.root().join("content/sql/extra.md")).unwrap();
    cached.build();
    assert!(!cached.site.output().join("sql/extra").exists());
    assert_same(&cached.warm_output(), &cached.cold_output());
    let beside: Vec<_> = std::fs::read_dir(cached.site.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("syllabus-"))
        .collect();
    assert!(
        beside.is_empty(),
        "nothing left beside the output: {beside:?}"
    );
}

#[test]
fn another_process_finds_the_cache_a_build_left() {
    // In one process the cache's keys could hold what only that process
    // makes the same way (a map's random order): run the binary twice.
    let cached = Cached::new();
    let cache = cached.cache.path().to_string_lossy().into_owned();
    let first = cached.site.run(&["build", "-v", "--cache-dir", &cache]);
    assert_eq!(common::code(&first), 0, "{}", stderr(&first));
    let guide = cached.site.root().join("content/python/generators.md");
    let text = std::fs::read_to_string(&guide).unwrap();
    std::fs::write(&guide, text.replace("generator", "generator (edited)")).unwrap();
    let second = cached.site.run(&["build", "-v", "--cache-dir", &cache]);
    let total = common::markdown_files(cached.site.root());
    let said = stderr(&second);
    assert!(
        said.contains(&format!(
            "Markdown of {} pages came from the cache",
            total - 1
        )),
        "{said}"
    );
}

#[test]
fn a_damaged_cache_is_ignored_and_rebuilt() {
    let cached = Cached::new();
    cached.build();
    // The stamp, damaged, says nothing: the build runs.
    let stamps = cached.stamps();
    assert_eq!(stamps.len(), 1, "one stamp for the one output folder");
    for stamp in &stamps {
        let mut bytes = std::fs::read(stamp).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x5a;
        std::fs::write(stamp, &bytes).unwrap();
    }
    assert!(!cached.build().up_to_date, "a damaged stamp is not trusted");
    assert_same(&cached.warm_output(), &cached.cold_output());
    for stamp in &cached.stamps() {
        std::fs::write(stamp, b"not a stamp").unwrap();
    }
    assert!(!cached.build().up_to_date);

    cached.forget_stamps();
    for pack in cached.packs() {
        let mut bytes = std::fs::read(&pack).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x5a;
        std::fs::write(&pack, bytes).unwrap();
    }
    let report = cached.build();
    assert_eq!(report.reused, Some(0), "no damaged entry is trusted");
    assert_same(&cached.warm_output(), &cached.cold_output());
    cached.forget_stamps();
    assert_eq!(
        cached.build().reused,
        Some(common::markdown_files(cached.site.root())),
        "and it was rebuilt"
    );

    cached.forget_stamps();
    for pack in cached.packs() {
        std::fs::write(&pack, b"not a pack").unwrap();
    }
    assert_eq!(cached.build().reused, Some(0));
    assert_same(&cached.warm_output(), &cached.cold_output());
}

#[test]
fn a_changed_configuration_or_theme_starts_afresh() {
    let cached = Cached::new();
    cached.build();
    let config = cached.site.root().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!("{text}\n[highlight]\nline_numbers = true\n"),
    )
    .unwrap();
    assert_eq!(cached.build().reused, Some(0), "a new configuration");
    assert_same(&cached.warm_output(), &cached.cold_output());

    cached
        .site
        .write("templates/partials/footer_extra.html", "<p>extra</p>");
    assert_eq!(cached.build().reused, Some(0), "a new theme file");
    assert_same(&cached.warm_output(), &cached.cold_output());
}

#[test]
fn a_page_changed_in_the_output_folder_is_written_again() {
    let cached = Cached::new();
    cached.build();
    let page = cached.site.output().join("sql/joins/index.html");
    let good = std::fs::read(&page).unwrap();
    // Same length, other bytes: only its content tells.
    let mut spoiled = good.clone();
    let middle = spoiled.len() / 2;
    spoiled[middle] = if spoiled[middle] == b'x' { b'y' } else { b'x' };
    std::fs::write(&page, &spoiled).unwrap();
    std::fs::remove_file(cached.site.output().join("python/closures/index.html")).unwrap();
    cached.build();
    assert_eq!(std::fs::read(&page).unwrap(), good);
    assert_same(&cached.warm_output(), &cached.cold_output());
}

#[test]
fn the_cache_keeps_to_its_size_bound() {
    let cache = tempfile::tempdir().unwrap();
    let first = TestSite::fixture("output_safety/sample");
    let second = TestSite::fixture("graph/study");
    let run = |site: &TestSite, limit: &str| {
        let out = site.run_cached(cache.path(), limit, &["build", "-v"]);
        assert!(out.status.success(), "{}", stderr(&out));
    };
    let sites = cache.path().join("sites");
    let folders = || std::fs::read_dir(&sites).unwrap().count();
    run(&first, "100");
    run(&second, "100");
    assert_eq!(folders(), 2, "one folder per site");
    // Something else in the cache folder is never touched.
    std::fs::write(sites.join("notes.txt"), "mine").unwrap();
    run(&first, "0");
    assert_eq!(folders(), 2, "the site built last and the stranger remain");
    assert!(sites.join("notes.txt").exists());
}

#[test]
fn the_cache_folder_is_chosen_by_flag_then_environment_and_can_be_switched_off() {
    let site = TestSite::fixture("graph/study");
    let env_dir = tempfile::tempdir().unwrap();
    let flag_dir = tempfile::tempdir().unwrap();
    let has_sites = |dir: &Path| dir.join("sites").is_dir();

    let out = site.run_cached(env_dir.path(), "100", &["build", "--no-cache", "-v"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!has_sites(env_dir.path()), "--no-cache writes no cache");
    assert!(!stderr(&out).contains("came from the cache"));

    let flag = flag_dir.path().to_str().unwrap();
    let out = site.run_cached(env_dir.path(), "100", &["build", "--cache-dir", flag, "-v"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        has_sites(flag_dir.path()) && !has_sites(env_dir.path()),
        "the flag wins"
    );

    let out = site.run_cached(env_dir.path(), "100", &["build", "-v"]);
    assert!(has_sites(env_dir.path()), "SYLLABUS_CACHE_DIR is used");
    assert!(
        stderr(&out).contains("Markdown of 0 pages came from the cache"),
        "{}",
        stderr(&out)
    );
    let out = site.run_cached(env_dir.path(), "100", &["build", "-v"]);
    assert!(
        common::stdout(&out).starts_with("Up to date: "),
        "{}",
        common::stdout(&out)
    );
}

#[test]
fn a_build_is_up_to_date_only_while_nothing_it_read_or_wrote_has_changed() {
    let cached = Cached::new();
    cached.build();
    assert!(cached.build().up_to_date);
    let root = cached.site.root().to_path_buf();
    // A large file counts by its state, not its bytes.
    let large = root.join("static/lecture.bin");
    std::fs::write(&large, vec![b'a'; (1 << 20) + 1]).unwrap();
    cached.build();
    let changes: [(&str, &dyn Fn()); 6] = [
        ("a large file rewritten with the same length", &|| {
            std::fs::write(&large, vec![b'b'; (1 << 20) + 1]).unwrap()
        }),
        ("a file added to content/", &|| {
            cached
                .site
                .write("content/python/new.md", "---\ntitle: New\n---\nNew.\n")
        }),
        ("a file removed", &|| {
            std::fs::remove_file(root.join("content/python/new.md")).unwrap()
        }),
        ("a static file", &|| {
            cached.site.write("static/notes.txt", "notes")
        }),
        ("a file added to the output folder", &|| {
            cached.site.write("public/stray.txt", "stray")
        }),
        ("an output file touched", &|| {
            let page = cached.site.output().join("sql/joins/index.html");
            let bytes = std::fs::read(&page).unwrap();
            std::fs::remove_file(&page).unwrap();
            std::fs::write(&page, bytes).unwrap();
        }),
    ];
    for (change, make) in changes {
        make();
        assert!(!cached.build().up_to_date, "{change}: the build runs");
        assert_same(&cached.warm_output(), &cached.cold_output());
        assert!(cached.build().up_to_date, "{change}: then it is up to date");
    }
    // Another output folder has a stamp of its own.
    let other = tempfile::tempdir().unwrap();
    let opts = BuildOptions {
        output: Some(other.path().join("site")),
        ..cached.options(CacheDir::At(cached.cache.path().into()))
    };
    assert!(!build(&opts).unwrap().up_to_date);
    assert!(build(&opts).unwrap().up_to_date);
    assert!(cached.build().up_to_date, "the first folder's stamp stands");
    // So do drafts.
    let drafts = BuildOptions {
        drafts: true,
        ..cached.options(CacheDir::At(cached.cache.path().into()))
    };
    assert!(!build(&drafts).unwrap().up_to_date);
}

#[test]
fn a_file_included_from_outside_content_is_an_input() {
    let cached = Cached::new();
    cached.site.write("examples/hello.rs", "fn main() {}\n");
    cached.site.write(
        "content/python/included.md",
        "---\ntitle: Included\n---\n```{file=\"/examples/hello.rs\"}\n```\n",
    );
    cached.build();
    assert!(cached.build().up_to_date);
    cached
        .site
        .write("examples/hello.rs", "fn main() { edited() }\n");
    assert!(!cached.build().up_to_date, "the included file changed");
    assert!(cached
        .site
        .read("python/included/index.html")
        .contains("edited"));
}

#[test]
fn a_build_with_warnings_runs_again_and_shows_them_again() {
    let site = TestSite::new(&[
        (
            "site.toml",
            "title = \"T\"\n[links]\ninternal = \"warning\"\n",
        ),
        ("content/a.md", "---\ntitle: A\n---\n[gone](missing.md)\n"),
    ]);
    let cache = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        let out = site.run_cached(cache.path(), "100", &["build"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stderr(&out).contains("missing.md"), "{}", stderr(&out));
        assert!(common::stdout(&out).starts_with("Built "));
    }
}
