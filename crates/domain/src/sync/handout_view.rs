//! What the hand-out pages show, worked out here so the pages only display it: the groups
//! chosen in the set's order, the set as a förvaltning's answering page shows it (just its
//! groups), and the review of a returned file (each conflict's two sides in words).

use std::collections::BTreeSet;

use crate::answers::timestamp::Timestamp;
use crate::files::result_file::ResultAnswer;
use crate::language::text::Lang;
use crate::sets::indicator_set::IndicatorSet;
use crate::sync::groups::GroupRef;
use crate::sync::handout::{HandoutFile, Merge};

/// The chosen groups in the set's reading order (the order a hand-out file lists them).
pub fn in_set_order(set: &IndicatorSet, chosen: &BTreeSet<GroupRef>) -> Vec<GroupRef> {
    set.areas.iter().flat_map(|a| a.groups.iter().map(move |g| GroupRef::new(&a.id, &g.id))).filter(|g| chosen.contains(g)).collect()
}

/// The groups' titles, "Skola (Tjänster)" where a group's title is in more than one area; a
/// group the set lacks by its key.
pub fn group_titles(set: &IndicatorSet, groups: &[GroupRef], lang: Lang) -> Vec<String> {
    groups
        .iter()
        .map(|g| {
            let (Some(area), Some(group)) = (set.areas.iter().find(|a| a.id == g.area), set.group(&g.area, &g.group)) else {
                return g.key();
            };
            let title = group.title.get(lang);
            let shared = set.areas.iter().flat_map(|a| &a.groups).filter(|other| other.title.get(lang) == title).count() > 1;
            if shared {
                format!("{title} ({})", area.title.get(lang))
            } else {
                title.to_string()
            }
        })
        .collect()
}

/// The set with only the given groups (areas left empty dropped): what the answering page of a
/// förvaltning's copy shows. Answers are checked against the full set as before; this only
/// narrows what is on screen.
pub fn restrict(set: &IndicatorSet, groups: &[GroupRef]) -> IndicatorSet {
    let mut narrowed = set.clone();
    for area in &mut narrowed.areas {
        let area_id = area.id.clone();
        area.groups.retain(|g| groups.iter().any(|r| r.area == area_id && r.group == g.id));
    }
    narrowed.areas.retain(|a| !a.groups.is_empty());
    narrowed
}

/// One side of a conflict in words: the answer's label on the set's scale, the comment, the link.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Said {
    pub answer: Option<String>,
    pub comment: Option<String>,
    pub evidence: Option<String>,
}

fn said(set: &IndicatorSet, answer: Option<&ResultAnswer>, lang: Lang) -> Said {
    let Some(a) = answer else { return Said::default() };
    Said {
        answer: a.answer.as_deref().map(|k| set.option(k).map_or_else(|| k.to_string(), |o| o.label.get(lang).to_string())),
        comment: a.comment.clone(),
        evidence: a.evidence.clone(),
    }
}

/// An indicator named for a person: its id and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub indicator: String,
    pub text: String,
}

/// One conflict as the review lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictRow {
    pub indicator: String,
    pub text: String,
    pub ours: Said,
    /// When our side was last changed, where the assessment knows it.
    pub ours_changed: Option<Timestamp>,
    pub theirs: Said,
}

/// The review of a returned hand-out: who answered and when, every conflict, what was taken
/// and what was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub recipient: String,
    pub returned: Option<Timestamp>,
    pub conflicts: Vec<ConflictRow>,
    pub taken: Vec<Named>,
    pub kept: Vec<Named>,
}

pub fn review(set: &IndicatorSet, merge: &Merge, returned: &HandoutFile, lang: Lang) -> Review {
    let text = |id: &str| set.find(id).map_or_else(|| id.to_string(), |p| p.indicator.text.get(lang).to_string());
    let named = |ids: &[String]| ids.iter().map(|id| Named { indicator: id.clone(), text: text(id) }).collect();
    Review {
        recipient: returned.recipient.clone(),
        returned: returned.returned,
        conflicts: merge
            .conflicts
            .iter()
            .map(|c| ConflictRow {
                indicator: c.indicator.clone(),
                text: text(&c.indicator),
                ours: said(set, c.ours.as_ref(), lang),
                // Conflicts are still ours in `merged`.
                ours_changed: merge.merged.response(&c.indicator).map(|r| r.updated),
                theirs: said(set, c.theirs.as_ref(), lang),
            })
            .collect(),
        taken: named(&merge.taken),
        kept: named(&merge.kept),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::tests::new_assessment;
    use crate::sets::indicator_set::tests::sample;
    use crate::sync::handout::{export, merge};

    #[test]
    fn chosen_groups_come_in_the_sets_order_and_restrict_the_set_to_them() {
        let set = sample();
        let chosen = BTreeSet::from([GroupRef::new("it", "it"), GroupRef::new("tjanster", "skola")]);
        let ordered = in_set_order(&set, &chosen);
        assert_eq!(ordered, vec![GroupRef::new("tjanster", "skola"), GroupRef::new("it", "it")]);
        let narrowed = restrict(&set, &ordered);
        let shown: Vec<String> = narrowed.placed().map(|p| p.indicator.id.clone()).collect();
        assert_eq!(shown, crate::sync::groups::indicators_of(&set, &ordered));
        assert!(narrowed.areas.iter().all(|a| !a.groups.is_empty()), "areas without a handed-out group are left out");
        assert!(narrowed.areas.len() < set.areas.len());
        assert_eq!(narrowed.scale, set.scale);
    }

    #[test]
    fn group_titles_name_the_area_where_a_title_is_shared() {
        let mut set = sample();
        let groups = [GroupRef::new("tjanster", "skola"), GroupRef::new("it", "it"), GroupRef::new("x", "y")];
        let plain = group_titles(&set, &groups, Lang::Sv);
        assert_eq!(plain[0], set.group("tjanster", "skola").unwrap().title.sv);
        assert_eq!(plain[1], set.group("it", "it").unwrap().title.sv);
        assert_eq!(plain[2], "x/y");
        // Two areas with a group of the same title (as "Skola" is in eBlomlådan).
        let shared = set.group("tjanster", "skola").unwrap().title.clone();
        let verksamhet = set.areas.iter_mut().find(|a| a.id == "verksamhet").unwrap();
        verksamhet.groups.iter_mut().find(|g| g.id == "skola").unwrap().title = shared.clone();
        let area = set.areas.iter().find(|a| a.id == "tjanster").unwrap().title.sv.clone();
        assert_eq!(group_titles(&set, &groups, Lang::Sv)[0], format!("{} ({area})", shared.sv));
    }

    #[test]
    fn the_review_words_each_side_of_a_conflict() {
        let set = sample();
        let mut ours = new_assessment();
        let groups = vec![GroupRef::new("tjanster", "skola"), GroupRef::new("it", "it")];
        ours.answer(&set, "tjanster.skola.gymnasium", Some("delvis"), Timestamp(1)).unwrap();
        let file = export(&ours, &set, &groups, "Utbildningsförvaltningen", Timestamp(2), "0").unwrap();
        let mut theirs = file.to_assessment("x".into(), Timestamp(3));
        theirs.answer(&set, "tjanster.skola.gymnasium", Some("helt"), Timestamp(4)).unwrap();
        theirs.comment(&set, "tjanster.skola.gymnasium", "Klart i höst", Timestamp(4)).unwrap();
        theirs.answer(&set, "it.bredband", Some("inte"), Timestamp(4)).unwrap();
        ours.answer(&set, "tjanster.skola.gymnasium", None, Timestamp(5)).unwrap();
        ours.answer(&set, "tjanster.skola.franvaro", Some("helt"), Timestamp(6)).unwrap();
        let back = file.answered(&set, &theirs, Timestamp(7));
        let m = merge(&ours, &back, &set, Timestamp(8)).unwrap();
        let r = review(&set, &m, &back, Lang::Sv);
        assert_eq!((r.recipient.as_str(), r.returned), ("Utbildningsförvaltningen", Some(Timestamp(7))));
        assert_eq!(r.conflicts.len(), 1);
        let c = &r.conflicts[0];
        let option = |key: &str| set.option(key).unwrap().label.sv.clone();
        assert_eq!(c.text, set.find("tjanster.skola.gymnasium").unwrap().indicator.text.sv);
        assert_eq!(c.ours, Said::default(), "we cleared it");
        assert_eq!(c.ours_changed, Some(Timestamp(5)));
        assert_eq!(c.theirs, Said { answer: Some(option("helt")), comment: Some("Klart i höst".into()), evidence: None });
        assert_eq!(r.taken.iter().map(|n| n.indicator.as_str()).collect::<Vec<_>>(), vec!["it.bredband"]);
        assert_eq!(r.kept.iter().map(|n| n.indicator.as_str()).collect::<Vec<_>>(), vec!["tjanster.skola.franvaro"]);
        assert_eq!(r.kept[0].text, set.find("tjanster.skola.franvaro").unwrap().indicator.text.sv);
    }
}
