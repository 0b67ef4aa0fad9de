//! The 23 GCM objectives (`seeds/objectives.toml`).

use serde::{Deserialize, Serialize};

use super::error::SeedError;
use super::localized::Localized;
use super::validate::{exact_numbering, has_english};

/// Repository path of the seed file, used in error messages.
pub(crate) const FILE: &str = "seeds/objectives.toml";

/// One of the 23 objectives of the Compact.
///
/// Exists because reports are organised, checked and summarised by objective:
/// the mapper recognises "Objective 5" and its title in six languages, and the
/// summary prints the title and the short label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// 1 to 23.
    pub number: u8,
    /// Stable id, `objective_01` to `objective_23`.
    pub id: String,
    /// Full title (en, fr, es, ru, zh; Arabic not yet collected).
    pub title: Localized,
    /// Short label as on the Migration Network Hub (en, fr, es).
    pub label: Localized,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ObjectivesFile {
    objective: Vec<Objective>,
}

/// Parses and validates the objectives, sorted by number.
pub(crate) fn parse(source: &str) -> Result<Vec<Objective>, SeedError> {
    let mut objectives = SeedError::parse::<ObjectivesFile>(FILE, source)?.objective;
    exact_numbering(FILE, "objective", objectives.iter().map(|o| o.number), 23)?;
    for o in &objectives {
        let entry = format!("objective {}", o.number);
        let expected = format!("objective_{:02}", o.number);
        if o.id != expected {
            return Err(SeedError::invalid(
                FILE,
                entry,
                format!("id `{}` should be `{expected}`", o.id),
            ));
        }
        has_english(FILE, &entry, "title", &o.title)?;
        has_english(FILE, &entry, "label", &o.label)?;
    }
    objectives.sort_by_key(|o| o.number);
    Ok(objectives)
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crate::reference::SeedError;

    fn one(number: u8, id: &str) -> String {
        format!(
            "[[objective]]\nnumber = {number}\nid = \"{id}\"\n\
             title.en = {{ text = \"T\", verified = true }}\n\
             label.en = {{ text = \"L\", verified = false }}\n"
        )
    }

    fn all_but(skip: u8) -> String {
        (1..=23)
            .filter(|n| *n != skip)
            .map(|n| one(n, &format!("objective_{n:02}")))
            .collect()
    }

    fn invalid_entry(result: Result<Vec<super::Objective>, SeedError>) -> String {
        match result {
            Err(SeedError::Invalid { file, entry, .. }) => {
                assert_eq!(file, "seeds/objectives.toml");
                entry
            }
            other => panic!("expected an invalid entry, got {other:?}"),
        }
    }

    #[test]
    fn the_seed_has_objectives_1_to_23_in_order() {
        let objectives = parse(include_str!("../../seeds/objectives.toml")).unwrap();
        let numbers: Vec<u8> = objectives.iter().map(|o| o.number).collect();
        assert_eq!(numbers, (1..=23).collect::<Vec<u8>>());
    }

    #[test]
    fn a_missing_objective_is_named() {
        assert_eq!(invalid_entry(parse(&all_but(7))), "objective 7");
    }

    #[test]
    fn a_duplicate_objective_is_named() {
        let source = all_but(0) + &one(12, "objective_12");
        assert_eq!(invalid_entry(parse(&source)), "objective 12");
    }

    #[test]
    fn an_objective_out_of_range_is_named() {
        let source = all_but(0) + &one(24, "objective_24");
        assert_eq!(invalid_entry(parse(&source)), "objective 24");
    }

    #[test]
    fn broken_toml_names_the_file() {
        let err = parse("[[objective]\n").unwrap_err();
        assert!(err
            .to_string()
            .starts_with("seeds/objectives.toml: cannot be read"));
    }
}
