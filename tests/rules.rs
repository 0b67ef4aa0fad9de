//! Every content rule with a failing and a passing case, run through the
//! public pipeline on JSON reports built from the bundled valid example.

use gcm_review::check::{CheckOptions, Checker};
use gcm_review::diagnostic::Severity;
use gcm_review::outcome::{ReportOutcome, Status};
use gcm_review::rules::Date;
use serde_json::{json, Value};

fn base() -> Value {
    let text = include_str!("../examples/portugal-2022.json");
    serde_json::from_str(text).expect("example parses")
}

fn check(value: &Value) -> ReportOutcome {
    let checker = Checker::new().expect("built-in data");
    let options = CheckOptions {
        today: Date::parse("2022-03-01"),
        lang: Some("en".into()),
    };
    let bytes = serde_json::to_vec(value).expect("json");
    checker.check("test.json", &bytes, &options)
}

fn codes(outcome: &ReportOutcome) -> Vec<&str> {
    outcome
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

fn assert_finds(value: &Value, code: &str) -> ReportOutcome {
    let outcome = check(value);
    assert!(
        codes(&outcome).contains(&code),
        "expected {code}, got {:?}",
        codes(&outcome)
    );
    outcome
}

#[test]
fn the_valid_example_passes_every_rule() {
    let outcome = check(&base());
    assert_eq!(outcome.status, Status::Valid, "{:?}", outcome.diagnostics);
    assert!(outcome.diagnostics.is_empty(), "{:?}", codes(&outcome));
    let submitter = outcome.submitter.expect("submitter");
    assert_eq!(
        (
            submitter.name.as_str(),
            submitter.iso3.as_deref(),
            submitter.kind.as_str()
        ),
        ("Portugal", Some("PRT"), "member_state")
    );
    assert_eq!(outcome.language.as_deref(), Some("en"));
}

fn remove_section(v: &mut Value, id: &str) {
    if let Some(sections) = v["sections"].as_array_mut() {
        sections.retain(|s| s["id"] != id);
    }
}

#[test]
fn structure_missing_section() {
    let mut v = base();
    remove_section(&mut v, "means_of_implementation");
    let outcome = assert_finds(&v, "structure.missing-section");
    assert_eq!(outcome.status, Status::Invalid);
    let d = outcome
        .diagnostics
        .iter()
        .find(|d| d.code == "structure.missing-section")
        .expect("finding");
    assert_eq!(
        d.location.section.as_deref(),
        Some("means_of_implementation")
    );
    assert!(d.message.contains("Means of implementation"));
}

#[test]
fn structure_empty_section_points_at_its_heading() {
    let mut v = base();
    v["sections"][0]["paragraphs"] = json!([]);
    let outcome = assert_finds(&v, "structure.empty-section");
    let d = outcome
        .diagnostics
        .iter()
        .find(|d| d.code == "structure.empty-section")
        .expect("finding");
    assert_eq!(d.location.block, Some(1));
    assert_eq!(
        d.location.excerpt.as_deref(),
        Some("1. Methodology for the review")
    );
    assert!(!codes(&outcome).contains(&"structure.missing-section"));
}

#[test]
fn structure_order_is_a_warning_only() {
    let mut v = base();
    if let Some(sections) = v["sections"].as_array_mut() {
        sections.swap(0, 1);
    }
    let outcome = assert_finds(&v, "structure.section-order");
    assert_eq!(outcome.status, Status::Valid);
}

#[test]
fn structure_duplicate_section() {
    let mut v = base();
    let copy = v["sections"][4].clone();
    if let Some(sections) = v["sections"].as_array_mut() {
        sections.push(copy);
    }
    assert_finds(&v, "structure.duplicate-section");
}

#[test]
fn extra_sections_are_not_errors() {
    let mut v = base();
    if let Some(sections) = v["sections"].as_array_mut() {
        sections.insert(
            0,
            json!({"title": "Foreword", "paragraphs": ["By the Minister."]}),
        );
        sections.push(json!({"title": "Annex: consulted organisations", "paragraphs": ["List."]}));
    }
    let outcome = check(&v);
    assert_eq!(outcome.status, Status::Valid, "{:?}", codes(&outcome));
}

#[test]
fn cover_missing_field_is_a_warning() {
    let mut v = base();
    v["cover"]
        .as_object_mut()
        .expect("cover")
        .remove("focal_point_name");
    let outcome = assert_finds(&v, "cover.missing-field");
    assert_eq!(outcome.status, Status::Valid);
}

#[test]
fn cover_iso3_not_expected_from_civil_society() {
    let mut v = base();
    v["cover"]["submitter_type"] = json!("civil_society");
    v["cover"]["submitter_name"] = json!("Migrant Workers' Association of Lisbon");
    v["cover"].as_object_mut().expect("cover").remove("iso3");
    let outcome = check(&v);
    assert!(
        !codes(&outcome).contains(&"cover.missing-field"),
        "{:?}",
        codes(&outcome)
    );
    assert!(!codes(&outcome).contains(&"cover.unknown-state"));
    assert_eq!(outcome.submitter.expect("submitter").kind, "civil_society");
}

#[test]
fn cover_wrong_values_are_errors() {
    let cases: [(&str, Value, &str); 9] = [
        ("submitter_name", json!("Atlantis"), "cover.unknown-state"),
        ("iso3", json!("XYZ"), "cover.unknown-iso3"),
        ("iso3", json!("ESP"), "cover.iso3-mismatch"),
        (
            "email",
            json!("focal point at example.org"),
            "cover.invalid-email",
        ),
        ("submission_date", json!("2022-02-30"), "cover.invalid-date"),
        ("submission_date", json!("2022-12-01"), "cover.future-date"),
        (
            "submitter_type",
            json!("government of the planet"),
            "cover.unknown-submitter-type",
        ),
        ("regions", json!(["ECE", "EUROPE"]), "cover.unknown-region"),
        ("language", json!("Klingon"), "cover.unknown-language"),
    ];
    for (field, value, code) in cases {
        let mut v = base();
        v["cover"][field] = value;
        let outcome = assert_finds(&v, code);
        assert_eq!(outcome.status, Status::Invalid, "{code}");
        let d = outcome
            .diagnostics
            .iter()
            .find(|d| d.code == code)
            .expect("finding");
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.location.section.as_deref(), Some("cover"));
    }
}

#[test]
fn cover_unknown_cycle() {
    let mut v = base();
    v["cover"]["review_cycle"] = json!("1999");
    assert_finds(&v, "cover.unknown-cycle");
}

#[test]
fn cover_values_as_officials_write_them_are_accepted() {
    let mut v = base();
    v["cover"]["submitter_name"] = json!("Portuguese Republic");
    v["cover"]["submitter_type"] = json!("Member State");
    v["cover"]["iso3"] = json!("prt");
    v["cover"]["language"] = json!("English");
    v["cover"]["regions"] = json!("ECE");
    v["cover"]["review_cycle"] = json!("IMRF 2022");
    let outcome = check(&v);
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
}

#[test]
fn objectives_unknown_in_entries_and_prose() {
    let mut v = base();
    v["sections"][2]["objectives"][0]["objective"] = json!(24);
    v["sections"][2]["objectives"][0]["title"] = json!("Objective 24: Digital identity");
    let outcome = assert_finds(&v, "objectives.unknown");
    let d = outcome
        .diagnostics
        .iter()
        .find(|d| d.code == "objectives.unknown")
        .expect("finding");
    assert_eq!(d.location.objective, Some(24));
    assert!(d.message.contains("24") && d.message.contains("23"));

    let mut v = base();
    v["sections"][1]["paragraphs"][0] = json!("This contributes to objective 25 of the Compact.");
    let outcome = assert_finds(&v, "objectives.unknown");
    let d = outcome
        .diagnostics
        .iter()
        .find(|d| d.code == "objectives.unknown")
        .expect("finding");
    assert_eq!(d.location.section.as_deref(), Some("policy_environment"));
    assert!(d.location.block.is_some());
}

#[test]
fn objectives_duplicate_entry() {
    let mut v = base();
    let copy = v["sections"][2]["objectives"][0].clone();
    if let Some(entries) = v["sections"][2]["objectives"].as_array_mut() {
        entries.push(copy);
    }
    assert_finds(&v, "objectives.duplicate");
}

#[test]
fn length_report_too_long_is_a_warning() {
    let mut v = base();
    let long = "migration ".repeat(7000);
    v["sections"][1]["paragraphs"][0] = json!(long);
    let outcome = assert_finds(&v, "length.report-too-long");
    assert_eq!(outcome.status, Status::Valid);
}

#[test]
fn chinese_is_counted_one_word_per_character() {
    let mut v = base();
    v["sections"][1]["paragraphs"][0] = json!("移".repeat(6500));
    assert_finds(&v, "length.report-too-long");
}

#[test]
fn schema_findings_name_the_field() {
    let cases: [(Value, &str); 4] = [
        (json!({"cover": {}}), "schema.missing-field"),
        (
            json!({"sections": [], "cover": {"emial": "a@b.org"}}),
            "schema.unknown-field",
        ),
        (
            json!({"sections": [{"id": "methodology", "paragraphs": [1]}]}),
            "schema.wrong-type",
        ),
        (
            json!({"sections": [{"objectives": [{"objective": 0}]}]}),
            "schema.invalid-value",
        ),
    ];
    for (value, code) in cases {
        let outcome = assert_finds(&value, code);
        assert_eq!(outcome.status, Status::Invalid);
        let d = outcome
            .diagnostics
            .iter()
            .find(|d| d.code == code)
            .expect("finding");
        assert!(
            d.message.contains('/'),
            "names a JSON Pointer: {}",
            d.message
        );
        assert!(
            !d.message.contains("is not valid under"),
            "no raw keyword message: {}",
            d.message
        );
    }
}

#[test]
fn input_findings_make_the_report_unreadable() {
    let checker = Checker::new().expect("built-in data");
    let options = CheckOptions::default();
    for (bytes, code) in [
        (b"".as_slice(), "input.empty"),
        (b"%PDF-1.7 ...".as_slice(), "input.pdf"),
        (
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1][..],
            "input.encrypted-or-legacy",
        ),
        (b"{\\rtf1 Report}".as_slice(), "input.unsupported-format"),
        (b"{\"sections\": [}".as_slice(), "input.invalid-json"),
        (b"{\"a\": \"\xff\"}".as_slice(), "input.not-utf8"),
    ] {
        let outcome = checker.check("x", bytes, &options);
        assert_eq!(outcome.status, Status::Unreadable, "{code}");
        assert_eq!(codes(&outcome), vec![code]);
        assert!(!outcome.diagnostics[0].help.is_empty());
    }
}

#[test]
fn scope_refugee_only_paragraph_is_an_error_with_its_terms() {
    let mut v = base();
    v["sections"][1]["paragraphs"][1] = json!(
        "Asylum seekers may apply for international protection at any border post; recognised refugees receive a residence permit under the 1951 Convention."
    );
    let outcome = assert_finds(&v, "scope.refugee-only");
    assert_eq!(outcome.status, Status::Invalid);
    let d = outcome
        .diagnostics
        .iter()
        .find(|d| d.code == "scope.refugee-only")
        .expect("finding");
    assert_eq!(d.location.section.as_deref(), Some("policy_environment"));
    assert_eq!(
        d.location.block,
        Some(7),
        "heading 1, three paragraphs, heading 5, paragraphs 6 and 7"
    );
    assert!(
        d.message.contains("Asylum seekers"),
        "names the matched terms: {}",
        d.message
    );
    assert!(d.help.contains("Global Compact on Refugees"));
}

#[test]
fn scope_mixed_text_and_institution_names_stay_in_scope() {
    let mut v = base();
    v["sections"][1]["paragraphs"][1] = json!(
        "Reception services are open to refugees and migrants alike, and migrant workers can change employer after one year."
    );
    v["sections"][0]["paragraphs"][1] = json!(
        "The Federal Office for Migration and Refugees ran the labour migration consultations."
    );
    let outcome = check(&v);
    assert!(
        !codes(&outcome).iter().any(|c| c.starts_with("scope.")),
        "{:?}",
        codes(&outcome)
    );
}

#[test]
fn scope_refugee_heading_escalates_to_the_blocks_under_it() {
    let mut v = base();
    if let Some(sections) = v["sections"].as_array_mut() {
        sections.insert(
            4,
            json!({"title": "Refugees and asylum", "paragraphs": [
                "Reception centres were renovated and processing times fell to six months."
            ]}),
        );
    }
    let outcome = check(&v);
    let flagged: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.code == "scope.refugee-only")
        .collect();
    assert_eq!(
        flagged.len(),
        2,
        "the heading and the paragraph under it: {:?}",
        codes(&outcome)
    );
}

#[test]
fn scope_displacement_is_only_a_note() {
    let mut v = base();
    v["sections"][1]["paragraphs"][1] = json!(
        "After the floods, 12,000 internally displaced persons received temporary housing in the northern provinces."
    );
    let outcome = assert_finds(&v, "scope.displacement");
    assert_eq!(outcome.status, Status::Valid);
}
