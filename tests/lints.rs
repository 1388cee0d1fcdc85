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

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use handbook_lint::discover::{discover, SourceFile};
use handbook_lint::runner::file_info;
use handbook_lints::engine::{lint_config, lint_site, RuleSet};
use handbook_lints::external::{ExternalResults, Verdict};
use handbook_lints::fix::apply_fixes;
use handbook_lints::options::ParsedOptions;
use handbook_lints::registry::{page_lints, site_lints};
use handbook_lints::schema::FrontMatterSchema;
use handbook_lints::{
    check_with, Applicability, Diagnostic, FileInfo, LineIndex, Lint, LintOptions,
};

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn fixture_files(lint: &dyn Lint) -> Vec<PathBuf> {
    let dir = fixtures_root().join(lint.meta().name);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

fn run(lint: &'static dyn Lint, path: &Path) -> (String, Vec<Diagnostic>) {
    let text = std::fs::read_to_string(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy();
    let info = FileInfo {
        site_path: format!("{}/{name}", lint.meta().name),
        is_page: true,
    };
    let options = fixture_options(lint, &text, path);
    let (_, diagnostics) = check_with(text.clone(), &info, &[lint], &options);
    (text, diagnostics)
}

/// The options a fixture's `<!-- options: {…} -->` line sets (none without one).
fn fixture_options(lint: &dyn Lint, text: &str, path: &Path) -> LintOptions {
    let mut options = LintOptions::default();
    let schema = text.lines().find_map(|l| {
        l.trim()
            .strip_prefix("<!-- front-matter:")
            .and_then(|l| l.strip_suffix("-->"))
    });
    if let Some(json) = schema {
        let schema: FrontMatterSchema = serde_json::from_str(json.trim())
            .unwrap_or_else(|e| panic!("{}: invalid front matter schema: {e}", path.display()));
        options.set(ParsedOptions::of(schema));
    }
    let line = text.lines().find_map(|l| {
        l.trim()
            .strip_prefix("<!-- options:")
            .and_then(|l| l.strip_suffix("-->"))
    });
    let Some(json) = line else {
        return options;
    };
    let values: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json.trim())
        .unwrap_or_else(|e| panic!("{}: options are not a JSON object: {e}", path.display()));
    let decl = lint
        .meta()
        .options
        .as_ref()
        .unwrap_or_else(|| panic!("{}: {} has no options", path.display(), lint.meta().name));
    let parsed = decl
        .parse(values)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    options.set(parsed);
    options
}

/// (line, lint name) -> how many findings are expected there.
fn markers(text: &str) -> BTreeMap<(usize, String), usize> {
    let mut expected = BTreeMap::new();
    let mut pending: Vec<String> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let trimmed = line.trim();
        let marker = trimmed
            .strip_prefix("<!-- expect:")
            .and_then(|m| m.strip_suffix("-->"))
            .map(str::trim);
        match marker {
            Some(m) => match m.split_once('@') {
                Some((name, at)) => {
                    *expected
                        .entry((at.parse().unwrap(), name.to_string()))
                        .or_insert(0) += 1;
                }
                None => pending.push(m.to_string()),
            },
            None => {
                for name in pending.drain(..) {
                    *expected.entry((line_no, name)).or_insert(0) += 1;
                }
            }
        }
    }
    assert!(
        pending.is_empty(),
        "marker at the end of the file expects nothing"
    );
    expected
}

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
        assert!(
            names.iter().any(|n| n.starts_with("positive")),
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
            let index = LineIndex::new(&text);
            let mut found: BTreeMap<(usize, String), usize> = BTreeMap::new();
            for d in &diagnostics {
                let line = index.line_of(d.span.start);
                *found.entry((line, d.lint.name.to_string())).or_insert(0) += 1;
            }
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

/// Diagnostics as text: position, code, message, label, help and the fix's edits.
fn render(text: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    for d in diagnostics {
        let a = index.line_col(text, d.span.start);
        let b = index.line_col(text, d.span.end);
        out += &format!(
            "{}:{}-{}:{} {} {} [{}] {}\n",
            a.line,
            a.column,
            b.line,
            b.column,
            d.lint.code,
            d.lint.name,
            d.severity.as_str(),
            d.message
        );
        out += &format!("  source: {:?}\n", &text[d.span.range()]);
        if let Some(label) = &d.label {
            out += &format!("  label: {label}\n");
        }
        if let Some(help) = &d.help {
            out += &format!("  help: {help}\n");
        }
        if let Some(fix) = &d.fix {
            out += &format!("  fix ({}): {}\n", fix.applicability.as_str(), fix.title);
            for e in &fix.edits {
                out += &format!(
                    "    {}..{} {:?} -> {:?}\n",
                    e.span.start,
                    e.span.end,
                    &text[e.span.range()],
                    e.replacement
                );
            }
        }
    }
    out
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

/// The online checker's answers for a site-lint fixture: `responses.tsv` lines
/// `URL<TAB>ok|broken|redirected|insecure|unverifiable<TAB>detail`.
fn responses(dir: &Path) -> Option<ExternalResults> {
    let text = std::fs::read_to_string(dir.join("responses.tsv")).ok()?;
    let mut results = ExternalResults::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let mut cols = line.split('\t');
        let (url, kind, detail) = (
            cols.next().unwrap(),
            cols.next().unwrap(),
            cols.next().unwrap_or("").to_string(),
        );
        let verdict = match kind {
            "ok" => Verdict::Ok,
            "broken" => Verdict::Broken { reason: detail },
            "redirected" => Verdict::Redirected { to: detail },
            "insecure" => Verdict::Insecure { https: detail },
            "unverifiable" => Verdict::Unverifiable { reason: detail },
            other => panic!("responses.tsv: unknown verdict {other}"),
        };
        results.insert(url, verdict);
    }
    Some(results)
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
            let index = LineIndex::new(&text);
            let mut got: BTreeMap<(usize, String), usize> = BTreeMap::new();
            for d in diagnostics {
                *got.entry((index.line_of(d.span.start), d.lint.name.to_string()))
                    .or_insert(0) += 1;
            }
            let expected = markers(&text);
            if expected.is_empty() && text.contains("](") {
                negative += 1;
            } else if !expected.is_empty() {
                positive += 1;
            }
            if got != expected {
                failures.push(format!(
                    "{}:\n  expected {expected:?}\n  found    {got:?}",
                    file.display
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

/// The markers of a `_config.yml`: `# expect: NAME` expects NAME on the next line.
fn config_markers(text: &str) -> BTreeMap<(usize, String), usize> {
    let mut expected = BTreeMap::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if let Some(name) = line.trim().strip_prefix("# expect:") {
            *expected
                .entry((i + 2, name.trim().to_string()))
                .or_insert(0) += 1;
        }
    }
    expected
}

/// The site in the fixture folder `dir` through the engine: every file found is a page of
/// it, linted (page and site lints of `rules`) with the online checker's verdicts `external`.
/// Returns the files and each one's findings.
fn lint_fixture_site(
    dir: &Path,
    rules: &RuleSet,
    external: Option<&ExternalResults>,
) -> (Vec<SourceFile>, Vec<Vec<Diagnostic>>) {
    let found = discover(&[dir.to_path_buf()]);
    assert!(found.errors.is_empty(), "{:?}", found.errors);
    let site = found.files.first().expect("a page").site.clone();
    assert!(found
        .files
        .iter()
        .all(|f| std::sync::Arc::ptr_eq(&f.site, &site)));
    let pages = found
        .files
        .iter()
        .map(|f| (file_info(f), std::fs::read_to_string(&f.path).unwrap()))
        .collect();
    let linted = lint_site(
        &site.config,
        site.all_files(),
        pages,
        &[],
        rules,
        None,
        external,
    );
    let findings = linted.into_iter().map(|p| p.diagnostics).collect();
    (found.files, findings)
}

/// Every lint on every page of the site in `dir`, as a default (online) run makes them:
/// (path in the site, text, findings).
fn lint_whole_site(dir: &Path) -> Vec<(String, String, Vec<Diagnostic>)> {
    // As online with nothing to report: every lint ran, the external-link lints included.
    let online = ExternalResults::new();
    let (files, findings) = lint_fixture_site(dir, &RuleSet::defaults(), Some(&online));
    files
        .iter()
        .zip(findings)
        .map(|(file, diagnostics)| {
            let rel = file.path.strip_prefix(dir).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(&file.path).unwrap();
            (rel, text, diagnostics)
        })
        .collect()
}

/// (line, lint name) -> count, for findings.
fn by_line(text: &str, diagnostics: &[Diagnostic]) -> BTreeMap<(usize, String), usize> {
    let index = LineIndex::new(text);
    let mut got = BTreeMap::new();
    for d in diagnostics {
        *got.entry((index.line_of(d.span.start), d.lint.name.to_string()))
            .or_insert(0) += 1;
    }
    got
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
