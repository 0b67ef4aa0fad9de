//! The 10 guiding principles (`seeds/principles.toml`).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::error::SeedError;
use super::localized::Localized;
use super::names::normalize_name;
use super::validate::{exact_numbering, has_english};

/// Repository path of the seed file, used in error messages.
pub(crate) const FILE: &str = "seeds/principles.toml";

/// One of the ten guiding principles of the Compact (para 15).
///
/// Exists because the template asks how the principles were applied and the
/// regional summary reports which principles reports invoke; `aliases` are the
/// phrases the matcher looks for in prose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    /// 1 to 10, in the order of para 15.
    pub number: u8,
    /// Stable snake_case id, e.g. `people_centred`. Distinct from objective
    /// ids even where labels coincide (principle 2 and objective 23).
    pub id: String,
    /// Name (en, fr, es).
    pub name: Localized,
    /// Phrases by which prose invokes the principle, per language code.
    #[serde(default)]
    pub aliases: BTreeMap<String, Vec<String>>,
    /// Always false so far: aliases are our matching aids, not official text.
    pub aliases_verified: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PrinciplesFile {
    principle: Vec<Principle>,
}

/// Parses and validates the principles, sorted by number.
pub(crate) fn parse(source: &str) -> Result<Vec<Principle>, SeedError> {
    let mut principles = SeedError::parse::<PrinciplesFile>(FILE, source)?.principle;
    exact_numbering(FILE, "principle", principles.iter().map(|p| p.number), 10)?;
    let mut ids = HashMap::new();
    let mut alias_owner: HashMap<String, &str> = HashMap::new();
    for p in &principles {
        let entry = format!("principle {} `{}`", p.number, p.id);
        if p.id.is_empty() || !p.id.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(SeedError::invalid(FILE, entry, "id must be snake_case"));
        }
        if let Some(other) = ids.insert(p.id.as_str(), p.number) {
            return Err(SeedError::invalid(
                FILE,
                entry,
                format!("id already used by principle {other}"),
            ));
        }
        has_english(FILE, &entry, "name", &p.name)?;
        for alias in p.aliases.values().flatten() {
            let key = normalize_name(alias);
            match alias_owner.get(key.as_str()) {
                Some(owner) if *owner != p.id => {
                    return Err(SeedError::invalid(
                        FILE,
                        entry,
                        format!("alias \"{alias}\" also belongs to `{owner}`"),
                    ));
                }
                _ => {
                    alias_owner.insert(key, p.id.as_str());
                }
            }
        }
    }
    principles.sort_by_key(|p| p.number);
    Ok(principles)
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crate::reference::SeedError;

    fn one(number: u8, id: &str, alias: &str) -> String {
        format!(
            "[[principle]]\nnumber = {number}\nid = \"{id}\"\n\
             name.en = {{ text = \"N\", verified = false }}\n\
             aliases_verified = false\naliases.en = [\"{alias}\"]\n"
        )
    }

    fn ten() -> Vec<String> {
        (1..=10)
            .map(|n| {
                one(
                    n,
                    &format!("p_{}", "x".repeat(n.into())),
                    &format!("alias {n}"),
                )
            })
            .collect()
    }

    fn invalid_entry(source: &str) -> String {
        match parse(source) {
            Err(SeedError::Invalid { file, entry, .. }) => {
                assert_eq!(file, "seeds/principles.toml");
                entry
            }
            other => panic!("expected an invalid entry, got {other:?}"),
        }
    }

    #[test]
    fn the_seed_has_ten_principles_with_distinct_ids() {
        let principles = parse(include_str!("../../seeds/principles.toml")).unwrap();
        assert_eq!(principles.len(), 10);
        assert_eq!(principles[1].id, "international_cooperation");
        assert_eq!(principles[8].id, "whole_of_government");
        assert!(principles.iter().all(|p| !p.aliases_verified));
    }

    #[test]
    fn a_missing_principle_is_named() {
        let source: String = ten().into_iter().take(9).collect();
        assert_eq!(invalid_entry(&source), "principle 10");
    }

    #[test]
    fn an_eleventh_principle_is_named() {
        let source = ten().concat() + &one(11, "global_scope", "global");
        assert_eq!(invalid_entry(&source), "principle 11");
    }

    #[test]
    fn an_alias_shared_by_two_principles_is_named() {
        let mut parts = ten();
        parts[3] = one(4, "p_xxxx", "Alias 1");
        assert_eq!(invalid_entry(&parts.concat()), "principle 4 `p_xxxx`");
    }
}
