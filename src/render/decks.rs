//! The two site-wide pages that study by deck: the practice hub
//! (`/practice/`: practice sets by section, and a mixed quiz) and the
//! flashcards page (`/flashcards/`: a deck chooser over the whole site).
//! Both list top-level sections with counts and fetch the questions a
//! reader picks from the data files of [`super::study_data`]; on sites
//! small enough they also list each section's guides.

use std::collections::{BTreeMap, HashMap};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;

use super::hubs::{home_crumb, hub_parts};
use super::study_data::{guide_key, parts, DataFile};
use super::views::{Common, Crumb, Views};
use crate::plan::{relative_url, GuidePage, Hub};
use crate::site::Page;

/// Above this many guides (with practice questions, or with questions)
/// the practice hub and the flashcards page list sections, not guides: a
/// page listing every guide of a site of 10,000 is megabytes.
pub(crate) const LIST_GUIDES_UP_TO: usize = 500;

/// What a query value keeps as it is: a guide's key keeps its slashes.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The URL of `page`'s deck on the flashcards page (of its language),
/// from the page at `from`: `../../flashcards/?guide=sql/joins`.
pub(crate) fn deck_url(from: &str, page: &Page) -> String {
    flashcards_query(from, page.home(), "guide", guide_key(page))
}

/// The flashcards page of the language whose home is `home`, with the
/// deck `name=value`, from the page at `from`.
pub(crate) fn flashcards_query(from: &str, home: &str, name: &str, value: &str) -> String {
    let value = utf8_percent_encode(value, QUERY_VALUE);
    let flashcards = format!("{home}{}", &Hub::Flashcards.path()[1..]);
    format!("{}?{name}={value}", relative_url(from, &flashcards))
}

/// Where `page`'s questions are read without JavaScript: its first
/// question on the guide page, where every question is a card already.
pub(crate) fn questions_url(from: &str, page: &Page) -> Option<String> {
    let first = page.rendered.study.questions.first()?;
    if from == page.path {
        return Some(format!("#{}", first.id));
    }
    Some(format!("{}#{}", relative_url(from, &page.path), first.id))
}

/// How `?section=` names the part of top-level folder `dir`: the folder,
/// or `/` for the guides at the root of `content/`.
fn deck_id(dir: &str) -> &str {
    if dir.is_empty() {
        "/"
    } else {
        dir
    }
}

/// A tag and the data files (by place in the page's list) holding a
/// guide with it: a deck or quiz by tag fetches only those.
#[derive(Serialize)]
struct TagDeck<'a> {
    id: &'a str,
    /// The tag again, as a choice of `partials/filter.html` shows it.
    title: &'a str,
    parts: Vec<usize>,
}

fn tag_decks(files: &[DataFile]) -> Vec<TagDeck<'_>> {
    let mut tags: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (place, file) in files.iter().enumerate() {
        for tag in &file.tags {
            tags.entry(tag).or_default().push(place);
        }
    }
    tags.into_iter()
        .map(|(id, parts)| TagDeck {
            id,
            title: id,
            parts,
        })
        .collect()
}

/// A top-level section (or the root's guides) as a deck or practice
/// group: counts, its data file, and its guides on small sites.
#[derive(Serialize)]
struct DeckSection<'a, G> {
    /// `?section=` value: the folder, `/` for the root's guides.
    id: &'a str,
    /// The section's title: empty for the root's guides (with the home
    /// page's questions), the home page's title for its questions alone.
    title: &'a str,
    /// The section's page.
    url: String,
    /// Its data file, with `?v=`.
    data_url: String,
    count: usize,
    guide_count: usize,
    /// The section's deck on the flashcards page (`?section=ID`).
    deck_url: String,
    /// Where the section's questions are listed without JavaScript, when
    /// its guides are not (flashcards page only): its part of the
    /// question bank.
    bank_url: Option<String>,
    guides: Vec<G>,
}

/// The sections with data of one kind, each with its guides made by
/// `guide` when `list` is set.
fn sections<'a, G>(
    views: &'a Views,
    path: &str,
    files: &'a [DataFile],
    list: bool,
    guide: impl Fn(&'a Page) -> Option<G>,
) -> Vec<DeckSection<'a, G>> {
    let site = views.site;
    let mut guides: HashMap<&str, Vec<&Page>> = HashMap::new();
    if list {
        guides = parts(site).into_iter().map(|p| (p.dir, p.pages)).collect();
    }
    files
        .iter()
        .map(|file| {
            let section = site.section(&file.dir);
            DeckSection {
                id: deck_id(&file.dir),
                title: match file.dir.as_str() {
                    // Questions of the home page alone: the whole site's.
                    "" if file.guides == 0 => views.home_title(),
                    "" => "",
                    _ => &section.title,
                },
                url: relative_url(path, &section.path),
                data_url: file.url(path),
                count: file.count,
                guide_count: file.guides,
                deck_url: flashcards_query(path, &site.home, "section", deck_id(&file.dir)),
                bank_url: None,
                guides: guides
                    .remove(file.dir.as_str())
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(&guide)
                    .collect(),
            }
        })
        .collect()
}

// -------------------------------------------------------------- flashcards

/// A guide of a deck, for readers without JavaScript.
#[derive(Serialize)]
struct DeckGuide<'a> {
    title: &'a str,
    key: &'a str,
    /// Its first question on the guide page.
    url: String,
    /// Its deck (`?guide=KEY`).
    deck_url: String,
    count: usize,
}

/// What the flashcards page and the practice hub share: the sections with
/// their data files, the tags, and counts.
#[derive(Serialize)]
struct DeckPage<'a, G> {
    #[serde(flatten)]
    common: Common<'a>,
    /// The way back home.
    breadcrumbs: Vec<Crumb<'a>>,
    sections: Vec<DeckSection<'a, G>>,
    tags: Vec<TagDeck<'a>>,
    /// Cards, or practice questions, on the site.
    total: usize,
    /// Guides with them.
    guide_count: usize,
}

/// The page at `path` over `files`, listing the guides `guide` makes
/// unless the site has more than [`LIST_GUIDES_UP_TO`] (or `list_guides`
/// is false).
fn deck_page<'a, G>(
    views: &'a Views,
    path: &'a str,
    files: &'a [DataFile],
    list_guides: bool,
    guide: impl Fn(&'a Page) -> Option<G>,
) -> DeckPage<'a, G> {
    let guide_count: usize = files.iter().map(|f| f.guides).sum();
    let list = list_guides && guide_count <= LIST_GUIDES_UP_TO;
    DeckPage {
        common: views.common(path, relative_url(path, "/")),
        breadcrumbs: home_crumb(views, path),
        sections: sections(views, path, files, list, guide),
        tags: tag_decks(files),
        total: files.iter().map(|f| f.count).sum(),
        guide_count,
    }
}

/// `/flashcards/`: the decks (sections, tags; guides through
/// `?guide=`), due counts and export of the review state, all drawn by
/// flashcards.js; without it, the list of decks.
#[derive(Serialize)]
pub(crate) struct FlashcardsContext<'a>(DeckPage<'a, DeckGuide<'a>>);

pub(crate) fn flashcards<'a>(views: &'a Views, path: &'a str) -> FlashcardsContext<'a> {
    // A split bank is listed by section instead (see `SPLIT_AT`).
    let split = hub_parts(views.site, Hub::Questions).is_some();
    let guide = |p: &'a Page| {
        Some(DeckGuide {
            title: &p.front.title,
            key: guide_key(p),
            url: questions_url(path, p)?,
            deck_url: deck_url(path, p),
            count: p.rendered.study.questions.len(),
        })
    };
    let mut page = deck_page(views, path, &views.data.cards, !split, guide);
    for deck in &mut page.sections {
        if !deck.guides.is_empty() {
            continue;
        }
        // Without scripts, a deck whose guides are not listed leads to its
        // questions in the bank.
        let part = match deck.id {
            dir if split && dir != "/" => Hub::Questions.part_path(dir),
            _ => Hub::Questions.path().to_string(),
        };
        deck.bank_url = Some(relative_url(path, &views.site.at(&part)));
    }
    FlashcardsContext(page)
}

// ------------------------------------------------------------ practice hub

#[derive(Serialize)]
struct PracticeGuide<'a> {
    title: &'a str,
    /// The guide's key (`sql/joins`): stored answers carry it.
    key: &'a str,
    url: String,
    practice_url: String,
    practice_count: usize,
    tags: &'a [String],
    difficulty: Option<&'static str>,
}

/// `/practice/`: the practice sets by top-level section with progress and
/// what is due for review, and a mixed quiz over the sections' data files.
#[derive(Serialize)]
pub(crate) struct PracticeHubContext<'a> {
    #[serde(flatten)]
    page: DeckPage<'a, PracticeGuide<'a>>,
    /// The flashcards page, which holds the export of the review state.
    flashcards_url: String,
}

pub(crate) fn practice_hub<'a>(views: &'a Views, path: &'a str) -> PracticeHubContext<'a> {
    let guide = |p: &'a Page| {
        let count = p.rendered.study.practice_count();
        (count > 0).then(|| PracticeGuide {
            title: &p.front.title,
            key: guide_key(p),
            url: relative_url(path, &p.path),
            practice_url: relative_url(path, &GuidePage::Practice.path(&p.path)),
            practice_count: count,
            tags: &p.front.tags,
            difficulty: p.front.difficulty.map(|d| d.as_str()),
        })
    };
    PracticeHubContext {
        page: deck_page(views, path, &views.data.practice, true, guide),
        flashcards_url: relative_url(path, &views.site.at(Hub::Flashcards.path())),
    }
}
