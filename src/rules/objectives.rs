//! Objective rules: every objective cited exists, and each has one sub-section.

use std::collections::BTreeMap;

use super::BlockFacts;
use super::RuleContext;
use crate::diagnostic::{Finding, Location};
use crate::report::{BlockRole, ReportBlocks};

/// Checks objective numbers in sub-sections and in prose.
pub fn check(
    ctx: &RuleContext<'_>,
    blocks: &ReportBlocks<'_>,
    facts: &[BlockFacts],
    out: &mut Vec<Finding>,
) {
    let max = ctx.objective_count as u32;
    let exists = |n: u32| (1..=max).contains(&n);
    let mut seen_entries: BTreeMap<u32, usize> = BTreeMap::new();
    let mut reported_blocks = std::collections::BTreeSet::new();

    for (b, fact) in blocks.blocks.iter().zip(facts) {
        if b.role == BlockRole::ObjectiveHeading {
            if let Some(n) = b.objective {
                if let Some(first) = seen_entries.get(&n) {
                    out.push(
                        Finding::new("objectives.duplicate", location(b))
                            .arg("number", n)
                            .arg("first_block", first),
                    );
                } else {
                    seen_entries.insert(n, b.number);
                }
            }
        }
        let mut numbers: Vec<u32> = fact.objectives.clone();
        if b.role == BlockRole::ObjectiveHeading {
            numbers.extend(b.objective);
        }
        for n in numbers {
            if !exists(n) && reported_blocks.insert((b.number, n)) {
                out.push(
                    Finding::new("objectives.unknown", location(b))
                        .arg("number", n)
                        .arg("max", max),
                );
            }
        }
    }
    // Entries without a heading (JSON reports) carry their number only.
    for section in &ctx.report.sections {
        for entry in section.objectives.iter().filter(|e| e.title.is_none()) {
            if !exists(entry.objective) {
                let mut loc = Location::section(section.id.as_deref().unwrap_or(""));
                loc.objective = Some(entry.objective);
                out.push(
                    Finding::new("objectives.unknown", loc)
                        .arg("number", entry.objective)
                        .arg("max", max),
                );
            }
        }
    }
}

fn location(b: &crate::report::BlockRef<'_>) -> Location {
    Location {
        section: b.section_id.map(str::to_string),
        objective: b.objective,
        ..Default::default()
    }
    .with_block(b.number, b.text)
}
