//! The site graph: sections and their guides in order, tags, related
//! guides and backlinks, and the check of internal links' anchors once all
//! pages are rendered.

pub(crate) mod graph;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use crate::diagnostics::{suggest, Code, Diagnostic, Location, Severity};
use crate::discover::{Inventory, PageKind};
use crate::frontmatter::{FrontMatter, ParsedPage};
use crate::markdown::Rendered;
use crate::plan::{parent_dir, section_path, Plan};

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

    /// Whether any page shows a formula: only then does the site carry
    /// the math stylesheet and font.
    pub(crate) fn has_math(&self) -> bool {
        self.pages.iter().any(|p| p.rendered.has_math)
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
pub(crate) fn assemble(
    plan: Plan,
    rendered: Vec<Arc<Rendered>>,
    inventory: &Inventory,
    related_limit: usize,
) -> (Site, Vec<Diagnostic>) {
    let mut problems = check_anchors(&plan, &rendered);
    problems.extend(plan.problems);
    crate::diagnostics::sort(&mut problems);
    let related: Vec<Vec<String>> = plan.refs.iter().map(|r| r.related.clone()).collect();
    let aliases: Vec<(String, usize)> = plan
        .refs
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.aliases.iter().map(move |a| (a.clone(), i)))
        .collect();
    let pages: Vec<Page> = plan
        .pages
        .into_iter()
        .zip(rendered)
        .map(|(planned, rendered)| {
            let ParsedPage { source, front, .. } = planned.parsed;
            Page {
                key: source.rel,
                kind: source.kind,
                path: planned.path,
                front,
                rendered,
            }
        })
        .collect();
    let sections = sections(&inventory.sections, &pages);
    let graph = graph::build(&pages, &sections, &related, related_limit);
    let site = Site {
        pages,
        sections,
        graph,
        aliases,
    };
    (site, problems)
}

/// Every folder of content/ as a section, with its guides and child
/// sections in reading order.
fn sections(dirs: &[String], pages: &[Page]) -> BTreeMap<String, Section> {
    let mut sections: BTreeMap<String, Section> = dirs
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
        let Some(section) = sections.get_mut(parent_dir(&page.key)) else {
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
    sections
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
            let at = link
                .at
                .clone()
                .unwrap_or_else(|| Location::file(&page.parsed.display_path));
            problems
                .push(Diagnostic::new(Severity::Error, at, message).with_code(Code::BrokenLink));
        }
    }
    problems
}
