//! Loading templates and theme assets in one lookup chain: the site's
//! `templates/`, then the chosen theme, then the theme built into the binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::SystemTime;

use include_dir::{include_dir, Dir};
use rayon::prelude::*;
use tera::Tera;

use crate::diagnostics::{display_path, Diagnostic, Location, Severity};
use crate::discover::{is_ignored, Walk};

/// The default theme, compiled in so a site needs no theme folder.
static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a template or asset came from: shown in error messages.
#[derive(Debug, Clone)]
struct Origin {
    name: String,
    shown: PathBuf,
    text: String,
    /// What Tera reads: the text, without its indentation when minifying.
    served: String,
    /// The bytes each line of `served` lost at its start.
    shifts: Vec<usize>,
}

impl Origin {
    /// Column `column` of line `line` in `served`, as a column of `text`.
    fn column(&self, line: usize, column: usize) -> usize {
        let shift = line.checked_sub(1).and_then(|l| self.shifts.get(l));
        column + shift.copied().unwrap_or(0)
    }
}

/// A file a theme copies to the output root.
#[derive(Debug, Clone)]
pub struct ThemeAsset {
    pub rel: String,
    pub bytes: Vec<u8>,
}

#[derive(Clone)]
pub struct Theme {
    /// Shared: a theme is cloned for every language and every `serve`
    /// rebuild, and its templates are only read after loading.
    pub tera: Arc<Tera>,
    /// Built-in theme assets, then the chosen theme's (later ones win).
    pub assets: Vec<ThemeAsset>,
    /// Short hash of the assets, for cache-busting query strings.
    pub asset_version: String,
    /// Interface strings from the theme's `ui.toml` (built-in, then chosen).
    pub ui: BTreeMap<String, String>,
    /// Hash of every template's source, so cached pages are redone when a
    /// template changes.
    pub fingerprint: crate::cache::Key,
    /// Links left out of the theme's and the site's templates and assets.
    pub warnings: Vec<Diagnostic>,
    /// The interface strings' script, `ui.js` below the language's home
    /// (see `Globals::ui_script`); empty until the theme is localized.
    pub(crate) ui_script: String,
    origins: Vec<Origin>,
}

impl Theme {
    /// The interface strings the theme's scripts name (quoted, as in
    /// `t("copy")`, or by a quoted prefix ending in `_`, as in
    /// `t("search_" + kind)`): only those are written into every page.
    pub(crate) fn scripted_ui<'u>(
        &self,
        ui: &'u BTreeMap<String, String>,
    ) -> BTreeMap<&'u str, &'u str> {
        let mut named = std::collections::BTreeSet::new();
        for asset in self.assets.iter().filter(|a| a.rel.ends_with(".js")) {
            let js = String::from_utf8_lossy(&asset.bytes);
            for quote in ['"', '\''] {
                // Every other piece between quotes is a quoted literal (or
                // code between two literals, which never looks like a key).
                named.extend(
                    js.split(quote)
                        .filter(|w| {
                            w.bytes()
                                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                        })
                        .filter(|w| !w.is_empty())
                        .map(str::to_string),
                );
            }
        }
        let prefixes: Vec<&String> = named.iter().filter(|w| w.ends_with('_')).collect();
        ui.iter()
            .filter(|(key, _)| {
                named.contains(key.as_str()) || prefixes.iter().any(|p| key.starts_with(p.as_str()))
            })
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    /// What [`Theme::load`] reads from the site at `root` for theme `name`
    /// (the site's `templates/`, the theme's folder), as each file's path,
    /// length and modification time: while it stays the same, a loaded
    /// theme can be used again (`serve`).
    pub(crate) fn sources(root: &Path, name: Option<&str>) -> Vec<(PathBuf, u64, SystemTime)> {
        let dirs = std::iter::once(root.join("templates"))
            .chain(name.map(|n| root.join("themes").join(n)));
        dirs.flat_map(|dir| walkdir::WalkDir::new(dir).sort_by_file_name())
            .filter_map(Result::ok)
            .filter_map(|e| {
                let meta = e.metadata().ok()?;
                let time = meta.modified().ok()?;
                Some((e.into_path(), meta.len(), time))
            })
            .collect()
    }

    /// Loads the templates for a site at `root` using theme `name`, with
    /// the stylesheets and scripts minified when `minify` is set.
    pub fn load(root: &Path, name: Option<&str>, minify: bool) -> Result<Theme, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let theme_dir = match name {
            Some(name) => {
                let dir = root.join("themes").join(name);
                if !dir.is_dir() {
                    return Err(vec![Diagnostic::error(
                        crate::config::CONFIG_FILE,
                        format!("theme `{name}` not found: there is no folder themes/{name}/"),
                    )
                    .with_help(
                        "create the theme folder, or remove `theme` to use the built-in theme",
                    )]);
                }
                Some(dir)
            }
            None => None,
        };
        let theme_dir = theme_dir.as_deref();
        // Templates are compiled while the assets are minified.
        let ((origins, tera), (assets, asset_problems)) = rayon::join(
            || {
                let origins = template_origins(root, theme_dir, minify, &mut problems);
                let mut tera = Tera::new();
                tera.autoescape_on(vec![".html", ".xml", ".htm"]);
                let raw = origins.iter().map(|o| (o.name.as_str(), o.served.as_str()));
                if let Err(e) = tera.add_raw_templates(raw) {
                    problems.push(template_diagnostic(&origins, &e));
                }
                (origins, tera)
            },
            || {
                let mut problems = Vec::new();
                (assets(root, theme_dir, minify, &mut problems), problems)
            },
        );
        problems.extend(asset_problems);
        let ui = ui(root, theme_dir, &mut problems);
        if problems.iter().any(Diagnostic::is_error) {
            return Err(problems);
        }
        let asset_version = {
            let mut hash = crate::hash::Fnv::new();
            for a in &assets {
                hash.write(a.rel.as_bytes());
                hash.write(&a.bytes);
            }
            hash.short()
        };
        let fingerprint = {
            let mut key = crate::cache::KeyHasher::new();
            for o in &origins {
                key.part(o.name.as_bytes());
                key.part(o.served.as_bytes());
            }
            key.part(asset_version.as_bytes());
            key.finish()
        };
        Ok(Theme {
            tera: Arc::new(tera),
            assets,
            asset_version,
            ui,
            fingerprint,
            origins,
            warnings: problems,
            ui_script: String::new(),
        })
    }

    /// The theme for the pages of one language: its templates, with `ui`
    /// as their interface strings. The assets stay with the site's theme.
    pub(crate) fn localized(&self, ui: BTreeMap<String, String>) -> Theme {
        let mut key = crate::cache::KeyHasher::new();
        key.part(&self.fingerprint.bytes());
        key.value(&ui);
        Theme {
            tera: self.tera.clone(),
            assets: Vec::new(),
            asset_version: self.asset_version.clone(),
            ui,
            fingerprint: key.finish(),
            warnings: Vec::new(),
            ui_script: String::new(),
            origins: self.origins.clone(),
        }
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.origins.iter().any(|o| o.name == name)
    }

    /// Turns a Tera error into a diagnostic naming the template file.
    pub fn diagnostic(&self, e: &tera::Error) -> Diagnostic {
        template_diagnostic(&self.origins, e)
    }

    /// A failure of `template` while rendering the page at site path
    /// `path`: reported at the page's Markdown file `source` when there is
    /// one, since with many pages the one lacking what the template reads
    /// (`extra.video`) must be findable; the template's place goes along.
    pub fn render_diagnostic(
        &self,
        e: &tera::Error,
        template: &str,
        source: Option<&str>,
        path: &str,
    ) -> Diagnostic {
        let d = self.diagnostic(e);
        let detail = d
            .message
            .strip_prefix("template error: ")
            .unwrap_or(&d.message);
        let Some(source) = source else {
            let message = format!("template error while rendering {path}: {detail}");
            return Diagnostic { message, ..d };
        };
        let at = d.location.shown();
        let help = match d.location.source_line() {
            Some(line) => format!("the template's line is `{}`: ", line.trim()),
            None => String::new(),
        } + "give this page what the template reads there, or let the template test for it with `{% if %}`";
        Diagnostic::error(
            source,
            format!("template `{template}` failed while rendering this page, at {at}: {detail}"),
        )
        .with_help(help)
    }
}

/// Every template by the names it can be found under: the built-in
/// theme's (also as `default/NAME` and `theme/NAME`), then the chosen
/// theme's (also as `theme/NAME`), then the site's own; later ones win.
fn template_origins(
    root: &Path,
    theme_dir: Option<&Path>,
    minify: bool,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Origin> {
    let built_in = built_in_files("templates");
    let chosen = match theme_dir {
        Some(dir) => read_dir_files(&theme_walk(root, dir), "templates", problems),
        None => Vec::new(),
    };
    let site_walk = Walk {
        boundary: root,
        boundary_name: "the site",
        root,
        skip: is_ignored,
    };
    let site = read_dir_files(&site_walk, "templates", problems);
    let mut origins: Vec<Origin> = Vec::new();
    let mut add = |name: String, shown: &PathBuf, text: &String| {
        origins.retain(|o| o.name != name);
        let markup = [".html", ".htm", ".xml"].iter().any(|e| name.ends_with(e));
        let (served, shifts) = if minify && markup {
            let slim = super::minify::template(text);
            (slim.text, slim.shifts)
        } else {
            (text.clone(), Vec::new())
        };
        origins.push(Origin {
            name,
            shown: shown.clone(),
            text: text.clone(),
            served,
            shifts,
        });
    };
    for (rel, shown, text) in &built_in {
        add(format!("default/{rel}"), shown, text);
        add(format!("theme/{rel}"), shown, text);
        add(rel.clone(), shown, text);
    }
    for (rel, shown, text) in &chosen {
        add(format!("theme/{rel}"), shown, text);
        add(rel.clone(), shown, text);
    }
    for (rel, shown, text) in &site {
        add(rel.clone(), shown, text);
    }
    origins
}

/// The built-in theme's static files, with the chosen theme's over them.
fn assets(
    root: &Path,
    theme_dir: Option<&Path>,
    minify: bool,
    problems: &mut Vec<Diagnostic>,
) -> Vec<ThemeAsset> {
    let mut assets: Vec<ThemeAsset> = built_in_assets(minify);
    let Some(dir) = theme_dir else {
        return assets;
    };
    for (rel, path) in walk_files(&theme_walk(root, dir), "static", problems) {
        match std::fs::read(&path) {
            Ok(bytes) => {
                let shown = display_path(root, &path);
                let bytes = served(&rel, &shown, bytes, minify, problems);
                assets.retain(|a| a.rel != rel);
                assets.push(ThemeAsset { rel, bytes });
            }
            Err(e) => problems.push(Diagnostic::error(path, format!("cannot read: {e}"))),
        }
    }
    assets
}

/// The interface strings: the built-in theme's, with the chosen theme's
/// `ui.toml` over them (the site's `[ui]` comes later, in the build).
fn ui(
    root: &Path,
    theme_dir: Option<&Path>,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    let mut ui = BTreeMap::new();
    if let Some(text) = BUILT_IN.get_file("ui.toml").and_then(|f| f.contents_utf8()) {
        ui_strings(
            Path::new("<built-in theme>/ui.toml"),
            text,
            &mut ui,
            problems,
        );
    }
    if let Some(path) = theme_dir.map(|d| d.join("ui.toml")).filter(|p| p.is_file()) {
        let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        match crate::encoding::read_text(&path, &shown.to_string_lossy()) {
            Ok(text) => ui_strings(&shown, &text, &mut ui, problems),
            Err(d) => problems.push(d),
        }
    }
    ui
}

fn template_diagnostic(origins: &[Origin], e: &tera::Error) -> Diagnostic {
    use tera::ErrorKind;
    match e.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let origin = origins.iter().find(|o| o.name == report.filename());
            let span = report.span();
            let message = format!("template error: {}", report.message());
            match origin {
                Some(o) => Diagnostic::error(&o.shown, message).at(
                    &o.text,
                    span.start_line,
                    o.column(span.start_line, span.start_col + 1),
                ),
                None => Diagnostic::error(report.filename(), message),
            }
        }
        _ => {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(inner) = source {
                message.push_str(&format!(": {inner}"));
                source = inner.source();
            }
            // Validation errors arrive as a finished report: "error: MSG\n --> NAME:LINE:COL".
            if let Some((name, line, column)) = report_location(&message) {
                let text = message.lines().next().unwrap_or_default();
                let text = text.trim_start_matches("error: ");
                if let Some(o) = origins.iter().find(|o| o.name == name) {
                    return Diagnostic::error(&o.shown, format!("template error: {text}")).at(
                        &o.text,
                        line,
                        o.column(line, column),
                    );
                }
            }
            Diagnostic::new(
                Severity::Error,
                Location::Site("templates".into()),
                format!("template error: {message}"),
            )
        }
    }
}

/// The first ` --> NAME:LINE:COL` of a Tera report.
fn report_location(report: &str) -> Option<(&str, usize, usize)> {
    let at = report
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = at.rsplitn(3, ':');
    let column = parts.next()?.trim().parse().ok()?;
    let line = parts.next()?.trim().parse().ok()?;
    Some((parts.next()?, line, column))
}

/// Reads a flat `key = "string"` table of interface strings into `ui`.
fn ui_strings(
    shown: &Path,
    text: &str,
    ui: &mut BTreeMap<String, String>,
    problems: &mut Vec<Diagnostic>,
) {
    match toml::from_str::<BTreeMap<String, String>>(text) {
        Ok(strings) => ui.extend(strings),
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            problems.push(
                Diagnostic::error(shown, format!("bad interface strings: {}", e.message()))
                    .at_offset(text, offset),
            );
        }
    }
}

fn built_in_files(under: &str) -> Vec<(String, PathBuf, String)> {
    let mut out = Vec::new();
    if let Some(dir) = BUILT_IN.get_dir(under) {
        collect_embedded(dir, &mut |file| {
            let rel = file.path().strip_prefix(under).unwrap_or(file.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            let shown = Path::new("<built-in theme>").join(file.path());
            if let Some(text) = file.contents_utf8() {
                out.push((rel, shown, text.to_string()));
            }
        });
    }
    out.sort();
    out
}

/// The built-in theme's static files as served, made once per process for
/// each setting of `minify` (a site's rebuilds while serving reuse them).
fn built_in_assets(minify: bool) -> Vec<ThemeAsset> {
    static MADE: [OnceLock<Vec<ThemeAsset>>; 2] = [OnceLock::new(), OnceLock::new()];
    MADE[usize::from(minify)]
        .get_or_init(|| {
            let mut files = Vec::new();
            if let Some(dir) = BUILT_IN.get_dir("static") {
                collect_embedded(dir, &mut |file| files.push(file));
            }
            // Minifying is most of a small site's build: one file a thread.
            let mut out: Vec<ThemeAsset> = files
                .par_iter()
                .map(|file| {
                    let rel = file.path().strip_prefix("static").unwrap_or(file.path());
                    let rel = rel.to_string_lossy().replace('\\', "/");
                    // Checked by the tests: the built-in files always minify.
                    let bytes = super::minify::asset(&rel, file.contents(), minify)
                        .ok()
                        .flatten()
                        .unwrap_or_else(|| file.contents().to_vec());
                    ThemeAsset { rel, bytes }
                })
                .collect();
            out.sort_by(|a, b| a.rel.cmp(&b.rel));
            out
        })
        .clone()
}

/// A theme file as the site serves it (see [`super::minify`]): one that
/// cannot be read as CSS or JavaScript is served as written, with a warning.
fn served(
    rel: &str,
    shown: &Path,
    bytes: Vec<u8>,
    minify: bool,
    problems: &mut Vec<Diagnostic>,
) -> Vec<u8> {
    match super::minify::asset(rel, &bytes, minify) {
        Ok(Some(made)) => made,
        Ok(None) => bytes,
        Err(why) => {
            let message = format!("copied as it is, not minified: {}", why.message);
            let mut d = Diagnostic::warning(shown, message)
                .with_help("fix the file, or set `minify = false` under [build] in site.toml");
            if let (Some((line, column)), Ok(text)) = (why.at, std::str::from_utf8(&bytes)) {
                d = d.at(text, line, column);
            }
            problems.push(d);
            bytes
        }
    }
}

fn collect_embedded<'a>(dir: &'a Dir<'a>, f: &mut dyn FnMut(&'a include_dir::File<'a>)) {
    for file in dir.files() {
        f(file);
    }
    for sub in dir.dirs() {
        collect_embedded(sub, f);
    }
}

/// Text files under the walk's folder `under` as (name relative to it,
/// path shown, text).
fn read_dir_files(
    walk: &Walk,
    under: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf, String)> {
    let mut out = Vec::new();
    for (rel, path) in walk_files(walk, under, problems) {
        let shown = display_path(walk.root, &path);
        match crate::encoding::read_text(&path, &shown.to_string_lossy()) {
            Ok(text) => out.push((rel, shown, text)),
            Err(d) => problems.push(d),
        }
    }
    out
}

/// A theme's folders: links must stay inside the theme.
fn theme_walk<'a>(root: &'a Path, theme: &'a Path) -> Walk<'a> {
    Walk {
        boundary: theme,
        boundary_name: "the theme",
        root,
        skip: is_ignored,
    }
}

/// Files under the walk's folder `under`, as (name relative to it, path).
fn walk_files(walk: &Walk, under: &str, problems: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    let dir = walk.boundary.join(under);
    if !dir.is_dir() {
        return Vec::new();
    }
    walk.run(&dir, problems)
        .into_iter()
        .filter(|f| !f.is_dir)
        .map(|f| (f.rel, f.path))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_report_locations() {
        let report = "error: Unknown filter `x`\n --> guide.html:1:8\n  |\n1 | {{ a | x }}";
        assert_eq!(report_location(report), Some(("guide.html", 1, 8)));
    }
}
