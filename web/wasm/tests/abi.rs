//! The glue's ABI, exercised natively: what the page does, and what a
//! confused page might do (wrong pointers, lengths, dates, garbage bytes).

use gcm_review::check::{CheckOptions, Checker};
use gcm_review::rules::Date;
use gcm_review_web::{alloc, check, check_json, dealloc, lend_copy, lent_buffers, read_result, ui};
use serde_json::Value;

const DRAFT: &[u8] = include_bytes!("../../../examples/draft-with-problems.json");
const PORTUGAL: &[u8] = include_bytes!("../../../examples/portugal-2022.json");

fn call(name: &[u8], bytes: &[u8], today: &[u8], lang: &[u8]) -> Value {
    let n = lend_copy(name).expect("lend name");
    let b = lend_copy(bytes).expect("lend bytes");
    let t = lend_copy(today).expect("lend today");
    let l = lend_copy(lang).expect("lend lang");
    let r = check(n.0, n.1, b.0, b.1, t.0, t.1, l.0, l.1);
    assert_ne!(r, 0);
    let text = read_result(r).expect("result buffer");
    for (p, len) in [n, b, t, l] {
        dealloc(p, len);
    }
    dealloc(r, text.len() + 4);
    serde_json::from_str(&text).expect("result is JSON")
}

#[test]
fn the_report_entry_is_the_same_as_the_cli_entry() {
    let checker = Checker::new().expect("checker");
    for (name, bytes) in [("draft.json", DRAFT), ("portugal.json", PORTUGAL)] {
        let got = call(name.as_bytes(), bytes, b"2024-05-01", b"");
        let options = CheckOptions {
            today: Date::parse("2024-05-01"),
            lang: None,
        };
        let expected = serde_json::to_value(checker.check(name, bytes, &options)).expect("json");
        assert_eq!(got["report"], expected, "{name}");
    }
}

#[test]
fn found_lists_template_sections_and_objectives_in_document_order() {
    let got = call(b"draft.json", DRAFT, b"2024-05-01", b"en");
    let ids: Vec<&str> = got["found"]["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "policy_environment",
            "methodology",
            "objectives_progress",
            "next_steps"
        ]
    );
    let objectives: Vec<u64> = got["found"]["objectives"]
        .as_array()
        .expect("objectives")
        .iter()
        .filter_map(|o| o["objective"].as_u64())
        .collect();
    assert_eq!(objectives, [6, 24]);
}

#[test]
fn empty_today_and_language_are_accepted() {
    let (name, bytes) = (
        lend_copy(b"x.json").expect("n"),
        lend_copy(PORTUGAL).expect("b"),
    );
    let r = check(name.0, name.1, bytes.0, bytes.1, 0, 0, 0, 0);
    let v: Value = serde_json::from_str(&read_result(r).expect("result")).expect("json");
    assert_eq!(v["report"]["status"], "valid");
}

#[test]
fn a_bad_date_is_an_error_result() {
    let got = call(b"x.json", PORTUGAL, b"yesterday", b"");
    assert_eq!(got["error"]["code"], "bad-date");
}

#[test]
fn pointers_that_were_not_lent_give_an_error_result_not_a_crash() {
    let b = lend_copy(PORTUGAL).expect("b");
    for (ptr, len) in [
        (1usize, 10usize),
        (b.0, b.1 + 1),
        (b.0 + 1, b.1),
        (usize::MAX, 2),
        (b.0, usize::MAX),
        (0, 5),
    ] {
        let r = check(0, 0, ptr, len, 0, 0, 0, 0);
        let v: Value = serde_json::from_str(&read_result(r).expect("result")).expect("json");
        assert_eq!(v["error"]["code"], "bad-argument", "{ptr} {len}");
        dealloc(r, 0);
    }
    // Unknown and double deallocations are ignored.
    dealloc(12345, 1);
    dealloc(b.0, b.1);
    dealloc(b.0, b.1);
    assert!(read_result(999).is_none());
}

#[test]
fn any_bytes_give_a_verdict() {
    let inputs: [&[u8]; 7] = [
        b"",
        b"{",
        b"[]",
        b"%PDF-1.7",
        b"PK\x03\x04garbage",
        &[0xff, 0xfe, 0x00, 0x01],
        b"{\"sections\": 5}",
    ];
    for bytes in inputs {
        let v = call(b"f", bytes, b"2024-05-01", b"fr");
        let status = v["report"]["status"].as_str().expect("status");
        assert!(["valid", "invalid", "unreadable"].contains(&status));
    }
}

#[test]
fn alloc_gives_distinct_buffers_and_dealloc_takes_them_back() {
    let before = lent_buffers();
    let a = alloc(0);
    let b = alloc(0);
    let c = alloc(100);
    assert!(a != 0 && b != 0 && c != 0 && a != b);
    assert_eq!(alloc(usize::MAX), 0);
    for p in [a, b, c] {
        dealloc(p, 0);
    }
    assert_eq!(lent_buffers(), before);
}

#[test]
fn ui_words_cover_sections_objectives_and_rules() {
    let r = ui();
    let v: Value = serde_json::from_str(&read_result(r).expect("ui")).expect("json");
    dealloc(r, 0);
    assert_eq!(v["sections"].as_array().map(Vec::len), Some(5));
    assert_eq!(v["objectives"].as_array().map(Vec::len), Some(23));
    assert!(v["languages"]
        .as_array()
        .is_some_and(|l| l.iter().any(|x| x == "en")));
    assert!(v["rules"]
        .as_array()
        .is_some_and(|r| r.iter().any(|x| x["code"] == "structure.missing-section")));
    // check_json is the same function the ABI calls.
    let direct: Value = serde_json::from_str(&check_json("x", b"", "", "")).expect("json");
    assert_eq!(direct["report"]["status"], "unreadable");
}
