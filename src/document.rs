//! The neutral document model that sits between the readers and the mapper.
//!
//! Every reader (DOCX today) turns bytes into a [`Document`]: a flat sequence of
//! [`Block`]s in reading order, each carrying where it came from. The mapper then
//! decides which template section each block belongs to. Keeping this model
//! format-neutral (as pandoc does) means the rules never know about XML, and a
//! new reader never needs to know about the template.

use serde::Serialize;

/// A document as read, before any template knowledge is applied.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Document {
    /// Blocks in reading order. Footnotes and endnotes follow the block that
    /// references them; text-box content follows its anchoring paragraph.
    pub blocks: Vec<Block>,
    /// Metadata from the package (core and custom properties).
    pub properties: DocumentProperties,
    /// Reviewer comments. They are never report text: kept apart so no rule
    /// counts or checks them, but their presence can be reported.
    pub comments: Vec<Comment>,
    /// Facts about the source that the official should hear about (tracked
    /// changes, hidden text), found while reading.
    pub notices: Vec<Notice>,
}

/// Package metadata that may stand in for a missing cover page.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct DocumentProperties {
    /// `dc:title` from `docProps/core.xml`.
    pub title: Option<String>,
    /// `dc:language` from `docProps/core.xml` (or the default run language).
    pub language: Option<String>,
    /// `dc:creator`.
    pub creator: Option<String>,
    /// `dc:subject`.
    pub subject: Option<String>,
    /// Custom document properties (`docProps/custom.xml`), name and value.
    pub custom: Vec<(String, String)>,
}

/// One unit of text with its place in the source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    /// What kind of block this is.
    pub kind: BlockKind,
    /// The text as the reader of the accepted document sees it: deleted
    /// tracked text, hidden text, field instructions and comments removed.
    /// Tabs and line breaks are kept as `\t` and `\n`.
    pub text: String,
    /// Where the block stands in the source.
    pub location: BlockLocation,
    /// Resolved paragraph style name (`w:name`, e.g. `heading 1`), never the
    /// localised style id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<String>,
    /// Rendered list label for auto-numbered paragraphs ("3.", "III.",
    /// "Objective 3"), which is not part of `text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list_label: Option<String>,
    /// True when every visible character is bold: drafts without heading
    /// styles mark their headings this way.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
    /// Content-control tags (`w:sdt/w:sdtPr/w:tag`) around the block,
    /// outermost first. Our blank template writes section ids here.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// True when the text is a content control's placeholder
    /// (`w:showingPlcHdr`): the official has not answered yet.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub placeholder: bool,
    /// True when part of the text is a tracked insertion not yet accepted.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub tracked_insertion: bool,
}

impl Block {
    /// A plain body paragraph; readers and tests adjust the fields they know.
    pub fn paragraph(text: impl Into<String>, index: usize) -> Self {
        Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
            location: BlockLocation::body(index),
            style: None,
            list_label: None,
            bold: false,
            tags: Vec::new(),
            placeholder: false,
            tracked_insertion: false,
        }
    }

    /// The text with the list label in front, as the official sees it in Word.
    pub fn visible_text(&self) -> String {
        self.visible_text_ref().into_owned()
    }

    /// [`Block::visible_text`] without a copy when there is no list label.
    pub fn visible_text_ref(&self) -> std::borrow::Cow<'_, str> {
        match &self.list_label {
            Some(label) if !label.is_empty() => format!("{label} {}", self.text).into(),
            _ => self.text.as_str().into(),
        }
    }

    /// [`Block::visible_text`], moving the text out of the block (which is
    /// left without text): the mapper hands each paragraph to the report
    /// this way instead of copying it.
    pub fn take_visible_text(&mut self) -> String {
        match self.visible_text_ref() {
            std::borrow::Cow::Owned(labelled) => labelled,
            std::borrow::Cow::Borrowed(_) => std::mem::take(&mut self.text),
        }
    }
}

/// The kinds of block the readers produce.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BlockKind {
    /// A heading, from a heading style or outline level (1 = top).
    Heading {
        /// Outline level, 1 to 9.
        level: u8,
    },
    /// The document title (the `Title` style).
    Title,
    /// An ordinary paragraph.
    Paragraph,
    /// A paragraph in a numbered or bulleted list.
    ListItem {
        /// List nesting level, 0 = top.
        level: u8,
    },
    /// One table row; `text` joins the cells with " | ", and `cells` keeps
    /// them apart. A row is one unit for the scope check.
    TableRow {
        /// Text of each cell, paragraphs joined with "\n".
        cells: Vec<String>,
    },
    /// A footnote's text, placed after the block that references it.
    Footnote,
    /// An endnote's text, placed after the block that references it.
    Endnote,
}

/// Where a block stands in the source document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlockLocation {
    /// Which story (part) of the package the block comes from.
    pub story: Story,
    /// 0-based position of the block in [`Document::blocks`]. Output shows
    /// it 1-based.
    pub index: usize,
    /// Set when the block is a table row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<TablePosition>,
    /// True when the text sits in a text box or shape.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub in_text_box: bool,
}

impl BlockLocation {
    /// A location in the main body.
    pub fn body(index: usize) -> Self {
        BlockLocation {
            story: Story::Body,
            index,
            table: None,
            in_text_box: false,
        }
    }
}

/// The story parts of a DOCX package that carry report text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "part", rename_all = "snake_case")]
pub enum Story {
    /// `word/document.xml`.
    Body,
    /// A footnote in `word/footnotes.xml`.
    Footnote {
        /// The note's `w:id`.
        id: String,
    },
    /// An endnote in `word/endnotes.xml`.
    Endnote {
        /// The note's `w:id`.
        id: String,
    },
}

/// A table row's place: which table (counted in document order, nested tables
/// included) and which row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TablePosition {
    /// 1-based table number in document order.
    pub table: usize,
    /// 1-based row number within the table.
    pub row: usize,
}

/// A reviewer comment, kept out of the report text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comment {
    /// `w:author`, when given.
    pub author: Option<String>,
    /// The comment's text.
    pub text: String,
    /// Index of the block the comment is anchored in, when known.
    pub block: Option<usize>,
}

/// Something found while reading that the official should know about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// Unaccepted tracked changes; checks used the document with all changes accepted.
    TrackedChanges {
        /// How many insertions, deletions and moves were seen.
        count: usize,
        /// First block containing or following a change.
        first_block: Option<usize>,
    },
    /// Text formatted as hidden, left out of the checks.
    HiddenText {
        /// First block that contained hidden text.
        first_block: Option<usize>,
    },
    /// A part could not be read completely; the rest of the document was.
    DamagedPart {
        /// The part name inside the package.
        part: String,
        /// What went wrong, for the official.
        detail: String,
    },
}
