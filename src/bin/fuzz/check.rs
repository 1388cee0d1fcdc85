//! One batch of pages through the built `handbook-lint`: every output checked, the fixes
//! held to the edits the reports announce, and the fixed pages checked again.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::options::{skipped, Options};
use crate::report::findings;

/// Run the tool in `dir` on its `docs` folder with `args`; `Err` on a crash (unless skipped).
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
    if !skipped(opts, "crash") {
        if !matches!(o.status.code(), Some(0..=2)) {
            return Err(format!("{args:?}: exit {:?}: {err}", o.status));
        }
        if err.contains("internal error") || err.contains("panicked") {
            return Err(format!("{args:?}: {err}"));
        }
    }
    Ok((o, took))
}

/// Lint `pages` as `docs/pNNN.md` in a fresh folder; `Err` says what went wrong.
pub fn check_batch(opts: &Options, pages: &[Vec<u8>]) -> Result<(), String> {
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
