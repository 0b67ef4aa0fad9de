//! Benchmark prose that varies as a real report's does (shared by the
//! `docx_pages` and `batch_corpus` benches).
//!
//! Sentences are made of words drawn from a small set of real sentences, in
//! a new order each time. Repeating the sentences themselves, as the
//! benchmarks did in sessions 1-5, makes a file deflate shrinks to almost
//! nothing (200 pages in 12 KB), so the zip + XML scan it is compared with
//! does almost no decompression, which no real report allows: real Word
//! files in the corpus hold 0.45-1.5 bytes of compressed document part per
//! character of text; these hold about 0.3 (the markup stays the project
//! writer's lean markup, the hardest case for the ratio).

/// xorshift64: the same files on every machine, no dependency.
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Self {
        Random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// A sentence of `len` words drawn from the words of `sentences`, or of
/// `len` characters when `by_char` (Chinese, written without spaces).
pub fn varied_sentence(
    sentences: &[&str],
    len: usize,
    by_char: bool,
    random: &mut Random,
) -> String {
    if by_char {
        let chars: Vec<char> = sentences
            .iter()
            .flat_map(|s| s.chars())
            .filter(|c| !"、，。".contains(*c))
            .collect();
        let mut out: String = (0..len).map(|_| chars[random.below(chars.len())]).collect();
        out.push('。');
        return out;
    }
    let words: Vec<&str> = sentences
        .iter()
        .flat_map(|s| s.split_whitespace())
        .map(|w| w.trim_end_matches(['.', ',']))
        .collect();
    let mut out = String::new();
    for i in 0..len {
        if i > 0 {
            out.push_str(if random.below(7) == 0 { ", " } else { " " });
        }
        out.push_str(words[random.below(words.len())]);
    }
    out.push('.');
    out
}
