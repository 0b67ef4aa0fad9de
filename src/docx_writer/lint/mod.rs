//! Structural lints for DOCX packages (ENGINEERING.md §6.1).
//!
//! These are the real gate for generated documents: LibreOffice converts
//! files that Word refuses, and the Open XML SDK validator misses some
//! Word-fatal cases, so each rule here encodes one thing that has broken a
//! generator before. Element names are matched by their conventional prefixes
//! (`w:`, `wp:`, `dc:`), as Word and this writer emit them.
//!
//! Reading is bounded: entry count, per-part and total sizes are capped and
//! parts are read through `take`, never by their declared size.

mod checks;
mod order;
mod tree;

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// Largest part read, in bytes.
const MAX_PART: u64 = 64 * 1024 * 1024;
/// Largest total of all parts read, in bytes.
const MAX_TOTAL: u64 = 256 * 1024 * 1024;
/// Most zip entries accepted.
const MAX_ENTRIES: usize = 10_000;

/// One structural rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LintRule {
    /// The bytes are not a readable zip package, or `word/document.xml` is missing.
    Package,
    /// A part is not well-formed XML.
    WellFormed,
    /// A part has no content type (neither a Default by extension nor an Override).
    ContentType,
    /// A relationship points to a part that is not in the package.
    RelationshipTarget,
    /// A `w:tc` does not end with a `w:p` (Word refuses the file).
    CellEndsWithParagraph,
    /// A `w:tbl` lacks `w:tblGrid` or a `w:gridCol` lacks its width.
    TableGrid,
    /// A `w:tbl` lacks `w:tblPr/w:tblW`.
    TableWidth,
    /// Two drawings share a `wp:docPr/@id` (Word refuses the file).
    DrawingIdUnique,
    /// A drawing has no alt text (`wp:docPr/@descr`).
    DrawingDescription,
    /// Children of `w:pPr`, `w:rPr`, `w:tblPr`, `w:trPr`, `w:tcPr` or `w:sectPr`
    /// are not in ECMA-376 schema order.
    ChildOrder,
    /// `docProps/core.xml` lacks a non-empty `dc:title` or `dc:language`.
    CoreProperties,
}

impl LintRule {
    /// Stable identifier for reports and tests.
    pub fn id(self) -> &'static str {
        match self {
            LintRule::Package => "package",
            LintRule::WellFormed => "well-formed",
            LintRule::ContentType => "content-type",
            LintRule::RelationshipTarget => "relationship-target",
            LintRule::CellEndsWithParagraph => "cell-ends-with-paragraph",
            LintRule::TableGrid => "table-grid",
            LintRule::TableWidth => "table-width",
            LintRule::DrawingIdUnique => "drawing-id-unique",
            LintRule::DrawingDescription => "drawing-description",
            LintRule::ChildOrder => "child-order",
            LintRule::CoreProperties => "core-properties",
        }
    }
}

/// One problem found in a package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintProblem {
    /// The rule broken.
    pub rule: LintRule,
    /// Part name without a leading slash ("word/document.xml"), or "" for the package.
    pub part: String,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl std::fmt::Display for LintProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}] {}: {}", self.rule.id(), self.part, self.message)
    }
}

/// The parts of a package by name (sorted, so problems come out in a stable order).
pub(crate) type Parts = BTreeMap<String, Vec<u8>>;

fn problem(rule: LintRule, part: &str, message: impl Into<String>) -> LintProblem {
    LintProblem {
        rule,
        part: part.to_string(),
        message: message.into(),
    }
}

fn read_parts(bytes: &[u8]) -> Result<Parts, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!("more than {MAX_ENTRIES} entries"));
    }
    if zip.has_duplicate_names() {
        return Err("duplicate entry names".into());
    }
    let mut parts = Parts::new();
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| e.to_string())?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map_err(|e| e.to_string())?.to_string();
        let mut data = Vec::new();
        entry
            .take(MAX_PART + 1)
            .read_to_end(&mut data)
            .map_err(|e| format!("{name}: {e}"))?;
        let len = u64::try_from(data.len()).unwrap_or(u64::MAX);
        if len > MAX_PART {
            return Err(format!("{name} is larger than {MAX_PART} bytes"));
        }
        total = total.saturating_add(len);
        if total > MAX_TOTAL {
            return Err(format!("parts total more than {MAX_TOTAL} bytes"));
        }
        parts.insert(name, data);
    }
    Ok(parts)
}

/// Checks a DOCX package against every [`LintRule`]; an empty list means clean.
///
/// Never panics, whatever the bytes.
pub fn lint_docx(bytes: &[u8]) -> Vec<LintProblem> {
    let parts = match read_parts(bytes) {
        Ok(p) => p,
        Err(e) => return vec![problem(LintRule::Package, "", e)],
    };
    let mut out = Vec::new();
    if !parts.contains_key("word/document.xml") {
        out.push(problem(LintRule::Package, "", "no word/document.xml part"));
    }
    let mut trees = BTreeMap::new();
    for (name, data) in &parts {
        let lower = name.to_ascii_lowercase();
        if !(lower.ends_with(".xml") || lower.ends_with(".rels")) {
            continue;
        }
        match tree::parse(data) {
            Ok(t) => {
                trees.insert(name.clone(), t);
            }
            Err(e) => out.push(problem(LintRule::WellFormed, name, e)),
        }
    }
    checks::content_types(&parts, &trees, &mut out);
    checks::relationships(&parts, &trees, &mut out);
    checks::core_properties(&trees, &mut out);
    checks::wordprocessing(&trees, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_a_package_problem() {
        for bytes in [&b""[..], b"PK\x03\x04garbage", b"not a zip at all"] {
            let p = lint_docx(bytes);
            assert_eq!(p.len(), 1);
            assert_eq!(p[0].rule, LintRule::Package);
        }
    }
}
