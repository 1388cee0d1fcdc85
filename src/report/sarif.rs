//! SARIF 2.1.0, as GitHub code scanning reads it: one run, every lint of the registry as a
//! rule, one result per finding with a region and a fingerprint.

use std::io::{self, Write};

use handbook_lints::{registry, LintMeta, Severity};
use serde_json::{json, Value};

use super::ci::{relative_path, Fingerprints};
use super::json::{PrettyArray, ITEMS};
use super::{for_each_located, Located};
use crate::runner::Reports;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of our fingerprints in `partialFingerprints` (GitHub computes its own
/// `primaryLocationLineHash` beside it).
const FINGERPRINT_KEY: &str = "handbookLint/v1";

pub fn write(reports: &Reports, out: &mut dyn Write) -> io::Result<()> {
    let metas: Vec<&LintMeta> = registry::metas().collect();
    let rules: Vec<Value> = metas.iter().map(|m| rule(m)).collect();
    let mut driver = json!({
        "name": "handbook-lint",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    // No project address is known until Cargo.toml has one.
    let repository = env!("CARGO_PKG_REPOSITORY");
    if !repository.is_empty() {
        driver["informationUri"] = json!(repository);
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "columnKind": "utf16CodeUnits",
            "results": ITEMS,
        }],
    });
    let mut results = PrettyArray::around(&log, out)?;
    let mut fingerprints = Fingerprints::default();
    for_each_located(reports, |found| {
        let index = metas
            .iter()
            .position(|m| m.code == found.d.lint.code)
            .unwrap_or(0);
        results.push(&result(&found, index, &mut fingerprints));
    })?;
    results.end()
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A lint as a SARIF rule (`reportingDescriptor`), its documentation as the help.
fn rule(meta: &LintMeta) -> Value {
    let docs = meta.docs();
    json!({
        "id": meta.code,
        "name": meta.name,
        "shortDescription": { "text": meta.summary() },
        "fullDescription": { "text": section(&docs, "What it does") },
        "help": { "text": docs, "markdown": docs },
        "defaultConfiguration": { "level": level(meta.default_severity) },
    })
}

/// The body of the `## heading` section of a lint's documentation, on one line.
fn section(docs: &str, heading: &str) -> String {
    let body = docs
        .split(&format!("## {heading}\n"))
        .nth(1)
        .unwrap_or(docs);
    let body = body.split("\n## ").next().unwrap_or(body);
    body.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn result(found: &Located, rule_index: usize, fingerprints: &mut Fingerprints) -> Value {
    let d = found.d;
    let path = relative_path(found.path);
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message = format!("{message}\nhelp: {help}");
    }
    let location = if std::path::Path::new(&path).is_absolute() {
        json!({ "uri": file_uri(&path) })
    } else {
        json!({ "uri": uri_path(&path), "uriBaseId": "%SRCROOT%" })
    };
    json!({
        "ruleId": d.lint.code,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": location,
                "region": {
                    "startLine": found.start.line,
                    "startColumn": utf16_column(found.text, d.span.start.saturating_sub(found.base)),
                    "endLine": found.end.line,
                    "endColumn": utf16_column(found.text, d.span.end.saturating_sub(found.base)),
                },
            },
        }],
        "partialFingerprints": { FINGERPRINT_KEY: fingerprints.next(&path, found) },
    })
}

/// The 1-based column of byte `offset` in UTF-16 code units, SARIF's default column kind and
/// the one GitHub reads.
fn utf16_column(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..offset].encode_utf16().count() + 1
}

/// A relative path as a URI reference: every byte outside RFC 3986's unreserved characters
/// and `/` is percent-encoded.
fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An absolute path as a `file:` URI.
fn file_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    if path.starts_with('/') {
        format!("file://{}", uri_path(&path))
    } else {
        // `C:/x` on Windows.
        format!("file:///{}", uri_path(&path).replacen("%3A", ":", 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_code_units() {
        let text = "é😀x\nab";
        assert_eq!(utf16_column(text, 0), 1);
        // `é` is one code unit, `😀` two.
        assert_eq!(utf16_column(text, "é😀".len()), 4);
        assert_eq!(utf16_column(text, text.len()), 3);
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri_path("docs/a b/ü.md"), "docs/a%20b/%C3%BC.md");
        assert_eq!(uri_path("x#1?.md"), "x%231%3F.md");
        assert_eq!(file_uri("/tmp/a b.md"), "file:///tmp/a%20b.md");
        assert_eq!(file_uri("C:\\x\\y.md"), "file:///C:/x/y.md");
    }

    #[test]
    fn sections_are_read_from_the_docs() {
        let docs = "## What it does\nChecks\nthings.\n\n## Why is this bad?\nBecause.\n";
        assert_eq!(section(docs, "What it does"), "Checks things.");
        assert_eq!(section(docs, "Why is this bad?"), "Because.");
    }
}
