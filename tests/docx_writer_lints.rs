//! One hand-broken package per lint rule: each rule must fire on its own
//! breakage (and the unbroken package must be clean).

mod docx_common;

use docx_common::*;
use gcm_review::docx_writer::lint::{lint_docx, LintRule};
use gcm_review::docx_writer::*;
use std::collections::BTreeSet;

fn good() -> Vec<u8> {
    let mut doc = every_block();
    // A second chart so drawing ids can collide.
    doc.blocks.push(DocBlock::BarChart(BarChart {
        title: "Second".into(),
        description: "Second chart".into(),
        categories: vec!["A".into()],
        series: vec![ChartSeries {
            name: "S".into(),
            values: vec![1.0],
        }],
        ..BarChart::default()
    }));
    write_docx(&doc).expect("writes")
}

/// Applies `edit` to one part's text and returns the rules that fire.
fn break_part(name: &str, edit: impl Fn(&str) -> String) -> BTreeSet<LintRule> {
    let mut parts = unzip(&good());
    let text = String::from_utf8(parts.get(name).expect("part").clone()).expect("utf-8");
    let broken = edit(&text);
    assert_ne!(broken, text, "the edit to {name} changed nothing");
    parts.insert(name.to_string(), broken.into_bytes());
    rules(&rezip(&parts))
}

fn rules(bytes: &[u8]) -> BTreeSet<LintRule> {
    lint_docx(bytes).into_iter().map(|p| p.rule).collect()
}

fn only(rule: LintRule) -> BTreeSet<LintRule> {
    BTreeSet::from([rule])
}

const DOC: &str = "word/document.xml";

#[test]
fn unbroken_package_is_clean() {
    assert!(lint_docx(&good()).is_empty());
    // Re-zipping alone (stored, different order of nothing) stays clean.
    assert!(lint_docx(&rezip(&unzip(&good()))).is_empty());
}

#[test]
fn package_rule() {
    assert_eq!(rules(b"not a zip"), only(LintRule::Package));
    let mut parts = unzip(&good());
    parts.remove(DOC);
    assert!(rules(&rezip(&parts)).contains(&LintRule::Package));
}

#[test]
fn well_formed_rule() {
    assert_eq!(
        break_part(DOC, |t| t.replacen("</w:body>", "", 1)),
        only(LintRule::WellFormed)
    );
    assert_eq!(
        break_part("word/styles.xml", |t| t.replacen(
            "<w:style ",
            "<w:style w:a=\"&nope;\" ",
            1
        )),
        only(LintRule::WellFormed)
    );
}

#[test]
fn content_type_rule() {
    let broken = break_part("[Content_Types].xml", |t| {
        t.replacen(
            "<Override PartName=\"/word/styles.xml\"",
            "<Override PartName=\"/word/nothing.xml\"",
            1,
        )
    });
    assert_eq!(broken, only(LintRule::ContentType));
    // A part whose extension has no Default and no Override.
    let mut parts = unzip(&good());
    parts.insert("word/media/image1.png".into(), vec![0x89, b'P', b'N', b'G']);
    assert_eq!(rules(&rezip(&parts)), only(LintRule::ContentType));
}

#[test]
fn relationship_target_rule() {
    let broken = break_part("word/_rels/document.xml.rels", |t| {
        t.replacen("Target=\"styles.xml\"", "Target=\"stiles.xml\"", 1)
    });
    assert_eq!(broken, only(LintRule::RelationshipTarget));
    let mut parts = unzip(&good());
    parts.remove("word/charts/chart1.xml");
    assert_eq!(rules(&rezip(&parts)), only(LintRule::RelationshipTarget));
}

#[test]
fn cell_ends_with_paragraph_rule() {
    let broken = break_part(DOC, |t| {
        t.replacen(
            "</w:p></w:tc>",
            "</w:p><w:sdt><w:sdtContent><w:p/></w:sdtContent></w:sdt></w:tc>",
            1,
        )
    });
    assert_eq!(broken, only(LintRule::CellEndsWithParagraph));
}

fn remove_between(t: &str, start: &str, end: &str) -> String {
    let a = t.find(start).expect("start");
    let b = a + t[a..].find(end).expect("end") + end.len();
    format!("{}{}", &t[..a], &t[b..])
}

#[test]
fn table_grid_rule() {
    assert_eq!(
        break_part(DOC, |t| remove_between(t, "<w:tblGrid>", "</w:tblGrid>")),
        only(LintRule::TableGrid)
    );
    assert_eq!(
        break_part(DOC, |t| t.replacen(
            "<w:gridCol w:w=\"4000\"/>",
            "<w:gridCol/>",
            1
        )),
        only(LintRule::TableGrid)
    );
}

#[test]
fn table_width_rule() {
    assert_eq!(
        break_part(DOC, |t| remove_between(t, "<w:tblW ", "/>")),
        only(LintRule::TableWidth)
    );
}

#[test]
fn drawing_id_unique_rule() {
    assert_eq!(
        break_part(DOC, |t| t.replacen(
            "<wp:docPr id=\"2\"",
            "<wp:docPr id=\"1\"",
            1
        )),
        only(LintRule::DrawingIdUnique)
    );
}

#[test]
fn drawing_description_rule() {
    assert_eq!(
        break_part(DOC, |t| t.replacen(" descr=\"", " title=\"", 1)),
        only(LintRule::DrawingDescription)
    );
}

#[test]
fn child_order_rule() {
    let arabic = || {
        let doc = DocxDocument {
            title: "t".into(),
            language: "ar".into(),
            rtl: true,
            blocks: vec![DocBlock::Heading {
                level: 1,
                text: ARABIC.into(),
                bookmark: None,
            }],
            ..DocxDocument::default()
        };
        write_docx(&doc).expect("writes")
    };
    assert!(lint_docx(&arabic()).is_empty());
    let swaps: [(&str, &str, &str); 6] = [
        ("rPr", "<w:b/><w:bCs/>", "<w:bCs/><w:b/>"),
        (
            "tblPr",
            "<w:tblW w:w=\"9026\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>",
            "<w:tblLayout w:type=\"fixed\"/><w:tblW w:w=\"9026\" w:type=\"dxa\"/>",
        ),
        (
            "trPr",
            "<w:cantSplit/><w:tblHeader/>",
            "<w:tblHeader/><w:cantSplit/>",
        ),
        (
            "tcPr",
            "<w:tcW w:w=\"2513\" w:type=\"dxa\"/><w:shd",
            "<w:shd w:val=\"clear\"/><w:tcW w:w=\"2513\" w:type=\"dxa\"/><w:shd",
        ),
        (
            "sectPr",
            "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>",
            "<w:docGrid/><w:pgSz w:w=\"11906\" w:h=\"16838\"/>",
        ),
        (
            "pPr",
            "<w:pStyle w:val=\"Caption\"/>",
            "<w:keepNext/><w:pStyle w:val=\"Caption\"/>",
        ),
    ];
    for (what, from, to) in swaps {
        assert_eq!(
            break_part(DOC, |t| t.replacen(from, to, 1)),
            only(LintRule::ChildOrder),
            "{what}"
        );
    }
    // pPr in a right-to-left document: bidi before pStyle.
    let mut parts = unzip(&arabic());
    let doc = String::from_utf8(parts[DOC].clone()).expect("utf-8");
    let broken = doc.replacen(
        "<w:pStyle w:val=\"Heading1\"/><w:bidi/>",
        "<w:bidi/><w:pStyle w:val=\"Heading1\"/>",
        1,
    );
    assert_ne!(doc, broken);
    parts.insert(DOC.into(), broken.into_bytes());
    assert_eq!(rules(&rezip(&parts)), only(LintRule::ChildOrder));
    // Styles are checked too.
    assert_eq!(
        break_part("word/styles.xml", |t| t.replacen(
            "<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>",
            "<w:szCs w:val=\"22\"/><w:sz w:val=\"22\"/>",
            1
        )),
        only(LintRule::ChildOrder)
    );
}

#[test]
fn core_properties_rule() {
    assert_eq!(
        break_part("docProps/core.xml", |t| remove_between(
            t,
            "<dc:language>",
            "</dc:language>"
        )),
        only(LintRule::CoreProperties)
    );
    assert_eq!(
        break_part("docProps/core.xml", |t| t.replacen(
            "<dc:title>Regional summary of GCM reviews</dc:title>",
            "<dc:title> </dc:title>",
            1
        )),
        only(LintRule::CoreProperties)
    );
}
