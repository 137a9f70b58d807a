//! Exports of the study model: an Anki import file of a site's questions.

use crate::build::Checked;
use crate::hash::Fnv;
use crate::markdown::math::tex_for_anki;
use crate::plan::{absolute_url, absolutize, rebase, url_path};

/// Which questions to export.
#[derive(Debug, Clone, Default)]
pub struct AnkiFilter {
    /// Only guides with this tag.
    pub tag: Option<String>,
    /// Only guides in this top-level section folder (`sql`).
    pub section: Option<String>,
}

/// The questions of the site as an Anki text import (comma-separated, with
/// Anki's file headers). Every note has a stable GUID made from the site
/// (its `base_url`, or its title), the guide's path and the question's id,
/// so importing a newer export updates cards instead of adding copies.
pub fn anki(checked: &Checked, filter: &AnkiFilter) -> (String, usize) {
    let config = &checked.config;
    let site_key = config.base_url().unwrap_or(&config.title);
    let mut out = String::new();
    out.push_str("#separator:Comma\n#html:true\n#notetype:Basic\n");
    out.push_str(&format!(
        "#deck:{}\n",
        config.title.replace(['\n', '\r'], " ")
    ));
    out.push_str("#columns:GUID,Front,Back,Tags\n#guid column:1\n#tags column:4\n");
    let mut count = 0;
    for page in checked.site.guides_in_order() {
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
            let fields = [
                format!("syllabus-{}", guid.long()),
                front,
                back,
                tags.join(" "),
            ];
            let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&row.join(","));
            out.push('\n');
            count += 1;
        }
    }
    (out, count)
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
