//! A run's findings kept as bytes and, past a limit, in a temporary file (src/runner/store.rs):
//! every output format prints the same from the file as from memory.

mod common;
use common::tool::tool;

const FORMATS: [&str; 8] = [
    "full",
    "concise",
    "json",
    "github",
    "sarif",
    "junit",
    "gitlab",
    "checkstyle",
];

/// `check` of `dir` in `format` with every lint (and `extra`), with the store's memory limit
/// `limit` when given: stdout, stderr and the exit code.
fn check(dir: &str, format: &str, extra: &[&str], limit: Option<&str>) -> (String, String, i32) {
    let mut cmd = tool();
    cmd.args(["check", "--offline", "--no-cache", "--extend-select", "HB"])
        .args(["--format", format])
        .args(extra)
        .arg(dir);
    cmd.env_remove("HANDBOOK_LINT_SPILL_AT");
    if let Some(limit) = limit {
        cmd.env("HANDBOOK_LINT_SPILL_AT", limit);
    }
    let o = cmd.output().unwrap();
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
        o.status.code().unwrap_or(-1),
    )
}

#[test]
fn every_format_prints_the_same_from_the_temporary_file() {
    for dir in [
        "fixtures/handbook",
        "fixtures/sites/baseurl",
        "fixtures/broken-link-fragment",
    ] {
        for format in FORMATS {
            let kept = check(dir, format, &[], None);
            assert!(!kept.0.is_empty() || !kept.1.is_empty(), "{dir} {format}");
            // One byte: every record goes to the file as soon as the next comes.
            for limit in ["1", "300"] {
                let spilled = check(dir, format, &[], Some(limit));
                assert_eq!(kept, spilled, "{dir} {format} limit {limit}");
            }
        }
    }
}

#[test]
fn diffs_and_fail_on_come_the_same_from_the_temporary_file() {
    for extra in [
        &["--diff"][..],
        &["--fail-on", "error"],
        &["--fail-on", "never"],
    ] {
        let kept = check("fixtures/handbook", "concise", extra, None);
        let spilled = check("fixtures/handbook", "concise", extra, Some("1"));
        assert_eq!(kept, spilled, "{extra:?}");
    }
}
