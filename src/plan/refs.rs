//! Front matter that points at other pages or URLs: `related:` guides and
//! `aliases:` (old URLs that redirect). Checked once every page has a URL.

use super::owners::Owners;
use super::urls::{decode_url_path, nfc, normalize, parent_dir, UrlMap};
use super::PlannedPage;
use crate::diagnostics::{suggest, Code, Diagnostic};

/// A page's resolved `related:` and `aliases:`.
#[derive(Debug, Default, Clone)]
pub(crate) struct Refs {
    /// Content paths of the related pages, in the order written.
    pub related: Vec<String>,
    /// Site paths that redirect to the page (`/old/joins/`).
    pub aliases: Vec<String>,
}

/// The site path an alias is written as: `old/joins`, `/old/joins/` and
/// `/old/joins/index.html` all mean `/old/joins/`; `old.html` stays a file.
/// An old URL may be written percent-encoded (`/old/c%23/` is `/old/c#/`).
pub(crate) fn alias_path(alias: &str) -> Option<String> {
    let alias = alias.trim();
    if alias.contains("://") || alias.contains(['?', '#', '\\']) {
        return None;
    }
    let decoded = decode_url_path(alias);
    if decoded.contains('\\') || decoded.chars().any(char::is_control) {
        return None;
    }
    let trimmed = decoded.trim_end_matches("index.html");
    let path = nfc(&normalize(trimmed)?).into_owned();
    if path.is_empty() {
        return None;
    }
    Some(if path.ends_with(".html") {
        format!("/{path}")
    } else {
        format!("/{path}/")
    })
}

/// Resolves every page's `related:` and `aliases:`, reporting each problem
/// at its line of the front matter.
pub(crate) fn resolve(
    pages: &[PlannedPage],
    urls: &UrlMap,
    owners: Owners,
) -> (Vec<Refs>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut all = Vec::with_capacity(pages.len());
    for page in pages {
        let parsed = &page.parsed;
        let at =
            |key: &str, value: &str, message: String| parsed.error_at_item(key, value, message);
        let mut refs = Refs::default();
        let dir = parent_dir(&parsed.source.rel);
        for written in &parsed.front.related {
            let rel = parsed.source.rel.as_str();
            let target = normalize(&nfc(&format!("{dir}/{written}")));
            let version = target.as_ref().map(|t| urls.version(rel, t).0);
            match version.filter(|t| urls.pages.contains_key(t)) {
                Some(t) if t == rel => {
                    problems.push(at(
                        "related",
                        written,
                        format!("`related: {written}` is this page itself"),
                    ));
                }
                Some(t) if urls.language_of(&t) != urls.language_of(rel) => {
                    problems.push(
                        at(
                            "related",
                            written,
                            format!("`related: {written}` is a page in another language"),
                        )
                        .with_help("related guides are shown in this page's language: name its own version, without a language code"),
                    );
                }
                Some(t) => refs.related.push(t),
                None => {
                    let untranslated = target
                        .as_deref()
                        .and_then(|t| urls.untranslated(rel, written, t));
                    let d = match untranslated {
                        Some(problem) => at(
                            "related",
                            written,
                            format!("`related: {written}`: {}", problem.message),
                        )
                        .with_help(problem.help.unwrap_or_default()),
                        None => {
                            let mut message =
                                format!("`related: {written}`: there is no such page");
                            let wanted = normalize(&format!("{dir}/{written}")).unwrap_or_default();
                            if let Some(near) =
                                suggest(&wanted, urls.pages.keys().map(String::as_str))
                            {
                                message.push_str(&format!(" (did you mean content/{near}?)"));
                            }
                            at("related", written, message)
                                .with_help("related guides are .md paths relative to this file")
                        }
                    };
                    problems.push(d.with_code(Code::BrokenLink));
                }
            }
        }
        all.push(refs);
    }
    resolve_aliases(pages, urls, owners, &mut all, &mut problems);
    (all, problems)
}

/// Claims each page's `aliases:` in `owners`, the default language's pages
/// first: an alias copied into a translation is reported there.
fn resolve_aliases(
    pages: &[PlannedPage],
    urls: &UrlMap,
    mut owners: Owners,
    all: &mut [Refs],
    problems: &mut Vec<Diagnostic>,
) {
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by_key(|&i| urls.language_of(&pages[i].parsed.source.rel));
    for i in order {
        let parsed = &pages[i].parsed;
        let at = |value: &str, message: String| parsed.error_at_item("aliases", value, message);
        for written in &parsed.front.aliases {
            let Some(path) = alias_path(written) else {
                problems.push(
                    at(
                        written,
                        format!("`aliases: {written}` is not a path of this site"),
                    )
                    .with_help("write the old URL's path, like /old/joins/"),
                );
                continue;
            };
            if let Some(message) = owners.clash("alias", &path) {
                let language = &urls.languages[urls.language_of(&parsed.source.rel)];
                let below = format!("{}{}", language.home, path.trim_start_matches('/'));
                let help = if path.starts_with(&language.home) || owners.clash("", &below).is_some()
                {
                    "an alias is an old URL of this page: one that another page or alias holds \
                     cannot lead here too; remove it"
                        .to_string()
                } else {
                    format!(
                        "aliases are paths from the site's root in every language: an old URL \
                         of this `{}` page below {} is written {below}",
                        language.code, language.home,
                    )
                };
                let d = owners.point_at_owner(at(written, message), &path);
                problems.push(d.with_help(help));
            } else {
                let here = at(written, String::new()).location;
                owners.insert(
                    path.clone(),
                    format!("an alias of {}", parsed.display_path),
                    Some(here),
                );
                all[i].aliases.push(path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_paths() {
        assert_eq!(alias_path("old/joins").as_deref(), Some("/old/joins/"));
        assert_eq!(alias_path("/old/joins/").as_deref(), Some("/old/joins/"));
        assert_eq!(
            alias_path("/old/joins/index.html").as_deref(),
            Some("/old/joins/")
        );
        assert_eq!(alias_path("/old.html").as_deref(), Some("/old.html"));
        assert_eq!(alias_path("https://x.org/a"), None);
        assert_eq!(alias_path("/"), None);
        assert_eq!(alias_path("../../etc"), None);
    }
}
