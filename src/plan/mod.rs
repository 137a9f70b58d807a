//! Planning: every page's and file's URL, fixed before any Markdown is
//! rendered, so links can be resolved while pages render. Two pages on one
//! URL (or on URLs that differ only in letter case) are errors here.

pub(crate) mod owners;
mod pages;
pub(crate) mod refs;
mod translations;
pub(crate) mod urls;

use crate::config::Languages;
use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::discover::{Inventory, PageKind, SourcePage};
use crate::frontmatter::ParsedPage;
use owners::Owners;
pub(crate) use pages::{reserved, GuidePage, Hub};
pub use urls::Resolved;
pub use urls::UrlMap;
pub(crate) use urls::{
    absolute_url, absolutize, parent_dir, rebase, relative_url, top_dir, url_path,
};
pub use urls::{LinkError, LinkResolver};

/// A page with its place in the site.
#[derive(Debug)]
pub(crate) struct PlannedPage {
    pub parsed: ParsedPage,
    /// Site path: `/django/orm/`.
    pub path: String,
}

/// Pages with URLs, and the map links are resolved against.
#[derive(Debug)]
pub(crate) struct Plan {
    pub pages: Vec<PlannedPage>,
    pub urls: UrlMap,
    /// Each page's `related:` and `aliases:`, resolved.
    pub refs: Vec<refs::Refs>,
    /// Problems with `related:` and `aliases:`; the build goes on to find more.
    pub problems: Vec<Diagnostic>,
    /// Each language's section folders (see [`sections_by_language`]).
    pub sections: Vec<Vec<String>>,
}

/// Gives every page a site path; two pages on one path, or on paths that
/// differ only in letter case, is an error.
/// `failed` are pages whose front matter has errors: they keep a URL (from
/// their file name) so links to them resolve, but they are not built.
/// Every language's pages are below its home (`/fr/`), the default's at
/// the root; `languages` are the site's.
pub(crate) fn plan(
    pages: Vec<ParsedPage>,
    failed: &[SourcePage],
    inventory: &Inventory,
    languages: &Languages,
) -> Result<Plan, Vec<Diagnostic>> {
    let mut urls = UrlMap {
        languages: languages.clone(),
        ..UrlMap::default()
    };
    let mut problems = Vec::new();
    let mut owners = built_in_owners(languages);
    let sections = sections_by_language(inventory, languages.len());
    plan_sections(&sections, languages, &mut owners, &mut urls, &mut problems);
    let planned = plan_pages(pages, languages, &mut owners, &mut urls, &mut problems);
    for source in failed {
        let path = page_path(source, None, &languages[source.lang].home);
        urls.pages.entry(source.rel.clone()).or_insert(path);
    }
    plan_files(inventory, &mut owners, &mut urls, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let (refs, problems) = refs::resolve(&planned, &urls, owners);
    Ok(Plan {
        pages: planned,
        urls,
        refs,
        problems,
        sections,
    })
}

/// The paths the built-in pages and the languages' homes hold before any
/// folder or file can.
fn built_in_owners(languages: &Languages) -> Owners {
    let mut owners = Owners::default();
    for language in languages.iter() {
        for path in reserved() {
            let path = format!("{}{}", language.home, &path[1..]);
            owners.insert(path.clone(), format!("the built-in page {path}"), None);
        }
    }
    for language in languages.iter().skip(1) {
        let owner = format!("the home page of the language `{}`", language.code);
        owners.insert(language.home.clone(), owner, None);
    }
    owners
}

/// Each language's section folders' paths.
fn plan_sections(
    sections: &[Vec<String>],
    languages: &Languages,
    owners: &mut Owners,
    urls: &mut UrlMap,
    problems: &mut Vec<Diagnostic>,
) {
    for (lang, dirs) in sections.iter().enumerate() {
        let home = &languages[lang].home;
        for dir in dirs {
            let path = section_path_in(home, dir);
            if lang > 0 && dir.is_empty() {
                urls.sections.insert((lang, dir.clone()), path);
                continue;
            }
            let folder = format!("content/{dir}");
            let at = Location::file(&folder);
            match claim(owners, "this section's URL", &path, at, "rename the folder") {
                // The path's first owner stays: later clashes name it.
                Some(problem) => problems.push(problem),
                None => {
                    let owner = match lang {
                        0 => format!("the section folder {folder}"),
                        _ => format!("the section folder {folder} in `{}`", languages[lang].code),
                    };
                    owners.insert(path.clone(), owner, Some(Location::file(&folder)));
                }
            }
            urls.sections.insert((lang, dir.clone()), path);
        }
    }
}

/// Each page's path; a guide that clashes with another path is left out.
fn plan_pages(
    pages: Vec<ParsedPage>,
    languages: &Languages,
    owners: &mut Owners,
    urls: &mut UrlMap,
    problems: &mut Vec<Diagnostic>,
) -> Vec<PlannedPage> {
    let mut planned = Vec::with_capacity(pages.len());
    for page in pages {
        let home = &languages[page.source.lang].home;
        let path = page_path(&page.source, page.front.slug.as_deref(), home);
        if page.source.kind == PageKind::Guide {
            if let Some(problem) = claim_guide(owners, &page, &path) {
                problems.push(problem);
                continue;
            }
        }
        urls.pages.insert(page.source.rel.clone(), path.clone());
        planned.push(PlannedPage { parsed: page, path });
    }
    planned
}

/// The paths of the files published as they are: co-located assets, which
/// may clash with pages, and static files.
fn plan_files(
    inventory: &Inventory,
    owners: &mut Owners,
    urls: &mut UrlMap,
    problems: &mut Vec<Diagnostic>,
) {
    for asset in &inventory.assets {
        let path = format!("/{}", asset.rel);
        let file = format!("content/{}", asset.rel);
        problems.extend(claim(
            owners,
            "this file's URL",
            &path,
            Location::file(&file),
            "rename one of them",
        ));
        owners.insert(path, file.clone(), Some(Location::file(file)));
    }
    urls.assets = inventory.assets.iter().map(|a| a.rel.clone()).collect();
    urls.statics = inventory
        .static_files
        .iter()
        .map(|s| s.rel.clone())
        .collect();
}

/// The section folders of each language: those holding one of its pages,
/// at any depth, and the home folder. The default language also has the
/// folders holding no page at all, as a site of one language always had.
fn sections_by_language(inventory: &Inventory, count: usize) -> Vec<Vec<String>> {
    let mut holds: Vec<std::collections::HashSet<&str>> = vec![Default::default(); count];
    for page in &inventory.pages {
        let mut dir = parent_dir(&page.rel);
        while holds[page.lang].insert(dir) && !dir.is_empty() {
            dir = parent_dir(dir);
        }
    }
    (0..count)
        .map(|lang| {
            inventory
                .sections
                .iter()
                .filter(|dir| {
                    dir.is_empty()
                        || holds[lang].contains(dir.as_str())
                        || (lang == 0 && holds.iter().all(|h| !h.contains(dir.as_str())))
                })
                .cloned()
                .collect()
        })
        .collect()
}

/// The problem with `what` (at `at`) taking `path`, if it is taken or
/// differs only in letter case from a path that is.
fn claim(
    owners: &mut Owners,
    what: &str,
    path: &str,
    at: Location,
    help: &str,
) -> Option<Diagnostic> {
    let message = owners.clash(what, path)?;
    let d = Diagnostic::new(Severity::Error, at, message).with_help(help);
    Some(owners.point_at_owner(d, path))
}

/// Claims a guide's path and its study pages' paths; the problem, if the
/// path is taken (at the `slug:` line when a slug is the cause).
fn claim_guide(owners: &mut Owners, page: &ParsedPage, path: &str) -> Option<Diagnostic> {
    let (line, column) = match &page.front.slug {
        Some(_) => page.key_position("slug"),
        None => (1, 1),
    };
    let at = Location::file(&page.display_path).at(&page.text, line, column);
    let help = "give one of them another file name or `slug:`";
    if let Some(problem) = claim(owners, "this page's URL", path, at.clone(), help) {
        return Some(problem);
    }
    owners.insert(
        path.to_string(),
        page.display_path.clone(),
        Some(at.clone()),
    );
    for sub in GuidePage::ALL {
        owners.insert(
            sub.path(path),
            format!("the {} page of {}", sub.name(), page.display_path),
            Some(at.clone()),
        );
    }
    None
}

/// A page's site path: its folder's in its language (below `home`), and
/// for a guide its `slug:` or file name (without the language) below
/// that. Names are in Unicode's composed form, like the content paths
/// found on disk.
fn page_path(source: &SourcePage, slug: Option<&str>, home: &str) -> String {
    let dir = parent_dir(&source.base);
    match source.kind {
        PageKind::Home | PageKind::Section => section_path_in(home, dir),
        PageKind::Guide => {
            let stem = source.base[dir.len()..]
                .trim_start_matches('/')
                .trim_end_matches(".md");
            let name = slug.map_or(std::borrow::Cow::Borrowed(stem), urls::nfc);
            format!("{}{name}/", section_path_in(home, dir))
        }
    }
}

/// The section `dir` of the language whose pages start at `home`:
/// `/fr/django/`; its home section is `home` itself.
pub(crate) fn section_path_in(home: &str, dir: &str) -> String {
    if dir.is_empty() {
        home.to_string()
    } else {
        format!("{home}{dir}/")
    }
}
