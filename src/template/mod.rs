//! The indicative template as data (`templates/*.toml`).
//!
//! The template is the one source of truth for the report structure: the JSON
//! Schema, the heading matcher, the rules and the blank DOCX template are all
//! derived from it, so changing the template is a data edit.

mod validate;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The six UN official languages, in the order the tool lists them.
pub const UN_LANGUAGES: [&str; 6] = ["en", "fr", "es", "ru", "ar", "zh"];

/// Text given in several languages, keyed by language code.
pub type Localized = BTreeMap<String, String>;

/// Lists given in several languages, keyed by language code.
pub type LocalizedList = BTreeMap<String, Vec<String>>;

/// The template as written (tests break copies of it on purpose).
#[cfg(test)]
const TEMPLATE_2022: &str = include_str!("../../templates/voluntary-gcm-review-2022.toml");

/// The whole template: identity, length guidance, cover fields, sections and
/// the vocabulary the mapper uses to recognise them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Identity and version.
    pub template: TemplateInfo,
    /// Length guidance (a warning, never an error).
    pub length: LengthGuidance,
    /// Cover page fields, in the order the blank template shows them.
    pub cover: Vec<CoverField>,
    /// The sections, in the template's order.
    pub sections: Vec<SectionSpec>,
    /// Words that introduce an objective number, per language.
    pub objective_markers: LocalizedList,
    /// Headings of sections outside the template that real reports have
    /// (foreword, annexes): kept, never reported.
    pub extra_sections: LocalizedList,
    /// The submitter types, with labels officials write.
    pub submitter_types: Vec<SubmitterType>,
    /// Names of the six languages as officials write them, keyed by code.
    pub languages: LocalizedList,
    /// Folded labels, aliases and language names, made on first use.
    #[serde(skip)]
    folded: std::sync::OnceLock<FoldedNames>,
}

/// The template's labels folded once, so a cover value is compared with
/// ready-folded words (folding every alias in six languages for each report
/// was a visible cost of checking a thousand short reports).
#[derive(Debug, Clone, Default)]
struct FoldedNames {
    /// (folded id, label or alias; index in `submitter_types`), in order.
    submitter_types: Vec<(String, usize)>,
    /// (language code, its folded names), in the template's order.
    languages: Vec<(String, Vec<String>)>,
    /// (folded cover label or alias, field id), longest first.
    cover_labels: Vec<(String, String)>,
}

/// One kind of submitter (Member State, civil society, ...).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmitterType {
    /// Stable id, the value in JSON reports.
    pub id: String,
    /// True for States, which must give a State name and ISO3 code.
    pub state: bool,
    /// The label per language.
    pub label: Localized,
    /// Other words for it.
    #[serde(default)]
    pub aliases: LocalizedList,
}

/// Identity of the template.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateInfo {
    /// Stable id, e.g. `voluntary-gcm-review-2022`.
    pub id: String,
    /// Semantic version; it appears in the JSON Schema `$id`.
    pub version: String,
    /// The review cycle the template serves.
    pub cycle: String,
    /// False until checked against the official template.
    pub verified: bool,
    /// The template's name per language.
    pub name: Localized,
}

/// Length guidance for the whole report.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LengthGuidance {
    /// False while the figure is a recollection, not an official limit.
    pub verified: bool,
    /// Words above which the report gets a warning.
    pub max_words: usize,
    /// Explanation shown in the warning's help, per language.
    pub note: Localized,
}

/// How a cover value is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverKind {
    /// Free text.
    Text,
    /// An e-mail address.
    Email,
    /// A calendar date, YYYY-MM-DD, not in the future.
    Date,
    /// One of the submitter types.
    SubmitterType,
    /// An ISO 3166-1 alpha-3 code of a UN Member or observer State.
    StateIso3,
    /// The name of a UN Member or observer State.
    StateName,
    /// One or more UN regional commission ids.
    Regions,
    /// A review cycle with clusters in `seeds/clusters.toml`.
    Cycle,
    /// One of the six UN official languages.
    Language,
}

/// What a cover field tells the tool about the submitter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverRole {
    /// The submitter's name.
    SubmitterName,
    /// The submitter's type.
    SubmitterType,
    /// The submitting State's ISO3 code.
    SubmitterIso3,
    /// Regions the submitter reports for.
    Regions,
}

/// One field of the cover page.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverField {
    /// Stable id, the key in JSON reports.
    pub id: String,
    /// How the value is checked.
    pub kind: CoverKind,
    /// What the field tells about the submitter, if anything.
    #[serde(default)]
    pub role: Option<CoverRole>,
    /// True when a missing value deserves a warning.
    pub expected: bool,
    /// The label printed in the blank template, per language.
    pub label: Localized,
    /// Other labels officials use for the same field.
    #[serde(default)]
    pub aliases: LocalizedList,
    /// What to write, per language (every UN language: it is shown in the
    /// official's language under `cover.missing-field`).
    pub help: Localized,
    /// False until label and help are checked against the official template.
    #[serde(default)]
    pub verified: bool,
}

/// One section of the template.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    /// Stable id (`methodology`, ...): JSON key, content-control tag, rule location.
    pub id: String,
    /// True when a report without this section is invalid.
    pub required: bool,
    /// False until the title is checked against the official template.
    pub verified: bool,
    /// True for the section that holds per-objective sub-sections.
    #[serde(default)]
    pub objectives: bool,
    /// Optional word limit for this section (a warning).
    #[serde(default)]
    pub max_words: Option<usize>,
    /// The title the blank template prints, per language.
    pub title: Localized,
    /// Further headings that mean this section, per language.
    #[serde(default)]
    pub aliases: LocalizedList,
    /// What the section asks for, per language.
    pub guidance: Localized,
}

/// Why the template data could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("templates/{file}: {problem}")]
pub struct TemplateError {
    /// The template file.
    pub file: String,
    /// What is wrong, naming the entry.
    pub problem: String,
}

/// Picks `lang` from a localized map, falling back to English, then to any.
pub fn pick<'a>(map: &'a Localized, lang: &str) -> &'a str {
    map.get(lang)
        .or_else(|| map.get("en"))
        .or_else(|| map.values().next())
        .map(String::as_str)
        .unwrap_or("")
}

impl Template {
    /// Parses and validates the built-in template.
    pub fn load() -> Result<Template, TemplateError> {
        Self::parse(
            "voluntary-gcm-review-2022.toml",
            crate::embedded::TEMPLATE_2022,
        )
    }

    /// The built-in template, parsed once per process.
    pub fn builtin() -> Result<&'static Template, TemplateError> {
        static CELL: OnceLock<Result<Template, TemplateError>> = OnceLock::new();
        CELL.get_or_init(Template::load)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Parses and validates template data (TOML, or the embedded JSON);
    /// `file` names it in errors.
    pub fn parse(file: &str, toml_text: &str) -> Result<Template, TemplateError> {
        let template: Template =
            crate::embedded::from_str(toml_text).map_err(|problem| TemplateError {
                file: file.to_string(),
                problem,
            })?;
        validate::validate(&template).map_err(|problem| TemplateError {
            file: file.to_string(),
            problem,
        })?;
        Ok(template)
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&SectionSpec> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// Position of a section in the template order.
    pub fn section_position(&self, id: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.id == id)
    }

    /// The cover field with this id.
    pub fn cover_field(&self, id: &str) -> Option<&CoverField> {
        self.cover.iter().find(|f| f.id == id)
    }

    /// The submitter type a cover value means: its id, label or an alias in
    /// any language, ignoring case, accents and punctuation.
    pub fn submitter_type(&self, value: &str) -> Option<&SubmitterType> {
        let folded = crate::text::fold(value);
        self.folded()
            .submitter_types
            .iter()
            .find(|(f, _)| *f == folded)
            .and_then(|(_, i)| self.submitter_types.get(*i))
    }

    fn folded(&self) -> &FoldedNames {
        self.folded.get_or_init(|| {
            let fold = crate::text::fold;
            let mut names = FoldedNames::default();
            for (i, t) in self.submitter_types.iter().enumerate() {
                let words = std::iter::once(&t.id)
                    .chain(t.label.values())
                    .chain(t.aliases.values().flatten());
                names.submitter_types.extend(words.map(|w| (fold(w), i)));
            }
            names.languages = self
                .languages
                .iter()
                .map(|(code, list)| (code.clone(), list.iter().map(|n| fold(n)).collect()))
                .collect();
            for field in &self.cover {
                let mut push = |text: &str| {
                    let folded = fold(text);
                    if !folded.is_empty() {
                        names.cover_labels.push((folded, field.id.clone()));
                    }
                };
                push(&field.id.replace('_', " "));
                field.label.values().for_each(|l| push(l));
                field.aliases.values().flatten().for_each(|a| push(a));
            }
            names
                .cover_labels
                .sort_by_key(|l| std::cmp::Reverse(l.0.len()));
            names.cover_labels.dedup();
            names
        })
    }

    /// Every cover field's id, labels and aliases in the six languages,
    /// folded (`crate::text::fold`), with the field id; longest first, so a
    /// reader trying them in order prefers "date of submission" to "date".
    pub fn folded_cover_labels(&self) -> &[(String, String)] {
        &self.folded().cover_labels
    }

    /// The language code a cover value means ("fr", "French", "Français").
    pub fn language_code(&self, value: &str) -> Option<&str> {
        let folded = crate::text::fold(value);
        let short = folded.split([' ', '-', '_']).next().unwrap_or("");
        self.folded().languages.iter().find_map(|(code, names)| {
            (short == code.as_str() || names.contains(&folded)).then_some(code.as_str())
        })
    }

    /// The cover field that plays `role`.
    pub fn cover_field_for(&self, role: CoverRole) -> Option<&CoverField> {
        self.cover.iter().find(|f| f.role == Some(role))
    }
}

#[cfg(test)]
mod tests;
