//! Reference data: GCM objectives, guiding principles, round-table clusters,
//! UN regional commissions and States.
//!
//! The data lives in reviewed TOML files under `seeds/` and is embedded at
//! compile time (no file system at run time, so the core also runs as
//! WebAssembly). [`ReferenceData::load`] parses and validates it; a broken
//! seed file is a [`SeedError`] naming the file and entry, never a panic.
//! Every text carries a `verified` flag: only verified texts may be printed as
//! official wording.

mod clusters;
mod error;
mod localized;
mod names;
mod objectives;
mod principles;
mod regions;
mod regions_check;
mod validate;

#[cfg(test)]
mod invariants_tests;

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

pub use clusters::{Cluster, ClusterCycle};
pub use error::SeedError;
pub use localized::{Localized, LocalizedText};
pub use names::normalize_name;
pub use objectives::Objective;
pub use principles::Principle;
pub use regions::{AssociateMember, Commission, State, StateKind};

/// The texts of the four seed files, so tests can feed broken variants
/// through the same parse-and-validate path as the embedded data.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sources<'a> {
    pub(crate) objectives: &'a str,
    pub(crate) principles: &'a str,
    pub(crate) clusters: &'a str,
    pub(crate) regions: &'a str,
}

impl Sources<'static> {
    /// The seed files compiled into the crate.
    pub(crate) const EMBEDDED: Sources<'static> = Sources {
        objectives: crate::embedded::OBJECTIVES,
        principles: crate::embedded::PRINCIPLES,
        clusters: crate::embedded::CLUSTERS,
        regions: crate::embedded::REGIONS,
    };
}

/// All reference data, validated.
///
/// Exists so that every rule, the mapper and the summary compiler share one
/// checked source of objectives, principles, clusters and regions instead of
/// hard-coding lists.
#[derive(Debug, Clone, Serialize)]
pub struct ReferenceData {
    objectives: Vec<Objective>,
    principles: Vec<Principle>,
    cycles: Vec<ClusterCycle>,
    commissions: Vec<Commission>,
    states: Vec<State>,
    #[serde(skip)]
    name_index: HashMap<String, usize>,
}

impl ReferenceData {
    /// Parses and validates the embedded seeds. Use [`ReferenceData::builtin`]
    /// unless a fresh copy is needed.
    pub fn load() -> Result<ReferenceData, SeedError> {
        Self::from_sources(Sources::EMBEDDED)
    }

    /// The embedded seeds, loaded once per process and shared, so that
    /// callers in hot paths do not re-parse. The outcome, error included, is
    /// cached.
    pub fn builtin() -> Result<&'static ReferenceData, SeedError> {
        static BUILTIN: OnceLock<Result<ReferenceData, SeedError>> = OnceLock::new();
        BUILTIN
            .get_or_init(ReferenceData::load)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Parse and validate the given texts.
    pub(crate) fn from_sources(sources: Sources<'_>) -> Result<ReferenceData, SeedError> {
        let regions = regions::parse(sources.regions)?;
        Ok(ReferenceData {
            objectives: objectives::parse(sources.objectives)?,
            principles: principles::parse(sources.principles)?,
            cycles: clusters::parse(sources.clusters)?,
            commissions: regions.commissions,
            states: regions.states,
            name_index: regions.name_index,
        })
    }

    /// The 23 objectives, by number: to list, map and summarise them.
    pub fn objectives(&self) -> &[Objective] {
        &self.objectives
    }

    /// The GCM's own wording in every language the seeds have: objective
    /// titles and labels, principle names. Why: a sample of what report
    /// prose sounds like, so the rule screen's fast search (`text::Screen`)
    /// can avoid stopping at words such prose is full of.
    pub fn wording(&self) -> String {
        let objectives = self
            .objectives
            .iter()
            .flat_map(|o| o.title.0.values().chain(o.label.0.values()));
        let principles = self.principles.iter().flat_map(|p| p.name.0.values());
        let mut out = String::new();
        for text in objectives.chain(principles) {
            out.push_str(&text.text);
            out.push('\n');
        }
        out
    }

    /// Objective `number` (1 to 23), to resolve "Objective 5" in a report.
    pub fn objective(&self, number: u8) -> Option<&Objective> {
        self.objectives.iter().find(|o| o.number == number)
    }

    /// The 10 guiding principles, by number.
    pub fn principles(&self) -> &[Principle] {
        &self.principles
    }

    /// Every review cycle with a cluster allocation, in file order.
    pub fn cycles(&self) -> &[ClusterCycle] {
        &self.cycles
    }

    /// The clusters of `cycle` (e.g. `"2022"`), to lay out a summary by cluster.
    pub fn clusters(&self, cycle: &str) -> Option<&[Cluster]> {
        self.cycles
            .iter()
            .find(|c| c.id == cycle)
            .map(|c| c.clusters.as_slice())
    }

    /// The cluster of `objective` in `cycle`, to file a report's objective
    /// section under its round table.
    pub fn cluster_of(&self, cycle: &str, objective: u8) -> Option<&Cluster> {
        self.clusters(cycle)?
            .iter()
            .find(|c| c.objectives.contains(&objective))
    }

    /// The five UN regional commissions.
    pub fn commissions(&self) -> &[Commission] {
        &self.commissions
    }

    /// A commission by id, any case (`"eclac"`), as users type it on the
    /// command line.
    pub fn commission(&self, id: &str) -> Option<&Commission> {
        self.commissions
            .iter()
            .find(|c| c.id.eq_ignore_ascii_case(id))
    }

    /// The 193 Member States and the two observer States.
    pub fn states(&self) -> &[State] {
        &self.states
    }

    /// A State by ISO 3166-1 alpha-3 code, any case.
    pub fn state_by_iso3(&self, iso3: &str) -> Option<&State> {
        let iso3 = iso3.trim();
        self.states
            .iter()
            .find(|s| s.iso3.eq_ignore_ascii_case(iso3))
    }

    /// A State from a name as an official writes it on a cover page: the UN
    /// short name or any alias in any language, ignoring case, accents,
    /// punctuation, extra spaces and a leading article ("the", "la", "le",
    /// "el" ...). See [`normalize_name`].
    pub fn state_by_name(&self, name: &str) -> Option<&State> {
        self.name_index
            .get(&normalize_name(name))
            .and_then(|&i| self.states.get(i))
    }

    /// Every commission `iso3` belongs to, as a regional or non-regional
    /// member, derived from the membership lists (never stored twice).
    pub fn commissions_of(&self, iso3: &str) -> Vec<&Commission> {
        let iso3 = iso3.trim();
        self.commissions
            .iter()
            .filter(|c| c.has_member(iso3))
            .collect()
    }

    /// Whether `iso3` is a member (regional or not) of `commission` (any case).
    pub fn is_member_of(&self, iso3: &str, commission: &str) -> bool {
        self.commission(commission)
            .is_some_and(|c| c.has_member(iso3.trim()))
    }

    /// The commissions whose summaries include `iso3` by default: its
    /// primary region, and for a `dual_primary` State every commission it is
    /// a regional member of. Empty for the Holy See and unknown codes.
    pub fn primary_regions_of(&self, iso3: &str) -> Vec<&Commission> {
        let Some(state) = self.state_by_iso3(iso3) else {
            return Vec::new();
        };
        self.commissions
            .iter()
            .filter(|c| {
                state.primary_region.as_deref() == Some(c.id.as_str())
                    || (state.dual_primary && c.is_regional_member(&state.iso3))
            })
            .collect()
    }
}
