//! Round-table clusters by review cycle (`seeds/clusters.toml`).

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::error::SeedError;
use super::localized::Localized;
use super::validate::has_english;

/// Repository path of the seed file, used in error messages.
pub(crate) const FILE: &str = "seeds/clusters.toml";

/// One round-table cluster: a group of objectives discussed together.
///
/// Exists because regional reviews and the regional summary are organised by
/// cluster ("progress by cluster 1-4"), so every objective must map to one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    /// 1 to 4.
    pub number: u8,
    /// Stable id, `cluster_1` ...
    pub id: String,
    /// Objective numbers in the cluster, ascending.
    pub objectives: Vec<u8>,
    /// Theme of the round table (en always; fr where known).
    pub theme: Localized,
    /// UN entities leading the round table, where known for the cycle.
    #[serde(default)]
    pub lead_agencies: Vec<String>,
}

/// The cluster allocation of one review cycle.
///
/// Exists because the allocation may change between IMRF cycles; keying it by
/// cycle makes a change a data edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterCycle {
    /// The IMRF year, e.g. `"2022"`.
    pub id: String,
    /// True when the allocation is confirmed by a source.
    pub verified: bool,
    /// Where the allocation comes from, or why it is unconfirmed.
    #[serde(default)]
    pub note: Option<String>,
    /// The clusters, by number.
    #[serde(rename(deserialize = "cluster"))]
    pub clusters: Vec<Cluster>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClustersFile {
    cycle: Vec<ClusterCycle>,
}

/// Parses and validates the cycles: every cycle covers objectives 1..=23
/// exactly once.
pub(crate) fn parse(source: &str) -> Result<Vec<ClusterCycle>, SeedError> {
    let mut cycles = SeedError::parse::<ClustersFile>(FILE, source)?.cycle;
    let mut ids = HashSet::new();
    for cycle in &mut cycles {
        let entry = format!("cycle \"{}\"", cycle.id);
        if cycle.id.trim().is_empty() || !ids.insert(cycle.id.clone()) {
            return Err(SeedError::invalid(
                FILE,
                entry,
                "empty or duplicate cycle id",
            ));
        }
        check_cycle(cycle)?;
        cycle.clusters.sort_by_key(|c| c.number);
        for cluster in &mut cycle.clusters {
            cluster.objectives.sort_unstable();
        }
    }
    Ok(cycles)
}

fn check_cycle(cycle: &ClusterCycle) -> Result<(), SeedError> {
    let mut numbers = HashSet::new();
    let mut owner: BTreeMap<u8, u8> = BTreeMap::new();
    for cluster in &cycle.clusters {
        let entry = format!("cycle \"{}\", cluster {}", cycle.id, cluster.number);
        if !numbers.insert(cluster.number) {
            return Err(SeedError::invalid(
                FILE,
                entry,
                "cluster number appears twice",
            ));
        }
        has_english(FILE, &entry, "theme", &cluster.theme)?;
        for &objective in &cluster.objectives {
            if !(1..=23).contains(&objective) {
                return Err(SeedError::invalid(
                    FILE,
                    entry,
                    format!("objective {objective} does not exist"),
                ));
            }
            if let Some(first) = owner.insert(objective, cluster.number) {
                return Err(SeedError::invalid(
                    FILE,
                    format!("cycle \"{}\", objective {objective}", cycle.id),
                    format!("in cluster {first} and in cluster {}", cluster.number),
                ));
            }
        }
    }
    if let Some(missing) = (1..=23).find(|n| !owner.contains_key(n)) {
        return Err(SeedError::invalid(
            FILE,
            format!("cycle \"{}\", objective {missing}", cycle.id),
            "in no cluster",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crate::reference::SeedError;

    fn cycle(clusters: &[&[u8]]) -> String {
        let mut s = String::from("[[cycle]]\nid = \"2030\"\nverified = false\n");
        for (i, objectives) in clusters.iter().enumerate() {
            s += &format!(
                "[[cycle.cluster]]\nnumber = {}\nid = \"cluster_{}\"\nobjectives = {:?}\n\
                 theme.en = {{ text = \"T\", verified = false }}\n",
                i + 1,
                i + 1,
                objectives
            );
        }
        s
    }

    fn invalid(source: &str) -> (String, String) {
        match parse(source) {
            Err(SeedError::Invalid {
                file,
                entry,
                problem,
            }) => {
                assert_eq!(file, "seeds/clusters.toml");
                (entry, problem)
            }
            other => panic!("expected an invalid entry, got {other:?}"),
        }
    }

    const FIRST: &[u8] = &[2, 5, 6, 12, 18];
    const SECOND: &[u8] = &[4, 8, 9, 10, 11, 13, 21];
    const THIRD: &[u8] = &[14, 15, 16, 19, 20, 22];
    const FOURTH: &[u8] = &[1, 3, 7, 17, 23];

    #[test]
    fn a_well_formed_cycle_parses() {
        let cycles = parse(&cycle(&[FIRST, SECOND, THIRD, FOURTH])).unwrap();
        assert_eq!(cycles[0].clusters.len(), 4);
    }

    #[test]
    fn an_objective_in_no_cluster_is_named() {
        let (entry, problem) = invalid(&cycle(&[FIRST, SECOND, THIRD, &[1, 3, 7, 17]]));
        assert_eq!(entry, "cycle \"2030\", objective 23");
        assert_eq!(problem, "in no cluster");
    }

    #[test]
    fn an_objective_in_two_clusters_is_named() {
        let (entry, _) = invalid(&cycle(&[
            FIRST,
            SECOND,
            &[14, 15, 16, 19, 20, 22, 5],
            FOURTH,
        ]));
        assert_eq!(entry, "cycle \"2030\", objective 5");
    }

    #[test]
    fn an_objective_that_does_not_exist_is_named() {
        let (entry, _) = invalid(&cycle(&[FIRST, SECOND, THIRD, &[1, 3, 7, 17, 23, 24]]));
        assert_eq!(entry, "cycle \"2030\", cluster 4");
    }
}
