//! Checking external links over HTTP (`syllabus check --external`). Off by
//! default: a build must work offline.

use std::sync::Mutex;
use std::time::Duration;

use rayon::prelude::*;

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::markdown::ExternalLink;

/// How `check --external` requests links.
#[derive(Debug, Clone)]
pub struct ExternalOptions {
    /// How long to wait for each answer.
    pub timeout: Duration,
    /// Requests in flight at once.
    pub concurrency: usize,
}

impl Default for ExternalOptions {
    fn default() -> Self {
        ExternalOptions {
            timeout: Duration::from_secs(10),
            concurrency: 8,
        }
    }
}

/// Checks every distinct http(s) URL once; each link to a failing URL is
/// reported at its own place.
pub fn check(links: &[&ExternalLink], opts: &ExternalOptions) -> Vec<Diagnostic> {
    let mut urls: Vec<&str> = links
        .iter()
        .map(|l| l.url.as_str())
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .collect();
    urls.sort_unstable();
    urls.dedup();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .http_status_as_error(false)
        .user_agent(concat!(
            "syllabus/",
            env!("CARGO_PKG_VERSION"),
            " (link checker)"
        ))
        .build()
        .into();
    let failures: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.concurrency.max(1))
        .build();
    let run = || {
        urls.par_iter().for_each(|url| {
            if let Some(problem) = probe(&agent, url) {
                failures
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((url.to_string(), problem));
            }
        })
    };
    match pool {
        Ok(pool) => pool.install(run),
        Err(_) => run(),
    }
    let failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut out = Vec::new();
    for link in links {
        if let Some((_, problem)) = failures.iter().find(|(u, _)| *u == link.url) {
            let message = format!("external link {}: {problem}", link.url);
            out.push(
                Diagnostic::new(Severity::Error, link.at.clone(), message)
                    .with_code(Code::BrokenExternalLink),
            );
        }
    }
    out
}

/// `None` when the URL answers with a success (after redirects).
fn probe(agent: &ureq::Agent, url: &str) -> Option<String> {
    // Some servers refuse HEAD; ask again with GET before calling it broken.
    let mut status = None;
    for head in [true, false] {
        let response = if head {
            agent.head(url).call()
        } else {
            agent.get(url).call()
        };
        match response {
            Ok(r) if r.status().is_success() => return None,
            Ok(r) => status = Some(format!("HTTP {}", r.status())),
            Err(e) => status = Some(e.to_string()),
        }
    }
    status
}
