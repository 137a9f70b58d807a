//! The browser's words must be the build's: `search.js` is run under node
//! (when node is there) on the repository's own Markdown and on thousands
//! of made-up word forms, in each language it stems, and any term that
//! differs fails the test.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use super::terms::tokens;
use super::Stemming;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Words the English stemmer's rules turn on, beyond what the texts hold.
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

/// French words the stemmer's rules turn on: the prelude's marked u, i
/// and y, the regions' exceptions (par-, col-, tap-), each step's
/// conditions, undoubling and unaccenting.
const TRICKY_FRENCH: &str = "qui quelque quand aiguë ambiguë ciguë ouïe naïf naïve noël \
    paye payer payons yeux ayant ayons croyez fuyant jouer joueur louer ennuyeux cuir \
    parité parer colonnes coller tapis taper œuvre évident évidemment constamment \
    rapidement vraiment gaiement nationaux chevaux bateaux tuyaux heureusement heureuse \
    dangereuse précieuse dédicace informatique pratiquement automatiquement généralement \
    activité capacité possibilité probabilité authenticité explicitement relativement \
    créatives abusif abusives décisive intensivement premières dernière entièrement \
    ouvrier ouvrières garçon reçu commençons français façade nation questions décision \
    attention impression passion mission canne ancienne bonne nette belle pareille \
    appelle fille élève élèves mère pièce répété aimé aimée aimées aimer finir finissons \
    finissaient grandissement agrandissement accomplissement établissements bénit bâtir \
    étions avions chantions chantâmes chantât mangeaient levèrent auraient pays paysan \
    envoyer essayer yaourt abaissement abaissements amusement amusements agréablement \
    aisément assidûment gentiment goulûment intensément immensément notamment prudemment \
    violemment ardemment fréquemment savamment puissamment issue issues tissu essai \
    équation équations indicatif indicatives communicatif applicatrice duplicateur \
    lisibilité possibilités sociologie sociologies résolution résolutions allusion \
    conclusions différence différences prudence élégance tolérance capitaliste \
    capitalisme pittoresque dynamiques heureux coûteux joyeuses malheureuse \
    berceuse aux eaux eux ieux ièrement régulièrement ionique tension réunion union \
    chemin chemins ours os as is us ès ée ées és ez iez ons ions";

/// Words on the edge of what a stemmer takes: letters of other alphabets,
/// capitals whose lower case is not one letter, digits, elisions.
const EDGES: &str = "Les générateurs de l'index, d'une table, qu'un œuf ; the x86 \
    Straße ŒUVRE ÇA ñandú İstanbul Ærø l’été naïveté 2ème Ÿ ǅ ﬁn ᾈ";

fn collect_words(dir: &Path, french: bool, words: &mut BTreeSet<String>, texts: &mut Vec<String>) {
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        let path = entry.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name.ends_with(".md") && name.ends_with(".fr.md") == french {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let stemming = if french {
                Stemming::French
            } else {
                Stemming::English
            };
            let letter = |c: char| stemming.stems(c.encode_utf8(&mut [0; 4]));
            let lower = text.to_lowercase();
            for w in lower.split(|c: char| !letter(c)) {
                if w.chars().nth(1).is_some() {
                    words.insert(w.to_string());
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
        .current_dir(ROOT)
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

/// Loads the browser's words (`w`) with every stemmer, and reads standard
/// input into `input`.
const LOAD: &str = "const dir = process.cwd() + '/themes/default/static/';\
     const w = require(dir + 'search.js'); w.stemmers.french = require(dir + 'stemmer-french.js');\
     let input = ''; process.stdin.setEncoding('utf8'); process.stdin.on('data', d => input += d); process.stdin.on('end', () => {";

/// The words of the repository's Markdown in one language (`.fr.md` files
/// for French, the others for English), each also with `suffixes`, and
/// the texts.
fn words_and_texts(french: bool, suffixes: &[&str]) -> (BTreeSet<String>, Vec<String>) {
    let mut words = BTreeSet::new();
    let mut texts = Vec::new();
    for dir in ["content", "docs", "tests/fixtures", "src/skeleton"] {
        collect_words(&Path::new(ROOT).join(dir), french, &mut words, &mut texts);
    }
    let bases: Vec<String> = words.iter().cloned().collect();
    for base in &bases {
        for suffix in suffixes {
            words.insert(format!("{base}{suffix}"));
        }
    }
    (words, texts)
}

/// Compares the browser's stems of `words` with the build's, and the
/// browser's stop words with the build's; `false` without node.
fn stems_agree(stemming: Stemming, words: &BTreeSet<String>) -> bool {
    let name = stemming.name().expect("a stemmer");
    let input: Vec<&str> = words.iter().map(String::as_str).collect();
    let script = format!(
        "{LOAD} console.log(input.split('\\n').map(x => w.stemmers.{name}.stem(x)).join('\\n')); }});"
    );
    let Some(out) = node(&script, &input.join("\n")) else {
        return false;
    };
    let build = |w: &str| stemming.stem(w.into()).into_owned();
    let differ: Vec<String> = input
        .iter()
        .zip(out.lines())
        .filter(|(w, js)| build(w) != *js)
        .map(|(w, js)| format!("{w}: build {} browser {js}", build(w)))
        .collect();
    assert_eq!(out.lines().count(), input.len());
    assert!(
        differ.is_empty(),
        "{name}: {} of {} differ: {:?}",
        differ.len(),
        input.len(),
        &differ[..differ.len().min(30)]
    );
    let script = format!("{LOAD} console.log(w.stemmers.{name}.stop.trim()); }});");
    let out = node(&script, "").expect("node ran above");
    assert_eq!(
        out.trim(),
        stemming.stop_words().join(" "),
        "{name} stop words"
    );
    true
}

/// The texts' terms, symbols and all, come out the same in the browser.
fn terms_agree(texts: &[String], stemming: Stemming) {
    let input = serde_json::to_string(&texts).expect("JSON");
    let name = serde_json::to_string(&stemming.name()).expect("JSON");
    let script = format!(
        "{LOAD} console.log(JSON.stringify(JSON.parse(input).map(t => w.terms(t, {name})))); }});"
    );
    let out = node(&script, &input).expect("node ran above");
    let browser: Vec<Vec<String>> = serde_json::from_str(&out).expect("JSON from node");
    for (text, js) in texts.iter().zip(&browser) {
        let build: Vec<String> = tokens(text, stemming).map(String::from).collect();
        if &build != js {
            let at = build.iter().zip(js).position(|(a, b)| a != b).unwrap_or(0);
            panic!(
                "{name}: terms differ at {at}: build {:?}, browser {:?}",
                &build[at..build.len().min(at + 5)],
                &js[at..js.len().min(at + 5)]
            );
        }
    }
}

#[test]
fn the_browser_stems_every_english_word_as_the_build_does() {
    let (mut words, texts) = words_and_texts(
        false,
        &[
            "s", "es", "ed", "ing", "ly", "ness", "ation", "ational", "izer", "ful", "ment", "ies",
            "ied", "y", "er", "est", "ism", "ive", "ize", "able", "al", "ence", "ous", "edly",
            "ingly", "li", "alli", "iviti",
        ],
    );
    words.extend(TRICKY.iter().map(|w| w.to_string()));
    let texts = [&texts[..], &[EDGES.to_string()]].concat();
    assert!(words.len() > 20_000, "{} words", words.len());
    if stems_agree(Stemming::English, &words) {
        terms_agree(&texts, Stemming::English);
        terms_agree(&texts, Stemming::None);
    }
}

#[test]
fn the_browser_stems_every_french_word_as_the_build_does() {
    let (mut words, texts) = words_and_texts(
        true,
        &[
            "s",
            "e",
            "es",
            "er",
            "é",
            "ée",
            "ées",
            "és",
            "ez",
            "iez",
            "ons",
            "ions",
            "ais",
            "ait",
            "aient",
            "ant",
            "ante",
            "ants",
            "ement",
            "ements",
            "ment",
            "issement",
            "issant",
            "ir",
            "ira",
            "irent",
            "issons",
            "ité",
            "ités",
            "ation",
            "ations",
            "ateur",
            "atrice",
            "ique",
            "iques",
            "isme",
            "iste",
            "eux",
            "euse",
            "euses",
            "aux",
            "eaux",
            "able",
            "if",
            "ive",
            "ives",
            "ier",
            "ière",
            "ières",
            "logie",
            "ence",
            "ance",
            "ution",
            "usion",
            "amment",
            "emment",
            "èrent",
            "âmes",
            "îmes",
            "ât",
            "ît",
            "assiez",
            "eraient",
            "erions",
            "ion",
            "guë",
            "enne",
            "onne",
            "ette",
            "elle",
            "eille",
            "ivement",
            "ativement",
            "icité",
            "abilité",
            "icatrice",
            "eusement",
            "ièrement",
            "iquement",
        ],
    );
    // The texts' words without their last letters too ("jointur" + "ement").
    let bases: Vec<String> = words_and_texts(true, &[]).0.into_iter().collect();
    for base in bases {
        for cut in 1..=2 {
            let Some((at, _)) = base.char_indices().rev().nth(cut - 1) else {
                continue;
            };
            for suffix in [
                "e", "er", "ement", "ité", "ation", "ive", "euse", "ions", "aient",
            ] {
                words.insert(format!("{}{suffix}", &base[..at]));
            }
        }
    }
    words.extend(TRICKY_FRENCH.split_whitespace().map(str::to_string));
    let texts = [&texts[..], &[EDGES.to_string()]].concat();
    assert!(words.len() > 20_000, "{} words", words.len());
    if stems_agree(Stemming::French, &words) {
        terms_agree(&texts, Stemming::French);
    }
}
