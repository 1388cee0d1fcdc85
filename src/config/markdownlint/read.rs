//! Reading markdownlint's files: JSON with comments or YAML into a JSON value, with the line
//! of every key, and a `config` object into its entries with `extends` resolved.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use handbook_lints::front_matter::{parse_yaml_resolved, YamlNode, YamlValue};
use handbook_lints::LineIndex;
use serde_json::{Map, Value};

use super::rules::{interpret, Locate, RuleSetting};
use crate::config::{ConfigError, Origin};

/// A file read: its value and the line of each key, by the path of keys that leads to it.
pub(super) struct Read {
    pub value: Value,
    lines: HashMap<Vec<String>, usize>,
    pub display: Arc<str>,
    pub path: PathBuf,
}

impl Read {
    /// Read `path` (shown as `display`): YAML when its extension says so, else JSON with
    /// comments and trailing commas.
    pub fn file(path: &Path, display: &str) -> Result<Read, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: display.to_string(),
            at: None,
            message: format!("cannot read: {e}"),
        })?;
        // Editors on Windows save JSON with a byte-order mark; markdownlint reads it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        let read = if is_yaml { yaml(text) } else { json(text) };
        let (value, lines) = read.map_err(|(at, message)| ConfigError {
            path: display.to_string(),
            at,
            message,
        })?;
        if !value.is_object() && !value.is_null() {
            return Err(ConfigError {
                path: display.to_string(),
                at: None,
                message: "expected an object of settings".into(),
            });
        }
        Ok(Read {
            value,
            lines,
            display: Arc::from(display),
            path: path.to_path_buf(),
        })
    }
}

impl Locate for Read {
    /// Its parent's line when it has none.
    fn origin(&self, path: &[&str]) -> Origin {
        let mut path: Vec<String> = path.iter().map(|s| s.to_string()).collect();
        let line = loop {
            if let Some(line) = self.lines.get(&path) {
                break *line;
            }
            if path.pop().is_none() {
                break 0;
            }
        };
        Origin::File {
            path: self.display.clone(),
            line,
        }
    }

    fn warning(&self, path: &[&str], message: String) -> ConfigError {
        let at = match self.origin(path) {
            Origin::File { line, .. } if line > 0 => Some((line, 1)),
            _ => None,
        };
        ConfigError {
            path: self.display.to_string(),
            at,
            message,
        }
    }
}

/// One top-level setting of a markdownlint `config` object.
#[derive(Clone, Debug)]
pub struct Entry {
    pub key: String,
    pub origin: Origin,
    pub setting: RuleSetting,
}

/// A markdownlint `config` object: its entries in the order written, those of the file it
/// `extends` first (a key set again replaces the extended one in its place, as markdownlint
/// merges them).
#[derive(Clone, Debug, Default)]
pub struct ConfigObject {
    pub entries: Vec<Entry>,
    /// The files read for it: the file, then what it extends.
    pub files: Vec<Arc<str>>,
}

/// The `config` object at `prefix` in `read` (the root for a `.markdownlint.*` file),
/// with its `extends` resolved from the file's folder; `stack` holds the files being
/// extended, to find cycles.
pub(super) fn config_object(
    read: &Read,
    prefix: &[&str],
    stack: &mut Vec<PathBuf>,
    warnings: &mut Vec<ConfigError>,
) -> Result<ConfigObject, ConfigError> {
    let mut value = &read.value;
    for key in prefix {
        // A list's item is named by its index.
        let item = match (value, key.parse::<usize>()) {
            (Value::Array(items), Ok(k)) => items.get(k),
            _ => value.get(*key),
        };
        value = item.unwrap_or(&Value::Null);
    }
    let empty = Map::new();
    let object = value.as_object().unwrap_or(&empty);
    let mut keys: Vec<(&String, &Value, Origin)> = object
        .iter()
        .map(|(k, v)| {
            let path: Vec<&str> = prefix.iter().copied().chain([k.as_str()]).collect();
            (k, v, read.origin(&path))
        })
        .collect();
    keys.sort_by_key(|(_, _, o)| match o {
        Origin::File { line, .. } => *line,
        _ => 0,
    });
    let mut own = Vec::new();
    let mut extends = None;
    for (key, value, origin) in keys {
        let path: Vec<&str> = prefix.iter().copied().chain([key.as_str()]).collect();
        if key == "extends" {
            match value {
                Value::String(s) => extends = Some((s.clone(), path.len())),
                Value::Null => {}
                _ => warnings.push(read.warning(&path, "`extends` must be a path".into())),
            }
            continue;
        }
        let setting = interpret(key, value, read, &path, warnings);
        own.push(Entry {
            key: key.clone(),
            origin,
            setting,
        });
    }
    let mut object = ConfigObject {
        entries: Vec::new(),
        files: vec![read.display.clone()],
    };
    if let Some((target, _)) = extends {
        let base = extended(read, prefix, &target, stack, warnings)?;
        object.entries = base.entries;
        object.files.extend(base.files);
    }
    for entry in own {
        match object.entries.iter_mut().find(|e| e.key == entry.key) {
            Some(slot) => *slot = entry,
            None => object.entries.push(entry),
        }
    }
    Ok(object)
}

/// The config object of the file `target` that `read` extends.
fn extended(
    read: &Read,
    prefix: &[&str],
    target: &str,
    stack: &mut Vec<PathBuf>,
    warnings: &mut Vec<ConfigError>,
) -> Result<ConfigObject, ConfigError> {
    let at = |message: String| {
        let path: Vec<&str> = prefix.iter().copied().chain(["extends"]).collect();
        let mut e = read.warning(&path, message);
        e.at = e.at.or(Some((1, 1)));
        e
    };
    let dir = read.path.parent().unwrap_or(Path::new("."));
    let expanded = match target.strip_prefix("~/") {
        Some(rest) => {
            std::env::var_os("HOME").map_or(PathBuf::from(target), |h| PathBuf::from(h).join(rest))
        }
        None => PathBuf::from(target),
    };
    let path = dir.join(expanded);
    let file_name = [".json", ".jsonc", ".yaml", ".yml"]
        .iter()
        .any(|e| target.ends_with(e));
    let package = !target.starts_with(['.', '/', '~']) && !file_name && !path.exists();
    if package {
        // `markdownlint/style/prettier` and other packages: markdownlint-cli2 resolves them
        // with Node; here the file's own settings apply without them.
        warnings.push(at(format!(
            "`extends` names `{target}`, a package, which is not read: only files are"
        )));
        return Ok(ConfigObject {
            entries: Vec::new(),
            files: Vec::new(),
        });
    }
    if !path.is_file() {
        return Err(at(format!(
            "`extends` names `{target}`, which is not a file (packages are not resolved)"
        )));
    }
    let key = path.canonicalize().unwrap_or_else(|_| path.clone());
    if stack.contains(&key) {
        return Err(at(format!("`extends` makes a cycle through `{target}`")));
    }
    let display = crate::config::display(&path);
    let base = Read::file(&path, &display)?;
    stack.push(key);
    let object = config_object(&base, &[], stack, warnings);
    stack.pop();
    object
}

type Failure = (Option<(usize, usize)>, String);
type Lines = HashMap<Vec<String>, usize>;

fn yaml(text: &str) -> Result<(Value, Lines), Failure> {
    let index = LineIndex::new(text);
    let root = parse_yaml_resolved(text, 0).map_err(|e| {
        let lc = index.line_col(text, e.span.start.min(text.len()));
        (
            Some((lc.line, lc.column)),
            format!("invalid YAML: {}", e.message),
        )
    })?;
    let mut lines = Lines::new();
    let value = match root {
        Some(root) => yaml_value(&root, &index, &mut Vec::new(), &mut lines),
        None => Value::Null,
    };
    Ok((value, lines))
}

fn yaml_value(
    node: &YamlNode,
    index: &LineIndex,
    path: &mut Vec<String>,
    lines: &mut Lines,
) -> Value {
    match &node.value {
        // An alias left unresolved names no anchor (the reader resolves the others).
        YamlValue::Null | YamlValue::Alias => Value::Null,
        YamlValue::Bool(b) => Value::Bool(*b),
        YamlValue::Int(i) => Value::from(*i),
        YamlValue::Float(f) => Value::from(*f),
        YamlValue::Str(s) => Value::String(s.clone()),
        YamlValue::Seq(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(k, item)| {
                    path.push(k.to_string());
                    lines.insert(path.clone(), index.line_of(item.span.start));
                    let value = yaml_value(item, index, path, lines);
                    path.pop();
                    value
                })
                .collect(),
        ),
        YamlValue::Map(entries) => {
            let mut map = Map::new();
            let mut merged = Vec::new();
            for (k, v) in entries {
                let Some(key) = k.as_str() else {
                    continue;
                };
                if key == "<<" {
                    merged.push(v);
                    continue;
                }
                path.push(key.to_string());
                lines.insert(path.clone(), index.line_of(k.span.start));
                let value = yaml_value(v, index, path, lines);
                path.pop();
                map.insert(key.to_string(), value);
            }
            // `<<: *base` (or a list of them) merges the keys the map does not set itself,
            // the first list entry winning, as js-yaml (markdownlint's reader) merges them.
            let sources = merged.into_iter().flat_map(|v| match &v.value {
                YamlValue::Seq(items) => items.iter().collect::<Vec<_>>(),
                _ => vec![v],
            });
            for source in sources {
                let YamlValue::Map(_) = source.value else {
                    continue;
                };
                // The lines of the keys the map sets itself stay theirs.
                let mut source_lines = Lines::new();
                let Value::Object(extra) = yaml_value(source, index, path, &mut source_lines)
                else {
                    continue;
                };
                for (key, line) in source_lines {
                    lines.entry(key).or_insert(line);
                }
                for (key, value) in extra {
                    map.entry(key).or_insert(value);
                }
            }
            Value::Object(map)
        }
    }
}

fn json(text: &str) -> Result<(Value, Lines), Failure> {
    let clean = strip_jsonc(text);
    if clean.trim().is_empty() {
        return Ok((Value::Null, Lines::new()));
    }
    let value: Value = serde_json::from_str(&clean)
        .map_err(|e| (Some((e.line(), e.column())), format!("invalid JSON: {e}")))?;
    let index = LineIndex::new(&clean);
    let lines = key_offsets(&clean)
        .into_iter()
        .map(|(path, at)| (path, index.line_of(at)))
        .collect();
    Ok((value, lines))
}

/// JSON with comments (`//`, `/* */`) and trailing commas, as markdownlint reads it, made
/// into JSON: comments become blanks (newlines kept, so lines and columns stay) and a
/// comma before `}` or `]` becomes a blank.
fn strip_jsonc(text: &str) -> String {
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

/// The keys of the objects of (valid) JSON and the items of its lists, each with the path
/// that leads to it (a list item's part is its index) and its byte offset.
fn key_offsets(json: &str) -> Vec<(Vec<String>, usize)> {
    let bytes = json.as_bytes();
    let mut keys = Vec::new();
    // The open containers: whether each is an object, how its parent names it, and for a
    // list the index of its current item.
    let mut stack: Vec<(bool, String, usize)> = Vec::new();
    let mut last_key: Option<String> = None;
    let path_to = |stack: &[(bool, String, usize)], last: String| -> Vec<String> {
        stack
            .iter()
            .skip(1)
            .map(|(_, name, _)| name.clone())
            .chain([last])
            .collect()
    };
    // The name of a value starting here in the innermost container, for a list's item.
    let item_name = |stack: &[(bool, String, usize)]| match stack.last() {
        Some((false, _, index)) => Some(index.to_string()),
        _ => None,
    };
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => {
                let name = match item_name(&stack) {
                    Some(index) => {
                        keys.push((path_to(&stack, index.clone()), i));
                        index
                    }
                    None => last_key.take().unwrap_or_default(),
                };
                stack.push((bytes[i] == b'{', name, 0));
            }
            b'}' | b']' => {
                stack.pop();
                last_key = None;
            }
            b',' => {
                last_key = None;
                if let Some((false, _, index)) = stack.last_mut() {
                    *index += 1;
                }
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let rest = json.get(i + 1..).unwrap_or("").trim_start();
                let in_object = stack.last().is_some_and(|(object, ..)| *object);
                if let Some(index) = item_name(&stack) {
                    keys.push((path_to(&stack, index), start));
                }
                let key = json.get(start..=i).map(serde_json::from_str::<String>);
                match key {
                    Some(Ok(key)) if in_object && rest.starts_with(':') => {
                        keys.push((path_to(&stack, key.clone()), start));
                        last_key = Some(key);
                    }
                    _ => last_key = None,
                }
            }
            _ => {}
        }
        i += 1;
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_offsets_follow_objects_and_list_items() {
        let json = r#"{"a": {"b": 1, "c": [{"d": 2}, "x"]}, "e": "f", "g": {}}"#;
        let keys: Vec<String> = key_offsets(json)
            .into_iter()
            .map(|(path, _)| path.join("."))
            .collect();
        assert_eq!(
            keys,
            ["a", "a.b", "a.c", "a.c.0", "a.c.0.d", "a.c.1", "e", "g"]
        );
    }

    #[test]
    fn jsonc_keeps_lines_for_keys() {
        let (value, lines) =
            json("{\n  // note\n  \"MD013\": {\n    \"line_length\": 9,\n  },\n}\n").unwrap();
        assert_eq!(value["MD013"]["line_length"], 9);
        assert_eq!(lines[&vec!["MD013".to_string()]], 3);
        assert_eq!(
            lines[&vec!["MD013".to_string(), "line_length".to_string()]],
            4
        );
    }
}
