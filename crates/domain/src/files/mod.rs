//! Assessments as files: the result file (export, import, publish), the rules of import and the
//! names of exports, CSV for Excel, and published results read from files or an open-data
//! snapshot when there is no server.

pub mod csv_export;
pub mod download_name;
pub mod exchange;
pub mod json_path;
pub mod offline_results;
pub mod public_preview;
pub mod publish_readiness;
pub mod result_file;
