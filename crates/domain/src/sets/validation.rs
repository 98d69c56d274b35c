//! Errors that name the file and the JSON path of what is wrong, so that whoever edits an
//! indicator set (or opens a broken result file) can go straight to the spot.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// The file the value came from, e.g. `indicators/eblomlada/2014.json`.
    pub file: String,
    /// A JSON path such as `areas[0].groups[2].indicators[3].id`; empty for the whole document.
    pub path: String,
    pub message: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.path, self.message)
        }
    }
}

/// Every problem found in one document; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<ValidationError>);

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Collects errors for one file while a validator walks it.
pub(crate) struct Collector {
    file: String,
    errors: Vec<ValidationError>,
}

impl Collector {
    pub fn new(file: &str) -> Self {
        Collector { file: file.to_string(), errors: Vec::new() }
    }

    pub fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(ValidationError { file: self.file.clone(), path: path.into(), message: message.into() });
    }

    pub fn finish<T>(self, value: T) -> Result<T, ValidationErrors> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(ValidationErrors(self.errors))
        }
    }
}

/// Parses JSON into `T`, reporting a syntax or shape error with its JSON path.
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(json: &str, file: &str) -> Result<T, ValidationErrors> {
    crate::files::json_path::from_str(json).map_err(|err| {
        let (path, inner) = (err.path, err.error);
        let path = if path == "." || path == "?" { String::new() } else { path };
        let message = if inner.is_syntax() || inner.is_eof() { format!("not valid JSON ({inner})") } else { inner.to_string() };
        ValidationErrors(vec![ValidationError { file: file.to_string(), path, message }])
    })
}

/// Ids are written by hand and live forever in saved results: keep them plain.
pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 120
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'_')
}
