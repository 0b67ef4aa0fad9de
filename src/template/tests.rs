use super::*;

#[test]
fn builtin_template_loads_with_the_five_sections_in_order() {
    let t = Template::load().expect("built-in template");
    let ids: Vec<&str> = t.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, validate::CORE_SECTION_IDS);
    assert!(t.sections.iter().all(|s| s.required));
    assert!(
        t.sections.iter().all(|s| !s.verified),
        "titles are reconstructions until checked against the official template"
    );
}

#[test]
fn every_section_has_a_title_in_all_six_languages() {
    let t = Template::load().expect("built-in template");
    for s in &t.sections {
        for lang in UN_LANGUAGES {
            assert!(!pick(&s.title, lang).is_empty(), "{} {lang}", s.id);
        }
    }
}

#[test]
fn a_duplicate_section_is_refused_with_its_id() {
    let mut text = TEMPLATE_2022.to_string();
    text = text.replace("id = \"next_steps\"", "id = \"methodology\"");
    let err = Template::parse("t.toml", &text).expect_err("duplicate");
    assert!(
        err.to_string().contains("`methodology` is defined twice"),
        "{err}"
    );
}

#[test]
fn a_missing_core_section_is_refused() {
    let text = TEMPLATE_2022.replace("id = \"next_steps\"", "id = \"way_forward\"");
    let err = Template::parse("t.toml", &text).expect_err("missing");
    assert!(err.to_string().contains("`next_steps` is missing"), "{err}");
}

#[test]
fn an_unknown_key_is_refused_not_ignored() {
    let text = TEMPLATE_2022.replace("required = true", "requird = true");
    assert!(Template::parse("t.toml", &text).is_err());
}

#[test]
fn pick_falls_back_to_english() {
    let t = Template::load().expect("built-in template");
    let field = t.cover_field("submitter_name").expect("field");
    assert_eq!(pick(&field.help, "xx"), pick(&field.help, "en"));
    assert_ne!(pick(&field.help, "zh"), pick(&field.help, "en"));
}

#[test]
fn cover_help_and_length_note_exist_in_every_un_language() {
    let t = Template::load().expect("built-in template");
    for lang in crate::template::UN_LANGUAGES {
        for field in &t.cover {
            assert!(field.help.contains_key(lang), "{} help in {lang}", field.id);
        }
        assert!(t.length.note.contains_key(lang), "length note in {lang}");
    }
}

#[test]
fn a_cover_field_without_help_in_a_un_language_is_refused() {
    let at = TEMPLATE_2022
        .find(", zh = \"国家的全称")
        .expect("Chinese help of submitter_name");
    let end = TEMPLATE_2022[at..].find(" }").expect("end of table") + at;
    let broken = format!("{}{}", &TEMPLATE_2022[..at], &TEMPLATE_2022[end..]);
    let err = Template::parse("t.toml", &broken).expect_err("missing zh help");
    assert!(
        err.to_string().contains("no help in language `zh`"),
        "{err}"
    );
}

#[test]
fn submitter_types_and_languages_are_recognised_as_officials_write_them() {
    let t = Template::load().expect("template");
    assert_eq!(
        t.submitter_type("Member State").map(|s| s.id.as_str()),
        Some("member_state")
    );
    assert_eq!(
        t.submitter_type("État membre").map(|s| s.id.as_str()),
        Some("member_state")
    );
    assert_eq!(
        t.submitter_type("civil_society").map(|s| s.id.as_str()),
        Some("civil_society")
    );
    assert!(t.submitter_type("Martian").is_none());
    assert_eq!(t.language_code("Français"), Some("fr"));
    assert_eq!(t.language_code("en-GB"), Some("en"));
    assert_eq!(t.language_code("中文"), Some("zh"));
    assert_eq!(t.language_code("Klingon"), None);
}
