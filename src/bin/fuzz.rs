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

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Tokens spliced into pages.
const TOKENS: &[&str] = &[
    "{:",
    "{::comment}",
    "{:/comment}",
    "{: .x}",
    "{:target=\"_blank\"}",
    "}",
    "{% raw %}",
    "{% endraw %}",
    "{{",
    "}}",
    "{% if x %}",
    "{% endif %}",
    "{% include x.html %}",
    "---\n",
    "---",
    ": ",
    "\"",
    "'",
    "title: ",
    "](",
    "[",
    "]",
    "(",
    ")",
    "\\",
    "mailto:",
    "#",
    "<",
    ">",
    "`",
    "```\n",
    "    ",
    "\t",
    "* ",
    "1. ",
    "# ",
    "|",
    "[a]: ",
    "](#x)",
    "](a\\b.md)",
    "](mailto:)",
    "\r",
    "\r\n",
    "\n",
    "\u{feff}",
    "\0",
    "é",
    "€",
    "😀",
    "\u{2028}",
    "\u{85}",
    "\u{300}",
];

/// Bytes that are not UTF-8 on their own.
const INVALID: &[&[u8]] = &[b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\x80"];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

struct Options {
    seed: u64,
    seconds: u64,
    batch: usize,
    bin: PathBuf,
    out: PathBuf,
    skip: Vec<String>,
}

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

fn parse_args() -> Result<Options, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut opts = Options {
        seed: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
        seconds: 60,
        batch: 24,
        bin: exe.with_file_name("handbook-lint"),
        out: PathBuf::from("target/fuzz-failures"),
        skip: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--seed" => opts.seed = value()?.parse().map_err(|_| "bad --seed")?,
            "--seconds" => opts.seconds = value()?.parse().map_err(|_| "bad --seconds")?,
            "--batch" => opts.batch = value()?.parse().map_err(|_| "bad --batch")?,
            "--bin" => opts.bin = PathBuf::from(value()?),
            "--out" => opts.out = PathBuf::from(value()?),
            "--skip" => opts.skip = value()?.split(',').map(String::from).collect(),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(opts)
}

/// Every Markdown file under `dir`, sorted (so a seed replays the same run).
fn fixtures(dir: &Path) -> Vec<Vec<u8>> {
    let mut paths = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|e| e == "md") {
                paths.push(p);
            }
        }
    }
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

/// A position next to a span edge (a bracket, brace or line break) most of the time.
fn edge(page: &[u8], rng: &mut Rng) -> usize {
    let at = rng.below(page.len() + 1);
    if rng.below(3) == 0 {
        return at;
    }
    page[at.min(page.len())..]
        .iter()
        .position(|b| b"[](){}\n\r<>`".contains(b))
        .map_or(at, |i| at + i + rng.below(2))
        .min(page.len())
}

fn mutate(corpus: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
    let mut page = corpus[rng.below(corpus.len())].clone();
    for _ in 0..1 + rng.below(8) {
        let at = edge(&page, rng);
        match rng.below(9) {
            0..=3 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                page.splice(at..at, t.iter().copied());
            }
            4 => {
                let t = INVALID[rng.below(INVALID.len())];
                page.splice(at..at, t.iter().copied());
            }
            5 => {
                let end = (at + rng.below(40)).min(page.len());
                page.drain(at..end);
            }
            6 => {
                // Line endings: every LF to CR or CRLF, or the other way.
                page = match rng.below(3) {
                    0 => page
                        .iter()
                        .map(|&b| if b == b'\n' { b'\r' } else { b })
                        .collect(),
                    1 => String::from_utf8_lossy(&page)
                        .replace('\n', "\r\n")
                        .into_bytes(),
                    _ => page.iter().copied().filter(|&b| b != b'\r').collect(),
                };
            }
            7 => {
                let end = (at + 1 + rng.below(60)).min(page.len());
                let piece = page[at..end].to_vec();
                for _ in 0..1 + rng.below(20) {
                    page.splice(at..at, piece.iter().copied());
                }
            }
            _ => {
                let other = &corpus[rng.below(corpus.len())];
                let from = rng.below(other.len() + 1);
                let end = (from + rng.below(200)).min(other.len());
                page.splice(at..at, other[from..end].iter().copied());
            }
        }
    }
    page
}

fn run(opts: &Options, dir: &Path, args: &[&str]) -> Result<(Output, Duration), String> {
    let t = Instant::now();
    let o = Command::new(&opts.bin)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("HANDBOOK_LINT_OFFLINE", "1")
        .env_remove("GITHUB_ACTIONS")
        .args(["check", "--offline", "--no-cache"])
        .args(args)
        .arg("docs")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", opts.bin.display()))?;
    let took = t.elapsed();
    let err = String::from_utf8_lossy(&o.stderr);
    if !opts.skip.iter().any(|s| s == "crash") {
        if !matches!(o.status.code(), Some(0..=2)) {
            return Err(format!("{args:?}: exit {:?}: {err}", o.status));
        }
        if err.contains("internal error") || err.contains("panicked") {
            return Err(format!("{args:?}: {err}"));
        }
    }
    Ok((o, took))
}

fn skipped(opts: &Options, check: &str) -> bool {
    opts.skip.iter().any(|s| s == check)
}

/// Lint `pages` as `docs/pNNN.md` in a fresh folder; `Err` says what went wrong.
fn check_batch(opts: &Options, pages: &[Vec<u8>]) -> Result<(), String> {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let dir = tmp.path();
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).map_err(|e| e.to_string())?;
    let name = |i: usize| format!("docs/p{i:03}.md");
    for (i, p) in pages.iter().enumerate() {
        std::fs::write(dir.join(name(i)), p).map_err(|e| e.to_string())?;
    }
    let bytes: usize = pages.iter().map(Vec::len).sum();
    // Linear budget: generous, for a shared machine.
    let budget = Duration::from_secs(10) + Duration::from_millis((bytes / 10_000) as u64);
    let over = |took: Duration, what: &str| -> Result<(), String> {
        if took > budget && !skipped(opts, "time") {
            return Err(format!(
                "{what} took {took:?} for {bytes} bytes (budget {budget:?})"
            ));
        }
        Ok(())
    };
    let (o, took) = run(opts, dir, &["--format", "json"])?;
    over(took, "json")?;
    let before = findings(&o.stdout, pages, &name, opts)?;
    let (_, took) = run(opts, dir, &["--format", "full"])?;
    over(took, "full")?;
    let (_, took) = run(
        opts,
        dir,
        &["--fix", "--unsafe-fixes", "--format", "concise"],
    )?;
    over(took, "--fix")?;
    let fixed: Vec<Vec<u8>> = (0..pages.len())
        .map(|i| std::fs::read(dir.join(name(i))).unwrap_or_default())
        .collect();
    // Fixes run in rounds: a later round may fix what the first one exposed. The edits each
    // round announces are found by replaying the rounds from the JSON reports, only when the
    // first round's edits do not already cover every change.
    let mut replayed: Option<Vec<(usize, usize)>> = None;
    for (i, (old, new)) in pages.iter().zip(&fixed).enumerate() {
        if old == new || skipped(opts, "fix-scope") {
            continue;
        }
        // Every changed byte lies between the first and last edit the JSON announced.
        let (lo, hi) = before.edits[i];
        let covered =
            |lo: usize, hi: usize| changed(old, new).is_none_or(|(a, b)| lo <= a && b <= hi);
        if lo <= hi && covered(lo, hi) {
            continue;
        }
        if replayed.is_none() {
            replayed = Some(replay_rounds(opts, pages, &name)?);
        }
        let (lo, hi) = replayed.as_ref().map_or((lo, hi), |r| r[i]);
        if lo > hi || !covered(lo, hi) {
            let (a, b) = changed(old, new).unwrap_or_default();
            return Err(format!(
                "{}: the fix changed bytes {a}..{b} outside its edits {lo}..{hi}",
                name(i)
            ));
        }
    }
    let (o, _) = run(opts, dir, &["--fix", "--unsafe-fixes", "--format", "json"])?;
    for (i, old) in fixed.iter().enumerate() {
        let again = std::fs::read(dir.join(name(i))).unwrap_or_default();
        if again != *old && !skipped(opts, "idempotent") {
            return Err(format!("{}: a second --fix changed the file", name(i)));
        }
    }
    let after = findings(&o.stdout, &fixed, &name, opts)?;
    for i in 0..pages.len() {
        // Only a fix that changed the block Jekyll reads wrote it: a suppression comment
        // removed further down may merely show what was there all along.
        let rewrote = front_matter_block(&pages[i]) != front_matter_block(&fixed[i]);
        if after.front_matter[i]
            && !before.front_matter[i]
            && rewrote
            && !skipped(opts, "front-matter")
        {
            return Err(format!(
                "{}: the fix wrote front matter that is invalid",
                name(i)
            ));
        }
    }
    Ok(())
}

/// The front matter as Jekyll finds it: `Some` block (the `---` line and every line up to
/// the one that closes it, `---` or `...` with trailing whitespace allowed) when it is
/// closed, `Some` empty when a `---` line opens a block that nothing closes (Jekyll then
/// reads no front matter), `None` when the text does not start with `---`.
fn front_matter_block(text: &[u8]) -> Option<&[u8]> {
    let delimiter = |line: &[u8], d: &[u8]| {
        line.starts_with(d) && line[d.len()..].iter().all(u8::is_ascii_whitespace)
    };
    let mut lines = text.split_inclusive(|b| *b == b'\n');
    let first = lines
        .next()
        .filter(|l| l.ends_with(b"\n") && delimiter(l, b"---"))?;
    let mut end = first.len();
    for line in lines {
        end += line.len();
        if delimiter(line, b"---") || delimiter(line, b"...") {
            return Some(&text[..end]);
        }
    }
    Some(&[])
}

/// The bytes of `old` that differ in `new`: the equal prefix's end and the equal suffix's
/// start (`None` when equal), each measured apart.
fn changed(old: &[u8], new: &[u8]) -> Option<(usize, usize)> {
    if old == new {
        return None;
    }
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    // With an insertion beside equal bytes the two overlap (`end < start`): the change may
    // be read anywhere between them.
    Some((prefix, old.len().saturating_sub(suffix)))
}

/// Replay the fix rounds of `--fix --unsafe-fixes` from the JSON reports: each round, apply
/// every announced fix that does not clash with an earlier one (as the tool does), until no
/// fix is announced or ten rounds. Per page, the range of the original text that the
/// announced edits of all rounds cover (`(usize::MAX, 0)` when none).
fn replay_rounds(
    opts: &Options,
    pages: &[Vec<u8>],
    name: &dyn Fn(usize) -> String,
) -> Result<Vec<(usize, usize)>, String> {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("docs")).map_err(|e| e.to_string())?;
    let mut texts = pages.to_vec();
    let mut hull = vec![(usize::MAX, 0usize); pages.len()];
    for _ in 0..10 {
        for (i, t) in texts.iter().enumerate() {
            std::fs::write(dir.join(name(i)), t).map_err(|e| e.to_string())?;
        }
        let (o, _) = run(opts, dir, &["--format", "json"])?;
        let report: Value =
            serde_json::from_slice(&o.stdout).map_err(|e| format!("invalid JSON: {e}"))?;
        // Per page, each fix as its edits (start, end, replacement).
        let mut fixes: Vec<Vec<Vec<(usize, usize, String)>>> = vec![Vec::new(); pages.len()];
        for d in report["diagnostics"].as_array().into_iter().flatten() {
            let path = d["path"].as_str().unwrap_or("");
            let Some(i) = (0..pages.len()).find(|&i| name(i) == path) else {
                continue;
            };
            let edits: Vec<(usize, usize, String)> = d["fix"]["edits"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|e| {
                    let at = |k: &str| e[k].as_u64().unwrap_or(0) as usize;
                    let text = e["replacement"].as_str().unwrap_or("").to_string();
                    (at("start"), at("end"), text)
                })
                .collect();
            if !edits.is_empty() {
                fixes[i].push(edits);
            }
        }
        if fixes.iter().all(Vec::is_empty) {
            break;
        }
        for (i, page_fixes) in fixes.iter_mut().enumerate() {
            page_fixes.sort_by_key(|f| f.iter().map(|e| e.0).min());
            let mut chosen: Vec<(usize, usize, String)> = Vec::new();
            for f in page_fixes.iter() {
                let clash = f.iter().any(|e| {
                    chosen
                        .iter()
                        .any(|c| (c.0 < e.1 && e.0 < c.1) || c.0 == e.0)
                });
                if !clash {
                    chosen.extend(f.iter().cloned());
                }
            }
            if chosen.is_empty() {
                continue;
            }
            chosen.sort_by_key(|e| (e.0, e.1));
            let text = &texts[i];
            // The edits' range, in this round's text, then in the original text: bytes
            // before the range changed so far sit where they were, bytes after it moved
            // by the length the page has gained.
            let (s, t) = (chosen[0].0, chosen.iter().map(|e| e.1).max().unwrap_or(0));
            let grown = text.len() as isize - pages[i].len() as isize;
            let t0 = (t as isize - grown).max(0) as usize;
            hull[i] = match hull[i] {
                (usize::MAX, _) => (s, t),
                (lo, hi) => (lo.min(s), hi.max(t0)),
            };
            let mut next = Vec::with_capacity(text.len());
            let mut at = 0;
            for (start, end, rep) in &chosen {
                next.extend_from_slice(&text[at.min(*start)..*start]);
                next.extend_from_slice(rep.as_bytes());
                at = (*end).max(at);
            }
            next.extend_from_slice(&text[at.min(text.len())..]);
            texts[i] = next;
        }
    }
    Ok(hull)
}

/// What the JSON report says per page: the range of the fix edits, and whether the page has
/// `invalid-front-matter`.
struct Findings {
    edits: Vec<(usize, usize)>,
    front_matter: Vec<bool>,
}

fn findings(
    json: &[u8],
    pages: &[Vec<u8>],
    name: &dyn Fn(usize) -> String,
    opts: &Options,
) -> Result<Findings, String> {
    let mut out = Findings {
        edits: vec![(usize::MAX, 0); pages.len()],
        front_matter: vec![false; pages.len()],
    };
    let report: Value = serde_json::from_slice(json).map_err(|e| format!("invalid JSON: {e}"))?;
    let check = !skipped(opts, "output");
    for d in report["diagnostics"].as_array().into_iter().flatten() {
        let path = d["path"].as_str().unwrap_or("");
        let Some(i) = (0..pages.len()).find(|&i| name(i) == path) else {
            if check {
                return Err(format!("a finding for an unknown file: {d}"));
            }
            continue;
        };
        let page = &pages[i];
        let lines = page.iter().filter(|&&b| b == b'\n' || b == b'\r').count() + 2;
        let line = d["line"].as_u64().unwrap_or(0) as usize;
        let end_line = d["end_line"].as_u64().unwrap_or(0) as usize;
        if check && (line == 0 || line > lines || end_line < line || end_line > lines) {
            return Err(format!("{path}: a position outside the file: {d}"));
        }
        if d["rule"] == "invalid-front-matter" {
            out.front_matter[i] = true;
        }
        for e in d["fix"]["edits"].as_array().into_iter().flatten() {
            let (s, t) = (
                e["start"].as_u64().unwrap_or(0) as usize,
                e["end"].as_u64().unwrap_or(0) as usize,
            );
            if check && (s > t || t > page.len()) {
                return Err(format!("{path}: an edit outside the file: {d}"));
            }
            out.edits[i].0 = out.edits[i].0.min(s);
            out.edits[i].1 = out.edits[i].1.max(t);
        }
    }
    Ok(out)
}
