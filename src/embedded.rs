//! The data files as the binary carries them: JSON converted from the TOML in
//! `seeds/` and `templates/` by `build.rs`, because JSON parses about three
//! times faster and parsing was a third of start-up. The loaders read either
//! form through [`from_str`], so tests and custom data still use TOML.

use serde::de::DeserializeOwned;

macro_rules! converted {
    ($path:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/", $path, ".json"))
    };
}

/// `seeds/rules.toml`: the rule catalogue.
pub(crate) const RULES: &str = converted!("seeds/rules");
/// `seeds/objectives.toml`.
pub(crate) const OBJECTIVES: &str = converted!("seeds/objectives");
/// `seeds/principles.toml`.
pub(crate) const PRINCIPLES: &str = converted!("seeds/principles");
/// `seeds/clusters.toml`.
pub(crate) const CLUSTERS: &str = converted!("seeds/clusters");
/// `seeds/regions.toml`.
pub(crate) const REGIONS: &str = converted!("seeds/regions");
/// `seeds/scope/*.toml`, in the order the scope check reports languages.
pub(crate) const SCOPE: [(&str, &str); 6] = [
    ("en", converted!("seeds/scope/en")),
    ("fr", converted!("seeds/scope/fr")),
    ("es", converted!("seeds/scope/es")),
    ("ru", converted!("seeds/scope/ru")),
    ("ar", converted!("seeds/scope/ar")),
    ("zh", converted!("seeds/scope/zh")),
];
/// `templates/voluntary-gcm-review-2022.toml`.
pub(crate) const TEMPLATE_2022: &str = converted!("templates/voluntary-gcm-review-2022");

/// Reads a data file in either form: JSON when the text starts with `{`
/// (a TOML document cannot), TOML otherwise. The error is the parser's
/// message, with its line and column.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| e.to_string())
    } else {
        toml::from_str(text).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same values whichever form is read (the embedded JSON against
    /// the TOML it was made from), for every data file.
    #[test]
    fn json_and_toml_forms_hold_the_same_data() {
        let pairs: Vec<(&str, &str)> = vec![
            (RULES, include_str!("../seeds/rules.toml")),
            (OBJECTIVES, include_str!("../seeds/objectives.toml")),
            (PRINCIPLES, include_str!("../seeds/principles.toml")),
            (CLUSTERS, include_str!("../seeds/clusters.toml")),
            (REGIONS, include_str!("../seeds/regions.toml")),
            (
                TEMPLATE_2022,
                include_str!("../templates/voluntary-gcm-review-2022.toml"),
            ),
            (SCOPE[0].1, include_str!("../seeds/scope/en.toml")),
            (SCOPE[1].1, include_str!("../seeds/scope/fr.toml")),
            (SCOPE[2].1, include_str!("../seeds/scope/es.toml")),
            (SCOPE[3].1, include_str!("../seeds/scope/ru.toml")),
            (SCOPE[4].1, include_str!("../seeds/scope/ar.toml")),
            (SCOPE[5].1, include_str!("../seeds/scope/zh.toml")),
        ];
        for (json, toml_text) in pairs {
            let a: serde_json::Value = from_str(json).expect("json form");
            let b: serde_json::Value = from_str(toml_text).expect("toml form");
            assert_eq!(a, b);
            // Key order too: a loader that keeps the order of a map sees
            // the same one.
            assert_eq!(a.to_string(), b.to_string());
        }
    }

    #[test]
    fn either_form_is_recognised_and_errors_name_the_place() {
        let json: std::collections::BTreeMap<String, u32> = from_str(" {\"a\": 1}").expect("json");
        let toml_form: std::collections::BTreeMap<String, u32> = from_str("a = 1").expect("toml");
        assert_eq!(json, toml_form);
        let err =
            from_str::<std::collections::BTreeMap<String, u32>>("a = \n").expect_err("broken");
        assert!(err.contains("line 1"), "{err}");
    }
}
