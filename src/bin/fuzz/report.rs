//! What the tool's JSON report says of a batch of pages.

use serde_json::Value;

use crate::options::{skipped, Options};

/// What the JSON report says per page: the range of the fix edits, and whether the page has
/// `invalid-front-matter`.
pub struct Findings {
    pub edits: Vec<(usize, usize)>,
    pub front_matter: Vec<bool>,
}

/// The [`Findings`] of the JSON report `json` on `pages` (named by `name`); `Err` when a
/// finding is for no page or lies outside its file (unless the output check is skipped).
pub fn findings(
    json: &[u8],
    pages: &[Vec<u8>],
    name: &dyn Fn(usize) -> String,
    opts: &Options,
) -> Result<Findings, String> {
    let mut out = Findings {
        edits: vec![(usize::MAX, 0); pages.len()],
        front_matter: vec![false; pages.len()],
    };
    let report: Value = serde_json::from_slice(json).map_err(|e| format!("invalid JSON: {e}"))?;
    let check = !skipped(opts, "output");
    for d in report["diagnostics"].as_array().into_iter().flatten() {
        let path = d["path"].as_str().unwrap_or("");
        let Some(i) = (0..pages.len()).find(|&i| name(i) == path) else {
            if check {
                return Err(format!("a finding for an unknown file: {d}"));
            }
            continue;
        };
        let page = &pages[i];
        let lines = page.iter().filter(|&&b| b == b'\n' || b == b'\r').count() + 2;
        let line = d["line"].as_u64().unwrap_or(0) as usize;
        let end_line = d["end_line"].as_u64().unwrap_or(0) as usize;
        if check && (line == 0 || line > lines || end_line < line || end_line > lines) {
            return Err(format!("{path}: a position outside the file: {d}"));
        }
        if d["rule"] == "invalid-front-matter" {
            out.front_matter[i] = true;
        }
        for e in d["fix"]["edits"].as_array().into_iter().flatten() {
            let (s, t) = (
                e["start"].as_u64().unwrap_or(0) as usize,
                e["end"].as_u64().unwrap_or(0) as usize,
            );
            if check && (s > t || t > page.len()) {
                return Err(format!("{path}: an edit outside the file: {d}"));
            }
            out.edits[i].0 = out.edits[i].0.min(s);
            out.edits[i].1 = out.edits[i].1.max(t);
        }
    }
    Ok(out)
}
