use thiserror::Error;

/// Why an input could not be read at all. Each variant becomes one `input.*`
/// finding with status `unreadable`; none of them is ever a panic.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IngestError {
    /// The file has no bytes.
    #[error("the file is empty")]
    Empty,
    /// An OLE2 compound file: a password-protected Word file or a legacy `.doc`.
    #[error("password-protected Word file or legacy .doc")]
    EncryptedOrLegacy,
    /// A PDF.
    #[error("PDF file")]
    Pdf,
    /// Some other format we do not accept (RTF, ODT, images, ...).
    #[error("unsupported format: {0}")]
    Unsupported(String),
    /// A zip that is not a Word document (no main document part).
    #[error("not a Word document: {0}")]
    NotWordDocument(String),
    /// A damaged or truncated zip package.
    #[error("damaged package: {0}")]
    DamagedPackage(String),
    /// A part, or the package as a whole, decompresses beyond the limit.
    #[error("too large: {what} exceeds {limit} bytes")]
    TooLarge {
        /// The part name, or "the whole package".
        what: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// More zip entries than any real report has.
    #[error("too many entries: {count} (limit {limit})")]
    TooManyEntries {
        /// Entries found.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// XML nested deeper than the limit (a classic denial-of-service shape).
    #[error("XML nested too deeply in {part} (limit {limit})")]
    TooDeep {
        /// The part name.
        part: String,
        /// The limit.
        limit: usize,
    },
    /// A `<!DOCTYPE>` in a part: OOXML never needs one and entity expansion is an attack.
    #[error("document type declaration in {part}")]
    Doctype {
        /// The part name.
        part: String,
    },
    /// Two entries with the same name or overlapping data in the zip.
    #[error("ambiguous package: {0}")]
    AmbiguousPackage(String),
    /// Malformed XML in a required part.
    #[error("malformed XML in {part}: {detail}")]
    InvalidXml {
        /// The part name.
        part: String,
        /// Parser message with position.
        detail: String,
    },
    /// Not valid JSON.
    #[error("invalid JSON at line {line}, column {column}: {detail}")]
    InvalidJson {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// Parser message.
        detail: String,
    },
    /// Text that is not UTF-8 where UTF-8 is required.
    #[error("text is not valid UTF-8")]
    NotUtf8,
}
