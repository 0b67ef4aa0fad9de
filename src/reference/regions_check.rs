//! Validation rules for `seeds/regions.toml`, kept apart from the types.

use std::collections::{HashMap, HashSet};

use super::error::SeedError;
use super::names::normalize_name;
use super::regions::{Commission, State, StateKind, FILE};

fn is_iso3(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Codes well formed and unique; commission ids unique.
pub(super) fn check_codes(commissions: &[Commission], states: &[State]) -> Result<(), SeedError> {
    let mut seen = HashMap::new();
    for s in states {
        let entry = format!("state \"{}\"", s.iso3);
        if !is_iso3(&s.iso3) {
            return Err(SeedError::invalid(
                FILE,
                entry,
                "ISO3 code must be three upper-case letters A-Z",
            ));
        }
        if let Some(first) = seen.insert(s.iso3.as_str(), s.name.as_str()) {
            return Err(SeedError::invalid(
                FILE,
                entry,
                format!("code also used by \"{first}\""),
            ));
        }
    }
    let mut ids = HashMap::new();
    for c in commissions {
        let entry = format!("commission \"{}\"", c.id);
        if c.id.is_empty() || ids.insert(c.id.to_ascii_uppercase(), ()).is_some() {
            return Err(SeedError::invalid(
                FILE,
                entry,
                "empty or duplicate commission id",
            ));
        }
        if let Some(a) = c.associate_members.iter().find(|a| !is_iso3(&a.code)) {
            return Err(SeedError::invalid(
                FILE,
                entry,
                format!(
                    "associate member \"{}\": code `{}` is not three upper-case letters",
                    a.name, a.code
                ),
            ));
        }
    }
    Ok(())
}

/// Members are known States, listed once; every Member State is in a
/// commission; primary regions are commissions the State belongs to.
///
/// Each State's commissions are gathered once (by code) rather than sought
/// in every commission for every State: with some 250 States this ran at
/// every start-up.
pub(super) fn check_membership(
    commissions: &[Commission],
    states: &[State],
) -> Result<(), SeedError> {
    let known: HashSet<&str> = states.iter().map(|s| s.iso3.as_str()).collect();
    // Code → (commissions it is a regional member of, commissions it is in).
    let mut member_of: HashMap<&str, (usize, Vec<&str>)> = HashMap::new();
    for c in commissions {
        let entry = format!("commission \"{}\"", c.id);
        let mut listed = HashSet::new();
        let regional = c.members.iter().map(|code| (code, true));
        let other = c.non_regional_members.iter().map(|code| (code, false));
        for (code, is_regional) in regional.chain(other) {
            if !known.contains(code.as_str()) {
                return Err(SeedError::invalid(
                    FILE,
                    entry,
                    format!("member `{code}` is not a known State"),
                ));
            }
            if !listed.insert(code.as_str()) {
                return Err(SeedError::invalid(
                    FILE,
                    entry,
                    format!("member `{code}` is listed twice"),
                ));
            }
            let (regional_count, of) = member_of.entry(code.as_str()).or_default();
            *regional_count += usize::from(is_regional);
            of.push(c.id.as_str());
        }
    }
    for s in states {
        let entry = format!("state \"{}\"", s.iso3);
        let (regional, of) = member_of
            .get(s.iso3.as_str())
            .map_or((0, &[][..]), |(n, of)| (*n, of.as_slice()));
        if s.kind == StateKind::Member && of.is_empty() {
            return Err(SeedError::invalid(
                FILE,
                entry,
                "Member State is in no regional commission",
            ));
        }
        match &s.primary_region {
            None if !of.is_empty() => {
                return Err(SeedError::invalid(
                    FILE,
                    entry,
                    "no primary_region although the State is in a commission",
                ));
            }
            Some(region) if !of.contains(&region.as_str()) => {
                return Err(SeedError::invalid(
                    FILE,
                    entry,
                    format!(
                        "primary_region \"{region}\" is not a commission the State is a member of"
                    ),
                ));
            }
            _ => {}
        }
        if s.dual_primary && regional < 2 {
            return Err(SeedError::invalid(
                FILE,
                entry,
                "dual_primary needs regional membership of two commissions",
            ));
        }
    }
    Ok(())
}

/// Builds the name index; fails when one name or alias points to two States.
pub(super) fn index_names(states: &[State]) -> Result<HashMap<String, usize>, SeedError> {
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, s) in states.iter().enumerate() {
        let entry = format!("state \"{}\"", s.iso3);
        for name in s.all_names() {
            let key = normalize_name(name);
            if key.is_empty() {
                return Err(SeedError::invalid(
                    FILE,
                    entry,
                    format!("alias \"{name}\" is empty once normalized"),
                ));
            }
            if let Some(other) = index.get(&key).and_then(|&j| states.get(j)) {
                if other.iso3 != s.iso3 {
                    return Err(SeedError::invalid(
                        FILE,
                        entry,
                        format!("alias \"{name}\" also names \"{}\"", other.iso3),
                    ));
                }
            }
            index.insert(key, i);
        }
    }
    Ok(index)
}
