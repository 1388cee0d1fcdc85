//! The configuration file: discovery, selection, severities, options, exclusions,
//! markdownlint's settings, error messages and the `config` command (the file read on its
//! own and its JSON Schema: tests/config_schema.rs).

use std::path::Path;
use std::process::Output;

mod common;
use common::tool::{run_in, stderr, stdout, write};

/// A repository in a temporary folder (with `.git`, so discovery stops there) holding:
/// `a.md`: no front matter (HB301) and a backslash link (HB101), both warnings;
/// `docs/b.md`: front matter without `title`, a broken fragment (HB104, an error);
/// `docs/guide/c.md`: a valid page with a title and a backslash link (HB101).
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    write(root, "a.md", "# A\n\nSee [b](docs\\b.md).\n");
    write(
        root,
        "docs/b.md",
        "---\nlayout: page\n---\n# B\n\nSee [top](#nowhere).\n",
    );
    write(
        root,
        "docs/guide/c.md",
        "---\ntitle: C\n---\n# C\n\nSee [b](..\\b.md).\n",
    );
    dir
}

/// `path CODE` for every finding of a concise report, sorted.
fn findings(o: &Output) -> Vec<String> {
    let mut out: Vec<String> = stdout(o)
        .lines()
        .map(|l| {
            let path = l.split(':').next().unwrap();
            let code = l.split(": ").nth(1).unwrap().split(' ').next().unwrap();
            format!("{path} {code}")
        })
        .collect();
    out.sort();
    out
}

fn check(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", "--format", "concise"];
    args.extend_from_slice(extra);
    args.push(".");
    run_in(dir, &args)
}

#[test]
fn without_a_configuration_every_lint_runs() {
    let dir = repo();
    let o = check(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        findings(&o),
        [
            "a.md HB101",
            "a.md HB301",
            "docs/b.md HB104",
            "docs/guide/c.md HB101"
        ]
    );
}

#[test]
fn the_nearest_configuration_applies_to_each_file() {
    let dir = repo();
    write(dir.path(), "handbook-lint.toml", "ignore = [\"HB101\"]\n");
    write(
        dir.path(),
        "docs/.handbook-lint.toml",
        "ignore = [\"broken-link-fragment\"]\n",
    );
    let o = check(dir.path(), &[]);
    // The root file's ignore does not reach docs/: the nearest file is the whole story there.
    assert_eq!(findings(&o), ["a.md HB301", "docs/guide/c.md HB101"]);
}

#[test]
fn discovery_stops_at_the_repository_root() {
    let outer = tempfile::tempdir().unwrap();
    // Above the repository: never read, even though it would silence everything.
    write(
        outer.path(),
        "handbook-lint.toml",
        "select = []\nignore = [\"HB\"]\n",
    );
    let repo = outer.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    write(&repo, "a.md", "# A\n");
    let o = check(&repo, &[]);
    assert_eq!(findings(&o), ["a.md HB301"], "{}", stderr(&o));
}

/// Each folder is listed once and only the names its listing shows are asked for: the same
/// files are found in nested folders, a `.git` file (a linked work tree) still stops the
/// search, and a name that differs only in case is taken exactly where asking the file
/// system for the name finds it (where it ignores case).
#[test]
fn configuration_files_are_found_from_each_folders_listing() {
    let dir = repo();
    let root = dir.path();
    write(root, "handbook-lint.toml", "ignore = [\"HB301\"]\n");
    write(root, "docs/.markdownlint.yaml", "link-fragments: false\n");
    write(root, "docs/guide/Handbook-Lint.TOML", "ignore = [\"HB\"]\n");
    write(
        root,
        "docs/guide/deep/handbook-lint.toml",
        "ignore = [\"HB101\"]\n",
    );
    write(
        root,
        "docs/guide/deep/er/d.md",
        "# D\n\nSee [c](../..\\c.md).\n",
    );
    write(root, "sub/.git", "gitdir: elsewhere\n");
    write(root, "sub/e.md", "# E\n");
    let o = check(root, &[]);
    let mut want = vec!["a.md HB101", "docs/guide/c.md HB101"];
    if root.join("docs/guide/handbook-lint.toml").is_file() {
        want.retain(|f| !f.starts_with("docs/guide/"));
    }
    want.extend(["docs/guide/deep/er/d.md HB301", "sub/e.md HB301"]);
    assert_eq!(findings(&o), want, "{}", stderr(&o));
}

#[test]
fn config_option_names_one_file_for_everything() {
    let dir = repo();
    write(
        dir.path(),
        "docs/handbook-lint.toml",
        "ignore = [\"HB1\"]\n",
    );
    write(dir.path(), "ci.toml", "select = [\"HB104\"]\n");
    let o = check(dir.path(), &["--config", "ci.toml"]);
    assert_eq!(findings(&o), ["docs/b.md HB104"], "{}", stderr(&o));

    let o = check(dir.path(), &["--config", "missing.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("missing.toml: cannot read the configuration file"),
        "{}",
        stderr(&o)
    );

    write(dir.path(), "bad.toml", "select = [\n");
    let o = check(dir.path(), &["--config", "bad.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.toml:"), "{}", stderr(&o));
    assert!(
        stdout(&o).is_empty(),
        "nothing is linted with a broken configuration"
    );
}

#[test]
fn both_names_in_one_folder_is_an_error() {
    let dir = repo();
    write(dir.path(), "docs/handbook-lint.toml", "");
    write(dir.path(), "docs/.handbook-lint.toml", "");
    let o = check(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "error: docs: both `handbook-lint.toml` and `.handbook-lint.toml` are here; keep one"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn unknown_keys_and_lints_are_placed_and_get_a_suggestion() {
    let dir = repo();
    write(
        dir.path(),
        "handbook-lint.toml",
        "ignore = [\"HB501\"]\nextend-selct = [\"HB1\"]\n\n[lints.invalid-front-mater]\nseverity = \"error\"\n\n[lints.HB302]\nrequired-key = [\"title\"]\n\n[links]\ntimout = 10\n",
    );
    let o = check(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    insta::assert_snapshot!("unknown_keys", stderr(&o));
}

#[test]
fn wrong_types_and_values_name_the_line() {
    let dir = repo();
    write(
        dir.path(),
        "handbook-lint.toml",
        "select = \"HB101\"\n[lints.HB104]\nseverity = \"fatal\"\n[links]\naccept = [200, 700]\ncache-max-age = \"1 day\"\nexclude = [\"(\"]\nmax-concurrency = 0\n",
    );
    let o = check(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    for expected in [
        "handbook-lint.toml:1:10: expected a list of strings, found string",
        "handbook-lint.toml:3:12: unknown severity `fatal`",
        "handbook-lint.toml:5:16: `700` is not an HTTP status code (100 to 599)",
        "handbook-lint.toml:6:17: invalid age `1 day`",
        "handbook-lint.toml:7:12: invalid regular expression `(`",
        "handbook-lint.toml:8:19: expected 1 or more, found 0",
    ] {
        assert!(err.contains(expected), "{expected} missing from:\n{err}");
    }
}

#[test]
fn severity_overrides_change_the_report_and_the_exit_code() {
    let dir = repo();
    // Only warnings remain once HB104 is off; as infos they no longer fail the run.
    write(
        dir.path(),
        "handbook-lint.toml",
        "[lints.HB104]\nseverity = \"off\"\n[lints.backslash-link-path]\nseverity = \"info\"\n[lints.missing-front-matter]\nseverity = \"info\"\n",
    );
    let o = run_in(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let severities: Vec<(&str, &str)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(
        severities,
        [("HB301", "info"), ("HB101", "info"), ("HB101", "info")]
    );
    // `--fail-on info` makes them fail again; raising one to error fails the default run.
    let o = check(dir.path(), &["--fail-on", "info"]);
    assert_eq!(o.status.code(), Some(1));
    write(
        dir.path(),
        "handbook-lint.toml",
        "[lints.HB104]\nseverity = \"off\"\n[lints.backslash-link-path]\nseverity = \"error\"\n",
    );
    let o = check(dir.path(), &["--fail-on", "error"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!findings(&o).contains(&"docs/b.md HB104".to_string()));
}

#[test]
fn prefixes_select_families_and_the_most_specific_selector_wins() {
    let dir = repo();
    write(dir.path(), "handbook-lint.toml", "select = [\"HB1\"]\n");
    let o = check(dir.path(), &[]);
    assert_eq!(
        findings(&o),
        ["a.md HB101", "docs/b.md HB104", "docs/guide/c.md HB101"]
    );
    // `HB10` is more specific than `HB`: ignored although `HB` is selected; `HB104` is more
    // specific than `HB10`: selected again.
    write(
        dir.path(),
        "handbook-lint.toml",
        "select = [\"HB\"]\nignore = [\"HB10\"]\nextend-select = [\"HB104\"]\n",
    );
    let o = check(dir.path(), &[]);
    assert_eq!(findings(&o), ["a.md HB301", "docs/b.md HB104"]);
    write(dir.path(), "handbook-lint.toml", "select = [\"HB9\"]\n");
    let o = check(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`HB9` is the prefix of no lint code"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_command_line_overrides_the_file() {
    let dir = repo();
    write(
        dir.path(),
        "handbook-lint.toml",
        "select = [\"HB3\"]\nignore = [\"HB101\"]\n",
    );
    assert_eq!(findings(&check(dir.path(), &[])), ["a.md HB301"]);
    // --select replaces the file's selection; --extend-select beats the file's ignore.
    let o = check(dir.path(), &["--select", "HB104"]);
    assert_eq!(findings(&o), ["docs/b.md HB104"]);
    let o = check(dir.path(), &["--extend-select", "backslash-link-path"]);
    assert_eq!(
        findings(&o),
        ["a.md HB101", "a.md HB301", "docs/guide/c.md HB101"]
    );
    let o = check(dir.path(), &["--ignore", "HB3"]);
    assert!(findings(&o).is_empty(), "{:?}", findings(&o));
    let o = check(dir.path(), &["--extend-select", "HB9"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--extend-select: `HB9` is the prefix of no lint code"));
}

#[test]
fn per_file_ignores_match_paths_and_names() {
    let dir = repo();
    write(
        dir.path(),
        "handbook-lint.toml",
        "[per-file-ignores]\n\"docs/**/*.md\" = [\"HB101\"]\n\"a.md\" = [\"HB3\"]\n",
    );
    let o = check(dir.path(), &[]);
    assert_eq!(findings(&o), ["a.md HB101", "docs/b.md HB104"]);
}

#[test]
fn exclude_leaves_out_walked_files_but_not_named_ones() {
    let dir = repo();
    write(
        dir.path(),
        "handbook-lint.toml",
        "exclude = [\"guide\", \"a.md\"]\n",
    );
    let o = check(dir.path(), &[]);
    assert_eq!(findings(&o), ["docs/b.md HB104"]);
    assert!(stderr(&o).contains("in 1 of 1 file"), "{}", stderr(&o));
    let o = run_in(dir.path(), &["check", "--format", "concise", "a.md"]);
    assert_eq!(findings(&o), ["a.md HB101", "a.md HB301"]);
    // An excluded page is still part of the site: links to it are not broken.
    write(
        dir.path(),
        "docs/d.md",
        "---\ntitle: D\n---\n[c](guide/c.md)\n",
    );
    let o = check(dir.path(), &[]);
    assert_eq!(findings(&o), ["docs/b.md HB104"]);
}

/// A leading `/` anchors a pattern to the configuration's folder, as in .gitignore.
#[test]
fn a_leading_slash_anchors_an_exclude_pattern() {
    let dir = repo();
    write(dir.path(), "handbook-lint.toml", "exclude = [\"/b.md\"]\n");
    write(dir.path(), "b.md", "---\ntitle: B\n---\n[x](dir\\y.md)\n");
    let o = check(dir.path(), &[]);
    let found = findings(&o);
    assert!(!found.iter().any(|f| f.starts_with("b.md")), "{found:?}");
    assert!(found.contains(&"docs/b.md HB104".to_string()), "{found:?}");
}

#[test]
fn options_reach_the_lint() {
    let dir = repo();
    write(
        dir.path(),
        "handbook-lint.toml",
        "select = [\"invalid-front-matter\"]\n[lints.invalid-front-matter]\nrequired-keys = [\"title\", \"nav_order\"]\n",
    );
    let o = check(dir.path(), &[]);
    let out = stdout(&o);
    assert_eq!(
        out,
        "docs/b.md:1:1: HB302 [invalid-front-matter] front matter has no `title`\n\
         docs/b.md:1:1: HB302 [invalid-front-matter] front matter has no `nav_order`\n\
         docs/guide/c.md:1:1: HB302 [invalid-front-matter] front matter has no `nav_order`\n"
    );
    // Without the option the same pages are fine.
    write(
        dir.path(),
        "handbook-lint.toml",
        "select = [\"invalid-front-matter\"]\n",
    );
    assert_eq!(check(dir.path(), &[]).status.code(), Some(0));
}

#[test]
fn markdownlint_settings_turn_off_our_equivalents() {
    let dir = repo();
    write(
        dir.path(),
        "docs/.markdownlint.jsonc",
        "{\n  // fragments are checked elsewhere\n  \"default\": true, /* keep the rest */\n  \"MD051\": false,\n}\n",
    );
    assert_eq!(
        findings(&check(dir.path(), &[])),
        ["a.md HB101", "a.md HB301", "docs/guide/c.md HB101"]
    );
    let shown = stdout(&run_in(dir.path(), &["config", "docs/b.md"]));
    assert!(
        shown.contains("severity = \"off\"                        # docs/.markdownlint.jsonc:4"),
        "{shown}"
    );
    // Our own configuration wins.
    write(
        dir.path(),
        "handbook-lint.toml",
        "extend-select = [\"HB104\"]\n",
    );
    assert!(findings(&check(dir.path(), &[])).contains(&"docs/b.md HB104".to_string()));
    std::fs::remove_file(dir.path().join("handbook-lint.toml")).unwrap();
    // YAML, by name, and `default: false`.
    std::fs::remove_file(dir.path().join("docs/.markdownlint.jsonc")).unwrap();
    write(dir.path(), ".markdownlint.yaml", "link-fragments: false\n");
    assert!(!findings(&check(dir.path(), &[])).contains(&"docs/b.md HB104".to_string()));
    write(dir.path(), ".markdownlint.yaml", "default: false\n");
    assert!(!findings(&check(dir.path(), &[])).contains(&"docs/b.md HB104".to_string()));
    write(
        dir.path(),
        ".markdownlint.yaml",
        "default: false\nMD051: true\n",
    );
    assert!(findings(&check(dir.path(), &[])).contains(&"docs/b.md HB104".to_string()));
    // A rule named with `true` or options turns on a lint that is off by default.
    write(
        dir.path(),
        ".markdownlint.yaml",
        "MD013:\n  line_length: 100\nno-trailing-spaces: true\n",
    );
    let shown = stdout(&run_in(dir.path(), &["config", "docs/b.md"]));
    for (lint, line) in [("long-line", 1), ("trailing-whitespace", 3)] {
        let at = shown.find(&format!("[lints.{lint}]")).expect(lint);
        assert!(
            shown[at..]
                .lines()
                .nth(1)
                .unwrap()
                .ends_with(&format!("# default; selected by .markdownlint.yaml:{line}")),
            "{shown}"
        );
    }
    write(dir.path(), ".markdownlint.yaml", "MD051: [\n");
    let o = check(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(".markdownlint.yaml:"), "{}", stderr(&o));
}

#[test]
fn config_command_shows_values_and_their_origins() {
    let dir = repo();
    write(
        dir.path(),
        "handbook-lint.toml",
        "ignore = [\"HB50\"]\nexclude = [\"drafts\"]\n\n[per-file-ignores]\n\"a.md\" = [\"HB301\"]\n\n[lints.HB302]\nrequired-keys = [\"title\"]\n\n[lints.broken-link-fragment]\nseverity = \"info\"\n\n[links]\ntimeout = 10\naccept = [429]\n\n[links.headers.\"api.github.com\"]\nAuthorization = \"${GITHUB_TOKEN}\"\n",
    );
    let o = run_in(dir.path(), &["config", "a.md", "--extend-select", "HB101"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("config_text", stdout(&o));
    let o = run_in(dir.path(), &["config", "--format", "json", "docs"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["config_file"], "handbook-lint.toml");
    assert_eq!(v["links"]["timeout"]["value"], 10.0);
    assert_eq!(v["links"]["timeout"]["source"], "handbook-lint.toml:14");
    assert_eq!(v["links"]["max-concurrency"]["value"], 64);
    let hb501 = v["lints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == "HB501")
        .unwrap();
    assert_eq!(hb501["enabled"]["value"], false);
    assert_eq!(hb501["enabled"]["source"], "handbook-lint.toml:1");
    let hb302 = v["lints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == "HB302")
        .unwrap();
    assert_eq!(hb302["options"]["required-keys"]["value"][0], "title");
    // A broken configuration is exit 2 here too.
    write(dir.path(), "handbook-lint.toml", "select = [1]\n");
    assert_eq!(run_in(dir.path(), &["config"]).status.code(), Some(2));
}

/// The markdownlint rule a lint stands for names it too, by code or name, in any case:
/// on the command line, in the configuration file and for `explain`.
#[test]
fn markdownlint_codes_and_names_name_our_lints() {
    let dir = repo();
    let o = check(dir.path(), &["--select", "md051"]);
    assert_eq!(findings(&o), ["docs/b.md HB104"], "{}", stderr(&o));
    let o = check(dir.path(), &["--select", "link-fragments,MD051"]);
    assert_eq!(findings(&o), ["docs/b.md HB104"], "{}", stderr(&o));
    let o = check(dir.path(), &["--ignore", "MD051"]);
    assert_eq!(
        findings(&o),
        ["a.md HB101", "a.md HB301", "docs/guide/c.md HB101"],
        "{}",
        stderr(&o)
    );
    write(
        dir.path(),
        "handbook-lint.toml",
        "[lints.link-fragments]\nseverity = \"off\"\n",
    );
    let o = check(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        findings(&o),
        ["a.md HB101", "a.md HB301", "docs/guide/c.md HB101"],
        "{}",
        stderr(&o)
    );
    let by_md = run_in(dir.path(), &["explain", "MD051"]);
    let by_ours = run_in(dir.path(), &["explain", "broken-link-fragment"]);
    assert_eq!(by_md.status.code(), Some(0), "{}", stderr(&by_md));
    assert_eq!(stdout(&by_md), stdout(&by_ours));
}
