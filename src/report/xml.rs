//! XML written by hand: escaping for text and attribute values.

/// Whether XML 1.0 can hold `c` at all (tab, line feed, carriage return and everything from
/// U+0020 on, except U+FFFE and U+FFFF).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// `s` as the value of an attribute in double quotes. Tab, line feed and carriage return are
/// written as character references, which attribute-value normalisation leaves alone; a
/// character XML cannot hold becomes U+FFFD.
pub fn attr(s: &str) -> String {
    escape(s, true)
}

/// `s` as element text. Line breaks stay as they are; a carriage return is written as a
/// character reference (a parser would turn a raw one into a line feed).
pub fn text(s: &str) -> String {
    escape(s, false)
}

fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            c if allowed(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_quotes_and_control_characters_are_escaped() {
        assert_eq!(
            attr("a<b>&\"c\"'d'\n\te\r"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;&#10;&#9;e&#13;"
        );
        assert_eq!(
            text("x < y && z\n]]>\r"),
            "x &lt; y &amp;&amp; z\n]]&gt;&#13;"
        );
        assert_eq!(attr("bell\u{7}\u{FFFF}"), "bell\u{FFFD}\u{FFFD}");
        assert_eq!(text("\u{0}é😀"), "\u{FFFD}é😀");
    }
}
