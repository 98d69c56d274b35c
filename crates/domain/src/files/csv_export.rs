//! An assessment as CSV that Excel with Swedish settings opens correctly: UTF-8 with a byte
//! order mark (else Excel reads Windows-1252 and å, ä, ö break), `;` as separator (Swedish
//! Excel's list separator, since `,` is the decimal comma), every field quoted, CRLF line ends.
//!
//! Written by hand rather than with the `csv` crate: the whole format is the four rules above
//! plus one guard (below), each pinned by a test, and the web app's WASM bundle and the shared
//! lock file stay free of one more dependency for twenty lines.
//!
//! The guard: Excel treats a cell that starts with `=`, `+`, `-` or `@` as a formula even when
//! quoted, so a comment like "- antagen 2019" shows as `#NAMN?` and a crafted comment in an
//! imported file could run a formula. Free-text fields that start so get a leading `'`, as
//! OWASP recommends for CSV injection.

use crate::answers::assessment::{Assessment, KommunRef};
use crate::language::text::Lang;
use crate::plans::plan_view::PlanView;
use crate::sets::catalog::SetRef;
use crate::sets::indicator_set::IndicatorSet;

pub const BOM: &str = "\u{feff}";
pub const SEPARATOR: char = ';';
pub const LINE_END: &str = "\r\n";

/// The column headings, in the order of [`assessment_csv`]'s columns: kommun, set version,
/// indicator id, area, group, indicator text, answer, comment, evidence link.
pub type Columns<'a> = [&'a str; 9];

/// One row per indicator of `set`, in the set's order, answered or not.
pub fn assessment_csv(set: &IndicatorSet, assessment: &Assessment, lang: Lang, columns: &Columns<'_>) -> String {
    let mut out = String::from(BOM);
    push_row(&mut out, columns.iter().map(|c| Field::Fixed(c)));
    // The set by its name ("eBlomlådan 2026"), as a reader expects, not its code.
    let set_version = set.name(lang);
    for placed in set.placed() {
        let id = placed.indicator.id.as_str();
        let response = assessment.response(id);
        let answer = response.and_then(|r| r.answer.as_deref()).map(|key| set.option(key).map_or(key, |o| o.label.get(lang))).unwrap_or("");
        let comment = response.map_or("", |r| r.comment.as_str());
        let evidence = response.and_then(|r| r.evidence.as_deref()).unwrap_or("");
        push_row(
            &mut out,
            [
                Field::Fixed(&assessment.kommun.name),
                Field::Fixed(&set_version),
                Field::Fixed(id),
                Field::Fixed(placed.area.title.get(lang)),
                Field::Fixed(placed.group.title.get(lang)),
                Field::Fixed(placed.indicator.text.get(lang)),
                Field::Fixed(answer),
                Field::Free(comment),
                Field::Free(evidence),
            ]
            .into_iter(),
        );
    }
    out
}

/// The column headings of [`plan_csv`]: kommun, set version, indicator id, area, indicator
/// text, answer now, target, target year, responsible, action, status.
pub type PlanColumns<'a> = [&'a str; 12];

/// The action plan as the plan page shows it (its grouping and order): one row per open gap,
/// then the rows planned without a target (target and year empty), so nothing typed is left out.
/// Responsible and action are the user's free text and get the formula guard.
pub fn plan_csv(set: &IndicatorSet, assessment: &Assessment, view: &PlanView, lang: Lang, columns: &PlanColumns<'_>) -> String {
    let mut out = String::from(BOM);
    push_row(&mut out, columns.iter().map(|c| Field::Fixed(c)));
    let set_version = set.name(lang);
    for row in view.rows().chain(&view.without_target) {
        let year = row.year.map(|y| y.to_string()).unwrap_or_default();
        push_row(
            &mut out,
            [
                Field::Fixed(&assessment.kommun.name),
                Field::Fixed(&set_version),
                Field::Fixed(&row.indicator_id),
                Field::Fixed(&row.area),
                // Six texts recur in every verksamhetsområde group: the group tells them apart.
                Field::Fixed(&row.group),
                Field::Fixed(&row.text),
                Field::Fixed(row.answer.as_deref().unwrap_or("")),
                Field::Fixed(&row.target),
                Field::Fixed(&year),
                Field::Free(&row.responsible),
                Field::Free(&row.action),
                Field::Fixed(row.status.map_or("", |s| s.label(lang))),
            ]
            .into_iter(),
        );
    }
    out
}

/// `blomlada-handlingsplan-orebro-eblomlada-2026-2026-11-23.csv`.
pub fn plan_file_name(kommun: &KommunRef, set: &SetRef, date: &str) -> String {
    crate::files::download_name::download_name(&["handlingsplan", &kommun.name, &set.set, &set.version, date], "csv")
}

/// A field's text, and whether it is the user's free text (which gets the formula guard).
enum Field<'a> {
    Fixed(&'a str),
    Free(&'a str),
}

fn push_row<'a>(out: &mut String, fields: impl Iterator<Item = Field<'a>>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(SEPARATOR);
        }
        let (text, guard) = match field {
            Field::Fixed(t) => (t, false),
            Field::Free(t) => (t, starts_like_formula(t)),
        };
        out.push('"');
        if guard {
            out.push('\'');
        }
        // Line breaks inside a quoted field stay as they are: Excel shows them within the cell.
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    }
    out.push_str(LINE_END);
}

fn starts_like_formula(text: &str) -> bool {
    matches!(text.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

/// The formula guard for free text in any CSV the project writes (here and the server's open
/// data): text that starts with `=`, `+`, `-`, `@`, a tab or a CR gets a leading `'`; other text
/// is written as it is. A reader that is not a spreadsheet sees the `'` as part of the cell.
pub fn defuse_formula(text: &str) -> std::borrow::Cow<'_, str> {
    if starts_like_formula(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::tests::new_assessment;
    use crate::answers::timestamp::Timestamp;
    use crate::sets::indicator_set::tests::sample;

    const COLUMNS: Columns<'static> =
        ["Kommun", "Indikatoruppsättning", "Indikator-id", "Område", "Grupp", "Indikator", "Svar", "Kommentar", "Underlag"];

    /// Reads the CSV back with the `csv` crate (a standard RFC 4180 reader, told only the `;`),
    /// to check that what was written parses to the cells meant: every row as long as the
    /// header, quotes, separators and line breaks inside cells kept.
    fn read(csv: &str) -> Vec<Vec<String>> {
        assert!(csv.starts_with(BOM), "starts with a BOM");
        assert!(csv.ends_with(LINE_END), "the last line ends with CRLF");
        let mut reader = ::csv::ReaderBuilder::new().delimiter(b';').has_headers(false).from_reader(csv.as_bytes());
        let rows: Vec<Vec<String>> =
            reader.records().map(|r| r.expect("a well-formed CSV record").iter().map(str::to_string).collect()).collect();
        assert!(!rows[0][0].starts_with(BOM), "the reader took the BOM as the BOM, not as text");
        rows
    }

    fn csv_with_comment(comment: &str) -> String {
        let set = sample();
        let mut a = new_assessment();
        a.answer(&set, "it.bredband", Some("delvis"), Timestamp(1)).unwrap();
        a.comment(&set, "it.bredband", comment, Timestamp(1)).unwrap();
        a.evidence(&set, "it.bredband", "https://orebro.se/a;b", Timestamp(1)).unwrap();
        assessment_csv(&set, &a, Lang::Sv, &COLUMNS)
    }

    #[test]
    fn starts_with_a_bom_and_ends_lines_with_crlf() {
        let csv = csv_with_comment("ok");
        assert!(csv.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
        assert!(csv.ends_with("\r\n"));
        assert_eq!(csv.matches("\r\n").count(), 1 + sample().indicator_count());
        assert_eq!(csv.matches('\n').count(), csv.matches("\r\n").count(), "no bare LF");
        assert!(csv.starts_with("\u{feff}\"Kommun\";\"Indikatoruppsättning\";"));
    }

    #[test]
    fn every_field_is_quoted_and_separated_by_semicolons() {
        let csv = csv_with_comment("ok");
        let rows = read(&csv);
        assert_eq!(rows[0], COLUMNS.to_vec());
        let row = rows.iter().find(|r| r[2] == "it.bredband").unwrap();
        assert_eq!(
            row,
            &[
                "Örebro",
                "Testuppsättning 1",
                "it.bredband",
                "IT",
                "IT",
                "Bredbandsstrategi",
                "Uppfyller delvis",
                "ok",
                "https://orebro.se/a;b"
            ]
        );
        let unanswered = rows.iter().find(|r| r[2] == "it.tvafaktor").unwrap();
        assert_eq!(unanswered[6], "", "an unanswered indicator has an empty answer");
        assert!(rows.iter().all(|r| r.len() == 9));
        for line in csv.trim_start_matches(BOM).split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.starts_with('"') && line.ends_with('"'), "{line}");
        }
    }

    #[test]
    fn semicolons_quotes_and_newlines_in_comments_survive() {
        let comment = "Beslut; se \"KS § 41\"\nrad två\r\nrad tre";
        let csv = csv_with_comment(comment);
        assert!(csv.contains("\"Beslut; se \"\"KS § 41\"\"\nrad två\r\nrad tre\""), "{csv}");
        let rows = read(&csv);
        assert_eq!(rows.len(), 1 + sample().indicator_count(), "the newlines stayed inside the field");
        assert_eq!(rows.iter().find(|r| r[2] == "it.bredband").unwrap()[7], comment);
    }

    #[test]
    fn comments_that_look_like_formulas_are_defused() {
        for comment in ["=HYPERLINK(\"http://x\")", "- antagen 2019", "+46", "@SUM(A1)", "\tTAB", "\r=1"] {
            let rows = read(&csv_with_comment(comment));
            assert_eq!(rows.iter().find(|r| r[2] == "it.bredband").unwrap()[7], format!("'{comment}"));
        }
        let rows = read(&csv_with_comment("Antagen = ja"));
        assert_eq!(rows.iter().find(|r| r[2] == "it.bredband").unwrap()[7], "Antagen = ja");
    }

    #[test]
    fn the_formula_guard_prefixes_only_what_a_spreadsheet_would_run() {
        for text in ["=1+1", "+46", "-1", "@SUM(A1)", "\t=1", "\r=1"] {
            assert_eq!(defuse_formula(text), format!("'{text}"));
        }
        for text in ["", "Antagen = ja", "46+", "'=1", "e-post"] {
            assert_eq!(defuse_formula(text), text);
        }
    }

    #[test]
    fn english_labels_where_the_set_has_them() {
        let set = sample();
        let mut a = new_assessment();
        a.answer(&set, "it.bredband", Some("helt"), Timestamp(1)).unwrap();
        let rows = read(&assessment_csv(&set, &a, Lang::En, &COLUMNS));
        let expected = set.option("helt").unwrap().label.get(Lang::En).to_string();
        assert_eq!(rows.iter().find(|r| r[2] == "it.bredband").unwrap()[6], expected);
    }

    #[test]
    fn the_plan_as_csv_has_one_row_per_open_gap_with_the_guard_on_free_text() {
        use crate::answers::plan::{PlanChange, PlanStatus};
        use crate::plans::plan_view::{plan_view, Grouping};
        let set = crate::sets::indicator_set::tests::sample_with_not_relevant();
        let mut a = new_assessment();
        let t = Timestamp(1);
        a.answer(&set, "it.bredband", Some("inte"), t).unwrap();
        a.change_plan(&set, "it.bredband", PlanChange::Target(Some("helt")), t).unwrap();
        a.change_plan(&set, "it.bredband", PlanChange::Year(Some(2027)), t).unwrap();
        a.change_plan(&set, "it.bredband", PlanChange::Responsible("-IT; drift"), t).unwrap();
        a.change_plan(&set, "it.bredband", PlanChange::Action("Upphandla \"fiber\"\nsteg 2"), t).unwrap();
        a.change_plan(&set, "it.bredband", PlanChange::Status(Some(PlanStatus::Pagar)), t).unwrap();
        a.answer(&set, "it.tvafaktor", Some("helt"), t).unwrap();
        a.change_plan(&set, "it.tvafaktor", PlanChange::Target(Some("helt")), t).unwrap(); // reached: not in the plan
        let view = plan_view(&set, &a, Grouping::Responsible, Lang::Sv);
        let columns =
            ["Kommun", "Uppsättning", "Id", "Område", "Grupp", "Indikator", "Svar nu", "Mål", "Målår", "Ansvarig", "Åtgärd", "Status"];
        let csv = plan_csv(&set, &a, &view, Lang::Sv, &columns);
        assert!(csv.starts_with(BOM) && csv.ends_with(LINE_END));
        let rows = read(&csv);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[1],
            vec![
                "Örebro",
                "Testuppsättning 1",
                "it.bredband",
                "IT",
                "IT",
                "Bredbandsstrategi",
                "Uppfyller inte",
                "Uppfyller helt",
                "2027",
                "'-IT; drift",
                "Upphandla \"fiber\"\nsteg 2",
                "Pågår"
            ]
        );
        let kommun = KommunRef { code: "1880".into(), name: "Örebro".into() };
        let set_ref = SetRef { set: "eblomlada".into(), version: "2026".into() };
        assert_eq!(plan_file_name(&kommun, &set_ref, "2026-11-30"), "blomlada-handlingsplan-orebro-eblomlada-2026-2026-11-30.csv");
    }
}
