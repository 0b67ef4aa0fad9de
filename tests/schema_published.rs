//! The published schema must be exactly what the template and types generate,
//! and every shipped example must follow it.

use std::path::Path;

use gcm_review::check::Checker;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn published_schema_is_not_stale() {
    let checker = Checker::new().expect("built-in data");
    let generated = serde_json::to_string_pretty(&checker.schema()).expect("json") + "\n";
    let published = std::fs::read_to_string(root().join("schemas/report.schema.json"))
        .expect("schemas/report.schema.json exists");
    assert!(
        generated == published,
        "schemas/report.schema.json is stale: run `cargo run -- schema -o schemas/report.schema.json` and commit it"
    );
}

#[test]
fn the_checker_compiles_its_schema_for_json_reports() {
    // Compiled lazily on the first JSON report, so a broken schema would
    // otherwise only show when someone checks a JSON file.
    let checker = Checker::new().expect("built-in data");
    assert!(checker.validator().is_ok());
}

#[test]
fn published_schema_is_valid_draft_2020_12_without_remote_refs() {
    let text = std::fs::read_to_string(root().join("schemas/report.schema.json")).expect("schema");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert!(jsonschema::meta::is_valid(&schema));
    assert!(
        !text.contains("\"$ref\": \"http"),
        "no remote $ref: the validator runs offline"
    );
}

#[test]
fn example_reports_follow_the_schema() {
    let text = std::fs::read_to_string(root().join("schemas/report.schema.json")).expect("schema");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("json");
    let validator = jsonschema::draft202012::new(&schema).expect("compiles");
    let mut checked = 0;
    for entry in std::fs::read_dir(root().join("examples")).expect("examples/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let value: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            checked += 1;
        }
    }
    assert!(
        checked >= 2,
        "examples/ should hold at least two JSON reports"
    );
}
