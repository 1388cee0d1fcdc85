//! The command line as a user runs it: exit codes, output formats, bad input (the files a
//! run reads: tests/cli_files.rs).

use std::process::Output;

mod common;
use common::tool::{stderr, stdout, tool_in_checkout as bin};

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

#[test]
fn demo_handbook_reports_its_defects_with_exit_1() {
    let o = run(&["--format", "concise", "fixtures/handbook"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    insta::assert_snapshot!("demo_concise", stdout(&o));
    assert!(
        stderr(&o).contains("Found 6 findings (2 errors, 4 warnings) in 3 of 10 files"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_subcommand_is_the_default() {
    let a = run(&["--format", "concise", "fixtures/handbook"]);
    let b = run(&["check", "--format", "concise", "fixtures/handbook"]);
    assert_eq!(stdout(&a), stdout(&b));
    assert_eq!(a.status.code(), b.status.code());
}

#[test]
fn full_format_shows_snippet_label_code_and_help() {
    let o = run(&["fixtures/handbook/faq.md"]);
    let out = stdout(&o);
    assert!(out.contains("HB501 malformed-attribute-list"), "{out}");
    assert!(out.contains("[fixtures/handbook/faq.md:11:271]"), "{out}");
    assert!(out.contains("this `)` closes nothing"), "{out}");
    assert!(out.contains("help: remove it"), "{out}");
    assert!(
        !out.contains("\u{1b}["),
        "NO_COLOR output has no escape codes"
    );
}

#[test]
fn json_output_is_one_sorted_object() {
    let o = run(&["check", "--format", "json", "fixtures/handbook"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).is_empty(),
        "json mode prints no summary: {}",
        stderr(&o)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["files_checked"], 10);
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 6);
    let keys: Vec<(String, u64, u64)> = diags
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let stray = diags
        .iter()
        .find(|d| d["rule"] == "malformed-attribute-list")
        .unwrap();
    assert_eq!(stray["path"], "fixtures/handbook/faq.md");
    assert_eq!(
        (stray["line"].as_u64(), stray["column"].as_u64()),
        (Some(11), Some(271))
    );
    assert_eq!(
        (stray["end_line"].as_u64(), stray["end_column"].as_u64()),
        (Some(11), Some(272))
    );
    assert_eq!(stray["code"], "HB501");
    assert_eq!(stray["severity"], "warning");
    assert_eq!(stray["fix"]["applicability"], "safe");
    assert_eq!(stray["fix"]["edits"][0]["replacement"], "");
    let fm = diags
        .iter()
        .find(|d| d["rule"] == "invalid-front-matter")
        .unwrap();
    assert_eq!(
        (fm["line"].as_u64(), fm["column"].as_u64()),
        (Some(3), Some(20))
    );
    assert_eq!(fm["fix"], serde_json::Value::Null);
}

#[test]
fn fail_on_sets_the_level_that_fails() {
    assert_eq!(
        run(&["--fail-on", "never", "fixtures/handbook"])
            .status
            .code(),
        Some(0)
    );
    // These two lints find only warnings on the FAQ page.
    assert_eq!(
        run(&[
            "--fail-on",
            "error",
            "--select",
            "HB101,HB501",
            "fixtures/handbook/faq.md"
        ])
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        run(&[
            "--fail-on",
            "warning",
            "--select",
            "HB101,HB501",
            "fixtures/handbook/faq.md"
        ])
        .status
        .code(),
        Some(1)
    );
    assert_eq!(
        run(&["--fail-on", "error", "fixtures/handbook"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn select_and_ignore_take_codes_and_names() {
    let o = run(&[
        "--format",
        "concise",
        "--select",
        "HB101",
        "fixtures/handbook",
    ]);
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.lines().all(|l| l.contains("[backslash-link-path]")));
    let o = run(&[
        "--format",
        "concise",
        "--ignore",
        "backslash-link-path,hb501",
        "fixtures/handbook",
    ]);
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 3, "{out}");
    let o = run(&["--select", "backslash-link-pat", "fixtures/handbook"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `backslash-link-path`?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn rules_lists_every_lint() {
    let o = run(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for (code, name) in [
        ("HB101", "backslash-link-path"),
        ("HB102", "broken-relative-link"),
        ("HB103", "invalid-mailto"),
        ("HB104", "broken-link-fragment"),
        ("HB301", "missing-front-matter"),
        ("HB302", "invalid-front-matter"),
        ("HB501", "malformed-attribute-list"),
    ] {
        let line = out
            .lines()
            .find(|l| l.starts_with(code))
            .unwrap_or_else(|| panic!("{code} missing:\n{out}"));
        assert!(line.contains(name), "{line}");
    }
}

#[test]
fn explain_takes_a_name_or_a_code() {
    let by_name = run(&["explain", "malformed-attribute-list"]);
    let by_code = run(&["explain", "hb501"]);
    assert_eq!(by_name.status.code(), Some(0));
    assert_eq!(stdout(&by_name), stdout(&by_code));
    let text = stdout(&by_name);
    for section in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
        "## Fix safety",
    ] {
        assert!(text.contains(section), "{section} missing");
    }
    let o = run(&["explain", "no-such-lint"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown lint `no-such-lint`"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["--format", "xml", "."]).status.code(), Some(2));
    assert_eq!(run(&["--no-such-flag"]).status.code(), Some(2));
    assert_eq!(run(&["--help"]).status.code(), Some(0));
}

#[test]
fn github_format_writes_escaped_workflow_commands() {
    let o = run(&["--format", "github", "fixtures/handbook"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 6, "{out}");
    let stray = out
        .lines()
        .find(|l| l.contains("HB501"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        stray.starts_with(
            "::warning file=fixtures/handbook/faq.md,line=11,col=271,endLine=11,endColumn=272,title=HB501 malformed-attribute-list::stray `)` after attribute list%0Ahelp: "
        ),
        "{stray}"
    );
    let yaml = out.lines().find(|l| l.contains("HB302")).unwrap();
    assert!(yaml.starts_with("::error "), "{yaml}");
    // `:` in a property is escaped, in the message it is not.
    assert!(
        yaml.contains("::front matter is not valid YAML: mapping values"),
        "{yaml}"
    );
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn completions_and_man_page() {
    let o = run(&["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("handbook-lint"));
    assert!(stdout(&o).contains("--unsafe-fixes"));
    let o = run(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains(".TH handbook-lint 1"));
    assert_eq!(run(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn output_file_takes_the_report_and_the_terminal_keeps_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let o = bin()
        .args(["--format", "json", "--output-file"])
        .arg(&report)
        .arg("fixtures/handbook")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 6);
    let o = bin()
        .args(["--format", "concise", "--output-file"])
        .arg(dir.path().join("r.txt"))
        .arg("fixtures/handbook")
        .output()
        .unwrap();
    assert!(stderr(&o).contains("Found 6 findings"), "{}", stderr(&o));
    let o = run(&[
        "--output-file",
        "/nonexistent-dir/x.txt",
        "fixtures/handbook",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

/// `path:line: CODE` of each finding in concise output.
fn lines_and_codes(out: &str) -> Vec<String> {
    out.lines()
        .filter_map(|l| {
            let (place, rest) = l.split_once(": ")?;
            let line = place.split(':').nth(1)?;
            let path = place.split(':').next()?;
            Some(format!("{path}:{line}: {}", rest.split(' ').next()?))
        })
        .collect()
}

#[test]
fn suppressed_findings_are_not_fixed_and_unused_names_of_page_lints_are() {
    let o = run(&["--diff", "fixtures/suppressions"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let diff = stdout(&o);
    // Silenced by a comment: never touched.
    for kept in [
        "-See [the ferry guide](guides\\ferry.md)",
        "-[a](guides\\ferry.md)",
        "-[e](gone\\again.md) is silent",
    ] {
        assert!(!diff.contains(kept), "{kept}\n{diff}");
    }
    insta::assert_snapshot!("suppressions_diff", diff);
}

#[test]
fn unused_names_are_reported_only_for_lints_that_ran() {
    let unused = "fixtures/suppressions/unused.md";
    let all = lines_and_codes(&stdout(&run(&["--format", "concise", unused])));
    // Offline (as every test here), the external-link lints do not run, so the comment
    // without names on line 29 is not judged: online, it might have silenced one of them.
    let expected = [11, 15, 20, 25, 34, 34, 39, 58].map(|l| format!("{unused}:{l}: HB001"));
    assert_eq!(all, expected);
    // Without backslash-link-path, its names are not judged, nor are comments without names.
    let o = run(&["--format", "concise", "--ignore", "HB101", unused]);
    let some = lines_and_codes(&stdout(&o));
    let expected = [25, 34, 34, 39, 58].map(|l| format!("{unused}:{l}: HB001"));
    assert_eq!(some, expected);
    // Standard input gets the site pass too: the same names are judged as for the file.
    let o = bin()
        .args(["--format", "concise", "--stdin-filename", unused])
        .stdin(std::fs::File::open(unused).unwrap())
        .output()
        .unwrap();
    let stdin = lines_and_codes(&stdout(&o));
    assert_eq!(stdin, all);
    // Only this lint: unknown names are still reported, nothing else.
    let o = run(&[
        "--format",
        "concise",
        "--select",
        "unused-suppression",
        unused,
    ]);
    assert_eq!(
        lines_and_codes(&stdout(&o)),
        [format!("{unused}:34: HB001")]
    );
    // And it can be ignored like any lint.
    let o = run(&["--format", "concise", "--ignore", "HB001", unused]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}
