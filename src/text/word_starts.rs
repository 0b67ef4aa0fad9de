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

/// Anchors indexed by their first three folded bytes.
#[derive(Debug, Clone)]
pub(super) struct WordStartIndex {
    /// One bit per [`letters_key`] of an anchor's first three bytes. A word
    /// start whose key misses starts no anchor; about one in thirteen word
    /// starts of report prose hits.
    first_three: Box<[u64; FIRST_THREE_WORDS]>,
    /// Where in `heads` the anchors of each bucket (the low bits of their
    /// [`letters_key`]) are: (start, end).
    buckets: Box<[(u16, u16); BUCKETS]>,
    /// The first eight bytes of each anchor, by bucket.
    heads: Vec<AnchorHead>,
    /// The anchors, folded with [`super::anchors::fold_byte`].
    anchors: Vec<Vec<u8>>,
}

/// An anchor's first (up to) eight folded bytes, compared with the eight
/// bytes at a word start in one step.
#[derive(Debug, Clone, Copy)]
struct AnchorHead {
    /// The bytes, little end first; zero beyond the anchor's length.
    bytes: u64,
    /// 0xFF for each byte the anchor has.
    mask: u64,
    anchor: u16,
}

/// Bits of a [`letters_key`]: 15, three letters' worth.
const KEY_BITS: u32 = 15;

/// Words of [`WordStartIndex::first_three`]: one bit for each value of
/// [`letters_key`], 4 KB.
const FIRST_THREE_WORDS: usize = 1 << (KEY_BITS - 6);

/// Buckets of [`WordStartIndex::heads`]: a few anchors are in each at most
/// (forty-odd anchors in the built-in lexicons).
const BUCKETS: usize = 256;

/// `fold_byte` on eight bytes at once.
const FOLD8: u64 = 0x2020_2020_2020_2020;

impl WordStartIndex {
    /// Indexes `anchors` (folded); `None` when one is shorter than three
    /// bytes, does not start with a lower-case ASCII letter, or there are
    /// too many to number.
    pub fn new(anchors: &[Vec<u8>]) -> Option<WordStartIndex> {
        let mut first_three = Box::new([0u64; FIRST_THREE_WORDS]);
        let mut heads: Vec<(usize, AnchorHead)> = Vec::with_capacity(anchors.len());
        for (i, a) in anchors.iter().enumerate() {
            if a.len() < 3 || !a.first().is_some_and(u8::is_ascii_lowercase) {
                return None;
            }
            let mut bytes = [0u8; 8];
            let mut mask = [0u8; 8];
            for ((b, m), x) in bytes.iter_mut().zip(mask.iter_mut()).zip(a) {
                *b = *x;
                *m = 0xFF;
            }
            let bytes = u64::from_le_bytes(bytes);
            let bit = letters_key(bytes as u32);
            *first_three.get_mut(bit / 64)? |= 1 << (bit % 64);
            let head = AnchorHead {
                bytes,
                mask: u64::from_le_bytes(mask),
                anchor: u16::try_from(i).ok()?,
            };
            heads.push((bit % BUCKETS, head));
        }
        heads.sort_by_key(|&(bucket, h)| (bucket, h.anchor));
        let mut buckets = Box::new([(0u16, 0u16); BUCKETS]);
        for (at, &(bucket, _)) in heads.iter().enumerate() {
            let at = u16::try_from(at).ok()?;
            let range = buckets.get_mut(bucket)?;
            if range.1 == 0 {
                range.0 = at;
            }
            range.1 = at + 1;
        }
        Some(WordStartIndex {
            first_three,
            buckets,
            heads: heads.into_iter().map(|(_, h)| h).collect(),
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
    ///
    /// A bit test settles most word starts; the rest compare the eight
    /// bytes there with the heads of the one bucket their first three
    /// letters fall in (a binary search of the anchors' keys there was a
    /// fifth of the screen's time).
    #[inline]
    fn anchor_at(&self, bytes: &[u8], at: usize) -> Option<usize> {
        let rest = bytes.get(at..).unwrap_or_default();
        let head = match rest.first_chunk::<8>() {
            Some(head) => *head,
            None => {
                let mut head = [0u8; 8];
                for (h, b) in head.iter_mut().zip(rest) {
                    *h = *b;
                }
                head
            }
        };
        let head = u64::from_le_bytes(head);
        let bit = letters_key(head as u32);
        let word = self.first_three.get(bit / 64).copied().unwrap_or(0);
        if word & (1 << (bit % 64)) == 0 {
            return None;
        }
        self.anchor_in_bucket(rest, head | FOLD8, bit % BUCKETS)
    }

    /// The anchor of bucket `bucket` that `rest` starts with; `folded` is
    /// its first eight bytes, folded.
    fn anchor_in_bucket(&self, rest: &[u8], folded: u64, bucket: usize) -> Option<usize> {
        let (from, to) = self.buckets.get(bucket).copied().unwrap_or_default();
        let heads = self
            .heads
            .get(usize::from(from)..usize::from(to))
            .unwrap_or_default();
        heads.iter().find_map(|h| {
            if folded & h.mask != h.bytes {
                return None;
            }
            let i = usize::from(h.anchor);
            let a = self.anchors.get(i)?;
            let whole = rest.len() >= a.len()
                && a.iter()
                    .zip(rest)
                    .skip(8)
                    .all(|(x, y)| *x == super::anchors::fold_byte(*y));
            whole.then_some(i)
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
/// whether the byte before the block was a letter (bit 0) and is updated.
#[inline]
fn start_mask(block: &[u8], carry: &mut u64) -> u64 {
    let letters = letter_mask(block);
    let starts = letters & !((letters << 1) | *carry);
    *carry = letters >> 63;
    starts
}

/// Bit `i` set when byte `i` of a 64-byte block is an ASCII letter.
///
/// Why two ways: on x86-64 four SSE2 compares and byte masks do it in a
/// quarter of the time of the portable eight-bytes-in-a-word arithmetic
/// (2.6 against 10.8 µs for a ten-page report's 42 KB), and this mask is
/// taken over every byte of every paragraph the screen reads. SSE2 is part
/// of every x86-64 processor, so there is nothing to detect at run time.
#[inline]
fn letter_mask(block: &[u8]) -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        let mut words = [0u64; 8];
        for (w, chunk) in words.iter_mut().zip(block.chunks_exact(8)) {
            *w = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
        }
        // SAFETY: SSE2 is in the x86-64 baseline, enabled for every build
        // for this architecture; the function reads only its argument.
        unsafe { sse2::letter_mask(&words) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        letter_mask_portable(block)
    }
}

/// [`letter_mask`] in plain integer arithmetic, eight bytes at a time: the
/// WebAssembly and ARM path, and the x86-64 path's reference in the tests.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn letter_mask_portable(block: &[u8]) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Gathers the high bit of each byte into one byte, byte 0 lowest.
    const GATHER: u64 = 0x0102_0408_1020_4080;
    let mut mask = 0u64;
    for (i, chunk) in block.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
        // Bytes below 0x80 with bit 5 set, in 0x61..=0x7A: ASCII letters.
        // No sum carries into the next byte (each stays below 0x100).
        let y = (x | (0x20 * ONES)) & !HIGH;
        let alpha = (y + 0x1F * ONES) & !(y + 0x05 * ONES) & !x & HIGH;
        mask |= ((alpha >> 7).wrapping_mul(GATHER) >> 56) << (8 * i);
    }
    mask
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_add_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        _mm_set_epi64x,
    };

    /// [`super::letter_mask`] of the 64 bytes held in `words` (little end
    /// first), sixteen bytes per compare.
    #[target_feature(enable = "sse2")]
    pub(super) fn letter_mask(words: &[u64; 8]) -> u64 {
        let mut mask = 0u64;
        for (i, pair) in words.chunks_exact(2).enumerate() {
            let (lo, hi) = match pair {
                [lo, hi] => (*lo, *hi),
                _ => (0, 0),
            };
            let v: __m128i = _mm_set_epi64x(hi as i64, lo as i64);
            // Lower case, then shift 'a'..='z' to the bottom of the signed
            // range: a letter is then below -128 + 26.
            let lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
            let shifted = _mm_add_epi8(lower, _mm_set1_epi8(i8::MIN.wrapping_sub(b'a' as i8)));
            let letters = _mm_cmplt_epi8(shifted, _mm_set1_epi8(i8::MIN + 26));
            let bits = _mm_movemask_epi8(letters) as u32 & 0xFFFF;
            mask |= u64::from(bits) << (16 * i);
        }
        mask
    }
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
    fn the_letter_mask_is_that_of_the_definition_for_every_byte() {
        // Every byte value at every position of a block.
        for shift in 0..256 {
            let block: Vec<u8> = (0..64).map(|i| ((i * 7 + shift) % 256) as u8).collect();
            let want = block
                .iter()
                .enumerate()
                .filter(|(_, b)| b.is_ascii_alphabetic())
                .fold(0u64, |m, (i, _)| m | 1 << i);
            assert_eq!(letter_mask(&block), want, "{block:?}");
            assert_eq!(letter_mask_portable(&block), want, "{block:?}");
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
