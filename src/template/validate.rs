//! Checks on the template data that the type system cannot express.

use std::collections::BTreeSet;

use super::{CoverRole, Template, UN_LANGUAGES};

/// The section ids the rest of the tool relies on (rules, compiler).
pub const CORE_SECTION_IDS: [&str; 5] = [
    "methodology",
    "policy_environment",
    "objectives_progress",
    "means_of_implementation",
    "next_steps",
];

pub(super) fn validate(t: &Template) -> Result<(), String> {
    let mut ids = BTreeSet::new();
    for section in &t.sections {
        if !ids.insert(section.id.as_str()) {
            return Err(format!("section `{}` is defined twice", section.id));
        }
        for lang in UN_LANGUAGES {
            if section.title.get(lang).is_none_or(|s| s.trim().is_empty()) {
                return Err(format!(
                    "section `{}` has no title in language `{lang}`",
                    section.id
                ));
            }
        }
        if !section.guidance.contains_key("en") {
            return Err(format!("section `{}` has no English guidance", section.id));
        }
        for lang in section.aliases.keys().chain(section.title.keys()) {
            if !UN_LANGUAGES.contains(&lang.as_str()) {
                return Err(format!(
                    "section `{}` uses `{lang}`, which is not a UN language code",
                    section.id
                ));
            }
        }
    }
    for id in CORE_SECTION_IDS {
        if !ids.contains(id) {
            return Err(format!("the core section `{id}` is missing"));
        }
    }
    if t.sections.iter().filter(|s| s.objectives).count() != 1 {
        return Err("exactly one section must hold the objectives (`objectives = true`)".into());
    }
    let mut cover_ids = BTreeSet::new();
    for field in &t.cover {
        if !cover_ids.insert(field.id.as_str()) {
            return Err(format!("cover field `{}` is defined twice", field.id));
        }
        if !field.label.contains_key("en") || !field.help.contains_key("en") {
            return Err(format!(
                "cover field `{}` needs an English label and help",
                field.id
            ));
        }
        // Label and help appear inside messages in the official's language:
        // a missing translation would put English into them.
        for lang in UN_LANGUAGES {
            for (what, map) in [("label", &field.label), ("help", &field.help)] {
                if map.get(lang).is_none_or(|s| s.trim().is_empty()) {
                    return Err(format!(
                        "cover field `{}` has no {what} in language `{lang}`",
                        field.id
                    ));
                }
            }
        }
    }
    for role in [
        CoverRole::SubmitterName,
        CoverRole::SubmitterType,
        CoverRole::SubmitterIso3,
    ] {
        if t.cover.iter().filter(|f| f.role == Some(role)).count() != 1 {
            return Err(format!("exactly one cover field must have role {role:?}"));
        }
    }
    if t.objective_markers.get("en").is_none_or(Vec::is_empty) {
        return Err("objective_markers needs English markers".into());
    }
    for lang in UN_LANGUAGES {
        if t.length.note.get(lang).is_none_or(|s| s.trim().is_empty()) {
            return Err(format!("length.note has no text in language `{lang}`"));
        }
    }
    for section in &t.sections {
        for lang in UN_LANGUAGES {
            if section
                .guidance
                .get(lang)
                .is_none_or(|s| s.trim().is_empty())
            {
                return Err(format!(
                    "section `{}` has no guidance in language `{lang}`",
                    section.id
                ));
            }
        }
    }
    if t.length.max_words == 0 {
        return Err("length.max_words must be above zero".into());
    }
    Ok(())
}
