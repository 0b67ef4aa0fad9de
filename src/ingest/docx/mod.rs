//! The DOCX reader: a streaming walk over the package parts with quick-xml,
//! producing the neutral block model.
//!
//! Why our own walker: the available crates panic on Strict files and bad
//! CRCs, drop text boxes and moved text, have no notes reader and no limits
//! (ENGINEERING.md §2-§4). Here every part is read once, capped on the bytes
//! actually inflated, parsed without a DOM, and the same walker reads the
//! body, notes and comments.

mod assemble;
mod inflate;
mod numbering;
mod package;
mod props;
mod styles;
mod styles_plain;
mod tokens;
mod walker;
mod xml;

#[cfg(test)]
mod tests;

use super::{sniff, IngestError, Limits, SniffedFormat};
use crate::document::{Document, Notice};
use numbering::{Counters, Numbering};
use package::{is_limit, Package, Rel};
use styles::Styles;
use walker::{walk, Env, Mode};

/// Reads a DOCX package into a [`Document`].
///
/// Fails only when the input is not a Word document, breaks a limit, carries
/// a DOCTYPE, or its main part is damaged. Damage in an optional part
/// (styles, numbering, notes, comments, properties) becomes a
/// [`Notice::DamagedPart`] and the rest is still read.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, IngestError> {
    if sniff(bytes)? == SniffedFormat::Json {
        return Err(IngestError::NotWordDocument(
            "a JSON file, not a Word document".into(),
        ));
    }
    let mut pkg = Package::open(bytes, limits)?;
    let mut doc = Document::default();
    let depth = limits.max_xml_depth;

    let root_rels = pkg.rels("")?;
    let main = find_main(&mut pkg, &root_rels)?;
    let main_bytes = pkg.read(&main)?.ok_or_else(|| {
        IngestError::NotWordDocument("no main document part (word/document.xml)".into())
    })?;
    let main_text = xml::decode(main_bytes, &main)?;

    let dir = main
        .rfind('/')
        .and_then(|i| main.get(..=i))
        .unwrap_or("")
        .to_owned();
    let doc_rels = pkg.rels(&main)?;
    let part = |kind: &str, fallback: &str, pkg: &Package<'_>| -> Option<String> {
        if let Some(r) = doc_rels.iter().find(|r| r.kind == kind) {
            return Some(r.target.clone());
        }
        let name = format!("{dir}{fallback}");
        pkg.has(&name).then_some(name)
    };
    let styles_part = part("styles", "styles.xml", &pkg);
    let numbering_part = part("numbering", "numbering.xml", &pkg);
    let foot_part = part("footnotes", "footnotes.xml", &pkg);
    let end_part = part("endnotes", "endnotes.xml", &pkg);
    let comments_part = part("comments", "comments.xml", &pkg);

    let styles = optional(&mut pkg, styles_part, &mut doc.notices, |t, p| {
        Styles::parse(t, p, depth)
    })?
    .unwrap_or_default();
    let numbering = optional(&mut pkg, numbering_part, &mut doc.notices, |t, p| {
        Numbering::parse(t, p, depth)
    })?
    .unwrap_or_default();

    let root_part = |kind: &str, fallback: &str, pkg: &Package<'_>| -> Option<String> {
        if let Some(r) = root_rels.iter().find(|r| r.kind == kind) {
            return Some(r.target.clone());
        }
        pkg.has(fallback).then(|| fallback.to_owned())
    };
    let core_part = root_part("core-properties", "docProps/core.xml", &pkg);
    let custom_part = root_part("custom-properties", "docProps/custom.xml", &pkg);
    let mut props = crate::document::DocumentProperties::default();
    optional(&mut pkg, core_part, &mut doc.notices, |t, p| {
        props::parse_core(t, p, depth, &mut props)
    })?;
    optional(&mut pkg, custom_part, &mut doc.notices, |t, p| {
        props::parse_custom(t, p, depth, &mut props)
    })?;
    if props.language.is_none() {
        props.language = styles.default_lang.clone();
    }
    doc.properties = props;

    let mut env = Env {
        styles: &styles,
        numbering: &numbering,
        counters: Counters::default(),
        next_table: 1,
        max_depth: depth,
    };
    let mut body = walk(&main_text, &main, Mode::Body, &mut env)?;
    drop(main_text);
    if let Some(detail) = body.bad_measure.take() {
        doc.notices.push(Notice::DamagedPart {
            part: main.clone(),
            detail,
        });
    }
    let foot = optional(&mut pkg, foot_part, &mut doc.notices, |t, p| {
        walk(t, p, Mode::Footnotes, &mut env)
    })?;
    let end = optional(&mut pkg, end_part, &mut doc.notices, |t, p| {
        walk(t, p, Mode::Endnotes, &mut env)
    })?;
    let comments = optional(&mut pkg, comments_part, &mut doc.notices, |t, p| {
        walk(t, p, Mode::Comments, &mut env)
    })?;
    assemble::assemble(&mut doc, body, foot, end, comments);
    Ok(doc)
}

/// The main document part: the package's officeDocument relationship, else
/// the content type override, else the conventional `word/document.xml`.
fn find_main(pkg: &mut Package<'_>, root_rels: &[Rel]) -> Result<String, IngestError> {
    if let Some(r) = root_rels
        .iter()
        .find(|r| r.kind == "officeDocument" && pkg.has(&r.target))
    {
        return Ok(r.target.clone());
    }
    if let Some(p) = pkg.main_by_content_type()?.filter(|p| pkg.has(p)) {
        return Ok(p);
    }
    if pkg.has("word/document.xml") {
        return Ok("word/document.xml".to_owned());
    }
    Err(IngestError::NotWordDocument(
        "the package has no main document part (word/document.xml)".into(),
    ))
}

/// Reads and parses an optional part; damage becomes a notice, limit
/// breaches and DOCTYPEs still fail the document.
fn optional<T>(
    pkg: &mut Package<'_>,
    part: Option<String>,
    notices: &mut Vec<Notice>,
    parse: impl FnOnce(&str, &str) -> Result<T, IngestError>,
) -> Result<Option<T>, IngestError> {
    let Some(part) = part else { return Ok(None) };
    let result = pkg.read(&part).and_then(|bytes| match bytes {
        None => Ok(None),
        Some(b) => {
            let text = xml::decode(b, &part)?;
            parse(&text, &part).map(Some)
        }
    });
    match result {
        Ok(v) => Ok(v),
        Err(e) if is_limit(&e) => Err(e),
        Err(e) => {
            notices.push(Notice::DamagedPart {
                part,
                detail: e.to_string(),
            });
            Ok(None)
        }
    }
}
