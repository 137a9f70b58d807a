//! The site in each of its languages: every language gets its own
//! settings (title, description), interface strings and template globals,
//! and later its own pages, search index and feeds, below its home.

use std::collections::BTreeMap;
use std::path::Path;

use super::{BuildError, Checked};
use crate::config::{Config, Language, CONFIG_FILE};
use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::output::Sink;
use crate::render::languages::Versions;
use crate::render::views::Globals;
use crate::render::{self, Theme};
use crate::search::SearchStores;

/// One language of the site, ready to render.
pub struct LocalSite {
    /// Which language, and where its pages start.
    pub language: Language,
    /// The site's settings as this language's pages see them.
    pub config: Config,
    /// The theme's templates with this language's interface strings.
    pub theme: Theme,
    /// This language's pages, sections and graph.
    pub site: crate::site::Site,
}

/// Each language's settings and theme (the default language's first):
/// the theme's interface strings with the site's `[ui]` over them, and
/// the language's own `[languages.CODE.ui]` over those. A key the theme
/// does not know is a typo, reported where it is written.
pub(super) fn localize(
    root: &Path,
    config: &Config,
    theme: &Theme,
) -> Result<Vec<(Language, Config, Theme)>, BuildError> {
    let mut problems = Vec::new();
    let mut local = Vec::new();
    for (n, language) in config.languages().iter().enumerate() {
        let own = config.languages.get(&language.code);
        let mut tables = vec![("ui".to_string(), &config.ui)];
        tables.extend(own.map(|o| (format!("languages.{}.ui", language.code), &o.ui)));
        let mut ui = theme.ui.clone();
        for (table, strings) in tables {
            for (key, value) in strings {
                if !theme.ui.is_empty() && !theme.ui.contains_key(key) {
                    problems.push(unknown_string(root, &theme.ui, &table, key));
                }
                ui.insert(key.clone(), value.clone());
            }
        }
        let local_config = config.for_language(language);
        let mut local_theme = theme.localized(ui);
        // The site's theme knows its scripts, and so which strings they name.
        let scripted = theme.scripted_ui(&local_theme.ui);
        let mut globals = Globals::new(
            &local_config,
            &local_theme.ui,
            &scripted,
            &theme.asset_version,
        );
        if n > 0 {
            // Progress kept in the browser is kept apart per language.
            let prefix = format!("{}{}:", globals.storage_prefix, language.code);
            globals.set_storage_prefix(prefix);
        }
        local_theme.ui_script = globals.ui_script();
        let globals = tera::Context::from_serialize(&globals).map_err(|e| {
            BuildError::Content(vec![Diagnostic::new(
                Severity::Error,
                Location::Site("templates".into()),
                format!("cannot build template context: {e}"),
            )])
        })?;
        std::sync::Arc::make_mut(&mut local_theme.tera)
            .global_context()
            .extend(globals);
        local.push((language.clone(), local_config, local_theme));
    }
    if problems.is_empty() {
        Ok(local)
    } else {
        Err(BuildError::Config(problems))
    }
}

/// When a build makes its search index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Indexing {
    /// Beside the pages (the index is mostly one thread's work).
    WithPages,
    /// Not now: `serve` serves the pages first (see [`write_index`]).
    Later,
}

/// Renders every language's pages and (unless `indexing` says later) its
/// search index, below its home, and the files they share (the code
/// stylesheet, the sitemap), and hands them to `sink`. Returns the number
/// of pages, and of files written.
pub(super) fn write_all(
    checked: &Checked,
    reuse: render::Reuse<'_>,
    stores: Option<&SearchStores>,
    sink: &dyn Sink,
    progress: &crate::progress::Progress,
    indexing: Indexing,
) -> Result<(usize, usize), BuildError> {
    let languages: Vec<Language> = checked.sites.iter().map(|l| l.language.clone()).collect();
    let versions = Versions::new(&languages, checked.sites.iter().map(|l| &l.site).collect());
    let write_page = |file: render::OutputFile| {
        sink.write(&file.rel, &file.bytes)
            .map_err(|e| Diagnostic::error(&file.rel, e.to_string()))
    };
    let (written, index) = rayon::join(
        || {
            // One language after another, each with its pages in parallel.
            checked
                .sites
                .iter()
                .map(|local| {
                    let (site, theme, config) = (&local.site, &local.theme, &local.config);
                    render::render_site(site, theme, config, &versions, progress, reuse, write_page)
                })
                .collect::<Vec<_>>()
        },
        || match indexing {
            Indexing::WithPages => write_index(checked, stores, sink),
            Indexing::Later => Ok(0),
        },
    );
    let mut rendered = Vec::with_capacity(written.len());
    let mut problems = Vec::new();
    for result in written {
        match result {
            Ok(r) => rendered.push(r),
            Err(d) => problems.extend(d),
        }
    }
    if !problems.is_empty() {
        return Err(BuildError::Content(problems));
    }
    let index = index?;
    let sites: Vec<_> = checked
        .sites
        .iter()
        .map(|l| &l.site)
        .zip(&rendered)
        .collect();
    let theme = &checked.sites[0].theme;
    let shared = render::shared_files(
        &sites,
        &versions,
        theme,
        &checked.config,
        reuse,
        &write_page,
    )
    .map_err(|d| BuildError::Content(vec![d]))?;
    let pages: usize = rendered.iter().map(|r| r.pages).sum();
    let files: usize = rendered.iter().map(|r| r.files).sum();
    Ok((pages, files + index + shared))
}

/// Writes every language's search index below its home to `sink`;
/// returns the number of files.
pub(crate) fn write_index(
    checked: &Checked,
    stores: Option<&SearchStores>,
    sink: &dyn Sink,
) -> Result<usize, BuildError> {
    let mut files = 0;
    for local in &checked.sites {
        let home = local.site.home.trim_start_matches('/');
        files += crate::search::build(
            &local.site,
            &local.config.language,
            &local.theme.ui,
            stores,
            |rel, bytes| sink.write(&format!("{home}{rel}"), bytes),
        )?;
    }
    Ok(files)
}

/// An interface string `key` of `[table]` that the theme does not have.
fn unknown_string(
    root: &Path,
    known: &BTreeMap<String, String>,
    table: &str,
    key: &str,
) -> Diagnostic {
    let near = crate::diagnostics::suggest(key, known.keys().map(String::as_str));
    let help = near.map_or("see the theme's ui.toml for the keys".to_string(), |n| {
        format!("did you mean `{n}`?")
    });
    let d = Diagnostic::error(
        CONFIG_FILE,
        format!("unknown interface string `{key}` in [{table}]"),
    )
    .with_help(help);
    // Only read again to point at the key: this is the error path.
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
    match key_in_table(&text, table, key) {
        Some(offset) => d.at_offset(&text, offset),
        None => d,
    }
}

/// Where `key = ...` is written in the `[table]` of a TOML text.
fn key_in_table(text: &str, table: &str, key: &str) -> Option<usize> {
    let header = format!("[{table}]");
    let mut offset = 0;
    let mut inside = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            inside = trimmed.trim_end().starts_with(&header);
        } else if inside {
            let bare = trimmed.strip_prefix(key);
            let quoted = trimmed.strip_prefix(&format!("\"{key}\""));
            if bare
                .or(quoted)
                .is_some_and(|r| r.trim_start().starts_with('='))
            {
                return Some(offset + line.len() - trimmed.len());
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_in_their_table() {
        let text = "title = \"T\"\n[ui]\nhome = \"H\"\n[languages.fr.ui]\nsearch = \"x\"\n  home = \"y\"\n";
        assert_eq!(key_in_table(text, "ui", "home"), Some(17));
        let at = key_in_table(text, "languages.fr.ui", "home").unwrap();
        assert_eq!(crate::diagnostics::line_col(text, at), (6, 3));
        assert_eq!(key_in_table(text, "ui", "search"), None);
    }
}
