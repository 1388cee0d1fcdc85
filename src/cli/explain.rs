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
    let hint = handbook_lints::suggest::did_you_mean(key, registry::metas().map(|m| m.name), 3);
    format!("unknown lint `{key}`{hint}; see `handbook-lint rules`")
}
