//! Tests of the DOCX writer: lints, an independent reader, determinism,
//! languages and hostile text.

mod docx_common;

use docx_common::*;
use gcm_review::docx_writer::lint::lint_docx;
use gcm_review::docx_writer::*;

fn write(doc: &DocxDocument) -> Vec<u8> {
    write_docx(doc).expect("document writes")
}

fn assert_clean(bytes: &[u8]) {
    let problems = lint_docx(bytes);
    assert!(
        problems.is_empty(),
        "lint problems:\n{}",
        problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_block_type_passes_the_lints() {
    assert_clean(&write(&every_block()));
}

#[test]
fn output_is_deterministic_and_compressed() {
    let a = write(&every_block());
    let b = write(&every_block());
    assert_eq!(a, b);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&a)).expect("zip");
    let doc = zip.by_name("word/document.xml").expect("document part");
    assert_eq!(doc.compression(), zip::CompressionMethod::Deflated);
    assert!(doc.compressed_size() < doc.size());
}

#[test]
fn docx_rs_reads_headings_and_cells() {
    let bytes = write(&every_block());
    let docx = docx_rs::read_docx(&bytes).expect("docx-rs reads the package");
    let json = docx.json();
    for text in [
        "Introduction",
        "Method",
        "Findings",
        "Excerpts",
        "Objective 1: data",
        "12 reports",
        "Spanning cell",
        "Short row",
        ARABIC,
        CHINESE,
    ] {
        assert!(json.contains(text), "docx-rs did not find {text:?}");
    }
    assert!(json.contains("Heading1") && json.contains("Heading3"));
}

#[test]
fn required_markup_is_present() {
    let bytes = write(&every_block());
    let doc = part(&bytes, "word/document.xml");
    for needle in [
        "<w:tblHeader/>",
        "w:firstRow=\"1\"",
        "<w:tblCaption w:val=\"Objectives by region\"/>",
        "<w:tblDescription w:val=",
        "<w:tblGrid><w:gridCol w:w=\"4000\"/>",
        "<w:tblW w:w=\"9026\" w:type=\"dxa\"/>",
        "<w:gridSpan w:val=\"2\"/>",
        "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E2EFDA\"/>",
        "<w:docPartGallery w:val=\"Table of Contents\"/>",
        "<w:instrText xml:space=\"preserve\"> TOC \\o &quot;1-3&quot; \\h \\z \\u </w:instrText>",
        "<w:fldChar w:fldCharType=\"separate\"/>",
        "<w:tag w:val=\"section.objective-1\"/>",
        "<w:alias w:val=\"Objective 1\"/>",
        "<w:showingPlcHdr/>",
        "<w:text/>",
        "<w:pStyle w:val=\"Heading1\"/>",
        "<w:bookmarkStart w:id=\"0\" w:name=\"Introduction\"/>",
        "<w:footnoteReference w:id=\"1\"/>",
        "<w:t xml:space=\"preserve\">Member States submitted </w:t>",
        "<w:br/>",
        "<w:tab/>",
        "<w:br w:type=\"page\"/>",
        "descr=\"Bar chart: Africa 12, Europe 9, Asia 15 reports.\"",
        "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>",
        "<w:lang w:val=\"zh-CN\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>",
    ] {
        assert!(doc.contains(needle), "document.xml lacks {needle}");
    }
    let settings = part(&bytes, "word/settings.xml");
    assert!(settings.contains("<w:updateFields w:val=\"true\"/>"));
    let styles = part(&bytes, "word/styles.xml");
    for (id, name, lvl) in [
        ("Heading1", "heading 1", 0),
        ("Heading2", "heading 2", 1),
        ("Heading3", "heading 3", 2),
    ] {
        let start = styles
            .find(&format!("w:styleId=\"{id}\""))
            .expect("heading style");
        let style = &styles[start..start + styles[start..].find("</w:style>").expect("end")];
        assert!(style.contains(&format!("<w:name w:val=\"{name}\"/>")));
        assert!(style.contains(&format!("<w:outlineLvl w:val=\"{lvl}\"/>")));
    }
    for id in [
        "Title",
        "Subtitle",
        "TOC1",
        "TOC2",
        "TOC3",
        "Caption",
        "Quote",
        "TableGrid",
        "ListParagraph",
    ] {
        assert!(
            styles.contains(&format!("w:styleId=\"{id}\"")),
            "style {id}"
        );
    }
    assert!(styles.contains("<w:lang w:val=\"en-GB\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>"));
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>Regional summary of GCM reviews</dc:title>"));
    assert!(core.contains("<dc:language>en-GB</dc:language>"));
    let chart = part(&bytes, "word/charts/chart1.xml");
    assert!(
        chart.contains("<c:barChart>")
            && chart.contains("<c:v>Africa</c:v>")
            && chart.contains("<c:v>17.5</c:v>")
    );
    assert!(!chart.contains("NaN"));
    let footer = part(&bytes, "word/footer1.xml");
    assert!(footer.contains(" PAGE "));
    let notes = part(&bytes, "word/footnotes.xml");
    assert!(notes.contains("Counted on 1 November 2026."));
}

fn arabic_document() -> DocxDocument {
    DocxDocument {
        title: "تقرير".into(),
        language: "ar".into(),
        rtl: true,
        blocks: vec![
            DocBlock::Heading {
                level: 1,
                text: ARABIC.into(),
                bookmark: None,
            },
            DocBlock::Paragraph(Paragraph::text(ARABIC)),
            DocBlock::Table(Table {
                caption: "جدول".into(),
                description: "وصف".into(),
                column_widths: vec![],
                header_rows: 1,
                rows: vec![TableRow {
                    cells: vec![TableCell::text("الهدف"), TableCell::text("١٢")],
                }],
            }),
        ],
        ..DocxDocument::default()
    }
}

#[test]
fn arabic_paragraphs_are_right_to_left() {
    let bytes = write(&arabic_document());
    assert_clean(&bytes);
    let doc = part(&bytes, "word/document.xml");
    assert!(doc.contains("<w:pPr><w:pStyle w:val=\"Heading1\"/><w:bidi/></w:pPr>"));
    assert!(doc.contains("<w:p><w:pPr><w:bidi/></w:pPr><w:r><w:rPr><w:rtl/></w:rPr><w:t>"));
    assert!(doc.contains("<w:bidiVisual/>"));
    assert!(
        doc.contains("<w:bidi/><w:docGrid"),
        "section is right to left"
    );
    // In a w:bidi paragraph "left"/"right" mean start/end: no w:jc keeps the start (right) edge.
    assert!(!doc.contains("<w:jc"));
    // Every paragraph is bidi and every run rtl.
    assert_eq!(
        doc.matches("<w:p>").count(),
        doc.matches("<w:p><w:pPr>").count()
    );
    assert_eq!(
        doc.matches("<w:r>").count(),
        doc.matches("<w:r><w:rPr><w:rtl/>").count()
    );
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains("<w:lang w:val=\"ar\" w:eastAsia=\"zh-CN\" w:bidi=\"ar\"/>"));
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:language>ar</dc:language>"));
}

#[test]
fn arabic_excerpt_in_english_document() {
    let bytes = write(&every_block());
    let doc = part(&bytes, "word/document.xml");
    let at = doc.find(ARABIC).expect("arabic text");
    let para = &doc[doc[..at].rfind("<w:p>").expect("paragraph start")..at];
    assert!(
        para.contains("<w:bidi/>") && para.contains("<w:rtl/>") && para.contains("w:bidi=\"ar\""),
        "{para}"
    );
}

#[test]
fn chinese_uses_an_east_asian_font() {
    let doc = DocxDocument {
        title: "报告".into(),
        language: "zh-CN".into(),
        blocks: vec![DocBlock::Paragraph(Paragraph::text(CHINESE))],
        ..DocxDocument::default()
    };
    let bytes = write(&doc);
    assert_clean(&bytes);
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains("w:eastAsia=\"Microsoft YaHei\""));
    assert!(styles.contains("<w:lang w:val=\"zh-CN\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>"));
    let fonts = part(&bytes, "word/fontTable.xml");
    assert!(fonts.contains("<w:altName w:val=\"Noto Sans CJK SC\"/>"));
    let theme = part(&bytes, "word/theme/theme1.xml");
    assert!(theme.contains("script=\"Hans\" typeface=\"Microsoft YaHei\""));
}

#[test]
fn six_un_languages_write_cleanly() {
    for (lang, rtl, text) in [
        ("ar", true, ARABIC),
        ("zh-CN", false, CHINESE),
        ("en-GB", false, "Global Compact for Migration"),
        ("fr-FR", false, "Pacte mondial pour des migrations sûres"),
        ("ru-RU", false, "Глобальный договор о миграции"),
        ("es-ES", false, "Pacto Mundial para la Migración"),
    ] {
        let doc = DocxDocument {
            title: text.into(),
            language: lang.into(),
            rtl,
            header: Some(text.into()),
            page_numbers: true,
            blocks: vec![
                DocBlock::Heading {
                    level: 1,
                    text: text.into(),
                    bookmark: Some(text.into()),
                },
                DocBlock::ContentControl(ContentControl {
                    tag: "s1".into(),
                    alias: text.into(),
                    placeholder: vec![Paragraph::text(text)],
                    content: vec![],
                }),
            ],
            ..DocxDocument::default()
        };
        let bytes = write(&doc);
        assert_clean(&bytes);
        assert!(part(&bytes, "word/document.xml").contains(text), "{lang}");
    }
}

#[test]
fn hostile_text_never_breaks_the_package() {
    let nasty = [
        String::new(),
        " ".into(),
        "\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}\u{FFFE}\u{FFFF}".into(),
        "a\u{0}b\u{1B}[31mred".into(),
        "\u{202B}\u{200F}mixed RTL marks\u{202C}\u{200E}".into(),
        "emoji 😀👍🏽 and ZWJ 👩‍👩‍👧".into(),
        "<w:p>&amp;</w:t>]]>\"'".into(),
        "\r\n\r\t\t\n".into(),
        "x".repeat(200_000),
    ];
    let mut blocks = Vec::new();
    for s in &nasty {
        blocks.push(DocBlock::Heading {
            level: 0,
            text: s.clone(),
            bookmark: Some(s.clone()),
        });
        blocks.push(DocBlock::Heading {
            level: 200,
            text: s.clone(),
            bookmark: Some(s.clone()),
        });
        blocks.push(DocBlock::Paragraph(Paragraph {
            content: vec![
                Inline::Run(Run::bold(s.clone())),
                Inline::TextField(TextField {
                    tag: s.clone(),
                    alias: s.clone(),
                    placeholder: s.clone(),
                    value: s.clone(),
                }),
                Inline::Footnote(vec![Run::plain(s.clone())]),
            ],
            ..Paragraph::default()
        }));
        blocks.push(DocBlock::Table(Table {
            caption: s.clone(),
            description: s.clone(),
            column_widths: vec![0, u32::MAX],
            header_rows: usize::MAX,
            rows: vec![TableRow {
                cells: vec![TableCell {
                    paragraphs: vec![],
                    shading: Some(s.clone()),
                    span: u32::MAX,
                }],
            }],
        }));
        blocks.push(DocBlock::Table(Table::default()));
        blocks.push(DocBlock::ContentControl(ContentControl {
            tag: s.clone(),
            alias: s.clone(),
            placeholder: vec![],
            content: vec![],
        }));
        blocks.push(DocBlock::TableOfContents {
            title: s.clone(),
            entries: vec![(0, s.clone()), (9, s.clone())],
        });
        blocks.push(DocBlock::TableOfContents {
            title: s.clone(),
            entries: vec![],
        });
        blocks.push(DocBlock::BarChart(BarChart {
            title: s.clone(),
            description: s.clone(),
            categories: vec![s.clone()],
            series: vec![ChartSeries {
                name: s.clone(),
                values: vec![f64::INFINITY, 1e300, -0.0],
            }],
            category_axis_title: Some(s.clone()),
            value_axis_title: Some(s.clone()),
            horizontal: true,
        }));
        blocks.push(DocBlock::BarChart(BarChart::default()));
    }
    let doc = DocxDocument {
        title: "Hostile \u{0} text".into(),
        language: "en".into(),
        header: Some("\u{7}".into()),
        footer: Some(String::new()),
        page_numbers: true,
        blocks,
        ..DocxDocument::default()
    };
    let bytes = write(&doc);
    assert_clean(&bytes);
    assert!(docx_rs::read_docx(&bytes).is_ok());
}

#[test]
fn empty_document_is_valid() {
    let doc = DocxDocument {
        title: "Empty".into(),
        language: "en".into(),
        ..DocxDocument::default()
    };
    assert_clean(&write(&doc));
}

#[test]
fn bad_metadata_is_an_error_not_a_panic() {
    let base = DocxDocument {
        title: "T".into(),
        language: "en".into(),
        ..DocxDocument::default()
    };
    let no_title = DocxDocument {
        title: " \u{0}".into(),
        ..base.clone()
    };
    assert!(matches!(write_docx(&no_title), Err(WriteError::EmptyTitle)));
    let bad_lang = DocxDocument {
        language: "en GB\"".into(),
        ..base.clone()
    };
    assert!(matches!(
        write_docx(&bad_lang),
        Err(WriteError::InvalidLanguage(_))
    ));
    let bad_para_lang = DocxDocument {
        blocks: vec![DocBlock::Paragraph(Paragraph::text("x").with_lang(""))],
        ..base
    };
    assert!(matches!(
        write_docx(&bad_para_lang),
        Err(WriteError::InvalidLanguage(_))
    ));
}

#[test]
fn over_wide_tables_keep_their_text() {
    let cells = (0..100)
        .map(|i| TableCell::text(format!("cell{i}")))
        .collect();
    let doc = DocxDocument {
        title: "Wide".into(),
        language: "en".into(),
        blocks: vec![DocBlock::Table(Table {
            rows: vec![TableRow { cells }],
            ..Table::default()
        })],
        ..DocxDocument::default()
    };
    let bytes = write(&doc);
    assert_clean(&bytes);
    let xml = part(&bytes, "word/document.xml");
    assert_eq!(xml.matches("<w:gridCol ").count(), 63);
    assert_eq!(xml.matches("<w:tc>").count(), 63);
    assert!(xml.contains("cell99"));
}
