//! Anchor lookup at word starts: the anchor search of the screen
//! ([`super::anchors`]) without a pass over every byte.
//!
//! Why: anchors are lexicon words or their first letters, and a hit counts
//! only where a word starts. A ten-page report has about 6,000 word starts
//! in 40,000 bytes, so testing one bit for the first three letters of each
//! word start (and looking the few that pass up in the anchor list) does a
//! fraction of the work of a SIMD multi-pattern search (Teddy) over every
//! byte, and finds exactly the same hits. That search was a sixth of
//! checking a report in a batch.
//!
//! Used when every anchor is at least three bytes long and starts with a
//! letter; the screen falls back to the byte-wise search otherwise.

/// Anchors indexed by their first three or four folded bytes.
#[derive(Debug, Clone)]
pub(super) struct WordStartIndex {
    /// One bit per [`letters_key`] of an anchor's first three bytes. A word
    /// start whose key misses starts no anchor; about one in thirteen word
    /// starts of report prose hits.
    first_three: Box<[u64; FIRST_THREE_WORDS]>,
    /// (key, anchor index) of every anchor, sorted by key: its first three
    /// bytes (three-byte anchors) or four bytes (longer ones).
    keys: Vec<(u32, u16)>,
    /// The anchors, folded with [`super::anchors::fold_byte`].
    anchors: Vec<Vec<u8>>,
}

/// Bits of a [`letters_key`]: 15, three letters' worth.
const KEY_BITS: u32 = 15;

/// Words of [`WordStartIndex::first_three`]: one bit for each value of
/// [`letters_key`], 4 KB.
const FIRST_THREE_WORDS: usize = 1 << (KEY_BITS - 6);

/// Folded bytes 0..3 of a key read at a word start: the fourth is masked.
const THREE: u32 = 0x00FF_FFFF;

impl WordStartIndex {
    /// Indexes `anchors` (folded); `None` when one is shorter than three
    /// bytes, does not start with a lower-case ASCII letter, or there are
    /// too many to number.
    pub fn new(anchors: &[Vec<u8>]) -> Option<WordStartIndex> {
        let mut first_three = Box::new([0u64; FIRST_THREE_WORDS]);
        let mut keys = Vec::with_capacity(anchors.len());
        for (i, a) in anchors.iter().enumerate() {
            if !a.first().is_some_and(u8::is_ascii_lowercase) {
                return None;
            }
            let key = match a.as_slice() {
                [b0, b1, b2] => u32::from_le_bytes([*b0, *b1, *b2, 0]),
                [b0, b1, b2, b3, ..] => u32::from_le_bytes([*b0, *b1, *b2, *b3]),
                _ => return None,
            };
            let bit = letters_key(key);
            *first_three.get_mut(bit / 64)? |= 1 << (bit % 64);
            keys.push((key, u16::try_from(i).ok()?));
        }
        keys.sort_unstable();
        Some(WordStartIndex {
            first_three,
            keys,
            anchors: anchors.to_vec(),
        })
    }

    /// Calls `f(anchor index, offset)` for every anchor that starts a word
    /// of `bytes` (at an ASCII letter not preceded by one), in text order,
    /// until `f` returns false. Case is ignored as the anchors' fold ignores
    /// it.
    pub fn for_each_hit(&self, bytes: &[u8], mut f: impl FnMut(usize, usize) -> bool) {
        for_each_word_start(bytes, |at| match self.anchor_at(bytes, at) {
            Some(anchor) => f(anchor, at),
            None => true,
        });
    }

    /// The anchor starting at `at`, if any (anchors are prefix-free, so
    /// there is at most one).
    fn anchor_at(&self, bytes: &[u8], at: usize) -> Option<usize> {
        let rest = bytes.get(at..).unwrap_or_default();
        let head = match rest.first_chunk::<4>() {
            Some(head) => *head,
            None => {
                let mut head = [0u8; 4];
                for (h, b) in head.iter_mut().zip(rest) {
                    *h = *b;
                }
                head
            }
        };
        let four = u32::from_le_bytes(head);
        let bit = letters_key(four);
        let word = self.first_three.get(bit / 64).copied().unwrap_or(0);
        if word & (1 << (bit % 64)) == 0 {
            return None;
        }
        // `fold_byte` on each byte at once.
        let four = four | 0x2020_2020;
        [four, four & THREE].into_iter().find_map(|key| {
            let from = self.keys.partition_point(|&(k, _)| k < key);
            self.keys
                .get(from..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&(k, _)| k == key)
                .map(|&(_, i)| usize::from(i))
                .find(|&i| {
                    self.anchors.get(i).is_some_and(|a| {
                        rest.len() >= a.len()
                            && a.iter()
                                .zip(rest)
                                .all(|(x, y)| *x == super::anchors::fold_byte(*y))
                    })
                })
        })
    }

    /// The anchors, in their numbering.
    #[cfg(test)]
    pub fn anchors(&self) -> &[Vec<u8>] {
        &self.anchors
    }
}

/// A hash of the low five bits of each of the first three bytes of `head`
/// (little end first): the same for a byte and its
/// [`super::anchors::fold_byte`], so a text's key is an anchor's key
/// wherever the anchor starts there. Below 2^[`KEY_BITS`].
#[inline]
fn letters_key(head: u32) -> usize {
    ((head & 0x001F_1F1F).wrapping_mul(0x9E37_79B1) >> (32 - KEY_BITS)) as usize
}

/// Calls `f(offset)` at every ASCII letter of `bytes` not preceded by an
/// ASCII letter, in order, until `f` returns false.
///
/// Branch-free over blocks of 64 bytes: the letters of each eight bytes as
/// one bit per byte, less those whose previous byte is a letter, gathered
/// into one 64-bit mask whose set bits are then visited. (Visiting each
/// eight bytes' starts as they were found cost a mispredicted branch every
/// few words, more than the search it replaces.)
pub(super) fn for_each_word_start(bytes: &[u8], mut f: impl FnMut(usize) -> bool) {
    let mut carry = 0u64;
    let mut base = 0usize;
    let mut blocks = bytes.chunks_exact(64);
    for block in &mut blocks {
        if !visit(start_mask(block, &mut carry), base, &mut f) {
            return;
        }
        base += 64;
    }
    let rest = blocks.remainder();
    if !rest.is_empty() {
        // Zeros are not letters: the padding adds no word start.
        let mut block = [0u8; 64];
        for (b, r) in block.iter_mut().zip(rest) {
            *b = *r;
        }
        visit(start_mask(&block, &mut carry), base, &mut f);
    }
}

/// Calls `f(base + i)` for each set bit `i` of `mask`, in order; false when
/// `f` asked to stop.
fn visit(mut mask: u64, base: usize, f: &mut impl FnMut(usize) -> bool) -> bool {
    while mask != 0 {
        if !f(base + mask.trailing_zeros() as usize) {
            return false;
        }
        mask &= mask - 1;
    }
    true
}

/// Bit `i` set when byte `i` of a 64-byte block starts a word; `carry` says
/// whether the byte before the block was a letter (bit 7) and is updated.
#[inline]
fn start_mask(block: &[u8], carry: &mut u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Gathers the low bit of each byte into one byte, byte 0 lowest.
    const GATHER: u64 = 0x0102_0408_1020_4080;
    let mut mask = 0u64;
    for (i, chunk) in block.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
        // Bytes below 0x80 with bit 5 set, in 0x61..=0x7A: ASCII letters.
        // No sum carries into the next byte (each stays below 0x100).
        let y = (x | (0x20 * ONES)) & !HIGH;
        let alpha = (y + 0x1F * ONES) & !(y + 0x05 * ONES) & !x & HIGH;
        let starts = alpha & !((alpha << 8) | *carry);
        *carry = alpha >> 56;
        mask |= ((starts >> 7).wrapping_mul(GATHER) >> 56) << (8 * i);
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition the block-wise pass must agree with.
    fn word_starts_one_by_one(bytes: &[u8]) -> Vec<usize> {
        (0..bytes.len())
            .filter(|&i| {
                bytes.get(i).is_some_and(u8::is_ascii_alphabetic)
                    && !i
                        .checked_sub(1)
                        .and_then(|j| bytes.get(j))
                        .is_some_and(u8::is_ascii_alphabetic)
            })
            .collect()
    }

    fn word_starts(bytes: &[u8]) -> Vec<usize> {
        let mut out = Vec::new();
        for_each_word_start(bytes, |at| {
            out.push(at);
            true
        });
        out
    }

    #[test]
    fn word_starts_are_letters_after_a_non_letter_across_blocks() {
        let samples: [&[u8]; 6] = [
            b"",
            b"a",
            b"Refugees, asylum-seekers and IDPs (2018) in the GCM's 23 objectives.",
            b"abcdefghABCDEFGH12345678 x@[`{ZzAa",
            "r\u{e9}fugi\u{e9}s \u{00c9}tat caf\u{e9}".as_bytes(),
            b"\x7f\x80\xc1\xe1 \xff\xfe A",
        ];
        for s in samples {
            assert_eq!(word_starts(s), word_starts_one_by_one(s), "{s:?}");
        }
        // Every byte value, before and after letters and across a block edge.
        let all: Vec<u8> = (0..=255u8).flat_map(|b| [b, b'a', b, b'Z', b]).collect();
        for start in 0..9 {
            let s = all.get(start..).unwrap_or_default();
            assert_eq!(word_starts(s), word_starts_one_by_one(s));
        }
    }

    #[test]
    fn the_walk_stops_when_asked() {
        let mut seen = Vec::new();
        for_each_word_start(b"one two three four", |at| {
            seen.push(at);
            seen.len() < 2
        });
        assert_eq!(seen, [0, 4]);
    }

    fn anchors(words: &[&str]) -> Vec<Vec<u8>> {
        words.iter().map(|w| w.as_bytes().to_vec()).collect()
    }

    #[test]
    fn anchors_are_found_at_word_starts_only_whatever_the_case() {
        let index = WordStartIndex::new(&anchors(&["obj", "refug", "asile", "asilo", "need"]))
            .expect("index");
        let text = b"Refugees, OBJ. 7, prefugee, asilo asile needs; OB nee obje";
        let mut hits = Vec::new();
        index.for_each_hit(text, |anchor, at| {
            hits.push((anchor, at));
            true
        });
        assert_eq!(hits, [(1, 0), (0, 10), (3, 28), (2, 34), (4, 40), (0, 54)]);
    }

    #[test]
    fn anchors_it_cannot_index_are_refused() {
        assert!(WordStartIndex::new(&anchors(&["id"])).is_none());
        assert!(WordStartIndex::new(&anchors(&["2030 agenda"])).is_none());
        assert!(WordStartIndex::new(&anchors(&["refug", "é"])).is_none());
        assert!(WordStartIndex::new(&anchors(&["gcm", "refugee"])).is_some());
    }
}
