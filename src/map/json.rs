//! JSON reports into the typed report: schema validation with findings an
//! official can act on (never raw keyword messages), then deserialization.

use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use crate::diagnostic::{Finding, Location, EXCERPT_CHARS};
use crate::report::Report;

/// A compiled report schema, built once per run.
pub struct SchemaValidator {
    schema: Value,
    validator: jsonschema::Validator,
}

impl SchemaValidator {
    /// Compiles `schema` (the generated report schema).
    pub fn new(schema: Value) -> Result<Self, String> {
        let validator = jsonschema::draft202012::new(&schema).map_err(|e| e.to_string())?;
        Ok(SchemaValidator { schema, validator })
    }

    /// Validates a JSON report and, when it follows the format, returns the
    /// typed report. Findings are schema problems, in document order.
    pub fn map(&self, value: &Value) -> (Option<Report>, Vec<Finding>) {
        let mut findings: Vec<Finding> = self
            .validator
            .iter_errors(value)
            .flat_map(|e| self.to_findings(value, &e))
            .collect();
        findings.dedup();
        if !findings.is_empty() {
            return (None, findings);
        }
        match serde_json::from_value::<Report>(value.clone()) {
            Ok(report) => (Some(report), findings),
            Err(e) => {
                findings.push(
                    Finding::new("schema.invalid-value", Location::default())
                        .arg("pointer", "/")
                        .arg("detail", e.to_string()),
                );
                (None, findings)
            }
        }
    }

    fn to_findings(&self, root: &Value, e: &jsonschema::ValidationError<'_>) -> Vec<Finding> {
        let pointer = e.instance_path().as_str().to_string();
        let location = location_for(root, &pointer);
        let shown = if pointer.is_empty() {
            "/".to_string()
        } else {
            pointer.clone()
        };
        match e.kind() {
            ValidationErrorKind::Required { property } => {
                let field = property.as_str().unwrap_or("?").to_string();
                vec![Finding::new("schema.missing-field", location)
                    .arg("field", field)
                    .arg("pointer", shown)]
            }
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let allowed = self.allowed_properties(e.schema_path().as_str());
                unexpected
                    .iter()
                    .map(|field| {
                        Finding::new("schema.unknown-field", location.clone())
                            .arg("field", field)
                            .arg("pointer", format!("{}/{}", pointer, field))
                            .arg("allowed", allowed.clone())
                    })
                    .collect()
            }
            ValidationErrorKind::Type { kind } => {
                vec![Finding::new("schema.wrong-type", location)
                    .arg("pointer", shown)
                    .arg(
                        "expected",
                        expected_words(&format!("{kind:?}").to_lowercase()),
                    )]
            }
            ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::OneOfNotValid { .. } => {
                vec![Finding::new("schema.wrong-type", location)
                    .arg("pointer", shown.clone())
                    .arg("expected", any_of_words(&shown))]
            }
            ValidationErrorKind::Enum { options } => {
                vec![Finding::new("schema.invalid-value", location)
                    .arg("pointer", shown)
                    .arg("detail", format!("use one of {}", list(options)))]
            }
            ValidationErrorKind::Minimum { limit } => {
                vec![Finding::new("schema.invalid-value", location)
                    .arg("pointer", shown)
                    .arg("detail", format!("the smallest allowed value is {limit}"))]
            }
            _ => vec![Finding::new("schema.invalid-value", location)
                .arg("pointer", shown)
                .arg("detail", "it does not follow the report format")],
        }
    }

    /// The property names the schema allows where `additionalProperties`
    /// failed, for the help text.
    fn allowed_properties(&self, schema_path: &str) -> String {
        let parent = schema_path
            .strip_suffix("/additionalProperties")
            .unwrap_or(schema_path);
        let props = self
            .schema
            .pointer(&format!("{parent}/properties"))
            .and_then(Value::as_object);
        match props {
            Some(p) => p.keys().cloned().collect::<Vec<_>>().join(", "),
            None => "see schemas/report.schema.json".to_string(),
        }
    }
}

fn list(options: &Value) -> String {
    match options.as_array() {
        Some(items) => items
            .iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        None => options.to_string(),
    }
}

fn expected_words(json_type: &str) -> String {
    let words: Vec<&str> = json_type
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .filter_map(|w| match w {
            "string" => Some("text in quotes"),
            "integer" => Some("a whole number"),
            "number" => Some("a number"),
            "array" => Some("a list in [ ]"),
            "object" => Some("an object in { }"),
            "boolean" => Some("true or false"),
            _ => None,
        })
        .collect();
    if words.is_empty() {
        "a different kind of value".to_string()
    } else {
        words.join(" or ")
    }
}

fn any_of_words(pointer: &str) -> String {
    let last_is_index = pointer
        .rsplit('/')
        .next()
        .is_some_and(|s| s.chars().all(|c| c.is_ascii_digit()));
    if pointer.contains("/paragraphs/") && last_is_index {
        "text in quotes, or an object with a \"text\" field".to_string()
    } else if pointer.ends_with("/id") {
        "one of the template's section ids (see schemas/report.schema.json)".to_string()
    } else if pointer.ends_with("/regions") {
        "a region name, or a list of region names".to_string()
    } else {
        "one of the forms the report format allows".to_string()
    }
}

/// The section (by template id) a JSON Pointer falls in, and an excerpt of the
/// offending value.
fn location_for(root: &Value, pointer: &str) -> Location {
    let mut location = Location::default();
    let mut parts = pointer.split('/').skip(1);
    if parts.next() == Some("sections") {
        if let Some(index) = parts.next().and_then(|i| i.parse::<usize>().ok()) {
            location.section = root
                .pointer(&format!("/sections/{index}/id"))
                .and_then(Value::as_str)
                .map(str::to_string);
        }
    }
    if let Some(value) = root.pointer(pointer) {
        let text = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if !pointer.is_empty() {
            location.excerpt = Some(crate::text::excerpt(&text, EXCERPT_CHARS));
        }
    }
    location
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Template;
    use serde_json::json;

    fn validator() -> SchemaValidator {
        let t = Template::load().expect("template");
        SchemaValidator::new(crate::report::schema::generate(&t, 23)).expect("schema")
    }

    #[test]
    fn a_valid_report_maps_to_the_typed_report() {
        let v = json!({"cover": {"submitter_name": "Portugal"},
                       "sections": [{"id": "methodology", "paragraphs": ["We consulted."]}]});
        let (report, findings) = validator().map(&v);
        assert!(findings.is_empty(), "{findings:?}");
        let report = report.expect("report");
        assert_eq!(report.sections[0].paragraphs[0].text(), "We consulted.");
    }

    #[test]
    fn missing_sections_field_is_named() {
        let (_, findings) = validator().map(&json!({"cover": {}}));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "schema.missing-field");
        assert!(findings[0]
            .args
            .contains(&("field", "sections".to_string())));
    }

    #[test]
    fn a_misspelt_cover_field_lists_the_allowed_ones() {
        let (_, findings) =
            validator().map(&json!({"cover": {"emial": "x@y.org"}, "sections": []}));
        assert_eq!(findings[0].code, "schema.unknown-field");
        let allowed = &findings[0]
            .args
            .iter()
            .find(|(k, _)| *k == "allowed")
            .expect("allowed")
            .1;
        assert!(allowed.contains("email"), "{allowed}");
        assert!(findings[0]
            .args
            .contains(&("pointer", "/cover/emial".to_string())));
    }

    #[test]
    fn wrong_types_say_what_is_expected_in_plain_words() {
        let (_, findings) =
            validator().map(&json!({"sections": [{"id": "methodology", "paragraphs": [42]}]}));
        assert_eq!(findings[0].code, "schema.wrong-type");
        assert_eq!(findings[0].location.section.as_deref(), Some("methodology"));
        let expected = &findings[0]
            .args
            .iter()
            .find(|(k, _)| *k == "expected")
            .expect("expected")
            .1;
        assert!(expected.contains("text"), "{expected}");
    }

    #[test]
    fn an_unknown_section_id_is_refused() {
        let (_, findings) = validator().map(&json!({"sections": [{"id": "methodolgy"}]}));
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].code, "schema.wrong-type");
    }
}
