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
pub fn build(
    pages: &[Page],
    sections: &BTreeMap<String, Section>,
    related: &[Vec<String>],
    limit: usize,
) -> Graph {
    let n = pages.len();
    let index: HashMap<&str, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.key.as_str(), i))
        .collect();
    let is_guide = |i: usize| pages[i].kind == PageKind::Guide;
    // Each page's place in title order (path breaks ties), found once: the
    // lists below all sort by it, and ranking related guides compares it
    // often, as scores tie a lot.
    let rank: Vec<usize> = {
        let titles: Vec<String> = pages.iter().map(|p| p.front.title.to_lowercase()).collect();
        let mut in_title_order: Vec<usize> = (0..n).collect();
        in_title_order
            .sort_by(|&a, &b| (&titles[a], &pages[a].key).cmp(&(&titles[b], &pages[b].key)));
        let mut rank = vec![0; n];
        for (r, &i) in in_title_order.iter().enumerate() {
            rank[i] = r;
        }
        rank
    };

    // Who links to whom, once per pair.
    let mut links_to: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    for (from, page) in pages.iter().enumerate() {
        for link in &page.rendered.links {
            if let Some(&to) = index.get(link.page.as_str()) {
                if to != from {
                    links_to[from].insert(to);
                }
            }
        }
    }
    let mut backlinks = vec![Vec::new(); n];
    for (from, targets) in links_to.iter().enumerate() {
        if is_guide(from) {
            for &to in targets {
                backlinks[to].push(from);
            }
        }
    }
    for list in &mut backlinks {
        list.sort_by_key(|&j| rank[j]);
    }

    let mut graph = Graph {
        backlinks,
        ..Graph::default()
    };
    graph.tags = tags(pages, &rank);
    graph.tag_index = graph
        .tags
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), i))
        .collect();

    // Candidates come from the tag index and the links, not from every
    // other guide: scoring all pairs is quadratic in the site's size.
    let mut by_tag: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, page) in pages.iter().enumerate().filter(|(j, _)| is_guide(*j)) {
        for tag in &page.front.tags {
            by_tag.entry(tag.as_str()).or_default().push(j);
        }
    }
    let mut linked_from: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (from, targets) in links_to.iter().enumerate() {
        for &to in targets {
            linked_from[to].push(from);
        }
    }
    // Scores are counted in a dense array per thread (a popular tag
    // touches thousands of guides), and only touched entries are reset.
    graph.related = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0u32; n], Vec::new()),
            |(scores, touched), i| {
                if !is_guide(i) {
                    return Vec::new();
                }
                let mut chosen: Vec<usize> = related[i]
                    .iter()
                    .filter_map(|k| index.get(k.as_str()).copied())
                    .collect();
                chosen.dedup();
                let mut add = |j: usize, points: u32| {
                    if scores[j] == 0 {
                        touched.push(j);
                    }
                    scores[j] += points;
                };
                let mut tags: Vec<&str> = pages[i].front.tags.iter().map(String::as_str).collect();
                tags.sort_unstable();
                tags.dedup();
                for tag in tags {
                    for &j in by_tag.get(tag).map_or(&[][..], Vec::as_slice) {
                        add(j, 2);
                    }
                }
                for &j in links_to[i].iter().chain(&linked_from[i]) {
                    if is_guide(j) {
                        add(j, 1);
                    }
                }
                let mut scored: Vec<(usize, usize)> = touched
                    .drain(..)
                    .map(|j| (std::mem::take(&mut scores[j]) as usize, j))
                    .filter(|(_, j)| *j != i && !chosen.contains(j))
                    .collect();
                // Highest score first; title, then path, breaks ties. Only the
                // best few are kept, so only they are sorted.
                let order = |&(score, j): &(usize, usize)| (std::cmp::Reverse(score), rank[j]);
                let keep = limit.saturating_sub(chosen.len());
                if keep == 0 {
                    scored.clear();
                } else if scored.len() > keep {
                    scored.select_nth_unstable_by_key(keep - 1, order);
                    scored.truncate(keep);
                }
                scored.sort_by_key(order);
                chosen.extend(scored.into_iter().map(|(_, j)| j));
                chosen.truncate(limit);
                chosen
            },
        )
        .collect();

    graph.prev = vec![None; n];
    graph.next = vec![None; n];
    graph.position = vec![0; n];
    for section in sections.values() {
        for (place, &g) in section.guides.iter().enumerate() {
            graph.position[g] = place;
        }
        for pair in section.guides.windows(2) {
            graph.next[pair[0]] = Some(pair[1]);
            graph.prev[pair[1]] = Some(pair[0]);
        }
    }
    graph
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
pub fn tag_slug(tag: &str) -> String {
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
