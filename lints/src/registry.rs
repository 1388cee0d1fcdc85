//! Every lint, in code order. Adding a lint is adding its file and one line here.

use crate::lint::{Lint, LintMeta, SiteLint};
use crate::rules::*;

/// Lints that read one page.
pub static LINTS: &[&dyn Lint] = &[
    &UnusedSuppression,
    &BackslashLinkPath,
    &InvalidMailto,
    &MissingFrontMatter,
    &InvalidFrontMatter,
    &MalformedAttributeList,
];

/// Lints that read the site index.
pub static SITE_LINTS: &[&dyn SiteLint] = &[
    &BrokenRelativeLink,
    &BrokenLinkFragment,
    &BrokenExternalLink,
    &RedirectedLink,
    &InsecureLink,
    &UnverifiableLink,
];

/// The lint named by `key`: a code (`HB101`, any case) or a name (`backslash-link-path`).
pub fn find(key: &str) -> Option<&'static LintMeta> {
    metas().find(|m| m.is_named(key))
}

/// Every lint's metadata, in code order.
pub fn metas() -> impl Iterator<Item = &'static LintMeta> {
    let mut all: Vec<&'static LintMeta> = LINTS
        .iter()
        .map(|l| l.meta())
        .chain(SITE_LINTS.iter().map(|l| l.meta()))
        .collect();
    all.sort_by_key(|m| m.code);
    all.into_iter()
}

/// markdownlint rules that check the same thing as one of ours: `(MD code, markdownlint name,
/// our code)`. A project's `.markdownlint.*` settings and `markdownlint-disable` comments for
/// these rules apply to ours.
pub static MARKDOWNLINT_EQUIVALENTS: &[(&str, &str, &str)] =
    &[("MD051", "link-fragments", "HB104")];

/// Our lint that checks what the markdownlint rule `key` (code `MD051` or name
/// `link-fragments`, any case) checks.
pub fn find_markdownlint(key: &str) -> Option<&'static LintMeta> {
    MARKDOWNLINT_EQUIVALENTS
        .iter()
        .find(|(code, name, _)| code.eq_ignore_ascii_case(key) || name.eq_ignore_ascii_case(key))
        .and_then(|(_, _, ours)| find(ours))
}

/// The lints that read the online checker's verdicts: the tool checks external links only
/// when one of them runs.
pub fn is_external_lint(meta: &LintMeta) -> bool {
    [
        &BrokenExternalLink::META,
        &RedirectedLink::META,
        &InsecureLink::META,
        &UnverifiableLink::META,
    ]
    .iter()
    .any(|m| m.code == meta.code)
}

/// " (did you mean `x`?)" for the lint closest to `key` by name or code, or our lint for a
/// markdownlint rule, or "".
pub fn suggest(key: &str) -> String {
    if let Some(ours) = find_markdownlint(key) {
        return format!(" (markdownlint's name; ours is `{}`)", ours.name);
    }
    let names = closest(key, metas().map(|m| m.name.to_string()), 3);
    let code = closest(
        &key.to_ascii_uppercase(),
        metas().map(|m| m.code.to_string()),
        1,
    );
    match names.or(code) {
        Some(best) => format!(" (did you mean `{best}`?)"),
        None => String::new(),
    }
}

/// The candidate nearest to `key`, if within `limit` edits.
pub fn closest(
    key: &str,
    candidates: impl Iterator<Item = String>,
    limit: usize,
) -> Option<String> {
    candidates
        .map(|c| (crate::site_index::distance(key, &c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}
