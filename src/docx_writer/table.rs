//! Tables: explicit grid and widths (LibreOffice needs them), header rows
//! marked twice (`w:tblHeader` and `w:tblLook w:firstRow`, Word needs both),
//! caption and description for screen readers, and a `w:p` closing every cell.

use super::body::{self, Ctx, ParaProps, TEXT_WIDTH_TWIPS};
use super::model::{Table, TableCell};
use super::xml::Xml;
use super::WriteError;

/// Smallest column width written, so a zero width cannot collapse a column.
const MIN_COLUMN_TWIPS: u32 = 200;
/// Word's limit on table columns; cells beyond it are folded into the last cell.
pub(crate) const MAX_COLUMNS: usize = 63;

fn span(cell: &TableCell) -> usize {
    usize::try_from(cell.span.max(1))
        .unwrap_or(1)
        .min(MAX_COLUMNS)
}

/// Number of grid columns: the widest row, counting spans.
fn grid_columns(t: &Table) -> usize {
    t.rows
        .iter()
        .map(|r| r.cells.iter().map(span).fold(0usize, usize::saturating_add))
        .max()
        .unwrap_or(0)
        .clamp(1, MAX_COLUMNS)
}

/// Grid widths: the caller's when they fit the grid, else the text width
/// divided evenly.
fn widths(t: &Table, columns: usize) -> Vec<u32> {
    if t.column_widths.len() == columns {
        return t
            .column_widths
            .iter()
            .map(|w| (*w).clamp(MIN_COLUMN_TWIPS, 31_680))
            .collect();
    }
    let each = u32::try_from(columns)
        .ok()
        .and_then(|n| TEXT_WIDTH_TWIPS.checked_div(n))
        .unwrap_or(MIN_COLUMN_TWIPS)
        .max(MIN_COLUMN_TWIPS);
    vec![each; columns]
}

fn valid_colour(hex: &str) -> bool {
    hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Writes `w:tbl`.
pub(crate) fn write(x: &mut Xml, ctx: &mut Ctx, t: &Table) -> Result<(), WriteError> {
    let columns = grid_columns(t);
    let widths = widths(t, columns);
    let total: u64 = widths.iter().map(|w| u64::from(*w)).sum();
    let header = t.header_rows > 0;
    x.open("w:tbl", &[]);
    // tblPr children in schema order: tblStyle, bidiVisual, tblW, tblLayout,
    // tblLook, tblCaption, tblDescription.
    x.open("w:tblPr", &[]);
    x.val("w:tblStyle", "TableGrid");
    if ctx.rtl {
        x.empty("w:bidiVisual", &[]);
    }
    x.empty("w:tblW", &[("w:w", &total.to_string()), ("w:type", "dxa")]);
    x.empty("w:tblLayout", &[("w:type", "fixed")]);
    x.empty(
        "w:tblLook",
        &[
            ("w:val", if header { "0420" } else { "0400" }),
            ("w:firstRow", if header { "1" } else { "0" }),
            ("w:lastRow", "0"),
            ("w:firstColumn", "0"),
            ("w:lastColumn", "0"),
            ("w:noHBand", "0"),
            ("w:noVBand", "1"),
        ],
    );
    if !t.caption.trim().is_empty() {
        x.val("w:tblCaption", &t.caption);
    }
    if !t.description.trim().is_empty() {
        x.val("w:tblDescription", &t.description);
    }
    x.close("w:tblPr");
    x.open("w:tblGrid", &[]);
    for w in &widths {
        x.empty("w:gridCol", &[("w:w", &w.to_string())]);
    }
    x.close("w:tblGrid");
    let empty_row = Vec::new();
    let rows: Vec<&Vec<TableCell>> = if t.rows.is_empty() {
        vec![&empty_row]
    } else {
        t.rows.iter().map(|r| &r.cells).collect()
    };
    for (i, cells) in rows.into_iter().enumerate() {
        row(x, ctx, cells, &widths, i < t.header_rows)?;
    }
    x.close("w:tbl");
    Ok(())
}

fn row(
    x: &mut Xml,
    ctx: &mut Ctx,
    cells: &[TableCell],
    widths: &[u32],
    header: bool,
) -> Result<(), WriteError> {
    x.open("w:tr", &[]);
    if header {
        // trPr: cantSplit before tblHeader (conventional order).
        x.open("w:trPr", &[]);
        x.empty("w:cantSplit", &[]);
        x.empty("w:tblHeader", &[]);
        x.close("w:trPr");
    }
    let cells = fit_row(cells, widths.len());
    let mut col = 0usize;
    for c in cells.iter() {
        let n = span(c).min(widths.len().saturating_sub(col)).max(1);
        let width: u64 = widths.iter().skip(col).take(n).map(|w| u64::from(*w)).sum();
        cell(x, ctx, c, width, n)?;
        col = col.saturating_add(n);
    }
    // Pad short rows so every row fills the grid.
    while col < widths.len() {
        let width = widths.get(col).copied().map(u64::from).unwrap_or(0);
        cell(x, ctx, &TableCell::default(), width, 1)?;
        col += 1;
    }
    x.close("w:tr");
    Ok(())
}

/// The row's cells cut to the grid: cells that would start beyond the last
/// grid column lose their own cell and their paragraphs join the last cell,
/// so no text is dropped.
fn fit_row(cells: &[TableCell], columns: usize) -> std::borrow::Cow<'_, [TableCell]> {
    let mut col = 0usize;
    let mut fit = 0usize;
    for c in cells {
        if col >= columns {
            break;
        }
        col = col.saturating_add(span(c));
        fit += 1;
    }
    if fit == cells.len() {
        return std::borrow::Cow::Borrowed(cells);
    }
    let mut kept: Vec<TableCell> = cells.iter().take(fit).cloned().collect();
    if let Some(last) = kept.last_mut() {
        for extra in cells.iter().skip(fit) {
            last.paragraphs.extend(extra.paragraphs.iter().cloned());
        }
    }
    std::borrow::Cow::Owned(kept)
}

fn cell(
    x: &mut Xml,
    ctx: &mut Ctx,
    c: &TableCell,
    width: u64,
    span: usize,
) -> Result<(), WriteError> {
    x.open("w:tc", &[]);
    // tcPr children in schema order: tcW, gridSpan, shd.
    x.open("w:tcPr", &[]);
    x.empty("w:tcW", &[("w:w", &width.to_string()), ("w:type", "dxa")]);
    if span > 1 {
        x.val("w:gridSpan", &span.to_string());
    }
    if let Some(fill) = c.shading.as_deref().filter(|h| valid_colour(h)) {
        x.empty(
            "w:shd",
            &[("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)],
        );
    }
    x.close("w:tcPr");
    for p in &c.paragraphs {
        body::paragraph(x, ctx, p, None)?;
    }
    if c.paragraphs.is_empty() {
        let props = ParaProps {
            rtl: ctx.rtl,
            lang: None,
        };
        body::empty_paragraph(x, &props);
    }
    x.close("w:tc");
    Ok(())
}
