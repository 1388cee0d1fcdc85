//! The front matter most pages have, read without the YAML parser: lines of `key: value` at
//! the left margin, each value a plain, single-quoted or double-quoted scalar on its line, or
//! nothing (a null).
//!
//! The YAML parser costs about ten microseconds for such a block, which over a site of
//! thousands of pages was a tenth of a check. Anything outside this narrow shape (comments,
//! nested blocks, lists, flow collections, escapes, anchors, tags, tabs, carriage returns,
//! indicators the parser would reject or read otherwise) is left to the parser: [`parse`]
//! returns `None` and the caller reads the text as before. Where it does answer, the nodes,
//! values and spans are the parser's own; a test holds the two side by side.

use super::{resolve_plain, YamlNode, YamlValue};
use crate::span::Span;

/// The longest key read here; longer ones are left to the parser.
const MAX_KEY: usize = 200;

/// The mapping of a block of simple `key: value` lines, or `None` when the block has any
/// other shape.
pub(crate) fn parse(yaml: &str) -> Option<YamlNode> {
    let bytes = yaml.as_bytes();
    if bytes.is_empty() || memchr::memchr2(b'\r', b'\t', bytes).is_some() {
        return None;
    }
    let mut entries = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        // A blank line between entries; one at the end is left to the parser.
        if end == start {
            if end + 1 >= bytes.len() {
                return None;
            }
        } else {
            entries.push(entry(yaml, start, end)?);
        }
        start = end + 1;
    }
    if entries.is_empty() {
        return None;
    }
    Some(YamlNode {
        span: Span::new(0, yaml.len()),
        value: YamlValue::Map(entries),
    })
}

/// The line `yaml[start..end]` as one `key: value` entry.
fn entry(yaml: &str, start: usize, end: usize) -> Option<(YamlNode, YamlNode)> {
    let line = &yaml.as_bytes()[start..end];
    let key_len = line
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))?;
    if key_len == 0 || key_len > MAX_KEY || line[0] == b'-' || line[key_len] != b':' {
        return None;
    }
    let after = &line[key_len + 1..];
    let key = &yaml[start..start + key_len];
    let key_node = YamlNode {
        span: Span::new(start, start + key_len),
        value: resolve_plain(key),
    };
    // `key:` and nothing else: a null, which the parser places where the key ends.
    if after.is_empty() {
        let at = start + key_len;
        return Some((
            key_node,
            YamlNode {
                span: Span::new(at, at),
                value: YamlValue::Null,
            },
        ));
    }
    let blanks = after.iter().take_while(|&&b| b == b' ').count();
    if blanks == 0 || blanks == after.len() || line.last() == Some(&b' ') {
        return None;
    }
    let value_start = key_len + 1 + blanks;
    let raw = &yaml[start + value_start..end];
    let value = match raw.as_bytes()[0] {
        q @ (b'"' | b'\'') => quoted(raw, q)?,
        first if plain_may_start(first) && plain_may_hold(raw) => resolve_plain(raw),
        _ => return None,
    };
    Some((
        key_node,
        YamlNode {
            span: Span::new(start + value_start, end),
            value,
        },
    ))
}

/// The text of a scalar quoted with `q` that closes at the end of the line and holds
/// neither its quote nor (for double quotes) an escape.
fn quoted(raw: &str, q: u8) -> Option<YamlValue> {
    let inner = raw
        .strip_prefix(char::from(q))?
        .strip_suffix(char::from(q))?;
    let clean = !inner.bytes().any(|b| b == q || b == b'\\');
    clean.then(|| YamlValue::Str(inner.to_string()))
}

/// Whether a plain scalar may start with `b` (no indicator of YAML's).
fn plain_may_start(b: u8) -> bool {
    !matches!(
        b,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

/// Whether `raw` reads as one plain scalar: no comment, no second mapping value.
fn plain_may_hold(raw: &str) -> bool {
    !raw.contains(" #") && !raw.contains(": ") && !raw.ends_with(':')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml_events::{parse_exact_with_parser, Aliases};

    /// Both readings of `yaml`: this module's, and the parser's.
    fn both(yaml: &str) -> (Option<YamlNode>, Option<YamlNode>) {
        let parser = parse_exact_with_parser(yaml, Aliases::Keep).ok().flatten();
        (parse(yaml), parser)
    }

    #[test]
    fn reads_the_common_shape_as_the_parser_does() {
        let yaml = "layout: news_post\ntitle: \"Ruby In 2002: Contents\"\nauthor: 'tamura'\n\
                    nav_order: 3\nlang: de\nhas_children: yes\nx: ~\nf: 1.5\nurl: http://a/b?c#d\n\n\
                    date: 2002-12-30 15:00:00 +0000\ntitle2: C# and F#\ne: \"\"\nu: ä\n\
                    translator:\nlast: x\n";
        let (fast, parser) = both(yaml);
        assert!(fast.is_some());
        assert_eq!(fast, parser);
    }

    #[test]
    fn leaves_every_other_shape_to_the_parser() {
        for yaml in [
            "",
            "\n",
            "a:\n  - b\n",
            "a:\n  b\n",
            "a:\n\n",
            "a: b # note\n",
            "# note\na: b\n",
            "a: b\n\n",
            "a: b\r\n",
            "a:\tb\n",
            "a: [b, c]\n",
            "a: {b: c}\n",
            "a: &x b\n",
            "a: *x\n",
            "a: !!str 1\n",
            "a: |\n  b\n",
            "a: >\n  b\n",
            "a: \"b\\\"c\"\n",
            "a: 'b''c'\n",
            "a: b: c\n",
            "a: b:\n",
            "a: -1\n",
            "- a\n",
            " a: b\n",
            "a : b\n",
            "a: b \n",
            "a: \"b\" \n",
            "a: \"b\n  c\"\n",
            "a: b\n  c\n",
            "a: @b\n",
            "a: `b`\n",
            "a: %b\n",
            "a.b: c\n",
        ] {
            assert_eq!(parse(yaml), None, "{yaml:?}");
        }
    }

    #[test]
    fn agrees_with_the_parser_on_generated_blocks() {
        // Keys and values drawn from a list of near misses; wherever the fast reading
        // answers, it must be the parser's reading, spans included.
        let keys = ["a", "title", "nav_order", "1", "on", "x-y", "_k", "a_b-c9"];
        let values = [
            "b",
            "\"q\"",
            "'s'",
            "yes",
            "No",
            "12",
            "1_000",
            "0x1F",
            "1e3",
            ".5",
            "null",
            "~",
            "a:b",
            "a#b",
            "http://x.y/z",
            "[x]",
            "{x}",
            "x, y",
            "é",
            "\"a: b\"",
            "'#x'",
            "+1",
            "1.",
            "a b  c",
            "\"\"",
            "''",
            "x]",
            "x}",
            "true",
            "Off",
            "2024-01-01",
            "0o17",
        ];
        let mut seed = 11u64;
        let mut pick = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut answered = 0;
        for _ in 0..4000 {
            let mut yaml = String::new();
            for line in 0..1 + pick(5) {
                if line > 0 && pick(6) == 0 {
                    yaml.push('\n');
                }
                yaml.push_str(keys[pick(keys.len())]);
                yaml.push(':');
                if pick(8) == 0 {
                    // No value: a null.
                    yaml.push('\n');
                    continue;
                }
                yaml.push_str(&" ".repeat(1 + pick(2)));
                yaml.push_str(values[pick(values.len())]);
                yaml.push('\n');
            }
            if pick(4) == 0 {
                yaml.pop();
            }
            let (fast, parser) = both(&yaml);
            if fast.is_some() {
                answered += 1;
                assert_eq!(fast, parser, "{yaml:?}");
            }
        }
        assert!(
            answered > 1000,
            "the fast reading answered only {answered} times"
        );
    }

    /// Every front matter of the fixtures, and of the shared corpora when they are beside the
    /// checkout: the fast reading, where it answers, is the parser's.
    #[test]
    fn agrees_with_the_parser_on_every_page_at_hand() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut folders = vec![root.join("fixtures"), root.join("../shared/corpora")];
        let (mut pages, mut answered) = (0, 0);
        while let Some(dir) = folders.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for path in entries.flatten().map(|e| e.path()) {
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let crate::front_matter::Split::Closed { yaml, .. } =
                    crate::front_matter::split(&text)
                else {
                    continue;
                };
                pages += 1;
                let (fast, parser) = both(&text[yaml.range()]);
                if fast.is_some() {
                    answered += 1;
                    assert_eq!(fast, parser, "{}", path.display());
                }
            }
        }
        assert!(pages > 50, "only {pages} pages with front matter found");
        eprintln!("{answered} of {pages} front matters read without the parser");
    }
}
