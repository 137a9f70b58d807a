//! Contexts for the pages of the site graph: home, sections, guides,
//! tags and the 404 page, and a guide's structured data.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{json, Value};

use super::views::{
    Common, Crumb, GuideCard, GuideView, SectionCard, SectionNav, SectionView, Views,
};
use crate::plan::{absolute_url, relative_url, top_dir, url_path};
use crate::site::{Page, Section};

/// The home page: its text, and the sections and guides at the top.
#[derive(Serialize)]
pub(crate) struct HomeContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    home: HomeView<'a>,
    sections: Vec<SectionCard<'a>>,
    guides: Vec<GuideCard<'a>>,
}

/// The home page's own text and front matter.
#[derive(Serialize)]
struct HomeView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    content: &'a str,
    extra: Option<&'a serde_yaml::Mapping>,
}

/// A section's page: its text, guides and subsections.
#[derive(Serialize)]
pub(crate) struct SectionContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    section: SectionView<'a>,
    breadcrumbs: Vec<Crumb<'a>>,
}

/// A guide's page.
#[derive(Serialize)]
pub(crate) struct GuideContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    guide: GuideView<'a>,
    section: Option<SectionNav<'a>>,
    breadcrumbs: Vec<Crumb<'a>>,
    /// Article and breadcrumb structured data, for `<script type="application/ld+json">`.
    json_ld: String,
}

pub(crate) fn home<'a>(views: &'a Views<'a>) -> HomeContext<'a> {
    let site = views.site;
    let home = site.section("");
    let index = home.index.map(|i| &site.pages[i]);
    let path = site.home.as_str();
    HomeContext {
        common: views.common(path, relative_url(path, "/")),
        home: HomeView {
            title: views.home_title(),
            description: index
                .and_then(|p| p.front.description.as_deref())
                .or(views.config.description.as_deref()),
            content: index.map_or("", |p| p.rendered.html.as_str()),
            extra: index.map(|p| &p.front.extra),
        },
        sections: views.section_cards(path, &home.subsections),
        guides: home
            .guides
            .iter()
            .map(|&g| views.guide_card(path, &site.pages[g]))
            .collect(),
    }
}

pub(crate) fn section<'a>(views: &'a Views<'a>, section: &'a Section) -> SectionContext<'a> {
    let path = section.path.as_str();
    SectionContext {
        common: views.common(path, relative_url(path, "/")),
        section: views.section(section),
        breadcrumbs: views.breadcrumbs(path, &section.dir, false),
    }
}

pub(crate) fn guide<'a>(views: &'a Views<'a>, i: usize) -> GuideContext<'a> {
    let site = views.site;
    let page = &site.pages[i];
    let path = page.path.as_str();
    let dir = crate::plan::parent_dir(&page.key);
    GuideContext {
        common: views.common(path, relative_url(path, "/")),
        guide: views.guide(path, i),
        section: (!dir.is_empty()).then(|| views.section_nav(i, site.section(dir))),
        breadcrumbs: views.breadcrumbs(path, dir, true),
        json_ld: guide_json_ld(views, i),
    }
}

/// A language's 404 page (`path`): served at any depth, so its links start
/// from the site's own path (`base_url`'s, or `/`) rather than being
/// relative.
pub(crate) fn not_found<'a>(views: &'a Views<'a>, path: &'a str) -> Common<'a> {
    let root = views.config.base_url().map_or("/".to_string(), |b| {
        let after_scheme = b.split_once("://").map_or(b, |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
        format!("{}/", path.trim_end_matches('/'))
    });
    let mut common = views.common(path, root.clone());
    common.home_url = format!(
        "{root}{}",
        url_path(views.site.home.trim_start_matches('/'))
    );
    common.canonical = None;
    for item in &mut common.nav {
        item.url = format!("{root}{}", url_path(item.path.trim_start_matches('/')));
    }
    // Every language's link leads to its home page, with no "not
    // translated" note: every language has a 404 page.
    for language in &mut common.languages {
        language.url = format!("{root}{}", url_path(language.home.trim_start_matches('/')));
        language.translated = true;
    }
    common
}

#[derive(Serialize)]
struct TagSummary<'a> {
    name: &'a str,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct TagView<'a> {
    name: &'a str,
    url: String,
    count: usize,
    /// Its guides as cards, on a tag of at most [`TAG_CARDS_UP_TO`]: not
    /// their questions, which each guide's page and the tag's deck list
    /// (in cards they were two thirds of every tag page).
    guides: Vec<GuideCard<'a>>,
    /// On a larger tag instead: its guides as links, by top-level section.
    sections: Vec<TagSection<'a>>,
    /// Questions of its guides.
    question_count: usize,
    /// The tag's deck on the flashcards page, if its guides have questions.
    flashcards_url: Option<String>,
}

/// Above this many guides a tag page lists them as links by section,
/// without cards: a tag on 1,500 guides of a large site made
/// a page of megabytes. Its questions are then studied as its deck.
const TAG_CARDS_UP_TO: usize = 100;

/// The guides the page of `tag` shows as cards: all of a small tag's,
/// none of a large one's (see [`TAG_CARDS_UP_TO`]).
pub(crate) fn tag_cards(tag: &crate::site::graph::Tag) -> &[usize] {
    if tag.guides.len() <= TAG_CARDS_UP_TO {
        &tag.guides
    } else {
        &[]
    }
}

/// The guides of a large tag in one top-level section (title empty for
/// those at the root of `content/`).
#[derive(Serialize)]
struct TagSection<'a> {
    title: &'a str,
    url: String,
    guides: Vec<TagLink<'a>>,
}

#[derive(Serialize)]
struct TagLink<'a> {
    title: &'a str,
    url: String,
}

/// The guides `guides` (title order) as links by top-level section, the
/// sections in reading order.
fn tag_sections<'a>(views: &'a Views, path: &str, guides: &[usize]) -> Vec<TagSection<'a>> {
    let site = views.site;
    let mut by_dir: HashMap<&str, Vec<TagLink>> = HashMap::new();
    for &g in guides {
        let page = &site.pages[g];
        by_dir.entry(top_dir(&page.key)).or_default().push(TagLink {
            title: &page.front.title,
            url: relative_url(path, &page.path),
        });
    }
    let home = site.section("");
    std::iter::once("")
        .chain(home.subsections.iter().map(String::as_str))
        .filter_map(|dir| {
            let guides = by_dir.remove(dir)?;
            let section = site.section(dir);
            Some(TagSection {
                title: if dir.is_empty() { "" } else { &section.title },
                url: relative_url(path, &section.path),
                guides,
            })
        })
        .collect()
}

#[derive(Serialize)]
pub(crate) struct TagsContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    /// Every tag: on `/tags/` only, as every tag page listing every tag
    /// would grow with the square of the number of tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<TagSummary<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tag: Option<TagView<'a>>,
    breadcrumbs: Vec<Crumb<'a>>,
}

/// The site path of the page of the tag `slug` in `site`'s language.
pub(crate) fn tag_path(site: &crate::site::Site, slug: &str) -> String {
    site.at(&format!("tags/{slug}/"))
}

/// `/tags/` (with `tag` none) or `/tags/SLUG/`.
pub(crate) fn tags_context<'a>(
    views: &'a Views<'a>,
    tag: Option<usize>,
    path: &'a str,
) -> TagsContext<'a> {
    let graph = &views.site.graph;
    let tags = tag.is_none().then(|| {
        graph
            .tags
            .iter()
            .map(|t| TagSummary {
                name: &t.name,
                url: relative_url(path, &tag_path(views.site, &t.slug)),
                count: t.guides.len(),
            })
            .collect()
    });
    let mut breadcrumbs = vec![Crumb {
        title: views.home_title(),
        url: relative_url(path, &views.site.home),
    }];
    let tag = tag.map(|i| {
        let t = &graph.tags[i];
        breadcrumbs.push(Crumb {
            title: views.ui_text("tags_title", "Tags"),
            url: relative_url(path, &views.site.at("tags/")),
        });
        let pages = &views.site.pages;
        let question_count = t
            .guides
            .iter()
            .map(|&g| pages[g].rendered.study.questions.len())
            .sum();
        let shown = tag_cards(t);
        let cards = shown.len() == t.guides.len();
        TagView {
            name: &t.name,
            url: "./".into(),
            count: t.guides.len(),
            sections: if cards {
                Vec::new()
            } else {
                tag_sections(views, path, &t.guides)
            },
            question_count,
            flashcards_url: (question_count > 0)
                .then(|| super::decks::flashcards_query(path, &views.site.home, "tag", &t.name)),
            guides: shown
                .iter()
                .map(|&g| views.guide_card(path, &pages[g]))
                .collect(),
        }
    });
    TagsContext {
        common: views.common(path, relative_url(path, "/")),
        tags,
        tag,
        breadcrumbs,
    }
}

/// JSON-LD for a guide page: an `Article`, its `BreadcrumbList` when
/// absolute URLs are known, and a `Quiz` of its questions if it has any.
///
/// The `Article` holds only what the page's markup does not already say:
/// the headline (the `<h1>` may be shorter than `<title>`), the dates and
/// the tags. Its description is the meta description, its language the
/// `<html lang>`, and its URL the canonical link, which search engines
/// read; so they are not written twice on every page.
pub(crate) fn guide_json_ld(views: &Views, i: usize) -> String {
    let page = &views.site.pages[i];
    let base = views.config.base_url();
    let mut article = json!({
        "@type": "Article",
        "headline": page.front.title,
    });
    if let Some(d) = &page.front.date {
        article["datePublished"] = json!(d.text);
    }
    if let Some(d) = page.front.updated.as_ref().or(page.front.date.as_ref()) {
        article["dateModified"] = json!(d.text);
    }
    if !page.front.tags.is_empty() {
        article["keywords"] = json!(page.front.tags.join(", "));
    }
    let mut graph = vec![article];
    if let Some(base) = base {
        graph.push(breadcrumb_list(views, base, page));
    }
    // The guide shows its questions with their short answers: flashcards,
    // told again to search engines when the site asks for it.
    if views.config.study.quiz_json_ld {
        graph.extend(super::study::guide_quiz(page));
    }
    let value = json!({ "@context": "https://schema.org", "@graph": graph });
    crate::escape::inert_json(&value)
}

/// The `BreadcrumbList` of a guide: home, its sections, then the guide
/// itself, which has no `item`: it is the page the data sits on.
fn breadcrumb_list(views: &Views, base: &str, page: &Page) -> Value {
    let mut items: Vec<Value> = Vec::new();
    let mut add = |name: &str, path: Option<&str>| {
        let mut item = json!({ "@type": "ListItem", "position": items.len() + 1, "name": name });
        if let Some(path) = path {
            item["item"] = json!(absolute_url(base, path));
        }
        items.push(item);
    };
    add(views.home_title(), Some(&views.site.home));
    let dir = crate::plan::parent_dir(&page.key);
    let mut acc = String::new();
    for part in dir.split('/').filter(|p| !p.is_empty()) {
        if !acc.is_empty() {
            acc.push('/');
        }
        acc.push_str(part);
        let section = views.site.section(&acc);
        add(&section.title, Some(&section.path));
    }
    add(&page.front.title, None);
    json!({ "@type": "BreadcrumbList", "itemListElement": items })
}
