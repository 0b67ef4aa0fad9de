//! The blank report template (`gcm-review template`), written from the
//! template data in `templates/` in any of the six UN languages.
//!
//! Two forms:
//!
//! - [`docx`]: a Word document with the title, a cover table whose value
//!   boxes are plain-text content controls tagged `cover.<field_id>`, the five
//!   sections as real Heading 1 paragraphs each followed by a block content
//!   control tagged with the section id (its guidance shown as placeholder
//!   text, so a blank section reads as empty), and under the objectives
//!   section one optional sub-section per GCM objective (Heading 2 and a
//!   control tagged `objective_NN`). The reader maps a filled copy by these
//!   tags first, so renamed headings still map.
//! - [`json`]: a skeleton report that validates against
//!   `schemas/report.schema.json`: every cover key with an empty string, every
//!   section with its id, title and one empty paragraph, and one entry per
//!   objective. The schema has no property for guidance (it rejects unknown
//!   keys), so guidance is only in the DOCX and in the schema's descriptions.
//!
//! Pure: no file system, no clock; the same input gives the same bytes.

mod text;

use serde_json::{json, Map, Value};

use crate::docx_writer::{
    write_docx, ContentControl, DocBlock, DocxDocument, Inline, Paragraph, ParagraphStyle, Run,
    Table, TableCell, TableRow, TextField, WriteError,
};
use crate::map::COVER_TAG_PREFIX;
use crate::reference::ReferenceData;
use crate::report::schema::schema_id;
use crate::template::{pick, CoverKind, Template, UN_LANGUAGES};

/// Why the blank template could not be written.
#[derive(Debug, thiserror::Error)]
pub enum BlankTemplateError {
    /// The language is not one of the six UN languages.
    #[error("no blank template in “{0}”; choose one of en, fr, es, ru, ar, zh")]
    UnsupportedLanguage(String),
    /// The DOCX writer failed.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// The content-control tag of an objective's sub-section: `objective_05`.
pub fn objective_tag(number: u8) -> String {
    format!("objective_{number:02}")
}

/// The word that introduces an objective sub-heading in `lang` ("Objective",
/// "Objectif", "Цель", "الهدف", "目标"), from the template's objective
/// markers: the first single word that is not an abbreviation, capitalised.
pub fn objective_word(template: &Template, lang: &str) -> String {
    let pick_word = |lang: &str| {
        template.objective_markers.get(lang).and_then(|markers| {
            markers
                .iter()
                .find(|m| !m.contains(char::is_whitespace) && !matches!(m.as_str(), "obj" | "gcm"))
                .cloned()
        })
    };
    let word = pick_word(lang)
        .or_else(|| pick_word("en"))
        .unwrap_or_else(|| "objective".to_string());
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => word,
    }
}

/// The sub-heading of objective `number`: "Objective 5: <title>".
fn objective_heading(word: &str, number: u8, title: &str) -> String {
    if title.is_empty() {
        format!("{word} {number}")
    } else {
        format!("{word} {number}: {title}")
    }
}

fn check_lang(lang: &str) -> Result<&'static text::Words, BlankTemplateError> {
    if !UN_LANGUAGES.contains(&lang) {
        return Err(BlankTemplateError::UnsupportedLanguage(lang.to_string()));
    }
    text::words(lang).ok_or_else(|| BlankTemplateError::UnsupportedLanguage(lang.to_string()))
}

/// What the cover box of a field shows while empty: the help in `lang`,
/// else for the submitter type the labels in `lang`, else the English help.
fn cover_placeholder(
    template: &Template,
    field: &crate::template::CoverField,
    lang: &str,
) -> String {
    if let Some(help) = field.help.get(lang) {
        return help.clone();
    }
    if field.kind == CoverKind::SubmitterType {
        let labels: Vec<&str> = template
            .submitter_types
            .iter()
            .map(|t| pick(&t.label, lang))
            .collect();
        return labels.join(" / ");
    }
    pick(&field.help, lang).to_string()
}

/// The document model of the blank template in `lang` (exposed so callers
/// can add to it before writing).
pub fn document(
    template: &Template,
    reference: &ReferenceData,
    lang: &str,
) -> Result<DocxDocument, BlankTemplateError> {
    let words = check_lang(lang)?;
    let title = pick(&template.template.name, lang).to_string();
    let mut blocks = vec![DocBlock::Paragraph(
        Paragraph::text(title.clone()).with_style(ParagraphStyle::Title),
    )];

    let mut rows = vec![TableRow {
        cells: vec![TableCell::text(words.field), TableCell::text(words.value)],
    }];
    for field in &template.cover {
        let label = pick(&field.label, lang);
        let input = Paragraph {
            content: vec![Inline::TextField(TextField {
                tag: format!("{COVER_TAG_PREFIX}{}", field.id),
                alias: label.to_string(),
                placeholder: cover_placeholder(template, field, lang),
                value: String::new(),
            })],
            ..Paragraph::default()
        };
        rows.push(TableRow {
            cells: vec![
                TableCell {
                    paragraphs: vec![Paragraph {
                        content: vec![Inline::Run(Run::bold(label))],
                        ..Paragraph::default()
                    }],
                    ..TableCell::default()
                },
                TableCell {
                    paragraphs: vec![input],
                    ..TableCell::default()
                },
            ],
        });
    }
    blocks.push(DocBlock::Table(Table {
        caption: words.cover_caption.to_string(),
        description: words.cover_description.to_string(),
        column_widths: vec![3400, 5626],
        header_rows: 1,
        rows,
    }));

    let word = objective_word(template, lang);
    for section in &template.sections {
        let heading = pick(&section.title, lang).to_string();
        blocks.push(DocBlock::Heading {
            level: 1,
            text: heading.clone(),
            bookmark: Some(section.id.clone()),
        });
        let mut placeholder = vec![Paragraph::text(pick(&section.guidance, lang))];
        if section.objectives {
            placeholder.push(Paragraph::text(words.objectives_note));
        }
        blocks.push(DocBlock::ContentControl(ContentControl {
            tag: section.id.clone(),
            alias: heading,
            placeholder,
            content: Vec::new(),
        }));
        if section.objectives {
            for objective in reference.objectives() {
                let title = objective
                    .title
                    .get(lang)
                    .unwrap_or_else(|| objective.title.en());
                let heading = objective_heading(&word, objective.number, title);
                blocks.push(DocBlock::Heading {
                    level: 2,
                    text: heading.clone(),
                    bookmark: Some(objective_tag(objective.number)),
                });
                blocks.push(DocBlock::ContentControl(ContentControl {
                    tag: objective_tag(objective.number),
                    alias: heading,
                    placeholder: vec![Paragraph::text(words.objective_prompt)],
                    content: Vec::new(),
                }));
            }
        }
    }

    Ok(DocxDocument {
        title,
        language: words.language_tag.to_string(),
        rtl: lang == "ar",
        header: None,
        footer: Some(format!(
            "{} · {}",
            template.template.id, template.template.version
        )),
        page_numbers: true,
        blocks,
    })
}

/// The blank template in `lang` as DOCX bytes.
pub fn docx(
    template: &Template,
    reference: &ReferenceData,
    lang: &str,
) -> Result<Vec<u8>, BlankTemplateError> {
    Ok(write_docx(&document(template, reference, lang)?)?)
}

/// The blank template in `lang` as a JSON report skeleton: every cover key
/// with an empty string, every section with its id, title and one empty
/// paragraph, and under the objectives section one entry per objective.
/// It validates against the report schema (which has no place for
/// guidance: guidance stays in the DOCX and the schema's descriptions).
pub fn json(
    template: &Template,
    reference: &ReferenceData,
    lang: &str,
) -> Result<Value, BlankTemplateError> {
    check_lang(lang)?;
    let cover: Map<String, Value> = template
        .cover
        .iter()
        .map(|f| (f.id.clone(), Value::String(String::new())))
        .collect();
    let word = objective_word(template, lang);
    let sections: Vec<Value> = template
        .sections
        .iter()
        .map(|section| {
            let mut value = json!({
                "id": section.id,
                "title": pick(&section.title, lang),
                "paragraphs": [""],
            });
            if section.objectives {
                let entries: Vec<Value> = reference
                    .objectives()
                    .iter()
                    .map(|o| {
                        let title = o.title.get(lang).unwrap_or_else(|| o.title.en());
                        json!({
                            "objective": o.number,
                            "title": objective_heading(&word, o.number, title),
                            "paragraphs": [""],
                        })
                    })
                    .collect();
                if let Some(map) = value.as_object_mut() {
                    map.insert("objectives".into(), Value::Array(entries));
                }
            }
            value
        })
        .collect();
    Ok(json!({
        "$schema": schema_id(template),
        "template": template.template.id,
        "cover": cover,
        "sections": sections,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> (&'static Template, &'static ReferenceData) {
        (
            Template::builtin().expect("template"),
            ReferenceData::builtin().expect("reference"),
        )
    }

    #[test]
    fn objective_words_per_language() {
        let (t, _) = data();
        let got: Vec<String> = UN_LANGUAGES.iter().map(|l| objective_word(t, l)).collect();
        assert_eq!(
            got,
            ["Objective", "Objectif", "Objetivo", "Цель", "الهدف", "目标"]
        );
        assert_eq!(objective_tag(5), "objective_05");
    }

    #[test]
    fn every_language_writes_and_unknown_is_refused() {
        let (t, r) = data();
        for lang in UN_LANGUAGES {
            let bytes = docx(t, r, lang).expect("writes");
            assert!(
                crate::docx_writer::lint::lint_docx(&bytes).is_empty(),
                "{lang}"
            );
            assert!(json(t, r, lang).is_ok());
        }
        assert!(matches!(
            docx(t, r, "de"),
            Err(BlankTemplateError::UnsupportedLanguage(_))
        ));
    }

    #[test]
    fn deterministic() {
        let (t, r) = data();
        assert_eq!(docx(t, r, "fr").ok(), docx(t, r, "fr").ok());
    }
}
