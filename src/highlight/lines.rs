//! Highlighting a block line by line, keeping what each line became.
//!
//! The grammars' regular expressions are most of a build's CPU, and code
//! repeats across a site: blank lines, closing brackets, imports, the same
//! statement in many examples. A line's HTML, and the grammar state after
//! it, depend only on the state it starts in, its text and the palette. So
//! each thread keeps the lines it has highlighted with the state they
//! started in, and a line met again in the same state costs a hash and a
//! comparison of states instead of a parse.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHasher};
use syntect::highlighting::Highlighter;
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference};

use super::{look, syntaxes, Highlighted, Palette, TokenStyle};

/// Longer lines are highlighted but not kept: they seldom repeat, and each
/// would take a large share of what a thread keeps.
const LONGEST_KEPT: usize = 512;

/// About how many bytes of lines and states a thread keeps before it
/// starts over, so a long `serve` session or a site of generated code
/// stays bounded.
const KEPT_BYTES: usize = 8 << 20;

/// Lines inside deeper scopes are not kept: their states are large and
/// seldom met again (deeply nested data, long strings).
const DEEPEST_KEPT: usize = 24;

/// Lines of one text kept in as many states at most, the oldest dropped
/// first: a blank line inside heredocs or raw strings meets a new state
/// each time, and looking it up must not grow with them.
const STATES_KEPT: usize = 8;

/// Highlights `code` with `syntax`; `None` when the grammar fails.
pub(super) fn highlight(
    palette: &Palette,
    syntax: &SyntaxReference,
    code: &str,
) -> Option<Highlighted> {
    let mut block = Block::new(palette, syntax);
    for line in code.split_inclusive('\n') {
        block.line(line)?;
    }
    Some(block.out)
}

/// The classes one line uses, each once.
type LineClasses = Vec<(Rc<str>, TokenStyle)>;

/// A token's style and the class that names it (none for the plain style).
#[derive(Clone)]
struct Styled {
    style: TokenStyle,
    class: Option<Rc<str>>,
}

struct KnownStack {
    palette: usize,
    stack: Vec<Scope>,
    styled: Styled,
}

/// What a line became: its HTML, the classes it uses, and the states the
/// next line starts in.
struct Done {
    html: String,
    classes: LineClasses,
    parse: ParseState,
    stack: ScopeStack,
}

/// A line highlighted before, with the states it started in.
struct KnownLine {
    /// About the bytes it takes, counted against [`KEPT_BYTES`].
    cost: usize,
    palette: usize,
    text: Box<str>,
    parse: ParseState,
    stack: ScopeStack,
    done: Done,
}

#[derive(Default)]
struct KnownLines {
    by_hash: FxHashMap<u64, Vec<KnownLine>>,
    bytes: usize,
}

thread_local! {
    // A scope stack always looks the same, and stacks repeat endlessly:
    // each thread styles each distinct stack once per palette, and names
    // its class once.
    static STYLES: RefCell<FxHashMap<u64, Vec<KnownStack>>> = Default::default();
    static LINES: RefCell<KnownLines> = Default::default();
}

struct Block<'p> {
    palette: &'p Palette,
    /// The palette's address: palettes live as long as the process.
    id: usize,
    light: Highlighter<'p>,
    dark: Highlighter<'p>,
    plain: TokenStyle,
    parse: ParseState,
    stack: ScopeStack,
    out: Highlighted,
}

impl<'p> Block<'p> {
    fn new(palette: &'p Palette, syntax: &SyntaxReference) -> Self {
        let (light, dark) = (
            Highlighter::new(palette.light),
            Highlighter::new(palette.dark),
        );
        let plain = TokenStyle {
            light: look(light.get_default()),
            dark: look(dark.get_default()),
        };
        Block {
            palette,
            id: palette as *const Palette as usize,
            light,
            dark,
            plain,
            parse: ParseState::new(syntax),
            stack: ScopeStack::new(),
            out: Highlighted::default(),
        }
    }

    fn line(&mut self, text: &str) -> Option<()> {
        let mut hash = FxHasher::default();
        (self.id, text).hash(&mut hash);
        let key = hash.finish();
        if LINES.with(|lines| self.take_known(&lines.borrow(), key, text)) {
            return Some(());
        }
        let shallow = |stack: &ScopeStack| stack.len() <= DEEPEST_KEPT;
        let before = (text.len() <= LONGEST_KEPT && shallow(&self.stack))
            .then(|| (self.parse.clone(), self.stack.clone()));
        let (html, classes) = self.highlight_line(text)?;
        add_classes(&mut self.out.classes, &classes);
        if let Some((parse, stack)) = before.filter(|_| shallow(&self.stack)) {
            let done = Done {
                html: html.clone(),
                classes,
                parse: self.parse.clone(),
                stack: self.stack.clone(),
            };
            LINES.with(|lines| {
                lines
                    .borrow_mut()
                    .keep(key, self.id, text, parse, stack, done)
            });
        }
        self.out.lines.push(html);
        Some(())
    }

    /// Takes the line from `lines` when it was met in the current states.
    fn take_known(&mut self, lines: &KnownLines, key: u64, text: &str) -> bool {
        let known = lines.by_hash.get(&key).and_then(|candidates| {
            candidates.iter().find(|k| {
                k.palette == self.id
                    && *k.text == *text
                    && k.parse == self.parse
                    && k.stack == self.stack
            })
        });
        let Some(KnownLine { done, .. }) = known else {
            return false;
        };
        self.out.lines.push(done.html.clone());
        add_classes(&mut self.out.classes, &done.classes);
        self.parse.clone_from(&done.parse);
        self.stack.clone_from(&done.stack);
        true
    }

    /// Parses and writes one line, moving the block's states past it.
    fn highlight_line(&mut self, line: &str) -> Option<(String, LineClasses)> {
        let ops = self.parse.parse_line(line, syntaxes()).ok()?;
        let mut writer = LineWriter::new(line.len());
        let mut pos = 0;
        for (at, op) in &ops {
            let at = (*at).min(line.len());
            if at > pos {
                writer.token(&line[pos..at], self.styled(self.stack.as_slice()));
                pos = at;
            }
            self.stack.apply(op).ok()?;
        }
        if pos < line.len() {
            writer.token(&line[pos..], self.styled(self.stack.as_slice()));
        }
        Some(writer.finish(line.ends_with('\n')))
    }

    /// The style and class of a token under `stack`, looked up by a hash
    /// of the stack so that a token costs no allocation.
    fn styled(&self, stack: &[Scope]) -> Styled {
        let mut hash = FxHasher::default();
        (self.id, stack).hash(&mut hash);
        let key = hash.finish();
        STYLES.with(|styles| {
            let mut styles = styles.borrow_mut();
            let known = styles.entry(key).or_default();
            if let Some(k) = known
                .iter()
                .find(|k| k.palette == self.id && k.stack == stack)
            {
                return k.styled.clone();
            }
            let style = TokenStyle {
                light: look(self.light.style_for_stack(stack)),
                dark: look(self.dark.style_for_stack(stack)),
            };
            let styled = Styled {
                class: (style != self.plain).then(|| Rc::from(self.palette.class_of(&style))),
                style,
            };
            known.push(KnownStack {
                palette: self.id,
                stack: stack.to_vec(),
                styled: styled.clone(),
            });
            styled
        })
    }
}

fn add_classes(to: &mut BTreeMap<String, TokenStyle>, classes: &[(Rc<str>, TokenStyle)]) {
    for (class, style) in classes {
        if !to.contains_key(&**class) {
            to.insert(class.to_string(), *style);
        }
    }
}

impl KnownLines {
    fn keep(
        &mut self,
        key: u64,
        palette: usize,
        text: &str,
        parse: ParseState,
        stack: ScopeStack,
        done: Done,
    ) {
        // The state a line starts in is the one the line before ended in:
        // counting the one after twice costs one measure instead of two.
        let cost = text.len() + done.html.len() + 2 * state_bytes(&done.parse);
        self.bytes += cost;
        if self.bytes > KEPT_BYTES {
            self.by_hash.clear();
            self.bytes = cost;
        }
        let candidates = self.by_hash.entry(key).or_default();
        if candidates.len() >= STATES_KEPT {
            self.bytes -= candidates.remove(0).cost;
        }
        candidates.push(KnownLine {
            cost,
            palette,
            text: text.into(),
            parse,
            stack,
            done,
        });
    }
}

/// About the bytes a grammar state takes: its written form is as long as
/// its contexts and the text it captured (a heredoc's delimiter line), which
/// its fields do not tell.
fn state_bytes(state: &ParseState) -> usize {
    struct Count(usize);
    impl std::fmt::Write for Count {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0 += s.len();
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = std::fmt::write(&mut count, format_args!("{state:?}"));
    count.0
}

/// Writes one line of tokens as flat spans, merging neighbours of one class.
struct LineWriter {
    html: String,
    open: Option<Rc<str>>,
    classes: LineClasses,
}

impl LineWriter {
    fn new(len: usize) -> Self {
        LineWriter {
            html: String::with_capacity(len * 2),
            open: None,
            classes: Vec::new(),
        }
    }

    fn token(&mut self, text: &str, styled: Styled) {
        let text = text.strip_suffix('\n').unwrap_or(text);
        if text.is_empty() {
            return;
        }
        // Whitespace takes no colour: it joins the span it follows.
        let class = if text.trim().is_empty() && self.open.is_some() {
            self.open.clone()
        } else {
            if let Some(c) = &styled.class {
                if !self.classes.iter().any(|(known, _)| known == c) {
                    self.classes.push((Rc::clone(c), styled.style));
                }
            }
            styled.class
        };
        if class != self.open {
            if self.open.is_some() {
                self.html.push_str("</span>");
            }
            if let Some(c) = &class {
                // Class names are letters and digits: no quotes needed.
                self.html.push_str("<span class=");
                self.html.push_str(c);
                self.html.push('>');
            }
            self.open = class;
        }
        let _ = pulldown_cmark_escape::escape_html_body_text(&mut self.html, text);
    }

    fn finish(mut self, newline: bool) -> (String, LineClasses) {
        if self.open.is_some() {
            self.html.push_str("</span>");
        }
        if newline {
            self.html.push('\n');
        }
        (self.html, self.classes)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Palette;
    use super::*;

    fn highlight_in_new_thread(code: &'static str) -> Highlighted {
        std::thread::spawn(move || {
            let palette = Palette::get("InspiredGitHub", "OneHalfDark");
            palette
                .highlight(code, "python")
                .expect("python highlights")
        })
        .join()
        .expect("highlighting does not panic")
    }

    #[test]
    fn a_line_met_again_in_another_state_is_highlighted_for_that_state() {
        // `x = 1` inside a string, then as code: the second must not take
        // the string colour the first one got.
        let block = highlight_in_new_thread("s = \"\"\"\nx = 1\n\"\"\"\nx = 1\n");
        assert_ne!(block.lines[1], block.lines[3]);
        assert!(block.lines[3].contains("<span"), "{:?}", block.lines[3]);
    }

    #[test]
    fn kept_lines_give_what_a_fresh_thread_gives() {
        const FIRST: &str = "import os\n\ndef f(x):\n    return x + 1\n";
        const SECOND: &str =
            "def f(x):\n    return x + 1\n\nclass A:\n    \"\"\"\n    return x + 1\n    \"\"\"\n";
        let alone = highlight_in_new_thread(SECOND);
        let after_first = std::thread::spawn(|| {
            let palette = Palette::get("InspiredGitHub", "OneHalfDark");
            let first = palette
                .highlight(FIRST, "python")
                .expect("python highlights");
            let second = palette
                .highlight(SECOND, "python")
                .expect("python highlights");
            let again = palette
                .highlight(SECOND, "python")
                .expect("python highlights");
            (first, second, again)
        })
        .join()
        .expect("highlighting does not panic");
        for block in [&after_first.1, &after_first.2] {
            assert_eq!(block.lines, alone.lines);
            assert_eq!(block.classes, alone.classes);
        }
        // The kept line inside the docstring is not the kept line of code.
        assert_ne!(alone.lines[1], alone.lines[5]);
        assert_eq!(after_first.0.lines[3], alone.lines[1]);
    }

    #[test]
    fn a_thread_keeps_a_bounded_number_of_lines() {
        let mut lines = KnownLines::default();
        let syntax = syntaxes().find_syntax_by_token("python").expect("python");
        let state = || (ParseState::new(syntax), ScopeStack::new());
        let each = 2 * state_bytes(&state().0);
        assert!(each > 0);
        for i in 0..(2 * KEPT_BYTES / each + 10) {
            let done = Done {
                html: String::new(),
                classes: Vec::new(),
                parse: state().0,
                stack: ScopeStack::new(),
            };
            let (parse, stack) = state();
            lines.keep(i as u64, 0, "", parse, stack, done);
        }
        assert!(lines.bytes <= KEPT_BYTES);
        assert!(lines.by_hash.len() * each <= KEPT_BYTES);
    }

    #[test]
    fn a_line_met_in_ever_new_states_keeps_only_the_last_few() {
        // Each heredoc's delimiter is captured in the state its blank
        // line starts in, so no two blank lines share a state.
        let (block, most) = std::thread::spawn(|| {
            let mut code = String::new();
            for n in 0..40 {
                code.push_str(&format!("cat <<END{n}\n\nEND{n}\n"));
            }
            let palette = Palette::get("InspiredGitHub", "OneHalfDark");
            let block = palette.highlight(&code, "bash").expect("bash highlights");
            let most = LINES.with(|lines| {
                let lines = lines.borrow();
                lines.by_hash.values().map(Vec::len).max().unwrap_or(0)
            });
            (block, most)
        })
        .join()
        .expect("highlighting does not panic");
        assert_eq!(block.lines.len(), 120);
        assert!(most <= STATES_KEPT, "{most} states kept for one line");
    }
}
