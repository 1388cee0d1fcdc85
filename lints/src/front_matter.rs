//! Front matter, split by Jekyll's rules and read as the YAML 1.1 that Jekyll (Psych) reads.
//!
//! Jekyll treats a file as a page only when its first line is `---` (trailing whitespace
//! allowed); the block ends at the first later line that is `---` or `...` (trailing whitespace
//! allowed). An empty block is valid. Jekyll decides this on the raw bytes, so a UTF-8
//! byte-order mark before the first `---` means there is no front matter.

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::span::Span;

/// Where the front matter of a file is, before its YAML is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Split {
    /// The file does not start with `---`.
    Absent,
    /// `---` opens a block that no `---` or `...` line closes: Jekyll publishes the file as is.
    Unclosed { opener: Span },
    /// A closed block: `span` runs from the opener to the end of the closing line (newline
    /// included); `yaml` is the text between the two delimiter lines.
    Closed { span: Span, yaml: Span },
}

/// Split front matter from `text` with Jekyll's rules.
pub fn split(text: &str) -> Split {
    let bytes = text.as_bytes();
    // Jekyll tests the raw bytes (`has_yaml_header?`): a byte-order mark before `---` makes
    // the file a static file, copied as is.
    let start = 0;
    let Some(first_end) = memchr::memchr(b'\n', &bytes[start..]).map(|i| start + i) else {
        return Split::Absent;
    };
    if !is_delimiter(&bytes[start..first_end], b"---") {
        return Split::Absent;
    }
    let yaml_start = first_end + 1;
    let mut line_start = yaml_start;
    while line_start < bytes.len() {
        let line_end = memchr::memchr(b'\n', &bytes[line_start..])
            .map(|i| line_start + i)
            .unwrap_or(bytes.len());
        let line = &bytes[line_start..line_end];
        if is_delimiter(line, b"---") || is_delimiter(line, b"...") {
            let end = (line_end + 1).min(bytes.len());
            return Split::Closed {
                span: Span::new(start, end),
                yaml: Span::new(yaml_start, line_start),
            };
        }
        line_start = line_end + 1;
    }
    Split::Unclosed {
        opener: Span::new(start, first_end),
    }
}

fn is_delimiter(line: &[u8], delim: &[u8]) -> bool {
    line.starts_with(delim) && line[delim.len()..].iter().all(u8::is_ascii_whitespace)
}

/// A YAML value with the byte span it was read from (spans are offsets in the whole file).
#[derive(Clone, Debug, PartialEq)]
pub struct YamlNode {
    pub span: Span,
    pub value: YamlValue,
}

/// YAML values, resolved the way Ruby's Psych (YAML 1.1) resolves plain scalars:
/// `yes`/`no`/`on`/`off` are booleans there.
#[derive(Clone, Debug, PartialEq)]
pub enum YamlValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<YamlNode>),
    Map(Vec<(YamlNode, YamlNode)>),
    /// An alias (`*name`); its target is not resolved.
    Alias,
}

impl YamlNode {
    /// The value of `key` when this node is a mapping with a string key `key`.
    pub fn get(&self, key: &str) -> Option<&YamlNode> {
        self.entries()
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
    }

    pub fn entries(&self) -> &[(YamlNode, YamlNode)] {
        match &self.value {
            YamlValue::Map(entries) => entries,
            _ => &[],
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            YamlValue::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// A YAML syntax error at a byte offset of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub span: Span,
    pub message: String,
}

/// Read the YAML text `yaml` that starts at byte `base` of the file.
/// `Ok(None)` means the block holds no document (empty, or comments only).
///
/// Jekyll reads YAML with libyaml, which accepts continuation lines of a quoted scalar that
/// are not indented (`title: "a long\ntitle"`); saphyr rejects them. Such lines are read
/// again with one blank in front, and positions are mapped back to the file.
///
/// libyaml also decides which characters a document may hold: a control character (outside
/// tab and line breaks) is an error wherever it stands, even escaped nowhere, while NEL,
/// U+2028 and U+2029 end a line. Both are checked here, before saphyr reads the text: the
/// first is reported as libyaml reports it, the second read as a line break padded with
/// blanks to the same byte length, so positions stay those of the file.
pub fn parse_yaml(yaml: &str, base: usize) -> Result<Option<YamlNode>, YamlError> {
    if let Some((at, c)) = yaml.char_indices().find(|&(_, c)| !yaml_printable(c)) {
        return Err(YamlError {
            span: Span::new(base + at, base + at + c.len_utf8()),
            message: "control characters are not allowed".to_string(),
        });
    }
    let mut patched = yaml.to_string();
    let bom = yaml.contains('\u{feff}');
    if bom || yaml.contains(['\u{85}', '\u{2028}', '\u{2029}']) {
        patched = yaml
            .chars()
            .map(|c| match c {
                '\u{85}' => " \n".to_string(),
                '\u{2028}' | '\u{2029}' => "  \n".to_string(),
                // saphyr rejects a byte-order mark inside a document, libyaml reads it as a
                // character: it stands in as U+FFFE (as long, and never in valid input).
                '\u{feff}' => BOM_STAND_IN.to_string(),
                c => c.to_string(),
            })
            .collect();
    }
    // Byte offsets (in `patched`) where a blank was inserted, in increasing order.
    let mut inserted: Vec<usize> = Vec::new();
    loop {
        match parse_exact(&patched) {
            Ok(mut root) => {
                if let Some(root) = root.as_mut() {
                    root.shift(&|at| at - inserted.partition_point(|&i| i <= at) + base);
                    // Every span on a character of the text, whatever the parser counted
                    // (a NEL inside a value once left an end in the middle of it).
                    root.shift(&|at| {
                        base + floor_char_boundary(yaml, at.saturating_sub(base).min(yaml.len()))
                    });
                    if bom {
                        root.restore_bom();
                    }
                }
                return Ok(root);
            }
            Err((at, message)) => {
                let lines = unindented_continuations(&patched, at);
                let lenient = message.contains("invalid indentation in quoted scalar")
                    && !lines.is_empty()
                    && inserted.len() < 256;
                if !lenient {
                    let orig =
                        floor_char_boundary(yaml, at - inserted.partition_point(|&i| i <= at));
                    let end = yaml[orig.min(yaml.len())..]
                        .chars()
                        .next()
                        .map_or(orig, |c| orig + c.len_utf8());
                    return Err(YamlError {
                        span: Span::new(base + orig, base + end),
                        message,
                    });
                }
                for line_start in lines.into_iter().rev() {
                    patched.insert(line_start, ' ');
                    for i in inserted.iter_mut().filter(|i| **i >= line_start) {
                        *i += 1;
                    }
                    inserted.push(line_start);
                }
                inserted.sort_unstable();
            }
        }
    }
}

/// Whether libyaml lets `c` stand in a YAML stream (its reader's printable set).
fn yaml_printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}')
        || ('\u{a0}'..='\u{d7ff}').contains(&c)
        || ('\u{e000}'..='\u{fffd}').contains(&c)
        || c >= '\u{10000}'
}

/// `at`, or the start of the character that `at` falls inside.
fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Starts of the lines inside the quoted scalar that opens at `quote` which begin in column 0.
fn unindented_continuations(yaml: &str, quote: usize) -> Vec<usize> {
    let b = yaml.as_bytes();
    let Some(&q) = b.get(quote).filter(|q| **q == b'"' || **q == b'\'') else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    let mut i = quote + 1;
    while i < b.len() {
        match b[i] {
            b'\\' if q == b'"' => i += 1,
            c if c == q => {
                if q == b'\'' && b.get(i + 1) == Some(&b'\'') {
                    i += 1;
                } else {
                    break;
                }
            }
            b'\n' if b.get(i + 1).is_some_and(|c| !c.is_ascii_whitespace()) => lines.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    lines
}

/// Parse `yaml` as is: the root node with spans relative to `yaml`, or the byte offset and
/// message of the first error.
fn parse_exact(yaml: &str) -> Result<Option<YamlNode>, (usize, String)> {
    let offsets = CharOffsets::new(yaml, 0);
    let mut builder = Builder::default();
    for event in Parser::new_from_str(yaml) {
        match event {
            Ok((event, span)) => {
                let span = Span::new(
                    offsets.byte(span.start.index()),
                    offsets.byte(span.end.index()),
                );
                builder.push(event, span);
            }
            Err(err) => return Err((offsets.byte(err.marker().index()), err.info().to_string())),
        }
    }
    Ok(builder.root)
}

/// What stands for U+FEFF while saphyr reads the text.
const BOM_STAND_IN: char = '\u{fffe}';

impl YamlNode {
    fn restore_bom(&mut self) {
        match &mut self.value {
            YamlValue::Str(s) => *s = s.replace(BOM_STAND_IN, "\u{feff}"),
            YamlValue::Seq(items) => items.iter_mut().for_each(YamlNode::restore_bom),
            YamlValue::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
                k.restore_bom();
                v.restore_bom();
            }),
            _ => {}
        }
    }

    fn shift(&mut self, map: &dyn Fn(usize) -> usize) {
        self.span = Span::new(map(self.span.start), map(self.span.end));
        match &mut self.value {
            YamlValue::Seq(items) => items.iter_mut().for_each(|i| i.shift(map)),
            YamlValue::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
                k.shift(map);
                v.shift(map);
            }),
            _ => {}
        }
    }
}

/// Maps saphyr's character indices to byte offsets of the file.
struct CharOffsets {
    base: usize,
    /// Byte offset of every char, only when the text is not ASCII.
    table: Option<Vec<usize>>,
    len: usize,
}

impl CharOffsets {
    fn new(text: &str, base: usize) -> Self {
        let table = (!text.is_ascii()).then(|| text.char_indices().map(|(i, _)| i).collect());
        CharOffsets {
            base,
            table,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        let local = match &self.table {
            None => char_index.min(self.len),
            Some(t) => t.get(char_index).copied().unwrap_or(self.len),
        };
        self.base + local
    }
}

/// Builds [`YamlNode`]s from parser events.
#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    root: Option<YamlNode>,
}

enum Open {
    Seq(Span, Vec<YamlNode>),
    Map(Span, Vec<(YamlNode, YamlNode)>, Option<YamlNode>),
}

impl Builder {
    fn push(&mut self, event: Event<'_>, span: Span) {
        match event {
            Event::Scalar(text, style, _, tag) => {
                let value = if tag.is_some() || style != ScalarStyle::Plain {
                    YamlValue::Str(text.into_owned())
                } else {
                    resolve_plain(&text)
                };
                self.add(YamlNode { span, value });
            }
            Event::Alias(_) => self.add(YamlNode {
                span,
                value: YamlValue::Alias,
            }),
            Event::SequenceStart(..) => self.stack.push(Open::Seq(span, Vec::new())),
            Event::MappingStart(..) => self.stack.push(Open::Map(span, Vec::new(), None)),
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Open::Seq(start, items)) => YamlNode {
                        span: Span::new(start.start, span.end.max(start.start)),
                        value: YamlValue::Seq(items),
                    },
                    Some(Open::Map(start, entries, _)) => YamlNode {
                        span: Span::new(start.start, span.end.max(start.start)),
                        value: YamlValue::Map(entries),
                    },
                    None => return,
                };
                self.add(node);
            }
            _ => {}
        }
    }

    fn add(&mut self, node: YamlNode) {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Open::Seq(_, items)) => items.push(node),
            Some(Open::Map(_, entries, key)) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }
}

/// Resolve a plain scalar as Psych does.
fn resolve_plain(s: &str) -> YamlValue {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return YamlValue::Null,
        _ => {}
    }
    match s.to_ascii_lowercase().as_str() {
        "yes" | "true" | "on" => return YamlValue::Bool(true),
        "no" | "false" | "off" => return YamlValue::Bool(false),
        _ => {}
    }
    let digits = s.replace('_', "");
    if let Ok(i) = digits.parse::<i64>() {
        if s.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || b == b'-' || b == b'+')
        {
            return YamlValue::Int(i);
        }
    }
    if s.bytes().any(|b| b.is_ascii_digit()) && !s.contains(char::is_whitespace) {
        if let Ok(f) = digits.parse::<f64>() {
            if f.is_finite() {
                return YamlValue::Float(f);
            }
        }
    }
    YamlValue::Str(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_jekyll() {
        assert_eq!(split("# no\n"), Split::Absent);
        assert_eq!(split("---"), Split::Absent);
        assert_eq!(
            split("---  \r\ntitle: x\r\n...\r\nbody"),
            Split::Closed {
                span: Span::new(0, 22),
                yaml: Span::new(7, 17)
            }
        );
        assert_eq!(
            split("---\n---\n"),
            Split::Closed {
                span: Span::new(0, 8),
                yaml: Span::new(4, 4)
            }
        );
        assert_eq!(split("\u{feff}---\na: 1\n---\n"), Split::Absent);
        assert_eq!(
            split("---\na: 1\n"),
            Split::Unclosed {
                opener: Span::new(0, 3)
            }
        );
        assert_eq!(split("----\n---\n"), Split::Absent);
    }

    #[test]
    fn yaml_1_1_booleans_and_positions() {
        let yaml = "title: Été\npublished: no\nq: \"no\"\n";
        let root = parse_yaml(yaml, 4).unwrap().unwrap();
        assert_eq!(root.get("published").unwrap().value, YamlValue::Bool(false));
        assert_eq!(root.get("q").unwrap().value, YamlValue::Str("no".into()));
        let title = root.get("title").unwrap();
        assert_eq!(title.value, YamlValue::Str("Été".into()));
        assert_eq!(title.span, Span::new(4 + 7, 4 + 12));
    }

    /// Each case was run through Ruby's Psych 4.0 (libyaml), which Jekyll uses.
    #[test]
    fn characters_are_judged_as_libyaml_judges_them() {
        for bad in [
            "title: a\u{1}b",
            "title: \"a\u{1}b\"",
            "title: a\u{7f}b",
            "title: a\u{80}b",
        ] {
            let err = parse_yaml(bad, 4).unwrap_err();
            assert_eq!(err.message, "control characters are not allowed", "{bad:?}");
            assert_eq!(
                err.span.start,
                4 + bad.find(|c: char| c.is_control()).unwrap()
            );
        }
        // NEL and the Unicode line and paragraph separators end a line.
        assert!(parse_yaml("title: a\u{85}b", 0).is_err());
        assert!(parse_yaml("title: a\u{2028}b", 0).is_err());
        let root = parse_yaml("a: 1\u{85}b: 2", 0).unwrap().unwrap();
        assert_eq!(root.get("b").unwrap().value, YamlValue::Int(2));
        let root = parse_yaml("t: \"a\u{85}b\"", 0).unwrap().unwrap();
        assert_eq!(root.get("t").unwrap().value, YamlValue::Str("a b".into()));
        // A byte-order mark inside a value is an ordinary character.
        let root = parse_yaml("title: a\u{feff}b", 0).unwrap().unwrap();
        assert_eq!(
            root.get("title").unwrap().value,
            YamlValue::Str("a\u{feff}b".into())
        );
    }

    #[test]
    fn unindented_quoted_continuation_is_read_like_libyaml() {
        let yaml = "title: \"a long\ntitle\"\nlang: es\n";
        let root = parse_yaml(yaml, 4).unwrap().unwrap();
        assert_eq!(root.get("title").unwrap().as_str(), Some("a long title"));
        assert_eq!(root.get("lang").unwrap().span, Span::new(4 + 28, 4 + 30));
    }

    #[test]
    fn yaml_error_has_a_byte_position() {
        let err = parse_yaml("a: 1\nb: c: d\n", 10).unwrap_err();
        assert_eq!(err.span.start, 10 + 5 + 4);
        assert!(!err.message.is_empty());
    }
}
