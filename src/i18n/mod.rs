//! Every user-visible string, one table per language. Components ask `texts(lang)` and never
//! write a Swedish or English word themselves.

mod en;
mod sv;

use blomlada_domain::Lang;

pub use en::EN;
pub use sv::SV;

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// Sections follow the pages; add new strings to the section of the page that shows them.
pub struct Texts {
    // --- Frame: header, navigation, language, notices shared by all pages
    pub app_name: &'static str,
    pub app_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_start: &'static str,
    pub language_switch: &'static str,
    pub loading: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_to_start: &'static str,
    pub indicators_failed: &'static str,
    pub save_failed_full: &'static str,
    pub save_failed_other: &'static str,
    pub merged_from_other_tab: &'static str,
    pub unreadable_title: &'static str,
    pub unreadable_body: &'static str,
    pub newer_format_body: fn(u32) -> String,
    pub download_raw: &'static str,
    pub remove_raw: &'static str,
    pub confirm_remove_raw: &'static str,
    pub dismiss: &'static str,

    // --- Start page
    pub start_title: &'static str,
    pub start_intro: &'static str,
    pub my_assessments: &'static str,
    pub no_assessments: &'static str,
    pub new_assessment: &'static str,
    pub col_kommun: &'static str,
    pub col_set: &'static str,
    pub col_title: &'static str,
    pub col_progress: &'static str,
    pub col_updated: &'static str,
    pub col_actions: &'static str,
    pub duplicate: &'static str,
    pub duplicate_title_suffix: &'static str,
    pub rename: &'static str,
    pub rename_label: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub delete: &'static str,
    pub confirm_delete: fn(&str) -> String,
    pub deleted_notice: fn(&str) -> String,
    pub undo: &'static str,
    pub actions_for: fn(&str) -> String,

    // --- New assessment
    pub new_title: &'static str,
    pub kommun_label: &'static str,
    pub kommun_search_hint: &'static str,
    pub kommun_no_match: &'static str,
    pub kommun_matches: fn(usize) -> String,
    pub kommun_chosen: fn(&str) -> String,
    pub set_label: &'static str,
    pub set_default_marker: &'static str,
    pub title_label: &'static str,
    pub title_default: fn(&str, &str) -> String,
    pub population_label: &'static str,
    pub population_hint: &'static str,
    pub population_invalid: &'static str,
    pub create: &'static str,
    pub choose_kommun_first: &'static str,

    // --- Assessment page
    pub progress_total: fn(u32, u32) -> String,
    pub progress_group: fn(u32, u32) -> String,
    pub next_unanswered: &'static str,
    pub all_answered: &'static str,
    pub groups_nav: &'static str,
    pub comment_label: &'static str,
    pub evidence_label: &'static str,
    pub evidence_hint: &'static str,
    pub evidence_invalid: &'static str,
    pub clear_answer: &'static str,
    pub source_label: &'static str,
    pub reference_label: fn(&str, &str) -> String,
    pub assessment_missing: &'static str,
    pub to_summary: &'static str,
    pub to_answers: &'static str,
    pub details_label: &'static str,
    pub approval_label: &'static str,
    pub approval_hint: &'static str,
    pub text_too_long: &'static str,

    // --- Summary page
    pub summary_title: &'static str,
    pub summary_intro: &'static str,
    pub col_area_group: &'static str,
    pub col_unanswered: &'static str,
    pub col_total: &'static str,
    pub total_row: &'static str,

    // --- Flower box (overview)
    pub overview_title: &'static str,
    pub overview_intro: &'static str,
    pub to_overview: &'static str,
    pub fb_show: &'static str,
    pub fb_own: &'static str,
    pub fb_targets: &'static str,
    pub fb_flower: &'static str,
    pub fb_bar: &'static str,
    pub fb_tile: &'static str,
    pub fb_choose_hint: &'static str,
    pub fb_download_png: &'static str,
    pub fb_download_svg: &'static str,
    pub fb_print: &'static str,
    pub fb_table_caption: &'static str,
    pub fb_col_group: &'static str,
    pub fb_col_unanswered: &'static str,
    pub fb_col_no_answer: &'static str,
    pub fb_col_indicators: &'static str,
    pub fb_close: &'static str,
    pub fb_in_group: fn(&str) -> String,
    pub fb_comparison: fn(&str) -> String,
    pub fb_with_data: fn(u32, u32) -> String,

    // --- Export, import, report, offline

    // --- Publish and compare
}
