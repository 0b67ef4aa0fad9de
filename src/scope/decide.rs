//! The decision: from the matches that count to a verdict.
//!
//! Kept apart from matching so the rule a Member State is told about reads in
//! one place (DOMAIN.md §6.2):
//!
//! | refugee terms | migrant markers | displacement terms | verdict        |
//! |---------------|-----------------|--------------------|----------------|
//! | yes           | yes             | any                | `Mixed`        |
//! | yes           | no              | no                 | `RefugeeOnly`  |
//! | yes           | no              | yes                | `Displacement` |
//! | no            | yes             | any                | `Migrant`      |
//! | no            | no              | yes                | `Displacement` |
//! | no            | no              | no                 | `Neutral`      |
//!
//! Refugee terms together with displacement (refugees *and* IDPs, resettlement
//! after a flood) give `Displacement`: it is not refugee-only, and DOMAIN.md
//! §6.2 rule 5 wants a "check scope" note for displacement, never a silent
//! exclusion.
//!
//! Section escalation: under a refugee-only heading, a unit that is not
//! refugee-only on its own becomes refugee-only unless it carries its own
//! migrant marker or displacement term.

use super::{ScopeAssessment, ScopeVerdict};

/// The verdict for one unit from what was found in it.
pub(crate) fn verdict(refugee: bool, migrant: bool, displacement: bool) -> ScopeVerdict {
    match (refugee, migrant, displacement) {
        (true, true, _) => ScopeVerdict::Mixed,
        (true, false, false) => ScopeVerdict::RefugeeOnly,
        (true, false, true) => ScopeVerdict::Displacement,
        (false, true, _) => ScopeVerdict::Migrant,
        (false, false, true) => ScopeVerdict::Displacement,
        (false, false, false) => ScopeVerdict::Neutral,
    }
}

/// Apply section escalation to a unit's own assessment.
pub(crate) fn escalate(unit: &mut ScopeAssessment, heading: Option<&ScopeAssessment>) {
    let heading_refugee_only = heading.is_some_and(|h| h.verdict == ScopeVerdict::RefugeeOnly);
    if heading_refugee_only
        && unit.verdict != ScopeVerdict::RefugeeOnly
        && unit.migrant_terms.is_empty()
        && unit.displacement_terms.is_empty()
    {
        unit.verdict = ScopeVerdict::RefugeeOnly;
        unit.escalated = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        use ScopeVerdict::*;
        assert_eq!(verdict(true, true, false), Mixed);
        assert_eq!(verdict(true, true, true), Mixed);
        assert_eq!(verdict(true, false, false), RefugeeOnly);
        assert_eq!(verdict(true, false, true), Displacement);
        assert_eq!(verdict(false, true, true), Migrant);
        assert_eq!(verdict(false, false, true), Displacement);
        assert_eq!(verdict(false, false, false), Neutral);
    }
}
