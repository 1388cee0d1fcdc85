//! The fixture runner's page side (tests/lints.rs): a lint's fixture files, the options a
//! fixture sets, its expectation markers, and findings rendered for snapshots.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use handbook_lints::options::ParsedOptions;
use handbook_lints::schema::FrontMatterSchema;
use handbook_lints::{check_with, Diagnostic, FileInfo, LineIndex, Lint, LintOptions};

pub fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

pub fn fixture_files(lint: &dyn Lint) -> Vec<PathBuf> {
    let dir = fixtures_root().join(lint.meta().name);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

pub fn run(lint: &'static dyn Lint, path: &Path) -> (String, Vec<Diagnostic>) {
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
pub fn fixture_options(lint: &dyn Lint, text: &str, path: &Path) -> LintOptions {
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
pub fn markers(text: &str) -> BTreeMap<(usize, String), usize> {
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

/// (line, lint name) -> count, for findings.
pub fn by_line(text: &str, diagnostics: &[Diagnostic]) -> BTreeMap<(usize, String), usize> {
    let index = LineIndex::new(text);
    let mut got = BTreeMap::new();
    for d in diagnostics {
        *got.entry((index.line_of(d.span.start), d.lint.name.to_string()))
            .or_insert(0) += 1;
    }
    got
}

/// Diagnostics as text: position, code, message, label, help and the fix's edits.
pub fn render(text: &str, diagnostics: &[Diagnostic]) -> String {
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
            for e in fix.edits.iter() {
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
