//! FAQs: a `{.faq}` heading whose sub-headings one level down are the
//! questions, each answered by what follows it.

use super::model::{FaqEntry, Study};
use super::{esc, html, Block, Events, Heading, PassContext, Writer};

pub(super) fn region<'a>(
    events: &Events<'a>,
    head: &Heading,
    rest: &[Block],
    cx: &mut PassContext,
    study: &mut Study,
    w: &mut Writer<'a>,
) {
    let at = head.at(events);
    let headings: Vec<(usize, Heading)> = rest
        .iter()
        .enumerate()
        .filter(|(_, b)| b.is_heading())
        .filter_map(|(n, b)| Heading::read(events, b).map(|h| (n, h)))
        .collect();
    let entries: Vec<&(usize, Heading)> = headings
        .iter()
        .filter(|(_, h)| h.level == head.level + 1)
        .collect();
    let Some(&&(first, _)) = entries.first() else {
        let hashes = "#".repeat(usize::from(head.level) + 1);
        cx.error(
            at,
            format!(
                "FAQ `{}` has no questions: add `{hashes} Question?` headings under it",
                head.text
            ),
        );
        w.copy(events, head.block.span.clone());
        for block in rest {
            w.copy(events, block.span.clone());
        }
        return;
    };
    // Named by nothing: one region per FAQ would crowd the landmarks.
    w.html("<section class=\"faq\">\n", at);
    w.copy(events, head.block.span.clone());
    for block in &rest[..first] {
        w.copy(events, block.span.clone());
    }
    w.html("<div class=\"faq-list\">\n", at);
    for (k, (n, entry)) in entries.iter().map(|e| (e.0, &e.1)).enumerate() {
        let end = entries.get(k + 1).map_or(rest.len(), |next| next.0);
        let answer = &rest[n + 1..end];
        entry_html(events, entry, answer, cx, study, w);
    }
    w.html("</div>\n</section>\n", at);
}

fn entry_html<'a>(
    events: &Events<'a>,
    entry: &Heading,
    answer: &[Block],
    cx: &mut PassContext,
    study: &mut Study,
    w: &mut Writer<'a>,
) {
    let at = entry.at(events);
    let inline = entry.inline(events);
    let answer_refs: Vec<&Block> = answer.iter().collect();
    study.faq.push(FaqEntry {
        id: entry.id.clone(),
        question: entry.text.clone(),
        question_html: html::fragment(events[inline.clone()].iter().map(|(e, _)| e), cx.callouts),
        answer: super::blocks_html(events, &answer_refs, cx.callouts),
        line: cx.line_of(at),
    });
    w.html(format!("<details id=\"{}\"><summary>", esc(&entry.id)), at);
    w.copy(events, inline);
    w.html("</summary>\n", at);
    for block in answer {
        w.copy(events, block.span.clone());
    }
    w.html("</details>\n", at);
}
