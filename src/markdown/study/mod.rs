//! The study passes: interview questions (`Q:` headings), practice sets
//! (`{.practice}`) and FAQs (`{.faq}`), read from the page's block tree and
//! written into the same event list that renders the page.
//!
//! Only headings at the top level of the document count: a heading inside
//! a list or quote cannot own the blocks that follow it.

mod faq;
mod model;
mod practice;

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Tag};

use super::blocks::CalloutTitles;
use super::tree::{self, Block, Kind};
use super::{html, Events, PassContext};
pub use model::FaqEntry;
pub use model::PracticeOption;
pub use model::PracticeQuestion;
pub use model::PracticeSet;
pub use model::Question;
pub use model::Study;
pub use model::StudyText;

type Ev<'a> = (Event<'a>, Range<usize>);

/// What the pass hands to the writer besides the events: for each question
/// (in `Study::questions` order), the event indices where its answer starts
/// and ends, which the writer turns into byte ranges of the page.
pub(crate) type AnswerMarks = Vec<Range<usize>>;

/// A heading at the top level of the page.
struct Heading<'b> {
    block: &'b Block,
    level: u8,
    id: String,
    classes: Vec<String>,
    text: String,
}

impl<'b> Heading<'b> {
    fn read(events: &Events, block: &'b Block) -> Option<Heading<'b>> {
        let Event::Start(Tag::Heading {
            level, id, classes, ..
        }) = &events[block.span.start].0
        else {
            return None;
        };
        Some(Heading {
            block,
            level: *level as u8,
            id: id.as_deref().unwrap_or_default().to_string(),
            classes: classes.iter().map(|c| c.to_string()).collect(),
            text: text_of(&events[block.span.clone()]).trim().to_string(),
        })
    }

    fn has_class(&self, class: &str) -> bool {
        self.classes.iter().any(|c| c == class)
    }

    fn at(&self, events: &Events) -> usize {
        events[self.block.span.start].1.start
    }

    /// The heading's own text, without the permalink the heading pass
    /// added: a link around the text, or an anchor after it (see
    /// `headings::assign_ids`; authors' raw HTML is `InlineHtml`).
    fn inline(&self, events: &Events) -> Range<usize> {
        let mut inline = self.block.inner();
        if let Some((Event::Html(a), _)) = events.get(inline.start) {
            if inline.end > inline.start && a.starts_with("<a href=\"#") {
                inline.start += 1;
            }
        }
        if let Some((Event::Html(a), _)) = events.get(inline.end.wrapping_sub(1)) {
            if inline.end > inline.start && (&**a == "</a>" || a.starts_with("<a class=\"anchor\""))
            {
                inline.end -= 1;
            }
        }
        inline
    }
}

/// The level of a top-level heading block, `None` for other blocks.
fn heading_level(events: &Events, block: &Block) -> Option<u8> {
    match &events[block.span.start].0 {
        Event::Start(Tag::Heading { level, .. }) if block.is_heading() => Some(*level as u8),
        _ => None,
    }
}

/// The blocks a heading at `level` owns: up to the next heading of the same
/// or a higher level.
fn region_end(events: &Events, blocks: &[Block], from: usize, level: u8) -> usize {
    blocks[from..]
        .iter()
        .position(|b| heading_level(events, b).is_some_and(|l| l <= level))
        .map_or(blocks.len(), |p| p + from)
}

/// A question whose section is still open while its answer is written.
struct OpenQuestion {
    level: u8,
    index: usize,
    answer_from: usize,
    has_short_answer: bool,
    at: usize,
}

/// The pass's output, built up block by block.
struct Writer<'a> {
    out: Events<'a>,
    open: Vec<OpenQuestion>,
    answers: AnswerMarks,
}

impl<'a> Writer<'a> {
    fn copy(&mut self, events: &Events<'a>, span: Range<usize>) {
        self.out.extend(events[span].iter().cloned());
    }

    fn html(&mut self, text: impl Into<String>, at: usize) {
        self.out.push((Event::Html(text.into().into()), at..at));
    }
}

/// Runs the study passes, on every kind of page.
pub(crate) fn extract<'a>(
    events: Events<'a>,
    cx: &mut PassContext,
    text: &StudyText,
    study: &mut Study,
) -> (Events<'a>, AnswerMarks) {
    check_duplicate_ids(&events, cx);
    let blocks = tree::build(&events);
    let mut w = Writer {
        out: Vec::with_capacity(events.len() + 16),
        open: Vec::new(),
        answers: Vec::new(),
    };
    let mut b = 0;
    while b < blocks.len() {
        let block = &blocks[b];
        if let Some(head) = block
            .is_heading()
            .then(|| Heading::read(&events, block))
            .flatten()
        {
            close_questions(&mut w, study, cx, Some(head.level));
            let end = region_end(&events, &blocks, b + 1, head.level);
            if head.has_class("practice") {
                practice::region(&events, &head, &blocks[b + 1..end], cx, text, study, &mut w);
                b = end;
            } else if head.has_class("faq") {
                faq::region(&events, &head, &blocks[b + 1..end], cx, study, &mut w);
                b = end;
            } else if let Some(title) = head.text.strip_prefix("Q:") {
                open_question(&events, &head, title.trim(), cx, study, &mut w);
                b += 1;
            } else {
                w.copy(&events, block.span.clone());
                b += 1;
            }
            continue;
        }
        let wants_short = w.open.last().is_some_and(|q| !q.has_short_answer);
        if wants_short && block.kind == Kind::Paragraph {
            b = short_answer(&events, &blocks, b, study, &mut w, cx.callouts);
            continue;
        }
        w.copy(&events, block.span.clone());
        b += 1;
    }
    close_questions(&mut w, study, cx, None);
    (w.out, w.answers)
}

// The card is a plain section (no accessible name: not a landmark, as
// one per question would drown the page's landmarks out); the answer is the
// blocks after its heading, with no wrapper.
const CARD_CLOSE: &str = "</section>\n";

fn open_question<'a>(
    events: &Events<'a>,
    head: &Heading,
    title: &str,
    cx: &mut PassContext,
    study: &mut Study,
    w: &mut Writer<'a>,
) {
    let at = head.at(events);
    w.html("<section class=\"question-card\">\n", at);
    w.copy(events, head.block.span.clone());
    // The title's HTML is the heading's, less its `Q:`.
    let mut inline: Vec<Event> = events[head.inline(events)]
        .iter()
        .map(|(e, _)| e.clone())
        .collect();
    if let Some(Event::Text(first)) = inline.first_mut() {
        *first = first
            .trim_start()
            .trim_start_matches("Q:")
            .trim_start()
            .to_string()
            .into();
    }
    study.questions.push(Question {
        id: head.id.clone(),
        title: title.to_string(),
        title_html: html::fragment(&inline, cx.callouts),
        short_answer: String::new(),
        short_answer_text: String::new(),
        answer: 0..0,
        line: cx.line_of(at),
    });
    w.answers.push(w.out.len()..w.out.len());
    w.open.push(OpenQuestion {
        level: head.level,
        index: study.questions.len() - 1,
        answer_from: w.out.len(),
        has_short_answer: false,
        at,
    });
}

/// The first paragraph of an open question's answer is its short answer
/// (question bank, flashcards, search). A lead-in ending in `:` takes the
/// block it introduces along, so no card ends on "...where:".
/// Returns the index of the first block after the short answer.
fn short_answer<'a>(
    events: &Events<'a>,
    blocks: &[Block],
    from: usize,
    study: &mut Study,
    w: &mut Writer<'a>,
    callouts: &CalloutTitles,
) -> usize {
    let mut end = from + 1;
    while end < blocks.len()
        && blocks[end - 1].kind == Kind::Paragraph
        && text_of(&events[blocks[end - 1].span.clone()])
            .trim_end()
            .ends_with(':')
        && !blocks[end].is_heading()
    {
        end += 1;
    }
    let taken = &blocks[from..end];
    let span = taken[0].span.start..taken[taken.len() - 1].span.end;
    let at = events[span.start].1.start;
    let open = w
        .open
        .last_mut()
        .expect("only called with an open question");
    open.has_short_answer = true;
    let question = &mut study.questions[open.index];
    if let [paragraph] = taken {
        let inner = paragraph.inner();
        question.short_answer =
            html::fragment(events[inner.clone()].iter().map(|(e, _)| e), callouts);
        question.short_answer_text = text_of(&events[inner.clone()]).trim().to_string();
        w.html("<p class=\"short-answer\">", at);
        w.copy(events, inner.start..paragraph.span.end);
    } else {
        question.short_answer =
            html::fragment(events[span.clone()].iter().map(|(e, _)| e), callouts);
        question.short_answer_text = text_of(&events[span.clone()]).trim().to_string();
        w.html("<div class=\"short-answer\">\n", at);
        w.copy(events, span);
        w.html("</div>\n", at);
    }
    end
}

/// Closes the open questions of `level` or deeper (all with `None`),
/// marking where their answers end.
fn close_questions(w: &mut Writer, study: &mut Study, cx: &mut PassContext, level: Option<u8>) {
    while let Some(q) = w.open.last() {
        if level.is_some_and(|l| q.level < l) {
            break;
        }
        let q = w.open.pop().expect("checked above");
        let question = &study.questions[q.index];
        let empty = w.out[q.answer_from..]
            .iter()
            .all(|(e, _)| matches!(e, Event::SoftBreak | Event::HardBreak));
        if empty {
            cx.warn(
                q.at,
                format!("question `{}` has an empty answer", question.title),
            );
        } else if !q.has_short_answer {
            cx.warn(
                q.at,
                format!(
                    "question `{}` has no short answer: start its answer with a paragraph",
                    question.title
                ),
            );
        }
        w.answers[q.index].end = w.out.len();
        w.html(CARD_CLOSE, q.at);
    }
}

/// Plain text of events: words of text and code, with a space between
/// blocks and lines.
fn text_of(events: &[Ev]) -> String {
    use pulldown_cmark::TagEnd;
    let mut text = String::new();
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                text.push_str(t)
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item) if !text.ends_with(' ') => text.push(' '),
            _ => {}
        }
    }
    text
}

/// The HTML of some blocks of the page, as one fragment.
fn blocks_html<'e, 'a: 'e>(
    events: &'e Events<'a>,
    blocks: &[&Block],
    callouts: &CalloutTitles,
) -> String {
    html::fragment(
        blocks
            .iter()
            .flat_map(|b| events[b.span.clone()].iter().map(|(e, _)| e)),
        callouts,
    )
}

fn esc(text: &str) -> String {
    crate::escape::escape_html(text)
}

/// Two headings with one id (only possible with explicit `{#id}`s) make
/// anchors ambiguous.
fn check_duplicate_ids(events: &[Ev], cx: &mut PassContext) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (e, range) in events {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = e {
            if let Some(first) = seen.insert(id.as_ref(), range.start) {
                let line = cx.line_of(first);
                let d = crate::diagnostics::Diagnostic::new(
                    crate::diagnostics::Severity::Error,
                    cx.location(range.start),
                    format!("duplicate heading id `{id}`: line {line} has it too; give one of them another `{{#id}}`"),
                )
                .with_label(cx.location(first), "the first heading with this id");
                cx.diagnostics.push(d);
            }
        }
    }
}
