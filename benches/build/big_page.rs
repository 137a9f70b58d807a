//! The big-page shape: one guide of many megabytes, so that a step whose
//! time grows faster than the page shows at once. The text comes from the
//! seeded generator in `text`; the site around it (configuration, section,
//! templates) from `gen_corpus.py`, so every tool gets the same page.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::corpus::split_front_matter;
use crate::text::*;

/// The 10 question headings of part `g`, derived from `g` alone. Their
/// words are letters, digits and hyphens, so that GitHub's slugs (the ones
/// the links use) and Zola's, which checks them, agree.
fn questions(g: usize) -> Vec<String> {
    let mut r = Rng::new(0xC0FFEE ^ g as u64);
    let mut qs: Vec<String> = Vec::new();
    while qs.len() < 10 {
        let (n1, n2, adj, v) = (r.pick(NOUNS), r.pick(NOUNS), r.pick(ADJS), r.pick(VERBS));
        let q = match r.below(5) {
            0 => format!("Q: How does {} {n1} {v} {}?", a(adj), a(n2)),
            1 => format!("Q: Why would you {v} the {n1} before the {n2}?"),
            2 => format!(
                "Q: What is the difference between {} and {} {n2}?",
                a(n1),
                a(adj)
            ),
            3 => format!("Q: When should a {n1} call {}?", camel(&mut r)),
            _ => format!(
                "Q: What is wrong with {} {n1}, and how do you {v} it?",
                a(adj)
            ),
        };
        // A repeated heading would get a `-1` anchor; keep them distinct.
        if !qs.iter().any(|x| slug(x) == slug(&q)) {
            qs.push(q);
        }
    }
    qs
}

/// Part `k` of the big page: prose, questions, code, a callout and links
/// back to earlier parts; every tenth part ends with a practice set.
#[rustfmt::skip] // a Markdown template reads better with its lines kept whole
fn big_page_part(k: usize) -> String {
    let mut r = Rng::new(k as u64);
    let heading = |k: usize| format!("Part {k}: {}", cap(&s(NOUNS[k % NOUNS.len()])));
    let mut md = format!("\n## {}\n\n{}", heading(k), wrap(&para(&mut r, 2, 4), ""));
    let qs: Vec<String> = questions(k).into_iter().take(3).map(|q| format!("{} in part {k}?", q.trim_end_matches('?'))).collect();
    for q in &qs {
        md += &format!("\n### {q}\n\n{}\n{}", wrap(&sentence(&mut r), ""), wrap(&para(&mut r, 1, 3), ""));
    }
    md += &format!("\n{}\n{}", wrap(&sentence(&mut r), ""), code_block(&mut r, LANGS[k % LANGS.len()], ""));
    if k > 0 {
        let back = r.below(k);
        let q = &questions(back)[r.below(3)];
        let q = format!("{} in part {back}?", q.trim_end_matches('?'));
        md += &format!("\n{}", wrap(&format!("This builds on [{}](#{}); see also [the question]({}).", heading(back), slug(&heading(back)), format_args!("#{}", slug(&q))), ""));
    }
    md += &format!("\n> [!{}]\n{}", r.pick(CALLOUTS), wrap(&para(&mut r, 1, 2), "> "));
    if k % 10 == 9 {
        md += &format!("\n## Check yourself on part {k} {{.practice}}\n");
        for i in 1..=3 {
            md += &format!("\n{i}. Which {} {} the {} {}?\n\n", r.pick(NOUNS), s(r.pick(VERBS)), r.pick(ADJS), r.pick(NOUNS));
            let right = r.below(4);
            for o in 0..4 {
                md += &format!("   - [{}] The {} {}\n", if o == right { 'x' } else { ' ' }, r.pick(ADJS), r.pick(NOUNS));
            }
            md += &format!("\n{}", wrap(&sentence(&mut r), "   > "));
        }
    }
    md
}

/// Writes the page's Markdown after its front matter to `path`: parts
/// until it has `mb` megabytes. Part by part, so this process stays small
/// (see `run::run`).
pub fn write_body(path: &Path, mb: usize) {
    let mut file = io::BufWriter::new(fs::File::create(path).expect("create the big page"));
    let mut written = 0;
    let mut k = 0;
    while written < mb * 1_000_000 {
        let part = if k == 0 {
            "One very long guide.\n".to_string()
        } else {
            big_page_part(k - 1)
        };
        file.write_all(part.as_bytes()).expect("write the big page");
        written += part.len();
        k += 1;
    }
    file.flush().expect("write the big page");
}

/// Replaces the body of the guide at `path` (the only one of a generated
/// site) with the big page's at `body`, keeping its front matter.
pub fn replace_guide(path: &Path, body: &Path) {
    let copy = || -> io::Result<()> {
        let text = fs::read_to_string(path)?;
        let mut out = fs::File::create(path)?;
        out.write_all(split_front_matter(&text).0.as_bytes())?;
        out.write_all(b"\n")?;
        io::copy(&mut fs::File::open(body)?, &mut out)?;
        Ok(())
    };
    copy().expect("write the big page");
}
