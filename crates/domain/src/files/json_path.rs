//! Reading JSON into a type, and on a shape error naming *where* in the document it is
//! ("areas[2].role"), as `serde_path_to_error` did. That crate wraps every deserializer call in
//! a tracking layer generic over each type it reads; in the web app that cost ~15 KB brotli of
//! the first module for text that only error messages use (issue 23). Here the error's position
//! in the text is turned into a path by scanning the text once, and only when there is an
//! error: reading stays serde_json's own. A value already parsed is written back to text first,
//! again only on the error path.
//!
//! Paths read like `serde_path_to_error`'s: keys joined by dots, indices in brackets, "." for the
//! document itself. `tests/json_path.rs` holds the two against each other on the corpus.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// A shape error with the path of the value it is about.
#[derive(Debug)]
pub struct PathError {
    pub path: String,
    pub error: serde_json::Error,
}

/// Reads `T` from JSON text.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, PathError> {
    serde_json::from_str(text).map_err(|error| {
        // Text that is no JSON has no value to name; its line and column are in the message.
        let path = if error.is_syntax() || error.is_eof() { ".".to_string() } else { path_at_error(text, &error) };
        PathError { path, error }
    })
}

/// Reads `T` from a parsed value; the error's message is serde's for the value (no line and
/// column: the reader's document is not this text).
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, PathError> {
    T::deserialize(value).map_err(|error| {
        let text = value.to_string();
        let path = match serde_json::from_str::<T>(&text) {
            Err(located) => path_at_error(&text, &located),
            Ok(_) => "?".to_string(),
        };
        PathError { path, error }
    })
}

/// The path of the value being read where `error` stopped in `text`.
fn path_at_error(text: &str, error: &serde_json::Error) -> String {
    if error.line() == 0 {
        return "?".to_string();
    }
    let line_start: usize = text.split_inclusive('\n').take(error.line() - 1).map(str::len).sum();
    let mut read = &text.as_bytes()[..(line_start + error.column()).min(text.len())];
    // An error raised once a value was read (a custom check, e.g. a timestamp's) is placed where
    // serde_json peeked past it: at the comma after it. It is about that value.
    if let Some(before) = read.trim_ascii_end().strip_suffix(b",") {
        read = before;
    }
    // So is one about an object's or array's last value, placed past its end. A missing field
    // or a wrong length is found at the end too, and is about the container itself.
    let message = error.to_string();
    if !message.starts_with("missing field") && !message.starts_with("invalid length") {
        if let Some(before) = read.trim_ascii_end().strip_suffix(b"}").or_else(|| read.trim_ascii_end().strip_suffix(b"]")) {
            read = before;
        }
    }
    path_at(read)
}

enum Frame {
    /// In an object: the key last read (a shape error about the key, e.g. an unknown field,
    /// names it too); `in_value` once its ':' is passed (a string is then its value).
    Object { key: Option<String>, in_value: bool },
    /// In an array: the element being read, once one has begun.
    Array { index: usize, in_value: bool },
}

/// The path at the end of `read` (a prefix of a JSON document): the containers open there and,
/// in each, the key or index whose value is being read.
fn path_at(read: &[u8]) -> String {
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < read.len() {
        let b = read[i];
        // An array's element begins with its first byte that is not space or a closing bracket.
        if let Some(Frame::Array { in_value, .. }) = stack.last_mut() {
            if !b.is_ascii_whitespace() && b != b']' {
                *in_value = true;
            }
        }
        match b {
            b'{' => stack.push(Frame::Object { key: None, in_value: false }),
            b'[' => stack.push(Frame::Array { index: 0, in_value: false }),
            b'}' | b']' => {
                stack.pop();
            }
            b':' => {
                if let Some(Frame::Object { in_value, .. }) = stack.last_mut() {
                    *in_value = true;
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, in_value }) => {
                    *key = None;
                    *in_value = false;
                }
                Some(Frame::Array { index, in_value }) => {
                    *index += 1;
                    *in_value = false;
                }
                None => {}
            },
            b'"' => {
                let (text, end) = read_string(read, i + 1);
                if let Some(Frame::Object { key, in_value: false }) = stack.last_mut() {
                    *key = Some(text);
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Array { index, in_value: true } => path.push_str(&format!("[{index}]")),
            _ => {}
        }
    }
    if path.is_empty() {
        ".".to_string()
    } else {
        path
    }
}

/// The string starting after its opening quote at `start`, unescaped as far as keys need, and
/// the index of its closing quote (or the end of `read`).
fn read_string(read: &[u8], start: usize) -> (String, usize) {
    let mut out = Vec::new();
    let mut i = start;
    while i < read.len() {
        match read[i] {
            b'"' => return (String::from_utf8_lossy(&out).into_owned(), i),
            b'\\' if i + 1 < read.len() => {
                let escaped = read[i + 1];
                if escaped == b'u' {
                    // A key with \u escapes: read it as serde does, or keep it as written.
                    let end = (i + 6).min(read.len());
                    let code = std::str::from_utf8(&read[i + 2..end]).ok().and_then(|h| u32::from_str_radix(h, 16).ok());
                    match code.and_then(char::from_u32) {
                        Some(c) => out.extend_from_slice(c.to_string().as_bytes()),
                        None => out.extend_from_slice(&read[i..end]),
                    }
                    i = end;
                    continue;
                }
                out.push(match escaped {
                    b'n' => b'\n',
                    b't' => b'\t',
                    b'r' => b'\r',
                    b'b' => 8,
                    b'f' => 12,
                    other => other,
                });
                i += 2;
                continue;
            }
            other => out.push(other),
        }
        i += 1;
    }
    (String::from_utf8_lossy(&out).into_owned(), read.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        areas: Vec<Area>,
        name: String,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Area {
        id: String,
        role: Role,
        counts: std::collections::BTreeMap<String, u32>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Role {
        Flowers,
        Tiles,
    }

    fn path_of(text: &str) -> String {
        from_str::<Doc>(text).unwrap_err().path
    }

    #[test]
    fn names_the_value_a_shape_error_is_about() {
        let ok_area = r#"{"id": "a", "role": "tiles", "counts": {}}"#;
        assert_eq!(
            path_of(&format!(r#"{{"areas": [{ok_area}, {{"id": "b", "role": "trees", "counts": {{}}}}], "name": "x"}}"#)),
            "areas[1].role"
        );
        assert_eq!(path_of(&format!(r#"{{"areas": [{ok_area}], "name": 7}}"#)), "name");
        assert_eq!(
            path_of(r#"{"areas": [{"id": "a", "role": "flowers", "counts": {"x": 1, "y": "z"}}], "name": "n"}"#),
            "areas[0].counts.y"
        );
        assert_eq!(path_of(r#"{"areas": [{"id": "a", "counts": {}}], "name": "n"}"#), "areas[0]");
        assert_eq!(path_of(r#"{"areas": 5, "name": "n"}"#), "areas");
        assert_eq!(path_of(r#"{"name": "n"}"#), ".");
        assert_eq!(
            path_of("{\n  \"areas\": [\n    {\"id\": 1, \"role\": \"tiles\", \"counts\": {}}\n  ],\n  \"name\": \"n\"\n}"),
            "areas[0].id"
        );
        // Keys with quotes, escapes and brackets in them, and strings holding structure.
        assert_eq!(
            path_of(r#"{"areas": [{"id": "{[\"", "role": "tiles", "counts": {"a\"b": "x"}}], "name": "n"}"#),
            "areas[0].counts.a\"b"
        );
    }

    #[test]
    fn a_parsed_value_gets_the_same_path_and_serdes_message() {
        let value: Value = serde_json::from_str(r#"{"areas": [{"id": "a", "role": "trees", "counts": {}}], "name": "n"}"#).unwrap();
        let e = from_value::<Doc>(&value).unwrap_err();
        assert_eq!(e.path, "areas[0].role");
        assert!(e.error.to_string().starts_with("unknown variant `trees`"), "{}", e.error);
        assert!(!e.error.to_string().contains("line"), "{}", e.error);
    }
}
