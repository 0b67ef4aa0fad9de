//! The scope lexicons: reviewed data in `seeds/scope/{lang}.toml`, embedded at
//! build time and validated when loaded.
//!
//! The lexicon is data, not code, so that reviewers who read French, Russian,
//! Arabic or Chinese (and not Rust) can check every form, and so that each
//! finding can name the entry (`fr.asylum-seeker`) that produced it.
//!
//! File shape:
//! ```toml
//! lang = "fr"
//!
//! [[entry]]
//! id = "fr.asylum-seeker"     # stable; starts with the file's language
//! category = "refugee"        # refugee | instrument | migrant | mask | neutral | displacement
//! verified = false            # true only for forms marked [V] in DOMAIN.md
//! forms = ["demandeur d'asile", "demandeurs d'asile"]
//! note = "optional reviewer note"
//! ```
//! A word ending in `*` is a stem: it matches every word that begins with it
//! (Russian case endings, Arabic suffixes). Stems must keep at least three
//! letters after normalisation.

use serde::Deserialize;
use thiserror::Error;

use super::normalize::{arabic_canonical, normalize};

/// The six lexicon files, in the order their entries are reported when the same
/// form occurs in several languages.
pub(crate) const SOURCES: [(&str, &str); 6] = crate::embedded::SCOPE;

/// Shortest stem, in characters, so a stem cannot swallow unrelated words.
const MIN_STEM_CHARS: usize = 3;

/// What a lexicon entry says about scope. Serialised in lower case in the TOML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Refugee and asylum terms: make a unit refugee content.
    Refugee,
    /// Refugee-specific instruments and bodies (1951 Convention, GCR, UNRWA):
    /// count as refugee content.
    Instrument,
    /// Migrant and migration markers: keep a unit in scope.
    Migrant,
    /// Proper names masked before deciding: their words say nothing about scope.
    Mask,
    /// Words that are not refugee-specific; they never trigger and, being
    /// longer, shield a shorter refugee form inside them (庇护所, shelter).
    Neutral,
    /// Internal, disaster and climate displacement: a "check scope" note.
    Displacement,
}

impl Category {
    /// Tie-break when two matches cover the same words: the more specific
    /// reading wins (a name before a neutral phrase before a scope marker).
    pub(crate) fn priority(self) -> u8 {
        match self {
            Category::Mask => 5,
            Category::Neutral => 4,
            Category::Displacement => 3,
            Category::Instrument => 2,
            Category::Refugee => 1,
            Category::Migrant => 0,
        }
    }
}

/// Why the embedded lexicon could not be used. Raised at load time only; a
/// broken lexicon must fail the build's tests, never a user's run.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ScopeLexiconError {
    /// The TOML does not parse, or has an unknown field or category.
    #[error("seeds/scope/{file}.toml: {message}")]
    Parse {
        /// The language of the file.
        file: String,
        /// The parser's message.
        message: String,
    },
    /// The file's `lang` is not the one its name says.
    #[error("seeds/scope/{file}.toml: lang is {found:?}")]
    WrongLanguage {
        /// The language of the file name.
        file: String,
        /// The `lang` value found.
        found: String,
    },
    /// An id does not start with the file's language and a dot.
    #[error("{id}: id must start with \"{lang}.\"")]
    BadId {
        /// The offending id.
        id: String,
        /// The file's language.
        lang: String,
    },
    /// Two entries share an id.
    #[error("duplicate id {0}")]
    DuplicateId(String),
    /// An entry has no forms.
    #[error("{0}: no forms")]
    NoForms(String),
    /// A form is empty once normalised (only punctuation, say).
    #[error("{id}: form {form:?} has no words")]
    EmptyForm {
        /// The entry.
        id: String,
        /// The form as written.
        form: String,
    },
    /// A stem is too short, or `*` stands alone or inside a word.
    #[error("{id}: bad stem in {form:?} (a stem needs {MIN_STEM_CHARS} letters and ends a word)")]
    BadStem {
        /// The entry.
        id: String,
        /// The form as written.
        form: String,
    },
    /// The same normalised form is listed under two different categories.
    #[error("form {form:?} is both {first} and {second}")]
    Conflict {
        /// The form as written.
        form: String,
        /// The first entry listing it.
        first: String,
        /// The second entry listing it.
        second: String,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    lang: String,
    #[serde(default)]
    entry: Vec<EntryToml>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryToml {
    id: String,
    category: Category,
    verified: bool,
    forms: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

/// One word of a compiled form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum PatWord {
    /// The word must equal this key.
    Exact(String),
    /// The word must begin with this stem.
    Stem(String),
}

/// A lexicon entry as loaded.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub id: String,
    pub lang: &'static str,
    pub category: Category,
    #[allow(dead_code)]
    pub verified: bool,
}

/// A compiled form: its words and the entry it belongs to.
#[derive(Debug, Clone)]
pub(crate) struct Form {
    pub words: Vec<PatWord>,
    pub entry: usize,
    /// The form as written in the TOML (the self-match test reads it).
    #[cfg_attr(not(test), allow(dead_code))]
    pub written: String,
}

/// All six lexicons, parsed and validated.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    pub entries: Vec<Entry>,
    pub forms: Vec<Form>,
}

/// Turn one written form into pattern words with the text normaliser.
pub(crate) fn compile_form(id: &str, form: &str) -> Result<Vec<PatWord>, ScopeLexiconError> {
    let bad_stem = || ScopeLexiconError::BadStem {
        id: id.to_string(),
        form: form.to_string(),
    };
    let mut out = Vec::new();
    for piece in form.split_whitespace() {
        let (body, stem) = match piece.strip_suffix('*') {
            Some(b) => (b, true),
            None => (piece, false),
        };
        if body.contains('*') {
            return Err(bad_stem());
        }
        let n = normalize(body);
        let count = n.tokens.len();
        for (i, t) in n.tokens.iter().enumerate() {
            let mut key = n.key(t);
            if t.arabic {
                key = arabic_canonical(key);
            }
            if stem && i + 1 == count {
                if key.chars().count() < MIN_STEM_CHARS {
                    return Err(bad_stem());
                }
                out.push(PatWord::Stem(key.to_string()));
            } else {
                out.push(PatWord::Exact(key.to_string()));
            }
        }
        if stem && count == 0 {
            return Err(bad_stem());
        }
    }
    if out.is_empty() {
        return Err(ScopeLexiconError::EmptyForm {
            id: id.to_string(),
            form: form.to_string(),
        });
    }
    Ok(out)
}

impl Lexicon {
    /// Parse and validate the embedded files.
    pub(crate) fn load() -> Result<Lexicon, ScopeLexiconError> {
        Lexicon::from_sources(&SOURCES)
    }

    /// Parse and validate the given `(lang, toml)` files.
    pub(crate) fn from_sources(
        sources: &[(&'static str, &str)],
    ) -> Result<Lexicon, ScopeLexiconError> {
        let mut lex = Lexicon::default();
        // Built once per run from the seeds: a fast hasher (foldhash).
        let mut ids: std::collections::HashSet<String, foldhash::fast::RandomState> =
            std::collections::HashSet::default();
        let mut seen: std::collections::HashMap<Vec<PatWord>, usize, foldhash::fast::RandomState> =
            std::collections::HashMap::default();
        for &(lang, src) in sources {
            let file: FileToml =
                crate::embedded::from_str(src).map_err(|message| ScopeLexiconError::Parse {
                    file: lang.to_string(),
                    message,
                })?;
            if file.lang != lang {
                return Err(ScopeLexiconError::WrongLanguage {
                    file: lang.to_string(),
                    found: file.lang,
                });
            }
            for e in file.entry {
                let prefix_ok =
                    e.id.strip_prefix(lang)
                        .and_then(|r| r.strip_prefix('.'))
                        .is_some_and(|r| !r.is_empty());
                if !prefix_ok {
                    return Err(ScopeLexiconError::BadId {
                        id: e.id,
                        lang: lang.to_string(),
                    });
                }
                if !ids.insert(e.id.clone()) {
                    return Err(ScopeLexiconError::DuplicateId(e.id));
                }
                if e.forms.is_empty() {
                    return Err(ScopeLexiconError::NoForms(e.id));
                }
                let entry_idx = lex.entries.len();
                for written in &e.forms {
                    let words = compile_form(&e.id, written)?;
                    if let Some(&other) = seen.get(&words) {
                        let first = lex.forms.get(other).and_then(|f| lex.entries.get(f.entry));
                        if let Some(first) = first {
                            if first.category != e.category {
                                return Err(ScopeLexiconError::Conflict {
                                    form: written.clone(),
                                    first: first.id.clone(),
                                    second: e.id.clone(),
                                });
                            }
                        }
                    } else {
                        seen.insert(words.clone(), lex.forms.len());
                    }
                    lex.forms.push(Form {
                        words,
                        entry: entry_idx,
                        written: written.clone(),
                    });
                }
                lex.entries.push(Entry {
                    id: e.id,
                    lang,
                    category: e.category,
                    verified: e.verified,
                });
            }
        }
        Ok(lex)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(src: &str) -> Result<Lexicon, ScopeLexiconError> {
        Lexicon::from_sources(&[("en", src)])
    }

    #[test]
    fn embedded_lexicons_load() {
        let lex = Lexicon::load();
        assert!(lex.is_ok(), "{lex:?}");
    }

    #[test]
    fn every_language_has_every_category() {
        let Ok(lex) = Lexicon::load() else {
            panic!("lexicon does not load");
        };
        for (lang, _) in SOURCES {
            for cat in [
                Category::Refugee,
                Category::Instrument,
                Category::Migrant,
                Category::Mask,
                Category::Neutral,
                Category::Displacement,
            ] {
                assert!(
                    lex.entries
                        .iter()
                        .any(|e| e.lang == lang && e.category == cat),
                    "{lang} has no {cat:?} entry"
                );
            }
        }
    }

    #[test]
    fn rejects_unknown_category() {
        let r = one("lang = \"en\"\n[[entry]]\nid = \"en.x\"\ncategory = \"people\"\nverified = false\nforms = [\"x\"]\n");
        assert!(matches!(r, Err(ScopeLexiconError::Parse { .. })), "{r:?}");
    }

    #[test]
    fn rejects_duplicate_ids_and_empty_forms() {
        let entry = "[[entry]]\nid = \"en.x\"\ncategory = \"refugee\"\nverified = false\nforms = [\"refugee\"]\n";
        let r = one(&format!("lang = \"en\"\n{entry}{entry}"));
        assert_eq!(r.err(), Some(ScopeLexiconError::DuplicateId("en.x".into())));
        let r = one("lang = \"en\"\n[[entry]]\nid = \"en.x\"\ncategory = \"refugee\"\nverified = false\nforms = []\n");
        assert_eq!(r.err(), Some(ScopeLexiconError::NoForms("en.x".into())));
        let r = one("lang = \"en\"\n[[entry]]\nid = \"en.x\"\ncategory = \"refugee\"\nverified = false\nforms = [\" ; \"]\n");
        assert!(matches!(r, Err(ScopeLexiconError::EmptyForm { .. })));
    }

    #[test]
    fn rejects_bad_ids_stems_and_conflicts() {
        let r = one("lang = \"en\"\n[[entry]]\nid = \"fr.x\"\ncategory = \"refugee\"\nverified = false\nforms = [\"x\"]\n");
        assert!(matches!(r, Err(ScopeLexiconError::BadId { .. })));
        let r = one("lang = \"en\"\n[[entry]]\nid = \"en.x\"\ncategory = \"refugee\"\nverified = false\nforms = [\"re*\"]\n");
        assert!(matches!(r, Err(ScopeLexiconError::BadStem { .. })));
        let r = one("lang = \"en\"\n[[entry]]\nid = \"en.x\"\ncategory = \"refugee\"\nverified = false\nforms = [\"Réfugié\"]\n[[entry]]\nid = \"en.y\"\ncategory = \"neutral\"\nverified = false\nforms = [\"refugie\"]\n");
        assert!(matches!(r, Err(ScopeLexiconError::Conflict { .. })));
        let r = Lexicon::from_sources(&[("fr", "lang = \"en\"\n")]);
        assert!(matches!(r, Err(ScopeLexiconError::WrongLanguage { .. })));
    }

    #[test]
    fn stems_compile() {
        assert_eq!(
            compile_form("ru.x", "беженц*"),
            Ok(vec![PatWord::Stem("беженц".into())])
        );
        assert_eq!(
            compile_form("fr.x", "demandeurs d’asile"),
            Ok(vec![
                PatWord::Exact("demandeurs".into()),
                PatWord::Exact("asile".into())
            ])
        );
    }
}
