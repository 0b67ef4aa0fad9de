//! Remembered per-character fold results for the scripts reports are written
//! in, so folding a French, Russian, Arabic or Chinese paragraph costs a
//! table look-up per character instead of a compatibility decomposition, a
//! combining-mark test and a Unicode lower-casing.
//!
//! Why: those three per-character look-ups made checking a report in any UN
//! language but English fifteen times slower than checking the same report
//! in English. The tables are filled on first use from the exact fold
//! functions themselves, so they can only repeat what those would say; a test
//! compares both for every Unicode character.
//!
//! Folding character by character equals folding the compatibility
//! decomposition of the whole text because every character that canonical
//! ordering could move (combining class other than 0) is a combining mark,
//! which both folds drop (also tested for every character).

/// Code point ranges kept in a table, as (first, end exclusive): Latin-1 to
/// Arabic and N'Ko (accents, Greek, Cyrillic, Hebrew, Arabic), general
/// punctuation (typographic quotes, dashes, ellipsis), CJK punctuation and
/// kana, and the full-width forms Chinese text uses for its commas and
/// brackets.
const RANGES: [(u32, u32); 4] = [
    (0x0080, 0x0800),
    (0x2000, 0x2070),
    (0x3000, 0x3100),
    (0xFF00, 0xFFF0),
];

/// The CJK unified ideographs: no decomposition, no case, so they fold to
/// themselves, save the traditional characters a fold maps to simplified.
pub(super) const CJK: std::ops::RangeInclusive<u32> = 0x4E00..=0x9FFF;

/// The most characters one entry holds; longer results take the exact path.
const WIDTH: usize = 4;

/// One character's fold.
#[derive(Debug, Clone, Copy)]
struct Entry {
    out: [char; WIDTH],
    /// How many of `out` are used, or `u8::MAX` when the fold is longer.
    len: u8,
    /// Where `out` is in [`FoldTable::text`], for callers that append text.
    text_at: u32,
    /// Its length there in bytes.
    text_len: u8,
}

/// The folds of every character of [`RANGES`].
#[derive(Debug)]
pub(super) struct FoldTable {
    entries: Vec<Entry>,
    /// Every entry's fold as text, one after the other.
    text: String,
}

impl FoldTable {
    /// Tabulates `exact` (which calls its sink once per output character)
    /// over [`RANGES`].
    pub(super) fn build(exact: impl Fn(char, &mut dyn FnMut(char))) -> FoldTable {
        let mut entries = Vec::new();
        let mut text = String::new();
        for (first, end) in RANGES {
            for u in first..end {
                let mut entry = Entry {
                    out: ['\0'; WIDTH],
                    len: 0,
                    text_at: 0,
                    text_len: 0,
                };
                if let Some(c) = char::from_u32(u) {
                    let mut n = 0usize;
                    exact(c, &mut |d| {
                        if let Some(slot) = entry.out.get_mut(n) {
                            *slot = d;
                        }
                        n += 1;
                    });
                    entry.len = u8::try_from(n)
                        .ok()
                        .filter(|&n| usize::from(n) <= WIDTH)
                        .unwrap_or(u8::MAX);
                    let start = text.len();
                    text.extend(entry.out.iter().take(usize::from(entry.len).min(WIDTH)));
                    entry.text_at = u32::try_from(start).unwrap_or(0);
                    entry.text_len = u8::try_from(text.len() - start).unwrap_or(0);
                } else {
                    entry.len = u8::MAX;
                }
                entries.push(entry);
            }
        }
        FoldTable { entries, text }
    }

    /// The fold of `c` when the table holds it.
    #[inline]
    pub(super) fn get(&self, c: char) -> Option<&[char]> {
        let e = self.entry(c)?;
        e.out.get(..usize::from(e.len))
    }

    /// The fold of `c` as text, when the table holds it.
    #[inline]
    pub(super) fn get_str(&self, c: char) -> Option<&str> {
        let e = self.entry(c).filter(|e| e.len != u8::MAX)?;
        let start = e.text_at as usize;
        self.text.get(start..start + usize::from(e.text_len))
    }

    #[inline]
    fn entry(&self, c: char) -> Option<&Entry> {
        let u = u32::from(c);
        let mut offset = 0usize;
        for (first, end) in RANGES {
            if u < first {
                return None;
            }
            if u < end {
                return self.entries.get(offset + (u - first) as usize);
            }
            offset += (end - first) as usize;
        }
        None
    }
}
