//! Findings about the source file rather than the report's content: why an
//! input could not be read, and what the Word file itself carries (tracked
//! changes, comments, hidden text, damaged parts).

use crate::diagnostic::{Finding, Location};
use crate::document::{Document, Notice};
use crate::ingest::IngestError;

/// The `input.*` finding for an input that could not be read.
pub fn input_finding(error: &IngestError) -> Finding {
    let none = Location::default;
    match error {
        IngestError::Empty => Finding::new("input.empty", none()),
        IngestError::EncryptedOrLegacy => Finding::new("input.encrypted-or-legacy", none()),
        IngestError::Pdf => Finding::new("input.pdf", none()),
        IngestError::Unsupported(what) => {
            Finding::new("input.unsupported-format", none()).arg("what", what)
        }
        IngestError::NotWordDocument(detail) => {
            Finding::new("input.not-word-document", none()).arg("detail", detail)
        }
        IngestError::DamagedPackage(detail) => {
            Finding::new("input.damaged", none()).arg("detail", detail)
        }
        IngestError::TooLarge { what, limit } => Finding::new("input.too-large", none())
            .arg("what", what)
            .arg("limit", human_bytes(*limit)),
        IngestError::TooManyEntries { count, limit } => {
            Finding::new("input.too-many-entries", none())
                .arg("count", count)
                .arg("limit", limit)
        }
        IngestError::TooDeep { part, limit } => Finding::new("input.too-deep", none())
            .arg("part", part)
            .arg("limit", limit),
        IngestError::Doctype { part } => Finding::new("input.doctype", none()).arg("part", part),
        IngestError::AmbiguousPackage(detail) => {
            Finding::new("input.ambiguous-package", none()).arg("detail", detail)
        }
        IngestError::InvalidXml { part, detail } => Finding::new("input.invalid-xml", none())
            .arg("part", part)
            .arg("detail", detail),
        IngestError::InvalidJson {
            line,
            column,
            detail,
        } => Finding::new("input.invalid-json", none())
            .arg("line", line)
            .arg("column", column)
            .arg("detail", detail),
        IngestError::NotUtf8 => Finding::new("input.not-utf8", none()),
    }
}

fn human_bytes(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB {
        format!("{} MB", bytes / MIB)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Findings about what the Word file carries besides the report text.
pub fn document_findings(doc: &Document) -> Vec<Finding> {
    let at = |block: Option<usize>| {
        block
            .and_then(|i| doc.blocks.get(i))
            .map(|b| Location::default().with_block(b.location.index + 1, &b.text))
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for notice in &doc.notices {
        match notice {
            Notice::TrackedChanges { count, first_block } => {
                out.push(Finding::new("docx.tracked-changes", at(*first_block)).arg("count", count))
            }
            Notice::HiddenText { first_block } => {
                out.push(Finding::new("docx.hidden-text", at(*first_block)))
            }
            Notice::DamagedPart { part, detail } => out.push(
                Finding::new("docx.damaged-part", Location::default())
                    .arg("part", part)
                    .arg("detail", detail),
            ),
        }
    }
    if !doc.comments.is_empty() {
        let first = doc.comments.iter().find_map(|c| c.block);
        out.push(Finding::new("docx.comments", at(first)).arg("count", doc.comments.len()));
    }
    out
}
