//! Hostile inputs (issue 11): the tool never panics, never prints a report out of proportion
//! to its findings, and escapes what it writes for CI.

use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_handbook-lint"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env("HANDBOOK_LINT_OFFLINE", "1")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("NO_COLOR", "1");
    cmd
}

/// `check --offline` of `text` given on stdin as `docs/p.md`, with `args` before it.
fn check_stdin(args: &[&str], text: &[u8]) -> Output {
    let mut child = bin()
        .args(["check", "--offline", "--stdin-filename", "docs/p.md"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let text = text.to_vec();
    let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, &text));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

/// The report of [`check_stdin`], which must exit 1 (findings).
fn findings_on_stdin(args: &[&str], text: &[u8]) -> String {
    let o = check_stdin(args, text);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_finding_past_column_65535_is_reported_without_a_panic() {
    let text = format!("---\ntitle: x\n---\n\n{} [a](b\\c)\n", "x".repeat(65_540));
    let out = findings_on_stdin(&[], text.as_bytes());
    assert!(out.contains("[docs/p.md:5:65547]"), "{out}");
    assert!(out.contains("…"), "the long line is cut: {out}");
    assert!(out.len() < 2_000, "{} bytes", out.len());
}

#[test]
fn the_full_report_grows_with_the_findings_not_with_the_line() {
    let line = "[a](b\\c) ".repeat(2_000);
    let text = format!("---\ntitle: x\n---\n\n{line}\n");
    let o = check_stdin(&[], text.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    // 4,000 findings (a backslash and a broken link per link): about 600 bytes each.
    assert_eq!(out.matches("HB101").count(), 2_000);
    assert!(out.len() < 4_000 * 1_000, "{} bytes of report", out.len());
    // Cut on character boundaries with multibyte text around the span.
    let line = "é€😀[a](b\\c)".repeat(500);
    let o = check_stdin(&[], format!("---\ntitle: x\n---\n\n{line}\n").as_bytes());
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8(o.stdout).is_ok());
}

#[test]
fn the_job_summary_escapes_file_names_and_messages() {
    let dir = tempfile::tempdir().unwrap();
    let name = "a|b\n<img src=x onerror=alert(1)>.md";
    std::fs::write(
        dir.path().join(name),
        "---\ntitle: x\n---\n\n[x](no`pe<b>|.md)\n",
    )
    .unwrap();
    let summary = dir.path().join("summary.md");
    let o = bin()
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .current_dir(dir.path())
        .arg(name)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let md = std::fs::read_to_string(&summary).unwrap();
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| `")).collect();
    assert!(!rows.is_empty(), "{md}");
    for row in &rows {
        // Every row has its four cells: no `|` left unescaped inside one.
        let cells = row.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 5, "{row}");
        assert!(row.contains("a\\|b\\n<img"), "{row}");
    }
    // No line outside the table that a file name or message could have started.
    assert!(
        md.lines()
            .all(|l| !l.starts_with("<img") && !l.starts_with("pe<b>")),
        "{md}"
    );
}

#[test]
fn summary_cells_keep_code_spans_and_escape_the_rest() {
    use handbook_lint::report::summary::cell;
    assert_eq!(
        cell("stray `)` after attribute list"),
        "stray `)` after attribute list"
    );
    assert_eq!(cell("a `x|y` b"), "a `x\\|y` b");
    assert_eq!(cell("<script>|\nx"), "&lt;script&gt;\\| x");
    assert_eq!(cell("target `a`b` is bad"), "target `a`b\\` is bad");
}

/// A page with one safe fix (a `\` in a link path).
const FIXABLE: &str = "---\ntitle: x\n---\n\n[a](sub\\b.md)\n";

fn fix(dir: &std::path::Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .args(["check", "--offline", "--fix", "--no-cache"])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_later_fix_removes_stale_temporary_files_of_ours_only() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("page.md"), FIXABLE).unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for name in [
        ".handbook-lint-Ab12Cd.tmp",
        ".handbook-lint-Ab12Cd.tmp.keep",
        ".handbook-lint-toolong1.tmp",
        "handbook-lint-Ab12Cd.tmp",
    ] {
        let f = std::fs::File::create(d.join(name)).unwrap();
        f.set_modified(hour_ago).unwrap();
    }
    // A fresh one may belong to a run in flight.
    std::fs::write(d.join(".handbook-lint-Zz98Yy.tmp"), "").unwrap();
    let o = fix(d, &["page.md"]);
    // Exit 1: the link target itself does not exist.
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(std::fs::read_to_string(d.join("page.md"))
        .unwrap()
        .contains("sub/b.md"));
    let mut left: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            ".handbook-lint-Ab12Cd.tmp.keep",
            ".handbook-lint-Zz98Yy.tmp",
            ".handbook-lint-toolong1.tmp",
            "handbook-lint-Ab12Cd.tmp",
            "page.md"
        ]
    );
}

#[test]
fn a_fix_never_splits_hard_links() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("page.md"), FIXABLE).unwrap();
    std::fs::hard_link(d.join("page.md"), d.join("twin.txt")).unwrap();
    let o = fix(d, &["page.md"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("hard links"), "{err}");
    use std::os::unix::fs::MetadataExt;
    let a = std::fs::metadata(d.join("page.md")).unwrap();
    let b = std::fs::metadata(d.join("twin.txt")).unwrap();
    assert_eq!(a.ino(), b.ino(), "the link was split");
}

#[test]
fn a_fix_keeps_the_owner_or_says_it_cannot() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let page = d.join("page.md");
    std::fs::write(&page, FIXABLE).unwrap();
    let me = std::fs::metadata(&page).unwrap();
    if std::os::unix::fs::chown(&page, Some(4321), Some(4321)).is_err() {
        // Not root: only root can give a file away; nothing to test here.
        assert_ne!(me.uid(), 0);
        return;
    }
    let o = fix(d, &["page.md"]);
    // Exit 1: the link target itself does not exist.
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let after = std::fs::metadata(&page).unwrap();
    assert!(std::fs::read_to_string(&page).unwrap().contains("sub/b.md"));
    assert_eq!((after.uid(), after.gid()), (4321, 4321));
}

#[test]
fn special_files_and_link_loops_are_reported_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("ok.md"), "---\ntitle: x\n---\n\nText.\n").unwrap();
    let status = Command::new("mkfifo").arg(d.join("x.md")).status().unwrap();
    assert!(status.success());
    std::os::unix::fs::symlink("loop-b.md", d.join("loop-a.md")).unwrap();
    std::os::unix::fs::symlink("loop-a.md", d.join("loop-b.md")).unwrap();
    // Named, the pipe and the loop are errors; the good page is still checked.
    let o = bin()
        .current_dir(d)
        .args([
            "check",
            "--offline",
            "--format",
            "concise",
            "x.md",
            "loop-a.md",
            "ok.md",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("x.md: not a regular file (a named pipe)"),
        "{err}"
    );
    assert!(err.contains("loop-a.md: symbolic link loop"), "{err}");
    assert!(!err.contains("no such file"), "{err}");
    assert_eq!(o.status.code(), Some(2), "{err}");
    // In a folder, the pipe is reported, never opened (which would block).
    let o = bin()
        .args(["check", "--offline", "--format", "concise"])
        .arg(d)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("x.md: not a regular file (a named pipe)"),
        "{err}"
    );
}

#[test]
fn a_span_after_a_bare_cr_lands_on_its_own_line_without_a_panic() {
    let out = findings_on_stdin(&["--format", "concise"], b"\rx[](mailto:)\n\xc3\xa9");
    assert!(out.contains("docs/p.md:2:5: HB103"), "{out}");
}

#[test]
fn links_after_a_bare_cr_are_seen() {
    let o = check_stdin(&["--format", "concise"], b"x\r[a](b\\c)\n");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("docs/p.md:2:6: HB101"), "{out}");
}

#[test]
fn standard_input_gets_the_site_pass_over_the_pages_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("docs")).unwrap();
    std::fs::write(d.join("_config.yml"), "title: t\n").unwrap();
    std::fs::write(d.join("docs/there.md"), "---\ntitle: There\n---\n\nText.\n").unwrap();
    let mut child = bin()
        .current_dir(d)
        .args(["check", "--offline", "--format", "concise"])
        .args(["--stdin-filename", "docs/p.md"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let page = b"---\ntitle: P\n---\n\nx\r[a](there.md) [b](nope.md) [c](b\\c)\n";
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), page).unwrap();
    let o = child.wait_with_output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("docs/p.md:6:19: HB102"), "{out}");
    assert!(out.contains("docs/p.md:6:32: HB102"), "{out}");
    assert!(out.contains("docs/p.md:6:33: HB101"), "{out}");
    assert_eq!(
        out.lines().filter(|l| l.contains("HB1")).count(),
        3,
        "{out}"
    );
}

#[test]
fn pages_not_linted_are_read_only_as_far_as_their_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("notes.md"),
        "---\ntitle: N\n---\n\n[x](/elsewhere/)\n",
    )
    .unwrap();
    // Its URL comes from the front matter; what follows is never read (here it is not even
    // text, which reading the whole page would refuse).
    let mut other = b"---\ntitle: O\npermalink: /elsewhere/\n---\n".to_vec();
    other.extend_from_slice(&[0u8, 0xff, 0xfe].repeat(100_000));
    std::fs::write(d.join("other.md"), other).unwrap();
    let o = bin()
        .current_dir(d)
        .args(["check", "--offline", "--format", "concise", "notes.md"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
}

/// Inputs the in-repo fuzzer found (seed 1 of `.ci/run`), kept as they were saved: a NEL in
/// front matter that left a YAML span inside a character (a panic in a fix round), and a
/// U+2028 inside a Liquid output of a link (a hang that took gigabytes).
#[test]
fn fuzz_findings_stay_fixed() {
    for (name, text) in [
        (
            "nel-in-front-matter",
            &include_bytes!("fuzz-regressions/nel-in-front-matter.md")[..],
        ),
        (
            "line-separator-in-liquid",
            &include_bytes!("fuzz-regressions/line-separator-in-liquid.md")[..],
        ),
    ] {
        for args in [
            &["--format", "json"][..],
            &["--fix", "--unsafe-fixes", "--format", "concise"],
        ] {
            let o = check_stdin(args, text);
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(
                matches!(o.status.code(), Some(0 | 1)),
                "{name} {args:?}: {err}"
            );
        }
    }
}
