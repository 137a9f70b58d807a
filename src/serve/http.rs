//! Answering requests: only files of the built site, never anything else on
//! disk; traversal and malformed requests are refused.

use std::io::Cursor;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::memory::MemorySite;
use super::State;

/// The script every served page loads to reload itself and show errors.
pub(crate) const LIVE_SCRIPT: &str = include_str!("live.js");
const LIVE_PATH: &str = "/__syllabus/live.js";
const WAIT_PATH: &str = "/__syllabus/wait";

/// Where a request leads inside the site.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// An output path (`sql/joins/index.html`).
    File(String),
    /// A folder asked for without its trailing slash.
    Redirect(String),
    NotFound,
    BadRequest,
}

/// Maps a request target to a file of `site`, refusing anything that could
/// leave it: `..` (plain or percent-encoded), encoded slashes, backslashes,
/// NUL bytes and absolute-form URLs to other hosts.
pub(crate) fn resolve(url: &str, site: &MemorySite) -> Target {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Target::BadRequest;
    }
    // An encoded slash could smuggle a separator past the segment check.
    let lower = path.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return Target::BadRequest;
    }
    let Ok(decoded) = percent_encoding::percent_decode_str(path).decode_utf8() else {
        return Target::BadRequest;
    };
    if decoded.contains(['\\', '\0']) {
        return Target::BadRequest;
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" => {}
            "." | ".." => return Target::BadRequest,
            s => segments.push(s),
        }
    }
    let rel = segments.join("/");
    if decoded.ends_with('/') || rel.is_empty() {
        let index = if rel.is_empty() {
            "index.html".to_string()
        } else {
            format!("{rel}/index.html")
        };
        return if site.contains(&index) {
            Target::File(index)
        } else {
            Target::NotFound
        };
    }
    if site.contains(&rel) {
        return Target::File(rel);
    }
    if site.contains(&format!("{rel}/index.html")) {
        // A header is ASCII: the folder's name is sent encoded.
        return Target::Redirect(crate::plan::url_path(&format!("/{rel}/")).into_owned());
    }
    Target::NotFound
}

/// The content type of an output file, by its extension.
pub(crate) fn content_type(rel: &str) -> &'static str {
    let ext = rel
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("static header names and values are valid")
}

fn response(status: u16, kind: &str, body: Vec<u8>) -> Response<Cursor<Vec<u8>>> {
    Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
}

/// A file's reply: the bytes a `Range: bytes=A-B` header asks for (one
/// range, as the search index reads its packs), else all of them.
fn ranged(kind: &str, body: Vec<u8>, range: Option<&str>) -> Response<Cursor<Vec<u8>>> {
    let len = body.len();
    let Some((start, end)) = range.and_then(parse_range) else {
        return response(200, kind, body).with_header(header("Accept-Ranges", "bytes"));
    };
    if start >= len || end.is_some_and(|e| e < start) {
        return response(416, "text/plain; charset=utf-8", Vec::new())
            .with_header(header("Content-Range", &format!("bytes */{len}")));
    }
    let end = end.map_or(len - 1, |e| e.min(len - 1));
    response(206, kind, body[start..=end].to_vec()).with_header(header(
        "Content-Range",
        &format!("bytes {start}-{end}/{len}"),
    ))
}

/// `bytes=A-B` or `bytes=A-`; anything else (several ranges, suffixes) is
/// answered with the whole file, as HTTP allows.
fn parse_range(value: &str) -> Option<(usize, Option<usize>)> {
    let (start, end) = value.trim().strip_prefix("bytes=")?.split_once('-')?;
    let start = start.trim().parse().ok()?;
    let end = match end.trim() {
        "" => None,
        e => Some(e.parse().ok()?),
    };
    Some((start, end))
}

/// Adds the live-reload script to an HTML page served from build `build`.
fn with_live_script(mut html: Vec<u8>, build: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{LIVE_PATH}\" data-build=\"{build}\" defer></script>");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

pub(crate) fn handle(request: Request, state: &State) {
    let head = *request.method() == Method::Head;
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(response(
            405,
            "text/plain; charset=utf-8",
            b"method not allowed\n".to_vec(),
        ));
        return;
    }
    let url = request.url().to_string();
    let path = url.split('?').next().unwrap_or("");
    let reply = if path == LIVE_PATH {
        response(
            200,
            "text/javascript; charset=utf-8",
            LIVE_SCRIPT.as_bytes().to_vec(),
        )
    } else if path == WAIT_PATH {
        let since = url
            .split_once("since=")
            .and_then(|(_, v)| v.split('&').next()?.parse::<u64>().ok());
        let status = state.wait(since, Duration::from_secs(25));
        response(200, "application/json", status.into_bytes())
    } else {
        let (build, site) = state.numbered_site();
        match resolve(&url, &site) {
            Target::File(rel) => match site.read(&rel) {
                Some(body) => {
                    let kind = content_type(&rel);
                    if kind.starts_with("text/html") {
                        response(200, kind, with_live_script(body, build))
                    } else {
                        let range = request
                            .headers()
                            .iter()
                            .find(|h| h.field.equiv("Range"))
                            .map(|h| h.value.as_str());
                        ranged(kind, body, range)
                    }
                }
                None => not_found(&site, path, build),
            },
            Target::Redirect(to) => response(308, "text/plain; charset=utf-8", Vec::new())
                .with_header(header("Location", &to)),
            Target::NotFound => not_found(&site, path, build),
            Target::BadRequest => {
                response(400, "text/plain; charset=utf-8", b"bad request\n".to_vec())
            }
        }
    };
    let reply = if head {
        reply.with_data(Cursor::new(Vec::new()), Some(0))
    } else {
        reply
    };
    let _ = request.respond(reply);
}

fn not_found(site: &MemorySite, path: &str, build: u64) -> Response<Cursor<Vec<u8>>> {
    if site.files.is_empty() {
        // No build has succeeded yet: a page that shows the errors and
        // reloads once the site builds.
        let page = b"<!doctype html><html lang=\"en\"><title>Not built yet</title><body><p>The site has not built yet; the errors are shown here and in the terminal.</p></body></html>".to_vec();
        return response(
            503,
            "text/html; charset=utf-8",
            with_live_script(page, build),
        );
    }
    match nearest_404(site, path).and_then(|rel| site.read(&rel)) {
        Some(page) => response(
            404,
            "text/html; charset=utf-8",
            with_live_script(page, build),
        ),
        None => response(404, "text/plain; charset=utf-8", b"not found\n".to_vec()),
    }
}

/// The 404 page nearest up `path`: a language's (`fr/404.html`) below its
/// home, else the site's, as some hosts serve them.
fn nearest_404(site: &MemorySite, path: &str) -> Option<String> {
    let mut dir = path.trim_start_matches('/');
    loop {
        dir = dir.rfind('/').map_or("", |i| &dir[..i]);
        let rel = if dir.is_empty() {
            "404.html".to_string()
        } else {
            format!("{dir}/404.html")
        };
        if site.contains(&rel) {
            return Some(rel);
        }
        if dir.is_empty() {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::memory::Entry;
    use std::io::Read;

    fn site() -> MemorySite {
        let mut site = MemorySite::default();
        for rel in [
            "index.html",
            "sql/joins/index.html",
            "style.css",
            "404.html",
        ] {
            site.files
                .insert(rel.to_string(), Entry::Bytes(b"x".as_slice().into()));
        }
        site
    }

    #[test]
    fn resolves_files_and_folders() {
        let s = site();
        assert_eq!(resolve("/", &s), Target::File("index.html".into()));
        assert_eq!(
            resolve("/sql/joins/", &s),
            Target::File("sql/joins/index.html".into())
        );
        assert_eq!(
            resolve("/sql/joins", &s),
            Target::Redirect("/sql/joins/".into())
        );
        assert_eq!(
            resolve("/style.css?v=1", &s),
            Target::File("style.css".into())
        );
        assert_eq!(
            resolve("/sql/j%6Fins/", &s),
            Target::File("sql/joins/index.html".into())
        );
        assert_eq!(resolve("/nope", &s), Target::NotFound);
    }

    #[test]
    fn finds_pages_whose_names_are_encoded_in_the_url() {
        let mut s = site();
        for rel in [
            "c#/index.html",
            "my guide/index.html",
            "100%/index.html",
            "café/index.html",
        ] {
            s.files
                .insert(rel.into(), Entry::Bytes(b"x".as_slice().into()));
        }
        assert_eq!(resolve("/c%23/", &s), Target::File("c#/index.html".into()));
        assert_eq!(
            resolve("/c%23/#top", &s),
            Target::File("c#/index.html".into())
        );
        assert_eq!(
            resolve("/my%20guide/", &s),
            Target::File("my guide/index.html".into())
        );
        assert_eq!(
            resolve("/100%25/", &s),
            Target::File("100%/index.html".into())
        );
        assert_eq!(
            resolve("/caf%C3%A9/", &s),
            Target::File("café/index.html".into())
        );
        assert_eq!(
            resolve("/c#/", &s),
            Target::NotFound,
            "`#` starts the fragment"
        );
        assert_eq!(
            resolve("/caf%C3%A9", &s),
            Target::Redirect("/caf%C3%A9/".into())
        );
        assert_eq!(resolve("/c%23", &s), Target::Redirect("/c%23/".into()));
    }

    #[test]
    fn a_missing_page_gets_the_nearest_404_page() {
        let mut s = site();
        s.files
            .insert("fr/404.html".into(), Entry::Bytes(b"x".as_slice().into()));
        assert_eq!(
            nearest_404(&s, "/fr/sql/nope/").as_deref(),
            Some("fr/404.html")
        );
        assert_eq!(nearest_404(&s, "/fr/nope").as_deref(), Some("fr/404.html"));
        assert_eq!(nearest_404(&s, "/fr").as_deref(), Some("404.html"));
        assert_eq!(nearest_404(&s, "/sql/nope/").as_deref(), Some("404.html"));
        assert_eq!(nearest_404(&s, "/").as_deref(), Some("404.html"));
        s.files.remove("404.html");
        assert_eq!(nearest_404(&s, "/sql/nope/"), None);
    }

    #[test]
    fn refuses_traversal_and_malformed_paths() {
        let s = site();
        for bad in [
            "/../etc/passwd",
            "/sql/../../x",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/sql%2f..%2f..%2fetc",
            "/a\\..\\b",
            "/a%5c..%5cb",
            "/x%00.html",
            "http://evil.example/etc/passwd",
            "etc/passwd",
            "/%ff%fe",
        ] {
            assert_eq!(resolve(bad, &s), Target::BadRequest, "{bad}");
        }
    }

    #[test]
    fn a_range_of_a_file_is_answered_with_those_bytes() {
        let body = b"0123456789".to_vec();
        let reply = |range| {
            let r = ranged("application/octet-stream", body.clone(), range);
            let status = r.status_code().0;
            let mut data = Vec::new();
            r.into_reader().read_to_end(&mut data).unwrap();
            (status, String::from_utf8(data).unwrap())
        };
        assert_eq!(reply(Some("bytes=2-4")), (206, "234".into()));
        assert_eq!(reply(Some("bytes=8-")), (206, "89".into()));
        assert_eq!(reply(Some("bytes=8-99")), (206, "89".into()));
        assert_eq!(reply(Some("bytes=10-12")).0, 416);
        assert_eq!(reply(Some("bytes=0-1,4-5")), (200, "0123456789".into()));
        assert_eq!(reply(None), (200, "0123456789".into()));
    }

    #[test]
    fn live_script_goes_before_the_end_of_body() {
        let page = with_live_script(b"<html><body>x</body></html>".to_vec(), 7);
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<html><body>x<script src=\"/__syllabus/live.js\" data-build=\"7\" defer></script></body></html>"
        );
    }
}
