//! The numbers: how answers spread over the scale, comparison of published results (country,
//! size group, län, a chosen list), one kommun over time, and the public pages' rules and words.

pub mod comparison;
pub mod distribution;
pub mod over_time;
pub mod public_results;
pub mod public_texts;
pub mod rounded_shares;
pub mod share_row;
pub mod side_by_side;
