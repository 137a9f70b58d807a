//! The theme contract: what templates see (documented in docs/themes.md).
//! Built from the site graph for one page at a time, because every URL is
//! relative to the page being rendered.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::Config;
use crate::discover::PageKind;
use crate::markdown::TocEntry;
use crate::plan::{absolute_url, relative_url};
use crate::site::{Page, Section, Site};

#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub language: &'a str,
    pub base_url: Option<&'a str>,
    pub extra: &'a toml::Table,
}

impl<'a> SiteView<'a> {
    pub(crate) fn new(config: &'a Config) -> Self {
        SiteView {
            title: &config.title,
            description: config.description.as_deref(),
            language: &config.language,
            base_url: config.base_url(),
            extra: &config.extra,
        }
    }
}

/// Variables every template gets.
#[derive(Serialize)]
pub(crate) struct Common<'a> {
    /// The site's root, where its files are (`style.css`).
    pub root: String,
    /// The home page of the page's language: `root`, or `root` + `fr/`.
    pub home_url: String,
    /// The site path of `home`: `/` or `/fr/`.
    pub home_path: &'a str,
    /// The page in each language of the site (none for a site of one).
    pub languages: Vec<super::languages::LanguageLink<'a>>,
    /// Its `hreflang` alternates (none unless it is translated).
    pub alternates: Vec<super::languages::Alternate<'a>>,
    pub path: &'a str,
    pub canonical: Option<String>,
    pub nav: Vec<NavItem<'a>>,
    /// Some top-level sections are not in `nav` (see `[navigation]
    /// header_sections`): the home page lists them all.
    pub nav_more: bool,
    /// The site has math: pages link its stylesheet.
    pub math: bool,
}

/// Variables that are the same on every page (`site`, `ui`, `ui_json`,
/// `storage_prefix`, `ui_version`, `asset_version`): set once as Tera's
/// global context instead of being copied into every page's.
#[derive(Serialize)]
pub(crate) struct Globals<'a> {
    pub site: SiteView<'a>,
    pub ui: &'a BTreeMap<String, String>,
    pub ui_json: String,
    pub storage_prefix: String,
    /// Short hash of [`Globals::ui_script`], for cache-busting.
    pub ui_version: String,
    pub asset_version: &'a str,
}

impl<'a> Globals<'a> {
    pub(crate) fn new(
        config: &'a Config,
        ui: &'a BTreeMap<String, String>,
        scripted_ui: &BTreeMap<&str, &str>,
        asset_version: &'a str,
    ) -> Self {
        let site_key = crate::hash::short(config.base_url().unwrap_or(&config.title));
        let mut globals = Globals {
            site: SiteView::new(config),
            ui,
            ui_json: crate::escape::inert_json(scripted_ui),
            storage_prefix: String::new(),
            ui_version: String::new(),
            asset_version,
        };
        globals.set_storage_prefix(format!("syllabus:{site_key}:"));
        globals
    }

    /// Sets where the scripts keep progress (and so the strings' script).
    pub(crate) fn set_storage_prefix(&mut self, prefix: String) {
        self.storage_prefix = prefix;
        self.ui_version = crate::hash::short(&self.ui_script());
    }

    /// `ui.js`, loaded by every page before the theme's scripts: it adds
    /// the `#syl-ui` element they read their strings and storage prefix
    /// from. One cached file instead of the same strings in every page.
    pub(crate) fn ui_script(&self) -> String {
        let prefix = serde_json::Value::from(self.storage_prefix.as_str());
        format!(
            "(function(d){{var s=d.createElement(\"script\");s.type=\"application/json\";\
             s.id=\"syl-ui\";s.setAttribute(\"data-storage-prefix\",{prefix});\
             s.textContent=JSON.stringify({json});d.head.appendChild(s)}})(document);\n",
            json = self.ui_json
        )
    }
}

#[derive(Serialize)]
pub(crate) struct NavItem<'a> {
    pub title: &'a str,
    pub url: String,
    pub current: bool,
    /// The section's site path, for pages whose links cannot be relative.
    #[serde(skip)]
    pub path: &'a str,
}

/// A breadcrumb: a link to an enclosing page.
pub(crate) type Crumb<'a> = Link<'a>;

#[derive(Serialize)]
pub(crate) struct GuideCard<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub url: String,
    pub difficulty: Option<&'static str>,
    pub reading_time: usize,
    pub word_count: usize,
    pub tags: &'a [String],
    pub date: Option<&'a str>,
    #[serde(flatten)]
    pub study: StudyLinks,
    /// This card is the page being rendered (for sidebars).
    pub current: bool,
    /// The tags with the URLs of their pages.
    pub tag_links: Vec<Link<'a>>,
}

/// A link to a page: title and relative URL.
#[derive(Serialize)]
pub(crate) struct Link<'a> {
    pub title: &'a str,
    pub url: String,
}

/// Counts and links of a guide's study pages, relative to the current page.
#[derive(Serialize)]
pub(crate) struct StudyLinks {
    pub question_count: usize,
    pub practice_count: usize,
    pub faq_count: usize,
    pub practice_url: Option<String>,
    pub faq_url: Option<String>,
    /// The guide's deck on the flashcards page (`flashcards/?guide=KEY`).
    pub flashcards_url: Option<String>,
    /// The guide's first question on its page: where the "Flashcards"
    /// link leads without JavaScript.
    pub questions_url: Option<String>,
}

impl StudyLinks {
    pub(crate) fn new(from: &str, page: &Page) -> Self {
        let study = &page.rendered.study;
        let link = |count: usize, sub: &str| {
            (count > 0).then(|| relative_url(from, &format!("{}{sub}/", page.path)))
        };
        StudyLinks {
            question_count: study.questions.len(),
            practice_count: study.practice_count(),
            faq_count: study.faq.len(),
            practice_url: link(study.practice_count(), "practice"),
            faq_url: link(study.faq.len(), "faq"),
            flashcards_url: (!study.questions.is_empty())
                .then(|| super::decks::deck_url(from, page)),
            questions_url: super::decks::questions_url(from, page),
        }
    }
}

#[derive(Serialize)]
pub(crate) struct QuestionSummary<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// The title as HTML, without links, to sit in one.
    pub title_html: std::borrow::Cow<'a, str>,
    pub short_answer: &'a str,
}

/// How many guide cards the sections listed on one page (the home page's,
/// a section's subsections) show together before each shows only its first
/// few: at 10,000 guides the home page listing them all was 6 MB.
pub(crate) const SECTION_CARDS_UP_TO: usize = 240;

/// The sections in `dirs` with the guides their cards show: all of them
/// while the sections hold at most [`SECTION_CARDS_UP_TO`] together, else
/// an equal share of that (at least one each).
pub(crate) fn carded<'s, 'd>(
    site: &'s Site,
    dirs: &'d [String],
) -> impl Iterator<Item = (&'s Section, &'s [usize])> + use<'s, 'd> {
    let total: usize = dirs.iter().map(|d| site.section(d).guides.len()).sum();
    let each = if total <= SECTION_CARDS_UP_TO {
        usize::MAX
    } else {
        (SECTION_CARDS_UP_TO / dirs.len()).max(1)
    };
    dirs.iter().map(move |d| {
        let section = site.section(d);
        (section, &section.guides[..each.min(section.guides.len())])
    })
}

/// A section with its guides, each as a `G`.
#[derive(Serialize)]
pub(crate) struct SectionCard<'a, G = GuideCard<'a>> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub url: String,
    pub guide_count: usize,
    pub guides: Vec<G>,
}

/// A section as a guide page's sidebar sees it: each guide is a link, not a
/// card, and a large section lists only some of its guides (see
/// [`nav_window`]): every guide page carries this list.
#[derive(Serialize)]
pub(crate) struct SectionNav<'a> {
    #[serde(flatten)]
    pub section: SectionCard<'a, NavGuide<'a>>,
    /// `guides` holds every guide of the section.
    pub complete: bool,
}

#[derive(Serialize)]
pub(crate) struct NavGuide<'a> {
    pub title: &'a str,
    pub url: String,
    pub difficulty: Option<&'static str>,
    /// This guide is the page being rendered.
    pub current: bool,
    /// Its place in the section's reading order, from 1.
    pub position: usize,
    /// Guides between the previous one listed and this one are left out.
    pub gap_before: bool,
}

/// The places (0-based, ascending) of the guides that a guide page at
/// place `at` lists from a section of `count` guides, at most `limit` of
/// them (never fewer than 3): all of a small section; else the first, the
/// last and the nearest to `at`. Every guide page lists these, so the list
/// must not grow with the section: a section of 10,000 guides would put
/// 10,000 links on each of its 10,000 pages.
pub(crate) fn nav_window(count: usize, at: usize, limit: usize) -> Vec<usize> {
    let limit = limit.max(3);
    if count <= limit {
        return (0..count).collect();
    }
    let inner = limit - 2;
    let start = at.saturating_sub(inner / 2).clamp(1, count - 1 - inner);
    let mut places = Vec::with_capacity(limit);
    places.push(0);
    places.extend(start..start + inner);
    places.push(count - 1);
    places
}

#[derive(Serialize)]
pub(crate) struct SectionView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub content: &'a str,
    pub url: String,
    pub extra: Option<&'a serde_yaml::Mapping>,
    pub guides: Vec<GuideCard<'a>>,
    pub subsections: Vec<SectionCard<'a>>,
    pub guide_count: usize,
}

#[derive(Serialize)]
pub(crate) struct GuideView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub content: &'a str,
    pub toc: &'a [TocEntry],
    pub date: Option<&'a str>,
    pub updated: Option<&'a str>,
    pub date_display: Option<String>,
    pub updated_display: Option<String>,
    pub tags: &'a [String],
    pub difficulty: Option<&'static str>,
    pub word_count: usize,
    pub reading_time: usize,
    pub url: String,
    pub extra: &'a serde_yaml::Mapping,
    #[serde(flatten)]
    pub study: StudyLinks,
    pub questions: Vec<QuestionSummary<'a>>,
    /// Tags with the URLs of their pages.
    pub tag_links: Vec<Link<'a>>,
    /// Guides that link here ("Referenced by").
    pub backlinks: Vec<Link<'a>>,
    pub related: Vec<GuideCard<'a>>,
    pub prev: Option<Link<'a>>,
    pub next: Option<Link<'a>>,
}

/// Builds views for pages of one site.
pub(crate) struct Views<'a> {
    pub site: &'a Site,
    pub config: &'a Config,
    pub ui: &'a BTreeMap<String, String>,
    /// Some page of the site has math (see [`Site::has_math`]).
    pub math: bool,
    /// The study data files written, which the practice hub and the
    /// flashcards page link.
    pub data: &'a super::study_data::StudyData,
    /// The pages of every language, for links between them.
    pub versions: &'a super::languages::Versions<'a>,
}

impl<'a> Views<'a> {
    pub(crate) fn common(&'a self, path: &'a str, root: String) -> Common<'a> {
        let home = self.site.section("");
        let limit = self.config.navigation.header_sections;
        // The first few sections, and the reader's own wherever it is: a
        // site of hundreds of sections would otherwise repeat all of them
        // in every page.
        let nav: Vec<NavItem> = home
            .subsections
            .iter()
            .enumerate()
            .map(|(n, dir)| (n, self.site.section(dir)))
            .filter(|(n, s)| *n < limit || path.starts_with(&s.path))
            .map(|(_, s)| NavItem {
                title: &s.title,
                url: relative_url(path, &s.path),
                current: path.starts_with(&s.path),
                path: &s.path,
            })
            .collect();
        let lang = self.site.lang;
        let url = |to: &str| match self.config.base_url() {
            Some(base) => absolute_url(base, to),
            None => relative_url(path, to),
        };
        Common {
            root,
            home_url: relative_url(path, &self.site.home),
            home_path: &self.site.home,
            languages: self.versions.switcher(lang, path),
            alternates: self.versions.alternates(lang, path, url),
            path,
            canonical: self.config.base_url().map(|b| absolute_url(b, path)),
            nav_more: home.subsections.len() > limit,
            nav,
            math: self.math,
        }
    }

    pub(crate) fn reading_time(&self, words: usize) -> usize {
        let wpm = self.config.markdown.words_per_minute.max(1) as usize;
        words.div_ceil(wpm).max(1)
    }

    pub(crate) fn guide_card(&self, from: &str, page: &'a Page) -> GuideCard<'a> {
        GuideCard {
            title: &page.front.title,
            description: page.front.description.as_deref(),
            url: relative_url(from, &page.path),
            difficulty: page.front.difficulty.map(|d| d.as_str()),
            reading_time: self.reading_time(page.rendered.word_count),
            word_count: page.rendered.word_count,
            tags: &page.front.tags,
            date: page.front.date.as_ref().map(|d| d.text.as_str()),
            study: StudyLinks::new(from, page),
            current: from == page.path,
            tag_links: self.tag_links(from, &page.front.tags),
        }
    }

    /// `section` seen from the page at `from`, with `guides`.
    fn section_with<G>(
        &self,
        from: &str,
        section: &'a Section,
        guides: Vec<G>,
    ) -> SectionCard<'a, G> {
        let index = section.index.map(|i| &self.site.pages[i]);
        SectionCard {
            title: &section.title,
            description: index.and_then(|p| p.front.description.as_deref()),
            url: relative_url(from, &section.path),
            guide_count: section.guides.len(),
            guides,
        }
    }

    /// The sections in `dirs` as cards, each with its first guides: all of
    /// them while the sections hold at most [`SECTION_CARDS_UP_TO`] together,
    /// else an equal share of that (at least one each). Every card links
    /// its section, which lists the rest.
    pub(crate) fn section_cards(&self, from: &str, dirs: &[String]) -> Vec<SectionCard<'a>> {
        carded(self.site, dirs)
            .map(|(section, shown)| {
                let guides = shown
                    .iter()
                    .map(|&g| self.guide_card(from, &self.site.pages[g]))
                    .collect();
                self.section_with(from, section, guides)
            })
            .collect()
    }

    /// The section list of the guide page `i`, which is in `section`.
    pub(crate) fn section_nav(&self, i: usize, section: &'a Section) -> SectionNav<'a> {
        let from = self.site.pages[i].path.as_str();
        let places = nav_window(
            section.guides.len(),
            self.site.graph.position[i],
            self.config.navigation.section_guides,
        );
        let complete = places.len() == section.guides.len();
        let mut listed: Option<usize> = None;
        let guides = places
            .into_iter()
            .map(|place| {
                let page = &self.site.pages[section.guides[place]];
                let gap_before = listed.is_some_and(|p| place > p + 1);
                listed = Some(place);
                NavGuide {
                    title: &page.front.title,
                    url: relative_url(from, &page.path),
                    difficulty: page.front.difficulty.map(|d| d.as_str()),
                    current: from == page.path,
                    position: place + 1,
                    gap_before,
                }
            })
            .collect();
        SectionNav {
            section: self.section_with(from, section, guides),
            complete,
        }
    }

    pub(crate) fn section(&self, section: &'a Section) -> SectionView<'a> {
        let from = section.path.as_str();
        let index = section.index.map(|i| &self.site.pages[i]);
        SectionView {
            title: &section.title,
            description: index.and_then(|p| p.front.description.as_deref()),
            content: index.map_or("", |p| p.rendered.html.as_str()),
            url: "./".into(),
            extra: index.map(|p| &p.front.extra),
            guides: section
                .guides
                .iter()
                .map(|&g| self.guide_card(from, &self.site.pages[g]))
                .collect(),
            subsections: self.section_cards(from, &section.subsections),
            guide_count: section.guides.len(),
        }
    }

    /// The guide `page`, seen from the page at `from`.
    pub(crate) fn guide(&self, from: &str, i: usize) -> GuideView<'a> {
        let page = &self.site.pages[i];
        let front = &page.front;
        let graph = &self.site.graph;
        GuideView {
            title: &front.title,
            description: front.description.as_deref(),
            content: &page.rendered.html,
            toc: &page.rendered.toc,
            date: front.date.as_ref().map(|d| d.text.as_str()),
            updated: front.updated.as_ref().map(|d| d.text.as_str()),
            date_display: front.date.as_ref().map(|d| self.date_text(d)),
            updated_display: front.updated.as_ref().map(|d| self.date_text(d)),
            tags: &front.tags,
            difficulty: front.difficulty.map(|d| d.as_str()),
            word_count: page.rendered.word_count,
            reading_time: self.reading_time(page.rendered.word_count),
            url: relative_url(from, &page.path),
            extra: &front.extra,
            study: StudyLinks::new(from, page),
            questions: page
                .rendered
                .study
                .questions
                .iter()
                .map(|q| QuestionSummary {
                    id: &q.id,
                    title: &q.title,
                    title_html: crate::markdown::html::without_links(&q.title_html),
                    short_answer: &q.short_answer,
                })
                .collect(),
            tag_links: self.tag_links(from, &front.tags),
            backlinks: graph.backlinks[i]
                .iter()
                .map(|&j| self.link(from, j))
                .collect(),
            related: graph.related[i]
                .iter()
                .map(|&j| self.guide_card(from, &self.site.pages[j]))
                .collect(),
            prev: graph.prev[i].map(|j| self.link(from, j)),
            next: graph.next[i].map(|j| self.link(from, j)),
        }
    }

    /// Home, then each enclosing section down to (not including) `dir`'s own
    /// page when `include_dir` is false.
    pub(crate) fn breadcrumbs(&self, from: &str, dir: &str, include_dir: bool) -> Vec<Crumb<'a>> {
        let mut dirs = vec![String::new()];
        let mut acc = String::new();
        for part in dir.split('/').filter(|p| !p.is_empty()) {
            if !acc.is_empty() {
                acc.push('/');
            }
            acc.push_str(part);
            dirs.push(acc.clone());
        }
        if !include_dir {
            dirs.pop();
        }
        dirs.iter()
            .map(|d| {
                let s = self.site.section(d);
                let title = if d.is_empty() {
                    self.home_title()
                } else {
                    &s.title
                };
                Crumb {
                    title,
                    url: relative_url(from, &s.path),
                }
            })
            .collect()
    }

    pub(crate) fn link(&self, from: &str, page: usize) -> Link<'a> {
        let page = &self.site.pages[page];
        Link {
            title: &page.front.title,
            url: relative_url(from, &page.path),
        }
    }

    pub(crate) fn tag_links(&self, from: &str, tags: &'a [String]) -> Vec<Link<'a>> {
        tags.iter()
            .filter_map(|t| {
                let tag = &self.site.graph.tags[*self.site.graph.tag_index.get(t)?];
                Some(Link {
                    title: &tag.name,
                    url: relative_url(from, &self.site.at(&format!("tags/{}/", tag.slug))),
                })
            })
            .collect()
    }

    /// An interface string, or `fallback` when the theme has none.
    pub(crate) fn ui_text(&self, key: &str, fallback: &'a str) -> &'a str {
        self.ui.get(key).map_or(fallback, String::as_str)
    }

    /// A date for readers, as the interface strings `date_format` and
    /// `month_1` to `month_12` write it (`1 May 2024`).
    fn date_text(&self, date: &crate::frontmatter::Date) -> String {
        use chrono::Datelike;
        let month = self.ui.get(&format!("month_{}", date.day.month()));
        let (Some(format), Some(month)) = (self.ui.get("date_format"), month) else {
            return date.display();
        };
        format
            .replace("{day}", &date.day.day().to_string())
            .replace("{month}", month)
            .replace("{year}", &date.day.year().to_string())
    }

    pub(crate) fn home_title(&self) -> &'a str {
        let home = self.site.section("");
        match home.index {
            Some(i) if self.site.pages[i].kind == PageKind::Home => &self.site.pages[i].front.title,
            _ => &self.config.title,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::nav_window;

    #[test]
    fn a_small_section_is_listed_whole() {
        assert_eq!(nav_window(5, 2, 25), vec![0, 1, 2, 3, 4]);
        assert_eq!(nav_window(25, 24, 25), (0..25).collect::<Vec<_>>());
    }

    #[test]
    fn a_large_section_lists_first_last_and_neighbours() {
        assert_eq!(nav_window(100, 50, 7), vec![0, 48, 49, 50, 51, 52, 99]);
        assert_eq!(nav_window(100, 0, 7), vec![0, 1, 2, 3, 4, 5, 99]);
        assert_eq!(nav_window(100, 1, 7), vec![0, 1, 2, 3, 4, 5, 99]);
        assert_eq!(nav_window(100, 99, 7), vec![0, 94, 95, 96, 97, 98, 99]);
        assert_eq!(nav_window(100, 97, 7), vec![0, 94, 95, 96, 97, 98, 99]);
        assert_eq!(nav_window(10, 5, 0), vec![0, 5, 9]);
        for at in 0..1000 {
            let w = nav_window(1000, at, 25);
            assert_eq!(w.len(), 25);
            assert!(w.contains(&at) && w.windows(2).all(|p| p[0] < p[1]));
        }
    }
}
