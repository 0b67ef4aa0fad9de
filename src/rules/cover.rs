//! Cover rules: a missing value is a warning (the template is indicative);
//! a wrong value is an error, with the fix spelt out.

use super::{Date, RuleContext};
use crate::diagnostic::{Finding, Location};
use crate::reference::State;
use crate::template::{pick, CoverKind, CoverRole};

/// Checks every cover field of the template.
pub fn check(ctx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let submitter = Submitter::read(ctx);
    let loc = || Location::section("cover");
    for field in &ctx.template.cover {
        let Some(value) = ctx.report.cover_text(&field.id) else {
            let needed = match field.kind {
                // Only States have a country code.
                CoverKind::StateIso3 => field.expected && submitter.is_state_or_unknown(),
                _ => field.expected,
            };
            if needed {
                out.push(
                    Finding::new("cover.missing-field", loc())
                        .arg("field_label", pick(&field.label, ctx.lang))
                        .arg("field_help", pick(&field.help, ctx.lang)),
                );
            }
            continue;
        };
        let wrong = |code: &'static str| Finding::new(code, loc()).arg("value", &value);
        match field.kind {
            CoverKind::Text => {
                if field.role == Some(CoverRole::SubmitterName)
                    && submitter.is_state()
                    && ctx.reference.state_by_name(&value).is_none()
                {
                    out.push(wrong("cover.unknown-state"));
                }
            }
            CoverKind::StateName => {
                if ctx.reference.state_by_name(&value).is_none() {
                    out.push(wrong("cover.unknown-state"));
                }
            }
            CoverKind::Email => {
                if !is_email(&value) {
                    out.push(wrong("cover.invalid-email"));
                }
            }
            CoverKind::Date => match Date::parse(&value) {
                None => out.push(wrong("cover.invalid-date")),
                Some(date) => {
                    if let Some(today) = ctx.today.filter(|today| date > *today) {
                        out.push(wrong("cover.future-date").arg("today", today));
                    }
                }
            },
            CoverKind::SubmitterType => {
                if ctx.template.submitter_type(&value).is_none() {
                    let allowed = ctx
                        .template
                        .submitter_types
                        .iter()
                        .map(|t| format!("{} ({})", t.id, pick(&t.label, ctx.lang)))
                        .collect::<Vec<_>>()
                        .join(", ");
                    out.push(wrong("cover.unknown-submitter-type").arg("allowed", allowed));
                }
            }
            CoverKind::StateIso3 => {
                if ctx.reference.state_by_iso3(&value).is_none() {
                    out.push(wrong("cover.unknown-iso3"));
                }
            }
            CoverKind::Regions => {
                let allowed = ctx
                    .reference
                    .commissions()
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                for region in split_list(&value) {
                    if ctx.reference.commission(&region).is_none() {
                        out.push(
                            Finding::new("cover.unknown-region", loc())
                                .arg("value", region)
                                .arg("allowed", &allowed),
                        );
                    }
                }
            }
            CoverKind::Cycle => {
                let known: Vec<&str> = ctx
                    .reference
                    .cycles()
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect();
                let year: String = value.chars().filter(char::is_ascii_digit).collect();
                let matches = known
                    .iter()
                    .any(|k| *k == value.trim() || value.contains(k))
                    || (year.len() >= 4 && known.iter().any(|k| year.ends_with(k)));
                if !matches {
                    out.push(wrong("cover.unknown-cycle").arg("allowed", known.join(", ")));
                }
            }
            CoverKind::Language => {
                if ctx.template.language_code(&value).is_none() {
                    out.push(wrong("cover.unknown-language"));
                }
            }
        }
    }
    if let (Some(named), Some(coded)) = (submitter.named_state, submitter.coded_state) {
        if named.iso3 != coded.iso3 {
            out.push(
                Finding::new("cover.iso3-mismatch", loc())
                    .arg("iso3", &coded.iso3)
                    .arg("iso3_name", &coded.name)
                    .arg("state_name", &named.name)
                    .arg("state_iso3", &named.iso3),
            );
        }
    }
}

/// What the cover says about who submits.
pub struct Submitter<'a> {
    /// The submitter name as written.
    pub name: Option<String>,
    /// The submitter type id, when recognised.
    pub type_id: Option<String>,
    /// True when the type is a State type; None when no type is recognised.
    pub type_is_state: Option<bool>,
    /// The State the name refers to.
    pub named_state: Option<&'a State>,
    /// The State the ISO3 code refers to.
    pub coded_state: Option<&'a State>,
}

impl<'a> Submitter<'a> {
    /// Reads the submitter fields through their template roles.
    pub fn read(ctx: &RuleContext<'a>) -> Submitter<'a> {
        let value = |role: CoverRole| {
            ctx.template
                .cover_field_for(role)
                .and_then(|f| ctx.report.cover_text(&f.id))
        };
        let name = value(CoverRole::SubmitterName);
        let submitter_type =
            value(CoverRole::SubmitterType).and_then(|v| ctx.template.submitter_type(&v));
        Submitter {
            named_state: name.as_deref().and_then(|n| ctx.reference.state_by_name(n)),
            coded_state: value(CoverRole::SubmitterIso3)
                .and_then(|c| ctx.reference.state_by_iso3(&c)),
            type_id: submitter_type.map(|t| t.id.clone()),
            type_is_state: submitter_type.map(|t| t.state),
            name,
        }
    }

    /// True when the submitter declares itself a State.
    pub fn is_state(&self) -> bool {
        self.type_is_state == Some(true)
    }

    /// True for States and for submitters whose type is not given but whose
    /// name is a State's.
    pub fn is_state_or_unknown(&self) -> bool {
        match self.type_is_state {
            Some(state) => state,
            None => self.named_state.is_some() || self.name.is_none(),
        }
    }

    /// The ISO3 code to report: from the code field, else from the name.
    pub fn iso3(&self) -> Option<&str> {
        self.coded_state
            .or(self.named_state)
            .map(|s| s.iso3.as_str())
    }
}

/// Splits "ECE, ESCAP and ECLAC" or "ECE; ESCAP" into items.
pub fn split_list(value: &str) -> Vec<String> {
    value
        .replace(" and ", ",")
        .replace(" et ", ",")
        .replace(" y ", ",")
        .split([',', ';', '/', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A practical e-mail check: one address, local part and a dotted domain.
pub fn is_email(value: &str) -> bool {
    let value = value.trim();
    let value = value.strip_prefix("mailto:").unwrap_or(value);
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    let bad_char =
        |c: char| c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | ',' | ';' | '"' | '@');
    if local.is_empty()
        || local.len() > 64
        || local.chars().any(bad_char)
        || local.starts_with('.')
        || local.ends_with('.')
    {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for good in [
            "focal.point@mfa.gov.pt",
            "a@b.org",
            "mailto:x.y@un.org",
            "名字@例子.中国",
        ] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "",
            "no-at-sign.org",
            "a@b",
            "a @b.org",
            "<a@b.org>",
            "a@@b.org",
            "a@b.c",
            "a@.org",
            "a@b.org, c@d.org",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn lists() {
        assert_eq!(
            split_list("ECE, ESCAP and ECLAC"),
            vec!["ECE", "ESCAP", "ECLAC"]
        );
        assert_eq!(split_list("ECA; ESCWA"), vec!["ECA", "ESCWA"]);
    }
}
