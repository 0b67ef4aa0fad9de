//! CSV for the secretariat: the report table and the findings table, as
//! Excel opens them (UTF-8 with a byte-order mark, so accents and
//! non-Latin names survive a double-click; one header row).

use crate::batch::BatchEntry;
use crate::render::table::{self, Cell, FINDING_COLUMNS, REPORT_COLUMNS};

/// Tells Excel the file is UTF-8; the `csv` crate's reader skips it.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The report table: one row per entry, in the entries' order.
pub fn reports_csv(entries: &[BatchEntry]) -> Result<Vec<u8>, csv::Error> {
    write_table(&REPORT_COLUMNS, entries.iter().map(table::report_row))
}

/// The findings table: one row per finding, reports in the entries' order.
pub fn findings_csv(entries: &[BatchEntry]) -> Result<Vec<u8>, csv::Error> {
    write_table(
        &FINDING_COLUMNS,
        entries.iter().flat_map(|e| table::finding_rows(&e.outcome)),
    )
}

fn write_table(
    header: &[&str],
    rows: impl Iterator<Item = Vec<Cell>>,
) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(UTF8_BOM.to_vec());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row.iter().map(|c| match c {
            Cell::Text(s) => neutralise_formula(s),
            Cell::Number(n) => n.to_string(),
        }))?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// Text from a report (a submitter name, an excerpt) that starts like a
/// formula would be run by Excel when the CSV is opened (CSV injection);
/// a leading apostrophe makes Excel show it as text.
fn neutralise_formula(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_plain_text_is_not() {
        assert_eq!(
            neutralise_formula("=HYPERLINK(\"x\")"),
            "'=HYPERLINK(\"x\")"
        );
        assert_eq!(neutralise_formula("-1"), "'-1");
        assert_eq!(neutralise_formula("Portugal"), "Portugal");
        assert_eq!(neutralise_formula(""), "");
    }

    #[test]
    fn empty_batch_has_bom_and_header() {
        let bytes = reports_csv(&[]).expect("csv");
        assert!(bytes.starts_with(UTF8_BOM));
        let text = String::from_utf8(bytes).expect("utf8");
        assert!(text.ends_with("top_findings\n"), "{text}");
    }
}
