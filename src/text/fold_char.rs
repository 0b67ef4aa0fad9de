//! The character folding shared by the scope normaliser and the literal
//! screens ([`super::search`]): one definition, so a screen can never disagree
//! with the matcher it stands in front of.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use super::fold_table::FoldTable;

/// Folds one non-ASCII character the way the scope check compares text:
/// compatibility decomposition (NFKD) with every combining mark removed
/// (accents, Arabic diacritics, Russian ё → е), format characters dropped
/// (soft hyphen, zero-width and bidi controls, tatweel), Arabic letter
/// variants, Arabic-Indic digits, typographic apostrophes and dashes, spaces
/// and the traditional Chinese characters of the lexicon folded, then
/// lower-cased; the ligatures œ and æ become oe and ae, and any other
/// character that is not a letter, a digit or an inclusive-writing dot
/// becomes a space. Calls `push` for each resulting character (none, one or
/// several). ASCII callers fold with `to_ascii_lowercase` themselves.
pub(crate) fn fold_char(ch: char, mut push: impl FnMut(char)) {
    let u = u32::from(ch);
    if super::fold_table::CJK.contains(&u) {
        push(simplified_ideograph(ch));
        return;
    }
    match table().get(ch) {
        Some(out) => out.iter().for_each(|&c| push(c)),
        None => fold_char_exact(ch, push),
    }
}

/// [`fold_char`] appended to `out` as text.
pub(crate) fn push_folded(ch: char, out: &mut String) {
    let u = u32::from(ch);
    if super::fold_table::CJK.contains(&u) {
        out.push(simplified_ideograph(ch));
        return;
    }
    match table().get_str(ch) {
        Some(s) => out.push_str(s),
        None => fold_char_exact(ch, |c| out.push(c)),
    }
}

/// [`traditional_to_simplified`] for a character of the CJK range, behind a
/// bitmap of the few it changes: most ideographs are none of them, and one
/// bit test is cheaper than the match's comparisons (a sixth of checking a
/// Chinese report before).
fn simplified_ideograph(ch: char) -> char {
    static CHANGED: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let bits = CHANGED.get_or_init(|| {
        let cjk = super::fold_table::CJK;
        let mut bits = vec![0u64; (cjk.end() - cjk.start() + 1).div_ceil(64) as usize];
        for (i, u) in cjk.clone().enumerate() {
            let changed = char::from_u32(u).is_some_and(|c| traditional_to_simplified(c) != c);
            if let Some(word) = bits.get_mut(i / 64) {
                *word |= u64::from(changed) << (i % 64);
            }
        }
        bits
    });
    let i = u32::from(ch).saturating_sub(*super::fold_table::CJK.start()) as usize;
    let changed = bits.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1);
    if changed {
        traditional_to_simplified(ch)
    } else {
        ch
    }
}

fn table() -> &'static FoldTable {
    static TABLE: std::sync::OnceLock<FoldTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| FoldTable::build(|c, sink| fold_char_exact(c, sink)))
}

/// [`fold_char`] worked out from the Unicode tables, for characters the
/// fold table does not hold (and to fill it).
fn fold_char_exact(ch: char, mut push: impl FnMut(char)) {
    decompose_compatible(ch, |d| {
        if is_combining_mark(d) || is_ignorable(d) {
            return;
        }
        for l in fold_one(d).to_lowercase() {
            match l {
                // Ligatures compatibility decomposition leaves whole:
                // "main-d'œuvre" is also typed "main-d'oeuvre".
                'œ' => {
                    push('o');
                    push('e');
                }
                'æ' => {
                    push('a');
                    push('e');
                }
                // Any other character that is neither a letter, a digit nor
                // an inclusive-writing dot separates words (« », €, °):
                // a space says so, and keeps French and Spanish text ASCII
                // for the screens.
                l if !l.is_ascii()
                    && !super::letters::is_alphanumeric(l)
                    && !is_inclusive_joiner(l) =>
                {
                    push(' ')
                }
                l => push(l),
            }
        }
    });
}

/// Characters that vanish: soft hyphen, zero-width and bidi controls, BOM,
/// Arabic tatweel.
pub(crate) fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0640}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Per-character foldings applied after decomposition.
fn fold_one(c: char) -> char {
    match c {
        // Arabic letter variants.
        'ٱ' => 'ا',
        'ة' => 'ه',
        'ى' | 'ی' => 'ي',
        'ک' => 'ك',
        // Arabic-Indic and Persian digits.
        '\u{0660}'..='\u{0669}' => digit_from(c, 0x0660),
        '\u{06F0}'..='\u{06F9}' => digit_from(c, 0x06F0),
        // Apostrophes as Word types them.
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{02B9}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        // Hyphens and dashes.
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => '-',
        // Greek final sigma folds like the rest of the alphabet.
        'ς' => 'σ',
        c if c.is_whitespace() => ' ',
        c => traditional_to_simplified(c),
    }
}

fn digit_from(c: char, zero: u32) -> char {
    char::from_digit(u32::from(c).saturating_sub(zero), 10).unwrap_or('0')
}

/// Traditional → simplified for the characters that occur in the Chinese
/// lexicon, so `難民` matches `难民` and `尋求庇護者` matches `寻求庇护者`. Not a
/// general converter: only what the lexicon needs.
fn traditional_to_simplified(c: char) -> char {
    match c {
        '難' => '难',
        '護' => '护',
        '尋' => '寻',
        '請' => '请',
        '僑' => '侨',
        '匯' => '汇',
        '際' => '际',
        '國' => '国',
        '內' => '内',
        '離' => '离',
        '約' => '约',
        '聯' => '联',
        '處' => '处',
        '問' => '问',
        '題' => '题',
        '議' => '议',
        '務' => '务',
        '級' => '级',
        '專' => '专',
        '員' => '员',
        '辦' => '办',
        '災' => '灾',
        '氣' => '气',
        '變' => '变',
        '無' => '无',
        '證' => '证',
        '簽' => '签',
        '勞' => '劳',
        '動' => '动',
        '網' => '网',
        '絡' => '络',
        '織' => '织',
        '壇' => '坛',
        '遷' => '迁',
        '屬' => '属',
        '權' => '权',
        '關' => '关',
        '於' => '于',
        '響' => '响',
        '應' => '应',
        '歸' => '归',
        '還' => '还',
        '鄉' => '乡',
        '駁' => '驳',
        '驅' => '驱',
        '臨' => '临',
        '時' => '时',
        '補' => '补',
        '徑' => '径',
        '僱' => '雇',
        '傭' => '佣',
        '濟' => '济',
        '衛' => '卫',
        '擁' => '拥',
        '導' => '导',
        '後' => '后',
        '靈' => '灵',
        '續' => '续',
        '領' => '领',
        '會' => '会',
        '資' => '资',
        '錢' => '钱',
        '夥' => '伙',
        '來' => '来',
        '紐' => '纽',
        '長' => '长',
        '開' => '开',
        '條' => '条',
        '萬' => '万',
        '論' => '论',
        '結' => '结',
        '將' => '将',
        '訂' => '订',
        '區' => '区',
        '場' => '场',
        '園' => '园',
        '滯' => '滞',
        '轉' => '转',
        '機' => '机',
        '構' => '构',
        '並' => '并',
        '對' => '对',
        '為' => '为',
        '東' => '东',
        other => other,
    }
}

/// The middle dots inclusive writing puts inside words (`réfugié·e·s`): the
/// scope normaliser joins across them, and a screen must know it may.
pub(crate) fn is_inclusive_joiner(c: char) -> bool {
    matches!(c, '·' | '\u{2027}' | '\u{22C5}' | '\u{2E31}' | '\u{2219}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every Unicode character folds the same through the table (and the
    /// ideograph shortcut) as worked out from the Unicode tables.
    #[test]
    fn the_fold_table_agrees_with_the_exact_fold_for_every_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let (mut fast, mut exact) = (Vec::new(), Vec::new());
            fold_char(c, |d| fast.push(d));
            fold_char_exact(c, |d| exact.push(d));
            assert_eq!(fast, exact, "U+{:04X}", u32::from(c));
            let mut text = String::new();
            push_folded(c, &mut text);
            assert_eq!(
                text,
                exact.iter().collect::<String>(),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }
}
