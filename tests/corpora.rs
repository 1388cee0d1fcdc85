//! Acceptance on the real handbooks in `../shared/` (beside the checkout on developer machines
//! and in CI). A clone without that folder skips these tests with a note: the project's own
//! fixtures cover the same defects.

use std::path::{Path, PathBuf};
use std::process::Command;

use handbook_lints::registry::page_lints;
use handbook_lints::{check, Applicability, FileInfo};

mod common;

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.join("corpora").is_dir() {
        Some(dir)
    } else {
        eprintln!("note: ../shared is not beside the checkout; corpus acceptance tests skipped");
        None
    }
}

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_handbook-lint"));
    // No test touches the internet: external links are checked only in tests/web.rs.
    cmd.env("HANDBOOK_LINT_OFFLINE", "1");
    cmd.env("NO_COLOR", "1");
    cmd
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
            let mut perms = std::fs::metadata(&target).unwrap().permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            std::fs::set_permissions(&target, perms).unwrap();
        }
    }
}

#[test]
fn seed_page_defects_are_reported_at_their_exact_columns() {
    let Some(shared) = shared() else { return };
    let o = bin()
        .args(["--format", "concise"])
        .arg(shared.join("seed/faq.md"))
        .output()
        .unwrap();
    let out = String::from_utf8(o.stdout).unwrap();
    // Linted alone, the page has no site around it, so its relative links are also
    // reported as broken (HB102); the four lints of the core report exactly these.
    let found: Vec<&str> = out
        .lines()
        .map(|l| l.split_once("faq.md:").unwrap().1)
        .filter(|l| !l.contains("HB102"))
        .collect();
    assert!(
        out.contains("faq.md:42:195: HB102 [broken-relative-link]"),
        "{out}"
    );
    assert!(!out.contains("HB103"), "both mailto links are valid: {out}");
    assert_eq!(
        found,
        [
            "11:275: HB501 [malformed-attribute-list] stray `)` after attribute list",
            "38:95: HB101 [backslash-link-path] link path uses `\\` as a separator",
            "42:214: HB101 [backslash-link-path] link path uses `\\` as a separator",
        ]
    );
}

#[test]
fn seed_page_fix_changes_exactly_three_places() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("faq.md");
    let original = std::fs::read_to_string(shared.join("seed/faq.md")).unwrap();
    std::fs::write(&page, &original).unwrap();
    let diff = bin().arg("--diff").arg(&page).output().unwrap();
    assert_eq!(diff.status.code(), Some(1));
    let shown = String::from_utf8(diff.stdout).unwrap();
    assert_eq!(
        shown
            .lines()
            .filter(|l| l.starts_with("-") && !l.starts_with("---"))
            .count(),
        3
    );
    let o = bin().arg("--fix").arg(&page).output().unwrap();
    // Exit 1: alone, without its site, the page's relative links stay broken (HB102).
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Fixed 3 findings in 1 file."));
    let fixed = std::fs::read_to_string(&page).unwrap();
    let expected = original
        .replacen("{:target=\"_blank\"}).", "{:target=\"_blank\"}.", 1)
        .replace(
            "data-publication-steps\\1_identify",
            "data-publication-steps/1_identify",
        )
        .replace(
            "open-data-resources\\data_stories",
            "open-data-resources/data_stories",
        );
    assert_eq!(fixed, expected);
    assert!(
        !fixed.ends_with('\n'),
        "the missing final newline stays missing"
    );
    let again = bin().arg("--fix").arg(&page).output().unwrap();
    assert!(!String::from_utf8_lossy(&again.stderr).contains("Fixed"));
    assert_eq!(std::fs::read_to_string(&page).unwrap(), fixed);
}

#[test]
fn every_corpus_lints_without_a_tool_error_and_fixes_idempotently() {
    let Some(shared) = shared() else { return };
    for corpus in ["ct-handbook", "jtd-docs", "large-ruby-lang"] {
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join(corpus);
        copy_dir(&shared.join("corpora").join(corpus), &copy);
        let check = bin()
            .args(["--format", "json"])
            .arg(&copy)
            .output()
            .unwrap();
        assert!(
            check.status.code().unwrap() <= 1,
            "{corpus}: {}",
            String::from_utf8_lossy(&check.stderr)
        );
        let fix = bin()
            .args(["--fix", "--format", "concise"])
            .arg(&copy)
            .output()
            .unwrap();
        assert!(
            fix.status.code().unwrap() <= 1,
            "{corpus}: {}",
            String::from_utf8_lossy(&fix.stderr)
        );
        let again = bin().args(["--diff"]).arg(&copy).output().unwrap();
        assert_eq!(
            again.status.code(),
            Some(0),
            "{corpus}: a second fix would change:\n{}",
            String::from_utf8_lossy(&again.stdout)
        );
        eprintln!(
            "{corpus}: check {} / fix {}",
            String::from_utf8_lossy(&check.stderr).trim(),
            String::from_utf8_lossy(&fix.stderr)
                .trim()
                .replace('\n', " ")
        );
    }
}

#[test]
fn every_safe_fix_in_the_corpora_changes_only_its_html() {
    let Some(shared) = shared() else { return };
    let mut fixes = 0;
    for corpus in ["ct-handbook", "jtd-docs", "large-ruby-lang"] {
        let found = handbook_lint::discover::discover(&[shared.join("corpora").join(corpus)]);
        for file in &found.files {
            let Ok(text) = std::fs::read_to_string(&file.path) else {
                continue;
            };
            let info: FileInfo = handbook_lint::runner::file_info(file);
            let (_, diags) = check(text.clone(), &info, page_lints());
            for d in diags.iter().filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == Applicability::Safe)
            }) {
                if let Err(e) = common::safe_fix_changes_only_its_html(&text, d) {
                    panic!("{}: {e}", file.display());
                }
                fixes += 1;
            }
        }
    }
    eprintln!("safe fixes checked against comrak's HTML in the corpora: {fixes}");
    assert!(fixes > 0);
}
