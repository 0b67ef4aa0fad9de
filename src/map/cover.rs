//! Cover values in a Word report: a content control tagged `cover.<field>`,
//! a "Label | value" table row or a "Label: value" line before the first
//! section, or the document properties.

use serde_json::Value;

use crate::document::{Block, BlockKind, DocumentProperties};
use crate::report::Report;
use crate::template::Template;
use crate::text::fold;

/// Prefix of content-control tags that hold cover values in our template.
pub const COVER_TAG_PREFIX: &str = "cover.";

/// Recognises cover labels in any of the six languages.
pub struct CoverReader<'t> {
    template: &'t Template,
    /// (folded label or alias, field id), longest first (folded once per
    /// template, not per report).
    labels: &'t [(String, String)],
}

impl<'t> CoverReader<'t> {
    /// A reader over the template's cover fields (labels folded once per
    /// template).
    pub fn new(template: &'t Template) -> Self {
        CoverReader {
            template,
            labels: template.folded_cover_labels(),
        }
    }

    fn field_for_label(&self, label: &str) -> Option<&str> {
        let folded = fold(label);
        self.labels
            .iter()
            .find(|(l, _)| *l == folded)
            .map(|(_, id)| id.as_str())
    }

    /// A value from a block inside a `cover.<field>` content control.
    pub fn tagged_value(&self, block: &Block) -> Option<(&'t str, String)> {
        let field = block.tags.iter().rev().find_map(|t| {
            let id = t.trim().strip_prefix(COVER_TAG_PREFIX)?;
            self.template.cover_field(id)
        })?;
        let value = match &block.kind {
            BlockKind::TableRow { cells } if cells.len() > 1 => {
                cells.get(1..).unwrap_or_default().join(" ")
            }
            _ => block.text.clone(),
        };
        Some((field.id.as_str(), value))
    }

    /// A value from a "Label | value" row or a "Label: value" line.
    pub fn labelled_value(&self, block: &Block) -> Option<(&'t str, String)> {
        let (label, value) = match &block.kind {
            BlockKind::TableRow { cells } if cells.len() >= 2 => {
                let label = cells.first()?;
                let value = cells.get(1..).unwrap_or_default().join(" ");
                (label.trim_end_matches([':', '：']).to_string(), value)
            }
            BlockKind::Paragraph => {
                let (label, value) = block.text.split_once([':', '：'])?;
                if label.chars().count() > 60 {
                    return None;
                }
                (label.to_string(), value.to_string())
            }
            _ => return None,
        };
        let id = self.field_for_label(&label)?;
        let field = self.template.cover_field(id)?;
        Some((field.id.as_str(), value.trim().to_string()))
    }

    /// Fills cover values still missing from the document properties: the
    /// title from `dc:title`, any field from a custom property named like it.
    pub fn fill_from_properties(&self, props: &DocumentProperties, report: &mut Report) {
        for (name, value) in &props.custom {
            if let Some(id) = self.field_for_label(name) {
                insert_missing(report, id, value);
            }
        }
        if let Some(title) = &props.title {
            if self.template.cover_field("title").is_some() {
                insert_missing(report, "title", title);
            }
        }
    }
}

fn insert_missing(report: &mut Report, field: &str, value: &str) {
    if !report.cover.contains_key(field) && !value.trim().is_empty() {
        report
            .cover
            .insert(field.to_string(), Value::String(value.trim().to_string()));
    }
}
