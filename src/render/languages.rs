//! Which page is which in the other languages of the site: for the
//! language switcher, `<link rel="alternate" hreflang>` and the sitemap.
//! A guide or section page's versions are its translations (the same file
//! name with another language's code); a guide's practice and FAQ pages
//! follow their guide; the site-wide pages (the study hubs, tags) are the
//! same page below each language's home.

use std::collections::HashMap;

use serde::Serialize;

use crate::config::Language;
use crate::discover::PageKind;
use crate::plan::{relative_url, GuidePage, Hub};
use crate::site::{Page, Site};

/// The pages of every language of the site, found by path.
pub(crate) struct Versions<'a> {
    languages: &'a [Language],
    sites: Vec<&'a Site>,
    /// Per language: a page's path -> its index.
    by_path: Vec<HashMap<&'a str, usize>>,
    /// Per language: a page's content path without language -> its index.
    by_base: Vec<HashMap<&'a str, usize>>,
    /// Per language: a section's path -> its folder.
    sections: Vec<HashMap<&'a str, &'a str>>,
}

/// A language in the switcher of a page.
#[derive(Serialize)]
pub(crate) struct LanguageLink<'a> {
    pub code: &'a str,
    pub name: &'a str,
    /// This page in that language, or that language's home page when the
    /// page has no version in it.
    pub url: String,
    /// The page is in this language.
    pub current: bool,
    /// The page has a version in this language (`url` leads to it).
    pub translated: bool,
    /// The site path of the language's home page, for pages whose links
    /// cannot be relative.
    #[serde(skip)]
    pub home: &'a str,
}

/// A version of a page, for `<link rel="alternate" hreflang>`.
#[derive(Serialize)]
pub(crate) struct Alternate<'a> {
    /// A language code, or `x-default` for the default language's version.
    pub hreflang: &'a str,
    /// Absolute when the site's `base_url` is known.
    pub url: String,
}

impl<'a> Versions<'a> {
    /// `sites` are the site in each of `languages`, in the same order.
    pub(crate) fn new(languages: &'a [Language], sites: Vec<&'a Site>) -> Self {
        // Each language's pages by one of their paths.
        let index = |key: fn(&Page) -> &str| -> Vec<HashMap<&'a str, usize>> {
            sites
                .iter()
                .map(|s| {
                    s.pages
                        .iter()
                        .enumerate()
                        .map(|(i, p)| (key(p), i))
                        .collect()
                })
                .collect()
        };
        let (by_path, by_base) = (index(|p| &p.path), index(|p| &p.base));
        let sections = sites
            .iter()
            .map(|s| {
                s.sections
                    .values()
                    .map(|sec| (sec.path.as_str(), sec.dir.as_str()))
                    .collect()
            })
            .collect();
        Versions {
            languages,
            sites,
            by_path,
            by_base,
            sections,
        }
    }

    /// Adds what the pages' language links are made from to `key`: every
    /// language, and where each of its pages and sections is.
    pub(crate) fn hash_into(&self, key: &mut crate::cache::KeyHasher) {
        use std::io::Write;
        let _ = write!(key, "{:?}", self.languages);
        for site in &self.sites {
            for page in &site.pages {
                let _ = write!(key, "{}\0{}\0", page.base, page.path);
            }
            for section in site.sections.values() {
                let _ = write!(key, "{}\0{}\0", section.dir, section.path);
            }
        }
    }

    /// The page at `path` of the site in language `lang`, in each
    /// language (`None` where it has no version); empty for a site of one
    /// language.
    pub(crate) fn of(&self, lang: usize, path: &str) -> Vec<Option<String>> {
        if self.sites.len() < 2 {
            return Vec::new();
        }
        (0..self.sites.len())
            .map(|to| {
                if to == lang {
                    Some(path.to_string())
                } else {
                    self.version(lang, path, to)
                }
            })
            .collect()
    }

    /// The page at `path` of language `from` in language `to`.
    fn version(&self, from: usize, path: &str, to: usize) -> Option<String> {
        let (here, there) = (self.sites[from], self.sites[to]);
        if let Some(dir) = self.sections[from].get(path) {
            return there.sections.get(*dir).map(|s| s.path.clone());
        }
        let guide = |path: &str| {
            let i = *self.by_path[from].get(path)?;
            let j = *self.by_base[to].get(here.pages[i].base.as_str())?;
            (here.pages[i].kind == PageKind::Guide).then_some(&there.pages[j])
        };
        if let Some(page) = guide(path) {
            return Some(page.path.clone());
        }
        for kind in GuidePage::ALL {
            let Some(guide_path) = path.strip_suffix(&format!("{}/", kind.name())) else {
                continue;
            };
            let page = guide(guide_path)?;
            return super::study::has_page(kind, page).then(|| kind.path(&page.path));
        }
        let local = path.strip_prefix(here.home.as_str())?;
        let site_wide = Hub::ALL.iter().any(|h| &h.path()[1..] == local) || local == "tags/";
        let tag = local
            .strip_prefix("tags/")
            .and_then(|t| t.strip_suffix('/'))
            .filter(|slug| there.graph.tags.iter().any(|t| t.slug == *slug));
        (site_wide || tag.is_some()).then(|| there.at(local))
    }

    /// The language switcher of the page at `path` in language `lang`,
    /// with URLs relative to it.
    pub(crate) fn switcher(&self, lang: usize, path: &str) -> Vec<LanguageLink<'a>> {
        self.of(lang, path)
            .into_iter()
            .enumerate()
            .map(|(to, version)| {
                let language = &self.languages[to];
                LanguageLink {
                    code: &language.code,
                    name: &language.name,
                    url: relative_url(path, version.as_deref().unwrap_or(&language.home)),
                    current: to == lang,
                    translated: version.is_some(),
                    home: &language.home,
                }
            })
            .collect()
    }

    /// The `hreflang` alternates of the page at `path` in language `lang`:
    /// none unless it has a version in another language; then every
    /// version, itself included, and `x-default` for the default
    /// language's. `url` makes a site path a URL.
    pub(crate) fn alternates(
        &self,
        lang: usize,
        path: &str,
        url: impl Fn(&str) -> String,
    ) -> Vec<Alternate<'a>> {
        let versions = self.of(lang, path);
        if versions.iter().filter(|v| v.is_some()).count() < 2 {
            return Vec::new();
        }
        let mut out: Vec<Alternate> = versions
            .iter()
            .zip(self.languages)
            .filter_map(|(v, l)| {
                v.as_ref().map(|v| Alternate {
                    hreflang: &l.code,
                    url: url(v),
                })
            })
            .collect();
        if let Some(default) = &versions[0] {
            out.push(Alternate {
                hreflang: "x-default",
                url: url(default),
            });
        }
        out
    }
}
