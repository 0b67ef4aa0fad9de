//! The DOCX reader: a streaming walk over the package parts with quick-xml,
//! producing the neutral block model. (Being written; see issue 3.)

use super::{IngestError, Limits};
use crate::document::Document;

/// Reads a DOCX package into a [`Document`].
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, IngestError> {
    let _ = (bytes, limits);
    Err(IngestError::Unsupported(
        "Word documents are not read yet".into(),
    ))
}
