//! markdownlint's settings: rule options and severities mapped onto our lints, `default`,
//! `extends`, `.markdownlint-cli2.*` files (`config`, `ignores`) found per folder, and the
//! warnings for what is not read.

use std::path::Path;

mod common;
use common::tool::{run_in, stderr, stdout, write};

/// A repository (with `.git`) holding `docs/long.md`: a 60-character line, a second
/// marker style and three blank lines in a row.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    write(
        dir.path(),
        "docs/long.md",
        "---\ntitle: Long\n---\n# Long\n\nThis line has sixty characters in it, give or take a few ok.\n\n\n\nText.\n",
    );
    dir
}

/// `path:line CODE` for every finding of the whitespace lints (HB8xx).
fn findings(dir: &Path) -> Vec<String> {
    let o = run_in(dir, &["check", "--format", "concise", "."]);
    stdout(&o)
        .lines()
        .filter(|l| l.contains(": HB8"))
        .map(|l| {
            let mut parts = l.split(':');
            let (path, line) = (parts.next().unwrap(), parts.next().unwrap());
            let code = l.split(": ").nth(1).unwrap().split(' ').next().unwrap();
            format!("{path}:{line} {code}")
        })
        .collect()
}

/// The line after `[lints.NAME]` that starts with `key`, in `handbook-lint config`'s text.
fn shown(text: &str, lint: &str, key: &str) -> String {
    let at = text.find(&format!("[lints.{lint}]")).expect(lint);
    text[at..]
        .lines()
        .find(|l| l.starts_with(key))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn rule_options_reach_our_lints_with_their_origin() {
    let dir = repo();
    // markdownlint's defaults: no long line at 60 characters with `line_length` 80.
    write(dir.path(), ".markdownlint.json", "{\"MD013\": true}\n");
    assert!(!findings(dir.path()).iter().any(|f| f.ends_with("HB804")));
    write(
        dir.path(),
        ".markdownlint.json",
        "{\n  \"line-length\": {\"line_length\": 50, \"severity\": \"warning\"},\n  \"MD012\": {\"maximum\": 2}\n}\n",
    );
    let found = findings(dir.path());
    assert!(
        found.contains(&"docs/long.md:6 HB804".to_string()),
        "{found:?}"
    );
    // Three blank lines: one too many for `maximum` 2.
    assert_eq!(
        found.iter().filter(|f| f.ends_with("HB802")).count(),
        1,
        "{found:?}"
    );
    let text = stdout(&run_in(dir.path(), &["config", "docs/long.md"]));
    assert!(
        shown(&text, "long-line", "line-length = 50").ends_with("# .markdownlint.json:2"),
        "{text}"
    );
    assert!(
        shown(&text, "long-line", "severity").ends_with("# .markdownlint.json:2"),
        "{text}"
    );
    assert!(
        shown(&text, "multiple-blank-lines", "maximum = 2").ends_with("# .markdownlint.json:3"),
        "{text}"
    );
    // Our own file wins, option by option.
    write(
        dir.path(),
        "handbook-lint.toml",
        "[lints.long-line]\nline_length = 100\n",
    );
    assert!(!findings(dir.path()).iter().any(|f| f.ends_with("HB804")));
    let text = stdout(&run_in(dir.path(), &["config", "docs/long.md"]));
    assert!(
        shown(&text, "long-line", "line-length = 100").ends_with("# handbook-lint.toml:2"),
        "{text}"
    );
}

#[test]
fn options_we_do_not_support_are_warnings_naming_the_line() {
    let dir = repo();
    write(
        dir.path(),
        ".markdownlint.yaml",
        "MD013:\n  line_length: 50\n  line_lenght: 60\nMD022:\n  include_front_matter: true\nwhitespace: false\nMD012:\n  maximum: many\n",
    );
    let o = run_in(dir.path(), &["check", "--format", "concise", "."]);
    let err = stderr(&o);
    for expected in [
        "warning: .markdownlint.yaml:3:1: unknown option `line_lenght` for MD013 (did you mean `line_length`?); ignored",
        "warning: .markdownlint.yaml:6:1: `whitespace` names no markdownlint rule",
        "warning: .markdownlint.yaml:8:1: MD012 option `maximum`: handbook-lint's `multiple-blank-lines` cannot take this value",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    // Every option of markdownlint's 53 rules is ours too: MD022's `include_front_matter`
    // (the last one added) is read, not warned about.
    assert!(!err.contains("include_front_matter"), "{err}");
    // The supported option still applies; the run is not stopped.
    assert!(stdout(&o).contains("HB804"), "{}", stdout(&o));
    let text = stdout(&run_in(dir.path(), &["config", "."]));
    assert!(
        text.contains("# warning: .markdownlint.yaml:3:1: unknown option `line_lenght` for MD013"),
        "{text}"
    );
}

#[test]
fn default_false_turns_off_every_shared_rule_not_named() {
    let dir = repo();
    write(
        dir.path(),
        ".markdownlint.jsonc",
        "{\"default\": false, \"MD013\": {\"line_length\": 50}}\n",
    );
    assert_eq!(findings(dir.path()), ["docs/long.md:6 HB804"]);
    // A shared lint on by default is off, with where that was said; ours stay on.
    let text = stdout(&run_in(dir.path(), &["config", "docs/long.md"]));
    assert!(
        shown(&text, "empty-link", "severity")
            .ends_with("\"off\"                        # .markdownlint.jsonc:1"),
        "{text}"
    );
    assert!(
        shown(&text, "broken-relative-link", "severity").ends_with("# default"),
        "{text}"
    );
    // `default: true` alone leaves the style lints off (ours are off by default).
    write(dir.path(), ".markdownlint.jsonc", "{\"default\": true}\n");
    let text = stdout(&run_in(dir.path(), &["config", "docs/long.md"]));
    assert_eq!(
        shown(&text, "long-line", "severity"),
        "severity = \"off\"                        # default"
    );
    // `enabled: false` inside the rule's object turns it off.
    write(
        dir.path(),
        ".markdownlint.jsonc",
        "{\"MD012\": {\"enabled\": false, \"maximum\": 1}}\n",
    );
    assert!(!findings(dir.path()).iter().any(|f| f.ends_with("HB802")));
}

#[test]
fn extends_is_resolved_from_the_file_and_cycles_are_errors() {
    let dir = repo();
    write(
        dir.path(),
        "config/base.yaml",
        "MD013:\n  line_length: 50\nMD012: false\n",
    );
    write(
        dir.path(),
        ".markdownlint.jsonc",
        "{\n  \"extends\": \"config/base.yaml\",\n  \"MD012\": true\n}\n",
    );
    let found = findings(dir.path());
    assert!(
        found.contains(&"docs/long.md:6 HB804".to_string()),
        "{found:?}"
    );
    assert!(found.iter().any(|f| f.ends_with("HB802")), "{found:?}");
    let text = stdout(&run_in(dir.path(), &["config", "docs/long.md"]));
    assert!(
        text.contains("# markdownlint settings: .markdownlint.jsonc, config/base.yaml"),
        "{text}"
    );
    assert!(
        shown(&text, "long-line", "line-length = 50").ends_with("# config/base.yaml:2"),
        "{text}"
    );
    // A cycle, and a file that is not there.
    write(
        dir.path(),
        "config/base.yaml",
        "extends: ../.markdownlint.jsonc\n",
    );
    let o = run_in(dir.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("config/base.yaml:1:1: `extends` makes a cycle"),
        "{}",
        stderr(&o)
    );
    write(dir.path(), "config/base.yaml", "extends: nowhere.json\n");
    let o = run_in(dir.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`extends` names `nowhere.json`"),
        "{}",
        stderr(&o)
    );
    // One of markdownlint's packaged styles is not read, with a warning; the run goes on.
    write(
        dir.path(),
        "config/base.yaml",
        "extends: markdownlint/style/prettier\n",
    );
    let o = run_in(dir.path(), &["check", "."]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("`extends` names `markdownlint/style/prettier`, a package"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn markdownlint_cli2_files_config_ignores_and_precedence() {
    let dir = repo();
    write(
        dir.path(),
        "docs/drafts/wip.md",
        "---\ntitle: W\n---\n# W\n\n\n\nText.\n",
    );
    write(
        dir.path(),
        ".markdownlint-cli2.jsonc",
        "{\n  \"config\": {\"MD013\": {\"line_length\": 50}, \"MD012\": false},\n  \"ignores\": [\"docs/drafts/**\"],\n  \"globs\": [\"**/*.md\"],\n  \"noProgress\": true\n}\n",
    );
    let found = findings(dir.path());
    assert_eq!(found, ["docs/long.md:6 HB804"]);
    // `globs` is read (tests/markdownlint_cli2.rs): `**/*.md` keeps every page, no warning.
    let o = run_in(dir.path(), &["check", "."]);
    assert!(!stderr(&o).contains("`globs`"), "{}", stderr(&o));
    let text = stdout(&run_in(dir.path(), &["config", "docs"]));
    assert!(text.contains("\"docs/drafts/**\""), "{text}");
    assert!(
        shown(&text, "long-line", "line-length = 50").ends_with("# .markdownlint-cli2.jsonc:2"),
        "{text}"
    );
    // A nearer .markdownlint-cli2.yaml merges with it, rule by rule.
    write(
        dir.path(),
        "docs/.markdownlint-cli2.yaml",
        "config:\n  MD012: true\n",
    );
    let found = findings(dir.path());
    assert!(
        found.contains(&"docs/long.md:6 HB804".to_string()),
        "{found:?}"
    );
    assert!(found.iter().any(|f| f.ends_with("HB802")), "{found:?}");
    // A .markdownlint.* file in the same folder wins over the cli2 file's `config`.
    write(dir.path(), "docs/.markdownlint.yaml", "MD013: false\n");
    let found = findings(dir.path());
    assert!(!found.iter().any(|f| f.ends_with("HB804")), "{found:?}");
}

#[test]
fn configure_file_comments_set_the_page_s_own_options() {
    let dir = repo();
    write(
        dir.path(),
        ".markdownlint.json",
        "{\"MD013\": {\"line_length\": 50}}\n",
    );
    write(
        dir.path(),
        "docs/wide.md",
        "---\ntitle: Wide\n---\n# Wide\n\n<!-- markdownlint-configure-file {\n  \"MD013\": {\"line_length\": 70},\n  \"MD047\": false\n} -->\n\nThis line has sixty characters in it, give or take a few ok.\n\nNo final newline here.",
    );
    let found = findings(dir.path());
    // 50 for long.md, 70 for wide.md; MD047 off on wide.md only.
    assert!(
        found.contains(&"docs/long.md:6 HB804".to_string()),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|f| f.starts_with("docs/wide.md")),
        "{found:?}"
    );
    let o = run_in(
        dir.path(),
        &["check", "--format", "concise", "docs/wide.md"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}
