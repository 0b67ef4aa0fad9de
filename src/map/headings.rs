//! Recognising the template's sections from headings as officials write
//! them: any of the six languages, numbered or not, in any case, with or
//! without accents and punctuation.

use crate::template::Template;
use crate::text::fold;

use super::objectives::{is_numbering_token, ObjectiveFinder};

/// What a heading is, as far as the template is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadingMatch {
    /// A template section, by id, with the language of the alias that matched.
    Section {
        /// Section id.
        id: String,
        /// Language of the matching title or alias.
        lang: String,
    },
    /// An objective sub-section (number as written, possibly out of range).
    Objective(u32),
    /// A section outside the template that reports normally have.
    Extra,
    /// Nothing known.
    Unknown,
}

/// Matches headings against the template's titles and aliases.
#[derive(Debug, Clone)]
pub struct SectionMatcher {
    /// (folded alias, section id, language), longest alias first.
    aliases: Vec<(String, String, String)>,
    /// Folded extra-section headings.
    extras: Vec<String>,
    objectives: ObjectiveFinder,
}

impl SectionMatcher {
    /// Precomputes the folded aliases of every section.
    pub fn new(template: &Template) -> Self {
        let mut aliases = Vec::new();
        for section in &template.sections {
            let titles = section
                .title
                .iter()
                .map(|(l, t)| (l, std::slice::from_ref(t)));
            let more = section.aliases.iter().map(|(l, v)| (l, v.as_slice()));
            for (lang, list) in titles.chain(more) {
                for alias in list {
                    let folded = fold(alias);
                    if !folded.is_empty() {
                        aliases.push((folded, section.id.clone(), lang.clone()));
                    }
                }
            }
        }
        aliases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        aliases.dedup();
        let extras = template
            .extra_sections
            .values()
            .flatten()
            .map(|e| fold(e))
            .filter(|e| !e.is_empty())
            .collect();
        SectionMatcher {
            aliases,
            extras,
            objectives: ObjectiveFinder::new(template),
        }
    }

    /// The objective finder used for headings, shared with prose scanning.
    pub fn objectives(&self) -> &ObjectiveFinder {
        &self.objectives
    }

    /// Classifies a heading's visible text (list label included).
    pub fn classify(&self, heading: &str) -> HeadingMatch {
        if let Some(n) = self.objectives.heading_objective(heading) {
            return HeadingMatch::Objective(n);
        }
        let folded = strip_numbering(heading);
        if folded.is_empty() {
            return HeadingMatch::Unknown;
        }
        let starts = |alias: &str| {
            folded == alias
                || folded
                    .strip_prefix(alias)
                    .is_some_and(|rest| rest.starts_with(' '))
        };
        if let Some((_, id, lang)) = self.aliases.iter().find(|(a, _, _)| *a == folded) {
            return HeadingMatch::Section {
                id: id.clone(),
                lang: lang.clone(),
            };
        }
        if self.extras.iter().any(|e| starts(e)) {
            return HeadingMatch::Extra;
        }
        // Longest alias first: "progress on gcm objectives" before "progress".
        if let Some((_, id, lang)) = self.aliases.iter().find(|(a, _, _)| starts(a)) {
            return HeadingMatch::Section {
                id: id.clone(),
                lang: lang.clone(),
            };
        }
        HeadingMatch::Unknown
    }
}

/// Folds a heading and removes leading numbering ("1.", "IV.", "A)", "3.2",
/// "Section 2:", "Chapter III").
pub fn strip_numbering(heading: &str) -> String {
    let trimmed = heading.trim_start();
    let folded = fold(trimmed);
    let mut tokens: Vec<&str> = folded.split(' ').filter(|t| !t.is_empty()).collect();
    let single_letter_numbered = {
        let mut chars = trimmed.chars();
        let first = chars.next();
        let second = chars.next();
        first.is_some_and(|c| c.is_ascii_alphabetic()) && matches!(second, Some('.' | ')'))
    };
    let mut removed = 0;
    while let Some(first) = tokens.first() {
        let is_word_prefix = matches!(
            *first,
            "section"
                | "chapter"
                | "part"
                | "partie"
                | "chapitre"
                | "seccion"
                | "capitulo"
                | "parte"
                | "раздел"
                | "глава"
        );
        let is_letter = first.chars().count() == 1 && first.chars().all(|c| c.is_ascii_lowercase());
        let strip = (is_numbering_token(first)
            && (!is_letter || single_letter_numbered || removed > 0))
            || (is_word_prefix && tokens.len() > 2);
        if !strip || removed >= 3 || tokens.len() == 1 {
            break;
        }
        tokens.remove(0);
        removed += 1;
    }
    tokens.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> SectionMatcher {
        SectionMatcher::new(&Template::load().expect("template"))
    }

    fn id(m: HeadingMatch) -> Option<String> {
        match m {
            HeadingMatch::Section { id, .. } => Some(id),
            _ => None,
        }
    }

    #[test]
    fn numbered_headings_in_six_languages() {
        let m = matcher();
        for (heading, expected) in [
            ("1. Methodology", "methodology"),
            ("I. METHODOLOGY", "methodology"),
            ("A) Methodology for the review", "methodology"),
            ("II. Conformación del informe", "methodology"),
            ("Méthodologie de l’examen", "methodology"),
            ("2. Policy and enabling environment", "policy_environment"),
            ("3. Progress on GCM objectives", "progress_on"),
            (
                "Avances en los objetivos del Pacto Mundial",
                "objectives_progress",
            ),
            (
                "IV. Principales acciones, programas y buenas prácticas",
                "objectives_progress",
            ),
            ("Средства осуществления", "means_of_implementation"),
            ("وسائل التنفيذ", "means_of_implementation"),
            ("5. Next Steps", "next_steps"),
            ("后续步骤", "next_steps"),
            (
                "Section 4: Means of implementation",
                "means_of_implementation",
            ),
        ] {
            let got = id(m.classify(heading));
            let want = if expected == "progress_on" {
                "objectives_progress"
            } else {
                expected
            };
            assert_eq!(got.as_deref(), Some(want), "{heading}");
        }
    }

    #[test]
    fn objectives_extras_and_unknowns() {
        let m = matcher();
        assert_eq!(
            m.classify("Objective 5: Regular pathways"),
            HeadingMatch::Objective(5)
        );
        assert_eq!(m.classify("Executive summary"), HeadingMatch::Extra);
        assert_eq!(m.classify("Annex 2: statistics"), HeadingMatch::Extra);
        assert_eq!(
            m.classify("Good practices in Lisbon"),
            HeadingMatch::Unknown
        );
    }

    #[test]
    fn a_heading_starting_with_a_word_is_not_stripped() {
        assert_eq!(strip_numbering("A new approach"), "a new approach");
        assert_eq!(strip_numbering("A. Methodology"), "methodology");
        assert_eq!(strip_numbering("3.2 Next steps"), "next steps");
    }
}
