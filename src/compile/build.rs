//! From checked reports to the regional summary's data.

use std::collections::BTreeSet;

use thiserror::Error;

use super::excerpt::shorten;
use super::model::*;
use super::principles::PrincipleFinder;
use crate::check::Analysis;
use crate::diagnostic::Severity;
use crate::map::objectives::ObjectiveFinder;
use crate::outcome::Status;
use crate::reference::ReferenceData;
use crate::report::{BlockRef, BlockRole, ParagraphKind, ReportBlocks};
use crate::template::Template;

/// Words kept in one excerpt before it is shortened at a sentence boundary.
pub const EXCERPT_WORDS: usize = 90;
/// Paragraphs quoted per report and topic.
const PARAGRAPHS_PER_TOPIC: usize = 2;

/// Rule codes whose blocks never appear in the body.
pub const EXCLUDED_CODE: &str = "scope.refugee-only";
/// Rule code listed as a "check scope" note.
pub const DISPLACEMENT_CODE: &str = "scope.displacement";

/// What to compile.
#[derive(Debug, Clone)]
pub struct CompileOptions {
    /// Commission id (ECA, ECE, ECLAC, ESCAP, ESCWA).
    pub region: String,
    /// Review cycle whose clusters group the objectives.
    pub cycle: String,
    /// Language of the summary's own text.
    pub lang: String,
    /// Cut-off date to print.
    pub cutoff: Option<String>,
    /// Generation date to print (from the caller's clock).
    pub generated: Option<String>,
    /// Include States only in their primary review region(s).
    pub primary_only: bool,
}

/// Why a summary cannot be compiled at all.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CompileError {
    /// The region id is not a commission.
    #[error("“{0}” is not a UN regional commission; use one of {1}")]
    UnknownRegion(String, String),
    /// No clusters for the cycle.
    #[error("no round-table clusters are known for the cycle “{0}”; use one of {1}")]
    UnknownCycle(String, String),
}

/// Compiles the summary from analysed reports (in input order).
pub fn compile(
    analyses: &[Analysis],
    reference: &ReferenceData,
    template: &Template,
    options: &CompileOptions,
) -> Result<RegionalSummary, CompileError> {
    let commission = reference.commission(&options.region).ok_or_else(|| {
        let ids: Vec<&str> = reference
            .commissions()
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        CompileError::UnknownRegion(options.region.clone(), ids.join(", "))
    })?;
    let clusters = reference.clusters(&options.cycle).ok_or_else(|| {
        let ids: Vec<&str> = reference.cycles().iter().map(|c| c.id.as_str()).collect();
        CompileError::UnknownCycle(options.cycle.clone(), ids.join(", "))
    })?;
    let finder = ObjectiveFinder::new(template);
    let principles = PrincipleFinder::new(reference);
    let lang = options.lang.as_str();

    let mut included: Vec<(IncludedReport, Vec<BlockRef<'_>>, Vec<Vec<u32>>)> = Vec::new();
    let mut excluded_reports = Vec::new();
    let mut excluded_passages = Vec::new();

    for analysis in analyses {
        let outcome = &analysis.outcome;
        let submitter = outcome.submitter.as_ref();
        let report = match (&analysis.report, outcome.status) {
            (Some(r), s) if s != Status::Unreadable => r,
            _ => {
                let message = outcome
                    .diagnostics
                    .iter()
                    .find(|d| d.severity == Severity::Error)
                    .map(|d| d.message.clone())
                    .unwrap_or_else(|| "the report could not be read".into());
                excluded_reports.push(ExcludedReport {
                    file: outcome.file.clone(),
                    submitter: submitter.map(|s| s.name.clone()),
                    reason: ExclusionReason::Unreadable { message },
                });
                continue;
            }
        };
        let iso3 = submitter.and_then(|s| s.iso3.clone());
        // A State by its declared type, or by its code when no type is given.
        let is_state = submitter.is_some_and(|s| match s.kind.as_str() {
            "member_state" | "observer_state" => true,
            "unknown" => iso3.is_some(),
            _ => false,
        });
        let in_region = match (&iso3, is_state) {
            (Some(code), true) => {
                if options.primary_only {
                    reference
                        .primary_regions_of(code)
                        .iter()
                        .any(|c| c.id == commission.id)
                } else {
                    reference.is_member_of(code, &commission.id)
                }
            }
            _ => report
                .cover_text("regions")
                .map(|r| crate::rules::cover::split_list(&r))
                .unwrap_or_default()
                .iter()
                .any(|r| {
                    reference
                        .commission(r)
                        .is_some_and(|c| c.id == commission.id)
                }),
        };
        if !in_region {
            let reason = match (&iso3, is_state) {
                (Some(code), true) => ExclusionReason::OutOfRegion {
                    commissions: reference
                        .commissions_of(code)
                        .iter()
                        .map(|c| c.id.clone())
                        .collect(),
                },
                _ => ExclusionReason::RegionNotDeclared,
            };
            excluded_reports.push(ExcludedReport {
                file: outcome.file.clone(),
                submitter: submitter.map(|s| s.name.clone()),
                reason,
            });
            continue;
        }
        let name = submitter
            .map(|s| s.name.clone())
            .unwrap_or_else(|| outcome.file.clone());
        let mut excluded_blocks = BTreeSet::new();
        for d in &outcome.diagnostics {
            if d.code == EXCLUDED_CODE || d.code == DISPLACEMENT_CODE {
                if d.code == EXCLUDED_CODE {
                    excluded_blocks.extend(d.location.block);
                }
                excluded_passages.push(ExcludedPassage {
                    submitter: name.clone(),
                    file: outcome.file.clone(),
                    code: d.code.clone(),
                    section: d.location.section.clone(),
                    objective: d.location.objective,
                    block: d.location.block,
                    excerpt: d.location.excerpt.clone(),
                });
            }
        }
        // The report's blocks minus refugee-only ones, numbered once; each
        // block's objective citations are found once, not once per objective.
        let kept: Vec<BlockRef<'_>> = ReportBlocks::new(report)
            .blocks
            .into_iter()
            .filter(|b| !excluded_blocks.contains(&b.number))
            .collect();
        let cited: Vec<Vec<u32>> = kept
            .iter()
            .map(|b| finder.prose_objectives(b.text))
            .collect();
        let sections: Vec<String> = template
            .sections
            .iter()
            .filter(|s| {
                kept.iter()
                    .any(|b| b.section_id == Some(s.id.as_str()) && is_prose(b))
            })
            .map(|s| s.id.clone())
            .collect();
        let also_in = match &iso3 {
            Some(code) if is_state => reference
                .commissions_of(code)
                .iter()
                .filter(|c| c.id != commission.id)
                .map(|c| c.id.clone())
                .collect(),
            _ => Vec::new(),
        };
        let invoked = principles.find(reference, kept.iter().map(|b| b.text));
        let principle_names = invoked
            .iter()
            .filter_map(|id| reference.principles().iter().find(|p| &p.id == id))
            .map(|p| p.name.get(lang).unwrap_or_else(|| p.name.en()).to_string())
            .collect();
        let info = IncludedReport {
            file: outcome.file.clone(),
            submitter: name,
            iso3,
            submitter_type: submitter
                .map(|s| s.kind.clone())
                .unwrap_or_else(|| "unknown".into()),
            is_state,
            language: outcome.language.clone(),
            status: outcome.status,
            errors: outcome.count(Severity::Error),
            warnings: outcome.count(Severity::Warning),
            sections,
            also_in,
            principle_names,
            principles: invoked,
        };
        included.push((info, kept, cited));
    }

    // Coverage and excerpts per cluster and objective.
    let mut coverage = Vec::new();
    let mut objective_excerpts = Vec::new();
    for cluster in clusters {
        let theme = cluster
            .theme
            .get(lang)
            .unwrap_or_else(|| cluster.theme.en())
            .to_string();
        let mut rows = Vec::new();
        let mut quoted = Vec::new();
        for &n in &cluster.objectives {
            let objective = reference.objective(n);
            let label = objective
                .map(|o| {
                    o.label
                        .get(lang)
                        .unwrap_or_else(|| o.label.en())
                        .to_string()
                })
                .unwrap_or_default();
            let title = objective
                .map(|o| {
                    o.title
                        .get(lang)
                        .unwrap_or_else(|| o.title.en())
                        .to_string()
                })
                .unwrap_or_default();
            let mut marks = Vec::new();
            let mut excerpts = Vec::new();
            for (info, kept, cited) in &included {
                let n32 = u32::from(n);
                let in_entry: Vec<&BlockRef<'_>> = kept
                    .iter()
                    .filter(|b| b.objective == Some(n32) && is_prose(b))
                    .collect();
                let citing: Vec<&BlockRef<'_>> = kept
                    .iter()
                    .zip(cited)
                    .filter(|(b, c)| {
                        b.role != BlockRole::ObjectiveHeading
                            && b.objective != Some(n32)
                            && c.contains(&n32)
                    })
                    .map(|(b, _)| b)
                    .collect();
                let mark = if !in_entry.is_empty() {
                    CoverageMark::Reported
                } else if !citing.is_empty() {
                    CoverageMark::Mentioned
                } else {
                    CoverageMark::None
                };
                marks.push(mark);
                let source = if in_entry.is_empty() {
                    &citing
                } else {
                    &in_entry
                };
                for b in source.iter().take(PARAGRAPHS_PER_TOPIC) {
                    excerpts.push(excerpt(info, b, Some(n)));
                }
            }
            let reported = marks
                .iter()
                .filter(|m| **m == CoverageMark::Reported)
                .count();
            let covered = marks.iter().filter(|m| **m != CoverageMark::None).count();
            rows.push(ObjectiveCoverage {
                objective: n,
                label,
                marks,
                reported,
                covered,
            });
            quoted.push(ObjectiveExcerpts {
                objective: n,
                title,
                excerpts,
            });
        }
        coverage.push(ClusterCoverage {
            cluster: cluster.number,
            theme: theme.clone(),
            objectives: rows,
        });
        objective_excerpts.push(ClusterExcerpts {
            cluster: cluster.number,
            theme,
            objectives: quoted,
        });
    }

    let section_excerpts = |id: &str| -> Vec<Excerpt> {
        let mut out = Vec::new();
        for (info, kept, _) in &included {
            for b in kept
                .iter()
                .filter(|b| b.section_id == Some(id) && is_prose(b))
                .take(PARAGRAPHS_PER_TOPIC)
            {
                out.push(excerpt(info, b, None));
            }
        }
        out
    };

    Ok(RegionalSummary {
        region: RegionInfo {
            id: commission.id.clone(),
            name: commission.name.clone(),
        },
        cycle: options.cycle.clone(),
        cutoff: options.cutoff.clone(),
        generated: options.generated.clone(),
        language: options.lang.clone(),
        means_of_implementation: section_excerpts("means_of_implementation"),
        next_steps: section_excerpts("next_steps"),
        reports: included.into_iter().map(|(info, _, _)| info).collect(),
        excluded_reports,
        coverage,
        objectives: objective_excerpts,
        excluded_passages,
    })
}

/// Paragraphs and list items carry the report's own prose; headings, table
/// rows and footnotes are not quoted.
fn is_prose(b: &BlockRef<'_>) -> bool {
    matches!(
        b.role,
        BlockRole::Text(ParagraphKind::Paragraph | ParagraphKind::ListItem)
    ) && !b.text.trim().is_empty()
}

fn excerpt(info: &IncludedReport, b: &BlockRef<'_>, objective: Option<u8>) -> Excerpt {
    let (text, shortened) = shorten(b.text, EXCERPT_WORDS);
    Excerpt {
        submitter: info.submitter.clone(),
        iso3: info.iso3.clone(),
        language: info.language.clone(),
        section: b.section_id.unwrap_or("").to_string(),
        objective,
        block: b.number,
        text,
        shortened,
    }
}
