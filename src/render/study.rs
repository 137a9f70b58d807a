//! Each guide's study pages (practice, FAQ, flashcards), the cards and
//! structured data the site-wide pages share with them, and the practice
//! data file.

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};

use super::views::{Common, Crumb, GuideView, Views};
use crate::markdown::{FaqEntry, PracticeOption, PracticeSet};
use crate::plan::{relative_url, top_dir, url_path, GuidePage};
use crate::site::{Page, Site};

/// A practice question's id, unique across the site (for storage keys):
/// `sql.joins--check-yourself-1`.
pub(crate) fn global_id(page: &Page, local: &str) -> String {
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

/// Whether `page` has content for its study page `kind`.
pub(crate) fn has_page(kind: GuidePage, page: &Page) -> bool {
    let study = &page.rendered.study;
    match kind {
        GuidePage::Practice => study.practice_count() > 0,
        GuidePage::Faq => !study.faq.is_empty(),
        GuidePage::Flashcards => !study.questions.is_empty(),
    }
}

/// What every study page of a guide shows: the guide, and the way back.
#[derive(Serialize)]
struct GuideStudy<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    guide: GuideView<'a>,
    breadcrumbs: Vec<Crumb<'a>>,
}

fn guide_study<'a>(views: &'a Views<'a>, i: usize, path: &'a str) -> GuideStudy<'a> {
    let page = &views.site.pages[i];
    let dir = crate::plan::parent_dir(&page.key);
    let mut breadcrumbs = views.breadcrumbs(path, dir, true);
    breadcrumbs.push(Crumb {
        title: &page.front.title,
        url: relative_url(path, &page.path),
    });
    GuideStudy {
        common: views.common(path, relative_url(path, "/")),
        guide: views.guide(path, i),
        breadcrumbs,
    }
}

/// A guide's practice page: its sets as forms.
#[derive(Serialize)]
pub(crate) struct PracticePageContext<'a> {
    #[serde(flatten)]
    base: GuideStudy<'a>,
    practice: PracticeView<'a>,
}

pub(crate) fn practice_page<'a>(
    views: &'a Views<'a>,
    i: usize,
    path: &'a str,
) -> PracticePageContext<'a> {
    let page = &views.site.pages[i];
    PracticePageContext {
        base: guide_study(views, i, path),
        practice: practice_view(page, &page.rendered.study.practice),
    }
}

/// A guide's FAQ page.
#[derive(Serialize)]
pub(crate) struct FaqPageContext<'a> {
    #[serde(flatten)]
    base: GuideStudy<'a>,
    faq: &'a [FaqEntry],
    /// `FAQPage` structured data, when `[study] faq_json_ld` is on.
    json_ld: Option<String>,
}

pub(crate) fn faq_page<'a>(views: &'a Views<'a>, i: usize, path: &'a str) -> FaqPageContext<'a> {
    let faq = &views.site.pages[i].rendered.study.faq;
    FaqPageContext {
        base: guide_study(views, i, path),
        faq,
        json_ld: views
            .config
            .study
            .faq_json_ld
            .then(|| faq_json_ld(faq.iter())),
    }
}

/// A guide's flashcards: its questions as cards, with the guide as scope.
#[derive(Serialize)]
pub(crate) struct FlashcardsPageContext<'a> {
    #[serde(flatten)]
    base: GuideStudy<'a>,
    cards: Vec<Card<'a>>,
    scope: Scope<'a>,
    /// `Quiz` structured data of the cards.
    json_ld: String,
}

pub(crate) fn flashcards_page<'a>(
    views: &'a Views<'a>,
    i: usize,
    path: &'a str,
) -> FlashcardsPageContext<'a> {
    let page = &views.site.pages[i];
    let cards = cards(path, page);
    FlashcardsPageContext {
        base: guide_study(views, i, path),
        json_ld: quiz_json_ld(&page.front.title, &cards),
        cards,
        scope: Scope {
            title: &page.front.title,
            url: relative_url(path, &page.path),
        },
    }
}

/// JSON for a `<script type="application/ld+json">`: `</` is escaped so
/// no string can close the script element.
fn script_json(value: &Value) -> String {
    crate::escape::inert_json(value)
}

pub(crate) fn faq_json_ld<'a>(entries: impl Iterator<Item = &'a FaqEntry>) -> String {
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
pub(crate) struct Card<'a> {
    id: String,
    question: &'a str,
    answer: &'a str,
    #[serde(skip)]
    answer_text: &'a str,
    url: String,
    guide: &'a str,
}

/// What a set of flashcards covers: a guide, or the whole site.
#[derive(Serialize)]
pub(crate) struct Scope<'a> {
    pub title: &'a str,
    pub url: String,
}

pub(crate) fn cards<'a>(from: &str, page: &'a Page) -> Vec<Card<'a>> {
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
pub(crate) fn quiz_json_ld(title: &str, cards: &[Card]) -> String {
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
pub(crate) fn practice_data(site: &Site) -> String {
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
