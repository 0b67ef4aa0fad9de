//! Our own small OOXML (DOCX) writer on quick-xml and zip.
//!
//! Why our own: docx-rs cannot write table header rows, table captions, alt
//! text, `w:lang`, `w:rtl` or a TOC that LibreOffice renders (ENGINEERING.md
//! §5.3). This writer produces exactly what the blank report template and the
//! regional summary need, following the structural rules of §5.2 and the
//! accessibility checklist of §5.4:
//!
//! - fixed parts (styles, settings, theme, font table) live as data in
//!   `templates/docx/` and are embedded at compile time;
//! - every `w:tc` ends with a `w:p`, every table has `w:tblW` and a
//!   `w:tblGrid` with widths, property children are in schema order;
//! - `dc:title`, `dc:language` and `w:lang` are always set; Arabic paragraphs
//!   carry `w:bidi` and their runs `w:rtl`;
//! - XML-illegal characters are dropped from all text; no input panics;
//! - output is deterministic: the same document gives the same bytes.
//!
//! [`lint::lint_docx`] checks the structural rules on any package and is the
//! real gate in tests (LibreOffice converts files Word rejects).

mod body;
mod chart;
mod lang;
pub mod lint;
mod model;
mod package;
mod parts;
mod sdt;
mod table;
mod xml;

pub use model::{
    BarChart, ChartSeries, ContentControl, DocBlock, DocxDocument, Inline, Paragraph,
    ParagraphStyle, Run, Table, TableCell, TableRow, TextField,
};

/// Why a document could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The document title is empty; `dc:title` is required for accessibility.
    #[error("the document has no title (dc:title is required for accessibility)")]
    EmptyTitle,
    /// A language tag is not a well-formed BCP-47 tag.
    #[error("`{0}` is not a BCP-47 language tag such as en-GB, ar or zh-CN")]
    InvalidLanguage(String),
    /// The zip writer failed (should not happen when writing to memory).
    #[error("could not build the zip package: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// Writing to the in-memory buffer failed (should not happen).
    #[error("could not write the package: {0}")]
    Io(#[from] std::io::Error),
}

/// Writes the document as DOCX bytes.
///
/// Deterministic: fixed zip timestamps and part order, so two writes of the
/// same document are byte-identical (reproducible outputs, stable tests).
pub fn write_docx(doc: &DocxDocument) -> Result<Vec<u8>, WriteError> {
    package::write(doc)
}
