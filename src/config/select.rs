//! Which lints run: selectors (a lint or a code prefix) in layers, as ruff resolves them.
//!
//! The layers are applied in order: markdownlint's settings, then the configuration file,
//! then the command line. In a layer, `select` (when given) starts over from nothing,
//! `extend-select` adds, `ignore` removes; when two selectors of one layer name the same
//! lint, the more specific one wins (a lint over `HB1`, `HB1` over `HB`), and `ignore` wins
//! a tie. A lint that no selector of a layer names keeps what the layers before it said.

use handbook_lints::{registry, LintMeta};

use super::{did_you_mean, Origin};

/// A lint, or every lint whose code starts with a prefix (`HB`, `HB1`, `HB10`).
#[derive(Clone, Debug)]
pub enum Selector {
    Lint(&'static LintMeta),
    Prefix(String),
}

impl Selector {
    /// Read a code, a name or a code prefix; unknown ones get the closest name.
    pub fn parse(s: &str) -> Result<Selector, String> {
        if let Some(meta) = registry::find(s) {
            return Ok(Selector::Lint(meta));
        }
        let upper = s.to_ascii_uppercase();
        let is_prefix = upper.starts_with("HB")
            && upper.len() < 5
            && upper[2..].bytes().all(|b| b.is_ascii_digit());
        if is_prefix {
            return if registry::metas().any(|m| m.code.starts_with(&upper)) {
                Ok(Selector::Prefix(upper))
            } else {
                Err(format!("`{s}` is the prefix of no lint code"))
            };
        }
        let hint = did_you_mean(s, registry::metas().map(|m| m.name));
        Err(format!(
            "unknown lint `{s}`{hint}; see `handbook-lint rules`"
        ))
    }

    pub fn matches(&self, meta: &LintMeta) -> bool {
        match self {
            Selector::Lint(m) => m.code == meta.code,
            Selector::Prefix(p) => meta.code.starts_with(p.as_str()),
        }
    }

    /// Longer prefixes are more specific; a lint is the most specific.
    fn specificity(&self) -> usize {
        match self {
            Selector::Lint(_) => usize::MAX,
            Selector::Prefix(p) => p.len(),
        }
    }

    /// As written in the effective configuration: a name, or a prefix.
    pub fn as_str(&self) -> &str {
        match self {
            Selector::Lint(m) => m.name,
            Selector::Prefix(p) => p,
        }
    }
}

/// One layer of selectors, each with where it came from.
#[derive(Debug, Default)]
pub struct Layer {
    pub select: Option<(Vec<(Selector, Origin)>, Origin)>,
    pub extend_select: Vec<(Selector, Origin)>,
    pub ignore: Vec<(Selector, Origin)>,
}

/// Whether `meta` runs after `layers`, and what decided it.
pub fn enabled(meta: &LintMeta, layers: &[Layer]) -> (bool, Origin) {
    let mut state = (meta.enabled_by_default, Origin::Default);
    for layer in layers {
        let best = |list: &mut dyn Iterator<Item = &(Selector, Origin)>| {
            list.filter(|(s, _)| s.matches(meta))
                .max_by_key(|(s, _)| s.specificity())
                .map(|(s, o)| (s.specificity(), o.clone()))
        };
        let selected = layer.select.as_ref().map(|(list, _)| list);
        let on = best(&mut selected.into_iter().flatten().chain(&layer.extend_select));
        let off = best(&mut layer.ignore.iter());
        state = match (on, off) {
            (Some((a, on)), Some((b, off))) => {
                if b >= a {
                    (false, off)
                } else {
                    (true, on)
                }
            }
            (Some((_, on)), None) => (true, on),
            (None, Some((_, off))) => (false, off),
            (None, None) => match &layer.select {
                Some((_, origin)) => (false, origin.clone()),
                None => state,
            },
        };
    }
    state
}
