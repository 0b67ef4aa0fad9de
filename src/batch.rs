//! One file of a batch, as the secretariat's tables need it.
//!
//! A batch may hold hundreds of reports, so each worker checks one file and
//! keeps only its [`ReportOutcome`] plus the regions the report is filed
//! under (which the outcome, a stable contract, does not carry). The typed
//! report and the file's bytes are dropped as soon as the check is done,
//! which keeps memory bounded by the number of findings, not the size of the
//! files. Pure like [`Checker::check`]: the caller reads the bytes.

use crate::check::{read_input, CheckOptions, Checker, Ingested};
use crate::outcome::ReportOutcome;
use crate::reference::ReferenceData;

/// What a batch keeps about one file.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchEntry {
    /// The output-contract entry, exactly as `--format json` prints it.
    pub outcome: ReportOutcome,
    /// UN regional commissions the report belongs to: those named on the
    /// cover, else the State's primary commissions; empty when unknown.
    pub regions: Vec<String>,
}

/// Checks one file's bytes and keeps what the batch outputs need.
pub fn check_entry(
    checker: &Checker,
    file: &str,
    bytes: &[u8],
    options: &CheckOptions,
) -> BatchEntry {
    check_ingested(checker, file, read_input(bytes, checker.limits()), options)
}

/// [`check_entry`] for a file already read with [`read_input`] (before the
/// checker was ready, say).
pub fn check_ingested(
    checker: &Checker,
    file: &str,
    ingested: Ingested,
    options: &CheckOptions,
) -> BatchEntry {
    let analysis = checker.analyze_ingested(file, ingested, options);
    let cover_regions = analysis
        .report
        .as_ref()
        .and_then(|r| r.cover_text("regions"));
    let iso3 = analysis
        .outcome
        .submitter
        .as_ref()
        .and_then(|s| s.iso3.as_deref());
    let regions = regions_of(checker.reference(), cover_regions.as_deref(), iso3);
    BatchEntry {
        outcome: analysis.outcome,
        regions,
    }
}

/// The entry for a file that could not be opened (missing, no permission).
pub fn unopenable_entry(
    checker: &Checker,
    file: &str,
    detail: &str,
    options: &CheckOptions,
) -> BatchEntry {
    BatchEntry {
        outcome: checker.unopenable(file, detail, options),
        regions: Vec::new(),
    }
}

/// Regions for the table: the commissions the cover names (canonical ids,
/// unknown names dropped — the cover rule reports those), else the ones whose
/// regional summary includes the State by default. The primary regions are
/// used rather than every membership, because a non-regional membership
/// (France in ECLAC) would file the report under the wrong review.
pub fn regions_of(
    reference: &ReferenceData,
    cover_regions: Option<&str>,
    iso3: Option<&str>,
) -> Vec<String> {
    let mut named: Vec<String> = cover_regions
        .unwrap_or("")
        .split([',', ';'])
        .filter_map(|r| reference.commission(r.trim()))
        .map(|c| c.id.clone())
        .collect();
    named.dedup();
    if !named.is_empty() {
        return named;
    }
    let Some(iso3) = iso3 else {
        return Vec::new();
    };
    let primary: Vec<String> = reference
        .primary_regions_of(iso3)
        .iter()
        .map(|c| c.id.clone())
        .collect();
    if !primary.is_empty() {
        return primary;
    }
    reference
        .commissions_of(iso3)
        .iter()
        .map(|c| c.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_regions_win_and_are_canonical() {
        let reference = ReferenceData::builtin().expect("reference");
        assert_eq!(
            regions_of(reference, Some("ece; eclac, Atlantis"), Some("PRT")),
            vec!["ECE", "ECLAC"]
        );
    }

    #[test]
    fn regions_derived_from_the_state_when_the_cover_is_silent() {
        let reference = ReferenceData::builtin().expect("reference");
        assert_eq!(regions_of(reference, None, Some("PRT")), vec!["ECE"]);
        assert_eq!(regions_of(reference, None, Some("MEX")), vec!["ECLAC"]);
        assert!(regions_of(reference, None, None).is_empty());
    }
}
