//! `explain NAME`: the documentation of one lint.

use handbook_lints::registry;

use super::{usage_error, EXIT_CLEAN};

pub(super) fn explain(key: &str) -> u8 {
    match registry::find(key) {
        Some(meta) => {
            println!("# {} ({})\n", meta.name, meta.code);
            println!("Default severity: {}\n", meta.default_severity.as_str());
            print!("{}", meta.docs());
            EXIT_CLEAN
        }
        None => usage_error(&unknown_lint(key)),
    }
}

/// "unknown lint `x`", with the closest name when there is one.
fn unknown_lint(key: &str) -> String {
    let best = registry::metas()
        .map(|m| (handbook_lints::site_index::distance(key, m.name), m.name))
        .min()
        .filter(|(d, _)| *d <= 3);
    match best {
        Some((_, name)) => {
            format!("unknown lint `{key}` (did you mean `{name}`?); see `handbook-lint rules`")
        }
        None => format!("unknown lint `{key}`; see `handbook-lint rules`"),
    }
}
