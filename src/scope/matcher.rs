//! Finding lexicon forms in normalised text, and choosing which matches count.
//!
//! Every form is a short sequence of words (a Chinese form is a sequence of
//! single characters, which makes it a substring match). The index maps a
//! form's first word to the forms that start with it, and a stem's first three
//! letters to the stems that start with them, so each text word costs one or
//! two hash look-ups (up to five keys for an Arabic word with clitics).
//!
//! Overlaps are settled in two rounds, which is what makes the rule
//! explainable: (1) proper names are masked first, leftmost and longest;
//! (2) among the remaining matches that do not touch a mask, the leftmost and
//! longest wins, so a longer neutral phrase (庇护所 "shelter", "refugio") hides
//! the shorter refugee word inside it.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::lexicon::{Category, Lexicon, PatWord};
use super::normalize::{arabic_keys, Normalized, Token};

/// FNV-1a: keys are short words, and SipHash would dominate the run time.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Characters of a stem used as its index key.
const STEM_KEY_CHARS: usize = 3;

/// A distinct compiled form with every entry that lists it (the same word can
/// sit in several languages' lexicons, always in one category).
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pub words: Vec<PatWord>,
    pub category: Category,
    /// Entry indices, in lexicon order.
    pub entries: Vec<usize>,
    /// Words matched exactly (more exact = more specific on ties).
    exact_words: usize,
}

/// The compiled lexicon.
#[derive(Debug, Clone, Default)]
pub(crate) struct Matcher {
    pub patterns: Vec<Pattern>,
    by_first_exact: FnvMap<String, Vec<u32>>,
    by_first_stem: FnvMap<String, Vec<u32>>,
}

/// One occurrence of a pattern over tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub pattern: u32,
    pub start: usize,
    pub end: usize,
}

fn stem_key(s: &str) -> Option<&str> {
    let end = s
        .char_indices()
        .nth(STEM_KEY_CHARS)
        .map_or(s.len(), |(i, _)| i);
    if s.chars().count() < STEM_KEY_CHARS {
        return None;
    }
    s.get(..end)
}

impl Matcher {
    /// Compile the index; identical forms from several entries share a pattern.
    pub(crate) fn new(lex: &Lexicon) -> Matcher {
        let mut m = Matcher::default();
        let mut by_words: HashMap<&[PatWord], usize, foldhash::fast::RandomState> =
            HashMap::default();
        for form in &lex.forms {
            let Some(entry) = lex.entries.get(form.entry) else {
                continue;
            };
            if let Some(&p) = by_words.get(form.words.as_slice()) {
                if let Some(pat) = m.patterns.get_mut(p) {
                    if !pat.entries.contains(&form.entry) {
                        pat.entries.push(form.entry);
                    }
                }
                continue;
            }
            by_words.insert(form.words.as_slice(), m.patterns.len());
            m.patterns.push(Pattern {
                words: form.words.clone(),
                category: entry.category,
                entries: vec![form.entry],
                exact_words: form
                    .words
                    .iter()
                    .filter(|w| matches!(w, PatWord::Exact(_)))
                    .count(),
            });
        }
        for (i, p) in m.patterns.iter().enumerate() {
            let idx = u32::try_from(i).unwrap_or(u32::MAX);
            match p.words.first() {
                Some(PatWord::Exact(w)) => {
                    m.by_first_exact.entry(w.clone()).or_default().push(idx);
                }
                Some(PatWord::Stem(w)) => {
                    if let Some(k) = stem_key(w) {
                        m.by_first_stem.entry(k.to_string()).or_default().push(idx);
                    }
                }
                None => {}
            }
        }
        m
    }

    /// The words (exact keys or stems) of every refugee, refugee-instrument
    /// and displacement pattern. Any match of a pattern puts each of its
    /// words, whole, at the start of a normalised token (inside one, for an
    /// Arabic word read without its clitics), so a text whose folded form
    /// lacks a word of every pattern has no such match.
    pub(crate) fn decisive_forms(&self) -> Vec<Vec<String>> {
        self.patterns
            .iter()
            .filter(|p| {
                matches!(
                    p.category,
                    Category::Refugee | Category::Instrument | Category::Displacement
                )
            })
            .map(|p| {
                p.words
                    .iter()
                    .map(|w| match w {
                        PatWord::Exact(s) | PatWord::Stem(s) => s.clone(),
                    })
                    .collect()
            })
            .collect()
    }

    /// Every occurrence of every pattern, overlapping, in token order.
    pub(crate) fn find_all(&self, text: &Normalized, hits: &mut Vec<Hit>) {
        for start in 0..text.tokens.len() {
            let Some(tok) = text.tokens.get(start) else {
                break;
            };
            let first_here = hits.len();
            for key in keys(text, tok).into_iter().flatten() {
                if let Some(list) = self.by_first_exact.get(key) {
                    self.extend(text, start, list, hits, first_here);
                }
                if let Some(list) = stem_key(key).and_then(|k| self.by_first_stem.get(k)) {
                    self.extend(text, start, list, hits, first_here);
                }
            }
        }
    }

    fn extend(
        &self,
        text: &Normalized,
        start: usize,
        list: &[u32],
        hits: &mut Vec<Hit>,
        first_here: usize,
    ) {
        for &p in list {
            let Some(pat) = self.patterns.get(p as usize) else {
                continue;
            };
            if self.matches_at(text, start, pat) {
                let hit = Hit {
                    pattern: p,
                    start,
                    end: start + pat.words.len(),
                };
                // An Arabic word can reach the same pattern through two keys.
                if !hits.get(first_here..).is_some_and(|h| h.contains(&hit)) {
                    hits.push(hit);
                }
            }
        }
    }

    fn matches_at(&self, text: &Normalized, start: usize, pat: &Pattern) -> bool {
        pat.words.iter().enumerate().all(|(i, w)| {
            text.tokens
                .get(start + i)
                .is_some_and(|t| keys(text, t).into_iter().flatten().any(|k| word_ok(w, k)))
        })
    }

    /// Pick the matches that count: masks first, then the rest. Returns the
    /// masks and the terms, each sorted by position.
    pub(crate) fn resolve(&self, hits: &mut [Hit], token_count: usize) -> (Vec<Hit>, Vec<Hit>) {
        let rank = |h: &Hit| {
            let p = self.patterns.get(h.pattern as usize);
            (
                h.start,
                usize::MAX - (h.end - h.start),
                usize::MAX - p.map_or(0, |p| p.exact_words),
                u8::MAX - p.map_or(0, |p| p.category.priority()),
                h.pattern,
            )
        };
        hits.sort_by_key(rank);
        let is_mask = |h: &Hit| {
            self.patterns
                .get(h.pattern as usize)
                .is_some_and(|p| p.category == Category::Mask)
        };
        let mut masks: Vec<Hit> = Vec::new();
        for h in hits.iter().filter(|h| is_mask(h)) {
            if masks.last().is_none_or(|m| m.end <= h.start) {
                masks.push(*h);
            }
        }
        let mut masked = vec![false; token_count];
        for m in &masks {
            for flag in masked.iter_mut().take(m.end).skip(m.start) {
                *flag = true;
            }
        }
        let overlaps_mask = |h: &Hit| {
            masked
                .get(h.start..h.end)
                .is_none_or(|span| span.iter().any(|&f| f))
        };
        let mut terms: Vec<Hit> = Vec::new();
        for h in hits.iter().filter(|h| !is_mask(h) && !overlaps_mask(h)) {
            if terms.last().is_none_or(|t| t.end <= h.start) {
                terms.push(*h);
            }
        }
        (masks, terms)
    }
}

fn word_ok(w: &PatWord, key: &str) -> bool {
    match w {
        PatWord::Exact(e) => e == key,
        PatWord::Stem(s) => key.starts_with(s.as_str()),
    }
}

/// The keys a text word is matched under: itself, plus clitic-stripped
/// variants for Arabic.
fn keys<'a>(text: &'a Normalized, tok: &Token) -> [Option<&'a str>; 5] {
    let key = text.key(tok);
    if tok.arabic {
        arabic_keys(key)
    } else {
        [Some(key), None, None, None, None]
    }
}
