//! The pages the study model adds: guide cards, practice, FAQ, question
//! bank, flashcards and the practice hub, as built HTML.

use crate::common::{self, main_of, TestSite};

/// The `study_pages/joins` fixture (`content/sql/joins.md` holds questions,
/// a practice set and an FAQ; `content/python/gen.md` one question), with
/// `extra` files written over it, built.
fn site(extra: &[(&str, &str)]) -> TestSite {
    let site = TestSite::fixture("study_pages/joins");
    for (path, text) in extra {
        site.write(path, text);
    }
    site.build_ok();
    site
}

/// The JSON of every `application/ld+json` script in `html`.
fn json_ld(html: &str) -> Vec<serde_json::Value> {
    html.split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|rest| {
            let json = rest.split("</script>").next().unwrap();
            serde_json::from_str(json).unwrap_or_else(|e| panic!("bad JSON-LD ({e}): {json}"))
        })
        .collect()
}

#[test]
fn guide_page_has_question_cards_a_practice_link_and_an_faq_accordion() {
    let site = site(&[]);
    let html = site.read("sql/joins/index.html");
    insta::assert_snapshot!("joins_guide_main", main_of(&html));
    assert!(html.contains("<section class=\"question-card\">\n<h3 id=\"q-what-is-a-join\">"));
    assert!(html.contains("<p class=\"short-answer\">It combines rows of two tables.</p>"));
    assert!(
        html.contains("href=\"#q-what-is-a-join\""),
        "questions keep their permalink"
    );
    assert!(html.contains("<a href=\"practice/#check-yourself\">Practice 2 questions</a>"));
    assert!(
        html.contains("href=\"practice/\""),
        "the guide header links the practice page"
    );
    assert!(html.contains("<details id=\"are-joins-slow\"><summary>Are joins slow?</summary>"));
    assert!(
        html.contains("Not with the right <em>indexes</em>."),
        "FAQ answers are in the HTML"
    );
}

#[test]
fn practice_page_is_a_real_form_that_reads_without_javascript() {
    let site = site(&[]);
    let html = site.read("sql/joins/practice/index.html");
    insta::assert_snapshot!("joins_practice_main", main_of(&html));
    assert!(html.contains("<form"), "a form");
    assert_eq!(
        html.matches("type=radio ").count(),
        2,
        "single choice: radio buttons"
    );
    assert_eq!(
        html.matches("type=checkbox ").count(),
        3,
        "multiple choice: checkboxes"
    );
    // The id stored answers go under, `sql.joins--check-yourself-1`, is
    // made by the script from the guide's key, the set's heading id and
    // the question's place in the set: the page says each once.
    assert!(html.contains("data-guide=\"sql/joins\""));
    assert!(html.contains("<h2 id=\"check-yourself\">"));
    assert!(html.contains("<li id=q1 data-hash="));
    assert!(html.contains("data-correct=1>") && html.contains("data-correct=0,1>"));
    assert_unique_ids(&html);
    assert!(
        html.contains("<code class=\"language-sql\"><span class="),
        "code in stems is highlighted"
    );
    // Without JavaScript every answer and explanation can be revealed.
    let details = html.matches("<details").count();
    assert!(details >= 2, "a <details> per question, found {details}");
    assert!(
        html.contains("Left joins pad with NULL."),
        "explanation present"
    );
    assert!(
        html.contains("Inner joins drop rows without a match."),
        "per-option feedback present"
    );
    assert!(
        html.contains("syllabus.js"),
        "the script that checks answers (and announces feedback) is loaded"
    );
    assert!(
        html.contains("class=\"answer-key\""),
        "printable answer key"
    );
    assert!(html.contains("href=\"../\""), "links back to the guide");
}

/// Every ` id=` of `html`, quoted or not, is there once.
fn assert_unique_ids(html: &str) {
    let mut seen = std::collections::HashSet::new();
    for part in html.split(" id=").skip(1) {
        let id = match part.strip_prefix('"') {
            Some(quoted) => &quoted[..quoted.find('"').unwrap()],
            None => &part[..part.find([' ', '>']).unwrap()],
        };
        assert!(seen.insert(id), "id `{id}` twice");
    }
}

#[test]
fn practice_question_ids_never_meet_the_ids_of_sets() {
    let set = |title: &str| {
        format!("## {title} {{.practice}}\n\n1. Right?\n   - [x] yes\n   - [ ] no\n\n")
    };
    let body = format!("---\ntitle: Q\n---\n{}{}", set("Q1"), set("Q1"));
    let site = TestSite::new(&[("content/q.md", &body)]);
    site.build_ok();
    let html = site.read("q/practice/index.html");
    assert!(html.contains("<h2 id=\"q1\">Q1</h2>") && html.contains("<h2 id=\"q1-1\">Q1</h2>"));
    // Each question's id across the site ends with its set's heading id
    // and its number in the set (`q1-1`, `q1-1-1`): the ids on the page,
    // `syl-q1` and `syl-q2`, stay clear of the sets'.
    let first = html.find("<h2 id=\"q1\">").unwrap();
    let second = html.find("<h2 id=\"q1-1\">").unwrap();
    let q1 = html.find("<li id=syl-q1 ").unwrap();
    let q2 = html.find("<li id=syl-q2 ").unwrap();
    assert!(first < q1 && q1 < second && second < q2, "{html}");
    assert_unique_ids(&html);
}

#[test]
fn faq_pages_per_guide_and_for_the_site() {
    let site = site(&[]);
    let guide_faq = site.read("sql/joins/faq/index.html");
    assert!(guide_faq.contains("Are joins slow?") && guide_faq.contains("<details"));
    assert!(
        json_ld(&guide_faq).is_empty(),
        "no FAQPage data unless switched on"
    );
    let all = site.read("faq/index.html");
    assert!(all.contains("Are joins slow?") && all.contains("Is JOIN the same as INNER JOIN?"));
    assert!(all.contains("href=\"../sql/joins/faq/\"") || all.contains("href=\"../sql/joins/\""));
    assert!(
        !site.output().join("python/gen/faq").exists(),
        "no FAQ page for a guide without an FAQ"
    );
}

#[test]
fn faq_json_ld_is_generated_from_the_same_data_when_switched_on() {
    let site = site(&[("site.toml", "title = \"T\"\n[study]\nfaq_json_ld = true\n")]);
    let data = json_ld(&site.read("sql/joins/faq/index.html"));
    assert_eq!(data.len(), 1);
    assert_eq!(data[0]["@type"], "FAQPage");
    let entities = data[0]["mainEntity"].as_array().unwrap();
    assert_eq!(entities.len(), 2);
    assert_eq!(entities[0]["@type"], "Question");
    assert_eq!(entities[0]["name"], "Are joins slow?");
    assert_eq!(entities[0]["acceptedAnswer"]["@type"], "Answer");
    assert!(entities[0]["acceptedAnswer"]["text"]
        .as_str()
        .unwrap()
        .contains("indexes"));
    assert_eq!(json_ld(&site.read("faq/index.html")).len(), 1);
}

#[test]
fn question_bank_groups_questions_and_links_to_answers() {
    let site = site(&[]);
    let html = site.read("questions/index.html");
    insta::assert_snapshot!("question_bank_main", main_of(&html));
    let (sql, python) = (
        html.find("What is a join?").unwrap(),
        html.find("What is a generator?").unwrap(),
    );
    assert!(
        python < sql,
        "grouped by section in reading order (Python has no _index.md, sorts by title)"
    );
    assert!(html.contains("href=\"../sql/joins/#q-what-is-a-join\""));
    assert!(html.contains("href=\"../python/gen/#q-what-is-a-generator\""));
    for filter in ["data-tags", "data-difficulty"] {
        assert!(html.contains(filter), "filterable: {filter}");
    }
    assert!(html.contains("intermediate") && html.contains("databases"));
}

#[test]
fn guides_carry_quiz_structured_data_matching_their_visible_cards() {
    let site = site(&[]);
    let plain = json_ld(&site.read("sql/joins/index.html"));
    let types: Vec<_> = plain[0]["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["@type"])
        .collect();
    assert_eq!(types, ["Article"], "no Quiz unless asked for");
    site.write("site.toml", "title = \"T\"\n[study]\nquiz_json_ld = true\n");
    site.build_ok();
    let html = site.read("sql/joins/index.html");
    let data = json_ld(&html);
    let graph = data[0]["@graph"].as_array().unwrap();
    let quiz: Vec<_> = graph.iter().filter(|d| d["@type"] == "Quiz").collect();
    assert_eq!(quiz.len(), 1, "{graph:?}");
    let parts = quiz[0]["hasPart"].as_array().unwrap();
    assert_eq!(parts.len(), 2);
    for part in parts {
        assert_eq!(part["@type"], "Question");
        assert_eq!(part["eduQuestionType"], "Flashcard");
        assert_eq!(part["acceptedAnswer"]["@type"], "Answer");
        let text = part["text"].as_str().unwrap();
        let answer = part["acceptedAnswer"]["text"].as_str().unwrap();
        assert!(html.contains(text), "question visible: {text}");
        assert!(html.contains(answer), "answer visible: {answer}");
    }
    assert_eq!(parts[0]["text"], "What is a join?");
    // No page claims that multiple-choice practice is a quiz, and the
    // flashcards page, whose cards come from data files, claims nothing.
    for page in [
        "sql/joins/practice/index.html",
        "practice/index.html",
        "flashcards/index.html",
    ] {
        let data = json_ld(&site.read(page));
        assert!(
            !serde_json::to_string(&data).unwrap().contains("\"Quiz\""),
            "{page}"
        );
    }
}

/// The data file at `path` (`practice/sql/questions.json`), parsed.
fn data_file(site: &TestSite, path: &str) -> serde_json::Value {
    let text = site.read(path);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The flashcards of the bank page at `path` (`questions/index.html`).
fn bank_cards(site: &TestSite, path: &str) -> serde_json::Value {
    common::bank_cards(&site.read(path))
}

/// The `data-url` of the `<option value="{value}">` in `html`, without
/// its `?v=`.
fn option_data_url<'a>(html: &'a str, value: &str) -> &'a str {
    let at = html
        .find(&format!("<option value=\"{value}\" data-url=\""))
        .unwrap_or_else(|| panic!("no option {value}"));
    let url = &html[at..].split("data-url=\"").nth(1).unwrap();
    url.split(['"', '?']).next().unwrap()
}

#[test]
fn one_flashcards_page_with_a_deck_per_section_and_guide() {
    let site = site(&[]);
    assert!(
        !site.output().join("sql/joins/flashcards").exists(),
        "no per-guide flashcards page"
    );
    let guide = site.read("sql/joins/index.html");
    assert!(
        guide.contains(
            "<a class=\"study-link link-flashcards\" href=\"#q-what-is-a-join\" \
             data-js-href=\"../../flashcards/?guide=sql/joins\">Flashcards (2)</a>"
        ),
        "without scripts the guide's own questions, with them its deck"
    );
    let page = site.read("flashcards/index.html");
    insta::assert_snapshot!("flashcards_main", main_of(&page));
    assert!(
        page.contains("flashcards.js?v="),
        "the deck script is loaded"
    );
    for deck in ["sql", "python"] {
        assert_eq!(
            option_data_url(&page, deck),
            "../questions/",
            "a deck's cards are read from the bank (one page: not split)"
        );
    }
    assert!(
        !site.output().join("flashcards/sql/cards.json").exists(),
        "no copy of the questions for the flashcards"
    );
    // Without scripts each guide leads to its questions on its own page.
    assert!(page.contains(
        "<a href=\"../sql/joins/#q-what-is-a-join\" data-js-href=\"./?guide=sql/joins\">Joins</a>"
    ));
    let bank = bank_cards(&site, "questions/index.html");
    let guides = bank["guides"].as_array().unwrap();
    let joins = guides.iter().find(|g| g["key"] == "sql/joins").unwrap();
    assert_eq!(joins["id"], "sql.joins");
    assert_eq!(joins["url"], "../sql/joins/");
    assert_eq!(joins["tags"][1], "databases");
    let cards = joins["cards"].as_array().unwrap();
    assert_eq!(cards.len(), 2);
    assert_eq!(cards[0]["id"], "q-what-is-a-join");
    assert_eq!(cards[0]["question"], "What is a join?");
    assert!(cards[0]["answer"]
        .as_str()
        .unwrap()
        .contains("It combines rows of two tables."));
    assert_eq!(cards[0]["hash"].as_str().unwrap().len(), 8);
}

#[test]
fn editing_a_card_changes_its_hash_and_nothing_else_does() {
    let site = site(&[]);
    let hashes = |site: &TestSite| -> Vec<String> {
        bank_cards(site, "questions/index.html")["guides"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["key"] == "sql/joins")
            .unwrap()["cards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["hash"].as_str().unwrap().to_string())
            .collect()
    };
    let before = hashes(&site);
    let joins = std::fs::read_to_string(site.root().join("content/sql/joins.md")).unwrap();
    site.write(
        "content/sql/joins.md",
        &joins
            .replace("It keeps every row", "It keeps each row")
            .replace("description: Combining tables.", "description: Tables."),
    );
    site.build_ok();
    let after = hashes(&site);
    assert_eq!(before[0], after[0], "an unchanged card keeps its schedule");
    assert_ne!(before[1], after[1], "an edited answer restarts it");
}

#[test]
fn practice_hub_lists_sections_and_splits_its_data_by_section() {
    let site = site(&[]);
    let hub = site.read("practice/index.html");
    insta::assert_snapshot!("practice_hub_main", main_of(&hub));
    assert!(hub.contains("href=\"../sql/joins/practice/\""));
    assert!(
        hub.contains("Joins") && !hub.contains("../python/gen/practice/"),
        "only guides with practice sets"
    );
    assert!(
        hub.contains("data-section=\"sql\" data-total=\"2\""),
        "sections with their counts"
    );
    assert!(
        !hub.contains("data-section=\"python\""),
        "no section without practice"
    );
    assert_eq!(option_data_url(&hub, "sql"), "sql/questions.json");
    assert!(
        hub.contains("data-parts=\"0\">databases</option>"),
        "a tag names the files holding it"
    );
    assert!(
        !site.output().join("practice.json").exists(),
        "no single file of every question"
    );
    assert!(!site
        .output()
        .join("practice/python/questions.json")
        .exists());
    let data = data_file(&site, "practice/sql/questions.json");
    let guides = data["guides"].as_array().unwrap();
    assert_eq!(guides.len(), 1, "a guide's fields once, not per question");
    let joins = &guides[0];
    assert_eq!(joins["id"], "sql.joins", "questions' ids start with it");
    assert_eq!(joins["key"], "sql/joins");
    assert_eq!(joins["url"], "../sql/joins/", "relative to the hub");
    assert_eq!(joins["tags"][0], "sql");
    // A set's id once, then its questions (the first's id across the site
    // is `sql.joins--check-yourself-1`).
    let sets = joins["sets"].as_array().unwrap();
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0]["id"], "check-yourself");
    let questions = sets[0]["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 2);
    let (q, multiple) = (&questions[0], &questions[1]);
    assert_eq!(q["options"][1], "<code>LEFT JOIN</code>");
    assert_eq!(q["correct"], serde_json::json!([1]));
    assert_eq!(multiple["correct"], serde_json::json!([0, 1]));
    assert!(q["feedback"][0].as_str().unwrap().contains("drop rows"));
    assert!(q["feedback"][1].is_null(), "an option without feedback");
    assert!(
        multiple.get("feedback").is_none() && multiple.get("explanation").is_none(),
        "what a question lacks is left out: {multiple}"
    );
    // A stem of one paragraph is its inline HTML; this one has a code block.
    assert!(q.get("stem").is_none() && q["blocks"].as_str().unwrap().contains("<pre"));
    assert_eq!(
        multiple["stem"],
        "Which are joins? (Choose all that apply.)"
    );
    assert!(q["hash"].as_str().unwrap().len() == 8);
}

#[test]
fn cards_on_home_and_section_pages_show_counts() {
    let site = site(&[]);
    let section = site.read("sql/index.html");
    for count in ["2 questions", "2 practice", "2 FAQ"] {
        assert!(section.contains(count), "section page shows {count}");
    }
    let home = site.read("index.html");
    assert!(home.contains("2 questions"));
}

#[test]
fn links_inside_answers_work_on_every_page_they_appear_on() {
    let site = site(&[]);
    // The answer links to another question of the same guide.
    assert!(site
        .read("sql/joins/index.html")
        .contains("href=\"#q-what-is-a-left-join\""));
    // Cards link their full answer from the bank page they are read from.
    let cards = bank_cards(&site, "questions/index.html");
    let urls: Vec<&str> = cards["guides"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["url"].as_str().unwrap())
        .collect();
    assert!(urls.contains(&"../sql/joins/"), "{urls:?}");
}

#[test]
fn interface_strings_come_from_the_theme_and_site_toml_overrides_them() {
    let site = site(&[(
        "site.toml",
        "title = \"T\"\nlanguage = \"fr\"\n[ui]\npractice_link = \"Pratiquer {n} questions\"\n",
    )]);
    let html = site.read("sql/joins/index.html");
    assert!(html.contains(">Pratiquer 2 questions</a>"));
    let bad = TestSite::new(&[
        ("site.toml", "title = \"T\"\n[ui]\npractice_lnk = \"x\"\n"),
        ("content/a.md", "---\ntitle: A\n---\n"),
    ]);
    let out = bad.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("did you mean `practice_link`?"));
}

#[test]
fn reserved_study_paths_cannot_be_taken_by_pages() {
    let site = TestSite::new(&[("content/practice/_index.md", "---\ntitle: Practice\n---\n")]);
    let errors = site.build_errors();
    assert!(
        errors[0].contains("URL /practice/ is already taken by the built-in page /practice/"),
        "{errors:?}"
    );
}

#[test]
fn site_wide_lists_follow_reading_order() {
    let quiz =
        "### Q: Why?\n\nBecause.\n\n## Quiz {.practice}\n\n1. Pick\n\n   - [x] a\n   - [ ] b\n";
    let site = TestSite::new(&[
        (
            "content/a/z-first.md",
            &format!("---\ntitle: Zed\nweight: 1\n---\n{quiz}"),
        ),
        (
            "content/a/a-second.md",
            &format!("---\ntitle: Alpha\nweight: 2\n---\n{quiz}"),
        ),
    ]);
    site.build_ok();
    let data = site.read("practice/a/questions.json");
    assert!(
        data.find("\"Zed\"").unwrap() < data.find("\"Alpha\"").unwrap(),
        "by weight, not by path"
    );
    let bank = site.read("questions/index.html");
    assert!(bank.find("\"a/z-first\"").unwrap() < bank.find("\"a/a-second\"").unwrap());
    let hub = site.read("practice/index.html");
    assert!(hub.find("Zed").unwrap() < hub.find("Alpha").unwrap());
}

#[test]
fn very_large_banks_are_split_by_section() {
    // Just over the split threshold: two sections of 1,001 questions each.
    let questions: String = (0..1001)
        .map(|i| format!("### Q: Question {i}?\n\nAnswer {i}.\n\n"))
        .collect();
    let guide = format!("---\ntitle: Big\n---\n{questions}");
    let site = TestSite::new(&[
        ("content/one/big.md", &guide),
        ("content/two/big.md", &guide),
    ]);
    site.build_ok();
    let index = site.read("questions/index.html");
    assert!(
        index.contains("href=\"one/\"") && index.contains("href=\"two/\""),
        "the index links every part"
    );
    assert!(
        !index.contains("Question 7?"),
        "the index holds no questions itself"
    );
    let one = site.read("questions/one/index.html");
    assert!(one.contains("Question 1000?") && one.contains("aria-current=\"page\""));
    assert!(
        one.contains("href=\"../../one/big/#q-question-1000\""),
        "answers are linked from the part's depth"
    );
    assert!(
        !one.contains("../../two/big/#"),
        "a part holds its own section only"
    );
    let two = bank_cards(&site, "questions/two/index.html");
    assert_eq!(two["guides"][0]["key"], "two/big");
    assert_eq!(two["guides"][0]["cards"][5]["question"], "Question 5?");
    let cards = site.read("flashcards/index.html");
    assert_eq!(
        option_data_url(&cards, "two"),
        "../questions/two/",
        "a deck reads its own part of a split bank"
    );
    assert!(
        cards.contains("<a href=\"../questions/two/\" data-js-href=\"./?section=two\">"),
        "without scripts a deck leads to its part of the bank"
    );
}

/// A practice set typed the way authors type it: options split by the
/// explanation, a paragraph between options, and items 10 and above with
/// options indented by 3 spaces like those under 1.
fn hand_typed_set() -> String {
    let mut body = String::from("---\ntitle: Drill\n---\n## Drill {.practice}\n\n");
    body.push_str("1. Split by the explanation?\n   - [ ] one\n   - [x] two\n   > Two is right.\n   - [ ] three\n\n");
    body.push_str(
        "2. A paragraph between options?\n\n   - [x] four\n\n   still four\n\n   - [ ] five\n\n",
    );
    for n in 3..=11 {
        body.push_str(&format!(
            "{n}. Question {n}?\n\n   - [ ] no {n}\n   - [x] yes {n}\n\n   > Why {n}.\n\n"
        ));
    }
    body
}

#[test]
fn hand_typed_practice_sets_keep_every_option_on_the_page() {
    let site = TestSite::new(&[
        ("content/py/_index.md", "---\ntitle: Python\n---\n"),
        ("content/py/drill.md", &hand_typed_set()),
    ]);
    let report = site.build_ok();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let html = site.read("py/drill/practice/index.html");
    assert_eq!(html.matches("<li id=q").count(), 11);
    for text in [
        "one", "two", "three", "four", "five", "no 10", "yes 10", "no 11", "yes 11",
    ] {
        assert!(
            html.contains(&format!("</b> {text}</label>"))
                || html.contains(&format!("</b> {text}\n<p>")),
            "option `{text}` is on the practice page"
        );
    }
    assert!(
        html.contains("still four"),
        "the paragraph continues option four"
    );
    assert!(
        html.contains(
            "<div class=explanation><p class=explanation-title>Explanation</p><p>Two is right.</p>"
        ),
        "the quote among the options is the explanation"
    );
    for n in [10, 11] {
        assert!(
            html.contains(&format!("<p>Why {n}.</p>")),
            "explanation {n}"
        );
        assert!(
            html.contains(&format!(
                "<legend><b>Question {n}</b> Question {n}?</legend>"
            )),
            "stem {n}"
        );
    }
    let data = site.read("practice/py/questions.json");
    assert!(
        data.contains("yes 11") && data.contains("three"),
        "the mixed quiz has them too"
    );
    let guide = site.read("py/drill/index.html");
    assert!(
        guide.contains("Practice 11 questions"),
        "the guide counts them all"
    );
}

#[test]
fn lead_in_short_answers_are_whole_in_the_bank_flashcards_and_search() {
    let guide = "---\ntitle: MVT\n---\n### Q: How is Django laid out?\n\nDjango uses Model-View-Template (MVT) where:\n\n- models hold the data,\n- views pick what to show.\n\nLonger story.\n";
    let site = TestSite::new(&[
        ("content/web/_index.md", "---\ntitle: Web\n---\n"),
        ("content/web/mvt.md", guide),
    ]);
    site.build_ok();
    let list = "<li>models hold the data,</li>\n<li>views pick what to show.</li>";
    let bank = site.read("questions/index.html");
    assert!(bank.contains("(MVT) where:</p>"), "the bank: the lead-in");
    assert!(bank.contains(list), "the bank: the list it introduces");
    let cards = bank_cards(&site, "questions/index.html");
    let card = cards["guides"][0]["cards"][0]["answer"].as_str().unwrap();
    assert!(card.contains("(MVT) where:</p>"), "the card: the lead-in");
    assert!(card.contains(list), "the card: the list it introduces");
    let docs = site.read("search/d/0.bin");
    assert!(
        docs.contains("where: models hold the data, views pick what to show."),
        "{docs}"
    );
}

#[test]
fn a_split_banks_section_pages_list_a_window_of_parts() {
    // 30 top-level sections of 70 questions: over the split threshold.
    let questions: String = (0..70)
        .map(|i| format!("### Q: Question {i}?\n\nAnswer {i}.\n\n"))
        .collect();
    let mut files = vec![(
        "site.toml".to_string(),
        "title = \"Wide\"\n[navigation]\nsection_guides = 5\n".to_string(),
    )];
    for n in 0..30 {
        let guide = format!("---\ntitle: G{n}\ntags: [tag{n}]\n---\n{questions}");
        files.push((format!("content/s{n:02}/g.md"), guide));
    }
    // The home page's question is on the index; a section page's, on its
    // section's part, before its guides'.
    let own = |title: &str, q: &str| format!("---\ntitle: {title}\n---\n### Q: {q}?\n\nSo.\n");
    files.push(("content/_index.md".into(), own("Wide", "Home question")));
    files.push((
        "content/s15/_index.md".into(),
        own("S15", "Section question"),
    ));
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let site = TestSite::new(&files);
    site.build_ok();
    let index = site.read("questions/index.html");
    assert_eq!(
        index.matches("<a class=\"tag\" href=\"s").count(),
        30,
        "the index lists every part"
    );

    let page = site.read("questions/s15/index.html");
    let start = page.find("class=\"parts\"").expect("a list of parts");
    let parts = &page[start..start + page[start..].find("</nav>").unwrap()];
    let links: Vec<&str> = parts
        .split("href=\"")
        .skip(1)
        .map(|a| &a[..a.find('"').unwrap()])
        .collect();
    assert_eq!(
        links,
        ["../s00/", "../s14/", "./", "../s16/", "../s29/", "../"]
    );
    assert!(parts.contains(">All sections</a>"));
    assert!(
        page.contains("tag15") && !page.contains("tag16"),
        "filters offer this part's tags"
    );
    let section_question = page
        .find(">Section question?</a>")
        .expect("the section's own");
    assert!(section_question < page.find(">Question 0?</a>").unwrap());
    assert!(page.contains("href=\"../../s15/#q-section-question\""));
    assert!(index.contains("href=\"../#q-home-question\"") && !index.contains("Section question?"));
    assert!(!site
        .read("questions/s14/index.html")
        .contains("Section question?"));
}

#[test]
fn large_sites_list_sections_and_link_on() {
    // 501 guides in three sections, each with a question and a practice
    // question: past what the hubs list guide by guide (500).
    let site = TestSite::new(&[("site.toml", "title = \"Big\"\n")]);
    for s in 0..3 {
        site.write(
            &format!("content/s{s}/_index.md"),
            &format!("---\ntitle: Part {s}\n---\n"),
        );
        for g in 0..167 {
            let tags = if g == 0 { "[common, rare]" } else { "[common]" };
            site.write(
                &format!("content/s{s}/g{g:03}.md"),
                &format!(
                    "---\ntitle: Guide {s}-{g}\ntags: {tags}\n---\n### Q: Why {s}-{g}?\n\nBecause.\n\n\
                     ## Check {{.practice}}\n\n1. Pick\n\n   - [x] a\n   - [ ] b\n"
                ),
            );
        }
    }
    site.build_ok();

    let home = site.read("index.html");
    assert_eq!(
        home.matches("<li class=\"card\">").count(),
        240,
        "the sections share 240 cards"
    );
    assert!(home.contains("167 guides") && home.contains(">All of Part 2 "));
    assert_eq!(home.matches(">Guide 1-").count(), 80, "a third each");

    let common = site.read("tags/common/index.html");
    assert!(
        !common.contains("<li class=\"card\">"),
        "no cards on a large tag"
    );
    assert!(!common.contains("Why 0-1?"), "nor its questions");
    let links = common
        .split("<li><a href=\"../../s")
        .skip(1)
        .filter(|rest| rest[..rest.find('"').unwrap()].contains("/g"))
        .count();
    assert_eq!(links, 501, "every guide of the tag, as a link");
    assert!(
        common.contains("<a href=\"../../s2/\">Part 2</a> <span class=\"tag-count\">167</span>")
    );
    assert!(common.contains("<a href=\"../../flashcards/?tag=common\">Flashcards (501)</a>"));
    let rare = site.read("tags/rare/index.html");
    assert_eq!(
        rare.matches("<li class=\"card\">").count(),
        3,
        "a small tag keeps its cards"
    );
    // Its questions are on each guide's page and in the tag's deck, not
    // repeated in the cards.
    assert!(!rare.contains("Why 1-0?"), "{rare}");
    assert!(rare.contains("<a href=\"../../flashcards/?tag=rare\">Flashcards (3)</a>"));

    let hub = site.read("practice/index.html");
    assert!(!hub.contains("class=\"hub-item\""), "no guide listed");
    for s in 0..3 {
        assert!(hub.contains(&format!("data-section=\"s{s}\" data-total=\"167\"")));
        assert!(hub.contains(&format!("<a href=\"../s{s}/\">Part {s}</a>")));
    }
    let cards = site.read("flashcards/index.html");
    assert!(!cards.contains("deck-guides"), "no guide listed");
    assert!(
        cards.contains("<a href=\"../questions/\" data-js-href=\"./?section=s1\">"),
        "without scripts a deck leads to the question bank"
    );
}
