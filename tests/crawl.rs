//! The built sample site, served from a sub-path, has no broken internal
//! link or anchor: every `href` and `src` of every page is resolved the way
//! a browser would from `/docs/...` and checked against the written files.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use common::TestSite;

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

    let files = common::snapshot(&report.output_dir);
    let prefix = "/docs";
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
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (link.clone(), None),
            };
            let path = path.split('?').next().unwrap_or("").to_string();
            let target = if path.is_empty() {
                page.clone()
            } else {
                resolve(&page, &path)
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
    assert!(checked > 1000, "the crawl saw the site's links ({checked})");
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
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
