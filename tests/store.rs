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

/// `--fix` writes the same files and says the same from the temporary file; with no
/// temporary folder at all, the run keeps its findings in memory and prints the same.
#[test]
fn fixes_and_a_missing_temporary_folder_behave_the_same() {
    let mut outcomes = Vec::new();
    for limit in [None, Some("1")] {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(std::path::Path::new("fixtures/handbook"), dir.path());
        let mut cmd = tool();
        cmd.current_dir(dir.path())
            .args(["check", "--offline", "--no-cache", "--format", "concise"])
            .args(["--fix", "--unsafe-fixes", "."]);
        cmd.env_remove("HANDBOOK_LINT_SPILL_AT");
        if let Some(limit) = limit {
            cmd.env("HANDBOOK_LINT_SPILL_AT", limit);
        }
        let o = cmd.output().unwrap();
        let mut files = Vec::new();
        read_tree(dir.path(), dir.path(), &mut files);
        outcomes.push((o.stdout, o.stderr, o.status.code(), files));
    }
    assert!(outcomes[0] == outcomes[1], "--fix differs when spilled");
    let kept = check("fixtures/handbook", "json", &[], None);
    let mut cmd = tool();
    cmd.args(["check", "--offline", "--no-cache", "--extend-select", "HB"])
        .args(["--format", "json", "fixtures/handbook"])
        .env("HANDBOOK_LINT_SPILL_AT", "1")
        .env("TMPDIR", "/nonexistent/handbook-lint-test");
    let o = cmd.output().unwrap();
    assert_eq!(kept.0, String::from_utf8_lossy(&o.stdout));
    assert_eq!(kept.2, o.status.code().unwrap_or(-1));
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(
        said.contains("note: findings were kept in memory: no temporary file could be written"),
        "{said}"
    );
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn read_tree(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<(String, Vec<u8>)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if entry.file_type().unwrap().is_dir() {
            read_tree(root, &entry.path(), out);
        } else {
            let name = entry
                .path()
                .strip_prefix(root)
                .unwrap()
                .display()
                .to_string();
            out.push((name, std::fs::read(entry.path()).unwrap()));
        }
    }
}

/// A site of `n` pages, each with a trailing space, a tab, and a link to a page that does not
/// exist, in folders of 50.
fn many_pages(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("_config.yml"), "title: Many\n").unwrap();
    for k in 0..n {
        let folder = dir.path().join(format!("part-{:02}", k / 50));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join(format!("page-{k:04}.md")),
            format!(
                "---\ntitle: Page {k}\n---\n\n# Page {k} \n\nSee\tthe [next](missing-{k}.md).\n"
            ),
        )
        .unwrap();
    }
    dir
}

/// Without a site lint, each chunk of files is linted and reported before the next is read
/// (src/runner.rs): over several chunks, the findings, their order and the fixes are those of
/// a run with a site pass.
#[test]
fn a_run_without_site_lints_reports_every_chunk_in_order() {
    let dir = many_pages(700);
    let run = |select: &str, extra: &[&str]| {
        let o = tool()
            .current_dir(dir.path())
            .args(["check", "--offline", "--no-cache", "--format", "concise"])
            .args(["--select", select])
            .args(extra)
            .arg(".")
            .env_remove("HANDBOOK_LINT_SPILL_AT")
            .output()
            .unwrap();
        (
            String::from_utf8_lossy(&o.stdout).into_owned(),
            o.status.code(),
        )
    };
    let (page_only, code) = run("HB800,HB801", &[]);
    assert_eq!(code, Some(1));
    let (with_site, _) = run("HB800,HB801,HB102", &[]);
    let lines: Vec<&str> = page_only.lines().filter(|l| l.contains(": HB8")).collect();
    assert_eq!(lines.len(), 1400, "{page_only}");
    let site_lines: Vec<&str> = with_site.lines().filter(|l| l.contains(": HB8")).collect();
    assert_eq!(lines, site_lines);
    assert_eq!(
        with_site.lines().filter(|l| l.contains(": HB102")).count(),
        700
    );
    let mut sorted = lines.clone();
    sorted.sort_by_key(|l| l.split(':').next().unwrap_or_default().to_string());
    assert_eq!(lines, sorted, "reports out of order");
    // Fixed in one run over every chunk; a second changes nothing.
    let (fixed, _) = run("HB800,HB801", &["--fix"]);
    assert!(
        fixed.contains("No findings") || !fixed.contains(": HB8"),
        "{fixed}"
    );
    let mut files = Vec::new();
    read_tree(dir.path(), dir.path(), &mut files);
    let pages: Vec<_> = files.iter().filter(|(n, _)| n.ends_with(".md")).collect();
    assert_eq!(pages.len(), 700);
    for (name, bytes) in &pages {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(" \n") && !text.contains('\t'),
            "{name}: {text}"
        );
    }
    let (again, code) = run("HB800,HB801", &["--fix"]);
    assert_eq!(code, Some(0), "{again}");
    let mut after = Vec::new();
    read_tree(dir.path(), dir.path(), &mut after);
    assert!(files == after, "a second --fix changed files");
}
