//! The OPC package: fixed parts from `templates/docx/`, generated parts,
//! relationships, content types and the zip container.
//!
//! Parts are written in a fixed order with a fixed timestamp and a fixed
//! "made by" system, so the same document gives byte-identical output on
//! every platform.

use super::body::{self, Ctx};
use super::lang;
use super::model::DocxDocument;
use super::parts::{
    app_xml, core_xml, document_xml, footnotes_xml, header_footer, package_rels, rels_xml,
};
use super::xml::Xml;
use super::WriteError;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

const STYLES: &str = include_str!("../../templates/docx/styles.xml");
const SETTINGS: &str = include_str!("../../templates/docx/settings.xml");
const WEB_SETTINGS: &str = include_str!("../../templates/docx/webSettings.xml");
const FONT_TABLE: &str = include_str!("../../templates/docx/fontTable.xml");
const THEME: &str = include_str!("../../templates/docx/theme1.xml");

const CT_WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

/// A part to put in the package: name, content type, bytes.
struct Part {
    name: String,
    content_type: String,
    data: String,
}

fn part(name: &str, content_type: &str, data: String) -> Part {
    Part {
        name: name.to_string(),
        content_type: content_type.to_string(),
        data,
    }
}

/// Fills the `{{LANG}}` placeholders of a template part.
fn with_lang(template: &str, tag: &str) -> String {
    let (val, east_asia, bidi) = lang::lang_attrs(tag);
    template
        .replace("{{LANG}}", &val)
        .replace("{{LANG_EA}}", &east_asia)
        .replace("{{LANG_BIDI}}", &bidi)
}

/// Builds every part of the package, in the order they are zipped.
fn parts(doc: &DocxDocument) -> Result<Vec<Part>, WriteError> {
    if super::xml::clean(&doc.title).trim().is_empty() {
        return Err(WriteError::EmptyTitle);
    }
    if !lang::is_valid(&doc.language) {
        return Err(WriteError::InvalidLanguage(doc.language.clone()));
    }
    let mut ctx = Ctx::new(&doc.language, doc.rtl);
    let mut x = Xml::fragment();
    body::blocks(&mut x, &mut ctx, &doc.blocks)?;
    let body_xml = x.finish();
    let header = doc
        .header
        .as_deref()
        .map(|t| header_footer("w:hdr", "Header", t, false, &ctx));
    let footer = (doc.footer.is_some() || doc.page_numbers).then(|| {
        header_footer(
            "w:ftr",
            "Footer",
            doc.footer.as_deref().unwrap_or(""),
            doc.page_numbers,
            &ctx,
        )
    });

    let mut rels = vec![
        ("rId1", "styles", "styles.xml"),
        ("rId2", "settings", "settings.xml"),
        ("rId3", "webSettings", "webSettings.xml"),
        ("rId4", "fontTable", "fontTable.xml"),
        ("rId5", "theme", "theme/theme1.xml"),
    ]
    .into_iter()
    .map(|(id, kind, target)| (id.to_string(), kind, target.to_string()))
    .collect::<Vec<_>>();
    if !ctx.notes.is_empty() {
        rels.push(("rId6".into(), "footnotes", "footnotes.xml".into()));
    }
    if header.is_some() {
        rels.push(("rId7".into(), "header", "header1.xml".into()));
    }
    if footer.is_some() {
        rels.push(("rId8".into(), "footer", "footer1.xml".into()));
    }
    for n in 1..=ctx.charts.len() {
        rels.push((
            format!("rIdChart{n}"),
            "chart",
            format!("charts/chart{n}.xml"),
        ));
    }

    let document = document_xml(&body_xml, header.is_some(), footer.is_some(), doc.rtl);
    let mut out = vec![
        part("/_rels/.rels", "", package_rels()),
        part(
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml",
            core_xml(doc),
        ),
        part(
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml",
            app_xml(),
        ),
        part(
            "/word/document.xml",
            &format!("{CT_WML}document.main+xml"),
            document,
        ),
        part("/word/_rels/document.xml.rels", "", rels_xml(&rels)),
        part(
            "/word/styles.xml",
            &format!("{CT_WML}styles+xml"),
            with_lang(STYLES, &doc.language),
        ),
        part(
            "/word/settings.xml",
            &format!("{CT_WML}settings+xml"),
            with_lang(SETTINGS, &doc.language),
        ),
        part(
            "/word/webSettings.xml",
            &format!("{CT_WML}webSettings+xml"),
            WEB_SETTINGS.to_string(),
        ),
        part(
            "/word/fontTable.xml",
            &format!("{CT_WML}fontTable+xml"),
            FONT_TABLE.to_string(),
        ),
        part(
            "/word/theme/theme1.xml",
            "application/vnd.openxmlformats-officedocument.theme+xml",
            THEME.to_string(),
        ),
    ];
    if !ctx.notes.is_empty() {
        out.push(part(
            "/word/footnotes.xml",
            &format!("{CT_WML}footnotes+xml"),
            footnotes_xml(&ctx.notes),
        ));
    }
    if let Some(h) = header {
        out.push(part("/word/header1.xml", &format!("{CT_WML}header+xml"), h));
    }
    if let Some(f) = footer {
        out.push(part("/word/footer1.xml", &format!("{CT_WML}footer+xml"), f));
    }
    for (i, chart) in ctx.charts.into_iter().enumerate() {
        let name = format!("/word/charts/chart{}.xml", i + 1);
        out.push(part(
            &name,
            "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
            chart,
        ));
    }
    let types = content_types(&out);
    out.insert(0, part("/[Content_Types].xml", "", types));
    Ok(out)
}

/// Zips the parts: Deflate, 1980-01-01 timestamps, DOS "made by".
pub(crate) fn write(doc: &DocxDocument) -> Result<Vec<u8>, WriteError> {
    let parts = parts(doc)?;
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .system(System::Dos);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for p in &parts {
        zip.start_file(p.name.trim_start_matches('/'), options)?;
        zip.write_all(p.data.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

fn content_types(parts: &[Part]) -> String {
    let mut x = Xml::new();
    x.open(
        "Types",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types",
        )],
    );
    x.empty(
        "Default",
        &[
            ("Extension", "rels"),
            (
                "ContentType",
                "application/vnd.openxmlformats-package.relationships+xml",
            ),
        ],
    );
    x.empty(
        "Default",
        &[("Extension", "xml"), ("ContentType", "application/xml")],
    );
    for p in parts.iter().filter(|p| !p.content_type.is_empty()) {
        x.empty(
            "Override",
            &[("PartName", &p.name), ("ContentType", &p.content_type)],
        );
    }
    x.close("Types");
    x.finish()
}
