//! Shared sample documents and package helpers for the DOCX writer tests.
#![allow(dead_code)]

use gcm_review::docx_writer::*;
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

pub const ARABIC: &str = "الهجرة الآمنة والمنظمة والنظامية";
pub const CHINESE: &str = "安全、有序和正常移民全球契约";

fn heading(level: u8, text: &str) -> DocBlock {
    DocBlock::Heading {
        level,
        text: text.into(),
        bookmark: Some(text.into()),
    }
}

/// A document that uses every block type, emphasis, fields, footnotes,
/// Arabic and Chinese excerpts, spans and shading.
pub fn every_block() -> DocxDocument {
    let table = Table {
        caption: "Objectives by region".into(),
        description: "Number of reports mentioning each objective, by region.".into(),
        column_widths: vec![4000, 2513, 2513],
        header_rows: 1,
        rows: vec![
            TableRow {
                cells: vec![
                    TableCell::text("Objective"),
                    TableCell::text("Africa"),
                    TableCell::text("Europe"),
                ],
            },
            TableRow {
                cells: vec![
                    TableCell::text("Objective 1: data"),
                    TableCell {
                        shading: Some("E2EFDA".into()),
                        ..TableCell::text("12 reports")
                    },
                    TableCell::text("9 reports"),
                ],
            },
            TableRow {
                cells: vec![
                    TableCell {
                        span: 2,
                        ..TableCell::text("Spanning cell")
                    },
                    TableCell::default(),
                ],
            },
            TableRow {
                cells: vec![TableCell::text("Short row")],
            },
        ],
    };
    let cover = Table {
        caption: "Cover information".into(),
        description: "Fields to fill in.".into(),
        column_widths: vec![],
        header_rows: 0,
        rows: vec![TableRow {
            cells: vec![
                TableCell::text("Country"),
                TableCell {
                    paragraphs: vec![Paragraph {
                        content: vec![Inline::TextField(TextField {
                            tag: "cover.country".into(),
                            alias: "Country".into(),
                            placeholder: "Enter the country name".into(),
                            value: String::new(),
                        })],
                        ..Paragraph::default()
                    }],
                    ..TableCell::default()
                },
            ],
        }],
    };
    DocxDocument {
        title: "Regional summary of GCM reviews".into(),
        language: "en-GB".into(),
        rtl: false,
        header: Some("IMRF 2026 — regional summary".into()),
        footer: Some("Draft".into()),
        page_numbers: true,
        blocks: vec![
            DocBlock::Paragraph(
                Paragraph::text("Regional summary").with_style(ParagraphStyle::Title),
            ),
            DocBlock::Paragraph(
                Paragraph::text("Voluntary reports, 2026").with_style(ParagraphStyle::Subtitle),
            ),
            DocBlock::TableOfContents {
                title: "Contents".into(),
                entries: vec![
                    (1, "Introduction".into()),
                    (2, "Method".into()),
                    (1, "Findings".into()),
                    (3, "Excerpts".into()),
                ],
            },
            heading(1, "Introduction"),
            DocBlock::Paragraph(Paragraph {
                content: vec![
                    Inline::Run(Run::plain("Member States submitted ")),
                    Inline::Run(Run::bold("42")),
                    Inline::Run(Run::plain(" reports ")),
                    Inline::Run(Run::italic("(provisional)")),
                    Inline::Footnote(vec![Run::plain("Counted on 1 November 2026.")]),
                    Inline::Run(Run::plain(".\nSecond line\twith a tab.")),
                ],
                ..Paragraph::default()
            }),
            heading(2, "Method"),
            DocBlock::Table(table),
            DocBlock::Paragraph(
                Paragraph::text("Table 1: objectives by region")
                    .with_style(ParagraphStyle::Caption),
            ),
            DocBlock::PageBreak,
            heading(1, "Findings"),
            DocBlock::BarChart(BarChart {
                title: "Reports by region".into(),
                description: "Bar chart: Africa 12, Europe 9, Asia 15 reports.".into(),
                categories: vec!["Africa".into(), "Europe".into(), "Asia".into()],
                series: vec![
                    ChartSeries {
                        name: "2025".into(),
                        values: vec![12.0, 9.0, 15.0],
                    },
                    ChartSeries {
                        name: "2026".into(),
                        values: vec![14.0, f64::NAN, 17.5],
                    },
                ],
                category_axis_title: Some("Region".into()),
                value_axis_title: Some("Reports".into()),
                horizontal: false,
            }),
            heading(3, "Excerpts"),
            DocBlock::Paragraph(
                Paragraph::text(ARABIC)
                    .with_lang("ar")
                    .with_style(ParagraphStyle::Quote),
            ),
            DocBlock::Paragraph(
                Paragraph::text(CHINESE)
                    .with_lang("zh-CN")
                    .with_style(ParagraphStyle::Quote),
            ),
            DocBlock::Paragraph(
                Paragraph::text("— Excerpts attributed to their national reports")
                    .with_style(ParagraphStyle::ListParagraph),
            ),
            DocBlock::ContentControl(ContentControl {
                tag: "section.objective-1".into(),
                alias: "Objective 1".into(),
                placeholder: vec![Paragraph::text("Describe progress on objective 1.")],
                content: vec![],
            }),
            DocBlock::ContentControl(ContentControl {
                tag: "section.cover".into(),
                alias: "Cover".into(),
                placeholder: vec![],
                content: vec![DocBlock::Table(cover)],
            }),
        ],
    }
}

/// All entries of a zip package.
pub fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let name = f.name().expect("name").to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("read");
        out.insert(name, data);
    }
    out
}

/// Zips entries back (stored, no compression needed for tests).
pub fn rezip(parts: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in parts {
        zip.start_file(name.as_str(), options).expect("start");
        zip.write_all(data).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

/// A part as text.
pub fn part(bytes: &[u8], name: &str) -> String {
    String::from_utf8(unzip(bytes).remove(name).expect("part present")).expect("utf-8")
}
