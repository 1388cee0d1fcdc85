//! A check from the command line parks each page's heading ids and own site facts (its
//! links, Liquid tags, navigation facts) as bytes in the run's store until its site pass; the
//! engine given a whole site in memory (`lint_site`, which the fixture runner uses) keeps
//! them. Both must find the same: every site lint on its fixture site, the facts parked or
//! not, and with every record sent to the temporary file.

use std::collections::BTreeSet;

use handbook_lints::engine::RuleSet;
use handbook_lints::registry::site_lints;
use handbook_lints::span::LineIndex;

mod common;
// Shared with the fixture runner, which uses all of them.
#[allow(dead_code)]
#[path = "common/page_fixtures.rs"]
mod page_fixtures;
#[allow(dead_code)]
#[path = "common/site_fixtures.rs"]
mod site_fixtures;
use common::tool;
use page_fixtures::fixtures_root;
use site_fixtures::lint_fixture_site;

/// (path in the fixture folder, line, code, whether a fix is offered) of each finding.
type Found = BTreeSet<(String, usize, String, bool)>;

fn from_cli(dir: &std::path::Path, code: &str, spill_at: &str) -> Found {
    let out = tool::tool()
        .current_dir(dir)
        .env("HANDBOOK_LINT_SPILL_AT", spill_at)
        .args([
            "check",
            "--offline",
            "--no-cache",
            "--format",
            "json",
            "--select",
            code,
            ".",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{}: {e}: {}", dir.display(), tool::stderr(&out)));
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"] != "_config.yml")
        .map(|d| {
            let path = d["path"]
                .as_str()
                .unwrap()
                .trim_start_matches("./")
                .to_string();
            let line = d["line"].as_u64().unwrap() as usize;
            (
                path,
                line,
                d["code"].as_str().unwrap().to_string(),
                !d["fix"].is_null(),
            )
        })
        .collect()
}

fn from_engine(dir: &std::path::Path, lint: &'static dyn handbook_lints::SiteLint) -> Found {
    let only = RuleSet::new(Vec::new(), vec![lint]);
    let (files, pages) = lint_fixture_site(dir, &only, None);
    let mut found = Found::new();
    for (file, diagnostics) in files.iter().zip(pages) {
        let text = std::fs::read_to_string(&file.path).unwrap();
        let lines = LineIndex::new(&text);
        let rel = file
            .path
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        for d in diagnostics {
            let line = lines.line_col(&text, d.span.start).line;
            found.insert((rel.clone(), line, d.lint.code.to_string(), d.fix.is_some()));
        }
    }
    found
}

#[test]
fn parked_facts_find_what_facts_in_memory_find() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for lint in site_lints() {
        let meta = lint.meta();
        // The online checker's verdicts come from a file only the engine reads here.
        if meta.name.contains("external") || meta.name == "insecure-link" {
            continue;
        }
        let dir = fixtures_root().join(meta.name);
        let engine = from_engine(&dir, *lint);
        for spill_at in ["262144", "1"] {
            let cli = from_cli(&dir, meta.code, spill_at);
            if cli != engine {
                failures.push(format!(
                    "{} (store limit {spill_at}):\n  engine {engine:?}\n  cli    {cli:?}",
                    meta.name
                ));
            }
        }
        checked += usize::from(!engine.is_empty());
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    assert!(checked >= 15, "only {checked} site lints found anything");
}
