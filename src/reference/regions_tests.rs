//! Negative tests for `seeds/regions.toml` validation: one per rule, each
//! asserting the error names the offending entry.

use super::parse;
use crate::reference::SeedError;

/// A small file that passes every rule except the count of 193.
const SMALL: &str = r#"
names_verified = false
aliases_verified = false

[[commission]]
id = "ECE"
name = "Economic Commission for Europe"
seat = "Geneva"
name_verified = false
membership_verified = false
members = ["AAA", "BBB"]
associate_members = [{ code = "TTT", name = "Territory" }]

[[state]]
iso3 = "AAA"
name = "Aland"
type = "member"
primary_region = "ECE"
aliases.fr = ["Alande"]

[[state]]
iso3 = "BBB"
name = "Bland"
type = "member"
primary_region = "ECE"
aliases.en = ["Republic of Bland"]
"#;

fn invalid(source: &str) -> (String, String) {
    match parse(source) {
        Err(SeedError::Invalid {
            file,
            entry,
            problem,
        }) => {
            assert_eq!(file, "seeds/regions.toml");
            (entry, problem)
        }
        Err(other) => panic!("expected an invalid entry, got {other}"),
        Ok(_) => panic!("expected an invalid entry, got Ok"),
    }
}

#[test]
fn the_small_file_fails_only_on_the_count_of_member_states() {
    let (entry, problem) = invalid(SMALL);
    assert_eq!(entry, "states");
    assert!(
        problem.contains("2 Member States listed, expected 193"),
        "{problem}"
    );
}

#[test]
fn a_malformed_iso3_code_is_named() {
    let source = SMALL.replace("iso3 = \"BBB\"", "iso3 = \"Bb1\"");
    assert_eq!(invalid(&source).0, "state \"Bb1\"");
}

#[test]
fn a_duplicate_iso3_code_is_named() {
    let source = SMALL.replace("iso3 = \"BBB\"", "iso3 = \"AAA\"");
    let (entry, problem) = invalid(&source);
    assert_eq!(entry, "state \"AAA\"");
    assert!(problem.contains("Aland"), "{problem}");
}

#[test]
fn a_commission_member_that_is_no_state_is_named() {
    let source = SMALL.replace(
        "members = [\"AAA\", \"BBB\"]",
        "members = [\"AAA\", \"BBB\", \"XKX\"]",
    );
    let (entry, problem) = invalid(&source);
    assert_eq!(entry, "commission \"ECE\"");
    assert!(problem.contains("XKX"), "{problem}");
}

#[test]
fn associate_members_need_no_state_entry() {
    // TTT is an associate and has no [[state]]: only the count rule fires.
    assert_eq!(invalid(SMALL).0, "states");
}

#[test]
fn a_member_state_in_no_commission_is_named() {
    let source = SMALL
        .replace("members = [\"AAA\", \"BBB\"]", "members = [\"AAA\"]")
        .replace("primary_region = \"ECE\"\naliases.en", "aliases.en");
    let (entry, problem) = invalid(&source);
    assert_eq!(entry, "state \"BBB\"");
    assert!(problem.contains("no regional commission"), "{problem}");
}

#[test]
fn a_primary_region_the_state_is_not_in_is_named() {
    let source = SMALL.replace(
        "primary_region = \"ECE\"\naliases.en",
        "primary_region = \"ESCAP\"\naliases.en",
    );
    let (entry, problem) = invalid(&source);
    assert_eq!(entry, "state \"BBB\"");
    assert!(problem.contains("ESCAP"), "{problem}");
}

#[test]
fn a_member_listed_twice_is_named() {
    let source = SMALL.replace(
        "members = [\"AAA\", \"BBB\"]",
        "members = [\"AAA\", \"BBB\"]\nnon_regional_members = [\"AAA\"]",
    );
    let (entry, problem) = invalid(&source);
    assert_eq!(entry, "commission \"ECE\"");
    assert!(problem.contains("`AAA` is listed twice"), "{problem}");
}

#[test]
fn dual_primary_needs_two_regional_memberships() {
    let source = SMALL.replace(
        "primary_region = \"ECE\"\naliases.en",
        "primary_region = \"ECE\"\ndual_primary = true\naliases.en",
    );
    let (entry, problem) = invalid(&source);
    assert_eq!(entry, "state \"BBB\"");
    assert!(problem.contains("dual_primary"), "{problem}");
    // A second commission with BBB as a regional member satisfies it.
    let second = "[[commission]]\nid = \"ESCAP\"\nname = \"Asia\"\nseat = \"Bangkok\"\n\
                  name_verified = false\nmembership_verified = false\nmembers = [\"BBB\"]\n\n";
    let source = source.replacen("[[state]]", &format!("{second}[[state]]"), 1);
    assert_eq!(invalid(&source).0, "states");
}

#[test]
fn an_alias_shared_by_two_states_is_named() {
    // Differs from Aland's French alias only in case and accents: still a clash.
    let source = SMALL.replace("[\"Republic of Bland\"]", "[\"ALANDÉ\"]");
    let (entry, problem) = invalid(&source);
    assert_eq!(entry, "state \"BBB\"");
    assert!(problem.contains("AAA"), "{problem}");
}

#[test]
fn broken_toml_names_the_file() {
    let source = SMALL.replace("type = \"member\"", "type = \"colony\"");
    match parse(&source) {
        Err(e @ SeedError::Parse { .. }) => {
            assert!(e.to_string().starts_with("seeds/regions.toml"), "{e}")
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
}
