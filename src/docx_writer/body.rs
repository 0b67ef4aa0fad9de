//! `word/document.xml` body: blocks, paragraphs and runs.
//!
//! Child order inside `w:pPr`, `w:rPr` and `w:sectPr` follows ECMA-376
//! (`wml.xsd`); [`super::lint`] checks it on every write in tests.

use super::chart;
use super::lang;
use super::model::{DocBlock, Inline, Paragraph, Run};
use super::sdt;
use super::table;
use super::xml::Xml;
use super::WriteError;
use std::collections::BTreeSet;

/// A4 text width in twips (11906 - 2 × 1440 margins).
pub(crate) const TEXT_WIDTH_TWIPS: u32 = 9026;

/// A footnote collected while writing the body.
#[derive(Debug)]
pub(crate) struct Note {
    pub(crate) runs: Vec<Run>,
    pub(crate) props: ParaProps,
}

/// Direction and language of a paragraph after inheritance.
#[derive(Debug, Clone, Default)]
pub(crate) struct ParaProps {
    pub(crate) rtl: bool,
    pub(crate) lang: Option<String>,
}

/// State shared while writing one package: counters that must be unique
/// across the document, and the parts the body asks for.
#[derive(Debug)]
pub(crate) struct Ctx {
    pub(crate) rtl: bool,
    pub(crate) lang: String,
    /// Chart parts in order; chart n is `word/charts/chart{n}.xml`, relationship `rIdChart{n}`.
    pub(crate) charts: Vec<String>,
    /// Footnotes in order; footnote n has `w:id` n (1-based).
    pub(crate) notes: Vec<Note>,
    next_docpr: u32,
    next_sdt: u32,
    next_bookmark: u32,
    bookmarks: BTreeSet<String>,
}

impl Ctx {
    pub(crate) fn new(lang: &str, rtl: bool) -> Self {
        Ctx {
            rtl,
            lang: lang.to_string(),
            charts: Vec::new(),
            notes: Vec::new(),
            next_docpr: 1,
            next_sdt: 1,
            next_bookmark: 0,
            bookmarks: BTreeSet::new(),
        }
    }

    /// A fresh `wp:docPr/@id`: Word rejects duplicates.
    pub(crate) fn docpr_id(&mut self) -> u32 {
        let id = self.next_docpr;
        self.next_docpr += 1;
        id
    }

    pub(crate) fn sdt_id(&mut self) -> String {
        let id = self.next_sdt;
        self.next_sdt += 1;
        id.to_string()
    }

    /// Resolves a paragraph's direction and language against the document.
    pub(crate) fn props(&self, p: &Paragraph) -> Result<ParaProps, WriteError> {
        if let Some(tag) = &p.lang {
            if !lang::is_valid(tag) {
                return Err(WriteError::InvalidLanguage(tag.clone()));
            }
        }
        Ok(ParaProps {
            rtl: p.rtl.unwrap_or(self.rtl),
            lang: p.lang.clone(),
        })
    }

    fn bookmark_name(&mut self, wanted: &str) -> String {
        let mut base: String = wanted
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .take(32)
            .collect();
        if !base.starts_with(|c: char| c.is_ascii_alphabetic()) {
            base.insert(0, 'b');
        }
        let mut name = base.clone();
        let mut n = 2;
        while !self.bookmarks.insert(name.clone()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        name
    }
}

/// Writes a list of blocks. A table is followed by an empty paragraph when
/// nothing else separates it from the next table or the end of the list
/// (Word merges adjacent tables and wants a paragraph before `w:sectPr`).
pub(crate) fn blocks(x: &mut Xml, ctx: &mut Ctx, list: &[DocBlock]) -> Result<(), WriteError> {
    for (i, block) in list.iter().enumerate() {
        self::block(x, ctx, block)?;
        if matches!(block, DocBlock::Table(_)) {
            let next_is_para = matches!(
                list.get(i + 1),
                Some(DocBlock::Paragraph(_) | DocBlock::Heading { .. } | DocBlock::PageBreak)
            );
            if !next_is_para {
                let props = ParaProps {
                    rtl: ctx.rtl,
                    lang: None,
                };
                empty_paragraph(x, &props);
            }
        }
    }
    Ok(())
}

fn block(x: &mut Xml, ctx: &mut Ctx, block: &DocBlock) -> Result<(), WriteError> {
    match block {
        DocBlock::Heading {
            level,
            text,
            bookmark,
        } => heading(x, ctx, *level, text, bookmark.as_deref()),
        DocBlock::Paragraph(p) => paragraph(x, ctx, p, None),
        DocBlock::Table(t) => table::write(x, ctx, t),
        DocBlock::ContentControl(c) => sdt::content_control(x, ctx, c),
        DocBlock::TableOfContents { title, entries } => sdt::toc(x, ctx, title, entries),
        DocBlock::BarChart(c) => chart::write_inline(x, ctx, c),
        DocBlock::PageBreak => {
            x.open("w:p", &[]);
            para_props(x, None, &ctx_props(ctx), false);
            x.open("w:r", &[]);
            x.empty("w:br", &[("w:type", "page")]);
            x.close("w:r");
            x.close("w:p");
            Ok(())
        }
    }
}

pub(crate) fn ctx_props(ctx: &Ctx) -> ParaProps {
    ParaProps {
        rtl: ctx.rtl,
        lang: None,
    }
}

fn heading(
    x: &mut Xml,
    ctx: &mut Ctx,
    level: u8,
    text: &str,
    bookmark: Option<&str>,
) -> Result<(), WriteError> {
    let style = format!("Heading{}", level.clamp(1, 3));
    let props = ctx_props(ctx);
    x.open("w:p", &[]);
    para_props(x, Some(&style), &props, false);
    let mark = bookmark.map(|b| (ctx.next_bookmark.to_string(), ctx.bookmark_name(b)));
    if let Some((id, name)) = &mark {
        ctx.next_bookmark += 1;
        x.empty("w:bookmarkStart", &[("w:id", id), ("w:name", name)]);
    }
    run(x, &Run::plain(text), &props, None);
    if let Some((id, _)) = &mark {
        x.empty("w:bookmarkEnd", &[("w:id", id)]);
    }
    x.close("w:p");
    Ok(())
}

/// Writes one paragraph; `style` overrides the paragraph's own style id.
pub(crate) fn paragraph(
    x: &mut Xml,
    ctx: &mut Ctx,
    p: &Paragraph,
    style: Option<&str>,
) -> Result<(), WriteError> {
    let props = ctx.props(p)?;
    let style = style.or(p.style.map(|s| s.style_id()));
    x.open("w:p", &[]);
    para_props(x, style, &props, false);
    for inline in &p.content {
        match inline {
            Inline::Run(r) => run(x, r, &props, None),
            Inline::TextField(f) => sdt::text_field(x, ctx, f, &props),
            Inline::Footnote(runs) => {
                ctx.notes.push(Note {
                    runs: runs.clone(),
                    props: props.clone(),
                });
                let id = ctx.notes.len().to_string();
                x.open("w:r", &[]);
                run_props(x, Some("FootnoteReference"), &Run::default(), &props);
                x.empty("w:footnoteReference", &[("w:id", &id)]);
                x.close("w:r");
            }
        }
    }
    x.close("w:p");
    Ok(())
}

/// An empty paragraph (cell filler, table separator).
pub(crate) fn empty_paragraph(x: &mut Xml, props: &ParaProps) {
    x.open("w:p", &[]);
    para_props(x, None, props, false);
    x.close("w:p");
}

/// `w:pPr` in schema order: pStyle, keepNext, bidi, jc.
/// Right-to-left paragraphs get no `w:jc`: in a `w:bidi` paragraph "left"
/// and "right" mean start and end, and start (the right edge) is the default.
pub(crate) fn para_props(x: &mut Xml, style: Option<&str>, props: &ParaProps, keep_next: bool) {
    if style.is_none() && !props.rtl && !keep_next {
        return;
    }
    x.open("w:pPr", &[]);
    if let Some(style) = style {
        x.val("w:pStyle", style);
    }
    if keep_next {
        x.empty("w:keepNext", &[]);
    }
    if props.rtl {
        x.empty("w:bidi", &[]);
    }
    x.close("w:pPr");
}

/// `w:rPr` in schema order: rStyle, b, bCs, i, iCs, rtl, lang.
pub(crate) fn run_props(x: &mut Xml, char_style: Option<&str>, r: &Run, props: &ParaProps) {
    if char_style.is_none() && !r.bold && !r.italic && !props.rtl && props.lang.is_none() {
        return;
    }
    x.open("w:rPr", &[]);
    if let Some(style) = char_style {
        x.val("w:rStyle", style);
    }
    if r.bold {
        x.empty("w:b", &[]);
        x.empty("w:bCs", &[]);
    }
    if r.italic {
        x.empty("w:i", &[]);
        x.empty("w:iCs", &[]);
    }
    if props.rtl {
        x.empty("w:rtl", &[]);
    }
    if let Some(tag) = &props.lang {
        let (val, east_asia, bidi) = lang::lang_attrs(tag);
        x.empty(
            "w:lang",
            &[
                ("w:val", &val),
                ("w:eastAsia", &east_asia),
                ("w:bidi", &bidi),
            ],
        );
    }
    x.close("w:rPr");
}

/// Writes a run; newlines become `w:br`, tabs `w:tab`. Empty text writes nothing.
pub(crate) fn run(x: &mut Xml, r: &Run, props: &ParaProps, char_style: Option<&str>) {
    if r.text.is_empty() {
        return;
    }
    x.open("w:r", &[]);
    run_props(x, char_style, r, props);
    run_text(x, &r.text);
    x.close("w:r");
}

/// The content of a run: `w:t` segments separated by `w:br` and `w:tab`.
pub(crate) fn run_text(x: &mut Xml, text: &str) {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut segment = String::new();
    for c in text.chars() {
        match c {
            '\n' | '\t' => {
                text_segment(x, &segment);
                segment.clear();
                x.empty(if c == '\n' { "w:br" } else { "w:tab" }, &[]);
            }
            _ => segment.push(c),
        }
    }
    text_segment(x, &segment);
}

fn text_segment(x: &mut Xml, segment: &str) {
    let segment = super::xml::clean(segment);
    if segment.is_empty() {
        return;
    }
    let edge_space =
        segment.starts_with(char::is_whitespace) || segment.ends_with(char::is_whitespace);
    if edge_space {
        x.leaf("w:t", &[("xml:space", "preserve")], &segment);
    } else {
        x.leaf("w:t", &[], &segment);
    }
}
