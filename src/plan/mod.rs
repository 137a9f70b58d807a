//! Planning: every page's and file's URL, fixed before any Markdown is
//! rendered, so links can be resolved while pages render. Two pages on one
//! URL (or on URLs that differ only in letter case) are errors here.

pub(crate) mod owners;
mod pages;
pub(crate) mod refs;
pub(crate) mod urls;

use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::discover::{Inventory, PageKind, SourcePage};
use crate::frontmatter::ParsedPage;
use owners::Owners;
pub(crate) use pages::{reserved, GuidePage, Hub};
pub use urls::LinkResolver;
pub use urls::Resolved;
pub use urls::UrlMap;
pub(crate) use urls::{
    absolute_url, absolutize, parent_dir, rebase, relative_url, top_dir, url_path,
};

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
}

/// Gives every page a site path; two pages on one path, or on paths that
/// differ only in letter case, is an error.
/// `failed` are pages whose front matter has errors: they keep a URL (from
/// their file name) so links to them resolve, but they are not built.
pub(crate) fn plan(
    pages: Vec<ParsedPage>,
    failed: &[SourcePage],
    inventory: &Inventory,
) -> Result<Plan, Vec<Diagnostic>> {
    let mut urls = UrlMap::default();
    let mut problems = Vec::new();
    let mut owners = Owners::default();
    for path in reserved() {
        owners.insert(path.to_string(), format!("the built-in page {path}"), None);
    }
    for dir in &inventory.sections {
        let path = section_path(dir);
        let folder = format!("content/{dir}");
        problems.extend(claim(
            &mut owners,
            "this section's URL",
            &path,
            Location::file(&folder),
            "rename the folder",
        ));
        owners.insert(
            path.clone(),
            format!("the section folder {folder}"),
            Some(Location::file(&folder)),
        );
        urls.sections.insert(dir.clone(), path);
    }
    let mut planned = Vec::with_capacity(pages.len());
    for page in pages {
        let path = page_path(&page.source, page.front.slug.as_deref());
        if page.source.kind == PageKind::Guide {
            if let Some(problem) = claim_guide(&mut owners, &page, &path) {
                problems.push(problem);
                continue;
            }
        }
        urls.pages.insert(page.source.rel.clone(), path.clone());
        planned.push(PlannedPage { parsed: page, path });
    }
    for source in failed {
        let path = page_path(source, None);
        urls.pages.entry(source.rel.clone()).or_insert(path);
    }
    for asset in &inventory.assets {
        let path = format!("/{}", asset.rel);
        let file = format!("content/{}", asset.rel);
        problems.extend(claim(
            &mut owners,
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
    if !problems.is_empty() {
        return Err(problems);
    }
    let (refs, problems) = refs::resolve(&planned, &urls, owners);
    Ok(Plan {
        pages: planned,
        urls,
        refs,
        problems,
    })
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

/// A page's site path: its folder's, and for a guide its `slug:` or file
/// name below that. Names are in Unicode's composed form, like the
/// content paths found on disk.
fn page_path(source: &SourcePage, slug: Option<&str>) -> String {
    let dir = parent_dir(&source.rel);
    match source.kind {
        PageKind::Home | PageKind::Section => section_path(dir),
        PageKind::Guide => {
            let stem = source.rel[dir.len()..]
                .trim_start_matches('/')
                .trim_end_matches(".md");
            let name = slug.map_or(std::borrow::Cow::Borrowed(stem), urls::nfc);
            format!("{}{name}/", section_path(dir))
        }
    }
}

/// `django` -> `/django/`; the home section is `/`.
pub(crate) fn section_path(dir: &str) -> String {
    if dir.is_empty() {
        "/".into()
    } else {
        format!("/{dir}/")
    }
}
