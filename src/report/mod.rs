//! The typed report: what a voluntary GCM review says, arranged by the
//! template's sections. JSON reports deserialize straight into it; DOCX
//! reports are mapped into it. Every rule works on this one shape.

mod blocks;
pub mod schema;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use blocks::{BlockRef, BlockRole, ReportBlocks};

/// A voluntary GCM review report in the project's JSON format.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Voluntary GCM review report",
    description = "A voluntary report on the implementation of the Global Compact for Safe, Orderly and Regular Migration, arranged by the sections of the indicative template."
)]
pub struct Report {
    /// The schema this file follows; editors use it for completion.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Schema",
        description = "The identifier of the JSON Schema this report follows (optional)."
    )]
    pub schema: Option<String>,
    /// The template the report follows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Template",
        description = "The id of the template the report follows, for example voluntary-gcm-review-2022 (optional)."
    )]
    pub template: Option<String>,
    /// Cover page values keyed by the template's cover field ids.
    #[serde(default)]
    #[schemars(
        title = "Cover page",
        description = "Who submits the report and when, keyed by the template's cover field ids."
    )]
    pub cover: serde_json::Map<String, serde_json::Value>,
    /// The sections in document order, template sections and others alike.
    #[schemars(
        title = "Sections",
        description = "The report's sections in document order: the template's sections (with their id) and any other sections such as a foreword or annexes (without id)."
    )]
    pub sections: Vec<Section>,
}

/// One section of the report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Section",
    description = "A section of the report with its paragraphs."
)]
pub struct Section {
    /// The template section this is, or none for an extra section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Section id",
        description = "The template section this is (for example methodology). Leave out for sections outside the template, such as a foreword or annexes."
    )]
    pub id: Option<String>,
    /// The heading as written in the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Heading",
        description = "The section heading as written in the report."
    )]
    pub title: Option<String>,
    /// Block number of the heading in the source document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Heading block",
        description = "Where the heading stands in the source document (1-based block number); written by `gcm-review extract`."
    )]
    pub block: Option<usize>,
    /// The section's own text.
    #[serde(default)]
    #[schemars(
        title = "Paragraphs",
        description = "The section's text: each item a paragraph, list item, table row or footnote."
    )]
    pub paragraphs: Vec<Paragraph>,
    /// Per-objective sub-sections (only in the objectives section).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(
        title = "Objectives",
        description = "Sub-sections reporting on individual GCM objectives (only in the section on progress on GCM objectives)."
    )]
    pub objectives: Vec<ObjectiveEntry>,
}

/// The report's text on one GCM objective.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Objective entry",
    description = "What the report says about one GCM objective."
)]
pub struct ObjectiveEntry {
    /// The objective number, 1 to 23.
    #[schemars(
        title = "Objective number",
        description = "The number of the GCM objective, 1 to 23."
    )]
    pub objective: u32,
    /// The sub-heading as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Heading",
        description = "The sub-heading as written in the report, for example \"Objective 5: Regular pathways\"."
    )]
    pub title: Option<String>,
    /// Block number of the sub-heading in the source document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Heading block",
        description = "Where the sub-heading stands in the source document (1-based block number)."
    )]
    pub block: Option<usize>,
    /// The text on this objective.
    #[serde(default)]
    #[schemars(title = "Paragraphs", description = "The text on this objective.")]
    pub paragraphs: Vec<Paragraph>,
}

/// A paragraph: plain text, or text with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
#[schemars(
    title = "Paragraph",
    description = "A paragraph as plain text, or as an object with its text and where it came from."
)]
pub enum Paragraph {
    /// Just the text.
    Text(String),
    /// Text with source details, as `gcm-review extract` writes it.
    Detailed(DetailedParagraph),
}

/// A paragraph with where it came from in the source document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Paragraph with source",
    description = "A paragraph with its kind and position in the source document."
)]
pub struct DetailedParagraph {
    /// The text.
    #[schemars(title = "Text", description = "The paragraph's text.")]
    pub text: String,
    /// What kind of block it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Kind",
        description = "What the paragraph was in the source document."
    )]
    pub kind: Option<ParagraphKind>,
    /// Heading level, for sub-headings inside a section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Heading level",
        description = "For sub-headings inside a section: the outline level (1 = top)."
    )]
    pub level: Option<u8>,
    /// Block number in the source document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Block",
        description = "Where the paragraph stands in the source document (1-based block number)."
    )]
    pub block: Option<usize>,
}

/// What a paragraph was in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(
    title = "Paragraph kind",
    description = "What the paragraph was in the source document."
)]
pub enum ParagraphKind {
    /// An ordinary paragraph.
    Paragraph,
    /// A sub-heading inside a section.
    Heading,
    /// A list item.
    ListItem,
    /// A table row (cells joined with " | ").
    TableRow,
    /// A footnote or endnote.
    Footnote,
}

impl Paragraph {
    /// The paragraph's text.
    pub fn text(&self) -> &str {
        match self {
            Paragraph::Text(t) => t,
            Paragraph::Detailed(d) => &d.text,
        }
    }

    /// Its kind (plain text counts as a paragraph).
    pub fn kind(&self) -> ParagraphKind {
        match self {
            Paragraph::Text(_) => ParagraphKind::Paragraph,
            Paragraph::Detailed(d) => d.kind.unwrap_or(ParagraphKind::Paragraph),
        }
    }

    /// The explicit block number, when the source gave one.
    pub fn block(&self) -> Option<usize> {
        match self {
            Paragraph::Text(_) => None,
            Paragraph::Detailed(d) => d.block,
        }
    }

    /// The heading level of a sub-heading.
    pub fn level(&self) -> Option<u8> {
        match self {
            Paragraph::Text(_) => None,
            Paragraph::Detailed(d) => d.level,
        }
    }
}

impl Report {
    /// The first section with this template id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id.as_deref() == Some(id))
    }

    /// A cover value as text: strings as they are, lists joined with ", ".
    pub fn cover_text(&self, field: &str) -> Option<String> {
        match self.cover.get(field)? {
            serde_json::Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            serde_json::Value::Array(items) => {
                let parts: Vec<&str> = items
                    .iter()
                    .filter_map(|v| v.as_str())
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                (!parts.is_empty()).then(|| parts.join(", "))
            }
            serde_json::Value::Null => None,
            other => Some(other.to_string()),
        }
    }
}
