//! The numbers: how answers spread over the scale, comparison of published results (country,
//! size group, län, a chosen list), one kommun over time, the public pages' rules and words, the
//! kommuner and their size groups, and numbers written the Swedish or the English way.

pub mod comparison;
pub mod distribution;
pub mod kommun;
pub mod number_format;
pub mod over_time;
pub mod public_results;
pub mod public_texts;
pub mod size_group;
