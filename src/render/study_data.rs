//! The data the site-wide study pages fetch: the practice hub's mixed
//! quiz reads practice questions from data files, the flashcards page
//! reads cards from the question bank's pages (each question there
//! carries its card's hash), so no question is written twice. Both are
//! split by top-level section (the home page and the guides at the root of
//! `content/` have a part of their own), so a page fetches only what the
//! reader chose: one file for a site of 10,000 guides would be tens of
//! megabytes, over what static hosts take. Links inside a data file are
//! made relative to the page that reads it.

use rayon::prelude::*;
use serde::Serialize;

use crate::cache::{FileRecord, Key, KeyHasher};
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

/// One part's data, as the pages that fetch it see it: a written data
/// file, or (for cards) the question bank's page holding the part.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DataFile {
    /// The top-level section's folder; `""` for the home page and the
    /// root's guides.
    pub dir: String,
    /// Its site path: `/practice/sql/questions.json`, `/questions/sql/`.
    pub path: String,
    /// Short hash of the content (of a bank page, of its cards), for a
    /// cache-busting `?v=`.
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

/// Every part's data, per kind, in reading order.
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

    /// `/practice/sql/questions.json` below the hub path `hub` of their
    /// language; for cards the bank's page of the part (`/questions/sql/`,
    /// or the whole bank's `/questions/` when it is not `split`).
    fn path(self, site: &Site, dir: &str, split: bool) -> String {
        match self {
            Kind::Practice if dir.is_empty() => format!("{}questions.json", self.hub_path(site)),
            Kind::Practice => format!("{}{dir}/questions.json", self.hub_path(site)),
            Kind::Cards if split && !dir.is_empty() => site.at(&Hub::Questions.part_path(dir)),
            Kind::Cards => site.at(Hub::Questions.path()),
        }
    }

    fn count(self, page: &Page) -> usize {
        match self {
            Kind::Practice => page.rendered.study.practice_count(),
            Kind::Cards => page.rendered.study.questions.len(),
        }
    }
}

/// Writes the practice data file of `pages` at site path `path`, or keeps
/// the last build's when what it is made of is unchanged (then its text is
/// not made); gives what the file holds.
fn practice_file<W>(
    site: &Site,
    pages: &[&Page],
    path: &str,
    write: &W,
    reuse: super::Reuse<'_>,
) -> Result<FileRecord, Diagnostic>
where
    W: Fn(super::OutputFile) -> Result<(), Diagnostic> + Sync,
{
    let hub = Kind::Practice.hub_path(site);
    let rel = path.trim_start_matches('/').to_string();
    let make = || {
        let guides = pages.iter().map(|p| practice_guide(p, &hub)).collect();
        let json = crate::escape::inert_json(&PracticeFile { guides });
        crate::plan::rebase(&json, &hub).into_bytes()
    };
    let key = reuse.any().then(|| data_key(&rel, pages));
    // Not counted with the pages made again.
    reuse.write_file(key, rel, || Ok(make()), write)
}

/// What a practice data file at `rel` is made of: its pages' places,
/// front matter and bodies.
fn data_key(rel: &str, pages: &[&Page]) -> Key {
    use std::io::Write;
    let mut key = KeyHasher::new();
    key.part(b"practice data").part(rel.as_bytes());
    for page in pages {
        let _ = write!(key, "{}\0{}\0", page.key, page.path);
        key.part(&page.front_digest.bytes());
        key.part(&page.rendered.digest.to_le_bytes());
    }
    key.finish()
}

/// Eight hex digits of what a file holds, for a cache-busting `?v=`.
fn version_of(record: FileRecord) -> String {
    crate::hash::short_hex(record.hash)
}

/// A short hash of what the flashcards read of `pages` in the bank.
fn cards_version(pages: &[&Page]) -> String {
    let mut key = KeyHasher::new();
    for page in pages {
        for field in [guide_key(page), page.front.title.as_str(), &page.path] {
            key.part(field.as_bytes());
        }
        for tag in &page.front.tags {
            key.part(tag.as_bytes());
        }
        for q in &page.rendered.study.questions {
            for field in [&q.id, &q.title_html, &q.short_answer, &q.short_answer_text] {
                key.part(field.as_bytes());
            }
        }
    }
    crate::hash::short_hex(key.finish().low64())
}

/// Writes every practice data file through `write`, each as soon as it
/// is made (a large site's files are tens of megabytes together), and
/// returns what the pages need to link them and the bank's pages of
/// cards. Files are made in parallel.
pub(crate) fn write_all<W>(
    site: &Site,
    write: &W,
    reuse: super::Reuse<'_>,
) -> Result<StudyData, Vec<Diagnostic>>
where
    W: Fn(super::OutputFile) -> Result<(), Diagnostic> + Sync,
{
    let parts = parts(site);
    let split = super::hubs::hub_parts(site, Hub::Questions).is_some();
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
            let path = kind.path(site, part.dir, split);
            let version = match kind {
                Kind::Practice => practice_file(site, &pages, &path, write, reuse).map(version_of),
                Kind::Cards => Ok(cards_version(&pages)),
            };
            let version = match version {
                Ok(version) => version,
                Err(d) => return Some(Err(d)),
            };
            let mut tags: Vec<String> = pages.iter().flat_map(|p| p.front.tags.clone()).collect();
            tags.sort_unstable();
            tags.dedup();
            let file = DataFile {
                dir: part.dir.to_string(),
                version,
                count: pages.iter().map(|p| kind.count(p)).sum(),
                guides: pages.iter().filter(|p| p.kind == PageKind::Guide).count(),
                tags,
                path,
            };
            Some(Ok((kind, file)))
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
    if !split {
        // One bank page holds every part: one version, so it is fetched once.
        let mut hash = crate::hash::Fnv::new();
        data.cards
            .iter()
            .for_each(|f| hash.write(f.version.as_bytes()));
        let version = hash.short();
        data.cards
            .iter_mut()
            .for_each(|f| f.version.clone_from(&version));
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
struct GuideFields<'a> {
    key: &'a str,
    /// The prefix of its questions' ids: `sql.joins` (a practice question's
    /// id is `sql.joins--check-yourself-1`).
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

/// A card's hash: what the card shows, so editing the question or its
/// short answer restarts the card's review schedule. Stored reviews are
/// keyed by it: it must not change for an unchanged card.
pub(crate) fn card_hash(question: &str, answer: &str) -> String {
    let mut hash = crate::hash::Fnv::new();
    hash.write(question.as_bytes());
    hash.write(&[0]);
    hash.write(answer.as_bytes());
    hash.short()
}
