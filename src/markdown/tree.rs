//! A page's blocks as a small tree over its event list, so the study passes
//! can ask "the items of this list" or "the blocks after this heading"
//! instead of doing index arithmetic over a flat list of events.
//!
//! The tree only records where each block's events are: the events stay in
//! one list, and a pass copies the spans it keeps.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Events;

/// One block of the page: `span` indexes the event list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub kind: Kind,
    /// The block's events, from its `Start` to its `End` inclusive.
    pub span: Range<usize>,
    /// Child blocks of containers (lists, items, quotes, footnotes).
    pub children: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    Heading,
    Paragraph,
    /// `ordered` lists number their items.
    List {
        ordered: bool,
    },
    /// `task` is the item's checkbox: `Some(true)` for `[x]`.
    Item {
        task: Option<bool>,
    },
    /// `callout` quotes are GitHub alerts (`> [!NOTE]`).
    Quote {
        callout: bool,
    },
    Footnote,
    /// Text of a tight list item, which has no paragraph around it.
    Inline,
    /// Anything else: code (already HTML), tables, raw HTML, rules.
    Other,
}

impl Block {
    pub(crate) fn is_heading(&self) -> bool {
        self.kind == Kind::Heading
    }

    pub(crate) fn is_ordered_list(&self) -> bool {
        self.kind == Kind::List { ordered: true }
    }

    /// A list with at least one `[ ]` or `[x]` item.
    pub(crate) fn is_task_list(&self) -> bool {
        matches!(self.kind, Kind::List { .. })
            && self
                .children
                .iter()
                .any(|c| matches!(c.kind, Kind::Item { task: Some(_) }))
    }

    pub(crate) fn is_quote(&self) -> bool {
        matches!(self.kind, Kind::Quote { .. })
    }

    pub(crate) fn is_plain_quote(&self) -> bool {
        self.kind == Kind::Quote { callout: false }
    }

    /// The events inside a container, without its own `Start` and `End`.
    pub(crate) fn inner(&self) -> Range<usize> {
        self.span.start + 1..self.span.end.saturating_sub(1).max(self.span.start + 1)
    }
}

/// The top-level blocks of a page.
pub(crate) fn build(events: &Events) -> Vec<Block> {
    let mut stack: Vec<Block> = vec![Block {
        kind: Kind::Other,
        span: 0..events.len(),
        children: Vec::new(),
    }];
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(tag) if container(tag, events, i).is_some() => {
                let kind = container(tag, events, i).expect("checked by the guard");
                stack.push(Block {
                    kind,
                    span: i..i,
                    children: Vec::new(),
                });
                i += 1;
            }
            Event::End(end) if closes_container(end) && stack.len() > 1 => {
                let mut block = stack.pop().expect("more than the root");
                block.span.end = i + 1;
                push_child(&mut stack, block);
                i += 1;
            }
            event => {
                let (kind, end) = if is_inline(event) {
                    (Kind::Inline, inline_run_end(events, i))
                } else {
                    (leaf_kind(event), balanced_end(events, i))
                };
                push_child(
                    &mut stack,
                    Block {
                        kind,
                        span: i..end,
                        children: Vec::new(),
                    },
                );
                i = end;
            }
        }
    }
    // Well-formed event lists close every container; tolerate ones that don't.
    while stack.len() > 1 {
        let mut block = stack.pop().expect("more than the root");
        block.span.end = events.len();
        push_child(&mut stack, block);
    }
    stack.pop().map(|root| root.children).unwrap_or_default()
}

fn push_child(stack: &mut [Block], block: Block) {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(block);
    }
}

fn container(tag: &Tag, events: &Events, at: usize) -> Option<Kind> {
    Some(match tag {
        Tag::List(start) => Kind::List {
            ordered: start.is_some(),
        },
        Tag::Item => Kind::Item {
            task: events[at + 1..(at + 3).min(events.len())]
                .iter()
                .find_map(|(e, _)| match e {
                    Event::TaskListMarker(checked) => Some(*checked),
                    _ => None,
                }),
        },
        Tag::BlockQuote(kind) => Kind::Quote {
            callout: kind.is_some(),
        },
        Tag::FootnoteDefinition(_) => Kind::Footnote,
        _ => return None,
    })
}

fn closes_container(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition
    )
}

fn leaf_kind(event: &Event) -> Kind {
    match event {
        Event::Start(Tag::Heading { .. }) => Kind::Heading,
        Event::Start(Tag::Paragraph) => Kind::Paragraph,
        _ => Kind::Other,
    }
}

/// Events that live inside a line of text rather than making a block.
fn is_inline(event: &Event) -> bool {
    match event {
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(_) | Event::Html(_) | Event::Rule => false,
        _ => true,
    }
}

/// The end of a run of inline events (a tight item's text).
fn inline_run_end(events: &Events, from: usize) -> usize {
    let mut depth = 0usize;
    let mut i = from;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(_) if depth > 0 || is_inline(&events[i].0) => depth += 1,
            Event::End(_) if depth > 0 => depth -= 1,
            e if depth == 0 && !is_inline(e) => break,
            _ => {}
        }
        i += 1;
    }
    i.max(from + 1)
}

/// The index after the event that closes the one at `from` (or after
/// `from` itself for a lone event such as a rule or a block of HTML).
fn balanced_end(events: &Events, from: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(from) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 {
            return i + 1;
        }
    }
    events.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    fn tree(md: &str) -> (Events<'_>, Vec<Block>) {
        let events: Events = Parser::new_ext(md, Options::ENABLE_TASKLISTS)
            .into_offset_iter()
            .collect();
        let blocks = build(&events);
        (events, blocks)
    }

    fn kinds(blocks: &[Block]) -> Vec<&Kind> {
        blocks.iter().map(|b| &b.kind).collect()
    }

    #[test]
    fn top_level_blocks_cover_the_page_in_order() {
        let (events, blocks) = tree("# T\n\nPara *em*.\n\n---\n\n> q\n\n1. a\n2. b\n");
        assert_eq!(
            kinds(&blocks),
            [
                &Kind::Heading,
                &Kind::Paragraph,
                &Kind::Other,
                &Kind::Quote { callout: false },
                &Kind::List { ordered: true }
            ]
        );
        let mut next = 0;
        for b in &blocks {
            assert_eq!(b.span.start, next);
            next = b.span.end;
        }
        assert_eq!(next, events.len());
    }

    #[test]
    fn items_hold_their_text_options_and_quotes() {
        let (_, blocks) = tree("1. Stem\n\n   - [ ] a\n   - [x] b\n     > why\n\n   > expl\n");
        let item = &blocks[0].children[0];
        assert_eq!(
            kinds(&item.children),
            [
                &Kind::Paragraph,
                &Kind::List { ordered: false },
                &Kind::Quote { callout: false }
            ]
        );
        let options = &item.children[1];
        assert!(options.is_task_list());
        assert_eq!(
            kinds(&options.children),
            [
                &Kind::Item { task: Some(false) },
                &Kind::Item { task: Some(true) }
            ]
        );
        let b = &options.children[1];
        assert_eq!(
            kinds(&b.children),
            [&Kind::Inline, &Kind::Quote { callout: false }]
        );
    }

    #[test]
    fn unbalanced_lists_do_not_panic() {
        let events: Events = vec![
            (Event::Start(Tag::Item), 0..1),
            (Event::Text("x".into()), 0..1),
        ];
        let blocks = build(&events);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].span, 0..2);
    }
}
