//! Invariants of the embedded seeds that users rely on (DOMAIN.md sections
//! 3, 4, 5 and 7), and the lookups built on them.

use std::collections::BTreeSet;

use super::{ReferenceData, SeedError, Sources, StateKind};

fn data() -> &'static ReferenceData {
    match ReferenceData::builtin() {
        Ok(data) => data,
        Err(e) => panic!("embedded seeds are invalid: {e}"),
    }
}

fn codes(list: &[String]) -> BTreeSet<&str> {
    list.iter().map(String::as_str).collect()
}

#[test]
fn load_and_builtin_agree() {
    let fresh = ReferenceData::load().unwrap();
    assert_eq!(fresh.states(), data().states());
    assert_eq!(fresh.objectives(), data().objectives());
}

#[test]
fn there_are_193_member_states_and_2_observers() {
    let members = data()
        .states()
        .iter()
        .filter(|s| s.kind == StateKind::Member)
        .count();
    let observers: BTreeSet<&str> = data()
        .states()
        .iter()
        .filter(|s| s.kind == StateKind::Observer)
        .map(|s| s.iso3.as_str())
        .collect();
    assert_eq!(members, 193);
    assert_eq!(observers, BTreeSet::from(["PSE", "VAT"]));
}

#[test]
fn iso3_codes_are_unique() {
    let unique: BTreeSet<&str> = data().states().iter().map(|s| s.iso3.as_str()).collect();
    assert_eq!(unique.len(), data().states().len());
}

#[test]
fn every_member_state_is_in_a_commission_and_30_in_several() {
    let mut several = 0;
    for s in data()
        .states()
        .iter()
        .filter(|s| s.kind == StateKind::Member)
    {
        let n = data().commissions_of(&s.iso3).len();
        assert!(n >= 1, "{} is in no commission", s.iso3);
        if n > 1 {
            several += 1;
        }
    }
    assert_eq!(several, 30);
}

#[test]
fn commission_sizes_match_domain_7_2() {
    let size = |id: &str| {
        let c = data().commission(id).unwrap();
        (
            c.members.len(),
            c.non_regional_members.len(),
            c.associate_members.len(),
        )
    };
    assert_eq!(size("ECE"), (56, 0, 0));
    assert_eq!(size("ECA"), (54, 0, 0));
    assert_eq!(size("ECLAC"), (33, 13, 14));
    assert_eq!(size("ESCAP"), (49, 4, 9));
    assert_eq!(size("ESCWA"), (20, 0, 0));
    assert!(data().is_member_of("PSE", "ESCWA"));
    assert!(
        !data().is_member_of("DJI", "ESCWA"),
        "Djibouti is unconfirmed in ESCWA"
    );
    assert!(data().commissions_of("VAT").is_empty());
}

#[test]
fn overlaps_match_domain_7_3() {
    let both = |a: &str, b: &str| -> BTreeSet<String> {
        data()
            .states()
            .iter()
            .filter(|s| data().is_member_of(&s.iso3, a) && data().is_member_of(&s.iso3, b))
            .map(|s| s.iso3.clone())
            .collect()
    };
    let set = |s: &str| -> BTreeSet<String> { s.split(' ').map(String::from).collect() };
    assert_eq!(both("ECA", "ESCWA"), set("DZA EGY LBY MAR MRT SDN SOM TUN"));
    assert_eq!(
        both("ECE", "ESCAP"),
        set("ARM AZE GEO KAZ KGZ RUS TJK TKM TUR UZB FRA GBR NLD USA")
    );
    assert_eq!(
        both("ECE", "ECLAC"),
        set("CAN DEU ESP FRA GBR ITA NLD NOR PRT TUR USA")
    );
    assert_eq!(both("ECLAC", "ESCAP"), set("FRA GBR JPN KOR NLD TUR USA"));
    let escap = data().commission("escap").unwrap();
    assert_eq!(
        codes(&escap.non_regional_members),
        BTreeSet::from(["FRA", "GBR", "NLD", "USA"])
    );
}

#[test]
fn primary_regions_follow_domain_7_4() {
    let primary = |iso3: &str| data().state_by_iso3(iso3).unwrap().primary_region.clone();
    for iso3 in [
        "CAN", "DEU", "FRA", "GBR", "NLD", "USA", "TUR", "RUS", "KAZ", "ARM",
    ] {
        assert_eq!(primary(iso3).as_deref(), Some("ECE"), "{iso3}");
    }
    for iso3 in ["JPN", "KOR"] {
        assert_eq!(primary(iso3).as_deref(), Some("ESCAP"), "{iso3}");
    }
    assert_eq!(primary("PSE").as_deref(), Some("ESCWA"));
    assert_eq!(primary("VAT"), None);
    let dual: Vec<&str> = data()
        .primary_regions_of("egy")
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(dual, ["ECA", "ESCWA"]);
    let single: Vec<&str> = data()
        .primary_regions_of("MEX")
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(single, ["ECLAC"]);
}

#[test]
fn clusters_cover_each_objective_once_in_every_cycle() {
    assert!(data().cycles().iter().any(|c| c.id == "2022" && c.verified));
    assert!(data()
        .cycles()
        .iter()
        .any(|c| c.id == "2026" && !c.verified));
    for cycle in data().cycles() {
        let sizes: Vec<usize> = cycle.clusters.iter().map(|c| c.objectives.len()).collect();
        assert_eq!(sizes, [5, 7, 6, 5], "cycle {}", cycle.id);
        let mut all: Vec<u8> = cycle
            .clusters
            .iter()
            .flat_map(|c| c.objectives.clone())
            .collect();
        all.sort_unstable();
        assert_eq!(all, (1..=23).collect::<Vec<u8>>(), "cycle {}", cycle.id);
    }
    assert_eq!(data().cluster_of("2022", 21).unwrap().id, "cluster_2");
    assert_eq!(data().cluster_of("2022", 23).unwrap().number, 4);
    assert!(data().cluster_of("1999", 1).is_none());
}

#[test]
fn objectives_and_principles_are_complete_and_distinct() {
    assert_eq!(data().objectives().len(), 23);
    assert_eq!(data().principles().len(), 10);
    let o23 = data().objective(23).unwrap();
    assert_eq!(o23.id, "objective_23");
    assert_eq!(o23.label.en(), "International cooperation");
    assert_ne!(data().principles()[1].id, o23.id);
    assert!(
        o23.title.get("ar").is_none(),
        "Arabic titles are deliberately absent"
    );
    assert!(
        data()
            .objective(1)
            .unwrap()
            .title
            .entry("fr")
            .unwrap()
            .verified
    );
    assert!(
        !data()
            .objective(2)
            .unwrap()
            .title
            .entry("fr")
            .unwrap()
            .verified
    );
    assert!(data().objective(0).is_none());
}

#[test]
fn state_names_resolve_in_any_form() {
    let iso3 = |name: &str| data().state_by_name(name).map(|s| s.iso3.as_str());
    assert_eq!(iso3("Allemagne"), Some("DEU"));
    assert_eq!(iso3("  the netherlands "), Some("NLD"));
    assert_eq!(iso3("Netherlands (Kingdom of the)"), Some("NLD"));
    for name in ["Türkiye", "Turkey", "turkiye"] {
        assert_eq!(iso3(name), Some("TUR"), "{name}");
    }
    for name in ["Côte d'Ivoire", "Cote d’Ivoire"] {
        assert_eq!(iso3(name), Some("CIV"), "{name}");
    }
    assert_eq!(iso3("Германия"), Some("DEU"));
    assert_eq!(iso3("ألمانيا"), Some("DEU"));
    assert_eq!(iso3("德国"), Some("DEU"));
    assert_eq!(iso3("El Salvador"), Some("SLV"));
    assert_eq!(iso3("Congo"), Some("COG"));
    assert_eq!(iso3("RDC"), Some("COD"));
    assert_eq!(iso3("Saint-Siège"), Some("VAT"));
    assert_eq!(iso3("Atlantis"), None);
    assert_eq!(iso3(""), None);
}

#[test]
fn codes_and_commission_ids_are_case_insensitive() {
    assert_eq!(data().state_by_iso3("deu").unwrap().name, "Germany");
    assert_eq!(data().commission("Eclac").unwrap().id, "ECLAC");
    assert!(data().is_member_of("tur", "escap"));
    assert!(data().state_by_iso3("XKX").is_none());
}

#[test]
fn a_broken_file_fails_the_whole_load_with_its_name() {
    let broken = Sources {
        clusters: "[[cycle]]\nid = \"2022\"\nverified = true\ncluster = []\n",
        ..Sources::EMBEDDED
    };
    match ReferenceData::from_sources(broken) {
        Err(SeedError::Invalid { file, entry, .. }) => {
            assert_eq!(file, "seeds/clusters.toml");
            assert_eq!(entry, "cycle \"2022\", objective 1");
        }
        other => panic!("expected an invalid entry, got {other:?}"),
    }
}
