//! Content controls (`w:sdt`), complex fields and the table of contents.
//!
//! Block-level controls carry the section id in `w:tag`, so a filled-in
//! template maps back to its sections; the TOC is a `w:sdt` with
//! `w:docPartGallery` "Table of Contents" (without it LibreOffice prints the
//! field code) and pre-rendered entries, refreshed by Word on open.

use super::body::{blocks, ctx_props, empty_paragraph, para_props, run, Ctx, ParaProps};
use super::model::{ContentControl, Inline, Run, TextField};
use super::xml::Xml;
use super::WriteError;

fn sdt_props(
    x: &mut Xml,
    ctx: &mut Ctx,
    alias: &str,
    tag: &str,
    placeholder: bool,
    plain_text: bool,
) {
    x.open("w:sdtPr", &[]);
    x.val("w:alias", alias);
    x.val("w:tag", tag);
    let id = ctx.sdt_id();
    x.val("w:id", &id);
    if placeholder {
        x.empty("w:showingPlcHdr", &[]);
    }
    if plain_text {
        x.empty("w:text", &[]);
    }
    x.close("w:sdtPr");
}

pub(crate) fn text_field(x: &mut Xml, ctx: &mut Ctx, f: &TextField, props: &ParaProps) {
    let placeholder = f.value.is_empty();
    x.open("w:sdt", &[]);
    sdt_props(x, ctx, &f.alias, &f.tag, placeholder, true);
    x.open("w:sdtContent", &[]);
    let (text, style) = if placeholder {
        (f.placeholder.as_str(), Some("PlaceholderText"))
    } else {
        (f.value.as_str(), None)
    };
    // A content control needs at least one run to be clickable in Word.
    let text = if text.is_empty() { " " } else { text };
    run(x, &Run::plain(text), props, style);
    x.close("w:sdtContent");
    x.close("w:sdt");
}

pub(crate) fn content_control(
    x: &mut Xml,
    ctx: &mut Ctx,
    c: &ContentControl,
) -> Result<(), WriteError> {
    let placeholder = c.content.is_empty();
    x.open("w:sdt", &[]);
    sdt_props(x, ctx, &c.alias, &c.tag, placeholder, false);
    x.open("w:sdtContent", &[]);
    if !placeholder {
        blocks(x, ctx, &c.content)?;
    } else if c.placeholder.is_empty() {
        empty_paragraph(x, &ctx_props(ctx));
    } else {
        for p in &c.placeholder {
            let props = ctx.props(p)?;
            x.open("w:p", &[]);
            para_props(x, p.style.map(|s| s.style_id()), &props, false);
            for inline in &p.content {
                if let Inline::Run(r) = inline {
                    run(x, r, &props, Some("PlaceholderText"));
                }
            }
            x.close("w:p");
        }
    }
    x.close("w:sdtContent");
    x.close("w:sdt");
    Ok(())
}

fn field_char(x: &mut Xml, kind: &str) {
    x.open("w:r", &[]);
    x.empty("w:fldChar", &[("w:fldCharType", kind)]);
    x.close("w:r");
}

/// A complex field's instruction run.
pub(crate) fn field_instruction(x: &mut Xml, instruction: &str) {
    x.open("w:r", &[]);
    x.leaf("w:instrText", &[("xml:space", "preserve")], instruction);
    x.close("w:r");
}

/// A whole complex field (begin, instruction, separate, cached result, end)
/// inside the current paragraph.
pub(crate) fn simple_field(x: &mut Xml, instruction: &str, result: &str, props: &ParaProps) {
    field_char(x, "begin");
    field_instruction(x, instruction);
    field_char(x, "separate");
    run(x, &Run::plain(result), props, None);
    field_char(x, "end");
}

pub(crate) fn toc(
    x: &mut Xml,
    ctx: &mut Ctx,
    title: &str,
    entries: &[(u8, String)],
) -> Result<(), WriteError> {
    let props = ctx_props(ctx);
    x.open("w:sdt", &[]);
    x.open("w:sdtPr", &[]);
    let id = ctx.sdt_id();
    x.val("w:id", &id);
    x.open("w:docPartObj", &[]);
    x.val("w:docPartGallery", "Table of Contents");
    x.empty("w:docPartUnique", &[]);
    x.close("w:docPartObj");
    x.close("w:sdtPr");
    x.open("w:sdtContent", &[]);
    x.open("w:p", &[]);
    para_props(x, Some("TOCHeading"), &props, false);
    run(x, &Run::plain(title), &props, None);
    x.close("w:p");
    let instruction = " TOC \\o \"1-3\" \\h \\z \\u ";
    if entries.is_empty() {
        x.open("w:p", &[]);
        para_props(x, Some("TOC1"), &props, false);
        field_char(x, "begin");
        field_instruction(x, instruction);
        field_char(x, "separate");
        field_char(x, "end");
        x.close("w:p");
    } else {
        for (i, (level, text)) in entries.iter().enumerate() {
            let style = format!("TOC{}", (*level).clamp(1, 3));
            x.open("w:p", &[]);
            para_props(x, Some(&style), &props, false);
            if i == 0 {
                field_char(x, "begin");
                field_instruction(x, instruction);
                field_char(x, "separate");
            }
            run(x, &Run::plain(text), &props, None);
            x.close("w:p");
        }
        x.open("w:p", &[]);
        para_props(x, None, &props, false);
        field_char(x, "end");
        x.close("w:p");
    }
    x.close("w:sdtContent");
    x.close("w:sdt");
    Ok(())
}
