//! Heading ids as kramdown generates them (`auto_ids`), for both of its Markdown inputs.
//!
//! - `GFM` input (GitHub Pages' default): from the heading's rendered text (markup removed,
//!   entities decoded, `--` / `---` / `...` turned into dashes and an ellipsis), lowercased
//!   (Unicode, without the final-sigma rule), every character that is not a word character,
//!   `-`, space or tab deleted, each space or tab turned into `-`.
//! - `kramdown` input: from the heading's source text: everything before the first ASCII
//!   letter deleted, every character but `[a-zA-Z0-9 -]` deleted, spaces to `-`, lowercased,
//!   `section` when nothing is left.
//!
//! Repeated ids get `-1`, `-2`, … in document order ([`Ids`]). The expectations in
//! `fixtures/slugs/` were produced by the real kramdown and are checked in the tests.

use rustc_hash::FxHashMap;

use crate::document::Document;
use crate::scan::AttrProblem;

/// Which kramdown parser the site uses (`kramdown: input:` in `_config.yml`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Input {
    #[default]
    Gfm,
    Kramdown,
}

/// The GFM parser's id for a heading whose rendered text is `text` (see
/// [`crate::document::Heading::text`]).
pub fn gfm_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            // ASCII first, byte by byte: most headings are nothing else.
            let b = c as u8;
            if b == b' ' || b == b'\t' {
                out.push('-');
            } else if b == b'-' || b == b'_' || b.is_ascii_alphanumeric() {
                out.push(char::from(b.to_ascii_lowercase()));
            }
        } else if let Some(lower) = common_letter_lowercase(c) {
            out.push(lower);
        } else if is_word(c) {
            if c == 'Σ' {
                out.push('σ');
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

/// For a letter of the scripts headings use most beyond ASCII (Latin-1, Cyrillic, kana, CJK
/// ideographs, Hangul syllables), its lowercase, found without Unicode's tables; `None` for
/// any other character. A test checks every one against `char::is_alphabetic` and
/// `char::to_lowercase`.
fn common_letter_lowercase(c: char) -> Option<char> {
    let shift = |by: u32| char::from_u32(u32::from(c) + by);
    match c {
        'ß'..='ö' | 'ø'..='ÿ' | 'а'..='я' | 'ѐ'..='џ' => Some(c),
        '\u{3041}'..='\u{3096}' | '\u{309D}'..='\u{309F}' | '\u{30A1}'..='\u{30FA}' => Some(c),
        '\u{30FC}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' => Some(c),
        '\u{AC00}'..='\u{D7A3}' => Some(c),
        'À'..='Ö' | 'Ø'..='Þ' | 'А'..='Я' => shift(0x20),
        'Ѐ'..='Џ' => shift(0x50),
        _ => None,
    }
}

/// The kramdown parser's id for a heading whose source text (after the `#`s) is `raw`.
pub fn kramdown_id(raw: &str) -> String {
    let from_letter = raw
        .find(|c: char| c.is_ascii_alphabetic())
        .map_or("", |i| &raw[i..]);
    let id: String = from_letter
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-')
        .map(|c| {
            if c == ' ' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if id.is_empty() {
        "section".to_string()
    } else {
        id
    }
}

/// Onigmo's `\p{Word}` as kramdown's Ruby sees it: letters (Alphabetic), marks, decimal
/// digits and connector punctuation.
fn is_word(c: char) -> bool {
    c.is_alphabetic()
        || c.is_ascii_digit()
        || is_mark(c)
        || matches!(
            c,
            '_' | '\u{203F}' | '\u{2040}' | '\u{2054}' | '\u{FE33}' | '\u{FE34}' | '\u{FE4D}'
                ..='\u{FE4F}' | '\u{FF3F}'
        )
        || is_decimal_digit(c)
}

/// Combining marks of the common blocks (general categories Mn, Mc, Me).
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05BD}'
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0900}'..='\u{0903}'
        | '\u{093A}'..='\u{094F}' | '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}'
        | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}'
        | '\u{302A}'..='\u{302F}' | '\u{3099}' | '\u{309A}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Decimal digits outside ASCII (Arabic-Indic, Devanagari, fullwidth, …).
fn is_decimal_digit(c: char) -> bool {
    matches!(c,
        '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' | '\u{0966}'..='\u{096F}'
        | '\u{09E6}'..='\u{09EF}' | '\u{0E50}'..='\u{0E59}' | '\u{FF10}'..='\u{FF19}')
}

/// Hands out ids in document order, numbering repeats as kramdown does: the first use of a
/// base id is kept, the n-th repeat gets `-n`. An empty GFM id gives no id (but counts).
#[derive(Debug, Default)]
pub struct Ids {
    seen: FxHashMap<String, usize>,
}

impl Ids {
    pub fn next(&mut self, base: String) -> Option<String> {
        // A repeat is rare: the base is copied into the map only the first time.
        let id = match self.seen.get_mut(&base) {
            Some(n) => {
                let id = format!("{base}-{n}");
                *n += 1;
                id
            }
            None => {
                self.seen.insert(base.clone(), 1);
                base
            }
        };
        (!id.is_empty()).then_some(id)
    }
}

/// The text kramdown's own parser makes the id from: an ATX heading line without its opening
/// `#`s, blanks, and closing `#`s (a closing `#` escaped with `\` stays).
pub fn kramdown_source(line: &str) -> &str {
    let rest = line.trim_start_matches('#').trim_start_matches([' ', '\t']);
    let mut rest = rest.trim_end();
    while rest.ends_with('#') && !rest.ends_with("\\#") {
        rest = &rest[..rest.len() - 1];
    }
    rest.trim_end()
}

/// The ids of a page: those known exactly, and for a heading built with Liquid, the
/// pattern its id follows (the known text before and after the Liquid part).
///
/// Kept for every page until the site pass: the exact ids are sorted and kept one after
/// another in one string, with where each ends.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageIds {
    text: Box<str>,
    ends: Box<[u32]>,
    /// `(prefix, suffix)`: an id that starts and ends so may be this heading's.
    pub patterns: Box<[(String, String)]>,
}

impl PageIds {
    /// The ids `exact` (repeats dropped) and the `patterns`.
    pub fn new(mut exact: Vec<String>, patterns: Vec<(String, String)>) -> PageIds {
        exact.sort_unstable();
        exact.dedup();
        let mut text = String::with_capacity(exact.iter().map(String::len).sum());
        let mut ends = Vec::with_capacity(exact.len());
        for id in &exact {
            text.push_str(id);
            // Ids come from one page's text (under 4 GiB) or its Liquid's values.
            ends.push(u32::try_from(text.len()).expect("a page's ids fit in 4 GiB"));
        }
        PageIds {
            text: text.into_boxed_str(),
            ends: ends.into_boxed_slice(),
            patterns: patterns.into_boxed_slice(),
        }
    }

    /// As bytes, for [`PageIds::decode`]: a check parks a page's ids until the site pass
    /// knows whether a link asks for them (`Page::park_ids`).
    pub fn encode(&self, w: &mut crate::codec::Writer) {
        w.str(&self.text);
        w.usize(self.ends.len());
        let mut start = 0;
        for &end in self.ends.iter() {
            w.u64(u64::from(end - start));
            start = end;
        }
        w.usize(self.patterns.len());
        for (prefix, suffix) in self.patterns.iter() {
            w.str(prefix);
            w.str(suffix);
        }
    }

    /// What [`PageIds::encode`] wrote.
    pub fn decode(r: &mut crate::codec::Reader<'_>) -> std::io::Result<PageIds> {
        use crate::codec::invalid;
        let text: Box<str> = r.str()?.into();
        let n = r.count()?;
        let mut ends = Vec::with_capacity(n);
        let mut end = 0u32;
        for _ in 0..n {
            let len = u32::try_from(r.u64()?).map_err(|_| invalid("id"))?;
            end = end.checked_add(len).ok_or_else(|| invalid("id"))?;
            ends.push(end);
        }
        if end as usize != text.len() || !ends.iter().all(|&e| text.is_char_boundary(e as usize)) {
            return Err(invalid("ids"));
        }
        let ids = PageIds {
            text,
            ends: ends.into_boxed_slice(),
            patterns: Box::default(),
        };
        // Sorted, as `contains` searches them.
        if (1..ids.ends.len()).any(|i| ids.id(i - 1) >= ids.id(i)) {
            return Err(invalid("ids"));
        }
        let n = r.count()?;
        let mut patterns = Vec::with_capacity(n);
        for _ in 0..n {
            patterns.push((r.str()?.to_string(), r.str()?.to_string()));
        }
        Ok(PageIds {
            patterns: patterns.into_boxed_slice(),
            ..ids
        })
    }

    /// Whether there is no id, exact or pattern.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty() && self.patterns.is_empty()
    }

    fn id(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The ids known exactly, sorted.
    pub fn exact(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len()).map(|i| self.id(i))
    }

    pub fn contains(&self, id: &str) -> bool {
        let (mut lo, mut hi) = (0, self.ends.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.id(mid).cmp(id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        self.patterns.iter().any(|(prefix, suffix)| {
            id.len() >= prefix.len() + suffix.len()
                && id.starts_with(prefix.as_str())
                && id.ends_with(suffix.as_str())
        })
    }
}

/// The id pattern of a heading whose text has Liquid in it: the id of the text before the
/// first Liquid part and after the last one, each computed beside a stand-in letter so that
/// the separators between them and the Liquid part stay.
fn liquid_pattern(text: &str, id_of: impl Fn(&str) -> String) -> Option<(String, String)> {
    let start = [text.find("{{"), text.find("{%")]
        .into_iter()
        .flatten()
        .min()?;
    let end = [text.rfind("}}"), text.rfind("%}")]
        .into_iter()
        .flatten()
        .max()?
        + 2;
    if end <= start {
        return None;
    }
    let prefix = id_of(&format!("{}x", &text[..start]));
    let suffix = id_of(&format!("x{}", &text[end..]));
    Some((
        prefix.strip_suffix('x').unwrap_or("").to_string(),
        suffix.strip_prefix('x').unwrap_or("").to_string(),
    ))
}

/// Every id a `#fragment` can point to on the page: heading ids (kramdown's `{#id}` or an
/// automatic id), `#id` in attribute lists, and `id` / `name` attributes in raw HTML. A
/// heading built with Liquid gives a pattern ([`PageIds::patterns`]) unless its `{#id}` is
/// written.
pub fn page_ids(doc: &Document, input: Input) -> Option<PageIds> {
    page_ids_with(doc, input, Some(&|text| text.to_string()))
}

/// [`page_ids`], with the Liquid of headings evaluated by `liquid` (which keeps what it does
/// not know as written); `None` when Jekyll does not render the page's Liquid, so that it is
/// published as written and its id made from that text.
pub fn page_ids_with(
    doc: &Document,
    input: Input,
    liquid: Option<&dyn Fn(&str) -> String>,
) -> Option<PageIds> {
    let mut ids = Vec::new();
    let mut patterns = Vec::new();
    let mut auto = Ids::default();
    for h in &doc.headings {
        if !Document::starting_in(&doc.liquid, |l| l.span.start, h.span).is_empty() {
            let line = doc.slice(
                doc.lines
                    .line_span(doc.text(), doc.lines.line_of(h.span.start)),
            );
            if let Some(id) = header_id(line.trim_end()) {
                ids.push(id.to_string());
                continue;
            }
            // The heading's text is masked where Liquid is: read it from the source.
            let source = line.trim().trim_start_matches('#').trim_end_matches('#');
            let text = match liquid {
                Some(eval) => eval(source.trim()),
                None => source.trim().to_string(),
            };
            if liquid.is_none() || (!text.contains("{{") && !text.contains("{%")) {
                let base = match input {
                    Input::Gfm => gfm_id(&text),
                    Input::Kramdown => kramdown_id(text.trim()),
                };
                ids.extend(auto.next(base));
                continue;
            }
            let text = text.as_str();
            let pattern = match input {
                Input::Gfm => liquid_pattern(text, gfm_id),
                Input::Kramdown => liquid_pattern(text, kramdown_id),
            };
            // Unknown text: any id could be this heading's.
            patterns.push(pattern.unwrap_or_default());
            continue;
        }
        let line = doc.slice(
            doc.lines
                .line_span(doc.text(), doc.lines.line_of(h.span.start)),
        );
        if let Some(id) = header_id(line.trim_end()) {
            ids.push(id.to_string());
            continue;
        }
        let base = match input {
            Input::Gfm => gfm_id(&h.text),
            Input::Kramdown if h.setext => kramdown_id(line.trim()),
            Input::Kramdown => kramdown_id(kramdown_source(line)),
        };
        ids.extend(auto.next(base));
    }
    for a in doc
        .attr_lists
        .iter()
        .filter(|a| a.problem.is_none() || a.problem == Some(AttrProblem::MissingColon))
    {
        let body = doc.slice(a.span);
        for token in body.trim_matches(['{', '}', ':']).split_whitespace() {
            if let Some(id) = token.strip_prefix('#') {
                ids.push(id.to_string());
            }
        }
    }
    for span in &doc.html {
        html_ids(doc.slice(*span), &mut ids);
    }
    Some(PageIds::new(ids, patterns))
}

/// `Title {#custom-id}`: kramdown's header id.
fn header_id(line: &str) -> Option<&str> {
    let open = line.strip_suffix('}')?.rfind("{#")?;
    let id = &line[open + 2..line.len() - 1];
    let ok = id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':'));
    (ok && line[..open].ends_with([' ', '\t'])).then_some(id)
}

/// `id="x"`, `id='x'`, `name="x"` attributes in raw HTML.
fn html_ids(html: &str, ids: &mut Vec<String>) {
    for attr in ["id=", "name="] {
        let mut from = 0;
        while let Some(i) = html[from..].find(attr) {
            let at = from + i;
            from = at + attr.len();
            let before_ok = html[..at].ends_with(|c: char| c.is_whitespace());
            let Some(quote) = html[from..]
                .chars()
                .next()
                .filter(|q| *q == '"' || *q == '\'')
            else {
                continue;
            };
            if let Some(end) = html[from + 1..].find(quote) {
                if before_ok {
                    ids.push(html[from + 1..from + 1 + end].to_string());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_back_as_written() {
        let ids = PageIds::new(
            vec!["b".into(), "a".into(), "ünï".into(), "a".into()],
            vec![("pre-".into(), "".into())],
        );
        let mut w = crate::codec::Writer(Vec::new());
        ids.encode(&mut w);
        PageIds::default().encode(&mut w);
        let mut r = crate::codec::Reader(&w.0);
        let back = PageIds::decode(&mut r).unwrap();
        assert_eq!(back, ids);
        assert!(back.contains("ünï") && back.contains("pre-x") && !back.contains("c"));
        assert_eq!(PageIds::decode(&mut r).unwrap(), PageIds::default());
        assert!(r.0.is_empty());
        // Damaged bytes are an error, not a panic.
        for cut in 0..w.0.len() {
            let mut bytes = w.0.clone();
            bytes[cut] ^= 0x41;
            let _ = PageIds::decode(&mut crate::codec::Reader(&bytes));
        }
    }

    #[test]
    fn common_letters_lowercase_as_unicode_says() {
        for c in ('\u{80}'..='\u{10FFFF}').filter(|c| common_letter_lowercase(*c).is_some()) {
            assert!(is_word(c), "{c:?}");
            let lower = common_letter_lowercase(c).unwrap();
            assert!(c.to_lowercase().eq([lower]), "{c:?}");
        }
        assert_eq!(common_letter_lowercase('Σ'), None);
        assert_eq!(
            gfm_id("Ruby 3.0 がリリース 한국어 ΣΑΣ_x Ünïcode Привет"),
            "ruby-30-がリリース-한국어-σασ_x-ünïcode-привет"
        );
    }
}
