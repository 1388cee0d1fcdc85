//! markdownlint-cli2's own settings mapped onto ours: `globs`, `overrides` and `!` in
//! `ignores` (each case checked against markdownlint-cli2 0.24.1 when written), YAML aliases
//! in `.markdownlint.yaml`, and markdownlint options of a site lint (MD051).

use std::path::Path;
use std::process::{Command, Output};

/// A repository holding four pages, each with three blank lines in a row (MD012).
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    for page in ["a.md", "docs/d.md", "drafts/b.md", "drafts/keep.md"] {
        write(dir.path(), page, "# T\n\n\n\nText.\n");
    }
    dir
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_handbook-lint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("HANDBOOK_LINT_OFFLINE", "1")
        .env_remove("GITHUB_ACTIONS")
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// The files with a finding of `code`, sorted.
fn files_with(dir: &Path, code: &str) -> Vec<String> {
    let o = run(dir, &["check", "--format", "concise", "."]);
    let mut files: Vec<String> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.contains(&format!(": {code} ")))
        .map(|l| l.split(':').next().unwrap().to_string())
        .collect();
    files.dedup();
    files
}

const MD012_ONLY: &str = "\"config\": {\"default\": false, \"MD012\": true}";

fn cli2(dir: &Path, rest: &str) {
    write(
        dir,
        ".markdownlint-cli2.jsonc",
        &format!("{{\n  {MD012_ONLY},\n{rest}\n}}\n"),
    );
}

#[test]
fn globs_say_which_files_are_linted() {
    let dir = repo();
    cli2(
        dir.path(),
        "  \"globs\": [\"drafts/**/*.md\", \"!drafts/b.md\"]",
    );
    assert_eq!(files_with(dir.path(), "HB802"), ["drafts/keep.md"]);
    // Negations alone leave out what they match.
    cli2(dir.path(), "  \"globs\": [\"!drafts/**\"]");
    assert_eq!(files_with(dir.path(), "HB802"), ["a.md", "docs/d.md"]);
    // A nested file's `globs` are not read, with a warning naming the line.
    write(
        dir.path(),
        "docs/.markdownlint-cli2.yaml",
        "config:\n  MD013: false\nglobs:\n  - none.md\n",
    );
    let o = run(dir.path(), &["check", "."]);
    assert!(
        stderr(&o)
            .contains("docs/.markdownlint-cli2.yaml:3:1: `globs` is read only from the outermost"),
        "{}",
        stderr(&o)
    );
    assert!(files_with(dir.path(), "HB802").contains(&"docs/d.md".to_string()));
}

#[test]
fn a_negated_ignore_leaves_out_what_it_does_not_match() {
    let dir = repo();
    // markdownlint-cli2 negates every entry: `!drafts/keep.md` leaves out all but that file,
    // and `drafts/**` leaves out that one too: nothing is linted.
    cli2(
        dir.path(),
        "  \"ignores\": [\"drafts/**\", \"!drafts/keep.md\"]",
    );
    assert!(files_with(dir.path(), "HB802").is_empty());
    let o = run(dir.path(), &["check", "."]);
    assert!(
        stderr(&o).contains(
            ".markdownlint-cli2.jsonc:3:1: `!drafts/keep.md` in `ignores` leaves out every file that `drafts/keep.md` does not match"
        ),
        "{}",
        stderr(&o)
    );
    // Without negation a folder takes what is in it; a file named is linted all the same.
    cli2(dir.path(), "  \"ignores\": [\"drafts\"]");
    assert_eq!(files_with(dir.path(), "HB802"), ["a.md", "docs/d.md"]);
    let o = run(dir.path(), &["check", "--format", "concise", "drafts/b.md"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("HB802"));
}

#[test]
fn overrides_give_matching_files_their_settings() {
    let dir = repo();
    let merge = "  \"overrides\": [\n    {\"filter\": [\"drafts/**\", \"!drafts/keep.md\"], \"config\": {\"MD012\": false}, \"combine\": \"merge\"},\n    {\"filter\": [\"*.md\"], \"config\": {\"MD013\": true}, \"combine\": \"replace\"},\n    {\"filter\": [\"docs/**\"], \"config\": {}}\n  ]";
    cli2(dir.path(), merge);
    // drafts/b.md: MD012 off by the first; a.md: the second replaces the config, which no
    // longer names MD012 (markdownlint-cli2 would then run it by default; our style lints
    // stay off unless named, as for any `default: true`); the third lacks `combine`.
    assert_eq!(
        files_with(dir.path(), "HB802"),
        ["docs/d.md", "drafts/keep.md"]
    );
    let o = run(dir.path(), &["check", "."]);
    assert!(
        stderr(&o).contains(".markdownlint-cli2.jsonc:6:1: this override needs a `filter` list"),
        "{}",
        stderr(&o)
    );
    // The override's settings say where they come from.
    let text = String::from_utf8(run(dir.path(), &["config", "drafts/b.md"]).stdout).unwrap();
    assert!(text.contains("# .markdownlint-cli2.jsonc:4"), "{text}");
    // A `.markdownlint.*` file beside it wins: markdownlint-cli2 then ignores `overrides`.
    write(
        dir.path(),
        ".markdownlint.json",
        "{\"default\": false, \"MD012\": true}\n",
    );
    assert_eq!(
        files_with(dir.path(), "HB802"),
        ["a.md", "docs/d.md", "drafts/b.md", "drafts/keep.md"]
    );
    assert!(stderr(&run(dir.path(), &["check", "."]))
        .contains("`overrides` of `.markdownlint-cli2.*` do nothing here"));
}

#[test]
fn yaml_aliases_and_merge_keys_are_values() {
    let dir = repo();
    write(
        dir.path(),
        ".markdownlint.yaml",
        "default: false\nlimits: &blank\n  maximum: 2\nMD012: *blank\nMD013:\n  <<: *blank\n  line_length: 3\n",
    );
    // MD012 with `maximum: 2` (not null, which would turn it off); `maximum` is no MD013
    // option, a warning, while its own `line_length` applies.
    assert_eq!(
        files_with(dir.path(), "HB802"),
        ["a.md", "docs/d.md", "drafts/b.md", "drafts/keep.md"]
    );
    let text = String::from_utf8(run(dir.path(), &["config", "a.md"]).stdout).unwrap();
    assert!(text.contains("line-length = 3 "), "{text}");
    assert!(text.contains("maximum = 2 "), "{text}");
    // The billion laughs: an error naming the file, quickly.
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let p = i - 1;
        let refs = vec![format!("*a{p}"); 9].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    write(dir.path(), ".markdownlint.yaml", &bomb);
    let o = run(dir.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(".markdownlint.yaml:")
            && stderr(&o).contains("aliases expand to more than"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn link_fragment_options_reach_the_site_lint() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    write(
        dir.path(),
        "page.md",
        "# Costs\n\n[a](#Costs), [b](#figure-3), [c](#missing)\n",
    );
    let broken = |dir: &Path| {
        let o = run(dir, &["check", "--format", "concise", "page.md"]);
        String::from_utf8(o.stdout)
            .unwrap()
            .lines()
            .filter(|l| l.contains("HB104"))
            .count()
    };
    assert_eq!(broken(dir.path()), 3);
    write(
        dir.path(),
        ".markdownlint.jsonc",
        "{\"MD051\": {\"ignore_case\": true, \"ignored_pattern\": \"^figure-\"}}\n",
    );
    assert_eq!(broken(dir.path()), 1);
    // A pattern our regular expressions cannot read is a warning, not a crash.
    write(
        dir.path(),
        ".markdownlint.jsonc",
        "{\"MD051\": {\"ignored_pattern\": \"(?<=x)y\"}}\n",
    );
    let o = run(dir.path(), &["check", "page.md"]);
    assert!(
        stderr(&o).contains("MD051 option `ignored_pattern`"),
        "{}",
        stderr(&o)
    );
}
