//! Checks shared by several seed files.

use std::collections::BTreeSet;

use super::error::SeedError;
use super::localized::Localized;

/// Checks that `numbers` are exactly `1..=max`, each once. `kind` names the
/// entries in the message ("objective", "principle").
pub(crate) fn exact_numbering(
    file: &'static str,
    kind: &str,
    numbers: impl IntoIterator<Item = u8>,
    max: u8,
) -> Result<(), SeedError> {
    let mut seen = BTreeSet::new();
    for n in numbers {
        if n == 0 || n > max {
            return Err(SeedError::invalid(
                file,
                format!("{kind} {n}"),
                format!("number out of range 1..={max}"),
            ));
        }
        if !seen.insert(n) {
            return Err(SeedError::invalid(
                file,
                format!("{kind} {n}"),
                "number appears more than once",
            ));
        }
    }
    if let Some(missing) = (1..=max).find(|n| !seen.contains(n)) {
        return Err(SeedError::invalid(
            file,
            format!("{kind} {missing}"),
            "missing",
        ));
    }
    Ok(())
}

/// Checks that a localized text has an English form, which every caller may
/// fall back to.
pub(crate) fn has_english(
    file: &'static str,
    entry: &str,
    field: &str,
    text: &Localized,
) -> Result<(), SeedError> {
    match text.get("en") {
        Some(t) if !t.trim().is_empty() => Ok(()),
        _ => Err(SeedError::invalid(
            file,
            entry,
            format!("`{field}.en` is missing or empty"),
        )),
    }
}
