//! `numbering.xml` and Word's list counters: renders the label ("3.",
//! "III.", "Objective 3", "•") that auto-numbering shows but the text lacks.

use std::collections::HashMap;

use super::xml::{attr, lenient_int, local, Ev, Ns, XmlPart};
use crate::ingest::IngestError;

/// Levels per list definition in WordprocessingML.
const LEVELS: usize = 9;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Fmt {
    #[default]
    Decimal,
    DecimalZero,
    UpperRoman,
    LowerRoman,
    UpperLetter,
    LowerLetter,
    Bullet,
    None,
}

#[derive(Debug, Clone, Default)]
struct Level {
    start: Option<u32>,
    fmt: Fmt,
    text: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: Option<String>,
    start_override: [Option<u32>; LEVELS],
    level_override: [Option<Level>; LEVELS],
}

/// Parsed list definitions.
#[derive(Debug, Clone, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<String, [Option<Level>; LEVELS]>,
    nums: HashMap<String, Num>,
}

/// Running counters, one set per `w:num` (as the brief specifies).
#[derive(Debug, Default)]
pub(super) struct Counters {
    map: HashMap<String, [Option<u32>; LEVELS]>,
}

fn fmt_from(v: &str) -> Fmt {
    match v {
        "decimalZero" => Fmt::DecimalZero,
        "upperRoman" => Fmt::UpperRoman,
        "lowerRoman" => Fmt::LowerRoman,
        "upperLetter" => Fmt::UpperLetter,
        "lowerLetter" => Fmt::LowerLetter,
        "bullet" => Fmt::Bullet,
        "none" => Fmt::None,
        _ => Fmt::Decimal,
    }
}

fn level_index(v: Option<&str>) -> Option<usize> {
    let i = usize::try_from(lenient_int(v?)?).ok()?;
    (i < LEVELS).then_some(i)
}

impl Numbering {
    /// Parses `numbering.xml` text.
    pub(super) fn parse(
        text: &str,
        part: &str,
        max_depth: usize,
    ) -> Result<Numbering, IngestError> {
        let mut x = XmlPart::new(text, part, max_depth);
        let mut out = Numbering::default();
        let mut path: Vec<String> = Vec::new();
        let mut cur_abs: Option<(String, [Option<Level>; LEVELS])> = None;
        let mut cur_num: Option<(String, Num)> = None;
        let mut cur_lvl: Option<(usize, Level)> = None;
        let mut override_lvl: Option<usize> = None;
        loop {
            let (ns, e, empty) = match x.next()? {
                Ev::Start(ns, e) => (ns, e, false),
                Ev::Empty(ns, e) => (ns, e, true),
                Ev::End => {
                    match path.pop().as_deref() {
                        Some("abstractNum") => {
                            if let Some((id, lv)) = cur_abs.take() {
                                out.abstracts.entry(id).or_insert(lv);
                            }
                        }
                        Some("num") => {
                            if let Some((id, n)) = cur_num.take() {
                                out.nums.entry(id).or_insert(n);
                            }
                        }
                        Some("lvl") => finish_level(&mut cur_lvl, &mut cur_abs, &mut cur_num),
                        Some("lvlOverride") => override_lvl = None,
                        _ => {}
                    }
                    continue;
                }
                Ev::Eof => break,
                _ => continue,
            };
            if ns != Ns::W {
                if !empty {
                    x.skip_element()?;
                }
                continue;
            }
            let name = local(&e).to_owned();
            let val = attr(&e, "val");
            match name.as_str() {
                "pPr" | "rPr" | "numPicBullet" => {
                    if !empty {
                        x.skip_element()?;
                    }
                    continue;
                }
                "abstractNum" => {
                    let id = attr(&e, "abstractNumId")
                        .map(|v| v.trim().to_owned())
                        .unwrap_or_default();
                    cur_abs = Some((id, Default::default()));
                }
                "num" => {
                    let id = attr(&e, "numId")
                        .map(|v| v.trim().to_owned())
                        .unwrap_or_default();
                    cur_num = Some((id, Num::default()));
                }
                "abstractNumId" => {
                    if let Some((_, n)) = cur_num.as_mut() {
                        n.abstract_id = val.map(|v| v.trim().to_owned());
                    }
                }
                "lvlOverride" => override_lvl = level_index(attr(&e, "ilvl").as_deref()),
                "startOverride" => {
                    if let (Some(i), Some((_, n))) = (override_lvl, cur_num.as_mut()) {
                        let v = val
                            .as_deref()
                            .and_then(lenient_int)
                            .and_then(|v| u32::try_from(v).ok());
                        if let Some(slot) = n.start_override.get_mut(i) {
                            *slot = v;
                        }
                    }
                }
                "lvl" => {
                    let i = level_index(attr(&e, "ilvl").as_deref()).or(override_lvl);
                    cur_lvl = i.map(|i| (i, Level::default()));
                }
                "start" => {
                    if let Some((_, l)) = cur_lvl.as_mut() {
                        l.start = val
                            .as_deref()
                            .and_then(lenient_int)
                            .and_then(|v| u32::try_from(v).ok());
                    }
                }
                "numFmt" => {
                    if let Some((_, l)) = cur_lvl.as_mut() {
                        l.fmt = fmt_from(val.as_deref().unwrap_or("decimal"));
                    }
                }
                "lvlText" => {
                    if let Some((_, l)) = cur_lvl.as_mut() {
                        l.text = val.map(|v| v.into_owned());
                    }
                }
                _ => {}
            }
            if empty {
                if name == "lvl" {
                    finish_level(&mut cur_lvl, &mut cur_abs, &mut cur_num);
                }
            } else {
                path.push(name);
            }
        }
        Ok(out)
    }

    fn level<'s>(&'s self, num: &'s Num, ilvl: usize) -> Option<&'s Level> {
        if let Some(Some(l)) = num.level_override.get(ilvl) {
            return Some(l);
        }
        let abs = self.abstracts.get(num.abstract_id.as_deref()?)?;
        abs.get(ilvl)?.as_ref()
    }

    fn start(&self, num: &Num, ilvl: usize) -> u32 {
        if let Some(Some(s)) = num.start_override.get(ilvl) {
            return *s;
        }
        self.level(num, ilvl).and_then(|l| l.start).unwrap_or(1)
    }

    /// Advances the counter of (`num_id`, `ilvl`) and renders the label, as
    /// Word does for a numbered paragraph. `None` when the list is unknown.
    pub(super) fn next_label(
        &self,
        counters: &mut Counters,
        num_id: &str,
        ilvl: u8,
    ) -> Option<String> {
        let num = self.nums.get(num_id.trim())?;
        let ilvl = usize::from(ilvl).min(LEVELS - 1);
        let level = self.level(num, ilvl)?;
        let start = self.start(num, ilvl);
        let slots = counters.map.entry(num_id.trim().to_owned()).or_default();
        let value = match slots.get(ilvl).copied().flatten() {
            Some(v) => v.saturating_add(1),
            None => start,
        };
        if let Some(slot) = slots.get_mut(ilvl) {
            *slot = Some(value);
        }
        for deeper in slots.iter_mut().skip(ilvl + 1) {
            *deeper = None;
        }
        let slots = *slots;
        if level.fmt == Fmt::Bullet {
            return Some("•".to_owned());
        }
        if level.fmt == Fmt::None && level.text.as_deref().is_none_or(|t| !t.contains('%')) {
            return Some(level.text.clone().unwrap_or_default());
        }
        let template = level
            .text
            .clone()
            .unwrap_or_else(|| format!("%{}.", ilvl + 1));
        let mut out = String::with_capacity(template.len() + 4);
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let i = usize::try_from(d).unwrap_or(0).saturating_sub(1);
                    let v = slots
                        .get(i)
                        .copied()
                        .flatten()
                        .unwrap_or_else(|| self.start(num, i));
                    let fmt = self.level(num, i).map(|l| l.fmt).unwrap_or_default();
                    out.push_str(&render(v, fmt));
                    continue;
                }
            }
            out.push(c);
        }
        Some(out)
    }
}

fn finish_level(
    cur_lvl: &mut Option<(usize, Level)>,
    cur_abs: &mut Option<(String, [Option<Level>; LEVELS])>,
    cur_num: &mut Option<(String, Num)>,
) {
    if let Some((i, l)) = cur_lvl.take() {
        if let Some((_, levels)) = cur_abs.as_mut() {
            if let Some(slot) = levels.get_mut(i) {
                *slot = Some(l);
            }
        } else if let Some((_, n)) = cur_num.as_mut() {
            if let Some(slot) = n.level_override.get_mut(i) {
                *slot = Some(l);
            }
        }
    }
}

/// Formats a counter value in a level's number format.
fn render(v: u32, fmt: Fmt) -> String {
    match fmt {
        Fmt::Decimal | Fmt::Bullet | Fmt::None => v.to_string(),
        Fmt::DecimalZero => format!("{v:02}"),
        Fmt::UpperRoman => roman(v).unwrap_or_else(|| v.to_string()),
        Fmt::LowerRoman => roman(v)
            .map(|r| r.to_lowercase())
            .unwrap_or_else(|| v.to_string()),
        Fmt::UpperLetter => letters(v),
        Fmt::LowerLetter => letters(v).to_lowercase(),
    }
}

fn roman(mut v: u32) -> Option<String> {
    if v == 0 || v > 3999 {
        return None;
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (n, r) in TABLE {
        while v >= n {
            s.push_str(r);
            v -= n;
        }
    }
    Some(s)
}

/// Word's letter numbering: A..Z, then AA, BB, ... (the letter repeated).
fn letters(v: u32) -> String {
    if v == 0 {
        return "0".to_owned();
    }
    let idx = (v - 1) % 26;
    let reps = ((v - 1) / 26 + 1).min(50);
    let c = char::from_u32(u32::from(b'A') + idx).unwrap_or('A');
    std::iter::repeat_n(c, usize::try_from(reps).unwrap_or(1)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(render(3, Fmt::UpperRoman), "III");
        assert_eq!(render(14, Fmt::LowerRoman), "xiv");
        assert_eq!(render(28, Fmt::UpperLetter), "BB");
        assert_eq!(render(2, Fmt::LowerLetter), "b");
        assert_eq!(render(7, Fmt::DecimalZero), "07");
    }
}
