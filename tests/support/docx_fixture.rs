//! A small DOCX builder for tests: writes raw WordprocessingML parts into a
//! zip, the way Word, LibreOffice and Google Docs write them, so the reader
//! and the mapper can be tested on the constructs real drafts carry.
//!
//! ```ignore
//! let bytes = Fixture::new("fr")
//!     .heading(1, "Méthodologie de l'examen")
//!     .para("Le rapport a été préparé par …")
//!     .objective_heading(5, "Voies de migration régulière")
//!     .build();
//! ```
//!
//! Output is deterministic: parts in a fixed order, a fixed zip timestamp,
//! ids counted from the start of each build.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Which word processor's style conventions the package follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// Word: localised style ids (`Titre1`, `berschrift1`, `1`), English
    /// `w:name` ("heading 1"), `basedOn` Normal, outline level in the style.
    Word,
    /// LibreOffice: ids `Heading1`, based on a "Heading" style that is based
    /// on "Normal"; the outline level sits on the heading style.
    LibreOffice,
    /// Google Docs: ids `Heading1`, no `basedOn`, no outline level.
    GoogleDocs,
}

/// The style id Word gives "heading N" in a user-interface language.
pub fn word_heading_id(ui_lang: &str, level: u8) -> String {
    match ui_lang {
        "fr" => format!("Titre{level}"),
        "es" => format!("Ttulo{level}"),
        "de" => format!("berschrift{level}"),
        // Russian and Chinese Word number their heading styles only.
        "ru" | "zh" => format!("{level}"),
        "ar" => format!("{}", level + 1),
        _ => format!("Heading{level}"),
    }
}

/// A run of a paragraph.
enum Run {
    Text(String),
    Bold(String),
    Inserted(String),
    Deleted(String),
    FootnoteRef(u32),
    CommentStart(u32),
    CommentEnd(u32),
}

/// A DOCX under construction.
pub struct Fixture {
    lang: String,
    /// The user-interface language of the word processor (style ids).
    ui_lang: String,
    flavour: Flavour,
    body: String,
    footnotes: Vec<(u32, String)>,
    comments: Vec<(u32, String, String)>,
    open_sdts: Vec<String>,
    title: Option<String>,
    core_language: Option<String>,
    creator: Option<String>,
    custom: Vec<(String, String)>,
    /// Auto-numbered objective headings: lvlText ("Objective %1") and the
    /// `w:num` instances written so far, with their start.
    objective_lvl_text: Option<String>,
    objective_nums: Vec<u32>,
    last_objective: Option<u32>,
    uses_list: bool,
    sdt_id: u32,
    change_id: u32,
}

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w14""#;
const XML_DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const FIXED_DATE: &str = "2022-02-14T09:00:00Z";

impl Fixture {
    /// A document in `lang` (en, fr, es, ru, ar, zh), written by Word in
    /// the same user-interface language.
    pub fn new(lang: &str) -> Self {
        Fixture {
            lang: lang.to_string(),
            ui_lang: lang.to_string(),
            flavour: Flavour::Word,
            body: String::new(),
            footnotes: Vec::new(),
            comments: Vec::new(),
            open_sdts: Vec::new(),
            title: None,
            core_language: None,
            creator: None,
            custom: Vec::new(),
            objective_lvl_text: None,
            objective_nums: Vec::new(),
            last_objective: None,
            uses_list: false,
            sdt_id: 100,
            change_id: 900,
        }
    }

    /// Which word processor wrote the styles.
    pub fn flavour(mut self, flavour: Flavour) -> Self {
        self.flavour = flavour;
        self
    }

    /// The word processor's interface language, which decides Word's style
    /// ids (a Spanish report written in a German office gets `berschrift1`).
    pub fn ui_lang(mut self, ui_lang: &str) -> Self {
        self.ui_lang = ui_lang.to_string();
        self
    }

    /// `docProps/core.xml`: title and language.
    pub fn core(mut self, title: &str, language: &str) -> Self {
        self.title = Some(title.to_string());
        self.core_language = Some(language.to_string());
        self
    }

    /// `dc:creator` in `docProps/core.xml`.
    pub fn creator(mut self, creator: &str) -> Self {
        self.creator = Some(creator.to_string());
        self
    }

    /// A custom document property (`docProps/custom.xml`).
    pub fn custom_property(mut self, name: &str, value: &str) -> Self {
        self.custom.push((name.to_string(), value.to_string()));
        self
    }

    /// The `w:lvlText` of auto-numbered objective headings, e.g.
    /// "Objective %1", "Objetivo %1", "Цель %1".
    pub fn objective_numbering(mut self, lvl_text: &str) -> Self {
        self.objective_lvl_text = Some(lvl_text.to_string());
        self
    }

    fn rtl(&self) -> bool {
        self.lang == "ar"
    }

    fn heading_id(&self, level: u8) -> String {
        match self.flavour {
            Flavour::Word => word_heading_id(&self.ui_lang, level),
            Flavour::LibreOffice | Flavour::GoogleDocs => format!("Heading{level}"),
        }
    }

    fn write_para(&mut self, ppr: &str, runs: &[Run]) {
        let mut p = String::from("<w:p>");
        let bidi = if self.rtl() { "<w:bidi/>" } else { "" };
        if !ppr.is_empty() || !bidi.is_empty() {
            let _ = write!(p, "<w:pPr>{ppr}{bidi}</w:pPr>");
        }
        let rtl = self.rtl();
        let rpr = |extra: &str| -> String {
            if rtl {
                format!("<w:rPr>{extra}<w:rtl/><w:lang w:bidi=\"ar-MA\"/></w:rPr>")
            } else if extra.is_empty() {
                String::new()
            } else {
                format!("<w:rPr>{extra}</w:rPr>")
            }
        };
        for run in runs {
            match run {
                Run::Text(t) => {
                    let _ = write!(
                        p,
                        "<w:r>{}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
                        rpr(""),
                        esc(t)
                    );
                }
                Run::Bold(t) => {
                    let _ = write!(
                        p,
                        "<w:r>{}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
                        rpr("<w:b/><w:bCs/>"),
                        esc(t)
                    );
                }
                Run::Inserted(t) => {
                    self.change_id += 1;
                    let _ = write!(
                        p,
                        "<w:ins w:id=\"{}\" w:author=\"Reviewer, Ministry of Foreign Affairs\" w:date=\"{FIXED_DATE}\"><w:r>{}<w:t xml:space=\"preserve\">{}</w:t></w:r></w:ins>",
                        self.change_id,
                        rpr(""),
                        esc(t)
                    );
                }
                Run::Deleted(t) => {
                    self.change_id += 1;
                    let _ = write!(
                        p,
                        "<w:del w:id=\"{}\" w:author=\"Reviewer, Ministry of Foreign Affairs\" w:date=\"{FIXED_DATE}\"><w:r>{}<w:delText xml:space=\"preserve\">{}</w:delText></w:r></w:del>",
                        self.change_id,
                        rpr(""),
                        esc(t)
                    );
                }
                Run::FootnoteRef(id) => {
                    let _ = write!(
                        p,
                        "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"{id}\"/></w:r>"
                    );
                }
                Run::CommentStart(id) => {
                    let _ = write!(p, "<w:commentRangeStart w:id=\"{id}\"/>");
                }
                Run::CommentEnd(id) => {
                    let _ = write!(
                        p,
                        "<w:commentRangeEnd w:id=\"{id}\"/><w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:commentReference w:id=\"{id}\"/></w:r>"
                    );
                }
            }
        }
        p.push_str("</w:p>");
        self.body.push_str(&p);
    }

    /// A heading with the flavour's heading style ("heading 1" …).
    pub fn heading(mut self, level: u8, text: &str) -> Self {
        let id = self.heading_id(level);
        self.write_para(
            &format!("<w:pStyle w:val=\"{id}\"/>"),
            &[Run::Text(text.to_string())],
        );
        self
    }

    /// A heading in a custom style ("Report section") based on heading 1:
    /// only the `basedOn` chain makes it a heading.
    pub fn custom_style_heading(mut self, text: &str) -> Self {
        self.write_para(
            "<w:pStyle w:val=\"ReportSection\"/>",
            &[Run::Text(text.to_string())],
        );
        self
    }

    /// A heading marked only by a direct outline level on a plain paragraph.
    pub fn outline_heading(mut self, level: u8, text: &str) -> Self {
        let lvl = level.saturating_sub(1);
        self.write_para(
            &format!("<w:outlineLvl w:val=\"{lvl}\"/>"),
            &[Run::Text(text.to_string())],
        );
        self
    }

    /// A heading without any style: a short paragraph in bold, as drafts
    /// typed without styles mark them ("1. Methodology", "I. PREÁMBULO").
    pub fn bold_heading(mut self, text: &str) -> Self {
        self.write_para("", &[Run::Bold(text.to_string())]);
        self
    }

    /// A plain paragraph that is neither bold nor styled: an ALL CAPS or
    /// "A." line that only its text marks as a heading.
    pub fn plain_line(self, text: &str) -> Self {
        self.para(text)
    }

    /// An objective sub-heading (heading 2) numbered by `numbering.xml`: the
    /// paragraph text is only `text`; Word shows "Objective 5 text" from
    /// the list's `w:lvlText`. Needs [`Fixture::objective_numbering`].
    /// Consecutive objectives continue one list; a gap starts a new list
    /// instance with `w:startOverride`.
    pub fn objective_heading(mut self, n: u32, text: &str) -> Self {
        assert!(
            self.objective_lvl_text.is_some(),
            "call objective_numbering first"
        );
        let continues = self.last_objective.is_some_and(|last| last + 1 == n);
        if !continues {
            self.objective_nums.push(n);
        }
        self.last_objective = Some(n);
        let num_id = 10 + self.objective_nums.len();
        let id = self.heading_id(2);
        self.write_para(
            &format!(
                "<w:pStyle w:val=\"{id}\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{num_id}\"/></w:numPr>"
            ),
            &[Run::Text(text.to_string())],
        );
        self
    }

    /// A body paragraph.
    pub fn para(mut self, text: &str) -> Self {
        self.write_para("", &[Run::Text(text.to_string())]);
        self
    }

    /// A bulleted list item (`numbering.xml` bullet list).
    pub fn list_item(mut self, text: &str) -> Self {
        self.uses_list = true;
        self.write_para(
            "<w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>",
            &[Run::Text(text.to_string())],
        );
        self
    }

    /// A paragraph with a footnote reference at its end; the note goes to
    /// `footnotes.xml` after the separator notes.
    pub fn para_with_footnote(mut self, text: &str, note: &str) -> Self {
        let id = self.footnotes.len() as u32 + 1;
        self.footnotes.push((id, note.to_string()));
        self.write_para("", &[Run::Text(text.to_string()), Run::FootnoteRef(id)]);
        self
    }

    /// A paragraph with a reviewer comment anchored on the whole of it.
    pub fn para_with_comment(mut self, text: &str, author: &str, comment: &str) -> Self {
        let id = self.comments.len() as u32;
        self.comments
            .push((id, author.to_string(), comment.to_string()));
        self.write_para(
            "",
            &[
                Run::CommentStart(id),
                Run::Text(text.to_string()),
                Run::CommentEnd(id),
            ],
        );
        self
    }

    /// A paragraph with unaccepted tracked changes: `before`, then `deleted`
    /// (a `w:del` with `w:delText`), then `inserted` (a `w:ins`), then `after`.
    pub fn para_with_changes(
        mut self,
        before: &str,
        deleted: &str,
        inserted: &str,
        after: &str,
    ) -> Self {
        let mut runs = vec![Run::Text(before.to_string())];
        if !deleted.is_empty() {
            runs.push(Run::Deleted(deleted.to_string()));
        }
        if !inserted.is_empty() {
            runs.push(Run::Inserted(inserted.to_string()));
        }
        if !after.is_empty() {
            runs.push(Run::Text(after.to_string()));
        }
        self.write_para("", &runs);
        self
    }

    /// A table; the first row is a header row (bold, repeated).
    pub fn table(self, rows: &[Vec<String>]) -> Self {
        self.table_rows(rows, true)
    }

    /// A two-column cover table, "Label | value", without a header row.
    pub fn cover_table(self, rows: &[(String, String)]) -> Self {
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|(l, v)| vec![l.clone(), v.clone()])
            .collect();
        self.table_rows(&rows, false)
    }

    fn table_rows(mut self, rows: &[Vec<String>], header: bool) -> Self {
        let cols = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let width = 9000 / cols;
        let mut t = String::from(
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"0\" w:type=\"auto\"/>",
        );
        if self.rtl() {
            t.push_str("<w:bidiVisual/>");
        }
        t.push_str("<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
        for _ in 0..cols {
            let _ = write!(t, "<w:gridCol w:w=\"{width}\"/>");
        }
        t.push_str("</w:tblGrid>");
        let body = std::mem::take(&mut self.body);
        self.body = t;
        for (i, row) in rows.iter().enumerate() {
            self.body.push_str("<w:tr>");
            let is_header = header && i == 0;
            if is_header {
                self.body.push_str("<w:trPr><w:tblHeader/></w:trPr>");
            }
            for cell in row {
                let _ = write!(
                    self.body,
                    "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>"
                );
                let runs = if is_header {
                    [Run::Bold(cell.clone())]
                } else {
                    [Run::Text(cell.clone())]
                };
                self.write_para("", &runs);
                self.body.push_str("</w:tc>");
            }
            self.body.push_str("</w:tr>");
        }
        self.body.push_str("</w:tbl>");
        let table = std::mem::replace(&mut self.body, body);
        self.body.push_str(&table);
        self
    }

    /// Opens a block-level content control (`w:sdt`) tagged `tag`: what our
    /// blank template writes around each section ("methodology") and cover
    /// value ("cover.email"). Close it with [`Fixture::end_control`].
    pub fn begin_control(mut self, tag: &str) -> Self {
        self.sdt_id += 1;
        let _ = write!(
            self.body,
            "<w:sdt><w:sdtPr><w:alias w:val=\"{}\"/><w:tag w:val=\"{}\"/><w:id w:val=\"{}\"/></w:sdtPr><w:sdtContent>",
            esc(tag),
            esc(tag),
            self.sdt_id
        );
        self.open_sdts.push(tag.to_string());
        self
    }

    /// Closes the innermost open content control.
    pub fn end_control(mut self) -> Self {
        self.open_sdts.pop().expect("a content control is open");
        self.body.push_str("</w:sdtContent></w:sdt>");
        self
    }

    /// A content control still showing its placeholder text
    /// (`w:showingPlcHdr`): the official has not answered.
    pub fn placeholder(mut self, tag: &str, text: &str) -> Self {
        self.sdt_id += 1;
        let _ = write!(
            self.body,
            "<w:sdt><w:sdtPr><w:tag w:val=\"{}\"/><w:id w:val=\"{}\"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:rPr><w:rStyle w:val=\"PlaceholderText\"/></w:rPr><w:t>{}</w:t></w:r></w:p></w:sdtContent></w:sdt>",
            esc(tag),
            self.sdt_id,
            esc(text)
        );
        self
    }

    /// The finished package.
    pub fn build(self) -> Vec<u8> {
        assert!(self.open_sdts.is_empty(), "unclosed content control");
        let mut parts: Vec<(&str, String)> = vec![
            ("[Content_Types].xml", self.content_types()),
            ("_rels/.rels", self.root_rels()),
            ("docProps/core.xml", self.core_xml()),
            ("docProps/app.xml", app_xml()),
        ];
        if !self.custom.is_empty() {
            parts.push(("docProps/custom.xml", self.custom_xml()));
        }
        parts.push(("word/_rels/document.xml.rels", self.doc_rels()));
        parts.push(("word/document.xml", self.document_xml()));
        parts.push(("word/styles.xml", self.styles_xml()));
        parts.push(("word/settings.xml", self.settings_xml()));
        if self.has_numbering() {
            parts.push(("word/numbering.xml", self.numbering_xml()));
        }
        if !self.footnotes.is_empty() {
            parts.push(("word/footnotes.xml", self.footnotes_xml()));
        }
        if !self.comments.is_empty() {
            parts.push(("word/comments.xml", self.comments_xml()));
        }
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(DateTime::default());
        for (name, data) in parts {
            w.start_file(name, opts).expect("start zip entry");
            w.write_all(data.as_bytes()).expect("write zip entry");
        }
        w.finish().expect("finish zip").into_inner()
    }

    fn has_numbering(&self) -> bool {
        self.uses_list || !self.objective_nums.is_empty()
    }

    fn lang_tag(&self) -> &'static str {
        match self.lang.as_str() {
            "fr" => "fr-FR",
            "es" => "es-ES",
            "ru" => "ru-RU",
            "ar" => "ar-MA",
            "zh" => "zh-CN",
            _ => "en-GB",
        }
    }

    fn content_types(&self) -> String {
        let mut s = format!(
            "{XML_DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/><Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        );
        if !self.custom.is_empty() {
            s.push_str("<Override PartName=\"/docProps/custom.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/>");
        }
        if self.has_numbering() {
            s.push_str("<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>");
        }
        if !self.footnotes.is_empty() {
            s.push_str("<Override PartName=\"/word/footnotes.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/>");
        }
        if !self.comments.is_empty() {
            s.push_str("<Override PartName=\"/word/comments.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/>");
        }
        s.push_str("</Types>");
        s
    }

    fn root_rels(&self) -> String {
        let mut s = format!(
            "{XML_DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
        );
        if !self.custom.is_empty() {
            s.push_str("<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties\" Target=\"docProps/custom.xml\"/>");
        }
        s.push_str("</Relationships>");
        s
    }

    fn doc_rels(&self) -> String {
        let mut s = format!(
            "{XML_DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>"
        );
        if self.has_numbering() {
            s.push_str("<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>");
        }
        if !self.footnotes.is_empty() {
            s.push_str("<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" Target=\"footnotes.xml\"/>");
        }
        if !self.comments.is_empty() {
            s.push_str("<Relationship Id=\"rId5\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" Target=\"comments.xml\"/>");
        }
        s.push_str("</Relationships>");
        s
    }

    fn core_xml(&self) -> String {
        let mut s = format!(
            "{XML_DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        );
        if let Some(t) = &self.title {
            let _ = write!(s, "<dc:title>{}</dc:title>", esc(t));
        }
        let creator = self.creator.as_deref().unwrap_or("GCM focal point");
        let _ = write!(s, "<dc:creator>{}</dc:creator>", esc(creator));
        if let Some(l) = &self.core_language {
            let _ = write!(s, "<dc:language>{}</dc:language>", esc(l));
        }
        let _ = write!(
            s,
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{FIXED_DATE}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{FIXED_DATE}</dcterms:modified></cp:coreProperties>"
        );
        s
    }

    fn custom_xml(&self) -> String {
        let mut s = format!(
            "{XML_DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
        );
        for (i, (name, value)) in self.custom.iter().enumerate() {
            let _ = write!(
                s,
                "<property fmtid=\"{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}\" pid=\"{}\" name=\"{}\"><vt:lpwstr>{}</vt:lpwstr></property>",
                i + 2,
                esc(name),
                esc(value)
            );
        }
        s.push_str("</Properties>");
        s
    }

    fn document_xml(&self) -> String {
        let sect = if self.rtl() {
            "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/><w:bidi/></w:sectPr>"
        } else {
            "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr>"
        };
        format!(
            "{XML_DECL}<w:document {W_NS}><w:body>{}{sect}</w:body></w:document>",
            self.body
        )
    }

    fn settings_xml(&self) -> String {
        let notes = if self.footnotes.is_empty() {
            ""
        } else {
            "<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>"
        };
        format!(
            "{XML_DECL}<w:settings {W_NS}><w:defaultTabStop w:val=\"708\"/>{notes}<w:themeFontLang w:val=\"{}\"/></w:settings>",
            self.lang_tag()
        )
    }

    fn styles_xml(&self) -> String {
        let lang = self.lang_tag();
        let bidi_lang = if self.rtl() { " w:bidi=\"ar-MA\"" } else { "" };
        let (ea, val) = if self.lang == "zh" {
            (" w:eastAsia=\"zh-CN\"", "en-US")
        } else {
            ("", lang)
        };
        let mut s = format!(
            "{XML_DECL}<w:styles {W_NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:cs=\"Arial\"/><w:sz w:val=\"22\"/><w:lang w:val=\"{val}\"{ea}{bidi_lang}/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"160\" w:line=\"259\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
        );
        let normal_id = "Normal";
        let _ = write!(
            s,
            "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"{normal_id}\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
        );
        s.push_str("<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>");
        let based_on_heading = self.flavour == Flavour::LibreOffice;
        if based_on_heading {
            s.push_str("<w:style w:type=\"paragraph\" w:styleId=\"Heading\"><w:name w:val=\"Heading\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"Liberation Sans\" w:hAnsi=\"Liberation Sans\"/><w:sz w:val=\"28\"/></w:rPr></w:style>");
        }
        for level in 1..=3u8 {
            let id = self.heading_id(level);
            let based = match self.flavour {
                Flavour::Word => "<w:basedOn w:val=\"Normal\"/>".to_string(),
                Flavour::LibreOffice => "<w:basedOn w:val=\"Heading\"/>".to_string(),
                Flavour::GoogleDocs => String::new(),
            };
            let outline = match self.flavour {
                Flavour::GoogleDocs => String::new(),
                _ => format!("<w:outlineLvl w:val=\"{}\"/>", level - 1),
            };
            let size = 36 - 4 * u32::from(level);
            let _ = write!(
                s,
                "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"heading {level}\"/>{based}<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"240\"/>{outline}</w:pPr><w:rPr><w:b/><w:sz w:val=\"{size}\"/></w:rPr></w:style>"
            );
        }
        // A house style for section headings, a heading only through its chain.
        let h1 = self.heading_id(1);
        let _ = write!(
            s,
            "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"ReportSection\"><w:name w:val=\"Report section\"/><w:basedOn w:val=\"{h1}\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:rPr><w:color w:val=\"1F3864\"/></w:rPr></w:style>"
        );
        s.push_str("<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"34\"/><w:qFormat/><w:pPr><w:ind w:left=\"720\"/></w:pPr></w:style>");
        s.push_str("<w:style w:type=\"paragraph\" w:styleId=\"FootnoteText\"><w:name w:val=\"footnote text\"/><w:basedOn w:val=\"Normal\"/><w:rPr><w:sz w:val=\"20\"/></w:rPr></w:style>");
        s.push_str("<w:style w:type=\"character\" w:styleId=\"FootnoteReference\"><w:name w:val=\"footnote reference\"/><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style>");
        s.push_str("<w:style w:type=\"paragraph\" w:styleId=\"CommentText\"><w:name w:val=\"annotation text\"/><w:basedOn w:val=\"Normal\"/></w:style>");
        s.push_str("<w:style w:type=\"character\" w:styleId=\"CommentReference\"><w:name w:val=\"annotation reference\"/><w:rPr><w:sz w:val=\"16\"/></w:rPr></w:style>");
        s.push_str("<w:style w:type=\"character\" w:styleId=\"PlaceholderText\"><w:name w:val=\"Placeholder Text\"/><w:rPr><w:color w:val=\"808080\"/></w:rPr></w:style>");
        s.push_str("<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/></w:tblBorders></w:tblPr></w:style>");
        s.push_str("</w:styles>");
        s
    }

    fn numbering_xml(&self) -> String {
        let mut s = format!("{XML_DECL}<w:numbering {W_NS}>");
        // abstractNum 0: bullets.
        s.push_str("<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"hybridMultilevel\"/><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{F0B7}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"Symbol\" w:hAnsi=\"Symbol\" w:hint=\"default\"/></w:rPr></w:lvl></w:abstractNum>");
        if let Some(text) = &self.objective_lvl_text {
            let _ = write!(
                s,
                "<w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"singleLevel\"/><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:suff w:val=\"space\"/><w:lvlText w:val=\"{}\"/><w:lvlJc w:val=\"left\"/></w:lvl></w:abstractNum>",
                esc(text)
            );
        }
        s.push_str("<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>");
        for (i, start) in self.objective_nums.iter().enumerate() {
            let _ = write!(
                s,
                "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride></w:num>",
                11 + i
            );
        }
        s.push_str("</w:numbering>");
        s
    }

    fn footnotes_xml(&self) -> String {
        let mut s = format!(
            "{XML_DECL}<w:footnotes {W_NS}><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
        );
        let bidi = if self.rtl() { "<w:bidi/>" } else { "" };
        for (id, text) in &self.footnotes {
            let _ = write!(
                s,
                "<w:footnote w:id=\"{id}\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/>{bidi}</w:pPr><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> {}</w:t></w:r></w:p></w:footnote>",
                esc(text)
            );
        }
        s.push_str("</w:footnotes>");
        s
    }

    fn comments_xml(&self) -> String {
        let mut s = format!("{XML_DECL}<w:comments {W_NS}>");
        for (id, author, text) in &self.comments {
            let initials: String = author
                .split_whitespace()
                .filter_map(|w| w.chars().next())
                .take(3)
                .collect();
            let _ = write!(
                s,
                "<w:comment w:id=\"{id}\" w:author=\"{}\" w:date=\"{FIXED_DATE}\" w:initials=\"{}\"><w:p><w:pPr><w:pStyle w:val=\"CommentText\"/></w:pPr><w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:annotationRef/></w:r><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:comment>",
                esc(author),
                esc(&initials),
                esc(text)
            );
        }
        s.push_str("</w:comments>");
        s
    }
}

fn app_xml() -> String {
    format!(
        "{XML_DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><Application>Microsoft Office Word</Application><DocSecurity>0</DocSecurity><AppVersion>16.0000</AppVersion></Properties>"
    )
}
