//! The shape of the code, kept honest: file sizes, lint files in family folders, and no
//! import cycle between the modules of either crate.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source files of both crates, relative to their `src` folder: (crate, module path).
fn modules() -> Vec<(&'static str, PathBuf, Vec<String>)> {
    let mut all = Vec::new();
    for (krate, src) in [
        ("tool", root().join("src")),
        ("core", root().join("lints/src")),
    ] {
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        for file in files {
            let rel = file.strip_prefix(&src).unwrap();
            if rel.starts_with("bin") {
                continue;
            }
            let mut path: Vec<String> = rel
                .with_extension("")
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            if matches!(
                path.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                path.pop();
            }
            all.push((krate, file, path));
        }
    }
    all
}

#[test]
fn no_source_file_is_over_500_lines() {
    let mut long = Vec::new();
    for (_, file, _) in modules() {
        let lines = std::fs::read_to_string(&file).unwrap().lines().count();
        if lines > 500 {
            long.push(format!("{} ({lines} lines)", file.display()));
        }
    }
    assert!(long.is_empty(), "split these files: {long:#?}");
}

#[test]
fn lints_live_in_family_folders() {
    let rules = root().join("lints/src/rules");
    let loose: Vec<String> = std::fs::read_dir(&rules)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "mod.rs"))
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        loose.is_empty(),
        "move these into a family folder: {loose:?}"
    );
}

/// The module a path written in `file` (module `at`) refers to, as the longest prefix that
/// is a module of the crate.
fn target(written: &[&str], at: &[String], known: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    let mut path: Vec<String> = match *written.first()? {
        "crate" => Vec::new(),
        "super" => {
            let mut p = at.to_vec();
            let mut rest = written;
            while rest.first() == Some(&"super") {
                p.pop();
                rest = &rest[1..];
            }
            return resolve(p, rest, known);
        }
        _ => return None,
    };
    path.clear();
    resolve(path, &written[1..], known)
}

fn resolve(
    mut base: Vec<String>,
    rest: &[&str],
    known: &BTreeSet<Vec<String>>,
) -> Option<Vec<String>> {
    let mut best = None;
    for seg in rest {
        base.push(seg.to_string());
        if known.contains(&base) {
            best = Some(base.clone());
        } else {
            break;
        }
    }
    best
}

/// Every `crate::a::b` / `super::x` path in `text`, split on `::` (a `use` with braces
/// counts each branch's first segment).
fn paths_in(text: &str) -> Vec<Vec<&str>> {
    let mut out = Vec::new();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(i) = text[from..].find(start) {
            let at = from + i;
            from = at + start.len();
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                continue;
            }
            let rest = &text[at..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            let mut segs: Vec<&str> = rest[..end].split("::").filter(|s| !s.is_empty()).collect();
            // `use crate::{a, b::c}`: each branch.
            if rest[end..].starts_with('{') {
                let close = rest[end..].find('}').map_or(rest.len(), |c| end + c);
                for branch in rest[end + 1..close].split(',') {
                    let branch: Vec<&str> = branch
                        .trim()
                        .split("::")
                        .map(str::trim)
                        .filter(|s| !s.is_empty() && !s.starts_with('{'))
                        .collect();
                    let mut p = segs.clone();
                    p.extend(branch);
                    out.push(p);
                }
                continue;
            }
            if segs.last() == Some(&"") {
                segs.pop();
            }
            out.push(segs);
        }
    }
    out
}

#[test]
fn no_import_cycle_between_modules() {
    let all = modules();
    let mut problems = Vec::new();
    for krate in ["tool", "core"] {
        let mods: Vec<&(&str, PathBuf, Vec<String>)> =
            all.iter().filter(|(k, _, _)| *k == krate).collect();
        let known: BTreeSet<Vec<String>> = mods.iter().map(|(_, _, p)| p.clone()).collect();
        let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
        for (_, file, at) in &mods {
            let text = std::fs::read_to_string(file).unwrap();
            // Tests inside a file may reach anywhere.
            let text = text.split("#[cfg(test)]").next().unwrap_or("");
            // Comments (doc links included) are not imports.
            let text: String = text
                .lines()
                .map(|l| l.split("//").next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n");
            let text = text.as_str();
            for written in paths_in(text) {
                let Some(to) = target(&written, at, &known) else {
                    continue;
                };
                // A module and its own ancestors or descendants are one unit.
                if to.starts_with(at) || at.starts_with(&to) {
                    continue;
                }
                edges.entry(at.clone()).or_default().insert(to);
            }
        }
        // Collapse each edge to the pair of sibling subtrees it connects, then look for a
        // cycle among those.
        let mut sib: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
        for (from, tos) in &edges {
            for to in tos {
                let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
                let a = from[..=common.min(from.len() - 1)].to_vec();
                let b = to[..=common.min(to.len() - 1)].to_vec();
                if a != b {
                    sib.entry(a).or_default().insert(b);
                }
            }
        }
        // Each cycle once, as the modules of its strongly connected set with their edges.
        let mut done: BTreeSet<Vec<String>> = BTreeSet::new();
        for a in sib.keys() {
            if done.contains(a) {
                continue;
            }
            let set: Vec<&Vec<String>> = sib
                .keys()
                .filter(|b| {
                    reaches(&sib, a, b, &mut BTreeSet::new())
                        && reaches(&sib, b, a, &mut BTreeSet::new())
                })
                .collect();
            if set.len() > 1 {
                let mut lines = Vec::new();
                for m in &set {
                    done.insert((*m).clone());
                    for to in sib[*m].iter().filter(|t| set.contains(t)) {
                        lines.push(format!("{} -> {}", m.join("::"), to.join("::")));
                    }
                }
                problems.push(format!("{krate}: {}", lines.join(", ")));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "import cycles: {problems:#?}");
}

fn reaches(
    graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    from: &Vec<String>,
    to: &Vec<String>,
    seen: &mut BTreeSet<Vec<String>>,
) -> bool {
    if from == to {
        return true;
    }
    if !seen.insert(from.clone()) {
        return false;
    }
    graph
        .get(from)
        .is_some_and(|next| next.iter().any(|n| reaches(graph, n, to, seen)))
}
