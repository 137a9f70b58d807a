//! The study passes: interview questions (`Q:` headings), practice sets
//! (`{.practice}`) and FAQs (`{.faq}`), pulled out of the same event list
//! that renders the page, and the guide page's markup for them.
//!
//! Only headings at the top level of the document count: a heading inside
//! a list or quote cannot own the blocks that follow it.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};
use serde::Serialize;

use super::{blocks, Events, PassContext};

/// An interview question and its answer.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    pub id: String,
    /// The question without its `Q:` prefix, as plain text.
    pub title: String,
    /// The answer's first paragraph, as HTML.
    pub short_answer: String,
    /// The same, as plain text (exports, search).
    pub short_answer_text: String,
    /// Where the whole answer lies in the page's HTML (`Rendered::html`);
    /// see [`Rendered::answer_html`](super::Rendered::answer_html). A range,
    /// not a copy: answers are most of a guide.
    #[serde(skip)]
    pub answer: std::ops::Range<usize>,
    pub line: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PracticeSet {
    /// The id of the heading that starts the set.
    pub id: String,
    pub title: String,
    pub questions: Vec<PracticeQuestion>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PracticeQuestion {
    /// `SET-ID-N`: stable while the set keeps its heading and order.
    pub id: String,
    pub stem: String,
    pub options: Vec<PracticeOption>,
    pub explanation: Option<String>,
    /// More than one correct option.
    pub multiple: bool,
    /// Short hash of the content, so stored answers of an edited question
    /// are not reused.
    pub hash: String,
    pub line: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PracticeOption {
    pub html: String,
    pub correct: bool,
    /// Shown when the reader picks this option.
    pub feedback: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FaqEntry {
    pub id: String,
    pub question: String,
    pub question_html: String,
    pub answer: String,
    pub line: usize,
}

/// Everything a guide teaches and tests.
#[derive(Debug, Clone, Default)]
pub struct Study {
    pub questions: Vec<Question>,
    pub practice: Vec<PracticeSet>,
    pub faq: Vec<FaqEntry>,
}

impl Study {
    pub fn practice_count(&self) -> usize {
        self.practice.iter().map(|s| s.questions.len()).sum()
    }
}

/// Interface strings the pass writes into guide pages.
#[derive(Debug, Clone)]
pub struct StudyText {
    /// "Practice {n} questions".
    pub practice_link: String,
    /// "Practice 1 question".
    pub practice_link_one: String,
}

impl Default for StudyText {
    fn default() -> Self {
        StudyText {
            practice_link: "Practice {n} questions".into(),
            practice_link_one: "Practice 1 question".into(),
        }
    }
}

type Ev<'a> = (Event<'a>, Range<usize>);

/// Container depth before each event: headings, lists and quotes at depth 0
/// are the document's top level.
fn depths(events: &[Ev]) -> Vec<usize> {
    let mut depth = 0usize;
    events
        .iter()
        .map(|(e, _)| {
            let before = depth;
            match e {
                Event::Start(
                    Tag::BlockQuote(_)
                    | Tag::List(_)
                    | Tag::Item
                    | Tag::FootnoteDefinition(_)
                    | Tag::Table(_),
                ) => depth += 1,
                Event::End(
                    TagEnd::BlockQuote(_)
                    | TagEnd::List(_)
                    | TagEnd::Item
                    | TagEnd::FootnoteDefinition
                    | TagEnd::Table,
                ) => depth = depth.saturating_sub(1),
                _ => {}
            }
            before
        })
        .collect()
}

/// The index of the `End` matching the container `Start` at `start`.
fn matching_end(events: &[Ev], depth: &[usize], start: usize) -> usize {
    let inner = depth[start] + 1;
    let closes = |e: &Event| {
        matches!(
            (&events[start].0, e),
            (Event::Start(Tag::Item), Event::End(TagEnd::Item))
                | (Event::Start(Tag::List(_)), Event::End(TagEnd::List(_)))
                | (
                    Event::Start(Tag::BlockQuote(_)),
                    Event::End(TagEnd::BlockQuote(_))
                )
                | (
                    Event::Start(Tag::Heading { .. }),
                    Event::End(TagEnd::Heading(_))
                )
        )
    };
    let heading = matches!(events[start].0, Event::Start(Tag::Heading { .. }));
    (start + 1..events.len())
        .find(|&i| (heading || depth[i] == inner) && closes(&events[i].0))
        .unwrap_or(events.len() - 1)
}

/// A heading at the top level of the document.
struct TopHeading {
    start: usize,
    end: usize,
    level: u8,
    id: String,
    classes: Vec<String>,
    text: String,
}

fn top_headings(events: &[Ev], depth: &[usize]) -> Vec<TopHeading> {
    let mut found = Vec::new();
    for (i, (event, _)) in events.iter().enumerate() {
        if let (
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }),
            0,
        ) = (event, depth[i])
        {
            let end = matching_end(events, depth, i);
            let text: String = events[i..end]
                .iter()
                .filter_map(|(e, _)| match e {
                    Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                    _ => None,
                })
                .collect();
            found.push(TopHeading {
                start: i,
                end,
                level: *level as u8,
                id: id.as_deref().unwrap_or_default().to_string(),
                classes: classes.iter().map(|c| c.to_string()).collect(),
                text: text.trim().to_string(),
            });
        }
    }
    found
}

/// HTML of a run of events, with callouts and tables finished.
fn to_html(events: &[Ev]) -> String {
    let finished = blocks::callouts_and_tables(events.to_vec());
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, finished.into_iter().map(|(e, _)| e));
    html.trim().to_string()
}

fn to_text(events: &[Ev]) -> String {
    let mut text = String::new();
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

fn html<'a>(text: String, range: &Range<usize>) -> Ev<'a> {
    (Event::Html(text.into()), range.clone())
}

/// A question whose section is still open while its answer is copied.
struct OpenQuestion {
    level: u8,
    index: usize,
    answer_from: usize,
    short_answer: Option<Range<usize>>,
    range: Range<usize>,
}

/// Runs the study passes. With `transform` off (section and home pages),
/// the page keeps its plain rendering and nothing is collected.
pub fn extract<'a>(
    events: Events<'a>,
    cx: &mut PassContext,
    text: &StudyText,
    study: &mut Study,
    transform: bool,
) -> Events<'a> {
    let depth = depths(&events);
    check_duplicate_ids(&events, cx);
    if !transform {
        return events;
    }
    let headings = top_headings(&events, &depth);
    let mut out: Events<'a> = Vec::with_capacity(events.len() + 16);
    let mut open: Vec<OpenQuestion> = Vec::new();
    let mut next = 0;
    let mut i = 0;
    while i < events.len() {
        if next < headings.len() && headings[next].start == i {
            let head = &headings[next];
            close_questions(&mut out, &mut open, study, cx, Some(head.level));
            let region_end = headings[next + 1..]
                .iter()
                .find(|o| o.level <= head.level)
                .map_or(events.len(), |o| o.start);
            let skip_to = |h: usize| {
                headings
                    .iter()
                    .skip(h)
                    .position(|o| o.start >= region_end)
                    .map_or(headings.len(), |p| p + h)
            };
            if head.classes.iter().any(|c| c == "practice") {
                practice_region(&events, &depth, head, region_end, cx, text, study, &mut out);
                i = region_end;
                next = skip_to(next);
                continue;
            }
            if head.classes.iter().any(|c| c == "faq") {
                faq_region(&events, &headings[next..], region_end, cx, study, &mut out);
                i = region_end;
                next = skip_to(next);
                continue;
            }
            if let Some(title) = head.text.strip_prefix("Q:") {
                let range = events[i].1.clone();
                out.push(html(
                    format!(
                        "<section class=\"question-card\" aria-labelledby=\"{}\">\n",
                        esc(&head.id)
                    ),
                    &range,
                ));
                out.extend(events[head.start..=head.end].iter().cloned());
                out.push(html(ANSWER_OPEN.into(), &range));
                study.questions.push(Question {
                    id: head.id.clone(),
                    title: title.trim().to_string(),
                    short_answer: String::new(),
                    short_answer_text: String::new(),
                    answer: 0..0,
                    line: cx.line_of(range.start),
                });
                open.push(OpenQuestion {
                    level: head.level,
                    index: study.questions.len() - 1,
                    answer_from: out.len(),
                    short_answer: None,
                    range,
                });
                i = head.end + 1;
                next += 1;
                continue;
            }
            next += 1;
        }
        // The first top-level paragraph of an open question is its short answer.
        if let (Event::Start(Tag::Paragraph), 0) = (&events[i].0, depth[i]) {
            if let Some(q) = open.last_mut().filter(|q| q.short_answer.is_none()) {
                let end = (i..events.len())
                    .find(|&j| matches!(events[j].0, Event::End(TagEnd::Paragraph)))
                    .unwrap_or(i);
                q.short_answer = Some(out.len()..out.len() + (end - i) + 1);
                out.push(html("<p class=\"short-answer\">".into(), &events[i].1));
                i += 1;
                continue;
            }
        }
        out.push(events[i].clone());
        i += 1;
    }
    close_questions(&mut out, &mut open, study, cx, None);
    out
}

const CARD_OPEN: &str = "<section class=\"question-card\"";
const ANSWER_OPEN: &str = "<div class=\"answer\">\n";
const CARD_CLOSE: &str = "</div>\n</section>\n";

/// Finds each question's answer in the finished page HTML, from the markup
/// this pass wrote around it (cards may nest: a `Q:` under a `Q:`).
pub fn locate_answers(html: &str, study: &mut Study) {
    for q in &mut study.questions {
        let card = format!("{CARD_OPEN} aria-labelledby=\"{}\">", esc(&q.id));
        let Some(start) = html.find(&card).and_then(|at| {
            html[at..]
                .find(ANSWER_OPEN)
                .map(|i| at + i + ANSWER_OPEN.len())
        }) else {
            continue;
        };
        let mut depth = 0usize;
        let mut at = start;
        while let (Some(open), Some(close)) = (
            html[at..].find(CARD_OPEN).or(Some(usize::MAX)),
            html[at..].find(CARD_CLOSE),
        ) {
            if open < close {
                depth += 1;
                at += open + CARD_OPEN.len();
            } else if depth > 0 {
                depth -= 1;
                at += close + CARD_CLOSE.len();
            } else {
                q.answer = start..at + close;
                break;
            }
        }
    }
}

/// Closes the open questions of `level` or deeper (all with `None`),
/// recording their answers.
fn close_questions(
    out: &mut Events,
    open: &mut Vec<OpenQuestion>,
    study: &mut Study,
    cx: &mut PassContext,
    level: Option<u8>,
) {
    while let Some(q) = open.last() {
        if level.is_some_and(|l| q.level < l) {
            break;
        }
        let q = open.pop().expect("checked above");
        let question = &mut study.questions[q.index];
        let empty = out[q.answer_from..]
            .iter()
            .all(|(e, _)| matches!(e, Event::SoftBreak | Event::HardBreak));
        if empty {
            cx.warn(
                q.range.start,
                format!("question `{}` has an empty answer", question.title),
            );
        } else if q.short_answer.is_none() {
            cx.warn(
                q.range.start,
                format!(
                    "question `{}` has no short answer: start its answer with a paragraph",
                    question.title
                ),
            );
        }
        if let Some(short) = &q.short_answer {
            let inner = &out[short.start + 1..short.end.saturating_sub(1).max(short.start + 1)];
            question.short_answer = to_html(inner);
            question.short_answer_text = to_text(inner);
        }
        out.push(html(CARD_CLOSE.into(), &q.range));
    }
}

fn esc(text: &str) -> String {
    crate::highlight::escape_html(text)
}

#[allow(clippy::too_many_arguments)]
fn practice_region<'a>(
    events: &[Ev<'a>],
    depth: &[usize],
    head: &TopHeading,
    region_end: usize,
    cx: &mut PassContext,
    text: &StudyText,
    study: &mut Study,
    out: &mut Events<'a>,
) {
    let range = events[head.start].1.clone();
    out.push(html(
        format!(
            "<section class=\"practice-set\" aria-labelledby=\"{}\">\n",
            esc(&head.id)
        ),
        &range,
    ));
    out.extend(events[head.start..=head.end].iter().cloned());
    let mut set = PracticeSet {
        id: head.id.clone(),
        title: head.text.clone(),
        questions: Vec::new(),
    };
    let mut i = head.end + 1;
    while i < region_end {
        if let (Event::Start(Tag::List(Some(_))), 0) = (&events[i].0, depth[i]) {
            let end = matching_end(events, depth, i);
            let mut item = i + 1;
            while item < end {
                if matches!(events[item].0, Event::Start(Tag::Item)) {
                    let item_end = matching_end(events, depth, item);
                    let number = set.questions.len() + 1;
                    if let Some(q) =
                        practice_question(events, depth, item, item_end, &set.id, number, cx)
                    {
                        set.questions.push(q);
                    }
                    item = item_end;
                }
                item += 1;
            }
            i = end + 1;
            continue;
        }
        out.push(events[i].clone());
        i += 1;
    }
    let n = set.questions.len();
    if n == 0 && !has_list(events, depth, head.end + 1, region_end) {
        cx.error(
            range.start,
            format!("practice set `{}` has no questions: put a numbered list under the heading, one item per question", head.text),
        );
    }
    let label = if n == 1 {
        text.practice_link_one.clone()
    } else {
        text.practice_link.replace("{n}", &n.to_string())
    };
    out.push(html(
        format!(
            "<p class=\"practice-link\"><a href=\"practice/#{}\">{}</a></p>\n</section>\n",
            esc(&head.id),
            esc(&label)
        ),
        &range,
    ));
    study.practice.push(set);
}

fn has_list(events: &[Ev], depth: &[usize], from: usize, to: usize) -> bool {
    (from..to).any(|i| depth[i] == 0 && matches!(events[i].0, Event::Start(Tag::List(Some(_)))))
}

/// One numbered item of a practice set: stem, task-list options with
/// optional feedback, and an explanation quote.
fn practice_question(
    events: &[Ev],
    depth: &[usize],
    start: usize,
    end: usize,
    set_id: &str,
    number: usize,
    cx: &mut PassContext,
) -> Option<PracticeQuestion> {
    let at = events[start].1.start;
    let child = depth[start] + 1;
    let mut stem: Vec<Ev> = Vec::new();
    let mut options: Option<Vec<PracticeOption>> = None;
    let mut explanation: Option<String> = None;
    let mut i = start + 1;
    while i < end {
        let is_child = depth[i] == child;
        match &events[i].0 {
            Event::Start(Tag::List(None)) if is_child && options.is_none() => {
                let list_end = matching_end(events, depth, i);
                options = Some(parse_options(events, depth, i, list_end, cx)?);
                i = list_end + 1;
                continue;
            }
            Event::Start(Tag::BlockQuote(None)) if is_child && options.is_some() => {
                let quote_end = matching_end(events, depth, i);
                explanation = Some(to_html(&events[i + 1..quote_end]));
                i = quote_end + 1;
                continue;
            }
            _ if options.is_some() => {
                if is_child && matches!(events[i].0, Event::Start(_)) {
                    cx.warn(
                        events[i].1.start,
                        "text after a practice question's options is not shown: put the explanation in a `>` quote",
                    );
                }
            }
            _ => stem.push(events[i].clone()),
        }
        i += 1;
    }
    let Some(options) = options else {
        cx.error(at, "practice question has no options: add a task list (`- [ ]` for wrong, `- [x]` for right answers) indented like the question's text (3 spaces under `1.`, 4 under `10.`)");
        return None;
    };
    if options.len() < 2 {
        cx.error(
            at,
            format!(
                "practice question has {} option: give at least two",
                options.len()
            ),
        );
        return None;
    }
    let correct = options.iter().filter(|o| o.correct).count();
    if correct == 0 {
        cx.error(
            at,
            "practice question has no correct option: mark the right answer with `- [x]`",
        );
        return None;
    }
    let stem = to_html(&stem);
    let mut hash = crate::hash::Fnv::new();
    hash.write(stem.as_bytes());
    for o in &options {
        hash.write(o.html.as_bytes());
        hash.write(&[u8::from(o.correct)]);
    }
    Some(PracticeQuestion {
        id: format!("{set_id}-{number}"),
        stem,
        options,
        explanation,
        multiple: correct > 1,
        hash: hash.short(),
        line: cx.line_of(at),
    })
}

/// The options of a practice question: every item must be a task-list item.
fn parse_options(
    events: &[Ev],
    depth: &[usize],
    start: usize,
    end: usize,
    cx: &mut PassContext,
) -> Option<Vec<PracticeOption>> {
    let mut options = Vec::new();
    let mut i = start + 1;
    while i < end {
        if !matches!(events[i].0, Event::Start(Tag::Item)) {
            i += 1;
            continue;
        }
        let item_end = matching_end(events, depth, i);
        let child = depth[i] + 1;
        let marker = events[i + 1..item_end.min(i + 3)]
            .iter()
            .find_map(|(e, _)| match e {
                Event::TaskListMarker(checked) => Some(*checked),
                _ => None,
            });
        let Some(correct) = marker else {
            cx.error(
                events[i].1.start,
                "practice options must be a task list: start each with `- [ ]` or `- [x]`",
            );
            return None;
        };
        let mut body: Vec<Ev> = Vec::new();
        let mut feedback = None;
        let mut j = i + 1;
        while j < item_end {
            match &events[j].0 {
                Event::TaskListMarker(_) => {}
                Event::Start(Tag::BlockQuote(None)) if depth[j] == child => {
                    let quote_end = matching_end(events, depth, j);
                    feedback = Some(to_html(&events[j + 1..quote_end]));
                    j = quote_end;
                }
                // Loose lists wrap each option in a paragraph; the option is inline.
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
                    if depth[j] == child => {}
                _ => body.push(events[j].clone()),
            }
            j += 1;
        }
        options.push(PracticeOption {
            html: to_html(&body),
            correct,
            feedback,
        });
        i = item_end + 1;
    }
    Some(options)
}

fn faq_region<'a>(
    events: &[Ev<'a>],
    headings: &[TopHeading],
    region_end: usize,
    cx: &mut PassContext,
    study: &mut Study,
    out: &mut Events<'a>,
) {
    let head = &headings[0];
    let range = events[head.start].1.clone();
    let entries: Vec<&TopHeading> = headings[1..]
        .iter()
        .take_while(|h| h.start < region_end)
        .filter(|h| h.level == head.level + 1)
        .collect();
    if entries.is_empty() {
        let hashes = "#".repeat(usize::from(head.level) + 1);
        cx.error(
            range.start,
            format!(
                "FAQ `{}` has no questions: add `{hashes} Question?` headings under it",
                head.text
            ),
        );
        out.extend(events[head.start..region_end].iter().cloned());
        return;
    }
    out.push(html(
        format!(
            "<section class=\"faq\" aria-labelledby=\"{}\">\n",
            esc(&head.id)
        ),
        &range,
    ));
    out.extend(events[head.start..entries[0].start].iter().cloned());
    out.push(html("<div class=\"faq-list\">\n".into(), &range));
    for entry in &entries {
        let entry_end = headings[1..]
            .iter()
            .find(|h| h.start > entry.start && h.level <= entry.level)
            .map_or(region_end, |h| h.start.min(region_end));
        // The heading's own text, without the permalink the heading pass added.
        let mut inline = &events[entry.start + 1..entry.end];
        if let Some((Event::Html(a), _)) = inline.last() {
            if a.starts_with("<a class=\"anchor\"") {
                inline = &inline[..inline.len() - 1];
            }
        }
        let answer = &events[entry.end + 1..entry_end];
        let entry_range = &events[entry.start].1;
        study.faq.push(FaqEntry {
            id: entry.id.clone(),
            question: entry.text.clone(),
            question_html: to_html(inline),
            answer: to_html(answer),
            line: cx.line_of(entry_range.start),
        });
        out.push(html(
            format!(
                "<details class=\"faq-entry\" id=\"{}\"><summary>",
                esc(&entry.id)
            ),
            entry_range,
        ));
        out.extend(inline.iter().cloned());
        out.push(html(
            "</summary>\n<div class=\"faq-answer\">\n".into(),
            entry_range,
        ));
        out.extend(answer.iter().cloned());
        out.push(html("</div>\n</details>\n".into(), entry_range));
    }
    out.push(html("</div>\n</section>\n".into(), &range));
}

/// Two headings with one id (only possible with explicit `{#id}`s) make
/// anchors ambiguous.
fn check_duplicate_ids(events: &[Ev], cx: &mut PassContext) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (e, range) in events {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = e {
            if let Some(first) = seen.insert(id.as_ref(), range.start) {
                let line = cx.line_of(first);
                cx.error(range.start, format!("duplicate heading id `{id}`: line {line} has it too; give one of them another `{{#id}}`"));
            }
        }
    }
}
