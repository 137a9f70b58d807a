//! Files for crawlers and feed readers: sitemap.xml, atom.xml and alias
//! redirect pages through the theme's templates, and robots.txt.

use serde::Serialize;

use super::languages::{Alternate, Versions};
use super::Theme;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::discover::PageKind;
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

/// One `<url>` of the sitemap.
#[derive(Serialize)]
struct SitemapUrl<'a> {
    url: String,
    lastmod: Option<String>,
    /// The page's versions in the site's languages, when it has some.
    alternates: Vec<Alternate<'a>>,
}

#[derive(Serialize)]
struct SitemapContext<'a> {
    urls: Vec<SitemapUrl<'a>>,
    /// Some page has versions in other languages.
    alternates: bool,
}

/// RFC 3339 of a front-matter date (midnight UTC for a plain day).
fn rfc3339(text: &str, day: chrono::NaiveDate) -> String {
    if text.len() > 10 {
        text.to_string()
    } else {
        format!("{day}T00:00:00Z")
    }
}

/// What `atom.xml` says about the feed itself; the site's title,
/// description and language come from `site`.
#[derive(Serialize)]
struct FeedView {
    /// The feed's own URL.
    url: String,
    /// The site's home page, also the feed's id.
    home: String,
    /// The newest entry's date (RFC 3339).
    updated: String,
}

#[derive(Serialize)]
struct FeedEntry<'a> {
    title: &'a str,
    url: String,
    published: String,
    updated: String,
    summary: Option<&'a str>,
    tags: &'a [String],
}

#[derive(Serialize)]
struct AtomContext<'a> {
    feed: FeedView,
    entries: Vec<FeedEntry<'a>>,
}

/// The newest dated guides, newest first, for `atom.xml`.
fn feed_entries<'a>(site: &'a Site, config: &Config, base: &str) -> Vec<FeedEntry<'a>> {
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
    guides
        .into_iter()
        .map(|page| {
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
            FeedEntry {
                title: &page.front.title,
                url: absolute_url(base, &page.path),
                published,
                updated,
                summary: page.front.description.as_deref(),
                tags: &page.front.tags,
            }
        })
        .collect()
}

/// `sitemap.xml`, when `base_url` is known: every page of every language
/// (`sites` with the paths of the pages rendered for each), each with its
/// versions in the others.
pub(crate) fn sitemap(
    sites: &[(&Site, &[String])],
    versions: &Versions,
    theme: &Theme,
    config: &Config,
) -> Result<Option<(String, String)>, Diagnostic> {
    let Some(base) = config.base_url().filter(|_| config.feeds.sitemap) else {
        return Ok(None);
    };
    let mut urls = Vec::new();
    for (site, page_paths) in sites {
        urls.extend(
            sitemap_entries(site, page_paths)
                .into_iter()
                .map(|(path, lastmod)| SitemapUrl {
                    url: absolute_url(base, &path),
                    lastmod,
                    alternates: versions.alternates(site.lang, &path, |p| absolute_url(base, p)),
                }),
        );
    }
    let alternates = urls.iter().any(|u| !u.alternates.is_empty());
    let context = SitemapContext { urls, alternates };
    let text = render(theme, "sitemap.xml", &context, "/sitemap.xml")?;
    Ok(Some(("sitemap.xml".into(), text)))
}

/// The files of one language for crawlers and feed readers that come from
/// templates: a redirect page for each alias and, when `base_url` is
/// known, `atom.xml` below the language's home. Each is rendered with the
/// theme's template of the same name, so a site can override it like a
/// page's.
pub(crate) fn files(
    site: &Site,
    theme: &Theme,
    config: &Config,
) -> Result<Vec<(String, String)>, Vec<Diagnostic>> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut add = |rel: String, rendered: Result<String, Diagnostic>| match rendered {
        Ok(text) => files.push((rel, text)),
        Err(d) => problems.push(d),
    };
    for (alias, page) in &site.aliases {
        let page = &site.pages[*page];
        add(
            file_of(alias),
            redirect(theme, alias, &page.path, config.base_url()),
        );
    }
    if let Some(base) = config.base_url() {
        if config.feeds.atom {
            let entries = feed_entries(site, config, base);
            let updated = entries
                .first()
                .map_or("1970-01-01T00:00:00Z".to_string(), |e| e.updated.clone());
            let path = site.at("atom.xml");
            let feed = FeedView {
                url: absolute_url(base, &path),
                home: absolute_url(base, &site.home),
                updated,
            };
            add(
                site.file("atom.xml"),
                render(theme, "atom.xml", &AtomContext { feed, entries }, &path),
            );
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// Renders `template` with `context` (and the global variables every
/// template gets) for the file at site path `path`.
fn render<T: Serialize>(
    theme: &Theme,
    template: &str,
    context: &T,
    path: &str,
) -> Result<String, Diagnostic> {
    let context = tera::Context::from_serialize(context)
        .map_err(|e| Diagnostic::error(path, format!("cannot build template context: {e}")))?;
    theme
        .tera
        .render(template, &context)
        .map_err(|e| theme.render_diagnostic(&e, template, None, path))
}

/// `robots.txt`: everything may be crawled; the sitemap is named when known.
pub(crate) fn robots(sitemap_url: Option<&str>) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(url) = sitemap_url {
        text.push_str(&format!("\nSitemap: {url}\n"));
    }
    text
}

/// What `redirect.html` gets: the new address, relative to the old one.
#[derive(Serialize)]
struct RedirectView {
    url: String,
    /// The new address in full when `base_url` is known.
    canonical: String,
}

/// A page at an old URL that sends readers (and crawlers) to the new one.
fn redirect(theme: &Theme, from: &str, to: &str, base: Option<&str>) -> Result<String, Diagnostic> {
    // `/old.html` lives in `/`, `/old/` is its own folder.
    let folder = if from.ends_with('/') {
        from
    } else {
        from.rsplit_once('/').map_or("/", |(dir, _)| dir)
    };
    let url = relative_url(folder, to);
    let canonical = base.map_or(url.clone(), |b| absolute_url(b, to));
    render(
        theme,
        "redirect.html",
        &RedirectView { url, canonical },
        from,
    )
}

/// The output file of a site path: `/a/b/` -> `a/b/index.html`.
pub(crate) fn file_of(path: &str) -> String {
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
    fn pages_are_written_as_index_files() {
        assert_eq!(file_of("/old/joins/"), "old/joins/index.html");
        assert_eq!(file_of("/old.html"), "old.html");
    }
}
