//! Faithful excerpts: the State's own words, never rewritten. Long passages
//! are shortened at a sentence boundary and marked with an ellipsis; the
//! caller adds a pointer to the source.

use crate::text::{normalize_whitespace, word_count};

/// Splits text into sentences, keeping each sentence's punctuation and
/// spacing as written. Handles Latin, Cyrillic, Arabic and CJK full stops.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let cjk_stop = matches!(c, '。' | '！' | '？');
        let stop = matches!(c, '.' | '!' | '?' | '؟' | '…');
        let next_is_space = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        if cjk_stop
            || (stop && next_is_space && !is_abbreviation(text.get(start..end).unwrap_or("")))
        {
            if let Some(s) = text.get(start..end) {
                if !s.trim().is_empty() {
                    out.push(s.trim());
                }
            }
            start = end;
        }
    }
    if let Some(rest) = text.get(start..) {
        if !rest.trim().is_empty() {
            out.push(rest.trim());
        }
    }
    out
}

/// "e.g.", "No.", "art." and single initials do not end a sentence.
fn is_abbreviation(sentence: &str) -> bool {
    let last = sentence
        .trim_end_matches('.')
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let lower = last.to_lowercase();
    matches!(
        lower.as_str(),
        "e.g"
            | "i.e"
            | "etc"
            | "no"
            | "nos"
            | "art"
            | "para"
            | "paras"
            | "p"
            | "pp"
            | "mr"
            | "ms"
            | "dr"
            | "vs"
            | "cf"
            | "núm"
            | "sr"
            | "sra"
            | "mme"
            | "m"
            | "г"
            | "ст"
            | "st"
    ) || (last.chars().count() == 1 && last.chars().all(char::is_uppercase))
}

/// An excerpt of at most about `max_words` words, cut after a whole sentence.
/// Returns the text and whether it was shortened. The first sentence is
/// always kept whole, even when longer: a cut mid-sentence would change the
/// meaning.
pub fn shorten(text: &str, max_words: usize) -> (String, bool) {
    let text = normalize_whitespace(text);
    if word_count(&text) <= max_words {
        return (text, false);
    }
    let mut kept = String::new();
    let mut words = 0;
    for sentence in sentences(&text) {
        let w = word_count(sentence);
        if !kept.is_empty() && words + w > max_words {
            break;
        }
        if !kept.is_empty() && !ends_cjk(&kept) {
            kept.push(' ');
        }
        kept.push_str(sentence);
        words += w;
    }
    let shortened = kept.len() < text.len();
    if shortened {
        if !ends_cjk(&kept) {
            kept.push(' ');
        }
        kept.push('…');
    }
    (kept, shortened)
}

fn ends_cjk(s: &str) -> bool {
    s.chars()
        .last()
        .is_some_and(|c| matches!(c, '。' | '！' | '？'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_in_several_scripts() {
        assert_eq!(
            sentences("A plan was adopted. It has 97 measures, e.g. visas. Done!"),
            vec![
                "A plan was adopted.",
                "It has 97 measures, e.g. visas.",
                "Done!"
            ]
        );
        assert_eq!(
            sentences("通过了计划。共有97项措施。"),
            vec!["通过了计划。", "共有97项措施。"]
        );
        assert_eq!(
            sentences("اعتمدت خطة. هل نجحت؟ نعم"),
            vec!["اعتمدت خطة.", "هل نجحت؟", "نعم"]
        );
    }

    #[test]
    fn short_text_is_kept_as_written() {
        assert_eq!(
            shorten("Two  words.", 10),
            ("Two words.".to_string(), false)
        );
    }

    #[test]
    fn long_text_is_cut_after_a_sentence_with_an_ellipsis() {
        let text =
            "First sentence has five words. Second sentence has five words. Third one too here.";
        let (s, cut) = shorten(text, 11);
        assert!(cut);
        assert_eq!(
            s,
            "First sentence has five words. Second sentence has five words. …"
        );
    }

    #[test]
    fn an_overlong_first_sentence_is_kept_whole() {
        let text = "One two three four five six seven. Eight nine.";
        let (s, cut) = shorten(text, 3);
        assert_eq!(s, "One two three four five six seven. …");
        assert!(cut);
    }
}
