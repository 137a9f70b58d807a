//! Links in a site of several languages. A link names a page by its file
//! (`joins.md`) and leads to that page in the linking page's language
//! (`joins.fr.md` from a French page); a link that names a language's file
//! (`joins.en.md`, `joins.fr.md`) leads to that version from any page. A
//! page with no version in the linking page's language is an error: the
//! reader would land in another language without being told.

use super::urls::{parent_dir, relative_source_path, LinkError, UrlMap};

impl UrlMap {
    /// Another language than `from`'s in which `has` holds, if there is
    /// one: where a link that found nothing in its own language could go.
    fn other_language<T>(&self, from: &str, has: impl Fn(usize) -> Option<T>) -> Option<T> {
        let lang = self.language_of(from);
        (0..self.languages.len())
            .filter(|&l| l != lang)
            .find_map(has)
    }

    /// The language (its index) of the page at content path `page`.
    pub(crate) fn language_of(&self, page: &str) -> usize {
        self.languages.named_in(page).map_or(0, |(lang, _)| lang)
    }

    /// The content path a link from `from` to the page file `target`
    /// leads to, and whether the link names its language itself.
    pub(crate) fn version(&self, from: &str, target: &str) -> (String, bool) {
        match self.languages.named_in(target) {
            Some((lang, base)) => (self.languages.path_in(&base, lang), true),
            None => {
                let lang = self.language_of(from);
                (self.languages.path_in(target, lang), false)
            }
        }
    }

    /// What is wrong with a link from `from` (written `written`) to the
    /// page `target` (`sql/joins.md`) that has versions, but none in
    /// `from`'s language; `None` when it has no version at all.
    pub(crate) fn untranslated(
        &self,
        from: &str,
        written: &str,
        target: &str,
    ) -> Option<LinkError> {
        let lang = self.language_of(from);
        let other = self.other_language(from, |l| {
            let version = self.languages.path_in(target, l);
            self.pages.contains_key(&version).then_some(l)
        })?;
        let code = &self.languages[lang].code;
        let wanted = self.languages.path_in(target, lang);
        let existing = self.languages.path_in(target, other);
        let explicit = match written.strip_suffix(".md") {
            Some(stem) => format!("{stem}.{}.md", self.languages[other].code),
            None => relative_source_path(parent_dir(from), &existing),
        };
        Some(LinkError {
            message: format!(
                "content/{existing} has no `{code}` version (there is no content/{wanted})"
            ),
            help: Some(format!(
                "translate it as content/{wanted}, or link to the version that exists by naming its file: `{explicit}`"
            )),
        })
    }

    /// The error for a link from `from` to the section folder `dir` that
    /// has pages in other languages but none in `from`'s.
    pub(super) fn untranslated_section(
        &self,
        from: &str,
        written: &str,
        dir: &str,
    ) -> Option<LinkError> {
        let other = self.other_language(from, |l| self.sections.get(&(l, dir.to_string())))?;
        let code = &self.languages[self.language_of(from)].code;
        Some(LinkError {
            message: format!(
                "link to `{written}`: the section content/{dir} has no page in `{code}`"
            ),
            help: Some(format!(
                "translate one of its pages, or link to another language's section by its URL (`{other}`)"
            )),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{rebase, LinkResolver};

    fn map() -> UrlMap {
        let config =
            crate::config::Config::parse("title = \"T\"\nlanguage = \"en\"\n[languages.fr]\n")
                .unwrap();
        let mut m = UrlMap {
            languages: config.languages(),
            ..UrlMap::default()
        };
        for (rel, path) in [
            ("sql/joins.md", "/sql/joins/"),
            ("sql/joins.fr.md", "/fr/sql/jointures/"),
            ("sql/indexes.md", "/sql/indexes/"),
            ("sql/views.fr.md", "/fr/sql/vues/"),
            ("sql/_index.fr.md", "/fr/sql/"),
        ] {
            m.pages.insert(rel.into(), path.into());
        }
        m.sections.insert((0, "sql".into()), "/sql/".into());
        m.sections.insert((1, "sql".into()), "/fr/sql/".into());
        m.sections.insert((0, "http".into()), "/http/".into());
        m
    }

    #[test]
    fn links_stay_in_their_language_unless_they_name_one() {
        let m = map();
        let href = |from: &str, to: &str| {
            let r = m
                .resolve(from, to)
                .unwrap_or_else(|e| panic!("{to}: {e:?}"));
            (rebase(&r.href, &m.pages[from]), r.page)
        };
        assert_eq!(
            href("sql/views.fr.md", "joins.md"),
            ("../jointures/".into(), Some("sql/joins.fr.md".into()))
        );
        assert_eq!(
            href("sql/joins.md", "joins.fr.md").0,
            "../../fr/sql/jointures/"
        );
        assert_eq!(
            href("sql/joins.fr.md", "indexes.en.md").0,
            "../../../sql/indexes/"
        );
        assert_eq!(href("sql/joins.fr.md", "./").0, "../");
        assert_eq!(
            href("sql/joins.fr.md", "./").1.as_deref(),
            Some("sql/_index.fr.md")
        );
        assert_eq!(href("sql/joins.md", "../sql/").0, "../");
    }

    #[test]
    fn a_page_without_a_version_in_the_language_is_an_error() {
        let m = map();
        let e = m.resolve("sql/joins.fr.md", "indexes.md").unwrap_err();
        assert_eq!(
            e.message,
            "link to `indexes.md`: content/sql/indexes.md has no `fr` version (there is no content/sql/indexes.fr.md)"
        );
        assert_eq!(
            e.help.as_deref(),
            Some("translate it as content/sql/indexes.fr.md, or link to the version that exists by naming its file: `indexes.en.md`")
        );
        let e = m.resolve("sql/joins.md", "views.md").unwrap_err();
        assert!(e.message.contains("has no `en` version"), "{}", e.message);
        assert!(e.help.unwrap().ends_with("`views.fr.md`"));
        let e = m.resolve("sql/joins.fr.md", "../http/").unwrap_err();
        assert_eq!(
            e.message,
            "link to `../http/`: the section content/http has no page in `fr`"
        );
        let e = m.resolve("sql/joins.fr.md", "nothing.md").unwrap_err();
        assert!(
            e.message
                .contains("there is no page content/sql/nothing.md"),
            "{}",
            e.message
        );
        let e = m.resolve("sql/joins.md", "nothing.fr.md").unwrap_err();
        assert!(
            e.message
                .contains("there is no page content/sql/nothing.fr.md"),
            "{}",
            e.message
        );
    }
}
