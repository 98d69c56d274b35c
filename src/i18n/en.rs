use blomlada_domain::number_format;
use blomlada_domain::offline_results::SnapshotError;
use blomlada_domain::result_file::{ResultFileError, OLDEST_RESULT_FORMAT_VERSION, RESULT_FORMAT, RESULT_FORMAT_VERSION};
use blomlada_domain::Lang;

use super::Texts;

pub static EN: Texts = Texts {
    // --- Frame
    app_name: "Blomlådan",
    app_tagline: "Municipal digital maturity – self-assessment and comparison",
    skip_to_content: "Skip to content",
    nav_label: "Main menu",
    nav_start: "My assessments",
    language_switch: "På svenska",
    loading: "Loading …",
    page_loading: "Fetching the page …",
    page_load_failed: "The page could not be fetched. Check the connection and try again; your assessments are still in the browser.",
    page_load_retry: "Try again",
    not_found_title: "Page not found",
    not_found_body: "This address does not lead to a page in Blomlådan.",
    back_to_start: "To my assessments",
    indicators_failed: "The indicator set could not be read",
    save_failed_full: "The browser's storage is full. Your latest changes are still in this window but not saved. Export the assessment to a file or free some space; they are saved with your next change.",
    save_failed_other: "The change could not be saved in the browser. It is still in this window; export the assessment to a file to be safe.",
    merged_from_other_tab: "The assessment was changed in another tab. The changes were merged – no answer was lost.",
    unreadable_title: "Saved data that cannot be read",
    unreadable_body: "Blomlådan found saved data it cannot read. It has not been changed or overwritten. Download it and keep the file before you remove it.",
    newer_format_body: |v| format!("Data saved by a newer version of Blomlådan (format {v}). Open it with that version; this one leaves it alone."),
    download_raw: "Download data",
    remove_raw: "Remove from the browser",
    confirm_remove_raw: "Remove the unreadable data from the browser? Have you downloaded it?",
    dismiss: "Close",
    assessment_nav_label: "This assessment",
    tab_answers: "Answer",
    tab_report: "Report",
    tab_compare: "Compare",

    // --- Start page
    start_title: "My assessments",
    start_intro: "Assess your municipality's digital maturity indicator by indicator. Everything is saved in this browser as you go.",
    my_assessments: "Saved assessments",
    no_assessments: "You have no assessments yet.",
    new_assessment: "New assessment",
    col_kommun: "Municipality",
    col_set: "Indicators",
    col_title: "Title",
    col_progress: "Answered",
    col_updated: "Last changed",
    col_actions: "Actions",
    duplicate: "Copy",
    duplicate_title_suffix: "(copy)",
    rename: "Rename",
    rename_label: "New name",
    save: "Save",
    cancel: "Cancel",
    delete: "Delete",
    confirm_delete: |t| format!("Delete the assessment “{t}”? You can undo right afterwards. Export it first if you want to keep a copy."),
    deleted_notice: |t| format!("The assessment “{t}” was deleted."),
    undo: "Undo",
    actions_for: |t| format!("Actions for {t}"),

    // --- New assessment
    new_title: "New assessment",
    kommun_label: "Municipality",
    kommun_search_hint: "Type part of the name, e.g. “öre” for Örebro.",
    kommun_no_match: "No municipality matches.",
    kommun_matches: |n| format!("{n} municipalities match"),
    kommun_chosen: |k| format!("Chosen municipality: {k}"),
    set_label: "Indicator set",
    set_default_marker: "(recommended)",
    title_label: "Title",
    title_default: |kommun, version| format!("{kommun} – eBlomlådan {version}"),
    population_label: "Population",
    population_hint: "Used to compare with municipalities of similar size.",
    population_invalid: "Enter the population as a whole number from 1 to 10,000,000.",
    create: "Create assessment",
    choose_kommun_first: "Choose a municipality from the list first.",

    // --- Assessment page
    progress_total: |a, t| format!("{a} of {t} indicators answered"),
    progress_group: |a, t| format!("{a} of {t} answered"),
    next_unanswered: "Next unanswered",
    all_answered: "All indicators are answered.",
    groups_nav: "Areas and groups",
    comment_label: "Comment",
    evidence_label: "Link to evidence (public)",
    evidence_hint: "For example the service's address or a decision on the web.",
    evidence_invalid: link_error_en,
    clear_answer: "Clear the answer",
    source_label: "Source",
    reference_label: |label, share| format!("{label}: {share} fully met"),
    assessment_missing: "The assessment does not exist in this browser.",
    to_summary: "Summary",
    to_answers: "Answer the indicators",
    details_label: "About this assessment",
    approval_label: "Decision (optional)",
    approval_hint: "For example “KS 2026-03-04 § 41”.",
    text_too_long: "The text is too long.",

    // --- Summary page
    summary_title: "Summary",
    summary_intro: "Number of indicators per answer, per area and group.",
    col_area_group: "Area / group",
    col_unanswered: "Unanswered",
    col_total: "Total",
    total_row: "Total",

    // --- Flower box (overview)
    overview_title: "The flower box",
    overview_intro: "The picture shows the assessment: one flower per target group with one petal per indicator; the grass is business development and the soil IT as an enabler. Green is fully met, amber (striped) partly, red (checked) not met, light grey not answered.",
    to_overview: "Flower box",
    fb_show: "Show",
    fb_own: "Our assessment",
    fb_targets: "Flowers, bars and tiles in the picture",
    fb_flower: "Flower",
    fb_bar: "Bar",
    fb_tile: "Tile",
    fb_choose_hint: "Choose a flower, bar or tile to see its indicators.",
    fb_download_png: "Download picture (PNG)",
    fb_download_svg: "Download picture (SVG)",
    fb_print: "Print",
    fb_table_caption: "The numbers in the flower box",
    fb_col_group: "Area / group",
    fb_col_unanswered: "Not answered",
    fb_col_no_answer: "No answer or no data",
    fb_col_indicators: "Indicators",
    fb_close: "Close",
    fb_in_group: |g| format!("Group: {g}"),
    fb_comparison: |label| format!("Comparison: {label}"),
    fb_with_data: |k, n| format!("{k} of {n} with data"),

    // --- Export, import, report, offline
    export_group: "Export and print",
    export_json: "Export to file (JSON)",
    export_short: "Export",
    export_csv: "Export for Excel (CSV)",
    csv_columns: ["Municipality", "Indicator set", "Indicator id", "Area", "Group", "Indicator", "Answer", "Comment", "Evidence"],
    to_report: "Printable report",
    only_here_badge: "Only in this browser",
    only_here_body: "The changes since the last export exist only in this browser. Export the assessment to a file and keep it, for example on a shared drive, so that a copy survives if the browser's data is cleared.",
    last_exported: |d| format!("Last exported {d}."),
    delete_unexported: "The assessment has changed since it was last exported and exists only in this browser. Export it first if you may want it back later.",
    export_first: "Export first",
    import_link: "Import from file",
    import_title: "Import an assessment",
    import_intro: "Choose a result file (.json) exported from Blomlådan, or drop it here. The file becomes a new assessment in this browser; nothing already saved is changed or overwritten.",
    import_choose: "Choose result file",
    import_drop: "… or drop the file here",
    import_reading: "Reading the file …",
    import_refused: |name| format!("The file “{name}” could not be imported"),
    import_nothing_changed: "Nothing already saved has changed.",
    import_more_errors: |n| format!("… and {n} more problems of the same kind."),
    import_error: import_error_en,
    import_unreadable_file: "The browser could not read the file.",
    import_check_title: "Check before importing",
    import_answered: |a, t| format!("{a} of {t} indicators answered"),
    import_button: "Import",
    import_conflict: |title, date| format!("There is already an assessment with the same municipality, indicator set and title: “{title}”, last changed {date}. It will not be overwritten. Import the file as a new copy beside it?"),
    import_as_copy: "Import as a new copy",
    import_other_file: "Choose another file",
    import_version_label: "Import into version",
    import_version_as_file: |v| format!("{v}, as in the file"),
    import_version_carry: |v| format!("{v}, carrying the answers over by the concordance between the versions"),
    carry_over_title: |from, to| format!("From version {from} to {to}"),
    carry_kept: |n| format!("{n} answers carry over unchanged"),
    carry_reworded: |n| format!("{n} indicators were reworded: the answer is kept and marked for review"),
    carry_fresh: |n| format!("{n} indicators are new or changed and need fresh answers (earlier answers are shown for reference)"),
    carry_dropped: |n| format!("{n} indicators no longer exist in the new version: their answers do not come along, but stay in the file and the original"),
    carry_no_concordance: |from, to| format!("There is no concordance between version {from} and {to}, so the answers cannot be carried over."),
    duplicate_to_version: |v| format!("Copy to version {v}"),
    carry_nothing: |n| format!("{n} indicators had no answer to carry over"),
    carry_show: "Show which",
    carry_failed: "The answers cannot be carried over",
    copy_intro: |t| format!("The answers in “{t}” are carried over to a new assessment by the concordance between the versions. The original is not changed."),
    copy_new_title: "Title of the new assessment",
    copy_create: "Create the copy",
    review_reworded: |v| format!("Reworded since version {v}: the answer was carried over. Does it still hold?"),
    review_fresh: |v| format!("New or changed since version {v}: needs a fresh answer."),
    review_earlier: "Earlier:",
    mark_reviewed: "Mark as reviewed",
    review_count: |n| format!("{n} indicators need review after carrying answers over from another version."),
    next_review: "Next to review",
    report_title: "Report",
    report_print: "Print / Save as PDF",
    report_date: "Date of report",
    report_updated: "Last changed",
    report_approval: "Decision",
    report_flower_box: "The flower box",
    report_summary: "Summary by area and group",
    report_indicators: "All indicators with answers and comments",
    col_indicator: "Indicator",
    col_answer: "Answer",
    col_evidence: "Evidence",
    col_reference: |label| format!("{label}, fully met"),
    not_answered: "Not answered",
    needs_review: "Needs review",
    document_title_report: |kommun, title| format!("{kommun} – {title} – Blomlådan"),

    // --- Action plan (issue 13): target editor, plan page, follow-up, target view, publishing
    tab_plan: "Action plan",
    plan_legend: "Target and action plan",
    plan_target: "Target",
    plan_no_target: "No target",
    plan_year: "Target year",
    plan_status: "Status",
    plan_no_status: "Not given",
    plan_responsible: "Responsible (department or role)",
    plan_action: "Planned action",
    plan_error: |e| e.to_string(),
    plan_gap_reached: "The target is reached.",
    plan_gap_steps: |n| if n == 1 { "One step to the target.".to_string() } else { format!("{n} steps to the target.") },
    plan_gap_unanswered: "The indicator is not answered yet; the target counts as not reached.",
    plan_gap_not_relevant: "Answered as not relevant: the target does not apply.",
    plan_title: "Action plan",
    plan_intro: "The indicators whose target is above the current answer, with responsible, action and status. Targets are set at each indicator under “Comment and link”.",
    plan_grouping_legend: "Group by",
    plan_group_responsible: "Responsible",
    plan_group_area: "Area",
    plan_group_year: "Target year",
    plan_download_csv: "Download the action plan (CSV for Excel)",
    plan_csv_columns: ["Municipality", "Indicator set", "Indicator id", "Area", "Indicator", "Answer now", "Target", "Target year", "Responsible", "Action", "Status"],
    plan_col_indicator: "Indicator",
    plan_col_area: "Area",
    plan_col_group: "Group",
    plan_col_now: "Answer now",
    plan_col_gap: "Gap",
    plan_col_with_target: "With target",
    plan_col_open: "Open gaps",
    plan_no_responsible: "No responsible given",
    plan_no_year: "No target year given",
    plan_section_caption: |heading, n| format!("{heading}: {n} indicators"),
    plan_steps_short: |n| format!("{n} steps"),
    plan_gap_unanswered_short: "not answered",
    plan_totals: |with, open, reached, not_relevant| {
        let mut s = format!("{with} indicators have a target: {open} are above the current answer (open gaps), {reached} are reached");
        if not_relevant > 0 {
            s.push_str(&format!(", {not_relevant} are answered as not relevant"));
        }
        s + "."
    },
    plan_areas_caption: "Targets and open gaps per area",
    plan_empty: "No open gaps: no target is above the current answer.",
    follow_up_title: "Follow-up of the previous assessment's targets",
    follow_up_intro: |n| format!("{n} targets came along when the assessment was copied. This is how they went:"),
    follow_up_reached: "reached",
    follow_up_missed: "missed",
    follow_up_moved: "moved",
    follow_up_not_yet_due: "not yet due",
    follow_up_col_earlier_target: "Target then",
    follow_up_col_answer_then: "Answer then",
    follow_up_col_target_now: "Target now",
    follow_up_col_outcome: "Outcome",
    follow_up_table_label: "Outcome per indicator",
    fb_view_legend: "Picture",
    fb_view_now: "Now",
    fb_view_targets: "Now and targets",
    fb_target_col: |label| format!("Target: {label}"),
    fb_targets_caption: "Targets and gaps per group",
    fb_col_reached: "Reached",
    publish_include_targets: "Also publish targets (answer and target year per indicator)",
    publish_include_targets_hint: "Responsible, action and status are never published. Unticked, no targets are published.",
    publish_field_targets: |n| if n == 0 { "None".to_string() } else { format!("{n} targets") },
    report_plan_heading: "Action plan",
    // --- Publish and compare
    publish_title: "Publish the result",
    publish_intro: "When the assessment is done, the kommun can publish its result. It then becomes open data that other kommuner, regions, researchers and journalists can compare with. A new result replaces the previous one, which stays as history.",
    to_publish: "Publish",
    to_compare: "Compare with other kommuner",
    publish_status_heading: "Published now",
    publish_status_none: "The kommun has no published result for this version of the indicators.",
    publish_status_current: |title, date| format!("Published {date}: “{title}”."),
    publish_status_history: |n| if n == 1 { "1 earlier result is kept as history.".to_string() } else { format!("{n} earlier results are kept as history.") },
    publish_status_unreachable: "The publishing server cannot be reached right now.",
    publish_public_heading: "This becomes public",
    publish_public_note: "Everything below is published: answers, comments and evidence links. Anyone can read, download and compare it. Do not write anything in the comments that may not become public.",
    publish_field_kommun: "Kommun",
    publish_field_population: "Population",
    publish_field_set: "Indicators",
    publish_field_title: "Title",
    publish_field_approval: "Decision",
    publish_field_answered: |n, total| format!("{n} of {total}"),
    publish_field_comments: "Comments and links",
    publish_comment_count: |c, l| format!("{c} comments, {l} links"),
    publish_missing_value: "missing",
    publish_all_answers: "All answers to be published",
    publish_col_indicator: "Indicator",
    publish_col_answer: "Answer",
    publish_col_link: "Evidence link",
    publish_not_answered: "Not answered",
    publish_blocked_heading: "This needs fixing before the result can be published",
    publish_needs_population: "The population is missing. It is needed to compare the result with kommuner of the same size.",
    publish_unanswered: |n| if n == 1 { "1 indicator is not answered. Every indicator needs an answer.".to_string() } else { format!("{n} indicators are not answered. Every indicator needs an answer.") },
    publish_check_failed: |detail| format!("The assessment holds something that cannot be published ({detail})."),
    publish_fix_link: "To the assessment",
    publish_token_label: "The kommun's publishing token",
    publish_token_hint: "The kommun gets the token from whoever runs the Blomlådan server. It is not stored in the browser and is only sent when you publish.",
    publish_button: "Publish",
    publish_sending: "Sending …",
    withdraw_button: "Remove published result",
    confirm_withdraw: "Remove the kommun's published result for this version of the indicators? It will no longer show in lists and comparisons. The assessment in this browser is not affected.",
    publish_done_created: "The result is published.",
    publish_done_unchanged: "Exactly this result was already published. Nothing changed.",
    withdraw_done: "The published result has been removed.",
    withdraw_nothing: "There was no published result to remove.",
    publish_err_token: "The token is wrong or has been revoked. Check that it was pasted correctly.",
    publish_err_other_kommun: "The token belongs to another kommun than the assessment's.",
    publish_err_too_large: "The result is too large to publish (the limit is 1 MB). Shorten the longest comments.",
    publish_err_invalid: "The server did not accept the result:",
    publish_err_too_many: |s| format!("Too many attempts with a wrong token. Wait {s} seconds and try again."),
    publish_err_network: "The server cannot be reached. Check the connection and try again; the assessment stays in this browser.",
    publish_err_server: |code| format!("The server answered with an error ({code}). Try again later."),
    compare_title: "Compare with other kommuner",
    compare_intro: "Your assessment next to the published results for the same version of the indicators. Shares are counted among the answers given; n is the number of kommuner.",
    compare_with: "Compare with",
    compare_all: "All kommuner that have published",
    compare_size_group: |g| format!("Kommuner with {g}"),
    compare_size_group_missing: "Kommuner of the same size (enter the population in the assessment)",
    compare_lan: |lan| format!("Kommuner in {lan}"),
    compare_list: "Kommuner I choose",
    compare_list_empty: "No kommuner chosen yet. Search and choose kommuner above.",
    compare_remove: |name| format!("Remove {name} from the comparison"),
    compare_n: |n| if n == 1 { "1 kommun in the comparison.".to_string() } else { format!("{n} kommuner in the comparison.") },
    compare_n_title: "number of kommuner",
    compare_none: "No published results in this selection yet.",
    compare_mine: "My assessment",
    compare_caption: |label, n| format!("My assessment compared with {label} (n = {n})"),
    compare_col_answer: "My answer",
    compare_col_share: |option, label| format!("Share “{}”: {label}", option.to_lowercase()),
    compare_by_indicator: "Indicator by indicator",
    compare_failed: "The published results could not be fetched",
    compare_box_title: "The flower box of the selection",
    compare_box_intro: "Each petal, bar and tile shows how the kommuner in the selection answered. The table below the picture has the same numbers.",
    compare_box_label: |label, n| format!("Selection: {label} (n = {n})"),
    compare_col_who: "Who fulfils it?",
    compare_who: |n| if n == 1 { "Who fulfils it? (1 kommun)".to_string() } else { format!("Who fulfils it? ({n} kommuner)") },
    compare_who_none: "No one in the selection",
    compare_who_no_link: "no evidence link",
    compare_own_title: "My assessments over time",
    compare_own_intro: "The kommun's other assessments in this browser next to this one, per area and group. Between versions of the indicators only the indicators that correspond are compared; the shares are counted among them.",
    compare_own_none: "There are no other assessments of this kommun with these indicators in this browser.",
    compare_own_caption: |this, other| format!("{this} next to {other}"),
    compare_own_comparable: |n, m| format!("{n} of {m} indicators comparable."),
    compare_own_no_concordance: "There is no concordance between the versions, so the assessments cannot be compared.",
    compare_own_this: "This assessment",
    compare_source: "Where do the published results come from?",
    compare_source_server: "Blomlådan's server",
    compare_source_snapshot: "Open data copy (snapshot)",
    compare_source_files: "Result files",
    compare_failed_hint: "Without the server you can compare with an open data copy or with result files; choose above.",
    compare_snapshot_url: "Address of the open data copy",
    compare_snapshot_hint: "The folder the command blomlada-server snapshot wrote, on any website, for example https://data.example.se/blomlada. The address is saved in this browser.",
    compare_snapshot_read: "Read the copy",
    compare_snapshot_pending: "Enter the address of an open data copy and choose “Read the copy”.",
    compare_snapshot_reading: |url| format!("Reading {url} …"),
    compare_snapshot_read_ok: |n, url| if n == 1 { format!("1 published result read from {url}.") } else { format!("{n} published results read from {url}.") },
    compare_snapshot_error: snapshot_error_en,
    compare_files_choose: "Choose result files",
    compare_files_hint: "Choose or drop one or more Blomlådan result files. They are not saved, only used for the comparison on this page. Only files of this assessment's indicator version count, and one file per kommun: a later file for the same kommun replaces the earlier one.",
    compare_files_none: "No result files chosen yet.",
    compare_files_reading: "Reading the files …",
    compare_files_used: |n| if n == 1 { "1 result file is used in the comparison:".to_string() } else { format!("{n} result files are used in the comparison:") },
    compare_files_other_version: |n| if n == 1 { "1 file is for another version of the indicators and does not count.".to_string() } else { format!("{n} files are for another version of the indicators and do not count.") },
    compare_files_replaced: |kommun, earlier, later| format!("{later} replaces {earlier}: one file per kommun ({kommun}), the one chosen last counts."),
    compare_files_refused: |n| if n == 1 { "1 file could not be used".to_string() } else { format!("{n} files could not be used") },
    compare_files_clear: "Remove the chosen files",
    // Answering page, compact (issue 10)
    indicator_details: "Comment and link",
    indicator_details_filled: "(filled in)",
};

/// Why an open-data snapshot could not be read, naming the address.
fn snapshot_error_en(error: &SnapshotError) -> String {
    match error {
        SnapshotError::BadUrl(url) => format!("“{url}” is not a web address. Enter the full address of the copy's folder, starting with https:// (or http://)."),
        SnapshotError::Unreachable { url, detail } => format!(
            "The open data copy could not be read from {url}: no answer. Either the site cannot be reached (no connection or a wrong address), or security rules stop the request: the site does not let other sites read its files (CORS), or this site only allows requests to itself (CSP). (Technical: {detail}.)"
        ),
        SnapshotError::Status { url, status } => format!(
            "The open data copy could not be read from {url}: the site answered with HTTP status {status}. Check that the address is the folder blomlada-server snapshot wrote."
        ),
        SnapshotError::NotJson { url, detail } => format!("What is at {url} is not JSON, so it is not an open data copy from Blomlådan. (Technical: {detail}.)"),
        SnapshotError::BadShape { url, path, message } => format!(
            "The file at {url} is JSON but not shaped like the results of a Blomlådan open data copy (wrong at “{path}”). (Technical: {message}.)"
        ),
        SnapshotError::OtherSet { url, set, version } => format!("The file at {url} is for indicator set “{set}” version “{version}”, not this assessment's."),
    }
}

/// What is wrong with a result file, in English.
fn import_error_en(error: &ResultFileError) -> String {
    use ResultFileError::*;
    match error {
        TooLarge { size, limit } => format!(
            "The file is too large ({} bytes). A Blomlådan result file is at most {} bytes (1 MB); choose the right file.",
            number_format::integer(*size as u64, Lang::En),
            number_format::integer(*limit as u64, Lang::En)
        ),
        NotJson(detail) => format!("The file is not JSON, so it cannot be a Blomlådan result file. (Technically: {detail}.)"),
        NotAResultFile(Some(format)) => format!("The file is JSON but not a Blomlådan result file: its “format” is “{format}”, not “{RESULT_FORMAT}”."),
        NotAResultFile(None) => format!("The file is JSON but not a Blomlådan result file: the field “format” with the value “{RESULT_FORMAT}” is missing."),
        MissingFormatVersion => "The file has no format version (the field “format_version”), so it cannot be read safely.".to_string(),
        UnsupportedFormatVersion(v) => format!(
            "The file has format version {v}, but this version of Blomlådan reads format versions {OLDEST_RESULT_FORMAT_VERSION}–{RESULT_FORMAT_VERSION}. The file probably comes from a newer Blomlådan."
        ),
        BadShape { path, message } => format!("The file's content has the wrong shape at “{path}”. (Technically: {message}.)"),
        UnknownSet { set, version } => format!("The indicator set “{set}” version “{version}” does not exist in this Blomlådan."),
        UnknownKommun(code) => format!("The municipality code “{code}” is not one of Sweden's 290 municipalities (Statistics Sweden's four-digit codes)."),
        KommunNameMismatch { code, expected, given } => format!("Municipality code {code} is {expected}, but the file calls it “{given}”."),
        BadPopulation => "The population in the file must be a whole number from 1 to 10,000,000.".to_string(),
        UnknownIndicator(id) => format!("The indicator “{id}” does not exist in this version of the indicator set."),
        BadAnswer { indicator, answer, allowed } => format!(
            "The indicator “{indicator}” has the answer “{answer}”, which is not on the answer scale. Allowed answers: {allowed}."
        ),
        TooLong { field, limit } => format!("{} is longer than {} characters.", field_en(field), number_format::integer(*limit as u64, Lang::En)),
        BadCharacter { field, code } => format!(
            "{} contains a character that is not allowed (U+{code:04X}): control characters and characters that reverse the text direction can make text show something other than it says.",
            field_en(field)
        ),
        BadEvidenceLink { indicator, problem } => {
            format!("The evidence link of the indicator “{indicator}” cannot be used: {}", link_error_en(problem))
        }
        // Issue 13 (action plan): a broken target, year or plan text in a file.
        BadPlan { indicator, problem } => format!("The action plan of the indicator “{indicator}” cannot be read: {problem}."),
    }
}

fn field_en(field: &str) -> String {
    if let Some(id) = field.strip_prefix("comment of ") {
        format!("The comment on the indicator “{id}”")
    } else if let Some(id) = field.strip_prefix("evidence of ") {
        format!("The evidence link of the indicator “{id}”")
    } else if let Some(id) = field.strip_prefix("review of ") {
        format!("The review note of the indicator “{id}”")
    } else if let Some(id) = field.strip_prefix("responsible of ") {
        format!("The responsible for the indicator “{id}”")
    } else if let Some(id) = field.strip_prefix("action of ") {
        format!("The action for the indicator “{id}”")
    } else if let Some(id) = field.strip_prefix("plan of ") {
        format!("The action plan of the indicator “{id}”")
    } else {
        match field {
            "title" => "The title".to_string(),
            "app_version" => "The app version (the field “app_version”)".to_string(),
            "approval" => "The decision".to_string(),
            other => format!("The field “{other}”"),
        }
    }
}

/// Why a link is no evidence link, as a sentence.
fn link_error_en(e: &blomlada_domain::web_link::LinkError) -> String {
    use blomlada_domain::web_link::LinkError::*;
    match e {
        NotWeb => "The link must start with https:// or http://.".to_string(),
        Whitespace => "The link must not contain spaces.".to_string(),
        UserInfo => {
            "The link has a name before the address (name@address) and would go to the part after @. Remove the part before @.".to_string()
        }
        Malformed(_) => "The link is not a valid web address.".to_string(),
    }
}
