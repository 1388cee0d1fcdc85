//! The site lints' fixes through the tool: every site lint that declares a fix has it made
//! by `--diff --unsafe-fixes` on its fixture folder. The fixture runner checks the fixes a
//! finding carries; this checks that the site pass applies them. It once did so only in some
//! builds: which lint a finding came from was told by comparing addresses of constants.

mod common;

use std::path::Path;

use common::tool::{stderr, stdout, tool};
use handbook_lints::declare::{FixAvailability, Phase};

#[test]
fn every_fixing_site_lint_is_applied_by_the_site_pass() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for meta in handbook_lints::registry::of_phase(Phase::Site) {
        if meta.fix == FixAvailability::None {
            continue;
        }
        let folder = root.join("fixtures").join(meta.name);
        if !folder.is_dir() {
            continue;
        }
        let out = tool()
            .current_dir(root)
            .args([
                "check",
                "--offline",
                "--no-cache",
                "--diff",
                "--unsafe-fixes",
            ])
            .args(["--select", meta.code])
            .arg(format!("fixtures/{}", meta.name))
            .output()
            .unwrap();
        let diff = stdout(&out);
        assert!(
            diff.lines().any(|l| l.starts_with("+++ ")),
            "{}: --diff proposes no fix on its fixtures\n{diff}{}",
            meta.name,
            stderr(&out)
        );
        checked += 1;
    }
    assert!(
        checked >= 3,
        "only {checked} site lints with fixes and fixtures"
    );
}

/// A check keeps no text of a page its page lints found nothing in; when the site pass then
/// reports a broken link there, the page is read again, and the finding is shown at its line
/// with its source line, in every format.
#[test]
fn a_site_finding_on_an_otherwise_clean_page_is_shown_with_its_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("_config.yml"), "title: T\n").unwrap();
    std::fs::write(
        dir.path().join("index.md"),
        "---\ntitle: Home\n---\n\n# Home\n\nSee [the guide](guide.md) and [gone](missing.md).\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("guide.md"),
        "---\ntitle: Guide\n---\n\n# Guide\n\nBack [home](index.md).\n",
    )
    .unwrap();
    let concise = common::tool::check_concise(dir.path(), &["."]);
    let text = stdout(&concise);
    assert!(
        text.contains("index.md:7:") && text.contains("missing.md"),
        "{text}"
    );
    // The only finding: the page lints found nothing, so its text was not kept.
    assert_eq!(text.lines().count(), 1, "{text}");
    let printed = |format: &str| {
        let o = tool()
            .current_dir(dir.path())
            .args(["check", "--offline", "--no-cache", "--format", format, "."])
            .output()
            .unwrap();
        stdout(&o)
    };
    let shown = printed("full");
    assert!(
        shown.contains("See [the guide](guide.md) and [gone](missing.md)."),
        "{shown}"
    );
    // SARIF counts columns on the finding's line, kept of the text read again.
    let sarif = printed("sarif");
    assert!(
        sarif.contains("\"startLine\": 7") && sarif.contains("\"startColumn\": 38"),
        "{sarif}"
    );
}
