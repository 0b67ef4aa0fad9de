//! The rule catalogue (`seeds/rules.toml`): codes, severities and the words
//! an official reads, per language. Rules only produce [`Finding`]s; all
//! wording lives here as data, so a translation is a data edit.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::diagnostic::{Diagnostic, Finding, Severity};

mod ui;

pub use ui::{Plural, UiText};

const CATALOGUE: &str = include_str!("../seeds/rules.toml");

/// Words for one rule in one language.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleText {
    /// Short name of the rule.
    pub title: String,
    /// What is wrong; may contain `{placeholders}`.
    pub message: String,
    /// How to fix it; may contain `{placeholders}`.
    pub help: String,
}

/// One rule of the catalogue.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Stable dotted code.
    pub code: String,
    /// Severity of its findings.
    pub severity: Severity,
    /// Words per language.
    pub text: BTreeMap<String, RuleText>,
}

/// The whole catalogue.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Languages every rule must have words in.
    pub languages: Vec<String>,
    /// Fixed words of the text output, per language (`[ui.LANG]`).
    #[serde(default)]
    pub ui: BTreeMap<String, UiText>,
    /// The rules, in the order `gcm-review rules` lists them.
    #[serde(rename = "rule")]
    pub rules: Vec<Rule>,
}

/// Why the catalogue could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("seeds/rules.toml: {0}")]
pub struct CatalogueError(pub String);

impl Catalogue {
    /// Parses and checks the built-in catalogue.
    pub fn load() -> Result<Catalogue, CatalogueError> {
        Self::parse(CATALOGUE)
    }

    /// The built-in catalogue, parsed once per process.
    pub fn builtin() -> Result<&'static Catalogue, CatalogueError> {
        static CELL: OnceLock<Result<Catalogue, CatalogueError>> = OnceLock::new();
        CELL.get_or_init(Catalogue::load)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Parses and checks catalogue TOML.
    pub fn parse(text: &str) -> Result<Catalogue, CatalogueError> {
        let catalogue: Catalogue =
            toml::from_str(text).map_err(|e| CatalogueError(e.to_string()))?;
        let mut seen = std::collections::BTreeSet::new();
        for rule in &catalogue.rules {
            if !seen.insert(rule.code.as_str()) {
                return Err(CatalogueError(format!(
                    "rule `{}` is listed twice",
                    rule.code
                )));
            }
            for lang in &catalogue.languages {
                let Some(text) = rule.text.get(lang) else {
                    return Err(CatalogueError(format!(
                        "rule `{}` has no text in language `{lang}`",
                        rule.code
                    )));
                };
                if text.title.trim().is_empty()
                    || text.message.trim().is_empty()
                    || text.help.trim().is_empty()
                {
                    return Err(CatalogueError(format!(
                        "rule `{}` has an empty title, message or help in `{lang}`",
                        rule.code
                    )));
                }
            }
            check_rule_placeholders(rule)?;
        }
        check_ui(&catalogue)?;
        Ok(catalogue)
    }

    /// The fixed words of the text output in `lang`, else English.
    pub fn ui(&self, lang: &str) -> &UiText {
        self.ui
            .get(lang)
            .or_else(|| self.ui.get("en"))
            .unwrap_or_else(|| UiText::fallback())
    }

    /// The rule with this code.
    pub fn rule(&self, code: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.code == code)
    }

    /// True when messages exist in `lang` for every rule.
    pub fn supports(&self, lang: &str) -> bool {
        self.languages.iter().any(|l| l == lang)
    }

    /// Puts a finding into words in `lang` (English when the language is not
    /// in the catalogue). An unknown code still renders, naming the code, so a
    /// programming slip never hides a finding.
    pub fn render(&self, finding: &Finding, lang: &str) -> Diagnostic {
        let Some(rule) = self.rule(finding.code) else {
            return Diagnostic {
                code: finding.code.to_string(),
                severity: Severity::Error,
                message: format!(
                    "Finding {} (no description in the catalogue).",
                    finding.code
                ),
                help: String::new(),
                location: finding.location.clone(),
            };
        };
        let text = rule
            .text
            .get(lang)
            .or_else(|| rule.text.get("en"))
            .or_else(|| rule.text.values().next());
        let (message, help) = match text {
            Some(t) => (
                fill(&t.message, &finding.args),
                fill(&t.help, &finding.args),
            ),
            None => (rule.code.clone(), String::new()),
        };
        Diagnostic {
            code: rule.code.clone(),
            severity: rule.severity,
            message,
            help,
            location: finding.location.clone(),
        }
    }
}

/// The fixed words of the text output in `lang`, from the built-in catalogue.
pub fn ui_words(lang: &str) -> &'static UiText {
    match Catalogue::builtin() {
        Ok(c) => c.ui(lang),
        Err(_) => UiText::fallback(),
    }
}

/// A translation that drops or renames a placeholder would show an official
/// a message with a hole in it (or a raw `{name}`), so every language must use
/// exactly the placeholder names of the English text.
fn check_rule_placeholders(rule: &Rule) -> Result<(), CatalogueError> {
    let Some(en) = rule.text.get("en") else {
        return Ok(());
    };
    for (lang, text) in &rule.text {
        for (field, english, translated) in [
            ("title", &en.title, &text.title),
            ("message", &en.message, &text.message),
            ("help", &en.help, &text.help),
        ] {
            if placeholder_set(english) != placeholder_set(translated) {
                return Err(CatalogueError(format!(
                    "rule `{}`: the {field} in `{lang}` uses the placeholders {:?}, but the English one uses {:?}",
                    rule.code,
                    placeholder_set(translated),
                    placeholder_set(english)
                )));
            }
        }
    }
    Ok(())
}

/// Every listed language needs its fixed words, with the English placeholders.
fn check_ui(catalogue: &Catalogue) -> Result<(), CatalogueError> {
    for lang in &catalogue.languages {
        if !catalogue.ui.contains_key(lang) {
            return Err(CatalogueError(format!(
                "no fixed words ([ui.{lang}]) for language `{lang}`"
            )));
        }
    }
    let Some(en) = catalogue.ui.get("en") else {
        return Ok(());
    };
    let english = en.fields();
    for (lang, ui) in &catalogue.ui {
        for ((name, english), (_, translated)) in english.iter().zip(ui.fields()) {
            if translated.trim().is_empty() {
                return Err(CatalogueError(format!("[ui.{lang}] `{name}` is empty")));
            }
            if placeholder_set(english) != placeholder_set(translated) {
                return Err(CatalogueError(format!(
                    "[ui.{lang}] `{name}` must use the placeholders {:?}",
                    placeholder_set(english)
                )));
            }
        }
    }
    Ok(())
}

/// Placeholder names of a text, sorted and without repeats.
pub fn placeholder_set(text: &str) -> std::collections::BTreeSet<String> {
    placeholders(text).into_iter().collect()
}

/// Replaces `{name}` placeholders with their values.
pub fn fill(template: &str, args: &[(&'static str, String)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Placeholder names used in a text, for catalogue tests.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = rest.get(start + 1..).unwrap_or("");
        match after.find('}') {
            Some(end) => {
                names.push(after.get(..end).unwrap_or("").to_string());
                rest = after.get(end + 1..).unwrap_or("");
            }
            None => break,
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;

    #[test]
    fn catalogue_loads_and_codes_are_dotted() {
        let c = Catalogue::load().expect("catalogue");
        assert!(c.rules.len() > 30);
        for rule in &c.rules {
            let (family, name) = rule.code.split_once('.').expect("dotted code");
            assert!(
                [
                    "input",
                    "schema",
                    "structure",
                    "cover",
                    "objectives",
                    "length",
                    "docx",
                    "scope"
                ]
                .contains(&family),
                "{}",
                rule.code
            );
            assert!(!name.is_empty());
        }
    }

    #[test]
    fn input_rules_are_errors_so_unreadable_files_fail() {
        let c = Catalogue::load().expect("catalogue");
        for rule in c.rules.iter().filter(|r| r.code.starts_with("input.")) {
            assert_eq!(rule.severity, Severity::Error, "{}", rule.code);
        }
    }

    #[test]
    fn a_rule_without_text_in_a_listed_language_is_refused() {
        let text = CATALOGUE.replacen("languages = [\"en\"", "languages = [\"en\", \"xx\"", 1);
        assert_ne!(text, CATALOGUE, "the languages line was found");
        let err = Catalogue::parse(&text).expect_err("missing language");
        assert!(err.0.contains("has no text in language `xx`"), "{err}");
    }

    #[test]
    fn french_and_spanish_are_listed_and_complete() {
        let c = Catalogue::load().expect("catalogue");
        for lang in ["en", "fr", "es"] {
            assert!(c.supports(lang), "{lang}");
            assert!(c.ui.contains_key(lang), "[ui.{lang}]");
            for rule in &c.rules {
                assert!(rule.text.contains_key(lang), "{} in {lang}", rule.code);
            }
        }
    }

    #[test]
    fn every_language_uses_exactly_the_english_placeholders() {
        let c = Catalogue::load().expect("catalogue");
        for rule in &c.rules {
            let en = rule.text.get("en").expect("English text");
            for (lang, text) in &rule.text {
                assert_eq!(
                    placeholder_set(&text.message),
                    placeholder_set(&en.message),
                    "{} message in {lang}",
                    rule.code
                );
                assert_eq!(
                    placeholder_set(&text.help),
                    placeholder_set(&en.help),
                    "{} help in {lang}",
                    rule.code
                );
                assert_eq!(
                    placeholder_set(&text.title),
                    placeholder_set(&en.title),
                    "{} title in {lang}",
                    rule.code
                );
            }
        }
    }

    #[test]
    fn a_translation_with_a_renamed_placeholder_is_refused() {
        let broken = CATALOGUE.replacen(
            "La section «\u{a0}{section_title}\u{a0}» est introuvable.",
            "La section «\u{a0}{titre}\u{a0}» est introuvable.",
            1,
        );
        assert_ne!(broken, CATALOGUE, "the French text was found");
        let err = Catalogue::parse(&broken).expect_err("renamed placeholder");
        assert!(err.0.contains("structure.missing-section"), "{err}");
        assert!(err.0.contains("`fr`"), "{err}");
    }

    #[test]
    fn ui_words_without_the_summary_placeholders_are_refused() {
        let at = CATALOGUE.find("[ui.es]").expect("ui.es");
        let (head, tail) = CATALOGUE.split_at(at);
        let broken = format!("{head}{}", tail.replacen(", {unreadable}\"", "\"", 1));
        assert_ne!(broken, CATALOGUE, "the Spanish summary was found");
        let err = Catalogue::parse(&broken).expect_err("missing placeholder");
        assert!(err.0.contains("[ui.es]"), "{err}");
    }

    #[test]
    fn messages_render_in_french_and_spanish() {
        let c = Catalogue::load().expect("catalogue");
        let finding = Finding::new("structure.missing-section", Location::section("next_steps"))
            .arg("section_title", "Prochaines étapes");
        let fr = c.render(&finding, "fr");
        assert!(fr.message.contains("Prochaines étapes"), "{}", fr.message);
        assert!(fr.message.starts_with("La section"), "{}", fr.message);
        let es = c.render(&finding, "es");
        assert!(es.message.starts_with("No se encontró"), "{}", es.message);
    }

    #[test]
    fn french_counts_take_the_singular_for_zero() {
        let c = Catalogue::load().expect("catalogue");
        let fr = c.ui("fr");
        assert_eq!(fr.count(&fr.errors, 0), "0 erreur");
        assert_eq!(fr.count(&fr.errors, 2), "2 erreurs");
        let en = c.ui("en");
        assert_eq!(en.count(&en.errors, 0), "0 errors");
        assert_eq!(c.ui("xx").valid, "valid");
    }

    #[test]
    fn placeholders_are_filled() {
        let c = Catalogue::load().expect("catalogue");
        let finding = Finding::new("structure.missing-section", Location::section("next_steps"))
            .arg("section_title", "Next steps");
        let d = c.render(&finding, "en");
        assert_eq!(d.severity, Severity::Error);
        assert!(d.message.contains("“Next steps”"), "{}", d.message);
        assert!(!d.message.contains('{'));
    }

    #[test]
    fn placeholder_parser_finds_names() {
        assert_eq!(placeholders("a {x} b {y_z}"), vec!["x", "y_z"]);
        assert!(placeholders("none").is_empty());
    }
}
