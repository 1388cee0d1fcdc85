//! markdownlint parity: our lints that share a markdownlint rule, all on, over the pages of
//! `fixtures/markdownlint-parity/`, against what markdownlint-cli2 found there
//! (`expected.txt`, written by `scripts/markdownlint-parity.sh`; no Node needed here).
//!
//! Findings are compared as (file, line, rule). Every difference must be listed in
//! `differences.txt` with its reason, and the lint's documentation must say how it differs
//! from markdownlint; a listed difference that no longer happens fails too, so the list stays
//! true.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use handbook_lints::registry;

/// (file, line, markdownlint code)
type Finding = (String, usize, String);

fn pages() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/markdownlint-parity")
}

fn read(name: &str) -> String {
    let path = pages().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The data lines of a parity file: `#` starts a comment line.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

fn markdownlint_findings() -> BTreeSet<Finding> {
    let text = read("expected.txt");
    data_lines(&text)
        .map(|(n, line)| {
            let f: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(f.len(), 3, "expected.txt:{n}: `FILE LINE RULE`");
            (f[0].to_string(), f[1].parse().unwrap(), f[2].to_string())
        })
        .collect()
}

/// Our findings, from the binary as a user runs it, with every markdownlint-equivalent lint
/// selected and the options of `scripts/markdownlint-parity/handbook-lint.toml`.
fn our_findings() -> BTreeSet<Finding> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let codes: Vec<&str> = registry::metas()
        .filter(|m| m.markdownlint.is_some())
        .map(|m| m.code)
        .collect();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_handbook-lint"))
        .current_dir(pages())
        .args(["--offline", "--no-cache", "--format", "json", "--config"])
        .arg(root.join("scripts/markdownlint-parity/handbook-lint.toml"))
        .args(["--select", &codes.join(","), "."])
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let md_of: BTreeMap<&str, &str> = registry::metas()
        .filter_map(|m| Some((m.code, m.markdownlint?.code)))
        .collect();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap();
            let file = path.trim_start_matches("./").to_string();
            let code = d["code"].as_str().unwrap();
            let line = d["line"].as_u64().unwrap() as usize;
            (file, line, md_of[code].to_string())
        })
        .collect()
}

/// One listed difference: `FILE LINE RULE markdownlint-only|ours-only REASON`.
struct Listed {
    finding: Finding,
    ours: bool,
    at: usize,
}

fn listed_differences() -> Vec<Listed> {
    let text = read("differences.txt");
    data_lines(&text)
        .map(|(at, line)| {
            let f: Vec<&str> = line.splitn(5, char::is_whitespace).collect();
            assert!(
                f.len() == 5 && !f[4].trim().is_empty(),
                "differences.txt:{at}: `FILE LINE RULE markdownlint-only|ours-only REASON`"
            );
            let ours = match f[3] {
                "ours-only" => true,
                "markdownlint-only" => false,
                other => panic!("differences.txt:{at}: `{other}`: markdownlint-only or ours-only"),
            };
            let finding = (f[0].to_string(), f[1].parse().unwrap(), f[2].to_string());
            Listed { finding, ours, at }
        })
        .collect()
}

#[test]
fn our_lints_agree_with_markdownlint_but_for_listed_corrections() {
    let theirs = markdownlint_findings();
    let ours = our_findings();
    assert!(theirs.len() > 50, "{} markdownlint findings", theirs.len());
    let listed = listed_differences();
    let mut problems = Vec::new();
    let is_listed = |f: &Finding, side_ours: bool| {
        listed
            .iter()
            .any(|l| &l.finding == f && l.ours == side_ours)
    };
    for f in theirs.difference(&ours) {
        if !is_listed(f, false) {
            problems.push(format!(
                "{} {} {} markdownlint-only: a finding we miss (fix the lint, or list it with its reason)",
                f.0, f.1, f.2
            ));
        }
    }
    for f in ours.difference(&theirs) {
        if !is_listed(f, true) {
            problems.push(format!(
                "{} {} {} ours-only: a finding markdownlint does not make (fix the lint, or list it with its reason)",
                f.0, f.1, f.2
            ));
        }
    }
    for l in &listed {
        let (in_theirs, in_ours) = (theirs.contains(&l.finding), ours.contains(&l.finding));
        if in_ours != l.ours || in_theirs == l.ours {
            problems.push(format!(
                "differences.txt:{}: {} {} {} is no longer a difference: remove the line",
                l.at, l.finding.0, l.finding.1, l.finding.2
            ));
        }
        // The correction is the lint's documented behaviour, not a silent exception.
        if let Some(meta) =
            registry::metas().find(|m| m.markdownlint.is_some_and(|md| md.code == l.finding.2))
        {
            let docs = meta.docs();
            if !(docs.contains("markdownlint") && docs.contains("correction")) {
                problems.push(format!(
                    "differences.txt:{}: {} lists a difference from markdownlint its documentation does not state as a correction",
                    l.at, meta.name
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_parity_pages_cover_every_rule_family() {
    // Each markdownlint rule we share is found at least once on the pages, by one tool or
    // the other, except the ones whose defaults find nothing on purpose (MD043 checks
    // nothing until its `headings` option is set, on both sides).
    let theirs = markdownlint_findings();
    let ours = our_findings();
    let seen: BTreeSet<&str> = theirs.iter().chain(&ours).map(|f| f.2.as_str()).collect();
    let quiet = ["MD038", "MD043", "MD054"];
    let missing: Vec<&str> = registry::metas()
        .filter_map(|m| m.markdownlint.map(|md| md.code))
        .filter(|c| !seen.contains(c) && !quiet.contains(c))
        .collect();
    assert!(missing.is_empty(), "no parity page exercises {missing:?}");
}
