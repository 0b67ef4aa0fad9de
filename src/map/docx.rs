//! DOCX documents into the typed report: content-control tags first (our
//! blank template writes section ids there), headings second (heading
//! styles, outline levels, and short bold or numbered paragraphs in drafts
//! without styles), and cover values from the cover table, "Label: value"
//! lines or the document properties.

use serde_json::Value;

use super::cover::CoverReader;
use super::headings::{HeadingMatch, SectionMatcher};
use crate::document::{Block, BlockKind, Document};
use crate::report::{DetailedParagraph, ObjectiveEntry, Paragraph, ParagraphKind, Report, Section};
use crate::template::Template;
use crate::text::at_most_words;

/// Longest paragraph (in words) still taken for a heading when it is only
/// bold or numbered, not styled as a heading.
const PSEUDO_HEADING_MAX_WORDS: usize = 14;

/// The id of the section that holds per-objective entries.
fn objectives_section_id(template: &Template) -> &str {
    template
        .sections
        .iter()
        .find(|s| s.objectives)
        .map(|s| s.id.as_str())
        .unwrap_or("objectives_progress")
}

/// Where the mapper currently writes.
#[derive(Debug, Clone, Copy)]
struct Cursor {
    section: usize,
    /// Outline level of the heading that opened the section (1 for implicit).
    level: u8,
    /// Open objective entry and the level of its heading.
    entry: Option<(usize, u8)>,
}

/// Maps document blocks to sections.
pub struct DocxMapper<'t> {
    template: &'t Template,
    matcher: &'t SectionMatcher,
    cover: CoverReader<'t>,
}

/// The result of mapping: the report and the languages of the headings that
/// matched (a hint for the report's language).
#[derive(Debug, Clone)]
pub struct MappedDocument {
    /// The typed report.
    pub report: Report,
    /// Language of each matched template heading, in order.
    pub heading_languages: Vec<String>,
}

impl<'t> DocxMapper<'t> {
    /// A mapper for `template`.
    pub fn new(template: &'t Template, matcher: &'t SectionMatcher) -> Self {
        DocxMapper {
            template,
            matcher,
            cover: CoverReader::new(template),
        }
    }

    /// Maps a document. It takes the document so each paragraph's text moves
    /// into the report instead of being copied (a 200-page report is 600 KB
    /// of text).
    pub fn map(&self, doc: Document) -> MappedDocument {
        let Document {
            blocks, properties, ..
        } = doc;
        let mut report = Report {
            template: Some(self.template.template.id.clone()),
            ..Default::default()
        };
        let mut cursor: Option<Cursor> = None;
        let mut heading_languages = Vec::new();
        let objectives_id = objectives_section_id(self.template);

        for mut block in blocks {
            if block.placeholder || block.text.trim().is_empty() {
                continue;
            }
            let number = block.location.index + 1;
            let visible = block.visible_text_ref();

            if let Some((field, value)) = self.cover.tagged_value(&block) {
                insert_cover(&mut report, field, value);
                continue;
            }
            if let Some(tagged) = self.tagged_section(&block) {
                cursor = Some(self.enter_tagged(&mut report, cursor, &tagged, &block));
                if matches!(block.kind, BlockKind::Heading { .. }) || self.is_heading_text(&block) {
                    // The heading inside its own content control: already the title.
                    if let Some(c) = cursor {
                        if let Some(section) = report.sections.get_mut(c.section) {
                            if section.title.is_none() {
                                section.title = Some(visible.to_string());
                                section.block = Some(number);
                                continue;
                            }
                        }
                    }
                }
            }

            let heading_level = self.heading_level(&block);
            if let Some(level) = heading_level {
                match self.matcher.classify(&visible) {
                    HeadingMatch::Section { id, lang } => {
                        heading_languages.push(lang);
                        cursor = Some(open_section(
                            &mut report,
                            Some(id),
                            Some(visible.into_owned()),
                            Some(number),
                            level,
                        ));
                        continue;
                    }
                    HeadingMatch::Objective(n) => {
                        let c = ensure_section(&mut report, cursor, objectives_id);
                        // The heading inside its own `objective_NN` control:
                        // the entry the tag opened gets its title.
                        if let Some(entry) = untitled_entry(&mut report, c, n) {
                            entry.title = Some(visible.into_owned());
                            entry.block = Some(number);
                            cursor = Some(Cursor {
                                entry: c.entry.map(|(i, _)| (i, level)),
                                ..c
                            });
                            continue;
                        }
                        cursor = Some(open_entry(
                            &mut report,
                            c,
                            n,
                            Some(visible.into_owned()),
                            Some(number),
                            level,
                        ));
                        continue;
                    }
                    HeadingMatch::Extra => {
                        cursor = Some(open_section(
                            &mut report,
                            None,
                            Some(visible.into_owned()),
                            Some(number),
                            level,
                        ));
                        continue;
                    }
                    HeadingMatch::Unknown => {
                        let styled = matches!(block.kind, BlockKind::Heading { .. });
                        let closes = cursor.is_none_or(|c| level <= c.level);
                        if styled && closes {
                            cursor = Some(open_section(
                                &mut report,
                                None,
                                Some(visible.into_owned()),
                                Some(number),
                                level,
                            ));
                            continue;
                        }
                        if styled {
                            if let Some(c) = cursor.as_mut() {
                                if c.entry.is_some_and(|(_, entry_level)| level <= entry_level) {
                                    c.entry = None;
                                }
                            }
                        }
                    }
                }
            }

            // Ordinary text. Before the first heading, "Label | value" rows and
            // "Label: value" lines are the cover page.
            let in_front = cursor.is_none_or(|c| {
                report
                    .sections
                    .get(c.section)
                    .is_some_and(|s| s.id.is_none() && s.title.is_none())
            });
            if in_front {
                if let Some((field, value)) = self.cover.labelled_value(&block) {
                    insert_cover(&mut report, field, value);
                    continue;
                }
            }
            let c = match cursor {
                Some(c) => c,
                None => {
                    let c = open_section(&mut report, None, None, None, 0);
                    cursor = Some(c);
                    c
                }
            };
            let is_objectives_section =
                report.sections.get(c.section).and_then(|s| s.id.as_deref()) == Some(objectives_id);
            let c = if is_objectives_section && c.entry.is_none() {
                match self.matcher.objectives().heading_objective(&visible) {
                    Some(n) => {
                        let opened = open_entry(&mut report, c, n, None, None, u8::MAX);
                        cursor = Some(opened);
                        opened
                    }
                    None => c,
                }
            } else {
                c
            };
            drop(visible);
            let text = block.take_visible_text();
            push_paragraph(
                &mut report,
                c,
                paragraph_from(&block, text, heading_level, number),
            );
        }
        self.cover.fill_from_properties(&properties, &mut report);
        MappedDocument {
            report,
            heading_languages,
        }
    }

    /// The template section a block is tagged with, innermost tag first. An
    /// `objective_NN` tag (the blank template's objective sub-sections) means
    /// the objectives section, so a renamed objective heading still maps.
    fn tagged_section(&self, block: &Block) -> Option<String> {
        block.tags.iter().rev().find_map(|tag| {
            let tag = tag.trim();
            if self.template.section(tag).is_some() {
                Some(tag.to_string())
            } else if objective_tag_number(tag).is_some() {
                Some(objectives_section_id(self.template).to_string())
            } else {
                None
            }
        })
    }

    fn enter_tagged(
        &self,
        report: &mut Report,
        cursor: Option<Cursor>,
        id: &str,
        block: &Block,
    ) -> Cursor {
        let objective_tag = block
            .tags
            .iter()
            .rev()
            .find_map(|t| objective_tag_number(t));
        let current_id = cursor
            .and_then(|c| report.sections.get(c.section))
            .and_then(|s| s.id.clone());
        let mut c = if current_id.as_deref() == Some(id) {
            cursor.unwrap_or(Cursor {
                section: 0,
                level: 1,
                entry: None,
            })
        } else {
            // A renamed heading just before the tagged body opened an extra
            // section with nothing in it: that heading belongs to this section.
            let reuse = cursor.and_then(|c| {
                let s = report.sections.get(c.section)?;
                (s.id.is_none() && s.paragraphs.is_empty() && s.objectives.is_empty()).then_some(c)
            });
            match reuse {
                Some(c) => {
                    if let Some(s) = report.sections.get_mut(c.section) {
                        s.id = Some(id.to_string());
                    }
                    c
                }
                None => open_section(report, Some(id.to_string()), None, None, 1),
            }
        };
        if let Some(n) = objective_tag {
            let same = c
                .entry
                .and_then(|(i, _)| report.sections.get(c.section)?.objectives.get(i))
                .is_some_and(|e| e.objective == n);
            if !same {
                c = open_entry(report, c, n, None, None, u8::MAX);
            }
        }
        c
    }

    /// The outline level when the block is (or looks like) a heading.
    fn heading_level(&self, block: &Block) -> Option<u8> {
        match block.kind {
            BlockKind::Heading { level } => Some(level.max(1)),
            BlockKind::Paragraph | BlockKind::ListItem { .. } if self.is_heading_text(block) => {
                match self.matcher.classify(&block.visible_text_ref()) {
                    HeadingMatch::Unknown => None,
                    HeadingMatch::Objective(_) => Some(2),
                    _ => Some(1),
                }
            }
            _ => None,
        }
    }

    /// Short bold or numbered paragraphs act as headings in unstyled drafts.
    fn is_heading_text(&self, block: &Block) -> bool {
        // This runs on every paragraph of the report: the length test first,
        // as it reads only the start of a long paragraph, and the tests that
        // read every character only for short ones.
        at_most_words(&block.text, PSEUDO_HEADING_MAX_WORDS)
            && (block.bold
                || block.list_label.is_some()
                || !block.text.chars().any(|c| c.is_lowercase())
                    && block.text.chars().any(|c| c.is_alphabetic())
                || starts_with_numbering(&block.text))
    }
}

/// The objective number of an `objective_NN` content-control tag.
fn objective_tag_number(tag: &str) -> Option<u32> {
    tag.trim()
        .strip_prefix("objective_")
        .and_then(|n| n.parse::<u32>().ok())
}

fn starts_with_numbering(text: &str) -> bool {
    let trimmed = text.trim_start();
    let head = trimmed.split(char::is_whitespace).next().unwrap_or("");
    let core = head.trim_end_matches(['.', ')', ':', '-']);
    head.len() > core.len()
        && !core.is_empty()
        && core.split('.').all(|part| {
            part.chars().all(|c| c.is_ascii_digit())
                || part.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
                || (part.len() == 1 && part.chars().all(|c| c.is_ascii_uppercase()))
        })
}

/// The report paragraph for `block`, whose visible text (list label included)
/// the caller has already made.
fn paragraph_from(
    block: &Block,
    visible: String,
    heading_level: Option<u8>,
    number: usize,
) -> Paragraph {
    let kind = match block.kind {
        BlockKind::Heading { .. } | BlockKind::Title => ParagraphKind::Heading,
        BlockKind::ListItem { .. } => ParagraphKind::ListItem,
        BlockKind::TableRow { .. } => ParagraphKind::TableRow,
        BlockKind::Footnote | BlockKind::Endnote => ParagraphKind::Footnote,
        BlockKind::Paragraph => ParagraphKind::Paragraph,
    };
    let level = match block.kind {
        BlockKind::Heading { level } => Some(level),
        BlockKind::Title => Some(1),
        _ => heading_level.filter(|_| kind == ParagraphKind::Heading),
    };
    Paragraph::Detailed(DetailedParagraph {
        text: visible,
        kind: Some(kind),
        level,
        block: Some(number),
    })
}

fn open_section(
    report: &mut Report,
    id: Option<String>,
    title: Option<String>,
    block: Option<usize>,
    level: u8,
) -> Cursor {
    report.sections.push(Section {
        id,
        title,
        block,
        ..Default::default()
    });
    Cursor {
        section: report.sections.len().saturating_sub(1),
        level: level.max(1),
        entry: None,
    }
}

/// Makes sure the cursor is in the objectives section, opening one (without
/// a heading) when the report goes straight to objective sub-sections.
fn ensure_section(report: &mut Report, cursor: Option<Cursor>, id: &str) -> Cursor {
    match cursor {
        Some(c) if report.sections.get(c.section).and_then(|s| s.id.as_deref()) == Some(id) => c,
        _ => open_section(report, Some(id.to_string()), None, None, 1),
    }
}

fn open_entry(
    report: &mut Report,
    mut cursor: Cursor,
    objective: u32,
    title: Option<String>,
    block: Option<usize>,
    level: u8,
) -> Cursor {
    if let Some(section) = report.sections.get_mut(cursor.section) {
        section.objectives.push(ObjectiveEntry {
            objective,
            title,
            block,
            paragraphs: Vec::new(),
        });
        cursor.entry = Some((section.objectives.len().saturating_sub(1), level));
    }
    cursor
}

/// The open entry when it is for objective `n` and still empty (opened by
/// an `objective_NN` tag just before its heading).
fn untitled_entry(report: &mut Report, cursor: Cursor, n: u32) -> Option<&mut ObjectiveEntry> {
    let (i, _) = cursor.entry?;
    let entry = report
        .sections
        .get_mut(cursor.section)?
        .objectives
        .get_mut(i)?;
    (entry.objective == n && entry.title.is_none() && entry.paragraphs.is_empty()).then_some(entry)
}

fn push_paragraph(report: &mut Report, cursor: Cursor, paragraph: Paragraph) {
    let Some(section) = report.sections.get_mut(cursor.section) else {
        return;
    };
    match cursor
        .entry
        .and_then(|(i, _)| section.objectives.get_mut(i))
    {
        Some(entry) => entry.paragraphs.push(paragraph),
        None => section.paragraphs.push(paragraph),
    }
}

fn insert_cover(report: &mut Report, field: &str, value: String) {
    if !report.cover.contains_key(field) && !value.trim().is_empty() {
        report
            .cover
            .insert(field.to_string(), Value::String(value.trim().to_string()));
    }
}
