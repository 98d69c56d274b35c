//! Operator exports: all published results as JSON or CSV, and a static open-data snapshot
//! that any static host or CDN can serve.

use std::io::Write;
use std::path::{Path, PathBuf};

use blomlada_domain::comparison::{compare, Selection};
use blomlada_domain::kommun;
use blomlada_domain::result_file::ResultFile;
use blomlada_domain::size_group::SizeGroup;
use serde_json::{json, Value};

use crate::db::{self, Db, ListFilter};
use crate::open_data;
use crate::public_url::PublicUrl;
use crate::sets::Sets;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

/// Writes every current published result to `out`.
pub fn export(db: &Db, sets: &Sets, format: ExportFormat, out: &mut impl Write) -> Result<(), String> {
    let rows = db.with(|conn| db::list_current(conn, &ListFilter::default())).map_err(|e| e.to_string())?;
    let text = match format {
        ExportFormat::Csv => open_data::csv(&rows, sets),
        ExportFormat::Json => {
            let doc = json!({
                "format": "blomlada-export",
                "format_version": 1,
                "exported": crate::now().to_rfc3339(),
                "count": rows.len(),
                "results": rows.iter().map(open_data::full_json).collect::<Vec<_>>(),
            });
            serde_json::to_string_pretty(&doc).expect("JSON") + "\n"
        }
    };
    out.write_all(text.as_bytes()).map_err(|e| e.to_string())
}

#[derive(Debug)]
pub struct SnapshotReport {
    pub dir: PathBuf,
    pub files: usize,
    pub results: usize,
}

/// Writes the snapshot into a fresh directory beside `dir` and then swaps it in, so a host
/// serving `dir` never sees half a snapshot. Layout (all JSON in the API's shapes):
///
/// - `index.json` — what is here and when it was made
/// - `published.json`, `published.csv` — as `GET /api/v1/published` and `/published.csv`
/// - `published/{kommunkod}.json` — as `GET /api/v1/published/{kommunkod}`
/// - `results/{set}/{version}.json` — as `GET /api/v1/results` (answers and public evidence links, no comments; for comparing in the browser)
/// - `stats/{set}/{version}/all.json`, `size-group-{key}.json`, `lan-{code}.json` — as `GET /api/v1/stats`
/// - `resultat/index.html`, `resultat/{kommunkod}/index.html`, `resultat/{set}/{version}/indikator/{id}/index.html`
///   (and `resultat/{set}/{version}/index.html` for other versions) — the public pages, linked relatively
/// - `published/{kommunkod}/blomlada.svg`, `blomlada.png`, `blomlada.csv`, `resultat.json` — as the API's downloads
pub fn snapshot(db: &Db, sets: &Sets, public_url: &PublicUrl, dir: &Path) -> Result<SnapshotReport, String> {
    let name = dir.file_name().ok_or_else(|| format!("{} is not a directory name", dir.display()))?.to_string_lossy();
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let mut files = 0usize;
    let mut write = |relative: &str, content: &[u8]| -> Result<(), String> {
        let path = tmp.join(relative);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).map_err(|e| format!("cannot create {}: {e}", p.display()))?;
        }
        std::fs::write(&path, content).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        files += 1;
        Ok(())
    };
    let json_bytes = |v: &Value| serde_json::to_vec_pretty(v).expect("JSON");

    let (rows, kommuner) =
        db.with(|conn| Ok((db::list_current(conn, &ListFilter::default())?, db::published_kommuner(conn)?))).map_err(|e| e.to_string())?;
    write("published.json", &json_bytes(&open_data::list_json(&rows)))?;
    write("published.csv", open_data::csv(&rows, sets).as_bytes())?;
    for code in &kommuner {
        let mine = db.with(|conn| db::kommun_results(conn, code)).map_err(|e| e.to_string())?;
        write(&format!("published/{code}.json"), &json_bytes(&open_data::kommun_json(code, &mine)))?;
    }

    let mut selections = vec![Selection::All];
    selections.extend(SizeGroup::ALL.into_iter().map(Selection::SizeGroup));
    selections.extend(kommun::lan_list().into_iter().map(|(code, _)| Selection::Lan(code.to_string())));
    let mut set_entries = Vec::new();
    for (set_ref, set) in &sets.sets {
        let results: Vec<ResultFile> =
            rows.iter().filter(|r| &r.set == set_ref).filter_map(|r| serde_json::from_str(&r.body).ok()).collect();
        let results_file = format!("results/{}/{}.json", set_ref.set, set_ref.version);
        let slim: Vec<ResultFile> = results.iter().map(ResultFile::answers_only).collect();
        let doc = json!({"set": {"set": set_ref.set, "version": set_ref.version}, "count": slim.len(), "results": slim});
        write(&results_file, &json_bytes(&doc))?;
        let mut stats_files = Vec::new();
        for selection in &selections {
            let slug = selection.to_string().replace(':', "-");
            let relative = format!("stats/{}/{}/{slug}.json", set_ref.set, set_ref.version);
            let comparison = compare(set, results.iter(), selection);
            write(&relative, &json_bytes(&open_data::stats_json(set, &comparison)))?;
            stats_files.push(json!({"selection": selection.to_string(), "n": comparison.n(), "file": relative}));
        }
        set_entries.push(json!({
            "set": set_ref.set,
            "version": set_ref.version,
            "results": results.len(),
            "results_file": results_file,
            "stats": stats_files,
        }));
    }
    let index = json!({
        "format": "blomlada-snapshot",
        "format_version": 1,
        "generated": crate::now().to_rfc3339(),
        "results": rows.len(),
        "list": "published.json",
        "csv": "published.csv",
        "kommuner": kommuner.iter().map(|c| json!({"code": c, "file": format!("published/{c}.json")})).collect::<Vec<_>>(),
        "sets": set_entries,
    });
    write("index.json", &json_bytes(&index))?;
    // The public result pages and each kommun's downloads (picture, CSV, result file).
    crate::public::files::write_pages(db, sets, public_url, &mut write)?;

    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    if dir.exists() {
        std::fs::rename(dir, &old).map_err(|e| format!("cannot move the old {} aside: {e}", dir.display()))?;
    }
    std::fs::rename(&tmp, dir).map_err(|e| format!("cannot move the snapshot into {}: {e}", dir.display()))?;
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(|e| format!("cannot remove {}: {e}", old.display()))?;
    }
    Ok(SnapshotReport { dir: dir.to_path_buf(), files, results: rows.len() })
}
