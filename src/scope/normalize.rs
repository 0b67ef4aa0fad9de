//! Text normalisation and tokenisation for the scope check.
//!
//! Reports are typed in Word by many hands: the same word arrives with or
//! without accents, with typographic apostrophes, non-breaking spaces, soft
//! hyphens, inclusive-writing dots, Arabic diacritics or traditional Chinese
//! characters. Matching must not depend on any of that, yet a finding must quote
//! the text exactly as the State wrote it. So normalisation produces a sequence
//! of [`Token`]s, each holding its normalised form *and* the byte range of the
//! original text it came from.
//!
//! The same function normalises lexicon forms and report text, so a form in the
//! lexicon always matches itself, whatever its spelling.
//!
//! Rules, in the order applied to each character:
//! 1. compatibility decomposition (NFKD; full-width digits become ASCII, Arabic
//!    presentation forms become letters) and removal of every combining mark —
//!    this makes matching accent-insensitive, folds Russian ё to е, Arabic
//!    hamza carriers (أ إ آ ؤ ئ) to their base letter and drops Arabic
//!    diacritics (U+064B–U+0652, U+0670); it subsumes NFC;
//! 2. removal of format characters: soft hyphen, zero-width characters, bidi
//!    marks, Arabic tatweel;
//! 3. per-character foldings: ٱ → ا, ة → ه, ى/ی → ي, ک → ك, Arabic-Indic and
//!    Persian digits → ASCII, a few traditional Chinese characters →
//!    simplified, typographic apostrophes (U+2019, U+02BC, …) → `'`, hyphens
//!    (U+2010–U+2015, U+2212) → `-`, every space (U+00A0, U+202F, …) → space;
//! 4. lower-casing, then the ligatures œ → oe and æ → ae (`main-d'œuvre` and
//!    `main-d'oeuvre` are one form), and every other character that is not a
//!    letter, a digit or an inclusive-writing dot → space (it separates words
//!    either way).
//!
//! Tokenisation: letters and digits form words; letters and digits are split
//! apart (`refugees1` → `refugees 1`); every Han character is a word of its own
//! (so Chinese is matched as a substring); an inclusive-writing middle dot or
//! dot inside a word is dropped (`réfugié·e·s`, `réfugié.e.s` → `refugiees`); an
//! apostrophe ends a word, and French elided particles before it (`l' d' qu'
//! j' n' s' c' m' t'`) and the English possessive `'s` after it are dropped.

use crate::text::letters::{is_alphabetic, is_alphanumeric};
use crate::text::{fold_char, is_inclusive_joiner};

/// One word of normalised text, with where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    /// Byte range of the normalised form in [`Normalized::text`].
    pub norm_start: usize,
    /// End (exclusive) of the normalised form.
    pub norm_end: usize,
    /// Byte offset of the first original character of the word.
    pub orig_start: usize,
    /// Byte offset just after the last original character of the word.
    pub orig_end: usize,
    /// The word contains Arabic letters: clitic stripping applies.
    pub arabic: bool,
}

/// Normalised text as a list of tokens over one string buffer.
#[derive(Debug, Clone, Default)]
pub(crate) struct Normalized {
    /// All normalised token forms, concatenated without separators.
    pub text: String,
    /// The tokens in reading order.
    pub tokens: Vec<Token>,
}

impl Normalized {
    /// The normalised form of a token (empty if the token is not ours).
    pub fn key(&self, token: &Token) -> &str {
        self.text
            .get(token.norm_start..token.norm_end)
            .unwrap_or("")
    }

    /// The normalised forms of all tokens, for tests and diagnostics.
    #[cfg(test)]
    pub fn words(&self) -> Vec<&str> {
        self.tokens.iter().map(|t| self.key(t)).collect()
    }
}

/// What a normalised character does to tokenisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    Han,
    Apostrophe,
    /// Inclusive-writing middle dot: joins when inside a word.
    Joiner,
    Separator,
}

/// Particles that French elides before an apostrophe; they carry no meaning
/// for the scope check and are dropped so `d'asile` matches `asile`.
const ELIDED: &[&str] = &[
    "l", "d", "j", "n", "s", "c", "m", "t", "qu", "lorsqu", "puisqu", "jusqu", "quoiqu",
];

/// Endings written after a dot in French inclusive writing (`réfugié.e.s`).
const INCLUSIVE_SUFFIXES: &[&str] = &[
    "e", "es", "s", "ne", "nes", "euse", "euses", "rice", "rices", "trice", "trices", "ve", "ves",
    "le", "les", "fe", "x",
];

/// Normalise `input` into tokens. Never panics; linear in the input length.
pub(crate) fn normalize(input: &str) -> Normalized {
    let mut b = Builder {
        out: Normalized {
            text: String::with_capacity(input.len()),
            tokens: Vec::with_capacity(input.len() / 5 + 1),
        },
        cur: None,
        after_apostrophe: false,
    };
    for (pos, ch) in input.char_indices() {
        let end = pos + ch.len_utf8();
        if ch == '.' {
            // A dot inside a word followed by an inclusive ending joins.
            if b.in_letter_word() && inclusive_dot_follows(input.get(end..).unwrap_or("")) {
                continue;
            }
            b.separator(false);
            continue;
        }
        if ch.is_ascii() {
            // Fast path: ASCII decomposes to itself and has no marks; only the
            // backtick and whitespace fold to something else.
            let folded = match ch {
                '`' => '\'',
                c if c.is_ascii_whitespace() => ' ',
                c => c.to_ascii_lowercase(),
            };
            b.push(folded, pos, end);
            continue;
        }
        fold_char(ch, |l| b.push(l, pos, end));
    }
    b.separator(false);
    b.out
}

/// Whether `rest` (the original text after a dot) starts with an
/// inclusive-writing ending, itself followed by the end of the word.
fn inclusive_dot_follows(rest: &str) -> bool {
    let run_len: usize = rest
        .chars()
        .take_while(|c| c.is_lowercase())
        .map(char::len_utf8)
        .sum();
    let Some(run) = rest.get(..run_len) else {
        return false;
    };
    if run.is_empty() || !INCLUSIVE_SUFFIXES.contains(&run) {
        return false;
    }
    match rest.get(run_len..).and_then(|r| r.chars().next()) {
        None => true,
        Some('.') => true,
        Some(c) => !is_alphanumeric(c),
    }
}

/// Whether `c` is a CJK ideograph, matched one character at a time.
fn is_han(c: char) -> bool {
    matches!(
        c,
        '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{2FA1F}'
    )
}

fn classify(c: char) -> Class {
    if is_han(c) {
        Class::Han
    } else if is_alphabetic(c) {
        Class::Letter
    } else if c.is_numeric() {
        Class::Digit
    } else if c == '\'' {
        Class::Apostrophe
    } else if is_inclusive_joiner(c) {
        Class::Joiner
    } else {
        Class::Separator
    }
}

/// The word being built.
struct Current {
    token: Token,
    class: Class,
}

struct Builder {
    out: Normalized,
    cur: Option<Current>,
    /// The previous token ended at an apostrophe with nothing in between.
    after_apostrophe: bool,
}

impl Builder {
    fn in_letter_word(&self) -> bool {
        matches!(&self.cur, Some(c) if c.class == Class::Letter)
    }

    fn push(&mut self, c: char, orig_start: usize, orig_end: usize) {
        match classify(c) {
            Class::Han => {
                self.separator(false);
                self.start(c, Class::Han, orig_start, orig_end);
                self.separator(false);
            }
            class @ (Class::Letter | Class::Digit) => {
                // Letters and digits do not share a word (refugees12).
                if matches!(&self.cur, Some(cur) if cur.class != class) {
                    self.separator(false);
                }
                match &mut self.cur {
                    Some(cur) => {
                        self.out.text.push(c);
                        cur.token.norm_end = self.out.text.len();
                        cur.token.orig_end = orig_end;
                        cur.token.arabic |= is_arabic(c);
                    }
                    None => self.start(c, class, orig_start, orig_end),
                }
            }
            Class::Joiner => {
                if self.in_letter_word() {
                    // réfugié·e·s: keep building the same word.
                    if let Some(cur) = &mut self.cur {
                        cur.token.orig_end = orig_end;
                    }
                } else {
                    self.separator(false);
                }
            }
            Class::Apostrophe => self.separator(true),
            Class::Separator => self.separator(false),
        }
    }

    fn start(&mut self, c: char, class: Class, orig_start: usize, orig_end: usize) {
        let norm_start = self.out.text.len();
        self.out.text.push(c);
        self.cur = Some(Current {
            token: Token {
                norm_start,
                norm_end: self.out.text.len(),
                orig_start,
                orig_end,
                arabic: is_arabic(c),
            },
            class,
        });
    }

    /// Close the current word. `apostrophe`: the word ends at an apostrophe.
    fn separator(&mut self, apostrophe: bool) {
        let Some(cur) = self.cur.take() else {
            self.after_apostrophe = false;
            return;
        };
        let key = self
            .out
            .text
            .get(cur.token.norm_start..cur.token.norm_end)
            .unwrap_or("");
        let drop = (apostrophe && ELIDED.contains(&key)) || (self.after_apostrophe && key == "s");
        if drop {
            self.out.text.truncate(cur.token.norm_start);
        } else {
            self.out.tokens.push(cur.token);
        }
        self.after_apostrophe = apostrophe;
    }
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}')
}

/// Arabic proclitics stripped from the front of a word (one at most).
const PROCLITICS: &[char] = &['و', 'ف', 'ب', 'ل', 'ك'];
/// Shortest stem left after stripping, in characters, so short words are not
/// over-stripped.
const MIN_ARABIC_STEM: usize = 3;

/// The keys an Arabic word may be matched under: the word itself, without the
/// article ال, without one proclitic, without proclitic and article, and
/// without لل (= ل + ال). Each stripped key keeps at least three letters.
/// Returns up to five keys (suffixes of `word`); `None` slots are unused.
pub(crate) fn arabic_keys(word: &str) -> [Option<&str>; 5] {
    let after_clitic = word
        .strip_prefix(|c: char| PROCLITICS.contains(&c))
        .filter(|r| long_enough(r));
    [
        Some(word),
        strip_article(word),
        after_clitic,
        after_clitic.and_then(strip_article),
        word.strip_prefix("لل").filter(|r| long_enough(r)),
    ]
}

fn long_enough(s: &str) -> bool {
    s.chars().count() >= MIN_ARABIC_STEM
}

fn strip_article(s: &str) -> Option<&str> {
    s.strip_prefix("ال").filter(|r| long_enough(r))
}

/// The canonical key of an Arabic word in the lexicon: the article is
/// removed (so `اللاجئين` is stored as `لاجئين`); text words reach it through
/// [`arabic_keys`].
pub(crate) fn arabic_canonical(word: &str) -> &str {
    word.strip_prefix("ال")
        .filter(|r| r.chars().count() >= MIN_ARABIC_STEM)
        .unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        normalize(s).words().into_iter().map(String::from).collect()
    }

    #[test]
    fn case_and_accents_fold() {
        assert_eq!(
            words("Réfugiés MIGRACIÓN Diáspora"),
            ["refugies", "migracion", "diaspora"]
        );
    }

    #[test]
    fn ligatures_read_as_their_letters_and_symbols_separate_words() {
        assert_eq!(words("main-d'Œuvre"), words("main-d'oeuvre"));
        assert_eq!(words("Cæsar"), ["caesar"]);
        assert_eq!(words("«réfugiés»€10°C"), ["refugies", "10", "c"]);
    }

    #[test]
    fn nfc_and_nfd_input_match() {
        // "é" precomposed vs "e" + combining acute.
        assert_eq!(words("r\u{e9}fugi\u{e9}"), words("re\u{301}fugie\u{301}"));
    }

    #[test]
    fn spaces_soft_hyphen_and_hyphens() {
        assert_eq!(
            words("droit\u{a0}d\u{2019}asile\u{202f};"),
            ["droit", "asile"]
        );
        assert_eq!(words("réfu\u{ad}giés"), ["refugies"]);
        assert_eq!(words("asylum\u{2011}seekers"), ["asylum", "seekers"]);
        assert_eq!(words("asylum\u{2010}seekers"), words("asylum-seekers"));
    }

    #[test]
    fn french_elision_with_any_apostrophe() {
        for s in [
            "l'asile",
            "l\u{2019}asile",
            "l\u{2bc}asile",
            "d'asile",
            "qu'asile",
        ] {
            assert_eq!(words(s), ["asile"], "{s}");
        }
        assert_eq!(
            words("jusqu'à j'ai n'est s'il c'est"),
            ["a", "ai", "est", "il", "est"]
        );
    }

    #[test]
    fn english_possessive() {
        assert_eq!(words("refugee's rights"), ["refugee", "rights"]);
        assert_eq!(words("UNHCR\u{2019}s office"), ["unhcr", "office"]);
        assert_eq!(words("refugees' rights"), ["refugees", "rights"]);
    }

    #[test]
    fn inclusive_writing() {
        assert_eq!(words("réfugié·e·s"), ["refugiees"]);
        assert_eq!(words("réfugié.e.s."), ["refugiees"]);
        assert_eq!(words("migrant.e.s et"), ["migrantes", "et"]);
        // A sentence end or a web address is not inclusive writing.
        assert_eq!(words("réfugiés. Les"), ["refugies", "les"]);
        assert_eq!(words("unhcr.org"), ["unhcr", "org"]);
    }

    #[test]
    fn russian_yo_and_hyphenated_compounds() {
        assert_eq!(words("перемещённые"), words("перемещенные"));
        assert_eq!(words("трудящиеся-мигранты"), ["трудящиеся", "мигранты"]);
    }

    #[test]
    fn arabic_letters_diacritics_and_tatweel() {
        // Hamza forms, taa marbuta, alef maqsura, tatweel, diacritics.
        assert_eq!(words("أإآٱ"), ["اااا"]);
        assert_eq!(words("الهجرة"), ["الهجره"]);
        assert_eq!(words("مستشفى"), ["مستشفي"]);
        assert_eq!(words("اللاجـــئين"), words("اللاجئين"));
        assert_eq!(words("اللَّاجِئِينَ"), words("اللاجئين"));
        assert!(normalize("لاجئ").tokens.iter().all(|t| t.arabic));
    }

    #[test]
    fn arabic_clitics() {
        let w = words("للاجئين");
        let keys = arabic_keys(&w[0]);
        assert!(keys.contains(&Some("لاجيين")), "{keys:?}");
        let w = words("والمهاجرين");
        assert!(arabic_keys(&w[0]).contains(&Some("مهاجرين")));
        let w = words("للمهاجرين");
        assert!(arabic_keys(&w[0]).contains(&Some("مهاجرين")));
        // Short words are not over-stripped.
        assert_eq!(arabic_keys("بان"), [Some("بان"), None, None, None, None]);
        assert_eq!(arabic_canonical("اللاجيين"), "لاجيين");
        assert_eq!(arabic_canonical("الي"), "الي");
    }

    #[test]
    fn arabic_and_persian_digits() {
        assert_eq!(words("الهدف ١٢ و۱۲"), ["الهدف", "12", "و", "12"]);
    }

    #[test]
    fn chinese_characters_are_single_words_and_traditional_folds() {
        assert_eq!(words("難民"), ["难", "民"]);
        assert_eq!(words("尋求庇護者"), words("寻求庇护者"));
        assert_eq!(
            words("根据1951年《公约》"),
            ["根", "据", "1951", "年", "公", "约"]
        );
    }

    #[test]
    fn full_width_digits() {
        assert_eq!(words("１９５１年"), ["1951", "年"]);
    }

    #[test]
    fn letters_and_digits_split() {
        assert_eq!(
            words("refugees12 COVID-19"),
            ["refugees", "12", "covid", "19"]
        );
    }

    #[test]
    fn offsets_point_at_the_original() {
        let text = "Les réfugié·e·s d\u{2019}Ukraine";
        let n = normalize(text);
        let quoted: Vec<&str> = n
            .tokens
            .iter()
            .map(|t| text.get(t.orig_start..t.orig_end).unwrap_or("?"))
            .collect();
        assert_eq!(quoted, ["Les", "réfugié·e·s", "Ukraine"]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "",
            "\u{301}\u{301}",
            "\u{200f}\u{202e}",
            "'''",
            "....",
            "·",
            "a.",
            "\u{FFFF}\u{10FFFF}",
            "ﷺ",
        ] {
            let _ = normalize(s);
        }
    }
}
