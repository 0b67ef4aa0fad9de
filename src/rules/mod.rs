//! Rules: the typed report in, findings out. Each rule family is a small
//! module; wording lives in the catalogue (`seeds/rules.toml`), never here.

pub mod cover;
mod date;
mod facts;
mod length;
mod objectives;
mod scope;
pub mod source;
mod structure;

pub use date::Date;
pub use facts::{BlockFacts, RuleScreen};

use crate::diagnostic::Finding;
use crate::map::headings::SectionMatcher;
use crate::reference::ReferenceData;
use crate::report::{Report, ReportBlocks};
use crate::template::Template;

/// Everything a rule may look at. No file system, clock or threads: `today`
/// is given by the caller.
pub struct RuleContext<'a> {
    /// The report being checked.
    pub report: &'a Report,
    /// The template it should follow.
    pub template: &'a Template,
    /// Objectives, States, regions.
    pub reference: &'a ReferenceData,
    /// Heading and objective recognition (shared with the mapper).
    pub matcher: &'a SectionMatcher,
    /// Number of GCM objectives.
    pub objective_count: usize,
    /// Today's date, for "not in the future"; None skips that check.
    pub today: Option<Date>,
    /// The GCM scope classifier (refugee-only content).
    pub scope: &'a crate::scope::ScopeClassifier,
    /// The one-pass screen behind word counts, scope and objective citations.
    pub screen: &'a RuleScreen,
    /// Language for titles quoted in messages.
    pub lang: &'a str,
}

/// Runs every content rule on a report, findings in document order within
/// each family.
pub fn check_report(ctx: &RuleContext<'_>) -> Vec<Finding> {
    let blocks = ReportBlocks::new(ctx.report);
    let facts = ctx.screen.facts(&blocks, ctx.matcher.objectives());
    let mut out = Vec::new();
    cover::check(ctx, &mut out);
    structure::check(ctx, &blocks, &mut out);
    objectives::check(ctx, &blocks, &facts, &mut out);
    length::check(ctx, &blocks, &facts, &mut out);
    scope::check(ctx, &blocks, &facts, &mut out);
    out
}

#[cfg(test)]
mod screen_tests;
