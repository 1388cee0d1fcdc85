//! markdownlint's settings (`.markdownlint.json`, `.jsonc`, `.yaml`, `.yml`) for the rules
//! that one of our lints shares (its declaration's `markdownlint`): a project that turned
//! MD051 off does not want HB104 either.

use std::path::Path;
use std::sync::Arc;

use handbook_lints::front_matter::{parse_yaml, YamlValue};
use handbook_lints::{registry, LineIndex, LintMeta};

use super::ConfigError;

/// The names markdownlint-cli2 reads, in the order it prefers them.
pub const NAMES: &[&str] = &[
    ".markdownlint.jsonc",
    ".markdownlint.json",
    ".markdownlint.yaml",
    ".markdownlint.yml",
];

/// What one markdownlint file says about our lints: the ones it turns off, and the ones it
/// turns on by name (`"MD013": true` or options, `"line-length": {…}`), with the line.
/// `"default": true` alone does not turn on the style rules that are off by default.
#[derive(Clone, Debug, Default)]
pub struct Markdownlint {
    pub display: Arc<str>,
    pub off: Vec<(&'static LintMeta, usize)>,
    pub on: Vec<(&'static LintMeta, usize)>,
}

/// A top-level setting: its key, its value (on or off) and its line.
struct Setting {
    key: String,
    on: bool,
    line: usize,
}

impl Markdownlint {
    pub fn parse(path: &Path, display: &str, text: &str) -> Result<Markdownlint, ConfigError> {
        // Editors on Windows save JSON with a byte-order mark; markdownlint reads it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        let settings = if is_yaml {
            yaml_settings(text)
        } else {
            json_settings(text)
        }
        .map_err(|(at, message)| ConfigError {
            path: display.to_string(),
            at,
            message,
        })?;
        let find = |key: &str| {
            // The last of equal keys wins, as in a JSON object.
            settings
                .iter()
                .rev()
                .find(|s| s.key.eq_ignore_ascii_case(key))
        };
        let default = find("default");
        let (mut off, mut on) = (Vec::new(), Vec::new());
        for meta in registry::metas() {
            let Some(md) = meta.markdownlint else {
                continue;
            };
            let own = settings.iter().rev().find(|s| md.is_named(&s.key));
            match (own, own.or(default)) {
                (_, Some(s)) if !s.on => off.push((meta, s.line)),
                (Some(s), _) => on.push((meta, s.line)),
                _ => {}
            }
        }
        Ok(Markdownlint {
            display: Arc::from(display),
            off,
            on,
        })
    }
}

type Failure = (Option<(usize, usize)>, String);

fn yaml_settings(text: &str) -> Result<Vec<Setting>, Failure> {
    let index = LineIndex::new(text);
    let root = parse_yaml(text, 0).map_err(|e| {
        let lc = index.line_col(text, e.span.start.min(text.len()));
        (
            Some((lc.line, lc.column)),
            format!("invalid YAML: {}", e.message),
        )
    })?;
    let Some(root) = root else {
        return Ok(Vec::new());
    };
    if !matches!(root.value, YamlValue::Map(_)) {
        return Err((None, "expected a mapping of rules to settings".into()));
    }
    Ok(root
        .entries()
        .iter()
        .filter_map(|(k, v)| {
            Some(Setting {
                key: k.as_str()?.to_string(),
                on: !matches!(v.value, YamlValue::Bool(false)),
                line: index.line_of(k.span.start),
            })
        })
        .collect())
}

fn json_settings(text: &str) -> Result<Vec<Setting>, Failure> {
    let clean = strip_jsonc(text);
    let value: serde_json::Value = serde_json::from_str(&clean)
        .map_err(|e| (Some((e.line(), e.column())), format!("invalid JSON: {e}")))?;
    let Some(object) = value.as_object() else {
        return Err((None, "expected an object of rules to settings".into()));
    };
    let index = LineIndex::new(&clean);
    Ok(top_level_keys(&clean)
        .into_iter()
        .map(|(key, at)| {
            let on = !matches!(object.get(&key), Some(serde_json::Value::Bool(false)));
            Setting {
                line: index.line_of(at),
                on,
                key,
            }
        })
        .collect())
}

/// JSON with comments (`//`, `/* */`) and trailing commas, as markdownlint reads it, made
/// into JSON: comments become blanks (newlines kept, so lines and columns stay) and a
/// comma before `}` or `]` becomes a blank.
pub fn strip_jsonc(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut i = 0;
    let mut last_comma: Option<usize> = None;
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for b in &mut out[from..to] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                last_comma = None;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |p| i + p);
                blank(&mut out, i, end);
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |p| i + 2 + p + 2);
                blank(&mut out, i, end);
                i = end;
            }
            b',' => {
                last_comma = Some(i);
                i += 1;
            }
            b'}' | b']' => {
                if let Some(c) = last_comma.take() {
                    out[c] = b' ';
                }
                i += 1;
            }
            b if b.is_ascii_whitespace() => i += 1,
            _ => {
                last_comma = None;
                i += 1;
            }
        }
    }
    // Only ASCII bytes were replaced, by ASCII blanks: still UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// The keys of the outermost object of (valid) JSON, with their byte offsets.
fn top_level_keys(json: &str) -> Vec<(String, usize)> {
    let bytes = json.as_bytes();
    let mut keys = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let rest = json.get(i + 1..).unwrap_or("").trim_start();
                if depth == 1 && rest.starts_with(':') {
                    if let Some(Ok(key)) = json.get(start..=i).map(serde_json::from_str::<String>) {
                        keys.push((key, start));
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    keys
}
