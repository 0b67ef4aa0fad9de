//! The report as a numbered sequence of blocks: the view every rule walks.
//!
//! Block numbers are what the output contract calls `location.block`. A DOCX
//! report keeps the numbers of its source blocks; a hand-written JSON report
//! is numbered in reading order (each heading and paragraph one block), so an
//! official can count down to the paragraph.

use super::{ParagraphKind, Report};

/// What a numbered block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockRole {
    /// The heading of a section.
    SectionHeading,
    /// The heading of an objective sub-section.
    ObjectiveHeading,
    /// Text inside a section or objective.
    Text(ParagraphKind),
}

/// One numbered block with its place in the report.
#[derive(Debug, Clone, Copy)]
pub struct BlockRef<'a> {
    /// 1-based block number.
    pub number: usize,
    /// Index of the section in `Report::sections`.
    pub section_index: usize,
    /// The template id of the section, when it is one.
    pub section_id: Option<&'a str>,
    /// The objective the block belongs to, when inside an objective entry.
    pub objective: Option<u32>,
    /// What the block is.
    pub role: BlockRole,
    /// Heading level for sub-headings.
    pub level: Option<u8>,
    /// The block's text.
    pub text: &'a str,
}

/// All blocks of a report in reading order.
#[derive(Debug, Clone, Default)]
pub struct ReportBlocks<'a> {
    /// The blocks.
    pub blocks: Vec<BlockRef<'a>>,
}

struct Counter(usize);

impl Counter {
    fn next(&mut self, explicit: Option<usize>) -> usize {
        let n = explicit.filter(|n| *n > 0).unwrap_or(self.0 + 1);
        self.0 = n;
        n
    }
}

impl<'a> ReportBlocks<'a> {
    /// Numbers the blocks of `report`.
    pub fn new(report: &'a Report) -> Self {
        let mut counter = Counter(0);
        let mut blocks = Vec::new();
        for (section_index, section) in report.sections.iter().enumerate() {
            let section_id = section.id.as_deref();
            if let Some(title) = &section.title {
                blocks.push(BlockRef {
                    number: counter.next(section.block),
                    section_index,
                    section_id,
                    objective: None,
                    role: BlockRole::SectionHeading,
                    level: None,
                    text: title,
                });
            }
            for p in &section.paragraphs {
                blocks.push(BlockRef {
                    number: counter.next(p.block()),
                    section_index,
                    section_id,
                    objective: None,
                    role: BlockRole::Text(p.kind()),
                    level: p.level(),
                    text: p.text(),
                });
            }
            for entry in &section.objectives {
                if let Some(title) = &entry.title {
                    blocks.push(BlockRef {
                        number: counter.next(entry.block),
                        section_index,
                        section_id,
                        objective: Some(entry.objective),
                        role: BlockRole::ObjectiveHeading,
                        level: None,
                        text: title,
                    });
                }
                for p in &entry.paragraphs {
                    blocks.push(BlockRef {
                        number: counter.next(p.block()),
                        section_index,
                        section_id,
                        objective: Some(entry.objective),
                        role: BlockRole::Text(p.kind()),
                        level: p.level(),
                        text: p.text(),
                    });
                }
            }
        }
        ReportBlocks { blocks }
    }

    /// The text blocks (not headings) of one section, objective entries included.
    pub fn text_of_section(&self, section_index: usize) -> impl Iterator<Item = &BlockRef<'a>> {
        self.blocks.iter().filter(move |b| {
            b.section_index == section_index && matches!(b.role, BlockRole::Text(_))
        })
    }

    /// The heading block of a section, if it has one.
    pub fn heading_of_section(&self, section_index: usize) -> Option<&BlockRef<'a>> {
        self.blocks
            .iter()
            .find(|b| b.section_index == section_index && b.role == BlockRole::SectionHeading)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{DetailedParagraph, ObjectiveEntry, Paragraph, Section};

    #[test]
    fn json_reports_are_numbered_in_reading_order() {
        let report = Report {
            sections: vec![
                Section {
                    id: Some("methodology".into()),
                    title: Some("Methodology".into()),
                    paragraphs: vec![Paragraph::Text("a".into()), Paragraph::Text("b".into())],
                    ..Default::default()
                },
                Section {
                    id: Some("objectives_progress".into()),
                    title: None,
                    paragraphs: vec![],
                    objectives: vec![ObjectiveEntry {
                        objective: 5,
                        title: Some("Objective 5".into()),
                        block: None,
                        paragraphs: vec![Paragraph::Text("c".into())],
                    }],
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let blocks = ReportBlocks::new(&report);
        let numbered: Vec<(usize, &str, Option<u32>)> = blocks
            .blocks
            .iter()
            .map(|b| (b.number, b.text, b.objective))
            .collect();
        assert_eq!(
            numbered,
            vec![
                (1, "Methodology", None),
                (2, "a", None),
                (3, "b", None),
                (4, "Objective 5", Some(5)),
                (5, "c", Some(5)),
            ]
        );
    }

    #[test]
    fn explicit_block_numbers_from_extract_are_kept() {
        let report = Report {
            sections: vec![Section {
                id: Some("methodology".into()),
                title: Some("1. Methodology".into()),
                block: Some(7),
                paragraphs: vec![
                    Paragraph::Detailed(DetailedParagraph {
                        text: "x".into(),
                        block: Some(9),
                        ..Default::default()
                    }),
                    Paragraph::Text("y".into()),
                ],
                ..Default::default()
            }],
            ..Default::default()
        };
        let numbers: Vec<usize> = ReportBlocks::new(&report)
            .blocks
            .iter()
            .map(|b| b.number)
            .collect();
        assert_eq!(numbers, vec![7, 9, 10]);
    }
}
