//! `handbook-lint-bench DIR...`: time parsing alone against the full check (every per-page
//! lint, then the site index and the site-wide lints) on a corpus held in memory, so that
//! what the lints cost is measured apart from file I/O.
//!
//! ```text
//! cargo run --release --bin handbook-lint-bench -- [--runs N] [--per-lint] DIR...
//! ```
//!
//! `--per-lint` also times each page lint alone over the parsed pages (every lint, those off
//! by default too), most costly first: where to look when a run is slow.

use std::time::{Duration, Instant};

use handbook_lint::discover::{discover, SourceFile};
use handbook_lint::read::read_text;
use handbook_lints::engine::{lint_page, RuleSet, Site};
use handbook_lints::{registry, Context, Document, FileInfo, LintOptions};
use rayon::prelude::*;

fn main() {
    handbook_lint::purge_freed_memory_soon();
    let mut runs = 10;
    let mut per_lint = false;
    let mut dirs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--per-lint" => per_lint = true,
            "-h" | "--help" => {
                println!("usage: handbook-lint-bench [--runs N] [--per-lint] DIR...");
                return;
            }
            _ => dirs.push(std::path::PathBuf::from(arg)),
        }
    }
    if dirs.is_empty() {
        eprintln!("usage: handbook-lint-bench [--runs N] [--per-lint] DIR...");
        std::process::exit(2);
    }
    println!(
        "{:<40} {:>6} {:>8} {:>10} {:>10} {:>6} {:>9} {:>11}",
        "corpus", "files", "MiB", "parse ms", "check ms", "ratio", "MiB/s", "slowest ms"
    );
    for dir in &dirs {
        bench(dir, runs);
    }
    if per_lint {
        for dir in &dirs {
            lint_costs(dir, runs);
        }
    }
}

/// Each page lint alone over every page of `dir`, parsed once beforehand, on one thread:
/// the median of `runs`, most costly first, with the parse time for scale.
fn lint_costs(dir: &std::path::Path, runs: usize) {
    let start = Instant::now();
    let found = discover(std::slice::from_ref(&dir.to_path_buf()));
    let docs: Vec<(Document, FileInfo)> = read_pages(&found.files)
        .into_iter()
        .map(|(text, info)| (Document::parse(text), info))
        .collect();
    let parse = start.elapsed();
    let options = LintOptions::default();
    let mut costs: Vec<(Duration, &'static str, usize)> = registry::page_lints()
        .iter()
        .map(|lint| {
            let mut found = 0;
            let time = median(runs, || {
                let mut out = Vec::new();
                for (doc, file) in &docs {
                    let cx = Context {
                        doc,
                        file,
                        options: &options,
                        catalog: registry::catalog(),
                        site: None,
                    };
                    lint.check(&cx, &mut out);
                }
                found = out.len();
            });
            (time, lint.meta().name, found)
        })
        .collect();
    costs.sort_by_key(|c| std::cmp::Reverse(c.0));
    let total: Duration = costs.iter().map(|c| c.0).sum();
    println!(
        "\n{}: {} pages read and parsed on one thread in {:.1} ms; every page lint alone, one thread:",
        dir.display(),
        docs.len(),
        ms(parse)
    );
    println!("{:<36} {:>9} {:>9}", "lint", "ms", "findings");
    for (time, name, found) in &costs {
        println!("{name:<36} {:>9.2} {found:>9}", ms(*time));
    }
    println!("{:<36} {:>9.2}", "all page lints", ms(total));
}

/// The text of each file found, with what a lint knows of the file.
fn read_pages(files: &[SourceFile]) -> Vec<(String, FileInfo)> {
    files
        .iter()
        .filter_map(|f| {
            let text = read_text(&f.path).ok()?;
            let site_path = f.site.site_path(&f.path);
            let info = FileInfo {
                is_page: f.site.config.is_page(&site_path),
                site_path,
            };
            Some((text, info))
        })
        .collect()
}

fn bench(dir: &std::path::Path, runs: usize) {
    let found = discover(std::slice::from_ref(&dir.to_path_buf()));
    let pages = read_pages(&found.files);
    let bytes: usize = pages.iter().map(|(t, _)| t.len()).sum();

    let parse = median(runs, || {
        pages.par_iter().for_each(|(text, _)| {
            let doc = Document::parse(text.clone());
            std::hint::black_box(&doc);
        });
    });
    // The full check: every per-page lint, then the site index and the site-wide lints.
    let site = found.files.first().map(|f| f.site.clone());
    let config = site.as_ref().map(|s| s.config.clone()).unwrap_or_default();
    let site_files: Vec<String> = site
        .as_ref()
        .map(|s| s.all_files().to_vec())
        .unwrap_or_default();
    let rules = RuleSet::defaults();
    let check = median(runs, || {
        let mut linted: Vec<_> = pages
            .par_iter()
            .map(|(text, info)| lint_page(text.clone(), info, &rules, None, Some(&config)))
            .collect();
        let site = Site::build(&config, site_files.clone(), linted.iter_mut().enumerate());
        let mut at = vec![None; linted.len()];
        for (k, &i) in site.owners().iter().enumerate() {
            at[i] = Some(k);
        }
        linted
            .par_iter_mut()
            .zip(at)
            .zip(&pages)
            .for_each(|((page, at), (_, info))| {
                if let Some(k) = at {
                    site.finish_page(k, page, info, &rules, None, None);
                }
            });
        std::hint::black_box(linted);
    });
    // The slowest single page, parsed and checked on one thread.
    let slowest = pages
        .iter()
        .map(|(text, info)| {
            let start = Instant::now();
            std::hint::black_box(lint_page(text.clone(), info, &rules, None, None));
            start.elapsed()
        })
        .max()
        .unwrap_or_default();

    let mib = bytes as f64 / (1024.0 * 1024.0);
    println!(
        "{:<40} {:>6} {:>8.1} {:>10.1} {:>10.1} {:>6.2} {:>9.1} {:>11.2}",
        dir.display().to_string(),
        pages.len(),
        mib,
        ms(parse),
        ms(check),
        check.as_secs_f64() / parse.as_secs_f64(),
        mib / check.as_secs_f64(),
        ms(slowest),
    );
}

fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    f(); // warm-up
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
