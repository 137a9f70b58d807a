//! Exports of the study model: an Anki import file of a site's questions.

use crate::build::{Checked, LocalSite};
use crate::hash::Fnv;
use crate::markdown::math::tex_for_anki;
use crate::plan::{absolute_url, absolutize, rebase, url_path};

/// Which questions to export.
#[derive(Debug, Clone, Default)]
pub struct AnkiFilter {
    /// Only guides (or section pages) with this tag.
    pub tag: Option<String>,
    /// Only pages in this top-level section folder (`sql`): its section
    /// pages and guides. The home page's questions are in no section.
    pub section: Option<String>,
    /// Only guides in this language (a code of site.toml); every language
    /// when unset, each in a deck of its own.
    pub language: Option<String>,
}

/// The questions of the site as an Anki text import (comma-separated, with
/// Anki's file headers). Every note has a stable GUID made from the site
/// (its `base_url`, or its title), the guide's path and the question's id,
/// so importing a newer export updates cards instead of adding copies. A
/// site of several languages puts each language's notes in a deck of its
/// own (`Title::Français`), unless `filter` takes one language, whose
/// title then names the deck.
pub fn anki(checked: &Checked, filter: &AnkiFilter) -> (String, usize) {
    let config = &checked.config;
    let site_key = config.base_url().unwrap_or(&config.title);
    let sites: Vec<&LocalSite> = checked
        .sites
        .iter()
        .filter(|l| {
            filter
                .language
                .as_ref()
                .is_none_or(|c| *c == l.language.code)
        })
        .collect();
    let one_deck = checked.sites.len() == 1 || filter.language.is_some();
    let deck_name = |title: &str| title.replace(['\n', '\r'], " ");
    let mut out = String::new();
    out.push_str("#separator:Comma\n#html:true\n#notetype:Basic\n");
    if one_deck {
        let title = sites.first().map_or(&config.title, |l| &l.config.title);
        out.push_str(&format!("#deck:{}\n", deck_name(title)));
        out.push_str("#columns:GUID,Front,Back,Tags\n#guid column:1\n#tags column:4\n");
    } else {
        out.push_str(
            "#columns:GUID,Front,Back,Tags,Deck\n#guid column:1\n#tags column:4\n#deck column:5\n",
        );
    }
    let mut count = 0;
    for local in sites {
        let deck =
            (!one_deck).then(|| deck_name(&format!("{}::{}", config.title, local.language.name)));
        count += notes(local, filter, site_key, deck.as_deref(), &mut out);
    }
    (out, count)
}

/// Writes the notes of one language's `local` site (in `deck`, when the
/// file has a deck column) to `out`; returns how many.
fn notes(
    local: &LocalSite,
    filter: &AnkiFilter,
    site_key: &str,
    deck: Option<&str>,
    out: &mut String,
) -> usize {
    let config = &local.config;
    let mut count = 0;
    for page in local.site.pages_in_order() {
        let section = crate::plan::top_dir(&page.key);
        if filter
            .tag
            .as_ref()
            .is_some_and(|t| !page.front.tags.contains(t))
            || filter
                .section
                .as_ref()
                .is_some_and(|s| s.trim_matches('/') != section)
        {
            continue;
        }
        let mut tags: Vec<String> = page.front.tags.iter().map(|t| anki_tag(t)).collect();
        if !section.is_empty() && !tags.contains(&anki_tag(section)) {
            tags.push(anki_tag(section));
        }
        for q in &page.rendered.study.questions {
            let mut guid = Fnv::new();
            for part in [site_key, page.key.as_str(), q.id.as_str()] {
                guid.write(part.as_bytes());
                guid.write(&[0]);
            }
            // Links work from outside the site; formulas go to Anki as
            // TeX, which it typesets itself.
            let field = |html: &str| match config.base_url() {
                Some(base) => absolutize(&tex_for_anki(html), base),
                None => rebase(&tex_for_anki(html), "/"),
            };
            let (front, answer) = (field(&q.title_html), field(&q.short_answer));
            let page_url = match config.base_url() {
                Some(base) => absolute_url(base, &page.path),
                None => url_path(page.path.trim_start_matches('/')).into_owned(),
            };
            let link = format!("{page_url}#{}", q.id);
            let back = format!(
                "<p>{answer}</p><p><a href=\"{}\">{}</a></p>",
                crate::escape::escape_html(&link),
                crate::escape::escape_html(&page.front.title)
            );
            let mut fields = vec![
                format!("syllabus-{}", guid.long()),
                front,
                back,
                tags.join(" "),
            ];
            fields.extend(deck.map(str::to_string));
            let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&row.join(","));
            out.push('\n');
            count += 1;
        }
    }
    count
}

/// Anki tags cannot hold spaces.
fn anki_tag(tag: &str) -> String {
    tag.split_whitespace().collect::<Vec<_>>().join("_")
}

/// A quoted CSV field; quotes inside are doubled. Line breaks become
/// spaces (the fields are HTML, where they mean nothing), so every note is
/// one line of the file.
fn csv_field(text: &str) -> String {
    format!(
        "\"{}\"",
        text.replace(['\r', '\n'], " ").replace('"', "\"\"")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted() {
        assert_eq!(csv_field("a, \"b\"\nc"), "\"a, \"\"b\"\" c\"");
        assert_eq!(anki_tag("web apis"), "web_apis");
    }
}
