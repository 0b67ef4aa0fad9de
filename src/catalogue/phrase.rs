//! The phrase book (`[[phrase]]` in `seeds/rules.toml`): English phrases that
//! reach a message as a placeholder value (the reason a Word file is damaged,
//! the kind of value a JSON field needs), with their translations.
//!
//! The reader and the schema check describe what they found in English, like
//! gettext's source strings; the catalogue looks the value up here when it
//! fills a placeholder listed in `phrase_placeholders`. A phrase may contain
//! `{name}` parts that match any text ("part {part}: {error}"); the matched
//! text is itself looked up, so nested phrases translate too. Text that is in
//! no entry (a file name, a parser's own wording) is kept as it is.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One phrase with its translations.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Phrase {
    /// `{name}` parts that must themselves be phrases for this entry to match
    /// (for joining phrases, such as "{first} or {second}").
    #[serde(default)]
    pub nested: Vec<String>,
    /// The text per language; `en` is the phrase as the code writes it.
    #[serde(flatten)]
    pub text: BTreeMap<String, String>,
}

/// How deep nested phrases are followed (a guard, real phrases nest twice).
const MAX_DEPTH: usize = 4;

/// One piece of an English pattern.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    Literal(&'a str),
    Capture(&'a str),
}

/// True for the names `{name}` parts use (letters, digits, `_`).
fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Splits a pattern into literals and `{name}` captures; braces around
/// anything else (`{ }`) are literal text.
fn pieces(pattern: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = pattern;
    let mut literal_start = 0;
    let mut offset = 0;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find('}') else { break };
        let name = after.get(..close).unwrap_or("");
        let consumed = open + 1 + close + 1;
        if is_name(name) {
            let lit = pattern.get(literal_start..offset + open).unwrap_or("");
            if !lit.is_empty() {
                out.push(Piece::Literal(lit));
            }
            out.push(Piece::Capture(name));
            literal_start = offset + consumed;
        }
        offset += consumed;
        rest = after.get(close + 1..).unwrap_or("");
    }
    let tail = pattern.get(literal_start..).unwrap_or("");
    if !tail.is_empty() {
        out.push(Piece::Literal(tail));
    }
    out
}

/// Matches `value` against a pattern: literals exactly, each capture the
/// shortest text before the next literal (the last one takes the rest).
fn captures<'v>(pattern: &str, value: &'v str) -> Option<Vec<(String, &'v str)>> {
    let pieces = pieces(pattern);
    let mut out = Vec::new();
    let mut rest = value;
    let mut i = 0;
    while let Some(piece) = pieces.get(i) {
        match piece {
            Piece::Literal(lit) => rest = rest.strip_prefix(lit)?,
            Piece::Capture(name) => {
                let (taken, left) = match pieces.get(i + 1) {
                    Some(Piece::Literal(lit)) => {
                        let at = rest.find(lit)?;
                        (rest.get(..at)?, rest.get(at..)?)
                    }
                    // Two captures in a row cannot be split: no match.
                    Some(Piece::Capture(_)) => return None,
                    None => (rest, ""),
                };
                if taken.is_empty() {
                    return None;
                }
                out.push(((*name).to_string(), taken));
                rest = left;
            }
        }
        i += 1;
    }
    rest.is_empty().then_some(out)
}

/// `value` in `lang` when the phrase book knows it, else `None`.
pub fn translate(phrases: &[Phrase], value: &str, lang: &str) -> Option<String> {
    translate_at(phrases, value, lang, 0)
}

fn translate_at(phrases: &[Phrase], value: &str, lang: &str, depth: usize) -> Option<String> {
    if depth > MAX_DEPTH {
        return None;
    }
    for phrase in phrases {
        let Some(english) = phrase.text.get("en") else {
            continue;
        };
        let Some(found) = captures(english, value) else {
            continue;
        };
        let mut parts = Vec::with_capacity(found.len());
        let mut complete = true;
        for (name, text) in found {
            match translate_at(phrases, text, lang, depth + 1) {
                Some(t) => parts.push((name, t)),
                None if phrase.nested.contains(&name) => {
                    complete = false;
                    break;
                }
                None => parts.push((name, text.to_string())),
            }
        }
        if !complete {
            continue;
        }
        let target = phrase.text.get(lang).unwrap_or(english);
        let mut out = target.clone();
        for (name, text) in parts {
            out = out.replace(&format!("{{{name}}}"), &text);
        }
        return Some(out);
    }
    None
}

/// Capture names of a pattern, for the catalogue's checks.
pub fn capture_names(pattern: &str) -> std::collections::BTreeSet<String> {
    pieces(pattern)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Capture(name) => Some(name.to_string()),
            Piece::Literal(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> Vec<Phrase> {
        let entry = |en: &str, fr: &str, nested: &[&str]| Phrase {
            nested: nested.iter().map(|s| s.to_string()).collect(),
            text: [("en", en), ("fr", fr)]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        };
        vec![
            entry("the whole package", "l'ensemble du paquet", &[]),
            entry("part {part}: {error}", "partie {part} : {error}", &[]),
            entry("text in quotes", "du texte entre guillemets", &[]),
            entry("a number", "un nombre", &[]),
            entry(
                "{first} or {second}",
                "{first} ou {second}",
                &["first", "second"],
            ),
            entry("an object in { }", "un objet entre { }", &[]),
        ]
    }

    #[test]
    fn exact_phrases_translate() {
        assert_eq!(
            translate(&book(), "the whole package", "fr").as_deref(),
            Some("l'ensemble du paquet")
        );
        assert_eq!(translate(&book(), "the whole package!", "fr"), None);
        assert_eq!(
            translate(&book(), "an object in { }", "fr").as_deref(),
            Some("un objet entre { }")
        );
    }

    #[test]
    fn captures_keep_unknown_text_and_translate_known_phrases() {
        assert_eq!(
            translate(&book(), "part word/document.xml: CRC mismatch", "fr").as_deref(),
            Some("partie word/document.xml : CRC mismatch")
        );
        assert_eq!(
            translate(&book(), "part a.xml: the whole package", "fr").as_deref(),
            Some("partie a.xml : l'ensemble du paquet")
        );
    }

    #[test]
    fn nested_captures_must_be_phrases() {
        assert_eq!(
            translate(&book(), "text in quotes or a number", "fr").as_deref(),
            Some("du texte entre guillemets ou un nombre")
        );
        // A parser message that merely contains " or " is left alone.
        assert_eq!(translate(&book(), "No such file or directory", "fr"), None);
    }

    #[test]
    fn unknown_languages_keep_the_english() {
        assert_eq!(
            translate(&book(), "a number", "xx").as_deref(),
            Some("a number")
        );
    }

    #[test]
    fn pattern_pieces() {
        assert_eq!(
            pieces("part {part}: {error}"),
            vec![
                Piece::Literal("part "),
                Piece::Capture("part"),
                Piece::Literal(": "),
                Piece::Capture("error")
            ]
        );
        assert_eq!(pieces("in { }"), vec![Piece::Literal("in { }")]);
        assert!(capture_names("in { } {x}").contains("x"));
    }
}
