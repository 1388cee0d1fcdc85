//! The fuzzer's pages: fixtures mutated with what matters to kramdown, Liquid, YAML and
//! links, with line endings, invalid UTF-8 and multibyte characters, mostly next to span
//! edges.

use std::path::Path;

/// Tokens spliced into pages.
const TOKENS: &[&str] = &[
    "{:",
    "{::comment}",
    "{:/comment}",
    "{: .x}",
    "{:target=\"_blank\"}",
    "}",
    "{% raw %}",
    "{% endraw %}",
    "{{",
    "}}",
    "{% if x %}",
    "{% endif %}",
    "{% include x.html %}",
    "---\n",
    "---",
    ": ",
    "\"",
    "'",
    "title: ",
    "](",
    "[",
    "]",
    "(",
    ")",
    "\\",
    "mailto:",
    "#",
    "<",
    ">",
    "`",
    "```\n",
    "    ",
    "\t",
    "* ",
    "1. ",
    "# ",
    "|",
    "[a]: ",
    "](#x)",
    "](a\\b.md)",
    "](mailto:)",
    "\r",
    "\r\n",
    "\n",
    "\u{feff}",
    "\0",
    "é",
    "€",
    "😀",
    "\u{2028}",
    "\u{85}",
    "\u{300}",
];

/// Bytes that are not UTF-8 on their own.
const INVALID: &[&[u8]] = &[b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\x80"];

/// A xorshift generator: the same seed gives the same pages.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Every Markdown file under `dir`, sorted (so a seed replays the same run).
pub fn fixtures(dir: &Path) -> Vec<Vec<u8>> {
    let mut paths = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|e| e == "md") {
                paths.push(p);
            }
        }
    }
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

/// A position next to a span edge (a bracket, brace or line break) most of the time.
fn edge(page: &[u8], rng: &mut Rng) -> usize {
    let at = rng.below(page.len() + 1);
    if rng.below(3) == 0 {
        return at;
    }
    page[at.min(page.len())..]
        .iter()
        .position(|b| b"[](){}\n\r<>`".contains(b))
        .map_or(at, |i| at + i + rng.below(2))
        .min(page.len())
}

/// A fixture of `corpus` with one to eight mutations.
pub fn mutate(corpus: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
    let mut page = corpus[rng.below(corpus.len())].clone();
    for _ in 0..1 + rng.below(8) {
        let at = edge(&page, rng);
        match rng.below(9) {
            0..=3 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                page.splice(at..at, t.iter().copied());
            }
            4 => {
                let t = INVALID[rng.below(INVALID.len())];
                page.splice(at..at, t.iter().copied());
            }
            5 => {
                let end = (at + rng.below(40)).min(page.len());
                page.drain(at..end);
            }
            6 => {
                // Line endings: every LF to CR or CRLF, or the other way.
                page = match rng.below(3) {
                    0 => page
                        .iter()
                        .map(|&b| if b == b'\n' { b'\r' } else { b })
                        .collect(),
                    1 => String::from_utf8_lossy(&page)
                        .replace('\n', "\r\n")
                        .into_bytes(),
                    _ => page.iter().copied().filter(|&b| b != b'\r').collect(),
                };
            }
            7 => {
                let end = (at + 1 + rng.below(60)).min(page.len());
                let piece = page[at..end].to_vec();
                for _ in 0..1 + rng.below(20) {
                    page.splice(at..at, piece.iter().copied());
                }
            }
            _ => {
                let other = &corpus[rng.below(corpus.len())];
                let from = rng.below(other.len() + 1);
                let end = (from + rng.below(200)).min(other.len());
                page.splice(at..at, other[from..end].iter().copied());
            }
        }
    }
    page
}
