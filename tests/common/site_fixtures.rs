//! The fixture runner's site side (tests/lints.rs): a site fixture through the engine, the
//! online checker's answers it records, and the markers of its `_config.yml`.

use std::collections::BTreeMap;
use std::path::Path;

use handbook_lint::discover::{discover, SourceFile};
use handbook_lint::runner::file_info;
use handbook_lints::engine::{lint_site, RuleSet};
use handbook_lints::external::{ExternalResults, Verdict};
use handbook_lints::Diagnostic;

/// The online checker's answers for a site-lint fixture: `responses.tsv` lines
/// `URL<TAB>ok|broken|redirected|insecure|unverifiable<TAB>detail`.
pub fn responses(dir: &Path) -> Option<ExternalResults> {
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

/// The markers of a `_config.yml`: `# expect: NAME` expects NAME on the next line.
pub fn config_markers(text: &str) -> BTreeMap<(usize, String), usize> {
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
pub fn lint_fixture_site(
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
pub fn lint_whole_site(dir: &Path) -> Vec<(String, String, Vec<Diagnostic>)> {
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
