//! Structure rules: required sections present, not empty, in order, once.

use std::collections::BTreeMap;

use super::RuleContext;
use crate::diagnostic::{Finding, Location};
use crate::report::{BlockRole, ParagraphKind, ReportBlocks};
use crate::template::pick;

/// Checks the report's sections against the template.
pub fn check(ctx: &RuleContext<'_>, blocks: &ReportBlocks<'_>, out: &mut Vec<Finding>) {
    let template = ctx.template;
    let report = ctx.report;
    let title = |id: &str| {
        template
            .section(id)
            .map(|s| pick(&s.title, ctx.lang).to_string())
            .unwrap_or_else(|| id.to_string())
    };

    // First occurrence of each template section, by index.
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, section) in report.sections.iter().enumerate() {
        let Some(id) = section.id.as_deref() else {
            continue;
        };
        if template.section(id).is_none() {
            continue;
        }
        match first.get(id) {
            None => {
                first.insert(id, index);
            }
            Some(&earlier) => {
                let first_block = blocks
                    .heading_of_section(earlier)
                    .or_else(|| blocks.text_of_section(earlier).next())
                    .map(|b| b.number.to_string())
                    .unwrap_or_else(|| "?".into());
                let mut location = Location::section(id);
                if let Some(h) = blocks.heading_of_section(index) {
                    location = location.with_block(h.number, h.text);
                }
                out.push(
                    Finding::new("structure.duplicate-section", location)
                        .arg("section_title", title(id))
                        .arg("first_block", first_block),
                );
            }
        }
    }

    for spec in &template.sections {
        let Some(&index) = first.get(spec.id.as_str()) else {
            if spec.required {
                out.push(
                    Finding::new("structure.missing-section", Location::section(&spec.id))
                        .arg("section_title", title(&spec.id)),
                );
            }
            continue;
        };
        let has_text = report
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.id.as_deref() == Some(spec.id.as_str()))
            .any(|(i, _)| {
                blocks.text_of_section(i).any(|b| {
                    b.role != BlockRole::Text(ParagraphKind::Heading) && !b.text.trim().is_empty()
                })
            });
        if !has_text {
            let mut location = Location::section(&spec.id);
            if let Some(h) = blocks.heading_of_section(index) {
                location = location.with_block(h.number, h.text);
            }
            out.push(
                Finding::new("structure.empty-section", location)
                    .arg("section_title", title(&spec.id))
                    .arg("guidance", pick(&spec.guidance, ctx.lang)),
            );
        }
    }

    // Order: each section should come after every section that precedes it
    // in the template.
    let mut seen: Vec<(usize, &str)> = first
        .iter()
        .filter_map(|(id, &index)| Some((index, *id)).filter(|_| template.section(id).is_some()))
        .collect();
    seen.sort();
    let order = template
        .sections
        .iter()
        .map(|s| pick(&s.title, ctx.lang).to_string())
        .collect::<Vec<_>>()
        .join(" → ");
    let mut latest: Option<(usize, &str)> = None; // (template position, id)
    for (index, id) in seen {
        let Some(position) = template.section_position(id) else {
            continue;
        };
        match latest {
            Some((latest_position, latest_id)) if position < latest_position => {
                let mut location = Location::section(id);
                if let Some(h) = blocks.heading_of_section(index) {
                    location = location.with_block(h.number, h.text);
                }
                out.push(
                    Finding::new("structure.section-order", location)
                        .arg("section_title", title(id))
                        .arg("previous_title", title(latest_id))
                        .arg("order", order.clone()),
                );
            }
            _ => latest = Some((position, id)),
        }
    }
}
