//! Files for crawlers and feed readers, written without templates:
//! sitemap.xml, atom.xml, robots.txt and alias redirect pages.

use crate::config::Config;
use crate::discover::PageKind;
use crate::escape::escape_html;
use crate::plan::{absolute_url, relative_url};
use crate::site::Site;

/// Every page's path with its last-modified day, for the sitemap.
fn sitemap_entries(site: &Site, extra_paths: &[String]) -> Vec<(String, Option<String>)> {
    let mut entries: Vec<(String, Option<String>)> = site
        .pages
        .iter()
        .map(|p| {
            let day = p
                .front
                .updated
                .as_ref()
                .or(p.front.date.as_ref())
                .map(|d| d.day.to_string());
            (p.path.clone(), day)
        })
        .collect();
    for section in site.sections.values().filter(|s| s.index.is_none()) {
        entries.push((section.path.clone(), None));
    }
    entries.extend(extra_paths.iter().map(|p| (p.clone(), None)));
    // A page's own entry (with its date) wins over the bare path.
    entries.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1)));
    entries.dedup_by(|a, b| a.0 == b.0);
    entries
}

/// `sitemap.xml`: absolute URLs under `base`, `lastmod` from `updated` or `date`.
pub fn sitemap(site: &Site, base: &str, extra_paths: &[String]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, day) in sitemap_entries(site, extra_paths) {
        xml.push_str(&format!(
            "  <url><loc>{}</loc>",
            escape_html(&absolute_url(base, &path))
        ));
        if let Some(day) = day {
            xml.push_str(&format!("<lastmod>{day}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// RFC 3339 of a front-matter date (midnight UTC for a plain day).
fn rfc3339(text: &str, day: chrono::NaiveDate) -> String {
    if text.len() > 10 {
        text.to_string()
    } else {
        format!("{day}T00:00:00Z")
    }
}

/// `atom.xml`: the newest dated guides.
pub fn atom(site: &Site, config: &Config, base: &str) -> String {
    let mut guides: Vec<_> = site
        .pages
        .iter()
        .filter(|p| p.kind == PageKind::Guide && p.front.date.is_some())
        .collect();
    guides.sort_by(|a, b| {
        let key = |p: &crate::site::Page| {
            p.front
                .updated
                .as_ref()
                .or(p.front.date.as_ref())
                .map(|d| d.day)
        };
        key(b).cmp(&key(a)).then_with(|| a.path.cmp(&b.path))
    });
    guides.truncate(config.feeds.atom_entries);
    let updated = guides
        .first()
        .and_then(|p| p.front.updated.as_ref().or(p.front.date.as_ref()))
        .map_or("1970-01-01T00:00:00Z".to_string(), |d| {
            rfc3339(&d.text, d.day)
        });
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    xml.push_str(&format!(
        " xml:lang=\"{}\">\n",
        escape_html(&config.language)
    ));
    xml.push_str(&format!(
        "  <title>{}</title>\n",
        escape_html(&config.title)
    ));
    if let Some(d) = &config.description {
        xml.push_str(&format!("  <subtitle>{}</subtitle>\n", escape_html(d)));
    }
    xml.push_str(&format!(
        "  <link rel=\"self\" href=\"{base}/atom.xml\"/>\n  <link href=\"{base}/\"/>\n"
    ));
    xml.push_str(&format!(
        "  <id>{base}/</id>\n  <updated>{updated}</updated>\n  <generator>syllabus</generator>\n"
    ));
    for page in guides {
        let url = escape_html(&absolute_url(base, &page.path));
        let published = page
            .front
            .date
            .as_ref()
            .map(|d| rfc3339(&d.text, d.day))
            .unwrap_or_default();
        let updated = page
            .front
            .updated
            .as_ref()
            .map_or(published.clone(), |d| rfc3339(&d.text, d.day));
        xml.push_str("  <entry>\n");
        xml.push_str(&format!(
            "    <title>{}</title>\n    <link href=\"{url}\"/>\n    <id>{url}</id>\n",
            escape_html(&page.front.title)
        ));
        xml.push_str(&format!(
            "    <published>{published}</published>\n    <updated>{updated}</updated>\n"
        ));
        xml.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            escape_html(&config.title)
        ));
        if let Some(d) = &page.front.description {
            xml.push_str(&format!("    <summary>{}</summary>\n", escape_html(d)));
        }
        for tag in &page.front.tags {
            xml.push_str(&format!("    <category term=\"{}\"/>\n", escape_html(tag)));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// `robots.txt`: everything may be crawled; the sitemap is named when known.
pub fn robots(sitemap_url: Option<&str>) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(url) = sitemap_url {
        text.push_str(&format!("\nSitemap: {url}\n"));
    }
    text
}

/// A page at an old URL that sends readers (and crawlers) to the new one.
pub fn redirect(from: &str, to: &str, base: Option<&str>) -> String {
    // `/old.html` lives in `/`, `/old/` is its own folder.
    let folder = if from.ends_with('/') {
        from
    } else {
        from.rsplit_once('/').map_or("/", |(dir, _)| dir)
    };
    let href = escape_html(&relative_url(folder, to));
    let canonical = base.map_or(href.clone(), |b| escape_html(&absolute_url(b, to)));
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved</title>\n\
<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{canonical}\">\n\
<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{href}\">{href}</a>.</p>\n</body>\n</html>\n"
    )
}

/// The output file of a site path: `/a/b/` -> `a/b/index.html`.
pub fn file_of(path: &str) -> String {
    let rel = path.trim_start_matches('/');
    if rel.ends_with(".html") {
        rel.to_string()
    } else {
        format!("{rel}index.html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_are_relative_with_an_absolute_canonical() {
        let page = redirect("/old/joins/", "/sql/joins/", Some("https://x.org/d"));
        assert!(page.contains("content=\"0; url=../../sql/joins/\""));
        assert!(page.contains("<link rel=\"canonical\" href=\"https://x.org/d/sql/joins/\">"));
        assert_eq!(file_of("/old/joins/"), "old/joins/index.html");
        assert!(redirect("/old.html", "/a/b/", None).contains("url=a/b/\""));
        assert_eq!(file_of("/old.html"), "old.html");
    }
}
