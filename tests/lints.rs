//! Fixture runner: every lint's `fixtures/<name>/` folder holds Markdown files whose
//! expectation markers say where the lint must report, and nowhere else.
//!
//! Markers: `<!-- expect: NAME -->` on its own line expects one finding of NAME on the next
//! line that is not a marker; `<!-- expect: NAME@N -->` expects one on line N.
//! Positive files also get snapshots of their diagnostics and of their text after fixing.
//!
//! In a site fixture's `_config.yml`, `# expect: NAME` on its own line expects one finding
//! of NAME in `_config.yml` on the next line.
//!
//! Options: a line `<!-- options: {"required-keys": ["title"]} -->` (a JSON object, anywhere
//! in the file, so that front matter can stay first) gives the lint these options for that
//! file, parsed by the lint's options type as the configuration's values are. A line
//! `<!-- front-matter: {"types": {"nav_order": ["integer"]}} -->` gives the file the front
//! matter schema that the configuration's `[front-matter]` tables would.

use handbook_lints::engine::{lint_config, RuleSet};
use handbook_lints::fix::apply_fixes;
use handbook_lints::registry::{page_lints, site_lints};
use handbook_lints::{Applicability, Diagnostic};

#[path = "common/page_fixtures.rs"]
mod page_fixtures;
#[path = "common/site_fixtures.rs"]
mod site_fixtures;
use page_fixtures::{by_line, fixture_files, fixtures_root, markers, render, run};
use site_fixtures::{config_markers, lint_fixture_site, lint_whole_site, responses};

#[test]
fn every_lint_has_positive_and_negative_fixtures() {
    for lint in site_lints() {
        assert!(
            fixtures_root()
                .join(lint.meta().name)
                .join("_config.yml")
                .is_file(),
            "{}: site fixture needs _config.yml",
            lint.meta().name
        );
    }
    for lint in page_lints() {
        let files = fixture_files(*lint);
        let names: Vec<String> = files
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        // A page of megabytes is generated, not committed: tests/large_pages.rs.
        let generated = ["unparsed-block"].contains(&lint.meta().name);
        assert!(
            generated || names.iter().any(|n| n.starts_with("positive")),
            "{}: no positive fixture",
            lint.meta().name
        );
        assert!(
            names.iter().any(|n| n.starts_with("negative")),
            "{}: no negative fixture",
            lint.meta().name
        );
    }
}

#[test]
fn findings_match_markers() {
    let mut failures = Vec::new();
    for lint in page_lints() {
        for path in fixture_files(*lint) {
            let (text, diagnostics) = run(*lint, &path);
            let found = by_line(&text, &diagnostics);
            let expected = markers(&text);
            if path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("negative")
            {
                assert!(
                    expected.is_empty(),
                    "{}: negative fixture has markers",
                    path.display()
                );
            } else {
                assert!(
                    !expected.is_empty(),
                    "{}: positive fixture has no markers",
                    path.display()
                );
            }
            if found != expected {
                failures.push(format!(
                    "{}:\n  expected {:?}\n  found    {:?}",
                    path.display(),
                    expected,
                    found
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn positive_fixture_snapshots() {
    for lint in page_lints() {
        for path in fixture_files(*lint) {
            let file = path.file_stem().unwrap().to_string_lossy().into_owned();
            if !file.starts_with("positive") {
                continue;
            }
            let (text, diagnostics) = run(*lint, &path);
            let name = format!("{}__{file}", lint.meta().name);
            insta::assert_snapshot!(format!("{name}__diagnostics"), render(&text, &diagnostics));
            let has = |a: Applicability| {
                diagnostics
                    .iter()
                    .any(|d| d.fix.as_ref().is_some_and(|f| f.applicability == a))
            };
            if has(Applicability::Safe) {
                let safe = apply_fixes(&text, &diagnostics, Applicability::Safe).text;
                insta::assert_snapshot!(format!("{name}__fixed_safe"), safe);
            }
            if has(Applicability::Unsafe) {
                let all = apply_fixes(&text, &diagnostics, Applicability::Unsafe).text;
                insta::assert_snapshot!(format!("{name}__fixed_unsafe"), all);
            }
        }
    }
}

/// Site lints read a whole site: their fixture folder is a small site whose pages carry the
/// markers. Pages with links and no markers are the negative cases.
#[test]
fn site_lint_findings_match_markers() {
    let mut failures = Vec::new();
    for lint in site_lints() {
        let dir = fixtures_root().join(lint.meta().name);
        let only = RuleSet::new(Vec::new(), vec![*lint]);
        let results = responses(&dir);
        let (files, pages) = lint_fixture_site(&dir, &only, results.as_ref());
        let (mut positive, mut negative) = (0, 0);
        let mut rendered = String::new();
        // Findings in `_config.yml` itself.
        let config = std::fs::read_to_string(dir.join("_config.yml")).unwrap();
        let found = lint_config(&config, &only);
        let expected = config_markers(&config);
        if !expected.is_empty() {
            positive += 1;
        }
        let got = by_line(&config, &found);
        if got != expected {
            failures.push(format!(
                "{}/_config.yml:\n  expected {expected:?}\n  found    {got:?}",
                dir.display()
            ));
        }
        if !found.is_empty() {
            rendered += &format!("== _config.yml\n{}", render(&config, &found));
        }
        for (file, diagnostics) in files.iter().zip(&pages) {
            let text = std::fs::read_to_string(&file.path).unwrap();
            let got = by_line(&text, diagnostics);
            let expected = markers(&text);
            if expected.is_empty() && text.contains("](") {
                negative += 1;
            } else if !expected.is_empty() {
                positive += 1;
            }
            if got != expected {
                failures.push(format!(
                    "{}:\n  expected {expected:?}\n  found    {got:?}",
                    file.display()
                ));
            }
            let rel = file.path.strip_prefix(&dir).unwrap().display().to_string();
            if !diagnostics.is_empty() {
                rendered += &format!("== {rel}\n{}", render(&text, diagnostics));
                let fixed = apply_fixes(&text, diagnostics, Applicability::Unsafe);
                if fixed.fixes > 0 {
                    rendered += &format!("-- {rel} after --fix --unsafe-fixes\n{}", fixed.text);
                }
            }
        }
        assert!(
            positive > 0 && negative > 0,
            "{}: needs pages with and without markers",
            lint.meta().name
        );
        insta::assert_snapshot!(format!("{}__site__diagnostics", lint.meta().name), rendered);
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Suppression comments: `fixtures/suppressions/` is a small site whose pages use every kind
/// of comment (HTML, Liquid, markdownlint; in code, where they are text) for page lints and
/// link lints. Every lint runs, and the markers say what is left, `unused-suppression` included.
#[test]
fn suppression_comments_leave_what_the_markers_say() {
    let dir = fixtures_root().join("suppressions");
    let mut failures = Vec::new();
    let mut rendered = String::new();
    let pages = lint_whole_site(&dir);
    assert!(pages.len() >= 7, "{} pages", pages.len());
    for (rel, text, diagnostics) in &pages {
        let (got, expected) = (by_line(text, diagnostics), markers(text));
        if got != expected {
            failures.push(format!(
                "{rel}:\n  expected {expected:?}\n  found    {got:?}"
            ));
        }
        if !diagnostics.is_empty() {
            rendered += &format!("== {rel}\n{}", render(text, diagnostics));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    insta::assert_snapshot!("suppressions__site__diagnostics", rendered);
}

/// The same site with CRLF line endings: the same findings on the same lines.
#[test]
fn suppression_comments_work_in_crlf_files() {
    let dir = fixtures_root().join("suppressions");
    let tmp = tempfile::tempdir().unwrap();
    for entry in ignore::Walk::new(&dir) {
        let path = entry.unwrap().into_path();
        let to = tmp.path().join(path.strip_prefix(&dir).unwrap());
        if path.is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&to, text.replace('\n', "\r\n")).unwrap();
        }
    }
    let lf = lint_whole_site(&dir);
    let crlf = lint_whole_site(tmp.path());
    assert_eq!(lf.len(), crlf.len());
    for ((rel, text, a), (rel2, text2, b)) in lf.iter().zip(&crlf) {
        assert_eq!(rel, rel2);
        assert!(text2.contains("\r\n"));
        assert_eq!(by_line(text, a), by_line(text2, b), "{rel}");
        let messages = |d: &[Diagnostic]| d.iter().map(|d| d.message.clone()).collect::<Vec<_>>();
        assert_eq!(messages(a), messages(b), "{rel}");
    }
}

/// What a lint declares about its fixes is what its fixtures show: `None`, no finding of
/// it carries a fix; `Always`, every finding does; `Sometimes`, at least one does.
#[test]
fn declared_fix_availability_matches_the_fixtures() {
    use handbook_lints::lint::{FixAvailability, LintMeta};
    let mut failures = Vec::new();
    let mut judge = |meta: &LintMeta, found: &[Diagnostic]| {
        let found: Vec<&Diagnostic> = found.iter().filter(|d| d.lint.code == meta.code).collect();
        let fixed = found.iter().filter(|d| d.fix.is_some()).count();
        let ok = match meta.fix {
            FixAvailability::None => fixed == 0,
            FixAvailability::Always => fixed == found.len() && fixed > 0,
            FixAvailability::Sometimes => fixed > 0,
        };
        if !ok {
            failures.push(format!(
                "{}: declares {:?}, its fixtures show {fixed} fixes in {} findings",
                meta.name,
                meta.fix,
                found.len()
            ));
        }
    };
    // Unused suppressions are judged after every lint ran: the suppressions site shows them.
    let site: Vec<Diagnostic> = lint_whole_site(&fixtures_root().join("suppressions"))
        .into_iter()
        .flat_map(|(_, _, found)| found)
        .collect();
    for lint in page_lints() {
        let mut all = site.clone();
        for path in fixture_files(*lint) {
            all.extend(run(*lint, &path).1);
        }
        judge(lint.meta(), &all);
    }
    for lint in site_lints() {
        let dir = fixtures_root().join(lint.meta().name);
        let only = RuleSet::new(Vec::new(), vec![*lint]);
        let results = responses(&dir);
        let (_, mut pages) = lint_fixture_site(&dir, &only, results.as_ref());
        let config = std::fs::read_to_string(dir.join("_config.yml")).unwrap();
        pages.push(lint_config(&config, &only));
        judge(lint.meta(), &pages.concat());
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
