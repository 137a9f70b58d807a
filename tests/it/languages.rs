//! One site in several languages: `[languages]` in site.toml, translations
//! beside their originals (`joins.fr.md`), each language below its home,
//! with its own hubs, tags, feeds and search index.

use crate::common::{stderr, TestSite};

/// The `languages/site` fixture: English at the root, French below /fr/.
/// `sql/joins.md`, `sql/_index.md` and the home page are translated;
/// `sql/indexes.md`, `python/generators.md` and `notes.v2.md` are not.
fn site() -> TestSite {
    TestSite::fixture("languages/site")
}

fn built() -> TestSite {
    let site = site();
    site.build_ok();
    site
}

fn exists(site: &TestSite, rel: &str) -> bool {
    site.output().join(rel).is_file()
}

#[test]
fn each_language_has_its_pages_below_its_home() {
    let site = built();
    for rel in [
        "index.html",
        "sql/joins/index.html",
        "sql/indexes/index.html",
        "python/generators/index.html",
        "notes.v2/index.html",
        "fr/index.html",
        "fr/sql/index.html",
        "fr/sql/jointures/index.html",
        "fr/sql/jointures/practice/index.html",
        "fr/sql/jointures/faq/index.html",
        "fr/404.html",
    ] {
        assert!(exists(&site, rel), "{rel} is missing");
    }
    // No fallback: what is not translated is not in French at all.
    for rel in [
        "fr/sql/indexes/index.html",
        "fr/python/index.html",
        "fr/python/generators/index.html",
        "fr/notes.v2/index.html",
        "sql/joins.fr/index.html",
    ] {
        assert!(!exists(&site, rel), "{rel} should not be built");
    }
    assert!(site
        .read("index.html")
        .starts_with("<!doctype html>\n<html lang=\"en\">"));
    let fr = site.read("fr/sql/jointures/index.html");
    assert!(fr.starts_with("<!doctype html>\n<html lang=\"fr\">"));
    assert!(
        fr.contains("<title>Jointures · SQL en français · Étude</title>"),
        "{fr}"
    );
    assert!(
        fr.contains("<a href=\"../\">SQL en français</a>"),
        "the French section"
    );
    assert!(fr.contains("<a class=\"brand\" href=\"../../\">Étude</a>"));
    // Shared files stay at the root.
    assert!(fr.contains("href=\"../../../style.css?v="));
}

#[test]
fn translated_pages_carry_hreflang_alternates() {
    let site = built();
    let alternates = "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/study/sql/joins/\">\n\
        <link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/study/fr/sql/jointures/\">\n\
        <link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/study/sql/joins/\">";
    for rel in ["sql/joins/index.html", "fr/sql/jointures/index.html"] {
        assert!(site.read(rel).contains(alternates), "{rel}");
    }
    let practice = site.read("fr/sql/jointures/practice/index.html");
    assert!(practice.contains(
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/study/sql/joins/practice/\">"
    ));
    let hub = site.read("fr/questions/index.html");
    assert!(hub.contains(
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/study/questions/\">"
    ));
    // A page with no translation has no alternates.
    assert!(!site
        .read("sql/indexes/index.html")
        .contains("hreflang=\"fr\" href"));
}

#[test]
fn the_switcher_links_each_translation_or_the_languages_home() {
    let site = built();
    let fr = site.read("fr/sql/jointures/index.html");
    assert!(
        fr.contains("<ul class=\"nav-languages\" aria-label=\"Langues\">"),
        "{fr}"
    );
    assert!(fr.contains("<a href=\"../../../sql/joins/\" hreflang=\"en\" lang=\"en\">English</a>"));
    assert!(fr
        .contains("<a href=\"./\" hreflang=\"fr\" lang=\"fr\" aria-current=\"true\">Français</a>"));
    let indexes = site.read("sql/indexes/index.html");
    assert!(
        indexes.contains("<a href=\"../../fr/\" hreflang=\"fr\" lang=\"fr\" title=\"Not translated: to the Français home page\">Français</a>"),
        "{indexes}"
    );
    // The 404 page is served at any depth: its links start from the root.
    let missing = site.read("404.html");
    assert!(
        missing.contains("<a href=\"/study/fr/\" hreflang=\"fr\" lang=\"fr\""),
        "{missing}"
    );
    // French's own 404 page, for hosts that serve the nearest one.
    let missing = site.read("fr/404.html");
    assert!(missing.starts_with("<!doctype html>\n<html lang=\"fr\">"));
    for html in [
        "<title>Page introuvable · Étude</title>",
        "<a class=\"brand\" href=\"/study/fr/\">Étude</a>",
        "data-root=\"/study/fr/\"",
        "<a href=\"/study/fr/sql/\">SQL en français</a>",
        "<a href=\"/study/\" hreflang=\"en\" lang=\"en\">English</a>",
        "<a class=\"button\" href=\"/study/fr/\">",
        "<link rel=\"stylesheet\" href=\"/study/style.css?v=",
    ] {
        assert!(missing.contains(html), "{html}: {missing}");
    }
    assert!(!site.read("404.html").contains("Page introuvable"));
    assert!(!site.read("sitemap.xml").contains("404"));
    let section = site.read("fr/sql/index.html");
    assert!(section.contains("<a href=\"../../sql/\" hreflang=\"en\" lang=\"en\">English</a>"));
}

#[test]
fn the_sitemap_lists_every_language_with_its_alternates() {
    let site = built();
    let map = site.read("sitemap.xml");
    assert!(map.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(map.contains(
        "<url><loc>https://example.org/study/fr/sql/jointures/</loc><lastmod>2024-05-01</lastmod>\
         <xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/study/sql/joins/\"/>\
         <xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/study/fr/sql/jointures/\"/>\
         <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/study/sql/joins/\"/></url>"
    ), "{map}");
    assert!(map.contains("<url><loc>https://example.org/study/sql/indexes/</loc></url>"));
    assert!(!map.contains("fr/sql/indexes"));
    assert!(!exists(&site, "fr/sitemap.xml"), "one sitemap for the site");
}

#[test]
fn study_pages_tags_and_feeds_are_per_language() {
    let site = built();
    let bank = site.read("fr/questions/index.html");
    assert!(bank.contains("Que garde une jointure interne ?"));
    assert!(!bank.contains("What does an inner join keep?"));
    assert!(
        bank.contains("<title>Banque de questions · Étude</title>"),
        "{bank}"
    );
    let bank = site.read("questions/index.html");
    assert!(bank.contains("What does an inner join keep?"));
    assert!(!bank.contains("Que garde"));
    let faq = site.read("fr/faq/index.html");
    assert!(faq.contains("Une jointure est-elle lente ?") && !faq.contains("Is a join slow?"));
    let practice = site.read("fr/practice/sql/questions.json");
    assert!(practice.contains("Quelle jointure garde"));
    assert!(
        practice.contains("\"url\":\"../sql/jointures/\""),
        "{practice}"
    );
    assert!(!site
        .read("practice/sql/questions.json")
        .contains("Quelle jointure"));
    assert!(site
        .read("fr/questions/index.html")
        .contains("Que garde une jointure interne ?"));
    assert!(!site.read("questions/index.html").contains("Que garde"));
    assert!(
        site.read("fr/flashcards/index.html")
            .contains("data-url=\"../questions/?v="),
        "French decks read the French bank"
    );
    assert!(site
        .read("fr/practice/index.html")
        .contains("data-url=\"sql/questions.json?v="));
    let guide = site.read("fr/sql/jointures/index.html");
    assert!(
        guide.contains("href=\"../../flashcards/?guide=sql/joins.fr\""),
        "the French deck"
    );
    let tags = site.read("fr/tags/index.html");
    assert!(
        tags.contains("requêtes") && !tags.contains(">python<"),
        "{tags}"
    );
    assert!(exists(&site, "fr/tags/requêtes/index.html"));
    assert!(!exists(&site, "fr/tags/sql/index.html"));
    let feed = site.read("fr/atom.xml");
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">"));
    assert!(feed.contains("<link rel=\"self\" href=\"https://example.org/study/fr/atom.xml\"/>"));
    assert!(feed.contains("<title>Jointures</title>") && !feed.contains("<title>Joins</title>"));
    assert!(!site.read("atom.xml").contains("Jointures"));
}

#[test]
fn search_has_an_index_per_language_below_its_home() {
    let site = built();
    let fr = site.read("fr/search/d/0.bin");
    // The page (title, URL from the language's home), then its document.
    assert!(
        fr.contains("Jointures\tsql/jointures/\n") && fr.contains("\t0\tJointures\t"),
        "{fr}"
    );
    assert!(!fr.contains("Joins"));
    assert!(!site.read("search/d/0.bin").contains("Jointures"));
    // Each index stems the words of its own language.
    assert!(site
        .read("search/meta.json")
        .contains("\"stemmer\":\"english\""));
    assert!(site
        .read("fr/search/meta.json")
        .contains("\"stemmer\":\"french\""));
    let page = site.read("fr/sql/jointures/index.html");
    // search.js fills the box from the French home, whose index it reads.
    assert!(page.contains("<div class=\"site-search\" data-root=\"../../\" hidden></div>"));
}

#[test]
fn stored_progress_and_interface_strings_are_per_language() {
    let site = built();
    let (en, en_strings) = site.ui_script("");
    let (fr, fr_strings) = site.ui_script("fr/");
    assert_eq!(fr, format!("{en}fr:"));
    // search.js builds the header's box from these strings.
    assert_eq!(fr_strings["search_placeholder"], "Rechercher");
    assert_eq!(en_strings["search_placeholder"], "Search");
    assert_eq!(en_strings["search_shortcut"], "Press / to search");
    let page = site.read("fr/sql/jointures/index.html");
    assert!(
        page.contains("<script src=\"../../ui.js?v="),
        "the French pages load the French strings"
    );
    assert!(page.contains(">Entraînement</a>"));
    assert!(page.contains("1 mai 2024"), "the French month name");
    assert!(site.read("sql/joins/index.html").contains("1 May 2024"));
}

#[test]
fn links_lead_to_the_same_language_unless_they_name_one() {
    let site = built();
    let home = site.read("fr/index.html");
    assert!(
        home.contains("<a href=\"sql/jointures/\">jointures</a>"),
        "{home}"
    );
    let guide = site.read("fr/sql/jointures/index.html");
    assert!(
        guide.contains("<a href=\"../../../sql/indexes/\">index</a>"),
        "{guide}"
    );
    let en = site.read("index.html");
    assert!(en.contains("<a href=\"sql/joins/\">joins</a>"));
}

#[test]
fn a_link_to_a_page_with_no_version_in_the_language_is_an_error_at_its_line() {
    let site = site();
    site.write(
        "content/sql/joins.fr.md",
        "---\ntitle: Jointures\n---\nIntro.\n\nVoir [les index](indexes.md#q-what-is-a-covering-index).\n",
    );
    site.write(
        "content/sql/_index.fr.md",
        "---\ntitle: SQL\nrelated: [indexes.md]\n---\nVoir [Python](../python/).\n",
    );
    let errors = site.build_errors();
    assert_eq!(
        errors,
        [
            "content/sql/_index.fr.md:3:11: error: `related: indexes.md`: content/sql/indexes.md has no `fr` version (there is no content/sql/indexes.fr.md)\n   |\n 3 | related: [indexes.md]\n   |           ^\n  = help: translate it as content/sql/indexes.fr.md, or link to the version that exists by naming its file: `indexes.en.md`",
            "content/sql/_index.fr.md:5:6: error: link to `../python/`: the section content/python has no page in `fr`\n   |\n 5 | Voir [Python](../python/).\n   |      ^\n  = help: translate one of its pages, or link to another language's section by its URL (`/python/`)",
            "content/sql/joins.fr.md:6:6: error: link to `indexes.md`: content/sql/indexes.md has no `fr` version (there is no content/sql/indexes.fr.md)\n   |\n 6 | Voir [les index](indexes.md#q-what-is-a-covering-index).\n   |      ^\n  = help: translate it as content/sql/indexes.fr.md, or link to the version that exists by naming its file: `indexes.en.md`",
        ],
    );
}

#[test]
fn file_names_name_only_the_sites_languages() {
    let site = site();
    site.write(
        "content/sql/joins.en.md",
        "---\ntitle: Joins again\n---\nText.\n",
    );
    let errors = site.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0],
        "content/sql/joins.en.md: error: `en` is the default language, whose pages have no language in their file names\n  = help: rename it content/sql/joins.md, or make another language the default with `default_language` in site.toml"
    );
    // Without [languages] such names are ordinary guides, as before.
    let site = TestSite::new(&[
        ("content/sql/joins.en.md", "---\ntitle: Joins\n---\nText.\n"),
        (
            "content/sql/joins.fr.md",
            "---\ntitle: Jointures\n---\nTexte.\n",
        ),
    ]);
    site.build_ok();
    assert!(exists(&site, "sql/joins.en/index.html"));
    assert!(exists(&site, "sql/joins.fr/index.html"));
    assert!(!exists(&site, "fr/index.html"));
    assert!(!site.read("sql/joins.fr/index.html").contains("hreflang"));
}

#[test]
fn site_toml_languages_are_checked_where_they_are_written() {
    let site = site();
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &config.replace("[languages.fr.ui]\n", "[languages.fr.ui]\nserach = \"x\"\n"),
    );
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(
            "site.toml:15:1: error: unknown interface string `serach` in [languages.fr.ui]"
        ),
        "{err}"
    );
    assert!(err.contains("= help: did you mean `search`?"), "{err}");
    site.write(
        "site.toml",
        "title = \"T\"\nlanguage = \"en\"\n[languages.\"fr FR\"]\n",
    );
    let err = stderr(&site.run(&["build"]));
    assert!(
        err.contains("site.toml:3:2: error: `fr FR` is not a language code"),
        "{err}"
    );
}

#[test]
fn a_site_with_only_its_default_language_listed_is_built_as_one_language() {
    let site = site();
    site.write(
        "site.toml",
        "title = \"Study\"\nbase_url = \"https://example.org/study\"\n[languages.en]\nname = \"English\"\n",
    );
    std::fs::remove_file(site.root().join("content/sql/joins.fr.md")).unwrap();
    std::fs::remove_file(site.root().join("content/sql/_index.fr.md")).unwrap();
    std::fs::remove_file(site.root().join("content/_index.fr.md")).unwrap();
    site.build_ok();
    let page = site.read("sql/joins/index.html");
    assert!(!page.contains("nav-languages") && !page.contains("hreflang"));
    assert!(!site.read("sitemap.xml").contains("xhtml"));
}

#[test]
fn check_reports_language_errors_and_anki_exports_each_language() {
    let site = site();
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = site.run(&["export", "anki", "-o", "-"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        text.contains("#columns:GUID,Front,Back,Tags,Deck\n"),
        "{text}"
    );
    assert!(text.contains("#deck column:5\n"));
    assert!(text.contains("\"Study::English\"") && text.contains("\"Study::Français\""));
    let out = site.run(&["export", "anki", "--language", "fr", "-o", "-"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(text.contains("#deck:Étude\n"), "{text}");
    assert!(text.contains("Que garde une jointure interne ?"));
    assert!(!text.contains("What does an inner join keep?"));
    site.write(
        "content/sql/joins.fr.md",
        "---\ntitle: J\n---\n[x](indexes.md)\n",
    );
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("content/sql/joins.fr.md:4:1: error: link to `indexes.md`"));
}

#[test]
fn new_titles_a_translation_without_its_language() {
    let site = site();
    let out = site.run(&["new", "content/sql/window-functions.fr.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text =
        std::fs::read_to_string(site.root().join("content/sql/window-functions.fr.md")).unwrap();
    assert!(
        text.starts_with("---\ntitle: \"Window functions\"\n"),
        "{text}"
    );
    site.build_ok();
    assert!(exists(&site, "fr/sql/window-functions/index.html"));
}

#[test]
fn serve_renders_a_translation_again_when_it_changes() {
    let site = site();
    let mut session = syllabus::serve::Session::new(site.root(), false);
    let (memory, _) = session.rebuild().expect("first build");
    let page = |bytes: Option<Vec<u8>>| String::from_utf8(bytes.expect("served")).unwrap();
    assert!(page(memory.read("fr/sql/jointures/index.html"))
        .contains("Seules les lignes correspondantes restent."));
    let path = site.root().join("content/sql/joins.fr.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("Seules les lignes", "Seules, désormais, les lignes"),
    )
    .unwrap();
    let (memory, report) = session.rebuild().expect("rebuild");
    assert_eq!(
        report.markdown_rendered, 1,
        "only the French guide: {report:?}"
    );
    assert!(
        page(memory.read("fr/sql/jointures/index.html")).contains("Seules, désormais, les lignes")
    );
    assert!(page(memory.read("sql/joins/index.html")).contains("Only matching rows remain."));
}

#[test]
fn a_cached_build_writes_what_a_build_from_nothing_writes() {
    use syllabus::build::{build, BuildOptions, CacheDir};
    let site = site();
    let cache = tempfile::tempdir().unwrap();
    let cached = BuildOptions {
        cache: CacheDir::At(cache.path().into()),
        ..site.options()
    };
    let cold = |site: &TestSite| {
        let out = tempfile::tempdir().unwrap();
        let opts = BuildOptions {
            output: Some(out.path().join("site")),
            ..site.options()
        };
        build(&opts).expect("build without cache");
        crate::common::snapshot(&out.path().join("site"))
    };
    let without_marker = |mut files: Vec<(std::path::PathBuf, Vec<u8>)>| {
        files.retain(|(p, _)| p.as_os_str() != syllabus::output::MARKER);
        files
    };
    build(&cached).expect("first build");
    let path = site.root().join("content/sql/joins.fr.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("Jointures internes", "Les jointures internes"),
    )
    .unwrap();
    let report = build(&cached).expect("warm build");
    assert_eq!(
        report.reused,
        Some(8),
        "all pages' Markdown but the edited one's"
    );
    assert_eq!(
        without_marker(crate::common::snapshot(&site.output())),
        without_marker(cold(&site))
    );
    assert!(site
        .read("fr/sql/jointures/index.html")
        .contains("Les jointures internes"));
}

/// Everything of a page before `<main>`: its head and the site header,
/// where a site of several languages puts its alternates and switcher.
fn head_and_header(html: &str) -> String {
    let end = html.find("<main").expect("the page has a <main>");
    let mut out = String::new();
    let mut rest = &html[..end];
    while let Some(at) = rest.find("?v=") {
        out.push_str(&rest[..at]);
        out.push_str("?v=[version]");
        rest = rest[at + 3..].trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    }
    out.push_str(rest);
    out
}

/// A site without `[languages]` is built as it always was: no alternates,
/// no switcher, every link at the root (the snapshot was taken from a
/// build before languages existed).
#[test]
fn a_site_of_one_language_keeps_its_head_and_header() {
    let site = TestSite::fixture("build_html/links");
    site.write(
        "site.toml",
        "title = \"Test site\"\nbase_url = \"https://example.org/docs\"\n",
    );
    site.build_ok();
    let page = site.read("python/gen/index.html");
    insta::assert_snapshot!("one_language_head_and_header", head_and_header(&page));
    let sitemap = site.read("sitemap.xml");
    assert!(!sitemap.contains("xhtml"), "{sitemap}");
}

#[test]
fn a_folder_or_page_cannot_take_a_languages_home() {
    let site = site();
    site.write("content/fr/paris.md", "---\ntitle: Paris\n---\nText.\n");
    site.write("content/fr.md", "---\ntitle: France\n---\nText.\n");
    let errors = site.build_errors();
    assert_eq!(
        errors,
        [
            "content/fr: error: this section's URL /fr/ is already taken by the home page of the language `fr`\n  = help: rename the folder",
            "content/fr.md:1:1: error: this page's URL /fr/ is already taken by the home page of the language `fr`\n   |\n 1 | ---\n   | ^\n  = help: give one of them another file name or `slug:`",
        ],
    );
    std::fs::remove_dir_all(site.root().join("content/fr")).unwrap();
    let errors = site.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("content/fr.md:1:1: error: this page's URL /fr/ is already taken by the home page of the language `fr`"),
        "{}",
        errors[0]
    );
}

#[test]
fn aliases_are_site_paths_as_written_in_every_language() {
    let site = site();
    let path = site.root().join("content/sql/joins.fr.md");
    let text = std::fs::read_to_string(&path).unwrap();
    // The French guide's old French URL, and its URL from before the site
    // had languages (when it was at the root).
    site.write(
        "content/sql/joins.fr.md",
        &text.replace(
            "slug: jointures\n",
            "slug: jointures\naliases: [/fr/sql/joins/, /sql/jointures/]\n",
        ),
    );
    site.build_ok();
    for (rel, to) in [
        ("fr/sql/joins/index.html", "../jointures/"),
        ("sql/jointures/index.html", "../../fr/sql/jointures/"),
    ] {
        let old = site.read(rel);
        assert!(
            old.contains(&format!(
                "<meta http-equiv=\"refresh\" content=\"0; url={to}\">"
            )),
            "{rel}: {old}"
        );
        assert!(old.contains("<html lang=\"fr\">"), "{rel}: {old}");
    }
    assert!(!exists(&site, "fr/fr/sql/joins/index.html"));

    // An English alias copied into the translation, or the URL of a page,
    // is taken: an error at the line.
    let english = site.root().join("content/sql/joins.md");
    let original = std::fs::read_to_string(&english).unwrap();
    site.write(
        "content/sql/joins.md",
        &original.replacen("---\n", "---\naliases: [/old/joins/]\n", 1),
    );
    site.write(
        "content/sql/joins.fr.md",
        &text.replace(
            "slug: jointures\n",
            "slug: jointures\naliases: [/old/joins/, /sql/indexes/]\n",
        ),
    );
    let errors = site.build_errors();
    let help = "aliases are paths from the site's root in every language: an old URL of this `fr` page below /fr/ is written";
    assert_eq!(
        errors,
        [
            format!("content/sql/joins.fr.md:6:11: error: alias /old/joins/ is already taken by an alias of content/sql/joins.md\n   |\n 6 | aliases: [/old/joins/, /sql/indexes/]\n   |           ^\n  = note: content/sql/joins.md:2:11: the other one is here\n  = help: {help} /fr/old/joins/"),
            format!("content/sql/joins.fr.md:6:24: error: alias /sql/indexes/ is already taken by content/sql/indexes.md\n   |\n 6 | aliases: [/old/joins/, /sql/indexes/]\n   |                        ^\n  = note: content/sql/indexes.md:1:1: the other one is here\n  = help: {help} /fr/sql/indexes/"),
        ]
    );
    // In the default language, or below the page's own home, the help
    // says only that the path is taken.
    site.write(
        "content/sql/joins.fr.md",
        &text.replace(
            "slug: jointures\n",
            "slug: jointures\naliases: [/fr/, /fr/404.html]\n",
        ),
    );
    let errors = site.build_errors();
    let taken = "= help: an alias is an old URL of this page: one that another page or alias holds cannot lead here too; remove it";
    assert_eq!(
        errors,
        [
            format!("content/sql/joins.fr.md:6:11: error: alias /fr/ is already taken by the home page of the language `fr`\n   |\n 6 | aliases: [/fr/, /fr/404.html]\n   |           ^\n  {taken}"),
            format!("content/sql/joins.fr.md:6:17: error: alias /fr/404.html is already taken by the built-in page /fr/404.html\n   |\n 6 | aliases: [/fr/, /fr/404.html]\n   |                 ^\n  {taken}"),
        ]
    );
}
