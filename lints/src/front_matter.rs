//! Front matter, split by Jekyll's rules and read as the YAML 1.1 that Jekyll (Psych) reads.
//!
//! Jekyll treats a file as a page only when its first line is `---` (trailing whitespace
//! allowed); the block ends at the first later line that is `---` or `...` (trailing whitespace
//! allowed). An empty block is valid. Jekyll decides this on the raw bytes, so a UTF-8
//! byte-order mark before the first `---` means there is no front matter.

use crate::span::Span;
use crate::yaml_events::{parse_exact, Aliases};

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

pub use crate::yaml_events::{YamlNode, YamlValue};

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
    parse_yaml_with(yaml, base, Aliases::Keep)
}

/// [`parse_yaml`] with every alias replaced by its anchor's value (for configuration files;
/// see [`crate::yaml_events`] for the bound on what aliases may expand to).
pub fn parse_yaml_resolved(yaml: &str, base: usize) -> Result<Option<YamlNode>, YamlError> {
    parse_yaml_with(yaml, base, Aliases::Resolve)
}

fn parse_yaml_with(
    yaml: &str,
    base: usize,
    aliases: Aliases,
) -> Result<Option<YamlNode>, YamlError> {
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
        match parse_exact(&patched, aliases) {
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

    #[test]
    fn aliases_are_resolved_only_when_asked() {
        let yaml = "base: &len\n  line_length: 100\nMD013: *len\nlist: [&n 3, *n]\n";
        let kept = parse_yaml(yaml, 0).unwrap().unwrap();
        assert_eq!(kept.get("MD013").unwrap().value, YamlValue::Alias);
        let root = parse_yaml_resolved(yaml, 0).unwrap().unwrap();
        let md013 = root.get("MD013").unwrap();
        assert_eq!(md013.get("line_length").unwrap().value, YamlValue::Int(100));
        let YamlValue::Seq(items) = &root.get("list").unwrap().value else {
            panic!("a list");
        };
        assert_eq!(items[1].value, YamlValue::Int(3));
    }

    #[test]
    fn an_alias_bomb_is_an_error_not_a_blow_up() {
        // Nine levels of nine aliases each: 9^9 values once expanded.
        let mut yaml = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..10 {
            let p = i - 1;
            yaml.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let err = parse_yaml_resolved(&yaml, 0).unwrap_err();
        assert!(
            err.message.contains("aliases expand to more than"),
            "{err:?}"
        );
        // Anchors nested in anchors, each copied when kept: bounded too.
        let deep = "a: &x0 ".to_string() + &"[&x ".repeat(1000) + &"]".repeat(1000);
        assert!(parse_yaml_resolved(&deep, 0).is_err());
        // Front matter keeps its aliases unresolved: no limit to reach.
        assert!(parse_yaml(&yaml, 0).is_ok());
    }
}
