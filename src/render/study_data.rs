//! The data files the site-wide study pages fetch: the practice hub's
//! mixed quiz reads practice questions, the flashcards page reads cards.
//! Each kind is split by top-level section (the home page and the guides
//! at the root of `content/` have a file of their own), so a page fetches only what the
//! reader chose: one file for a site of 10,000 guides would be tens of
//! megabytes, over what static hosts take. Links inside a file are made
//! relative to the page that reads it.

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::discover::PageKind;
use crate::markdown::PracticeQuestion;
use crate::plan::{relative_url, Hub};
use crate::site::{Page, Site};

/// A top-level section's pages (or the home page and the guides at the
/// root of `content/`), in reading order: what one data file holds.
pub(crate) struct Part<'s> {
    pub dir: &'s str,
    /// Its guides, each section's own page (`_index.md`) before them.
    pub pages: Vec<&'s Page>,
}

/// The parts of the site in reading order: the home page and the root's
/// guides first (the home page's questions are the whole site's, in no
/// section), then each top-level section with every page below it.
pub(crate) fn parts(site: &Site) -> Vec<Part<'_>> {
    let home = site.section("");
    let root = Part {
        dir: "",
        pages: site.section_pages("").collect(),
    };
    let sections = home.subsections.iter().map(|dir| Part {
        dir,
        pages: site
            .sections_below(dir)
            .into_iter()
            .flat_map(|dir| site.section_pages(dir))
            .collect(),
    });
    std::iter::once(root).chain(sections).collect()
}

/// One written data file, as the pages that fetch it see it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DataFile {
    /// The top-level section's folder; `""` for the home page and the
    /// root's guides.
    pub dir: String,
    /// Its site path: `/practice/sql/questions.json`.
    pub path: String,
    /// Short hash of the content, for a cache-busting `?v=`.
    pub version: String,
    /// Practice questions or cards in the file.
    pub count: usize,
    /// Guides with at least one of them (home and section pages, whose
    /// questions are in the file too, are not counted as guides).
    pub guides: usize,
    /// The tags of the pages with them, sorted.
    pub tags: Vec<String>,
}

impl DataFile {
    /// Its URL from the page at `from`, with the version.
    pub(crate) fn url(&self, from: &str) -> String {
        format!("{}?v={}", relative_url(from, &self.path), self.version)
    }
}

/// Every data file written, per kind, in reading order.
#[derive(Debug, Default)]
pub(crate) struct StudyData {
    pub practice: Vec<DataFile>,
    pub cards: Vec<DataFile>,
}

/// The kinds of data file.
#[derive(Clone, Copy)]
enum Kind {
    Practice,
    Cards,
}

impl Kind {
    /// The page that reads the files, which links inside are relative to.
    fn hub(self) -> Hub {
        match self {
            Kind::Practice => Hub::Practice,
            Kind::Cards => Hub::Flashcards,
        }
    }

    /// The site path of the page that reads the files in `site`'s
    /// language: `/practice/`, `/fr/practice/`.
    fn hub_path(self, site: &Site) -> String {
        site.at(self.hub().path())
    }

    /// `/practice/sql/questions.json`, `/flashcards/cards.json`, below the
    /// hub path `hub` of their language.
    fn path(self, hub: &str, dir: &str) -> String {
        let name = match self {
            Kind::Practice => "questions.json",
            Kind::Cards => "cards.json",
        };
        let dir = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        format!("{hub}{dir}{name}")
    }

    fn count(self, page: &Page) -> usize {
        match self {
            Kind::Practice => page.rendered.study.practice_count(),
            Kind::Cards => page.rendered.study.questions.len(),
        }
    }

    /// The file's JSON for the page at `from`, links not yet made relative.
    fn json(self, from: &str, pages: &[&Page]) -> String {
        match self {
            Kind::Practice => {
                let guides = pages.iter().map(|p| practice_guide(p, from)).collect();
                crate::escape::inert_json(&PracticeFile { guides })
            }
            Kind::Cards => {
                let guides: Vec<CardGuide> = pages.iter().map(|p| card_guide(p, from)).collect();
                crate::escape::inert_json(&CardsFile { guides })
            }
        }
    }
}

/// Writes every data file through `write`, each as soon as it is made
/// (a large site's files are tens of megabytes together), and returns
/// what the pages need to link them. Files are made in parallel.
pub(crate) fn write_all<W>(site: &Site, write: &W) -> Result<StudyData, Vec<Diagnostic>>
where
    W: Fn(super::OutputFile) -> Result<(), Diagnostic> + Sync,
{
    let parts = parts(site);
    let jobs: Vec<(Kind, &Part)> = [Kind::Practice, Kind::Cards]
        .into_iter()
        .flat_map(|kind| parts.iter().map(move |part| (kind, part)))
        .collect();
    let results: Vec<Option<Result<(Kind, DataFile), Diagnostic>>> = jobs
        .par_iter()
        .map(|&(kind, part)| {
            let pages: Vec<&Page> = part
                .pages
                .iter()
                .copied()
                .filter(|p| kind.count(p) > 0)
                .collect();
            if pages.is_empty() {
                return None;
            }
            let hub = kind.hub_path(site);
            let path = kind.path(&hub, part.dir);
            let text = crate::plan::rebase(&kind.json(&hub, &pages), &hub);
            let mut tags: Vec<String> = pages.iter().flat_map(|p| p.front.tags.clone()).collect();
            tags.sort_unstable();
            tags.dedup();
            let file = DataFile {
                dir: part.dir.to_string(),
                version: crate::hash::short(&text),
                count: pages.iter().map(|p| kind.count(p)).sum(),
                guides: pages.iter().filter(|p| p.kind == PageKind::Guide).count(),
                tags,
                path,
            };
            let written = write(super::OutputFile {
                rel: file.path.trim_start_matches('/').to_string(),
                bytes: text.into_bytes(),
            });
            Some(written.map(|()| (kind, file)))
        })
        .collect();
    let mut data = StudyData::default();
    let mut problems = Vec::new();
    for result in results.into_iter().flatten() {
        match result {
            Ok((Kind::Practice, file)) => data.practice.push(file),
            Ok((Kind::Cards, file)) => data.cards.push(file),
            Err(d) => problems.push(d),
        }
    }
    if problems.is_empty() {
        Ok(data)
    } else {
        Err(problems)
    }
}

/// A guide's key without `.md`, as the deck chooser and stored reviews
/// name it: `sql/joins` (a section page's is `sql/_index`, the home
/// page's `_index`: its top folder is the part its cards are in).
pub(crate) fn guide_key(page: &Page) -> &str {
    page.key.trim_end_matches(".md")
}

#[derive(Serialize)]
struct PracticeFile<'a> {
    guides: Vec<PracticeGuide<'a>>,
}

/// A guide's practice questions: the guide's fields once, then each
/// set's id once and its questions (a question's id is its set's id and
/// its number in the set, so it is not written).
#[derive(Serialize)]
struct PracticeGuide<'a> {
    #[serde(flatten)]
    guide: GuideFields<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    difficulty: Option<&'static str>,
    sets: Vec<DataSet<'a>>,
}

#[derive(Serialize)]
struct DataSet<'a> {
    /// The practice set's heading id.
    id: &'a str,
    questions: Vec<DataQuestion<'a>>,
}

/// One practice question, borrowing from the site, as short as it reads:
/// the options are their HTML, which are right a list of places (more
/// than one makes it a multiple choice), and fields with nothing to say
/// are left out.
#[derive(Serialize)]
struct DataQuestion<'a> {
    hash: &'a str,
    /// The stem's inline HTML when it is one paragraph (the quiz's legend)…
    #[serde(skip_serializing_if = "Option::is_none")]
    stem: Option<&'a str>,
    /// …else its blocks.
    #[serde(skip_serializing_if = "Option::is_none")]
    blocks: Option<&'a str>,
    options: Vec<&'a str>,
    correct: Vec<usize>,
    /// Each option's feedback (`null` for none), when one has any.
    #[serde(skip_serializing_if = "Option::is_none")]
    feedback: Option<Vec<Option<&'a str>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<&'a str>,
}

fn practice_guide<'a>(p: &'a Page, from: &str) -> PracticeGuide<'a> {
    let sets = p
        .rendered
        .study
        .practice
        .iter()
        .map(|set| DataSet {
            id: &set.id,
            questions: set.questions.iter().map(data_question).collect(),
        })
        .collect();
    PracticeGuide {
        guide: guide_fields(p, from),
        difficulty: p.front.difficulty.map(|d| d.as_str()),
        sets,
    }
}

fn data_question(q: &PracticeQuestion) -> DataQuestion<'_> {
    let inline = super::study::one_paragraph(&q.stem);
    let has_feedback = q.options.iter().any(|o| o.feedback.is_some());
    DataQuestion {
        hash: &q.hash,
        stem: inline,
        blocks: inline.is_none().then_some(q.stem.as_str()),
        options: q.options.iter().map(|o| o.html.as_str()).collect(),
        correct: q.correct_options(),
        feedback: has_feedback.then(|| q.options.iter().map(|o| o.feedback.as_deref()).collect()),
        explanation: q.explanation.as_deref(),
    }
}

#[derive(Serialize)]
struct CardsFile<'a> {
    guides: Vec<CardGuide<'a>>,
}

/// What both data files say of a guide, once, before its questions.
#[derive(Serialize)]
struct GuideFields<'a> {
    key: &'a str,
    /// The prefix of its questions' ids: `sql.joins` (a practice question's
    /// id is `sql.joins--check-yourself-1`, a card's
    /// `sql.joins--q-what-is-a-join`).
    id: String,
    title: &'a str,
    url: String,
    tags: &'a [String],
}

fn guide_fields<'a>(p: &'a Page, from: &str) -> GuideFields<'a> {
    let key = guide_key(p);
    GuideFields {
        key,
        id: key.replace('/', "."),
        title: &p.front.title,
        url: relative_url(from, &p.path),
        tags: &p.front.tags,
    }
}

/// A guide's cards: the guide's fields once, then each card.
#[derive(Serialize)]
struct CardGuide<'a> {
    #[serde(flatten)]
    guide: GuideFields<'a>,
    cards: Vec<DataCard<'a>>,
}

#[derive(Serialize)]
struct DataCard<'a> {
    /// The question's anchor on the guide page.
    id: &'a str,
    hash: String,
    /// The question as HTML (a formula as MathML).
    question: &'a str,
    /// The short answer as HTML.
    answer: &'a str,
}

fn card_guide<'a>(p: &'a Page, from: &str) -> CardGuide<'a> {
    CardGuide {
        guide: guide_fields(p, from),
        cards: p
            .rendered
            .study
            .questions
            .iter()
            .map(|q| DataCard {
                id: &q.id,
                hash: card_hash(&q.title, &q.short_answer_text),
                question: &q.title_html,
                answer: &q.short_answer,
            })
            .collect(),
    }
}

/// A card's hash: what the card shows, so editing the question or its
/// short answer restarts the card's review schedule.
fn card_hash(question: &str, answer: &str) -> String {
    let mut hash = crate::hash::Fnv::new();
    hash.write(question.as_bytes());
    hash.write(&[0]);
    hash.write(answer.as_bytes());
    hash.short()
}
