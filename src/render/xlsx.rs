//! The Excel workbook for the secretariat: **Reports** (one row per report),
//! **Findings** (one row per finding) and **By rule** (how many reports each
//! rule caught). Every sheet has a bold frozen header row, an autofilter and
//! column widths that fit the content, so staff can sort and filter at once.
//! The status is always written as text; colour only repeats it.
//!
//! Desktop only (behind the `cli` feature): the browser checker offers CSV.

use rust_xlsxwriter::{Color, Format, Workbook, Worksheet, XlsxError};

use crate::batch::BatchEntry;
use crate::catalogue::UiText;
use crate::render::table::{self, Cell, RuleCount, FINDING_COLUMNS, REPORT_COLUMNS, RULE_COLUMNS};

/// Widest column, in characters; longer text wraps in the cell.
const MAX_WIDTH: usize = 60;

/// Builds the workbook in memory (the caller writes it atomically), with
/// sheet names, headers, statuses and severities in `words`' language.
pub fn workbook(
    entries: &[BatchEntry],
    rules: &[RuleCount],
    words: &UiText,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let reports: Vec<Vec<Cell>> = entries.iter().map(table::report_row).collect();
    let findings: Vec<Vec<Cell>> = entries
        .iter()
        .flat_map(|e| table::finding_rows(&e.outcome))
        .collect();
    let by_rule: Vec<Vec<Cell>> = rules.iter().map(RuleCount::row).collect();
    let sheets = [
        (&words.workbook.reports, &REPORT_COLUMNS[..], &reports),
        (&words.workbook.findings, &FINDING_COLUMNS[..], &findings),
        (&words.workbook.by_rule, &RULE_COLUMNS[..], &by_rule),
    ];
    for (name, columns, rows) in sheets {
        sheet(book.add_worksheet(), name, columns, rows, words)?;
    }
    book.save_to_buffer()
}

/// A status or severity value in the workbook's language.
fn word<'a>(key: &str, value: &'a str, words: &'a UiText) -> &'a str {
    match (key, value) {
        ("status", "valid") => &words.valid,
        ("status", "invalid") => &words.invalid,
        ("status", "unreadable") => &words.unreadable,
        ("severity", "error") => &words.error,
        ("severity", "warning") => &words.warning,
        ("severity", "info") => &words.note,
        _ => value,
    }
}

/// Writes one table; the status column gets a fill that repeats its word.
fn sheet(
    ws: &mut Worksheet,
    name: &str,
    columns: &[&str],
    rows: &[Vec<Cell>],
    words: &UiText,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let bold = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2));
    let wrap = Format::new().set_text_wrap();
    let header: Vec<&str> = columns.iter().map(|c| words.workbook.column(c)).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count() + 2).collect();
    for (col, title) in header.iter().enumerate() {
        ws.write_string_with_format(0, col_num(col), *title, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let row_num = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, cell) in row.iter().enumerate() {
            let col = col_num(c);
            let key = columns.get(c).copied().unwrap_or("");
            let shown = match cell {
                Cell::Number(n) => {
                    ws.write_number(row_num, col, *n as f64)?;
                    n.to_string()
                }
                Cell::Text(s) => {
                    let s = word(key, s, words);
                    if key == "status" {
                        ws.write_string_with_format(row_num, col, s, &status_format(cell))?;
                    } else if s.chars().count() > MAX_WIDTH {
                        ws.write_string_with_format(row_num, col, s, &wrap)?;
                    } else {
                        ws.write_string(row_num, col, s)?;
                    }
                    s.to_string()
                }
            };
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(shown.chars().count() + 2);
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

/// Green, red or grey fill behind the status word (the word stays), from
/// the status itself, whatever the language of the word.
fn status_format(status: &Cell) -> Format {
    let fill = match status {
        Cell::Text(s) if s == "valid" => 0xC6EFCE,
        Cell::Text(s) if s == "invalid" => 0xFFC7CE,
        _ => 0xD9D9D9,
    };
    Format::new().set_background_color(Color::RGB(fill))
}
