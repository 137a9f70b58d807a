//! The browser's words must be the build's: `search.js` is run under node
//! (when node is there) on the repository's own Markdown and on thousands
//! of made-up word forms, and any term that differs fails the test.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use super::terms::{tokens, Stemming};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Words the stemmer's rules turn on, beyond what the texts hold.
const TRICKY: &[&str] = &[
    "skis",
    "skies",
    "dying",
    "lying",
    "tying",
    "idly",
    "gently",
    "ugly",
    "early",
    "only",
    "singly",
    "sky",
    "news",
    "howe",
    "atlas",
    "cosmos",
    "bias",
    "andes",
    "inning",
    "innings",
    "outing",
    "canning",
    "herring",
    "earring",
    "proceed",
    "exceed",
    "succeed",
    "proceeding",
    "generate",
    "generously",
    "communism",
    "arsenal",
    "arsenic",
    "yay",
    "youth",
    "sayyid",
    "yelling",
    "cry",
    "by",
    "say",
    "syzygy",
    "agreed",
    "feed",
    "bleed",
    "hopping",
    "hoping",
    "filing",
    "filling",
    "luxuriating",
    "abatement",
    "ied",
    "ies",
    "ties",
    "cries",
    "gas",
    "gaps",
    "kiwis",
    "us",
    "ss",
    "sses",
    "caresses",
    "ponies",
    "ti",
    "tis",
    "dr",
    "ow",
    "we",
    "ye",
    "eye",
    "eyes",
    "aye",
    "ayes",
    "controll",
    "roll",
    "rolled",
    "fizzed",
    "fizzing",
    "hissing",
    "tapping",
    "trolling",
    "axing",
    "fixing",
    "bowing",
    "hyping",
    "happily",
    "logically",
    "biologist",
    "analogy",
    "fulli",
    "hopefully",
    "lessly",
    "relational",
    "conditional",
    "rational",
    "valenci",
    "hesitanci",
    "digitizer",
    "conformabli",
    "radicalli",
    "differentli",
    "vileli",
    "analogousli",
    "vietnamization",
    "predication",
    "operator",
    "feudalism",
    "decisiveness",
    "hopefulness",
    "callousness",
    "formaliti",
    "sensitiviti",
    "sensibiliti",
    "triplicate",
    "formative",
    "formalize",
    "electriciti",
    "electrical",
    "hopeful",
    "goodness",
    "revival",
    "allowance",
    "inference",
    "airliner",
    "gyroscopic",
    "adjustable",
    "defensible",
    "irritant",
    "replacement",
    "adjustment",
    "dependent",
    "adoption",
    "homologou",
    "communism",
    "activate",
    "angulariti",
    "homologous",
    "effective",
    "bowdlerize",
    "probate",
    "rate",
    "cease",
    "controlling",
];

fn collect_words(dir: &Path, words: &mut BTreeSet<String>, texts: &mut Vec<String>) {
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            for w in text.split(|c: char| !c.is_ascii_alphabetic()) {
                if w.len() > 1 {
                    words.insert(w.to_ascii_lowercase());
                }
            }
            texts.push(text);
        }
    }
}

/// Runs `script` under node with `input` on standard input; `None`
/// without node.
fn node(script: &str, input: &str) -> Option<String> {
    let child = Command::new("node")
        .arg("-e")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn();
    let Ok(mut child) = child else {
        assert!(
            std::env::var("SYLLABUS_BROWSER").map_or(true, |v| v != "required"),
            "node is required"
        );
        eprintln!("node not found: the browser's stemmer is not compared");
        return None;
    };
    let mut stdin = child.stdin.take().expect("piped");
    stdin.write_all(input.as_bytes()).expect("write to node");
    drop(stdin);
    let out = child.wait_with_output().expect("node runs");
    assert!(out.status.success(), "node failed");
    Some(String::from_utf8(out.stdout).expect("UTF-8"))
}

const LOAD: &str = "const w = require(process.cwd() + '/themes/default/static/search.js');\
     let input = ''; process.stdin.on('data', d => input += d); process.stdin.on('end', () => {";

#[test]
fn the_browser_stems_every_word_as_the_build_does() {
    let mut words = BTreeSet::new();
    let mut texts = Vec::new();
    for dir in ["content", "docs", "tests/fixtures", "src/skeleton"] {
        collect_words(&Path::new(ROOT).join(dir), &mut words, &mut texts);
    }
    let bases: Vec<String> = words.iter().cloned().collect();
    for base in &bases {
        for suffix in [
            "s", "es", "ed", "ing", "ly", "ness", "ation", "ational", "izer", "ful", "ment", "ies",
            "ied", "y", "er", "est", "ism", "ive", "ize", "able", "al", "ence", "ous", "edly",
            "ingly", "li", "alli", "iviti",
        ] {
            words.insert(format!("{base}{suffix}"));
        }
    }
    words.extend(TRICKY.iter().map(|w| w.to_string()));
    assert!(words.len() > 20_000, "{} words", words.len());
    let input: Vec<&str> = words.iter().map(String::as_str).collect();
    let script =
        format!("{LOAD} console.log(input.split('\\n').map(x => w.stem(x)).join('\\n')); }});");
    std::env::set_current_dir(ROOT).expect("cd");
    let Some(out) = node(&script, &input.join("\n")) else {
        return;
    };
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let differ: Vec<String> = input
        .iter()
        .zip(out.lines())
        .filter(|(w, js)| stemmer.stem(w) != *js)
        .map(|(w, js)| format!("{w}: build {} browser {js}", stemmer.stem(w)))
        .collect();
    assert_eq!(out.lines().count(), input.len());
    assert!(
        differ.is_empty(),
        "{} differ: {:?}",
        differ.len(),
        &differ[..differ.len().min(30)]
    );

    // The texts' terms, symbols and all, come out the same too.
    let input = serde_json::to_string(&texts).expect("JSON");
    let script = format!(
        "{LOAD} console.log(JSON.stringify(JSON.parse(input).map(t => w.terms(t, 'english')))); }});"
    );
    let out = node(&script, &input).expect("node ran above");
    let browser: Vec<Vec<String>> = serde_json::from_str(&out).expect("JSON from node");
    for (text, js) in texts.iter().zip(&browser) {
        let build: Vec<String> = tokens(text, Stemming::English).map(String::from).collect();
        if &build != js {
            let at = build.iter().zip(js).position(|(a, b)| a != b).unwrap_or(0);
            panic!(
                "terms differ at {at}: build {:?}, browser {:?}",
                &build[at..build.len().min(at + 5)],
                &js[at..js.len().min(at + 5)]
            );
        }
    }
}
