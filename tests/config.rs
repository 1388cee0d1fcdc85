//! The configuration file: discovery, selection, severities, options, exclusions,
//! markdownlint's settings, error messages, the `config` command and the JSON Schema.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use handbook_lint::config::ConfigFile;

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

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_handbook-lint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("HANDBOOK_LINT_OFFLINE", "1")
        .env_remove("GITHUB_ACTIONS")
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
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

#[test]
fn links_settings_are_read_for_the_link_checker() {
    let text = "[links]\noffline = true\ntimeout = 2.5\nmax-concurrency = 16\nhost-concurrency = 2\nexclude = [\"^https://intranet\\\\.\"]\naccept = [403, 429]\ncache = true\ncache-path = \".cache/links.json\"\ncache-max-age = \"12h\"\n[links.headers.\"api.github.com\"]\nAuthorization = \"${GITHUB_TOKEN}\"\nAccept = \"application/json\"\n";
    let file = ConfigFile::parse(Path::new("/x/handbook-lint.toml"), "h.toml", text).unwrap();
    let l = &file.links;
    assert_eq!(l.offline, Some(true));
    assert_eq!(l.timeout, Some(2.5));
    assert_eq!((l.max_concurrency, l.host_concurrency), (Some(16), Some(2)));
    assert_eq!(l.exclude, ["^https://intranet\\."]);
    assert_eq!(l.accept, [403, 429]);
    assert_eq!(l.cache, Some(true));
    assert_eq!(l.cache_path.as_deref(), Some(".cache/links.json"));
    assert_eq!(l.cache_max_age.as_deref(), Some("12h"));
    assert_eq!(
        l.headers["api.github.com"]["Authorization"],
        "${GITHUB_TOKEN}"
    );
    let bad = "[links.headers.\"x\"]\nAuthorization = \"${1TOKEN}\"\n\"Bad Name\" = \"v\"\n";
    let errors = ConfigFile::parse(Path::new("/x/h.toml"), "h.toml", bad).unwrap_err();
    let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        shown,
        [
            "h.toml:2:17: `1TOKEN` is not an environment variable name",
            "h.toml:3:1: `Bad Name` is not a valid HTTP header name",
        ]
    );
}

fn schema_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/config/handbook-lint.schema.json")
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let generated = handbook_lint::config::show::schema();
    let committed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path()).unwrap()).unwrap();
    assert!(
        generated == committed,
        "src/config/handbook-lint.schema.json is out of date; run `handbook-lint config --schema > src/config/handbook-lint.schema.json`"
    );
}

/// A valid TOML value for a schema.
fn sample(schema: &serde_json::Value, defs: &serde_json::Value) -> String {
    if let Some(r) = schema["$ref"].as_str() {
        return sample(&defs[r.trim_start_matches("#/definitions/")], defs);
    }
    if let Some(e) = schema["enum"].as_array() {
        return e[0].to_string();
    }
    if schema["anyOf"].is_array() {
        return sample(&schema["anyOf"][0], defs);
    }
    match schema["type"].as_str().unwrap() {
        "boolean" => "true".into(),
        "integer" => schema["minimum"].as_i64().unwrap_or(1).to_string(),
        "number" => "1.5".into(),
        "string" => match schema["pattern"].as_str() {
            Some(_) if schema["examples"].is_array() => schema["examples"][0].to_string(),
            Some(_) => "\"1d\"".into(),
            None => "\"x\"".into(),
        },
        "array" => format!("[{}]", sample(&schema["items"], defs)),
        "object" => {
            let mut parts = Vec::new();
            if let Some(props) = schema["properties"].as_object() {
                for (k, v) in props {
                    parts.push(format!("\"{k}\" = {}", sample(v, defs)));
                }
            } else {
                parts.push(format!(
                    "\"k\" = {}",
                    sample(&schema["additionalProperties"], defs)
                ));
            }
            format!("{{ {} }}", parts.join(", "))
        }
        other => panic!("no sample for {other}"),
    }
}

#[test]
fn every_key_of_the_schema_is_accepted_and_no_other() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path()).unwrap()).unwrap();
    let defs = &schema["definitions"];
    let mut text = String::new();
    for (key, sub) in schema["properties"].as_object().unwrap() {
        if key == "lints" {
            // By name only: a lint twice (name and code) is an error of its own.
            for (lint, def) in sub["properties"].as_object().unwrap() {
                if !lint.starts_with("HB") {
                    text += &format!("lints.{lint} = {}\n", sample(def, defs));
                }
            }
        } else {
            text += &format!("{key} = {}\n", sample(sub, defs));
        }
    }
    let parsed = ConfigFile::parse(Path::new("/x/handbook-lint.toml"), "all.toml", &text);
    assert!(parsed.is_ok(), "{text}\n{:?}", parsed.err());
    // The parser knows each key of the schema; one more key is refused, at every level.
    for extra in [
        "surprise = 1\n",
        "[links]\nsurprise = 1\n",
        "[lints.HB101]\nsurprise = 1\n",
    ] {
        let errors = ConfigFile::parse(Path::new("/x/h.toml"), "h.toml", extra).unwrap_err();
        assert!(
            errors[0].message.contains("unknown key `surprise`"),
            "{errors:?}"
        );
        // And the schema refuses it too.
        let table = if extra.starts_with("[links]") {
            &schema["properties"]["links"]
        } else if extra.starts_with("[lints") {
            &defs["lint-backslash-link-path"]
        } else {
            &schema
        };
        assert_eq!(table["additionalProperties"], false);
        assert!(table["properties"].get("surprise").is_none());
    }
}

#[test]
fn the_readme_example_is_a_valid_configuration() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("## Configuration")
        .nth(1)
        .expect("README has a Configuration section");
    let example = section
        .split("```toml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("the section has a TOML example");
    let parsed = ConfigFile::parse(Path::new("/x/handbook-lint.toml"), "README", example);
    assert!(parsed.is_ok(), "{:?}", parsed.err());
    let file = parsed.unwrap();
    assert!(!file.lints.is_empty() && !file.per_file_ignores.is_empty());
}

/// Odd values are configuration errors (exit 2 with the line), never a crash.
#[test]
fn odd_values_are_errors_not_crashes() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["\"1\u{e9}\"", "\"99999999999999999999d\"", "\"d\""] {
        write(
            dir.path(),
            "handbook-lint.toml",
            &format!("[links]\ncache-max-age = {bad}\n"),
        );
        let o = run_in(dir.path(), &["config"]);
        assert_eq!(o.status.code(), Some(2), "{bad}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("handbook-lint.toml:2"),
            "{bad}: {}",
            stderr(&o)
        );
    }
    // A byte-order mark in .markdownlint.json is read past, as markdownlint does.
    std::fs::remove_file(dir.path().join("handbook-lint.toml")).unwrap();
    write(
        dir.path(),
        ".markdownlint.json",
        "\u{feff}{\"MD051\": false}\n",
    );
    let o = run_in(dir.path(), &["config"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// A lint option is checked against the lint's options type: an unknown name or a wrong type
/// is an error at its line and column, never a value quietly dropped.
#[test]
fn lint_options_are_typed() {
    let parse = |text: &str| ConfigFile::parse(Path::new("/x/handbook-lint.toml"), "h.toml", text);
    let errors = parse("[lints.invalid-front-matter]\nrequired-key = [\"title\"]\n").unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].path, "h.toml");
    assert_eq!(errors[0].at, Some((2, 1)));
    assert!(
        errors[0]
            .message
            .starts_with("unknown key `required-key` in `[lints.invalid-front-matter]` (did you mean `required-keys`?)"),
        "{}",
        errors[0].message
    );
    for (bad, at, message) in [
        (
            "\"title\"",
            (2, 17),
            "expected a list of strings, found string",
        ),
        (
            "[\"title\", 3]",
            (2, 27),
            "expected a string, found integer",
        ),
    ] {
        let text = format!("[lints.HB302]\nrequired-keys = {bad}\n");
        let errors = parse(&text).unwrap_err();
        assert_eq!(errors[0].at, Some(at), "{bad}");
        assert_eq!(errors[0].message, message, "{bad}");
    }
    let file = parse("[lints.HB302]\nrequired-keys = [\"title\"]\n").unwrap();
    assert!(file.lints[0].parsed.is_some(), "parsed once, when read");
}
