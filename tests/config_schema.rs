//! The configuration file read on its own: the `[links]` settings, typed lint options, odd
//! values, the JSON Schema (committed, generated, and agreeing with the parser) and the
//! README's example.

use std::path::{Path, PathBuf};

use handbook_lint::config::ConfigFile;

mod common;
use common::tool::{run_in, stderr, write};

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
            format!("[links]\ncache-max-age = {bad}\n"),
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
