//! Literal screens: one fast pass over a paragraph that counts its words and
//! says which of several word lists it may contain, before the exact (and much
//! slower) tokenising checks run.
//!
//! Why: a 200-page report has a hundred thousand words, and nearly every
//! paragraph says nothing about refugees and cites no objective. Normalising
//! and tokenising every paragraph made the rules cost forty times the reading
//! of the file. The screen looks at each word once, by its first four letters,
//! and only paragraphs that pass go on to the exact checks.
//!
//! A screen may say "maybe" when the answer is no, never the reverse:
//! - ASCII words of a list are matched at the start of a word of the text (a
//!   run of letters or a run of digits, as the scope tokeniser splits them),
//!   in any case; a list word must therefore be the start of a word wherever
//!   the exact check can match it (true of lexicon keys, stems and objective
//!   markers);
//! - text that is not ASCII is first folded with [`fold_char`], the scope
//!   check's own character fold; if the folded text is still not ASCII, every
//!   word of the lists is searched anywhere in it (Aho-Corasick), which covers
//!   Arabic words read without their clitics and Chinese, which has no spaces.
//!
//! In front of the word-by-word pass, ASCII text is searched for a few
//! anchor strings ([`super::anchors`]) at its word starts; most paragraphs end
//! there.
//!
//! Tests compare screened and unscreened results on the real corpus.
//!
//! [`fold_char`]: super::fold_char

use std::collections::BTreeMap;

use aho_corasick::AhoCorasick;

use super::anchors::{AnchorPhrase, Anchors};
use super::{push_folded, word_count};

/// Which lists a paragraph may contain, and its word count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Screened {
    /// Words as Word counts them ([`super::word_count`]).
    pub words: usize,
    /// Bit `i` set: list `i` may occur.
    lists: u32,
    /// A dot or middle dot inside a word (inclusive writing).
    joins: bool,
    /// The paragraph is ASCII, and the hits carry its byte offsets.
    ascii: bool,
    /// The paragraph is not ASCII but folds to ASCII (accented Latin): the
    /// hits carry byte offsets in [`ScreenScratch::folded`].
    folded_ascii: bool,
}

impl Screened {
    /// Whether words of list `list` may occur in the paragraph.
    pub fn may_contain(&self, list: usize) -> bool {
        u32::try_from(list)
            .ok()
            .and_then(|l| 1u32.checked_shl(l))
            .is_some_and(|bit| self.lists & bit != 0)
    }

    /// True when the paragraph has a dot or middle dot inside a word
    /// (`réfugié·e·s`, `refugee.s`), which the scope normaliser may join into
    /// one word that the screen never saw whole.
    pub fn may_join_words(&self) -> bool {
        self.joins
    }

    /// True when the paragraph is ASCII: [`ScreenScratch::hits`] then holds
    /// the byte offset of every word that matched a list.
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// True when the paragraph is not ASCII but its scope fold is (French,
    /// Spanish): [`ScreenScratch::hits`] then holds offsets in
    /// [`ScreenScratch::folded`].
    pub fn folds_to_ascii(&self) -> bool {
        self.folded_ascii
    }
}

/// Buffers reused from paragraph to paragraph.
#[derive(Debug, Default)]
pub struct ScreenScratch {
    folded: String,
    /// ASCII text with every byte folded, when the anchor search is byte-wise.
    lower: Vec<u8>,
    /// The whole paragraph, folded, once a hit needs it.
    paragraph: Vec<u8>,
    /// Per [`super::anchors::AnchorInfo::partner_key`] met in the paragraph:
    /// whether one of its partner words occurs anywhere in it.
    partners_present: Vec<((u16, u16), bool)>,
    hits: Vec<(u8, usize)>,
    /// Words of each phrase seen so far (bit per word), and which phrases
    /// were touched, to reset them cheaply.
    seen: Vec<u64>,
    /// Per phrase: the counted-word index of its last word seen.
    last: Vec<u32>,
    touched: Vec<u32>,
}

impl ScreenScratch {
    /// For an ASCII paragraph: (list, byte offset) of every word start where
    /// a word of a list may begin, in text order (a superset when the anchor
    /// search settled the paragraph: the caller verifies each place). For a
    /// paragraph that folds to ASCII, the same in [`ScreenScratch::folded`].
    pub fn hits(&self) -> &[(u8, usize)] {
        &self.hits
    }

    /// The last paragraph as the scope check folds it, when it was not
    /// ASCII (see [`Screened::folds_to_ascii`]).
    pub fn folded(&self) -> &str {
        &self.folded
    }

    fn reset(&mut self, phrases: usize) {
        self.hits.clear();
        self.forget_phrases(phrases);
    }

    /// Forgets the phrase words seen, keeping the hits.
    fn forget_phrases(&mut self, phrases: usize) {
        if self.seen.len() != phrases {
            self.seen = vec![0; phrases];
            self.last = vec![0; phrases];
            self.touched.clear();
        }
        for p in self.touched.drain(..) {
            if let Some(s) = self.seen.get_mut(p as usize) {
                *s = 0;
            }
        }
    }
}

/// Several lists of phrases compiled into one screen.
#[derive(Debug, Clone)]
pub struct Screen {
    /// Bloom bits over the folded first four bytes of phrase words.
    bits4: Vec<u64>,
    /// Bloom bits over the folded first three bytes of three-letter words.
    bits3: Vec<u64>,
    /// Exact look-up after a bloom hit, sorted by key: first bytes → words.
    by_prefix: Vec<(u32, Vec<BucketWord>)>,
    /// Bloom index → 1 + position in `slot_lists` (0: no key there), so a
    /// hit finds its buckets without searching.
    slots: Vec<u16>,
    /// Per used slot: the indices in `by_prefix` of the keys hashed there.
    slot_lists: Vec<Vec<usize>>,
    /// Per phrase: its list, the bits of the words it needs, and how many
    /// words it has (its tested words lie at most that many minus one apart).
    phrases: Vec<(u8, u64, u32)>,
    /// Lists with a phrase that needs no word the screen can test.
    always: u32,
    /// Every word of every phrase, for folded text that is not ASCII.
    /// Built on the first such paragraph: most reports have none, and
    /// compiling it is a visible part of start-up.
    other: OtherText,
    /// The anchor search in front of the word pass for ASCII text.
    anchors: Option<Anchors>,
}

/// Every word of every phrase, searched anywhere in folded text that is not
/// ASCII; the automaton is compiled on first use.
#[derive(Debug, Clone, Default)]
struct OtherText {
    words: Vec<(String, PhraseWord)>,
    searcher: std::sync::OnceLock<Option<AhoCorasick>>,
}

impl OtherText {
    fn searcher(&self) -> Option<&AhoCorasick> {
        self.searcher
            .get_or_init(|| AhoCorasick::new(self.words.iter().map(|(w, _)| w)).ok())
            .as_ref()
    }
}

/// A word's place in a phrase: the phrase and the word's bit there.
#[derive(Debug, Clone)]
struct PhraseWord {
    phrase: u32,
    bit: u64,
}

/// A distinct ASCII word with every phrase that uses it, and its first eight
/// bytes (bit 5 set, as [`key_of`]) for a one-compare rejection.
#[derive(Debug, Clone)]
struct BucketWord {
    word: Vec<u8>,
    head: u64,
    mask: u64,
    uses: Vec<PhraseWord>,
}

/// Eight bytes from `bytes` (padded with zeros), each with bit 5 set.
fn head_of(bytes: &[u8]) -> u64 {
    let mut h = [0u8; 8];
    for (slot, b) in h.iter_mut().zip(bytes) {
        *slot = b | 0x20;
    }
    u64::from_le_bytes(h)
}

const BLOOM_BITS: u32 = 16;
const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

fn bloom_index(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> (32 - BLOOM_BITS)) as usize
}

fn bloom_set(bits: &mut [u64], key: u32) {
    let i = bloom_index(key);
    if let Some(w) = bits.get_mut(i / 64) {
        *w |= 1 << (i % 64);
    }
}

#[inline]
fn bloom_has(bits: &[u64], key: u32) -> bool {
    let i = bloom_index(key);
    bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

/// Little-endian key of up to four bytes, each with bit 5 set (ASCII letters
/// in lower case, digits unchanged; other bytes may alias, and the exact
/// comparison after a hit settles it). A three-byte key has a zero top byte.
fn key_of(bytes: &[u8]) -> u32 {
    let mut k = [0u8; 4];
    for (slot, b) in k.iter_mut().zip(bytes) {
        *slot = b | 0x20;
    }
    u32::from_le_bytes(k)
}

/// The high bit of each byte, packed into the low eight bits.
fn pack(high_bits: u64) -> u64 {
    ((high_bits >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// Letter, digit and whitespace bits of eight ASCII bytes (bit i = byte i).
fn classes(w: u64) -> (u64, u64, u64) {
    let lower = w | (LO * 0x20);
    let letter = lower.wrapping_add(LO * (0x80 - b'a' as u64))
        & !lower.wrapping_add(LO * (0x80 - (b'z' as u64 + 1)))
        & HI;
    let digit = w.wrapping_add(LO * (0x80 - b'0' as u64))
        & !w.wrapping_add(LO * (0x80 - (b'9' as u64 + 1)))
        & HI;
    let t = w ^ (LO * 0x20);
    let nonzero = ((t & !HI).wrapping_add(LO * 0x7F)) | t;
    let space = !nonzero & HI;
    let control = w.wrapping_add(LO * (0x80 - 9)) & !w.wrapping_add(LO * (0x80 - 14)) & HI;
    (pack(letter), pack(digit), pack(space | control))
}

impl Screen {
    /// Compiles lists of phrases, each phrase a sequence of words folded like
    /// the scope check (lower case, no accents). List `i` answers
    /// [`Screened::may_contain`]`(i)`: true when every word of one of its
    /// phrases may occur in the paragraph, in any order (a conservative
    /// relaxation of "in sequence"). At most 32 lists; only the first 64
    /// words of a phrase count. ASCII words shorter than three letters, and
    /// three-letter ones in a phrase with a longer word, are not tested
    /// (taken as present); a phrase left with no word makes its list always
    /// "maybe".
    ///
    /// `background` is ordinary text of the kind screened (the GCM's own
    /// wording): the fast anchor search avoids stopping at its words where
    /// rarer ones will do (see [`super::anchors`]).
    pub fn new(lists: &[Vec<Vec<String>>], background: &str) -> Screen {
        let mut s = Screen {
            bits4: vec![0; (1 << BLOOM_BITS) / 64],
            bits3: vec![0; (1 << BLOOM_BITS) / 64],
            by_prefix: Vec::new(),
            slots: vec![0; 1 << BLOOM_BITS],
            slot_lists: Vec::new(),
            phrases: Vec::new(),
            always: 0,
            other: OtherText::default(),
            anchors: None,
        };
        let mut all: Vec<(String, PhraseWord)> = Vec::new();
        // Phrases ASCII text can match, with their tested words.
        let mut anchor_phrases: Vec<AnchorPhrase> = Vec::new();
        let mut prefixes: BTreeMap<u32, Vec<BucketWord>> = BTreeMap::new();
        for (i, list) in lists.iter().enumerate().take(32) {
            let Ok(list_id) = u8::try_from(i) else { break };
            for phrase in list {
                let Ok(phrase_id) = u32::try_from(s.phrases.len()) else {
                    s.always |= 1 << list_id;
                    continue;
                };
                let mut need = 0u64;
                let mut ascii_words: Option<Vec<&[u8]>> = Some(Vec::new());
                // Short ASCII words ("of", "the", "for") are frequent: test
                // them only in a phrase that has no longer word to test.
                let shortest_tested = if phrase.iter().any(|w| !w.is_ascii() || w.len() > 3) {
                    4
                } else {
                    3
                };
                // So are one-letter words of other scripts ("в", "с", "و"):
                // tested only in a phrase of one-letter words (Chinese, where
                // every character is a word of its own).
                let has_longer = phrase.iter().any(|w| w.chars().nth(1).is_some());
                for (k, w) in phrase.iter().filter(|w| !w.is_empty()).take(64).enumerate() {
                    let bytes = w.as_bytes();
                    if w.is_ascii() && bytes.len() < shortest_tested {
                        continue;
                    }
                    let mut letters = w.chars();
                    if let (Some(only), None) = (letters.next(), letters.next()) {
                        if !only.is_ascii() && has_longer && !super::is_cjk(only) {
                            continue;
                        }
                    }
                    let bit = 1u64 << k;
                    need |= bit;
                    let entry = PhraseWord {
                        phrase: phrase_id,
                        bit,
                    };
                    all.push((w.clone(), entry.clone()));
                    match ascii_words.as_mut() {
                        Some(list) if w.is_ascii() => list.push(bytes),
                        _ => ascii_words = None,
                    }
                    if w.is_ascii() {
                        let key = key_of(bytes);
                        if bytes.len() == 3 {
                            bloom_set(&mut s.bits3, key);
                        } else {
                            bloom_set(&mut s.bits4, key);
                        }
                        let bucket = prefixes.entry(key).or_default();
                        let word = bytes.to_ascii_lowercase();
                        match bucket.iter_mut().find(|b| b.word == word) {
                            Some(b) => b.uses.push(entry),
                            None => {
                                let n = word.len().min(8);
                                bucket.push(BucketWord {
                                    head: head_of(&word),
                                    mask: u64::MAX >> (64 - 8 * n as u32),
                                    word,
                                    uses: vec![entry],
                                });
                            }
                        }
                    }
                }
                if need == 0 {
                    s.always |= 1 << list_id;
                } else if let Some(words) = ascii_words {
                    let span = phrase.len().saturating_sub(1);
                    anchor_phrases.push(AnchorPhrase::new(list_id, words, span));
                }
                let words = u32::try_from(phrase.len()).unwrap_or(u32::MAX);
                s.phrases.push((list_id, need, words));
            }
        }
        s.by_prefix = prefixes.into_iter().collect();
        for (i, (key, _)) in s.by_prefix.iter().enumerate() {
            let Some(slot) = s.slots.get_mut(bloom_index(*key)) else {
                continue;
            };
            if *slot == 0 {
                match u16::try_from(s.slot_lists.len() + 1) {
                    Ok(n) => {
                        *slot = n;
                        s.slot_lists.push(Vec::new());
                    }
                    // More keys than a u16 can number: keep the screen
                    // conservative by answering "maybe" for everything.
                    Err(_) => {
                        s.always = u32::MAX;
                        continue;
                    }
                }
            }
            if let Some(list) = s.slot_lists.get_mut(usize::from(*slot) - 1) {
                list.push(i);
            }
        }
        s.anchors = Anchors::new(&anchor_phrases, background);
        s.other.words = all;
        s
    }

    /// Records that word `w` of a phrase occurs as the word numbered `index`;
    /// returns the phrase's list bit once all its words have, each within the
    /// phrase's length of the previous one (see [`Screen::scan_ascii`]).
    fn word_seen(&self, w: &PhraseWord, index: u32, scratch: &mut ScreenScratch) -> u32 {
        let p = w.phrase as usize;
        let (Some(seen), Some(last)) = (scratch.seen.get_mut(p), scratch.last.get_mut(p)) else {
            return 0;
        };
        let Some(&(list, need, words)) = self.phrases.get(p) else {
            return 0;
        };
        if *seen == 0 {
            scratch.touched.push(w.phrase);
        } else if index > last.saturating_add(words.saturating_sub(1).max(1)) {
            // Too far from the phrase's other words to be one match.
            *seen = 0;
        }
        *seen |= w.bit;
        *last = index;
        if *seen & need == need {
            1 << list
        } else {
            0
        }
    }

    /// Screens one paragraph.
    pub fn scan(&self, text: &str, scratch: &mut ScreenScratch) -> Screened {
        scratch.reset(self.phrases.len());
        let bytes = text.as_bytes();
        let joins = memchr::memchr_iter(b'.', bytes).any(|i| {
            bytes
                .get(i + 1)
                .is_some_and(|&b| b.is_ascii_lowercase() || b >= 0x80)
        });
        if let Some(words) = super::ascii_words(bytes) {
            if let Some(lists) = self.scan_anchored(bytes, scratch) {
                return Screened {
                    words,
                    lists: lists | self.always,
                    joins,
                    ascii: true,
                    folded_ascii: false,
                };
            }
            let (words, lists) = self.scan_ascii(bytes, scratch);
            return Screened {
                words,
                lists: lists | self.always,
                joins,
                ascii: true,
                folded_ascii: false,
            };
        }
        let words = word_count(text);
        let mut folded = std::mem::take(&mut scratch.folded);
        let joiner = fold_into(text, &mut folded);
        let folded_ascii = folded.is_ascii();
        let lists = if folded_ascii {
            // Accented Latin text (French, Spanish) folds to ASCII: the
            // anchor search settles most of it as it does English.
            let bytes = folded.as_bytes();
            match self.scan_anchored(bytes, scratch) {
                Some(lists) => lists,
                None => self.scan_ascii(bytes, scratch).1,
            }
        } else {
            let mut lists = 0;
            match self.other.searcher() {
                Some(ac) => {
                    for m in ac.find_overlapping_iter(&folded) {
                        if let Some((_, w)) = self.other.words.get(m.pattern().as_usize()) {
                            // No word numbers here: any order, any distance.
                            lists |= self.word_seen(w, 0, scratch);
                        }
                    }
                }
                // Too large to compile: every list with a phrase is "maybe".
                None => lists = self.phrases.iter().fold(0, |acc, (l, _, _)| acc | (1 << l)),
            }
            lists
        };
        scratch.folded = folded;
        Screened {
            words,
            lists: lists | self.always,
            joins: joins || joiner,
            ascii: false,
            folded_ascii,
        }
    }

    /// The anchor hits in `bytes` as (offset, lists), searched at word
    /// starts and byte by byte, each sorted; `None` without anchors.
    #[cfg(test)]
    pub(crate) fn anchor_hits_both_ways(&self, bytes: &[u8]) -> Option<[Vec<(usize, u32)>; 2]> {
        let anchors = self.anchors.as_ref()?;
        let bytewise = anchors.bytewise()?;
        let hits = |a: &Anchors| {
            let mut hits = Vec::new();
            a.for_each_hit(bytes, &mut Vec::new(), |info, at| {
                hits.push((at, info.lists));
                true
            });
            hits.sort_unstable();
            hits
        };
        Some([hits(anchors), hits(&bytewise)])
    }

    /// The anchor pass over ASCII text: the lists it settles, with a hit at
    /// every anchor of a settled list; `None` when there are no anchors.
    ///
    /// A hit that does not settle its lists by itself (a word of a longer
    /// phrase, "international" of "international protection") is decided by
    /// the word pass over the words around it only: the scope matcher needs
    /// a phrase's words within its length of each other, so a window of that
    /// many counted words on each side holds every match the hit can be part
    /// of.
    fn scan_anchored(&self, bytes: &[u8], scratch: &mut ScreenScratch) -> Option<u32> {
        let anchors = self.anchors.as_ref()?;
        let mut lower = std::mem::take(&mut scratch.lower);
        let mut paragraph = std::mem::take(&mut scratch.paragraph);
        let mut present = std::mem::take(&mut scratch.partners_present);
        paragraph.clear();
        present.clear();
        let mut lists = 0u32;
        // List words match at word starts only, as in the word pass.
        anchors.for_each_hit(bytes, &mut lower, |info, at| {
            if info.settles() {
                lists |= info.decisive;
                let mut bits = info.decisive;
                while bits != 0 {
                    let list = bits.trailing_zeros();
                    bits &= bits - 1;
                    if let Ok(list) = u8::try_from(list) {
                        scratch.hits.push((list, at));
                    }
                }
                return true;
            }
            // Where no partner word occurs anywhere in the paragraph, no
            // hit of the anchor needs its window: one search per paragraph
            // instead of one per hit ("international" several times in
            // one, "protection" in none).
            if let Some(key) = info.partner_key() {
                let partners_here = match present.iter().find(|(k, _)| *k == key) {
                    Some(&(_, p)) => p,
                    None => {
                        if paragraph.is_empty() {
                            paragraph.extend(bytes.iter().map(|&b| super::anchors::fold_byte(b)));
                        }
                        let p = !anchors.rules_out(&info, &paragraph);
                        present.push((key, p));
                        p
                    }
                };
                if !partners_here {
                    lists |= info.decisive;
                    return true;
                }
            }
            let (from, to) = window_around(bytes, at, info.reach);
            let Some(window) = bytes.get(from..to) else {
                lists |= info.lists;
                return true;
            };
            // The paragraph was folded above for any anchor with partner
            // words; one without is never ruled out.
            let ruled_out = paragraph
                .get(from..to)
                .is_some_and(|folded| anchors.rules_out(&info, folded));
            if ruled_out {
                lists |= info.decisive;
                return true;
            }
            let kept = scratch.hits.len();
            scratch.forget_phrases(self.phrases.len());
            let (_, found) = self.scan_ascii(window, scratch);
            scratch.hits.truncate(kept);
            lists |= found & info.lists;
            lists |= info.decisive;
            true
        });
        scratch.lower = lower;
        scratch.paragraph = paragraph;
        scratch.partners_present = present;
        // A byte-wise search reports hits group by group.
        scratch.hits.sort_unstable_by_key(|&(list, at)| (at, list));
        Some(lists)
    }

    /// The ASCII pass: eight bytes at a time, word starts and word boundaries
    /// from bit masks, a bloom test on each word's first bytes.
    ///
    /// Words of a phrase must also be near each other. The scope matcher
    /// needs them in consecutive tokens, where its tokens leave out French
    /// elided particles before an apostrophe (`d'`) and an English `'s`. So
    /// words are numbered counting only those touching no apostrophe: two
    /// tokens consecutive for the matcher are then at most one number apart,
    /// and the words of an n-word phrase at most n - 1 apart; words further
    /// apart are not one match.
    fn scan_ascii(&self, bytes: &[u8], scratch: &mut ScreenScratch) -> (usize, u32) {
        let mut words = 0usize;
        let mut lists = 0u32;
        let mut index = 0u32;
        let mut previous: Option<(usize, bool)> = None;
        let (mut prev_letter, mut prev_digit, mut prev_space) = (0u64, 0u64, 1u64);
        let mut chunks = bytes.chunks_exact(8);
        let mut base = 0usize;
        let mut tail = [b' '; 8];
        let rest = chunks.remainder();
        if let Some(t) = tail.get_mut(..rest.len()) {
            t.copy_from_slice(rest);
        }
        let tail_chunk: Option<&[u8]> = if rest.is_empty() { None } else { Some(&tail) };
        for chunk in chunks.by_ref().chain(tail_chunk) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            let (letter, digit, space) = classes(u64::from_le_bytes(w));
            let starts =
                (letter & !((letter << 1) | prev_letter)) | (digit & !((digit << 1) | prev_digit));
            words += (!space & ((space << 1) | prev_space) & 0xFF).count_ones() as usize;
            prev_letter = letter >> 7;
            prev_digit = digit >> 7;
            prev_space = space >> 7;
            let mut s = starts & 0xFF;
            while s != 0 {
                let at = base + s.trailing_zeros() as usize;
                s &= s - 1;
                if let Some((start, after_apostrophe)) = previous {
                    if !after_apostrophe && !apostrophe_follows(bytes, start, at) {
                        index = index.saturating_add(1);
                    }
                }
                let after_apostrophe = at
                    .checked_sub(1)
                    .and_then(|i| bytes.get(i))
                    .is_some_and(|&b| is_apostrophe(b));
                previous = Some((at, after_apostrophe));
                lists |= self.word_at(bytes, at, index, scratch);
            }
            base += 8;
        }
        (words, lists)
    }

    /// The lists whose words start the word at `at`.
    #[inline]
    fn word_at(&self, bytes: &[u8], at: usize, index: u32, scratch: &mut ScreenScratch) -> u32 {
        let key4 = match bytes.get(at..at + 4) {
            Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]) | 0x2020_2020,
            // Fewer than four bytes left: a word of at most three letters.
            _ => return self.slow_word_at(bytes, at, index, scratch),
        };
        let key3 = key4 & 0x00FF_FFFF;
        let hit4 = bloom_has(&self.bits4, key4);
        let hit3 = bloom_has(&self.bits3, key3);
        if !hit4 && !hit3 {
            return 0;
        }
        self.slow_word_at(bytes, at, index, scratch)
    }

    /// The exact comparison after a bloom hit.
    #[cold]
    fn slow_word_at(
        &self,
        bytes: &[u8],
        at: usize,
        index: u32,
        scratch: &mut ScreenScratch,
    ) -> u32 {
        let Some(head) = bytes.get(at..) else {
            return 0;
        };
        let text_head = head_of(head);
        let mut found = 0u32;
        for len in [4usize, 3] {
            let Some(prefix) = head.get(..len) else {
                continue;
            };
            let key = key_of(prefix);
            let slot = self.slots.get(bloom_index(key)).copied().unwrap_or(0);
            let Some(list) = usize::from(slot)
                .checked_sub(1)
                .and_then(|i| self.slot_lists.get(i))
            else {
                continue;
            };
            let words = list
                .iter()
                .filter_map(|&i| self.by_prefix.get(i))
                .filter(|(k, _)| *k == key)
                .flat_map(|(_, words)| words);
            for b in words {
                if (len == 3) != (b.word.len() == 3)
                    || text_head & b.mask != b.head
                    || !head
                        .get(..b.word.len())
                        .is_some_and(|h| h.eq_ignore_ascii_case(&b.word))
                {
                    continue;
                }
                for w in &b.uses {
                    found |= self.word_seen(w, index, scratch);
                    if let Some(&(list, _, _)) = self.phrases.get(w.phrase as usize) {
                        if scratch.hits.last() != Some(&(list, at)) {
                            scratch.hits.push((list, at));
                        }
                    }
                }
            }
        }
        found
    }
}

/// The byte range around the word starting at `at` that holds `reach`
/// counted words on each side (words touching an apostrophe do not count,
/// as in [`Screen::scan_ascii`]), plus one more on each side.
fn window_around(bytes: &[u8], at: usize, reach: u32) -> (usize, usize) {
    // Runs found with plain slice scans: every hit of a common anchor
    // ("international") walks its window, and a byte-by-byte walk with
    // bounds checks was most of the time spent at hits.
    let len = bytes.len();
    let alnum = |b: &u8| b.is_ascii_alphanumeric();
    // Whether a byte continues a run of letters (or, when false, of digits).
    let same_kind = |letters: bool| {
        move |b: &u8| b.is_ascii_alphanumeric() && b.is_ascii_alphabetic() == letters
    };
    let touches_apostrophe = |start: usize, end: usize| touches_apostrophe(bytes, start, end);
    let wanted = reach.saturating_add(1);
    // Backwards, word by word.
    let mut from = at.min(len);
    let mut counted = 0u32;
    while counted < wanted {
        let head = bytes.get(..from).unwrap_or_default();
        let Some(last) = head.iter().rposition(alnum) else {
            from = 0;
            break;
        };
        let letters = head.get(last).is_some_and(u8::is_ascii_alphabetic);
        let kind = same_kind(letters);
        let start = head
            .get(..last)
            .unwrap_or_default()
            .iter()
            .rposition(|b| !kind(b))
            .map_or(0, |p| p + 1);
        from = start;
        if !touches_apostrophe(start, last + 1) {
            counted += 1;
        }
    }
    // Forwards, from the end of the word at `at`.
    let mut to = at;
    let mut counted = 0u32;
    loop {
        let start = to;
        if let Some(first) = bytes.get(to).filter(|b| alnum(b)) {
            let kind = same_kind(first.is_ascii_alphabetic());
            let rest = bytes.get(to + 1..).unwrap_or_default();
            to += 1 + rest.iter().position(|b| !kind(b)).unwrap_or(rest.len());
        }
        if counted >= wanted || to >= len {
            break;
        }
        if !touches_apostrophe(start, to) {
            counted += 1;
        }
        let rest = bytes.get(to..).unwrap_or_default();
        to += rest.iter().position(alnum).unwrap_or(rest.len());
    }
    (from, to.min(len))
}

/// Whether a word (a run of letters or a run of digits, as the scope
/// tokeniser splits them) starts at byte `at`.
pub(super) fn is_word_start(bytes: &[u8], at: usize) -> bool {
    let Some(&b) = bytes.get(at) else {
        return false;
    };
    let before = at.checked_sub(1).and_then(|i| bytes.get(i));
    if b.is_ascii_alphabetic() {
        !before.is_some_and(u8::is_ascii_alphabetic)
    } else if b.is_ascii_digit() {
        !before.is_some_and(u8::is_ascii_digit)
    } else {
        true
    }
}

/// Whether the word `start..end` of `bytes` touches an apostrophe (such
/// words are not counted: see [`Screen::scan_ascii`]).
fn touches_apostrophe(bytes: &[u8], start: usize, end: usize) -> bool {
    start
        .checked_sub(1)
        .and_then(|i| bytes.get(i))
        .is_some_and(|&b| is_apostrophe(b))
        || bytes.get(end).is_some_and(|&b| is_apostrophe(b))
}

/// Apostrophes as the scope normaliser sees them in ASCII (it folds the
/// typographic ones to `'`).
fn is_apostrophe(b: u8) -> bool {
    b == b'\'' || b == b'`'
}

/// Whether the word starting at `start` is directly followed by an
/// apostrophe, given that the next word starts at `next`.
fn apostrophe_follows(bytes: &[u8], start: usize, next: usize) -> bool {
    // Back over the separators before the next word to the end of this one.
    let mut end = next;
    while end > start + 1
        && end
            .checked_sub(1)
            .and_then(|i| bytes.get(i))
            .is_some_and(|b| !b.is_ascii_alphanumeric())
    {
        end -= 1;
    }
    end < next && bytes.get(end).is_some_and(|&b| is_apostrophe(b))
}

/// Folds `text` into `out` with [`fold_char`] (ASCII runs in lower case);
/// returns whether a middle dot used in inclusive writing was seen.
fn fold_into(text: &str, out: &mut String) -> bool {
    out.clear();
    out.reserve(text.len());
    let mut joiner = false;
    let mut rest = text;
    while !rest.is_empty() {
        let run = super::ascii_prefix_len(rest.as_bytes());
        let (ascii, tail) = rest.split_at(run);
        let start = out.len();
        out.push_str(ascii);
        if let Some(s) = out.get_mut(start..) {
            s.make_ascii_lowercase();
        }
        // Then every character up to the next ASCII one.
        let mut chars = tail.chars();
        while chars
            .as_str()
            .as_bytes()
            .first()
            .is_some_and(|&b| b >= 0x80)
        {
            let Some(ch) = chars.next() else { break };
            joiner |= super::is_inclusive_joiner(ch);
            push_folded(ch, out);
        }
        rest = chars.as_str();
    }
    joiner
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists(words: &[&[&str]]) -> Screen {
        let lists: Vec<Vec<Vec<String>>> = words
            .iter()
            .map(|l| l.iter().map(|w| vec![w.to_string()]).collect())
            .collect();
        Screen::new(&lists, "")
    }

    /// One list of the given phrases.
    fn one_list(phrases: &[&[&str]]) -> Vec<Vec<Vec<String>>> {
        vec![phrases
            .iter()
            .map(|p| p.iter().map(|w| w.to_string()).collect())
            .collect()]
    }

    #[test]
    fn a_phrase_needs_all_its_words() {
        let phrases = one_list(&[&["international", "protection"], &["难", "民"]]);
        let s = Screen::new(&phrases, "");
        let mut scratch = ScreenScratch::default();
        assert!(!s
            .scan("international migration", &mut scratch)
            .may_contain(0));
        assert!(!s.scan("social protection", &mut scratch).may_contain(0));
        assert!(s
            .scan("Protection, international", &mut scratch)
            .may_contain(0));
        assert!(s
            .scan("international protection", &mut scratch)
            .may_contain(0));
        // The scratch forgets the previous paragraph.
        assert!(!s.scan("social protection", &mut scratch).may_contain(0));
        // Words of a phrase far apart are not a match; French particles and
        // an English 's between them do not count.
        assert!(!s
            .scan(
                "international migration and social protection",
                &mut scratch
            )
            .may_contain(0));
        assert!(s
            .scan("international l' d'protection", &mut scratch)
            .may_contain(0));
        assert!(s
            .scan("International’s protection", &mut scratch)
            .may_contain(0));
        assert!(s
            .scan("international — protection", &mut scratch)
            .may_contain(0));
        assert!(!s.scan("移民", &mut scratch).may_contain(0));
        assert!(s.scan("难民", &mut scratch).may_contain(0));
    }

    fn scan(s: &Screen, text: &str) -> Screened {
        s.scan(text, &mut ScreenScratch::default())
    }

    #[test]
    fn ascii_words_match_at_word_starts_in_any_case() {
        let s = lists(&[&["refuge", "idp"], &["obj"]]);
        let r = scan(&s, "REFUGEES arrived; IDPs too");
        assert!(r.may_contain(0) && !r.may_contain(1));
        assert!(scan(&s, "the Refugee Convention").may_contain(0));
        assert!(!scan(&s, "labour migration and remittances").may_contain(0));
        // Inside a word is not a word start.
        assert!(!scan(&s, "nonrefugee").may_contain(0));
        // Letters and digits are separate words, as the scope check splits them.
        assert!(scan(&s, "2021refugees").may_contain(0));
        assert!(scan(&s, "see Objective 5").may_contain(1));
    }

    #[test]
    fn words_are_counted_like_word_count() {
        let s = lists(&[&["refuge"]]);
        for text in [
            "",
            "one",
            "  two words  ",
            "exactly8 bytes!",
            "a\tb\nc\rd e",
            "Le pays d’origine — « migrants »",
            "目标5 progress",
        ] {
            assert_eq!(scan(&s, text).words, word_count(text), "{text:?}");
        }
    }

    #[test]
    fn other_text_is_folded_like_the_scope_check() {
        let s = lists(&[&["refugie", "refugee", "беженц", "难民"]]);
        for text in [
            "Les RÉFUGIÉS reconnus",
            "les re\u{301}fugie\u{301}s (NFD)",
            "ref\u{AD}ugees with a soft hyphen",
            "БЕЖЕНЦЫ и мигранты",
            "難民署",
            "ＲＥＦＵＧＥＥ in full width",
            "“Refugees”",
            "les « réfugiés » et la main-d'œuvre",
            "«RÉFUGIÉS»",
        ] {
            assert!(scan(&s, text).may_contain(0), "{text:?}");
        }
        assert!(!scan(&s, "les travailleurs migrants « saisonniers »").may_contain(0));
        // Phrases over several words still need them near each other once
        // guillemets and ligatures fold to spaces and letters.
        let s = Screen::new(&one_list(&[&["main", "d", "oeuvre", "etrangere"]]), "");
        assert!(scan(&s, "la « main-d'œuvre » étrangère").may_contain(0));
    }

    #[test]
    fn one_letter_words_of_other_scripts_are_taken_as_present() {
        let s = Screen::new(&one_list(&[&["с", "беженцами"], &["难", "民"]]), "");
        assert!(scan(&s, "работа с беженцами").may_contain(0));
        // "с" (with) is in nearly every Russian sentence: not tested.
        assert!(scan(&s, "беженцами").may_contain(0));
        assert!(!scan(&s, "работа с мигрантами").may_contain(0));
        // Chinese phrases are one-character words: those are all tested.
        assert!(scan(&s, "难民营").may_contain(0));
        assert!(!scan(&s, "移民").may_contain(0));
    }

    /// Where the scope fold of a paragraph is ASCII and
    /// [`super::super::folds_to_the_same_words`] holds, its words are those
    /// of [`super::super::fold`]: checked for every character below U+0800
    /// in several places of a sentence.
    #[test]
    fn accented_latin_folds_to_the_same_words_both_ways() {
        let mut taken = 0;
        for c in (0x80..0x800u32).filter_map(char::from_u32) {
            for text in [
                format!("a{c}b"),
                format!("Objetivo{c}5 y {c}7"),
                format!("{c}{c} x{c} {c}"),
                format!("objetiv{c}s 3"),
            ] {
                let mut scope = String::new();
                fold_into(&text, &mut scope);
                if !scope.is_ascii() || !super::super::folds_to_the_same_words(&text) {
                    continue;
                }
                taken += 1;
                let words: Vec<String> = scope
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_ascii_lowercase)
                    .collect();
                let general = super::super::fold(&super::super::ascii_digits(&text));
                let general: Vec<&str> = general.split(' ').filter(|w| !w.is_empty()).collect();
                assert_eq!(words, general, "U+{:04X} in {text:?}", u32::from(c));
            }
        }
        assert!(taken > 1000, "{taken}");
    }

    #[test]
    fn inclusive_writing_is_reported() {
        let s = lists(&[&["x"]]);
        assert!(scan(&s, "réfugié·e·s").may_join_words());
        assert!(scan(&s, "demandeur.euse.s").may_join_words());
        assert!(!scan(&s, "Migrants. Workers 1.5").may_join_words());
    }

    #[test]
    fn hits_give_word_offsets_in_ascii_text() {
        let s = lists(&[&["obj", "gcm"]]);
        let mut scratch = ScreenScratch::default();
        let r = s.scan("Objective 5 and OBJ. 6 under the GCM", &mut scratch);
        assert!(r.is_ascii());
        assert_eq!(scratch.hits(), &[(0, 0), (0, 16), (0, 33)]);
    }

    #[test]
    fn a_common_word_of_a_phrase_is_decided_by_the_words_around_it() {
        let phrases = one_list(&[
            &["international", "protection"],
            &["temporary", "protection"],
        ]);
        // "protection" is ordinary wording, so the anchors are the other words.
        let s = Screen::new(&phrases, "consular protection");
        let filler = "The ministry reported on labour mobility and skills. ".repeat(20);
        let maybe = |text: &str| scan(&s, text).may_contain(0);
        assert!(!maybe(&format!(
            "{filler}Social protection for migrant workers."
        )));
        assert!(!maybe(&format!(
            "{filler}International migration and social protection. {filler}"
        )));
        assert!(maybe(&format!(
            "{filler}Persons in need of International Protection. {filler}"
        )));
        assert!(maybe(&format!("{filler}protection, temporary")));
        assert!(maybe(&format!(
            "{filler}international's protection {filler}"
        )));
        assert!(maybe("international protection"));
        // Several hits in one paragraph, with the partner word nowhere, far
        // from each hit, or next to the last one only.
        let hits = "International cooperation and international law. ";
        assert!(!maybe(&format!("{hits}{filler}{hits}")));
        assert!(!maybe(&format!("{hits}{filler}Social protection.")));
        assert!(maybe(&format!(
            "{hits}{filler}{hits}The international PROTECTION regime."
        )));
    }

    /// The byte-by-byte walk the scans replaced: the reference.
    fn window_around_byte_by_byte(bytes: &[u8], at: usize, reach: u32) -> (usize, usize) {
        let alnum = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
        let same_run = |i: usize, j: usize| match (bytes.get(i), bytes.get(j)) {
            (Some(a), Some(b)) => a.is_ascii_alphabetic() == b.is_ascii_alphabetic(),
            _ => false,
        };
        let touches_apostrophe = |start: usize, end: usize| touches_apostrophe(bytes, start, end);
        let wanted = reach.saturating_add(1);
        // Backwards, word by word.
        let mut from = at;
        let mut counted = 0u32;
        while counted < wanted {
            let mut end = from;
            while end > 0 && !alnum(end - 1) {
                end -= 1;
            }
            if end == 0 {
                from = 0;
                break;
            }
            let mut start = end - 1;
            while start > 0 && alnum(start - 1) && same_run(start - 1, start) {
                start -= 1;
            }
            from = start;
            if !touches_apostrophe(start, end) {
                counted += 1;
            }
        }
        // Forwards, from the end of the word at `at`.
        let mut to = at;
        let mut counted = 0u32;
        loop {
            let start = to;
            while alnum(to) && (to == start || same_run(to - 1, to)) {
                to += 1;
            }
            if counted >= wanted || to >= bytes.len() {
                break;
            }
            if !touches_apostrophe(start, to) {
                counted += 1;
            }
            while to < bytes.len() && !alnum(to) {
                to += 1;
            }
        }
        (from, to.min(bytes.len()))
    }

    #[test]
    fn windows_are_those_of_the_byte_by_byte_walk() {
        let pieces = [
            "international",
            "protection",
            "x",
            "42",
            "7a",
            "a7",
            "'",
            "`",
            "l'",
            "'s",
            " ",
            "  ",
            ".",
            "-",
            "\u{e9}",
            "Z",
        ];
        let mut compared = 0;
        for t in crate::text::mixed_texts(9, &pieces, 14, true, 4000) {
            let b = t.as_bytes();
            for at in 0..=b.len() {
                for reach in [0, 1, 2, 5] {
                    assert_eq!(
                        window_around(b, at, reach),
                        window_around_byte_by_byte(b, at, reach),
                        "{t:?} at {at}, reach {reach}"
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 100_000);
    }

    #[test]
    fn windows_hold_the_counted_words_around_a_hit() {
        let text = b"one two three four five six seven";
        let at = 14; // "four"
        let (from, to) = window_around(text, at, 1);
        assert_eq!(&text[from..to], b"two three four five six");
        // Words touching an apostrophe do not count.
        let text = b"zero one two l'x four five";
        let (from, _) = window_around(text, 17, 1);
        assert_eq!(&text[from..17], b"one two l'x ");
        // The text's ends stop the window.
        assert_eq!(window_around(b"alone", 0, 5), (0, 5));
    }

    #[test]
    fn phrases_of_short_words_make_their_list_always_maybe() {
        let s = lists(&[&["ab"], &["refuge"]]);
        let r = scan(&s, "nothing here");
        assert!(r.may_contain(0) && !r.may_contain(1));
    }
}
