//! Folding of names for tolerant matching.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Leading articles dropped before comparing ("the Netherlands", "la Suisse",
/// "L'Algérie", "El Salvador"). Dropped on both sides, so a name that itself
/// starts with one still matches.
const LEADING_ARTICLES: &[&str] = &["the", "la", "le", "les", "l", "el", "los", "las"];

/// Folds a name to the key used for matching: lower case, compatibility
/// decomposition with accents and other combining marks removed (this also
/// folds Arabic hamza forms of alef, harakat and Cyrillic ё), Arabic tatweel
/// removed and ة/ى folded to ه/ي, every non-alphanumeric character (quotes of
/// any kind, hyphens, brackets, dots) turned into a space, runs of spaces
/// collapsed and one leading article dropped.
///
/// Exists because officials type State names with or without accents, with
/// typographic apostrophes and stray spaces: "Cote d’Ivoire", "  the netherlands ".
pub fn normalize_name(name: &str) -> String {
    // Names typed in English, French or Spanish are mostly plain ASCII, and
    // every run folds the 1,200 names of the reference data at start-up.
    let folded = if name.is_ascii() {
        fold_ascii_name(name)
    } else {
        fold_common_name(name).unwrap_or_else(|| fold_name(name))
    };
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    if words.len() > 1 && words.first().is_some_and(|w| LEADING_ARTICLES.contains(w)) {
        words.remove(0);
    }
    words.join(" ")
}

/// The character fold of [`normalize_name`].
fn fold_name(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    for c in name.to_lowercase().nfkd() {
        if is_combining_mark(c) || c == '\u{0640}' {
            continue;
        }
        let c = match c {
            '\u{0629}' => '\u{0647}',
            '\u{0649}' => '\u{064A}',
            other => other,
        };
        if crate::text::letters::is_alphanumeric(c) {
            folded.push(c);
        } else {
            folded.push(' ');
        }
    }
    folded
}

/// [`fold_name`] for names written in ASCII and the common letters of the
/// Arabic, Chinese and Russian alphabets, whose folds are known without
/// looking up case, decomposition and marks (a tenth of start-up's
/// instructions went to folding the reference data's names in those
/// scripts). `None` when a character needs the general fold.
fn fold_common_name(name: &str) -> Option<String> {
    let mut folded = String::with_capacity(name.len());
    for c in name.chars() {
        folded.push(fold_common_char(c)?);
    }
    Some(folded)
}

/// The fold of one character of [`fold_common_name`]; `None` when it needs
/// the general fold.
fn fold_common_char(c: char) -> Option<char> {
    Some(match c {
        'a'..='z' | '0'..='9' => c,
        'A'..='Z' => c.to_ascii_lowercase(),
        '\0'..='\x7F' => ' ',
        // Cyrillic capitals to small letters; й and ё lose their marks.
        'Й' | 'й' => 'и',
        'Ё' | 'ё' => 'е',
        'А'..='Я' => char::from_u32(u32::from(c) + 0x20)?,
        'а'..='я' => c,
        // Arabic hamza forms to their base letters; ta marbuta and alef
        // maqsura unified as the general fold does.
        'آ' | 'أ' | 'إ' => 'ا',
        'ؤ' => 'و',
        'ئ' | 'ى' => 'ي',
        'ة' => 'ه',
        '\u{0621}' | '\u{0627}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => c,
        // CJK Unified Ideographs: no case, no decomposition.
        '\u{4E00}'..='\u{9FFF}' => c,
        _ => return None,
    })
}

/// [`fold_name`] for ASCII text, where lower-casing and decomposition
/// change nothing but letter case.
fn fold_ascii_name(name: &str) -> String {
    name.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b.to_ascii_lowercase())
            } else {
                ' '
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{fold_ascii_name, fold_common_char, fold_common_name, fold_name, normalize_name};

    #[test]
    fn folds_case_accents_punctuation_and_spaces() {
        assert_eq!(normalize_name("Côte d'Ivoire"), "cote d ivoire");
        assert_eq!(normalize_name("Cote d’Ivoire"), "cote d ivoire");
        assert_eq!(normalize_name("  the   NETHERLANDS "), "netherlands");
        assert_eq!(normalize_name("Türkiye"), "turkiye");
        assert_eq!(normalize_name("Guinea-Bissau"), "guinea bissau");
    }

    #[test]
    fn drops_one_leading_article_but_never_the_whole_name() {
        assert_eq!(normalize_name("L'Algérie"), "algerie");
        assert_eq!(normalize_name("El Salvador"), "salvador");
        assert_eq!(normalize_name("The"), "the");
    }

    #[test]
    fn folds_arabic_and_cyrillic_variants() {
        assert_eq!(normalize_name("إسبانيا"), normalize_name("اسبانيا"));
        assert_eq!(normalize_name("مالطة"), normalize_name("مالطه"));
        assert_eq!(normalize_name("Соединённое"), normalize_name("Соединенное"));
    }

    #[test]
    fn the_ascii_fold_is_the_general_fold_of_ascii_text() {
        let every_byte: String = (0u8..128).map(char::from).collect();
        let reference = crate::reference::ReferenceData::builtin().expect("reference data");
        let names = reference
            .states()
            .iter()
            .flat_map(|s| s.all_names())
            .filter(|n| n.is_ascii());
        let mut compared = 0;
        for name in names.chain([every_byte.as_str(), "  L'ALGÉRIE"]) {
            if name.is_ascii() {
                assert_eq!(fold_ascii_name(name), fold_name(name), "{name:?}");
                compared += 1;
            }
        }
        assert!(compared > 300, "{compared} ASCII names");
    }

    #[test]
    fn the_common_fold_is_the_general_fold() {
        let mut compared = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if let Some(folded) = fold_common_char(c) {
                assert_eq!(
                    fold_name(&c.to_string()),
                    folded.to_string(),
                    "U+{:04X}",
                    u32::from(c)
                );
                compared += 1;
            }
        }
        assert!(compared > 20_000, "{compared} characters");
        let reference = crate::reference::ReferenceData::builtin().expect("reference data");
        let mut names = 0;
        for name in reference.states().iter().flat_map(|s| s.all_names()) {
            if let Some(folded) = fold_common_name(name) {
                assert_eq!(folded, fold_name(name), "{name:?}");
                names += !name.is_ascii() as usize;
            }
        }
        // Most Arabic, Chinese and Russian names take the common fold.
        assert!(names > 400, "{names} names");
    }

    #[test]
    fn folds_full_width_brackets_in_chinese() {
        assert_eq!(normalize_name("刚果（布）"), "刚果 布");
    }
}
