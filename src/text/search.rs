//! Literal screens: a fast, conservative answer to "could this paragraph
//! contain any of these words?", asked before the exact (and much slower)
//! tokenising checks run.
//!
//! Why: a 200-page report has thousands of paragraphs, and nearly all of them
//! say nothing about refugees and cite no objective. Normalising and
//! tokenising every one of them made the rules cost forty times the reading
//! of the file. A screen searches the paragraph once for the words that must
//! be present for the exact check to find anything (Aho-Corasick, SIMD
//! prefilter); only paragraphs that pass go on. A screen may say "maybe" when
//! the answer is no, never the reverse: the words it looks for are derived
//! from the same data and folded by the same [`fold_char`] as the exact check,
//! and tests compare screened and unscreened results on the real corpus.
//!
//! [`fold_char`]: super::fold_char

use aho_corasick::AhoCorasick;

use super::fold_char;

/// A paragraph prepared for screening: the text itself when it is ASCII
/// (searched case-insensitively, no copy), else its folded form in a scratch
/// buffer the caller reuses.
#[derive(Debug, Clone, Copy)]
pub struct SearchText<'a> {
    text: &'a str,
    folded: bool,
    joins: bool,
}

impl<'a> SearchText<'a> {
    /// Prepares `text`, folding it into `scratch` when it is not ASCII.
    pub fn new(text: &'a str, scratch: &'a mut String) -> SearchText<'a> {
        let bytes = text.as_bytes();
        let dot_join = memchr::memchr_iter(b'.', bytes).any(|i| {
            bytes
                .get(i + 1)
                .is_some_and(|&b| b.is_ascii_lowercase() || b >= 0x80)
        });
        if text.is_ascii() {
            return SearchText {
                text,
                folded: false,
                joins: dot_join,
            };
        }
        scratch.clear();
        scratch.reserve(text.len());
        let mut joiner = false;
        let mut rest = text;
        while !rest.is_empty() {
            let run = ascii_prefix_len(rest.as_bytes());
            let (ascii, tail) = rest.split_at(run);
            let start = scratch.len();
            scratch.push_str(ascii);
            if let Some(s) = scratch.get_mut(start..) {
                s.make_ascii_lowercase();
            }
            let mut chars = tail.chars();
            let Some(ch) = chars.next() else { break };
            joiner |= is_joiner(ch);
            fold_char(ch, |c| scratch.push(c));
            rest = chars.as_str();
        }
        SearchText {
            text: scratch.as_str(),
            folded: true,
            joins: dot_join || joiner,
        }
    }

    /// The text searched: the original when ASCII, else the folded form.
    pub fn as_str(&self) -> &'a str {
        self.text
    }

    /// True when the original is ASCII (and [`SearchText::as_str`] is it, in
    /// its original case).
    pub fn is_ascii_original(&self) -> bool {
        !self.folded
    }

    /// True when the text has a dot or middle dot inside a word (inclusive
    /// writing, `réfugié·e·s`), which the scope normaliser may join into one
    /// word that no literal of a screen spans.
    pub fn may_join_words(&self) -> bool {
        self.joins
    }
}

/// Middle dots that inclusive writing puts inside words.
fn is_joiner(c: char) -> bool {
    matches!(c, '·' | '\u{2027}' | '\u{22C5}' | '\u{2E31}' | '\u{2219}')
}

/// Length of the ASCII prefix of `bytes`, eight bytes at a time.
pub(crate) fn ascii_prefix_len(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in chunks.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if u64::from_ne_bytes(word) & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        n += 8;
    }
    n + bytes
        .get(n..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| b.is_ascii())
        .count()
}

/// A set of folded words to screen for.
#[derive(Debug, Clone)]
pub struct LiteralSet {
    /// The ASCII words, matched case-insensitively on ASCII originals.
    ascii: Option<AhoCorasick>,
    /// All words, matched on folded text.
    folded: Option<AhoCorasick>,
    /// The automaton could not be built: every text is a "maybe".
    always: bool,
}

impl LiteralSet {
    /// Compiles a set from words already folded with [`fold_char`] (lower
    /// case, no accents). Empty words are ignored.
    pub fn new<I, S>(words: I) -> LiteralSet
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut all: Vec<String> = words
            .into_iter()
            .map(|w| w.as_ref().to_string())
            .filter(|w| !w.is_empty())
            .collect();
        all.sort();
        all.dedup();
        let ascii: Vec<&String> = all.iter().filter(|w| w.is_ascii()).collect();
        let build = |words: &[&String], ci: bool| -> Result<Option<AhoCorasick>, ()> {
            if words.is_empty() {
                return Ok(None);
            }
            AhoCorasick::builder()
                .ascii_case_insensitive(ci)
                .build(words)
                .map(Some)
                .map_err(|_| ())
        };
        let all_refs: Vec<&String> = all.iter().collect();
        match (build(&ascii, true), build(&all_refs, false)) {
            (Ok(ascii), Ok(folded)) => LiteralSet {
                ascii,
                folded,
                always: false,
            },
            _ => LiteralSet {
                ascii: None,
                folded: None,
                always: true,
            },
        }
    }

    fn automaton(&self, text: &SearchText<'_>) -> Option<&AhoCorasick> {
        if text.folded {
            self.folded.as_ref()
        } else {
            self.ascii.as_ref()
        }
    }

    /// Whether any word of the set may occur in `text`.
    pub fn may_occur(&self, text: &SearchText<'_>) -> bool {
        self.always
            || self
                .automaton(text)
                .is_some_and(|ac| ac.is_match(text.as_str()))
    }

    /// Byte ranges in [`SearchText::as_str`] where words of the set occur
    /// (non-overlapping, left to right). Empty when the set could not be built.
    pub fn occurrences<'t>(
        &'t self,
        text: &SearchText<'t>,
    ) -> impl Iterator<Item = (usize, usize)> + 't {
        let haystack = text.as_str();
        self.automaton(text)
            .into_iter()
            .flat_map(move |ac| ac.find_iter(haystack).map(|m| (m.start(), m.end())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(words: &[&str], text: &str) -> bool {
        let set = LiteralSet::new(words);
        let mut scratch = String::new();
        set.may_occur(&SearchText::new(text, &mut scratch))
    }

    #[test]
    fn ascii_text_is_searched_without_regard_to_case() {
        assert!(screen(&["refuge"], "REFUGEES arrived"));
        assert!(screen(&["refuge"], "the Refugee Convention"));
        assert!(!screen(&["refuge"], "labour migration and remittances"));
    }

    #[test]
    fn other_text_is_folded_like_the_scope_check() {
        assert!(screen(&["refugie"], "Les RÉFUGIÉS reconnus"));
        assert!(screen(&["refugie"], "les re\u{301}fugie\u{301}s (NFD)"));
        assert!(screen(&["refugee"], "ref\u{AD}ugees with a soft hyphen"));
        assert!(screen(&["беженц"], "БЕЖЕНЦЫ и мигранты"));
        assert!(screen(&["难民"], "難民署"));
        assert!(screen(&["refugee"], "ＲＥＦＵＧＥＥ in full width"));
        assert!(!screen(
            &["refugie"],
            "les travailleurs migrants « saisonniers »"
        ));
    }

    #[test]
    fn inclusive_writing_is_reported() {
        let mut s = String::new();
        assert!(SearchText::new("réfugié·e·s", &mut s).may_join_words());
        assert!(SearchText::new("demandeur.euse.s", &mut s).may_join_words());
        assert!(!SearchText::new("Migrants. Workers 1.5", &mut s).may_join_words());
    }

    #[test]
    fn occurrences_point_into_the_searched_text() {
        let set = LiteralSet::new(["obj"]);
        let mut s = String::new();
        let t = SearchText::new("Objective 5 and OBJ. 6", &mut s);
        let found: Vec<_> = set.occurrences(&t).collect();
        assert_eq!(found, vec![(0, 3), (16, 19)]);
    }

    #[test]
    fn ascii_prefix_is_measured_across_chunks() {
        assert_eq!(ascii_prefix_len(b"abcdefghijklm"), 13);
        assert_eq!(ascii_prefix_len("abcdefghé".as_bytes()), 8);
        assert_eq!(ascii_prefix_len("abcé".as_bytes()), 3);
        assert_eq!(ascii_prefix_len(b""), 0);
    }
}
