//! The rule catalogue (`seeds/rules.toml`): codes, severities and the words
//! an official reads, per language. Rules only produce [`Finding`]s; all
//! wording lives here as data, so a translation is a data edit.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::diagnostic::{Diagnostic, Finding, Severity};

mod phrase;
mod ui;

pub use phrase::Phrase;
pub use ui::{Plural, UiText, WorkbookWords};

/// The catalogue as written (tests break copies of it on purpose).
#[cfg(test)]
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
    /// Listed languages whose texts still await review by a UN language
    /// professional (translations made by the project).
    #[serde(default)]
    pub unreviewed: Vec<String>,
    /// Placeholders whose values may be English phrases of the phrase book
    /// (`[[phrase]]`), translated when the message is filled in.
    #[serde(default)]
    pub phrase_placeholders: Vec<String>,
    /// The phrase book.
    #[serde(default, rename = "phrase")]
    pub phrases: Vec<Phrase>,
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
        Self::parse(crate::embedded::RULES)
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
        let catalogue: Catalogue = crate::embedded::from_str(text).map_err(CatalogueError)?;
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
        check_phrases(&catalogue)?;
        for lang in &catalogue.unreviewed {
            if !catalogue.supports(lang) {
                return Err(CatalogueError(format!(
                    "`unreviewed` names `{lang}`, which is not in `languages`"
                )));
            }
        }
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
        let args = self.translated_args(&finding.args, lang);
        let (message, help) = match text {
            Some(t) => (fill(&t.message, &args), fill(&t.help, &args)),
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

impl Catalogue {
    /// Placeholder values in `lang`: values of the `phrase_placeholders` that
    /// the phrase book knows are translated, every other value is kept.
    fn translated_args(
        &self,
        args: &[(&'static str, String)],
        lang: &str,
    ) -> Vec<(&'static str, String)> {
        args.iter()
            .map(|(name, value)| {
                let translated = self
                    .phrase_placeholders
                    .iter()
                    .any(|p| p == name)
                    .then(|| phrase::translate(&self.phrases, value, lang))
                    .flatten();
                (*name, translated.unwrap_or_else(|| value.clone()))
            })
            .collect()
    }

    /// A placeholder value in `lang` when it is a phrase of the phrase book.
    pub fn phrase(&self, value: &str, lang: &str) -> Option<String> {
        phrase::translate(&self.phrases, value, lang)
    }
}

/// Every phrase needs every listed language, with the English `{parts}`.
fn check_phrases(catalogue: &Catalogue) -> Result<(), CatalogueError> {
    for p in &catalogue.phrases {
        let Some(en) = p.text.get("en") else {
            return Err(CatalogueError("a [[phrase]] has no `en` text".into()));
        };
        let parts = phrase::capture_names(en);
        for name in &p.nested {
            if !parts.contains(name) {
                return Err(CatalogueError(format!(
                    "phrase “{en}”: `nested` names {{{name}}}, which the English text lacks"
                )));
            }
        }
        for lang in &catalogue.languages {
            let Some(text) = p.text.get(lang).filter(|t| !t.trim().is_empty()) else {
                return Err(CatalogueError(format!(
                    "phrase “{en}” has no text in language `{lang}`"
                )));
            };
            if phrase::capture_names(text) != parts {
                return Err(CatalogueError(format!(
                    "phrase “{en}” in `{lang}` must use the parts {parts:?}"
                )));
            }
        }
        for lang in p.text.keys() {
            if !catalogue.supports(lang) {
                return Err(CatalogueError(format!(
                    "phrase “{en}” has text in `{lang}`, which is not in `languages`"
                )));
            }
        }
    }
    Ok(())
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
        check_workbook_words(lang, &ui.workbook, &en.workbook)?;
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

/// Every language names every column English names, and its sheet names are
/// ones Excel accepts (at most 31 characters, none of `[]:*?/\`).
fn check_workbook_words(
    lang: &str,
    words: &WorkbookWords,
    english: &WorkbookWords,
) -> Result<(), CatalogueError> {
    for key in english.columns.keys() {
        if words.columns.get(key).is_none_or(|h| h.trim().is_empty()) {
            return Err(CatalogueError(format!(
                "[ui.{lang}.workbook.columns] has no header for `{key}`"
            )));
        }
    }
    if let Some(extra) = words
        .columns
        .keys()
        .find(|k| !english.columns.contains_key(*k))
    {
        return Err(CatalogueError(format!(
            "[ui.{lang}.workbook.columns] names `{extra}`, which English does not"
        )));
    }
    for sheet in [&words.reports, &words.findings, &words.by_rule] {
        if sheet.chars().count() > 31 || sheet.contains(['[', ']', ':', '*', '?', '/', '\\']) {
            return Err(CatalogueError(format!(
                "[ui.{lang}.workbook] sheet name “{sheet}” is not one Excel accepts"
            )));
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
    fn the_six_un_languages_are_listed_and_complete() {
        let c = Catalogue::load().expect("catalogue");
        assert_eq!(c.languages, ["en", "fr", "es", "ar", "ru", "zh"]);
        for lang in crate::template::UN_LANGUAGES {
            assert!(c.supports(lang), "{lang}");
            assert!(c.ui.contains_key(lang), "[ui.{lang}]");
            for rule in &c.rules {
                assert!(rule.text.contains_key(lang), "{} in {lang}", rule.code);
            }
            for p in &c.phrases {
                assert!(
                    p.text.contains_key(lang),
                    "{:?} in {lang}",
                    p.text.get("en")
                );
            }
        }
    }

    #[test]
    fn arabic_russian_and_chinese_are_marked_as_awaiting_review() {
        let c = Catalogue::load().expect("catalogue");
        assert_eq!(c.unreviewed, ["ar", "ru", "zh"]);
        assert!(CATALOGUE.contains("AWAIT REVIEW by a UN language professional"));
    }

    #[test]
    fn un_terminology_is_used_for_the_compacts() {
        let c = Catalogue::load().expect("catalogue");
        let scope = c.rule("scope.displacement").expect("rule");
        let help = |lang: &str| {
            scope
                .text
                .get(lang)
                .map(|t| t.help.clone())
                .unwrap_or_default()
        };
        assert!(help("ar").contains("الاتفاق العالمي من أجل الهجرة الآمنة والمنظمة والنظامية"));
        assert!(help("zh").contains("安全、有序和正常移民全球契约"));
        assert!(help("ru")
            .contains("Глобальному договору о безопасной, упорядоченной и легальной миграции"));
    }

    #[test]
    fn a_phrase_without_a_listed_language_is_refused() {
        let broken = CATALOGUE.replacen("zh = \"整个包\"\n", "", 1);
        assert_ne!(broken, CATALOGUE, "the Chinese phrase was found");
        let err = Catalogue::parse(&broken).expect_err("missing phrase language");
        assert!(err.0.contains("the whole package"), "{err}");
        assert!(err.0.contains("`zh`"), "{err}");
    }

    #[test]
    fn a_phrase_with_a_renamed_part_is_refused() {
        let broken = CATALOGUE.replacen(
            "ru = \"часть {part}: {error}\"",
            "ru = \"часть {chast}: {error}\"",
            1,
        );
        assert_ne!(broken, CATALOGUE, "the Russian phrase was found");
        let err = Catalogue::parse(&broken).expect_err("renamed part");
        assert!(err.0.contains("part {part}: {error}"), "{err}");
    }

    #[test]
    fn reader_and_schema_phrases_are_translated_in_placeholders() {
        let c = Catalogue::load().expect("catalogue");
        let finding = Finding::new("input.too-large", Location::default())
            .arg("what", "the whole package")
            .arg("limit", "200 MB");
        let fr = c.render(&finding, "fr");
        assert!(
            fr.message
                .contains("l'ensemble de l'archive dépasse 200 MB"),
            "{}",
            fr.message
        );
        let damaged = Finding::new("input.damaged", Location::default()).arg(
            "detail",
            "the zip container: invalid Zip archive: Could not find EOCD",
        );
        let zh = c.render(&damaged, "zh");
        assert!(
            zh.message.contains("zip 容器：invalid Zip archive"),
            "{}",
            zh.message
        );
        let en = c.render(&damaged, "en");
        assert!(
            en.message
                .contains("the zip container: invalid Zip archive"),
            "{}",
            en.message
        );
        let wrong = Finding::new("schema.wrong-type", Location::default())
            .arg("pointer", "/cover/iso3")
            .arg("expected", "text in quotes or a whole number");
        let es = c.render(&wrong, "es");
        assert!(
            es.message
                .contains("un texto entre comillas o un número entero"),
            "{}",
            es.message
        );
    }

    #[test]
    fn user_values_are_never_translated() {
        let c = Catalogue::load().expect("catalogue");
        // `value` is not a phrase placeholder: an official's own words stay.
        let finding = Finding::new("cover.invalid-email", Location::section("cover"))
            .arg("value", "the file");
        let fr = c.render(&finding, "fr");
        assert!(
            fr.message.contains("«\u{a0}the file\u{a0}»"),
            "{}",
            fr.message
        );
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
    fn workbook_words_must_name_every_column_and_fit_excel() {
        let at = CATALOGUE
            .find("[ui.ru.workbook.columns]")
            .expect("ru columns");
        let (head, tail) = CATALOGUE.split_at(at);
        let missing = format!("{head}{}", tail.replacen("excerpt = \"Фрагмент\"\n", "", 1));
        assert_ne!(missing, CATALOGUE, "the Russian excerpt header was found");
        let err = Catalogue::parse(&missing).expect_err("missing header");
        assert!(
            err.0.contains("[ui.ru.workbook.columns]") && err.0.contains("excerpt"),
            "{err}"
        );

        let bad_sheet =
            CATALOGUE.replacen("by_rule = \"Por regla\"", "by_rule = \"Por regla?\"", 1);
        assert_ne!(bad_sheet, CATALOGUE, "the Spanish sheet name was found");
        let err = Catalogue::parse(&bad_sheet).expect_err("bad sheet name");
        assert!(err.0.contains("Excel"), "{err}");
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
