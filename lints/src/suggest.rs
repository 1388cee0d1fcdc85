//! "Did you mean": the one place that measures how far a word is from the words it may have
//! meant, for lint names, configuration keys, suppression verbs, heading ids and pages.
//!
//! Each caller picks its own limit (how many edits still count as a typo); the ranking is
//! the same everywhere: fewest edits first, then the candidate that sorts first, so the
//! suggestion never depends on the order the candidates come in.

/// Levenshtein distance over characters.
pub fn distance(a: &str, b: &str) -> usize {
    distance_within(a, b, usize::MAX).unwrap_or(usize::MAX)
}

/// The Levenshtein distance when it is at most `limit`, found without finishing the table
/// when the lengths alone, or a whole row, already exceed the limit.
pub fn distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        // The shorter word as the pattern: one machine word holds a column of the table.
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        if !short.is_empty() && short.len() <= 64 {
            return bit_parallel_within(short, long, limit);
        }
        // Ruled out by the lengths alone before the pattern's blocks are made.
        if short.len().abs_diff(long.len()) > limit {
            return None;
        }
        if !short.is_empty() {
            return bit_parallel_blocks(&blocks(short), short.len(), long, limit);
        }
        return levenshtein_within(a, b, limit);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    levenshtein_within(&a, &b, limit)
}

/// [`distance_within`] over any symbols; the row lives on the stack for short words.
fn levenshtein_within<T: PartialEq>(a: &[T], b: &[T], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut stack = [0usize; 128];
    let mut heap = Vec::new();
    let row: &mut [usize] = if b.len() < stack.len() {
        &mut stack[..=b.len()]
    } else {
        heap.resize(b.len() + 1, 0);
        &mut heap
    };
    for (j, cell) in row.iter_mut().enumerate() {
        *cell = j;
    }
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        let mut row_min = row[0];
        for j in 0..b.len() {
            let cur = row[j + 1];
            row[j + 1] = if *ca == b[j] {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
            row_min = row_min.min(row[j + 1]);
        }
        if row_min > limit {
            return None;
        }
    }
    (row[b.len()] <= limit).then_some(row[b.len()])
}

/// One word compared with many: [`distance_within`] from it to each, with the work that
/// depends on the word alone done once.
pub struct Pattern<'a> {
    word: &'a str,
    /// For an ASCII word: where each byte stands in it, 64 bytes a block (none for a word
    /// that is empty or not ASCII).
    blocks: Vec<[u64; 128]>,
}

impl<'a> Pattern<'a> {
    pub fn new(word: &'a str) -> Pattern<'a> {
        let blocks = match word.is_ascii() {
            true => blocks(word.as_bytes()),
            false => Vec::new(),
        };
        Pattern { word, blocks }
    }

    /// The same as `distance_within(word, text, limit)`.
    pub fn distance_within(&self, text: &str, limit: usize) -> Option<usize> {
        let (m, text_bytes) = (self.word.len(), text.as_bytes());
        match self.blocks.as_slice() {
            [one] if text.is_ascii() => bit_parallel_with(one, m, text_bytes, limit),
            [_, _, ..] if text.is_ascii() => {
                bit_parallel_blocks(&self.blocks, m, text_bytes, limit)
            }
            _ => distance_within(self.word, text, limit),
        }
    }
}

/// Where each byte of an ASCII `pattern` (at most 64 bytes) stands in it.
fn positions(pattern: &[u8]) -> [u64; 128] {
    let mut positions = [0u64; 128];
    for (i, &c) in pattern.iter().enumerate() {
        positions[usize::from(c & 0x7f)] |= 1 << i;
    }
    positions
}

/// [`positions`] of each 64 bytes of an ASCII `pattern`.
fn blocks(pattern: &[u8]) -> Vec<[u64; 128]> {
    pattern.chunks(64).map(positions).collect()
}

/// [`bit_parallel_with`] for a pattern longer than 64 bytes (`m`), its column split in
/// blocks of 64 rows: each block passes the horizontal difference at its last row to the
/// next (Hyyrö 2003, as edlib writes it).
fn bit_parallel_blocks(
    blocks: &[[u64; 128]],
    m: usize,
    text: &[u8],
    limit: usize,
) -> Option<usize> {
    if m.abs_diff(text.len()) > limit {
        return None;
    }
    let mut plus = vec![u64::MAX; blocks.len()];
    let mut minus = vec![0u64; blocks.len()];
    let last = 1u64 << ((m - 1) % 64);
    let mut score = m;
    for (j, &c) in text.iter().enumerate() {
        // The first row grows by one per column: a +1 enters the first block from above.
        let mut h_in: i8 = 1;
        for (b, positions) in blocks.iter().enumerate() {
            let (pv, mv) = (plus[b], minus[b]);
            let mut eq = positions[usize::from(c & 0x7f)];
            let enters_minus = u64::from(h_in < 0);
            let xv = eq | mv;
            eq |= enters_minus;
            let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
            let mut ph = mv | !(xh | pv);
            let mut mh = pv & xh;
            let high = if b + 1 == blocks.len() { last } else { 1 << 63 };
            let h_out = i8::from(ph & high != 0) - i8::from(mh & high != 0);
            ph = (ph << 1) | u64::from(h_in > 0);
            mh = (mh << 1) | enters_minus;
            plus[b] = mh | !(xv | ph);
            minus[b] = ph & xv;
            h_in = h_out;
        }
        // `h_in` is now the difference at the pattern's last row.
        score = score.wrapping_add_signed(isize::from(h_in));
        if score > limit.saturating_add(text.len() - j - 1) {
            return None;
        }
    }
    (score <= limit).then_some(score)
}

/// [`distance_within`] for ASCII words, `pattern` of 1 to 64 bytes: the table's columns are
/// kept as bit vectors of vertical differences (+1, -1 or 0 between neighbouring cells), so a
/// column costs a few word operations instead of one step per cell (Myers 1999, in the form
/// Hyyrö gave it for the edit distance of whole words).
fn bit_parallel_within(pattern: &[u8], text: &[u8], limit: usize) -> Option<usize> {
    if pattern.len().abs_diff(text.len()) > limit {
        return None;
    }
    bit_parallel_with(&positions(pattern), pattern.len(), text, limit)
}

/// [`bit_parallel_within`] with the pattern's `positions` made, `m` its length (1 to 64);
/// the text may be of any length.
fn bit_parallel_with(positions: &[u64; 128], m: usize, text: &[u8], limit: usize) -> Option<usize> {
    if m.abs_diff(text.len()) > limit {
        return None;
    }
    let last = 1u64 << (m - 1);
    let (mut plus, mut minus) = (u64::MAX, 0u64);
    let mut score = m;
    for (j, &c) in text.iter().enumerate() {
        let eq = positions[usize::from(c & 0x7f)];
        let xv = eq | minus;
        let xh = ((eq & plus).wrapping_add(plus) ^ plus) | eq;
        let mut ph = minus | !(xh | plus);
        let mut mh = plus & xh;
        if ph & last != 0 {
            score += 1;
        } else if mh & last != 0 {
            score -= 1;
        }
        // Every column can lower the score by one at most.
        if score > limit.saturating_add(text.len() - j - 1) {
            return None;
        }
        // The first row grows by one per column: a +1 enters from above.
        ph = (ph << 1) | 1;
        mh <<= 1;
        plus = mh | !(xv | ph);
        minus = ph & xv;
    }
    (score <= limit).then_some(score)
}

/// The candidate nearest to `key`, if it is within `limit` edits: the fewest edits wins, and
/// among equally near candidates the one that sorts first.
pub fn closest<T: AsRef<str>>(
    key: &str,
    candidates: impl IntoIterator<Item = T>,
    limit: usize,
) -> Option<T> {
    let mut best: Option<(usize, T)> = None;
    for candidate in candidates {
        // Once something is found, a farther candidate can stop measuring early.
        let bound = best.as_ref().map_or(limit, |(d, _)| (*d).min(limit));
        let Some(d) = distance_within(key, candidate.as_ref(), bound) else {
            continue;
        };
        let better = best
            .as_ref()
            .is_none_or(|(bd, bc)| (d, candidate.as_ref()) < (*bd, bc.as_ref()));
        if better {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// `` (did you mean `x`?)`` (with a leading space) for the candidate [`closest`] finds, or
/// an empty string, ready to append to a message.
pub fn did_you_mean<T: AsRef<str>>(
    key: &str,
    candidates: impl IntoIterator<Item = T>,
    limit: usize,
) -> String {
    closest(key, candidates, limit)
        .map(|c| format!(" (did you mean `{}`?)", c.as_ref()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("été", "ete"), 2);
        assert_eq!(distance_within("kitten", "sitting", 3), Some(3));
        assert_eq!(distance_within("kitten", "sitting", 2), None);
        assert_eq!(distance_within("a", "abcdef", 4), None, "lengths alone");
    }

    #[test]
    fn bit_parallel_agrees_with_the_table() {
        // Words of every length up to past one machine word, over a small alphabet so that
        // matches are frequent, against the row-by-row table, at every limit.
        let mut seed = 7u64;
        let mut word = |len: usize| -> String {
            (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    char::from(b"abc-/"[(seed >> 33) as usize % 5])
                })
                .collect()
        };
        for round in 0..3000 {
            // Past 64 bytes both ways too: a long pattern is split in blocks.
            let (la, lb) = (round % 150, (round * 7 + 3) % 160);
            let (a, b) = (word(la), word(lb));
            for limit in [0, 1, 2, 5, 20, usize::MAX] {
                let table = levenshtein_within(a.as_bytes(), b.as_bytes(), limit);
                assert_eq!(distance_within(&a, &b, limit), table, "{a:?} {b:?} {limit}");
                let pattern = Pattern::new(&a).distance_within(&b, limit);
                assert_eq!(pattern, table, "pattern {a:?} {b:?} {limit}");
            }
        }
        assert_eq!(distance("/docs/setup", "/doc/setup/"), 2);
    }

    #[test]
    fn closest_prefers_fewer_edits_then_the_first_in_order() {
        let names = ["broken-link", "broken-links", "broken-lint"];
        assert_eq!(closest("broken-lnk", names, 3), Some("broken-link"));
        // Two at one edit: the one that sorts first, whatever the input order.
        assert_eq!(closest("broken-lin", names, 3), Some("broken-link"));
        let reversed = ["broken-lint", "broken-link"];
        assert_eq!(closest("broken-lin", reversed, 3), Some("broken-link"));
        assert_eq!(closest("nothing-alike", names, 3), None);
        assert_eq!(closest("x", Vec::<String>::new(), 3), None);
        let owned = vec!["off".to_string(), "error".to_string()];
        assert_eq!(closest("eror", owned, 1).as_deref(), Some("error"));
    }

    #[test]
    fn did_you_mean_is_ready_to_append() {
        assert_eq!(
            did_you_mean("warnig", ["error", "warning"], 3),
            " (did you mean `warning`?)"
        );
        assert_eq!(did_you_mean("zzz", ["error", "warning"], 3), "");
    }
}
