//! Keeps the structure honest: codes, names, documentation, files and fixtures.

use std::collections::HashSet;
use std::path::Path;

use handbook_lints::registry::{self, LINTS};

#[test]
fn codes_are_unique_well_formed_and_in_order() {
    let codes: Vec<&str> = registry::metas().map(|m| m.code).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(codes, sorted, "the registry lists lints in code order");
    assert_eq!(
        codes.iter().collect::<HashSet<_>>().len(),
        codes.len(),
        "codes are unique"
    );
    for code in codes {
        assert!(
            code.len() == 5
                && code.starts_with("HB")
                && code[2..].bytes().all(|b| b.is_ascii_digit()),
            "{code}: codes are HB and three digits"
        );
    }
}

#[test]
fn names_describe_problems_in_kebab_case() {
    let mut seen = HashSet::new();
    for meta in registry::metas() {
        let name = meta.name;
        assert!(seen.insert(name), "{name} is used twice");
        assert!(
            name.split('-').all(|w| !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
            "{name}: kebab-case"
        );
        for command in ["no-", "use-", "prefer-", "require-", "enforce-"] {
            assert!(
                !name.starts_with(command),
                "{name}: name the problem, not a command"
            );
        }
    }
}

#[test]
fn every_lint_lives_in_its_own_file_named_after_it() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("lints/src/rules");
    for meta in registry::metas() {
        let file = rules.join(format!("{}.rs", meta.name.replace('-', "_")));
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|_| panic!("{} is missing", file.display()));
        assert!(
            text.contains(&format!("\"{}\"", meta.code)),
            "{} declares {}",
            file.display(),
            meta.code
        );
        let lines = text.lines().count();
        assert!(
            lines <= 260,
            "{}: {lines} lines; split helpers out",
            file.display()
        );
    }
}

#[test]
fn docs_have_the_required_sections() {
    for meta in registry::metas() {
        let docs = meta.docs();
        for section in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
        ] {
            assert!(docs.contains(section), "{}: missing `{section}`", meta.name);
        }
        let fixes = meta.fix != handbook_lints::lint::FixAvailability::None;
        assert_eq!(
            docs.contains("## Fix safety"),
            fixes,
            "{}: `## Fix safety` iff it fixes",
            meta.name
        );
        assert!(!meta.summary().is_empty());
        let options = docs
            .split("## Options")
            .nth(1)
            .map(|s| s.split("\n## ").next().unwrap_or(s));
        assert_eq!(
            options.is_some(),
            !meta.options.is_empty(),
            "{}: `## Options` iff it has options",
            meta.name
        );
        for option in meta.options {
            assert!(
                options.is_some_and(|o| o.contains(&format!("`{}`", option.name))),
                "{}: `## Options` documents `{}`",
                meta.name,
                option.name
            );
        }
    }
}

#[test]
fn messages_follow_the_style() {
    // Lowercase first letter, no final period: checked on the demo handbook's findings.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut checked = 0;
    for lint in LINTS {
        let dir = root.join(lint.meta().name);
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let info = handbook_lints::FileInfo {
                site_path: "page.md".into(),
                is_page: true,
            };
            let (_, diags) = handbook_lints::check(text, &info, &[*lint]);
            for d in diags {
                checked += 1;
                let first = d.message.chars().next().unwrap();
                assert!(
                    !first.is_uppercase(),
                    "{}: {:?} starts with a capital",
                    lint.meta().name,
                    d.message
                );
                assert!(
                    !d.message.ends_with('.'),
                    "{}: {:?} ends with a period",
                    lint.meta().name,
                    d.message
                );
                if let Some(help) = &d.help {
                    assert!(
                        !help.ends_with('.'),
                        "{}: help {help:?} ends with a period",
                        lint.meta().name
                    );
                }
            }
        }
    }
    assert!(checked > 0);
}

#[test]
fn readme_lint_table_is_the_generated_one() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let table = handbook_lint::cli::rules_markdown();
    assert!(
        readme.contains(&table),
        "README's lint table is out of date; paste the output of `handbook-lint rules --format markdown`:\n{table}"
    );
}

#[test]
fn the_project_lints_its_own_docs_clean() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_handbook-lint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("HANDBOOK_LINT_OFFLINE", "1")
        .args([
            "--format",
            "concise",
            "README.md",
            "fixtures/slugs/README.md",
        ])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}
