//! A whole `indicators/` directory (index, sets, concordances) loaded and cross-checked in one
//! go: every file parsed, each listed where the index says, each concordance validated against
//! its two sets. The `blomlada-indicators` command, the server and the tests use it.

use std::collections::BTreeMap;

use crate::sets::catalog::{Catalog, SetRef};
use crate::sets::concordance::Concordance;
use crate::sets::indicator_set::IndicatorSet;
use crate::sets::validation::{Collector, ValidationError, ValidationErrors};

/// Everything an `indicators/` directory holds, parsed and cross-checked.
#[derive(Debug, Clone, Default)]
pub struct IndicatorFiles {
    pub catalog: Option<Catalog>,
    /// Every set version that loaded, by set and version.
    pub sets: BTreeMap<SetRef, IndicatorSet>,
    /// Every concordance that loaded and matched its sets, with the file it came from.
    pub concordances: Vec<(String, Concordance)>,
    /// Every problem found, each naming its file and JSON path.
    pub errors: Vec<ValidationError>,
}

impl IndicatorFiles {
    /// Loads `index.json` and every set and concordance it lists. `read` gets a path relative
    /// to the directory (`"eblomlada/2014.json"`) and returns the file's text; `label` is put
    /// in front of that path in error messages (e.g. `"indicators/"`). Nothing stops at the
    /// first error: every file is checked.
    pub fn load(label: &str, mut read: impl FnMut(&str) -> Result<String, String>) -> IndicatorFiles {
        let mut out = IndicatorFiles::default();
        let name = |path: &str| format!("{label}{path}");
        let read_err = |file: String, message: String| ValidationError { file, path: String::new(), message };

        let catalog = match read("index.json") {
            Err(e) => {
                out.errors.push(read_err(name("index.json"), format!("cannot read: {e}")));
                return out;
            }
            Ok(json) => match Catalog::parse(&json, &name("index.json")) {
                Ok(catalog) => catalog,
                Err(errors) => {
                    out.errors.extend(errors.0);
                    return out;
                }
            },
        };

        for (si, set) in catalog.sets.iter().enumerate() {
            for (vi, v) in set.versions.iter().enumerate() {
                let file = name(&v.file);
                let json = match read(&v.file) {
                    Ok(json) => json,
                    Err(e) => {
                        out.errors.push(read_err(file, format!("cannot read (listed in index.json at sets[{si}].versions[{vi}]): {e}")));
                        continue;
                    }
                };
                match IndicatorSet::parse(&json, &file) {
                    Ok(parsed) => {
                        let mut c = Collector::new(&file);
                        if parsed.id != set.id {
                            c.push("id", format!("the file is set {:?} but index.json lists it under set {:?}", parsed.id, set.id));
                        }
                        if parsed.version != v.version {
                            c.push(
                                "version",
                                format!("the file is version {:?} but index.json lists it as version {:?}", parsed.version, v.version),
                            );
                        }
                        match c.finish(()) {
                            Ok(()) => {
                                out.sets.insert(SetRef { set: set.id.clone(), version: v.version.clone() }, parsed);
                            }
                            Err(errors) => out.errors.extend(errors.0),
                        }
                    }
                    Err(errors) => out.errors.extend(errors.0),
                }
            }
            for (ci, listed) in set.concordances.iter().enumerate() {
                let file = name(&listed.file);
                let json = match read(&listed.file) {
                    Ok(json) => json,
                    Err(e) => {
                        out.errors
                            .push(read_err(file, format!("cannot read (listed in index.json at sets[{si}].concordances[{ci}]): {e}")));
                        continue;
                    }
                };
                let concordance = match Concordance::parse(&json, &file) {
                    Ok(concordance) => concordance,
                    Err(errors) => {
                        out.errors.extend(errors.0);
                        continue;
                    }
                };
                let mut c = Collector::new(&file);
                if concordance.set != set.id || concordance.from != listed.from || concordance.to != listed.to {
                    c.push(
                        "",
                        format!(
                            "the file is {} {}→{} but index.json lists it as {} {}→{}",
                            concordance.set, concordance.from, concordance.to, set.id, listed.from, listed.to
                        ),
                    );
                }
                if let Err(errors) = c.finish(()) {
                    out.errors.extend(errors.0);
                    continue;
                }
                let key = |version: &str| SetRef { set: set.id.clone(), version: version.to_string() };
                let (Some(a), Some(b)) = (out.sets.get(&key(&listed.from)), out.sets.get(&key(&listed.to))) else {
                    // The set files' own errors are reported above; nothing to check against.
                    continue;
                };
                match concordance.validate(&file, a, b) {
                    Ok(()) => out.concordances.push((listed.file.clone(), concordance)),
                    Err(errors) => out.errors.extend(errors.0),
                }
            }
        }
        out.catalog = Some(catalog);
        out
    }

    /// The errors as one value, or `Ok` when there were none.
    pub fn result(&self) -> Result<(), ValidationErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(self.errors.clone()))
        }
    }

    pub fn concordance_between(&self, set: &str, a: &str, b: &str) -> Option<&Concordance> {
        self.concordances.iter().map(|(_, c)| c).find(|c| c.set == set && c.connects(a, b))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::sets::concordance::fixtures::*;

    #[test]
    fn a_directory_loads_and_names_every_problem() {
        let files: HashMap<&str, String> = [
            (
                "index.json",
                r#"{"format": 1, "default": {"set": "t", "version": "2"}, "sets": [{"id": "t", "title": {"sv": "T"},
                "versions": [{"version": "1", "file": "t/1.json"}, {"version": "2", "file": "t/2.json"}],
                "concordances": [{"from": "1", "to": "2", "file": "t/1-2.json"}]}]}"#
                    .to_string(),
            ),
            ("t/1.json", serde_json::to_string(&v1()).unwrap()),
            ("t/2.json", serde_json::to_string(&v2()).unwrap()),
            ("t/1-2.json", CONC.to_string()),
        ]
        .into_iter()
        .collect();
        let read = |files: &HashMap<&str, String>, p: &str| files.get(p).cloned().ok_or_else(|| "no such file".to_string());
        let loaded = IndicatorFiles::load("ind/", |p| read(&files, p));
        assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
        assert_eq!(loaded.sets.len(), 2);
        assert!(loaded.concordance_between("t", "2", "1").is_some());

        let mut broken = files.clone();
        broken.insert("t/1-2.json", CONC.replace(r#""to": ["h"]"#, r#""to": ["x"]"#));
        broken.remove("t/2.json");
        broken.insert("t/1.json", serde_json::to_string(&v1()).unwrap().replace("\"version\":\"1\"", "\"version\":\"7\""));
        let loaded = IndicatorFiles::load("ind/", |p| read(&broken, p));
        let e: Vec<String> = loaded.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            e,
            vec![
                "ind/t/1.json: version: the file is version \"7\" but index.json lists it as version \"1\"",
                "ind/t/2.json: cannot read (listed in index.json at sets[0].versions[1]): no such file",
            ]
        );
    }
}
