//! The CI output formats (SARIF, JUnit, GitLab, Checkstyle) and the GitHub Actions defaults,
//! as a user runs them.

use std::collections::HashSet;
use std::process::{Command, Output};

use serde_json::Value;

mod common;
use common::tool::{stderr, stdout, tool_in_checkout, write};
#[path = "common/json_schema.rs"]
mod json_schema;
use json_schema::sarif_errors;

/// [`tool_in_checkout`], with no GitHub Actions job summary either.
fn bin() -> Command {
    let mut cmd = tool_in_checkout();
    cmd.env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

/// The demo handbook in `format`: exit 1 (it has findings), the tool's version hidden so
/// that snapshots survive a release.
fn demo(format: &str) -> String {
    let o = run(&["--format", format, "fixtures/handbook"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    stdout(&o).replace(env!("CARGO_PKG_VERSION"), "[version]")
}

#[test]
fn sarif_follows_the_official_schema() {
    let log: Value = serde_json::from_str(&demo("sarif")).unwrap();
    assert_eq!(sarif_errors(&log), Vec::<String>::new());
    // The checker finds what is wrong.
    let mut bad = log.clone();
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    bad["runs"][0]["results"][1]["level"] = "fatal".into();
    bad["runs"][0]["tool"]["driver"]["rules"][0]["severity"] = "x".into();
    let errors = sarif_errors(&bad);
    assert_eq!(errors.len(), 3, "{errors:#?}");
}

#[test]
fn sarif_has_the_rules_results_and_regions_github_reads() {
    let log: Value = serde_json::from_str(&demo("sarif")).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"]
        .as_str()
        .unwrap()
        .ends_with("sarif-schema-2.1.0.json"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "handbook-lint");
    let rules = driver["rules"].as_array().unwrap();
    let metas: Vec<_> = handbook_lints::registry::metas().collect();
    assert_eq!(rules.len(), metas.len());
    for (rule, meta) in rules.iter().zip(&metas) {
        assert_eq!(rule["id"], meta.code);
        assert_eq!(rule["name"], meta.name);
        assert_eq!(rule["shortDescription"]["text"], meta.summary());
        assert!(rule["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("## Why is this bad?"));
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level), "{level}");
    }
    let results = runs[0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 6);
    let mut fingerprints = HashSet::new();
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        let location = &r["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("fixtures/handbook/"), "{uri}");
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(fingerprints.insert(r["partialFingerprints"]["handbookLint/v1"].clone()));
    }
    let stray = results.iter().find(|r| r["ruleId"] == "HB501").unwrap();
    assert_eq!(stray["level"], "warning");
    assert_eq!(
        stray["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 11, "startColumn": 271, "endLine": 11, "endColumn": 272})
    );
    let yaml = results.iter().find(|r| r["ruleId"] == "HB302").unwrap();
    assert_eq!(yaml["level"], "error");
}

#[test]
fn sarif_columns_are_utf16_and_paths_are_uri_references() {
    let dir = tempfile::tempdir().unwrap();
    // `é` is one UTF-16 code unit and two bytes, `😀` two code units and four bytes.
    write(
        dir.path(),
        "a b/ü.md",
        "---\ntitle: x\n---\n\né😀 [s](x\\y)\n",
    );
    let o = bin()
        .args(["--format", "sarif", "--select", "HB101"])
        .arg(dir.path())
        .output()
        .unwrap();
    let log: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    // The temporary folder is outside the current one: an absolute `file:` URI.
    let uri = location["artifactLocation"]["uri"].as_str().unwrap();
    assert!(uri.starts_with("file:///"), "{uri}");
    assert!(uri.ends_with("/a%20b/%C3%BC.md"), "{uri}");
    assert!(location["artifactLocation"].get("uriBaseId").is_none());
    // The `\` of `x\y` follows `é😀 [s](x`: 1 + 2 + 6 code units.
    assert_eq!(location["region"]["startColumn"], 10);
    assert_eq!(log["runs"][0]["columnKind"], "utf16CodeUnits");
    assert_eq!(sarif_errors(&log), Vec::<String>::new());
}

#[test]
fn every_format_of_the_demo_handbook() {
    insta::assert_snapshot!("demo_sarif", demo("sarif"));
    insta::assert_snapshot!("demo_junit", demo("junit"));
    insta::assert_snapshot!("demo_gitlab", demo("gitlab"));
    insta::assert_snapshot!("demo_checkstyle", demo("checkstyle"));
}

#[test]
fn junit_is_well_formed_with_a_suite_per_file() {
    let out = demo("junit");
    let doc = roxmltree::Document::parse(&out).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(suites.len(), 10, "one suite per file checked");
    let count =
        |n: roxmltree::Node, attr: &str| n.attribute(attr).unwrap().parse::<usize>().unwrap();
    assert_eq!(count(root, "failures"), 6);
    assert_eq!(
        count(root, "tests"),
        suites.iter().map(|s| count(*s, "tests")).sum::<usize>()
    );
    let faq = suites
        .iter()
        .find(|s| s.attribute("name") == Some("fixtures/handbook/faq.md"))
        .unwrap();
    let failures: Vec<_> = faq
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    assert_eq!(failures.len(), 4);
    assert_eq!(failures[0].attribute("type"), Some("warning"));
    assert_eq!(
        failures[0].attribute("message"),
        Some("stray `)` after attribute list")
    );
}

#[test]
fn checkstyle_is_well_formed_with_a_file_per_file() {
    let out = demo("checkstyle");
    let doc = roxmltree::Document::parse(&out).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("version"), Some("4.3"));
    assert_eq!(root.children().filter(|n| n.is_element()).count(), 10);
    let errors: Vec<_> = root
        .descendants()
        .filter(|n| n.has_tag_name("error"))
        .collect();
    assert_eq!(errors.len(), 6);
    let stray = errors
        .iter()
        .find(|e| e.attribute("source") == Some("handbook-lint.HB501"))
        .unwrap();
    assert_eq!(stray.attribute("line"), Some("11"));
    assert_eq!(stray.attribute("column"), Some("271"));
    assert_eq!(stray.attribute("severity"), Some("warning"));
}

#[test]
fn xml_formats_escape_names_and_messages() {
    let dir = tempfile::tempdir().unwrap();
    let name = "a&b<c>\"d'.md";
    write(
        dir.path(),
        name,
        b"---\ntitle: x\n---\n\n[x](no&such<\"page'>.md)\n",
    );
    for format in ["junit", "checkstyle"] {
        let o = bin()
            .args(["--format", format])
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let out = stdout(&o);
        let doc = roxmltree::Document::parse(&out)
            .unwrap_or_else(|e| panic!("{format} is not well-formed: {e}\n{out}"));
        let named = doc
            .descendants()
            .filter_map(|n| n.attribute("name"))
            .any(|n| n.ends_with(name));
        assert!(named, "{out}");
        let message = doc
            .descendants()
            .filter_map(|n| n.attribute("message"))
            .find(|m| m.contains("does not exist"))
            .unwrap_or_else(|| panic!("{out}"));
        assert!(message.contains("no&such<\"page'>.md"), "{message}");
    }
}

#[test]
fn gitlab_code_quality_has_unique_fingerprints_and_mapped_severities() {
    let issues: Vec<Value> = serde_json::from_str(&demo("gitlab")).unwrap();
    assert_eq!(issues.len(), 6);
    let fingerprints: HashSet<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(fingerprints.len(), 6);
    for issue in &issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].is_string(), "{key} in {issue}");
        }
        assert!(issue["location"]["path"]
            .as_str()
            .unwrap()
            .starts_with("fixtures/handbook/"));
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
    let severity = |name: &str| {
        issues
            .iter()
            .find(|i| i["check_name"] == name)
            .map(|i| i["severity"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(severity("invalid-front-matter"), "major");
    assert_eq!(severity("malformed-attribute-list"), "minor");
}

#[test]
fn fingerprints_survive_lines_added_above_and_tell_twins_apart() {
    let dir = tempfile::tempdir().unwrap();
    let body = "[a](x\\y) and [a](x\\y)\n\n[b](p\\q)\n";
    write(dir.path(), "page.md", format!("---\ntitle: x\n---\n{body}"));
    let fingerprints = |format: &str| -> Vec<String> {
        let o = bin()
            .args(["--format", format, "--select", "HB101"])
            .arg(dir.path())
            .output()
            .unwrap();
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        match format {
            "gitlab" => v
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["fingerprint"].as_str().unwrap().to_string())
                .collect(),
            _ => v["runs"][0]["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    r["partialFingerprints"]["handbookLint/v1"]
                        .as_str()
                        .unwrap()
                        .to_string()
                })
                .collect(),
        }
    };
    for format in ["gitlab", "sarif"] {
        write(dir.path(), "page.md", format!("---\ntitle: x\n---\n{body}"));
        let before = fingerprints(format);
        assert_eq!(before.len(), 3);
        assert_eq!(before.iter().collect::<HashSet<_>>().len(), 3, "{before:?}");
        write(
            dir.path(),
            "page.md",
            format!("---\ntitle: x\n---\n# New heading\n\nNew text.\n\n{body}"),
        );
        assert_eq!(fingerprints(format), before, "{format}");
    }
}

#[test]
fn github_actions_defaults_to_workflow_commands_and_writes_a_job_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let in_actions = || {
        let mut cmd = bin();
        cmd.env("GITHUB_ACTIONS", "true")
            .env("GITHUB_STEP_SUMMARY", &summary);
        cmd
    };
    let o = in_actions().arg("fixtures/handbook").output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 6, "{out}");
    assert!(out.lines().all(|l| l.starts_with("::")), "{out}");
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(
        md.starts_with("earlier step\n## handbook-lint\n"),
        "appended: {md}"
    );
    assert!(
        md.contains("Found 6 findings (2 errors, 4 warnings) in 3 of 10 files"),
        "{md}"
    );
    assert!(md.contains("| HB101 `backslash-link-path` | 2 |"), "{md}");
    assert!(
        md.contains("| `fixtures/handbook/faq.md:11:271` | HB501 | warning | stray `)` after attribute list |"),
        "{md}"
    );
    // An explicit format wins; the summary is appended again.
    let o = in_actions()
        .args(["--format", "concise", "fixtures/handbook"])
        .output()
        .unwrap();
    assert!(
        stdout(&o).starts_with("fixtures/handbook/"),
        "{}",
        stdout(&o)
    );
    let md = std::fs::read_to_string(&summary).unwrap();
    assert_eq!(md.matches("## handbook-lint").count(), 2, "{md}");
    // Outside GitHub Actions: the default format, no summary.
    let o = bin()
        .env("GITHUB_STEP_SUMMARY", &summary)
        .arg("fixtures/handbook")
        .output()
        .unwrap();
    assert!(stdout(&o).contains("HB501 malformed-attribute-list"));
    assert!(!stdout(&o).starts_with("::"));
    let again = std::fs::read_to_string(&summary).unwrap();
    assert_eq!(again, md);
}

#[test]
fn job_summary_table_is_capped() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..60 {
        write(dir.path(), &format!("p{i:02}.md"), b"# No front matter\n");
    }
    let summary = dir.path().join("summary.md");
    let o = bin()
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.contains("| HB301 `missing-front-matter` | 60 |"), "{md}");
    let rows = md.lines().filter(|l| l.starts_with("| `")).count();
    assert_eq!(rows, 50, "{md}");
    assert!(md.contains("10 more not shown"), "{md}");
}

#[test]
fn machine_formats_keep_stderr_quiet_unless_the_report_goes_to_a_file() {
    for format in ["sarif", "junit", "gitlab", "checkstyle"] {
        let o = run(&["--format", format, "fixtures/handbook"]);
        assert!(stderr(&o).is_empty(), "{format}: {}", stderr(&o));
    }
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.sarif");
    let o = bin()
        .args(["--format", "sarif", "--output-file"])
        .arg(&report)
        .arg("fixtures/handbook")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("Found 6 findings"), "{}", stderr(&o));
    let log: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 6);
}
