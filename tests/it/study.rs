//! The study model: questions, practice sets and FAQs, as the authoring
//! contract defines them, extracted from Markdown and validated.

use crate::common::{self, TestSite};
use syllabus::markdown::{render, MarkdownInput, MarkdownOptions, Rendered, StudyText};
use syllabus::plan::UrlMap;

const FM: &str = "---\ntitle: Guide\n---\n";

/// Renders a guide body (after a 3-line front matter) through the library.
fn study(body: &str) -> Rendered {
    render_guide(body, false)
}

/// The same, with `[markdown] math = true`.
fn study_with_math(body: &str) -> Rendered {
    render_guide(body, true)
}

fn render_guide(body: &str, math: bool) -> Rendered {
    let text = format!("{FM}{body}");
    let urls = UrlMap::default();
    let options = MarkdownOptions {
        palette: Some(syllabus::highlight::Palette::get(
            "InspiredGitHub",
            "OneHalfDark",
        )),
        line_numbers: false,
        smart_punctuation: false,
        study_text: StudyText::default(),
        markup_text: Default::default(),
        raw_html: syllabus::config::RawHtml::Keep,
        math,
    };
    let input = MarkdownInput {
        display_path: "content/g.md",
        page: "g.md",
        file_text: &text,
        body_offset: FM.len(),
        resolver: &urls,
        options: &options,
        is_guide: true,
        code_store: None,
        site_root: None,
    };
    render(&text[FM.len()..], &input)
}

fn errors(r: &Rendered) -> Vec<String> {
    r.diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect()
}

fn warnings(r: &Rendered) -> Vec<String> {
    r.diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn a_q_heading_is_a_question_answered_until_the_next_heading_of_its_level() {
    let r = study(
        "## Basics\n\n### Q: What is a generator?\n\nA function that yields.\n\nMore detail.\n\n#### Deeper\n\nStill the answer.\n\n### Next\n\nNot the answer.\n",
    );
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let q = &r.study.questions[0];
    assert_eq!(q.id, "q-what-is-a-generator", "Q: stays in the anchor");
    assert_eq!(q.title, "What is a generator?");
    assert_eq!(q.short_answer, "A function that yields.");
    assert_eq!(q.short_answer_text, "A function that yields.");
    let answer = r.answer_html(q);
    assert!(
        answer.starts_with("<p class=\"short-answer\">A function that yields.</p>"),
        "{answer}"
    );
    assert!(answer.contains("More detail.") && answer.contains("Still the answer."));
    assert!(!answer.contains("Not the answer.") && !answer.contains("</section>"));
    assert_eq!(q.line, 6, "line of the heading in the .md file");
    assert!(r.html.contains(
        "<section class=\"question-card\">\n<h3 id=\"q-what-is-a-generator\">Q: What is a generator?</h3>\n<p class=\"short-answer\">"
    ));
    assert!(r
        .html
        .contains("<p class=\"short-answer\">A function that yields.</p>"));
}

#[test]
fn the_short_answer_is_the_first_paragraph_even_after_code() {
    let r = study("## Q: Why?\n\n```python\nx = 1\n```\n\nBecause.\n\nAnd more.\n");
    let q = &r.study.questions[0];
    assert_eq!(q.short_answer, "Because.");
    assert!(
        r.answer_html(q).contains("<span class="),
        "code in answers is highlighted"
    );
}

#[test]
fn nested_questions_have_their_own_answers() {
    let r = study("## Q: Outer?\n\nOuter answer.\n\n### Q: Inner?\n\nInner answer.\n\n## Next\n");
    let (outer, inner) = (&r.study.questions[0], &r.study.questions[1]);
    assert!(
        r.answer_html(outer).contains("Outer answer.")
            && r.answer_html(outer).contains("Inner answer.")
    );
    assert!(
        r.answer_html(outer).trim_end().ends_with("</section>"),
        "{}",
        r.answer_html(outer)
    );
    assert_eq!(
        r.answer_html(inner).trim(),
        "<p class=\"short-answer\">Inner answer.</p>"
    );
}

#[test]
fn a_question_with_an_empty_answer_is_a_warning() {
    let r = study("### Q: Nothing here?\n\n### Q: Something?\n\nYes.\n");
    assert!(errors(&r).is_empty());
    let w = warnings(&r);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].starts_with("content/g.md:4:1: warning: question `Nothing here?` has an empty answer"),
        "{}",
        w[0]
    );
}

const PRACTICE: &str = "## Check yourself {.practice}

Try these.

1. What does `[x**2 for x in range(3)]` produce?

   - [ ] `[1, 4, 9]`
   - [x] `[0, 1, 4]`
   - [ ] `(0, 1, 4)`
     > Round brackets would need `tuple(...)`.

   > A list comprehension builds a list; `range(3)` starts at 0.

2. Which of these are lazy? (Choose all that apply.)

   - [x] `map(str, data)`
   - [ ] `sorted(data)`
   - [x] `(x for x in data)`
";

#[test]
fn practice_sets_follow_the_contract() {
    let r = study(PRACTICE);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let set = &r.study.practice[0];
    assert_eq!(
        (set.id.as_str(), set.title.as_str()),
        ("check-yourself", "Check yourself")
    );
    assert_eq!(set.questions.len(), 2);
    let q1 = &set.questions[0];
    assert_eq!(q1.id, "check-yourself-1");
    assert!(
        q1.stem.contains("<code>[x**2 for x in range(3)]</code>"),
        "the stem may hold code: {}",
        q1.stem
    );
    assert!(!q1.multiple, "one [x] is single choice");
    let correct: Vec<bool> = q1.options.iter().map(|o| o.correct).collect();
    assert_eq!(correct, [false, true, false]);
    assert_eq!(q1.options[1].html, "<code>[0, 1, 4]</code>");
    assert_eq!(
        q1.options[2].feedback.as_deref(),
        Some("<p>Round brackets would need <code>tuple(...)</code>.</p>")
    );
    assert!(q1.options[0].feedback.is_none());
    assert!(q1.explanation.as_deref().unwrap().contains("starts at 0"));
    assert_eq!(q1.line, 8);
    let q2 = &set.questions[1];
    assert!(q2.multiple, "several [x] is multiple choice");
    assert!(q2.explanation.is_none());
    assert_ne!(q1.hash, q2.hash);
    // On the guide page the set becomes a link to the practice page, keeping its intro.
    assert!(r.html.contains("<p>Try these.</p>"));
    assert!(r.html.contains("<p class=\"practice-link\"><a href=\"practice/#check-yourself\">Practice 2 questions</a></p>"));
    assert!(
        !r.html.contains("Round brackets"),
        "answers stay off the guide page"
    );
}

#[test]
fn a_guide_may_hold_several_practice_sets() {
    let body =
        format!("{PRACTICE}\n## More {{.practice}}\n\n1. Pick one\n\n   - [x] a\n   - [ ] b\n");
    let r = study(&body);
    assert_eq!(r.study.practice.len(), 2);
    assert_eq!(r.study.practice_count(), 3);
    assert_eq!(r.study.practice[1].questions[0].id, "more-1");
}

#[test]
fn editing_a_question_changes_its_hash_only() {
    let a = study(PRACTICE);
    let b = study(&PRACTICE.replace("`[1, 4, 9]`", "`[1, 4, 8]`"));
    assert_ne!(
        a.study.practice[0].questions[0].hash,
        b.study.practice[0].questions[0].hash
    );
    assert_eq!(
        a.study.practice[0].questions[1].hash,
        b.study.practice[0].questions[1].hash
    );
    assert_eq!(
        a.study.practice[0].questions[0].id,
        b.study.practice[0].questions[0].id
    );
}

#[test]
fn practice_errors_name_file_line_and_column() {
    let body = "## Quiz {.practice}

1. No correct option

   - [ ] a
   - [ ] b

2. Only one option

   - [x] a

3. Not a task list

   - a
   - b

4. No options at all
";
    let r = study(body);
    let e = errors(&r);
    assert_eq!(e.len(), 4, "all problems at once: {e:#?}");
    assert!(
        e[0].starts_with("content/g.md:6:1: error: practice question has no correct option"),
        "{}",
        e[0]
    );
    assert!(
        e[1].starts_with(
            "content/g.md:11:1: error: practice question has 1 option: give at least two"
        ),
        "{}",
        e[1]
    );
    assert!(
        e[2].starts_with("content/g.md:17:4: error: practice options must be a task list"),
        "{}",
        e[2]
    );
    assert!(
        e[3].starts_with("content/g.md:20:1: error: practice question has no options"),
        "{}",
        e[3]
    );
}

#[test]
fn a_practice_heading_without_a_list_is_an_error() {
    let r = study("Intro.\n\n## Quiz {.practice}\n\nNo list here.\n\n## After\n");
    let e = errors(&r);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("content/g.md:6:1: error: practice set `Quiz` has no questions"),
        "{}",
        e[0]
    );
}

#[test]
fn faq_entries_are_the_headings_one_level_below() {
    let body = "## FAQ {.faq}\n\nIntro.\n\n### Is it fast?\n\nVery.\n\n#### Detail\n\nStill this answer.\n\n### Is it free?\n\nYes.\n\n## After\n\nNot FAQ.\n";
    let r = study(body);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let faq = &r.study.faq;
    assert_eq!(faq.len(), 2);
    assert_eq!(
        (faq[0].id.as_str(), faq[0].question.as_str()),
        ("is-it-fast", "Is it fast?")
    );
    assert!(faq[0].answer.contains("Very.") && faq[0].answer.contains("Still this answer."));
    assert_eq!(faq[1].answer, "<p>Yes.</p>");
    assert_eq!(faq[0].line, 8);
    assert!(r
        .html
        .contains("<details id=\"is-it-fast\"><summary>Is it fast?</summary>"));
    assert!(
        r.html.contains("</summary>\n<p>Yes.</p>\n</details>"),
        "the answer is in the page for readers without JS"
    );
    assert!(r.html.contains("<p>Intro.</p>"));
    let after = r.html.find("Not FAQ.").unwrap();
    assert!(
        r.html[..after].contains("</section>"),
        "the FAQ ends at the next heading of its level"
    );
}

#[test]
fn an_faq_without_questions_is_an_error() {
    let r = study("## FAQ {.faq}\n\nNothing.\n");
    let e = errors(&r);
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with(
            "content/g.md:4:1: error: FAQ `FAQ` has no questions: add `### Question?` headings"
        ),
        "{}",
        e[0]
    );
}

#[test]
fn duplicate_question_ids_are_an_error() {
    let r = study("### Q: One? {#same}\n\nA.\n\n### Q: Two? {#same}\n\nB.\n");
    let e = errors(&r);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("content/g.md:8:1: error: duplicate heading id `same`: line 4 has it too"),
        "{}",
        e[0]
    );
    assert!(
        e[0].contains("\n  = note: content/g.md:4:1: the first heading with this id"),
        "the first one is pointed at too: {}",
        e[0]
    );
}

#[test]
fn question_headings_inside_lists_or_quotes_are_not_questions() {
    let r = study("> ### Q: Quoted?\n> text\n\n- ### Q: Listed?\n");
    assert!(r.study.questions.is_empty());
}

#[test]
fn study_errors_stop_the_build_with_all_locations() {
    let site = TestSite::new(&[
        (
            "content/a.md",
            "---\ntitle: A\n---\n## Quiz {.practice}\n\n1. Q\n\n   - [ ] a\n   - [ ] b\n",
        ),
        (
            "content/b.md",
            "---\ntitle: B\n---\n## FAQ {.faq}\n\nNone.\n",
        ),
    ]);
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    assert!(
        err.contains("content/a.md:6:1: error: practice question has no correct option"),
        "{err}"
    );
    assert!(
        err.contains("content/b.md:4:1: error: FAQ `FAQ` has no questions"),
        "{err}"
    );
    insta::assert_snapshot!("practice_and_faq_errors_stderr", site.redact(&err));
}

#[test]
fn practice_sets_on_home_and_section_pages_are_errors_at_their_heading() {
    let set = "1. Which?\n\n   - [x] a\n   - [ ] b\n";
    let site = TestSite::new(&[
        (
            "content/_index.md",
            &format!("---\ntitle: Home\n---\nIntro.\n\n## Warm up {{.practice}}\n\n{set}"),
        ),
        (
            "content/db/_index.md",
            &format!(
                "---\ntitle: DB\n---\n### Q: Fine here?\n\nYes.\n\n## Check {{.practice}}\n\n{set}"
            ),
        ),
    ]);
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    let help = "= help: move the set into a guide (any page but `_index.md`): the guide's practice page shows it, and its questions join the practice hub";
    for (at, title) in [
        ("content/_index.md:6:1", "Warm up"),
        ("content/db/_index.md:8:1", "Check"),
    ] {
        assert!(
            err.contains(&format!(
                "{at}: error: practice set `{title}` is on a home or section page (`_index.md`), which gets no practice page"
            )),
            "{err}"
        );
    }
    assert_eq!(err.matches(help).count(), 2, "{err}");
    assert!(err.contains("build failed with 2 errors"), "{err}");
    assert!(!site.output().exists(), "nothing is written");
}

/// Options as `(html, correct)` of one practice question.
fn options(q: &syllabus::markdown::PracticeQuestion) -> Vec<(String, bool)> {
    q.options
        .iter()
        .map(|o| (o.html.clone(), o.correct))
        .collect()
}

fn owned(items: &[(&str, bool)]) -> Vec<(String, bool)> {
    items.iter().map(|(h, c)| (h.to_string(), *c)).collect()
}

#[test]
fn an_explanation_quote_among_the_options_keeps_the_options_after_it() {
    let r = study(
        "## Quiz {.practice}\n\n1. Pick\n   - [ ] a\n   - [x] b\n   > Because b.\n   - [ ] c\n   - [ ] d\n     > Not d.\n",
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let q = &r.study.practice[0].questions[0];
    assert_eq!(
        options(q),
        owned(&[("a", false), ("b", true), ("c", false), ("d", false)])
    );
    assert_eq!(q.explanation.as_deref(), Some("<p>Because b.</p>"));
    assert_eq!(
        q.options[3].feedback.as_deref(),
        Some("<p>Not d.</p>"),
        "a quote indented under an option stays its feedback"
    );
    assert!(q.options[1].feedback.is_none());
}

#[test]
fn blank_lines_and_paragraphs_between_options_keep_one_question() {
    let r = study(
        "## Quiz {.practice}\n\n1. Pick\n\n   - [ ] a\n\n   - [x] b\n\n   and more of b\n\n   - [ ] c\n",
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let q = &r.study.practice[0].questions[0];
    assert_eq!(q.options.len(), 3);
    assert_eq!(
        q.options[1].html, "b\n<p>and more of b</p>",
        "a paragraph between options continues the option above it"
    );
    assert!(q.options[1].correct);
    assert_eq!(q.options[2].html, "c");
}

#[test]
fn several_quotes_are_all_kept() {
    let r = study(
        "## Quiz {.practice}\n\n1. Pick\n\n   - [ ] a\n     > One.\n\n     > Two.\n   - [x] b\n\n   > First.\n\n   > Second.\n",
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let q = &r.study.practice[0].questions[0];
    assert_eq!(
        q.options[0].feedback.as_deref(),
        Some("<p>One.</p>\n<p>Two.</p>")
    );
    assert_eq!(
        q.explanation.as_deref(),
        Some("<p>First.</p>\n<p>Second.</p>")
    );
}

/// A hand-written set of `n` questions, options indented by `indent`
/// spaces under every item, as authors type them.
fn long_set(n: usize, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut body = String::from("## Drill {.practice}\n\n");
    for i in 1..=n {
        body.push_str(&format!(
            "{i}. Question {i}?\n\n{pad}- [ ] wrong {i}\n{pad}- [x] right {i}\n{pad}  > Feedback {i}.\n\n{pad}> Explanation {i}.\n\n"
        ));
    }
    body
}

#[test]
fn items_ten_and_above_take_options_indented_like_those_under_one() {
    for indent in [3, 4] {
        let r = study(&long_set(12, indent));
        assert!(
            r.diagnostics.is_empty(),
            "indent {indent}: {:?}",
            r.diagnostics
        );
        let set = &r.study.practice[0];
        assert_eq!(set.questions.len(), 12, "indent {indent}");
        for (i, q) in set.questions.iter().enumerate() {
            let n = i + 1;
            assert_eq!(q.id, format!("drill-{n}"));
            assert_eq!(q.stem, format!("<p>Question {n}?</p>"), "indent {indent}");
            assert_eq!(
                options(q),
                owned(&[
                    (&format!("wrong {n}"), false),
                    (&format!("right {n}"), true)
                ]),
                "indent {indent}, question {n}"
            );
            assert_eq!(
                q.options[1].feedback.as_deref(),
                Some(format!("<p>Feedback {n}.</p>").as_str())
            );
            assert_eq!(
                q.explanation.as_deref(),
                Some(format!("<p>Explanation {n}.</p>").as_str()),
                "indent {indent}, question {n}"
            );
        }
        assert!(
            r.html.contains("Practice 12 questions"),
            "the guide page counts every question"
        );
        assert!(
            !r.html.contains("wrong 11"),
            "options stay off the guide page"
        );
    }
}

#[test]
fn text_after_the_last_option_is_an_error_at_its_line() {
    let body = "## Quiz {.practice}\n\n1. Pick\n\n   - [ ] a\n   - [x] b\n\n   Because b is right.\n\n2. Next\n\n   - [x] c\n   - [ ] d\n\n   ```python\n   x = 1\n   ```\n";
    let r = study(body);
    let e = errors(&r);
    assert_eq!(e.len(), 2, "{e:#?}");
    assert!(
        e[0].starts_with("content/g.md:11:4: error: text after a practice question's options is not shown: indent it under the last option"),
        "{}",
        e[0]
    );
    assert!(
        e[0].contains("start it with `>` to make it the explanation"),
        "{}",
        e[0]
    );
    assert!(
        e[1].starts_with("content/g.md:18:4: error: text after a practice question's options"),
        "{}",
        e[1]
    );
    assert!(warnings(&r).is_empty(), "an error, not a warning");
}

#[test]
fn options_outside_any_question_are_an_error() {
    let r = study(
        "## Quiz {.practice}\n\nIntro.\n\n- [ ] a\n- [x] b\n\n1. Pick\n\n   - [ ] c\n   - [x] d\n",
    );
    let e = errors(&r);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(
        e[0].starts_with("content/g.md:8:1: error: these options belong to no question"),
        "{}",
        e[0]
    );
}

#[test]
fn set_text_after_the_last_question_stays_on_the_guide_page() {
    let r = study(
        "## Quiz {.practice}\n\n1. Pick\n\n   - [ ] a\n   - [x] b\n\nWell done.\n\n## Next\n",
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert!(r.html.contains("<p>Well done.</p>"), "{}", r.html);
}

#[test]
fn a_lead_in_short_answer_takes_what_it_introduces() {
    let r = study(
        "### Q: How is Django laid out?\n\nDjango uses Model-View-Template (MVT) where:\n\n- models hold data,\n- views decide,\n- templates show.\n\nMore detail.\n\n### Q: Plain?\n\nJust this.\n\nNot this.\n",
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let q = &r.study.questions[0];
    assert_eq!(
        q.short_answer,
        "<p>Django uses Model-View-Template (MVT) where:</p>\n<ul>\n<li>models hold data,</li>\n<li>views decide,</li>\n<li>templates show.</li>\n</ul>"
    );
    assert_eq!(
        q.short_answer_text,
        "Django uses Model-View-Template (MVT) where: models hold data, views decide, templates show."
    );
    assert!(
        r.answer_html(q)
            .starts_with("<div class=\"short-answer\">\n<p>Django uses"),
        "{}",
        r.answer_html(q)
    );
    assert!(r.answer_html(q).contains("More detail."));
    let plain = &r.study.questions[1];
    assert_eq!(plain.short_answer, "Just this.");
    assert_eq!(plain.short_answer_text, "Just this.");
}

#[test]
fn every_answer_of_a_long_page_is_its_own() {
    let mut body = String::new();
    for i in 0..400 {
        body.push_str(&format!(
            "## Q: Number {i}?\n\nAnswer {i}.\n\n### Q: Inner {i}?\n\nDeep {i}.\n\n"
        ));
    }
    let r = study(&body);
    assert_eq!(r.study.questions.len(), 800);
    for (k, q) in r.study.questions.iter().enumerate() {
        let i = k / 2;
        let answer = r.answer_html(q);
        if k % 2 == 0 {
            assert!(
                answer.starts_with(&format!("<p class=\"short-answer\">Answer {i}.</p>")),
                "{answer}"
            );
            assert!(
                answer.contains(&format!("Deep {i}."))
                    && !answer.contains(&format!("Answer {}.", i + 1))
            );
        } else {
            assert_eq!(
                answer.trim(),
                format!("<p class=\"short-answer\">Deep {i}.</p>")
            );
        }
    }
}

#[test]
fn every_problem_of_one_question_is_reported_at_once() {
    let r = study("## Quiz {.practice}\n\n1. Pick\n\n   - [ ] a\n\n   Because a.\n");
    let e = errors(&r);
    assert_eq!(e.len(), 3, "{e:#?}");
    assert!(
        e.iter()
            .any(|e| e
                .starts_with("content/g.md:10:4: error: text after a practice question's options")),
        "{e:#?}"
    );
    assert!(
        e.iter()
            .any(|e| e.starts_with("content/g.md:6:1: error: practice question has 1 option")),
        "{e:#?}"
    );
    assert!(
        e.iter()
            .any(|e| e
                .starts_with("content/g.md:6:1: error: practice question has no correct option")),
        "{e:#?}"
    );
}

#[test]
fn formulas_stay_in_their_part_of_each_question() {
    let r = study_with_math(concat!(
        "### Q: Why is it $O(\\log n)$?\n\nIt halves $n$.\n\n",
        "## Quiz {.practice}\n\n",
        "1. Stem $$x^2$$ and more\n   - [x] $$\\frac{1}{2}$$\n   - [ ] half of $n$\n     > not $n$\n\n   > because $$y$$\n\n",
        "## FAQ {.faq}\n\n### Is $n$ big?\n\nOften $n > 10^6$.\n",
    ));
    assert!(errors(&r).is_empty(), "{:#?}", errors(&r));
    let q = &r.study.questions[0];
    assert_eq!(q.title, "Why is it O(\\log n)?");
    assert!(
        q.title_html
            .starts_with("Why is it <math display=\"inline\">"),
        "{}",
        q.title_html
    );
    assert_eq!(q.short_answer_text, "It halves n.");
    assert!(q.short_answer.contains("<math display=\"inline\">"));
    let p = &r.study.practice[0].questions[0];
    let block = "<span class=\"math-display\"><math display=\"block\">";
    // Display math inside a tight item is part of the line it stands in.
    assert!(
        p.stem.starts_with(&format!("<p>Stem {block}")),
        "{}",
        p.stem
    );
    assert!(p.stem.ends_with("</span> and more</p>"), "{}", p.stem);
    assert_eq!(p.options.len(), 2);
    assert!(
        p.options[0].html.starts_with(block),
        "{}",
        p.options[0].html
    );
    assert!(
        p.options[1].html.starts_with("half of <math"),
        "{}",
        p.options[1].html
    );
    let feedback = p.options[1].feedback.as_deref().unwrap();
    assert!(feedback.starts_with("<p>not <math"), "{feedback}");
    let explanation = p.explanation.as_deref().unwrap();
    assert!(
        explanation.starts_with(&format!("<p>because {block}")),
        "{explanation}"
    );
    let faq = &r.study.faq[0];
    assert_eq!(faq.question, "Is n big?");
    assert!(
        faq.question_html.starts_with("Is <math"),
        "{}",
        faq.question_html
    );
    assert!(faq.answer.starts_with("<p>Often <math"), "{}", faq.answer);
}

#[test]
fn a_practice_questions_hash_follows_what_the_author_wrote() {
    let guide = |before: &str, stem: &str| {
        format!(
            "---\ntitle: G\n---\n{before}\n## Check {{.practice}}\n\n1. {stem}\n\n   - [ ] `a`\n   - [x] b\n"
        )
    };
    let hash_of = |text: String| {
        let site = TestSite::new(&[("content/g.md", &text)]);
        site.build_ok();
        let page = site.read("g/practice/index.html");
        let at = page.find("data-hash=").expect("a hash") + 10;
        page[at..at + 8].to_string()
    };
    let first = hash_of(guide("", "Which?"));
    assert_eq!(
        first,
        hash_of(guide("Text before.\n", "Which?")),
        "moved, not edited"
    );
    assert_ne!(first, hash_of(guide("", "Which one?")), "the stem edited");
    assert_ne!(
        first,
        hash_of(
            guide("", "Which?")
                .replace("[x] b", "[ ] b")
                .replace("[ ] `a`", "[x] `a`")
        ),
        "another answer is right"
    );
}
