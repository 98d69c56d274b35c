//! The indicator sets the server validates against, loaded once at start from `indicators/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use blomlada_domain::catalog::SetRef;
use blomlada_domain::{Catalog, IndicatorSet};

#[derive(Debug)]
pub struct Sets {
    pub dir: PathBuf,
    pub catalog: Catalog,
    pub sets: BTreeMap<SetRef, IndicatorSet>,
}

impl Sets {
    /// Reads `index.json` and every set version it lists. Any missing or invalid file is an
    /// error naming it: a server that cannot check results must not start.
    pub fn load(dir: &Path) -> Result<Sets, String> {
        let index_path = dir.join("index.json");
        let index = std::fs::read_to_string(&index_path).map_err(|e| format!("cannot read {}: {e}", index_path.display()))?;
        let catalog = Catalog::parse(&index, &index_path.display().to_string()).map_err(|e| e.to_string())?;
        let mut sets = BTreeMap::new();
        for set_ref in catalog.all_versions() {
            let entry = catalog.version(&set_ref).expect("listed version");
            let path = dir.join(&entry.file);
            let json = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let set = IndicatorSet::parse(&json, &path.display().to_string()).map_err(|e| e.to_string())?;
            if set.id != set_ref.set || set.version != set_ref.version {
                return Err(format!(
                    "{}: the file is {}/{} but index.json lists it as {}/{}",
                    path.display(),
                    set.id,
                    set.version,
                    set_ref.set,
                    set_ref.version
                ));
            }
            sets.insert(set_ref, set);
        }
        Ok(Sets { dir: dir.to_path_buf(), catalog, sets })
    }

    pub fn get(&self, r: &SetRef) -> Option<&IndicatorSet> {
        self.sets.get(r)
    }

    pub fn default_ref(&self) -> &SetRef {
        &self.catalog.default
    }
}
