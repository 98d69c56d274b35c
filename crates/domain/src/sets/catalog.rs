//! `indicators/index.json`: which indicator sets and versions exist, and which is the default.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::language::text::Localized;
use crate::sets::validation::{is_valid_id, parse_json, Collector, ValidationErrors};

pub const CATALOG_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub format: u32,
    pub default: SetRef,
    pub sets: Vec<CatalogSet>,
}

/// Names one version of one set; every assessment and result carries one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetRef {
    pub set: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogSet {
    pub id: String,
    pub title: Localized,
    pub versions: Vec<CatalogVersion>,
    #[serde(default)]
    pub concordances: Vec<CatalogConcordance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogVersion {
    pub version: String,
    /// Path relative to `indicators/`.
    pub file: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogConcordance {
    pub from: String,
    pub to: String,
    pub file: String,
}

impl Catalog {
    pub fn parse(json: &str, file: &str) -> Result<Catalog, ValidationErrors> {
        let catalog: Catalog = parse_json(json, file)?;
        catalog.validate(file)?;
        Ok(catalog)
    }

    pub fn validate(&self, file: &str) -> Result<(), ValidationErrors> {
        let mut c = Collector::new(file);
        if self.format != CATALOG_FORMAT {
            c.push("format", format!("format version {} is not supported (this app reads {CATALOG_FORMAT})", self.format));
        }
        if self.sets.is_empty() {
            c.push("sets", "the index lists no indicator sets");
        }
        let mut set_ids = HashSet::new();
        let mut files = HashSet::new();
        for (si, set) in self.sets.iter().enumerate() {
            let path = format!("sets[{si}]");
            if !is_valid_id(&set.id) {
                c.push(format!("{path}.id"), format!("set id {:?} is not a valid id", set.id));
            }
            if !set_ids.insert(set.id.as_str()) {
                c.push(format!("{path}.id"), format!("set {:?} is listed twice", set.id));
            }
            if set.versions.is_empty() {
                c.push(format!("{path}.versions"), format!("set {:?} lists no versions", set.id));
            }
            let mut versions = HashSet::new();
            for (vi, v) in set.versions.iter().enumerate() {
                if !versions.insert(v.version.as_str()) {
                    c.push(format!("{path}.versions[{vi}].version"), format!("version {:?} is listed twice", v.version));
                }
                if !safe_relative_path(&v.file) {
                    c.push(format!("{path}.versions[{vi}].file"), format!("{:?} must be a relative .json path inside indicators/", v.file));
                }
                if !files.insert(v.file.as_str()) {
                    c.push(format!("{path}.versions[{vi}].file"), format!("file {:?} is listed twice", v.file));
                }
            }
            for (ci, conc) in set.concordances.iter().enumerate() {
                let cpath = format!("{path}.concordances[{ci}]");
                for (field, version) in [("from", &conc.from), ("to", &conc.to)] {
                    if !versions.contains(version.as_str()) {
                        c.push(format!("{cpath}.{field}"), format!("version {version:?} is not listed for set {:?}", set.id));
                    }
                }
                if !safe_relative_path(&conc.file) {
                    c.push(format!("{cpath}.file"), format!("{:?} must be a relative .json path inside indicators/", conc.file));
                }
            }
        }
        if self.version(&self.default).is_none() {
            c.push("default", format!("default {}/{} is not listed", self.default.set, self.default.version));
        }
        c.finish(())
    }

    pub fn version(&self, r: &SetRef) -> Option<&CatalogVersion> {
        self.sets.iter().find(|s| s.id == r.set)?.versions.iter().find(|v| v.version == r.version)
    }

    /// Every listed version as a `SetRef`, in index order.
    pub fn all_versions(&self) -> Vec<SetRef> {
        self.sets.iter().flat_map(|s| s.versions.iter().map(|v| SetRef { set: s.id.clone(), version: v.version.clone() })).collect()
    }

    pub fn concordance_between(&self, set: &str, a: &str, b: &str) -> Option<&CatalogConcordance> {
        self.sets.iter().find(|s| s.id == set)?.concordances.iter().find(|c| (c.from == a && c.to == b) || (c.from == b && c.to == a))
    }
}

fn safe_relative_path(path: &str) -> bool {
    path.ends_with(".json")
        && !path.starts_with('/')
        && !path.contains('\\')
        && path.split('/').all(|part| !part.is_empty() && part != ".." && part != ".")
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = r#"{"format": 1, "default": {"set": "eblomlada", "version": "2026"},
      "sets": [{"id": "eblomlada", "title": {"sv": "eBlomlådan"},
        "versions": [{"version": "2014", "file": "eblomlada/2014.json"}, {"version": "2026", "file": "eblomlada/2026.json"}],
        "concordances": [{"from": "2014", "to": "2026", "file": "eblomlada/2014-2026.json"}]}]}"#;

    #[test]
    fn loads_and_finds_versions_and_concordances() {
        let catalog = Catalog::parse(INDEX, "index.json").unwrap();
        assert_eq!(catalog.all_versions().len(), 2);
        assert!(catalog.concordance_between("eblomlada", "2026", "2014").is_some());
        assert!(catalog.concordance_between("eblomlada", "2014", "2014").is_none());
    }

    #[test]
    fn unknown_default_and_escaping_paths_are_refused() {
        let json = INDEX.replace("\"version\": \"2026\"}", "\"version\": \"2030\"}").replace("eblomlada/2014.json", "../etc/passwd.json");
        let errors = Catalog::parse(&json, "index.json").unwrap_err().to_string();
        assert!(errors.contains("index.json: default: default eblomlada/2030 is not listed"), "{errors}");
        assert!(errors.contains("sets[0].versions[0].file"), "{errors}");
    }
}
