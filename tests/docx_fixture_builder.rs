//! The test DOCX builder writes what Word, LibreOffice and Google Docs
//! write: checked here on the packages themselves and through the reader's
//! block model, so the end-to-end tests rest on constructs that are there.

#[path = "support/docx_fixture.rs"]
mod docx_fixture;

use std::io::{Cursor, Read};

use docx_fixture::{word_heading_id, Fixture, Flavour};
use gcm_review::document::{BlockKind, Document, Notice, Story};
use gcm_review::ingest::{docx, Limits};

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("no part {name}"))
        .read_to_string(&mut s)
        .expect("utf-8 part");
    s
}

fn read(bytes: &[u8]) -> Document {
    docx::read(bytes, &Limits::default()).expect("the reader accepts the fixture")
}

fn block<'d>(doc: &'d Document, text: &str) -> &'d gcm_review::document::Block {
    doc.blocks
        .iter()
        .find(|b| b.text == text)
        .unwrap_or_else(|| panic!("no block {text:?} in {:#?}", doc.blocks))
}

#[test]
fn localised_style_ids_with_english_names_are_headings() {
    for (lang, id) in [
        ("en", "Heading1"),
        ("fr", "Titre1"),
        ("es", "Ttulo1"),
        ("de", "berschrift1"),
        ("ru", "1"),
        ("zh", "1"),
    ] {
        assert_eq!(word_heading_id(lang, 1), id);
        let bytes = Fixture::new("en")
            .ui_lang(lang)
            .heading(1, "Methodology")
            .heading(2, "Consultations")
            .para("Text.")
            .build();
        let styles = part(&bytes, "word/styles.xml");
        assert!(
            styles.contains(&format!("w:styleId=\"{id}\"><w:name w:val=\"heading 1\"/>")),
            "{lang}"
        );
        let doc = read(&bytes);
        let h = block(&doc, "Methodology");
        assert_eq!(h.kind, BlockKind::Heading { level: 1 }, "{lang}");
        assert_eq!(h.style.as_deref(), Some("heading 1"), "{lang}");
        assert_eq!(
            block(&doc, "Consultations").kind,
            BlockKind::Heading { level: 2 }
        );
    }
}

#[test]
fn libreoffice_and_google_docs_styles_and_a_house_style_chain() {
    for flavour in [Flavour::LibreOffice, Flavour::GoogleDocs, Flavour::Word] {
        let bytes = Fixture::new("es")
            .flavour(flavour)
            .heading(1, "Metodología")
            .custom_style_heading("Marco normativo")
            .outline_heading(1, "Próximos pasos")
            .para("Texto.")
            .build();
        let styles = part(&bytes, "word/styles.xml");
        if flavour == Flavour::LibreOffice {
            assert!(styles.contains("<w:basedOn w:val=\"Heading\"/>"));
        }
        let doc = read(&bytes);
        for text in ["Metodología", "Marco normativo", "Próximos pasos"] {
            assert_eq!(
                block(&doc, text).kind,
                BlockKind::Heading { level: 1 },
                "{flavour:?} {text}"
            );
        }
        assert_eq!(block(&doc, "Texto.").kind, BlockKind::Paragraph);
        assert_eq!(
            block(&doc, "Marco normativo").style.as_deref(),
            Some("Report section")
        );
    }
}

#[test]
fn unstyled_headings_are_bold_or_plain() {
    let doc = read(
        &Fixture::new("en")
            .bold_heading("1. Methodology")
            .plain_line("II. POLICY FRAMEWORK")
            .para("Ordinary text.")
            .build(),
    );
    let b = block(&doc, "1. Methodology");
    assert!(b.bold && b.kind == BlockKind::Paragraph);
    assert!(
        b.style.as_deref().is_none_or(|s| s == "Normal"),
        "{:?}",
        b.style
    );
    let p = block(&doc, "II. POLICY FRAMEWORK");
    assert!(!p.bold && p.kind == BlockKind::Paragraph);
    assert!(!block(&doc, "Ordinary text.").bold);
}

#[test]
fn objective_headings_numbered_by_numbering_xml() {
    let bytes = Fixture::new("es")
        .objective_numbering("Objetivo %1")
        .heading(1, "Avances")
        .objective_heading(1, "Datos")
        .objective_heading(2, "Factores adversos")
        .objective_heading(7, "Vulnerabilidades")
        .build();
    let numbering = part(&bytes, "word/numbering.xml");
    assert!(numbering.contains("<w:lvlText w:val=\"Objetivo %1\"/>"));
    assert!(numbering.contains("<w:startOverride w:val=\"7\"/>"));
    let doc = read(&bytes);
    let labels: Vec<(&str, Option<&str>)> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading { level: 2 }))
        .map(|b| (b.text.as_str(), b.list_label.as_deref()))
        .collect();
    assert_eq!(
        labels,
        vec![
            ("Datos", Some("Objetivo 1")),
            ("Factores adversos", Some("Objetivo 2")),
            ("Vulnerabilidades", Some("Objetivo 7")),
        ]
    );
}

#[test]
fn tables_footnotes_comments_and_tracked_changes() {
    let bytes = Fixture::new("en")
        .cover_table(&[
            ("Member State".into(), "Portugal".into()),
            ("ISO3".into(), "PRT".into()),
        ])
        .table(&[
            vec!["Measure".into(), "Status".into()],
            vec!["Job-seeker visa".into(), "Completed".into()],
        ])
        .para_with_footnote("Remittances rose.", "Source: central bank.")
        .para_with_comment(
            "Budget text.",
            "Reviewer, Ministry of Finance",
            "Add 2021 figures.",
        )
        .para_with_changes("We held ", "two", "three", " hearings.")
        .list_item("First measure.")
        .build();
    let footnotes = part(&bytes, "word/footnotes.xml");
    assert!(footnotes.contains("w:type=\"separator\" w:id=\"-1\""));
    assert!(footnotes.contains("w:type=\"continuationSeparator\" w:id=\"0\""));
    let body = part(&bytes, "word/document.xml");
    for construct in [
        "<w:commentRangeStart w:id=\"0\"/>",
        "<w:commentRangeEnd w:id=\"0\"/>",
        "<w:commentReference w:id=\"0\"/>",
        "<w:footnoteReference w:id=\"1\"/>",
        "<w:delText xml:space=\"preserve\">two</w:delText>",
        "<w:tblHeader/>",
    ] {
        assert!(body.contains(construct), "{construct}");
    }

    let doc = read(&bytes);
    let rows: Vec<&[String]> = doc
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::TableRow { cells } => Some(cells.as_slice()),
            _ => None,
        })
        .collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0], ["Member State", "Portugal"]);
    let note_at = doc
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::Footnote)
        .expect("footnote block");
    assert_eq!(doc.blocks[note_at].text, "Source: central bank.");
    assert!(matches!(
        doc.blocks[note_at].location.story,
        Story::Footnote { .. }
    ));
    assert_eq!(doc.blocks[note_at - 1].text, "Remittances rose.");
    assert_eq!(doc.comments.len(), 1);
    assert_eq!(doc.comments[0].text, "Add 2021 figures.");
    assert_eq!(
        doc.comments[0].author.as_deref(),
        Some("Reviewer, Ministry of Finance")
    );
    let changed = block(&doc, "We held three hearings.");
    assert!(changed.tracked_insertion);
    assert!(doc
        .notices
        .iter()
        .any(|n| matches!(n, Notice::TrackedChanges { count: 2, .. })));
    assert_eq!(
        block(&doc, "First measure.").kind,
        BlockKind::ListItem { level: 0 }
    );
}

#[test]
fn content_controls_tags_and_placeholders() {
    let doc = read(
        &Fixture::new("en")
            .begin_control("cover.email")
            .cover_table(&[("Focal point: e-mail".into(), "a@b.org".into())])
            .end_control()
            .placeholder(
                "cover.focal_point_title",
                "Click or tap here to enter text.",
            )
            .begin_control("objectives_progress")
            .heading(1, "Progress on GCM objectives")
            .begin_control("objective_05")
            .heading(2, "Objective 5: Regular pathways")
            .para("Visas.")
            .end_control()
            .end_control()
            .build(),
    );
    assert_eq!(
        block(&doc, "Focal point: e-mail | a@b.org").tags,
        vec!["cover.email"]
    );
    let ph = block(&doc, "Click or tap here to enter text.");
    assert!(ph.placeholder);
    assert_eq!(ph.tags, vec!["cover.focal_point_title"]);
    assert_eq!(
        block(&doc, "Visas.").tags,
        vec!["objectives_progress", "objective_05"]
    );
}

#[test]
fn properties_and_right_to_left_arabic() {
    let bytes = Fixture::new("ar")
        .core("الاستعراض الطوعي", "ar-MA")
        .custom_property("ISO3", "MAR")
        .heading(1, "منهجية الاستعراض")
        .para("أُعدّ هذا الاستعراض بمشاركة الوزارات المعنية.")
        .build();
    let body = part(&bytes, "word/document.xml");
    assert!(body.contains("<w:bidi/>") && body.contains("<w:rtl/>"));
    let doc = read(&bytes);
    assert_eq!(doc.properties.title.as_deref(), Some("الاستعراض الطوعي"));
    assert_eq!(doc.properties.language.as_deref(), Some("ar-MA"));
    assert_eq!(
        doc.properties.custom,
        vec![("ISO3".to_string(), "MAR".to_string())]
    );
    assert_eq!(
        block(&doc, "منهجية الاستعراض").kind,
        BlockKind::Heading { level: 1 }
    );
}

#[test]
fn builds_are_byte_for_byte_deterministic() {
    let make = || {
        Fixture::new("fr")
            .core("Titre", "fr-FR")
            .heading(1, "Méthodologie")
            .para_with_footnote("Texte.", "Note.")
            .para_with_comment("Autre texte.", "Relecteur", "Commentaire.")
            .build()
    };
    assert_eq!(make(), make());
}
