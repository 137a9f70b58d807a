//! Code from files: a fence with `file="..."` shows that file instead of
//! text of its own (or its lines `lines="3-12"`, or the part between the
//! comment lines `ANCHOR: name` and `ANCHOR_END: name`), so code samples
//! can be real files that run and are tested. The code is then
//! highlighted, searched and counted like code written in the page.
//!
//! Markdown is never a template, so this is a fence option rather than a
//! directive in the text.

use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::code::{parse_fence, IncludeOptions};
use super::{Events, PassContext};
use crate::cache::quick_hash;
use crate::discover::CONTENT_DIR;

/// A file a page's code blocks include, as it was when the page was
/// rendered: a page is rendered again when one of its files changes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Included {
    /// Where it is on disk.
    pub path: PathBuf,
    /// A hash of its bytes; `None` when it could not be read.
    pub hash: Option<u64>,
}

impl Included {
    /// Whether the file still holds what the page was rendered from.
    pub(crate) fn unchanged(&self) -> bool {
        std::fs::read(&self.path).ok().map(|b| quick_hash(&b)) == self.hash
    }
}

const WHERE: &str =
    "`file=` is relative to the guide's folder, or to the site's folder when it starts with `/`";

/// A problem with one include: what is wrong, and how to fix it.
type Problem = (String, String);

/// Fills each fence that names a file with that file's code.
pub(crate) fn apply<'a>(events: Events<'a>, cx: &mut PassContext) -> Events<'a> {
    let asks = |e: &Event| {
        matches!(e, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
        if ["file", "lines", "anchor"].iter().any(|k| info.contains(k)))
    };
    if !events.iter().any(|(e, _)| asks(e)) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut events = events.into_iter();
    while let Some((event, range)) = events.next() {
        let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = &event else {
            out.push((event, range));
            continue;
        };
        // The code pass reports the fence's other problems.
        let (fence, _) = parse_fence(info);
        let body: Events = events
            .by_ref()
            .take_while(|(e, _)| !matches!(e, Event::End(TagEnd::CodeBlock)))
            .collect();
        let end = (Event::End(TagEnd::CodeBlock), range.clone());
        let at = range.start;
        let Some(file) = fence.include.file.as_deref() else {
            if fence.include.lines.is_some() || fence.include.anchor.is_some() {
                cx.error_with_help(
                    at,
                    "`lines=` and `anchor=` choose lines of an included file, but this code block names none",
                    "add file=\"...\" with the file to take the code from",
                );
            }
            out.push((event, range));
            out.extend(body);
            out.push(end);
            continue;
        };
        if body
            .iter()
            .any(|(e, _)| matches!(e, Event::Text(t) if !t.trim().is_empty()))
        {
            cx.error_with_help(
                at,
                format!("this code block takes its code from `{file}`, so the lines written inside it would not be shown"),
                "remove them, or remove file= to show them",
            );
        }
        let start = match extension(file).filter(|_| fence.lang.is_empty()) {
            // No language given: the file's extension names it.
            Some(ext) => Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(CowStr::from(
                format!("{ext} {info}"),
            )))),
            None => event,
        };
        out.push((start, range.clone()));
        if let Some(code) = code_from(file, &fence.include, at, cx) {
            out.push((Event::Text(code.into()), range.clone()));
        }
        out.push(end);
    }
    out
}

/// The extension of a file name, when it can name a language.
fn extension(file: &str) -> Option<&str> {
    let name = file.rsplit('/').next()?;
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty() && ext.chars().all(|c| c.is_ascii_alphanumeric()))
        .then_some(ext)
}

/// The code a fence asks for, or `None` after reporting why there is none.
fn code_from(
    file: &str,
    wanted: &IncludeOptions,
    at: usize,
    cx: &mut PassContext,
) -> Option<String> {
    let Some(root) = cx.site_root else {
        cx.error(
            at,
            format!("`{file}` cannot be included: this page is not part of a site folder"),
        );
        return None;
    };
    let result =
        read(root, cx.page, file, cx).and_then(|(text, shown)| select(&text, wanted, &shown));
    match result {
        Ok(code) => Some(code),
        Err((message, help)) => {
            cx.error_with_help(at, message, help);
            None
        }
    }
}

/// The text of the file `file` names, and its path as shown in messages.
/// A path that leaves the site, by `..` or through a link, is refused.
fn read(
    root: &Path,
    page: &str,
    file: &str,
    cx: &mut PassContext,
) -> Result<(String, String), Problem> {
    let outside = || {
        (
            format!("`{file}` is outside the site: code is included only from files inside the site's folder"),
            WHERE.to_string(),
        )
    };
    let shown = site_path(page, file).ok_or_else(outside)?;
    let path = root.join(&shown);
    let real = match path.canonicalize() {
        Ok(real) => real,
        Err(_) => {
            cx.includes.push(Included { path, hash: None });
            return Err((
                format!("`{file}` not found: there is no {shown}"),
                WHERE.to_string(),
            ));
        }
    };
    if !root.canonicalize().is_ok_and(|r| real.starts_with(r)) {
        return Err(outside());
    }
    if real.is_dir() {
        return Err((
            format!("`{file}` is a folder"),
            "name a file in it".to_string(),
        ));
    }
    let bytes = std::fs::read(&path)
        .map_err(|e| (format!("cannot read {shown}: {e}"), WHERE.to_string()))?;
    cx.includes.push(Included {
        path,
        hash: Some(quick_hash(&bytes)),
    });
    let text = crate::encoding::decode(&shown, bytes).map_err(|d| {
        let help = d.help.unwrap_or_else(|| "save it as UTF-8".to_string());
        (format!("cannot include {shown}: {}", d.message), help)
    })?;
    Ok((text, shown))
}

/// The site-relative path (`content/python/gen.py`) of `file` as written
/// in the page `page` (`python/generators.md`), with `.` and `..` taken
/// away; `None` when it climbs out of the site's folder.
fn site_path(page: &str, file: &str) -> Option<String> {
    let (mut parts, rest): (Vec<&str>, &str) = match file.strip_prefix('/') {
        Some(rest) => (Vec::new(), rest),
        None => {
            let mut parts = vec![CONTENT_DIR];
            parts.extend(page.split('/'));
            parts.pop();
            (parts, file)
        }
    };
    for part in rest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            // A drive or a Windows separator would leave the folder too.
            part if part.contains([':', '\\']) => return None,
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// The part of `text` a fence asks for, with anchor lines left out.
fn select(text: &str, wanted: &IncludeOptions, shown: &str) -> Result<String, Problem> {
    let lines: Vec<&str> = text.lines().collect();
    let (part, cut) = match (&wanted.lines, &wanted.anchor) {
        (Some(_), Some(_)) => {
            return Err((
                "a code block takes either `lines=` or `anchor=`, not both".to_string(),
                "keep the one that says which lines to show".to_string(),
            ))
        }
        (Some(spec), None) => (&lines[line_range(spec, lines.len(), shown)?], true),
        (None, Some(name)) => (&lines[anchor_range(&lines, name, shown)?], true),
        (None, None) => (&lines[..], false),
    };
    let kept: Vec<&str> = part
        .iter()
        .copied()
        .filter(|l| marker(l).is_none())
        .collect();
    // A part cut from inside a function reads from the left margin.
    let margin = if cut { common_indent(&kept) } else { "" };
    Ok(joined(kept.into_iter(), margin))
}

fn joined<'t>(lines: impl Iterator<Item = &'t str>, margin: &str) -> String {
    let mut code = String::new();
    for line in lines {
        code.push_str(line.strip_prefix(margin).unwrap_or(line.trim_start()));
        code.push('\n');
    }
    code
}

/// The indentation every non-blank line starts with.
fn common_indent<'t>(lines: &[&'t str]) -> &'t str {
    let mut margin: Option<&str> = None;
    for line in lines.iter().filter(|l| !l.trim().is_empty()) {
        let indent = &line[..line.len() - line.trim_start().len()];
        margin = Some(match margin {
            None => indent,
            Some(m) => {
                let same = m
                    .bytes()
                    .zip(indent.bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                &m[..same]
            }
        });
    }
    margin.unwrap_or("")
}

/// `lines="3-12"`, `"5-"` (to the end), `"-3"` (from the start) or `"7"`,
/// as indices into the file's `total` lines.
fn line_range(spec: &str, total: usize, shown: &str) -> Result<std::ops::Range<usize>, Problem> {
    let how = || {
        "write lines=\"3-12\", lines=\"5-\" (to the end) or lines=\"-3\" (from the start); lines count from 1".to_string()
    };
    let number = |s: &str| s.trim().parse::<usize>().ok().filter(|n| *n > 0);
    let bounds = match spec.trim().split_once('-') {
        None => number(spec).map(|n| (n, n)),
        Some((a, b)) if a.trim().is_empty() => number(b).map(|b| (1, b)),
        Some((a, b)) if b.trim().is_empty() => number(a).map(|a| (a, total.max(a))),
        Some((a, b)) => number(a).zip(number(b)),
    };
    let Some((first, last)) = bounds else {
        return Err((format!("`lines=\"{spec}\"` is not a range of lines"), how()));
    };
    if first > last {
        return Err((format!("`lines=\"{spec}\"` ends before it starts"), how()));
    }
    if last > total {
        return Err((
            format!("`lines=\"{spec}\"` goes past the end of {shown}, which has {total} lines"),
            format!("choose lines between 1 and {total}"),
        ));
    }
    Ok(first - 1..last)
}

/// The lines between `ANCHOR: name` and `ANCHOR_END: name`.
fn anchor_range(
    lines: &[&str],
    name: &str,
    shown: &str,
) -> Result<std::ops::Range<usize>, Problem> {
    let Some(start) = lines.iter().position(|l| marker(l) == Some((false, name))) else {
        let names: Vec<&str> = lines
            .iter()
            .filter_map(|l| marker(l).filter(|m| !m.0).map(|m| m.1))
            .collect();
        let help = match crate::diagnostics::suggest(name, names.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None if !names.is_empty() => format!("its anchors are {}", names.join(", ")),
            None => format!("mark the lines with comment lines `ANCHOR: {name}` before and `ANCHOR_END: {name}` after them"),
        };
        return Err((format!("no anchor `{name}` in {shown}"), help));
    };
    let Some(end) = lines[start..]
        .iter()
        .position(|l| marker(l) == Some((true, name)))
    else {
        return Err((
            format!(
                "anchor `{name}` at line {} of {shown} has no end",
                start + 1
            ),
            format!("add a comment line `ANCHOR_END: {name}` after its last line"),
        ));
    };
    Ok(start + 1..start + end)
}

/// An anchor line: `// ANCHOR: name` is `(false, "name")`, `# ANCHOR_END:
/// name` is `(true, "name")`.
fn marker(line: &str) -> Option<(bool, &str)> {
    [("ANCHOR_END:", true), ("ANCHOR:", false)]
        .into_iter()
        .find_map(|(tag, end)| {
            let rest = line[line.find(tag)? + tag.len()..].trim_start();
            let len = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(rest.len());
            (len > 0).then(|| (end, &rest[..len]))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanted(lines: Option<&str>, anchor: Option<&str>) -> IncludeOptions {
        IncludeOptions {
            file: Some("x.py".into()),
            lines: lines.map(Into::into),
            anchor: anchor.map(Into::into),
        }
    }

    const FILE: &str = "import os\n\nclass A:\n    # ANCHOR: body\n    def f(self):\n        return 1\n    # ANCHOR_END: body\n\n# ANCHOR: tail\nprint(A().f())\n# ANCHOR_END: tail\n";

    #[test]
    fn paths_stay_inside_the_site() {
        assert_eq!(
            site_path("python/gen.md", "gen.py").as_deref(),
            Some("content/python/gen.py")
        );
        assert_eq!(
            site_path("python/gen.md", "./ex/../gen.py").as_deref(),
            Some("content/python/gen.py")
        );
        assert_eq!(
            site_path("python/gen.md", "../../examples/a.py").as_deref(),
            Some("examples/a.py")
        );
        assert_eq!(
            site_path("gen.md", "/examples/a.py").as_deref(),
            Some("examples/a.py")
        );
        assert_eq!(site_path("python/gen.md", "../../../etc/passwd"), None);
        assert_eq!(site_path("gen.md", "/../x"), None);
        assert_eq!(site_path("gen.md", "C:\\x"), None);
    }

    #[test]
    fn line_ranges() {
        let take = |spec| select(FILE, &wanted(Some(spec), None), "x.py");
        assert_eq!(take("1").unwrap(), "import os\n");
        assert_eq!(take("-1").unwrap(), "import os\n");
        assert_eq!(take("10-").unwrap(), "print(A().f())\n");
        // Anchor lines are left out, and the rest dedented.
        assert_eq!(take("4-6").unwrap(), "def f(self):\n    return 1\n");
        let (message, _) = take("3-12").unwrap_err();
        assert_eq!(
            message,
            "`lines=\"3-12\"` goes past the end of x.py, which has 11 lines"
        );
        assert!(take("5-3").unwrap_err().0.contains("ends before it starts"));
        assert!(take("0-2").unwrap_err().0.contains("is not a range"));
        assert!(take("a-b").unwrap_err().0.contains("is not a range"));
        assert!(take("12-").unwrap_err().0.contains("past the end"));
    }

    #[test]
    fn anchors() {
        let take = |name| select(FILE, &wanted(None, Some(name)), "x.py");
        assert_eq!(take("body").unwrap(), "def f(self):\n    return 1\n");
        assert_eq!(take("tail").unwrap(), "print(A().f())\n");
        assert_eq!(
            take("bodi").unwrap_err(),
            (
                "no anchor `bodi` in x.py".into(),
                "did you mean `body`?".into()
            )
        );
        assert_eq!(take("zzz").unwrap_err().1, "its anchors are body, tail");
        let open = select("# ANCHOR: a\nx\n", &wanted(None, Some("a")), "y.py").unwrap_err();
        assert_eq!(open.0, "anchor `a` at line 1 of y.py has no end");
        assert!(select(FILE, &wanted(Some("1"), Some("a")), "x.py").is_err());
        // Anchors nest and overlap; the markers of the others are left out.
        let nested = "// ANCHOR: outer\na\n// ANCHOR: inner\nb\n// ANCHOR_END: outer\nc\n// ANCHOR_END: inner\n";
        let take = |name| select(nested, &wanted(None, Some(name)), "n.rs").unwrap();
        assert_eq!(take("outer"), "a\nb\n");
        assert_eq!(take("inner"), "b\nc\n");
        // The whole file keeps its anchor lines out too, and its indentation.
        let whole = select(FILE, &wanted(None, None), "x.py").unwrap();
        assert!(!whole.contains("ANCHOR"), "{whole}");
        assert!(whole.contains("\n    def f(self):\n"), "{whole}");
    }

    #[test]
    fn extensions_name_languages() {
        assert_eq!(extension("ex/gen.py"), Some("py"));
        assert_eq!(extension("Makefile"), None);
        assert_eq!(extension(".bashrc"), None);
    }
}
