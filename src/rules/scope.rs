//! The scope rule: the GCM covers migrants; content about refugees or asylum
//! seekers only belongs to the Global Compact on Refugees reporting. Each
//! paragraph, list item, table row and footnote is decided on its own (mixed
//! text stays in scope); a heading that is itself refugee-only carries over
//! to the blocks under it unless they name migrants themselves.

use super::BlockFacts;
use super::RuleContext;
use crate::diagnostic::{Finding, Location};
use crate::report::{BlockRef, BlockRole, ParagraphKind, ReportBlocks};
use crate::scope::{ScopeAssessment, ScopeVerdict, TermMatch};

/// Checks every block of the report.
pub fn check(
    ctx: &RuleContext<'_>,
    blocks: &ReportBlocks<'_>,
    facts: &[BlockFacts],
    out: &mut Vec<Finding>,
) {
    let classifier = ctx.scope;
    // The refugee-only heading in force, with its text.
    let mut section_heading: Option<(ScopeAssessment, &str)> = None;
    let mut sub_heading: Option<(ScopeAssessment, &str)> = None;
    for (b, fact) in blocks.blocks.iter().zip(facts) {
        match b.role {
            BlockRole::SectionHeading => {
                sub_heading = None;
                section_heading = refugee_heading(ctx, b.text);
                if section_heading.is_some() {
                    out.push(finding(
                        b,
                        "scope.refugee-only",
                        terms_of(&classifier.assess(b.text).refugee_terms),
                    ));
                }
            }
            BlockRole::ObjectiveHeading => sub_heading = None,
            BlockRole::Text(ParagraphKind::Heading) => {
                sub_heading = refugee_heading(ctx, b.text);
                if sub_heading.is_some() {
                    out.push(finding(
                        b,
                        "scope.refugee-only",
                        terms_of(&classifier.assess(b.text).refugee_terms),
                    ));
                }
            }
            BlockRole::Text(_) => {
                let heading = sub_heading.as_ref().or(section_heading.as_ref());
                if heading.is_none() && !fact.may_leave_scope {
                    // No refugee, instrument or displacement word: migrant
                    // or neutral, nothing to report.
                    continue;
                }
                let a = classifier.assess_under_heading(b.text, heading.map(|(a, _)| a));
                match a.verdict {
                    ScopeVerdict::RefugeeOnly => {
                        let terms = if a.refugee_terms.is_empty() {
                            // Escalated from the heading: quote the heading, in
                            // no language of ours, so the message reads right
                            // in every catalogue language.
                            let title = heading.map(|(_, t)| *t).unwrap_or("");
                            format!("“{}”", crate::text::excerpt(title, 60))
                        } else {
                            terms_of(&a.refugee_terms)
                        };
                        out.push(finding(b, "scope.refugee-only", terms));
                    }
                    ScopeVerdict::Displacement => {
                        out.push(finding(
                            b,
                            "scope.displacement",
                            terms_of(&a.displacement_terms),
                        ));
                    }
                    _ => {}
                }
            }
        }
    }
}

fn refugee_heading<'a>(ctx: &RuleContext<'_>, text: &'a str) -> Option<(ScopeAssessment, &'a str)> {
    let assessment = ctx.scope.assess(text);
    (assessment.verdict == ScopeVerdict::RefugeeOnly).then_some((assessment, text))
}

fn terms_of(terms: &[TermMatch]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for t in terms {
        let text = t.text.trim();
        if !seen.iter().any(|s| s.eq_ignore_ascii_case(text)) {
            seen.push(text);
        }
    }
    seen.iter()
        .take(4)
        .map(|s| format!("“{s}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn finding(b: &BlockRef<'_>, code: &'static str, terms: String) -> Finding {
    let location = Location {
        section: b.section_id.map(str::to_string),
        objective: b.objective,
        ..Default::default()
    }
    .with_block(b.number, b.text);
    Finding::new(code, location).arg("terms", terms)
}
