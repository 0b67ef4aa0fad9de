//! Texts in several languages, each with its own verification flag.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One text in one language.
///
/// Exists because the same title can be official in one language and only our
/// rendering in another: messages may quote `verified` texts as official wording,
/// and must present the others as matching aids only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalizedText {
    /// The text, exactly as reviewed.
    pub text: String,
    /// True only when checked against a public source (marked `[V]` in DOMAIN.md).
    pub verified: bool,
}

/// A text keyed by language code (`en`, `fr`, `es`, `ru`, `ar`, `zh`).
///
/// Exists so that rules and writers ask for a language and fall back
/// explicitly, instead of each caller poking into maps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Localized(pub BTreeMap<String, LocalizedText>);

impl Localized {
    /// The text in `lang`, if the seeds have one.
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.0.get(lang).map(|t| t.text.as_str())
    }

    /// The English text. The loader refuses seeds without one, so this is
    /// never empty for data obtained through [`ReferenceData`](super::ReferenceData).
    pub fn en(&self) -> &str {
        self.get("en").unwrap_or_default()
    }

    /// The text in `lang` with its verification flag, to decide whether it may
    /// be printed as official wording.
    pub fn entry(&self, lang: &str) -> Option<&LocalizedText> {
        self.0.get(lang)
    }

    /// Language codes present, in a stable order.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}
