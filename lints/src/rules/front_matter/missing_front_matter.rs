use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::{Document, FrontMatter};
use crate::front_matter::{self, Split};
use crate::lint::{Context, Lint, LintMeta};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks for pages of the site that have no front matter.
    ///
    /// A page is a `.md` or `.markdown` file that Jekyll renders: not under `_site/`,
    /// `_includes/`, `_layouts/`, `vendor/` or `node_modules/`, not a file Jekyll skips by
    /// default, and not the repository's README, CHANGELOG or LICENSE at the site root.
    ///
    /// ## Why is this bad?
    /// Jekyll renders only files that start with a front matter block. Without one the file
    /// is copied to the site as raw Markdown, and just-the-docs leaves it out of the
    /// navigation: readers cannot find the page, and if they do, it is not rendered.
    ///
    /// ## Example
    /// ```markdown
    /// # Meeting notes
    ///
    /// Notes from the monthly data stewards meeting.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ---
    /// title: Meeting notes
    /// ---
    ///
    /// # Meeting notes
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts a front matter block whose `title` is the text of the first level-1
    /// heading, or the file name. When a byte-order mark hides a block that is there, the fix
    /// removes the mark instead, but only when Jekyll can read the block it uncovers (no fix
    /// otherwise: the help says where the YAML is wrong). Both are unsafe: they change what
    /// Jekyll publishes (the file becomes a rendered page listed in the navigation).
    pub MissingFrontMatter {
        code: "HB301",
        name: "missing-front-matter",
        severity: Warning,
        fix: Sometimes,
        group: FrontMatter,
        enabled: true,
        phase: Page,
    }
}

impl Lint for MissingFrontMatter {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        if !cx.file.is_page || !matches!(doc.front_matter, FrontMatter::Absent) {
            return;
        }
        let text = doc.text();
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let first_line = doc.lines.line_span(text, 1);
        let span = Span::new(bom, first_line.end.max(bom));
        if let (true, Split::Closed { yaml, .. }) = (bom > 0, front_matter::split(&text[bom..])) {
            let d = Diagnostic::new(
                &Self::META,
                span,
                "a byte-order mark hides the front matter",
            )
            .with_label("Jekyll sees a byte before `---`");
            // Without the mark Jekyll reads the block: only a block it can read is uncovered.
            let hidden = &text[bom + yaml.start..bom + yaml.end];
            out.push(match front_matter::parse_yaml(hidden, bom + yaml.start) {
                Ok(_) => d
                    .with_help("save the file as UTF-8 without a byte-order mark")
                    .with_fix(Fix::unsafe_(
                        "Remove the byte-order mark",
                        vec![Edit::delete(Span::new(0, bom))],
                    )),
                Err(e) => d.with_help(format!(
                    "save the file as UTF-8 without a byte-order mark, after making the block \
                     valid YAML (line {}: {})",
                    doc.lines.line_of(e.span.start),
                    e.message
                )),
            });
            return;
        }
        let title = first_h1(doc).unwrap_or_else(|| title_from_path(&cx.file.site_path));
        let nl = if text[first_line.end..].starts_with("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        let block = format!("---{nl}title: {}{nl}---{nl}", yaml_string(&title));
        out.push(
            Diagnostic::new(&Self::META, span, "page has no front matter")
                .with_label("Jekyll copies this file as is")
                .with_help(
                    "start the page with a front matter block (`---` lines) holding its `title`",
                )
                .with_fix(Fix::unsafe_(
                    format!("Insert front matter with `title: {title}`"),
                    // A byte-order mark would hide the new block too: the block replaces it.
                    vec![Edit::replace(Span::new(0, bom), block)],
                )),
        );
    }
}

/// The text of the first level-1 heading, without its markers.
fn first_h1(doc: &Document) -> Option<String> {
    let h = doc.headings.iter().find(|h| h.level == 1)?;
    let text = doc.slice(h.span);
    // A bare CR ends a line as LF does (classic Mac files).
    let line = text.split(['\n', '\r']).next().unwrap_or("");
    let line = if h.setext {
        line
    } else {
        line.trim_start()
            .trim_start_matches('#')
            .trim_end()
            .trim_end_matches('#')
    };
    let title = printable_title(line);
    (!title.is_empty()).then_some(title)
}

/// `s` with every run of blanks, control characters and Unicode line breaks made one space,
/// and trimmed: a title that YAML holds on one line and that Psych accepts.
fn printable_title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| {
            c.is_whitespace() || c.is_control() || matches!(c, '\u{feff}' | '\u{fffe}' | '\u{ffff}')
        })
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `guides/data-stories.md` -> `Data stories`
fn title_from_path(path: &str) -> String {
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.split('.').next().unwrap_or(file);
    let words = printable_title(&stem.replace(['-', '_'], " "));
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Untitled".to_string(),
    }
}

/// A YAML scalar for `s`: plain when that reads back as the same string, else double-quoted.
fn yaml_string(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_whitespace())
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "yes" | "no" | "on" | "off" | "true" | "false" | "null" | "~"
        )
        // Psych reads `2024-01-01` as a date and `0x1f` as a number: quote what starts
        // with a digit.
        && !s.starts_with(|c: char| c.is_ascii_digit())
        && s.parse::<f64>().is_err();
    if plain {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::apply_fixes;
    use crate::lint::FileInfo;
    use crate::rules::InvalidFrontMatter;
    use crate::{check, Applicability};

    /// The fixed text of `text`, checked by `invalid-front-matter`.
    fn fixed(text: &str) -> (String, usize) {
        let info = FileInfo {
            site_path: "docs/a\tpage.md".into(),
            is_page: true,
        };
        let (_, found) = check(text.to_string(), &info, &[&MissingFrontMatter]);
        let fixed = apply_fixes(text, &found, Applicability::Unsafe).text;
        let (_, invalid) = check(fixed.clone(), &info, &[&InvalidFrontMatter]);
        (fixed, invalid.len())
    }

    #[test]
    fn the_title_holds_one_printable_line() {
        // Classic Mac line endings: the setext heading ends at the bare CR.
        assert_eq!(
            fixed("Intro\r=====\r\rBody\r"),
            (
                "---\ntitle: Intro\n---\nIntro\r=====\r\rBody\r".to_string(),
                0
            )
        );
        // Control characters and Unicode line breaks, which Psych rejects, become blanks.
        let (text, invalid) = fixed("# A\u{1}B\u{2028}C\u{85}D\n");
        assert!(text.starts_with("---\ntitle: A B C D\n---\n"), "{text:?}");
        assert_eq!(invalid, 0);
        // A byte-order mark before a block Jekyll could not read is not removed.
        let (text, _) = fixed("\u{feff}---\ntitle: a: b\n---\n");
        assert!(text.starts_with('\u{feff}'), "{text:?}");
        let (text, invalid) = fixed("\u{feff}---\ntitle: a b\n---\n");
        assert_eq!((text.as_str(), invalid), ("---\ntitle: a b\n---\n", 0));
        // The file name gives the title when there is no heading.
        let (text, invalid) = fixed("Body\n");
        assert!(text.starts_with("---\ntitle: A page\n---\n"), "{text:?}");
        assert_eq!(invalid, 0);
        // What YAML would read as another type is quoted.
        let (text, _) = fixed("# 2024-01-01\n");
        assert!(
            text.starts_with("---\ntitle: \"2024-01-01\"\n---\n"),
            "{text:?}"
        );
    }
}
