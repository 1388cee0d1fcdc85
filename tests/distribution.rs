//! What users copy: the README's examples, the pre-commit hooks and the GitHub Action.
//! Commands in `console` blocks are run and their output compared; every `handbook-lint`
//! command in `sh` blocks, and every hook entry, must be a valid command line.

use std::path::Path;
use std::process::Command;

use handbook_lints::front_matter::{parse_yaml, YamlNode, YamlValue};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The fenced blocks of `text` whose info string is `lang`.
fn blocks<'a>(text: &'a str, lang: &str) -> Vec<Vec<&'a str>> {
    let mut out = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in text.lines() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) if info.trim() == lang => current = Some(Vec::new()),
            (Some(_), Some("")) => out.push(current.take().unwrap()),
            (Some(block), _) => block.push(line),
            _ => {}
        }
    }
    out
}

/// Shell words of a command line up to a comment or a redirection (single and double quotes).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut started = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                started = true;
            }
            (None, '#' | '<' | '>' | '|') if !started => break,
            (None, c) if c.is_whitespace() => {
                if started {
                    out.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            (None, c) => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        out.push(word);
    }
    out
}

#[test]
fn every_readme_command_is_a_valid_command_line() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut seen = 0;
    for block in blocks(&readme, "sh") {
        for line in block {
            let args = words(line);
            if args.first().map(String::as_str) != Some("handbook-lint") {
                continue;
            }
            seen += 1;
            if let Err(e) = handbook_lint::cli::parse_only(&args) {
                panic!("README: `{line}` is not a valid command line:\n{e}");
            }
        }
    }
    assert!(seen >= 20, "only {seen} commands found");
}

#[test]
fn readme_console_examples_print_what_they_show() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut ran = 0;
    for block in blocks(&readme, "console") {
        let mut lines = block.into_iter().peekable();
        while let Some(line) = lines.next() {
            let Some(command) = line.strip_prefix("$ ") else {
                continue;
            };
            let mut expected = String::new();
            while let Some(next) = lines.next_if(|l| !l.starts_with("$ ")) {
                expected += next;
                expected.push('\n');
            }
            let args = words(command);
            assert_eq!(args[0], "handbook-lint", "{command}");
            let o = Command::new(env!("CARGO_BIN_EXE_handbook-lint"))
                .current_dir(root())
                .env("NO_COLOR", "1")
                .env_remove("GITHUB_ACTIONS")
                .args(&args[1..])
                .output()
                .unwrap();
            assert_eq!(
                String::from_utf8_lossy(&o.stdout),
                expected,
                "README example `{command}`"
            );
            ran += 1;
        }
    }
    assert!(ran >= 1);
}

fn yaml(path: &str) -> YamlNode {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    parse_yaml(&text, 0).unwrap().unwrap()
}

fn text<'a>(node: &'a YamlNode, key: &str) -> &'a str {
    node.get(key)
        .and_then(|v| v.as_str())
        .unwrap_or_else(|| panic!("no `{key}`"))
}

#[test]
fn the_pre_commit_hooks_are_valid_commands_for_markdown() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let YamlValue::Seq(hooks) = &hooks.value else {
        panic!("a list of hooks")
    };
    let ids: Vec<&str> = hooks.iter().map(|h| text(h, "id")).collect();
    assert_eq!(ids, ["handbook-lint", "handbook-lint-fix"]);
    for hook in hooks {
        assert_eq!(text(hook, "language"), "rust");
        let entry = text(hook, "entry");
        assert!(entry.contains("--offline"), "{entry}");
        let Some(YamlValue::Seq(types)) = hook.get("types").map(|t| &t.value) else {
            panic!("types")
        };
        assert_eq!(types[0].as_str(), Some("markdown"));
        // pre-commit appends the file names.
        let mut args = words(entry);
        args.push("docs/faq.md".into());
        handbook_lint::cli::parse_only(&args).unwrap();
    }
    assert!(text(&hooks[1], "entry").contains("--fix"));
}

/// The action's lint step, run as GitHub would run it (its script, its environment) on the
/// demo handbook, with SARIF on.
#[test]
fn the_action_lint_step_annotates_summarises_and_writes_sarif() {
    let action = yaml("action.yml");
    let steps = action.get("runs").and_then(|r| r.get("steps")).unwrap();
    let YamlValue::Seq(steps) = &steps.value else {
        panic!("steps")
    };
    let lint = steps
        .iter()
        .find(|s| s.get("id").and_then(|i| i.as_str()) == Some("lint"))
        .expect("a step with id `lint`");
    let script = text(lint, "run");
    let inputs = action.get("inputs").unwrap();
    for input in ["paths", "args", "fail-on", "online", "sarif", "sarif-file"] {
        assert!(inputs.get(input).is_some(), "input {input}");
    }
    let dir = tempfile::tempdir().unwrap();
    let (output, summary, sarif) = (
        dir.path().join("output"),
        dir.path().join("summary.md"),
        dir.path().join("report.sarif"),
    );
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_handbook-lint"))
        .parent()
        .unwrap();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap());
    let o = Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
        .current_dir(root())
        .env("PATH", path)
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_OUTPUT", &output)
        .env("GITHUB_STEP_SUMMARY", &summary)
        // One path a line, as a YAML block scalar gives them.
        .env(
            "HL_PATHS",
            "fixtures/handbook/faq.md\nfixtures/handbook/notes-without-front-matter.md\n",
        )
        .env("HL_ARGS", "--select HB1,HB3")
        .env("HL_FAIL_ON", "warning")
        .env("HL_ONLINE", "false")
        .env("HL_SARIF", "true")
        .env("HL_SARIF_FILE", &sarif)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        stdout.contains("::error file=fixtures/handbook/faq.md,line=26"),
        "{stdout}"
    );
    assert!(!stdout.contains("HB501"), "args reached the tool: {stdout}");
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "exit-code=1\n");
    let summary = std::fs::read_to_string(&summary).unwrap();
    // One summary: the SARIF pass does not append a second.
    assert_eq!(summary.matches("## handbook-lint").count(), 1, "{summary}");
    assert!(
        summary.contains("| HB101 `backslash-link-path` | 2 |"),
        "{summary}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(report["version"], "2.1.0");
    assert_eq!(report["runs"][0]["results"].as_array().unwrap().len(), 4);
}

#[test]
fn every_option_is_documented_in_help_and_readme() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let cmd = handbook_lint::cli::command();
    let mut commands = vec![&cmd];
    commands.extend(cmd.get_subcommands());
    let mut missing = Vec::new();
    for c in commands {
        for arg in c.get_arguments() {
            let Some(long) = arg.get_long() else { continue };
            if ["help", "version"].contains(&long) {
                continue;
            }
            if arg.get_help().is_none() {
                missing.push(format!("{} --{long}: no --help text", c.get_name()));
            }
            if !readme.contains(&format!("--{long}")) {
                missing.push(format!("{} --{long}: not in the README", c.get_name()));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
