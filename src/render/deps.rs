//! What each page is made from, as digests: a rebuild that may reuse the
//! last build's pages keys each page by these, so only the pages whose
//! inputs changed have their context built and rendered. Building every
//! page's context just to hash it was most of the work of a one-guide edit.
//!
//! A page sees three kinds of input: the site's outline (every page's path
//! and front matter, its study counts, the sections, the graph, the
//! configuration and interface strings), which nearly every page shows a
//! little of; a guide's body, shown whole only on its own pages and in the
//! site-wide study pages; and a guide's word count, shown on the cards that
//! list it. Word counts are apart because every edit of a body changes
//! its word count, and the outline is in every key.
//!
//! In debug builds (the tests), a page reused by its key is rendered anyway
//! and compared with what it replaces: a context reading an input its key
//! leaves out fails there instead of leaving a stale page.

use std::io::Write;

use super::hubs::Part;
use super::pages::tag_cards;
use super::views::{carded, Views};
use super::Job;
use crate::cache::{Key, KeyHasher};
use crate::discover::PageKind;
use crate::plan::{top_dir, Hub};
use crate::site::{Page, Site};

/// The digests the pages of one language's site are keyed by.
pub(super) struct Digests {
    /// Everything but bodies and word counts (see the module's comment).
    outline: KeyHasher,
    /// Per page: its whole rendered body.
    bodies: Vec<u128>,
    /// Per page: its word count.
    words: Vec<usize>,
    /// The study data files, which the site-wide study pages link.
    data: Key,
}

impl Digests {
    pub(super) fn new(views: &Views) -> Digests {
        let site = views.site;
        let bodies = site.pages.iter().map(|p| p.rendered.digest).collect();
        Digests {
            outline: outline(views),
            bodies,
            words: site.pages.iter().map(|p| p.rendered.word_count).collect(),
            data: Key::of_debug(views.data),
        }
    }

    /// The key of `job`'s page: the outline, and the bodies and word counts
    /// of the pages its context reads.
    pub(super) fn of_job(&self, job: &Job, site: &Site) -> KeyHasher {
        let mut key = self.outline.clone();
        let bodies = |key: &mut KeyHasher, pages: &mut dyn Iterator<Item = usize>| {
            for i in pages {
                key.part(&self.bodies[i].to_le_bytes());
            }
        };
        let words = |key: &mut KeyHasher, pages: &mut dyn Iterator<Item = usize>| {
            for i in pages {
                key.part(&self.words[i].to_le_bytes());
            }
        };
        let guides = || guides(site);
        // The guides a page lists as cards, with their reading time: its
        // section's, and those its subsections' cards show.
        let cards = |key: &mut KeyHasher, section: &crate::site::Section| {
            let carded = carded(site, &section.subsections).flat_map(|(_, shown)| shown);
            words(key, &mut section.guides.iter().chain(carded).copied());
        };
        match *job {
            Job::Home | Job::Section(_) => {
                let section = match *job {
                    Job::Section(dir) => site.section(dir),
                    _ => site.section(""),
                };
                bodies(&mut key, &mut section.index.into_iter());
                cards(&mut key, section);
            }
            Job::NotFound => {}
            Job::Guide(i) | Job::GuideStudy(i, _) => {
                bodies(&mut key, &mut std::iter::once(i));
                words(&mut key, &mut site.graph.related[i].iter().copied());
            }
            Job::Hub(hub, part) => {
                key.part(&self.data.bytes());
                match (hub, part) {
                    (Hub::Questions | Hub::Faq, Part::Section(parts, place)) => {
                        let dir = parts[place].0;
                        let mut under = guides().filter(|&i| top_dir(&site.pages[i].key) == dir);
                        bodies(&mut key, &mut under);
                    }
                    _ => bodies(&mut key, &mut guides()),
                }
            }
            // The tags with their counts only.
            Job::Tags => {}
            Job::Tag(t) => words(
                &mut key,
                &mut tag_cards(&site.graph.tags[t]).iter().copied(),
            ),
        }
        key
    }
}

fn guides(site: &Site) -> impl Iterator<Item = usize> + '_ {
    site.pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PageKind::Guide)
        .map(|(i, _)| i)
}

/// The site's outline: what any page may show of pages other than itself,
/// but for word counts, and what every page shows of the site.
fn outline(views: &Views) -> KeyHasher {
    let site = views.site;
    let mut key = KeyHasher::new();
    // Debug forms: these types hold no hash maps, so their forms are
    // stable, and the cache is keyed by syllabus's version.
    let _ = write!(key, "{:?}{:?}", views.config, views.ui);
    let _ = write!(key, "{}{}{}", site.lang, site.home, views.math);
    for page in &site.pages {
        outline_of(&mut key, page);
    }
    let _ = write!(key, "{:?}{:?}", site.sections, site.aliases);
    let graph = &site.graph;
    let _ = write!(
        key,
        "{:?}{:?}{:?}{:?}{:?}{:?}",
        graph.backlinks, graph.related, graph.prev, graph.next, graph.position, graph.tags
    );
    views.versions.hash_into(&mut key);
    key
}

/// What other pages show of `page`: where it is, its front matter and its
/// study counts (cards link its practice, FAQ and first question).
fn outline_of(key: &mut KeyHasher, page: &Page) {
    let study = &page.rendered.study;
    let first = study.questions.first().map(|q| q.id.as_str());
    let _ = write!(
        key,
        "{}\0{}\0{:?}\0{}\0{}\0{}\0{}\0{}\0{:?}\0{}\0",
        page.key,
        page.base,
        page.kind,
        page.path,
        page.front_digest.hex(),
        study.questions.len(),
        study.practice_count(),
        study.faq.len(),
        first,
        page.rendered.has_math,
    );
}
