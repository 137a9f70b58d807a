//! Markdown to HTML: one parse per page into an event list, then named
//! passes over it, each collecting what later stages need (headings, links,
//! word counts) and rewriting what the page shows (ids, code, callouts).
//!
//! The passes run in a fixed order in [`render`]; the study passes
//! (questions, practice sets, FAQ) slot in beside the others.

pub(crate) mod blocks;
pub(crate) mod code;
pub(crate) mod headings;
pub(crate) mod html;
pub(crate) mod include;
pub(crate) mod links;
pub(crate) mod math;
mod pages;
pub(crate) mod raw_html;
pub(crate) mod study;
pub(crate) mod text;
pub(crate) mod tree;

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser};

use crate::diagnostics::{Diagnostic, Location};
pub use crate::plan::LinkResolver;
pub use headings::Heading;
pub use headings::TocEntry;
pub use include::Included;
pub use links::ExternalLink;
pub use links::FoundLink;
pub(crate) use pages::render_all;
pub use pages::MarkdownStores;
pub use study::FaqEntry;
pub use study::PracticeOption;
pub use study::PracticeQuestion;
pub use study::PracticeSet;
pub use study::Question;
pub use study::Study;
pub use study::StudyText;

/// The event list every pass takes and returns, with byte ranges in the body.
pub(crate) type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

/// What rendering needs to know about the page and the site.
pub struct MarkdownInput<'a> {
    /// The page's path as shown in messages.
    pub display_path: &'a str,
    /// The page's content path (`django/orm.md`), for resolving links.
    pub page: &'a str,
    /// The whole file, so locations count the front matter's lines too.
    pub file_text: &'a str,
    /// Where the body starts in `file_text`.
    pub body_offset: usize,
    /// Resolves links to other pages and files.
    pub resolver: &'a dyn LinkResolver,
    /// How the site renders Markdown.
    pub options: &'a MarkdownOptions,
    /// A guide: the only kind of page that may hold practice sets (home
    /// and section pages get questions and FAQs all the same).
    pub is_guide: bool,
    /// Highlighted code kept from earlier builds, if any.
    pub code_store: Option<&'a crate::highlight::CodeStore>,
    /// The site's folder, which code blocks may include files from
    /// (`file="..."`); `None` refuses every include.
    pub site_root: Option<&'a std::path::Path>,
}

/// How a site renders Markdown (from `site.toml` and the theme).
#[derive(Debug, Clone)]
pub struct MarkdownOptions {
    /// The themes code is highlighted with; `None` leaves code plain.
    pub palette: Option<std::sync::Arc<crate::highlight::Palette>>,
    /// Number the lines of code blocks unless a block says otherwise.
    pub line_numbers: bool,
    /// Curly quotes and dashes.
    pub smart_punctuation: bool,
    /// Interface strings the study passes write.
    pub study_text: StudyText,
    /// Interface strings the other passes write.
    pub markup_text: MarkupText,
    /// What becomes of HTML written in the Markdown.
    pub raw_html: crate::config::RawHtml,
    /// `$...$` and `$$...$$` are math.
    pub math: bool,
}

/// Words the passes write into every page, from the theme's interface
/// strings (`ui.toml`): a heading permalink's label and callout titles.
#[derive(Debug, Clone)]
pub struct MarkupText {
    /// `heading_link`: the `aria-label` of a heading's `#` link.
    pub anchor_label: String,
    /// `callout_note`, `callout_tip`, ...
    pub callouts: std::sync::Arc<blocks::CalloutTitles>,
}

impl Default for MarkupText {
    fn default() -> Self {
        MarkupText {
            anchor_label: "Link to this section".into(),
            callouts: Default::default(),
        }
    }
}

impl MarkupText {
    /// The words from the interface strings `ui`, English where it has none.
    pub(crate) fn from_ui(ui: &std::collections::BTreeMap<String, String>) -> Self {
        let default = MarkupText::default();
        let text =
            |key: &str, fallback: &str| ui.get(key).map_or(fallback, String::as_str).to_string();
        let c = &default.callouts;
        MarkupText {
            anchor_label: text("heading_link", &default.anchor_label),
            callouts: std::sync::Arc::new(blocks::CalloutTitles {
                note: text("callout_note", &c.note),
                tip: text("callout_tip", &c.tip),
                important: text("callout_important", &c.important),
                warning: text("callout_warning", &c.warning),
                caution: text("callout_caution", &c.caution),
            }),
        }
    }
}

/// A page's rendered body and what was found in it.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Rendered {
    /// The body as HTML.
    pub html: String,
    /// Every heading, in order.
    pub headings: Vec<Heading>,
    /// The table of contents.
    pub toc: Vec<TocEntry>,
    /// Words of prose and code.
    pub word_count: usize,
    /// Internal links, for the anchor check and backlinks.
    pub links: Vec<FoundLink>,
    /// Problems found in the body.
    pub diagnostics: Vec<Diagnostic>,
    /// Questions, practice sets and FAQ entries.
    pub study: Study,
    /// Links leaving the site.
    pub external: Vec<ExternalLink>,
    /// Highlighting classes the page's code uses, for the stylesheet.
    pub classes: std::collections::BTreeMap<String, crate::highlight::TokenStyle>,
    /// Plain text per heading, for search.
    pub text: Vec<text::TextSection>,
    /// A hash of `html`, standing in for it in cache keys.
    pub html_hash: u64,
    /// The page has math, so its pages need the math stylesheet.
    pub has_math: bool,
    /// The files its code blocks include, for rebuilding when one changes.
    pub includes: Vec<Included>,
    /// A hash of all of the above, made once with it: it stands for the
    /// body in the keys of the pages that show it (see `render::deps`).
    pub digest: u128,
}

impl Rendered {
    /// The whole answer of `question` (one of this page's), as HTML.
    pub fn answer_html(&self, question: &Question) -> &str {
        self.html.get(question.answer.clone()).unwrap_or_default()
    }
}

/// State the passes share: where the page is, and what they collected.
pub(crate) struct PassContext<'a> {
    page: &'a str,
    display_path: &'a str,
    file_text: &'a str,
    body_offset: usize,
    resolver: &'a dyn LinkResolver,
    palette: Option<std::sync::Arc<crate::highlight::Palette>>,
    code_store: Option<&'a crate::highlight::CodeStore>,
    site_root: Option<&'a std::path::Path>,
    line_numbers: bool,
    /// Callout titles, for the HTML of answers, stems and explanations.
    callouts: &'a blocks::CalloutTitles,
    /// Where each line of the file starts, built on first use.
    lines: std::cell::OnceCell<crate::diagnostics::LineIndex>,
    pub classes: std::collections::BTreeMap<String, crate::highlight::TokenStyle>,
    pub words: usize,
    pub links: Vec<FoundLink>,
    pub diagnostics: Vec<Diagnostic>,
    pub external: Vec<ExternalLink>,
    pub includes: Vec<Included>,
}

impl PassContext<'_> {
    pub(crate) fn external(&mut self, body_offset: usize, url: &str) {
        let at = self.location(body_offset);
        self.external.push(ExternalLink {
            url: url.to_string(),
            at,
        });
    }

    /// The file's lines, found on first use: every question and FAQ entry
    /// asks for its line.
    fn lines(&self) -> &crate::diagnostics::LineIndex {
        self.lines
            .get_or_init(|| crate::diagnostics::LineIndex::new(self.file_text))
    }

    /// The file line of a body offset.
    /// The body's source text in `range` (body offsets), empty if out of it.
    pub(crate) fn source(&self, range: std::ops::Range<usize>) -> &str {
        let at = |o: usize| self.body_offset + o;
        self.file_text
            .get(at(range.start)..at(range.end))
            .unwrap_or_default()
    }

    pub(crate) fn line_of(&self, body_offset: usize) -> usize {
        self.lines()
            .line_col(self.file_text, self.body_offset + body_offset)
            .0
    }

    /// The place in the file of a body offset.
    pub(crate) fn location(&self, body_offset: usize) -> Location {
        self.lines().locate(
            Location::file(self.display_path),
            self.file_text,
            self.body_offset + body_offset,
        )
    }

    fn locate(&self, body_offset: usize, d: Diagnostic) -> Diagnostic {
        self.lines()
            .place(d, self.file_text, self.body_offset + body_offset)
    }

    pub(crate) fn error(&mut self, body_offset: usize, message: impl Into<String>) {
        let d = self.locate(body_offset, Diagnostic::error(self.display_path, message));
        self.diagnostics.push(d);
    }

    pub(crate) fn error_with_help(
        &mut self,
        body_offset: usize,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let d = Diagnostic::error(self.display_path, message).with_help(help);
        let d = self.locate(body_offset, d);
        self.diagnostics.push(d);
    }

    /// A broken internal link: an error unless the site lowers it.
    pub(crate) fn broken_link(&mut self, body_offset: usize, problem: crate::plan::LinkError) {
        let mut d = Diagnostic::error(self.display_path, problem.message)
            .with_code(crate::diagnostics::Code::BrokenLink);
        if let Some(help) = problem.help {
            d = d.with_help(help);
        }
        let d = self.locate(body_offset, d);
        self.diagnostics.push(d);
    }

    pub(crate) fn warn(&mut self, body_offset: usize, message: impl Into<String>) {
        let d = self.locate(body_offset, Diagnostic::warning(self.display_path, message));
        self.diagnostics.push(d);
    }
}

fn parser_options(smart_punctuation: bool, math: bool) -> Options {
    let mut options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM;
    if smart_punctuation {
        options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    if math {
        options |= Options::ENABLE_MATH;
    }
    options
}

/// Renders a page body.
pub fn render(body: &str, input: &MarkdownInput) -> Rendered {
    let parser_options = parser_options(input.options.smart_punctuation, input.options.math);
    let events: Events = Parser::new_ext(body, parser_options)
        .into_offset_iter()
        .collect();
    let mut cx = PassContext {
        page: input.page,
        display_path: input.display_path,
        file_text: input.file_text,
        body_offset: input.body_offset,
        resolver: input.resolver,
        palette: input.options.palette.clone(),
        code_store: input.code_store,
        site_root: input.site_root,
        callouts: &input.options.markup_text.callouts,
        line_numbers: input.options.line_numbers,
        lines: Default::default(),
        classes: Default::default(),
        words: 0,
        links: Vec::new(),
        diagnostics: Vec::new(),
        external: Vec::new(),
        includes: Vec::new(),
    };
    let events = raw_html::apply(events, input.options.raw_html, &mut cx);
    let events = include::apply(events, &mut cx);
    let has_math = input.options.math && math::check(&events, &mut cx);
    let mut headings = Vec::new();
    let events = headings::assign_ids(
        events,
        &mut headings,
        &input.options.markup_text.anchor_label,
    );
    let text = text::sections(&events);
    let events = code::render_blocks(events, &mut cx);
    let events = links::rewrite(events, &mut cx);
    cx.words += count_words(&events);
    let mut study = Study::default();
    let (events, answers) = study::extract(events, &mut cx, &input.options.study_text, &mut study);
    if !input.is_guide {
        refuse_practice(&mut study, &headings, &mut cx);
    }

    let mut html = String::with_capacity(body.len() * 3 / 2);
    // Each answer's byte range is noted as the page is written.
    let marks: Vec<usize> = answers.iter().flat_map(|a| [a.start, a.end]).collect();
    let at = html::write(
        &mut html,
        events.into_iter().map(|(e, _)| e),
        &marks,
        &input.options.markup_text.callouts,
    );
    for (q, span) in study.questions.iter_mut().zip(at.chunks_exact(2)) {
        q.answer = span[0]..span[1];
    }
    // A page's HTML lives until the site is written: give back the slack
    // left by growing it. A fresh exact-size copy, because the allocator
    // may shrink a big block in place and keep its old size.
    let html = String::from(html.as_str());
    let html_hash = crate::cache::quick_hash(html.as_bytes());
    let mut rendered = Rendered {
        html,
        toc: headings::toc(&headings),
        headings,
        word_count: cx.words,
        links: cx.links,
        diagnostics: cx.diagnostics,
        study,
        external: cx.external,
        classes: cx.classes,
        text,
        html_hash,
        has_math,
        includes: cx.includes,
        digest: 0,
    };
    rendered.shrink();
    rendered.digest = digest(&rendered);
    rendered
}

/// The hash of everything `rendered` holds (made with `digest` at 0), in
/// a compact binary form streamed into the hash.
fn digest(rendered: &Rendered) -> u128 {
    let mut key = crate::cache::KeyHasher::new();
    if postcard::to_io(rendered, &mut key).is_err() {
        key.part(b"unserialisable");
    }
    u128::from_le_bytes(key.finish().bytes())
}

impl Rendered {
    /// Gives back the slack its lists were left with as they grew: every
    /// page's lists live until the site is written, and on a big site the
    /// slack adds up to megabytes.
    fn shrink(&mut self) {
        self.headings.shrink_to_fit();
        self.toc.shrink_to_fit();
        self.links.shrink_to_fit();
        self.diagnostics.shrink_to_fit();
        self.external.shrink_to_fit();
        self.text.shrink_to_fit();
        self.includes.shrink_to_fit();
        let study = &mut self.study;
        study.questions.shrink_to_fit();
        study.faq.shrink_to_fit();
        study.practice.shrink_to_fit();
        for set in &mut study.practice {
            set.questions.shrink_to_fit();
            for question in &mut set.questions {
                question.options.shrink_to_fit();
            }
        }
    }
}

/// Practice sets are a guide's: each gets the guide's practice page and
/// joins the practice hub. A home or section page has no practice page
/// (`/practice/` is the hub, and `/SECTION/practice/` may be a guide), so
/// a set written there would not be shown: it is an error at its heading.
fn refuse_practice(study: &mut Study, headings: &[Heading], cx: &mut PassContext) {
    for set in study.practice.drain(..) {
        let at = headings
            .iter()
            .find(|h| h.id == set.id)
            .map_or(0, |h| h.offset);
        cx.error_with_help(
            at,
            format!(
                "practice set `{}` is on a home or section page (`_index.md`), which gets no practice page",
                set.title
            ),
            "move the set into a guide (any page but `_index.md`): the guide's practice page shows it, and its questions join the practice hub",
        );
    }
}

/// Words of prose and inline code (code blocks are counted by their pass).
fn count_words(events: &Events) -> usize {
    events
        .iter()
        .map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                t.split_whitespace().count()
            }
            _ => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Resolved;

    struct NoLinks;

    impl LinkResolver for NoLinks {
        fn resolve(&self, _: &str, path: &str) -> Result<Resolved, crate::plan::LinkError> {
            Err(format!("no {path}").into())
        }

        fn page_link(&self, _: &str) -> Option<String> {
            None
        }
    }

    fn render_str(body: &str) -> Rendered {
        render_with(body, crate::config::RawHtml::Keep)
    }

    fn render_with(body: &str, raw_html: crate::config::RawHtml) -> Rendered {
        let options = MarkdownOptions {
            palette: Some(crate::highlight::Palette::get(
                "InspiredGitHub",
                "OneHalfDark",
            )),
            line_numbers: false,
            smart_punctuation: true,
            study_text: StudyText::default(),
            markup_text: MarkupText::default(),
            raw_html,
            math: true,
        };
        let input = MarkdownInput {
            display_path: "a.md",
            page: "a.md",
            file_text: body,
            body_offset: 0,
            resolver: &NoLinks,
            options: &options,
            is_guide: true,
            code_store: None,
            site_root: None,
        };
        render(body, &input)
    }

    #[test]
    fn odd_input_never_panics() {
        let inputs = [
            "",
            "#",
            "# ???\n## !!!\n### ...",
            "```",
            "```python {linenos=true hl_lines=\"9-1\"}\nx\n",
            "```python {hl_lines=\"1-99999999999999999999\"}\nx\n```",
            "> [!NOTE]\n> > [!TIP]\n> > deep\n",
            "[a](#) [b]() [c](..) [d](/) [e](?q) [f](#%)",
            "- [ ] a\n  - [x] b\n    1. c\n",
            "| a |\n|---|\n| `|` |",
            "[^1]\n\n[^1]: [^1]",
            "<div>\n\n## In html\n\n</div>",
            "## é\u{301}\u{200d}\u{feff}",
            "\u{0}\u{1}\r\n\r\n# x\r\n",
            "[![a](javascript:x)](javascript:y) ![b](data:x)[c](vbscript:)</a>",
            "<div>\n[x](javascript:x)\n</div>\n\n<!-- c --> <b>",
        ];
        for input in inputs {
            let _ = render_str(input);
            let _ = render_with(input, crate::config::RawHtml::Escape);
        }
        let deep = format!("{}x", "> ".repeat(500));
        let _ = render_str(&deep);
        let nested = format!("{}x", "- ".repeat(500));
        let _ = render_str(&nested);
    }

    #[test]
    fn plain_block_is_escaped_and_numbered() {
        let r = render_str("```nolang {linenos=true hl_lines=2}\n<a>\nb\n```\n");
        assert!(r.html.contains("&lt;a&gt;"));
        assert!(
            r.html.contains("<span class=\"line hl\"><span class=\"line-number\" aria-hidden=\"true\">2</span>b\n</span>"),
            "{}",
            r.html
        );
        assert!(r.classes.is_empty());
    }

    #[test]
    fn highlighted_blocks_report_their_classes() {
        let r = render_str("```python\ndef f(): pass\n```\n");
        assert!(!r.classes.is_empty());
        for class in r.classes.keys() {
            assert!(r.html.contains(&format!("<span class={class}>")), "{class}");
        }
    }

    #[test]
    fn link_errors_point_at_the_link() {
        let r = render_str("Intro.\n\nSee [x](missing.md) now.\n");
        assert_eq!(r.diagnostics.len(), 1);
        let d = &r.diagnostics[0];
        assert_eq!((d.line(), d.column()), (3, 5));
        assert_eq!(d.message, "no missing.md");
    }
}
