//! Indicator sets and their rules: what a set is, the catalog of sets and versions, how a set
//! file is validated (errors that name the spot), and the concordance between two versions (what became of each
//! indicator).

pub mod catalog;
pub mod concordance;
pub mod indicator_files;
pub mod indicator_set;
pub mod validation;
