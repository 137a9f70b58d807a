//! The seeded text generator behind the big-page shape: prose, questions
//! and code in ten languages from a PRNG, so every run measures the same input.

#[rustfmt::skip]
pub mod pools {
    pub const LANGS: [&str; 10] = ["python", "javascript", "typescript", "rust", "go", "sql", "bash", "json", "yaml", "java"];
    pub const NOUNS: &[&str] = &["cache", "queue", "worker", "index", "request", "response", "session", "token", "schema", "migration", "transaction", "cursor", "buffer", "thread", "handler", "router", "template", "query", "table", "column", "record", "payload", "header", "cookie", "service", "client", "server", "connection", "pool", "lock", "snapshot", "replica", "partition", "shard", "batch", "stream", "event", "message", "callback", "closure", "iterator", "generator", "decorator", "module", "dependency", "container", "endpoint", "middleware", "serializer", "validator", "scheduler", "retry", "timeout", "deadline", "signal", "counter", "metric", "trace"];
    pub const VERBS: &[&str] = &["cache", "validate", "serialize", "parse", "fetch", "retry", "lock", "release", "flush", "commit", "resolve", "schedule", "index", "compress", "encode", "decode", "merge", "split", "sort", "filter", "batch", "wrap", "rewrite", "replay", "refresh", "evict", "prefetch", "stream", "buffer", "reject", "accept", "forward", "route", "register", "discard", "inspect", "measure", "update", "delete", "insert", "copy", "clone", "load", "store", "map", "reduce"];
    pub const ADJS: &[&str] = &["stale", "fresh", "lazy", "eager", "immutable", "mutable", "shared", "private", "public", "nested", "flat", "sorted", "partial", "complete", "idempotent", "atomic", "durable", "volatile", "read-only", "write-heavy", "concurrent", "sequential", "blocking", "non-blocking", "cold", "warm", "hot", "expensive", "cheap", "narrow", "wide", "implicit", "explicit", "optional", "required", "default", "custom", "generic", "typed", "untyped"];
    pub const ADVS: &[&str] = &["quickly", "lazily", "eagerly", "safely", "silently", "explicitly", "implicitly", "usually", "rarely", "often", "always", "carefully", "twice", "once", "early", "late", "correctly", "atomically"];
    pub const OPENERS: &[&str] = &["In practice,", "As a rule,", "Under load,", "By default,", "In most codebases,", "During a code review,", "On a busy server,", "Sooner or later,", "For that reason,", "In an interview,"];
    pub const CONNS: &[&str] = &["because", "so", "while", "although", "until", "unless", "whenever", "after"];
    pub const CALLOUTS: &[&str] = &["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"];
}
pub use pools::*;

/// xorshift64*, seeded through splitmix64 so guides `g` and `g + 1` get unrelated streams.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
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
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

// ------------------------------------------------------------------ prose

pub fn cap(s: &str) -> String {
    s[..1].to_uppercase() + &s[1..]
}
fn art(w: &str) -> &'static str {
    ["a", "an"][w.starts_with(['a', 'e', 'i', 'o', 'u']) as usize]
}
pub fn a(w: &str) -> String {
    format!("{} {w}", art(w))
}
/// Plural nouns and third-person verbs follow the same spelling rules for these pools.
pub fn s(w: &str) -> String {
    let b = w.as_bytes();
    match b[b.len() - 1] {
        b'y' if !b"aeou".contains(&b[b.len() - 2]) => format!("{}ies", &w[..w.len() - 1]),
        b's' | b'x' | b'h' => format!("{w}es"),
        _ => format!("{w}s"),
    }
}
pub fn ident(r: &mut Rng) -> String {
    format!("{}_{}", r.pick(VERBS), r.pick(NOUNS))
}
pub fn camel(r: &mut Rng) -> String {
    format!("{}{}", r.pick(VERBS), cap(r.pick(NOUNS)))
}

/// GitHub's slug rules: lower-case, drop punctuation but `-`/`_`, spaces to `-`.
pub fn slug(text: &str) -> String {
    let keep = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    text.chars()
        .filter_map(|c| {
            (c == ' ')
                .then_some('-')
                .or(keep(c).then(|| c.to_ascii_lowercase()))
        })
        .collect()
}

pub fn sentence(r: &mut Rng) -> String {
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

pub fn para(r: &mut Rng, lo: usize, hi: usize) -> String {
    let n = r.range(lo, hi);
    (0..n).map(|_| sentence(r)).collect::<Vec<_>>().join(" ")
}

/// Wraps at ~76 columns like hand-written Markdown; `prefix` quotes or indents.
pub fn wrap(text: &str, prefix: &str) -> String {
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

pub fn code_block(r: &mut Rng, lang: &str, attrs: &str) -> String {
    let target = r.range(10, 25);
    let lines = match lang {
        "sql" | "bash" | "json" | "yaml" => data_code(r, lang, target),
        _ => brace_code(r, lang, target),
    };
    format!("```{lang}{attrs}\n{}\n```\n", lines.join("\n"))
}
