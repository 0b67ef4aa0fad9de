//! Language tags: validation and the per-script `w:lang` attributes.
//!
//! Word keeps three languages per run: `w:val` (Latin and Cyrillic text),
//! `w:eastAsia` (Han) and `w:bidi` (Arabic and other complex scripts). Each
//! must be set for proofing and speech to use the right language.

/// Default complex-script language when the document is not Arabic.
const DEFAULT_BIDI: &str = "ar-SA";
/// Default East Asian language when the document is not Chinese.
const DEFAULT_EAST_ASIA: &str = "zh-CN";

/// A syntactically plausible BCP-47 tag: ASCII letters, digits and hyphens,
/// starting with a letter, no empty subtags, at most 35 characters.
pub(crate) fn is_valid(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag
            .split('-')
            .all(|s| !s.is_empty() && s.len() <= 8 && s.bytes().all(|b| b.is_ascii_alphanumeric()))
        && tag.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
}

fn primary(tag: &str) -> String {
    tag.split('-').next().unwrap_or("").to_ascii_lowercase()
}

/// Whether the language is written right to left (Arabic script languages
/// plus Hebrew, as far as UN work needs).
pub(crate) fn is_rtl(tag: &str) -> bool {
    matches!(
        primary(tag).as_str(),
        "ar" | "fa" | "ur" | "ps" | "he" | "yi" | "ckb" | "sd" | "ug"
    )
}

/// Whether the language is written with Han characters (or other East Asian
/// scripts that Word treats as `eastAsia`).
pub(crate) fn is_east_asian(tag: &str) -> bool {
    matches!(primary(tag).as_str(), "zh" | "ja" | "ko")
}

/// The three `w:lang` attribute values (`val`, `eastAsia`, `bidi`) for a tag.
pub(crate) fn lang_attrs(tag: &str) -> (String, String, String) {
    let bidi = if is_rtl(tag) { tag } else { DEFAULT_BIDI };
    let east_asia = if is_east_asian(tag) {
        tag
    } else {
        DEFAULT_EAST_ASIA
    };
    (tag.to_string(), east_asia.to_string(), bidi.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_tags() {
        for ok in ["en", "en-GB", "ar", "zh-CN", "zh-Hans-CN", "es-419"] {
            assert!(is_valid(ok), "{ok}");
        }
        for bad in ["", "-en", "en-", "en--GB", "1en", "en GB", "en\"", "ä"] {
            assert!(!is_valid(bad), "{bad}");
        }
    }

    #[test]
    fn scripts() {
        assert!(is_rtl("ar"));
        assert!(is_rtl("AR-eg"));
        assert!(!is_rtl("en"));
        assert!(is_east_asian("zh-CN"));
        assert_eq!(
            lang_attrs("zh-CN"),
            ("zh-CN".into(), "zh-CN".into(), "ar-SA".into())
        );
        assert_eq!(lang_attrs("ar"), ("ar".into(), "zh-CN".into(), "ar".into()));
    }
}
