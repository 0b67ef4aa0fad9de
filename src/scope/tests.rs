//! Unit tests for the traps DOMAIN.md §6.2 lists, and for robustness.

use super::*;

fn classifier() -> &'static ScopeClassifier {
    match ScopeClassifier::builtin() {
        Ok(c) => c,
        Err(e) => panic!("lexicon does not load: {e}"),
    }
}

fn verdict(text: &str) -> ScopeVerdict {
    classifier().assess(text).verdict
}

fn ids(terms: &[TermMatch]) -> Vec<&str> {
    terms.iter().map(|t| t.id.as_str()).collect()
}

#[test]
fn plain_refugee_and_migrant_paragraphs() {
    assert_eq!(
        verdict("The Government granted refugee status to 1,200 persons in 2021."),
        ScopeVerdict::RefugeeOnly
    );
    assert_eq!(
        verdict("Migrant workers may change employer after one year."),
        ScopeVerdict::Migrant
    );
}

#[test]
fn mixed_text_is_in_scope() {
    let a = classifier().assess("Refugees and migrants alike have access to primary health care.");
    assert_eq!(a.verdict, ScopeVerdict::Mixed);
    assert!(a.verdict.in_scope());
}

#[test]
fn ircc_is_masked() {
    let a = classifier().assess(
        "Immigration, Refugees and Citizenship Canada (IRCC) launched a new digital platform for employers.",
    );
    assert_eq!(a.verdict, ScopeVerdict::Neutral, "{a:?}");
    assert!(ids(&a.masked).contains(&"en.ircc"));
    assert!(a.refugee_terms.is_empty());
}

#[test]
fn bamf_is_masked_in_english_and_german() {
    for text in [
        "The Federal Office for Migration and Refugees (BAMF) runs integration courses.",
        "Das Bundesamt für Migration und Flüchtlinge finanziert Integrationskurse.",
    ] {
        let a = classifier().assess(text);
        assert!(a.refugee_terms.is_empty(), "{text}: {a:?}");
        assert!(a.migrant_terms.is_empty(), "{text}: {a:?}");
        assert!(!a.masked.is_empty(), "{text}: {a:?}");
    }
}

#[test]
fn unhcr_as_partner_is_not_refugee_content() {
    let a = classifier()
        .assess("The national network, with IOM, UNHCR and UNICEF, drafted this review.");
    assert_eq!(a.verdict, ScopeVerdict::Neutral, "{a:?}");
    // But UNHCR does not hide real refugee content beside it.
    assert_eq!(
        verdict("With UNHCR, we registered 4,000 asylum seekers."),
        ScopeVerdict::RefugeeOnly
    );
}

#[test]
fn chinese_unhcr_and_gcm_name() {
    let c = classifier();
    let a = c.assess("我国与联合国难民署合作开展能力建设。");
    assert!(a.refugee_terms.is_empty(), "{a:?}");
    assert!(ids(&a.masked).contains(&"zh.unhcr-name"));
    // 移民 inside the GCM's name is not a migrant marker by itself.
    let a = c.assess("根据《安全、有序和正常移民全球契约》，我国为难民提供法律援助。");
    assert!(a.migrant_terms.is_empty(), "{a:?}");
    assert_eq!(a.verdict, ScopeVerdict::RefugeeOnly);
    // 难民 inside the GCR's name is refugee content.
    let a = c.assess("我国支持《难民问题全球契约》。");
    assert_eq!(a.verdict, ScopeVerdict::RefugeeOnly);
    assert_eq!(ids(&a.refugee_terms), ["zh.gcr"]);
    // Traditional characters.
    assert_eq!(
        c.assess("為難民提供服務").verdict,
        ScopeVerdict::RefugeeOnly
    );
    // 庇护所 is a shelter.
    assert_eq!(
        c.assess("为人口贩运受害者设立庇护所。").verdict,
        ScopeVerdict::Neutral
    );
}

#[test]
fn neutral_words_never_trigger_alone() {
    for text in [
        "Stateless persons may apply for naturalisation after five years.",
        "The principle of non-refoulement is observed in all return decisions.",
        "Consular protection is provided through 120 missions abroad.",
        "Readmission agreements were concluded with four countries.",
        "La Casa Refugio acoge a víctimas de trata.",
        "Кризисное убежище для жертв торговли людьми открыто в Алматы.",
        "ويحق للضحايا اللجوء إلى القضاء.",
    ] {
        let a = classifier().assess(text);
        assert!(a.refugee_terms.is_empty(), "{text}: {a:?}");
    }
}

#[test]
fn displacement_gets_its_own_verdict() {
    assert_eq!(
        verdict("Internally displaced persons receive housing support after floods."),
        ScopeVerdict::Displacement
    );
    assert_eq!(
        verdict("Climate refugees from coastal districts are relocated inland."),
        ScopeVerdict::Displacement
    );
}

#[test]
fn inflected_forms_in_other_languages() {
    for text in [
        "Les réfugié·e·s bénéficient d’un accompagnement.",
        "Les demandeurs d\u{2019}asile sont hébergés.",
        "Los solicitantes de asilo reciben asistencia jurídica.",
        "Беженцам предоставляется жильё.",
        "تقدم الحكومة الدعم للاجئين.",
        "وتم تسجيل طالبي اللجوء.",
    ] {
        assert_eq!(verdict(text), ScopeVerdict::RefugeeOnly, "{text}");
    }
}

#[test]
fn headings_escalate() {
    let c = classifier();
    for h in [
        "Refugees and asylum",
        "Asile",
        "Refugio y asilo",
        "Убежище",
        "اللجوء",
        "难民",
    ] {
        assert!(c.heading_is_refugee_only(h), "{h}");
    }
    assert!(!c.heading_is_refugee_only("Objective 5: Regular pathways"));
    let heading = c.assess("Asylum");
    let a = c.assess_under_heading("Decisions are issued within six months.", Some(&heading));
    assert_eq!(a.verdict, ScopeVerdict::RefugeeOnly);
    assert!(a.escalated);
    let a = c.assess_under_heading("Migrant workers are also covered.", Some(&heading));
    assert_eq!(a.verdict, ScopeVerdict::Migrant);
    assert!(!a.escalated);
    let a = c.assess_under_heading("Decisions are issued within six months.", None);
    assert_eq!(a.verdict, ScopeVerdict::Neutral);
}

#[test]
fn matches_quote_the_original_text() {
    let text = "Les RÉFUGIÉ·E·S d’Ukraine";
    let a = classifier().assess(text);
    let m = &a.refugee_terms[0];
    assert_eq!(m.text, "RÉFUGIÉ·E·S");
    assert_eq!(text.get(m.start..m.end), Some("RÉFUGIÉ·E·S"));
}

#[test]
fn every_lexicon_form_matches_itself() {
    let c = classifier();
    for form in &c.lexicon.forms {
        let Some(entry) = c.lexicon.entries.get(form.entry) else {
            panic!("dangling entry");
        };
        let text = form.written.replace('*', "");
        let norm = normalize(&text);
        let (Some(first), Some(last)) = (norm.tokens.first(), norm.tokens.last()) else {
            panic!("{} {:?} has no words", entry.id, form.written);
        };
        let whole = (first.orig_start, last.orig_end);
        let a = c.assess(&text);
        let found: Vec<&TermMatch> = a
            .refugee_terms
            .iter()
            .chain(&a.migrant_terms)
            .chain(&a.displacement_terms)
            .chain(&a.masked)
            .collect();
        let covered = match entry.category {
            Category::Neutral => found.iter().all(|m| (m.start, m.end) != whole),
            _ => found.iter().any(|m| (m.start, m.end) == whole),
        };
        assert!(covered, "{} {:?} → {a:?}", entry.id, form.written);
    }
}

#[test]
fn odd_input_never_panics() {
    let c = classifier();
    let long = "refugees and migrants ".repeat(20_000);
    for text in [
        "",
        " ",
        "\u{301}",
        "\u{200f}\u{202e}للاجئين\u{202c}",
        "ـــــ",
        "l'",
        "'s",
        "réfugié.",
        "·e·s",
        "\u{0}\u{FFFD}",
        "𠀀𠀁",
        long.as_str(),
    ] {
        let _ = c.assess(text);
        let _ = c.assess_under_heading(text, Some(&c.assess("Asylum")));
        let _ = c.heading_is_refugee_only(text);
    }
}
