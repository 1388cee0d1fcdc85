//! Only the lowering module names comrak: every other source file reads the owned tree.
//! Comments may mention the parser; code may not.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_lowering_module_names_comrak() {
    let lints = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = lints.parent().unwrap();
    let lowering = lints.join("src/model/lower.rs");
    let mut files = Vec::new();
    rust_files(&lints.join("src"), &mut files);
    rust_files(&root.join("src"), &mut files);
    assert!(
        files.contains(&lowering),
        "the lowering module is where we expect it"
    );
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| **f != lowering)
        .filter(|f| names_comrak(&std::fs::read_to_string(f).unwrap()))
        .map(|f| f.strip_prefix(root).unwrap().display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "these files name comrak; query `handbook_lints::model` instead: {offenders:?}"
    );
}

/// Whether code (comments left out) names comrak.
fn names_comrak(source: &str) -> bool {
    source
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .any(|code| code.contains("comrak"))
}
