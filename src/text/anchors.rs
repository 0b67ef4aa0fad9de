//! Anchor words: a few literal strings of which every ASCII phrase of a
//! screen contains one, looked for before the word-by-word screen.
//!
//! Why: the word-by-word pass looks at every word of a paragraph (about ten
//! nanoseconds each, most of `check` on a long report). Almost no paragraph
//! of a report contains "refug", "asyl", "displac" or an objective marker,
//! so a quick look for those strings settles most paragraphs, and the word
//! pass runs only where it finds one. The look is a bitmap lookup of the
//! first letters at each word start ([`super::word_starts`]), or, for
//! anchors that do not start with a letter, a SIMD search of every byte.
//!
//! The anchors are chosen when the screen is compiled, greedily: the word or
//! word prefix (five letters at least) shared by the most phrases not yet
//! covered, until every phrase has one. An anchor that is a whole one-word
//! phrase of a list settles that list by itself ("decisive"); any other hit
//! sends the paragraph to the word pass, which knows phrases and distances.

use std::collections::BTreeMap;

use aho_corasick::packed;
use aho_corasick::{AhoCorasick, Input, MatchKind};

use super::search::is_word_start;
use super::word_starts::WordStartIndex;

/// Shortest word prefix tried as an anchor: shorter ones ("prot") occur in
/// too many common words.
const MIN_PREFIX: usize = 5;

/// One phrase as the anchors see it: its list and its tested ASCII words.
pub(super) struct AnchorPhrase {
    list: u8,
    words: Vec<Vec<u8>>,
    /// How many words apart its first and last word may be (its word count
    /// less one, untested words included).
    span: u32,
}

impl AnchorPhrase {
    /// A phrase of list `list` with these tested words, folded as the text
    /// is folded before the search ([`fold_byte`]).
    pub fn new<'a>(list: u8, words: impl IntoIterator<Item = &'a [u8]>, span: usize) -> Self {
        AnchorPhrase {
            list,
            span: u32::try_from(span).unwrap_or(u32::MAX),
            words: words
                .into_iter()
                .map(|w| w.iter().map(|&b| fold_byte(b)).collect())
                .collect(),
        }
    }
}

/// The fold applied to text and anchors alike: bit 5 set, which puts ASCII
/// letters in lower case and leaves digits and the space as they are. Other
/// bytes may alias each other, which can only add hits.
#[inline]
pub(super) fn fold_byte(b: u8) -> u8 {
    b | 0x20
}

/// What a hit of one anchor means.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct AnchorInfo {
    /// Lists with a phrase that has a word starting with the anchor.
    pub lists: u32,
    /// Lists with a one-word phrase that is exactly the anchor: a hit makes
    /// the list "maybe" without the word pass.
    pub decisive: u32,
    /// The longest span of the phrases it is a word of: how many words on
    /// each side of a hit the word pass must read.
    pub reach: u32,
    /// Where the anchor's partner words are in [`Anchors`] (start, count):
    /// one other word of each phrase it is a word of. `None` when some
    /// phrase has no other word, so every hit needs the word pass.
    partners: Option<(u16, u16)>,
}

impl AnchorInfo {
    /// True when a hit settles every list the anchor belongs to.
    pub fn settles(&self) -> bool {
        self.lists & !self.decisive == 0
    }

    /// Which partner words [`Anchors::rules_out`] looks for: anchors with
    /// the same key look for the same words. `None` when every hit needs the
    /// word pass.
    pub fn partner_key(&self) -> Option<(u16, u16)> {
        self.partners
    }
}

/// How much more a piece the background lacks is worth than one it has:
/// "displaced" (five phrases) beats "inter" (twenty, but in every
/// "international" of a report).
const RARE_WEIGHT: u32 = 8;

/// The compiled anchors.
#[derive(Debug, Clone)]
pub(super) struct Anchors {
    /// What a hit of each anchor means, by anchor number.
    info: Vec<AnchorInfo>,
    search: Search,
    /// Partner words of every anchor (see [`AnchorInfo`]), as searchers.
    partners: Vec<memchr::memmem::Finder<'static>>,
}

/// How the anchors are looked for.
#[derive(Debug, Clone)]
enum Search {
    /// At each word start (every anchor starts with a letter, as the
    /// lexicons' do): [`WordStartIndex`].
    WordStarts(WordStartIndex),
    /// Byte by byte, in groups of at most [`GROUP`]: (searcher, number of
    /// its first anchor).
    Groups(Vec<(Finder, usize)>),
}

/// Anchors per search. Teddy gives each of its 16 buckets one anchor at
/// this size; with more, several share a bucket, their letters blur
/// together and false candidates multiply (40 anchors in one search took
/// 0.29 ms on a 200-page report, in three groups 0.19 ms).
const GROUP: usize = 16;

#[derive(Debug, Clone)]
enum Finder {
    /// Teddy (SSSE3/AVX2/NEON) where the machine has it.
    Packed(packed::Searcher),
    /// Elsewhere (WebAssembly), an automaton.
    Automaton(AhoCorasick),
}

impl Anchors {
    /// Chooses and compiles anchors covering `phrases`; `None` when there is
    /// nothing to cover or the search cannot be built.
    pub fn new(phrases: &[AnchorPhrase], background: &str) -> Option<Anchors> {
        let background: Vec<u8> = super::fold(background).bytes().map(fold_byte).collect();
        let index = BackgroundIndex::new(&background);
        let words = choose(phrases, |word| index.common_prefix_len(word));
        if words.is_empty() {
            return None;
        }
        let mut partners: Vec<memchr::memmem::Finder<'static>> = Vec::new();
        let info: Vec<AnchorInfo> = words
            .iter()
            .map(|a| {
                let mut info = AnchorInfo::default();
                let mut partner_words: Vec<&[u8]> = Vec::new();
                let mut every_hit_scanned = false;
                for p in phrases {
                    if p.words.iter().any(|w| w.starts_with(a)) {
                        info.lists |= 1 << p.list;
                        info.reach = info.reach.max(p.span);
                        // The phrase's longest word the anchor does not
                        // start: the phrase cannot match where it is absent.
                        match p
                            .words
                            .iter()
                            .filter(|w| !w.starts_with(a))
                            .max_by_key(|w| w.len())
                        {
                            Some(w) if !partner_words.contains(&w.as_slice()) => {
                                partner_words.push(w)
                            }
                            Some(_) => {}
                            // A one-word phrase that is the anchor: decisive.
                            None if matches!(p.words.as_slice(), [only] if only == a) => {}
                            None => every_hit_scanned = true,
                        }
                    }
                    if let [only] = p.words.as_slice() {
                        if only == a {
                            info.decisive |= 1 << p.list;
                        }
                    }
                }
                let start = u16::try_from(partners.len()).ok();
                let count = u16::try_from(partner_words.len()).ok();
                if let (false, Some(start), Some(count)) = (every_hit_scanned, start, count) {
                    info.partners = Some((start, count));
                    partners.extend(
                        partner_words
                            .iter()
                            .map(|w| memchr::memmem::Finder::new(w).into_owned()),
                    );
                }
                info
            })
            .collect();
        let search = match WordStartIndex::new(&words) {
            Some(index) => Search::WordStarts(index),
            None => Search::Groups(Self::groups(&words)?),
        };
        Some(Anchors {
            info,
            search,
            partners,
        })
    }

    fn groups(words: &[Vec<u8>]) -> Option<Vec<(Finder, usize)>> {
        words
            .chunks(GROUP)
            .enumerate()
            .map(|(g, words)| Some((Finder::new(words)?, g * GROUP)))
            .collect()
    }

    /// The same anchors searched for byte by byte, as anchors the word-start
    /// index cannot take are: the reference its hits are compared with.
    #[cfg(test)]
    pub fn bytewise(&self) -> Option<Anchors> {
        let Search::WordStarts(index) = &self.search else {
            return Some(self.clone());
        };
        Some(Anchors {
            search: Search::Groups(Self::groups(index.anchors())?),
            ..self.clone()
        })
    }

    /// True when no phrase of the hit's anchor can match in `window` (the
    /// text around the hit, folded with [`fold_byte`]): every such phrase
    /// has a partner word the window lacks, so the word pass there can find
    /// nothing the hit is part of. Most hits of a common anchor
    /// ("international" of "international protection") end here.
    pub fn rules_out(&self, info: &AnchorInfo, window: &[u8]) -> bool {
        let Some((start, count)) = info.partners else {
            return false;
        };
        let (start, count) = (usize::from(start), usize::from(count));
        self.partners
            .get(start..start + count)
            .is_some_and(|words| words.iter().all(|w| w.find(window).is_none()))
    }

    /// Calls `f(info, offset)` for every anchor that starts a word of
    /// `bytes` (as [`is_word_start`] says), case folded as [`fold_byte`]
    /// folds it, until `f` returns false. In text order when searched at
    /// word starts, group by group otherwise; `lower` is room for the folded
    /// text the byte-wise search needs.
    pub fn for_each_hit(
        &self,
        bytes: &[u8],
        lower: &mut Vec<u8>,
        mut f: impl FnMut(AnchorInfo, usize) -> bool,
    ) {
        let info = |anchor: usize| {
            self.info.get(anchor).copied().unwrap_or(AnchorInfo {
                lists: u32::MAX,
                decisive: 0,
                reach: u32::MAX,
                partners: None,
            })
        };
        let groups = match &self.search {
            Search::WordStarts(index) => {
                index.for_each_hit(bytes, |anchor, at| f(info(anchor), at));
                return;
            }
            Search::Groups(groups) => groups,
        };
        lower.clear();
        lower.extend(bytes.iter().map(|&b| fold_byte(b)));
        for (finder, first) in groups {
            let mut from = 0;
            while from < lower.len() {
                let Some((pattern, at)) = finder.find(lower, from) else {
                    break;
                };
                if is_word_start(bytes, at) && !f(info(first + pattern), at) {
                    return;
                }
                // No anchor is a prefix of another, so none starts at `at`
                // too; resuming one byte on finds those that overlap it.
                from = at + 1;
            }
        }
    }
}

impl Finder {
    fn new(words: &[Vec<u8>]) -> Option<Finder> {
        let packed = packed::Config::new()
            .match_kind(packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(words)
            .build();
        Some(match packed {
            Some(s) => Finder::Packed(s),
            None => Finder::Automaton(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(words)
                    .ok()?,
            ),
        })
    }

    /// The first anchor at or after `from`: (its index, its offset).
    fn find(&self, haystack: &[u8], from: usize) -> Option<(usize, usize)> {
        match self {
            Finder::Packed(s) => s
                .find_in(haystack, aho_corasick::Span::from(from..haystack.len()))
                .map(|m| (m.pattern().as_usize(), m.start())),
            Finder::Automaton(ac) => ac
                .find(Input::new(haystack).range(from..))
                .map(|m| (m.pattern().as_usize(), m.start())),
        }
    }
}

/// Where each three-byte piece of the background starts, so the common
/// prefix of each of the thousand-odd lexicon words is found from the few
/// places its first three bytes occur, not by a search of the whole
/// background per word (most of the screen's start-up before).
struct BackgroundIndex<'a> {
    text: &'a [u8],
    starts: std::collections::HashMap<[u8; 3], Vec<u32>, foldhash::fast::RandomState>,
}

impl<'a> BackgroundIndex<'a> {
    fn new(text: &'a [u8]) -> Self {
        let mut starts: std::collections::HashMap<[u8; 3], Vec<u32>, _> = Default::default();
        for (i, w) in text.windows(3).enumerate() {
            if let (Ok(head), Ok(i)) = (<[u8; 3]>::try_from(w), u32::try_from(i)) {
                starts.entry(head).or_insert_with(Vec::new).push(i);
            }
        }
        BackgroundIndex { text, starts }
    }

    /// [`common_prefix_len`], from the index.
    fn common_prefix_len(&self, word: &[u8]) -> usize {
        let Some(head) = word.get(..3).and_then(|h| <[u8; 3]>::try_from(h).ok()) else {
            return common_prefix_len(self.text, word);
        };
        self.starts.get(&head).map_or(0, |starts| {
            starts
                .iter()
                .map(|&at| {
                    let rest = self.text.get(at as usize..).unwrap_or_default();
                    rest.iter().zip(word).take_while(|(a, b)| a == b).count()
                })
                .max()
                .unwrap_or(0)
        })
    }
}

/// The length of the longest start of `word` found in `background`.
fn common_prefix_len(background: &[u8], word: &[u8]) -> usize {
    let head = word.get(..3).unwrap_or(word);
    memchr::memmem::find_iter(background, head)
        .map(|at| {
            let rest = background.get(at..).unwrap_or_default();
            rest.iter().zip(word).take_while(|(a, b)| a == b).count()
        })
        .max()
        .unwrap_or(0)
}

/// Greedy cover: the candidate (a tested word, or a prefix of one of at
/// least [`MIN_PREFIX`] bytes) shared by the most uncovered phrases, longer
/// first on ties, until every phrase is covered; then no anchor is left
/// that starts with another.
/// `in_background(word)` is the length of the longest start of `word` that
/// occurs in the background text.
fn choose(phrases: &[AnchorPhrase], in_background: impl Fn(&[u8]) -> usize) -> Vec<Vec<u8>> {
    // Every candidate, and whether the background has it.
    let mut common_of: BTreeMap<&[u8], bool> = BTreeMap::new();
    for p in phrases {
        for w in &p.words {
            let common = in_background(w);
            common_of.insert(w, w.len() <= common);
            for len in MIN_PREFIX..w.len() {
                if let Some(prefix) = w.get(..len) {
                    common_of.insert(prefix, len <= common);
                }
            }
        }
    }
    let candidates: Vec<&[u8]> = common_of.keys().copied().collect();
    let blocks = phrases.len().div_ceil(64);
    // Which phrases each candidate covers, as bit sets: a phrase is covered
    // by every candidate that starts one of its words, so each start of
    // each word is looked up once (not every candidate against every word).
    let position: std::collections::HashMap<&[u8], usize> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (*c, i))
        .collect();
    let mut covers: Vec<Vec<u64>> = vec![vec![0u64; blocks]; candidates.len()];
    for (i, p) in phrases.iter().enumerate() {
        for w in &p.words {
            for len in 1..=w.len() {
                let Some(c) = w.get(..len).and_then(|start| position.get(start)) else {
                    continue;
                };
                if let Some(b) = covers.get_mut(*c).and_then(|bits| bits.get_mut(i / 64)) {
                    *b |= 1 << (i % 64);
                }
            }
        }
    }
    let weights: Vec<u32> = common_of
        .values()
        .map(|&common| if common { 1 } else { RARE_WEIGHT })
        .collect();
    let mut uncovered: Vec<u64> = (0..blocks)
        .map(|b| {
            let n = phrases.len().saturating_sub(b * 64).min(64);
            u64::MAX >> (64 - n as u32)
        })
        .collect();
    let mut chosen: Vec<Vec<u8>> = Vec::new();
    while uncovered.iter().any(|&b| b != 0) {
        let best = candidates
            .iter()
            .zip(&covers)
            .zip(&weights)
            .map(|((c, bits), weight)| {
                let gain: u32 = bits
                    .iter()
                    .zip(&uncovered)
                    .map(|(a, u)| (a & u).count_ones())
                    .sum();
                (gain * weight, gain, c.len(), *c, bits)
            })
            .max_by(|a, b| (a.0, a.2).cmp(&(b.0, b.2)).then(b.3.cmp(a.3)));
        let Some((_, gain, _, word, bits)) = best else {
            break;
        };
        if gain == 0 {
            // A phrase with no tested word: nothing can cover it (the
            // screen answers "maybe" for its list anyway).
            break;
        }
        for (u, b) in uncovered.iter_mut().zip(bits) {
            *u &= !b;
        }
        chosen.push(word.to_vec());
    }
    chosen.sort();
    let mut prefix_free: Vec<Vec<u8>> = Vec::new();
    for w in chosen {
        if !prefix_free.iter().any(|p| w.starts_with(p)) {
            prefix_free.push(w);
        }
    }
    prefix_free
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(lists: &[&[&str]]) -> Vec<AnchorPhrase> {
        lists
            .iter()
            .enumerate()
            .flat_map(|(l, ps)| {
                ps.iter().map(move |p| {
                    let words: Vec<&[u8]> = p.split(' ').map(str::as_bytes).collect();
                    let span = words.len() - 1;
                    AnchorPhrase::new(l as u8, words, span)
                })
            })
            .collect()
    }

    #[test]
    fn every_phrase_gets_an_anchor_and_shared_prefixes_are_preferred() {
        let ps = phrases(&[
            &[
                "refugee",
                "refugees",
                "refugie",
                "refugiado",
                "asylum seeker",
                "idp",
            ],
            &["obj", "objective", "gcm"],
        ]);
        let chosen = choose(&ps, |_| 0);
        let as_str: Vec<&str> = chosen
            .iter()
            .map(|w| std::str::from_utf8(w).unwrap_or(""))
            .collect();
        assert_eq!(as_str, ["asylum", "gcm", "idp", "obj", "refug"]);
    }

    #[test]
    fn pieces_of_ordinary_wording_are_avoided() {
        let ps = phrases(&[&[
            "internally displaced",
            "international protection",
            "temporary protection",
        ]]);
        let background = b"international cooperation and consular protection";
        let common = |word: &[u8]| common_prefix_len(background, word);
        let as_str = |v: Vec<Vec<u8>>| -> Vec<String> {
            v.iter()
                .map(|w| String::from_utf8_lossy(w).into_owned())
                .collect()
        };
        // Without a background, "protection" covers two phrases at once.
        assert!(as_str(choose(&ps, |_| 0)).contains(&"protection".to_string()));
        // With one, the rare words carry what they can; a common word only
        // where a phrase has nothing else ("international protection").
        let chosen = as_str(choose(&ps, common));
        assert_eq!(chosen, ["internally", "international", "temporary"]);
    }

    #[test]
    fn the_background_index_finds_the_same_common_prefixes_as_a_search() {
        let background: Vec<u8> = crate::text::fold(
            "International cooperation; consular protection of migrants, refugees' rights. ab",
        )
        .bytes()
        .map(fold_byte)
        .collect();
        let index = BackgroundIndex::new(&background);
        for word in [
            "international",
            "internally",
            "protection",
            "protocol",
            "refugees",
            "ab",
            "a",
            "zzz",
            "rights",
            "migrants",
            "consul",
        ] {
            let w = word.as_bytes();
            assert_eq!(
                index.common_prefix_len(w),
                common_prefix_len(&background, w),
                "{word}"
            );
        }
        assert_eq!(index.common_prefix_len(b"internally"), 7);
    }

    #[test]
    fn hits_are_found_overlapping_and_say_whether_they_settle_the_list() {
        let ps = phrases(&[&["temporary protection", "idp"], &["obj"]]);
        let a = Anchors::new(&ps, "").expect("anchors");
        let mut seen = Vec::new();
        a.for_each_hit(
            b"idps and objectives; temporary protection",
            &mut Vec::new(),
            |info, at| {
                seen.push((at, info.settles(), info.lists));
                true
            },
        );
        let settled: Vec<(usize, bool)> = seen.iter().map(|(a, s, _)| (*a, *s)).collect();
        // The longer word of the two-word phrase is its anchor; a hit does
        // not settle the phrase.
        assert_eq!(settled, [(0, true), (9, true), (31, false)]);
        assert_eq!(seen.iter().map(|s| s.2).collect::<Vec<_>>(), [1, 2, 1]);
    }

    #[test]
    fn a_hit_is_ruled_out_only_where_a_phrase_lacks_its_partner_word() {
        // "international" anchors a two-word phrase; "refug" two one-word
        // phrases it does not equal, which no window can rule out.
        let ps = phrases(&[&["international protection", "refugee", "refugees"]]);
        let a = Anchors::new(&ps, "").expect("anchors");
        let text = b"international cooperation on international  protection for refugees";
        let mut ruled_out = Vec::new();
        a.for_each_hit(text, &mut Vec::new(), |info, at| {
            let window = text.get(at..text.len().min(at + 26)).unwrap_or(&[]);
            ruled_out.push((at, a.rules_out(&info, window)));
            true
        });
        assert_eq!(ruled_out, [(0, true), (29, false), (59, false)]);
        // The partner may stand anywhere in the window, but whole.
        let mut first = None;
        a.for_each_hit(b"international", &mut Vec::new(), |info, _| {
            first = Some(info);
            false
        });
        let first = first.expect("a hit");
        assert!(!a.rules_out(&first, b"protection, international"));
        assert!(a.rules_out(&first, b"international protectio"));
    }
}
