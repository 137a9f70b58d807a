//! End-to-end build benchmark: generates a synthetic study-guide site and times
//! the release `syllabus` binary on it (and optionally Hugo on the same corpus).
//!
//!     cargo bench --bench build -- [--shape SHAPE] [--guides N] [--mb N] [--runs N]
//!                                  [--keep DIR] [--hugo]
//!
//! Shapes: `sections` (the default: 1,000 guides, 50 a section),
//! `one-section` (10,000 guides in a single section) and `big-page` (one
//! guide of 20 MB). `--guides` and `--mb` change the size of the shape;
//! `--runs` the number of timed builds (3).
//!
//! `harness = false` keeps it on stable with no bench framework; the corpus
//! comes from a seeded PRNG so every run measures the same input. `--keep DIR`
//! leaves the sources and each site's last build in DIR/{syllabus,hugo,one-guide}.
//! Give the disk a few minutes after a big delete (such as the previous run's
//! temp folder) before trusting the numbers: see `series`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PER_SECTION: usize = 50;

/// How the corpus is laid out.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// `PER_SECTION` guides a section: a typical site.
    Sections,
    /// Every guide in one section: nothing a guide page lists may grow
    /// with the section, or the output grows with its square.
    OneSection,
    /// A single huge guide: Markdown must take time linear in its size.
    BigPage,
}

// Word pools, one line each so rustfmt doesn't stretch them over pages.
#[rustfmt::skip]
mod pools {
    pub const LANGS: [&str; 10] = ["python", "javascript", "typescript", "rust", "go", "sql", "bash", "json", "yaml", "java"];
    pub const NOUNS: &[&str] = &["cache", "queue", "worker", "index", "request", "response", "session", "token", "schema", "migration", "transaction", "cursor", "buffer", "thread", "handler", "router", "template", "query", "table", "column", "record", "payload", "header", "cookie", "service", "client", "server", "connection", "pool", "lock", "snapshot", "replica", "partition", "shard", "batch", "stream", "event", "message", "callback", "closure", "iterator", "generator", "decorator", "module", "dependency", "container", "endpoint", "middleware", "serializer", "validator", "scheduler", "retry", "timeout", "deadline", "signal", "counter", "metric", "trace"];
    pub const VERBS: &[&str] = &["cache", "validate", "serialize", "parse", "fetch", "retry", "lock", "release", "flush", "commit", "resolve", "schedule", "index", "compress", "encode", "decode", "merge", "split", "sort", "filter", "batch", "wrap", "rewrite", "replay", "refresh", "evict", "prefetch", "stream", "buffer", "reject", "accept", "forward", "route", "register", "discard", "inspect", "measure", "update", "delete", "insert", "copy", "clone", "load", "store", "map", "reduce"];
    pub const ADJS: &[&str] = &["stale", "fresh", "lazy", "eager", "immutable", "mutable", "shared", "private", "public", "nested", "flat", "sorted", "partial", "complete", "idempotent", "atomic", "durable", "volatile", "read-only", "write-heavy", "concurrent", "sequential", "blocking", "non-blocking", "cold", "warm", "hot", "expensive", "cheap", "narrow", "wide", "implicit", "explicit", "optional", "required", "default", "custom", "generic", "typed", "untyped"];
    pub const ADVS: &[&str] = &["quickly", "lazily", "eagerly", "safely", "silently", "explicitly", "implicitly", "usually", "rarely", "often", "always", "carefully", "twice", "once", "early", "late", "correctly", "atomically"];
    pub const OPENERS: &[&str] = &["In practice,", "As a rule,", "Under load,", "By default,", "In most codebases,", "During a code review,", "On a busy server,", "Sooner or later,", "For that reason,", "In an interview,"];
    pub const CONNS: &[&str] = &["because", "so", "while", "although", "until", "unless", "whenever", "after"];
    pub const TAGS: &[&str] = &["python", "django", "sql", "http", "rest", "graphql", "caching", "queues", "testing", "security", "auth", "performance", "concurrency", "async", "databases", "indexes", "transactions", "orm", "templates", "generators", "decorators", "networking", "tls", "dns", "docker", "kubernetes", "ci", "git", "linux", "observability", "logging", "metrics", "design", "algorithms", "data-structures", "javascript", "typescript", "rust", "go", "java"];
    pub const CALLOUTS: &[&str] = &["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"];
}
use pools::*;

/// xorshift64*, seeded through splitmix64 so guides `g` and `g + 1` get unrelated streams.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
}

// ------------------------------------------------------------------ prose

fn cap(s: &str) -> String {
    s[..1].to_uppercase() + &s[1..]
}
fn art(w: &str) -> &'static str {
    ["a", "an"][w.starts_with(['a', 'e', 'i', 'o', 'u']) as usize]
}
fn a(w: &str) -> String {
    format!("{} {w}", art(w))
}
/// Plural nouns and third-person verbs follow the same spelling rules for these pools.
fn s(w: &str) -> String {
    let b = w.as_bytes();
    match b[b.len() - 1] {
        b'y' if !b"aeou".contains(&b[b.len() - 2]) => format!("{}ies", &w[..w.len() - 1]),
        b's' | b'x' | b'h' => format!("{w}es"),
        _ => format!("{w}s"),
    }
}
fn ident(r: &mut Rng) -> String {
    format!("{}_{}", r.pick(VERBS), r.pick(NOUNS))
}
fn camel(r: &mut Rng) -> String {
    format!("{}{}", r.pick(VERBS), cap(r.pick(NOUNS)))
}

/// GitHub's slug rules: lower-case, drop punctuation but `-`/`_`, spaces to `-`.
fn slug(text: &str) -> String {
    let keep = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    text.chars()
        .filter_map(|c| {
            (c == ' ')
                .then_some('-')
                .or(keep(c).then(|| c.to_ascii_lowercase()))
        })
        .collect()
}

fn sentence(r: &mut Rng) -> String {
    let (n1, n2, n3) = (r.pick(NOUNS), r.pick(NOUNS), r.pick(NOUNS));
    let (adj, adv, v1, v2) = (r.pick(ADJS), r.pick(ADVS), r.pick(VERBS), r.pick(VERBS));
    let (v1s, v2s) = (s(v1), s(v2));
    #[rustfmt::skip]
    let text = match r.below(8) {
        0 => format!("the {adj} {n1} {v1s} the {n2}."),
        1 => format!("{} the {n1} {v1s} {} {n2} {} the {n3} {v2s} {adv}.", r.pick(OPENERS), a(adj), r.pick(CONNS)),
        2 => format!("{} that {v1s} `{}` {v2s} the {adj} {n2} {adv}.", a(n1), ident(r)),
        3 => format!("when the {n1} {v1s} the {n2}, the {adj} {n3} has to {v2} it {adv}; otherwise it runs {} times.", r.range(2, 64)),
        4 => format!("it is tempting to {v1} every {n1}, but {} **{adj} {n2}** {v2s} only what the {n3} needs.", art(adj)),
        5 => format!("measure first: {} that {v1s} {} {} per second can still {v2} the {adj} {n3}.", a(n1), r.range(10, 9000), s(n2)),
        6 => format!("*{}* {} {v1} {adv}, {} {} ones {v2} the {n3} instead.", cap(adj), s(n1), r.pick(CONNS), r.pick(ADJS)),
        _ => format!("compare `{}({})` with `{}()`: the first {v1s} the {n1}, the second {v2s} {} {n2}.", ident(r), r.range(0, 99), camel(r), a(adj)),
    };
    cap(&text)
}

fn para(r: &mut Rng, lo: usize, hi: usize) -> String {
    let n = r.range(lo, hi);
    (0..n).map(|_| sentence(r)).collect::<Vec<_>>().join(" ")
}

/// Wraps at ~76 columns like hand-written Markdown; `prefix` quotes or indents.
fn wrap(text: &str, prefix: &str) -> String {
    let (mut out, mut col) = (String::from(prefix), 0);
    for w in text.split(' ') {
        if col > 0 && col + w.len() > 76 {
            out = out + "\n" + prefix;
            col = 0;
        } else if col > 0 {
            out.push(' ');
        }
        out.push_str(w);
        col += w.len() + 1;
    }
    out + "\n"
}

// ------------------------------------------------------------------- code

/// A brace language as line templates, `{v}`-style holes filled by `fill`.
struct Syn {
    pre: &'static [&'static str],
    head: &'static str,
    set: &'static str,
    upd: &'static str,
    cond: &'static str,
    each: &'static str,
    log: &'static str,
    ret: &'static str,
    close: &'static str,
    ind: &'static str,
}

#[rustfmt::skip]
const JS: Syn = Syn { pre: &[], head: "function {f}({a}, {b} = {n}) {", set: "let {v} = {e};", upd: "{v} += {x} * {n};", cond: "if ({v} > {n}) {", each: "for (let {x} = 0; {x} < {v}; {x}++) {", log: "console.log(\"{s}:\", {v});", ret: "return {v};", close: "}", ind: "  " };

#[rustfmt::skip]
fn syn(lang: &str) -> Syn {
    match lang {
        "python" => Syn { pre: &["import logging", ""], head: "def {f}({a}, {b}={n}):", set: "{v} = {e}", upd: "{v} += {x} * {n}", cond: "if {v} > {n}:", each: "for {x} in range({v}):", log: "logging.info(f\"{s}: {{v}}\")", ret: "return {v}", close: "", ind: "    " },
        "typescript" => Syn { pre: &["import { strict as assert } from \"node:assert\";", ""], head: "export function {f}({a}: number, {b} = {n}): number {", set: "let {v}: number = {e};", log: "console.debug(`{s}: ${{v}}`);", ..JS },
        "rust" => Syn { pre: &["use std::collections::HashMap;", ""], head: "pub fn {f}(mut {a}: u64, mut {b}: u64) -> u64 {", set: "let mut {v} = {e};", cond: "if {v} > {n} {", each: "for {x} in 0..{v} {", log: "println!(\"{s}: {}\", {v});", ret: "{v}", ind: "    ", ..JS },
        "go" => Syn { pre: &["package main", "", "import \"fmt\"", ""], head: "func {f}({a}, {b} int) int {", set: "{v} := {e}", upd: "{v} += {x} * {n}", cond: "if {v} > {n} {", each: "for {x} := 0; {x} < {v}; {x}++ {", log: "fmt.Printf(\"{s}: %d\\n\", {v})", ret: "return {v}", ind: "\t", ..JS },
        "java" => Syn { pre: &["public final class {P} {"], head: "    static long {f}(long {a}, long {b}) {", set: "long {v} = {e};", each: "for (long {x} = 0; {x} < {v}; {x}++) {", log: "System.out.println(\"{s}: \" + {v});", ind: "    ", ..JS },
        _ => JS,
    }
}

fn fill(t: &str, kv: &[(&str, &str)]) -> String {
    kv.iter()
        .fold(t.to_string(), |t, (k, v)| t.replace(&format!("{{{k}}}"), v))
}

/// A function of assignments, ifs, loops and logging in a brace language (or Python).
fn brace_code(r: &mut Rng, lang: &str, target: usize) -> Vec<String> {
    let syn = syn(lang);
    let outer = if lang == "java" { "    " } else { "" }; // Java's method sits in a class
    let base = format!("{outer}{}", syn.ind);
    let f = if matches!(lang, "python" | "rust") {
        ident(r)
    } else {
        camel(r)
    };
    let mut vars = vec![r.pick(NOUNS).to_string(), format!("max_{}", r.pick(NOUNS))];
    let (a0, b0, n0) = (
        vars[0].clone(),
        vars[1].clone(),
        r.range(1, 500).to_string(),
    );
    let p = cap(r.pick(NOUNS));
    let mut out: Vec<String> = syn.pre.iter().map(|l| fill(l, &[("P", &p)])).collect();
    out.push(fill(
        syn.head,
        &[("f", &f), ("a", &a0), ("b", &b0), ("n", &n0)],
    ));
    while out.len() + 3 < target {
        let v = vars[r.below(vars.len())].clone();
        let (n, x) = (
            r.range(2, 999).to_string(),
            r.pick(&["i", "j", "k", "idx", "step"]),
        );
        let mut block = |head: String, inner: &str| {
            out.push(format!("{base}{head}"));
            out.push(format!(
                "{base}{}{}",
                syn.ind,
                fill(syn.upd, &[("v", &v), ("x", inner), ("n", &n)])
            ));
            if !syn.close.is_empty() {
                out.push(format!("{base}{}", syn.close));
            }
        };
        match r.below(5) {
            0 => block(fill(syn.cond, &[("v", &v), ("n", &n)]), &v),
            1 => block(fill(syn.each, &[("v", &v), ("x", x)]), x),
            2 => {
                let msg = format!("{} {}", r.pick(VERBS), r.pick(NOUNS));
                out.push(format!(
                    "{base}{}",
                    fill(syn.log, &[("v", &v), ("s", &msg)])
                ));
            }
            _ => {
                let nv = format!("{}_{}", r.pick(ADJS).replace('-', "_"), r.pick(NOUNS));
                let e = format!("{v} {} {n}", r.pick(&["*", "+", "%", "-"]));
                out.push(format!("{base}{}", fill(syn.set, &[("v", &nv), ("e", &e)])));
                vars.push(nv);
            }
        }
    }
    out.push(format!(
        "{base}{}",
        fill(syn.ret, &[("v", vars.last().unwrap())])
    ));
    if !syn.close.is_empty() {
        out.push(format!("{outer}{}", syn.close));
    }
    if lang == "java" {
        out.push("}".into());
    }
    out
}

/// SQL, shell and config files, whose shape has little to do with functions.
#[rustfmt::skip]
fn data_code(r: &mut Rng, lang: &str, target: usize) -> Vec<String> {
    let t = s(r.pick(NOUNS));
    let mut out = Vec::new();
    match lang {
        "sql" => {
            let cols: Vec<String> = (0..target.saturating_sub(14).max(2)).map(|i| format!("{}_{i}", r.pick(NOUNS))).collect();
            out.push(format!("CREATE TABLE {t} (\n    id          bigint PRIMARY KEY,"));
            for c in &cols {
                out.push(format!("    {c:<11} {} NOT NULL,", r.pick(&["text", "integer", "numeric(10, 2)", "timestamptz", "boolean"])));
            }
            out.push(format!("    created_at  timestamptz DEFAULT now()\n);\n\nINSERT INTO {t} (id, {}) VALUES ({}, {});\n", cols[0], r.range(1, 99), r.range(100, 9999)));
            out.push(format!("SELECT t.{}, count(*) AS n\nFROM {t} AS t\nLEFT JOIN {} AS o ON o.{}_id = t.id", cols[1], s(r.pick(NOUNS)), r.pick(NOUNS)));
            out.push(format!("WHERE t.{} > {} AND t.created_at > now() - interval '{} days'\nGROUP BY t.{}\nORDER BY n DESC\nLIMIT {};", cols[0], r.range(0, 500), r.range(1, 90), cols[1], r.range(5, 100)));
        }
        "bash" => {
            let var = format!("{}_DIR", r.pick(NOUNS).to_uppercase());
            out.push(format!("#!/usr/bin/env bash\nset -euo pipefail\n\n{var}=\"${{1:-/var/lib/{}}}\"", r.pick(NOUNS)));
            while out.iter().map(|l| l.lines().count()).sum::<usize>() + 4 < target {
                out.push(match r.below(3) {
                    0 => format!("for f in \"${var}\"/*.{}; do\n  echo \"{} $f\" >&2\n  gzip -{} \"$f\"\ndone", r.pick(&["log", "json", "csv"]), r.pick(VERBS), r.range(1, 9)),
                    1 => format!("if [[ $(wc -l < \"${var}/{}.txt\") -gt {} ]]; then\n  {}\nfi", r.pick(NOUNS), r.range(10, 5000), ident(r)),
                    _ => format!("curl -fsS \"http://localhost:{}/{}\" | jq -r '.{}[] | .{}'", r.range(3000, 9000), r.pick(NOUNS), s(r.pick(NOUNS)), r.pick(NOUNS)),
                });
            }
            out.push(format!("echo \"done: ${var}\""));
        }
        _ => {
            let yaml = lang == "yaml";
            let mut lines = Vec::new();
            while lines.iter().map(|l: &String| l.lines().count()).sum::<usize>() + 3 < target {
                let k = format!("{}_{}", r.pick(ADJS).replace('-', "_"), r.pick(NOUNS));
                let items: Vec<&str> = (0..r.range(2, 4)).map(|_| r.pick(NOUNS)).collect();
                let v = match r.below(4) { 0 => r.range(0, 10000).to_string(), 1 => r.pick(&["true", "false"]).into(), 2 => String::new(), _ => format!("\"{} {}\"", r.pick(VERBS), r.pick(NOUNS)) };
                lines.push(match (yaml, v.is_empty()) {
                    (true, true) => format!("{k}:\n{}", items.iter().map(|i| format!("  - {i}")).collect::<Vec<_>>().join("\n")),
                    (false, true) => format!("  \"{k}\": [{}]", items.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(", ")),
                    (true, false) => format!("{k}: {v}"),
                    (false, false) => format!("  \"{k}\": {v}"),
                });
            }
            if yaml { out.push(format!("# {t} settings")); out.extend(lines) } else { out.push(format!("{{\n{}\n}}", lines.join(",\n"))) }
        }
    }
    out
}

fn code_block(r: &mut Rng, lang: &str, attrs: &str) -> String {
    let target = r.range(10, 25);
    let lines = match lang {
        "sql" | "bash" | "json" | "yaml" => data_code(r, lang, target),
        _ => brace_code(r, lang, target),
    };
    format!("```{lang}{attrs}\n{}\n```\n", lines.join("\n"))
}

// ----------------------------------------------------------------- guides

/// Guide `g`'s 10 question headings, derived from `g` alone so that other
/// guides can link to them without holding the corpus in memory.
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
            3 => format!("Q: When should a {n1} call `{}`?", ident(&mut r)),
            _ => format!(
                "Q: What's wrong with {} {n1}, and how do you {v} it?",
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

/// Where guide `g` lives when sections hold `per` guides each.
fn guide_path(g: usize, per: usize) -> String {
    format!("section-{}/guide-{g:04}.md", g / per)
}

#[rustfmt::skip] // a Markdown template reads better with its lines kept whole
fn guide(g: usize, total: usize, per: usize) -> String {
    let mut r = Rng::new(g as u64);
    let (qs, ntags) = (questions(g), r.range(2, 5));
    let mut tags: Vec<&str> = Vec::new();
    while tags.len() < ntags {
        let t = r.pick(TAGS);
        if !tags.contains(&t) { tags.push(t); }
    }
    let title = format!("{} {} and the {} {}", cap(r.pick(ADJS)), s(r.pick(NOUNS)), r.pick(NOUNS), r.pick(NOUNS));
    let description = sentence(&mut r).replace(['`', '*', '"'], "");
    let level = r.pick(&["beginner", "intermediate", "advanced"]);
    let (date, weight) = (format!("{}-{:02}-{:02}", 2023 + g % 3, 1 + g % 12, 1 + g % 28), g % per + 1);
    let mut md = format!(
        "---\ntitle: \"{title}\"\ndescription: \"{description}\"\ndate: {date}\ntags: [{}]\ndifficulty: {level}\nweight: {weight}\n---\n\n{}",
        tags.join(", "), wrap(&para(&mut r, 2, 3), ""));
    // Cross-links go to other guides' questions; a 1-guide site links to itself.
    let mut links: Vec<String> = (0..5).map(|_| {
        let t = if total > 1 { (g + 1 + r.below(total - 1)) % total } else { g };
        let q = &questions(t)[r.below(10)];
        let text = q[3..].trim_end_matches('?').to_lowercase();
        format!("For the details, see [{text}](../{}#{}).", guide_path(t, per), slug(q))
    }).collect();
    let (langs, mut qi) = ([g % 10, (g + 3) % 10, (g + 7) % 10], 0);
    for sec in 0..4 {
        md += &format!("\n## {} {}\n\n{}", cap(r.pick(ADJS)), s(r.pick(NOUNS)), wrap(&para(&mut r, 2, 3), ""));
        // Five links over four sections: the last section gets two.
        for l in links.drain(..1 + (sec == 3) as usize) {
            md += &format!("\n{}", wrap(&l, ""));
        }
        for _ in 0..[3, 3, 2, 2][sec] {
            md += &format!("\n### {}\n\n{}\n{}", qs[qi], wrap(&sentence(&mut r), ""), wrap(&para(&mut r, 2, 2), ""));
            qi += 1;
        }
        if sec < 3 {
            let attrs = if sec == 1 { " {linenos=true hl_lines=\"2-3\"}" } else { "" };
            md += &format!("\n{}\n{}", wrap(&sentence(&mut r), ""), code_block(&mut r, LANGS[langs[sec]], attrs));
        }
        md += &format!("\n### {} the {} {}\n\n{}", cap(r.pick(VERBS)), r.pick(ADJS), r.pick(NOUNS), wrap(&para(&mut r, 1, 2), ""));
        if sec % 2 == 1 {
            md += &format!("\n> [!{}]\n{}", r.pick(CALLOUTS), wrap(&para(&mut r, 2, 2), "> "));
        }
    }
    md += "\n## Check yourself {.practice}\n";
    for i in 1..=10 {
        // Item content lines up after the marker, so "10. " needs one more space than "9. ".
        let (multi, ind) = (r.chance(30), " ".repeat(format!("{i}. ").len()));
        let extra = if multi { " (Choose all that apply.)" } else { "" };
        md += &format!("\n{i}. Which {} {} the {} {}?{extra}\n\n", r.pick(NOUNS), s(r.pick(VERBS)), r.pick(ADJS), r.pick(NOUNS));
        let right = r.below(4);
        for o in 0..4 {
            let ok = o == right || (multi && r.chance(40));
            let opt = if r.chance(50) { format!("`{}()`", ident(&mut r)) } else { format!("The {} {}", r.pick(ADJS), r.pick(NOUNS)) };
            md += &format!("{ind}- [{}] {opt}\n", if ok { 'x' } else { ' ' });
            if !ok && r.chance(25) { md += &wrap(&sentence(&mut r), &format!("{ind}  > ")); }
        }
        md += &format!("\n{}", wrap(&sentence(&mut r), &format!("{ind}> ")));
    }
    md += "\n## Frequently asked questions {.faq}\n";
    for _ in 0..5 {
        let q = format!("{} {} {}", r.pick(&["Can", "Should", "Must", "Why does"]), a(r.pick(NOUNS)), r.pick(VERBS));
        md += &format!("\n### {q}?\n\n{}", wrap(&para(&mut r, 1, 2), ""));
    }
    md
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

/// Writes a site of one guide of about `mb` megabytes; returns its bytes.
fn generate_big_page(root: &Path, mb: usize) -> u64 {
    let mut md = String::from(
        "---\ntitle: \"Everything on one page\"\ntags: [design]\n---\n\nOne very long guide.\n",
    );
    let mut k = 0;
    while md.len() < mb * 1_000_000 {
        md += &big_page_part(k);
        k += 1;
    }
    let bytes = md.len() as u64;
    let write = |rel: &str, text: &str| {
        let path = root.join("content").join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    write("_index.md", "---\ntitle: Synthetic study guide\n---\n");
    write("section-0/_index.md", "---\ntitle: The big page\n---\n");
    write("section-0/big-page.md", &md);
    let toml = format!("title = \"Synthetic study guide (one {mb} MB page)\"\nbase_url = \"https://example.org/\"\n");
    fs::write(root.join("site.toml"), toml).unwrap();
    bytes
}

/// Writes a syllabus site with `guides` guides, `per` a section, under
/// `root`; returns the Markdown bytes.
fn generate(root: &Path, guides: usize, per: usize) -> u64 {
    let mut bytes = 0;
    let mut write = |rel: String, text: String| {
        let path = root.join("content").join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        bytes += text.len() as u64;
        fs::write(path, text).unwrap();
    };
    write(
        "_index.md".into(),
        "---\ntitle: Synthetic study guide\n---\n\nGenerated for benchmarking.\n".into(),
    );
    for sec in 0..guides.div_ceil(per) {
        let mut r = Rng::new(!(sec as u64));
        let (t, d) = (
            format!("{} {}", cap(r.pick(ADJS)), s(r.pick(NOUNS))),
            sentence(&mut r).replace(['`', '*', '"'], ""),
        );
        let body = wrap(&para(&mut r, 3, 5), "");
        let text = format!(
            "---\ntitle: \"Section {sec}: {t}\"\ndescription: \"{d}\"\nweight: {}\n---\n\n{body}",
            sec + 1
        );
        write(format!("section-{sec}/_index.md"), text);
    }
    for g in 0..guides {
        write(guide_path(g, per), guide(g, guides, per));
    }
    let toml = format!("title = \"Synthetic study guide ({guides} guides)\"\nbase_url = \"https://example.org/\"\n");
    fs::write(root.join("site.toml"), toml).unwrap();
    bytes
}

/// The same corpus as a Hugo site: `.md` links become page URLs (a guide's
/// URL sits one level deeper than its file), with the plainest layouts.
fn hugo_site(src: &Path, dst: &Path) {
    let content = src.join("content");
    for e in walkdir::WalkDir::new(&content)
        .into_iter()
        .map(Result::unwrap)
    {
        let out = dst
            .join("content")
            .join(e.path().strip_prefix(&content).unwrap());
        if e.file_type().is_dir() {
            fs::create_dir_all(out).unwrap();
        } else {
            let md = fs::read_to_string(e.path()).unwrap();
            fs::write(out, md.replace("](../", "](../../").replace(".md#", "/#")).unwrap();
        }
    }
    let page = "<!doctype html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}";
    let list = |what| {
        format!("{page}<ul>{{{{ range {what} }}}}<li><a href=\"{{{{ .RelPermalink }}}}\">{{{{ .Title }}}}</a></li>{{{{ end }}}}</ul></body></html>")
    };
    fs::create_dir_all(dst.join("layouts/_default")).unwrap();
    fs::write(
        dst.join("layouts/_default/single.html"),
        format!("{page}</body></html>"),
    )
    .unwrap();
    fs::write(dst.join("layouts/_default/list.html"), list(".Pages")).unwrap();
    fs::write(dst.join("layouts/index.html"), list(".Sections")).unwrap();
    let config = "baseURL = \"https://example.org/\"\ntitle = \"Synthetic\"\n\
        disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\"]\n\
        [markup.highlight]\nnoClasses = false\n";
    fs::write(dst.join("hugo.toml"), config).unwrap();
}

// ----------------------------------------------------------------- runner

struct Run {
    wall: Duration,
    cpu: Duration,
    rss_mb: f64,
    pages: usize,
}

/// One build into a new output folder. The child is reaped with wait4 so
/// the peak RSS is its own: getrusage(RUSAGE_CHILDREN) is a high-water mark
/// over every child reaped so far, so a small site measured after a big one
/// would inherit the big one's peak.
#[allow(clippy::zombie_processes)] // reaped by wait4, not Child::wait
fn run(cmd: &mut Command, out: &Path, log: &Path) -> Run {
    let stderr = fs::File::create(log).unwrap();
    let start = Instant::now();
    let child = cmd
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .expect("spawn the build");
    let (mut status, mut ru) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut ru) };
    let wall = start.elapsed();
    if pid < 0 || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        let err = fs::read_to_string(log).unwrap_or_default();
        let head: Vec<&str> = err.lines().take(40).collect();
        eprintln!("build failed: {cmd:?}\n{}", head.join("\n"));
        std::process::exit(1);
    }
    let pages = walkdir::WalkDir::new(out)
        .into_iter()
        .filter(|e| e.as_ref().is_ok_and(|e| e.file_name() == "index.html"))
        .count();
    // CPU time (user + sys) is shown too: it moves less than wall time when
    // other work shares the machine.
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Run {
        wall,
        cpu: tv(ru.ru_utime) + tv(ru.ru_stime),
        rss_mb: ru.ru_maxrss as f64 / 1024.0,
        pages,
    }
}

/// `n` builds of `site`, each into its own new `public-<i>`. Deleting the last
/// output before a build would skew it: on a journal-less ext4 (as here) each
/// file created in the minutes after a mass delete scans past the freed
/// inodes (`recently_deleted`), up to 5x the system time. Old outputs go last.
fn series(n: usize, cmd: fn(&Path, &Path) -> Command, site: &Path, log: &Path) -> Vec<Run> {
    let out = |i| site.join(format!("public-{i}"));
    (1..=n)
        .map(|i| run(&mut cmd(site, &out(i)), &out(i), log))
        .collect()
}

fn syllabus(site: &Path, out: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_syllabus"));
    c.arg("build")
        .arg("--root")
        .arg(site)
        .arg("--output")
        .arg(out)
        .arg("-q");
    c
}

fn hugo(site: &Path, out: &Path) -> Command {
    let mut c = Command::new("hugo");
    c.arg("--quiet")
        .arg("--source")
        .arg(site)
        .arg("--destination")
        .arg(out);
    c
}

// ----------------------------------------------------------------- report

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The run with the median wall time (the upper one of an even count).
fn median(runs: &[Run]) -> &Run {
    let mut sorted: Vec<&Run> = runs.iter().collect();
    sorted.sort_by_key(|r| r.wall);
    sorted[sorted.len() / 2]
}

/// The rate counts source pages (guides, sections, home), the same work for
/// both tools, although syllabus writes more pages per guide (practice, FAQ...).
fn row(tool: &str, label: &str, r: &Run, sources: usize) {
    let rate = sources as f64 / r.wall.as_secs_f64();
    let (wall, cpu) = (ms(r.wall), r.cpu.as_secs_f64());
    let (pages, rss) = (r.pages, r.rss_mb);
    println!("{tool:<9} {label:<7} {wall:>9.1} {cpu:>7.2} {pages:>6} {rate:>9.0} {rss:>8.1}");
}

fn report(tool: &str, runs: &[Run], sources: usize) {
    for (i, r) in runs.iter().enumerate() {
        row(tool, &format!("run {}", i + 1), r, sources);
    }
    row(
        tool,
        "best",
        runs.iter().min_by_key(|r| r.wall).unwrap(),
        sources,
    );
    row(tool, "median", median(runs), sources);
}

fn main() {
    let usage = "usage: cargo bench --bench build -- [--shape sections|one-section|big-page] [--guides N] [--mb N] [--runs N] [--keep DIR] [--hugo]";
    let (mut shape, mut guides, mut mb) = (Shape::Sections, None, 20);
    let (mut keep, mut with_hugo, mut runs) = (None, false, 3);
    let mut args = std::env::args().skip(1);
    let count = |args: &mut dyn Iterator<Item = String>, what: &str| {
        args.next()
            .and_then(|n| n.parse().ok())
            .filter(|&n: &usize| n > 0)
            .unwrap_or_else(|| panic!("{what} N, N > 0"))
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--shape" => {
                shape = match args.next().as_deref() {
                    Some("sections") => Shape::Sections,
                    Some("one-section") => Shape::OneSection,
                    Some("big-page") => Shape::BigPage,
                    _ => panic!("{usage}"),
                }
            }
            "--guides" => guides = Some(count(&mut args, "--guides")),
            "--mb" => mb = count(&mut args, "--mb"),
            "--runs" => runs = count(&mut args, "--runs"),
            "--keep" => keep = Some(PathBuf::from(args.next().expect("--keep DIR"))),
            "--hugo" => with_hugo = true,
            "--bench" => {} // cargo bench passes it to every bench target
            _ => panic!("{usage}"),
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let base = keep.unwrap_or_else(|| tmp.path().to_path_buf());
    let (site, one, hsite) = (
        base.join("syllabus"),
        base.join("one-guide"),
        base.join("hugo"),
    );
    // A kept folder's old sites are moved aside now and deleted at the end,
    // for the same reason as in `series`.
    let trash = base.join(format!(".old-{}", std::process::id()));
    for dir in [&site, &one, &hsite].into_iter().filter(|d| d.exists()) {
        fs::create_dir_all(&trash).unwrap();
        fs::rename(dir, trash.join(dir.file_name().unwrap())).unwrap();
    }

    let t0 = Instant::now();
    let (guides, per) = match shape {
        Shape::Sections => (guides.unwrap_or(1000), PER_SECTION),
        Shape::OneSection => (guides.unwrap_or(10_000), usize::MAX),
        Shape::BigPage => (1, 1),
    };
    let sections = guides.div_ceil(per);
    let bytes = match shape {
        Shape::BigPage => generate_big_page(&site, mb),
        _ => generate(&site, guides, per),
    };
    generate(&one, 1, PER_SECTION);
    println!(
        "corpus: {guides} guides in {sections} sections, {:.1} MB of Markdown, {:.2} KB per guide on average\n        (generated in {:.1} s under {})",
        bytes as f64 / 1e6,
        bytes as f64 / guides as f64 / 1000.0,
        t0.elapsed().as_secs_f64(),
        base.display()
    );
    println!("\nHTML: index.html files written; src pg/s: (guides + sections + home) / wall time");
    println!("CPU s: user + sys time of the build; RSS MB: its peak resident memory\n");
    let head = ("tool", "wall ms", "CPU s", "HTML", "src pg/s", "RSS MB");
    println!(
        "{:<17} {:>9} {:>7} {:>6} {:>9} {:>8}",
        head.0, head.1, head.2, head.3, head.4, head.5
    );
    let runs = series(runs, syllabus, &site, &base.join("syllabus.log"));
    let sources = guides + sections + 1;
    report("syllabus", &runs, sources);

    if with_hugo && Command::new("hugo").arg("version").output().is_err() {
        println!("hugo      not on PATH, skipped (apt-get install -y hugo)");
    } else if with_hugo {
        hugo_site(&site, &hsite);
        let hruns = series(runs.len(), hugo, &hsite, &base.join("hugo.log"));
        report("hugo", &hruns, sources);
        let ratio = |f: fn(&Run) -> f64| f(median(&runs)) / f(median(&hruns));
        let (wall, cpu) = (ratio(|r| ms(r.wall)), ratio(|r| r.cpu.as_secs_f64()));
        println!("syllabus / hugo, median runs: {wall:.2}x the wall time, {cpu:.2}x the CPU time");
    }

    let small = series(10, syllabus, &one, &base.join("one-guide.log"));
    let m = median(&small);
    let verdict = if ms(m.wall) < 50.0 { "met" } else { "MISSED" };
    println!(
        "\n1-guide site, 10 runs: median {:.1} ms wall (target < 50 ms: {verdict}),",
        ms(m.wall)
    );
    println!(
        "    {:.1} ms CPU, {} HTML pages, peak RSS {:.1} MB",
        ms(m.cpu),
        m.pages,
        m.rss_mb
    );

    // Keep only the last build of each site, plus the sources.
    for (dir, n) in [(&site, runs.len()), (&hsite, runs.len()), (&one, 10)] {
        for i in 1..n {
            let _ = fs::remove_dir_all(dir.join(format!("public-{i}")));
        }
    }
    let _ = fs::remove_dir_all(trash);
}
