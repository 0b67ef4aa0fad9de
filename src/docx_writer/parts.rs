//! Generated parts other than the body: relationships, core and extended
//! properties, `w:document` with its section, header, footer and footnotes.

use super::body::{self, Ctx, Note};
use super::model::{DocxDocument, Run};
use super::xml::Xml;

pub(crate) const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(crate) const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const NS_PKG_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
pub(crate) const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

pub(crate) fn package_rels() -> String {
    let mut x = Xml::new();
    x.open("Relationships", &[("xmlns", NS_PKG_RELS)]);
    x.empty(
        "Relationship",
        &[
            ("Id", "rId1"),
            ("Type", &format!("{REL}officeDocument")),
            ("Target", "word/document.xml"),
        ],
    );
    x.empty("Relationship", &[("Id", "rId2"), ("Type", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"), ("Target", "docProps/core.xml")]);
    x.empty(
        "Relationship",
        &[
            ("Id", "rId3"),
            ("Type", &format!("{REL}extended-properties")),
            ("Target", "docProps/app.xml"),
        ],
    );
    x.close("Relationships");
    x.finish()
}

pub(crate) fn rels_xml(rels: &[(String, &str, String)]) -> String {
    let mut x = Xml::new();
    x.open("Relationships", &[("xmlns", NS_PKG_RELS)]);
    for (id, kind, target) in rels {
        x.empty(
            "Relationship",
            &[
                ("Id", id),
                ("Type", &format!("{REL}{kind}")),
                ("Target", target),
            ],
        );
    }
    x.close("Relationships");
    x.finish()
}

pub(crate) fn core_xml(doc: &DocxDocument) -> String {
    let mut x = Xml::new();
    x.open(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    x.leaf("dc:title", &[], &doc.title);
    x.leaf("dc:creator", &[], "gcm-review");
    x.leaf("dc:language", &[], &doc.language);
    x.close("cp:coreProperties");
    x.finish()
}

pub(crate) fn app_xml() -> String {
    let mut x = Xml::new();
    x.open(
        "Properties",
        &[
            (
                "xmlns",
                "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
            ),
            (
                "xmlns:vt",
                "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
            ),
        ],
    );
    x.leaf("Application", &[], "gcm-review");
    x.leaf("DocSecurity", &[], "0");
    x.leaf("ScaleCrop", &[], "false");
    x.leaf("LinksUpToDate", &[], "false");
    x.leaf("SharedDoc", &[], "false");
    x.leaf("HyperlinksChanged", &[], "false");
    x.close("Properties");
    x.finish()
}

pub(crate) fn document_xml(body_xml: &str, header: bool, footer: bool, rtl: bool) -> String {
    let mut x = Xml::new();
    x.open(
        "w:document",
        &[("xmlns:w", NS_W), ("xmlns:r", NS_R), ("xmlns:wp", NS_WP)],
    );
    x.open("w:body", &[]);
    x.raw(body_xml);
    // sectPr children in schema order: headerReference, footerReference,
    // pgSz, pgMar, cols, bidi, docGrid.
    x.open("w:sectPr", &[]);
    if header {
        x.empty(
            "w:headerReference",
            &[("w:type", "default"), ("r:id", "rId7")],
        );
    }
    if footer {
        x.empty(
            "w:footerReference",
            &[("w:type", "default"), ("r:id", "rId8")],
        );
    }
    x.empty("w:pgSz", &[("w:w", "11906"), ("w:h", "16838")]);
    x.empty(
        "w:pgMar",
        &[
            ("w:top", "1440"),
            ("w:right", "1440"),
            ("w:bottom", "1440"),
            ("w:left", "1440"),
            ("w:header", "708"),
            ("w:footer", "708"),
            ("w:gutter", "0"),
        ],
    );
    x.empty("w:cols", &[("w:space", "708")]);
    if rtl {
        x.empty("w:bidi", &[]);
    }
    x.empty("w:docGrid", &[("w:linePitch", "360")]);
    x.close("w:sectPr");
    x.close("w:body");
    x.close("w:document");
    x.finish()
}

pub(crate) fn header_footer(
    root: &str,
    style: &str,
    text: &str,
    page_number: bool,
    ctx: &Ctx,
) -> String {
    let props = body::ParaProps {
        rtl: ctx.rtl,
        lang: None,
    };
    let mut x = Xml::new();
    x.open(root, &[("xmlns:w", NS_W), ("xmlns:r", NS_R)]);
    x.open("w:p", &[]);
    body::para_props(&mut x, Some(style), &props, false);
    body::run(&mut x, &Run::plain(text), &props, None);
    if page_number {
        if !text.is_empty() {
            body::run(&mut x, &Run::plain("\t\t"), &props, None);
        }
        super::sdt::simple_field(&mut x, " PAGE ", "1", &props);
    }
    x.close("w:p");
    x.close(root);
    x.finish()
}

pub(crate) fn footnotes_xml(notes: &[Note]) -> String {
    let mut x = Xml::new();
    x.open("w:footnotes", &[("xmlns:w", NS_W), ("xmlns:r", NS_R)]);
    for (id, kind, mark) in [
        ("-1", "separator", "w:separator"),
        ("0", "continuationSeparator", "w:continuationSeparator"),
    ] {
        x.open("w:footnote", &[("w:type", kind), ("w:id", id)]);
        x.open("w:p", &[]);
        x.open("w:pPr", &[]);
        x.empty(
            "w:spacing",
            &[("w:after", "0"), ("w:line", "240"), ("w:lineRule", "auto")],
        );
        x.close("w:pPr");
        x.open("w:r", &[]);
        x.empty(mark, &[]);
        x.close("w:r");
        x.close("w:p");
        x.close("w:footnote");
    }
    for (i, note) in notes.iter().enumerate() {
        let id = (i + 1).to_string();
        x.open("w:footnote", &[("w:id", &id)]);
        x.open("w:p", &[]);
        body::para_props(&mut x, Some("FootnoteText"), &note.props, false);
        x.open("w:r", &[]);
        body::run_props(
            &mut x,
            Some("FootnoteReference"),
            &Run::default(),
            &note.props,
        );
        x.empty("w:footnoteRef", &[]);
        x.close("w:r");
        body::run(&mut x, &Run::plain(" "), &note.props, None);
        for r in &note.runs {
            body::run(&mut x, r, &note.props, None);
        }
        x.close("w:p");
        x.close("w:footnote");
    }
    x.close("w:footnotes");
    x.finish()
}
