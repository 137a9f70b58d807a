//! Views and pages of the study model: practice, FAQ, question bank,
//! flashcards, the practice hub and its data file.

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};

use super::views::{nav_window, Common, Crumb, GuideView, Views};
use crate::markdown::{FaqEntry, PracticeOption, PracticeSet};
use crate::plan::{relative_url, top_dir, url_path};
use crate::site::{Page, Site};

pub use crate::plan::STUDY_PAGES as HUB_PAGES;
pub const PRACTICE_DATA: &str = "practice.json";

/// A practice question's id, unique across the site (for storage keys):
/// `sql.joins--check-yourself-1`.
pub fn global_id(page: &Page, local: &str) -> String {
    format!(
        "{}--{local}",
        page.key.trim_end_matches(".md").replace('/', ".")
    )
}

#[derive(Serialize)]
struct OptionView<'a> {
    index: usize,
    html: &'a str,
    correct: bool,
    feedback: Option<&'a str>,
}

#[derive(Serialize)]
struct PracticeQuestionView<'a> {
    id: String,
    number: usize,
    stem: &'a str,
    multiple: bool,
    options: Vec<OptionView<'a>>,
    explanation: Option<&'a str>,
    hash: &'a str,
    correct: Vec<usize>,
}

#[derive(Serialize)]
struct PracticeSetView<'a> {
    id: &'a str,
    title: &'a str,
    questions: Vec<PracticeQuestionView<'a>>,
}

#[derive(Serialize)]
struct PracticeView<'a> {
    total: usize,
    sets: Vec<PracticeSetView<'a>>,
}

fn practice_view<'a>(page: &'a Page, sets: &'a [PracticeSet]) -> PracticeView<'a> {
    let mut number = 0;
    let sets = sets
        .iter()
        .map(|set| PracticeSetView {
            id: &set.id,
            title: &set.title,
            questions: set
                .questions
                .iter()
                .map(|q| {
                    number += 1;
                    PracticeQuestionView {
                        id: global_id(page, &q.id),
                        number,
                        stem: &q.stem,
                        multiple: q.multiple,
                        options: q
                            .options
                            .iter()
                            .enumerate()
                            .map(|(index, o)| OptionView {
                                index,
                                html: &o.html,
                                correct: o.correct,
                                feedback: o.feedback.as_deref(),
                            })
                            .collect(),
                        explanation: q.explanation.as_deref(),
                        hash: &q.hash,
                        correct: q
                            .options
                            .iter()
                            .enumerate()
                            .filter(|(_, o)| o.correct)
                            .map(|(i, _)| i)
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect();
    PracticeView {
        total: number,
        sets,
    }
}

#[derive(Serialize)]
pub struct GuidePageContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    guide: GuideView<'a>,
    breadcrumbs: Vec<Crumb<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    practice: Option<PracticeView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    faq: Option<&'a [FaqEntry]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cards: Option<Vec<Card<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<Scope<'a>>,
    json_ld: Option<String>,
}

/// Which study page of a guide.
#[derive(Clone, Copy)]
pub enum GuidePage {
    Practice,
    Faq,
    Flashcards,
}

impl GuidePage {
    pub fn path(self, page: &Page) -> String {
        let sub = match self {
            GuidePage::Practice => "practice",
            GuidePage::Faq => "faq",
            GuidePage::Flashcards => "flashcards",
        };
        format!("{}{sub}/", page.path)
    }

    pub fn template(self) -> &'static str {
        match self {
            GuidePage::Practice => "practice.html",
            GuidePage::Faq => "faq.html",
            GuidePage::Flashcards => "flashcards.html",
        }
    }

    /// Whether `page` has content for this kind of page.
    pub fn applies(self, page: &Page) -> bool {
        let study = &page.rendered.study;
        match self {
            GuidePage::Practice => study.practice_count() > 0,
            GuidePage::Faq => !study.faq.is_empty(),
            GuidePage::Flashcards => !study.questions.is_empty(),
        }
    }
}

pub fn guide_page_context<'a>(
    views: &'a Views<'a>,
    kind: GuidePage,
    i: usize,
    path: &'a str,
) -> GuidePageContext<'a> {
    let page = &views.site.pages[i];
    let study = &page.rendered.study;
    let dir = crate::plan::parent_dir(&page.key);
    let mut breadcrumbs = views.breadcrumbs(path, dir, true);
    breadcrumbs.push(Crumb {
        title: &page.front.title,
        url: relative_url(path, &page.path),
    });
    let mut context = GuidePageContext {
        common: views.common(path, relative_url(path, "/")),
        guide: views.guide(path, i),
        breadcrumbs,
        practice: None,
        faq: None,
        cards: None,
        scope: None,
        json_ld: None,
    };
    match kind {
        GuidePage::Practice => context.practice = Some(practice_view(page, &study.practice)),
        GuidePage::Faq => {
            context.faq = Some(&study.faq);
            if views.config.study.faq_json_ld {
                context.json_ld = Some(faq_json_ld(study.faq.iter()));
            }
        }
        GuidePage::Flashcards => {
            let cards = cards(path, page);
            context.json_ld = Some(quiz_json_ld(&page.front.title, &cards));
            context.cards = Some(cards);
            context.scope = Some(Scope {
                title: &page.front.title,
                url: relative_url(path, &page.path),
            });
        }
    }
    context
}

/// JSON for a `<script type="application/ld+json">`: `</` is escaped so
/// no string can close the script element.
fn script_json(value: &Value) -> String {
    crate::escape::inert_json(value)
}

fn faq_json_ld<'a>(entries: impl Iterator<Item = &'a FaqEntry>) -> String {
    let main: Vec<Value> = entries
        .map(|e| {
            json!({
                "@type": "Question",
                "name": e.question,
                "acceptedAnswer": { "@type": "Answer", "text": e.answer },
            })
        })
        .collect();
    script_json(
        &json!({ "@context": "https://schema.org", "@type": "FAQPage", "mainEntity": main }),
    )
}

#[derive(Serialize)]
pub struct Card<'a> {
    id: String,
    question: &'a str,
    answer: &'a str,
    #[serde(skip)]
    answer_text: &'a str,
    url: String,
    guide: &'a str,
}

#[derive(Serialize)]
pub struct Scope<'a> {
    title: &'a str,
    url: String,
}

fn cards<'a>(from: &str, page: &'a Page) -> Vec<Card<'a>> {
    page.rendered
        .study
        .questions
        .iter()
        .map(|q| Card {
            id: global_id(page, &q.id),
            question: &q.title,
            answer: &q.short_answer,
            answer_text: &q.short_answer_text,
            url: format!("{}#{}", relative_url(from, &page.path), q.id),
            guide: &page.front.title,
        })
        .collect()
}

/// Education Q&A data for a flashcard page: a `Quiz` of flashcard questions.
fn quiz_json_ld(title: &str, cards: &[Card]) -> String {
    let parts: Vec<Value> = cards
        .iter()
        .map(|c| {
            json!({
                "@type": "Question",
                "eduQuestionType": "Flashcard",
                "text": c.question,
                "acceptedAnswer": { "@type": "Answer", "text": c.answer_text },
            })
        })
        .collect();
    script_json(&json!({
        "@context": "https://schema.org",
        "@type": "Quiz",
        "name": title,
        "about": { "@type": "Thing", "name": title },
        "hasPart": parts,
    }))
}

/// The guides of `part`, grouped by section in reading order (home
/// first). Only the part's own sections are visited: a split hub has a
/// page per top-level section, and each visiting the whole site would make
/// the hub quadratic in the number of sections.
fn groups<'s>(site: &'s Site, part: Part<'s>) -> Vec<(&'s str, &'s str, Vec<&'s Page>)> {
    let mut out = Vec::new();
    let mut dirs: Vec<&str> = Vec::new();
    let mut stack: Vec<&str> = match part {
        Part::Whole => vec![""],
        Part::Index(_) => {
            dirs.push("");
            Vec::new()
        }
        Part::Section(parts, place) => vec![parts[place].0],
    };
    while let Some(dir) = stack.pop() {
        dirs.push(dir);
        stack.extend(
            site.section(dir)
                .subsections
                .iter()
                .rev()
                .map(String::as_str),
        );
    }
    for dir in dirs {
        let section = site.section(dir);
        let guides: Vec<&Page> = section.guides.iter().map(|&i| &site.pages[i]).collect();
        if !guides.is_empty() {
            let title = if dir.is_empty() {
                ""
            } else {
                section.title.as_str()
            };
            out.push((title, section.path.as_str(), guides));
        }
    }
    out
}

/// A split hub's parts: each top-level section with its item count.
pub type Parts<'a> = [(&'a str, usize)];

/// Which part of a site-wide page: all of it, or (for a site too big for
/// one page) the index of parts or one top-level section, `parts[place]`.
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    Whole,
    Index(&'a Parts<'a>),
    Section(&'a Parts<'a>, usize),
}

impl<'a> Part<'a> {
    /// The folder of this part's top-level section, if it is one.
    pub fn dir(self) -> Option<&'a str> {
        match self {
            Part::Section(parts, place) => Some(parts[place].0),
            _ => None,
        }
    }
}

/// Above this many items a site-wide page (question bank, flashcards,
/// FAQ) is split by top-level section: one page holding every question of
/// a large site is too big to download, let alone read.
pub const SPLIT_AT: usize = 2000;

/// The top-level sections of a split hub with their item counts, or `None`
/// when the hub fits on one page. Practice (`/practice/`) is never split:
/// it lists guides, not questions.
pub fn hub_parts<'s>(site: &'s Site, hub: &str) -> Option<Vec<(&'s str, usize)>> {
    let count = |p: &Page| match hub {
        "/questions/" | "/flashcards/" => p.rendered.study.questions.len(),
        "/faq/" => p.rendered.study.faq.len(),
        _ => 0,
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

/// The parts a page of a split hub links to: all of them on the index;
/// on a section's page, at most `limit` around its own (see
/// [`nav_window`]), as every part page carries the list and a site can
/// have thousands of top-level sections.
fn parts_listed<'s>(part: Part<'s>, limit: usize) -> Vec<(&'s str, usize)> {
    match part {
        Part::Whole => Vec::new(),
        Part::Index(parts) => parts.to_vec(),
        Part::Section(parts, place) => nav_window(parts.len(), place, limit)
            .into_iter()
            .map(|place| parts[place])
            .collect(),
    }
}

#[derive(Serialize)]
pub struct HubContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    groups: Vec<Value>,
    json_ld: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cards: Option<Vec<Card<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<Scope<'a>>,
    tags: Vec<Value>,
    difficulties: Vec<&'static str>,
    sections: Vec<Value>,
    guides: Vec<Value>,
    data_url: String,
    flashcards_url: String,
    /// For a split page: the parts it links to, `{title, url, count, current}`.
    parts: Vec<Value>,
    /// The index of a split hub, when `parts` leaves some out.
    all_parts_url: Option<String>,
}

/// The site-wide study pages: `/practice/`, `/questions/`, `/faq/`, `/flashcards/`.
pub fn hub_context<'a>(
    views: &'a Views<'a>,
    hub: &'static str,
    part: Part<'a>,
    path: &'a str,
) -> HubContext<'a> {
    let site = views.site;
    // A split hub shows one top-level section per page (the index page
    // shows guides at the root of content/, if any).
    let groups_of = groups(site, part);
    let guides_here = || groups_of.iter().flat_map(|(_, _, g)| g.iter().copied());
    let mut context = HubContext {
        common: views.common(path, relative_url(path, "/")),
        groups: Vec::new(),
        json_ld: None,
        cards: None,
        scope: None,
        tags: Vec::new(),
        difficulties: Vec::new(),
        sections: Vec::new(),
        guides: Vec::new(),
        data_url: relative_url(path, &format!("/{PRACTICE_DATA}")),
        flashcards_url: relative_url(path, "/flashcards/"),
        parts: Vec::new(),
        all_parts_url: None,
    };
    context.parts = parts_listed(part, views.config.navigation.section_guides)
        .into_iter()
        .map(|(dir, count)| {
            let target = format!("{hub}{dir}/");
            json!({
                "title": site.section(dir).title,
                "url": relative_url(path, &target),
                "count": count,
                "current": target == path,
            })
        })
        .collect();
    if let Part::Section(parts, _) = part {
        if context.parts.len() < parts.len() {
            context.all_parts_url = Some(relative_url(path, hub));
        }
    }
    // The filters offer what this page holds.
    let mut tags: Vec<&str> = guides_here()
        .flat_map(|p| p.front.tags.iter().map(String::as_str))
        .collect();
    tags.sort_unstable();
    tags.dedup();
    context.tags = tags
        .iter()
        .map(|t| json!({ "id": t, "title": t }))
        .collect();
    let mut difficulties: Vec<_> = guides_here().filter_map(|p| p.front.difficulty).collect();
    difficulties.sort();
    difficulties.dedup();
    context.difficulties = difficulties.iter().map(|d| d.as_str()).collect();
    match hub {
        "/faq/" => {
            let with: Vec<_> = groups_of
                .iter()
                .map(|(t, p, g)| {
                    (
                        t,
                        p,
                        g.iter()
                            .filter(|g| !g.rendered.study.faq.is_empty())
                            .collect::<Vec<_>>(),
                    )
                })
                .collect();
            context.groups = with
                .iter()
                .filter(|(_, _, g)| !g.is_empty())
                .map(|(title, spath, guides)| {
                    json!({
                        "title": title,
                        "url": relative_url(path, spath),
                        "guides": guides.iter().map(|p| json!({
                            "title": p.front.title,
                            "url": relative_url(path, &p.path),
                            "faq_url": relative_url(path, &GuidePage::Faq.path(p)),
                            "entries": p.rendered.study.faq,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            if views.config.study.faq_json_ld {
                context.json_ld = Some(faq_json_ld(
                    guides_here().flat_map(|p| p.rendered.study.faq.iter()),
                ));
            }
        }
        "/questions/" => {
            context.groups = groups_of
                .iter()
                .filter(|(_, _, g)| g.iter().any(|p| !p.rendered.study.questions.is_empty()))
                .map(|(title, spath, guides)| {
                    json!({
                        "title": title,
                        "url": relative_url(path, spath),
                        "guides": guides.iter().filter(|p| !p.rendered.study.questions.is_empty()).map(|p| json!({
                            "title": p.front.title,
                            "url": relative_url(path, &p.path),
                            "difficulty": p.front.difficulty.map(|d| d.as_str()),
                            "tags": p.front.tags,
                            "flashcards_url": relative_url(path, &GuidePage::Flashcards.path(p)),
                            "questions": p.rendered.study.questions.iter().map(|q| json!({
                                "id": q.id,
                                "title": q.title,
                                "short_answer": q.short_answer,
                                "url": format!("{}#{}", relative_url(path, &p.path), q.id),
                            })).collect::<Vec<_>>(),
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
        }
        "/flashcards/" => {
            let cards: Vec<Card> = guides_here().flat_map(|p| cards(path, p)).collect();
            let title = views.home_title();
            context.json_ld = Some(quiz_json_ld(title, &cards));
            context.cards = Some(cards);
            context.scope = Some(Scope {
                title,
                url: relative_url(path, "/"),
            });
        }
        _ => {
            context.guides = site
                .guides_in_order()
                .into_iter()
                .filter(|p| GuidePage::Practice.applies(p))
                .map(|p| {
                    let ids: Vec<String> = p
                        .rendered
                        .study
                        .practice
                        .iter()
                        .flat_map(|s| s.questions.iter().map(|q| global_id(p, &q.id)))
                        .collect();
                    json!({
                        "title": p.front.title,
                        "url": relative_url(path, &p.path),
                        "practice_url": relative_url(path, &GuidePage::Practice.path(p)),
                        "practice_count": ids.len(),
                        "section": site.section(top_dir(&p.key)).title,
                        "tags": p.front.tags,
                        "difficulty": p.front.difficulty.map(|d| d.as_str()),
                        "ids": ids,
                    })
                })
                .collect();
            context.sections = site
                .section("")
                .subsections
                .iter()
                .map(|d| json!({ "id": d, "title": site.section(d).title }))
                .collect();
        }
    }
    context
}

/// One practice question in `practice.json`, borrowing from the site: a
/// large site has a lot of them, and a JSON value tree would copy each.
#[derive(Serialize)]
struct DataQuestion<'a> {
    id: String,
    guide: &'a str,
    guide_url: std::borrow::Cow<'a, str>,
    section: &'a str,
    tags: &'a [String],
    difficulty: Option<&'static str>,
    stem: &'a str,
    multiple: bool,
    options: &'a [PracticeOption],
    explanation: Option<&'a str>,
    hash: &'a str,
}

/// Every practice question of the site, for the hub's mixed quiz, with
/// its links made relative to the site root. Each guide's part is made
/// (and its links rebased) on its own, in parallel, then copied into one
/// buffer of the final size: on a large site the file is tens of megabytes,
/// and rebasing it whole, or growing a buffer, would hold it twice more.
pub fn practice_data(site: &Site) -> String {
    let guides = site.guides_in_order();
    let parts: Vec<String> = guides
        .par_iter()
        .map(|p| {
            let questions: Vec<DataQuestion> = p
                .rendered
                .study
                .practice
                .iter()
                .flat_map(|set| {
                    set.questions.iter().map(move |q| DataQuestion {
                        id: global_id(p, &q.id),
                        guide: &p.front.title,
                        guide_url: url_path(p.path.trim_start_matches('/')),
                        section: top_dir(&p.key),
                        tags: &p.front.tags,
                        difficulty: p.front.difficulty.map(|d| d.as_str()),
                        stem: &q.stem,
                        multiple: q.multiple,
                        options: &q.options,
                        explanation: q.explanation.as_deref(),
                        hash: &q.hash,
                    })
                })
                .collect();
            if questions.is_empty() {
                return String::new();
            }
            let json = crate::escape::inert_json(&questions);
            // Without the brackets: the guides' lists become one list.
            crate::plan::rebase(&json[1..json.len() - 1], "/")
        })
        .filter(|part| !part.is_empty())
        .collect();
    // One allocation of the final size: growing the buffer would need up
    // to twice the file's size while it is copied.
    let size = parts.iter().map(|p| p.len() + 1).sum::<usize>() + 20;
    let mut out = String::with_capacity(size);
    out.push_str("{\"questions\":[");
    for (n, part) in parts.into_iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(&part);
    }
    out.push_str("]}");
    out
}
