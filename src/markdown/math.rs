//! Math (`[markdown] math = true`): `$...$` and `$$...$$` are TeX, shown
//! as MathML, which browsers lay out themselves: no script, nothing
//! fetched from elsewhere.
//!
//! The formulas stay in the event list as TeX until the page is written
//! (see [`super::blocks::finish`]), so every pass that reads plain text
//! (heading ids, search, short answers) reads their source. A pass of
//! their own, [`check`], reports each that does not parse.

use std::borrow::Cow;

use pulldown_cmark::Event;
use pulldown_latex::config::DisplayMode;
use pulldown_latex::event::{Content, Event as TexEvent};
use pulldown_latex::{Parser, RenderConfig, Storage};

use super::{Events, PassContext};
use crate::escape::escape_html;

const FIX: &str = "fix the TeX between the `$` signs; a dollar sign meant as text is written `\\$`";

/// Reports every formula of the page that does not parse, at its `$`.
/// Returns whether the page has any formula.
pub(crate) fn check(events: &Events, cx: &mut PassContext) -> bool {
    let mut found = false;
    for (i, (event, range)) in events.iter().enumerate() {
        let (Event::InlineMath(tex) | Event::DisplayMath(tex)) = event else {
            if let Some(tex) = unbalanced_formula(&events[i..]) {
                cx.error_with_help(
                    range.start,
                    format!(
                        "formula `{}` has unbalanced braces, so it is shown as text",
                        shortened(tex)
                    ),
                    FIX,
                );
            }
            continue;
        };
        found = true;
        if let Err(problem) = mathml(tex, matches!(event, Event::DisplayMath(_))) {
            cx.error_with_help(
                range.start,
                format!("formula `{}` does not parse: {problem}", shortened(tex)),
                FIX,
            );
        }
    }
    found
}

/// The text between two `$` at the start of `events` when it is a
/// formula the parser left as text because its braces do not pair up (it
/// splits each `$` it tried as a delimiter into a text of its own). Its
/// other rule still holds: no space inside either `$` (`$5 and $10` is
/// prose).
fn unbalanced_formula<'e>(events: &'e [(Event, std::ops::Range<usize>)]) -> Option<&'e str> {
    let [(Event::Text(open), _), (Event::Text(tex), _), (Event::Text(close), _), ..] = events
    else {
        return None;
    };
    if open.as_ref() != "$"
        || close.as_ref() != "$"
        || tex.starts_with(char::is_whitespace)
        || tex.ends_with(char::is_whitespace)
    {
        return None;
    }
    let mut depth = 0i64;
    let mut chars = tex.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            break;
        }
    }
    (depth != 0).then_some(tex.as_ref())
}

/// A formula's HTML. A display formula is wrapped so that one wider than
/// the screen scrolls by itself rather than the page. One that does not
/// parse (already reported by [`check`]) shows its source.
pub(crate) fn html(tex: &str, display: bool) -> String {
    match mathml(tex, display) {
        Ok(math) if display => format!("<span class=\"math-display\">{math}</span>"),
        Ok(math) => math,
        Err(_) => format!("<code class=\"math-error\">{}</code>", escape_html(tex)),
    }
}

/// The MathML of a formula, with its source kept as an annotation (for
/// copying, and for exports that want TeX back), or why it cannot be made.
fn mathml(tex: &str, display: bool) -> Result<String, String> {
    let storage = Storage::new();
    let events: Vec<TexEvent> = Parser::new(tex, &storage)
        .collect::<Result<_, _>>()
        .map_err(|e| {
            // The kind of error reads as a sentence; the full message adds
            // a drawing of the context, which the file location replaces.
            std::error::Error::source(&e).map_or_else(|| e.to_string(), |kind| kind.to_string())
        })?;
    for event in &events {
        // The renderer writes these names as they are: markup in them
        // would become markup on the page.
        if let TexEvent::Content(Content::Function(name) | Content::Number(name)) = event {
            if name.contains(['<', '&']) {
                return Err(format!(
                    "`{name}` cannot be an operator name: `<` and `&` are not allowed in one"
                ));
            }
        }
    }
    let annotation = escape_html(tex.trim());
    let config = RenderConfig {
        display_mode: if display {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        annotation: Some(&annotation),
        ..RenderConfig::default()
    };
    let mut out = String::with_capacity(tex.len() * 8 + 64);
    pulldown_latex::push_mathml(
        &mut out,
        events.into_iter().map(Ok::<_, std::fmt::Error>),
        config,
    )
    .map_err(|e| e.to_string())?;
    // The renderer escapes the no-break space it makes of `\ ` and `~`
    // once too often.
    let out = out.replace(">&amp;nbsp;</mtext>", ">&nbsp;</mtext>");
    Ok(escape_text(&space_outside_scripts(out)).into_owned())
}

/// The renderer writes the thin space it puts before an operator name
/// (`n \log_2 n`) inside the script element whose base that name is: a
/// child too many, which browsers show as an error (the `2` beside `log`,
/// not below it) and validators refuse. Such a space is moved out, before
/// the element. One that is the base itself (`\,_x`) has another width.
fn space_outside_scripts(mathml: String) -> String {
    const SPACE: &str = "<mspace width=\"0.1667em\" />";
    const SCRIPTS: [&str; 6] = ["msub", "msup", "msubsup", "munder", "mover", "munderover"];
    if !mathml.contains(SPACE) {
        return mathml;
    }
    let mut out = String::with_capacity(mathml.len());
    let mut rest = mathml.as_str();
    while let Some(at) = rest.find(SPACE) {
        let (before, after) = (&rest[..at], &rest[at + SPACE.len()..]);
        // The tag that ends right before the space, when it opens a script
        // whose base is an operator name followed by its script.
        let script = before.rfind('<').filter(|&tag| {
            let name = before[tag + 1..].split([' ', '>']).next().unwrap_or("");
            SCRIPTS.contains(&name)
                && before.ends_with('>')
                && after.starts_with("<mi")
                && after
                    .find("</mi>")
                    .is_some_and(|end| !after[end + 5..].starts_with(&format!("</{name}>")))
        });
        match script {
            Some(tag) => {
                out.push_str(&before[..tag]);
                out.push_str(SPACE);
                out.push_str(&before[tag..]);
            }
            None => {
                out.push_str(before);
                out.push_str(SPACE);
            }
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The renderer leaves a lone `<` or `&` of a formula (`a < b`, `\&`) bare
/// in the text of an element; HTML wants them escaped. Every `<` that the
/// renderer writes opens or closes a tag (operator names holding one were
/// refused above), so any other is text.
fn escape_text(mathml: &str) -> Cow<'_, str> {
    let bytes = mathml.as_bytes();
    let bare = |i: usize| match bytes[i] {
        b'<' => !bytes
            .get(i + 1)
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/'),
        b'&' => !is_reference(&mathml[i + 1..]),
        _ => false,
    };
    if !(0..bytes.len()).any(bare) {
        return Cow::Borrowed(mathml);
    }
    let mut out = String::with_capacity(mathml.len() + 16);
    for (i, c) in mathml.char_indices() {
        match c {
            '<' if bare(i) => out.push_str("&lt;"),
            '&' if bare(i) => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether `rest` (after a `&`) is a character reference: `nbsp;`, `#60;`.
fn is_reference(rest: &str) -> bool {
    let name = rest.strip_prefix('#').unwrap_or(rest);
    let name = name
        .strip_prefix(['x', 'X'])
        .filter(|_| rest.starts_with('#'))
        .unwrap_or(name);
    let len = name.bytes().take_while(u8::is_ascii_alphanumeric).count();
    len > 0 && name.as_bytes().get(len) == Some(&b';')
}

/// A formula as quoted in a message: one line, not too long.
fn shortened(tex: &str) -> String {
    let flat: String = tex.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}

/// HTML with each formula written by [`html`] turned back into its TeX
/// source between `\(` and `\)` (`\[` and `\]` for display math), the
/// form Anki typesets with its own MathJax: Anki's older desktop versions
/// cannot show MathML.
pub(crate) fn tex_for_anki(html: &str) -> Cow<'_, str> {
    const OPEN: &str = "<math display=\"";
    const SOURCE: &str = "<annotation encoding=\"application/x-tex\">";
    const CLOSE: &str = "</math>";
    if !html.contains(OPEN) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        let Some(len) = rest[start..].find(CLOSE) else {
            break;
        };
        let math = &rest[start..start + len + CLOSE.len()];
        let source = math
            .find(SOURCE)
            .map(|i| &math[i + SOURCE.len()..])
            .and_then(|s| s.find("</annotation>").map(|end| &s[..end]));
        out.push_str(&rest[..start]);
        match source {
            Some(tex) if math[OPEN.len()..].starts_with("block") => {
                out.push_str(&format!("\\[{tex}\\]"))
            }
            Some(tex) => out.push_str(&format!("\\({tex}\\)")),
            // Not ours (MathML written by hand): kept as it is.
            None => out.push_str(math),
        }
        rest = &rest[start + math.len()..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_mathml_with_their_source() {
        let m = html("O(n \\log n)", false);
        assert!(m.starts_with("<math display=\"inline\">"), "{m}");
        assert!(m.contains("<mi>log</mi>"), "{m}");
        assert!(
            m.contains("<annotation encoding=\"application/x-tex\">O(n \\log n)</annotation>"),
            "{m}"
        );
        let d = html("\\sum_{i=1}^n i", true);
        assert!(
            d.starts_with("<span class=\"math-display\"><math display=\"block\">"),
            "{d}"
        );
    }

    #[test]
    fn lone_signs_are_escaped_and_names_cannot_hold_markup() {
        let m = html("a < b \\& c", false);
        assert!(m.contains("<mo>&lt;</mo>"), "{m}");
        assert!(m.contains("<mi>&amp;</mi>"), "{m}");
        assert!(m.contains("a &lt; b \\&amp; c</annotation>"), "{m}");
        for tex in [
            "\\operatorname{<img src=x onerror=alert(1)>}",
            "\\mathop{<b>}",
            "\\text{<script>}",
            "\\char\"3C script",
        ] {
            let m = html(tex, false);
            assert!(!m.contains("<img") && !m.contains("<b>"), "{m}");
            assert!(!m.contains("<script"), "{m}");
        }
        assert!(mathml("\\operatorname{<b>}", false)
            .unwrap_err()
            .contains("operator name"));
    }

    #[test]
    fn spaces_are_spaces() {
        let m = html("a\\ b~c", false);
        assert!(
            m.contains("<mtext>&nbsp;</mtext><mi>b</mi><mtext>&nbsp;</mtext>"),
            "{m}"
        );
        assert!(!m.contains("&amp;nbsp;"), "{m}");
    }

    #[test]
    fn a_scripted_operator_name_keeps_its_space_outside_its_script() {
        let m = html("x \\log_2 n + \\frac{n}{2}\\sin^2_3 y", false);
        assert!(
            m.contains("<mi>x</mi><mspace width=\"0.1667em\" /><msub><mi>log</mi><mn>2</mn></msub><mo>\u{2061}</mo>"),
            "{m}"
        );
        assert!(
            m.contains("</mfrac><mspace width=\"0.1667em\" /><msubsup><mi>sin</mi><mn>3</mn><mn>2</mn></msubsup>"),
            "{m}"
        );
        let d = html("a \\max_i x", true);
        assert!(
            d.contains(
                "<mi>a</mi><mspace width=\"0.1667em\" /><munder><mi>max</mi><mi>i</mi></munder>"
            ),
            "{d}"
        );
        // At the start there is no space; a space that is the base stays.
        assert!(html("\\log_2 n", false).contains("<mrow><msub><mi>log</mi><mn>2</mn></msub>"));
        assert!(html("a\\,_x", false)
            .contains("<msub><mspace width=\"0.16666667em\" /><mi>x</mi></msub>"));
    }

    #[test]
    fn errors_name_the_problem() {
        let e = mathml("\\frac{1}{", false).unwrap_err();
        assert_eq!(
            e,
            "unbalanced group found, expected it to be closed with `}`"
        );
        assert_eq!(
            html("\\nope", false),
            "<code class=\"math-error\">\\nope</code>"
        );
    }

    #[test]
    fn anki_gets_tex_back() {
        let page = format!(
            "<p>Cost {} or</p>{}",
            html("O(1) < x", false),
            html("x^2", true)
        );
        assert_eq!(
            tex_for_anki(&page),
            "<p>Cost \\(O(1) &lt; x\\) or</p><span class=\"math-display\">\\[x^2\\]</span>"
        );
        let hand = "<math><mi>x</mi></math>";
        assert_eq!(tex_for_anki(hand), hand);
    }

    #[test]
    fn references_are_recognised() {
        assert!(is_reference("nbsp; x"));
        assert!(is_reference("#60;"));
        assert!(is_reference("#x3C;"));
        assert!(!is_reference("<"));
        assert!(!is_reference("x"));
        assert!(!is_reference("#;"));
    }
}
