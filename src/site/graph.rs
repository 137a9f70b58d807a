//! How guides relate: backlinks, related guides, reading order within a
//! section, and tags. Computed once every page is rendered.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use super::{Page, Section};
use crate::discover::PageKind;
use crate::markdown::headings::slugify;

/// A tag and the guides that carry it.
#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    /// Unique URL segment: `/tags/SLUG/`.
    pub slug: String,
    /// Guide indexes, in title order.
    pub guides: Vec<usize>,
}

/// Relations between pages, by page index.
#[derive(Debug, Default)]
pub struct Graph {
    /// Guides that link to each page, in title order.
    pub backlinks: Vec<Vec<usize>>,
    /// Related guides: explicit `related:` first, then ranked by shared
    /// tags and links.
    pub related: Vec<Vec<usize>>,
    pub prev: Vec<Option<usize>>,
    pub next: Vec<Option<usize>>,
    /// Each guide's place in its section's reading order (0 for pages
    /// that are not a section's guide).
    pub position: Vec<usize>,
    pub tags: Vec<Tag>,
    /// Tag name -> index in `tags`.
    pub tag_index: HashMap<String, usize>,
}

/// `related` holds each page's explicit related pages (content paths).
pub(crate) fn build(
    pages: &[Page],
    sections: &BTreeMap<String, Section>,
    related: &[Vec<String>],
    limit: usize,
) -> Graph {
    let index: HashMap<&str, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.key.as_str(), i))
        .collect();
    let rank = title_ranks(pages);
    let links_to = links(pages, &index);
    let tags = tags(pages, &rank);
    let finder = RelatedFinder::new(pages, &index, &links_to, &rank, limit);
    let (prev, next, position) = reading_order(sections, pages.len());
    Graph {
        backlinks: backlinks(pages, &links_to, &rank),
        related: (0..pages.len())
            .into_par_iter()
            .map_init(Scores::default, |scores, i| {
                finder.find(i, &related[i], scores)
            })
            .collect(),
        prev,
        next,
        position,
        tag_index: tags
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.clone(), i))
            .collect(),
        tags,
    }
}

/// Each page's place in title order (path breaks ties), found once: the
/// lists of the graph all sort by it, and ranking related guides compares
/// it often, as scores tie a lot.
fn title_ranks(pages: &[Page]) -> Vec<usize> {
    let titles: Vec<String> = pages.iter().map(|p| p.front.title.to_lowercase()).collect();
    let mut in_title_order: Vec<usize> = (0..pages.len()).collect();
    in_title_order.sort_by(|&a, &b| (&titles[a], &pages[a].key).cmp(&(&titles[b], &pages[b].key)));
    let mut rank = vec![0; pages.len()];
    for (r, &i) in in_title_order.iter().enumerate() {
        rank[i] = r;
    }
    rank
}

/// Who links to whom, once per pair.
fn links(pages: &[Page], index: &HashMap<&str, usize>) -> Vec<BTreeSet<usize>> {
    let mut links_to: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); pages.len()];
    for (from, page) in pages.iter().enumerate() {
        for link in &page.rendered.links {
            if let Some(&to) = index.get(link.page.as_str()) {
                if to != from {
                    links_to[from].insert(to);
                }
            }
        }
    }
    links_to
}

/// The guides linking to each page, in title order.
fn backlinks(pages: &[Page], links_to: &[BTreeSet<usize>], rank: &[usize]) -> Vec<Vec<usize>> {
    let mut backlinks = vec![Vec::new(); pages.len()];
    for (from, targets) in links_to.iter().enumerate() {
        if pages[from].kind == PageKind::Guide {
            for &to in targets {
                backlinks[to].push(from);
            }
        }
    }
    for list in &mut backlinks {
        list.sort_by_key(|&j| rank[j]);
    }
    backlinks
}

/// Previous and next guide in each section's reading order, and each
/// guide's place in it.
#[allow(clippy::type_complexity)]
fn reading_order(
    sections: &BTreeMap<String, Section>,
    n: usize,
) -> (Vec<Option<usize>>, Vec<Option<usize>>, Vec<usize>) {
    let (mut prev, mut next, mut position) = (vec![None; n], vec![None; n], vec![0; n]);
    for section in sections.values() {
        for (place, &g) in section.guides.iter().enumerate() {
            position[g] = place;
        }
        for pair in section.guides.windows(2) {
            next[pair[0]] = Some(pair[1]);
            prev[pair[1]] = Some(pair[0]);
        }
    }
    (prev, next, position)
}

/// Scores of candidate guides, counted in a dense array per thread (a
/// popular tag touches thousands of guides); only touched entries are
/// reset.
#[derive(Default)]
struct Scores {
    points: Vec<u32>,
    touched: Vec<usize>,
}

impl Scores {
    fn add(&mut self, j: usize, points: u32) {
        if self.points[j] == 0 {
            self.touched.push(j);
        }
        self.points[j] += points;
    }
}

/// Ranks each guide's related guides: explicit `related:` first, then by
/// shared tags (2 points each) and links either way (1 point).
struct RelatedFinder<'a> {
    pages: &'a [Page],
    index: &'a HashMap<&'a str, usize>,
    links_to: &'a [BTreeSet<usize>],
    linked_from: Vec<Vec<usize>>,
    /// Guides by tag: candidates come from here and from links, not from
    /// every other guide, as scoring all pairs is quadratic in the site.
    by_tag: HashMap<&'a str, Vec<usize>>,
    rank: &'a [usize],
    limit: usize,
}

impl<'a> RelatedFinder<'a> {
    fn new(
        pages: &'a [Page],
        index: &'a HashMap<&'a str, usize>,
        links_to: &'a [BTreeSet<usize>],
        rank: &'a [usize],
        limit: usize,
    ) -> Self {
        let mut by_tag: HashMap<&str, Vec<usize>> = HashMap::new();
        for (j, page) in pages.iter().enumerate() {
            if page.kind == PageKind::Guide {
                for tag in &page.front.tags {
                    by_tag.entry(tag.as_str()).or_default().push(j);
                }
            }
        }
        let mut linked_from: Vec<Vec<usize>> = vec![Vec::new(); pages.len()];
        for (from, targets) in links_to.iter().enumerate() {
            for &to in targets {
                linked_from[to].push(from);
            }
        }
        RelatedFinder {
            pages,
            index,
            links_to,
            linked_from,
            by_tag,
            rank,
            limit,
        }
    }

    fn is_guide(&self, i: usize) -> bool {
        self.pages[i].kind == PageKind::Guide
    }

    /// The related guides of page `i`, whose front matter names `explicit`.
    fn find(&self, i: usize, explicit: &[String], scores: &mut Scores) -> Vec<usize> {
        if !self.is_guide(i) {
            return Vec::new();
        }
        scores.points.resize(self.pages.len(), 0);
        let mut chosen: Vec<usize> = explicit
            .iter()
            .filter_map(|k| self.index.get(k.as_str()).copied())
            .collect();
        chosen.dedup();
        let mut tags: Vec<&str> = self.pages[i]
            .front
            .tags
            .iter()
            .map(String::as_str)
            .collect();
        tags.sort_unstable();
        tags.dedup();
        for tag in tags {
            for &j in self.by_tag.get(tag).map_or(&[][..], Vec::as_slice) {
                scores.add(j, 2);
            }
        }
        for &j in self.links_to[i].iter().chain(&self.linked_from[i]) {
            if self.is_guide(j) {
                scores.add(j, 1);
            }
        }
        let mut scored: Vec<(usize, usize)> = scores
            .touched
            .drain(..)
            .map(|j| (std::mem::take(&mut scores.points[j]) as usize, j))
            .filter(|(_, j)| *j != i && !chosen.contains(j))
            .collect();
        // Highest score first; title, then path, breaks ties. Only the
        // best few are kept, so only they are sorted.
        let order = |&(score, j): &(usize, usize)| (std::cmp::Reverse(score), self.rank[j]);
        let keep = self.limit.saturating_sub(chosen.len());
        if keep == 0 {
            scored.clear();
        } else if scored.len() > keep {
            scored.select_nth_unstable_by_key(keep - 1, order);
            scored.truncate(keep);
        }
        scored.sort_by_key(order);
        chosen.extend(scored.into_iter().map(|(_, j)| j));
        chosen.truncate(self.limit);
        chosen
    }
}

/// Every tag of every guide, sorted by name, each with a unique slug.
fn tags(pages: &[Page], rank: &[usize]) -> Vec<Tag> {
    let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, page) in pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PageKind::Guide)
    {
        for tag in &page.front.tags {
            by_name.entry(tag.as_str()).or_default().push(i);
        }
    }
    let mut used = BTreeSet::new();
    by_name
        .into_iter()
        .map(|(name, mut guides)| {
            guides.sort_by_key(|&g| rank[g]);
            guides.dedup();
            let base = tag_slug(name);
            let mut slug = base.clone();
            let mut k = 0;
            while !used.insert(slug.clone()) {
                k += 1;
                slug = format!("{base}-{k}");
            }
            Tag {
                name: name.to_string(),
                slug,
                guides,
            }
        })
        .collect()
}

/// `C++` -> `cplusplus`, `C#` -> `csharp`, `Web APIs` -> `web-apis`.
pub(crate) fn tag_slug(tag: &str) -> String {
    // Composed (NFC), so an accent typed on macOS stays in the URL.
    let slug = slugify(
        &crate::plan::urls::nfc(tag)
            .replace('+', "plus")
            .replace('#', "sharp")
            .replace('.', "-"),
    );
    if slug.is_empty() {
        "tag".into()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_slugs() {
        assert_eq!(tag_slug("C++"), "cplusplus");
        assert_eq!(tag_slug("C#"), "csharp");
        assert_eq!(tag_slug("Web APIs"), "web-apis");
        assert_eq!(tag_slug("node.js"), "node-js");
        assert_eq!(tag_slug("???"), "tag");
    }
}
