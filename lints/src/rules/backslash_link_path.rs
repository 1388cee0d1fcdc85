use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks for relative link and image destinations that use `\` as a path separator,
    /// such as `[Steps](publishing\identify-data)`.
    ///
    /// ## Why is this bad?
    /// A URL separates its path with `/`. Browsers on most systems keep a `\` in a relative
    /// URL or turn it into `%5C`, so the link leads nowhere on the published site. Worse,
    /// Markdown reads `\` before punctuation as an escape: `guides\_intro` is published as
    /// `guides_intro`, a different page. The destination is read from the file as written,
    /// so such escapes are seen.
    ///
    /// Links with a scheme (`https:`, `mailto:` …) are left alone, and so is text in code.
    ///
    /// ## Example
    /// ```markdown
    /// See [Identify data](publishing\identify-data).
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// See [Identify data](publishing/identify-data).
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces each run of separators that holds a `\` (`\`, `\\`, `\/`) with one
    /// `/`. It is safe: the author's intent is a path, and nothing else in the page changes.
    /// A Windows drive path (`C:\…`) is reported without a fix: no edit makes it a URL.
    pub BackslashLinkPath, "HB101", "backslash-link-path", Warning, Sometimes
}

impl Lint for BackslashLinkPath {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for link in &doc.links {
            let Some(dest) = link.dest else { continue };
            let raw = doc.slice(dest);
            if !raw.contains('\\') || doc.in_verbatim(link.span) {
                continue;
            }
            let what = if link.image { "image" } else { "link" };
            if is_drive_path(raw) {
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        dest,
                        format!("{what} points to a Windows drive path"),
                    )
                    .with_label("a file on someone's computer")
                    .with_help("link to a page or file of the site with a relative `/` path"),
                );
                continue;
            }
            if has_scheme(raw) {
                continue;
            }
            let runs = separator_runs(raw, dest.start, |at| doc.in_liquid(at));
            let Some(first) = runs.first() else { continue };
            let fixed: String = {
                let mut s = raw.to_string();
                for run in runs.iter().rev() {
                    s.replace_range(run.start - dest.start..run.end - dest.start, "/");
                }
                s
            };
            let edits = runs.iter().map(|r| Edit::replace(*r, "/")).collect();
            out.push(
                Diagnostic::new(
                    &Self::META,
                    *first,
                    format!("{what} path uses `\\` as a separator"),
                )
                .with_label("`\\` here")
                .with_help(format!("write the path with `/`: `{fixed}`"))
                .with_fix(Fix::safe(
                    format!("Replace `\\` with `/`: `{fixed}`"),
                    edits,
                )),
            );
        }
    }
}

/// `c:\…` or `C:/…`: a drive letter, not a URL scheme.
fn is_drive_path(raw: &str) -> bool {
    let b = raw.as_bytes();
    b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'\\' | b'/')
}

/// `scheme:` as in RFC 3986 (two characters at least, so that a drive letter is not one).
fn has_scheme(raw: &str) -> bool {
    let name_len = raw
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        .count();
    name_len >= 2 && raw.as_bytes()[0].is_ascii_alphabetic() && raw[name_len..].starts_with(':')
}

/// Maximal runs of `\` and `/` that hold at least one `\`, as spans of the file. A `\` that
/// escapes a parenthesis, angle bracket or blank is Markdown syntax, not a separator, and
/// a `\` inside Liquid is Liquid's business.
fn separator_runs(raw: &str, base: usize, in_liquid: impl Fn(usize) -> bool) -> Vec<Span> {
    let b = raw.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' && b[i] != b'/' {
            i += 1;
            continue;
        }
        let start = i;
        let mut backslash = false;
        while i < b.len() && (b[i] == b'\\' || b[i] == b'/') {
            if b[i] == b'\\' {
                if matches!(b.get(i + 1), Some(b'(' | b')' | b'<' | b'>' | b' ')) {
                    break;
                }
                backslash = true;
            }
            i += 1;
        }
        if backslash && !in_liquid(base + start) {
            runs.push(Span::new(base + start, base + i));
        }
        i = i.max(start + 1);
    }
    runs
}
