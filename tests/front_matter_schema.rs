//! The front matter schema of `handbook-lint.toml` (`[front-matter."GLOB"]` and
//! `[front-matter."collection:NAME"]`): its errors, which pages each table applies to, the
//! findings, and what `handbook-lint config` shows of it.

use std::path::Path;
use std::process::Command;

use handbook_lint::config::ConfigFile;

mod common;
use common::tool::{run_in, run_with_stdin, stdout, write};

fn errors_of(text: &str) -> Vec<String> {
    match ConfigFile::parse(Path::new("/x/handbook-lint.toml"), "h.toml", text) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(|e| e.to_string()).collect(),
    }
}

#[test]
fn mistakes_are_placed_and_get_a_suggestion() {
    let text = "\
[front-matter.\"docs/**\"]
requird = [\"title\"]
types = { nav_order = \"nubmer\", tags = [\"list\", \"sting\"], x = 3 }
allowed = { layout = [], audience = [\"staff\", 1.5], draft = \"yes\" }

[front-matter.\"docs/[\"]
required = [\"title\"]

[front-matter.\"collection:\"]
required = [\"title\"]
";
    assert_eq!(
        errors_of(text),
        [
            "h.toml:2:1: unknown key `requird` in `[front-matter.\"docs/**\"]` (did you mean `required`?)",
            "h.toml:3:23: unknown type `nubmer` (did you mean `number`?); the types are `string`, `number`, `integer`, `boolean`, `list`, `map`, `date`",
            "h.toml:3:49: unknown type `sting` (did you mean `string`?); the types are `string`, `number`, `integer`, `boolean`, `list`, `map`, `date`",
            "h.toml:3:63: expected a type name or a list of type names, found integer",
            "h.toml:4:22: an empty list of values allows nothing",
            "h.toml:4:47: expected a text, an integer or a boolean, found float",
            "h.toml:4:61: expected a list of values, found string",
            "h.toml:6:15: invalid glob `docs/[`: unclosed character class; missing ']'",
            "h.toml:9:15: `collection:`: write a collection as `collection:NAME`, such as `collection:posts`",
        ]
    );
    assert_eq!(
        errors_of("[front-matter]\nrequired = [\"title\"]\n"),
        ["h.toml:2:12: expected a table, found array"]
    );
}

#[test]
fn a_valid_schema_is_read_in_order() {
    let text = "\
[front-matter.\"**\"]
required = [\"title\"]

[front-matter.\"collection:posts\"]
required = [\"date\"]
types = { nav_order = [\"integer\", \"string\"] }
allowed = { layout = [\"post\"], featured = [true, false], rank = [1, 2] }
";
    let file = ConfigFile::parse(Path::new("/x/handbook-lint.toml"), "h.toml", text).unwrap();
    let tables: Vec<&str> = file
        .front_matter
        .iter()
        .map(|t| t.written.as_str())
        .collect();
    assert_eq!(tables, ["**", "collection:posts"]);
    assert_eq!(file.front_matter[1].allowed.len(), 3);
}

/// A site with a `docs/` folder under a schema, a page outside it, and posts.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    write(root, "_config.yml", "title: Harbour handbook\n");
    write(
        root,
        "handbook-lint.toml",
        "\
select = [\"invalid-front-matter\", \"front-matter-type\"]

[front-matter.\"docs/**\"]
required = [\"title\", \"parent\"]
types = { nav_order = \"integer\" }
allowed = { layout = [\"default\", \"page\"] }

[front-matter.\"collection:posts\"]
required = [\"author\"]
",
    );
    write(
        root,
        "docs/fees.md",
        "---\ntitle: Fees\nnav_order: \"2\"\nlayout: wide\n---\n\n# Fees\n",
    );
    write(
        root,
        "docs/ok.md",
        "---\ntitle: Ok\nparent: Fees\nnav_order: 2\nlayout: page\n---\n\n# Ok\n",
    );
    write(
        root,
        "about.md",
        "---\ntitle: About\nnav_order: \"2\"\nlayout: wide\n---\n\n# About\n",
    );
    write(
        root,
        "_posts/2024-05-01-opening.md",
        "---\ntitle: Opening\n---\n\nThe harbour opens.\n",
    );
    dir
}

#[test]
fn tables_apply_by_glob_and_by_collection() {
    let dir = site();
    let o = run_in(dir.path(), &["check", "--format", "concise", "."]);
    let out = stdout(&o);
    let mut lines: Vec<&str> = out.lines().filter(|l| l.contains(" HB30")).collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            "_posts/2024-05-01-opening.md:1:1: HB302 [invalid-front-matter] front matter has no `author`",
            "docs/fees.md:1:1: HB302 [invalid-front-matter] front matter has no `parent`",
            "docs/fees.md:3:12: HB305 [front-matter-type] `nav_order` is a text, where the configuration asks for `integer`",
            "docs/fees.md:4:9: HB305 [front-matter-type] `layout` is `wide`, not a value the configuration allows",
        ],
        "{out}"
    );
    // Standard input named as a post gets the collection's table.
    let o = run_with_stdin(
        Command::new(env!("CARGO_BIN_EXE_handbook-lint"))
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .args([
                "check",
                "--format",
                "concise",
                "--stdin-filename",
                "_posts/2024-06-01-x.md",
            ]),
        b"---\ntitle: X\n---\n\nText.\n",
    );
    assert!(
        stdout(&o).contains("front matter has no `author`"),
        "{}",
        stdout(&o)
    );
}

/// A required key that `_config.yml`'s `defaults:` supply for a file is the page's: no
/// finding for it (Jekyll gives the page that value).
#[test]
fn keys_supplied_by_defaults_are_not_required() {
    let dir = site();
    write(
        dir.path(),
        "_config.yml",
        "\
title: Harbour handbook
defaults:
  - scope:
      type: posts
    values:
      author: Harbour office
  - scope:
      path: docs
    values:
      parent: Fees
",
    );
    let o = run_in(dir.path(), &["check", "--format", "concise", "."]);
    let out = stdout(&o);
    assert!(!out.contains("has no `author`"), "{out}");
    assert!(!out.contains("has no `parent`"), "{out}");
    // A key no default supplies is still required.
    assert!(
        out.contains("docs/fees.md:3:12: HB305 [front-matter-type] `nav_order` is a text"),
        "{out}"
    );
}

#[test]
fn config_shows_the_tables_and_whether_they_apply() {
    let dir = site();
    let o = run_in(dir.path(), &["config", "docs/fees.md"]);
    let out = stdout(&o);
    assert!(
        out.contains(
            "[front-matter.\"docs/**\"]  # handbook-lint.toml:3; applies to this file\n\
             required = [\"title\", \"parent\"]\n\
             types = { nav_order = \"integer\" }\n\
             allowed = { layout = [\"default\",\"page\"] }\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "[front-matter.\"collection:posts\"]  # handbook-lint.toml:8; does not apply to this file"
        ),
        "{out}"
    );
    let o = run_in(
        dir.path(),
        &["config", "--format", "json", "_posts/2024-05-01-opening.md"],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let tables = json["front-matter"].as_array().unwrap();
    assert_eq!(tables[0]["glob"], "docs/**");
    assert_eq!(tables[0]["applies"], false);
    assert_eq!(tables[1]["collection"], "posts");
    assert_eq!(tables[1]["applies"], true);
    assert_eq!(tables[1]["required"][0], "author");
}

/// `config` writes the tables as TOML that reads back the same, odd keys included.
#[test]
fn config_writes_tables_that_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    write(root, "_config.yml", "title: x\n");
    write(
        root,
        "handbook-lint.toml",
        "[front-matter.\"docs/**\"]\nrequired = [\"we\\\"ird\"]\ntypes = { \"a.b\" = \"string\", nav_order = \"integer\" }\nallowed = { \"my key\" = [\"x\"] }\n",
    );
    write(root, "docs/a.md", "---\ntitle: a\n---\n\n# A\n");
    // The section as written by `config`, read back as a configuration, is written the same.
    let section = |root: &Path| {
        let text = stdout(&run_in(root, &["config", "docs/a.md"]));
        let start = text
            .find("[front-matter.")
            .unwrap_or_else(|| panic!("{text}"));
        let end = text[start..].find("\n\n").map_or(text.len(), |e| start + e);
        text[start..end].to_string()
    };
    let first = section(root);
    assert!(
        first.contains(r#"types = { "a.b" = "string", nav_order = "integer" }"#),
        "{first}"
    );
    let again = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(again.path().join(".git")).unwrap();
    write(again.path(), "_config.yml", "title: x\n");
    let written: String = first
        .lines()
        .map(|l| format!("{}\n", l.split("  #").next().unwrap()))
        .collect();
    write(again.path(), "handbook-lint.toml", &written);
    write(again.path(), "docs/a.md", "---\ntitle: a\n---\n\n# A\n");
    assert_eq!(section(again.path()), first);
}
