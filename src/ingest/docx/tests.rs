//! Fixture tests: small DOCX packages built in memory, one construct each.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::read;
use crate::document::{Block, BlockKind, Document, Notice, Story, TablePosition};
use crate::ingest::{IngestError, Limits};

const NS: &str = concat!(
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" "#,
    r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
    r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:x9="urn:example:unknown""#
);

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/><Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://example.org" TargetMode="External"/></Relationships>"#;

/// Zips the given parts (stored, no compression).
pub(super) fn zip_parts(parts: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(method);
    for (name, data) in parts {
        w.start_file(*name, opts).expect("start file");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

/// A package with the standard relationships, `document.xml` wrapping
/// `body` and any extra parts.
fn package(body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
    let doc = document(body);
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("word/_rels/document.xml.rels", DOC_RELS.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
    ];
    for (n, d) in extra {
        parts.push((n, d.as_bytes()));
    }
    zip_parts(&parts, CompressionMethod::Stored)
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}</w:body></w:document>"#
    )
}

fn read_ok(body: &str, extra: &[(&str, &str)]) -> Document {
    match read(&package(body, extra), &Limits::default()) {
        Ok(d) => d,
        Err(e) => panic!("read failed: {e:?}"),
    }
}

fn texts(d: &Document) -> Vec<&str> {
    d.blocks.iter().map(|b| b.text.as_str()).collect()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn assert_indices(d: &Document) {
    for (i, b) in d.blocks.iter().enumerate() {
        assert_eq!(b.location.index, i, "index of {b:?}");
    }
}

#[test]
fn entities_cdata_and_run_content() {
    let body = concat!(
        "<w:p><w:r><w:t>A &amp; B&#x2019;s &lt;x&gt; </w:t><w:t><![CDATA[c<d]]></w:t>",
        "<w:tab/><w:t>e</w:t><w:br/><w:t>f</w:t><w:cr/><w:t>g</w:t><w:noBreakHyphen/><w:t>h</w:t>",
        "<w:softHyphen/><w:t>i</w:t><w:sym w:font=\"Symbol\" w:char=\"03A9\"/><w:sym w:char=\"zz\"/>",
        "<w:t>&#x1;j&#8;</w:t></w:r></w:p>",
        "<w:p><m:oMathPara><m:oMath><m:r><m:t>x=1</m:t></m:r></m:oMath></m:oMathPara></w:p>",
    );
    let d = read_ok(body, &[]);
    assert_eq!(
        texts(&d),
        vec!["A & B\u{2019}s <x> c<d\te\nf\ng-hi\u{3A9}j", "x=1"]
    );
    assert_indices(&d);
}

#[test]
fn strict_namespaces_and_relationship_types() {
    let strict_ns = r#"xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main""#;
    let doc = format!(
        r#"<w:document {strict_ns}><w:body><w:tbl><w:tblPr><w:tblW w:w="612pt" w:type="dxa"/></w:tblPr><w:tr><w:tc><w:tcPr><w:tcW w:w="50%"/><w:gridSpan w:val="2pt"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="Kop1"/></w:pPr><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:pPr><w:pStyle w:val="Kop1"/></w:pPr><w:r><w:t>Strict heading</w:t></w:r></w:p></w:body></w:document>"#
    );
    let styles = format!(
        r#"<w:styles {strict_ns}><w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="heading 2"/></w:style></w:styles>"#
    );
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/Word/Main.xml"/></Relationships>"#;
    let drels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/styles" Target="s.xml"/></Relationships>"#;
    let bytes = zip_parts(
        &[
            ("_rels/.rels", rels.as_bytes()),
            ("word\\_rels\\main.xml.rels", drels.as_bytes()),
            ("word/main.xml", doc.as_bytes()),
            ("word/S.xml", styles.as_bytes()),
        ],
        CompressionMethod::Stored,
    );
    let d = read(&bytes, &Limits::default()).expect("strict reads");
    assert_eq!(texts(&d), vec!["cell", "Strict heading"]);
    assert_eq!(d.blocks[1].kind, BlockKind::Heading { level: 2 });
    assert_eq!(d.blocks[1].style.as_deref(), Some("heading 2"));
}

#[test]
fn fallback_main_part_and_missing_main_part() {
    let doc = document(&p("no rels"));
    let bytes = zip_parts(
        &[("Word/Document.XML", doc.as_bytes())],
        CompressionMethod::Stored,
    );
    let d = read(&bytes, &Limits::default()).expect("fallback");
    assert_eq!(texts(&d), vec!["no rels"]);

    let bytes = zip_parts(
        &[("xl/workbook.xml", b"<workbook/>")],
        CompressionMethod::Stored,
    );
    assert!(matches!(
        read(&bytes, &Limits::default()),
        Err(IngestError::NotWordDocument(_))
    ));
    // A relationship to a part that is not a WordprocessingML document.
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let bytes = zip_parts(
        &[
            ("_rels/.rels", rels.as_bytes()),
            ("xl/workbook.xml", b"<workbook/>"),
        ],
        CompressionMethod::Stored,
    );
    assert!(matches!(
        read(&bytes, &Limits::default()),
        Err(IngestError::NotWordDocument(_))
    ));
}

#[test]
fn core_and_custom_properties() {
    let core = r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Rapport &amp; GCM</dc:title><dc:language>fr-FR</dc:language><dc:creator>Ministère</dc:creator><dc:subject>GCM</dc:subject></cp:coreProperties>"#;
    let custom = r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="ISO3"><vt:lpwstr>FRA</vt:lpwstr></property><property pid="3" name="Year"><vt:i4>2026</vt:i4></property></Properties>"#;
    let d = read_ok(
        &p("x"),
        &[("docProps/core.xml", core), ("docProps/custom.xml", custom)],
    );
    assert_eq!(d.properties.title.as_deref(), Some("Rapport & GCM"));
    assert_eq!(d.properties.language.as_deref(), Some("fr-FR"));
    assert_eq!(d.properties.creator.as_deref(), Some("Ministère"));
    assert_eq!(d.properties.subject.as_deref(), Some("GCM"));
    assert_eq!(
        d.properties.custom,
        vec![
            ("ISO3".to_owned(), "FRA".to_owned()),
            ("Year".to_owned(), "2026".to_owned())
        ]
    );
}

#[test]
fn tracked_changes_accept_view() {
    let body = concat!(
        "<w:p><w:r><w:t>intro</w:t></w:r></w:p>",
        "<w:p><w:r><w:t xml:space=\"preserve\">kept </w:t></w:r>",
        "<w:ins w:id=\"1\" w:author=\"a\"><w:r><w:t>inserted </w:t></w:r></w:ins>",
        "<w:del w:id=\"2\" w:author=\"a\"><w:r><w:delText>deleted </w:delText></w:r></w:del>",
        "<w:moveFrom w:id=\"3\"><w:r><w:t>movedaway </w:t></w:r></w:moveFrom>",
        "<w:moveTo w:id=\"4\"><w:r><w:t>moved</w:t></w:r></w:moveTo>",
        "<w:r><w:rPr><w:b/><w:rPrChange w:id=\"5\"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>!</w:t></w:r></w:p>",
        // A deleted paragraph mark joins this paragraph with the next.
        "<w:p><w:pPr><w:pPrChange w:id=\"6\"><w:pPr/></w:pPrChange><w:rPr><w:del w:id=\"7\"/></w:rPr></w:pPr><w:r><w:t xml:space=\"preserve\">first half </w:t></w:r></w:p>",
        "<w:p><w:r><w:t>second half</w:t></w:r></w:p>",
    );
    let d = read_ok(body, &[]);
    assert_eq!(
        texts(&d),
        vec!["intro", "kept inserted moved!", "first half second half"]
    );
    assert!(!d.blocks[0].tracked_insertion);
    assert!(d.blocks[1].tracked_insertion);
    assert!(d.notices.contains(&Notice::TrackedChanges {
        count: 5,
        first_block: Some(1)
    }));
}

#[test]
fn comments_are_kept_apart_and_anchored() {
    let body = concat!(
        "<w:p><w:r><w:t>zero</w:t></w:r></w:p>",
        "<w:p><w:commentRangeStart w:id=\"0\"/><w:r><w:t>one</w:t></w:r><w:commentRangeEnd w:id=\"0\"/>",
        "<w:r><w:commentReference w:id=\"0\"/></w:r></w:p>",
    );
    let comments = format!(
        r#"<w:comments {NS}><w:comment w:id="0" w:author="Reviewer" w:initials="R"><w:p><w:r><w:t>Please check</w:t></w:r></w:p><w:p><w:r><w:t>this</w:t></w:r></w:p></w:comment><w:comment w:id="9"><w:p><w:r><w:t>orphan</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let d = read_ok(body, &[("word/comments.xml", &comments)]);
    assert_eq!(texts(&d), vec!["zero", "one"]);
    assert_eq!(d.comments.len(), 2);
    assert_eq!(d.comments[0].author.as_deref(), Some("Reviewer"));
    assert_eq!(d.comments[0].text, "Please check\nthis");
    assert_eq!(d.comments[0].block, Some(1));
    assert_eq!(d.comments[1].block, None);
    assert!(d.blocks.iter().all(|b| !b.text.contains("Please")));
}

#[test]
fn footnotes_and_endnotes_follow_their_reference() {
    let body = concat!(
        "<w:p><w:r><w:t>Body one</w:t></w:r><w:r><w:footnoteReference w:id=\"2\"/></w:r></w:p>",
        "<w:p><w:r><w:t>Body two</w:t></w:r><w:r><w:endnoteReference w:id=\"1\"/></w:r></w:p>",
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r><w:r><w:footnoteReference w:id=\"3\"/></w:r></w:p></w:tc></w:tr></w:tbl>",
    );
    let foot = format!(
        r#"<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r><w:r><w:t>SEP</w:t></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:t>CONT</w:t></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Note two</w:t></w:r><w:del w:id="9"><w:r><w:delText>gone</w:delText></w:r></w:del></w:p><w:p><w:ins w:id="8"><w:r><w:t>more</w:t></w:r></w:ins></w:p></w:footnote><w:footnote w:id="3"><w:p><w:r><w:t>Cell note</w:t></w:r></w:p></w:footnote><w:footnote w:id="4"><w:p><w:r><w:t>Unreferenced</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let end = format!(
        r#"<w:endnotes {NS}><w:endnote w:type="separator" w:id="0"><w:p/></w:endnote><w:endnote w:id="1"><w:p><w:r><w:t>End one</w:t></w:r></w:p></w:endnote></w:endnotes>"#
    );
    let d = read_ok(
        body,
        &[("word/footnotes.xml", &foot), ("word/endnotes.xml", &end)],
    );
    assert_eq!(
        texts(&d),
        vec![
            "Body one",
            "Note two\nmore",
            "Body two",
            "End one",
            "cell",
            "Cell note",
            "Unreferenced"
        ]
    );
    assert_eq!(d.blocks[1].kind, BlockKind::Footnote);
    assert_eq!(
        d.blocks[1].location.story,
        Story::Footnote { id: "2".into() }
    );
    assert!(d.blocks[1].tracked_insertion);
    assert_eq!(d.blocks[3].kind, BlockKind::Endnote);
    assert_eq!(
        d.blocks[3].location.story,
        Story::Endnote { id: "1".into() }
    );
    assert_eq!(
        d.blocks[6].location.story,
        Story::Footnote { id: "4".into() }
    );
    assert_indices(&d);
}

#[test]
fn content_controls_in_all_five_places() {
    let sdt = |tag: &str, content: &str| {
        format!(
            r#"<w:sdt><w:sdtPr><w:alias w:val="Alias {tag}"/><w:tag w:val="{tag}"/></w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>"#
        )
    };
    let placeholder = r#"<w:sdt><w:sdtPr><w:tag w:val="ph"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Click here to enter text.</w:t></w:r></w:p></w:sdtContent></w:sdt>"#;
    let inline = format!(
        "<w:p><w:r><w:t xml:space=\"preserve\">Country: </w:t></w:r>{}</w:p>",
        sdt("country", "<w:r><w:t>France</w:t></w:r>")
    );
    let cell_inner = sdt("incell", "<w:p><w:r><w:t>b</w:t></w:r></w:p>");
    let row1 = "<w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr>".to_owned();
    let row2 = format!(
        "<w:tr>{}<w:tc>{cell_inner}</w:tc></w:tr>",
        sdt("cell", "<w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc>")
    );
    let table = format!("<w:tbl>{}{}</w:tbl>", sdt("row", &row1), row2);
    let body = format!(
        "{}{}{}{}",
        sdt(
            "section-1",
            &format!("{}{}", p("Objective text"), sdt("nested", &p("deep")))
        ),
        inline,
        sdt("table", &table),
        placeholder
    );
    let d = read_ok(&body, &[]);
    assert_eq!(
        texts(&d),
        vec![
            "Objective text",
            "deep",
            "Country: France",
            "a",
            "c | b",
            "Click here to enter text."
        ]
    );
    assert_eq!(d.blocks[0].tags, vec!["section-1"]);
    assert_eq!(d.blocks[1].tags, vec!["section-1", "nested"]);
    assert_eq!(d.blocks[2].tags, vec!["country"]);
    assert_eq!(d.blocks[3].tags, vec!["table", "row"]);
    assert_eq!(d.blocks[4].tags, vec!["table", "cell", "incell"]);
    assert!(d.blocks[5].placeholder);
    assert!(!d.blocks[0].placeholder);
}

#[test]
fn fields_keep_results_and_drop_instructions_and_tocs() {
    let fld = |kind: &str| format!("<w:r><w:fldChar w:fldCharType=\"{kind}\"/></w:r>");
    let instr =
        |t: &str| format!("<w:r><w:instrText xml:space=\"preserve\">{t}</w:instrText></w:r>");
    let t = |t: &str| format!("<w:r><w:t>{t}</w:t></w:r>");
    let toc = format!(
        "<w:p>{}{}{}{}</w:p><w:p>{}</w:p><w:p>{}{}</w:p>",
        fld("begin"),
        instr(" TOC \\o \"1-3\" \\h "),
        fld("separate"),
        t("Introduction 1"),
        t("Objective 1 2"),
        t("Methods 3"),
        fld("end")
    );
    let nested = format!(
        "<w:p>{}{}{}{}{}{}{}{}{}{}</w:p>",
        t("See "),
        fld("begin"),
        instr(" IF "),
        fld("begin"),
        instr(" MERGEFIELD x "),
        fld("separate"),
        t("inner"),
        fld("end"),
        fld("separate"),
        t("outer result")
    ) + &format!("<w:p>{}{}</w:p>", t("tail"), fld("end"));
    let simple = "<w:p><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>7</w:t></w:r></w:fldSimple></w:p><w:p><w:fldSimple w:instr=\"TOC \\o\"><w:r><w:t>toc entry</w:t></w:r></w:fldSimple></w:p>";
    let toc_sdt = "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Contents</w:t></w:r></w:p><w:p><w:r><w:t>Heading 1 ..... 3</w:t></w:r></w:p></w:sdtContent></w:sdt>";
    let body = format!(
        "{toc}{}{nested}{simple}{toc_sdt}{}",
        p("after toc"),
        p("end")
    );
    let d = read_ok(&body, &[]);
    assert_eq!(
        texts(&d),
        vec!["after toc", "See outer result", "tail", "7", "end"]
    );
}

#[test]
fn alternate_content_takes_one_branch() {
    let txbx =
        |t: &str| format!("<w:txbxContent><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:txbxContent>");
    let body = format!(
        concat!(
            "<w:p><w:r><w:t>anchor</w:t></w:r><w:r><mc:AlternateContent>",
            "<mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>{}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>",
            "<mc:Fallback><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></mc:Fallback>",
            "</mc:AlternateContent></w:r><w:r><w:t xml:space=\"preserve\"> after</w:t></w:r></w:p>",
            "<w:p><mc:AlternateContent><mc:Choice Requires=\"x9\"><w:r><w:t>future</w:t></w:r></mc:Choice>",
            "<mc:Fallback><w:r><w:t>fallback</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>",
        ),
        txbx("choice box"),
        txbx("fallback box")
    );
    let d = read_ok(&body, &[]);
    assert_eq!(texts(&d), vec!["anchor after", "choice box", "fallback"]);
    assert!(d.blocks[1].location.in_text_box);
    assert!(!d.blocks[0].location.in_text_box);
    assert_indices(&d);
}

#[test]
fn vml_text_box_follows_anchor() {
    let body = concat!(
        "<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>",
        "<w:p><w:r><w:t>box one</w:t></w:r></w:p><w:p><w:r><w:t>box two</w:t></w:r></w:p>",
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r><w:r><w:t>anchor</w:t></w:r></w:p>",
        "<w:p><w:r><w:t>next</w:t></w:r></w:p>"
    );
    let d = read_ok(body, &[]);
    assert_eq!(texts(&d), vec!["anchor", "box one", "box two", "next"]);
    assert!(d.blocks[2].location.in_text_box);
}

const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="es-ES"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="Heading 2"/><w:basedOn w:val="Titre1"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Custom"><w:name w:val="Report Section"/><w:basedOn w:val="berschrift2"/></w:style>
<w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="Outline Body"/><w:pPr><w:outlineLvl w:val="3"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="Body Text"/></w:style>
<w:style w:type="paragraph" w:styleId="LoopA"><w:name w:val="Loop A"/><w:basedOn w:val="LoopB"/></w:style>
<w:style w:type="paragraph" w:styleId="LoopB"><w:name w:val="Loop B"/><w:basedOn w:val="LoopA"/></w:style>
<w:style w:type="paragraph" w:styleId="Hidden"><w:name w:val="Hidden Para"/><w:rPr><w:vanish/></w:rPr></w:style>
<w:style w:type="character" w:styleId="HiddenChar"><w:name w:val="Hidden Char"/><w:rPr><w:vanish/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListPara"><w:name w:val="List Paragraph"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="NumHeading"><w:name w:val="heading 3"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>"#;

fn sp(style: &str, text: &str) -> String {
    format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}

#[test]
fn headings_by_name_chain_and_outline_never_by_id() {
    let body = [
        sp("Titre1", "Un"),
        sp("berschrift2", "Zwei"),
        sp("Custom", "Derived"),
        sp("Outline", "Outlined"),
        sp("Titel", "The Title"),
        sp("Heading1", "Not a heading"),
        sp("LoopA", "Loop"),
        sp("Missing", "Unknown style"),
        p("Default style"),
        "<w:p><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr><w:r><w:t>Direct outline</w:t></w:r></w:p>"
            .to_owned(),
    ]
    .concat();
    let d = read_ok(&body, &[("word/styles.xml", STYLES)]);
    let kinds: Vec<_> = d.blocks.iter().map(|b| b.kind.clone()).collect();
    assert_eq!(
        kinds,
        vec![
            BlockKind::Heading { level: 1 },
            BlockKind::Heading { level: 2 },
            BlockKind::Heading { level: 2 },
            BlockKind::Heading { level: 4 },
            BlockKind::Title,
            BlockKind::Paragraph,
            BlockKind::Paragraph,
            BlockKind::Paragraph,
            BlockKind::Paragraph,
            BlockKind::Heading { level: 2 },
        ]
    );
    assert_eq!(d.blocks[0].style.as_deref(), Some("heading 1"));
    assert_eq!(d.blocks[2].style.as_deref(), Some("Report Section"));
    assert_eq!(d.blocks[8].style.as_deref(), Some("Normal"));
    assert_eq!(d.properties.language.as_deref(), Some("es-ES"));
}

#[test]
fn bold_through_runs_and_styles() {
    let body = [
        "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">All bold </w:t></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r></w:p>",
        "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Half </w:t></w:r><w:r><w:t>plain</w:t></w:r></w:p>",
        "<w:p><w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:t>off</w:t></w:r></w:p>",
        "<w:p><w:r><w:rPr><w:rStyle w:val=\"Strong\"/></w:rPr><w:t>strong</w:t></w:r></w:p>",
        &sp("berschrift2", "style bold"),
        "<w:p><w:pPr><w:pStyle w:val=\"berschrift2\"/></w:pPr><w:r><w:rPr><w:b w:val=\"false\"/></w:rPr><w:t>unbolded</w:t></w:r></w:p>",
    ]
    .concat();
    let d = read_ok(&body, &[("word/styles.xml", STYLES)]);
    let bold: Vec<bool> = d.blocks.iter().map(|b| b.bold).collect();
    assert_eq!(bold, vec![true, false, false, true, true, false]);
}

#[test]
fn hidden_text_direct_and_through_styles() {
    let body = [
        p("visible"),
        "<w:p><w:r><w:t xml:space=\"preserve\">shown </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>secret</w:t></w:r></w:p>".to_owned(),
        "<w:p><w:r><w:rPr><w:rStyle w:val=\"HiddenChar\"/></w:rPr><w:t>charstyle</w:t></w:r><w:r><w:t>x</w:t></w:r></w:p>".to_owned(),
        sp("Hidden", "parastyle"),
        "<w:p><w:pPr><w:pStyle w:val=\"Hidden\"/></w:pPr><w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>unhidden</w:t></w:r></w:p>".to_owned(),
    ]
    .concat();
    let d = read_ok(&body, &[("word/styles.xml", STYLES)]);
    assert_eq!(texts(&d), vec!["visible", "shown ", "x", "unhidden"]);
    assert!(d.notices.contains(&Notice::HiddenText {
        first_block: Some(1)
    }));
}

const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="10"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1.%2)"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="11"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="12"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="13"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Objective %1"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="11"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="12"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="13"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="10"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="(%1)"/></w:lvl></w:lvlOverride></w:num>
</w:numbering>"#;

fn np(num: u32, ilvl: u32, text: &str) -> String {
    format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}

#[test]
fn list_labels_like_word() {
    let body = [
        np(1, 0, "one"),
        np(1, 1, "one-a"),
        np(1, 1, "one-b"),
        np(1, 0, "two"),
        np(1, 1, "two-a"),
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:p>"
            .to_owned(),
        np(1, 0, "four"),
        np(2, 0, "bullet"),
        np(3, 0, "r1"),
        np(3, 0, "r2"),
        np(3, 0, "r3"),
        np(4, 0, "Migration data"),
        np(5, 0, "override"),
        sp("ListPara", "via style"),
        sp("NumHeading", "numbered heading"),
        np(0, 0, "numId zero"),
        np(99, 0, "unknown list"),
    ]
    .concat();
    let d = read_ok(
        &body,
        &[
            ("word/styles.xml", STYLES),
            ("word/numbering.xml", NUMBERING),
        ],
    );
    let labels: Vec<Option<&str>> = d.blocks.iter().map(|b| b.list_label.as_deref()).collect();
    assert_eq!(
        labels,
        vec![
            Some("1."),
            Some("1.a)"),
            Some("1.b)"),
            Some("2."),
            Some("2.a)"),
            Some("4."),
            Some("•"),
            Some("I."),
            Some("II."),
            Some("III."),
            Some("Objective 3"),
            Some("(D)"),
            Some("•"),
            Some("5."),
            None,
            None,
        ]
    );
    assert_eq!(d.blocks[1].kind, BlockKind::ListItem { level: 1 });
    assert_eq!(d.blocks[0].kind, BlockKind::ListItem { level: 0 });
    assert_eq!(d.blocks[13].kind, BlockKind::Heading { level: 3 });
    assert_eq!(d.blocks[14].kind, BlockKind::Paragraph);
    assert_eq!(d.blocks[10].visible_text(), "Objective 3 Migration data");
}

#[test]
fn tables_rows_cells_merges_and_nesting() {
    let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
    let nested = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        cell("n11"),
        cell("n12"),
        cell("n21"),
        cell("n22")
    );
    let body = format!(
        concat!(
            "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"100\"/></w:tblGrid>",
            "<w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}{}</w:tr>",
            "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>wide</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>second para</w:t></w:r></w:p></w:tc>{}</w:tr>",
            "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p>{}</w:tc></w:tr>",
            "<w:tr>{}{}</w:tr>",
            "</w:tbl>",
            "<w:tbl><w:tr>{}</w:tr></w:tbl>",
        ),
        cell("A"),
        cell("B"),
        cell("C"),
        cell("D"),
        nested,
        cell(""),
        cell(""),
        cell("second table"),
    );
    let d = read_ok(&body, &[]);
    assert_eq!(
        texts(&d),
        vec![
            "A | B | C",
            "wide\nsecond para | D",
            " | x",
            "n11 | n12",
            "n21 | n22",
            "second table"
        ]
    );
    assert_eq!(
        d.blocks[0].kind,
        BlockKind::TableRow {
            cells: vec!["A".into(), "B".into(), "C".into()]
        }
    );
    let pos: Vec<Option<TablePosition>> = d.blocks.iter().map(|b| b.location.table).collect();
    let tp = |table, row| Some(TablePosition { table, row });
    assert_eq!(
        pos,
        vec![tp(1, 1), tp(1, 2), tp(1, 3), tp(2, 1), tp(2, 2), tp(3, 1)]
    );
    assert_indices(&d);
}

#[test]
fn empty_paragraphs_are_not_blocks() {
    let body = format!(
        "<w:p/>{}<w:p><w:r><w:t xml:space=\"preserve\">   </w:t></w:r></w:p><w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr></w:p>{}<x9:unknown><w:p><w:r><w:t>inside unknown</w:t></w:r></w:p></x9:unknown>",
        p("a"),
        p("b")
    );
    let d = read_ok(&body, &[]);
    assert_eq!(texts(&d), vec!["a", "b", "inside unknown"]);
    assert_indices(&d);
}

#[test]
fn wrappers_are_descended() {
    let body = concat!(
        "<w:p><w:hyperlink r:id=\"rId6\"><w:r><w:t>link</w:t></w:r></w:hyperlink>",
        "<w:smartTag w:uri=\"u\" w:element=\"place\"><w:smartTag w:element=\"city\"><w:r><w:t xml:space=\"preserve\"> Paris</w:t></w:r></w:smartTag></w:smartTag>",
        "<w:customXml w:element=\"c\"><w:r><w:t xml:space=\"preserve\"> custom</w:t></w:r></w:customXml>",
        "<w:bdo w:val=\"rtl\"><w:r><w:t xml:space=\"preserve\"> bdo</w:t></w:r></w:bdo>",
        "<w:dir w:val=\"rtl\"><w:r><w:t xml:space=\"preserve\"> dir</w:t></w:r></w:dir></w:p>",
        "<w:customXml w:element=\"block\"><w:p><w:r><w:t>block custom</w:t></w:r></w:p></w:customXml>",
    );
    let d = read_ok(body, &[]);
    assert_eq!(texts(&d), vec!["link Paris custom bdo dir", "block custom"]);
}

#[test]
fn utf16_parts_are_decoded() {
    let doc = document(&p("utf sixteen é"));
    let mut bytes = vec![0xFF, 0xFE];
    for u in doc.replace("UTF-8", "UTF-16").encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let zip = zip_parts(&[("word/document.xml", &bytes)], CompressionMethod::Stored);
    let d = read(&zip, &Limits::default()).expect("utf-16 reads");
    assert_eq!(texts(&d), vec!["utf sixteen é"]);
}

#[test]
fn zip_bomb_part_is_refused() {
    let big = document(&p(&"a".repeat(200_000)));
    let zip = zip_parts(
        &[("word/document.xml", big.as_bytes())],
        CompressionMethod::Deflated,
    );
    assert!(zip.len() < 10_000, "compresses well: {}", zip.len());
    let limits = Limits {
        max_part_bytes: 50_000,
        ..Limits::default()
    };
    match read(&zip, &limits) {
        Err(IngestError::TooLarge { what, limit }) => {
            assert_eq!(what, "word/document.xml");
            assert_eq!(limit, 50_000);
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    let limits = Limits {
        max_total_bytes: 50_000,
        ..Limits::default()
    };
    assert!(matches!(
        read(&zip, &limits),
        Err(IngestError::TooLarge { .. })
    ));
    let limits = Limits {
        max_input_bytes: 100,
        ..Limits::default()
    };
    assert!(matches!(
        read(&zip, &limits),
        Err(IngestError::TooLarge { .. })
    ));
}

#[test]
fn entry_count_limit() {
    let doc = document(&p("x"));
    let names: Vec<String> = (0..20).map(|i| format!("media/{i}.bin")).collect();
    let mut parts: Vec<(&str, &[u8])> = vec![("word/document.xml", doc.as_bytes())];
    for n in &names {
        parts.push((n, b"x"));
    }
    let zip = zip_parts(&parts, CompressionMethod::Stored);
    let limits = Limits {
        max_entries: 10,
        ..Limits::default()
    };
    assert!(matches!(
        read(&zip, &limits),
        Err(IngestError::TooManyEntries {
            count: 21,
            limit: 10
        })
    ));
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!("{}{}", "<x9:a>".repeat(300), "</x9:a>".repeat(300));
    let zip = package(&deep, &[]);
    assert!(matches!(
        read(&zip, &Limits::default()),
        Err(IngestError::TooDeep { limit: 256, .. })
    ));
    // Self-closing elements at the limit count too.
    let limits = Limits {
        max_xml_depth: 4,
        ..Limits::default()
    };
    let zip = package("<w:p><w:r><w:t>x</w:t></w:r></w:p>", &[]);
    assert!(matches!(
        read(&zip, &limits),
        Err(IngestError::TooDeep { .. })
    ));
}

#[test]
fn doctype_is_refused_in_any_part() {
    let doc = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY e \"boom\">]>{}",
        document(&p("&e;")).replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "")
    );
    let zip = zip_parts(
        &[("word/document.xml", doc.as_bytes())],
        CompressionMethod::Stored,
    );
    assert!(matches!(
        read(&zip, &Limits::default()),
        Err(IngestError::Doctype { part }) if part == "word/document.xml"
    ));
    let styles = "<!DOCTYPE x><w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>";
    let zip = package(&p("x"), &[("word/styles.xml", styles)]);
    assert!(matches!(
        read(&zip, &Limits::default()),
        Err(IngestError::Doctype { part }) if part == "word/styles.xml"
    ));
}

#[test]
fn duplicate_names_after_case_folding_are_ambiguous() {
    let a = document(&p("one"));
    let b = document(&p("two"));
    let zip = zip_parts(
        &[
            ("word/document.xml", a.as_bytes()),
            ("Word/Document.xml", b.as_bytes()),
        ],
        CompressionMethod::Stored,
    );
    assert!(matches!(
        read(&zip, &Limits::default()),
        Err(IngestError::AmbiguousPackage(_))
    ));
}

/// Changes one byte inside a stored part's data so its CRC no longer matches.
fn corrupt(zip: &mut [u8], marker: &[u8]) {
    let pos = zip
        .windows(marker.len())
        .position(|w| w == marker)
        .expect("marker present");
    zip[pos] ^= 0x01;
}

#[test]
fn bad_crc_in_main_part_is_damage_and_in_optional_part_a_notice() {
    let mut zip = package(&p("MARKERTEXT"), &[]);
    corrupt(&mut zip, b"MARKERTEXT");
    match read(&zip, &Limits::default()) {
        Err(IngestError::DamagedPackage(msg)) => {
            assert!(msg.contains("word/document.xml"), "{msg}")
        }
        other => panic!("expected DamagedPackage, got {other:?}"),
    }
    let comments = format!(
        r#"<w:comments {NS}><w:comment w:id="0"><w:p><w:r><w:t>COMMENTMARK</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let mut zip = package(&p("body"), &[("word/comments.xml", &comments)]);
    corrupt(&mut zip, b"COMMENTMARK");
    let d = read(&zip, &Limits::default()).expect("optional damage tolerated");
    assert_eq!(texts(&d), vec!["body"]);
    assert!(d
        .notices
        .iter()
        .any(|n| matches!(n, Notice::DamagedPart { part, .. } if part == "word/comments.xml")));
    // Malformed XML in an optional part is a notice too; in the main part an error.
    let zip = package(
        &p("body"),
        &[("word/numbering.xml", "<w:numbering><w:num>")],
    );
    let d = read(&zip, &Limits::default()).expect("optional damage tolerated");
    assert!(matches!(
        d.notices.first(),
        Some(Notice::DamagedPart { .. })
    ));
    let zip = package("<w:p><w:r><w:t>cut", &[]);
    assert!(matches!(
        read(&zip, &Limits::default()),
        Err(IngestError::InvalidXml { .. })
    ));
}

#[test]
fn truncated_main_part_is_invalid_not_partial() {
    let doc = document(&p("complete"));
    let cut = doc.get(..doc.len() - 20).expect("cut");
    let zip = zip_parts(
        &[("word/document.xml", cut.as_bytes())],
        CompressionMethod::Stored,
    );
    assert!(matches!(
        read(&zip, &Limits::default()),
        Err(IngestError::InvalidXml { .. })
    ));
}

#[test]
fn ole_pdf_and_json_bytes_are_refused_by_sniffing() {
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    assert_eq!(
        read(&ole, &Limits::default()).err(),
        Some(IngestError::EncryptedOrLegacy)
    );
    assert_eq!(
        read(b"%PDF-1.7\n", &Limits::default()).err(),
        Some(IngestError::Pdf)
    );
    assert!(matches!(
        read(b"{\"a\":1}", &Limits::default()),
        Err(IngestError::NotWordDocument(_))
    ));
    assert!(matches!(
        read(b"PK\x03\x04garbage", &Limits::default()),
        Err(IngestError::DamagedPackage(_))
    ));
}

#[test]
fn text_box_in_table_cell_follows_row() {
    let body = concat!(
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r><w:r><w:pict><v:shape><v:textbox><w:txbxContent>",
        "<w:p><w:r><w:t>boxed</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p></w:tc></w:tr></w:tbl>",
        "<w:p><w:r><w:t>after</w:t></w:r></w:p>",
    );
    let d = read_ok(body, &[]);
    assert_eq!(texts(&d), vec!["cell", "boxed", "after"]);
    let b: &Block = &d.blocks[1];
    assert!(b.location.in_text_box);
    assert_eq!(b.location.table, None);
}

#[test]
fn malformed_widths_are_ignored_but_flagged() {
    let body = "<w:tbl><w:tblPr><w:tblW w:w=\"612pt\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"0x10\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"50%\"/></w:tcPr><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    let d = read_ok(body, &[]);
    assert_eq!(texts(&d), vec!["cell"]);
    assert!(matches!(
        d.notices.as_slice(),
        [Notice::DamagedPart { part, detail }] if part == "word/document.xml" && detail.contains("0x10")
    ));
    let d = read_ok(&body.replace("0x10", "2876"), &[]);
    assert!(d.notices.is_empty());
}
