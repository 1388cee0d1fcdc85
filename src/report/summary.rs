//! The Markdown job summary for GitHub Actions (`$GITHUB_STEP_SUMMARY`): the totals, a count
//! per lint and a table of findings, cut after `MAX_ROWS` rows.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use handbook_lints::LintMeta;

use super::{located, Totals};
use crate::runner::FileReport;

/// Rows of the findings table; the rest are counted below it.
pub const MAX_ROWS: usize = 50;

pub fn markdown(reports: &[FileReport], totals: &Totals) -> String {
    let mut out = format!("## handbook-lint\n\n{}\n", totals.summary());
    let mut per_lint: BTreeMap<&str, (&LintMeta, usize)> = BTreeMap::new();
    for found in located(reports) {
        per_lint
            .entry(found.d.lint.code)
            .or_insert((found.d.lint, 0))
            .1 += 1;
    }
    if per_lint.is_empty() {
        return out;
    }
    out.push_str("\n| lint | findings |\n|---|---:|\n");
    for (meta, n) in per_lint.values() {
        let _ = writeln!(out, "| {} `{}` | {n} |", meta.code, meta.name);
    }
    out.push_str("\n| where | lint | severity | message |\n|---|---|---|---|\n");
    for found in located(reports).take(MAX_ROWS) {
        let _ = writeln!(
            out,
            "| `{}:{}:{}` | {} | {} | {} |",
            found.path.replace('`', "'"),
            found.start.line,
            found.start.column,
            found.d.lint.code,
            found.d.severity.as_str(),
            cell(&found.d.message)
        );
    }
    if totals.findings > MAX_ROWS {
        let _ = writeln!(
            out,
            "\n{} more not shown; run `handbook-lint` locally for the full report.",
            totals.findings - MAX_ROWS
        );
    }
    out
}

/// Text that stays inside one table cell (`|` escaped even inside code spans, as GFM tables
/// want; GitHub sanitises any HTML).
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// Whether the tool runs in a GitHub Actions job.
pub fn in_github_actions() -> bool {
    std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true")
}

/// Under GitHub Actions, append the job summary to the file named by `GITHUB_STEP_SUMMARY`
/// (nothing otherwise).
pub fn append_to_github_step_summary(
    reports: &[FileReport],
    totals: &Totals,
) -> Result<(), String> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    if !in_github_actions() {
        return Ok(());
    }
    let path = std::path::PathBuf::from(path);
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .map_err(|e| format!("{}: cannot write the job summary: {e}", path.display()))?;
    std::io::Write::write_all(&mut file, markdown(reports, totals).as_bytes())
        .map_err(|e| format!("{}: cannot write the job summary: {e}", path.display()))
}
