//! LibreOffice round trip: convert the sample to PDF headlessly and check the
//! text with pdftotext. Skipped (with a note) when `soffice` or `pdftotext`
//! is not on PATH; CI installs `libreoffice-writer-nogui` and `poppler-utils`.
//!
//! A conversion run alone proves little (LibreOffice converts files Word
//! refuses), so this complements the structural lints; it catches
//! LibreOffice-only problems such as a TOC rendered as its field code.
//! Set `GCM_DOCX_KEEP=<dir>` to keep the DOCX and PDF for a visual check.

mod docx_common;

use docx_common::*;
use gcm_review::docx_writer::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}

/// Converts a DOCX to PDF and returns the PDF's text.
fn convert(dir: &Path, stem: &str, docx: &[u8]) -> String {
    let input = dir.join(format!("{stem}.docx"));
    std::fs::write(&input, docx).expect("write docx");
    let profile = dir.join(format!("profile-{stem}"));
    let status = Command::new("soffice")
        .arg("--headless")
        .arg("--norestore")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(&input)
        .status()
        .expect("run soffice");
    assert!(status.success(), "soffice failed: {status}");
    let pdf = dir.join(format!("{stem}.pdf"));
    assert!(pdf.is_file(), "no PDF produced");
    if let Some(keep) = std::env::var_os("GCM_DOCX_KEEP") {
        let keep = PathBuf::from(keep);
        std::fs::create_dir_all(&keep).expect("keep dir");
        std::fs::copy(&input, keep.join(format!("{stem}.docx"))).expect("copy docx");
        std::fs::copy(&pdf, keep.join(format!("{stem}.pdf"))).expect("copy pdf");
    }
    let out = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Whitespace-insensitive containment (pdftotext breaks and spaces freely).
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn libreoffice_renders_headings_toc_tables_and_scripts() {
    if !on_path("soffice") || !on_path("pdftotext") {
        eprintln!("note: soffice or pdftotext not on PATH; LibreOffice round trip skipped");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let text = convert(
        dir.path(),
        "summary",
        &write_docx(&every_block()).expect("writes"),
    );
    let flat = squash(&text);
    for needle in [
        "Regional summary",
        "Contents",
        "Introduction",
        "Method",
        "Findings",
        "Excerpts",
        "Objective 1: data",
        "12 reports",
        "Spanning cell",
        "Short row",
        "Country",
        "Enter the country name",
        "Describe progress on objective 1.",
        "Counted on 1 November 2026.",
        "Reports by region",
        "Draft",
        CHINESE,
    ] {
        assert!(
            flat.contains(&squash(needle)),
            "PDF text lacks {needle:?}:\n{text}"
        );
    }
    assert!(
        !text.contains("TOC \\o"),
        "TOC rendered as its field code:\n{text}"
    );
    // The TOC lists entries before the body repeats them as headings.
    assert!(
        text.matches("Introduction").count() >= 2,
        "TOC entries missing:\n{text}"
    );
    // Arabic: pdftotext may emit presentation forms or visual order, so
    // compare base letters after normalising both.
    assert!(has_arabic(&text, ARABIC), "Arabic text missing:\n{text}");
}

#[test]
fn libreoffice_renders_an_arabic_document() {
    if !on_path("soffice") || !on_path("pdftotext") {
        eprintln!("note: soffice or pdftotext not on PATH; LibreOffice round trip skipped");
        return;
    }
    let doc = DocxDocument {
        title: "تقرير".into(),
        language: "ar".into(),
        rtl: true,
        page_numbers: true,
        blocks: vec![
            DocBlock::Heading {
                level: 1,
                text: ARABIC.into(),
                bookmark: None,
            },
            DocBlock::Paragraph(Paragraph::text("الدول الأعضاء")),
            DocBlock::Table(Table {
                caption: "جدول".into(),
                description: "وصف".into(),
                column_widths: vec![],
                header_rows: 1,
                rows: vec![
                    TableRow {
                        cells: vec![TableCell::text("الهدف"), TableCell::text("عدد التقارير")],
                    },
                    TableRow {
                        cells: vec![TableCell::text("البيانات"), TableCell::text("١٢")],
                    },
                ],
            }),
            DocBlock::BarChart(BarChart {
                title: "التقارير حسب المنطقة".into(),
                description: "رسم بياني".into(),
                categories: vec!["أفريقيا".into(), "أوروبا".into()],
                series: vec![ChartSeries {
                    name: "2026".into(),
                    values: vec![12.0, 9.0],
                }],
                value_axis_title: Some("التقارير".into()),
                horizontal: true,
                ..BarChart::default()
            }),
        ],
        ..DocxDocument::default()
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let text = convert(dir.path(), "arabic", &write_docx(&doc).expect("writes"));
    assert!(has_arabic(&text, ARABIC), "Arabic heading missing:\n{text}");
    for words in [
        "الدول الأعضاء",
        "عدد التقارير",
        "البيانات",
        "التقارير حسب المنطقة",
        "أفريقيا",
    ] {
        assert!(has_arabic(&text, words), "{words} missing:\n{text}");
    }
    // Chart axis numbers read left to right (LibreOffice reverses them when
    // the chart sits in a right-to-left paragraph).
    let lines: Vec<String> = text.lines().map(normalise_arabic).collect();
    assert!(
        lines.iter().any(|l| l == "10"),
        "axis label 10 missing:\n{text}"
    );
    assert!(
        !lines.iter().any(|l| l == "01"),
        "axis labels reversed:\n{text}"
    );
}

/// Arabic as pdftotext returns it: without bidi controls, and with each
/// lam-alef ligature as alef then lam (pdftotext extracts the ligature glyph
/// in that order).
fn normalise_arabic(s: &str) -> String {
    let chars: Vec<char> = s
        .chars()
        .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let alef = matches!(chars.get(i + 1), Some('ا' | 'آ' | 'أ' | 'إ'));
        if chars[i] == 'ل' && alef {
            out.push(chars[i + 1]);
            out.push('ل');
            i += 2;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out.retain(|c| !c.is_whitespace());
    out
}

/// Whether every word of `arabic` appears in the text, in logical or
/// reversed (visual) order.
fn has_arabic(text: &str, arabic: &str) -> bool {
    let text = normalise_arabic(text);
    arabic.split_whitespace().all(|word| {
        let word = normalise_arabic(word);
        let reversed: String = word.chars().rev().collect();
        text.contains(&word) || text.contains(&reversed)
    })
}
