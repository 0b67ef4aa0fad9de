//! Block language detection with whatlang, limited to the six UN languages.
//!
//! Why only informative: the decision uses all six lexicons whatever the
//! language (reports quote names across languages); the language only helps
//! pick which lexicon entry to name when a form is shared, and lets callers
//! phrase messages. whatlang is unreliable on three- or four-word phrases
//! (ENGINEERING.md §4), so unreliable results give `None`.
//!
//! Cost: whatlang over all its languages takes ~80 µs on a Latin-script
//! paragraph, ten times the matching itself. It is restricted to the six UN
//! languages plus a few "decoys" (German, Portuguese, Italian, Dutch,
//! Ukrainian, Japanese, Persian, Urdu) so that a report in one of those is
//! answered `None` rather than forced into a UN language; that brings it to
//! ~14 µs. Only the first [`MAX_BYTES`] are read.

use whatlang::{Detector, Lang};

/// How much of a unit is looked at: a paragraph's first sentences decide its
/// language, and the cost stays bounded on huge inputs.
const MAX_BYTES: usize = 200;

#[derive(Debug)]
pub(crate) struct LanguageDetector {
    detector: Detector,
}

impl LanguageDetector {
    pub(crate) fn new() -> LanguageDetector {
        LanguageDetector {
            detector: Detector::with_allowlist(vec![
                Lang::Eng,
                Lang::Fra,
                Lang::Spa,
                Lang::Rus,
                Lang::Ara,
                Lang::Cmn,
                // Decoys: detected, then answered `None`.
                Lang::Deu,
                Lang::Por,
                Lang::Ita,
                Lang::Nld,
                Lang::Ukr,
                Lang::Jpn,
                Lang::Pes,
                Lang::Urd,
            ]),
        }
    }

    /// "en" | "fr" | "es" | "ru" | "ar" | "zh" when reliable, else `None`.
    pub(crate) fn detect(&self, text: &str) -> Option<&'static str> {
        let mut end = text.len().min(MAX_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let info = self.detector.detect(text.get(..end)?)?;
        if !info.is_reliable() {
            return None;
        }
        match info.lang() {
            Lang::Eng => Some("en"),
            Lang::Fra => Some("fr"),
            Lang::Spa => Some("es"),
            Lang::Rus => Some("ru"),
            Lang::Ara => Some("ar"),
            Lang::Cmn => Some("zh"),
            _ => None,
        }
    }
}
