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
    /// Destinations of reference definitions (`[r]: dir\page`) are read the same way. Links
    /// with a scheme (`https:`, `mailto:` …) are left alone, and so is text in code.
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
    /// `/`. It is safe when the published link keeps its meaning: browsers already read `\`
    /// as `/`. It is unsafe when the `\` escapes the punctuation after it (`media\_guide` is
    /// published as `media_guide`, and the fix makes it `media/_guide`). A Windows drive path
    /// (`C:\…`) or a network share (`\\server\share`) is reported without a fix: no edit
    /// makes it a link of the site.
    pub BackslashLinkPath {
        code: "HB101",
        name: "backslash-link-path",
        severity: Warning,
        fix: Sometimes,
        group: Links,
        enabled: true,
        phase: Page,
    }
}

impl Lint for BackslashLinkPath {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        // Every destination is written in the page: a page without `\\` has none to report.
        if memchr::memchr(b'\\', doc.text().as_bytes()).is_none() {
            return;
        }
        // Inline destinations, then reference definitions (`[r]: dir\\page`), each once. The
        // published address of a definition (its first link's) is looked up only for a
        // finding: a search of the links for every definition was quadratic.
        let inline = doc.links.iter().filter_map(|l| {
            let what = if l.image { "image" } else { "link" };
            l.dest
                .filter(|_| !doc.in_verbatim(l.span))
                .map(|d| (d, Ok(l.url.as_str()), what))
        });
        let defined = doc
            .definitions
            .iter()
            .enumerate()
            .map(|(i, d)| (d.dest, Err(i), "link"));
        for (dest, url, what) in inline.chain(defined) {
            let raw = doc.slice(dest);
            if !raw.contains('\\') {
                continue;
            }
            let url: &str = url.unwrap_or_else(|i| {
                doc.links
                    .iter()
                    .find(|l| l.definition == Some(i))
                    .map_or("", |l| l.url.as_str())
            });
            if let Some(place) = local_path(raw) {
                out.push(
                    Diagnostic::new(&Self::META, dest, format!("{what} points to {place}"))
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
            let mut fixed = raw.to_string();
            for run in runs.iter().rev() {
                fixed.replace_range(run.span.start - dest.start..run.span.end - dest.start, "/");
            }
            let edits = runs.iter().map(|r| Edit::replace(r.span, "/")).collect();
            let title = format!("Replace `\\` with `/`: `{fixed}`");
            let fix = if runs.iter().any(|r| r.escapes_next) {
                Fix::unsafe_(title, edits)
            } else {
                Fix::safe(title, edits)
            };
            let help = if fix.applicability == crate::Applicability::Unsafe {
                format!(
                    "Markdown reads `\\` before punctuation as an escape, so the link is published as `{url}`; write the path you mean with `/`: `{fixed}`"
                )
            } else {
                format!("write the path with `/`: `{fixed}`")
            };
            out.push(
                Diagnostic::new(
                    &Self::META,
                    first.span,
                    format!("{what} path uses `\\` as a separator"),
                )
                .with_label("`\\` here")
                .with_help(help)
                .with_fix(fix),
            );
        }
    }
}

/// `c:\…` (a drive letter, not a URL scheme) or `\\server\share` (a network share): a
/// file on someone's computer, which no edit turns into a link of the site.
fn local_path(raw: &str) -> Option<&'static str> {
    let b = raw.as_bytes();
    if b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'\\' | b'/') {
        Some("a Windows drive path")
    } else if raw.starts_with("\\\\") {
        Some("a network share")
    } else {
        None
    }
}

/// `scheme:` as in RFC 3986 (two characters at least, so that a drive letter is not one).
fn has_scheme(raw: &str) -> bool {
    let name_len = raw
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        .count();
    name_len >= 2 && raw.as_bytes()[0].is_ascii_alphabetic() && raw[name_len..].starts_with(':')
}

/// A run of path separators that holds at least one `\`.
struct Run {
    span: Span,
    /// The run's last `\` escapes the punctuation after it (`dir\_x`): Markdown publishes
    /// `dir_x` today, so turning the `\` into `/` changes the link.
    escapes_next: bool,
}

/// Maximal runs of `\` and `/` that hold at least one `\`, as spans of the file. A `\` that
/// escapes a parenthesis, angle bracket or blank is Markdown syntax, not a separator, and
/// a `\` inside Liquid is Liquid's business.
fn separator_runs(raw: &str, base: usize, in_liquid: impl Fn(usize) -> bool) -> Vec<Run> {
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
            let trailing = b[start..i]
                .iter()
                .rev()
                .take_while(|c| **c == b'\\')
                .count();
            let escapes_next = trailing % 2 == 1 && b.get(i).is_some_and(u8::is_ascii_punctuation);
            runs.push(Run {
                span: Span::new(base + start, base + i),
                escapes_next,
            });
        }
        i = i.max(start + 1);
    }
    runs
}
