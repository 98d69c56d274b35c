//! Moving assessments in and out of the browser: file names for exports, and the rules of
//! import (what counts as "already here", what a copy is called).

use crate::answers::assessment::{Assessment, KommunRef};
use crate::answers::carry_over::CarryOver;
use crate::answers::timestamp::Timestamp;
use crate::sets::catalog::{Catalog, SetRef};

/// `blomlada-orebro-eblomlada-2026-2026-11-23.json`: kommun, set, version, the day of export.
/// `date` is `YYYY-MM-DD` (see `Timestamp::date_iso`), `extension` without the dot.
pub fn export_file_name(kommun: &KommunRef, set: &SetRef, date: &str, extension: &str) -> String {
    crate::files::download_name::download_name(&[&kommun.name, &set.set, &set.version, date], extension)
}

/// An assessment already in this browser that an imported one would be taken for: the same
/// kommun, set version and title (a result file carries no browser id). Importing then asks.
pub fn find_conflict<'a>(existing: &'a [Assessment], incoming: &Assessment) -> Option<&'a Assessment> {
    existing.iter().find(|a| {
        a.id == incoming.id || (a.kommun.code == incoming.kommun.code && a.set == incoming.set && a.title.trim() == incoming.title.trim())
    })
}

/// A title for an imported copy that no assessment here has yet: "Titel (kopia)", "Titel (kopia 2)", …
pub fn copy_title(existing: &[Assessment], title: &str, suffix: &str) -> String {
    let taken = |t: &str| existing.iter().any(|a| a.title.trim() == t);
    let first = format!("{} {suffix}", title.trim());
    if !taken(&first) {
        return first;
    }
    let inner = suffix.trim_end_matches(')');
    (2..)
        .map(|n| if inner.len() < suffix.len() { format!("{} {inner} {n})", title.trim()) } else { format!("{first} {n}") })
        .find(|t| !taken(t))
        .expect("some number is free")
}

/// The other versions of `from`'s set that answers can be carried to: those the catalog has
/// a concordance with, in the catalog's order.
pub fn carry_targets(catalog: &Catalog, from: &SetRef) -> Vec<SetRef> {
    catalog
        .all_versions()
        .into_iter()
        .filter(|r| r.set == from.set && r.version != from.version)
        .filter(|r| catalog.concordance_between(&from.set, &from.version, &r.version).is_some())
        .collect()
}

/// The title of an assessment carried to another version: "Örebro – eBlomlådan 2014" becomes
/// "Örebro – eBlomlådan 2026"; a title that does not name the old version gets the new one.
pub fn carried_title(title: &str, from_version: &str, to_version: &str) -> String {
    let title = title.trim();
    match title.rfind(from_version).filter(|_| !from_version.is_empty()) {
        Some(at) => format!("{}{to_version}{}", &title[..at], &title[at + from_version.len()..]),
        None => format!("{title} – {to_version}"),
    }
}

/// A new assessment of `to` holding what `carry` brought over from `source` (an assessment of
/// another version of the same set). Review marks come with the carried responses; the
/// approval stays with the decision it belonged to; it has never been exported.
pub fn carried_assessment(source: &Assessment, to: &SetRef, carry: &CarryOver, id: String, now: Timestamp) -> Assessment {
    Assessment {
        id,
        title: carried_title(&source.title, &source.set.version, &to.version),
        kommun: source.kommun.clone(),
        population: source.population,
        set: to.clone(),
        created: now,
        updated: now,
        meta_updated: now,
        approval: None,
        responses: carry.responses(now),
        exported_at: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::tests::new_assessment;
    use crate::answers::timestamp::Timestamp;
    use crate::files::download_name::slug;

    #[test]
    fn every_kommun_has_a_plain_slug() {
        for k in crate::kommuner::kommun::all() {
            let s = slug(&k.name);
            assert!(!s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{} → {s}", k.name);
        }
    }

    #[test]
    fn file_names_name_kommun_set_version_and_date() {
        let a = new_assessment();
        let set = SetRef { set: "eblomlada".into(), version: "2026".into() };
        let date = Timestamp::parse_rfc3339("2026-11-23T10:00:00Z").unwrap().date_iso(60);
        assert_eq!(export_file_name(&a.kommun, &set, &date, "json"), "blomlada-orebro-eblomlada-2026-2026-11-23.json");
        assert_eq!(export_file_name(&a.kommun, &set, &date, "csv"), "blomlada-orebro-eblomlada-2026-2026-11-23.csv");
    }

    #[test]
    fn the_same_kommun_set_and_title_is_a_conflict() {
        let a = new_assessment();
        let mut incoming = a.clone();
        incoming.id = "other".into();
        let existing = vec![a.clone()];
        assert_eq!(find_conflict(&existing, &incoming).map(|x| x.id.as_str()), Some("a1"));
        incoming.title = "Värdering 2027".into();
        assert!(find_conflict(&existing, &incoming).is_none());
        incoming.title = a.title.clone();
        incoming.set.version = "2".into();
        assert!(find_conflict(&existing, &incoming).is_none(), "another set version is another assessment");
        let mut same_id = incoming.clone();
        same_id.id = "a1".into();
        assert!(find_conflict(&existing, &same_id).is_some());
    }

    #[test]
    fn carried_titles_name_the_new_version() {
        assert_eq!(carried_title("Örebro – eBlomlådan 2014", "2014", "2026"), "Örebro – eBlomlådan 2026");
        assert_eq!(carried_title("2014 års värdering, rev 2014", "2014", "2026"), "2014 års värdering, rev 2026");
        assert_eq!(carried_title("Vår värdering", "2014", "2026"), "Vår värdering – 2026");
    }

    #[test]
    fn carrying_over_makes_a_new_assessment_with_review_marks_and_no_loss() {
        use crate::answers::assessment::ReviewReason;
        use crate::answers::carry_over::{carry_over, CarryOutcome};
        use crate::sets::concordance::Concordance;
        use crate::sets::indicator_set::tests::{sample, SAMPLE};
        use crate::sets::indicator_set::IndicatorSet;

        let v1 = sample();
        // Version 2: "it.bredband" reworded in place, "it.tvafaktor" retired, "it.mfa" new.
        let v2_json = SAMPLE
            .replacen("\"version\": \"1\"", "\"version\": \"2\"", 1)
            .replace("\"Bredbandsstrategi\"", "\"Bredbandsstrategi antagen\"")
            .replace("\"it.tvafaktor\"", "\"it.mfa\"");
        let v2 = IndicatorSet::parse(&v2_json, "v2.json").unwrap();
        let same = ["tjanster.skola.gymnasium", "tjanster.skola.franvaro", "tjanster.omsorg.larm", "verksamhet.skola.utvecklat"]
            .map(|id| format!(r#"{{"kind": "same", "from": ["{id}"], "to": ["{id}"]}}"#))
            .join(",");
        let conc_json = format!(
            r#"{{"format": 1, "set": "test", "from": "1", "to": "2", "mappings": [{same},
                {{"kind": "reworded", "from": ["it.bredband"], "to": ["it.bredband"]}},
                {{"kind": "removed", "from": ["it.tvafaktor"], "to": []}},
                {{"kind": "new", "from": [], "to": ["it.mfa"]}}]}}"#
        );
        let conc = Concordance::parse(&conc_json, "c.json").unwrap();
        conc.validate("c.json", &v1, &v2).unwrap();

        let mut a = new_assessment();
        a.title = "Örebro – test 1".into();
        a.answer(&v1, "tjanster.skola.gymnasium", Some("helt"), Timestamp(1)).unwrap();
        a.answer(&v1, "it.bredband", Some("delvis"), Timestamp(1)).unwrap();
        a.comment(&v1, "it.bredband", "Antagen 2019", Timestamp(1)).unwrap();
        a.answer(&v1, "it.tvafaktor", Some("inte"), Timestamp(1)).unwrap();
        a.set_approval("KS 2020-01-01 § 1", Timestamp(1)).unwrap();
        a.mark_exported(Timestamp(2));

        let carry = carry_over(&v1, &v2, &conc, &a.responses).unwrap();
        let to = SetRef { set: "test".into(), version: "2".into() };
        let b = carried_assessment(&a, &to, &carry, "b".into(), Timestamp(100));
        assert_eq!((b.id.as_str(), b.title.as_str(), &b.set), ("b", "Örebro – test 2", &to));
        assert_eq!((b.approval.clone(), b.exported_at, b.created), (None, None, Timestamp(100)));
        assert_eq!(b.answer_of("tjanster.skola.gymnasium"), Some("helt"));
        assert!(b.response("tjanster.skola.gymnasium").unwrap().review.is_none(), "the same indicator needs no review");
        let reworded = b.response("it.bredband").unwrap();
        assert_eq!((reworded.answer.as_deref(), reworded.comment.as_str()), (Some("delvis"), "Antagen 2019"), "the answer is kept");
        assert_eq!(reworded.review.as_ref().map(|r| r.reason), Some(ReviewReason::Reworded));
        assert_eq!(b.response("it.mfa").and_then(|r| r.review.as_ref()).map(|r| r.reason), Some(ReviewReason::FreshAnswer));
        assert_eq!(carry.count(CarryOutcome::CarriedForReview), 1);
        assert_eq!(carry.dropped.len(), 1, "the retired indicator's answer is reported, not silently lost");
        assert_eq!(carry.dropped[0].indicator, "it.tvafaktor");
        assert!(b.needs_export());
        // What was carried over survives a result file round trip, review marks and all.
        let json = crate::files::result_file::ResultFile::from_assessment(&b, "0").to_json();
        let (file, _) = crate::files::result_file::ResultFile::parse(json.as_bytes(), |_| Some(&v2)).unwrap();
        assert_eq!(file.to_assessment("c".into(), Timestamp(5)).response("it.bredband").unwrap().review, reworded.review);
    }

    #[test]
    fn carry_targets_are_versions_with_a_concordance() {
        let index = r#"{"format": 1, "default": {"set": "e", "version": "2026"},
          "sets": [{"id": "e", "title": {"sv": "E"},
            "versions": [{"version": "2014", "file": "e/2014.json"}, {"version": "2026", "file": "e/2026.json"}, {"version": "2028", "file": "e/2028.json"}],
            "concordances": [{"from": "2014", "to": "2026", "file": "e/2014-2026.json"}]}]}"#;
        let catalog = Catalog::parse(index, "index.json").unwrap();
        let r = |v: &str| SetRef { set: "e".into(), version: v.into() };
        assert_eq!(carry_targets(&catalog, &r("2014")), vec![r("2026")]);
        assert_eq!(carry_targets(&catalog, &r("2026")), vec![r("2014")]);
        assert!(carry_targets(&catalog, &r("2028")).is_empty());
    }

    #[test]
    fn copies_get_a_free_title() {
        let mut a = new_assessment();
        let mut existing = vec![a.clone()];
        assert_eq!(copy_title(&existing, &a.title, "(kopia)"), "Värdering 2026 (kopia)");
        a.title = "Värdering 2026 (kopia)".into();
        existing.push(a.clone());
        assert_eq!(copy_title(&existing, "Värdering 2026", "(kopia)"), "Värdering 2026 (kopia 2)");
        a.title = "Värdering 2026 (kopia 2)".into();
        a.updated = Timestamp(3);
        existing.push(a);
        assert_eq!(copy_title(&existing, "Värdering 2026", "(kopia)"), "Värdering 2026 (kopia 3)");
        assert_eq!(copy_title(&existing, "Värdering 2026", "copy"), "Värdering 2026 copy");
    }
}
