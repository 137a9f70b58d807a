//! What the benchmark prints: medians per tool and case, syllabus's ratio
//! to each peer, and the size of each tool's output.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::run::{Run, Tool};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The median of `xs` (the mean of the middle two of an even count).
pub fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    (xs[(n - 1) / 2] + xs[n / 2]) / 2.0
}

/// Median wall ms, CPU s and peak RSS MB, each over its own runs.
struct Medians {
    wall_ms: f64,
    cpu_s: f64,
    rss_mb: f64,
}

impl Medians {
    fn of(runs: &[Run]) -> Medians {
        let over = |f: fn(&Run) -> f64| median(runs.iter().map(f).collect());
        Medians {
            wall_ms: over(|r| ms(r.wall)),
            cpu_s: over(|r| r.cpu.as_secs_f64()),
            rss_mb: over(|r| r.rss_mb),
        }
    }
}

/// Prints one case: a row per tool (medians, then each run's wall time)
/// and syllabus's ratio to each peer. `runs[t]` belongs to `tools[t]`;
/// syllabus is always the first tool.
pub fn case(title: &str, tools: &[Tool], runs: &[Vec<Run>]) {
    let n = runs[0].len();
    println!("\n{title}; medians of {n}");
    println!(
        "  {:<9} {:>10} {:>7} {:>9}   each run's wall ms",
        "tool", "wall ms", "CPU s", "peak RSS"
    );
    let medians: Vec<Medians> = runs.iter().map(|r| Medians::of(r)).collect();
    for ((tool, m), runs) in tools.iter().zip(&medians).zip(runs) {
        let each: Vec<String> = runs.iter().map(|r| format!("{:.0}", ms(r.wall))).collect();
        println!(
            "  {:<9} {:>10.1} {:>7.2} {:>6.0} MB   {}",
            tool.name(),
            m.wall_ms,
            m.cpu_s,
            m.rss_mb,
            each.join(" ")
        );
    }
    let ours = &medians[0];
    for (peer, m) in tools.iter().zip(&medians).skip(1) {
        println!(
            "  syllabus / {}: {:.2}x the wall time, {:.2}x the peak memory ({:.2}x the CPU time)",
            peer.name(),
            ours.wall_ms / m.wall_ms,
            ours.rss_mb / m.rss_mb,
            ours.cpu_s / m.cpu_s
        );
    }
}

/// How much a build wrote.
pub struct Output {
    bytes: u64,
    files: u64,
    largest: (PathBuf, u64),
}

impl Output {
    pub fn of(dir: &Path) -> Output {
        let mut out = Output {
            bytes: 0,
            files: 0,
            largest: (PathBuf::new(), 0),
        };
        for entry in walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
        {
            let len = match entry.metadata() {
                Ok(m) if m.is_file() => m.len(),
                _ => continue,
            };
            out.bytes += len;
            out.files += 1;
            if len > out.largest.1 {
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                out.largest = (rel.to_path_buf(), len);
            }
        }
        out
    }

    pub fn bytes(&self) -> u64 {
        self.bytes
    }
}

/// "1 guide", "1000 guides".
pub fn guides(n: usize) -> String {
    format!("{n} guide{}", if n == 1 { "" } else { "s" })
}

/// Decimal units, as hosts state their limits.
pub fn size(bytes: u64) -> String {
    let b = bytes as f64;
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.1} KB", b / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", b / 1e6),
        _ => format!("{:.2} GB", b / 1e9),
    }
}

/// Prints bytes and files per guide, totals and the largest file per tool.
pub fn outputs(guides: usize, outputs: &[(&str, &Output)]) {
    println!("\noutput of a cold build, {}", self::guides(guides));
    println!(
        "  {:<9} {:>10} {:>11} {:>10} {:>7}   largest file",
        "tool", "per guide", "files/guide", "total", "files"
    );
    let g = guides as f64;
    for (name, o) in outputs {
        println!(
            "  {:<9} {:>10} {:>11.2} {:>10} {:>7}   {} ({})",
            name,
            size((o.bytes as f64 / g) as u64),
            o.files as f64 / g,
            size(o.bytes),
            o.files,
            o.largest.0.display(),
            size(o.largest.1)
        );
    }
}
