use super::IngestError;

/// What the first bytes of an input say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SniffedFormat {
    /// A zip package; read as DOCX.
    Docx,
    /// JSON text (after an optional BOM and whitespace).
    Json,
}

/// Decides the format from content alone. Returns the reason an input cannot
/// be read when it is not a format we accept.
pub fn sniff(bytes: &[u8]) -> Result<SniffedFormat, IngestError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = body.iter().position(|b| !b.is_ascii_whitespace());
    let Some(first) = first else {
        return Err(IngestError::Empty);
    };
    let rest = body.get(first..).unwrap_or_default();
    if bytes.starts_with(b"PK\x03\x04") {
        Ok(SniffedFormat::Docx)
    } else if bytes.starts_with(b"PK\x05\x06") || bytes.starts_with(b"PK\x07\x08") {
        Err(IngestError::DamagedPackage(
            "the zip package is empty or split".into(),
        ))
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Err(IngestError::EncryptedOrLegacy)
    } else if rest.starts_with(b"%PDF") {
        Err(IngestError::Pdf)
    } else if (rest.starts_with(b"{") && !rest.starts_with(b"{\\rtf")) || rest.starts_with(b"[") {
        Ok(SniffedFormat::Json)
    } else {
        Err(IngestError::Unsupported(describe_unknown(rest)))
    }
}

/// Names common wrong formats so the message can say what the file is.
fn describe_unknown(rest: &[u8]) -> String {
    let known: [(&[u8], &str); 6] = [
        (b"{\\rtf", "an RTF file"),
        (
            b"<?xml",
            "an XML file (perhaps a Word 2003 XML or Flat OPC file)",
        ),
        (b"<html", "a web page (HTML)"),
        (b"<!DOCTYPE", "a web page (HTML)"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
    ];
    let lower: Vec<u8> = rest
        .iter()
        .take(16)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    for (magic, name) in known {
        let magic_lower: Vec<u8> = magic.iter().map(|b| b.to_ascii_lowercase()).collect();
        if lower.starts_with(&magic_lower) {
            return name.to_string();
        }
    }
    "a file that is neither a Word document (.docx) nor a JSON report".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zip_is_docx_whatever_the_name() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Ok(SniffedFormat::Docx));
    }

    #[test]
    fn json_after_bom_and_whitespace() {
        assert_eq!(sniff(b"\xEF\xBB\xBF \n {\"a\":1}"), Ok(SniffedFormat::Json));
        assert_eq!(sniff(b"[]"), Ok(SniffedFormat::Json));
    }

    #[test]
    fn ole_pdf_empty_and_unknown_are_refused_with_a_reason() {
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1]),
            Err(IngestError::EncryptedOrLegacy)
        );
        assert_eq!(sniff(b"%PDF-1.7"), Err(IngestError::Pdf));
        assert_eq!(sniff(b""), Err(IngestError::Empty));
        assert_eq!(sniff(b"  \n"), Err(IngestError::Empty));
        match sniff(b"{\\rtf1 hello") {
            Err(IngestError::Unsupported(what)) => assert!(what.contains("RTF")),
            other => panic!("unexpected {other:?}"),
        }
    }
}
