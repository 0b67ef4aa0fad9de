//! The GCM scope check: is a paragraph about migrants (in scope), about
//! refugees and asylum seekers only (out of scope), or about displacement
//! (check scope)?
//!
//! Why: the Global Compact for Migration covers migrants; refugees and asylum
//! seekers fall under the Global Compact on Refugees (GCM preamble para 4; 2022
//! reporting guidance, footnote 2). A State must be told exactly which
//! paragraph is refugee-only, and a regional summary must never contain
//! refugee-only material. A keyword filter is wrong both ways (institution
//! names, "refugees and migrants", UNHCR as a Network partner), so the rule is:
//!
//! 1. mask proper names first (IRCC, BAMF, UNHCR, 难民署, the GCM's own name);
//! 2. a unit with refugee terms and no migrant marker is refugee-only;
//!    with both it is mixed, and in scope;
//! 3. displacement (IDPs, disaster and climate displacement) gets a note;
//! 4. words such as statelessness, non-refoulement, consular protection or
//!    shelter never trigger on their own;
//! 5. under a refugee-only heading, a unit is refugee-only unless it carries
//!    its own migrant marker (or displacement term).
//!
//! Every unit is checked against all six lexicons, because reports quote names
//! and terms from other languages. The lexicons are reviewed data in
//! `seeds/scope/*.toml`, embedded at build time. No file system, threads or
//! clock: the module builds for wasm32.

mod decide;
mod lang;
mod lexicon;
mod matcher;
mod normalize;

use std::sync::OnceLock;

use serde::Serialize;

pub use lexicon::{Category, ScopeLexiconError};

use lexicon::Lexicon;
use matcher::{Hit, Matcher};
use normalize::normalize;

/// The scope check, compiled once from the embedded lexicons.
///
/// Why a value and not free functions: compiling the six lexicons into an
/// index takes a little time; build it once ([`ScopeClassifier::builtin`]) and
/// share it for every paragraph of every report.
#[derive(Debug)]
pub struct ScopeClassifier {
    lexicon: Lexicon,
    matcher: Matcher,
    detector: lang::LanguageDetector,
}

/// What the scope check decided for one unit (paragraph, table row, list item).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScopeVerdict {
    /// About refugees or asylum seekers and nothing else: out of GCM scope;
    /// listed in the summary's annex, never silently dropped.
    RefugeeOnly,
    /// Refugee terms and migrant markers together: in scope (GCM obj. 12 speaks
    /// of mixed movements).
    Mixed,
    /// Migrant markers and no refugee terms: in scope.
    Migrant,
    /// Displacement (IDPs, disaster or climate displacement) without migrant
    /// markers: in scope for now, with a "check scope" note.
    Displacement,
    /// Nothing scope-relevant found (after masking names): in scope.
    Neutral,
}

impl ScopeVerdict {
    /// Whether the unit may go into a regional summary (everything but
    /// [`ScopeVerdict::RefugeeOnly`]).
    pub fn in_scope(self) -> bool {
        self != ScopeVerdict::RefugeeOnly
    }
}

/// One lexicon match, quoted as the State wrote it.
///
/// Why: a finding must show the official the exact words that decided, and
/// name the lexicon entry so a reviewer can check or correct it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermMatch {
    /// Lexicon entry id, e.g. `fr.asylum-seeker`.
    pub id: String,
    /// Language of the lexicon entry ("en", "fr", "es", "ru", "ar", "zh").
    pub lang: &'static str,
    /// The original text matched, as written (accents, apostrophes, case).
    pub text: String,
    /// Byte offset of the match in the unit's text.
    pub start: usize,
    /// Byte offset just after the match.
    pub end: usize,
}

/// The scope decision for one unit, with the evidence behind it.
///
/// Why the evidence: the rule must be explainable to Member States, so every
/// verdict carries the words that made it (and the names that were masked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopeAssessment {
    /// The decision.
    pub verdict: ScopeVerdict,
    /// True when `RefugeeOnly` came from the enclosing heading, not the unit.
    pub escalated: bool,
    /// Refugee and refugee-instrument terms that made it refugee content.
    pub refugee_terms: Vec<TermMatch>,
    /// Migrant and migration markers.
    pub migrant_terms: Vec<TermMatch>,
    /// Displacement terms.
    pub displacement_terms: Vec<TermMatch>,
    /// Proper names masked before deciding.
    pub masked: Vec<TermMatch>,
    /// The unit's language when detection is reliable and it is one of the six
    /// UN languages; `None` otherwise (short units are often unreliable), and
    /// `None` for units without refugee or displacement terms, where it is not
    /// needed and detection would cost most of the time.
    pub language: Option<&'static str>,
}

impl ScopeClassifier {
    /// Parse, validate and compile the embedded lexicons.
    ///
    /// Why fallible: the lexicons are data edited by reviewers; a broken file
    /// (duplicate id, empty form, unknown category) must be reported, not
    /// panic. Tests load it, so a broken lexicon fails the build.
    pub fn load() -> Result<ScopeClassifier, ScopeLexiconError> {
        let lexicon = Lexicon::load()?;
        let matcher = Matcher::new(&lexicon);
        Ok(ScopeClassifier {
            lexicon,
            matcher,
            detector: lang::LanguageDetector::new(),
        })
    }

    /// The words of every refugee, refugee-instrument and displacement form,
    /// normalised: a unit whose folded text does not contain all the words of
    /// at least one form, each at the start of a word (or anywhere, for
    /// Arabic and Chinese), gets no refugee or displacement term from
    /// [`ScopeClassifier::assess`], so its verdict is migrant or neutral.
    ///
    /// Why: almost every paragraph of a report says nothing about refugees; a
    /// literal screen ([`crate::text::Screen`]) on these words lets the rules
    /// assess only the paragraphs that might. Units under a refugee-only
    /// heading must still be assessed in full, since the heading alone can
    /// make them refugee-only.
    pub fn decisive_phrases(&self) -> Vec<Vec<String>> {
        self.matcher.decisive_forms()
    }

    /// The shared classifier, compiled on first use.
    ///
    /// Why: a batch checks thousands of paragraphs; compile the index once.
    pub fn builtin() -> Result<&'static ScopeClassifier, ScopeLexiconError> {
        static CELL: OnceLock<Result<ScopeClassifier, ScopeLexiconError>> = OnceLock::new();
        CELL.get_or_init(ScopeClassifier::load)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Assess one unit on its own (no heading context).
    ///
    /// Why separate from [`ScopeClassifier::assess_under_heading`]: headings
    /// themselves, table cells and free-standing units have no section.
    pub fn assess(&self, text: &str) -> ScopeAssessment {
        let norm = normalize(text);
        let mut hits: Vec<Hit> = Vec::new();
        self.matcher.find_all(&norm, &mut hits);
        let (masks, terms) = self.matcher.resolve(&mut hits, norm.tokens.len());
        // Language detection is the costliest step; it only matters where a
        // finding may be made (refugee or displacement terms), so migrant-only
        // and neutral units skip it.
        let decisive = terms.iter().any(|h| {
            self.matcher
                .patterns
                .get(h.pattern as usize)
                .is_some_and(|p| {
                    matches!(
                        p.category,
                        Category::Refugee | Category::Instrument | Category::Displacement
                    )
                })
        });
        let language = if decisive {
            self.detector.detect(text)
        } else {
            None
        };

        let mut out = ScopeAssessment {
            verdict: ScopeVerdict::Neutral,
            escalated: false,
            refugee_terms: Vec::new(),
            migrant_terms: Vec::new(),
            displacement_terms: Vec::new(),
            masked: Vec::new(),
            language,
        };
        for h in &masks {
            if let Some(m) = self.term_match(text, &norm, h, language) {
                push_unique(&mut out.masked, m);
            }
        }
        for h in &terms {
            let Some(pat) = self.matcher.patterns.get(h.pattern as usize) else {
                continue;
            };
            let list = match pat.category {
                Category::Refugee | Category::Instrument => &mut out.refugee_terms,
                Category::Migrant => &mut out.migrant_terms,
                Category::Displacement => &mut out.displacement_terms,
                Category::Neutral | Category::Mask => continue,
            };
            if let Some(m) = self.term_match(text, &norm, h, language) {
                push_unique(list, m);
            }
        }
        out.verdict = decide::verdict(
            !out.refugee_terms.is_empty(),
            !out.migrant_terms.is_empty(),
            !out.displacement_terms.is_empty(),
        );
        out
    }

    /// Assess one unit inside a section, applying section escalation.
    ///
    /// Why: a paragraph under "Refugees and asylum" that says "Applications
    /// are processed within six months" is refugee content even though it
    /// names no refugee. It stays in scope if it has its own migrant marker
    /// (or displacement term). Pass the heading's own assessment.
    pub fn assess_under_heading(
        &self,
        text: &str,
        heading: Option<&ScopeAssessment>,
    ) -> ScopeAssessment {
        let mut a = self.assess(text);
        decide::escalate(&mut a, heading);
        a
    }

    /// Whether a heading is itself refugee-only ("Refugees and asylum",
    /// « Asile », «Убежище», «اللجوء», 难民).
    ///
    /// Why derived from the same lexicon rather than a separate heading list:
    /// one rule for all units keeps the check consistent and explainable — a
    /// heading is refugee-only exactly when it would be as a paragraph.
    pub fn heading_is_refugee_only(&self, heading_text: &str) -> bool {
        self.assess(heading_text).verdict == ScopeVerdict::RefugeeOnly
    }

    fn term_match(
        &self,
        text: &str,
        norm: &normalize::Normalized,
        hit: &Hit,
        language: Option<&'static str>,
    ) -> Option<TermMatch> {
        let pat = self.matcher.patterns.get(hit.pattern as usize)?;
        let first = norm.tokens.get(hit.start)?;
        let last = norm.tokens.get(hit.end.checked_sub(1)?)?;
        let (start, end) = (first.orig_start, last.orig_end);
        // Prefer the entry in the unit's language when a form is shared.
        let entry = pat
            .entries
            .iter()
            .filter_map(|&e| self.lexicon.entries.get(e))
            .find(|e| Some(e.lang) == language)
            .or_else(|| {
                pat.entries
                    .first()
                    .and_then(|&e| self.lexicon.entries.get(e))
            })?;
        Some(TermMatch {
            id: entry.id.clone(),
            lang: entry.lang,
            text: text.get(start..end)?.to_string(),
            start,
            end,
        })
    }
}

/// Keep one match per entry and spelling: a paragraph that says "refugees"
/// five times needs to be told once.
fn push_unique(list: &mut Vec<TermMatch>, m: TermMatch) {
    if !list.iter().any(|x| x.id == m.id && x.text == m.text) {
        list.push(m);
    }
}

#[cfg(test)]
mod tests;
