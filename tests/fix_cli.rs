//! Fixes written to disk by the command line: `--fix` and `--diff`, unsafe fixes behind their
//! flag, atomic writes that keep permissions and symbolic links, read-only and changed files,
//! and standard input.

use std::process::Command;

mod common;
use common::tool::run_with_stdin;

/// The binary, with the site-wide link check off: these pages are alone in a temporary
/// folder, so their relative links lead nowhere.
fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_handbook-lint"));
    // No test touches the internet: external links are checked only in tests/web.rs.
    cmd.env("HANDBOOK_LINT_OFFLINE", "1");
    cmd.env("NO_COLOR", "1")
        .args(["--ignore", "broken-relative-link"]);
    cmd
}

#[test]
fn cli_fix_writes_diff_does_not_and_permissions_survive() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("faq.md");
    let original = "---\r\ntitle: FAQ\r\n---\r\n\r\nRead [the rules](rules\\index){:target=\"_blank\"}).\r\nLast line";
    std::fs::write(&page, original).unwrap();
    std::fs::set_permissions(&page, std::fs::Permissions::from_mode(0o640)).unwrap();

    let diff = bin().arg("--diff").arg(&page).output().unwrap();
    assert_eq!(diff.status.code(), Some(1));
    let shown = String::from_utf8(diff.stdout).unwrap();
    assert!(
        shown.contains("-Read [the rules](rules\\index){:target=\"_blank\"})."),
        "{shown}"
    );
    assert!(
        shown.contains("+Read [the rules](rules/index){:target=\"_blank\"}."),
        "{shown}"
    );
    assert_eq!(
        std::fs::read_to_string(&page).unwrap(),
        original,
        "--diff writes nothing"
    );

    let fix = bin().arg("--fix").arg(&page).output().unwrap();
    assert_eq!(
        fix.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&fix.stderr)
    );
    assert!(String::from_utf8_lossy(&fix.stderr).contains("Fixed 2 findings in 1 file."));
    let fixed = std::fs::read_to_string(&page).unwrap();
    assert_eq!(fixed, "---\r\ntitle: FAQ\r\n---\r\n\r\nRead [the rules](rules/index){:target=\"_blank\"}.\r\nLast line");
    let mode = std::fs::metadata(&page).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");

    let again = bin().arg("--fix").arg(&page).output().unwrap();
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&page).unwrap(),
        fixed,
        "a second --fix changes nothing"
    );
    let diff = bin().arg("--diff").arg(&page).output().unwrap();
    assert_eq!(diff.status.code(), Some(0));
}

#[test]
fn cli_unsafe_fixes_need_their_flag() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("notes.md");
    std::fs::write(&page, "# Team notes\n\nText.\n").unwrap();
    bin().arg("--fix").arg(&page).output().unwrap();
    assert_eq!(
        std::fs::read_to_string(&page).unwrap(),
        "# Team notes\n\nText.\n"
    );
    let o = bin()
        .args(["--fix", "--unsafe-fixes"])
        .arg(&page)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&page).unwrap(),
        "---\ntitle: Team notes\n---\n# Team notes\n\nText.\n"
    );
}

#[test]
fn cli_read_only_file_is_an_error_and_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("ro.md");
    let text = "---\ntitle: R\n---\n[a](b\\c)\n";
    std::fs::write(&page, text).unwrap();
    std::fs::set_permissions(&page, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = bin().arg("--fix").arg(&page).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("ro.md: file is read-only; not fixed"));
    assert_eq!(std::fs::read_to_string(&page).unwrap(), text);
}

#[test]
fn writer_refuses_a_file_that_changed_since_it_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("p.md");
    std::fs::write(&page, "new text from an editor\n").unwrap();
    let err =
        handbook_lint::fix_writer::write_fixed(&page, "text as read\n", "fixed\n").unwrap_err();
    assert!(err.message.contains("changed on disk"), "{}", err.message);
    assert_eq!(
        std::fs::read_to_string(&page).unwrap(),
        "new text from an editor\n"
    );
}

#[test]
fn cli_fix_and_diff_together_is_a_usage_error() {
    let o = bin().args(["--fix", "--diff", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn cli_fix_from_stdin_writes_the_fixed_text_to_stdout() {
    let o = run_with_stdin(
        bin().args(["--fix", "--stdin-filename", "docs/faq.md"]),
        b"---\ntitle: F\n---\n[a](b\\c)",
    );
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "---\ntitle: F\n---\n[a](b/c)"
    );
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn cli_fix_through_a_symlink_rewrites_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.md");
    let link = dir.path().join("alias.md");
    std::fs::write(&target, "---\ntitle: R\n---\n[a](b\\c)\n").unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let o = bin().arg("--fix").arg(&link).output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "---\ntitle: R\n---\n[a](b/c)\n"
    );
}
