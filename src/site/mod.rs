//! The site graph: sections and their guides in order, tags, related
//! guides and backlinks, and the check of internal links' anchors once all
//! pages are rendered.

pub(crate) mod graph;

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

use crate::diagnostics::{suggest, Code, Diagnostic, Location, Severity};
use crate::discover::PageKind;
use crate::frontmatter::{FrontMatter, ParsedPage};
use crate::markdown::links::FoundLink;
use crate::markdown::Rendered;
use crate::plan::{parent_dir, section_path_in, Plan};

/// A rendered page.
#[derive(Debug)]
pub struct Page {
    pub key: String,
    /// The content path without its language (`sql/joins.md` for
    /// `sql/joins.fr.md`): the same for a page and its translations.
    pub base: String,
    pub kind: PageKind,
    pub path: String,
    pub front: FrontMatter,
    /// See [`ParsedPage::front_digest`].
    pub front_digest: crate::cache::Key,
    pub rendered: Arc<Rendered>,
    /// How much of `path` is its language's home (`/fr/`).
    home_len: usize,
}

impl Page {
    /// The site path of the home page of its language: `/` or `/fr/`.
    pub(crate) fn home(&self) -> &str {
        &self.path[..self.home_len]
    }

    /// Its path below that home: `sql/joins/` for `/fr/sql/joins/`.
    pub(crate) fn below_home(&self) -> &str {
        &self.path[self.home_len..]
    }
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

/// Everything templates are rendered from: the pages of one language.
#[derive(Debug)]
pub struct Site {
    /// The language of its pages: an index into the site's languages.
    pub lang: usize,
    /// The site path its pages start at: `/`, or `/fr/` for French.
    pub home: String,
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

    /// The output file `name` of this language: `atom.xml`, or
    /// `fr/atom.xml` for French.
    pub(crate) fn file(&self, name: &str) -> String {
        format!("{}{name}", &self.home[1..])
    }

    /// The site path of a page every language has (`tags/`) in this one:
    /// `/tags/`, or `/fr/tags/` for French.
    pub(crate) fn at(&self, path: &str) -> String {
        format!("{}{}", self.home, path.trim_start_matches('/'))
    }

    /// Whether any page shows a formula: only then does the site carry
    /// the math stylesheet and font.
    pub(crate) fn has_math(&self) -> bool {
        self.pages.iter().any(|p| p.rendered.has_math)
    }

    /// The pages of the section in folder `dir` in reading order: its own
    /// page (`_index.md`, if it has one) first, then its guides. Questions
    /// and FAQs are read from all of them.
    pub(crate) fn section_pages(&self, dir: &str) -> impl Iterator<Item = &Page> {
        let section = self.section(dir);
        section
            .index
            .iter()
            .chain(&section.guides)
            .map(|&i| &self.pages[i])
    }

    /// The folders of section `dir` and of every section below it, in
    /// reading order (by weight, then title), depth first.
    pub(crate) fn sections_below<'s>(&'s self, dir: &'s str) -> Vec<&'s str> {
        let mut out = Vec::new();
        let mut stack = vec![dir];
        while let Some(dir) = stack.pop() {
            out.push(dir);
            let section = self.section(dir);
            stack.extend(section.subsections.iter().rev().map(String::as_str));
        }
        out
    }

    /// Every page that can hold questions, in reading order: the home
    /// page and the guides beside it, then each section's page and guides
    /// in turn.
    pub(crate) fn pages_in_order(&self) -> Vec<&Page> {
        self.sections_below("")
            .into_iter()
            .flat_map(|dir| self.section_pages(dir))
            .collect()
    }
}

/// Builds each language's site (the default's first, each with its
/// sections and graph) and checks every internal link's anchor. `homes`
/// are the site paths of the languages' home pages.
pub(crate) fn assemble(
    plan: Plan,
    rendered: Vec<Arc<Rendered>>,
    homes: &[&str],
    related_limit: usize,
) -> (Vec<Site>, Vec<Diagnostic>) {
    let mut problems = check_anchors(&plan, &rendered);
    problems.extend(plan.problems);
    crate::diagnostics::sort(&mut problems);
    let mut parts: Vec<Part> = homes.iter().map(|_| Part::default()).collect();
    for ((planned, rendered), refs) in plan.pages.into_iter().zip(rendered).zip(plan.refs) {
        let ParsedPage {
            source,
            front,
            front_digest,
            ..
        } = planned.parsed;
        let part = &mut parts[source.lang];
        let i = part.pages.len();
        part.related.push(refs.related);
        part.aliases
            .extend(refs.aliases.into_iter().map(|a| (a, i)));
        part.pages.push(Page {
            key: source.rel,
            base: source.base,
            kind: source.kind,
            path: planned.path,
            front,
            front_digest,
            rendered,
            home_len: homes[source.lang].len(),
        });
    }
    let sites = parts
        .into_iter()
        .zip(plan.sections)
        .enumerate()
        .map(|(lang, (part, dirs))| {
            let sections = sections(&dirs, &part.pages, homes[lang]);
            let graph = graph::build(&part.pages, &sections, &part.related, related_limit);
            Site {
                lang,
                home: homes[lang].to_string(),
                pages: part.pages,
                sections,
                graph,
                aliases: part.aliases,
            }
        })
        .collect();
    (sites, problems)
}

/// One language's pages, with their `related:` and `aliases:`, on the
/// way to becoming its site.
#[derive(Default)]
struct Part {
    pages: Vec<Page>,
    related: Vec<Vec<String>>,
    aliases: Vec<(String, usize)>,
}

/// Every section folder of a language (`dirs`) as a section below its
/// `home`, with its guides and child sections in reading order.
fn sections(dirs: &[String], pages: &[Page], home: &str) -> BTreeMap<String, Section> {
    let mut sections: BTreeMap<String, Section> = dirs
        .iter()
        .map(|dir| {
            let section = Section {
                dir: dir.clone(),
                path: section_path_in(home, dir),
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
    let index: FxHashMap<&str, usize> = plan
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.parsed.source.rel.as_str(), i))
        .collect();
    // Each anchored link as (target, page, link), grouped by target: a
    // target few links point into is searched directly, one many do gets
    // a set of its ids, so the check stays linear in links and headings.
    let mut anchored: Vec<(usize, usize, &FoundLink)> = Vec::new();
    for (from, r) in rendered.iter().enumerate() {
        for link in &r.links {
            if link.anchor.as_deref().is_some_and(|a| !a.is_empty()) {
                if let Some(&target) = index.get(link.page.as_str()) {
                    anchored.push((target, from, link));
                }
            }
        }
    }
    anchored.sort_by_key(|&(target, from, _)| (target, from));
    let mut problems = Vec::new();
    for group in anchored.chunk_by(|a, b| a.0 == b.0) {
        let target = group[0].0;
        let headings = &rendered[target].headings;
        let ids: Option<FxHashSet<&str>> =
            (group.len() > 4).then(|| headings.iter().map(|h| h.id.as_str()).collect());
        for &(_, from, link) in group {
            let anchor = link.anchor.as_deref().unwrap_or_default();
            let found = match &ids {
                Some(ids) => ids.contains(anchor),
                None => headings.iter().any(|h| h.id == anchor),
            };
            if found {
                continue;
            }
            let mut message = format!(
                "link to `{}`: {} has no heading with the id `{anchor}`",
                link.dest, plan.pages[target].parsed.display_path
            );
            if let Some(near) = suggest(anchor, headings.iter().map(|h| h.id.as_str())) {
                message.push_str(&format!(" (did you mean `#{near}`?)"));
            }
            let at = link
                .at
                .clone()
                .unwrap_or_else(|| Location::file(&plan.pages[from].parsed.display_path));
            problems
                .push(Diagnostic::new(Severity::Error, at, message).with_code(Code::BrokenLink));
        }
    }
    problems
}
