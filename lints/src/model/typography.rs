//! kramdown's typographic symbols, as the text of a heading is rendered (and its id made).

/// `text` with kramdown's typographic symbols, in one pass: `---` and `--` dashes, `...`
/// ellipsis, `<<` and `>>` guillemets (`<< ` and ` >>` take their blank with them).
pub(crate) fn typographic(text: &str, out: &mut String) {
    let b = text.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while let Some(k) = b[i..]
        .iter()
        .position(|c| matches!(c, b'-' | b'.' | b'<' | b'>'))
    {
        let at = i + k;
        let rest = &b[at..];
        // Each pattern with its replacement and the blank before it that it takes.
        let (len, with, blank_before) = if rest.starts_with(b"---") {
            (3, '\u{2014}', false)
        } else if rest.starts_with(b"--") {
            (2, '\u{2013}', false)
        } else if rest.starts_with(b"...") {
            (3, '\u{2026}', false)
        } else if rest.starts_with(b"<<") {
            // `<< ` is replaced before `<<`: in a run of `<` before a blank, the last two
            // take the blank, and the ones before pair up from the left.
            let run = rest.iter().take_while(|c| **c == b'<').count();
            if rest.get(run) == Some(&b' ') && run % 2 == 1 {
                // An odd run: pairs, then the single `<` left over before `<< `.
                let pairs = (run - 3) / 2;
                out.push_str(&text[copied..at]);
                for _ in 0..pairs {
                    out.push('\u{ab}');
                }
                out.push_str("<\u{ab}");
                copied = at + run + 1;
                i = copied;
                continue;
            }
            if rest.get(2) == Some(&b' ') {
                (3, '\u{ab}', false)
            } else {
                (2, '\u{ab}', false)
            }
        } else if rest.starts_with(b">>") {
            (2, '\u{bb}', at > copied && b[at - 1] == b' ')
        } else {
            i = at + 1;
            continue;
        };
        let keep_to = at - usize::from(blank_before);
        out.push_str(&text[copied..keep_to]);
        out.push(with);
        copied = at + len;
        i = copied;
    }
    out.push_str(&text[copied..]);
}

#[cfg(test)]
mod typographic_tests {
    use super::typographic;

    /// The replacements one after another, as kramdown's symbols were first written here.
    fn sequential(t: &str) -> String {
        let t = t.replace("---", "\u{2014}").replace("--", "\u{2013}");
        let t = t
            .replace("...", "\u{2026}")
            .replace("<< ", "\u{ab}")
            .replace(" >>", "\u{bb}");
        t.replace("<<", "\u{ab}").replace(">>", "\u{bb}")
    }

    #[test]
    fn one_pass_equals_the_replacements_in_turn() {
        let alphabet = ["-", ".", "<", ">", " ", "a", "é"];
        // Every string of up to six symbols from the alphabet.
        let mut words = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = words
                .iter()
                .flat_map(|w| alphabet.iter().map(move |a| format!("{w}{a}")))
                .collect();
            for w in &longer {
                let mut out = String::new();
                typographic(w, &mut out);
                assert_eq!(out, sequential(w), "{w:?}");
            }
            words = longer;
        }
    }
}
