//! Practice sets: a `{.practice}` heading, then a numbered list whose items
//! are multiple-choice questions with task-list options.
//!
//! Authors don't count spaces, so options are read the way they were meant:
//! task lists split by the explanation quote, a blank line or a paragraph
//! are one question's options, and under items `10.` and above, options
//! indented like those under `1.` (which CommonMark puts after the list)
//! belong to the item above them.

use super::model::{PracticeOption, PracticeQuestion, PracticeSet, Study, StudyText};
use super::{esc, html, Block, CalloutTitles, Events, Heading, Kind, PassContext, Writer};

#[allow(clippy::too_many_arguments)]
pub(super) fn region<'a>(
    events: &Events<'a>,
    head: &Heading,
    rest: &[Block],
    cx: &mut PassContext,
    text: &StudyText,
    study: &mut Study,
    w: &mut Writer<'a>,
) {
    let at = head.at(events);
    w.html(
        format!(
            "<section class=\"practice-set\" aria-labelledby=\"{}\">\n",
            esc(&head.id)
        ),
        at,
    );
    w.copy(events, head.block.span.clone());
    let mut set = PracticeSet {
        id: head.id.clone(),
        title: head.text.clone(),
        questions: Vec::new(),
    };
    read_questions(events, rest, &mut set, cx, w);
    let n = set.questions.len();
    if n == 0 && !rest.iter().any(Block::is_ordered_list) {
        cx.error(
            at,
            format!("practice set `{}` has no questions: put a numbered list under the heading, one item per question", head.text),
        );
    }
    let label = if n == 1 {
        text.practice_link_one.clone()
    } else {
        text.practice_link.replace("{n}", &n.to_string())
    };
    w.html(
        format!(
            "<p class=\"practice-link\"><a href=\"practice/#{}\">{}</a></p>\n</section>\n",
            esc(&head.id),
            esc(&label)
        ),
        at,
    );
    study.practice.push(set);
}

/// Reads the set's numbered lists into questions; the set's other blocks
/// (an intro, a closing line) stay on the guide page.
fn read_questions<'a>(
    events: &Events<'a>,
    rest: &[Block],
    set: &mut PracticeSet,
    cx: &mut PassContext,
    w: &mut Writer<'a>,
) {
    let mut i = 0;
    while i < rest.len() {
        let block = &rest[i];
        if block.is_ordered_list() {
            let run_end = attached_run_end(rest, i + 1);
            let items = &block.children;
            for (n, item) in items.iter().enumerate() {
                let mut parts: Vec<&Block> = item.children.iter().collect();
                if n + 1 == items.len() {
                    parts.extend(&rest[i + 1..run_end]);
                }
                let number = set.questions.len() + 1;
                if let Some(q) = question(events, item, &parts, &set.id, number, cx) {
                    set.questions.push(q);
                }
            }
            i = run_end;
            continue;
        }
        if block.is_task_list() {
            cx.error(
                events[block.span.start].1.start,
                "these options belong to no question: put them under a numbered question (`1. Question?`, then the options indented beneath it)",
            );
        } else {
            w.copy(events, block.span.clone());
        }
        i += 1;
    }
}

/// After a numbered list, the top-level blocks that still belong to its last
/// item: up to the last task list or plain quote before the next question
/// list. Text after them stays the set's own.
fn attached_run_end(rest: &[Block], from: usize) -> usize {
    let mut end = from;
    for (j, block) in rest.iter().enumerate().skip(from) {
        if block.is_ordered_list() || block.is_heading() {
            break;
        }
        if block.is_task_list() || block.is_plain_quote() {
            end = j + 1;
        }
    }
    end
}

/// An option as found: its item, and blocks the author left between it and
/// the next option, which continue it.
struct Found<'b> {
    item: &'b Block,
    correct: bool,
    more: Vec<&'b Block>,
}

/// The parts of one question, sorted by where they stand.
#[derive(Default)]
struct Parts<'b> {
    stem: Vec<&'b Block>,
    options: Vec<Found<'b>>,
    explanation: Vec<&'b Block>,
    /// Blocks after an option, until another option shows they continue it.
    pending: Vec<&'b Block>,
    not_tasks: Vec<&'b Block>,
}

fn sort_parts<'b>(parts: &[&'b Block]) -> Parts<'b> {
    let mut found = Parts::default();
    for &part in parts {
        if part.is_task_list() {
            if let Some(last) = found.options.last_mut() {
                last.more.append(&mut found.pending);
            }
            for item in &part.children {
                match item.kind {
                    Kind::Item {
                        task: Some(correct),
                    } => found.options.push(Found {
                        item,
                        correct,
                        more: Vec::new(),
                    }),
                    _ => found.not_tasks.push(item),
                }
            }
        } else if found.options.is_empty() {
            found.stem.push(part);
        } else if part.is_quote() {
            found.explanation.push(part);
        } else {
            found.pending.push(part);
        }
    }
    found
}

/// One numbered item of a practice set: stem, options with optional
/// feedback, and an explanation quote.
fn question(
    events: &Events,
    item: &Block,
    parts: &[&Block],
    set_id: &str,
    number: usize,
    cx: &mut PassContext,
) -> Option<PracticeQuestion> {
    let at = events[item.span.start].1.start;
    let found = sort_parts(parts);
    if !check(events, at, &found, cx) {
        return None;
    }
    let correct = found.options.iter().filter(|o| o.correct).count();
    let callouts = cx.callouts;
    let options: Vec<PracticeOption> = found
        .options
        .iter()
        .map(|o| option(events, o, callouts))
        .collect();
    let stem = stem_html(events, &found.stem, callouts);
    let explanation =
        (!found.explanation.is_empty()).then(|| quotes_html(events, &found.explanation, callouts));
    // The hash stands for the question as written (stem and options, the
    // correct ones marked), not as rendered: readers' saved answers and
    // review schedules outlive changes to the markup a version writes.
    let mut hash = crate::hash::Fnv::new();
    let source = |b: &Block| cx.source(events[b.span.start].1.clone()).trim_end();
    for b in &found.stem {
        hash.write(source(b).as_bytes());
    }
    for o in &found.options {
        hash.write(source(o.item).as_bytes());
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

/// Reports every problem of one question (all at once, so an author
/// fixes them in one go); true when there is none.
fn check(events: &Events, at: usize, found: &Parts, cx: &mut PassContext) -> bool {
    let start_of = |b: &Block| events[b.span.start].1.start;
    let before = cx.diagnostics.len();
    for item in &found.not_tasks {
        cx.error(
            start_of(item),
            "practice options must be a task list: start each with `- [ ]` or `- [x]`",
        );
    }
    for block in &found.pending {
        cx.error(
            start_of(block),
            "text after a practice question's options is not shown: indent it under the last option to make it part of that option, or start it with `>` to make it the explanation",
        );
    }
    match found.options.len() {
        0 => match found.stem.iter().find(|b| b.kind == Kind::List { ordered: false }) {
            Some(list) => cx.error(
                start_of(list.children.first().unwrap_or(list)),
                "practice options must be a task list: start each with `- [ ]` or `- [x]`",
            ),
            None => cx.error(at, "practice question has no options: add a task list (`- [ ]` for wrong, `- [x]` for right answers) indented under the question"),
        },
        1 => cx.error(at, "practice question has 1 option: give at least two"),
        _ => {}
    }
    if !found.options.is_empty() && !found.options.iter().any(|o| o.correct) {
        cx.error(
            at,
            "practice question has no correct option: mark the right answer with `- [x]`",
        );
    }
    cx.diagnostics.len() == before
}

/// An option's HTML: its first line of text inline (a loose list wraps it
/// in a paragraph), then any further blocks; quotes under it are feedback.
fn option(events: &Events, found: &Found, callouts: &CalloutTitles) -> PracticeOption {
    let mut body: Vec<&pulldown_cmark::Event> = Vec::new();
    let mut feedback: Vec<&Block> = Vec::new();
    for (n, child) in found
        .item
        .children
        .iter()
        .chain(found.more.iter().copied())
        .enumerate()
    {
        if child.is_quote() {
            feedback.push(child);
            continue;
        }
        let span = if n == 0 && child.kind == Kind::Paragraph {
            child.inner()
        } else {
            child.span.clone()
        };
        body.extend(
            events[span]
                .iter()
                .map(|(e, _)| e)
                .filter(|e| !matches!(e, pulldown_cmark::Event::TaskListMarker(_))),
        );
    }
    PracticeOption {
        html: html::fragment(body, callouts),
        correct: found.correct,
        feedback: (!feedback.is_empty()).then(|| quotes_html(events, &feedback, callouts)),
    }
}

/// The stem's HTML. A tight list gives its items' text no paragraph; it
/// gets one here, so every stem reads alike whatever the list's spacing.
fn stem_html(events: &Events, stem: &[&Block], callouts: &CalloutTitles) -> String {
    let open = pulldown_cmark::Event::Start(pulldown_cmark::Tag::Paragraph);
    let close = pulldown_cmark::Event::End(pulldown_cmark::TagEnd::Paragraph);
    let mut all: Vec<&pulldown_cmark::Event> = Vec::new();
    for block in stem {
        let inline = block.kind == Kind::Inline;
        if inline {
            all.push(&open);
        }
        all.extend(events[block.span.clone()].iter().map(|(e, _)| e));
        if inline {
            all.push(&close);
        }
    }
    html::fragment(all, callouts)
}

/// The content of one or more quotes, without the quote marks.
fn quotes_html(events: &Events, quotes: &[&Block], callouts: &CalloutTitles) -> String {
    quotes
        .iter()
        .map(|q| html::fragment(events[q.inner()].iter().map(|(e, _)| e), callouts))
        .collect::<Vec<_>>()
        .join("\n")
}
