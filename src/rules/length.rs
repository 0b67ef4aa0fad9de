//! Length rules: a warning against the template's guidance, counted as Word
//! counts words.

use super::BlockFacts;
use super::RuleContext;
use crate::diagnostic::{Finding, Location};
use crate::report::ReportBlocks;
use crate::template::pick;

/// Checks the report's and each section's length.
pub fn check(
    ctx: &RuleContext<'_>,
    blocks: &ReportBlocks<'_>,
    facts: &[BlockFacts],
    out: &mut Vec<Finding>,
) {
    // Each block counted once (by the screen), then summed per section.
    let total: usize = facts.iter().map(|f| f.words).sum();
    let guidance = &ctx.template.length;
    if total > guidance.max_words {
        out.push(
            Finding::new("length.report-too-long", Location::default())
                .arg("words", total)
                .arg("max", guidance.max_words)
                .arg("note", pick(&guidance.note, ctx.lang)),
        );
    }
    for spec in &ctx.template.sections {
        let Some(max) = spec.max_words else { continue };
        let words: usize = blocks
            .blocks
            .iter()
            .zip(facts)
            .filter(|(b, _)| b.section_id == Some(spec.id.as_str()))
            .map(|(_, f)| f.words)
            .sum();
        if words > max {
            out.push(
                Finding::new("length.section-too-long", Location::section(&spec.id))
                    .arg("section_title", pick(&spec.title, ctx.lang))
                    .arg("words", words)
                    .arg("max", max),
            );
        }
    }
}
