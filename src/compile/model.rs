//! The regional summary as data: what `compile --format json` writes and
//! what the DOCX renderer lays out. Everything in it is traceable to a report,
//! a section and a paragraph.

use serde::Serialize;

use crate::outcome::Status;

/// A consolidated summary of one region's reports.
#[derive(Debug, Clone, Serialize)]
pub struct RegionalSummary {
    /// The UN regional commission.
    pub region: RegionInfo,
    /// Review cycle (e.g. "2022").
    pub cycle: String,
    /// Reports received after this date are not included (informational).
    pub cutoff: Option<String>,
    /// When the summary was generated (given by the caller; the core has no clock).
    pub generated: Option<String>,
    /// Language of the summary's own text.
    pub language: String,
    /// Reports included, in input order.
    pub reports: Vec<IncludedReport>,
    /// Reports left out, and why.
    pub excluded_reports: Vec<ExcludedReport>,
    /// Objective × report coverage, grouped by round-table cluster.
    pub coverage: Vec<ClusterCoverage>,
    /// Per cluster and objective, the States' own words.
    pub objectives: Vec<ClusterExcerpts>,
    /// Excerpts on means of implementation.
    pub means_of_implementation: Vec<Excerpt>,
    /// Excerpts on next steps.
    pub next_steps: Vec<Excerpt>,
    /// Passages left out of the body because they concern only refugees or
    /// asylum seekers, and "check scope" notes on displacement.
    pub excluded_passages: Vec<ExcludedPassage>,
}

/// The region.
#[derive(Debug, Clone, Serialize)]
pub struct RegionInfo {
    /// Commission id (ECE, ...).
    pub id: String,
    /// Full name.
    pub name: String,
}

/// A report that is part of the summary.
#[derive(Debug, Clone, Serialize)]
pub struct IncludedReport {
    /// Input path as given.
    pub file: String,
    /// Submitter name (a State's UN name when known).
    pub submitter: String,
    /// ISO3 for States.
    pub iso3: Option<String>,
    /// Submitter type id.
    pub submitter_type: String,
    /// True for Member and observer States.
    pub is_state: bool,
    /// Report language.
    pub language: Option<String>,
    /// Checker verdict.
    pub status: Status,
    /// Error count.
    pub errors: usize,
    /// Warning count.
    pub warnings: usize,
    /// Template sections found (ids).
    pub sections: Vec<String>,
    /// Other commissions the State belongs to (it appears in their summaries too).
    pub also_in: Vec<String>,
    /// Guiding principles the report invokes (ids).
    pub principles: Vec<String>,
    /// The same principles by name, in the summary's language.
    pub principle_names: Vec<String>,
}

/// Why a report is not in the summary.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum ExclusionReason {
    /// The State is not a member of the region's commission.
    OutOfRegion {
        /// The State's commissions.
        commissions: Vec<String>,
    },
    /// A stakeholder report that declares no matching region.
    RegionNotDeclared,
    /// The file could not be read.
    Unreadable {
        /// The reader's message.
        message: String,
    },
}

/// A report left out.
#[derive(Debug, Clone, Serialize)]
pub struct ExcludedReport {
    /// Input path as given.
    pub file: String,
    /// Submitter, when known.
    pub submitter: Option<String>,
    /// Why.
    #[serde(flatten)]
    pub reason: ExclusionReason,
}

/// How a report covers an objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverageMark {
    /// A sub-section on the objective with text.
    Reported,
    /// The objective is cited in the text.
    Mentioned,
    /// Not covered.
    None,
}

/// One objective's row of the coverage matrix.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveCoverage {
    /// Objective number.
    pub objective: u8,
    /// Short label.
    pub label: String,
    /// One mark per included report, in `reports` order.
    pub marks: Vec<CoverageMark>,
    /// Reports with a sub-section on it.
    pub reported: usize,
    /// Reports that mention it (sub-section or citation).
    pub covered: usize,
}

/// The coverage rows of one round-table cluster.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterCoverage {
    /// Cluster number (1–4).
    pub cluster: u8,
    /// Theme.
    pub theme: String,
    /// Rows.
    pub objectives: Vec<ObjectiveCoverage>,
}

/// A passage quoted from a report, exactly as written (possibly shortened at
/// a sentence boundary).
#[derive(Debug, Clone, Serialize)]
pub struct Excerpt {
    /// Submitter name.
    pub submitter: String,
    /// ISO3 for States.
    pub iso3: Option<String>,
    /// The passage's language (the report's), for right-to-left and CJK layout.
    pub language: Option<String>,
    /// Template section id.
    pub section: String,
    /// Objective, when from an objective sub-section or citation.
    pub objective: Option<u8>,
    /// Paragraph number in the source report.
    pub block: usize,
    /// The text.
    pub text: String,
    /// True when shortened (the source has more).
    pub shortened: bool,
}

/// Excerpts for one objective.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveExcerpts {
    /// Objective number.
    pub objective: u8,
    /// Full title.
    pub title: String,
    /// Excerpts, one or two per report, in report order.
    pub excerpts: Vec<Excerpt>,
}

/// Excerpts of one cluster.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterExcerpts {
    /// Cluster number.
    pub cluster: u8,
    /// Theme.
    pub theme: String,
    /// Objectives of the cluster, in number order.
    pub objectives: Vec<ObjectiveExcerpts>,
}

/// A passage left out of the body.
#[derive(Debug, Clone, Serialize)]
pub struct ExcludedPassage {
    /// Submitter name.
    pub submitter: String,
    /// Input path.
    pub file: String,
    /// Rule code (`scope.refugee-only` or `scope.displacement`).
    pub code: String,
    /// Section id, when known.
    pub section: Option<String>,
    /// Objective, when known.
    pub objective: Option<u32>,
    /// Paragraph number.
    pub block: Option<usize>,
    /// The excerpt the checker gave.
    pub excerpt: Option<String>,
}
