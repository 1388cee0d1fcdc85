//! The site model against the real Jekyll: every fixture site under `fixtures/sites/` has a
//! `<site>.expected` file, written by `scripts/jekyll-expectations.sh` from what Jekyll 4.3
//! published (`url` lines: every file it wrote) and from the links that are broken once
//! published (`broken` lines: the source page and the link's text). No Ruby is needed here:
//! the test compares the files our model says are published, and the link findings of
//! `broken-relative-link`, `broken-link-fragment` and `missing-baseurl`, with those lines.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use handbook_lint::discover::discover;
use handbook_lint::runner::file_info;
use handbook_lints::engine::{lint_page, RuleSet, Site};
use handbook_lints::LineIndex;

/// The lints whose findings are broken links on the published site.
const LINK_LINTS: &[&str] = &[
    "broken-relative-link",
    "broken-link-fragment",
    "missing-baseurl",
];

fn sites_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sites")
}

/// What Jekyll published, read from `<site>.expected`.
struct Expected {
    urls: BTreeSet<String>,
    broken: BTreeSet<String>,
}

fn expected(name: &str) -> Expected {
    let path = sites_root().join(format!("{name}.expected"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run scripts/jekyll-expectations.sh)",
            path.display()
        )
    });
    let mut urls = BTreeSet::new();
    let mut broken = BTreeSet::new();
    for line in text.lines() {
        if let Some(url) = line.strip_prefix("url ") {
            urls.insert(url.to_string());
        } else if let Some(rest) = line.strip_prefix("broken ") {
            // `broken SOURCE TEXT HREF`: the page and the link's text name the link.
            let mut parts = rest.splitn(3, ' ');
            let (source, text) = (parts.next().unwrap(), parts.next().unwrap());
            broken.insert(format!("{source} {text}"));
        }
    }
    Expected { urls, broken }
}

/// The text of the link on the line of `offset`: `[text](…)` or `![text](…)`.
fn link_text(text: &str, offset: usize) -> String {
    let index = LineIndex::new(text);
    let line = index.line_of(offset);
    let line_text = text.lines().nth(line - 1).unwrap_or("");
    line_text
        .split_once('[')
        .and_then(|(_, rest)| rest.split_once(']'))
        .map_or("-".to_string(), |(t, _)| t.to_string())
}

/// Our model of the site in `dir`: the files it publishes, and the broken links found.
fn ours(dir: &Path) -> Expected {
    let found = discover(&[dir.to_path_buf()]);
    assert!(found.errors.is_empty(), "{:?}", found.errors);
    let site_of = found.files.first().expect("a page").site.clone();
    let rules = RuleSet::defaults();
    let texts: Vec<String> = found
        .files
        .iter()
        .map(|f| std::fs::read_to_string(&f.path).unwrap())
        .collect();
    let infos: Vec<_> = found.files.iter().map(file_info).collect();
    let mut pages: Vec<_> = texts
        .iter()
        .zip(&infos)
        .map(|(text, info)| lint_page(text.clone(), info, &rules, None, Some(&site_of.config)))
        .collect();
    let files = site_of.all_files();
    let mut site = Site::build(
        &site_of.config,
        files.to_vec(),
        pages.iter_mut().enumerate(),
    );
    for path in site.unlinted_pages() {
        let text = std::fs::read_to_string(site_of.root.join(&*path)).unwrap();
        site.add_unlinted_page(&path, &text);
    }
    // No page parked its ids: none to give back.
    let _ = site.settle(None);
    let owners = site.owners().to_vec();
    for (k, &i) in owners.iter().enumerate() {
        site.finish_page(k, &mut pages[i], &infos[i], &rules, None, None);
    }
    let mut broken = BTreeSet::new();
    for (i, page) in pages.iter().enumerate() {
        for d in &page.diagnostics {
            if LINK_LINTS.contains(&d.lint.name) {
                let text = link_text(&texts[i], d.span.start);
                broken.insert(format!("{} {text}", infos[i].site_path));
            }
        }
    }
    Expected {
        urls: site.published().into_iter().collect(),
        broken,
    }
}

#[test]
fn the_site_model_publishes_and_judges_links_as_jekyll_does() {
    let mut names: Vec<String> = std::fs::read_dir(sites_root())
        .unwrap()
        .filter_map(|e| {
            let e = e.unwrap();
            e.path()
                .is_dir()
                .then(|| e.file_name().to_string_lossy().into_owned())
        })
        .collect();
    names.sort();
    assert!(names.len() >= 15, "{} fixture sites", names.len());
    let mut failures = Vec::new();
    for name in &names {
        // Dates move by the site's time zone, read from the system's zone database (as Ruby
        // reads it). A machine without one cannot place them: say so, judge the rest.
        let config = std::fs::read_to_string(sites_root().join(name).join("_config.yml"))
            .unwrap_or_default();
        let zone = config
            .lines()
            .find_map(|l| l.strip_prefix("timezone:"))
            .map(str::trim);
        if let Some(zone) = zone.filter(|z| !Path::new("/usr/share/zoneinfo").join(z).is_file()) {
            eprintln!("{name}: skipped, the time zone {zone} is not in /usr/share/zoneinfo");
            continue;
        }
        let want = expected(name);
        let got = ours(&sites_root().join(name));
        let diff = |what: &str, want: &BTreeSet<String>, got: &BTreeSet<String>| {
            let missing: Vec<_> = want.difference(got).collect();
            let extra: Vec<_> = got.difference(want).collect();
            (!missing.is_empty() || !extra.is_empty())
                .then(|| format!("{name}: {what}: Jekyll only {missing:?}, ours only {extra:?}"))
        };
        failures.extend(diff("published", &want.urls, &got.urls));
        failures.extend(diff("broken links", &want.broken, &got.broken));
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
