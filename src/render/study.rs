//! Each guide's study pages (practice and FAQ), and the structured data
//! of its questions and FAQ.

use serde::Serialize;
use serde_json::{json, Value};

use super::study_data::guide_key;
use super::views::{Common, Crumb, GuideView, Views};
use crate::markdown::{FaqEntry, PracticeSet};
use crate::plan::{relative_url, GuidePage};
use crate::site::Page;

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
    /// The question's id in its guide (`check-yourself-1`); after the
    /// page's `id_prefix`, its id across the site.
    id: &'a str,
    /// Its element's id, short and only unique in the page (`q1`).
    anchor: String,
    number: usize,
    stem: &'a str,
    /// The stem's text without its `<p>` when it is one paragraph, so it
    /// can be the legend (which holds no blocks).
    stem_inline: Option<&'a str>,
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
    /// The guide's key (`sql/joins`), which stored reviews carry.
    key: &'a str,
    /// What makes a question's id unique across the site (`sql.joins--`).
    id_prefix: String,
    total: usize,
    sets: Vec<PracticeSetView<'a>>,
}

fn practice_view<'a>(page: &'a Page, sets: &'a [PracticeSet]) -> PracticeView<'a> {
    let mut number = 0;
    // Sets' headings keep their ids on the page: the questions' own ids
    // must not meet them, nor the theme's (`syl-`).
    let anchor = match sets.iter().any(|s| s.id.starts_with('q')) {
        true => "syl-q",
        false => "q",
    };
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
                        id: &q.id,
                        anchor: format!("{anchor}{number}"),
                        number,
                        stem: &q.stem,
                        stem_inline: one_paragraph(&q.stem),
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
                        correct: q.correct_options(),
                    }
                })
                .collect(),
        })
        .collect();
    PracticeView {
        key: guide_key(page),
        id_prefix: global_id(page, ""),
        total: number,
        sets,
    }
}

/// The inline HTML of `html` when it is a single paragraph (`<p>…</p>`,
/// as Markdown writes one), else `None`.
pub(crate) fn one_paragraph(html: &str) -> Option<&str> {
    let inner = html.trim_end().strip_prefix("<p>")?.strip_suffix("</p>")?;
    (!inner.contains("<p>") && !inner.contains("</p>")).then_some(inner)
}

/// Whether `page` has content for its study page `kind`.
pub(crate) fn has_page(kind: GuidePage, page: &Page) -> bool {
    let study = &page.rendered.study;
    match kind {
        GuidePage::Practice => study.practice_count() > 0,
        GuidePage::Faq => !study.faq.is_empty(),
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

/// Education Q&A data for a guide with questions: a `Quiz` of flashcard
/// questions, each answered by its short answer, which the guide shows.
pub(crate) fn guide_quiz(page: &Page) -> Option<Value> {
    let questions = &page.rendered.study.questions;
    if questions.is_empty() {
        return None;
    }
    let parts: Vec<Value> = questions
        .iter()
        .map(|q| {
            json!({
                "@type": "Question",
                "eduQuestionType": "Flashcard",
                "text": q.title,
                "acceptedAnswer": { "@type": "Answer", "text": q.short_answer_text },
            })
        })
        .collect();
    let title = &page.front.title;
    Some(json!({
        "@type": "Quiz",
        "name": title,
        "about": { "@type": "Thing", "name": title },
        "hasPart": parts,
    }))
}
