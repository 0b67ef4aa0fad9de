//! Finding GCM objective numbers in headings and prose, in the six UN
//! languages: "Objective 5", "GCM objective 5", "Obj. 5", "Objetivo 5",
//! "Objectif 5", "Цель 5", "الهدف ٥", "目标5", "目标五", "objectives 5 and 6".

use crate::template::Template;
use crate::text::{ascii_digits, fold, fold_char, fold_into_buffer};

/// Numbers above this are years or page numbers, never objectives.
const LARGEST_PLAUSIBLE: u32 = 99;

/// Recognises objective references with the template's markers.
#[derive(Debug, Clone)]
pub struct ObjectiveFinder {
    /// Folded single-token markers (e.g. "objective", "objetivo", "цель", "الهدف").
    markers: Vec<String>,
    /// Folded two-token markers (e.g. "gcm objective").
    phrase_markers: Vec<(String, String)>,
    /// First bytes of the single-token markers, for a one-look rejection
    /// of every other word.
    first_bytes: [bool; 256],
}

/// Reads folded words one at a time: a marker, then the numbers and
/// connectors after it.
#[derive(Default)]
struct ProseReader {
    after_marker: bool,
    found: Vec<u32>,
}

impl ProseReader {
    fn read(&mut self, finder: &ObjectiveFinder, token: &str) {
        if self.after_marker {
            if let Some(n) = parse_number(token) {
                if n <= LARGEST_PLAUSIBLE && !self.found.contains(&n) {
                    self.found.push(n);
                }
                return;
            }
            if CONNECTORS.contains(&token) {
                return;
            }
        }
        self.after_marker = finder.is_marker(token);
    }
}

/// Connecting words allowed between numbers in a list ("5, 6 and 7").
const CONNECTORS: [&str; 14] = [
    "and", "et", "y", "e", "и", "و", "to", "a", "al", "au", "à", "through", "or", "ou",
];

impl ObjectiveFinder {
    /// Builds the finder from the template's `objective_markers`.
    pub fn new(template: &Template) -> Self {
        let mut markers = Vec::new();
        let mut phrase_markers = Vec::new();
        for list in template.objective_markers.values() {
            for m in list {
                let folded = fold(m);
                let mut words = folded.split(' ');
                match (words.next(), words.next(), words.next()) {
                    (Some(a), None, _) if !a.is_empty() => markers.push(a.to_string()),
                    (Some(a), Some(b), None) => phrase_markers.push((a.to_string(), b.to_string())),
                    _ => {}
                }
            }
        }
        markers.sort();
        markers.dedup();
        let mut first_bytes = [false; 256];
        for m in &markers {
            if let Some(slot) = m
                .as_bytes()
                .first()
                .and_then(|&b| first_bytes.get_mut(usize::from(b)))
            {
                *slot = true;
            }
        }
        ObjectiveFinder {
            markers,
            phrase_markers,
            first_bytes,
        }
    }

    /// The words prose must contain to cite an objective: every single-word
    /// marker and 目标, folded like the scope check (a screen folds text that
    /// way; a marker folded by `fold` is folded once more so both sides agree
    /// character by character), for a literal screen in front of
    /// [`ObjectiveFinder::prose_objectives`].
    pub fn marker_words(&self) -> Vec<String> {
        self.markers
            .iter()
            .map(String::as_str)
            .chain([CHINESE_MARKER])
            .map(|m| {
                let mut out = String::new();
                for c in m.chars() {
                    if c.is_ascii() {
                        out.push(c.to_ascii_lowercase());
                    } else {
                        fold_char(c, |f| out.push(f));
                    }
                }
                out
            })
            .collect()
    }

    /// Whether a folded word starting with `b` may be a marker.
    fn may_start_marker(&self, b: u8) -> bool {
        self.first_bytes
            .get(usize::from(b))
            .copied()
            .unwrap_or(false)
    }

    fn is_marker(&self, token: &str) -> bool {
        let t = token.as_bytes();
        if !t.first().is_some_and(|&b| self.may_start_marker(b)) {
            return false;
        }
        self.markers.iter().any(|m| {
            let m = m.as_bytes();
            // Length and first byte first: this runs on every word of a
            // paragraph the screen could not settle.
            (m.len()..=m.len() + 2).contains(&t.len())
                && t.first() == m.first()
                && t.strip_prefix(m)
                    .is_some_and(|rest| matches!(rest, b"" | b"s" | b"es" | b"os"))
        })
    }

    /// The objective a heading introduces, if it starts with a marker and a
    /// number ("Objective 5: Regular pathways", "3. GCM objective 12", "目标五").
    /// Returns the number even when out of range, so the rules can flag it.
    pub fn heading_objective(&self, heading: &str) -> Option<u32> {
        // Only the first five words can matter (two of numbering, then a
        // marker of at most two words and the number). The mapper asks this
        // of whole paragraphs, and ASCII folds word by word, so an ASCII
        // paragraph is folded only that far.
        let heading = if heading.is_ascii() {
            first_ascii_words(heading, HEADING_WORDS)
        } else {
            heading
        };
        let folded = fold(&ascii_digits(heading));
        if let Some(n) = chinese_objective(&folded, true) {
            return Some(n);
        }
        let tokens: Vec<&str> = folded
            .split(' ')
            .filter(|t| !t.is_empty())
            .take(HEADING_WORDS)
            .collect();
        // Skip leading numbering ("3", "iv", "a") before the marker.
        let start = tokens
            .iter()
            .take(2)
            .take_while(|t| is_numbering_token(t))
            .count();
        let rest = tokens.get(start..).unwrap_or_default();
        let after = match rest {
            [a, b, n, ..] if self.is_phrase(a, b) => Some(*n),
            [m, n, ..] if self.is_marker(m) || *m == "gcm" => Some(*n),
            _ => None,
        }?;
        parse_number(after).filter(|n| *n <= LARGEST_PLAUSIBLE)
    }

    fn is_phrase(&self, a: &str, b: &str) -> bool {
        self.phrase_markers
            .iter()
            .any(|(x, y)| x == a && (b == y || b.strip_prefix(y.as_str()) == Some("s")))
    }

    /// Every objective number cited in prose, in order of appearance, with
    /// repeats removed: "objectives 5, 6 and 7" gives 5, 6, 7.
    pub fn prose_objectives(&self, text: &str) -> Vec<u32> {
        // Characters of three bytes or more: Chinese (read across words), or
        // rarer scripts and symbols. And text mostly in another script
        // (Russian, Arabic), where folding it whole is quicker: both paths
        // give the same numbers.
        let head = text.as_bytes().get(..64).unwrap_or(text.as_bytes());
        let other_script = head.iter().filter(|&&b| b >= 0x80).count() * 2 > head.len();
        if other_script || text.bytes().any(|b| b >= 0xE0) {
            return self.prose_objectives_folded(text);
        }
        // Latin with accents, Cyrillic, Arabic: folding is per character
        // and ASCII punctuation and spaces fold to word breaks, so the
        // paragraph's folded words are those of its pieces between ASCII
        // punctuation and spaces, folded one by one. A piece without
        // accents is its own folded word in lower case; only the others are
        // folded. (No character under U+0800 folds to 目 or 标: tested.)
        let mut reader = ProseReader::default();
        let mut word = String::new();
        let bytes = text.as_bytes();
        let is_piece = |b: u8| b >= 0x80 || b.is_ascii_alphanumeric();
        let mut end = 0;
        loop {
            // Both ends of a piece are at ASCII bytes or the ends of the
            // text, so on character boundaries.
            let mut start = end;
            while bytes.get(start).is_some_and(|&b| !is_piece(b)) {
                start += 1;
            }
            end = start;
            while bytes.get(end).copied().is_some_and(is_piece) {
                end += 1;
            }
            let Some(piece) = text.get(start..end).filter(|p| !p.is_empty()) else {
                break;
            };
            if piece.is_ascii() {
                // Most words: not a marker by their first letter, and not
                // read after one.
                let first = piece.as_bytes().first().map(u8::to_ascii_lowercase);
                if reader.after_marker || first.is_some_and(|b| self.may_start_marker(b)) {
                    reader.read(self, lowercase(piece, &mut word));
                }
            } else {
                fold_into_buffer(&ascii_digits(piece), &mut word);
                for token in word.split(' ').filter(|t| !t.is_empty()) {
                    reader.read(self, token);
                }
            }
        }
        reader.found
    }

    /// [`ObjectiveFinder::prose_objectives`] over the folded paragraph.
    fn prose_objectives_folded(&self, text: &str) -> Vec<u32> {
        // The general path: fold the whole paragraph, then read its tokens.
        let folded = fold(&ascii_digits(text));
        let mut reader = ProseReader::default();
        for token in folded.split(' ').filter(|t| !t.is_empty()) {
            reader.read(self, token);
        }
        let mut found = reader.found;
        for n in chinese_all(&folded) {
            if !found.contains(&n) {
                found.push(n);
            }
        }
        found
    }

    /// [`ObjectiveFinder::prose_objectives`] for ASCII `text`, given the byte
    /// offsets (in order) of the words that may be markers, as a literal
    /// screen on [`ObjectiveFinder::marker_words`] finds them. Same result as
    /// the general path: `fold` of ASCII text is its alphanumeric runs in
    /// lower case, so each marker is read in place, with the numbers and
    /// connectors after it. Non-ASCII text takes the general path.
    ///
    /// Why: in a long report most paragraphs that cite an objective are plain
    /// ASCII; reading them where the marker stands avoids folding and
    /// tokenising the whole paragraph.
    pub fn prose_objectives_at(
        &self,
        text: &str,
        marker_starts: impl IntoIterator<Item = usize>,
    ) -> Vec<u32> {
        if !text.is_ascii() {
            return self.prose_objectives(text);
        }
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        let mut scratch = String::new();
        // Tokens before this byte were already read (as a marker or after one).
        let mut consumed = 0;
        for start in marker_starts {
            if start < consumed {
                continue;
            }
            let token = ascii_token_at(bytes, start);
            let Some(word) = text.get(token.clone()) else {
                continue;
            };
            if token.start < consumed || !self.is_marker(lowercase(word, &mut scratch)) {
                continue;
            }
            let mut pos = token.end;
            while let Some(next) = next_ascii_token(bytes, pos) {
                let Some(word) = text.get(next.clone()) else {
                    break;
                };
                let word = lowercase(word, &mut scratch);
                if let Some(n) = parse_number(word) {
                    if n <= LARGEST_PLAUSIBLE && !found.contains(&n) {
                        found.push(n);
                    }
                } else if !CONNECTORS.contains(&word) {
                    break;
                }
                pos = next.end;
            }
            consumed = pos;
        }
        found
    }
}

/// `word` in ASCII lower case, borrowed when it already is (most words),
/// else lowered into `scratch`.
fn lowercase<'w>(word: &'w str, scratch: &'w mut String) -> &'w str {
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return word;
    }
    scratch.clear();
    scratch.push_str(word);
    scratch.make_ascii_lowercase();
    scratch
}

/// The alphanumeric run around byte `at` of ASCII text.
fn ascii_token_at(bytes: &[u8], at: usize) -> std::ops::Range<usize> {
    let alnum = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
    let mut start = at;
    while start > 0 && alnum(start - 1) {
        start -= 1;
    }
    let mut end = at;
    while alnum(end) {
        end += 1;
    }
    start..end
}

/// The next alphanumeric run of ASCII text at or after byte `from`.
fn next_ascii_token(bytes: &[u8], from: usize) -> Option<std::ops::Range<usize>> {
    let start = from
        + bytes
            .get(from..)?
            .iter()
            .position(u8::is_ascii_alphanumeric)?;
    Some(ascii_token_at(bytes, start))
}

/// The Chinese marker, matched as a substring (Chinese has no spaces).
const CHINESE_MARKER: &str = "目标";

/// Numbering at the start of a heading: digits, roman numerals, one letter.
pub fn is_numbering_token(token: &str) -> bool {
    token.chars().all(|c| c.is_ascii_digit())
        || is_roman(token)
        || (token.chars().count() == 1 && token.chars().all(|c| c.is_ascii_lowercase()))
}

fn is_roman(token: &str) -> bool {
    !token.is_empty()
        && token.len() <= 5
        && token.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l'))
}

fn parse_number(token: &str) -> Option<u32> {
    if token.is_empty() || token.len() > 4 || !token.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    token.parse().ok()
}

/// Value of a Chinese numeral up to 99 (一 … 九十九).
fn chinese_numeral(s: &str) -> Option<(u32, usize)> {
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let chars: Vec<char> = s.chars().take(3).collect();
    match chars.as_slice() {
        [t, '十', u, ..] if digit(*t).is_some() && digit(*u).is_some() => {
            Some((digit(*t)? as u32 * 10 + digit(*u)? as u32, 3))
        }
        [t, '十', ..] if digit(*t).is_some() => Some((digit(*t)? as u32 * 10, 2)),
        ['十', u, ..] if digit(*u).is_some() => Some((10 + digit(*u)? as u32, 2)),
        ['十', ..] => Some((10, 1)),
        [u, ..] if digit(*u).is_some() => Some((digit(*u)? as u32, 1)),
        _ => None,
    }
}

/// "目标5", "目标 5", "目标五" at the start (heading) of folded text.
/// Words of a heading [`ObjectiveFinder::heading_objective`] reads.
const HEADING_WORDS: usize = 5;

/// `text` before its `n + 1`th word, words as the ASCII fold makes them
/// (runs of letters and digits): the part whose fold holds the first `n`.
fn first_ascii_words(text: &str, n: usize) -> &str {
    let bytes = text.as_bytes();
    let mut words = usize::from(bytes.first().is_some_and(u8::is_ascii_alphanumeric));
    for (i, pair) in bytes.windows(2).enumerate() {
        if let [a, b] = pair {
            if !a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
                words += 1;
                if words > n {
                    return text.get(..=i).unwrap_or(text);
                }
            }
        }
    }
    text
}

fn chinese_objective(folded: &str, at_start: bool) -> Option<u32> {
    let rest = if at_start {
        folded.strip_prefix("目标")?
    } else {
        folded
    };
    let rest = rest.trim_start();
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        return parse_number(&digits).filter(|n| *n <= LARGEST_PLAUSIBLE);
    }
    let rest = rest.strip_prefix('第').unwrap_or(rest);
    chinese_numeral(rest).map(|(n, _)| n)
}

fn chinese_all(folded: &str) -> Vec<u32> {
    let mut found = Vec::new();
    let mut rest = folded;
    while let Some(pos) = rest.find("目标") {
        let after = rest.get(pos + "目标".len()..).unwrap_or("");
        if let Some(n) = chinese_objective(after, false) {
            found.push(n);
        }
        rest = after;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finder() -> ObjectiveFinder {
        ObjectiveFinder::new(&Template::load().expect("template"))
    }

    /// Reading a paragraph piece by piece finds what folding it whole
    /// finds, on generated prose mixing markers, numbers, connectors,
    /// accents, Cyrillic, Arabic, other digits and punctuation.
    #[test]
    fn reading_by_pieces_agrees_with_folding_the_whole_paragraph() {
        let f = finder();
        let pool = [
            "Objective",
            "OBJECTIVES",
            "obj.",
            "objectif",
            "Objetivo",
            "objetivos",
            "GCM",
            "цель",
            "Цели",
            "целью",
            "الهدف",
            "هدف",
            "والهدف",
            "5",
            "12",
            "٥",
            "۷",
            "1951",
            "and",
            "et",
            "y",
            "и",
            "و",
            "à",
            "through",
            "ou",
            "línea",
            "Œuvre",
            "migración",
            "réfugiés",
            "беженцы",
            "лица",
            "المهاجرين",
            ",",
            ";",
            " ",
            "  ",
            "-",
            "(",
            ")",
            ":",
            "\u{00A0}",
            "\u{0301}",
            "é",
            "x\u{00AD}y",
            "ё",
            "ﻻ",
            "n°",
        ];
        for text in crate::text::mixed_texts(0x9E37_79B9_7F4A_7C15, &pool, 13, true, 20_000) {
            assert_eq!(
                f.prose_objectives(&text),
                f.prose_objectives_folded(&text),
                "{text:?}"
            );
        }
    }

    /// Why the piece path may skip Chinese numbering: no character below
    /// U+0800 folds to the characters of 目标.
    #[test]
    fn characters_under_u0800_never_fold_to_the_chinese_marker() {
        for c in (0x80..0x800u32).filter_map(char::from_u32) {
            let folded = fold(&format!("a{c}b"));
            assert!(!folded.contains(['目', '标']), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn headings_in_six_languages() {
        let f = finder();
        for (heading, n) in [
            ("Objective 5", 5),
            (
                "Objective 5: Enhance availability and flexibility of pathways",
                5,
            ),
            ("GCM Objective 12", 12),
            ("3.2 Obj. 7 – Vulnerabilities", 7),
            ("GCM 23", 23),
            ("Objetivo 1", 1),
            ("Objectif 16 : Intégration", 16),
            ("Цель 21", 21),
            ("الهدف ٥", 5),
            ("الهدف 14", 14),
            ("目标5", 5),
            ("目标 12", 12),
            ("目标五", 5),
            ("目标二十三", 23),
            ("Objective 24", 24),
        ] {
            assert_eq!(f.heading_objective(heading), Some(n), "{heading}");
        }
    }

    #[test]
    fn a_long_ascii_paragraph_is_read_as_its_first_words() {
        let f = finder();
        let pieces = [
            "Objective",
            "objectives",
            "GCM",
            "gcm",
            "obj",
            ".",
            " ",
            ": ",
            "3",
            "12",
            "24",
            "iv",
            "a",
            "and",
            "-",
            "Objetivo",
            "2018",
            "x",
        ];
        let tail = " and the rest of a long paragraph about objective 7";
        let mut found = 0;
        for t in crate::text::mixed_texts(5, &pieces, 10, true, 6000) {
            let ascii = format!("{t}{tail}");
            // The same words, with a character that takes the general path.
            let general = format!("{ascii} \u{fc}");
            let n = f.heading_objective(&ascii);
            assert_eq!(n, f.heading_objective(&general), "{ascii:?}");
            found += usize::from(n.is_some());
        }
        assert!(found > 100, "only {found} objective headings generated");
        // The longest readings: two numbering words, a two-word marker and
        // the number, then the paragraph.
        for (text, n) in [
            (
                "3 iv GCM objective 12 and a long paragraph after it",
                Some(12),
            ),
            ("iv. a) GCM Objective 24: more words follow here", Some(24)),
            ("1. 2. 3. GCM objective 5 and so on", None),
        ] {
            assert_eq!(f.heading_objective(text), n, "{text}");
            assert_eq!(f.heading_objective(&format!("{text} \u{fc}")), n, "{text}");
        }
        assert_eq!(
            first_ascii_words("3. Objective 5: text", 3),
            "3. Objective 5: "
        );
        assert_eq!(first_ascii_words(" 3. Objective", 5), " 3. Objective");
        assert_eq!(first_ascii_words("a b c", 2), "a b ");
    }

    #[test]
    fn other_headings_are_not_objectives() {
        let f = finder();
        for heading in [
            "Methodology",
            "Objectives of the review",
            "GCM 2018 and after",
            "3. Next steps",
        ] {
            assert_eq!(f.heading_objective(heading), None, "{heading}");
        }
    }

    #[test]
    fn prose_citations_and_lists() {
        let f = finder();
        assert_eq!(
            f.prose_objectives("In line with objectives 5, 6 and 7 and Objective 23."),
            vec![5, 6, 7, 23]
        );
        assert_eq!(
            f.prose_objectives("Conforme al objetivo 24 del Pacto"),
            vec![24]
        );
        assert_eq!(f.prose_objectives("根据目标12和目标三"), vec![12, 3]);
        // Plurals, as Russian and Arabic prose cite several objectives.
        assert_eq!(
            f.prose_objectives("в рамках целей 5 и 6, а также в целях 7"),
            vec![5, 6, 7]
        );
        assert_eq!(f.prose_objectives("في إطار الأهداف 5 و 6"), vec![5, 6]);
        assert_eq!(
            f.prose_objectives("Adopted in 2018, the compact has 23 objectives."),
            Vec::<u32>::new()
        );
    }
}
