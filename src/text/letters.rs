//! Letter and digit tests that answer for the scripts of the six UN
//! languages by range, before the standard library's table search.
//!
//! Why: loading the scope lexicons and the State names (in Arabic, Chinese
//! and Russian too) asks "is this a letter?" some ten thousand times, and
//! the standard library answers any character outside ASCII by searching
//! its tables. That search was a tenth of start-up's instructions. The
//! answers are the same for every character (a test compares all of them).

/// Whether `c` is a letter: the same answer as [`char::is_alphabetic`].
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7F' => false,
        // Latin-1 letters (not × and ÷), Latin Extended-A and -B.
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{24F}' => true,
        // Cyrillic letters (before the historic signs and marks).
        '\u{400}'..='\u{481}' => true,
        // Arabic letters, tatweel included.
        '\u{621}'..='\u{64A}' => true,
        // CJK Unified Ideographs.
        '\u{4E00}'..='\u{9FFF}' => true,
        _ => c.is_alphabetic(),
    }
}

/// Whether `c` is a letter or a digit: the same answer as
/// [`char::is_alphanumeric`].
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    c.is_ascii_digit() || is_alphabetic(c) || (!c.is_ascii() && c.is_numeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_gets_the_standard_answer() {
        let mut checked = 0u32;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(
                is_alphabetic(c),
                c.is_alphabetic(),
                "{c:?} U+{:04X}",
                c as u32
            );
            assert_eq!(
                is_alphanumeric(c),
                c.is_alphanumeric(),
                "{c:?} U+{:04X}",
                c as u32
            );
            checked += 1;
        }
        // Every Unicode scalar value (surrogates excluded).
        assert_eq!(checked, 0x110000 - 0x800);
    }

    #[test]
    fn the_six_languages_letters() {
        for word in ["migration", "Côte", "Türkiye", "миграция", "الهجرة", "移民"]
        {
            assert!(word.chars().all(is_alphabetic), "{word}");
        }
        for other in [' ', '-', '×', '÷', '«', '’', '٫', '、'] {
            assert!(!is_alphabetic(other), "{other:?}");
        }
        assert!(is_alphanumeric('7') && is_alphanumeric('٣') && !is_alphabetic('٣'));
    }
}
