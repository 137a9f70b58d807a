//! Questions and FAQs written on the home page and on section pages
//! (`_index.md`): on their own page as in a guide, and in the site-wide
//! FAQ, question bank, flashcard decks, per language.

use crate::common::{main_of, TestSite};

/// The `study_pages/home-and-sections` fixture, built: the home page
/// (`content/_index.md`, and in French) and the section page
/// `content/db/_index.md` (and in French) hold questions and FAQs, beside
/// a guide at the root (`start.md`, English only) and one in the section
/// (`db/joins.md`).
fn site() -> TestSite {
    let site = TestSite::fixture("study_pages/home-and-sections");
    site.build_ok();
    site
}

/// Follows the relative link `href` from the output file `from`
/// (`faq/index.html`) as a browser would, and asserts that it lands on a
/// written page holding the id it names. Returns that page.
fn follow(site: &TestSite, from: &str, href: &str) -> String {
    let (path, anchor) = href.split_once('#').unwrap_or((href, ""));
    let path = path.split('?').next().unwrap();
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts
                    .pop()
                    .unwrap_or_else(|| panic!("{href} leaves the site"));
            }
            part => parts.push(part),
        }
    }
    let file = match path {
        "" => from.to_string(),
        _ => format!(
            "{}index.html",
            parts.iter().map(|p| format!("{p}/")).collect::<String>()
        ),
    };
    let html = site.read(&file);
    if !anchor.is_empty() {
        let id = percent_encoding::percent_decode_str(anchor)
            .decode_utf8()
            .unwrap();
        assert!(
            html.contains(&format!(" id=\"{id}\"")),
            "{from}: `{href}` leads to {file}, which has no id `{id}`"
        );
    }
    html
}

/// Every `href` of the links opening list items of class `class` in `html`.
fn hrefs<'a>(html: &'a str, class: &str) -> Vec<&'a str> {
    let needle = format!("<li class=\"{class}\"");
    html.split(&needle)
        .skip(1)
        .map(|rest| rest.split("<a href=\"").nth(1).unwrap())
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect()
}

/// Where each of `texts` is in `html`, asserting they come in that order.
fn assert_in_order(html: &str, texts: &[&str]) {
    let at: Vec<usize> = texts
        .iter()
        .map(|t| html.find(t).unwrap_or_else(|| panic!("`{t}` is missing")))
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "in this order: {texts:?} (found at {at:?})"
    );
}

#[test]
fn home_and_section_pages_show_questions_and_faq_as_guides_do() {
    let site = site();
    let home = site.read("index.html");
    assert!(home.contains(
        "<section class=\"question-card\">\n\
         <h3 id=\"q-how-should-i-use-these-notes\">Q: How should I use these notes?</h3>"
    ));
    assert!(home.contains(
        "<p class=\"short-answer\">Read a guide, then answer its questions aloud.</p>\n\
         <p>Come back to the flashcards a few days later.</p>"
    ));
    assert!(home.contains("<section class=\"faq\">\n<h2 id=\"about-these-notes\" class=\"faq\">"));
    assert!(
        home.contains("<details id=\"are-the-notes-free\"><summary>Are the notes free?</summary>")
    );
    let section = site.read("db/index.html");
    assert!(section
        .contains("<section class=\"question-card\">\n<h3 id=\"q-what-does-an-index-cost\">"));
    assert!(section.contains("<details id=\"which-database-should-i-learn-first\">"));
    let french = site.read("fr/index.html");
    assert!(french
        .contains("<p class=\"short-answer\">Lisez un guide, puis répondez à voix haute.</p>"));
    assert!(french.contains("<summary>Les notes sont-elles gratuites ?</summary>"));
    // Guide-only pages stay the guides': no FAQ page for a section.
    assert!(!site.output().join("db/faq").exists());
}

#[test]
fn the_site_wide_faq_opens_with_the_home_page_and_each_sections_own_entries() {
    let site = site();
    let faq = site.read("faq/index.html");
    insta::assert_snapshot!("faq_index_home_and_sections_main", main_of(&faq));
    assert_in_order(
        &faq,
        &[
            "<h2 id=\"syl-faq-1\"><a href=\"../\">Interview notes</a></h2>",
            "<summary>Are the notes free?</summary>",
            "<h2 id=\"syl-faq-2\"><a href=\"../db/\">Databases</a></h2>",
            "<summary>Which database should I learn first?</summary>",
            "<h3><a href=\"../db/joins/\">Joins</a></h3>",
            "<summary>Are joins slow?</summary>",
        ],
    );
    assert!(
        !faq.contains("<h3><a href=\"../db/\">"),
        "the section's own entries sit under its heading"
    );
    let more: Vec<&str> = faq
        .split("<p class=\"group-more\"><a href=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert_eq!(
        more,
        [
            "../#about-these-notes",
            "../db/#section-faq",
            "../db/joins/faq/"
        ]
    );
    for href in more {
        follow(&site, "faq/index.html", href);
    }
    let french = site.read("fr/faq/index.html");
    assert_in_order(
        &french,
        &[
            "<a href=\"../\">Notes d&#39;entretien</a></h2>",
            "<summary>Les notes sont-elles gratuites ?</summary>",
        ],
    );
    assert!(
        !french.contains("Are the notes free?"),
        "each language its own"
    );

    // Structured data covers what the page shows.
    site.write(
        "site.toml",
        &format!(
            "{}[study]\nfaq_json_ld = true\n",
            std::fs::read_to_string(site.root().join("site.toml")).unwrap()
        ),
    );
    site.build_ok();
    let faq = site.read("faq/index.html");
    let names: Vec<String> = faq
        .split("\"name\":\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect();
    assert_eq!(
        names,
        [
            "Are the notes free?",
            "Which database should I learn first?",
            "Are joins slow?"
        ]
    );
}

#[test]
fn the_question_bank_lists_home_and_section_questions_linking_to_their_cards() {
    let site = site();
    let bank = site.read("questions/index.html");
    assert_in_order(
        &bank,
        &[
            "<a href=\"../\">Interview notes</a></h2>",
            ">How should I use these notes?</a>",
            "<a href=\"../\">Guides</a></h2>",
            ">What is a backend?</a>",
            "<a href=\"../db/\">Databases</a></h2>",
            ">What does an index cost?</a>",
            ">What is a join?</a>",
        ],
    );
    let links = hrefs(&bank, "bank-question");
    assert_eq!(
        links,
        [
            "../#q-how-should-i-use-these-notes",
            "../start/#q-what-is-a-backend",
            "../db/#q-what-does-an-index-cost",
            "../db/joins/#q-what-is-a-join",
        ]
    );
    for href in links {
        follow(&site, "questions/index.html", href);
    }
    // A section's own questions sit right under its heading, with no
    // guide's title, tags or difficulty (so a filter on them hides them).
    assert!(bank.contains(
        "<h2 id=\"syl-bank-3\"><a href=\"../db/\">Databases</a></h2>\n</div>\n\
         <div class=\"bank-guide bank-own\" data-key=\"db/_index\">\n\
         <ul class=\"bank-questions\" role=\"list\">\n\
         <li class=\"bank-question\" data-h=\""
    ));
    assert!(
        bank.contains("<option value=\"beginner\">"),
        "the guide's difficulty is a filter"
    );
    let french = site.read("fr/questions/index.html");
    assert_eq!(
        hrefs(&french, "bank-question"),
        [
            "../#q-comment-lire-ces-notes-",
            "../db/#q-que-coûte-un-index-"
        ]
    );
    for href in hrefs(&french, "bank-question") {
        follow(&site, "fr/questions/index.html", href);
    }
}

#[test]
fn home_questions_are_the_whole_sites_deck_and_section_questions_their_sections() {
    let site = site();
    let root = crate::common::bank_cards(&site.read("questions/index.html"));
    let keys: Vec<&str> = root["guides"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        ["_index", "start", "db/_index", "db/joins"],
        "the home page's cards first"
    );
    let home = &root["guides"][0];
    assert_eq!(
        home["cards"][0]["question"],
        "How should I use these notes?"
    );
    let card_url = format!(
        "{}#{}",
        home["url"].as_str().unwrap(),
        home["cards"][0]["id"].as_str().unwrap()
    );
    follow(&site, "questions/index.html", &card_url);

    let section = &root["guides"][2];
    assert_eq!(section["id"], "db._index", "its cards' ids start with it");
    follow(
        &site,
        "questions/index.html",
        &format!(
            "{}#{}",
            section["url"].as_str().unwrap(),
            section["cards"][0]["id"].as_str().unwrap()
        ),
    );

    // The page counts cards of every page, but guides as guides.
    let page = site.read("flashcards/index.html");
    assert!(
        page.contains("<p class=\"page-meta\">4 cards ·\n2 guides</p>"),
        "{}",
        main_of(&page)
    );
    assert!(page.contains("<option value=\"/\" data-url=\"../questions/?v="));
    assert!(page.contains("data-count=\"2\">Guides</option>"));
    assert!(page.contains("<option value=\"db\" data-url=\"../questions/?v="));
    // Without scripts, the section page's deck leads to its first question.
    assert!(page.contains(
        "<li><a href=\"../db/#q-what-does-an-index-cost\" data-js-href=\"./?guide=db/_index\">Databases</a>"
    ));

    // In French there is no guide at the root: that deck holds the home
    // page's questions alone, and is named after it.
    let french = site.read("fr/flashcards/index.html");
    assert!(
        french.contains("data-count=\"1\">Notes d&#39;entretien</option>"),
        "{}",
        main_of(&french)
    );
    let root = crate::common::bank_cards(&site.read("fr/questions/index.html"));
    assert_eq!(root["guides"][0]["key"], "_index.fr");
    assert_eq!(
        root["guides"][0]["cards"][0]["question"],
        "Comment lire ces notes ?"
    );
}
