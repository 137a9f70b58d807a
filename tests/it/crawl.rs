//! The built sample site, served from a sub-path, has no broken internal
//! link or anchor: every `href` and `src` of every page is resolved the way
//! a browser would from `/docs/...` and checked against the written files.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::common::{self, TestSite};

/// Every `attr="value"` in `html`.
fn attributes<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| html[i + needle.len()..].split('"').next())
        .collect()
}

/// Resolves `link` against the page URL `base` (both absolute paths).
fn resolve(base: &str, link: &str) -> String {
    let dir = &base[..=base.rfind('/').unwrap()];
    let joined = if link.starts_with('/') {
        link.to_string()
    } else {
        format!("{dir}{link}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let trailing = joined.ends_with('/') || joined.ends_with("/.") || joined.ends_with("/..");
    format!(
        "/{}{}",
        parts.join("/"),
        if trailing && !parts.is_empty() {
            "/"
        } else {
            ""
        }
    )
}

/// Every `href` and `src` of every page of `files`, served under `prefix`,
/// resolved as a browser would and checked against the written files (a
/// host decodes a URL's path to find the file); returns how many links were
/// followed and those that lead nowhere.
fn crawl(files: &[(PathBuf, Vec<u8>)], prefix: &str) -> (usize, Vec<String>) {
    let by_url: HashMap<String, &Vec<u8>> = files
        .iter()
        .map(|(p, b)| {
            (
                format!("{prefix}/{}", p.to_string_lossy().replace('\\', "/")),
                b,
            )
        })
        .collect();
    let ids_of = |html: &str| -> HashSet<String> {
        attributes(html, "id")
            .into_iter()
            .map(str::to_string)
            .collect()
    };
    let mut ids: HashMap<String, HashSet<String>> = HashMap::new();
    let mut checked = 0;
    let mut broken = Vec::new();
    for (url, bytes) in &by_url {
        if !url.ends_with(".html") || url.ends_with("/404.html") {
            continue; // 404.html links from the site root by design
        }
        let html = String::from_utf8_lossy(bytes);
        let page = url.trim_end_matches("index.html").to_string();
        for link in attributes(&html, "href")
            .into_iter()
            .chain(attributes(&html, "src"))
        {
            let link = link.replace("&amp;", "&");
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
                || link.starts_with("data:")
            {
                continue;
            }
            let (path, fragment) = match link.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(decode(f))),
                None => (link.clone(), None),
            };
            let path = path.split('?').next().unwrap_or("").to_string();
            let target = if path.is_empty() {
                page.clone()
            } else {
                decode(&resolve(&page, &path))
            };
            assert!(
                target.starts_with(prefix),
                "{url}: `{link}` leaves the sub-path: {target}"
            );
            let file = if target.ends_with('/') {
                format!("{target}index.html")
            } else {
                target.clone()
            };
            checked += 1;
            let Some(body) = by_url.get(&file) else {
                broken.push(format!("{url}: `{link}` -> {file} does not exist"));
                continue;
            };
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let known = ids
                    .entry(file.clone())
                    .or_insert_with(|| ids_of(&String::from_utf8_lossy(body)));
                if !known.contains(&fragment) {
                    broken.push(format!("{url}: `{link}`: no id `{fragment}` in {file}"));
                }
            }
        }
    }
    (checked, broken)
}

/// A URL's path as the file name a host looks for.
fn decode(url: &str) -> String {
    percent_encoding::percent_decode_str(url)
        .decode_utf8()
        .unwrap_or_else(|e| panic!("`{url}` is not UTF-8 once decoded: {e}"))
        .into_owned()
}

#[test]
fn the_sample_site_served_from_a_sub_path_has_no_broken_links() {
    let site = TestSite::new(&[]);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_tree(&repo.join("content"), &site.root().join("content"));
    std::fs::copy(repo.join("site.toml"), site.root().join("site.toml")).unwrap();
    let report = site.build_ok();
    assert!(
        report.warnings.is_empty(),
        "the sample site builds cleanly: {:?}",
        report.warnings
    );
    let (checked, broken) = crawl(&common::snapshot(&report.output_dir), "/docs");
    assert!(checked > 1000, "the crawl saw the site's links ({checked})");
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

/// A site whose file and folder names hold characters that mean something
/// in a URL, typed the way GitHub and editors write links to them.
fn site_with_real_names() -> TestSite {
    let guide = |title: &str, extra: &str, body: &str| {
        format!("---\ntitle: {title}\ndate: 2024-05-01\n{extra}---\n{body}")
    };
    TestSite::new(&[
        ("site.toml", "title = \"Names\"\nbase_url = \"https://example.org/docs\"\n"),
        (
            "content/_index.md",
            "---\ntitle: Home\n---\n[c#](c%23.md#pointers) [guide](my%20guide.md) [pct](100%25.md) \
             [what](what%3F.md) [cafe](café.md) [notes](c%23%20notes/) \
             [diagram](c%23%20notes/my%20diagram.png)\n",
        ),
        (
            "content/c#.md",
            &guide("C sharp", "tags: [Café]\n", "## Pointers\n\n### Q: Why?\n\nBecause.\n"),
        ),
        (
            "content/my guide.md",
            &guide(
                "My guide",
                "aliases: [/old/c%23/]\n",
                "## Top\n\n[c#](c%23.md#pointers) [self](#top) [cafe](<cafe\u{301}.md>)\n",
            ),
        ),
        ("content/100%.md", &guide("Percent", "", "[what](what%3F.md)\n")),
        ("content/what?.md", &guide("What", "", "[guide](<my guide.md>)\n")),
        // Named as macOS writes it (`e` + combining accent), linked as typed
        // elsewhere (`é`).
        ("content/cafe\u{301}.md", &guide("Café", "tags: [Café]\n", "Text.\n")),
        (
            "content/c# notes/intro.md",
            &guide(
                "Intro",
                "",
                "![d](my%20diagram.png) ![d](<my diagram.png>) [up](../c%23.md)\n",
            ),
        ),
        ("content/c# notes/my diagram.png", "png"),
    ])
}

#[test]
fn real_file_names_make_encoded_urls_that_resolve() {
    let site = site_with_real_names();
    let report = site.build_ok();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    // On disk, the names stay as written (composed, for the accent).
    for file in [
        "c#/index.html",
        "my guide/index.html",
        "100%/index.html",
        "what?/index.html",
        "caf\u{e9}/index.html",
        "c# notes/intro/index.html",
        "c# notes/my diagram.png",
        "old/c#/index.html",
        "tags/caf\u{e9}/index.html",
    ] {
        assert!(site.output().join(file).is_file(), "{file} is written");
    }
    let home = site.read("index.html");
    for href in [
        "c%23/#pointers",
        "my%20guide/",
        "100%25/",
        "what%3F/",
        "caf%C3%A9/",
        "c%23%20notes/",
        "c%23%20notes/my%20diagram.png",
    ] {
        assert!(
            home.contains(&format!("href=\"{href}\"")),
            "{href} in {home}"
        );
    }
    assert_eq!(
        site.read("c# notes/intro/index.html")
            .matches("src=\"../my%20diagram.png\"")
            .count(),
        2
    );
    assert!(site
        .read("c#/index.html")
        .contains("<link rel=\"canonical\" href=\"https://example.org/docs/c%23/\">"));
    assert!(site
        .read("old/c#/index.html")
        .contains("content=\"0; url=../../my%20guide/\""));

    let (checked, broken) = crawl(&common::snapshot(&report.output_dir), "/docs");
    assert!(checked > 100, "the crawl saw the site's links ({checked})");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));

    // Absolute URLs: sitemap and feed.
    let written = |url: &str| {
        let path = url
            .strip_prefix("https://example.org/docs/")
            .unwrap_or_else(|| panic!("{url}"));
        let path = decode(path.split('#').next().unwrap());
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path
        };
        assert!(
            site.output().join(&file).is_file(),
            "{url} -> {file} does not exist"
        );
    };
    let sitemap = site.read("sitemap.xml");
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|l| l.split("</loc>").next().unwrap())
        .collect();
    for loc in &locs {
        assert!(!loc.contains(['#', '?', ' ']), "{loc} is encoded");
        written(loc);
    }
    for url in [
        "c%23/",
        "my%20guide/",
        "100%25/",
        "what%3F/",
        "caf%C3%A9/",
        "c%23%20notes/intro/",
    ] {
        assert!(
            locs.contains(&format!("https://example.org/docs/{url}").as_str()),
            "{url} in {sitemap}"
        );
    }
    let atom = site.read("atom.xml");
    let entries: Vec<&str> = attributes(&atom, "href")
        .into_iter()
        .filter(|u| !u.ends_with("atom.xml"))
        .collect();
    assert!(
        entries.contains(&"https://example.org/docs/what%3F/"),
        "{atom}"
    );
    for url in entries {
        written(url);
    }

    // The search index's documents, relative to the site root.
    let mut urls = Vec::new();
    for chunk in common::search_chunks(&site.output()) {
        for d in chunk["d"].as_array().unwrap() {
            urls.push(common::search_doc_url(&chunk, d));
        }
    }
    assert!(urls.iter().any(|u| u == "c%23/#pointers"), "{urls:?}");
    for url in &urls {
        written(&format!("https://example.org/docs/{url}"));
    }
}

#[test]
fn resolving_links_like_a_browser() {
    assert_eq!(
        resolve("/docs/sql/joins/", "../indexes/"),
        "/docs/sql/indexes/"
    );
    assert_eq!(resolve("/docs/sql/joins/", "../../"), "/docs/");
    assert_eq!(resolve("/docs/", "style.css"), "/docs/style.css");
    assert_eq!(resolve("/docs/sql/joins/", "./"), "/docs/sql/joins/");
}
