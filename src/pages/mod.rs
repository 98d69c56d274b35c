pub mod assessment;
pub mod new_assessment;
pub mod not_found;
pub mod overview;
pub mod start;
pub mod summary;
