//! Keeps the structure honest: codes, names, documentation, files and fixtures.

use std::collections::HashSet;
use std::path::Path;

use handbook_lints::lint::{Group, Phase};
use handbook_lints::registry::{self, page_lints, Pass};

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
        let file = rules
            .join(meta.group.folder())
            .join(format!("{}.rs", meta.name.replace('-', "_")));
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
            meta.options.is_some(),
            "{}: `## Options` iff it has options",
            meta.name
        );
        for option in meta.options.iter().flat_map(|o| o.fields) {
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
    for lint in page_lints() {
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

#[test]
fn every_lint_declares_group_default_phase_and_options() {
    for pass in registry::ALL {
        let meta = pass.meta();
        let name = meta.name;
        // The pass that runs it agrees with its phase.
        match pass {
            Pass::Page(_) => assert_eq!(meta.phase, Phase::Page, "{name}: a page pass"),
            Pass::Site(_) => assert_ne!(meta.phase, Phase::Page, "{name}: a site pass"),
        }
        // The links checked online are the external ones, and only they.
        assert_eq!(
            meta.group == Group::External,
            meta.is_external(),
            "{name}: group `external` iff phase `external`"
        );
        assert!(Group::ALL.contains(&meta.group));
        // Today every lint runs by default; a lint off by default says so in its docs.
        if !meta.enabled_by_default {
            assert!(
                meta.docs().contains("off by default"),
                "{name}: says it is off by default"
            );
        }
        let Some(options) = &meta.options else {
            continue;
        };
        // The documented fields are the struct's fields, with the struct's defaults.
        let defaults = options.defaults();
        let mut documented: Vec<&str> = options.fields.iter().map(|f| f.name).collect();
        let mut declared: Vec<&str> = defaults.keys().map(String::as_str).collect();
        documented.sort();
        declared.sort();
        assert_eq!(documented, declared, "{name}: FIELDS lists every option");
        for field in options.fields {
            let default = defaults[field.name].clone();
            let schema = field.kind.schema();
            let kind_matches = match &default {
                serde_json::Value::Bool(_) => schema["type"] == "boolean",
                serde_json::Value::Number(_) => schema["type"] == "integer",
                serde_json::Value::String(_) => schema["type"] == "string",
                serde_json::Value::Array(_) => schema["type"] == "array",
                // Unset by default: it follows another option (MD013's heading length
                // follows `line_length`), which the lint's documentation says.
                serde_json::Value::Null => true,
                _ => false,
            };
            assert!(
                kind_matches,
                "{name}: `{}` has the kind of its default",
                field.name
            );
            // markdownlint's names (aliases) are accepted by the type itself.
            for alias in field.aliases {
                let one = serde_json::Map::from_iter([(alias.to_string(), default.clone())]);
                assert!(
                    options.parse(one).is_ok(),
                    "{name}: alias `{alias}` of `{}` is accepted",
                    field.name
                );
            }
        }
        assert!(
            options.parse(defaults).is_ok(),
            "{name}: its defaults parse"
        );
        let unknown = serde_json::Map::from_iter([("no-such-option".into(), true.into())]);
        let err = options
            .parse(unknown)
            .expect_err("unknown options are refused");
        assert!(err.contains("unknown field"), "{name}: {err}");
    }
}

#[test]
fn markdownlint_equivalents_are_well_formed_and_unique() {
    let mut seen = HashSet::new();
    for meta in registry::metas() {
        let Some(md) = meta.markdownlint else {
            continue;
        };
        assert!(
            md.code.len() == 5
                && md.code.starts_with("MD")
                && md.code[2..].bytes().all(|b| b.is_ascii_digit()),
            "{}: `{}` is MD and three digits",
            meta.name,
            md.code
        );
        assert!(seen.insert(md.code), "{} is claimed twice", md.code);
        assert!(seen.insert(md.name), "{} is claimed twice", md.name);
        let found = registry::find_markdownlint(md.code).map(|m| m.code);
        assert_eq!(found, Some(meta.code));
        let found = registry::find_markdownlint(&md.name.to_uppercase()).map(|m| m.code);
        assert_eq!(found, Some(meta.code));
    }
}

#[test]
fn the_registry_iterators_agree_with_the_list() {
    let page: Vec<&str> = page_lints().iter().map(|l| l.meta().code).collect();
    let site: Vec<&str> = registry::site_lints()
        .iter()
        .map(|l| l.meta().code)
        .collect();
    assert_eq!(page.len() + site.len(), registry::ALL.len());
    let of_phase = |p| registry::of_phase(p).map(|m| m.code).collect::<Vec<_>>();
    assert_eq!(page, of_phase(Phase::Page));
    let mut later = of_phase(Phase::Site);
    later.extend(of_phase(Phase::External));
    later.sort();
    assert_eq!(site, later);
}
