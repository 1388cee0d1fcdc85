//! Byte offsets moved to the nearest character boundary, for cutting a file's text around a
//! finding (the reporters' snippets, the runner's excerpts).

/// `at` (clamped to the text) moved back to a character boundary.
pub fn floor_char(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `at` (clamped to the text) moved forward to a character boundary.
pub fn ceil_char(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    #[test]
    fn offsets_land_on_character_boundaries() {
        let text = "aé€";
        assert_eq!(super::floor_char(text, 2), 1);
        assert_eq!(super::ceil_char(text, 2), 3);
        assert_eq!(super::ceil_char(text, 4), 6);
        assert_eq!(super::floor_char(text, 99), 6);
    }
}
