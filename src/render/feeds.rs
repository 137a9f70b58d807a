//! Files for crawlers and feed readers: sitemap.xml, atom.xml and alias
//! redirect pages through the theme's templates, and robots.txt.

use serde::Serialize;

use super::languages::{Alternate, Versions};
use super::Theme;
use crate::cache::{Key, KeyHasher};
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
/// versions in the others. A site too large for one file gets
/// `sitemap1.xml`, `sitemap2.xml`... and `sitemap.xml` lists them.
pub(crate) fn sitemap(
    sites: &[(&Site, &[String])],
    versions: &Versions,
    theme: &Theme,
    config: &Config,
    emit: &mut Emit<'_>,
) -> Result<(), Diagnostic> {
    let Some(base) = config.base_url().filter(|_| config.feeds.sitemap) else {
        return Ok(());
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
    let parts = split_sitemap(urls, SITEMAP_BYTES);
    if parts.len() == 1 {
        let urls = parts.into_iter().flatten().collect();
        let context = SitemapContext { urls, alternates };
        return emit_rendered(emit, theme, "sitemap.xml", &context, "sitemap.xml");
    }
    // Too many for one file: numbered sitemaps, and an index of them.
    let mut sitemaps = Vec::with_capacity(parts.len());
    for (n, urls) in parts.into_iter().enumerate() {
        let name = format!("sitemap{}.xml", n + 1);
        let context = SitemapContext { urls, alternates };
        emit_rendered(emit, theme, "sitemap.xml", &context, &name)?;
        sitemaps.push(absolute_url(base, &format!("/{name}")));
    }
    let index = SitemapIndex { sitemaps };
    emit_rendered(emit, theme, "sitemap_index.xml", &index, "sitemap.xml")
}

/// Takes a file of the site: where it goes, how to key everything it is
/// made of (asked only when files may be kept), and how to make it, which
/// is not needed when the last build's file of that key is kept.
pub(crate) type Emit<'a> = dyn FnMut(
        String,
        &dyn Fn() -> Key,
        &dyn Fn() -> Result<String, Diagnostic>,
    ) -> Result<(), Diagnostic>
    + 'a;

/// Emits the file `rel`, `template` rendered with `context`.
fn emit_rendered<T: Serialize>(
    emit: &mut Emit<'_>,
    theme: &Theme,
    template: &str,
    context: &T,
    rel: &str,
) -> Result<(), Diagnostic> {
    let key = || {
        let mut key = KeyHasher::new();
        key.part(&theme.fingerprint.bytes())
            .part(template.as_bytes());
        key.value(context).finish()
    };
    let path = format!("/{rel}");
    emit(rel.to_string(), &key, &|| {
        render(theme, template, context, &path)
    })
}

/// About the bytes one sitemap file may hold: search engines read up to
/// 50 MB, but this tool keeps every file it writes under 5 MB.
const SITEMAP_BYTES: usize = 4 << 20;
/// URLs in one sitemap file, at most (the protocol's limit).
const SITEMAP_URLS: usize = 50_000;

#[derive(Serialize)]
struct SitemapIndex {
    /// The absolute URLs of the sitemaps.
    sitemaps: Vec<String>,
}

/// About what `url` takes in the built-in template's sitemap.
fn sitemap_bytes(url: &SitemapUrl) -> usize {
    let alternates: usize = url.alternates.iter().map(|a| a.url.len() + 60).sum();
    url.url.len() + 50 + url.lastmod.as_ref().map_or(0, |d| d.len() + 20) + alternates
}

/// Cuts the URLs into runs that each fit a sitemap file of `max_bytes`.
fn split_sitemap(urls: Vec<SitemapUrl>, max_bytes: usize) -> Vec<Vec<SitemapUrl>> {
    let mut parts = vec![Vec::new()];
    let mut bytes = 0;
    for url in urls {
        let size = sitemap_bytes(&url);
        let last = parts.last().expect("one part at least");
        if !last.is_empty() && (bytes + size > max_bytes || last.len() == SITEMAP_URLS) {
            parts.push(Vec::new());
            bytes = 0;
        }
        bytes += size;
        parts.last_mut().expect("one part at least").push(url);
    }
    parts
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

    fn url(n: usize) -> SitemapUrl<'static> {
        SitemapUrl {
            url: format!("https://example.org/guides/g{n:05}/"),
            lastmod: n.is_multiple_of(2).then(|| "2024-01-02".to_string()),
            alternates: Vec::new(),
        }
    }

    #[test]
    fn a_sitemap_too_large_for_one_file_is_cut_into_parts_that_fit() {
        let urls: Vec<SitemapUrl> = (0..1000).map(url).collect();
        let sizes: usize = urls.iter().map(sitemap_bytes).sum();
        let parts = split_sitemap(urls, sizes / 3);
        assert!(parts.len() >= 3, "{} parts", parts.len());
        for part in &parts {
            assert!(part.iter().map(sitemap_bytes).sum::<usize>() <= sizes / 3);
        }
        let all: Vec<String> = parts.iter().flatten().map(|u| u.url.clone()).collect();
        assert_eq!(
            all,
            (0..1000).map(|n| url(n).url).collect::<Vec<_>>(),
            "every URL once, in order"
        );
        assert_eq!(split_sitemap((0..10).map(url).collect(), 1 << 20).len(), 1);
        let many = split_sitemap((0..SITEMAP_URLS + 1).map(url).collect(), usize::MAX);
        assert_eq!(
            many.iter().map(Vec::len).collect::<Vec<_>>(),
            [SITEMAP_URLS, 1]
        );
    }

    #[test]
    fn the_built_in_sitemap_template_is_about_as_large_as_estimated() {
        let theme = Theme::load(std::path::Path::new("/nonexistent"), None, true).unwrap();
        let urls: Vec<SitemapUrl> = (0..200).map(url).collect();
        let estimate: usize = urls.iter().map(sitemap_bytes).sum();
        let context = SitemapContext {
            urls,
            alternates: false,
        };
        let text = render(&theme, "sitemap.xml", &context, "/sitemap.xml").unwrap();
        assert!(text.len() <= estimate, "{} > {estimate}", text.len());
        let index = SitemapIndex {
            sitemaps: vec!["https://example.org/sitemap1.xml".into()],
        };
        let text = render(&theme, "sitemap_index.xml", &index, "/sitemap.xml").unwrap();
        assert!(
            text.contains("<sitemap><loc>https://example.org/sitemap1.xml</loc></sitemap>"),
            "{text}"
        );
    }

    #[test]
    fn pages_are_written_as_index_files() {
        assert_eq!(file_of("/old/joins/"), "old/joins/index.html");
        assert_eq!(file_of("/old.html"), "old.html");
    }
}
