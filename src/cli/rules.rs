//! `rules`: every lint with its code, name, default severity and fix availability.

use handbook_lints::lint::FixAvailability;
use handbook_lints::registry;

use super::{RulesFormat, EXIT_CLEAN};

pub(super) fn rules(format: RulesFormat) -> u8 {
    let out = match format {
        RulesFormat::Text => rules_text(),
        RulesFormat::Markdown => rules_markdown(),
        RulesFormat::Json => rules_json(),
    };
    print!("{out}");
    EXIT_CLEAN
}

fn fix_word(meta: &handbook_lints::LintMeta) -> &'static str {
    match meta.fix {
        FixAvailability::None => "no",
        FixAvailability::Sometimes => "sometimes",
        FixAvailability::Always => "yes",
    }
}

fn rules_text() -> String {
    let mut out = format!(
        "{:<6}  {:<26}  {:<8}  {:<9}  summary\n",
        "code", "name", "severity", "fix"
    );
    for meta in registry::metas() {
        out += &format!(
            "{:<6}  {:<26}  {:<8}  {:<9}  {}\n",
            meta.code,
            meta.name,
            meta.default_severity.as_str(),
            fix_word(meta),
            meta.summary()
        );
    }
    out
}

/// The lint table of the README, generated from the registry (a test keeps them equal).
pub fn rules_markdown() -> String {
    let mut out =
        String::from("| code | name | severity | fix | what it reports |\n|---|---|---|---|---|\n");
    for meta in registry::metas() {
        out += &format!(
            "| {} | `{}` | {} | {} | {} |\n",
            meta.code,
            meta.name,
            meta.default_severity.as_str(),
            fix_word(meta),
            meta.summary().replace('|', "\\|")
        );
    }
    out
}

fn rules_json() -> String {
    let rules: Vec<serde_json::Value> = registry::metas()
        .map(|m| {
            serde_json::json!({
                "code": m.code,
                "name": m.name,
                "severity": m.default_severity.as_str(),
                "fix": fix_word(m),
                "summary": m.summary(),
                "enabled": m.enabled_by_default,
                "markdownlint": m.markdownlint.map(|md| md.code),
            })
        })
        .collect();
    serde_json::to_string_pretty(&rules).unwrap_or_default() + "\n"
}
