//! Small text utilities shared by the mapper, the rules and the renderers:
//! folding for tolerant heading matching, word counts as an official sees
//! them, and excerpts for locating a paragraph.

use std::borrow::Cow;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use fold_table::FoldTable;

mod anchors;
mod fold_char;
mod fold_table;
pub(crate) mod letters;
mod search;
mod word_starts;

pub(crate) use fold_char::{fold_char, is_ignorable, is_inclusive_joiner, push_folded};
pub use search::{Screen, ScreenScratch, Screened};

/// [`fold`] for ASCII text, which is most report prose: the same result
/// (ASCII is its own compatibility decomposition, has no combining marks and
/// lowercases to ASCII) without the per-character Unicode tables, which made
/// folding the largest cost of checking a long report.
fn fold_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(char::from(b.to_ascii_lowercase()));
        } else {
            pending_space = true;
        }
    }
    out
}

/// Folds text for comparison: compatibility-decomposed, accents and case
/// removed, the ligatures œ and æ spelt out, punctuation turned into spaces,
/// whitespace collapsed. "I. MÉTHODOLOGIE" and "i methodologie" fold to the
/// same string, "Mise en œuvre" and "mise en oeuvre" too.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        fold_ascii(text)
    } else {
        fold_unicode(text)
    }
}

/// The general [`fold`]: ASCII in place, ideographs as they are, other
/// characters through a table filled from [`fold_unicode_char`] (see
/// [`fold_table`]).
fn fold_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_unicode_into(text, &mut out);
    out
}

/// [`fold`] into a buffer the caller reuses (cleared first).
pub fn fold_into_buffer(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.push_str(&fold_ascii(text));
    } else {
        fold_unicode_into(text, out);
    }
}

/// [`fold_unicode`] appending to `out`.
fn fold_unicode_into(text: &str, out: &mut String) {
    static TABLE: std::sync::OnceLock<FoldTable> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| FoldTable::build(fold_unicode_char));
    let out_start = out.len();
    let mut pending_space = false;
    // A space stands for any character that is not alphanumeric.
    let mut emit = |c: char, out: &mut String| {
        if c == ' ' {
            pending_space = true;
            return;
        }
        if pending_space && out.len() > out_start {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    };
    let mut rest = text;
    while !rest.is_empty() {
        // ASCII runs (most of French or Spanish) byte by byte.
        let run = ascii_prefix_len(rest.as_bytes());
        let (ascii, tail) = rest.split_at(run);
        for b in ascii.bytes() {
            emit(
                if b.is_ascii_alphanumeric() {
                    char::from(b.to_ascii_lowercase())
                } else {
                    ' '
                },
                out,
            );
        }
        let mut chars = tail.chars();
        let Some(c) = chars.next() else { break };
        if fold_table::CJK.contains(&u32::from(c)) {
            emit(c, out);
        } else if let Some(folded) = table.get(c) {
            folded.iter().for_each(|&d| emit(d, out));
        } else {
            fold_unicode_char(c, &mut |d| emit(d, out));
        }
        rest = chars.as_str();
    }
}

/// One character as [`fold`] sees it: its compatibility decomposition
/// without combining marks and the characters the scope check ignores too
/// (soft hyphen, tatweel, zero-width and bidi controls: `x\u{200B}objective`
/// is one word to both), Arabic letter variants unified, letters and digits
/// in lower case, anything else as a space.
fn fold_unicode_char(c: char, sink: &mut dyn FnMut(char)) {
    decompose_compatible(c, |d| {
        if is_combining_mark(d) || is_ignorable(d) {
            return;
        }
        let d = match d {
            '\u{0629}' => '\u{0647}', // ta marbuta -> ha
            '\u{0649}' => '\u{064A}', // alef maqsura -> ya
            '\u{0671}' => '\u{0627}', // alef wasla -> alef
            other => other,
        };
        if letters::is_alphanumeric(d) {
            for l in d.to_lowercase() {
                // Ligatures, as the scope check spells them: "Mise en œuvre"
                // is also typed "Mise en oeuvre".
                match l {
                    'œ' => "oe".chars().for_each(&mut *sink),
                    'æ' => "ae".chars().for_each(&mut *sink),
                    l => sink(l),
                }
            }
        } else {
            sink(' ');
        }
    });
}

/// Whether [`fold`] and the scope check's fold ([`fold_char`]) split `text`
/// into the same words, in the same letters, where the scope fold gives
/// ASCII: true when `text` has no character of three bytes or more and
/// every two-byte character folds alike both ways, character by character
/// (both folds are per character). Not alike, for example: the modifier
/// apostrophe ʼ (a letter to `fold`, an apostrophe to the scope fold) and
/// Arabic-Indic digits (which `fold` leaves to [`ascii_digits`]).
///
/// Why: a French or Spanish paragraph is then read for objective numbers
/// where the screen found the markers in its scope fold, instead of being
/// folded a second time.
pub(crate) fn folds_to_the_same_words(text: &str) -> bool {
    static ALIKE: std::sync::OnceLock<Vec<bool>> = std::sync::OnceLock::new();
    let alike = ALIKE.get_or_init(|| {
        (0..0x800u32)
            .map(|u| {
                let Some(c) = char::from_u32(u).filter(|_| u >= 0x80) else {
                    return false;
                };
                let mut scope = String::new();
                fold_char(c, |d| {
                    scope.push(if d.is_ascii() && !d.is_ascii_alphanumeric() {
                        ' '
                    } else {
                        d
                    })
                });
                let mut general = String::new();
                fold_unicode_char(c, &mut |d| general.push(d));
                scope.is_ascii() && scope == general
            })
            .collect()
    });
    let mut chars = text.chars();
    while let Some(&b) = chars.as_str().as_bytes().first() {
        if b >= 0xE0 {
            return false;
        }
        let Some(c) = chars.next() else { break };
        if b >= 0x80 && !alike.get(c as usize).copied().unwrap_or(false) {
            return false;
        }
    }
    true
}

/// Length of the ASCII prefix of `bytes`, eight bytes at a time.
pub(crate) fn ascii_prefix_len(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in chunks.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if u64::from_ne_bytes(word) & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        n += 8;
    }
    n + bytes
        .get(n..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| b.is_ascii())
        .count()
}

/// True for characters that Word counts one word each (Han, Hiragana,
/// Katakana, Hangul syllables).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Counts words the way Word shows them to the official: whitespace-separated
/// tokens, with each CJK character counted as one word.
pub fn word_count(text: &str) -> usize {
    // Text of ASCII and two-byte characters (English, accented Latin,
    // Cyrillic, Arabic) has no whitespace but ASCII's unless it holds
    // U+0085 or U+00A0, and no CJK: its words start after ASCII spaces, and
    // one vectorised pass counts them.
    let bytes = text.as_bytes();
    if ascii_prefix_len(bytes) == bytes.len() {
        return ascii_word_starts(bytes, false);
    }
    let pairs = pair_scan::<true>(bytes);
    if pairs.wide == 0 {
        return pairs.words(bytes);
    }
    let mut count = 0;
    let mut in_token = false;
    let mut rest = text;
    while !rest.is_empty() {
        // ASCII runs (most of any report, even in French or Spanish) are
        // counted a chunk at a time; other characters one by one.
        let run = ascii_prefix_len(rest.as_bytes());
        let (ascii, tail) = rest.split_at(run);
        if let Some(&last) = ascii.as_bytes().last() {
            count += ascii_word_starts(ascii.as_bytes(), in_token);
            in_token = !is_ascii_space(last);
        }
        // Then every character up to the next ASCII one.
        let mut chars = tail.chars();
        while let Some(&lead) = chars.as_str().as_bytes().first() {
            if lead < 0x80 {
                break;
            }
            // A run of characters from U+00C0 to U+07FF (accented Latin,
            // Greek, Cyrillic, Hebrew, Arabic): never whitespace, never CJK,
            // so a run is part of one word. It ends on a character boundary:
            // its lead bytes (C3-DF) start two-byte characters, and a
            // continuation byte of any other character follows its own lead
            // byte, which ends the run first.
            let bytes = chars.as_str().as_bytes();
            let run = bytes
                .iter()
                .position(|&b| !matches!(b, 0x80..=0xBF | 0xC3..=0xDF))
                .unwrap_or(bytes.len());
            if run > 0 {
                if !in_token {
                    count += 1;
                    in_token = true;
                }
                chars = chars.as_str().get(run..).unwrap_or_default().chars();
                continue;
            }
            let Some(c) = chars.next() else { break };
            if is_cjk(c) {
                count += 1;
                in_token = false;
            } else if c.is_whitespace() {
                in_token = false;
            } else if !in_token {
                count += 1;
                in_token = true;
            }
        }
        rest = chars.as_str();
    }
    count
}

/// ASCII whitespace as `char::is_whitespace` sees it (tab to carriage
/// return, and space).
fn is_ascii_space(b: u8) -> bool {
    b == b' ' || (b'\t'..=b'\r').contains(&b)
}

/// Words starting in an ASCII run, given whether a word was already open
/// before it. Written as a count over byte pairs so it vectorises.
pub(super) fn ascii_word_starts(bytes: &[u8], in_token: bool) -> usize {
    let first = bytes
        .first()
        .is_some_and(|&b| !in_token && !is_ascii_space(b));
    usize::from(first) + pair_scan::<false>(bytes).starts
}

/// The words of `bytes` as [`word_count`] counts them, or `None` when it is
/// not ASCII: the screen asks both of every paragraph, and one vectorised
/// pass answers both.
pub(super) fn ascii_words(bytes: &[u8]) -> Option<usize> {
    // Text in another script shows it in its first bytes: no need to read
    // it all to find out.
    if !bytes.get(..64).unwrap_or(bytes).is_ascii() {
        return None;
    }
    let pairs = pair_scan::<false>(bytes);
    (pairs.high < 0x80).then(|| pairs.words(bytes))
}

/// What one pass over the byte pairs of a text finds (see [`pair_scan`]).
struct Pairs {
    /// Word starts inside the text: an ASCII space followed by a non-space.
    starts: usize,
    /// The OR of all bytes: non-ASCII text when `>= 0x80`.
    high: u8,
    /// Non-zero when the text has a character of three or four bytes, or
    /// U+0085 or U+00A0, the two-byte characters that are whitespace.
    wide: u8,
}

impl Pairs {
    /// The words of `bytes`, the text these pairs were found in: one more
    /// when it does not start with a space.
    fn words(&self, bytes: &[u8]) -> usize {
        let first = bytes.first().is_some_and(|&b| !is_ascii_space(b));
        usize::from(first) + self.starts
    }
}

/// Word starts, non-ASCII and (when `WIDE`) wide characters of `bytes`,
/// branch-free over blocks of 255 pairs, so a byte counter cannot
/// overflow: the compiler turns this into vector compares. The screen's
/// pass over every ASCII paragraph does without the wide test.
fn pair_scan<const WIDE: bool>(bytes: &[u8]) -> Pairs {
    let space = |b: u8| u8::from(b == b' ') | u8::from(b.wrapping_sub(b'\t') < 5);
    let next = bytes.get(1..).unwrap_or_default();
    // The pairs below cover every byte but the last.
    let mut out = Pairs {
        starts: 0,
        high: bytes.last().copied().unwrap_or(0),
        wide: 0,
    };
    for (a, b) in bytes.chunks(255).zip(next.chunks(255)) {
        let (starts, high, wide) = a
            .iter()
            .zip(b)
            .fold((0u8, 0u8, 0u8), |(n, h, w), (&a, &b)| {
                let wide = if WIDE {
                    u8::from(a >= 0xE0)
                        | u8::from(a == 0xC2) & (u8::from(b == 0x85) | u8::from(b == 0xA0))
                } else {
                    0
                };
                (n.wrapping_add(space(a) & !space(b) & 1), h | a, w | wide)
            });
        out.starts += usize::from(starts);
        out.high |= high;
        out.wide |= wide;
    }
    out
}

/// Whether `text` has at most `max` words (stops counting early: the mapper
/// asks this of every paragraph to spot short pseudo-headings).
pub fn at_most_words(text: &str, max: usize) -> bool {
    // Each word needs at least one byte and one separator, so a short text
    // cannot have more; a long one is cut to a prefix that already decides.
    // (The cut moves back to a character boundary: cutting inside a
    // character would count the whole text.)
    let mut limit = ((max + 1) * 16).min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    match text.get(..limit) {
        Some(head) if head.len() < text.len() => {
            let n = word_count(head);
            n <= max && word_count(text) <= max
        }
        _ => word_count(text) <= max,
    }
}

/// Collapses all whitespace runs to single spaces and trims.
pub fn normalize_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The excerpt the output contract promises: whitespace-normalised, at most
/// `max_chars` characters, cut on a character boundary with "…" when longer.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let normalized = normalize_whitespace(text);
    if normalized.chars().count() <= max_chars {
        return normalized;
    }
    let mut cut: String = normalized
        .chars()
        .take(max_chars.saturating_sub(1))
        .collect();
    cut.push('…');
    cut
}

/// Replaces Arabic-Indic, Persian and full-width digits with ASCII digits so
/// that "الهدف ٥" and "目标５" read as objective 5. Borrows when there is
/// nothing to replace (always for ASCII text).
pub fn ascii_digits(text: &str) -> Cow<'_, str> {
    // The three ranges in UTF-8: D9 A0-A9, DB B0-B9, EF BC 90-99. Their
    // first bytes only ever start a character, so a byte search finds them.
    let bytes = text.as_bytes();
    let other_digit_at = |i: usize| {
        matches!(
            (bytes.get(i), bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0xD9), Some(0xA0..=0xA9), _)
                | (Some(0xDB), Some(0xB0..=0xB9), _)
                | (Some(0xEF), Some(0xBC), Some(0x90..=0x99))
        )
    };
    if !memchr::memchr3_iter(0xD9, 0xDB, 0xEF, bytes).any(other_digit_at) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c as u32 {
                0x0660..=0x0669 => char::from_u32(c as u32 - 0x0660 + 0x30).unwrap_or(c),
                0x06F0..=0x06F9 => char::from_u32(c as u32 - 0x06F0 + 0x30).unwrap_or(c),
                0xFF10..=0xFF19 => char::from_u32(c as u32 - 0xFF10 + 0x30).unwrap_or(c),
                _ => c,
            })
            .collect(),
    )
}

/// `count` texts of up to `max_pieces` of `pieces` each, in a deterministic
/// pseudo-random mix (xorshift from `seed`), with a space after two pieces
/// in three when `spaces`: for tests that compare a fast path with the
/// general one.
#[cfg(test)]
pub(crate) fn mixed_texts<'a>(
    seed: u64,
    pieces: &'a [&'a str],
    max_pieces: u64,
    spaces: bool,
    count: usize,
) -> impl Iterator<Item = String> + 'a {
    let mut state = seed | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count).map(move |_| {
        let mut text = String::new();
        for _ in 0..next() % (max_pieces + 1) {
            let r = next();
            text.push_str(pieces[(r % pieces.len() as u64) as usize]);
            if spaces && r % 3 != 0 {
                text.push(' ');
            }
        }
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// [`fold`] as first written: over the decomposition of the whole text.
    fn fold_reference(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut pending_space = false;
        for c in text.nfkd() {
            // (Zero-width and bidi controls dropped since, as the scope check
            // drops them.)
            if is_combining_mark(c) || is_ignorable(c) {
                continue;
            }
            let c = match c {
                '\u{0629}' => '\u{0647}',
                '\u{0649}' => '\u{064A}',
                '\u{0671}' => '\u{0627}',
                other => other,
            };
            if letters::is_alphanumeric(c) {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                // (Ligatures spelt out since: "Mise en œuvre" = "oeuvre".)
                for l in c.to_lowercase() {
                    match l {
                        'œ' => out.push_str("oe"),
                        'æ' => out.push_str("ae"),
                        l => out.push(l),
                    }
                }
            } else {
                pending_space = true;
            }
        }
        out
    }

    /// Character by character (through the table) folds every character,
    /// and text mixing scripts, marks and punctuation, as the whole-text
    /// decomposition did.
    #[test]
    fn fold_by_character_agrees_with_folding_the_whole_decomposition() {
        let every: Vec<char> = (0..=0x10FFFFu32).filter_map(char::from_u32).collect();
        for c in &every {
            let s = format!("a{c}b");
            assert_eq!(fold(&s), fold_reference(&s), "U+{:04X}", u32::from(*c));
        }
        // Marks of different combining classes after letters, ideographs,
        // Hangul, Arabic and Cyrillic, with punctuation between, in a
        // deterministic pseudo-random mix.
        let chars: Vec<String> = "aZ9 .,-'éÉçñÑß İıǅ¼…’–\u{0301}\u{0327}\u{0323}\u{0308}\u{05B0}\u{0651}\u{064E}\u{0640}\u{00AD}ёЁЙйжЖةىٱك٣难難目标한글가ｶﾞ，：（）\u{3000}ガ\u{FB01}\u{2460}"
            .chars()
            .map(String::from)
            .collect();
        let pool: Vec<&str> = chars.iter().map(String::as_str).collect();
        for s in mixed_texts(0x2545_F491_4F6C_DD1D, &pool, 11, false, 20_000) {
            assert_eq!(fold(&s), fold_reference(&s), "{s:?}");
        }
    }

    /// Why folding character by character is exact: canonical ordering only
    /// moves characters of a combining class other than 0, and all of those
    /// are combining marks, which every fold drops.
    #[test]
    fn every_character_canonical_ordering_could_move_is_a_dropped_mark() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if canonical_combining_class(c) != 0 {
                assert!(is_combining_mark(c), "U+{:04X}", u32::from(c));
            }
        }
    }

    #[test]
    fn ascii_fast_path_folds_like_the_unicode_path() {
        let samples = [
            "I. METHODOLOGY -- Objective 5: Regular pathways!",
            "  Next   steps. ",
            "GCM objective\t12\n(see annex)",
            "",
            "...",
            "a\u{7f}b~c",
        ];
        for s in samples {
            assert_eq!(fold_ascii(s), fold_unicode(s), "{s:?}");
        }
        let every_ascii: String = (0u8..128).map(char::from).collect();
        assert_eq!(fold_ascii(&every_ascii), fold_unicode(&every_ascii));
        for c in (0u8..128).map(char::from) {
            let s = format!("x{c}Y{c}{c}z");
            assert_eq!(fold_ascii(&s), fold_unicode(&s), "{c:?}");
        }
    }

    #[test]
    fn fold_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("I. MÉTHODOLOGIE"), "i methodologie");
        assert_eq!(
            fold("Progrès accomplis — Objectif 5 :"),
            "progres accomplis objectif 5"
        );
        assert_eq!(fold("  Next   steps. "), "next steps");
        assert_eq!(fold("منهجية الاستعراض"), "منهجيه الاستعراض");
        assert_eq!(fold("أهداف"), "اهداف");
        assert_eq!(fold("Mise en Œuvre"), fold("mise en oeuvre"));
        assert_eq!(fold("Cæsar"), "caesar");
    }

    #[test]
    fn words_are_counted_as_word_does() {
        assert_eq!(word_count("The State reported  progress."), 4);
        assert_eq!(word_count("COVID-19 measures"), 2);
        assert_eq!(word_count("会员国报告了"), 6);
        assert_eq!(word_count("目标5 progress"), 4);
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("  leading and trailing  "), 3);
        assert_eq!(word_count("Le pays d’origine — « migrants »"), 7);
        assert_eq!(word_count("a\u{00A0}b\u{3000}c"), 3);
        assert_eq!(word_count("abcdefgh ijklmnop qrstuvwxyz é"), 4);
    }

    #[test]
    fn chunked_counting_agrees_with_counting_characters() {
        fn slow(text: &str) -> usize {
            let mut count = 0;
            let mut in_token = false;
            for c in text.chars() {
                if is_cjk(c) {
                    count += 1;
                    in_token = false;
                } else if c.is_whitespace() {
                    in_token = false;
                } else if !in_token {
                    count += 1;
                    in_token = true;
                }
            }
            count
        }
        // Every character, between letters and between spaces.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for s in [format!("a{c}b"), format!(" {c} {c}{c}")] {
                assert_eq!(word_count(&s), slow(&s), "U+{:04X}", u32::from(c));
            }
        }
        let pieces = [
            "a",
            " ",
            "é",
            "\t",
            "目",
            "\u{00A0}",
            "word",
            "\n\n",
            "’",
            "x1",
            "беженцы",
            "لاجئ",
            "\u{0085}",
            "\u{3000}",
        ];
        let mut seed = 7u32;
        for _ in 0..2000 {
            let mut s = String::new();
            for _ in 0..(seed % 40) {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                s.push_str(pieces[(seed >> 16) as usize % pieces.len()]);
            }
            assert_eq!(word_count(&s), slow(&s), "{s:?}");
            // The screen's one-pass count, also across its 255-byte blocks.
            let long = s.repeat(4);
            for t in [&s, &long] {
                let expected = t.is_ascii().then(|| slow(t));
                assert_eq!(ascii_words(t.as_bytes()), expected, "{t:?}");
            }
            for max in [0, 1, 3, 12, 14] {
                assert_eq!(at_most_words(&s, max), slow(&s) <= max, "{s:?} {max}");
                assert_eq!(
                    at_most_words(&long, max),
                    slow(&long) <= max,
                    "{long:?} {max}"
                );
            }
        }
    }

    #[test]
    fn ascii_prefix_is_measured_across_chunks() {
        assert_eq!(ascii_prefix_len(b"abcdefghijklm"), 13);
        assert_eq!(ascii_prefix_len("abcdefghé".as_bytes()), 8);
        assert_eq!(ascii_prefix_len("abcé".as_bytes()), 3);
        assert_eq!(ascii_prefix_len(b""), 0);
    }

    #[test]
    fn excerpts_are_bounded_and_normalised() {
        assert_eq!(excerpt("a\n\tb", 120), "a b");
        let long = "x".repeat(300);
        let e = excerpt(&long, 120);
        assert_eq!(e.chars().count(), 120);
        assert!(e.ends_with('…'));
    }

    #[test]
    fn digits_from_other_scripts_become_ascii() {
        assert_eq!(ascii_digits("الهدف ٥"), "الهدف 5");
        assert_eq!(ascii_digits("目标１２"), "目标12");
        // The byte search finds exactly the characters of the three ranges.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let other = matches!(u32::from(c), 0x0660..=0x0669 | 0x06F0..=0x06F9 | 0xFF10..=0xFF19);
            let s = format!("a{c}");
            assert_eq!(
                matches!(ascii_digits(&s), Cow::Owned(_)),
                other,
                "U+{:04X}",
                u32::from(c)
            );
        }
    }
}
