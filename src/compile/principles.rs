//! Which guiding principles a report invokes, by the aliases in
//! `seeds/principles.toml` (any of the six languages).

use crate::reference::ReferenceData;
use crate::text::fold;

/// Finds principle ids whose aliases occur in `texts` (word-bounded, folded).
pub struct PrincipleFinder {
    aliases: Vec<(String, String)>,
}

impl PrincipleFinder {
    /// Folds every alias once.
    pub fn new(reference: &ReferenceData) -> Self {
        let mut aliases = Vec::new();
        for p in reference.principles() {
            for alias in p.aliases.values().flatten() {
                let folded = fold(alias);
                if !folded.is_empty() {
                    aliases.push((folded, p.id.clone()));
                }
            }
        }
        PrincipleFinder { aliases }
    }

    /// Principle ids found in the texts, in the principles' order.
    pub fn find<'a>(
        &self,
        reference: &ReferenceData,
        texts: impl Iterator<Item = &'a str>,
    ) -> Vec<String> {
        let mut haystack = String::from(" ");
        for t in texts {
            haystack.push_str(&fold(t));
            haystack.push(' ');
        }
        let found: Vec<&str> = self
            .aliases
            .iter()
            .filter(|(alias, _)| {
                let bounded = format!(" {alias} ");
                haystack.contains(&bounded)
                    || (alias.chars().any(is_cjk) && haystack.contains(alias.as_str()))
            })
            .map(|(_, id)| id.as_str())
            .collect();
        reference
            .principles()
            .iter()
            .filter(|p| found.contains(&p.id.as_str()))
            .map(|p| p.id.clone())
            .collect()
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF)
}
