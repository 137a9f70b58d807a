//! Site paths, relative URLs, and resolving links against the site's pages
//! and files.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::diagnostics::suggest;
pub(crate) use crate::discover::nfc;

/// Marks where a site link starts and ends in rendered HTML. Markdown is
/// rendered once, but its fragments (answers, stems, FAQ entries) appear on
/// several pages at different depths, so links are written as
/// `START /site/path/ END` and made relative for each page by [`rebase`].
pub(crate) const LINK_START: char = '\u{E000}';
pub(crate) const LINK_END: char = '\u{E001}';

/// What a site path keeps as it is in a URL: letters, digits, `/` and the
/// marks that mean nothing special in a path, an HTML attribute or XML.
/// Everything else a file name may hold (`#`, `?`, `%`, `:`, spaces,
/// quotes, `&`, non-ASCII letters) is percent-encoded. The kept marks are
/// all ones the Markdown writer leaves alone in an `href`, so a link it
/// writes is never encoded twice.
const ENCODED_IN_URLS: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b'@');

/// A site path as it is written in a URL: `/c#/` -> `/c%23/`. Site paths
/// themselves stay decoded (they are also the output's file names: a host
/// serves `/c%23/` from the folder `c#`); every URL the site writes passes
/// through here, by way of [`relative_url`], [`absolute_url`] or
/// [`site_link`].
pub(crate) fn url_path(path: &str) -> Cow<'_, str> {
    utf8_percent_encode(path, ENCODED_IN_URLS).into()
}

/// The site path or file name a URL path names: `my%20guide.md` ->
/// `my guide.md`. Escapes that are not UTF-8 are left as written.
pub(crate) fn decode_url_path(url: &str) -> Cow<'_, str> {
    percent_decode_str(url)
        .decode_utf8()
        .unwrap_or(Cow::Borrowed(url))
}

/// A link to a site path, to be made relative when its page is written.
/// The path is written encoded, as in any URL, and decoded again by
/// [`rebase`] and [`absolutize`].
pub(crate) fn site_link(path: &str) -> String {
    format!("{LINK_START}{}{LINK_END}", url_path(path))
}

/// Replaces every site link in `html` with a URL relative to the page at
/// `from`; a link to the page itself with an anchor becomes just `#anchor`.
pub(crate) fn rebase(html: &str, from: &str) -> String {
    replace_links(html, |path, has_fragment| {
        if path == from && has_fragment {
            String::new()
        } else {
            relative_url(from, path)
        }
    })
}

/// Replaces every site link in `html` with an absolute URL under `base`.
pub(crate) fn absolutize(html: &str, base: &str) -> String {
    replace_links(html, |path, _| absolute_url(base, path))
}

/// The absolute URL of site path `path` on a site published at `base`.
pub(crate) fn absolute_url(base: &str, path: &str) -> String {
    format!("{}{}", base.trim_end_matches('/'), url_path(path))
}

fn replace_links(html: &str, mut url: impl FnMut(&str, bool) -> String) -> String {
    // The HTML writer percent-encodes the markers inside `href`s.
    const ENCODED: (&str, &str) = ("%EE%80%80", "%EE%80%81");
    let mut raw_start = [0; 4];
    let mut raw_end = [0; 4];
    let raw: (&str, &str) = (
        LINK_START.encode_utf8(&mut raw_start),
        LINK_END.encode_utf8(&mut raw_end),
    );
    if !html.contains(LINK_START) && !html.contains(ENCODED.0) {
        return html.to_string();
    }
    let first_bytes = [raw.0.as_bytes()[0], ENCODED.0.as_bytes()[0]];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // One pass: stop only at bytes that can start a marker.
    let mut from = 0;
    while let Some(i) = rest.as_bytes()[from..]
        .iter()
        .position(|b| first_bytes.contains(b))
    {
        let at = from + i;
        let Some((start, end)) = [raw, ENCODED]
            .into_iter()
            .find(|(start, _)| rest[at..].starts_with(start))
        else {
            from = at + 1;
            continue;
        };
        let after = &rest[at + start.len()..];
        let Some(close) = after.find(end) else {
            from = at + start.len();
            continue;
        };
        out.push_str(&rest[..at]);
        let path = decode_url_path(&after[..close]);
        rest = &after[close + end.len()..];
        from = 0;
        out.push_str(&url(&path, rest.starts_with('#')));
    }
    out.push_str(rest);
    out
}

/// A URL relative to the page at site path `from` (a folder like `/a/b/`),
/// pointing at site path `to` (`/a/c/` or `/a/x.png`).
pub(crate) fn relative_url(from: &str, to: &str) -> String {
    let path = relative_path(from, to);
    match url_path(&path) {
        Cow::Borrowed(_) => path,
        Cow::Owned(url) => url,
    }
}

/// The path from folder `from` to `to`, decoded: what [`relative_url`]
/// encodes, and how a source file is named from another.
fn relative_path(from: &str, to: &str) -> String {
    // Called for every link of every page: walks the paths, collects nothing.
    fn segments(p: &str) -> impl Iterator<Item = &str> {
        p.split('/').filter(|s| !s.is_empty())
    }
    let common = segments(from)
        .zip(segments(to))
        .take_while(|(a, b)| a == b)
        .count();
    let ups = segments(from).count() - common;
    let mut out = String::with_capacity(3 * ups + to.len());
    for _ in 0..ups {
        out.push_str("../");
    }
    let mut below = false;
    for segment in segments(to).skip(common) {
        if below {
            out.push('/');
        }
        out.push_str(segment);
        below = true;
    }
    if below && to.ends_with('/') {
        out.push('/');
    }
    if out.is_empty() {
        out.push_str("./");
    }
    out
}

/// `..` and `.` folded away; `None` when the path climbs above its root.
pub(crate) fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Folder of a content path: `django/orm.md` -> `django`.
pub(crate) fn parent_dir(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// Top-level section folder of a content path: `web/django/orm.md` ->
/// `web` (`""` at the root).
pub(crate) fn top_dir(rel: &str) -> &str {
    rel.split_once('/').map_or("", |(dir, _)| dir)
}

/// Where a link's path leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// URL relative to the linking page.
    pub href: String,
    /// Content path of the target page (`django/orm.md`), when it is a page.
    pub page: Option<String>,
}

/// Why a link leads nowhere, and how to mend it when that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkError {
    /// What is wrong: `link to `x.md`: there is no page content/x.md`.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl From<String> for LinkError {
    fn from(message: String) -> Self {
        LinkError {
            message,
            help: None,
        }
    }
}

/// Knows the site's pages and files; implemented by [`UrlMap`].
pub trait LinkResolver: Sync {
    /// `from` is the linking page's content path; `path` the link without
    /// its `#fragment`, relative to `from` or, starting with `/`, to the site.
    fn resolve(&self, from: &str, path: &str) -> Result<Resolved, LinkError>;

    /// A link to the page `page` itself, for `#anchor` links whose text may
    /// be shown on other pages too (answers, flashcards).
    fn page_link(&self, page: &str) -> Option<String>;
}

/// Every page's and file's place in the built site.
#[derive(Debug, Default)]
pub struct UrlMap {
    /// Content path (`django/orm.md`) -> site path (`/django/orm/`).
    pub pages: HashMap<String, String>,
    /// A language (its index) and a section folder (`django`) -> site path
    /// (`/django/`, `/fr/django/`).
    pub sections: HashMap<(usize, String), String>,
    /// Co-located files by content path; they keep that path in the output.
    pub assets: HashSet<String>,
    /// Files of `static/` by their path in the output.
    pub statics: HashSet<String>,
    /// The site's languages: links lead to pages in their own.
    pub languages: crate::config::Languages,
}

impl UrlMap {
    /// A hash of every page's and file's place: links render the same
    /// while it stays the same.
    pub(crate) fn fingerprint(&self) -> crate::cache::Key {
        let mut hash = crate::cache::KeyHasher::new();
        let mut write_sorted = |items: Vec<String>| {
            let mut items = items;
            items.sort_unstable();
            for item in items {
                hash.part(item.as_bytes());
            }
            hash.part(b"");
        };
        write_sorted(self.pages.iter().map(|(k, v)| format!("{k}={v}")).collect());
        write_sorted(
            self.sections
                .iter()
                .map(|((lang, dir), v)| format!("{lang}:{dir}={v}"))
                .collect(),
        );
        write_sorted(self.assets.iter().cloned().collect());
        write_sorted(self.statics.iter().cloned().collect());
        hash.finish()
    }

    pub(super) fn missing_page(&self, from: &str, written: &str, target: &str) -> String {
        let near = suggest(target, self.pages.keys().map(String::as_str));
        let mut message = format!("link to `{written}`: there is no page content/{target}");
        if let Some(near) = near {
            let dir = parent_dir(from);
            let shown = relative_source_path(dir, near);
            message.push_str(&format!(" (did you mean `{shown}`?)"));
        }
        message
    }
}

/// How to write a link from a file in `from_dir` to the content path `to`.
pub(super) fn relative_source_path(from_dir: &str, to: &str) -> String {
    let from = if from_dir.is_empty() {
        "/".to_string()
    } else {
        format!("/{from_dir}/")
    };
    relative_path(&from, &format!("/{to}"))
}

impl LinkResolver for UrlMap {
    fn page_link(&self, page: &str) -> Option<String> {
        self.pages.get(page).map(|p| site_link(p))
    }

    fn resolve(&self, from: &str, path: &str) -> Result<Resolved, LinkError> {
        // A link is a URL (`my%20guide.md` names `my guide.md`), and its
        // name may be typed in either Unicode form.
        let decoded = decode_url_path(path);
        let decoded = nfc(&decoded);
        let (target, rooted) = match decoded.strip_prefix('/') {
            Some(p) => (normalize(p), true),
            None => (normalize(&format!("{}/{decoded}", parent_dir(from))), false),
        };
        let Some(target) = target else {
            return Err(format!("link to `{path}` points outside the content folder").into());
        };
        let to_href = |site_path: &str, page: Option<&str>| Resolved {
            href: site_link(site_path),
            page: page.map(str::to_string),
        };
        if target.ends_with(".md") {
            let (version, named) = self.version(from, &target);
            return match self.pages.get(&version) {
                Some(url) => Ok(to_href(url, Some(&version))),
                None if named => Err(self.missing_page(from, path, &version).into()),
                None => Err(match self.untranslated(from, path, &target) {
                    Some(problem) => LinkError {
                        message: format!("link to `{path}`: {}", problem.message),
                        ..problem
                    },
                    None => self.missing_page(from, path, &target).into(),
                }),
            };
        }
        let lang = self.language_of(from);
        if let Some(url) = self.sections.get(&(lang, target.clone())) {
            let index = if target.is_empty() {
                "_index.md".to_string()
            } else {
                format!("{target}/_index.md")
            };
            let index = self.languages.path_in(&index, lang);
            let page = self.pages.contains_key(&index).then_some(index.as_str());
            return Ok(to_href(url, page));
        }
        if let Some(problem) = self.untranslated_section(from, path, &target) {
            return Err(problem);
        }
        if self.assets.contains(&target) || (rooted && self.statics.contains(&target)) {
            return Ok(to_href(&format!("/{target}"), None));
        }
        if rooted {
            let as_dir = format!("/{}/", target.trim_end_matches('/'));
            if let Some((key, url)) = self.pages.iter().find(|(_, url)| **url == as_dir) {
                return Ok(to_href(url, Some(key)));
            }
        }
        let place = if rooted {
            "static/ or content/"
        } else {
            "content/"
        };
        Err(format!("link to `{path}`: there is no file {target} in {place}").into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls() {
        assert_eq!(relative_url("/a/b/", "/a/c/"), "../c/");
        assert_eq!(relative_url("/a/b/", "/"), "../../");
        assert_eq!(relative_url("/", "/a/"), "a/");
        assert_eq!(relative_url("/a/", "/a/"), "./");
        assert_eq!(relative_url("/a/b/", "/a/b/x.png"), "x.png");
        assert_eq!(relative_url("/a/b/", "/a/x.png"), "../x.png");
        assert_eq!(relative_url("/a/b/", "/style.css"), "../../style.css");
    }

    #[test]
    fn normalizes() {
        assert_eq!(normalize("a/./b/../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(normalize("../x"), None);
    }

    fn map() -> UrlMap {
        let mut m = UrlMap::default();
        m.pages
            .insert("django/orm.md".into(), "/django/orm/".into());
        m.pages
            .insert("sql/joins.md".into(), "/sql/joins-explained/".into());
        m.pages.insert("_index.md".into(), "/".into());
        m.sections.insert((0, "".into()), "/".into());
        m.sections.insert((0, "sql".into()), "/sql/".into());
        m.assets.insert("django/orm-diagram.png".into());
        m.statics.insert("img/logo.svg".into());
        m
    }

    #[test]
    fn resolves_pages_assets_and_static_files() {
        let m = map();
        let href =
            |from: &str, to: &str| rebase(&m.resolve(from, to).unwrap().href, &m.pages[from]);
        let r = m.resolve("django/orm.md", "../sql/joins.md").unwrap();
        assert_eq!(r.page.as_deref(), Some("sql/joins.md"));
        assert_eq!(
            href("django/orm.md", "../sql/joins.md"),
            "../../sql/joins-explained/"
        );
        assert_eq!(
            href("django/orm.md", "orm-diagram.png"),
            "../orm-diagram.png"
        );
        assert_eq!(href("django/orm.md", "/img/logo.svg"), "../../img/logo.svg");
        assert_eq!(href("_index.md", "sql/joins.md"), "sql/joins-explained/");
        assert_eq!(href("django/orm.md", "../sql/"), "../../sql/");
    }

    #[test]
    fn rebases_percent_encoded_markers() {
        let html = "<a href=\"%EE%80%80/a/%EE%80%81#x\">";
        assert_eq!(rebase(html, "/b/"), "<a href=\"../a/#x\">");
    }

    #[test]
    fn rebases_both_marker_forms_among_other_text() {
        let html = format!(
            "50% off <a href=\"%EE%80%80/a/%EE%80%81\">é</a> {} %EE%80%80/c/ 100%",
            site_link("/b/")
        );
        assert_eq!(
            rebase(&html, "/x/"),
            "50% off <a href=\"../a/\">é</a> ../b/ %EE%80%80/c/ 100%",
            "a marker with no end is left as written"
        );
    }

    #[test]
    fn rebases_site_links_per_page() {
        let html = format!(
            "<a href=\"{}#x\">a</a> <img src=\"{}\">",
            site_link("/a/b/"),
            site_link("/a/i.png")
        );
        assert_eq!(
            rebase(&html, "/a/b/"),
            "<a href=\"#x\">a</a> <img src=\"../i.png\">"
        );
        assert_eq!(
            rebase(&html, "/a/b/practice/"),
            "<a href=\"../#x\">a</a> <img src=\"../../i.png\">"
        );
        assert_eq!(
            absolutize(&html, "https://x.org/d/"),
            "<a href=\"https://x.org/d/a/b/#x\">a</a> <img src=\"https://x.org/d/a/i.png\">"
        );
    }

    #[test]
    fn urls_encode_what_file_names_may_hold() {
        assert_eq!(url_path("/sql/joins-2_b.v~1/"), "/sql/joins-2_b.v~1/");
        assert_eq!(url_path("/c#/"), "/c%23/");
        assert_eq!(url_path("/what?/100%/"), "/what%3F/100%25/");
        assert_eq!(url_path("/my guide/a:b/"), "/my%20guide/a%3Ab/");
        assert_eq!(url_path("/R&D 'x' \"y\"/"), "/R%26D%20%27x%27%20%22y%22/");
        assert_eq!(url_path("/café/"), "/caf%C3%A9/");
        for path in ["/c#/", "/100%25/", "/my guide/", "/café/x.png"] {
            assert_eq!(decode_url_path(&url_path(path)), path);
        }
        assert_eq!(decode_url_path("100%.md"), "100%.md", "a lone % stays");
        assert_eq!(decode_url_path("%ff.md"), "%ff.md", "not UTF-8: as written");
    }

    #[test]
    fn relative_and_absolute_urls_are_encoded_once() {
        assert_eq!(relative_url("/c#/", "/c#/x y.png"), "x%20y.png");
        assert_eq!(relative_url("/c#/", "/what?/"), "../what%3F/");
        assert_eq!(relative_url("/a/", "/c#/"), "../c%23/");
        assert_eq!(
            absolute_url("https://x.org/d/", "/my guide/"),
            "https://x.org/d/my%20guide/"
        );
        let html = format!("<a href=\"{}#x\">", site_link("/c#/"));
        assert_eq!(rebase(&html, "/"), "<a href=\"c%23/#x\">");
        assert_eq!(
            rebase(&html, "/c#/"),
            "<a href=\"#x\">",
            "a link to its own page"
        );
        assert_eq!(
            absolutize(&html, "https://x.org"),
            "<a href=\"https://x.org/c%23/#x\">"
        );
        // As the Markdown writer leaves it in an `href`: the markers are
        // encoded, the encoded path is not touched again.
        let written = format!("%EE%80%80{}%EE%80%81", url_path("/100%/é/"));
        assert_eq!(rebase(&written, "/"), "100%25/%C3%A9/");
    }

    #[test]
    fn links_are_decoded_and_composed_before_they_are_resolved() {
        let mut m = map();
        for (rel, path) in [
            ("c#.md", "/c#/"),
            ("my guide.md", "/my guide/"),
            ("café.md", "/café/"),
        ] {
            m.pages.insert(rel.into(), path.into());
        }
        m.assets.insert("django/my diagram.png".into());
        let href = |from: &str, to: &str| {
            let r = m
                .resolve(from, to)
                .unwrap_or_else(|e| panic!("{to}: {e:?}"));
            rebase(&r.href, &m.pages[from])
        };
        assert_eq!(href("_index.md", "c%23.md"), "c%23/");
        assert_eq!(href("_index.md", "my%20guide.md"), "my%20guide/");
        assert_eq!(href("_index.md", "my guide.md"), "my%20guide/");
        assert_eq!(href("_index.md", "cafe\u{301}.md"), "caf%C3%A9/");
        assert_eq!(href("_index.md", "caf%C3%A9.md"), "caf%C3%A9/");
        assert_eq!(
            href("django/orm.md", "my%20diagram.png"),
            "../my%20diagram.png"
        );
        let e = m.resolve("_index.md", "c%24.md").unwrap_err().message;
        assert!(
            e.starts_with("link to `c%24.md`: there is no page content/c$.md"),
            "{e}"
        );
    }

    #[test]
    fn missing_targets_are_errors_with_suggestions() {
        let m = map();
        let e = m
            .resolve("django/orm.md", "../sql/join.md")
            .unwrap_err()
            .message;
        assert!(e.contains("did you mean `../sql/joins.md`?"), "{e}");
        assert!(m.resolve("django/orm.md", "img/logo.svg").is_err());
        assert!(m.resolve("django/orm.md", "../../x.md").is_err());
    }
}
