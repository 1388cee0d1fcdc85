//! Every lint, in code order. Adding a lint is adding its file and one line here.

use crate::lint::{Lint, LintMeta};
use crate::rules::*;

pub static LINTS: &[&dyn Lint] = &[
    &BackslashLinkPath,
    &MissingFrontMatter,
    &InvalidFrontMatter,
    &MalformedAttributeList,
];

/// The lint named by `key`: a code (`HB101`, any case) or a name (`backslash-link-path`).
pub fn find(key: &str) -> Option<&'static dyn Lint> {
    LINTS.iter().copied().find(|l| l.meta().is_named(key))
}

pub fn metas() -> impl Iterator<Item = &'static LintMeta> {
    LINTS.iter().map(|l| l.meta())
}
