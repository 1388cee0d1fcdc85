//! Reading a file as text, and why a file could not be linted.

use std::path::Path;

/// Why a file could not be linted, and where in it when that is known.
#[derive(Debug)]
pub struct FileError {
    /// 1-based line and column.
    pub at: Option<(usize, usize)>,
    pub message: String,
}

impl FileError {
    pub fn new(message: impl Into<String>) -> Self {
        FileError {
            at: None,
            message: message.into(),
        }
    }

    /// `path:line:col: message`, or `path: message`.
    pub fn render(&self, path: &str) -> String {
        match self.at {
            Some((line, column)) => format!("{path}:{line}:{column}: {}", self.message),
            None => format!("{path}: {}", self.message),
        }
    }
}

/// Read a file as UTF-8 text, with a clear reason when that is not possible.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    let bytes =
        std::fs::read(path).map_err(|e| FileError::new(format!("cannot read file: {e}")))?;
    decode(bytes)
}

/// The start of a file as far as its front matter goes: the first line, and when that opens
/// a front matter block, every line up to the one that closes it. What the site model needs
/// of a page it does not lint (its URL comes from the front matter), read without holding
/// the whole page. With `heading`, also the content's first line that is not blank and the
/// line after it (a title jekyll-titles-from-headings takes), within a few more lines.
/// `None` when the file cannot be read or is not UTF-8 text.
pub fn read_front_matter(path: &Path, heading: bool) -> Option<String> {
    use std::io::BufRead;
    if traces_reads() {
        eprintln!("read front matter: {}", path.display());
    }
    let file = std::fs::File::open(path).ok()?;
    let mut reader = std::io::BufReader::new(file);
    let mut head = Vec::new();
    reader.read_until(b'\n', &mut head).ok()?;
    let is_delimiter = |line: &[u8], delim: &[u8]| {
        line.starts_with(delim) && line[delim.len()..].iter().all(u8::is_ascii_whitespace)
    };
    let mut body_start = 0;
    if is_delimiter(&head, b"---") {
        loop {
            let start = head.len();
            if reader.read_until(b'\n', &mut head).ok()? == 0 {
                break;
            }
            let line = &head[start..];
            if is_delimiter(line, b"---") || is_delimiter(line, b"...") {
                break;
            }
        }
        body_start = head.len();
    }
    let front_matter_len = head.len();
    if heading {
        // Blank lines, then the first line with text and the one after it: a bounded read.
        let mut lines = if head[body_start..].iter().all(u8::is_ascii_whitespace) {
            0
        } else {
            1
        };
        for _ in 0..64 {
            let start = head.len();
            if reader.read_until(b'\n', &mut head).unwrap_or(0) == 0
                || head.len() > body_start + 8192
            {
                break;
            }
            if lines > 0 || !head[start..].iter().all(u8::is_ascii_whitespace) {
                lines += 1;
            }
            if lines >= 2 {
                break;
            }
        }
        // What follows the front matter may not be text: the front matter still counts.
        if decode(head.clone()).is_err() {
            head.truncate(front_matter_len);
        }
    }
    decode(head).ok()
}

/// Decode bytes as UTF-8 text; binary data and invalid UTF-8 are errors that say where.
pub fn decode(bytes: Vec<u8>) -> Result<String, FileError> {
    // Anywhere in the file, not only near its start: a NUL deep in a page is as binary.
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(FileError {
            at: Some(line_column(&bytes, at)),
            message: "not a text file (it contains NUL bytes)".to_string(),
        });
    }
    // simdutf8 checks text (above all text that is not all ASCII: 85% of a large site's
    // pages) several times faster than the standard library; it does not say where invalid
    // text goes wrong, so the standard library looks again for the message.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: `bytes` were just found to be valid UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        FileError {
            at: Some(line_column(bytes, at)),
            message: format!(
                "not valid UTF-8 (byte 0x{:02X}); save the file as UTF-8",
                bytes[at]
            ),
        }
    })
}

/// The 1-based line and column (in characters) of byte `at`, from bytes that are valid UTF-8
/// up to `at`.
fn line_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = bytes[..at]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&bytes[line_start..at])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Whether `HANDBOOK_LINT_TRACE_READS` is set: each page read for its front matter alone is
/// then named on standard error, so that a test can count the pages a run reads instead of
/// timing it.
fn traces_reads() -> bool {
    static TRACE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *TRACE.get_or_init(|| std::env::var_os("HANDBOOK_LINT_TRACE_READS").is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_anywhere_makes_the_file_binary_and_says_where() {
        let mut bytes = "é line\n".repeat(3_000).into_bytes();
        bytes.extend_from_slice(b"ab\0c\n");
        let err = decode(bytes).unwrap_err();
        assert_eq!(err.message, "not a text file (it contains NUL bytes)");
        assert_eq!(err.at, Some((3_001, 3)));
        assert!(decode(b"---\ntitle: x\n---\n".to_vec()).is_ok());
    }

    #[test]
    fn invalid_utf8_is_placed_and_multibyte_text_is_kept() {
        // Long enough for the SIMD paths, with two-, three- and four-byte characters.
        let text = "Ünïcödé – 日本語 🦀 text\n".repeat(500);
        assert_eq!(decode(text.clone().into_bytes()).unwrap(), text);
        let mut bytes = text.into_bytes();
        bytes.extend_from_slice("ok é\nab ".as_bytes());
        bytes.extend_from_slice(&[0xC3, b'(', b'\n']);
        let err = decode(bytes).unwrap_err();
        assert_eq!(
            err.message,
            "not valid UTF-8 (byte 0xC3); save the file as UTF-8"
        );
        assert_eq!(err.at, Some((502, 4)));
        // A character cut short at the end.
        let err = decode("é日".as_bytes()[..4].to_vec()).unwrap_err();
        assert_eq!(err.at, Some((1, 2)));
        assert!(err.message.contains("byte 0xE6"), "{}", err.message);
    }

    #[test]
    fn the_front_matter_is_read_without_the_page() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("p.md");
        let body = "Body text.\n".repeat(10_000);
        std::fs::write(&page, format!("---\npermalink: /x/\n...  \n{body}")).unwrap();
        assert_eq!(
            read_front_matter(&page, false).as_deref(),
            Some("---\npermalink: /x/\n...  \n")
        );
        std::fs::write(&page, format!("# Title\n{body}")).unwrap();
        assert_eq!(
            read_front_matter(&page, false).as_deref(),
            Some("# Title\n")
        );
        std::fs::write(&page, "---\ntitle: open").unwrap();
        assert_eq!(
            read_front_matter(&page, false).as_deref(),
            Some("---\ntitle: open")
        );
        assert_eq!(read_front_matter(&dir.path().join("gone.md"), false), None);
        // With the heading: blank lines, the first line with text and the next, no more.
        std::fs::write(&page, format!("---\nx: 1\n---\n\n# Guides\n{body}")).unwrap();
        assert_eq!(
            read_front_matter(&page, true).as_deref(),
            Some("---\nx: 1\n---\n\n# Guides\nBody text.\n")
        );
        std::fs::write(
            &page,
            format!("---\nx: 1\n---\n{}{body}", "\n".repeat(10_000)),
        )
        .unwrap();
        assert!(read_front_matter(&page, true).unwrap().len() < 200);
    }
}
