//! The one streaming walker used for every story: body, footnotes, endnotes
//! and comments. Using the same walker everywhere means notes and comments get
//! exactly the body's handling of tracked changes, fields, content controls,
//! text boxes and hidden text (other readers shipped poorer note walkers).
//!
//! The walker is a state machine over quick-xml events: a frame stack mirrors
//! the open elements, skipped subtrees are counted through without being
//! looked at, and paragraphs, rows and text boxes are built in small state
//! structs and emitted as [`Out`] records that the assembler places.

use quick_xml::events::BytesStart;

use super::numbering::{Counters, Numbering};
use super::styles::{heading_from_outline, NumRef, RunProps, StyleRef, Styles};
use super::xml::{attr, is_illegal, lenient_int, local, on_off, push_clean, Ev, Ns, XmlPart};
use crate::document::{Block, BlockKind, BlockLocation, Story, TablePosition};
use crate::ingest::IngestError;

/// Which part is being walked; decides the story of the blocks and which
/// top-level elements group them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// `word/document.xml`.
    Body,
    /// `word/footnotes.xml`.
    Footnotes,
    /// `word/endnotes.xml`.
    Endnotes,
    /// `word/comments.xml`.
    Comments,
}

/// Footnote or endnote, for references from the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum NoteKind {
    /// A footnote.
    Foot,
    /// An endnote.
    End,
}

/// A block as the walker emits it, with what the assembler needs to place
/// notes, anchor comments and compute notices.
#[derive(Debug, Clone)]
pub(super) struct Out {
    /// The block (index set by the assembler).
    pub block: Block,
    /// The note or comment id this block belongs to (notes and comments modes).
    pub group: Option<String>,
    /// A tracked change sits in or just before this block.
    pub changed: bool,
    /// Hidden text was left out of this block (or just before it).
    pub hidden: bool,
    /// Comments anchored here.
    pub comment_ids: Vec<String>,
    /// Notes referenced here, in order.
    pub note_refs: Vec<(NoteKind, String)>,
}

/// What a walk produced.
#[derive(Debug, Default)]
pub(super) struct Walked {
    /// Emitted blocks in reading order.
    pub outs: Vec<Out>,
    /// Tracked insertions, deletions and moves seen.
    pub changes: usize,
    /// Comment ids and authors in order (comments mode).
    pub comments: Vec<(String, Option<String>)>,
    /// Some hidden text was left out.
    pub hidden: bool,
    /// The first malformed width (`w:w` of `w:tblW`, `w:tcW`, `w:gridCol`,
    /// cell margins, ...), the attributes other readers crash on:
    /// ignored, but the part is not what Word wrote.
    pub bad_measure: Option<String>,
}

/// Shared reading state across the parts of one document.
pub(super) struct Env<'a> {
    /// Resolved styles.
    pub styles: &'a Styles,
    /// List definitions.
    pub numbering: &'a Numbering,
    /// List counters (body first, then notes).
    pub counters: Counters,
    /// Next table number (1-based, document order).
    pub next_table: usize,
    /// Element depth limit.
    pub max_depth: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    Other,
    Para,
    PPr,
    PPrRPr,
    NumPr,
    Run,
    RPr,
    Text,
    InstrText,
    Table,
    Row,
    TrPr,
    Cell,
    TcPr,
    Sdt,
    SdtPr,
    DocPartObj,
    SdtContent,
    Ins,
    FldSimpleToc,
    Alt,
    Txbx,
    Group,
}

#[derive(Debug, Default)]
struct Run {
    direct: RunProps,
    style: StyleRef,
    resolved: Option<(bool, bool)>,
}

#[derive(Debug, Default)]
struct Marks {
    changed: bool,
    inserted: bool,
    hidden: bool,
    placeholder: bool,
    bold_seen: bool,
    plain_seen: bool,
    tags: Vec<String>,
    comment_ids: Vec<String>,
    note_refs: Vec<(NoteKind, String)>,
}

impl Marks {
    fn absorb(&mut self, o: Marks) {
        self.changed |= o.changed;
        self.inserted |= o.inserted;
        self.hidden |= o.hidden;
        self.placeholder |= o.placeholder;
        self.bold_seen |= o.bold_seen;
        self.plain_seen |= o.plain_seen;
        for t in o.tags {
            if !self.tags.contains(&t) {
                self.tags.push(t);
            }
        }
        self.comment_ids.extend(o.comment_ids);
        self.note_refs.extend(o.note_refs);
    }
}

#[derive(Debug, Default)]
struct Para {
    text: String,
    style: StyleRef,
    num: Option<NumRef>,
    outline: Option<u8>,
    mark_deleted: bool,
    marks: Marks,
    after: Vec<Out>,
}

#[derive(Debug, Default)]
struct Cell {
    text: String,
    vmerge_continue: bool,
}

#[derive(Debug, Default)]
struct Row {
    no: usize,
    cells: Vec<String>,
    cell: Option<Cell>,
    deleted: bool,
    marks: Marks,
    after: Vec<Out>,
}

#[derive(Debug)]
struct Table {
    number: usize,
    rows: usize,
    row: Option<Row>,
}

#[derive(Debug, Default)]
struct Ctx {
    para: Option<Para>,
    merging: bool,
    tables: Vec<Table>,
    out: Vec<Out>,
    run: Run,
    in_text_box: bool,
}

#[derive(Debug, Default)]
struct Sdt {
    tag: Option<String>,
    placeholder: bool,
    toc: bool,
    active: bool,
}

#[derive(Debug, Default)]
struct Field {
    instr: String,
    result: bool,
    toc: bool,
}

/// Nested field limit; deeper `begin`s are ignored rather than grown.
const MAX_FIELDS: usize = 64;
/// Longest field instruction kept (only its start matters).
const MAX_INSTR: usize = 64;

/// Namespaces whose `mc:Choice` content we read correctly: Word 2010+
/// shapes, groups, canvases, drawing extensions, math, VML.
fn understood_ns(uri: &str) -> bool {
    uri.starts_with("http://schemas.microsoft.com/office/word/")
        || uri.starts_with("http://schemas.microsoft.com/office/drawing/2010/")
        || uri.starts_with("http://schemas.openxmlformats.org/")
        || uri.starts_with("http://purl.oclc.org/ooxml/")
        || uri.starts_with("urn:schemas-microsoft-com:")
}

const UNDERSTOOD_PREFIXES: [&str; 14] = [
    "wps", "wpg", "wpc", "w14", "w15", "w16", "w16se", "w16cid", "wp14", "a14", "m", "v", "o",
    "w10",
];

struct Walker<'e, 'a> {
    env: &'e mut Env<'a>,
    mode: Mode,
    frames: Vec<Frame>,
    skip: usize,
    ctxs: Vec<Ctx>,
    sdts: Vec<Sdt>,
    fields: Vec<Field>,
    field_suppress: bool,
    suppress: usize,
    alts: Vec<bool>,
    ins_depth: usize,
    group: Option<String>,
    carry: Marks,
    result: Walked,
    saw_root: bool,
}

/// Walks one story part. `text` is the decoded part.
pub(super) fn walk(
    text: &str,
    part: &str,
    mode: Mode,
    env: &mut Env<'_>,
) -> Result<Walked, IngestError> {
    let mut x = XmlPart::new(text, part, env.max_depth);
    let mut w = Walker {
        env,
        mode,
        frames: Vec::with_capacity(64),
        skip: 0,
        // About one block per 500 bytes of Word's markup: growing the list
        // block by block copied it six times in a ten-page report.
        ctxs: vec![Ctx {
            out: Vec::with_capacity((text.len() / 512).min(4096)),
            ..Ctx::default()
        }],
        sdts: Vec::new(),
        fields: Vec::new(),
        field_suppress: false,
        suppress: 0,
        alts: Vec::new(),
        ins_depth: 0,
        group: None,
        carry: Marks::default(),
        result: Walked::default(),
        saw_root: false,
    };
    loop {
        match x.next()? {
            Ev::Start(ns, e) => {
                if w.skip > 0 {
                    w.skip += 1;
                    continue;
                }
                match w.start(ns, &e, &x, part)? {
                    Some(f) => w.frames.push(f),
                    None => w.skip = 1,
                }
            }
            Ev::Empty(ns, e) => {
                if w.skip > 0 {
                    continue;
                }
                if let Some(f) = w.start(ns, &e, &x, part)? {
                    w.frames.push(f);
                    w.end();
                }
            }
            Ev::End => {
                if w.skip > 0 {
                    w.skip -= 1;
                } else {
                    w.end();
                }
            }
            Ev::Text(t) => {
                if w.skip == 0 {
                    w.chars(&t);
                }
            }
            Ev::Ref(c, s) => {
                if w.skip == 0 {
                    if let Some(c) = c {
                        let mut b = [0u8; 4];
                        w.chars(c.encode_utf8(&mut b));
                    } else if let Some(s) = s {
                        w.chars(s);
                    }
                }
            }
            Ev::Eof => break,
        }
    }
    if mode == Mode::Body && !w.saw_root {
        return Err(IngestError::NotWordDocument(
            "the main part holds no document element".into(),
        ));
    }
    while w.ctxs.len() > 1 {
        w.close_ctx();
    }
    w.flush_ctx();
    let mut result = w.result;
    if let Some(c) = w.ctxs.pop() {
        result.outs = c.out;
    }
    Ok(result)
}

impl Walker<'_, '_> {
    fn ctx(&mut self) -> &mut Ctx {
        if self.ctxs.is_empty() {
            self.ctxs.push(Ctx::default());
        }
        let last = self.ctxs.len() - 1;
        &mut self.ctxs[last]
    }

    fn parent(&self) -> Frame {
        self.frames.last().copied().unwrap_or(Frame::Other)
    }

    fn active_tags(&self) -> Vec<String> {
        if self.sdts.is_empty() {
            return Vec::new();
        }
        self.sdts
            .iter()
            .filter(|s| s.active)
            .filter_map(|s| s.tag.clone())
            .collect()
    }

    fn active_placeholder(&self) -> bool {
        self.sdts.iter().any(|s| s.active && s.placeholder)
    }

    fn suppressed(&self) -> bool {
        self.suppress > 0 || self.field_suppress
    }

    fn start(
        &mut self,
        ns: Ns,
        e: &BytesStart<'_>,
        x: &XmlPart<'_>,
        part: &str,
    ) -> Result<Option<Frame>, IngestError> {
        if !self.saw_root {
            self.saw_root = true;
            if self.mode == Mode::Body && local(e) != "document" {
                return Err(IngestError::NotWordDocument(format!(
                    "{part} is a <{}> part, not a Word document",
                    local(e)
                )));
            }
        }
        let parent = self.parent();
        let name = local(e);
        let frame = match ns {
            Ns::Mc => match name {
                "AlternateContent" => {
                    self.alts.push(false);
                    Some(Frame::Alt)
                }
                "Choice" if parent == Frame::Alt => {
                    let taken = self.alts.last().copied().unwrap_or(true);
                    let ok = attr(e, "Requires").is_some_and(|r| {
                        r.split_whitespace().all(|p| match x.prefix_uri(p) {
                            Some(uri) => understood_ns(&uri),
                            None => UNDERSTOOD_PREFIXES.contains(&p),
                        })
                    });
                    if !taken && ok {
                        if let Some(t) = self.alts.last_mut() {
                            *t = true;
                        }
                        Some(Frame::Other)
                    } else {
                        None
                    }
                }
                "Fallback" if parent == Frame::Alt => {
                    let taken = self.alts.last().copied().unwrap_or(true);
                    if taken {
                        None
                    } else {
                        if let Some(t) = self.alts.last_mut() {
                            *t = true;
                        }
                        Some(Frame::Other)
                    }
                }
                _ => Some(Frame::Other),
            },
            Ns::M => match name {
                "t" => Some(Frame::Text),
                "r" => {
                    self.ctx().run = Run::default();
                    Some(Frame::Run)
                }
                _ => Some(Frame::Other),
            },
            Ns::Other => Some(Frame::Other),
            Ns::W => self.start_w(name, e, parent),
        };
        Ok(frame)
    }

    /// The style a `w:pStyle` or `w:rStyle` names.
    fn style_ref(&self, e: &BytesStart<'_>) -> StyleRef {
        self.env
            .styles
            .lookup(attr(e, "val").as_deref().map(str::trim))
    }

    fn val(e: &BytesStart<'_>) -> Option<String> {
        attr(e, "val").map(|v| v.trim().to_owned())
    }

    fn start_w(&mut self, name: &str, e: &BytesStart<'_>, parent: Frame) -> Option<Frame> {
        use Frame as F;
        let f = match (name, parent) {
            ("p", _) => {
                self.open_para();
                F::Para
            }
            ("pPr", F::Para) => F::PPr,
            ("pStyle", F::PPr) => {
                let v = self.style_ref(e);
                if let Some(p) = self.ctx().para.as_mut() {
                    p.style = v;
                }
                F::Other
            }
            ("numPr", F::PPr) => F::NumPr,
            ("numId", F::NumPr) | ("ilvl", F::NumPr) => {
                let v = Self::val(e);
                if let Some(p) = self.ctx().para.as_mut() {
                    let n = p.num.get_or_insert_with(NumRef::default);
                    if name == "numId" {
                        n.num_id = v;
                    } else {
                        n.ilvl = v
                            .as_deref()
                            .and_then(lenient_int)
                            .and_then(|i| u8::try_from(i).ok());
                    }
                }
                F::Other
            }
            ("outlineLvl", F::PPr) => {
                let v = Self::val(e)
                    .as_deref()
                    .and_then(lenient_int)
                    .and_then(|i| u8::try_from(i).ok());
                if let Some(p) = self.ctx().para.as_mut() {
                    p.outline = v;
                }
                F::Other
            }
            ("rPr", F::PPr) => F::PPrRPr,
            ("rPr", F::Run) => F::RPr,
            ("rPr", _) | ("pPr", _) => return None,
            ("b", F::RPr) => {
                let v = on_off(attr(e, "val").as_deref());
                self.ctx().run.direct.bold = Some(v);
                F::Other
            }
            ("vanish", F::RPr) => {
                let v = on_off(attr(e, "val").as_deref());
                self.ctx().run.direct.vanish = Some(v);
                F::Other
            }
            ("rStyle", F::RPr) => {
                let v = self.style_ref(e);
                self.ctx().run.style = v;
                F::Other
            }
            ("del", F::PPrRPr) | ("moveFrom", F::PPrRPr) => {
                self.result.changes += 1;
                if let Some(p) = self.ctx().para.as_mut() {
                    p.mark_deleted = true;
                    p.marks.changed = true;
                }
                F::Other
            }
            ("ins", F::PPrRPr) | ("moveTo", F::PPrRPr) => {
                self.result.changes += 1;
                self.mark_changed();
                F::Other
            }
            ("del", F::TrPr) => {
                self.result.changes += 1;
                if let Some(r) = self.open_row() {
                    r.deleted = true;
                }
                self.carry.changed = true;
                F::Other
            }
            ("ins", F::TrPr) => {
                self.result.changes += 1;
                if let Some(r) = self.open_row() {
                    r.marks.changed = true;
                }
                F::Other
            }
            ("ins", F::RPr)
            | ("del", F::RPr)
            | ("ins", F::NumPr)
            | ("ins", F::TcPr)
            | ("del", F::TcPr) => F::Other,
            ("del", _) | ("moveFrom", _) => {
                self.result.changes += 1;
                self.mark_changed();
                return None;
            }
            ("ins", _) | ("moveTo", _) => {
                self.result.changes += 1;
                self.mark_changed();
                self.ins_depth += 1;
                F::Ins
            }
            ("delText", _)
            | ("delInstrText", _)
            | ("rt", _)
            | ("pPrChange", _)
            | ("rPrChange", _)
            | ("tblPrChange", _)
            | ("trPrChange", _)
            | ("tcPrChange", _)
            | ("tblGridChange", _)
            | ("sectPrChange", _)
            | ("numberingChange", _)
            | ("sectPr", _)
            | ("sdtEndPr", _) => return None,
            ("tblW", _)
            | ("tcW", _)
            | ("gridCol", _)
            | ("tblInd", _)
            | ("wBefore", _)
            | ("wAfter", _)
            | ("tblCellSpacing", _)
            | ("top", _)
            | ("left", _)
            | ("bottom", _)
            | ("right", _)
            | ("start", _)
            | ("end", _) => {
                if self.result.bad_measure.is_none() {
                    if let Some(w) = attr(e, "w").filter(|w| !is_measure(w)) {
                        self.result.bad_measure =
                            Some(format!("invalid width w:w=\"{w}\" in <w:{name}> (ignored)"));
                    }
                }
                F::Other
            }
            ("instrText", _) => F::InstrText,
            ("r", _) => {
                self.ctx().run = Run::default();
                F::Run
            }
            ("t", _) => F::Text,
            ("tab", F::Run) => {
                self.run_chars("\t");
                F::Other
            }
            ("br", F::Run) | ("cr", F::Run) => {
                self.run_chars("\n");
                F::Other
            }
            ("noBreakHyphen", F::Run) => {
                self.run_chars("-");
                F::Other
            }
            ("sym", F::Run) => {
                let c = attr(e, "char")
                    .and_then(|h| u32::from_str_radix(h.trim(), 16).ok())
                    .and_then(char::from_u32)
                    .filter(|c| !is_illegal(*c));
                if let Some(c) = c {
                    let mut b = [0u8; 4];
                    self.run_chars(c.encode_utf8(&mut b));
                }
                F::Other
            }
            ("footnoteReference", _) | ("endnoteReference", _) => {
                if !self.suppressed() {
                    let kind = if name == "footnoteReference" {
                        NoteKind::Foot
                    } else {
                        NoteKind::End
                    };
                    if let Some(id) = attr(e, "id") {
                        let r = (kind, id.trim().to_owned());
                        self.marks_mut().note_refs.push(r);
                    }
                }
                F::Other
            }
            ("commentRangeStart", _) | ("commentReference", _) => {
                if let Some(id) = attr(e, "id") {
                    let id = id.trim().to_owned();
                    let m = self.marks_mut();
                    if !m.comment_ids.contains(&id) {
                        m.comment_ids.push(id);
                    }
                }
                F::Other
            }
            ("fldChar", _) => {
                match attr(e, "fldCharType").as_deref() {
                    Some("begin") if self.fields.len() < MAX_FIELDS => {
                        self.fields.push(Field::default());
                    }
                    Some("separate") => {
                        if let Some(f) = self.fields.last_mut() {
                            f.result = true;
                            f.toc = is_toc(&f.instr);
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                }
                self.field_suppress = self.fields.iter().any(|f| !f.result || f.toc);
                F::Other
            }
            ("fldSimple", _) => {
                if attr(e, "instr").is_some_and(|i| is_toc(&i)) {
                    self.suppress += 1;
                    F::FldSimpleToc
                } else {
                    F::Other
                }
            }
            ("tbl", _) => {
                self.close_para(true);
                let number = self.env.next_table;
                self.env.next_table = self.env.next_table.saturating_add(1);
                self.ctx().tables.push(Table {
                    number,
                    rows: 0,
                    row: None,
                });
                F::Table
            }
            ("tr", _) => {
                if self.ctx().tables.is_empty() {
                    F::Other
                } else {
                    self.close_para(true);
                    self.close_row();
                    let marks = Marks {
                        tags: self.active_tags(),
                        placeholder: self.active_placeholder(),
                        ..Marks::default()
                    };
                    if let Some(t) = self.ctx().tables.last_mut() {
                        t.rows += 1;
                        t.row = Some(Row {
                            no: t.rows,
                            marks,
                            ..Row::default()
                        });
                    }
                    F::Row
                }
            }
            ("trPr", F::Row) => F::TrPr,
            ("tc", _) => {
                if self.open_row().is_some() {
                    self.close_cell();
                    if let Some(r) = self.open_row() {
                        r.cell = Some(Cell::default());
                    }
                    F::Cell
                } else {
                    F::Other
                }
            }
            ("tcPr", F::Cell) => F::TcPr,
            ("vMerge", F::TcPr) => {
                let cont = attr(e, "val").is_none_or(|v| v.trim() == "continue");
                if let Some(c) = self.open_row().and_then(|r| r.cell.as_mut()) {
                    c.vmerge_continue = cont;
                }
                F::Other
            }
            ("sdt", _) => {
                self.sdts.push(Sdt::default());
                F::Sdt
            }
            ("sdtPr", F::Sdt) => F::SdtPr,
            ("tag", F::SdtPr) => {
                let v = attr(e, "val").map(|v| v.into_owned());
                if let Some(s) = self.sdts.last_mut() {
                    s.tag = v.filter(|v| !v.is_empty());
                }
                F::Other
            }
            ("showingPlcHdr", F::SdtPr) => {
                let v = on_off(attr(e, "val").as_deref());
                if let Some(s) = self.sdts.last_mut() {
                    s.placeholder = v;
                }
                F::Other
            }
            ("docPartObj", F::SdtPr) | ("docPartList", F::SdtPr) => F::DocPartObj,
            ("docPartGallery", F::DocPartObj) => {
                let toc = attr(e, "val")
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case("Table of Contents"));
                if let Some(s) = self.sdts.last_mut() {
                    s.toc |= toc;
                }
                F::Other
            }
            (_, F::SdtPr) => return None,
            ("sdtContent", F::Sdt) => {
                self.activate_sdt();
                F::SdtContent
            }
            ("txbxContent", _) => {
                self.ctxs.push(Ctx {
                    in_text_box: true,
                    ..Ctx::default()
                });
                F::Txbx
            }
            ("footnote", _) | ("endnote", _) | ("comment", _) if self.frames.len() == 1 => {
                let wanted = match self.mode {
                    Mode::Footnotes => name == "footnote",
                    Mode::Endnotes => name == "endnote",
                    Mode::Comments => name == "comment",
                    Mode::Body => false,
                };
                if !wanted {
                    return Some(F::Other);
                }
                let ty = attr(e, "type").unwrap_or_default();
                if matches!(
                    &*ty,
                    "separator" | "continuationSeparator" | "continuationNotice"
                ) {
                    return None;
                }
                let id = attr(e, "id")
                    .map(|v| v.trim().to_owned())
                    .unwrap_or_default();
                if self.mode == Mode::Comments {
                    let author = attr(e, "author")
                        .map(|a| a.into_owned())
                        .filter(|a| !a.is_empty());
                    self.result.comments.push((id.clone(), author));
                }
                self.group = Some(id);
                F::Group
            }
            _ => F::Other,
        };
        Some(f)
    }

    fn end(&mut self) {
        let Some(f) = self.frames.pop() else { return };
        match f {
            Frame::Para => self.close_para(false),
            Frame::Table => {
                self.close_para(true);
                self.close_row();
                self.ctx().tables.pop();
            }
            Frame::Row => {
                self.close_para(true);
                self.close_row();
            }
            Frame::Cell => {
                self.close_cell();
            }
            Frame::Sdt => {
                if let Some(s) = self.sdts.pop() {
                    if s.active && s.toc {
                        self.suppress = self.suppress.saturating_sub(1);
                    }
                }
            }
            Frame::SdtContent => {
                if let Some(s) = self.sdts.last_mut() {
                    if s.active && s.toc {
                        self.suppress = self.suppress.saturating_sub(1);
                    }
                    s.active = false;
                }
            }
            Frame::Ins => self.ins_depth = self.ins_depth.saturating_sub(1),
            Frame::FldSimpleToc => self.suppress = self.suppress.saturating_sub(1),
            Frame::Alt => {
                self.alts.pop();
            }
            Frame::Txbx => self.close_ctx(),
            Frame::Group => {
                self.flush_ctx();
                self.group = None;
            }
            _ => {}
        }
    }

    fn activate_sdt(&mut self) {
        let Some(s) = self.sdts.last_mut() else {
            return;
        };
        s.active = true;
        let toc = s.toc;
        let tag = s.tag.clone();
        let placeholder = s.placeholder;
        if toc {
            self.suppress += 1;
        }
        let ctx = self.ctx();
        let marks = if let Some(p) = ctx.para.as_mut() {
            Some(&mut p.marks)
        } else {
            ctx.tables
                .last_mut()
                .and_then(|t| t.row.as_mut())
                .map(|r| &mut r.marks)
        };
        if let Some(m) = marks {
            if let Some(t) = tag {
                if !m.tags.contains(&t) {
                    m.tags.push(t);
                }
            }
            m.placeholder |= placeholder;
        }
    }

    fn open_row(&mut self) -> Option<&mut Row> {
        self.ctx().tables.last_mut().and_then(|t| t.row.as_mut())
    }

    /// The marks of whatever is being built: paragraph, else row, else the
    /// carry for the next block.
    fn marks_mut(&mut self) -> &mut Marks {
        let last = self.ctxs.len().saturating_sub(1);
        let Some(ctx) = self.ctxs.get_mut(last) else {
            return &mut self.carry;
        };
        if let Some(p) = ctx.para.as_mut() {
            return &mut p.marks;
        }
        if let Some(r) = ctx.tables.last_mut().and_then(|t| t.row.as_mut()) {
            return &mut r.marks;
        }
        &mut self.carry
    }

    fn mark_changed(&mut self) {
        self.marks_mut().changed = true;
    }

    fn open_para(&mut self) {
        let tags = self.active_tags();
        let placeholder = self.active_placeholder();
        let ctx = self.ctx();
        if ctx.merging {
            ctx.merging = false;
            if let Some(p) = ctx.para.as_mut() {
                p.style = StyleRef::Unset;
                p.num = None;
                p.outline = None;
                p.mark_deleted = false;
                for t in tags {
                    if !p.marks.tags.contains(&t) {
                        p.marks.tags.push(t);
                    }
                }
                p.marks.placeholder |= placeholder;
                return;
            }
        }
        self.close_para(true);
        // Built in place rather than moved in (a paragraph is ~200 bytes).
        let p = self.ctx().para.insert(Para::default());
        p.marks.tags = tags;
        p.marks.placeholder = placeholder;
    }

    fn ensure_para(&mut self) {
        if self.ctx().para.is_none() {
            self.open_para();
        }
    }

    fn run_props(&mut self) -> (bool, bool) {
        let styles = self.env.styles;
        let ctx = self.ctx();
        if let Some(r) = ctx.run.resolved {
            return r;
        }
        let pstyle = styles.para_style(ctx.para.as_ref().map_or(StyleRef::Unset, |p| p.style));
        let mut rp = ctx.run.direct;
        if let Some(s) = styles.run_style(ctx.run.style) {
            rp = rp.or(s.rpr);
        }
        if let Some(s) = pstyle {
            rp = rp.or(s.rpr);
        }
        rp = rp.or(styles.defaults);
        let r = (rp.bold.unwrap_or(false), rp.vanish.unwrap_or(false));
        ctx.run.resolved = Some(r);
        r
    }

    /// Text events: field instructions go to the field, `w:t`/`m:t` text to
    /// the paragraph; whitespace between elements is ignored.
    fn chars(&mut self, s: &str) {
        match self.parent() {
            Frame::Text => self.run_chars(s),
            Frame::InstrText => {
                if let Some(f) = self.fields.last_mut() {
                    if !f.result && f.instr.len() < MAX_INSTR {
                        f.instr.push_str(s);
                    }
                }
            }
            _ => {}
        }
    }

    /// Appends visible run content to the paragraph being built.
    fn run_chars(&mut self, s: &str) {
        if self.suppressed() || s.is_empty() {
            return;
        }
        let (bold, hidden) = self.run_props();
        let inserted = self.ins_depth > 0;
        self.ensure_para();
        let visible = s.chars().any(|c| !c.is_whitespace());
        if hidden && visible {
            self.result.hidden = true;
        }
        let Some(p) = self.ctx().para.as_mut() else {
            return;
        };
        if hidden {
            if visible {
                p.marks.hidden = true;
            }
            return;
        }
        push_clean(&mut p.text, s);
        if visible {
            if bold {
                p.marks.bold_seen = true;
            } else {
                p.marks.plain_seen = true;
            }
            if inserted {
                p.marks.inserted = true;
            }
        }
    }

    fn story(&self) -> Story {
        let id = self.group.clone().unwrap_or_default();
        match self.mode {
            Mode::Footnotes => Story::Footnote { id },
            Mode::Endnotes => Story::Endnote { id },
            Mode::Body | Mode::Comments => Story::Body,
        }
    }

    fn close_para(&mut self, force: bool) {
        let ctx = self.ctx();
        let Some(mut p) = ctx.para.take() else { return };
        if p.mark_deleted && !force {
            ctx.para = Some(p);
            ctx.merging = true;
            return;
        }
        ctx.merging = false;
        let styles = self.env.styles;
        let style = styles.para_style(p.style);
        let num = p
            .num
            .as_ref()
            .filter(|n| n.num_id.is_some())
            .or(style.and_then(|s| s.num.as_ref()));
        let mut label = None;
        let mut level = 0u8;
        if let Some(n) = num {
            if let Some(id) = n.num_id.as_deref().filter(|id| *id != "0") {
                level = n.ilvl.unwrap_or(0).min(8);
                label = self
                    .env
                    .numbering
                    .next_label(&mut self.env.counters, id, level);
            }
        }
        let heading = style
            .and_then(|s| s.heading_name.clone())
            .or_else(|| match p.outline {
                Some(l) => heading_from_outline(l),
                None => style.and_then(|s| s.heading_outline.clone()),
            });
        let kind = match heading {
            Some(k) => k,
            None if label.is_some() => BlockKind::ListItem { level },
            None => BlockKind::Paragraph,
        };
        let style_name = style.and_then(|s| s.name.clone());
        let visible = p.text.chars().any(|c| !c.is_whitespace());
        let in_text_box = self.ctx().in_text_box;
        // A paragraph inside a table cell joins the cell.
        if let Some(row) = self.open_row() {
            if let Some(cell) = row.cell.as_mut() {
                if visible {
                    if !cell.text.is_empty() {
                        cell.text.push('\n');
                    }
                    cell.text.push_str(&p.text);
                }
                row.marks.absorb(p.marks);
                row.after.append(&mut p.after);
                return;
            }
        }
        if !visible && !p.marks.placeholder {
            let after = std::mem::take(&mut p.after);
            p.marks.bold_seen = false;
            p.marks.plain_seen = false;
            p.marks.tags.clear();
            p.marks.inserted = false;
            self.carry.absorb(p.marks);
            for o in after {
                self.push_out(o);
            }
            return;
        }
        let block = Block {
            kind,
            text: p.text,
            location: BlockLocation {
                story: self.story(),
                index: 0,
                table: None,
                in_text_box,
            },
            style: style_name,
            list_label: label,
            bold: p.marks.bold_seen && !p.marks.plain_seen,
            tags: std::mem::take(&mut p.marks.tags),
            placeholder: p.marks.placeholder,
            tracked_insertion: p.marks.inserted,
        };
        let out = self.make_out(block, p.marks);
        self.push_out(out);
        for o in p.after {
            self.push_out(o);
        }
    }

    fn make_out(&mut self, block: Block, marks: Marks) -> Out {
        let carry = std::mem::take(&mut self.carry);
        Out {
            block,
            group: self.group.clone(),
            changed: marks.changed || carry.changed,
            hidden: marks.hidden || carry.hidden,
            comment_ids: joined(carry.comment_ids, marks.comment_ids),
            note_refs: joined(carry.note_refs, marks.note_refs),
        }
    }

    fn push_out(&mut self, o: Out) {
        self.ctx().out.push(o);
    }

    fn close_cell(&mut self) {
        self.close_para(true);
        if let Some(r) = self.open_row() {
            if let Some(c) = r.cell.take() {
                r.cells.push(if c.vmerge_continue {
                    String::new()
                } else {
                    c.text
                });
            }
        }
    }

    fn close_row(&mut self) {
        self.close_cell();
        let in_text_box = self.ctx().in_text_box;
        let Some(table) = self.ctx().tables.last_mut() else {
            return;
        };
        let number = table.number;
        let Some(row) = table.row.take() else { return };
        if row.deleted {
            self.carry.changed = true;
            return;
        }
        let visible = row
            .cells
            .iter()
            .any(|c| c.chars().any(|ch| !ch.is_whitespace()));
        let mut outs = Vec::new();
        let mut marks = row.marks;
        if visible || marks.placeholder {
            let block = Block {
                kind: BlockKind::TableRow {
                    cells: row.cells.clone(),
                },
                text: row.cells.join(" | "),
                location: BlockLocation {
                    story: self.story(),
                    index: 0,
                    table: Some(TablePosition {
                        table: number,
                        row: row.no,
                    }),
                    in_text_box,
                },
                style: None,
                list_label: None,
                bold: marks.bold_seen && !marks.plain_seen,
                tags: std::mem::take(&mut marks.tags),
                placeholder: marks.placeholder,
                tracked_insertion: marks.inserted,
            };
            outs.push(self.make_out(block, marks));
        } else {
            marks.tags.clear();
            self.carry.absorb(marks);
        }
        outs.extend(row.after);
        // A nested table's rows follow the containing row.
        let ctx = self.ctx();
        let n = ctx.tables.len();
        if n >= 2 {
            if let Some(outer) = ctx.tables.get_mut(n - 2).and_then(|t| t.row.as_mut()) {
                outer.after.extend(outs);
                return;
            }
        }
        ctx.out.extend(outs);
    }

    /// Closes everything still open in the current context.
    fn flush_ctx(&mut self) {
        self.close_para(true);
        while !self.ctx().tables.is_empty() {
            self.close_row();
            self.ctx().tables.pop();
        }
    }

    /// Ends a text box: its blocks go after the anchoring paragraph (or row).
    fn close_ctx(&mut self) {
        self.flush_ctx();
        if self.ctxs.len() <= 1 {
            return;
        }
        let Some(done) = self.ctxs.pop() else { return };
        let ctx = self.ctx();
        if let Some(p) = ctx.para.as_mut() {
            p.after.extend(done.out);
        } else if let Some(r) = ctx.tables.last_mut().and_then(|t| t.row.as_mut()) {
            r.after.extend(done.out);
        } else {
            ctx.out.extend(done.out);
        }
    }
}

/// `a` followed by `b`, without touching the allocator when `a` is empty.
fn joined<T>(mut a: Vec<T>, b: Vec<T>) -> Vec<T> {
    if a.is_empty() {
        return b;
    }
    a.extend(b);
    a
}

/// A width as ECMA-376 allows it, Transitional or Strict: a decimal number,
/// optionally with a fraction and a unit (`mm cm in pt pc pi`) or `%`.
/// Checked, never parsed: the reader does not use widths.
fn is_measure(v: &str) -> bool {
    let v = v.trim();
    let v = v.strip_prefix(['-', '+']).unwrap_or(v);
    let num_end = v
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(v.len());
    let (num, unit) = v.split_at(num_end);
    let digits_ok = !num.is_empty()
        && num.chars().filter(|&c| c == '.').count() <= 1
        && num.chars().any(|c| c.is_ascii_digit())
        && !num.starts_with('.')
        && !num.ends_with('.');
    digits_ok && matches!(unit, "" | "%" | "mm" | "cm" | "in" | "pt" | "pc" | "pi")
}

/// A field instruction whose results are a table of contents.
fn is_toc(instr: &str) -> bool {
    instr
        .trim_start()
        .get(..3)
        .is_some_and(|s| s.eq_ignore_ascii_case("toc"))
}

#[cfg(test)]
mod tests {
    use super::is_measure;

    #[test]
    fn measures_transitional_and_strict() {
        for ok in ["0", "5000", "-120", "612pt", "50%", "1in", "2.5cm", "1.5"] {
            assert!(is_measure(ok), "{ok}");
        }
        for bad in ["", "0x10", "abc", "1..5", ".5", "12px", "%"] {
            assert!(!is_measure(bad), "{bad}");
        }
    }
}
