//! The site graph: every page's URL, sections and their guides in order,
//! and the check of internal links and anchors once all pages are rendered.

pub mod graph;
pub mod owners;
pub mod refs;
pub mod urls;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use crate::diagnostics::{suggest, Diagnostic};
use crate::discover::{Inventory, PageKind, SourcePage};
use crate::frontmatter::{self, FrontMatter};
use crate::markdown::Rendered;
use owners::Owners;
pub use urls::{
    absolute_url, absolutize, parent_dir, rebase, relative_url, site_link, top_dir, url_path,
    UrlMap,
};

/// A page whose front matter parsed.
#[derive(Debug)]
pub struct ParsedPage {
    pub source: SourcePage,
    /// `content/django/orm.md`, for messages.
    pub display_path: String,
    pub text: String,
    pub front: FrontMatter,
    pub body_offset: usize,
}

impl ParsedPage {
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }
}

/// A page with its place in the site.
#[derive(Debug)]
pub struct PlannedPage {
    pub parsed: ParsedPage,
    /// Site path: `/django/orm/`.
    pub path: String,
}

/// Pages with URLs, and the map links are resolved against.
#[derive(Debug)]
pub struct Plan {
    pub pages: Vec<PlannedPage>,
    pub urls: UrlMap,
    /// Each page's `related:` and `aliases:`, resolved.
    pub refs: Vec<refs::Refs>,
    /// Problems with `related:` and `aliases:`; the build goes on to find more.
    pub problems: Vec<Diagnostic>,
}

/// The diagnostic code of broken internal links and anchors.
pub const BROKEN_LINK: &str = "broken-link";

/// Site-wide pages of the study model, whose paths pages cannot take.
pub const STUDY_PAGES: [&str; 4] = ["/practice/", "/questions/", "/faq/", "/flashcards/"];

/// Other site-wide pages.
pub const SITE_PAGES: [&str; 2] = ["/tags/", "/search/"];

/// Gives every page a site path; two pages on one path, or on paths that
/// differ only in letter case, is an error.
/// `failed` are pages whose front matter has errors: they keep a URL (from
/// their file name) so links to them resolve, but they are not built.
pub fn plan(
    pages: Vec<ParsedPage>,
    failed: &[SourcePage],
    inventory: &Inventory,
) -> Result<Plan, Vec<Diagnostic>> {
    let mut urls = UrlMap::default();
    let mut problems = Vec::new();
    let mut owners = Owners::default();
    for path in STUDY_PAGES.iter().chain(&SITE_PAGES) {
        owners.insert(path.to_string(), format!("the built-in page {path}"));
    }
    for dir in &inventory.sections {
        let path = section_path(dir);
        if let Some(message) = owners.clash("this section's URL", &path) {
            problems.push(
                Diagnostic::error(format!("content/{dir}"), message).with_help("rename the folder"),
            );
        }
        owners.insert(path.clone(), format!("the section folder content/{dir}"));
        urls.sections.insert(dir.clone(), path);
    }
    let mut planned = Vec::with_capacity(pages.len());
    for page in pages {
        let rel = &page.source.rel;
        let path = page_path(&page.source, page.front.slug.as_deref());
        if page.source.kind == PageKind::Guide {
            if let Some(message) = owners.clash("this page's URL", &path) {
                let split = frontmatter::split(&page.display_path, &page.text).ok();
                let (line, column) = match (&page.front.slug, &split) {
                    (Some(_), Some(s)) => frontmatter::key_position(s, "slug"),
                    _ => (1, 1),
                };
                problems.push(
                    Diagnostic::error(&page.display_path, message)
                        .at(&page.text, line, column)
                        .with_help("give one of them another file name or `slug:`"),
                );
                continue;
            }
            owners.insert(path.clone(), page.display_path.clone());
            for sub in ["practice", "faq", "flashcards"] {
                owners.insert(
                    format!("{path}{sub}/"),
                    format!("the {sub} page of {}", page.display_path),
                );
            }
        }
        urls.pages.insert(rel.clone(), path.clone());
        planned.push(PlannedPage { parsed: page, path });
    }
    for source in failed {
        let path = page_path(source, None);
        urls.pages.entry(source.rel.clone()).or_insert(path);
    }
    for asset in &inventory.assets {
        let path = format!("/{}", asset.rel);
        if let Some(message) = owners.clash("this file's URL", &path) {
            problems.push(
                Diagnostic::error(format!("content/{}", asset.rel), message)
                    .with_help("rename one of them"),
            );
        }
        owners.insert(path, format!("content/{}", asset.rel));
    }
    urls.assets = inventory.assets.iter().map(|a| a.rel.clone()).collect();
    urls.statics = inventory
        .static_files
        .iter()
        .map(|s| s.rel.clone())
        .collect();
    if problems.is_empty() {
        let (refs, ref_problems) = refs::resolve(&planned, &urls, owners);
        Ok(Plan {
            pages: planned,
            urls,
            refs,
            problems: ref_problems,
        })
    } else {
        Err(problems)
    }
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
pub fn section_path(dir: &str) -> String {
    if dir.is_empty() {
        "/".into()
    } else {
        format!("/{dir}/")
    }
}

/// A rendered page.
#[derive(Debug)]
pub struct Page {
    pub key: String,
    pub kind: PageKind,
    pub path: String,
    pub front: FrontMatter,
    pub rendered: Arc<Rendered>,
}

/// A folder of content/.
#[derive(Debug)]
pub struct Section {
    pub dir: String,
    pub path: String,
    /// Index into `Site::pages` of its `_index.md`, if it has one.
    pub index: Option<usize>,
    pub title: String,
    pub weight: Option<i64>,
    /// Guides directly in the folder, in reading order.
    pub guides: Vec<usize>,
    /// Child folders, in order.
    pub subsections: Vec<String>,
}

/// Everything templates are rendered from.
#[derive(Debug)]
pub struct Site {
    pub pages: Vec<Page>,
    /// By folder; `""` is the home section.
    pub sections: BTreeMap<String, Section>,
    pub graph: graph::Graph,
    /// Old URLs (site paths) and the page index each redirects to.
    pub aliases: Vec<(String, usize)>,
}

impl Site {
    pub fn section(&self, dir: &str) -> &Section {
        &self.sections[dir]
    }

    /// Every guide in reading order: the home section's, then each section's
    /// in turn (by weight, then title), depth first.
    pub fn guides_in_order(&self) -> Vec<&Page> {
        let mut out = Vec::new();
        let mut stack = vec![""];
        while let Some(dir) = stack.pop() {
            let section = self.section(dir);
            out.extend(section.guides.iter().map(|&i| &self.pages[i]));
            stack.extend(section.subsections.iter().rev().map(String::as_str));
        }
        out
    }
}

/// Builds sections and checks every internal link's anchor.
pub fn assemble(
    plan: Plan,
    rendered: Vec<Arc<Rendered>>,
    inventory: &Inventory,
    related_limit: usize,
) -> (Site, Vec<Diagnostic>) {
    let mut problems = check_anchors(&plan, &rendered);
    problems.extend(plan.problems);
    let related: Vec<Vec<String>> = plan.refs.iter().map(|r| r.related.clone()).collect();
    let aliases: Vec<(String, usize)> = plan
        .refs
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.aliases.iter().map(move |a| (a.clone(), i)))
        .collect();
    let mut pages = Vec::with_capacity(plan.pages.len());
    for (planned, rendered) in plan.pages.into_iter().zip(rendered) {
        let ParsedPage { source, front, .. } = planned.parsed;
        pages.push(Page {
            key: source.rel,
            kind: source.kind,
            path: planned.path,
            front,
            rendered,
        });
    }
    let mut sections: BTreeMap<String, Section> = inventory
        .sections
        .iter()
        .map(|dir| {
            let section = Section {
                dir: dir.clone(),
                path: section_path(dir),
                index: None,
                title: folder_title(dir),
                weight: None,
                guides: Vec::new(),
                subsections: Vec::new(),
            };
            (dir.clone(), section)
        })
        .collect();
    for (i, page) in pages.iter().enumerate() {
        let dir = parent_dir(&page.key);
        let Some(section) = sections.get_mut(dir) else {
            continue;
        };
        match page.kind {
            PageKind::Guide => section.guides.push(i),
            PageKind::Home | PageKind::Section => {
                section.index = Some(i);
                section.title = page.front.title.clone();
                section.weight = page.front.weight;
            }
        }
    }
    for section in sections.values_mut() {
        // Keys made once per guide: each lower-cases a title.
        section.guides.sort_by_cached_key(|&g| order_key(&pages[g]));
    }
    let mut children: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for dir in sections.keys().filter(|d| !d.is_empty()) {
        children
            .entry(parent_dir(dir).to_string())
            .or_default()
            .push(dir.clone());
    }
    for (parent, mut kids) in children {
        kids.sort_by_cached_key(|dir| {
            let s = &sections[dir];
            (
                s.weight.is_none(),
                s.weight,
                s.title.to_lowercase(),
                s.dir.clone(),
            )
        });
        if let Some(section) = sections.get_mut(&parent) {
            section.subsections = kids;
        }
    }
    problems.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    let graph = graph::build(&pages, &sections, &related, related_limit);
    (
        Site {
            pages,
            sections,
            graph,
            aliases,
        },
        problems,
    )
}

/// Weighted guides first by weight, then the rest; title breaks ties.
fn order_key(page: &Page) -> (bool, Option<i64>, String, &str) {
    (
        page.front.weight.is_none(),
        page.front.weight,
        page.front.title.to_lowercase(),
        &page.key,
    )
}

/// A title for a folder without `_index.md`: `http-apis` -> `Http apis`.
fn folder_title(dir: &str) -> String {
    let name = dir
        .rsplit('/')
        .next()
        .unwrap_or(dir)
        .replace(['-', '_'], " ");
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Every `page.md#anchor` and `#anchor` must name a heading of its target.
fn check_anchors(plan: &Plan, rendered: &[Arc<Rendered>]) -> Vec<Diagnostic> {
    let index: HashMap<&str, usize> = plan
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.parsed.source.rel.as_str(), i))
        .collect();
    let anchors: Vec<HashSet<&str>> = rendered
        .iter()
        .map(|r| r.headings.iter().map(|h| h.id.as_str()).collect())
        .collect();
    let mut problems = Vec::new();
    for (page, r) in plan.pages.iter().zip(rendered) {
        for link in &r.links {
            let (Some(anchor), Some(&target)) = (&link.anchor, index.get(link.page.as_str()))
            else {
                continue;
            };
            if anchor.is_empty() || anchors[target].contains(anchor.as_str()) {
                continue;
            }
            let mut message = format!(
                "link to `{}`: {} has no heading with the id `{anchor}`",
                link.dest, plan.pages[target].parsed.display_path
            );
            if let Some(near) = suggest(anchor, anchors[target].iter().copied()) {
                message.push_str(&format!(" (did you mean `#{near}`?)"));
            }
            let mut d = link
                .at
                .clone()
                .unwrap_or_else(|| Diagnostic::error(&page.parsed.display_path, ""));
            d.message = message;
            problems.push(d.with_code(BROKEN_LINK));
        }
    }
    problems
}
