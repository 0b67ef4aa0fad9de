//! Reading JSON reports: bytes to a JSON value, with the line and column of
//! any syntax error so the official can find it in an editor.

use super::IngestError;

/// Parses JSON text (UTF-8, optional BOM).
pub fn read(bytes: &[u8]) -> Result<serde_json::Value, IngestError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(body).map_err(|_| IngestError::NotUtf8)?;
    serde_json::from_str(text).map_err(|e| IngestError::InvalidJson {
        line: e.line(),
        column: e.column(),
        detail: describe(&e),
    })
}

fn describe(e: &serde_json::Error) -> String {
    // serde_json appends " at line L column C"; the message gives those itself.
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(cut) => full.get(..cut).unwrap_or(&full).to_string(),
        None => full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_name_line_and_column() {
        let err = read(b"{\n  \"cover\": {},\n  \"sections\": [\n}").expect_err("bad json");
        match err {
            IngestError::InvalidJson {
                line,
                column,
                detail,
            } => {
                assert_eq!(line, 4);
                assert_eq!(column, 1);
                assert!(!detail.contains("at line"), "{detail}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn bom_is_accepted_and_non_utf8_refused() {
        assert!(read(b"\xEF\xBB\xBF{}").is_ok());
        assert_eq!(read(b"{\"a\": \"\xFF\"}"), Err(IngestError::NotUtf8));
    }
}
