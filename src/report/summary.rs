//! The Markdown job summary for GitHub Actions (`$GITHUB_STEP_SUMMARY`): the totals, a count
//! per lint and a table of findings, cut after `MAX_ROWS` rows.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use handbook_lints::LintMeta;

use super::{for_each_located, Totals};
use crate::runner::Reports;

/// Rows of the findings table; the rest are counted below it.
pub const MAX_ROWS: usize = 50;

pub fn markdown(reports: &Reports, totals: &Totals) -> std::io::Result<String> {
    let mut out = format!("## handbook-lint\n\n{}\n", totals.summary());
    let mut per_lint: BTreeMap<&str, (&LintMeta, usize)> = BTreeMap::new();
    let mut rows = String::new();
    let mut shown = 0;
    for_each_located(reports, |found| {
        per_lint
            .entry(found.d.lint.code)
            .or_insert((found.d.lint, 0))
            .1 += 1;
        if shown < MAX_ROWS {
            shown += 1;
            let _ = writeln!(
                rows,
                "| `{}:{}:{}` | {} | {} | {} |",
                code_cell(found.path),
                found.start.line,
                found.start.column,
                found.d.lint.code,
                found.d.severity.as_str(),
                cell(&found.d.message)
            );
        }
    })?;
    if per_lint.is_empty() {
        return Ok(out);
    }
    out.push_str("\n| lint | findings |\n|---|---:|\n");
    for (meta, n) in per_lint.values() {
        let _ = writeln!(out, "| {} `{}` | {n} |", meta.code, meta.name);
    }
    out.push_str("\n| where | lint | severity | message |\n|---|---|---|---|\n");
    out.push_str(&rows);
    if totals.findings > MAX_ROWS {
        let _ = writeln!(
            out,
            "\n{} more not shown; run `handbook-lint` locally for the full report.",
            totals.findings - MAX_ROWS
        );
    }
    Ok(out)
}

/// A message that stays inside one table cell and injects nothing: its code spans stay code
/// spans (`|` escaped even there, as GFM tables want), the text between them has its HTML and
/// Markdown-active characters escaped, a backtick without its pair is shown as a backtick, and
/// line breaks become spaces.
pub fn cell(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    // With an even number of backticks the last part is text after an unpaired one.
    let paired = if parts.len().is_multiple_of(2) {
        parts.len() - 1
    } else {
        parts.len()
    };
    let mut out = String::with_capacity(s.len());
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 && i < paired {
            out.push('`');
            out.push_str(&code_text(part));
            out.push('`');
            continue;
        }
        if i >= paired {
            out.push_str("\\`");
        }
        for c in part.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '\\' | '|' | '[' | ']' | '*' | '_' | '~' | '!' => {
                    out.push('\\');
                    out.push(c);
                }
                '\r' | '\n' => out.push(' '),
                _ => out.push(c),
            }
        }
    }
    out
}

/// The inside of a code span in a table cell: literal except for `|` and line breaks.
fn code_text(s: &str) -> String {
    s.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// A file position shown as a code span: backticks become `'`, line breaks are spelled out.
fn code_cell(path: &str) -> String {
    let path = path
        .replace('`', "'")
        .replace('\r', "\\r")
        .replace('\n', "\\n");
    code_text(&path)
}

/// Whether the tool runs in a GitHub Actions job.
pub fn in_github_actions() -> bool {
    std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true")
}

/// Under GitHub Actions, append the job summary to the file named by `GITHUB_STEP_SUMMARY`
/// (nothing otherwise).
pub fn append_to_github_step_summary(reports: &Reports, totals: &Totals) -> Result<(), String> {
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
    let text =
        markdown(reports, totals).map_err(|e| format!("cannot write the job summary: {e}"))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| format!("{}: cannot write the job summary: {e}", path.display()))
}
