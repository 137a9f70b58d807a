//! Runs the browser test suite in `tests/browser/` (Node's test runner,
//! playwright-core and Debian's Chromium) against the fixture site in
//! `tests/fixtures/browser/site/`, built with this crate's binary.
//!
//! Needs `node` (20 or newer) on PATH, Chromium at `/usr/bin/chromium` (or the
//! path in `CHROMIUM`), and `npm ci` run in `tests/browser/`. When one of them
//! is missing the test says so on stderr and passes, so that `cargo test` works
//! on any machine, unless `SYLLABUS_BROWSER=required` is set (as CI does): then
//! a missing tool is a failure.
//!
//! `cargo test --test it browser:: -- --nocapture` shows the suite's output as it runs.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const HOW_TO_INSTALL: &str = "install it with apt-get install -y chromium, then npm ci in \
     tests/browser; .ci/run does both";

fn required() -> bool {
    std::env::var("SYLLABUS_BROWSER").is_ok_and(|v| v == "required")
}

/// `name` on PATH, if it is there.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// The node binary, if it is new enough for `node --test --test-reporter`.
fn find_node() -> Result<PathBuf, String> {
    let node = on_path("node").ok_or("node not found on PATH (apt-get install -y nodejs npm)")?;
    let out = Command::new(&node)
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", node.display()))?;
    let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let major: u32 = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    if major < 20 {
        return Err(format!(
            "node {version} is too old (playwright-core needs 20 or newer)"
        ));
    }
    Ok(node)
}

fn find_chromium() -> Result<PathBuf, String> {
    let path = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!("chromium not found at {}", path.display()))
    }
}

fn find_playwright(suite: &Path) -> Result<(), String> {
    let pkg = suite.join("node_modules/playwright-core/package.json");
    if pkg.is_file() {
        Ok(())
    } else {
        Err(format!(
            "playwright-core not found in {} (run npm ci there)",
            suite.join("node_modules").display()
        ))
    }
}

/// The suite's files, `tests/browser/*.test.mjs`, sorted.
fn test_files(suite: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(suite)
        .expect("read tests/browser")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".test.mjs"))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn browser_suite() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let suite = manifest.join("tests/browser");
    let fixture = manifest.join("tests/fixtures/browser/site");

    let tools = find_node().and_then(|node| {
        let chromium = find_chromium()?;
        find_playwright(&suite)?;
        Ok((node, chromium))
    });
    let (node, chromium) = match tools {
        Ok(found) => found,
        Err(why) => {
            let line = format!("browser suite did not run: {why} ({HOW_TO_INSTALL})");
            if required() {
                panic!("{line}; SYLLABUS_BROWSER=required makes this a failure");
            }
            // Straight to stderr, past the test harness's capture, so it is seen.
            let _ = writeln!(std::io::stderr(), "{line}");
            return;
        }
    };

    let files = test_files(&suite);
    assert!(
        !files.is_empty(),
        "no *.test.mjs files in {}",
        suite.display()
    );

    let started = std::time::Instant::now();
    let mut child = Command::new(&node)
        .arg("--test")
        .arg("--test-reporter=spec")
        .args(&files)
        .current_dir(&suite)
        .env("SYLLABUS_BIN", env!("CARGO_BIN_EXE_syllabus"))
        .env("SYLLABUS_FIXTURE", &fixture)
        .env("CHROMIUM", &chromium)
        .env("NO_COLOR", "1")
        .env_remove("NODE_OPTIONS")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", node.display()));

    // Print as it comes (shown live with --nocapture, and on failure otherwise).
    let stderr = child.stderr.take().expect("stderr");
    let errors = std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{line}");
        }
    });
    let stdout = child.stdout.take().expect("stdout");
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        println!("{line}");
    }
    let status = child.wait().expect("wait for node");
    errors.join().expect("stderr reader");
    println!(
        "browser suite finished in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        status.success(),
        "the browser suite failed ({status}); its output is above"
    );
}
