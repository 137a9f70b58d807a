//! The pages the site adds to the author's: each guide's study pages and
//! the site-wide ones. Their URLs are fixed here, so no page can take them;
//! `render` fills them. A guide's flashcards are not a page of their own:
//! they are a deck of the site-wide flashcards page (`/flashcards/?guide=`).

/// A study page of one guide, below the guide's own URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GuidePage {
    Practice,
    Faq,
}

impl GuidePage {
    pub(crate) const ALL: [GuidePage; 2] = [GuidePage::Practice, GuidePage::Faq];

    /// The folder below the guide's URL: `practice`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            GuidePage::Practice => "practice",
            GuidePage::Faq => "faq",
        }
    }

    /// The page's site path for the guide at `guide_path` (`/sql/joins/`).
    pub(crate) fn path(self, guide_path: &str) -> String {
        format!("{guide_path}{}/", self.name())
    }

    pub(crate) fn template(self) -> &'static str {
        match self {
            GuidePage::Practice => "practice.html",
            GuidePage::Faq => "faq.html",
        }
    }
}

/// A site-wide study page: the practice hub, the question bank, the FAQ
/// and the flashcards. The question bank and the FAQ are split by
/// top-level section on very large sites, each section's part below the
/// hub's path; the practice hub and the flashcards fetch their questions
/// from data files split the same way (`render::study_data`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hub {
    Practice,
    Questions,
    Faq,
    Flashcards,
}

impl Hub {
    pub(crate) const ALL: [Hub; 4] = [Hub::Practice, Hub::Questions, Hub::Faq, Hub::Flashcards];

    pub(crate) fn path(self) -> &'static str {
        match self {
            Hub::Practice => "/practice/",
            Hub::Questions => "/questions/",
            Hub::Faq => "/faq/",
            Hub::Flashcards => "/flashcards/",
        }
    }

    /// The path of the part for the top-level section `dir`.
    pub(crate) fn part_path(self, dir: &str) -> String {
        format!("{}{dir}/", self.path())
    }

    pub(crate) fn template(self) -> &'static str {
        match self {
            Hub::Practice => "practice_hub.html",
            Hub::Questions => "questions.html",
            Hub::Faq => "faq_index.html",
            Hub::Flashcards => "flashcards.html",
        }
    }
}

/// Other site-wide pages, whose paths pages cannot take either.
pub(crate) const SITE_PAGES: [&str; 3] = ["/tags/", "/search/", "/404.html"];

/// Every built-in page's path.
pub(crate) fn reserved() -> impl Iterator<Item = &'static str> {
    Hub::ALL.iter().map(|h| h.path()).chain(SITE_PAGES)
}
