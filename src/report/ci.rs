//! What the CI formats share: paths relative to the folder the tool runs in, and fingerprints
//! that stay the same when lines move.

use std::collections::HashMap;

use super::Located;

/// The path of a finding for a CI system: relative to the current folder (the repository's
/// root in CI) when it is under it, as discovered otherwise. `/` separators either way.
pub fn relative_path(display: &str) -> String {
    let path = std::path::Path::new(display);
    if !path.is_absolute() {
        return display.to_string();
    }
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(crate::discover::slash_path))
        .unwrap_or_else(|| display.to_string())
}

/// Fingerprints of findings: a hash of the lint, the path, the text of the finding's first
/// line (trimmed) and the text it points at, so that a finding keeps its fingerprint when
/// lines are added above it. The n-th finding with the same hash in a run gets `n` mixed in,
/// so that fingerprints are unique within a run.
#[derive(Default)]
pub struct Fingerprints {
    seen: HashMap<u64, u32>,
}

impl Fingerprints {
    /// The fingerprint of `found` reported at `path`: 16 hexadecimal digits.
    pub fn next(&mut self, path: &str, found: &Located) -> String {
        let text = found.text;
        // Offsets in `text`, which starts at `found.base` in the file.
        let span = found.d.span;
        let span = handbook_lints::Span::new(
            span.start.saturating_sub(found.base),
            span.end.saturating_sub(found.base),
        );
        let start = span.start.min(text.len());
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[line_start..line_end].trim();
        let end = span.end.clamp(start, text.len()).min(start + 256);
        let end = (end..=text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        let mut hash = Fnv::default();
        for part in [found.d.lint.code, path, line, &text[start..end]] {
            hash.write(part.as_bytes());
            hash.write(&[0]);
        }
        let base = hash.0;
        let n = self.seen.entry(base).or_insert(0);
        hash.write(&n.to_le_bytes());
        *n += 1;
        format!("{:016x}", hash.0)
    }
}

/// FNV-1a, 64 bits: small, and the same on every platform and Rust version (which the
/// standard library's hasher does not promise).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_the_reference_values() {
        let hash = |s: &str| {
            let mut h = Fnv::default();
            h.write(s.as_bytes());
            h.0
        };
        assert_eq!(hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash("foobar"), 0x8594_4171_f739_67e8);
    }
}
