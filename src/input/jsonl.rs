//! JSONL records: one article per line, the text in a configurable field.

use jiff::civil::Date;
use serde_json::Value;

/// One record's fields, as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub text: String,
    pub id: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub date: Option<Date>,
    /// Things in the record that were ignored, for the article's warnings.
    pub warnings: Vec<String>,
}

/// Parse one JSONL line. The error says what was wrong, for `FILE:LINE: ...`.
pub fn parse_record(line: &str, text_field: &str) -> Result<Record, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
    let Value::Object(mut map) = value else {
        return Err(format!("not a JSON object but {}", kind_of(&value)));
    };
    let string = |k: &str| match map.get(k) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let mut warnings = Vec::new();
    let date = match ["published", "date"].iter().find_map(|k| map.get(*k).map(|v| (*k, v))) {
        Some((_, Value::Null)) | None => None,
        Some((k, Value::String(s))) => match parse_record_date(s) {
            Some(d) => Some(d),
            None => {
                warnings.push(format!("record field `{k}` {s:?} is not a date; ignored"));
                None
            }
        },
        Some((k, other)) => {
            warnings.push(format!("record field `{k}` is {}, not a date; ignored", kind_of(other)));
            None
        }
    };
    let (id, url, title) = (string("id"), string("url"), string("title"));
    // Taken out of the record, not copied: it is most of it.
    let text = match map.remove(text_field) {
        Some(Value::String(s)) => s,
        Some(other) => {
            return Err(format!("field `{text_field}` is {}, not a string", kind_of(&other)));
        }
        None => return Err(format!("no `{text_field}` field")),
    };
    Ok(Record {
        text,
        id,
        url,
        title,
        date,
        warnings,
    })
}

/// A calendar date from the start of an ISO 8601 date or timestamp
/// (`2025-09-03`, `2025-09-03T08:00:00Z`, `2025-09-03 08:00`).
pub fn parse_record_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let head = s.get(..10)?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    head.parse().ok()
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn full_record() {
        let r = parse_record(
            r#"{"id": 7, "url": "https://x/y", "published": "2025-09-03T08:00:00Z", "text": "আজ বৈঠক"}"#,
            "text",
        )
        .unwrap();
        assert_eq!(r.text, "আজ বৈঠক");
        assert_eq!(r.id.as_deref(), Some("7"));
        assert_eq!(r.url.as_deref(), Some("https://x/y"));
        assert_eq!(r.date, Some(date(2025, 9, 3)));
        assert!(r.warnings.is_empty());
    }

    #[test]
    fn other_text_field_and_date_field() {
        let r = parse_record(r#"{"body": "x", "date": "2024-02-29"}"#, "body").unwrap();
        assert_eq!(r.date, Some(date(2024, 2, 29)));
    }

    #[test]
    fn bad_records_say_what_is_wrong() {
        assert_eq!(
            parse_record(r#"{"title": "x"}"#, "text").unwrap_err(),
            "no `text` field"
        );
        assert_eq!(
            parse_record(r#"{"text": 42}"#, "text").unwrap_err(),
            "field `text` is a number, not a string"
        );
        assert!(
            parse_record(r#"{"text": "x""#, "text")
                .unwrap_err()
                .starts_with("not a JSON object: ")
        );
        assert_eq!(
            parse_record("[1]", "text").unwrap_err(),
            "not a JSON object but an array"
        );
    }

    #[test]
    fn a_published_that_is_not_a_date_is_a_warning() {
        let r = parse_record(r#"{"text": "x", "published": "yesterday"}"#, "text").unwrap();
        assert_eq!(r.date, None);
        assert_eq!(
            r.warnings,
            vec![r#"record field `published` "yesterday" is not a date; ignored"#]
        );
        let r = parse_record(r#"{"text": "x", "published": "2025-13-40"}"#, "text").unwrap();
        assert_eq!(r.date, None);
        assert_eq!(r.warnings.len(), 1);
    }
}
