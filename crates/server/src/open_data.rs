//! The public shapes of published results: JSON for the API and the snapshot, and the CSV that
//! opens in Excel with Swedish settings.

use blomlada_domain::comparison::{Comparison, Tally};
use blomlada_domain::kommun;
use blomlada_domain::result_file::ResultFile;
use blomlada_domain::size_group::SizeGroup;
use blomlada_domain::{IndicatorSet, Lang};
use serde_json::{json, Map, Value};

use crate::db::PublishedRow;
use crate::sets::Sets;

fn lan_name(code: &str) -> Option<&'static str> {
    kommun::lan_list().into_iter().find(|(c, _)| *c == code).map(|(_, n)| n)
}

/// One published result without its answers.
pub fn summary_json(row: &PublishedRow) -> Value {
    let name = kommun::by_code(&row.kommun_code).map(|k| k.name.as_str()).unwrap_or_default();
    let mut v = json!({
        "id": row.id,
        "kommun": {"code": row.kommun_code, "name": name},
        "lan": {"code": row.lan_code, "name": lan_name(&row.lan_code)},
        "population": row.population,
        "size_group": row.size_group,
        "set": {"set": row.set.set, "version": row.set.version},
        "title": row.title,
        "updated": row.result_updated,
        "published_at": row.published_at,
        "status": row.status,
        "url": format!("/api/v1/published/{}", row.kommun_code),
    });
    if let Some(ended) = &row.ended_at {
        v["ended_at"] = json!(ended);
    }
    v
}

/// A summary with the whole result file under `result`.
pub fn full_json(row: &PublishedRow) -> Value {
    let mut v = summary_json(row);
    v["result"] = serde_json::from_str(&row.body).unwrap_or(Value::Null);
    v
}

pub fn list_json(rows: &[PublishedRow]) -> Value {
    json!({
        "count": rows.len(),
        "results": rows.iter().map(summary_json).collect::<Vec<_>>(),
    })
}

/// A kommun's current results (one per set version) and its history, newest first.
pub fn kommun_json(code: &str, rows: &[PublishedRow]) -> Value {
    let k = kommun::by_code(code);
    let (current, history): (Vec<&PublishedRow>, Vec<&PublishedRow>) = rows.iter().partition(|r| r.status == "current");
    json!({
        "kommun": {
            "code": code,
            "name": k.map(|k| k.name.as_str()),
            "lan": k.map(|k| json!({"code": k.lan_code, "name": k.lan})),
        },
        "current": current.into_iter().map(full_json).collect::<Vec<_>>(),
        "history": history.into_iter().map(full_json).collect::<Vec<_>>(),
    })
}

/// `counting` says per scale key whether it counts: an answer such as "ej relevant" is
/// counted (in `counts`, `answered` and `not_counted`) but has no share.
fn tally_json(scale: &[String], counting: &[bool], tally: &Tally) -> Map<String, Value> {
    let mut counts = Map::new();
    let mut shares = Map::new();
    for (i, key) in scale.iter().enumerate() {
        counts.insert(key.clone(), json!(tally.counts.get(i).copied().unwrap_or(0)));
        if counting.get(i).copied().unwrap_or(true) {
            shares.insert(key.clone(), json!(tally.share(i)));
        }
    }
    let mut m = Map::new();
    m.insert("n".into(), json!(tally.results));
    m.insert("answered".into(), json!(tally.answered()));
    if tally.not_counted > 0 {
        m.insert("not_counted".into(), json!(tally.not_counted));
    }
    m.insert("counts".into(), Value::Object(counts));
    m.insert("shares".into(), Value::Object(shares));
    m
}

/// The statistics for one set version and selection. `n` of an indicator is how many results
/// answered it; of a group, area or the total, how many answered anything in it. `shares` are
/// over the answered and sum to 1 (all 0 when nothing was answered).
pub fn stats_json(set: &IndicatorSet, c: &Comparison) -> Value {
    let scale = &c.scale;
    let counting = set.counting();
    let indicators: Vec<Value> = c
        .indicators
        .iter()
        .map(|i| {
            let mut m = Map::new();
            m.insert("id".into(), json!(i.id));
            m.insert("area".into(), json!(i.area));
            m.insert("group".into(), json!(i.group));
            m.extend(tally_json(scale, &counting, &i.tally));
            Value::Object(m)
        })
        .collect();
    let areas: Vec<Value> = c
        .areas
        .iter()
        .map(|a| {
            let mut m = Map::new();
            m.insert("id".into(), json!(a.id));
            m.extend(tally_json(scale, &counting, &a.tally));
            let groups: Vec<Value> = a
                .groups
                .iter()
                .map(|g| {
                    let mut gm = Map::new();
                    gm.insert("id".into(), json!(g.id));
                    gm.extend(tally_json(scale, &counting, &g.tally));
                    Value::Object(gm)
                })
                .collect();
            m.insert("groups".into(), json!(groups));
            Value::Object(m)
        })
        .collect();
    json!({
        "set": {"set": set.id, "version": set.version},
        "selection": c.selection.to_string(),
        "selection_label": {"sv": c.selection.label_sv(), "en": c.selection.label_en()},
        "n": c.n(),
        "kommuner": c.kommuner,
        "scale": scale,
        "total": Value::Object(tally_json(scale, &counting, &c.total)),
        "areas": areas,
        "indicators": indicators,
    })
}

/// Codes first (stable for scripts); the words a reader expects for them last, appended so no
/// earlier column moved (issue 22: "from-100k", "helt" where a reader expects the labels).
pub const CSV_HEADER: [&str; 24] = [
    "kommunkod",
    "kommun",
    "länskod",
    "län",
    "invånare",
    "storleksgrupp",
    "indikatoruppsättning",
    "version",
    "titel",
    "uppdaterad",
    "publicerad",
    "beslut",
    "område",
    "grupp",
    "indikator",
    "indikatortext",
    "svar",
    "kommentar",
    "belägg",
    "storleksgrupp_text",
    "indikatoruppsättning_namn",
    "område_namn",
    "grupp_namn",
    "svar_text",
];

/// One row per indicator of each result (long form, for pivot tables): UTF-8 with BOM, `;` as
/// separator, every field quoted, CRLF line ends. Free text that Excel would read as a formula
/// (starting with = + - @ or a tab/CR) gets a leading apostrophe.
pub fn csv(rows: &[PublishedRow], sets: &Sets) -> String {
    let mut out = String::from("\u{feff}");
    push_record(&mut out, CSV_HEADER.iter().map(|h| h.to_string()));
    for row in rows {
        let Ok(file) = serde_json::from_str::<ResultFile>(&row.body) else { continue };
        let k = kommun::by_code(&row.kommun_code);
        let common = [
            row.kommun_code.clone(),
            k.map(|k| k.name.clone()).unwrap_or_default(),
            row.lan_code.clone(),
            lan_name(&row.lan_code).unwrap_or_default().to_string(),
            row.population.to_string(),
            row.size_group.clone(),
            row.set.set.clone(),
            row.set.version.clone(),
            defuse(&file.title),
            file.updated.to_rfc3339(),
            row.published_at.clone(),
            defuse(file.approval.as_deref().unwrap_or_default()),
        ];
        let answer_fields = |id: &str| {
            let a = file.answers.get(id);
            [
                a.and_then(|a| a.answer.clone()).unwrap_or_default(),
                defuse(a.and_then(|a| a.comment.as_deref()).unwrap_or_default()),
                defuse(a.and_then(|a| a.evidence.as_deref()).unwrap_or_default()),
            ]
        };
        let size_text = SizeGroup::from_key(&row.size_group).map(|g| g.label_sv().to_string()).unwrap_or_default();
        let set = sets.get(&row.set);
        let labels = |area: &str, group: &str, id: &str| {
            let answer = file.answers.get(id).and_then(|a| a.answer.as_deref());
            [
                size_text.clone(),
                set.map(|s| s.name(Lang::Sv)).unwrap_or_default(),
                area.to_string(),
                group.to_string(),
                answer.and_then(|k| set?.option(k)).map(|o| o.label.sv.clone()).unwrap_or_default(),
            ]
        };
        match sets.get(&row.set) {
            Some(set) => {
                for p in set.placed() {
                    let fields = common.iter().cloned().chain([
                        p.area.id.clone(),
                        p.group.id.clone(),
                        p.indicator.id.clone(),
                        p.indicator.text.sv.clone(),
                    ]);
                    let words = labels(&p.area.title.sv, &p.group.title.sv, &p.indicator.id);
                    push_record(&mut out, fields.chain(answer_fields(&p.indicator.id)).chain(words));
                }
            }
            // A set version no longer loaded: the answers as stored, without places or texts.
            None => {
                for id in file.answers.keys() {
                    let fields = common.iter().cloned().chain([String::new(), String::new(), id.clone(), String::new()]);
                    push_record(&mut out, fields.chain(answer_fields(id)).chain(labels("", "", id)));
                }
            }
        }
    }
    out
}

fn push_record(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    }
    out.push_str("\r\n");
}

/// The domain's formula guard (`csv_export::defuse_formula`), the one rule for every CSV.
fn defuse(text: &str) -> String {
    blomlada_domain::csv_export::defuse_formula(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        let mut out = String::new();
        push_record(&mut out, ["a;b".to_string(), "say \"hi\"".to_string(), defuse("=1+1"), "rad1\nrad2".to_string()].into_iter());
        assert_eq!(out, "\"a;b\";\"say \"\"hi\"\"\";\"'=1+1\";\"rad1\nrad2\"\r\n");
        assert_eq!(defuse("Antagen"), "Antagen");
    }
}
