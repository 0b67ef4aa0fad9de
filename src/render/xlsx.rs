//! The Excel workbook for the secretariat: **Reports** (one row per report),
//! **Findings** (one row per finding) and **By rule** (how many reports each
//! rule caught). Every sheet has a bold frozen header row, an autofilter and
//! column widths that fit the content, so staff can sort and filter at once.
//! The status is always written as text; colour only repeats it.
//!
//! Desktop only (behind the `cli` feature): the browser checker offers CSV.

use rust_xlsxwriter::{Color, Format, Workbook, Worksheet, XlsxError};

use crate::batch::BatchEntry;
use crate::render::table::{self, Cell, RuleCount, FINDING_COLUMNS, REPORT_COLUMNS, RULE_COLUMNS};

/// Widest column, in characters; longer text wraps in the cell.
const MAX_WIDTH: usize = 60;

/// Builds the workbook in memory (the caller writes it atomically).
pub fn workbook(entries: &[BatchEntry], rules: &[RuleCount]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let reports: Vec<Vec<Cell>> = entries.iter().map(table::report_row).collect();
    let findings: Vec<Vec<Cell>> = entries
        .iter()
        .flat_map(|e| table::finding_rows(&e.outcome))
        .collect();
    let by_rule: Vec<Vec<Cell>> = rules.iter().map(RuleCount::row).collect();
    sheet(
        book.add_worksheet(),
        "Reports",
        &REPORT_COLUMNS,
        &reports,
        Some(5),
    )?;
    sheet(
        book.add_worksheet(),
        "Findings",
        &FINDING_COLUMNS,
        &findings,
        Some(3),
    )?;
    sheet(
        book.add_worksheet(),
        "By rule",
        &RULE_COLUMNS,
        &by_rule,
        None,
    )?;
    book.save_to_buffer()
}

/// Writes one table; `status_col` gets a fill that repeats the status text.
fn sheet(
    ws: &mut Worksheet,
    name: &str,
    header: &[&str],
    rows: &[Vec<Cell>],
    status_col: Option<usize>,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let bold = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2));
    let wrap = Format::new().set_text_wrap();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count() + 2).collect();
    for (col, title) in header.iter().enumerate() {
        ws.write_string_with_format(0, col_num(col), *title, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let row_num = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, cell) in row.iter().enumerate() {
            let col = col_num(c);
            match cell {
                Cell::Number(n) => {
                    ws.write_number(row_num, col, *n as f64)?;
                }
                Cell::Text(s) if Some(c) == status_col => {
                    ws.write_string_with_format(row_num, col, s, &status_format(s))?;
                }
                Cell::Text(s) if s.chars().count() > MAX_WIDTH => {
                    ws.write_string_with_format(row_num, col, s, &wrap)?;
                }
                Cell::Text(s) => {
                    ws.write_string(row_num, col, s)?;
                }
            }
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(cell.as_text().chars().count() + 2);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col_num(c), (*w).min(MAX_WIDTH) as f64)?;
    }
    let last_row = u32::try_from(rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
    ws.autofilter(0, 0, last_row, col_num(header.len().saturating_sub(1)))?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn col_num(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// Green, red or grey fill behind the status word (the word stays).
fn status_format(status: &str) -> Format {
    let fill = match status {
        "valid" => 0xC6EFCE,
        "invalid" => 0xFFC7CE,
        _ => 0xD9D9D9,
    };
    Format::new().set_background_color(Color::RGB(fill))
}
