//! The literal screens in front of the scope and objective checks must never
//! hide a finding: on every paragraph we can find (the scope evaluation set,
//! adversarial spellings and, when `../shared/corpus/docx-real` is present,
//! every block of 1,100 real Word files), a paragraph the screen rules out
//! has no refugee or displacement term, and the fast objective reading gives
//! exactly what the general one gives.

use super::RuleScreen;
use crate::map::objectives::ObjectiveFinder;
use crate::scope::ScopeClassifier;
use crate::template::Template;
use crate::text::{word_count, ScreenScratch};

struct Screens {
    scope: &'static ScopeClassifier,
    finder: ObjectiveFinder,
    screen: RuleScreen,
    scratch: ScreenScratch,
    screened_out: usize,
    checked: usize,
}

impl Screens {
    fn new() -> Self {
        let template = Template::builtin().expect("template");
        let scope = ScopeClassifier::builtin().expect("lexicons");
        let finder = ObjectiveFinder::new(template);
        Screens {
            scope,
            screen: RuleScreen::new(
                scope,
                &finder,
                &crate::reference::ReferenceData::builtin()
                    .expect("reference")
                    .wording(),
            ),
            finder,
            scratch: ScreenScratch::default(),
            screened_out: 0,
            checked: 0,
        }
    }

    fn check(&mut self, text: &str) {
        self.checked += 1;
        let facts = self.screen.block(text, &self.finder, &mut self.scratch);
        assert_eq!(facts.words, word_count(text), "word count of {text:?}");
        if !facts.may_leave_scope {
            self.screened_out += 1;
            let a = self.scope.assess(text);
            assert!(
                a.refugee_terms.is_empty() && a.displacement_terms.is_empty(),
                "the scope screen hid {:?} in {text:?}",
                (a.refugee_terms, a.displacement_terms)
            );
        }
        assert_eq!(
            facts.objectives,
            self.finder.prose_objectives(text),
            "objective citations differ for {text:?}"
        );
    }
}

#[test]
fn screens_agree_with_the_full_checks_on_the_evaluation_set() {
    let mut s = Screens::new();
    let data = include_str!("../../tests/data/scope_eval.jsonl");
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("eval line");
        for key in ["text", "heading"] {
            if let Some(t) = v.get(key).and_then(|t| t.as_str()) {
                s.check(t);
                s.check(&t.to_uppercase());
                s.check(&t.to_lowercase());
            }
        }
    }
    assert!(s.checked > 700);
}

#[test]
fn screens_agree_on_awkward_spellings() {
    let mut s = Screens::new();
    for t in [
        "REFUGEES AND ASYLUM-SEEKERS",
        "refugee.s and asylum.seekers",
        "Les réfugié·e·s et demandeur·euse·s d’asile",
        "Les re\u{301}fugie\u{301}s (NFD)",
        "ref\u{AD}ugees with a soft hyphen",
        "ＲＥＦＵＧＥＥＳ in full width",
        "internally\u{200B}displaced persons",
        "ü\u{61C}objetivos 5 y x\u{200B}objective 6",
        "БЕЖЕНЦЫ и лица, ищущие убежища",
        "اللاجئـــين وطالبي اللجوء",
        "難民與尋求庇護者",
        "難 民",
        "see objectives 5, 6 and 7; Objective 24 and obj. 12; GCM 3",
        "objective5 objectives 2018 and 4 subobjective 9 OBJETIVO 30 objectif 0",
        "“Objective 5” — objectives 23 to 25",
        "目标五和目标 30",
        "الهدف ٥ و الهدف 31",
        "Цели 5 и 26",
        "",
        "....",
    ] {
        s.check(t);
    }
    // Generated ASCII prose around the markers.
    let pieces = [
        "Objective",
        "objectives",
        "OBJ",
        ".",
        " ",
        ", ",
        "5",
        "24",
        "2018",
        "and",
        "to",
        "or",
        "gcm",
        "GCM",
        "objection",
        "x",
        "-",
        "0",
        "99",
        "100",
        "through",
    ];
    for t in crate::text::mixed_texts(11, &pieces, 11, true, 3000) {
        s.check(&t);
    }
    // Generated accented prose (read where the screen found the markers in
    // its fold), with the characters the two folds treat differently.
    let accented = [
        "Objetivo",
        "objetivos",
        "OBJECTIF",
        "objectifs",
        "Obj.",
        "5",
        "12",
        "٥",
        "y",
        "et",
        "à",
        "al",
        "ou",
        "línea",
        "migración",
        "réfugiés",
        "Ñandú",
        "é",
        "ü",
        "ʼ",
        "ʹ",
        "œ",
        "Æ",
        "ŉ",
        "\u{00A0}",
        "\u{00AD}",
        "\u{0640}",
        "\u{061C}",
        "\u{0301}",
        "İ",
        "ǅ",
        "¼",
        "²",
        "ﬁ",
        "-",
        ",",
        "“",
        "«",
        "»",
        "n°",
        "objetivœs",
        "objetivoes",
    ];
    for t in crate::text::mixed_texts(17, &accented, 9, true, 20_000) {
        s.check(&t);
    }
}

#[test]
fn screens_agree_on_every_block_of_the_real_corpus() {
    let paths = crate::corpus_tests::docx_files(&["docx-real"]);
    if paths.is_empty() {
        eprintln!("skipped: no shared/corpus/docx-real beside the project");
        return;
    }
    let mut s = Screens::new();
    let limits = crate::ingest::Limits::default();
    let mut files = 0;
    for path in paths {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(doc) = crate::ingest::docx::read(&bytes, &limits) else {
            continue;
        };
        files += 1;
        for block in &doc.blocks {
            s.check(&block.visible_text());
        }
    }
    eprintln!(
        "{files} files, {} blocks, {} screened out of the scope check",
        s.checked, s.screened_out
    );
    assert!(files > 1000, "only {files} corpus files read");
    assert!(s.screened_out > s.checked / 2);
}

/// The screen looks for its anchors at word starts; the byte-wise search it
/// replaced must find exactly the same hits, on report prose, on every
/// block of the real corpus and on the raw XML of every corpus document
/// (markup, every script, odd bytes).
#[test]
fn anchors_found_at_word_starts_are_those_a_bytewise_search_finds() {
    let s = Screens::new();
    let screen = s.screen.text_screen();
    let compared = std::cell::Cell::new(0usize);
    let hits = std::cell::Cell::new(0usize);
    let compare = |bytes: &[u8]| {
        let [word_starts, bytewise] = screen
            .anchor_hits_both_ways(bytes)
            .expect("the real lexicons have anchors");
        assert_eq!(
            word_starts,
            bytewise,
            "anchor hits differ in {:?}",
            String::from_utf8_lossy(bytes)
        );
        compared.set(compared.get() + 1);
        hits.set(hits.get() + word_starts.len());
    };
    let data = include_str!("../../tests/data/scope_eval.jsonl");
    for line in data.lines() {
        compare(line.as_bytes());
        compare(line.to_uppercase().as_bytes());
    }
    let pieces = [
        "Refugees",
        "asylum",
        "OBJ",
        "objective",
        "7",
        ".",
        " ",
        "-",
        "need",
        "interna",
        "x",
    ];
    for t in crate::text::mixed_texts(3, &pieces, 9, true, 2000) {
        compare(t.as_bytes());
    }
    assert!(hits.get() > 1000, "only {} hits compared", hits.get());
    let Some(files) = crate::corpus_tests::all_docx_files() else {
        return;
    };
    let limits = crate::ingest::Limits::default();
    for path in files {
        for (name, raw) in crate::corpus_tests::xml_parts(&path) {
            if name.ends_with("document.xml") {
                compare(&raw);
            }
        }
        let Ok(doc) = std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| crate::ingest::docx::read(&b, &limits).map_err(|e| e.to_string()))
        else {
            continue;
        };
        for block in &doc.blocks {
            compare(block.visible_text().as_bytes());
        }
    }
    eprintln!(
        "{} texts, {} anchor hits compared",
        compared.get(),
        hits.get()
    );
}
