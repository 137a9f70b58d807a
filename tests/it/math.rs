//! Math (`[markdown] math = true`): TeX between `$` signs becomes MathML
//! when the site is built, in every place a guide's text goes.

use crate::common::{code_text, stderr, TestSite};

const MATH_ON: &str = "title = \"Algorithms\"\n[markdown]\nmath = true\n";

/// A guide that puts a formula in each part of the study model.
const COMPLEXITY: &str = r#"---
title: Complexity
---
Lookup in a hash table is $O(1)$ on average; sorting costs

$$
\sum_{i=1}^{n} \log i = O(n \log n)
$$

### Q: Why is binary search $O(\log n)$?

Each step halves the range: $T(n) = T(n/2) + O(1)$.

## Check yourself {.practice}

1. Two fair dice: what is $P(\text{sum} = 7)$?
   - [x] $\frac{1}{6}$
   - [ ] $\frac{1}{12}$
     > That is $P(\text{sum} = 11) \cdot \frac{3}{2}$.

   > Six of the $36$ outcomes sum to seven: $$\frac{6}{36}$$

## FAQ {.faq}

### Is $O(n^2)$ always slower than $O(n)$?

Not for small $n$: constants matter.
"#;

fn math_site() -> TestSite {
    TestSite::new(&[
        ("site.toml", MATH_ON),
        ("content/algo/complexity.md", COMPLEXITY),
    ])
}

/// `<math>` elements in `html` whose TeX annotation is `tex`.
fn has_formula(html: &str, tex: &str) -> bool {
    let tex = tex
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    html.contains(&format!(
        "<annotation encoding=\"application/x-tex\">{tex}</annotation></semantics></math>"
    ))
}

#[test]
fn formulas_become_mathml_in_guides_questions_practice_and_faq() {
    let site = math_site();
    site.build_ok();
    let guide = site.read("algo/complexity/index.html");
    assert!(
        guide.contains(
            "Lookup in a hash table is <math display=\"inline\"><semantics><mrow><mi>O</mi>"
        ),
        "{guide}"
    );
    assert!(
        guide.contains("<p><span class=\"math-display\"><math display=\"block\">"),
        "{guide}"
    );
    for tex in [
        "O(1)",
        "\\sum_{i=1}^{n} \\log i = O(n \\log n)",
        "O(\\log n)",
        "T(n) = T(n/2) + O(1)",
        "O(n^2)",
        "n",
    ] {
        assert!(has_formula(&guide, tex), "guide lacks {tex}");
    }
    // The question's anchor reads the formula's source, as GitHub's does.
    assert!(guide.contains("id=\"q-why-is-binary-search-olog-n\""));

    let practice = site.read("algo/complexity/practice/index.html");
    let data = site.read("practice/algo/questions.json");
    for tex in [
        "P(\\text{sum} = 7)",
        "\\frac{1}{6}",
        "\\frac{1}{12}",
        "P(\\text{sum} = 11) \\cdot \\frac{3}{2}",
        "36",
        "\\frac{6}{36}",
    ] {
        assert!(has_formula(&practice, tex), "practice page lacks {tex}");
        let json_tex = tex.replace('\\', "\\\\");
        assert!(data.contains(&json_tex), "practice data lacks {tex}");
    }
    let faq = site.read("algo/complexity/faq/index.html");
    assert!(
        has_formula(&faq, "O(n^2)") && has_formula(&faq, "n"),
        "{faq}"
    );
    let bank = site.read("questions/index.html");
    assert!(has_formula(&bank, "T(n) = T(n/2) + O(1)"), "{bank}");
    let cards = crate::common::bank_cards(&bank);
    let card = &cards["guides"][0]["cards"][0];
    let question = card["question"].as_str().unwrap();
    assert!(has_formula(question, "O(\\log n)"), "{question}");
    let answer = card["answer"].as_str().unwrap();
    assert!(has_formula(answer, "T(n) = T(n/2) + O(1)"), "{answer}");
}

/// The `<a ...>` element of `html` whose last attribute is `href`, up to
/// the first `</a>` (so a link nested in it shows as a second `<a `).
fn link<'a>(html: &'a str, href: &str) -> &'a str {
    let at = html
        .find(&format!("href=\"{href}\">"))
        .unwrap_or_else(|| panic!("no link to {href}"));
    let start = html[..at].rfind("<a ").unwrap();
    let end = at + html[at..].find("</a>").unwrap() + 4;
    &html[start..end]
}

#[test]
fn question_titles_with_math_show_formulas_in_html_and_their_source_in_text() {
    let site = math_site();
    // The structured data of a guide's questions, which is opt-in.
    site.write(
        "site.toml",
        &format!("{MATH_ON}\n[study]\nquiz_json_ld = true\n"),
    );
    site.write(
        "content/algo/complexity.md",
        &COMPLEXITY.replace(
            "title: Complexity\n",
            "title: Complexity\ntags: [algorithms]\n",
        ),
    );
    site.write(
        "content/algo/bisect.md",
        "---\ntitle: Bisect\ntags: [algorithms]\n---\n## Q: What does [bisect](https://docs.python.org/3/library/bisect.html) cost for $n$ items?\n\n$O(\\log n)$ steps.\n",
    );
    site.build_ok();
    let q = "#q-why-is-binary-search-olog-n";
    let guide = site.read("algo/complexity/index.html");
    let toc = &guide[guide.find("<nav class=\"toc\"").unwrap()..];
    let toc = &toc[..toc.find("</nav>").unwrap()];
    let entry = link(toc, q);
    assert!(
        entry.contains(">Q: Why is binary search <math display=\"inline\">"),
        "{entry}"
    );
    assert!(has_formula(entry, "O(\\log n)"), "{entry}");
    assert!(
        has_formula(link(toc, "#is-on2-always-slower-than-on"), "O(n^2)"),
        "{toc}"
    );

    let bank = site.read("questions/index.html");
    let row = link(&bank, &format!("../algo/complexity/{q}"));
    assert!(row.contains(">Why is binary search <math"), "{row}");
    assert!(has_formula(row, "O(\\log n)"), "{row}");
    // A link in a title is its text there: the row is a link already.
    let row = link(&bank, "../algo/bisect/#q-what-does-bisect-cost-for-n-items");
    assert!(row.contains(">What does bisect cost for <math"), "{row}");
    assert_eq!(row.matches("<a ").count(), 1, "{row}");
    let bisect = site.read("algo/bisect/index.html");
    let toc = &bisect[bisect.find("<nav class=\"toc\"").unwrap()..];
    assert_eq!(
        link(toc, "#q-what-does-bisect-cost-for-n-items")
            .matches("<a ")
            .count(),
        1,
        "no link inside a contents entry"
    );

    // Plain text keeps the formula's source: search and structured data.
    let documents = site.read("search/d/0.bin");
    assert!(
        documents.contains("\tWhy is binary search O(\\log n)?\t"),
        "{documents}"
    );
    assert!(
        guide.contains("\"text\":\"Why is binary search O(\\\\log n)?\""),
        "{guide}"
    );
}

#[test]
fn search_finds_formulas_by_their_source() {
    let site = math_site();
    site.build_ok();
    let documents = site.read("search/d/0.bin");
    for tex in ["O(n \\log n)", "O(\\log n)", "T(n) = T(n/2) + O(1)"] {
        assert!(documents.contains(tex), "{tex} not in {documents}");
    }
    let terms = walkdir::WalkDir::new(site.output().join("search/t"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect::<String>();
    assert!(terms.contains("\"log\""), "the word log is indexed");
}

#[test]
fn pages_of_a_site_with_math_link_its_stylesheet_and_font() {
    let site = math_site();
    site.build_ok();
    for page in [
        "index.html",
        "algo/complexity/index.html",
        "questions/index.html",
    ] {
        let html = site.read(page);
        assert!(
            html.contains("math/math.css?v="),
            "{page} does not link math.css"
        );
    }
    let css = site.read("math/math.css");
    assert!(css.contains("stix-math.woff2"), "{css}");
    let font = std::fs::read(site.output().join("math/stix-math.woff2")).unwrap();
    assert_eq!(&font[..4], b"wOF2");
    assert!(site
        .read("math/OFL.txt")
        .contains("SIL OPEN FONT LICENSE Version 1.1"));
    assert!(
        !css.contains("http"),
        "nothing is fetched from elsewhere: {css}"
    );
}

/// Prices in every kind of text: a formula with math on (`$5-$10`), a
/// pair of `$` that pulldown-cmark would never take as one (`$5 and $10`),
/// and TeX-looking text.
const PRICES: &str = r#"---
title: Prices
---
It costs $5-$10, or $x$ in $$algebra$$.

### Q: What does a coffee cost?

Between $2 and $3, or $2-$3 abroad.

## Check yourself {.practice}

1. Which is cheaper, $5-$6 or $7-$8?
   - [x] $5-$6
     > Both ends are lower: $5 < $7.
   - [ ] $7-$8

   > Compare the ends: $6 < $7.

## FAQ {.faq}

### Is $5-$10 a range?

Yes, from $5 to $10.
"#;

#[test]
fn without_math_dollars_are_text_everywhere_and_no_math_files_are_written() {
    let site = TestSite::new(&[("content/shop/prices.md", PRICES)]);
    site.build_ok();
    let guide = site.read("shop/prices/index.html");
    for text in [
        "<p>It costs $5-$10, or $x$ in $$algebra$$.</p>",
        "Between $2 and $3, or $2-$3 abroad.",
        "Yes, from $5 to $10.",
    ] {
        assert!(guide.contains(text), "{text} in {guide}");
    }
    let practice = site.read("shop/prices/practice/index.html");
    for text in [
        "Which is cheaper, $5-$6 or $7-$8?",
        "Both ends are lower: $5 &lt; $7.",
        "Compare the ends: $6 &lt; $7.",
    ] {
        assert!(practice.contains(text), "{text} in {practice}");
    }
    let faq = site.read("shop/prices/faq/index.html");
    assert!(faq.contains("Is $5-$10 a range?"), "{faq}");
    for (page, html) in [("guide", &guide), ("practice", &practice), ("faq", &faq)] {
        assert!(
            !html.contains("<math") && !html.contains("math.css"),
            "the {page} page has math: {html}"
        );
    }
    assert!(!site.output().join("math").exists());
}

#[test]
fn with_math_on_a_dollar_is_written_backslash_dollar() {
    let site = TestSite::new(&[
        ("site.toml", MATH_ON),
        (
            "content/prices.md",
            concat!(
                "---\ntitle: Prices\n---\n",
                "It costs \\$5-\\$10; $5 and $10 with spaces stay text; \\$x\\$ is literal.\n\n",
                "In code `$HOME/$PATH` is text:\n\n```sh\necho \"$HOME/$PATH\"\n```\n",
            ),
        ),
    ]);
    site.build_ok();
    let html = site.read("prices/index.html");
    assert!(
        html.contains("<p>It costs $5-$10; $5 and $10 with spaces stay text; $x$ is literal.</p>"),
        "{html}"
    );
    assert!(html.contains("<code>$HOME/$PATH</code>"), "{html}");
    assert_eq!(code_text(&html, 0), "echo \"$HOME/$PATH\"\n");
    // No page shows a formula: the site carries no math files.
    assert!(!html.contains("<math") && !html.contains("math.css"));
    assert!(!site.output().join("math").exists());

    // Unescaped, a `$` that touches its text on the inside opens a formula,
    // which is why docs/authoring.md asks for `\$`.
    site.write(
        "content/prices.md",
        "---\ntitle: Prices\n---\nIt costs $5-$10.\n",
    );
    site.build_ok();
    let html = site.read("prices/index.html");
    assert!(has_formula(&html, "5-"), "{html}");
}

#[test]
fn a_formula_that_does_not_parse_is_an_error_at_its_place() {
    let site = TestSite::new(&[
        ("site.toml", MATH_ON),
        (
            "content/g.md",
            "---\ntitle: G\n---\nFine $x$, broken $\\frac{1}{2$ and $\\nope{x}$.\n\n1. List $$\\frac{1}{$$\n\nA digit after it: $\\frac{1}{n$2.\n",
        ),
    ]);
    let errors = site.build_errors();
    let help =
        "  = help: fix the TeX between the `$` signs; a dollar sign meant as text is written `\\$`";
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert!(errors[0].starts_with(
        "content/g.md:4:18: error: formula `\\frac{1}{2` has unbalanced braces, so it is shown as text\n"
    ), "{}", errors[0]);
    assert!(errors[1].starts_with(
        "content/g.md:4:35: error: formula `\\nope{x}` does not parse: unknown primitive command found\n"
    ), "{}", errors[1]);
    assert!(errors[2].starts_with(
        "content/g.md:6:10: error: formula `\\frac{1}{` has unbalanced braces, so it is shown as text\n"
    ), "{}", errors[2]);
    assert!(errors[3].starts_with(
        "content/g.md:8:19: error: formula `\\frac{1}{n` has unbalanced braces, so it is shown as text\n"
    ), "{}", errors[3]);
    assert!(errors.iter().all(|e| e.contains(help)), "{errors:#?}");

    // `check` says the same, and fails.
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("content/g.md:4:35: error: formula `\\nope{x}` does not parse"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_broken_formula_in_any_study_part_is_an_error_at_its_own_place() {
    let site = TestSite::new(&[
        ("site.toml", MATH_ON),
        (
            "content/g.md",
            r#"---
title: G
---
### Q: Why $\nope{q}$?

Because $\nope{a}$.

## Check yourself {.practice}

1. Stem $\nope{s}$?
   - [x] Option $\nope{o}$
     > Feedback $\nope{f}$
   - [ ] Other

   > Explained $\nope{e}$

## FAQ {.faq}

### Asked $\nope{k}$?

Answer $\nope{r}$.
"#,
        ),
    ]);
    let errors = site.build_errors();
    let first_lines: Vec<&str> = errors.iter().map(|e| e.lines().next().unwrap()).collect();
    let expected: Vec<String> = [
        ("4:12", 'q'),
        ("6:9", 'a'),
        ("10:9", 's'),
        ("11:17", 'o'),
        ("12:17", 'f'),
        ("15:16", 'e'),
        ("19:11", 'k'),
        ("21:8", 'r'),
    ]
    .iter()
    .map(|(at, x)| {
        format!("content/g.md:{at}: error: formula `\\nope{{{x}}}` does not parse: unknown primitive command found")
    })
    .collect();
    assert_eq!(first_lines, expected);
}

#[test]
fn formulas_cannot_carry_markup_even_when_raw_html_is_escaped() {
    let site = TestSite::new(&[
        (
            "site.toml",
            "title = \"T\"\n[markdown]\nmath = true\nraw_html = \"escape\"\n",
        ),
        (
            "content/g.md",
            "---\ntitle: G\n---\nOK $a < b \\& \\text{<b>}$, not $\\operatorname{<img src=x onerror=alert(1)>}$.\n",
        ),
    ]);
    let errors = site.build_errors();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].contains("cannot be an operator name"),
        "{}",
        errors[0]
    );
    site.write(
        "content/g.md",
        "---\ntitle: G\n---\nOK $a < b \\& \\text{<b>}$.\n",
    );
    site.build_ok();
    let html = site.read("g/index.html");
    assert!(
        html.contains("<mi>a</mi><mo>&lt;</mo><mi>b</mi><mi>&amp;</mi><mtext>&lt;b&gt;</mtext>"),
        "{html}"
    );
}
