pub mod assessment;
pub mod import;
pub mod new_assessment;
pub mod not_found;
pub mod overview;
pub mod report;
pub mod start;
pub mod summary;
