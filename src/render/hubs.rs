//! The site-wide study pages: the question bank (`/questions/`) and the
//! FAQ (`/faq/`), split by top-level section on very large sites; the
//! practice hub and the flashcards are in `decks`. One context per page
//! kind, documented in docs/themes.md.

use std::borrow::Cow;

use serde::Serialize;

use super::study::faq_json_ld;
use super::views::{nav_window, Common, Crumb, Views};
use crate::discover::PageKind;
use crate::markdown::html::without_links;
use crate::markdown::FaqEntry;
use crate::plan::{relative_url, top_dir, GuidePage, Hub};
use crate::site::{Page, Site};

/// The breadcrumbs of a site-wide page: just the way home.
pub(crate) fn home_crumb<'a>(views: &'a Views, path: &str) -> Vec<Crumb<'a>> {
    vec![Crumb {
        title: views.ui_text("home", "Home"),
        url: relative_url(path, &views.site.home),
    }]
}

/// A split hub's parts: each top-level section with its item count.
pub(crate) type Parts<'a> = [(&'a str, usize)];

/// Which part of a site-wide page: all of it, or (for a site too big for
/// one page) the index of parts or one top-level section, `parts[place]`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part<'a> {
    Whole,
    Index(&'a Parts<'a>),
    Section(&'a Parts<'a>, usize),
}

impl Part<'_> {
    /// The site path of this part of `hub`.
    pub(crate) fn path(self, hub: Hub) -> String {
        match self {
            Part::Section(parts, place) => hub.part_path(parts[place].0),
            _ => hub.path().to_string(),
        }
    }
}

/// Above this many items a site-wide page (question bank, FAQ) is split
/// by top-level section: one page holding every question of a large site
/// is too big to download, let alone read.
pub(crate) const SPLIT_AT: usize = 2000;

/// The top-level sections of a split hub with their item counts, or `None`
/// when the hub fits on one page. The practice hub and the flashcards are
/// never split: they list sections, and fetch questions from data files.
pub(crate) fn hub_parts(site: &Site, hub: Hub) -> Option<Vec<(&str, usize)>> {
    let count = match hub {
        Hub::Questions => |p: &Page| p.rendered.study.questions.len(),
        Hub::Faq => |p: &Page| p.rendered.study.faq.len(),
        Hub::Practice | Hub::Flashcards => return None,
    };
    let total: usize = site.pages.iter().map(count).sum();
    if total <= SPLIT_AT {
        return None;
    }
    // One pass over the pages: every part of a split hub asks again.
    let mut per_dir: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for p in &site.pages {
        *per_dir.entry(top_dir(&p.key)).or_default() += count(p);
    }
    let parts = site
        .section("")
        .subsections
        .iter()
        .map(|dir| {
            (
                dir.as_str(),
                per_dir.get(dir.as_str()).copied().unwrap_or(0),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    Some(parts)
}

/// A link to one part of a split hub.
#[derive(Serialize)]
struct PartLink<'a> {
    title: &'a str,
    url: String,
    count: usize,
    current: bool,
}

/// Where a page sits among a split hub's parts.
#[derive(Serialize)]
struct PartsNav<'a> {
    /// The parts this page links to (none when the hub is not split).
    parts: Vec<PartLink<'a>>,
    /// The index of a split hub, when `parts` leaves some out.
    all_parts_url: Option<String>,
}

fn parts_nav<'a>(views: &'a Views, hub: Hub, part: Part<'a>, path: &str) -> PartsNav<'a> {
    let limit = views.config.navigation.section_guides;
    // On a section's page, at most `limit` parts around its own: every
    // part page carries the list, and a site can have thousands of
    // top-level sections.
    let listed: Vec<(&str, usize)> = match part {
        Part::Whole => Vec::new(),
        Part::Index(parts) => parts.to_vec(),
        Part::Section(parts, place) => nav_window(parts.len(), place, limit)
            .into_iter()
            .map(|place| parts[place])
            .collect(),
    };
    let parts: Vec<PartLink> = listed
        .into_iter()
        .map(|(dir, count)| {
            let target = views.site.at(&hub.part_path(dir));
            PartLink {
                title: &views.site.section(dir).title,
                url: relative_url(path, &target),
                count,
                current: target == path,
            }
        })
        .collect();
    let all_parts_url = match part {
        Part::Section(all, _) if parts.len() < all.len() => {
            Some(relative_url(path, &views.site.at(hub.path())))
        }
        _ => None,
    };
    PartsNav {
        parts,
        all_parts_url,
    }
}

/// A choice in a filter: a tag or a section.
#[derive(Serialize)]
pub(crate) struct Choice<'a> {
    id: &'a str,
    title: &'a str,
}

/// The filters of a page, offering what its guides hold.
#[derive(Serialize)]
struct Filters<'a> {
    tags: Vec<Choice<'a>>,
    difficulties: Vec<&'static str>,
}

fn filters<'a>(guides: impl Iterator<Item = &'a Page> + Clone) -> Filters<'a> {
    let mut tags: Vec<&str> = guides
        .clone()
        .flat_map(|p| p.front.tags.iter().map(String::as_str))
        .collect();
    tags.sort_unstable();
    tags.dedup();
    let mut difficulties: Vec<_> = guides.filter_map(|p| p.front.difficulty).collect();
    difficulties.sort();
    difficulties.dedup();
    Filters {
        tags: tags
            .into_iter()
            .map(|t| Choice { id: t, title: t })
            .collect(),
        difficulties: difficulties.iter().map(|d| d.as_str()).collect(),
    }
}

/// A group of the question bank or FAQ: a section's pages in reading order.
struct Group<'s> {
    title: &'s str,
    path: &'s str,
    /// The section's own page (`_index.md`) first, if it has one, then
    /// its guides.
    pages: Vec<&'s Page>,
}

/// The pages of `part` with their questions or FAQs, grouped by section
/// in reading order: the home page first, as a group of its own under its
/// title (what it asks is about the whole site), then the root's guides,
/// then each section, its own page before its guides. Only the part's own
/// sections are visited: each page of a split hub visiting the whole site
/// would make the hub quadratic in the number of sections.
fn groups<'s>(site: &'s Site, part: Part<'s>) -> Vec<Group<'s>> {
    let dirs = match part {
        Part::Whole => site.sections_below(""),
        Part::Index(_) => vec![""],
        Part::Section(parts, place) => site.sections_below(parts[place].0),
    };
    let mut groups = Vec::new();
    for dir in dirs {
        let section = site.section(dir);
        let (title, pages): (&str, Vec<&Page>) = if dir.is_empty() {
            if let Some(home) = section.index.map(|i| &site.pages[i]) {
                groups.push(Group {
                    title: &home.front.title,
                    path: &section.path,
                    pages: vec![home],
                });
            }
            ("", section.guides.iter().map(|&i| &site.pages[i]).collect())
        } else {
            (&section.title, site.section_pages(dir).collect())
        };
        if !pages.is_empty() {
            groups.push(Group {
                title,
                path: &section.path,
                pages,
            });
        }
    }
    groups
}

/// A section of the question bank or FAQ, with its pages.
#[derive(Serialize)]
struct GroupView<'a, G> {
    title: &'a str,
    url: String,
    /// Named `guides` for the templates; the first may be the section's
    /// own page (its view says so).
    guides: Vec<G>,
}

/// The groups holding at least one page `keep` takes, each page made
/// into a view by `view`.
fn group_views<'a, G>(
    groups: &[Group<'a>],
    path: &str,
    keep: impl Fn(&Page) -> bool,
    view: impl Fn(&'a Page) -> G,
) -> Vec<GroupView<'a, G>> {
    groups
        .iter()
        .filter(|g| g.pages.iter().any(|p| keep(p)))
        .map(|g| GroupView {
            title: g.title,
            url: relative_url(path, g.path),
            guides: g
                .pages
                .iter()
                .filter(|p| keep(p))
                .map(|&p| view(p))
                .collect(),
        })
        .collect()
}

/// Whether `page` is the home page or a section's page, whose group is
/// titled after it already.
fn is_own_page(page: &Page) -> bool {
    page.kind != PageKind::Guide
}

// ----------------------------------------------------------- question bank

#[derive(Serialize)]
struct BankQuestion<'a> {
    id: &'a str,
    /// Plain text (a formula as its TeX source).
    title: &'a str,
    /// HTML (a formula as MathML), without links: it sits in one.
    title_html: Cow<'a, str>,
    short_answer: &'a str,
    url: String,
    /// Its flashcard's hash, which keys the card's stored reviews: the
    /// flashcards page reads its cards from the bank.
    hash: String,
}

#[derive(Serialize)]
struct BankGuide<'a> {
    title: &'a str,
    url: String,
    /// The home or section page itself, not a guide: its group's heading
    /// names it.
    own_page: bool,
    difficulty: Option<&'static str>,
    tags: &'a [String],
    /// The guide's key (`sql/joins`), which the flashcards page reads.
    key: &'a str,
    /// The guide's deck on the flashcards page (`flashcards/?guide=KEY`).
    flashcards_url: String,
    questions: Vec<BankQuestion<'a>>,
}

/// `/questions/`: every question with its short answer, by section and
/// page (the home page's, each section page's, each guide's), with tag
/// and difficulty filters.
#[derive(Serialize)]
pub(crate) struct QuestionsContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    /// The way back home.
    breadcrumbs: Vec<Crumb<'a>>,
    #[serde(flatten)]
    parts: PartsNav<'a>,
    #[serde(flatten)]
    filters: Filters<'a>,
    groups: Vec<GroupView<'a, BankGuide<'a>>>,
    flashcards_url: String,
}

pub(crate) fn questions<'a>(
    views: &'a Views,
    part: Part<'a>,
    path: &'a str,
) -> QuestionsContext<'a> {
    let groups = groups(views.site, part);
    let has_questions = |p: &Page| !p.rendered.study.questions.is_empty();
    let guide = |p: &'a Page| {
        let url = relative_url(path, &p.path);
        BankGuide {
            title: &p.front.title,
            own_page: is_own_page(p),
            difficulty: p.front.difficulty.map(|d| d.as_str()),
            tags: &p.front.tags,
            key: super::study_data::guide_key(p),
            flashcards_url: super::decks::deck_url(path, p),
            questions: p
                .rendered
                .study
                .questions
                .iter()
                .map(|q| BankQuestion {
                    id: &q.id,
                    title: &q.title,
                    title_html: without_links(&q.title_html),
                    short_answer: &q.short_answer,
                    url: format!("{url}#{}", q.id),
                    hash: super::study_data::card_hash(&q.title, &q.short_answer_text),
                })
                .collect(),
            url,
        }
    };
    QuestionsContext {
        common: views.common(path, relative_url(path, "/")),
        breadcrumbs: home_crumb(views, path),
        parts: parts_nav(views, Hub::Questions, part, path),
        filters: filters(groups.iter().flat_map(|g| g.pages.iter().copied())),
        groups: group_views(&groups, path, has_questions, guide),
        flashcards_url: relative_url(path, &views.site.at(Hub::Flashcards.path())),
    }
}

// --------------------------------------------------------------------- FAQ

#[derive(Serialize)]
struct FaqGuide<'a> {
    title: &'a str,
    url: String,
    /// The home or section page itself, not a guide: its group's heading
    /// names it.
    own_page: bool,
    /// A guide's FAQ page; the FAQ on a home or section page.
    faq_url: String,
    entries: &'a [FaqEntry],
}

/// `/faq/`: every FAQ of the site (the home page's, each section page's
/// and each guide's), by section.
#[derive(Serialize)]
pub(crate) struct FaqIndexContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    /// The way back home.
    breadcrumbs: Vec<Crumb<'a>>,
    #[serde(flatten)]
    parts: PartsNav<'a>,
    groups: Vec<GroupView<'a, FaqGuide<'a>>>,
    /// `FAQPage` structured data, when `[study] faq_json_ld` is on.
    json_ld: Option<String>,
}

pub(crate) fn faq_index<'a>(
    views: &'a Views,
    part: Part<'a>,
    path: &'a str,
) -> FaqIndexContext<'a> {
    let groups = groups(views.site, part);
    let has_faq = |p: &Page| !p.rendered.study.faq.is_empty();
    let guide = |p: &'a Page| {
        let url = relative_url(path, &p.path);
        FaqGuide {
            title: &p.front.title,
            own_page: is_own_page(p),
            faq_url: match p.kind {
                PageKind::Guide => relative_url(path, &GuidePage::Faq.path(&p.path)),
                _ => format!("{url}#{}", faq_anchor(p)),
            },
            url,
            entries: &p.rendered.study.faq,
        }
    };
    let json_ld = views.config.study.faq_json_ld.then(|| {
        faq_json_ld(
            groups
                .iter()
                .flat_map(|g| g.pages.iter())
                .flat_map(|p| p.rendered.study.faq.iter()),
        )
    });
    FaqIndexContext {
        common: views.common(path, relative_url(path, "/")),
        breadcrumbs: home_crumb(views, path),
        parts: parts_nav(views, Hub::Faq, part, path),
        groups: group_views(&groups, path, has_faq, guide),
        json_ld,
    }
}

/// The anchor of a page's FAQ: the `{.faq}` heading of its first entry.
fn faq_anchor(page: &Page) -> &str {
    let rendered = &page.rendered;
    let Some(first) = rendered.study.faq.first() else {
        return "";
    };
    rendered
        .headings
        .iter()
        .take_while(|h| h.id != first.id)
        .filter(|h| h.classes.iter().any(|c| c == "faq"))
        .last()
        .map_or(&first.id, |h| &h.id)
}
