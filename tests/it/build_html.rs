//! What Markdown becomes: built pages asserted on their HTML.

use crate::common::{self, main_of, TestSite};

const GUIDE_FM: &str = "---\ntitle: Generators\ndescription: Lazy sequences.\ndifficulty: beginner\ntags: [python]\n---\n";

fn guide(body: &str) -> String {
    format!("{GUIDE_FM}{body}")
}

#[test]
fn headings_get_github_ids_and_permalinks() {
    let site = TestSite::new(&[(
        "content/python/gen.md",
        &guide("## Why `yield` matters\n\n## Setup\n\n## Setup\n\n### Q: What is a generator?\n\n## Custom {#my-id}\n\n## C++ & Rust: a-b\n"),
    )]);
    site.build_ok();
    let html = site.read("python/gen/index.html");
    for id in [
        "why-yield-matters",
        "setup",
        "setup-1",
        "q-what-is-a-generator",
        "my-id",
        "c--rust-a-b",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "missing id {id}");
        assert!(
            html.contains(&format!("href=\"#{id}\"")),
            "missing permalink to {id}"
        );
    }
}

#[test]
fn table_of_contents_nests_level_three_under_level_two() {
    let site = TestSite::new(&[(
        "content/g.md",
        &guide("## One\n\n### One point one\n\n## Two\n"),
    )]);
    site.build_ok();
    let html = site.read("g/index.html");
    let toc_start = html.find("class=\"toc\"").expect("a toc");
    let toc = &html[toc_start..];
    let (one, inner, two) = (
        toc.find("href=\"#one\"").unwrap(),
        toc.find("href=\"#one-point-one\"").unwrap(),
        toc.find("href=\"#two\"").unwrap(),
    );
    assert!(one < inner && inner < two);
    // The nested entry sits in a list inside the first entry.
    let between = &toc[one..inner];
    assert!(
        between.contains("<ol") || between.contains("<ul"),
        "{between}"
    );
}

#[test]
fn github_alerts_become_callouts() {
    let body = "> [!NOTE]\n> n\n\n> [!TIP]\n> t\n\n> [!IMPORTANT]\n> i\n\n> [!WARNING]\n> w\n\n> [!CAUTION]\n> c\n\n> plain quote\n";
    let site = TestSite::new(&[("content/g.md", &guide(body))]);
    site.build_ok();
    let html = site.read("g/index.html");
    for (kind, title) in [
        ("note", "Note"),
        ("tip", "Tip"),
        ("important", "Important"),
        ("warning", "Warning"),
        ("caution", "Caution"),
    ] {
        assert!(
            html.contains(&format!("<div class=\"callout callout-{kind}\" role=\"note\"><p class=\"callout-title\">{title}</p>")),
            "no {kind} callout"
        );
    }
    assert!(html.contains("<blockquote>\n<p>plain quote</p>"));
}

#[test]
fn words_written_into_pages_come_from_the_interface_strings() {
    let french = "title = \"T\"\nlanguage = \"fr\"\n\n[ui]\nheading_link = \"Lien vers « cette » section\"\ncallout_note = \"Remarque\"\ncallout_caution = \"Attention <!>\"\ndifficulty_beginner = \"Débutant\"\ndate_format = \"{day} {month} {year}\"\nmonth_5 = \"mai\"\n";
    let body = "## Intro\n\n> [!NOTE]\n> n\n\n> [!CAUTION]\n> c\n\n### Q: Why?\n\nBecause.\n\n> [!NOTE]\n> In the answer.\n\n## Asked {.faq}\n\n### Is it?\n\n> [!NOTE]\n> In an FAQ answer.\n\n## Read [more](https://example.com/)\n\nText.\n";
    let site = TestSite::new(&[
        ("site.toml", french),
        (
            "content/g.md",
            &format!("---\ntitle: G\ndifficulty: beginner\ndate: 2026-05-01\n---\n{body}"),
        ),
    ]);
    site.build_ok();
    let html = site.read("g/index.html");
    // A heading's text becomes its permalink in the browser (syllabus.js):
    // the HTML carries its id once...
    assert!(html.contains("<h2 id=\"intro\">Intro</h2>"), "{html}");
    // ...unless it holds a link: then a `#` link named by the label follows it.
    assert!(
        html.contains(
            "more</a><a class=\"anchor\" href=\"#read-more\" aria-label=\"Lien vers « cette » section\">#</a></h2>"
        ),
        "{html}"
    );
    assert!(html.contains("<p class=\"callout-title\">Remarque</p>"));
    assert!(html.contains("<p class=\"callout-title\">Attention &lt;!&gt;</p>"));
    assert!(html.contains(">Débutant</span>"));
    assert!(html.contains("<time datetime=\"2026-05-01\">1 mai 2026</time>"));
    assert!(!html.contains(">Note</p>"), "untranslated callout");
    // FAQ answers are written apart from the page, for their own page.
    let faq = site.read("g/faq/index.html");
    assert!(
        faq.contains("<p class=\"callout-title\">Remarque</p>\n<p>In an FAQ answer.</p>"),
        "{faq}"
    );
    assert!(!faq.contains(">Note</p>"));
}

#[test]
fn code_is_highlighted_with_classes_line_numbers_and_marked_lines() {
    let body = "```python {linenos=true hl_lines=\"2\"}\ndef f():\n    return \"s\"\n```\n\n```no-such-lang\n<b>x</b>\n```\n\n```typescript\nconst x: number = 1;\n```\n";
    let site = TestSite::new(&[("content/g.md", &guide(body))]);
    let report = site.build_ok();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let html = site.read("g/index.html");
    assert!(html.contains("<div class=\"code-block\" data-lang=\"python\"><pre class=\"code hl-code has-line-numbers\"><code class=\"language-python\">"));
    // `def` is coloured: a flat span whose class the stylesheet defines.
    let def = html.find(">def").expect("the keyword is in a span");
    let class = html[..def]
        .rsplit("<span class=")
        .next()
        .unwrap()
        .split('>')
        .next()
        .unwrap()
        .to_string();
    assert!(
        class.len() <= 2 && class.chars().all(|c| c.is_ascii_alphabetic()),
        "a short class named by the themes' rules: {class}"
    );
    assert!(html.contains(
        "<span class=\"line hl\"><span class=\"line-number\" aria-hidden=\"true\">2</span>"
    ));
    assert!(
        html.contains("&lt;b&gt;x&lt;/b&gt;"),
        "unknown language is escaped plain text"
    );
    let ts = &html[html.find("class=\"language-typescript\"").unwrap()..];
    assert!(
        ts[..ts.find("</code>").unwrap()].contains("<span class="),
        "TypeScript has a grammar"
    );
    let css = site.read("highlight.css");
    assert_eq!(
        css.matches(&format!(".hl-code .{class}{{color:")).count(),
        3,
        "light, system dark and forced dark rules"
    );
    assert!(css.contains("prefers-color-scheme: dark"));
}

#[test]
fn unknown_fence_option_is_a_warning_with_location() {
    let site = TestSite::new(&[(
        "content/g.md",
        &guide("Text.\n\n```python {colour=red}\nx = 1\n```\n"),
    )]);
    let report = site.build_ok();
    let shown: Vec<String> = report.warnings.iter().map(|d| d.to_string()).collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(
        shown[0].starts_with("content/g.md:9:1: warning: unknown code block option `colour`"),
        "{}",
        shown[0]
    );
}

#[test]
fn reading_time_and_word_count() {
    let words = "word ".repeat(450);
    let site = TestSite::new(&[("content/g.md", &guide(&words))]);
    site.build_ok();
    let html = site.read("g/index.html");
    assert!(
        html.contains("3 min read"),
        "450 words at 200 wpm round up to 3 minutes"
    );
    assert!(html.contains("450 words"));
}

#[test]
fn tables_footnotes_strikethrough_and_task_lists() {
    let body = "| a | b |\n| - | - |\n| 1 | 2 |\n\nText[^1].\n\n[^1]: A note.\n\n~~old~~\n\n- [x] done\n- [ ] todo\n";
    let site = TestSite::new(&[("content/g.md", &guide(body))]);
    site.build_ok();
    let html = site.read("g/index.html");
    assert!(html.contains("<div class=\"table-wrap\"><table>"));
    assert!(html.contains("class=\"footnote-reference\""));
    assert!(html.contains("<del>old</del>"));
    assert!(html.contains("type=\"checkbox\""));
}

#[test]
fn section_and_home_pages_list_guides() {
    // sql/ has an _index.md and two weighted guides; python/ has none.
    let site = TestSite::fixture("build_html/sections");
    site.build_ok();
    let section = site.read("sql/index.html");
    assert!(section.contains("About SQL."));
    let (indexes, joins) = (
        section.find("Indexes").unwrap(),
        section.find("Joins").unwrap(),
    );
    assert!(indexes < joins, "weight orders guides");
    assert!(
        section.contains("Combining tables.")
            && section.contains("intermediate")
            && section.contains("min read")
    );
    assert!(
        section.contains("href=\"joins/\""),
        "relative link to the guide"
    );
    let home = site.read("index.html");
    assert!(home.contains("Home text."));
    assert!(home.contains("href=\"sql/\"") && home.contains("href=\"sql/joins/\""));
    // A folder without _index.md is still a section, titled after the folder.
    assert!(site.read("python/index.html").contains("Python"));
}

#[test]
fn links_to_sources_become_relative_urls() {
    // Links of every kind between content/_index.md, content/sql/joins.md
    // (slug `joins-explained`) and content/python/gen.md, to a co-located
    // image and to a file of static/.
    let site = TestSite::fixture("build_html/links");
    site.build_ok();
    let joins = site.read("sql/joins-explained/index.html");
    for href in [
        "../../python/gen/#q-why",
        "#inner",
        "../diagram.png",
        "../../python/",
        "https://example.org/x.md",
    ] {
        assert!(
            joins.contains(&format!("href=\"{href}\"")),
            "missing {href}"
        );
    }
    assert!(joins.contains("src=\"../diagram.png\""));
    assert!(site
        .read("python/gen/index.html")
        .contains("href=\"../../sql/joins-explained/\""));
    let home = site.read("index.html");
    assert!(
        home.contains("href=\"sql/joins-explained/#inner\"")
            && home.contains("href=\"img/logo.svg\"")
    );
    assert_eq!(site.read("sql/diagram.png"), "png");
    assert_eq!(site.read("img/logo.svg"), "<svg/>");
    // Pages reach the theme's files relatively, so the site works from a sub-path.
    assert!(joins.contains("href=\"../../style.css"));
}

#[test]
fn broken_links_and_anchors_are_errors_at_their_location() {
    let site = TestSite::new(&[
        (
            "content/a.md",
            "---\ntitle: A\n---\n## Real\n\n[x](b.md#nope) and [y](missing.md)\n\n[z](#rael)\n",
        ),
        ("content/b.md", "---\ntitle: B\n---\n## Here\n"),
    ]);
    let errors = site.build_errors();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(errors[0].starts_with("content/a.md:6:1: error: link to `b.md#nope`: content/b.md has no heading with the id `nope`"), "{}", errors[0]);
    // Checked after the page's body is gone from memory: the line was
    // kept when the link was found.
    assert!(
        errors[0].contains("[x](b.md#nope) and [y](missing.md)"),
        "the offending line is shown: {}",
        errors[0]
    );
    assert!(
        errors[1].starts_with(
            "content/a.md:6:20: error: link to `missing.md`: there is no page content/missing.md"
        ),
        "{}",
        errors[1]
    );
    assert!(
        errors[2].contains("content/a.md:8:1") && errors[2].contains("did you mean `#real`?"),
        "{}",
        errors[2]
    );
    // As the binary prints them: each under its source line, then a summary.
    let out = site.run(&["build"]);
    let err = site.redact(&common::stderr(&out));
    assert_eq!(out.status.code(), Some(1), "{err}");
    insta::assert_snapshot!("broken_links_stderr", err);
}

#[test]
fn a_page_many_links_point_into_has_each_anchor_checked() {
    // Six links from two pages into b.md (its ids are then looked up in a
    // set, not one by one): the two broken ones are reported where written.
    let links = "[1](b.md#one) [2](b.md#two) [3](b.md#thre)\n\n[4](b.md#three)\n";
    let site = TestSite::new(&[
        ("content/a.md", &format!("---\ntitle: A\n---\n{links}")),
        (
            "content/c.md",
            "---\ntitle: C\n---\n[5](b.md#one) [6](b.md#fourr)\n",
        ),
        (
            "content/b.md",
            "---\ntitle: B\n---\n## One\n\n## Two\n\n## Three\n\n## Four\n",
        ),
    ]);
    let errors = site.build_errors();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].starts_with("content/a.md:4:29: error: link to `b.md#thre`")
            && errors[0].contains("(did you mean `#three`?)"),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].starts_with("content/c.md:4:15: error: link to `b.md#fourr`")
            && errors[1].contains("(did you mean `#four`?)"),
        "{}",
        errors[1]
    );
}

#[test]
fn a_hash_in_a_linked_file_name_is_written_encoded() {
    let site = TestSite::new(&[
        ("content/c#.md", &guide("## Pointers\n")),
        (
            "content/a.md",
            &guide("[ok](c%23.md#pointers)\n\n[bad](c#.md)\n\n[no](c%23.md#nope)\n"),
        ),
    ]);
    let errors = site.build_errors();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].starts_with(
            "content/a.md:9:1: error: link to `c`: there is no file c in content/ \
             (in a link, a file name's `#` is written `%23` and `?` `%3F`: `c%23.md`)"
        ),
        "{}",
        errors[0]
    );
    // The anchor is still split off an encoded name, and checked.
    assert!(
        errors[1].starts_with("content/a.md:11:1: error: link to `c%23.md#nope`: content/c#.md has no heading with the id `nope`"),
        "{}",
        errors[1]
    );
}

#[test]
fn markdown_is_never_run_through_templates() {
    let body = "Write `{{ user.name }}` and {{ x }} and {% cache 500 sidebar %}.\n\n```html\n{% if user %}{{ user }}{% endif %}\n```\n";
    let site = TestSite::new(&[("content/g.md", &guide(body))]);
    site.build_ok();
    let html = site.read("g/index.html");
    assert!(html.contains("{{ x }}") && html.contains("{% cache 500 sidebar %}"));
    assert!(html.contains("<code>{{ user.name }}</code>"));
    assert!(html.contains("{{") && html.contains("endif"));
}

#[test]
fn site_templates_override_whole_templates_and_single_blocks() {
    let site = TestSite::new(&[
        ("content/g.md", &guide("Body.\n")),
        ("templates/guide.html", "{% extends \"theme/guide.html\" %}{% block footer %}<p>Custom footer</p>{% endblock footer %}"),
        ("templates/404.html", "<!doctype html><title>gone</title><p>Nothing at {{ path }}</p>"),
    ]);
    site.build_ok();
    let html = site.read("g/index.html");
    assert!(
        html.contains("<p>Custom footer</p>"),
        "block override applied"
    );
    assert!(
        html.contains("<h1>Generators</h1>") || html.contains(">Generators</h1>"),
        "rest of the theme kept"
    );
    assert_eq!(
        site.read("404.html"),
        "<!doctype html><title>gone</title><p>Nothing at /404.html</p>"
    );
}

#[test]
fn a_named_theme_is_used_and_falls_back_to_the_built_in_one() {
    let site = TestSite::new(&[
        ("site.toml", "title = \"T\"\ntheme = \"plain\"\n"),
        ("content/g.md", &guide("Body.\n")),
        (
            "themes/plain/templates/guide.html",
            "<!doctype html><title>{{ guide.title }}</title>{{ guide.content | safe }}",
        ),
        ("themes/plain/static/plain.css", "body{margin:0}"),
    ]);
    site.build_ok();
    assert!(site
        .read("g/index.html")
        .starts_with("<!doctype html><title>Generators</title>"));
    assert_eq!(site.read("plain.css"), "body{margin:0}");
    assert!(
        site.read("index.html").contains("class=\"site-header\""),
        "home falls back to the built-in theme"
    );
}

#[test]
fn theme_stylesheets_and_scripts_are_minified_unless_switched_off() {
    let site = TestSite::new(&[
        ("site.toml", "title = \"T\"\ntheme = \"plain\"\n"),
        ("content/g.md", &guide("Body.\n")),
        (
            "themes/plain/static/plain.css",
            "/* the plain theme */\nbody {\n  margin: 0 auto;\n  max-width: calc(100% - 2rem);\n}\n",
        ),
        (
            "themes/plain/static/plain.js",
            "// greet\nfunction greet(name) {\n  return \"Hi, \" + name;\n}\n",
        ),
    ]);
    site.build_ok();
    assert_eq!(
        site.read("plain.css"),
        "body{max-width:calc(100% - 2rem);margin:0 auto}"
    );
    assert_eq!(
        site.read("plain.js"),
        "function greet(name){return\"Hi, \"+name;}"
    );
    let style = site.read("style.css");
    assert!(
        !style.contains("\n  ") && !style.contains("/*"),
        "built-in stylesheet minified"
    );
    assert!(
        !style.contains("light-dark("),
        "written for older browsers too"
    );

    site.write(
        "site.toml",
        "title = \"T\"\ntheme = \"plain\"\n\n[build]\nminify = false\n",
    );
    site.build_ok();
    assert!(site
        .read("plain.css")
        .contains("max-width: calc(100% - 2rem);\n"));
    assert!(site
        .read("plain.js")
        .starts_with("// greet\nfunction greet(name) {\n"));
    assert_eq!(
        site.read("syllabus.js"),
        std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("themes/default/static/syllabus.js")
        )
        .unwrap(),
        "the built-in script as written"
    );
    assert!(
        site.read("style.css").contains("\n  "),
        "readable stylesheet"
    );
}

#[test]
fn templates_lose_their_indentation_unless_minify_is_off() {
    let page = "{% extends \"theme/guide.html\" %}\n{% block content %}\n  <div class=\"note\">\n    <p>One\n      two</p>\n    <pre>\n  kept\n    as written</pre>\n  </div>\n{% endblock content %}\n";
    let site = TestSite::new(&[
        ("content/g.md", &guide("Body.\n")),
        ("templates/guide.html", page),
    ]);
    site.build_ok();
    let html = site.read("g/index.html");
    assert!(
        html.contains(
            "<div class=\"note\">\n<p>One\ntwo</p>\n<pre>\n  kept\n    as written</pre>\n</div>"
        ),
        "{html}"
    );
    let outside_pre = html.replace("\n  kept\n    as written", "");
    assert!(
        !outside_pre.contains("\n "),
        "no other line starts with spaces: {html}"
    );

    site.write("site.toml", "title = \"T\"\n\n[build]\nminify = false\n");
    site.build_ok();
    let html = site.read("g/index.html");
    assert!(
        html.contains("\n  <div class=\"note\">\n    <p>One\n      two</p>"),
        "{html}"
    );
    assert!(
        html.contains("\n  <header class=\"site-header\">")
            || html.contains("\n    <a class=\"brand\""),
        "the theme's templates as written too"
    );
}

#[test]
fn an_error_in_an_indented_template_line_names_its_column_in_the_file() {
    let page = "{% extends \"theme/guide.html\" %}\n{% block content %}\n      <p>{{ guide.extra.nothing.here }}</p>\n{% endblock content %}\n";
    let site = TestSite::new(&[
        ("content/g.md", &guide("Body.\n")),
        ("templates/guide.html", page),
    ]);
    let minified = common::stderr(&site.run(&["build"]));
    site.write("site.toml", "title = \"T\"\n\n[build]\nminify = false\n");
    let readable = common::stderr(&site.run(&["build"]));
    let at = |err: &str| {
        let from = err.find("templates/guide.html:").expect(err);
        err[from..].split_whitespace().next().unwrap().to_string()
    };
    assert_eq!(at(&minified), at(&readable), "{minified}\n{readable}");
    assert!(
        at(&minified).starts_with("templates/guide.html:3:25:"),
        "{minified}"
    );
}

#[test]
fn a_theme_stylesheet_that_does_not_parse_is_copied_with_a_warning() {
    let css = "a { color: red; }\n\nnav >> a { color: blue; }\n";
    let site = TestSite::new(&[
        ("site.toml", "title = \"T\"\ntheme = \"plain\"\n"),
        ("content/g.md", &guide("Body.\n")),
        ("themes/plain/static/broken.css", css),
    ]);
    let report = site.build_ok();
    assert_eq!(site.read("broken.css"), css);
    let warnings = common::render(&report.warnings);
    assert!(
        warnings.contains(
            "themes/plain/static/broken.css:3:6: warning: copied as it is, not minified: "
        ),
        "{warnings}"
    );
    assert!(
        warnings.contains("set `minify = false` under [build]"),
        "{warnings}"
    );
}

#[test]
fn a_misspelt_build_key_is_an_error_with_a_suggestion() {
    let site = TestSite::new(&[
        ("site.toml", "title = \"T\"\n\n[build]\nminfy = false\n"),
        ("content/g.md", &guide("x")),
    ]);
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(
        err.contains("site.toml:4:1: error: unknown key `minfy` in site.toml")
            && err.contains("did you mean `minify`?"),
        "{err}"
    );
}

#[test]
fn missing_theme_is_a_configuration_error() {
    let site = TestSite::new(&[
        ("site.toml", "title = \"T\"\ntheme = \"nope\"\n"),
        ("content/g.md", &guide("x")),
    ]);
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("theme `nope` not found"));
}

#[test]
fn template_errors_name_the_template_file() {
    let site = TestSite::new(&[
        ("content/g.md", &guide("x")),
        ("templates/guide.html", "line one\n{% if %}\n"),
    ]);
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    assert!(err.contains("templates/guide.html:2:"), "{err}");
}

#[test]
fn a_template_failing_on_one_page_of_many_names_that_page() {
    let video = "{% extends \"guide.html\" %}\n{% block content %}\n<video src=\"{{ guide.extra.video.url }}\"></video>\n{{ super() }}\n{% endblock content %}\n";
    let mut files = vec![("templates/video.html".to_string(), video.to_string())];
    for n in 0..40 {
        let video = if n == 17 {
            String::new()
        } else {
            format!("extra:\n  video:\n    url: https://example.org/{n}.mp4\n")
        };
        files.push((
            format!("content/django/guide-{n:02}.md"),
            format!("---\ntitle: Guide {n}\ntemplate: video.html\n{video}---\n\nText.\n"),
        ));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = TestSite::new(&files);
    let out = site.run(&["build"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with(
            "content/django/guide-17.md: error: template `video.html` failed while rendering this page, at templates/video.html:3:"
        ),
        "{err}"
    );
    assert!(err.contains("`video`"), "{err}");
    assert!(
        err.contains(
            "= help: the template's line is `<video src=\"{{ guide.extra.video.url }}\"></video>`"
        ),
        "{err}"
    );
    assert!(
        err.contains("failed with 1 error"),
        "only that page fails: {err}"
    );
    insta::assert_snapshot!("template_failing_on_one_page_stderr", site.redact(&err));
}

#[test]
fn a_template_failing_on_a_page_without_a_source_names_its_url() {
    let site = TestSite::new(&[
        ("content/g.md", &guide("x")),
        ("templates/tags.html", "{{ tags[0].missing.field }}\n"),
    ]);
    let out = site.run(&["build"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.starts_with("templates/tags.html:1:"), "{err}");
    assert!(
        err.contains("template error while rendering /tags/: "),
        "{err}"
    );
}

#[test]
fn the_binary_builds_and_reports_errors() {
    let site = TestSite::new(&[("content/g.md", &guide("Body.\n"))]);
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    assert!(common::stderr(&out).is_empty());
    site.write("content/bad.md", "---\ntitle: Bad\nweight: x\n---\n");
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    assert!(
        err.contains(
            "content/bad.md:3:9: error: wrong type for `weight`: found string \"x\", expected i64"
        ),
        "{err}"
    );
    assert!(
        err.contains(" 3 | weight: x"),
        "the offending line is shown: {err}"
    );
    insta::assert_snapshot!("wrong_type_stderr", site.redact(&err));
}

#[test]
fn hidden_host_files_in_static_are_copied_but_clutter_is_not() {
    let site = TestSite::new(&[
        ("content/g.md", &guide("x")),
        ("static/.nojekyll", ""),
        ("static/.well-known/security.txt", "Contact: x"),
        ("static/.DS_Store", "junk"),
        ("static/notes.txt~", "junk"),
    ]);
    site.build_ok();
    assert!(site.output().join(".nojekyll").is_file());
    assert_eq!(site.read(".well-known/security.txt"), "Contact: x");
    assert!(!site.output().join(".DS_Store").exists());
    assert!(!site.output().join("notes.txt~").exists());
}

#[test]
fn not_found_page_links_from_the_site_root() {
    let site = TestSite::new(&[
        (
            "site.toml",
            "title = \"T\"\nbase_url = \"https://example.org/docs/\"\n",
        ),
        ("content/sql/joins.md", &guide("x")),
    ]);
    site.build_ok();
    let page = site.read("404.html");
    assert!(
        page.contains("href=\"/docs/sql/\""),
        "nav from the site's path"
    );
    assert!(
        page.contains("href=\"/docs/style.css"),
        "assets from the site's path"
    );
    assert!(!page.contains("rel=\"canonical\""));
}

// ------------------------------------------------------------- raw HTML

/// The `build_html/raw-html-escape` fixture built: `content/c.md` holds
/// HTML and script URLs of every kind, a callout and a question (whose
/// markup the build adds itself), under `raw_html = "escape"`. Returns the
/// page from its h1 on, and what the build printed.
fn contributed_page() -> (TestSite, String, String) {
    let site = TestSite::fixture("build_html/raw-html-escape");
    let out = site.run(&["build"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let html = site.read("c/index.html");
    let body = html[html.find("<h1").unwrap()..].to_string();
    (site, body, err)
}

#[test]
fn raw_html_is_kept_by_default() {
    let site = TestSite::new(&[(
        "content/c.md",
        "---\ntitle: C\n---\n\nPress <kbd>Ctrl</kbd>.\n\n<div class=\"note\">\nBoxed\n</div>\n",
    )]);
    site.build_ok();
    let html = site.read("c/index.html");
    assert!(html.contains("Press <kbd>Ctrl</kbd>."), "{html}");
    assert!(
        html.contains("<div class=\"note\">\nBoxed\n</div>"),
        "{html}"
    );
}

#[test]
fn raw_html_escape_shows_tags_as_text() {
    let (site, body, _) = contributed_page();
    insta::assert_snapshot!("raw_html_escape_main", main_of(&site.read("c/index.html")));
    assert!(
        body.contains("<p>&lt;script&gt;alert('block')&lt;/script&gt;"),
        "{body}"
    );
    assert!(
        body.contains("&lt;div class=\"note\"&gt;\nBoxed &lt;b&gt;text&lt;/b&gt;\n&lt;/div&gt;"),
        "{body}"
    );
    assert!(
        body.contains(
            "Press &lt;kbd&gt;Ctrl&lt;/kbd&gt; or &lt;img src=x onerror=alert('inline')&gt;."
        ),
        "{body}"
    );
    assert!(
        body.contains("Because &lt;i&gt;others&lt;/i&gt; write here."),
        "{body}"
    );
    for tag in [
        "<script>alert",
        "<div class=\"note\">",
        "<kbd>",
        "<img src=x",
        "<i>others",
        "onclick",
    ] {
        assert!(!body.contains(tag), "`{tag}` survived:\n{body}");
    }
    // The build's own markup is untouched.
    assert!(
        body.contains("<div class=\"callout callout-note\""),
        "{body}"
    );
    assert!(body.contains("id=\"q-why-escape\""), "{body}");
    assert!(body.contains("<h1 id=\"intro\">"), "{body}");
}

#[test]
fn raw_html_escape_drops_script_urls_and_keeps_the_text() {
    let (site, body, err) = contributed_page();
    let lower = body.to_ascii_lowercase();
    for scheme in ["javascript:", "vbscript:", "data:text"] {
        assert!(
            !lower.contains(&format!("href=\"{scheme}"))
                && !lower.contains(&format!("src=\"{scheme}")),
            "a `{scheme}` URL survived:\n{body}"
        );
    }
    assert!(
        body.contains(
            "<p>plain and cased and entity and tabbed and javascript:alert(5) and vb and doc.</p>"
        ),
        "{body}"
    );
    assert!(
        body.contains("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"pixel\" />"),
        "{body}"
    );
    assert!(
        body.contains(" page</p>"),
        "the dropped image's alt text stays: {body}"
    );
    assert!(
        body.contains("<a href=\"https://example.org/a\">fine</a>"),
        "{body}"
    );
    assert!(
        body.contains("<a href=\"mailto:a@example.org\">mail</a>"),
        "{body}"
    );
    // Each dropped URL is a warning at its place.
    assert!(
        err.contains("content/c.md:15:1: warning: link to `javascript:alert(1)` shown as plain text: `raw_html = \"escape\"` drops URLs that can run script"),
        "{err}"
    );
    assert!(
        err.contains(
            "content/c.md:17:46: warning: image `data:text/html,hi` shown as its alt text"
        ),
        "{err}"
    );
    assert_eq!(err.matches(": warning: ").count(), 8, "{err}");
    insta::assert_snapshot!("raw_html_escape_warnings", site.redact(&err));
}

#[test]
fn raw_html_setting_is_checked() {
    let site = TestSite::new(&[
        (
            "site.toml",
            "title = \"T\"\n[markdown]\nraw_htm = \"escape\"\n",
        ),
        ("content/c.md", "---\ntitle: C\n---\n"),
    ]);
    let out = site.run(&["build"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("site.toml:3:1: error: unknown key `raw_htm`"),
        "{err}"
    );
    assert!(err.contains("did you mean `raw_html`?"), "{err}");
    insta::assert_snapshot!("raw_html_unknown_key_stderr", site.redact(&err));
    site.write(
        "site.toml",
        "title = \"T\"\n[markdown]\nraw_html = \"strip\"\n",
    );
    let out = site.run(&["build"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("site.toml:3:12: error: unknown variant `strip`, expected `keep` or `escape`"),
        "{err}"
    );
    insta::assert_snapshot!("raw_html_unknown_variant_stderr", site.redact(&err));
}

#[test]
fn pages_carry_only_the_interface_strings_their_scripts_use() {
    let site = TestSite::new(&[
        ("site.toml", "title = \"T\"\n[ui]\ncopy = \"Copier\"\n"),
        ("content/a.md", &guide("Text.")),
    ]);
    site.build_ok();
    let html = site.read("a/index.html");
    assert!(!html.contains("syl-ui"), "no page carries the strings");
    assert!(html.contains("<script src=\"../ui.js?v="), "{html}");
    let (_, strings) = site.ui_script("");
    let json = serde_json::Value::from(strings.clone());
    assert_eq!(
        strings.get("copy").and_then(|v| v.as_str()),
        Some("Copier"),
        "site overrides apply"
    );
    assert!(
        !strings.contains_key("month_1"),
        "template-only strings stay out: {json}"
    );
    let scripts: String = ["syllabus.js", "search.js"]
        .iter()
        .map(|f| std::fs::read_to_string(site.output().join(f)).unwrap())
        .collect();
    // Every string a script asks for by name (`t("key")`) is there.
    let mut asked = 0;
    for (at, _) in scripts.match_indices("t(\"") {
        let before = scripts[..at].chars().next_back().unwrap_or(' ');
        if before.is_alphanumeric() || "_$.".contains(before) {
            continue;
        }
        let rest = &scripts[at + 3..];
        let key = &rest[..rest.find('"').unwrap()];
        let found = match key.strip_suffix('_') {
            // A prefix the script completes, as in t("search_" + kind).
            Some(_) => strings.keys().any(|k| k.starts_with(key)),
            None => strings.contains_key(key),
        };
        assert!(found, "`{key}` is missing");
        asked += 1;
    }
    assert!(
        asked > 10,
        "the scripts ask for their strings with t(\"...\")"
    );
}
