//! `handbook-lint-fuzz`: a seeded mutation fuzzer over the project's fixtures (issue 11).
//!
//! It mutates `fixtures/**/*.md` with what matters to kramdown, Liquid, YAML and links, and with
//! CR/CRLF, BOM, NUL, invalid UTF-8 and multibyte characters next to span edges, writes a batch
//! of pages into a temporary folder, and runs the built `handbook-lint` on it (a subprocess, so
//! the fuzzer does not depend on the core's API): `--format json`, `--format full`, then
//! `--fix --unsafe-fixes` twice. A failure saves the page that causes it and exits 1.
//!
//! `handbook-lint-fuzz [--seed N] [--seconds S] [--batch N] [--bin PATH] [--out DIR]
//! [--skip CHECK,…]`, run from the checkout root; checks: crash, time, output, fix-scope,
//! idempotent, front-matter.
//!
//! `options` reads the command line, `mutate` makes the pages, `check` runs the tool on a
//! batch of them and `report` reads its JSON output.

mod check;
mod mutate;
mod options;
mod report;

use std::path::Path;
use std::time::{Duration, Instant};

use check::check_batch;
use mutate::{fixtures, mutate, Rng};
use options::parse_args;

fn main() {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let corpus = fixtures(Path::new("fixtures"));
    if corpus.is_empty() {
        eprintln!("error: no fixtures/**/*.md here; run from the checkout root");
        std::process::exit(2);
    }
    println!(
        "handbook-lint-fuzz --seed {} --seconds {} ({} fixtures)",
        opts.seed,
        opts.seconds,
        corpus.len()
    );
    let mut rng = Rng(opts.seed.max(1));
    let start = Instant::now();
    let mut inputs = 0usize;
    while start.elapsed() < Duration::from_secs(opts.seconds) {
        let pages: Vec<Vec<u8>> = (0..opts.batch).map(|_| mutate(&corpus, &mut rng)).collect();
        inputs += pages.len();
        if let Err(why) = check_batch(&opts, &pages) {
            // Find the page that fails alone, and keep it.
            let culprit = pages
                .iter()
                .find(|p| check_batch(&opts, std::slice::from_ref(*p)).is_err())
                .unwrap_or(&pages[0]);
            let _ = std::fs::create_dir_all(&opts.out);
            let file = opts.out.join(format!("fuzz-{}-{inputs}.md", opts.seed));
            let _ = std::fs::write(&file, culprit);
            eprintln!("FAILURE after {inputs} inputs: {why}");
            eprintln!("input saved to {}", file.display());
            eprintln!(
                "replay: handbook-lint-fuzz --seed {} --seconds {}",
                opts.seed, opts.seconds
            );
            std::process::exit(1);
        }
    }
    println!(
        "no failure: {inputs} inputs in {:.0} s (seed {})",
        start.elapsed().as_secs_f64(),
        opts.seed
    );
}
