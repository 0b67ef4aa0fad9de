//! UN regional commissions and States (`seeds/regions.toml`).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::error::SeedError;
use super::regions_check::{check_codes, check_membership, index_names};

/// Repository path of the seed file, used in error messages.
pub(crate) const FILE: &str = "seeds/regions.toml";

/// Number of UN Member States the seeds must list.
const MEMBER_STATES: usize = 193;

/// A UN regional commission (ECA, ECE, ECLAC, ESCAP, ESCWA).
///
/// Exists because regional reviews are organised by commission: the compiler
/// groups reports into one summary per commission, using these member lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commission {
    /// Short id, e.g. `ECLAC`.
    pub id: String,
    /// Full English name.
    pub name: String,
    /// Seat city.
    pub seat: String,
    /// Whether name and seat were checked against a source.
    pub name_verified: bool,
    /// Whether the member lists were checked against a source.
    pub membership_verified: bool,
    /// Doubts about the data, for reviewers and coverage notes.
    #[serde(default)]
    pub note: Option<String>,
    /// ISO3 codes of regional members (UN Member States and observer States).
    pub members: Vec<String>,
    /// ISO3 codes of members from outside the region.
    #[serde(default)]
    pub non_regional_members: Vec<String>,
    /// Territories that are associate members; not States.
    #[serde(default)]
    pub associate_members: Vec<AssociateMember>,
}

impl Commission {
    /// True when `iso3` (any case) is a regional member.
    pub fn is_regional_member(&self, iso3: &str) -> bool {
        self.members.iter().any(|m| m.eq_ignore_ascii_case(iso3))
    }

    /// True when `iso3` (any case) is a non-regional member.
    pub fn is_non_regional_member(&self, iso3: &str) -> bool {
        self.non_regional_members
            .iter()
            .any(|m| m.eq_ignore_ascii_case(iso3))
    }

    /// True when `iso3` is a member of either kind (not an associate).
    pub fn has_member(&self, iso3: &str) -> bool {
        self.is_regional_member(iso3) || self.is_non_regional_member(iso3)
    }
}

/// A territory that is an associate member of a commission.
///
/// Exists because associates (Puerto Rico, Hong Kong, China ...) take part in
/// regional reviews and may submit, although they are not States.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssociateMember {
    /// ISO 3166-1 alpha-3 code of the territory.
    pub code: String,
    /// English name as the commission lists it.
    pub name: String,
}

/// Whether a State is a UN Member State or a non-member observer State.
///
/// Exists because the two are counted and labelled differently in summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StateKind {
    /// One of the 193 UN Member States.
    Member,
    /// Holy See or State of Palestine.
    Observer,
}

/// A State that may submit a national report.
///
/// Exists to identify the submitting State from what an official writes on
/// the cover page, and to place its report in a regional summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    /// ISO 3166-1 alpha-3 code, upper case.
    pub iso3: String,
    /// UN short name in English.
    pub name: String,
    /// Member State or observer State.
    #[serde(rename(deserialize = "type"))]
    pub kind: StateKind,
    /// Commission whose summary includes the State by default; `None` only
    /// for the Holy See, which is in no commission.
    #[serde(default)]
    pub primary_region: Option<String>,
    /// True when the State is primary in every commission it is a regional
    /// member of (the Arab States in both ECA and ESCWA).
    #[serde(default)]
    pub dual_primary: bool,
    /// Doubts about the data.
    #[serde(default)]
    pub note: Option<String>,
    /// Other names by language code (en, fr, es, ru, ar, zh).
    #[serde(default)]
    pub aliases: BTreeMap<String, Vec<String>>,
    /// Whether `name` and `iso3` were checked (file-level flag).
    #[serde(skip_deserializing)]
    pub name_verified: bool,
    /// Whether `aliases` were checked (file-level flag).
    #[serde(skip_deserializing)]
    pub aliases_verified: bool,
}

impl State {
    /// The UN short name followed by every alias, in all languages.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.aliases.values().flatten().map(String::as_str))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionsFile {
    names_verified: bool,
    aliases_verified: bool,
    commission: Vec<Commission>,
    state: Vec<State>,
}

/// Validated content of `seeds/regions.toml`.
#[derive(Debug, Clone)]
pub(crate) struct Regions {
    pub(crate) commissions: Vec<Commission>,
    pub(crate) states: Vec<State>,
    /// Normalized name or alias → index into `states`.
    pub(crate) name_index: HashMap<String, usize>,
}

/// Parses and validates commissions and States.
pub(crate) fn parse(source: &str) -> Result<Regions, SeedError> {
    let file = SeedError::parse::<RegionsFile>(FILE, source)?;
    let mut states = file.state;
    for s in &mut states {
        s.name_verified = file.names_verified;
        s.aliases_verified = file.aliases_verified;
    }
    let commissions = file.commission;
    check_codes(&commissions, &states)?;
    check_membership(&commissions, &states)?;
    let name_index = index_names(&states)?;
    let members = states
        .iter()
        .filter(|s| s.kind == StateKind::Member)
        .count();
    if members != MEMBER_STATES {
        return Err(SeedError::invalid(
            FILE,
            "states",
            format!("{members} Member States listed, expected {MEMBER_STATES}"),
        ));
    }
    Ok(Regions {
        commissions,
        states,
        name_index,
    })
}

#[cfg(test)]
#[path = "regions_tests.rs"]
mod tests;
