//! The site graph: related guides, backlinks, navigation, tags, aliases,
//! feeds, structured data and `syllabus check`.

use crate::common::{stderr, stdout, TestSite};

fn guide(title: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\n{extra}---\n{body}")
}

/// The `graph/study` fixture: sections sql and python, guides that link,
/// share tags, name related guides and aliases, under a base URL.
fn site() -> TestSite {
    TestSite::fixture("graph/study")
}

#[test]
fn related_guides_explicit_first_then_by_shared_tags_and_links() {
    let site = site();
    site.build_ok();
    let html = site.read("sql/joins/index.html");
    let related = &html[html.find("class=\"related").expect("a related block")..];
    let (gen, idx, views) = (
        related.find("Generators").unwrap(),
        related.find("Indexes").unwrap(),
        related.find("Views").unwrap(),
    );
    assert!(gen < idx, "explicit related: first");
    assert!(
        idx < views,
        "two shared tags and a link outrank one shared tag"
    );
}

#[test]
fn related_guides_are_title_links_and_the_section_link_is_said_once() {
    let site = site();
    site.build_ok();
    let joins = site.read("sql/joins/index.html");
    let related = &joins[joins
        .find("<ul class=\"related-list\">")
        .expect("a related list")..];
    let related = &related[..related.find("</ul>").unwrap()];
    assert!(
        related.contains("<li><a href=\"../../python/gen/\">Generators</a></li>"),
        "{related}"
    );
    assert!(!related.contains("min read"), "{related}");
    // Beside a guide its section's guides are listed with a link to the
    // section; a guide alone in its section links it at the end instead.
    assert!(joins.contains("class=\"section-nav\""));
    assert!(!joins.contains("class=\"more-in\""), "{joins}");
    let alone = site.read("python/gen/index.html");
    assert!(!alone.contains("class=\"section-nav\""));
    assert!(
        alone.contains("<p class=\"more-in\"><a href=\"../\">"),
        "{alone}"
    );
}

#[test]
fn backlinks_list_guides_that_link_here() {
    let site = site();
    site.build_ok();
    let html = site.read("sql/indexes/index.html");
    let refs = &html[html.find("class=\"backlinks").expect("a backlinks block")..];
    assert!(
        refs.contains("href=\"../joins/\""),
        "joins links to indexes"
    );
    let joins = site.read("sql/joins/index.html");
    let refs = &joins[joins.find("class=\"backlinks").unwrap()..];
    assert!(refs.contains("Views"));
}

#[test]
fn previous_and_next_follow_the_section_order() {
    let site = site();
    site.build_ok();
    let html = site.read("sql/indexes/index.html");
    assert!(
        html.contains("rel=\"prev\" href=\"../joins/\""),
        "prev is joins"
    );
    assert!(
        html.contains("rel=\"next\" href=\"../views/\""),
        "next is views"
    );
    let first = site.read("sql/joins/index.html");
    assert!(!first.contains("rel=\"prev\""));
}

#[test]
fn breadcrumbs_and_a_section_sidebar() {
    let site = site();
    site.build_ok();
    let html = site.read("sql/indexes/index.html");
    let crumbs = &html[html.find("aria-label=\"Breadcrumb\"").unwrap()..];
    let (home, sql) = (
        crumbs.find("href=\"../../\"").unwrap(),
        crumbs.find("href=\"../\"").unwrap(),
    );
    assert!(home < sql);
    let sidebar = &html[html.find("class=\"section-nav").expect("a section sidebar")..];
    assert!(sidebar.contains("aria-current=\"page\""));
    assert!(sidebar.contains("href=\"../views/\""));
}

/// The links of a guide page's section list in `html`.
fn sidebar_links(html: &str) -> Vec<String> {
    let start = html.find("class=\"section-nav\"").expect("a section list");
    let nav = &html[start..start + html[start..].find("</nav>").unwrap()];
    nav.split("<a href=\"")
        .skip(1)
        .map(|a| a[..a.find('"').unwrap()].to_string())
        .collect()
}

/// A section `big` of `count` guides `g00`, `g01`... in that order.
fn big_section(count: usize, toml: &str) -> TestSite {
    let mut files = vec![("site.toml".to_string(), format!("title = \"Big\"\n{toml}"))];
    files.push((
        "content/big/_index.md".into(),
        "---\ntitle: Big\n---\n".into(),
    ));
    for n in 0..count {
        let body = guide(&format!("G{n:02}"), &format!("weight: {n}\n"), "Text.\n");
        files.push((format!("content/big/g{n:02}.md"), body));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    TestSite::new(&files)
}

#[test]
fn a_large_section_lists_a_window_of_guides_on_each_guide_page() {
    let site = big_section(40, "");
    site.build_ok();
    let html = site.read("big/g20/index.html");
    let links = sidebar_links(&html);
    // The section title, the first guide, the 7 nearest to g20, the last
    // guide, and "All 40 guides in Big".
    let mut expected = vec!["../".to_string(), "../g00/".to_string()];
    expected.extend((17..=23).map(|n| match n {
        20 => "./".to_string(),
        n => format!("../g{n:02}/"),
    }));
    expected.extend(["../g39/".to_string(), "../".to_string()]);
    assert_eq!(links, expected);
    assert!(html.contains("<a href=\"./\" aria-current=\"page\">G20</a>"));
    assert_eq!(
        html.matches("class=\"nav-gap\"").count(),
        2,
        "gaps after g00 and before g39"
    );
    assert!(html.contains(">All 40 guides in Big</a>"));

    let first = sidebar_links(&site.read("big/g00/index.html"));
    assert_eq!(first.len(), 2 + 9, "a window of 9 at the start too");
    assert_eq!(first[9], "../g39/");
    assert_eq!(
        site.read("big/index.html")
            .matches("<li class=\"card\">")
            .count(),
        40,
        "the section page itself lists every guide"
    );
}

#[test]
fn the_window_size_is_set_in_site_toml_and_small_sections_list_every_guide() {
    let site = big_section(12, "[navigation]\nsection_guides = 5\n");
    site.build_ok();
    let links = sidebar_links(&site.read("big/g06/index.html"));
    assert_eq!(
        links,
        ["../", "../g00/", "../g05/", "./", "../g07/", "../g11/", "../"]
    );

    let site = big_section(9, "");
    site.build_ok();
    let html = site.read("big/g06/index.html");
    assert_eq!(sidebar_links(&html).len(), 1 + 9);
    assert!(!html.contains("nav-gap") && !html.contains("guides in Big"));
}

/// The links of the header's section list in `html`.
fn header_sections(html: &str) -> Vec<String> {
    let start = html.find("class=\"nav-sections\"").expect("a section list");
    let list = &html[start..start + html[start..].find("</ul>").unwrap()];
    list.split("<a href=\"")
        .skip(1)
        .map(|a| a[..a.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn the_header_links_the_first_sections_and_the_readers_own() {
    let mut files = vec![(
        "site.toml".to_string(),
        "title = \"Many\"\n[navigation]\nheader_sections = 3\n".to_string(),
    )];
    for n in 0..6 {
        files.push((
            format!("content/s{n}/g.md"),
            guide(&format!("Guide {n}"), "", "Text.\n"),
        ));
        files.push((
            format!("content/s{n}/_index.md"),
            format!("---\ntitle: S{n}\nweight: {n}\n---\n"),
        ));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let site = TestSite::new(&files);
    site.build_ok();

    let home = site.read("index.html");
    assert_eq!(
        header_sections(&home),
        ["s0/", "s1/", "s2/", "./#syl-all-sections"],
        "three sections, then a link to the full list"
    );
    assert!(home.contains("id=\"syl-all-sections\""));
    assert!(
        home.contains("href=\"s5/\""),
        "the home page lists every section"
    );

    let late = site.read("s4/g/index.html");
    assert_eq!(
        header_sections(&late),
        [
            "../../s0/",
            "../../s1/",
            "../../s2/",
            "../",
            "../../#syl-all-sections"
        ],
        "a page in a later section keeps its own section in the header"
    );
    assert!(late.contains("<a href=\"../\" aria-current=\"true\">"));

    let not_found = site.read("404.html");
    assert_eq!(
        header_sections(&not_found),
        ["/s0/", "/s1/", "/s2/", "/#syl-all-sections"]
    );
}

#[test]
fn few_sections_are_all_in_the_header() {
    let site = site();
    site.build_ok();
    let html = site.read("sql/indexes/index.html");
    assert_eq!(header_sections(&html), ["../../python/", "../"]);
    assert!(!html.contains("syl-all-sections"));
}

#[test]
fn tag_pages_list_guides_not_their_questions() {
    let site = site();
    site.build_ok();
    let index = site.read("tags/index.html");
    assert!(
        index.contains("href=\"sql/\"")
            && index.contains("href=\"performance/\"")
            && index.contains("href=\"python/\"")
    );
    let sql = site.read("tags/sql/index.html");
    for g in ["Joins", "Indexes", "Views"] {
        assert!(sql.contains(g), "{g}");
    }
    assert!(
        !sql.contains("#q-what-is-a-join"),
        "the guides' questions are on their pages and in the tag's deck"
    );
    assert!(sql.contains("href=\"../../flashcards/?tag=sql\""), "{sql}");
    assert!(
        site.read("sql/joins/index.html")
            .contains("href=\"../../tags/performance/\""),
        "guides link their tags"
    );
}

#[test]
fn aliases_write_redirect_pages() {
    let site = site();
    site.build_ok();
    let old = site.read("old/joins/index.html");
    assert!(old.contains("<meta http-equiv=\"refresh\" content=\"0; url=../../sql/joins/\">"));
    assert!(old.contains("<link rel=\"canonical\" href=\"https://example.org/docs/sql/joins/\">"));
    assert!(site.read("legacy.html").contains("url=sql/joins/"));
    assert!(old.contains("<html lang=\"en\">"));
    assert!(old.contains(
        "<p>This page has moved to <a href=\"../../sql/joins/\">../../sql/joins/</a>.</p>"
    ));
}

#[test]
fn redirect_pages_speak_the_sites_language() {
    let site = site();
    site.write(
        "site.toml",
        "title = \"Study\"\nbase_url = \"https://example.org/docs\"\nlanguage = \"fr\"\n\n[ui]\nmoved_title = \"Déplacé\"\nmoved_to = \"Cette page est maintenant à {link}.\"\n",
    );
    site.build_ok();
    let old = site.read("old/joins/index.html");
    assert!(old.contains("<html lang=\"fr\">"), "{old}");
    assert!(old.contains("<title>Déplacé</title>"), "{old}");
    assert!(
        old.contains(
            "<p>Cette page est maintenant à <a href=\"../../sql/joins/\">../../sql/joins/</a>.</p>"
        ),
        "{old}"
    );
}

#[test]
fn a_site_overrides_the_feed_sitemap_and_redirect_templates() {
    let site = site();
    site.write(
        "templates/atom.xml",
        "{% for e in entries %}{{ e.title }} {{ e.url }} {{ e.updated }}\n{% endfor %}",
    );
    site.write(
        "templates/sitemap.xml",
        "{% for u in urls %}{{ u.url }}{% if u.lastmod %} {{ u.lastmod }}{% endif %}\n{% endfor %}",
    );
    site.write(
        "templates/redirect.html",
        "<p lang=\"{{ site.language }}\"><a href=\"{{ url }}\">{{ canonical }}</a></p>",
    );
    site.build_ok();
    assert_eq!(
        site.read("atom.xml"),
        "Indexes https://example.org/docs/sql/indexes/ 2026-03-04T00:00:00Z\nJoins https://example.org/docs/sql/joins/ 2026-01-02T00:00:00Z\n"
    );
    assert!(site
        .read("sitemap.xml")
        .contains("https://example.org/docs/sql/indexes/ 2026-03-04\n"));
    assert_eq!(
        site.read("legacy.html"),
        "<p lang=\"en\"><a href=\"sql/joins/\">https://example.org/docs/sql/joins/</a></p>"
    );
}

#[test]
fn a_failing_feed_template_is_an_error_naming_the_file() {
    let site = site();
    site.write("templates/atom.xml", "{{ feed.nope.deeper }}\n");
    let errors = site.build_errors();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("templates/atom.xml:1:")
            && errors[0].contains("template error while rendering /atom.xml: "),
        "{}",
        errors[0]
    );
}

#[test]
fn an_alias_that_collides_with_a_page_is_an_error() {
    let site = site();
    site.write(
        "content/python/gen.md",
        &guide("Generators", "aliases:\n  - /sql/views/\n", "x\n"),
    );
    let errors = site.build_errors();
    assert!(errors.iter().any(|e| e.starts_with("content/python/gen.md:4:5: error: alias /sql/views/ is already taken by content/sql/views.md")), "{errors:#?}");
}

#[test]
fn an_alias_that_differs_from_a_page_only_in_case_is_an_error() {
    let site = site();
    site.write(
        "content/python/gen.md",
        &guide(
            "Generators",
            "aliases:\n  - /SQL/Views/\n  - /old/a/\n",
            "x\n",
        ),
    );
    site.write(
        "content/python/dec.md",
        &guide("Decorators", "aliases:\n  - /old/A/\n", "x\n"),
    );
    let errors = site.build_errors();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors.iter().any(|e| e.starts_with("content/python/gen.md:4:5: error: alias /SQL/Views/ differs only in letter case from /sql/views/ (content/sql/views.md)")), "{errors:#?}");
    assert!(errors.iter().any(|e| e.starts_with("content/python/gen.md:5:5: error: alias /old/a/ differs only in letter case from /old/A/ (an alias of content/python/dec.md)")), "{errors:#?}");
}

#[test]
fn related_paths_are_checked_with_suggestions() {
    let site = site();
    site.write(
        "content/sql/views.md",
        &guide("Views", "related:\n  - joinz.md\n", "x\n"),
    );
    let errors = site.build_errors();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].starts_with("content/sql/views.md:4:5: error: `related: joinz.md`: there is no such page (did you mean content/sql/joins.md?)"), "{}", errors[0]);
}

#[test]
fn links_from_sections_and_slugged_pages_resolve() {
    let site = site();
    site.write(
        "content/sql/indexes.md",
        &guide("Indexes", "slug: idx\n", "Text.\n"),
    );
    site.build_ok();
    assert!(
        site.read("sql/index.html").contains("href=\"idx/\""),
        "from _index.md to a slugged page"
    );
    assert!(site
        .read("index.html")
        .contains("href=\"sql/joins/#inner\""));
}

#[test]
fn sitemap_feed_and_robots() {
    let site = site();
    site.build_ok();
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains(
            "<loc>https://example.org/docs/sql/indexes/</loc><lastmod>2026-03-04</lastmod>"
        ),
        "lastmod from updated"
    );
    assert!(
        sitemap.contains(
            "<loc>https://example.org/docs/sql/joins/</loc><lastmod>2026-01-02</lastmod>"
        ),
        "or from date"
    );
    assert!(sitemap.contains("<loc>https://example.org/docs/</loc>"));
    assert!(sitemap.contains("<loc>https://example.org/docs/tags/sql/</loc>"));
    assert!(
        !sitemap.contains("404") && !sitemap.contains("old/joins"),
        "no error page or redirects"
    );
    let atom = site.read("atom.xml");
    let (indexes, joins) = (
        atom.find("<title>Indexes</title>").unwrap(),
        atom.find("<title>Joins</title>").unwrap(),
    );
    assert!(indexes < joins, "newest first");
    assert!(
        !atom.contains("<title>Views</title>"),
        "undated guides are not in the feed"
    );
    assert!(atom.contains("<id>https://example.org/docs/sql/joins/</id>"));
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/docs/sitemap.xml\n"
    );
}

#[test]
fn no_base_url_means_no_absolute_files_and_a_sites_own_robots_wins() {
    let site = TestSite::new(&[
        ("content/a.md", "---\ntitle: A\n---\n"),
        ("static/robots.txt", "User-agent: *\nDisallow: /\n"),
    ]);
    site.build_ok();
    assert!(!site.output().join("sitemap.xml").exists());
    assert!(!site.output().join("atom.xml").exists());
    assert_eq!(site.read("robots.txt"), "User-agent: *\nDisallow: /\n");
}

#[test]
fn guide_pages_carry_article_and_breadcrumb_data_and_open_graph() {
    let site = site();
    site.build_ok();
    let html = site.read("sql/indexes/index.html");
    let json = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .expect("JSON-LD")
        .split("</script>")
        .next()
        .unwrap();
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    let graph = data["@graph"].as_array().unwrap();
    assert_eq!(graph[0]["@type"], "Article");
    assert_eq!(graph[0]["headline"], "Indexes");
    assert_eq!(graph[0]["datePublished"], "2026-02-03");
    assert_eq!(graph[0]["dateModified"], "2026-03-04");
    assert_eq!(graph[1]["@type"], "BreadcrumbList");
    let items = graph[1]["itemListElement"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[1]["item"], "https://example.org/docs/sql/");
    // The page itself is the last crumb: search engines take its URL from
    // the page, as they take the description, language and URL of the
    // article from the meta description, <html lang> and canonical link.
    assert_eq!(items[2]["name"], "Indexes");
    assert!(items[2].get("item").is_none(), "{json}");
    for said_elsewhere in ["description", "inLanguage", "url", "mainEntityOfPage"] {
        assert!(graph[0].get(said_elsewhere).is_none(), "{json}");
    }
    // Link previews take what <title>, the description and the canonical
    // URL give; Open Graph says only what differs from them.
    assert!(html.contains("<meta property=\"og:title\" content=\"Indexes\">"));
    assert!(html.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(!html.contains("og:url") && !html.contains("og:description"));
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://example.org/docs/sql/indexes/\">")
    );
}

#[test]
fn internal_link_errors_can_be_lowered_to_warnings() {
    let site = TestSite::new(&[
        (
            "site.toml",
            "title = \"T\"\n[links]\ninternal = \"warning\"\n",
        ),
        (
            "content/a.md",
            "---\ntitle: A\n---\n[x](missing.md) [y](#nope)\n",
        ),
    ]);
    let report = site.build_ok();
    assert_eq!(report.warnings.len(), 2, "{:?}", report.warnings);
}

#[test]
fn check_reports_every_problem_without_writing() {
    let site = TestSite::new(&[
        ("content/a.md", "---\ntitle: A\n---\n[x](missing.md)\n"),
        ("content/b.md", "---\ntitle: B\nweight: w\n---\n"),
    ]);
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("content/a.md:4:1: error: link to `missing.md`"),
        "{err}"
    );
    assert!(
        err.contains("content/b.md:3:9: error: wrong type for `weight`"),
        "{err}"
    );
    assert!(!site.output().exists(), "check writes nothing");
    insta::assert_snapshot!("check_stderr", site.redact(&err));

    let out = site.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON on stdout");
    assert_eq!(report["ok"], false);
    assert_eq!(report["errors"], 2);
    let first = &report["diagnostics"][0];
    assert_eq!(first["path"], "content/a.md");
    assert_eq!(first["line"], 4);
    assert_eq!(first["column"], 1);
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], "broken-link");
    assert!(first["message"].as_str().unwrap().contains("missing.md"));

    // A second place rides along as a label; a problem not in a file names
    // what it concerns in `path`.
    let clash = TestSite::new(&[
        ("content/a.md", "---\ntitle: A\nslug: b\n---\n"),
        ("content/b.md", "---\ntitle: B\n---\n"),
    ]);
    let out = clash.run(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON on stdout");
    let d = &report["diagnostics"][0];
    assert_eq!(
        (d["path"].as_str(), d["line"].as_u64()),
        (Some("content/b.md"), Some(1)),
        "{report:#}"
    );
    assert_eq!(d["labels"][0]["path"], "content/a.md", "{report:#}");
    assert_eq!(d["labels"][0]["line"], 3, "at the slug: {report:#}");

    let good = TestSite::new(&[("content/a.md", "---\ntitle: A\n---\n")]);
    let out = good.run(&["check"]);
    assert_eq!(out.status.code(), Some(0));
    let bad_config = TestSite::new(&[("site.toml", "titel = \"x\"\n")]);
    assert_eq!(bad_config.run(&["check"]).status.code(), Some(2));
}

/// A tiny HTTP server on loopback answering 200 for `/ok` and 404 otherwise.
fn serve_once_per_request(requests: usize) -> (String, std::thread::JoinHandle<()>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let handle = std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let mut stream = stream.unwrap();
            let mut buf = [0u8; 2048];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]);
            let ok = request.split_whitespace().nth(1) == Some("/ok");
            let status = if ok { "200 OK" } else { "404 Not Found" };
            let _ = stream.write_all(
                format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .as_bytes(),
            );
        }
    });
    (format!("http://{addr}"), handle)
}

#[test]
fn check_external_reports_dead_links_at_their_place() {
    // HEAD then GET for the dead link, HEAD for the good one.
    let (base, server) = serve_once_per_request(3);
    let body = format!("[good]({base}/ok)\n\n[dead]({base}/gone)\n");
    let site = TestSite::new(&[("content/a.md", &guide("A", "", &body))]);
    assert_eq!(
        site.run(&["check"]).status.code(),
        Some(0),
        "external links are not checked by default"
    );
    let out = site.run(&[
        "check",
        "--external",
        "--timeout",
        "5",
        "--concurrency",
        "1",
    ]);
    server.join().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "content/a.md:6:1: error: external link {base}/gone: HTTP 404"
        )),
        "{err}"
    );
    assert!(!err.contains("/ok:"), "{err}");
}

#[test]
fn only_the_tags_page_gets_the_list_of_every_tag() {
    let mut files = vec![(
        "templates/tag.html".to_string(),
        "{% if tags is defined %}every tag{% else %}{{ tag.name }} only{% endif %}\n".to_string(),
    )];
    for n in 0..30 {
        let extra = format!("tags: [t{n}]\n");
        files.push((
            format!("content/g{n}.md"),
            guide(&format!("G{n}"), &extra, "Text.\n"),
        ));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let site = TestSite::new(&files);
    site.build_ok();
    assert_eq!(site.read("tags/t7/index.html"), "t7 only\n");
    assert_eq!(
        site.read("tags/index.html")
            .matches("class=\"tag\"")
            .count(),
        30
    );
}
