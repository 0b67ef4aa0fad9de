//! Mapper tests on hand-built documents (the DOCX reader has its own tests).

use super::docx::DocxMapper;
use super::headings::SectionMatcher;
use crate::document::{Block, BlockKind, Document};
use crate::report::{Paragraph, Report};
use crate::template::Template;

fn heading(text: &str, level: u8) -> Block {
    let mut b = Block::paragraph(text, 0);
    b.kind = BlockKind::Heading { level };
    b
}

fn para(text: &str) -> Block {
    Block::paragraph(text, 0)
}

fn bold(text: &str) -> Block {
    let mut b = Block::paragraph(text, 0);
    b.bold = true;
    b
}

fn row(cells: &[&str]) -> Block {
    let mut b = Block::paragraph(cells.join(" | "), 0);
    b.kind = BlockKind::TableRow {
        cells: cells.iter().map(|c| c.to_string()).collect(),
    };
    b
}

fn tagged(mut b: Block, tag: &str) -> Block {
    b.tags.push(tag.to_string());
    b
}

fn map(blocks: Vec<Block>) -> Report {
    let template = Template::load().expect("template");
    let matcher = SectionMatcher::new(&template);
    let mut doc = Document::default();
    for (i, mut b) in blocks.into_iter().enumerate() {
        b.location.index = i;
        doc.blocks.push(b);
    }
    DocxMapper::new(&template, &matcher).map(doc).report
}

fn ids(report: &Report) -> Vec<Option<&str>> {
    report.sections.iter().map(|s| s.id.as_deref()).collect()
}

fn texts(ps: &[Paragraph]) -> Vec<&str> {
    ps.iter().map(|p| p.text()).collect()
}

#[test]
fn styled_headings_become_sections_with_their_block_numbers() {
    let r = map(vec![
        heading("1. Methodology", 1),
        para("We consulted."),
        heading("2. Policy and enabling environment", 1),
        para("A plan."),
    ]);
    assert_eq!(
        ids(&r),
        vec![Some("methodology"), Some("policy_environment")]
    );
    assert_eq!(r.sections[0].block, Some(1));
    assert_eq!(texts(&r.sections[0].paragraphs), vec!["We consulted."]);
    assert_eq!(r.sections[1].paragraphs[0].block(), Some(4));
}

#[test]
fn bold_or_shouted_short_paragraphs_act_as_headings_in_unstyled_drafts() {
    let r = map(vec![
        bold("I. METODOLOGÍA"),
        para("Se consultó a la sociedad civil."),
        para("III. MEDIOS DE IMPLEMENTACIÓN"),
        para("Presupuesto nacional."),
    ]);
    assert_eq!(
        ids(&r),
        vec![Some("methodology"), Some("means_of_implementation")]
    );
}

#[test]
fn a_long_bold_paragraph_is_not_a_heading() {
    let r = map(vec![
        heading("Methodology", 1),
        bold("Methodology was discussed at length with all ministries, regional governments, civil society and the private sector over two years."),
    ]);
    assert_eq!(ids(&r), vec![Some("methodology")]);
    assert_eq!(r.sections[0].paragraphs.len(), 1);
}

#[test]
fn objective_sub_sections_and_auto_numbered_headings() {
    let mut numbered = heading("Enhance availability and flexibility of pathways", 2);
    numbered.list_label = Some("Objective 5".into());
    let r = map(vec![
        heading("Progress on GCM objectives", 1),
        para("Overview."),
        heading("Objetivo 1: Datos", 2),
        para("Un censo."),
        numbered,
        para("New visas."),
        heading("Good practices", 3),
        para("Lisbon."),
    ]);
    let s = &r.sections[0];
    assert_eq!(s.id.as_deref(), Some("objectives_progress"));
    assert_eq!(texts(&s.paragraphs), vec!["Overview."]);
    let entries: Vec<u32> = s.objectives.iter().map(|e| e.objective).collect();
    assert_eq!(entries, vec![1, 5]);
    assert_eq!(
        texts(&s.objectives[1].paragraphs),
        vec!["New visas.", "Good practices", "Lisbon."]
    );
}

#[test]
fn objective_headings_without_a_progress_heading_open_the_section() {
    let r = map(vec![heading("Objective 2", 2), para("Drivers.")]);
    assert_eq!(ids(&r), vec![Some("objectives_progress")]);
    assert_eq!(r.sections[0].objectives[0].objective, 2);
}

#[test]
fn unknown_top_level_headings_open_extra_sections() {
    let r = map(vec![
        heading("Next steps", 1),
        para("Plans."),
        heading("Annex II: Statistics on labour migration", 1),
        para("Table."),
        heading("Acknowledgements to partners", 1),
    ]);
    assert_eq!(ids(&r), vec![Some("next_steps"), None, None]);
    assert_eq!(texts(&r.sections[0].paragraphs), vec!["Plans."]);
}

#[test]
fn content_control_tags_win_over_renamed_headings() {
    let r = map(vec![
        heading("How we prepared this review", 1),
        tagged(para("Ministries met monthly."), "methodology"),
        heading("Objective five", 2),
        tagged(
            tagged(para("Visas."), "objectives_progress"),
            "objective_05",
        ),
    ]);
    assert_eq!(
        ids(&r),
        vec![Some("methodology"), Some("objectives_progress")]
    );
    assert_eq!(
        r.sections[0].title.as_deref(),
        Some("How we prepared this review")
    );
    assert_eq!(
        r.sections[1].objectives.last().map(|e| e.objective),
        Some(5)
    );
}

#[test]
fn placeholders_are_not_content() {
    let mut placeholder = tagged(para("Describe how the review was prepared."), "methodology");
    placeholder.placeholder = true;
    let r = map(vec![heading("Methodology for the review", 1), placeholder]);
    assert!(r.sections[0].paragraphs.is_empty());
}

#[test]
fn cover_table_rows_and_label_lines_fill_the_cover() {
    let r = map(vec![
        para("Voluntary GCM Review"),
        row(&["Member State", "Portugal"]),
        row(&["ISO code", "PRT"]),
        row(&["E-mail:", "focal@example.gov.pt"]),
        para("Fecha: 2022-02-25"),
        heading("Methodology", 1),
        para("Text."),
        row(&["Country", "not cover: after the first section"]),
    ]);
    assert_eq!(r.cover_text("submitter_name").as_deref(), Some("Portugal"));
    assert_eq!(r.cover_text("iso3").as_deref(), Some("PRT"));
    assert_eq!(
        r.cover_text("email").as_deref(),
        Some("focal@example.gov.pt")
    );
    assert_eq!(
        r.cover_text("submission_date").as_deref(),
        Some("2022-02-25")
    );
    assert_eq!(r.sections[0].id, None, "front matter is an extra section");
    assert_eq!(r.sections[1].paragraphs.len(), 2);
}

#[test]
fn tagged_cover_values_from_our_template() {
    let r = map(vec![tagged(
        row(&["Focal point: e-mail", "a@b.org"]),
        "cover.email",
    )]);
    assert_eq!(r.cover_text("email").as_deref(), Some("a@b.org"));
}

#[test]
fn footnotes_and_table_rows_stay_in_their_section() {
    let mut note = para("Source: national statistics office.");
    note.kind = BlockKind::Footnote;
    let r = map(vec![
        heading("Means of implementation", 1),
        para("Budget rose.[1]"),
        note,
        row(&["Year", "Budget"]),
    ]);
    let kinds: Vec<_> = r.sections[0].paragraphs.iter().map(|p| p.kind()).collect();
    use crate::report::ParagraphKind::*;
    assert_eq!(kinds, vec![Paragraph, Footnote, TableRow]);
}

#[test]
fn an_objective_heading_inside_its_own_control_opens_one_entry() {
    // Our blank template wraps each objective sub-section, heading included,
    // in a control tagged `objective_NN` inside the section's control.
    let both = |b: Block| tagged(tagged(b, "objectives_progress"), "objective_05");
    let r = map(vec![
        tagged(
            heading("3. Progress on GCM objectives", 1),
            "objectives_progress",
        ),
        both(heading("Objective 5: Regular pathways", 2)),
        both(para("A job-seeker visa was introduced.")),
        both(para("Three labour mobility agreements were signed.")),
    ]);
    let entries = &r.sections[0].objectives;
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(
        entries[0].title.as_deref(),
        Some("Objective 5: Regular pathways")
    );
    assert_eq!(entries[0].block, Some(2));
    assert_eq!(entries[0].paragraphs.len(), 2);
}
