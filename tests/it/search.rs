//! The search index as built: its files read the way `search.js` reads
//! them (the shard of a term, its postings, the documents they name), so
//! what a reader's query finds is checked without a browser.

use serde_json::Value;

use crate::common::{self, TestSite};

/// A built site's index under `search/` (or a language's, under
/// `fr/search/`).
struct Index<'a> {
    site: &'a TestSite,
    /// The language's home: `` or `fr/`.
    home: &'a str,
    meta: Value,
    chunks: Vec<Value>,
}

/// A result as its row shows it.
#[derive(Debug, Clone, PartialEq)]
struct Doc {
    title: String,
    /// Relative to the site root, with the anchor.
    url: String,
    kind: String,
    text: String,
}

const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// A posting list: `(doc, weight)`, best first (see src/search/shards.rs).
fn decode(text: &str) -> Vec<(u64, u64)> {
    let mut numbers = Vec::new();
    let mut n = 0;
    for b in text.bytes() {
        let v = DIGITS
            .iter()
            .position(|&d| d == b)
            .expect("a base-64 digit") as u64;
        n = n << 5 | (v & 31);
        if v < 32 {
            numbers.push(n);
            n = 0;
        }
    }
    let mut out = Vec::new();
    let mut rest = numbers.into_iter();
    while let (Some(weight), Some(len)) = (rest.next(), rest.next()) {
        let mut doc = 0;
        for _ in 0..len {
            doc += rest.next().expect("a doc number");
            out.push((doc, weight));
        }
    }
    out
}

impl<'a> Index<'a> {
    fn open(site: &'a TestSite) -> Index<'a> {
        Index::of_language(site, "")
    }

    fn of_language(site: &'a TestSite, home: &'a str) -> Index<'a> {
        let meta = serde_json::from_str(&site.read(&format!("{home}search/meta.json")))
            .expect("meta.json");
        let chunks = common::search_chunks(&site.output().join(home));
        Index {
            site,
            home,
            meta,
            chunks,
        }
    }

    /// Bytes `range` of the file at `path` (`search/...`), as text.
    fn text(&self, path: &str, range: std::ops::Range<usize>) -> String {
        let path = self.site.output().join(self.home).join(path);
        let bytes = std::fs::read(&path).expect("a pack");
        String::from_utf8(bytes[range].to_vec()).expect("UTF-8")
    }

    /// Every posting of `term`, its head and all its tail pieces.
    fn postings(&self, term: &str) -> Vec<(u64, u64)> {
        let (pack, range) = common::search_shard(&self.meta.to_string(), term);
        let shard: Value = serde_json::from_str(&self.text(&pack, range)).expect("a shard");
        match &shard[term] {
            Value::Null => Vec::new(),
            Value::String(head) => decode(head),
            Value::Array(entry) => {
                let mut all = decode(entry[0].as_str().unwrap());
                let count = entry[1].as_u64().unwrap();
                let mut start = entry[2].as_u64().unwrap();
                for len in entry[3..].iter().map(|l| l.as_u64().unwrap()) {
                    let (pack, range) = common::search_piece(&self.meta, "x", start, start + len);
                    all.extend(decode(&self.text(&pack, range)));
                    start += len;
                }
                assert_eq!(all.len() as u64, count, "{term}: postings and count");
                all
            }
            other => panic!("{term}: {other}"),
        }
    }

    fn doc(&self, id: u64) -> Doc {
        let per_chunk = self.meta["chunk"].as_u64().unwrap();
        let chunk = &self.chunks[(id / per_chunk) as usize];
        let row = &chunk["d"][(id % per_chunk) as usize];
        let (title, kind) = (row[1].as_str().unwrap(), row[3].as_str().unwrap());
        Doc {
            title: title.to_string(),
            url: common::search_doc_url(chunk, row),
            kind: kind.to_string(),
            text: row[4].as_str().unwrap().to_string(),
        }
    }

    /// The documents `term` finds, best first.
    fn find(&self, term: &str) -> Vec<Doc> {
        self.postings(term)
            .into_iter()
            .map(|(id, _)| self.doc(id))
            .collect()
    }

    /// The URLs of the documents `term` finds, best first.
    fn urls(&self, term: &str) -> Vec<String> {
        self.find(term).into_iter().map(|d| d.url).collect()
    }
}

const HOME: &str = "---
title: Interview notes
---
Notes for backend interviews, kept by the platypus club.

## FAQ {.faq}

### What is the N+1 query problem?

One query for a list, then one more per row.
";

const SYMBOLS: &str = "---
title: Symbols
---
## Languages

C++ templates, C# records and .NET assemblies; Django's select_related
and Python's `__init__`. Sorting costs O(n log n).

## Generators

Generators yield values lazily.

## Indexing

Indexing a column speeds up lookups.
";

/// A home page with an FAQ and a guide of symbols and word forms, built.
fn symbols_site() -> TestSite {
    let site = TestSite::new(&[
        ("content/_index.md", HOME),
        ("content/code/symbols.md", SYMBOLS),
    ]);
    site.build_ok();
    site
}

#[test]
fn terms_keep_their_symbols_and_lead_to_their_heading() {
    let site = symbols_site();
    let index = Index::open(&site);
    let faq = Doc {
        title: "What is the N+1 query problem?".into(),
        url: "#what-is-the-n1-query-problem".into(),
        // The home page's FAQ is an FAQ as a guide's is.
        kind: "faq".into(),
        text: "One query for a list, then one more per row.".into(),
    };
    assert_eq!(index.find("n+1"), [faq], "the home page's FAQ, by N+1");
    assert!(
        site.read("index.html")
            .contains("<details id=\"what-is-the-n1-query-problem\">"),
        "where it leads"
    );
    for term in [
        "c++",
        "c#",
        ".net",
        "select_related",
        "__init__",
        "o(nlogn)",
    ] {
        assert_eq!(
            index.urls(term),
            ["code/symbols/#languages"],
            "{term} as typed"
        );
    }
    // Compounds are found by their (stemmed) parts too; a lone "c" is no term.
    assert_eq!(index.urls("relat"), ["code/symbols/#languages"]);
    assert!(index.postings("c").is_empty());
}

#[test]
fn english_words_are_found_by_their_stems_and_short_words_are_listed() {
    let site = symbols_site();
    let index = Index::open(&site);
    assert_eq!(index.meta["stemmer"], "english");
    // "generators" and "generator" are one term, as are "indexing" and "index".
    assert_eq!(index.urls("generat"), ["code/symbols/#generators"]);
    assert_eq!(index.urls("index"), ["code/symbols/#indexing"]);
    assert!(index.postings("generators").is_empty());
    // The home page's own text is found, on the home page.
    let home = index.find("platypus");
    assert_eq!((home[0].url.as_str(), home[0].kind.as_str()), ("", "page"));
    // Two-character terms are listed, so the browser looks up only those.
    let short: Vec<&str> = index.meta["short"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(short, ["c#", "up"]);
}

#[test]
fn a_language_without_a_stemmer_keeps_words_as_written() {
    let site = TestSite::new(&[
        ("site.toml", "title = \"Notizen\"\nlanguage = \"de\"\n"),
        ("content/code/symbols.md", SYMBOLS),
    ]);
    site.build_ok();
    let index = Index::open(&site);
    assert_eq!(index.meta["stemmer"], Value::Null);
    assert_eq!(index.urls("generators"), ["code/symbols/#generators"]);
    assert!(index.postings("generat").is_empty());
    // Nor are English stop words dropped: "die" or "an" are words there.
    assert_eq!(index.urls("and"), ["code/symbols/#languages"]);
}

/// A French page of a site in English and French.
const GENERATORS_FR: &str = "---
title: Les générateurs
---
Les générateurs produisent leurs valeurs à la demande, l'une après l'autre.

## Itération

Un générateur s'arrête quand l'itération est terminée.
";

#[test]
fn french_words_are_found_by_their_french_stems() {
    let site = TestSite::new(&[
        (
            "site.toml",
            "title = \"Notes\"\nlanguage = \"en\"\n[languages.en]\n[languages.fr]\n",
        ),
        ("content/python/generators.md", SYMBOLS),
        ("content/python/generators.fr.md", GENERATORS_FR),
    ]);
    site.build_ok();
    let index = Index::of_language(&site, "fr/");
    assert_eq!(index.meta["stemmer"], "french");
    // "générateurs" and "générateur" are both "géner", the term the browser
    // makes of either (src/search/agreement.rs checks they agree).
    let generator = index.urls("géner");
    assert_eq!(generator[0], "python/generators/", "the title first");
    assert!(generator.contains(&"python/generators/#itération".to_string()));
    assert!(index.postings("générateurs").is_empty());
    // "l'itération" is "iter" (the apostrophe ends "l", too short to be
    // a term); French stop words are not indexed.
    assert_eq!(index.urls("iter"), ["python/generators/#itération"]);
    for stop in ["les", "la", "un", "est"] {
        assert!(index.postings(stop).is_empty(), "{stop}");
    }
    assert!(
        !index.postings("demand").is_empty(),
        "the words around them are"
    );
    // The English index stems English words, and knows no French.
    let english = Index::open(&site);
    assert_eq!(english.meta["stemmer"], "english");
    assert!(english.postings("géner").is_empty());
}

#[test]
fn questions_and_faq_of_section_pages_are_found_on_them() {
    let section = "---
title: Databases
---
Everything about storage.

### Q: What does an index cost?

Writes get slower.

## FAQ {.faq}

### Which database first?

Start with PostgreSQL.
";
    let site = TestSite::new(&[
        ("content/db/_index.md", section),
        (
            "content/db/joins.md",
            "---\ntitle: Joins\n---\n### Q: What is a join?\n\nRows of two tables.\n\n## FAQ {.faq}\n\n### Are joins slow?\n\nNot with indexes.\n",
        ),
    ]);
    site.build_ok();
    let index = Index::open(&site);
    let question = &index.find("cost")[0];
    assert_eq!(
        (question.url.as_str(), question.kind.as_str()),
        ("db/#q-what-does-an-index-cost", "question")
    );
    let section_faq = &index.find("postgresql")[0];
    assert_eq!(
        (section_faq.url.as_str(), section_faq.kind.as_str()),
        ("db/#which-database-first", "faq")
    );
    // Where they lead: the section page's question card and FAQ entry.
    let page = site.read("db/index.html");
    assert!(page.contains("<h3 id=\"q-what-does-an-index-cost\">"));
    assert!(page.contains("<details id=\"which-database-first\">"));
    let guide_faq = &index.find("slow")[0];
    assert_eq!(
        (guide_faq.url.as_str(), guide_faq.kind.as_str()),
        ("db/joins/#are-joins-slow", "faq")
    );
    // The site-wide study pages are found by name, once they show something.
    let faq = index.find("faq");
    assert_eq!(
        (faq[0].url.as_str(), faq[0].kind.as_str()),
        ("faq/", "page")
    );
    assert_eq!(index.urls("flashcard"), ["flashcards/"]);
    assert!(index.postings("practic").is_empty(), "no practice sets");
}

#[test]
fn excerpts_hold_the_text_around_a_late_match_and_stop_at_a_word() {
    let filler = "Some words about tables and rows. ".repeat(7);
    let long = "A long section goes on and on. ".repeat(60);
    let guide = format!(
        "---\ntitle: Long\n---\n## Late\n\n{filler}Then the word wombat.\n\n## Endless\n\n{long}\n"
    );
    let site = TestSite::new(&[("content/long.md", &guide)]);
    site.build_ok();
    let index = Index::open(&site);
    let late = &index.find("wombat")[0];
    assert!(
        filler.len() > 200 && late.text.ends_with("Then the word wombat."),
        "{}",
        late.text
    );
    let endless = &index.find("endless")[0];
    let kept = endless
        .text
        .strip_suffix('…')
        .expect("a cut text ends in …");
    assert!(
        long.starts_with(kept) && long[kept.len()..].starts_with(' '),
        "cut at a word: {kept}"
    );
    assert!(
        (250..=300).contains(&kept.chars().count()),
        "{} characters",
        kept.len()
    );
}

#[test]
fn large_sites_get_small_files() {
    // 120 guides of 12 sections share their words: common terms keep their
    // best postings in their shard and the rest in pieces.
    let body: String = (0..12)
        .map(|n| {
            let title = if n == 0 { "Caching first" } else { "Part" };
            format!("## {title} {n}\n\nCaching and replication under load, part {n}.\n\n")
        })
        .collect();
    let guides: Vec<(String, String)> = (0..120)
        .map(|g| {
            let text = format!("---\ntitle: Guide {g} on consistency\n---\n{body}");
            (format!("content/s{}/g{g}.md", g % 4), text)
        })
        .collect();
    let files: Vec<(&str, &str)> = guides
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = TestSite::new(&files);
    site.build_ok();
    let index = Index::open(&site);
    let all = index.postings("cach");
    assert_eq!(all.len(), 120 * 12, "every section, once");
    assert_eq!(all[0].1, 6 + 1, "title and body");
    assert!(
        all.windows(2).all(|w| w[0].1 >= w[1].1),
        "best first across head and pieces"
    );
    // Pieces stay small, so a query reads little; packs keep the files few.
    let meta = &index.meta;
    let shards = meta["shards"].as_array().unwrap();
    let largest_shard = shards.iter().map(|s| s[1].as_u64().unwrap()).max();
    assert!(largest_shard < Some(10_000), "shards: {largest_shard:?}");
    let pieces = common::search_shard(&meta.to_string(), "cach");
    let (pack, range) = pieces;
    let shard: Value =
        serde_json::from_slice(&std::fs::read(site.output().join(pack)).unwrap()[range]).unwrap();
    let lengths = &shard["cach"].as_array().expect("a common term")[3..];
    assert!(lengths.len() > 1, "{lengths:?}");
    assert!(
        lengths.iter().all(|l| l.as_u64() < Some(4_000)),
        "{lengths:?}"
    );
    let largest_chunk = index.chunks.iter().map(|c| c.to_string().len()).max();
    assert!(largest_chunk < Some(2_600), "chunks: {largest_chunk:?}");
    let files = walkdir::WalkDir::new(site.output().join("search"))
        .into_iter()
        .filter(|e| e.as_ref().unwrap().file_type().is_file())
        .count();
    assert_eq!(files, 5, "meta.json, o.bin and a pack of each kind");
}
