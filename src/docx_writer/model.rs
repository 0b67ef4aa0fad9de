//! The document model the writer accepts.
//!
//! Deliberately small: only what the blank report template and the regional
//! summary need. Every field is plain data so callers can build documents
//! from templates without touching XML; the writer decides all markup.

/// A whole document: metadata, page furniture and body blocks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocxDocument {
    /// Document title, written to `dc:title` (screen readers announce it).
    pub title: String,
    /// BCP-47 language tag of the document ("en-GB", "ar", "zh-CN"), written
    /// to `dc:language` and `w:lang` so spell-checking and speech pick the
    /// right language.
    pub language: String,
    /// Right-to-left document (Arabic): every paragraph gets `w:bidi`, every
    /// run `w:rtl`, tables `w:bidiVisual`, the section `w:bidi`.
    pub rtl: bool,
    /// Plain text repeated at the top of every page, if any.
    pub header: Option<String>,
    /// Plain text at the bottom of every page, if any.
    pub footer: Option<String>,
    /// Put a PAGE field in the footer (after the footer text, if any).
    pub page_numbers: bool,
    /// The body, in reading order.
    pub blocks: Vec<DocBlock>,
}

/// One block-level element of the body.
#[derive(Debug, Clone, PartialEq)]
pub enum DocBlock {
    /// A real heading (style "heading N", `w:outlineLvl` N-1) so the navigation
    /// pane, the TOC and screen readers see the structure. Levels outside
    /// 1..=3 are clamped.
    Heading {
        /// 1 to 3.
        level: u8,
        /// Heading text.
        text: String,
        /// Optional bookmark name (letters, digits, `_`; others are replaced)
        /// so other parts of the document can link to the heading.
        bookmark: Option<String>,
    },
    /// An ordinary paragraph.
    Paragraph(Paragraph),
    /// A table with header rows, caption and description.
    Table(Table),
    /// A block-level content control (`w:sdt`) whose tag maps a filled-in
    /// template back to its section.
    ContentControl(ContentControl),
    /// A table of contents field with pre-rendered entries, so headless PDF
    /// output is readable before any program refreshes the field.
    TableOfContents {
        /// Title shown above the entries (style "TOC Heading", not itself listed).
        title: String,
        /// Pre-rendered entries: (level 1..=3, text).
        entries: Vec<(u8, String)>,
    },
    /// A native DrawingML bar chart (word/charts/chartN.xml) that Word and
    /// LibreOffice draw with document fonts, so Arabic and Chinese labels shape.
    BarChart(BarChart),
    /// A hard page break.
    PageBreak,
}

/// Paragraph styles defined in the bundled styles.xml.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphStyle {
    /// Document title (style "Title").
    Title,
    /// Subtitle under the title.
    Subtitle,
    /// Quoted or attributed excerpt, indented and italic.
    Quote,
    /// Caption above or below a table or chart.
    Caption,
    /// Indented list-like paragraph.
    ListParagraph,
}

impl ParagraphStyle {
    /// The `w:styleId` in styles.xml.
    pub(crate) fn style_id(self) -> &'static str {
        match self {
            ParagraphStyle::Title => "Title",
            ParagraphStyle::Subtitle => "Subtitle",
            ParagraphStyle::Quote => "Quote",
            ParagraphStyle::Caption => "Caption",
            ParagraphStyle::ListParagraph => "ListParagraph",
        }
    }
}

/// A paragraph: inline content plus optional style and direction/language
/// overrides (an Arabic excerpt inside an English summary).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    /// Runs, inline content controls and footnotes, in order.
    pub content: Vec<Inline>,
    /// Paragraph style; `None` means "Normal".
    pub style: Option<ParagraphStyle>,
    /// Direction override; `None` inherits the document direction.
    pub rtl: Option<bool>,
    /// Language override (BCP-47); `None` inherits the document language.
    pub lang: Option<String>,
}

impl Paragraph {
    /// A Normal paragraph with one plain run.
    pub fn text(text: impl Into<String>) -> Self {
        Paragraph {
            content: vec![Inline::Run(Run::plain(text))],
            ..Paragraph::default()
        }
    }

    /// The same paragraph with a style.
    pub fn with_style(mut self, style: ParagraphStyle) -> Self {
        self.style = Some(style);
        self
    }

    /// The same paragraph with a language (and its natural direction, so an
    /// Arabic excerpt becomes right-to-left).
    pub fn with_lang(mut self, lang: impl Into<String>) -> Self {
        let lang = lang.into();
        self.rtl = Some(super::lang::is_rtl(&lang));
        self.lang = Some(lang);
        self
    }
}

/// Inline content of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text with simple emphasis.
    Run(Run),
    /// A run-level plain-text content control (cover fields such as
    /// "Country" inside a table cell), mapped back by its tag.
    TextField(TextField),
    /// A footnote reference; the note text goes to word/footnotes.xml.
    Footnote(Vec<Run>),
}

/// A run of text. Newlines become line breaks and tabs become tab stops.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Run {
    /// The text; XML-illegal characters are dropped on writing.
    pub text: String,
    /// Bold (also for complex scripts).
    pub bold: bool,
    /// Italic (also for complex scripts).
    pub italic: bool,
}

impl Run {
    /// A run without emphasis.
    pub fn plain(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }

    /// A bold run.
    pub fn bold(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            bold: true,
            italic: false,
        }
    }

    /// An italic run.
    pub fn italic(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            bold: false,
            italic: true,
        }
    }
}

/// A plain-text content control inside a paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    /// `w:tag`: machine identifier used to map the value back.
    pub tag: String,
    /// `w:alias`: the name Word shows on the control.
    pub alias: String,
    /// Prompt shown (with `w:showingPlcHdr`) while `value` is empty.
    pub placeholder: String,
    /// Current value; empty means "not filled in".
    pub value: String,
}

/// A block-level content control.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContentControl {
    /// `w:tag`: the section id, so a filled template maps back exactly.
    pub tag: String,
    /// `w:alias`: the title Word shows on the control.
    pub alias: String,
    /// Prompt paragraphs written (with `w:showingPlcHdr`) when `content` is empty.
    pub placeholder: Vec<Paragraph>,
    /// Real content; when non-empty the placeholder is not written.
    pub content: Vec<DocBlock>,
}

/// A table. Column widths are in twentieths of a point (twips); when they do
/// not match the number of grid columns the writer divides the text width
/// evenly, because LibreOffice needs explicit widths.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// `w:tblCaption`: short title announced by screen readers.
    pub caption: String,
    /// `w:tblDescription`: one-sentence summary of the table.
    pub description: String,
    /// Grid column widths in twips.
    pub column_widths: Vec<u32>,
    /// Number of leading rows repeated as header rows (`w:tblHeader`).
    pub header_rows: usize,
    /// Rows in order.
    pub rows: Vec<TableRow>,
}

/// A table row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableRow {
    /// Cells; short rows are padded with empty cells.
    pub cells: Vec<TableCell>,
}

/// A table cell.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableCell {
    /// Paragraphs; an empty cell still gets one empty `w:p` (Word requires it).
    pub paragraphs: Vec<Paragraph>,
    /// Background colour as six hex digits ("D9E2F3"); invalid values are
    /// ignored. Never the only carrier of meaning.
    pub shading: Option<String>,
    /// Number of grid columns spanned (`w:gridSpan`); 0 and 1 mean one.
    pub span: u32,
}

impl TableCell {
    /// A cell with one plain paragraph.
    pub fn text(text: impl Into<String>) -> Self {
        TableCell {
            paragraphs: vec![Paragraph::text(text)],
            ..TableCell::default()
        }
    }
}

/// A clustered bar (or column) chart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BarChart {
    /// Chart title drawn above the plot.
    pub title: String,
    /// Alternative text (`wp:docPr/@descr`) for screen readers.
    pub description: String,
    /// Category labels.
    pub categories: Vec<String>,
    /// One or more series; values beyond the categories are ignored and
    /// non-finite values are left as gaps.
    pub series: Vec<ChartSeries>,
    /// Title of the category axis.
    pub category_axis_title: Option<String>,
    /// Title of the value axis.
    pub value_axis_title: Option<String>,
    /// Horizontal bars instead of vertical columns (long category labels).
    pub horizontal: bool,
}

/// One data series of a chart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartSeries {
    /// Legend name.
    pub name: String,
    /// One value per category.
    pub values: Vec<f64>,
}
