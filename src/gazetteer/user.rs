//! Reading gazetteer files: the built-in TSVs and a user's TSV or JSON.
//!
//! A user TSV row is the built-in row with its type first:
//! `person  id  name  role  country  names  aliases` or
//! `place  id  name  kind  country  lat  lon  names  adjectives`
//! (lists `|`-separated, an empty id becomes `local:` plus a slug). A user
//! JSON file is an array of objects, or one object a line, with the same
//! fields by name (`type`, `id`, `name`, `names`, ...; lists as arrays).

use rayon::prelude::*;
use std::fs;
use std::path::Path;

use serde::Deserialize;

use super::{Entry, EntryKind, local_id};

/// A bad entry of a gazetteer file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct GazetteerError {
    pub file: String,
    /// 1-based; 0 when the whole file is at fault.
    pub line: usize,
    pub message: String,
}

/// Every entry of a user file that parses, and an error for each that does not.
pub fn read_file(path: &Path) -> (Vec<Entry>, Vec<GazetteerError>) {
    let file = path.display().to_string();
    let contents = match fs::read_to_string(path) {
        Ok(c) => c,
        Err(e) => {
            let message = format!("cannot read gazetteer: {e}");
            return (Vec::new(), vec![GazetteerError { file, line: 0, message }]);
        }
    };
    let contents = contents.trim_start_matches('\u{feff}');
    let is_json =
        path.extension().is_some_and(|e| e == "json" || e == "jsonl") || contents.trim_start().starts_with(['[', '{']);
    let results = if is_json {
        parse_json(contents, &file)
    } else {
        parse_tsv_rows(contents, &file, None)
    };
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(e) => entries.push(e),
            Err(e) => errors.push(e),
        }
    }
    (entries, errors)
}

/// Rows of a TSV gazetteer. With `kind` the rows are built-in rows of that
/// kind; without, each row starts with its type.
pub fn parse_tsv_rows(contents: &str, file: &str, kind: Option<EntryKind>) -> Vec<Result<Entry, GazetteerError>> {
    // Rows parse independently: on every core (the built-in files are
    // thousands of rows, read at every start), in file order.
    let lines: Vec<(usize, &str)> = crate::lexicon::data_lines(contents).collect();
    lines
        .into_par_iter()
        .map(|(line, text)| {
            let err = |message: String| GazetteerError {
                file: file.to_string(),
                line,
                message,
            };
            let mut cols: Vec<&str> = text.split('\t').map(str::trim).collect();
            let kind = match kind {
                Some(k) => k,
                None => {
                    let k = parse_type(cols[0]).map_err(err)?;
                    cols.remove(0);
                    k
                }
            };
            let expected = if kind == EntryKind::Person { 6 } else { 8 };
            if cols.len() < expected - 1 || cols.len() > expected {
                return Err(err(format!(
                    "expected {expected} columns for a {}, found {}",
                    type_name(kind),
                    cols.len()
                )));
            }
            cols.resize(expected, "");
            let list = |s: &str| {
                s.split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            };
            let raw = if kind == EntryKind::Person {
                RawEntry {
                    kind: type_name(kind).into(),
                    id: cols[0].into(),
                    name: cols[1].into(),
                    role: cols[2].into(),
                    country: cols[3].into(),
                    names: list(cols[4]),
                    aliases: list(cols[5]),
                    ..RawEntry::default()
                }
            } else {
                RawEntry {
                    kind: type_name(kind).into(),
                    id: cols[0].into(),
                    name: cols[1].into(),
                    place_kind: cols[2].into(),
                    country: cols[3].into(),
                    lat: parse_coord(cols[4], "lat", 90.0).map_err(err)?,
                    lon: parse_coord(cols[5], "lon", 180.0).map_err(err)?,
                    names: list(cols[6]),
                    adjectives: list(cols[7]),
                    ..RawEntry::default()
                }
            };
            raw.into_entry().map_err(err)
        })
        .collect()
}

fn parse_json(contents: &str, file: &str) -> Vec<Result<Entry, GazetteerError>> {
    let err = |line: usize, message: String| GazetteerError {
        file: file.to_string(),
        line,
        message,
    };
    if contents.trim_start().starts_with('[') {
        return match serde_json::from_str::<Vec<serde_json::Value>>(contents) {
            Ok(values) => values
                .into_iter()
                .enumerate()
                .map(|(i, v)| {
                    let at = |m: String| err(0, format!("entry {}: {m}", i + 1));
                    serde_json::from_value::<RawEntry>(v)
                        .map_err(|e| at(e.to_string()))
                        .and_then(|r| r.into_entry().map_err(at))
                })
                .collect(),
            Err(e) => vec![Err(err(e.line(), format!("invalid JSON: {e}")))],
        };
    }
    crate::lexicon::data_lines(contents)
        .map(|(line, text)| {
            serde_json::from_str::<RawEntry>(text)
                .map_err(|e| err(line, format!("invalid entry: {e}")))
                .and_then(|r| r.into_entry().map_err(|m| err(line, m)))
        })
        .collect()
}

/// An entry as a file spells it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    id: String,
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default, rename = "kind")]
    place_kind: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    lat: Option<f64>,
    #[serde(default)]
    lon: Option<f64>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    adjectives: Vec<String>,
}

impl RawEntry {
    fn into_entry(self) -> Result<Entry, String> {
        let kind = parse_type(&self.kind)?;
        let name = self.name.trim().to_string();
        if name.is_empty() {
            return Err("empty name".into());
        }
        let country = self.country.trim();
        let iso = country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase());
        if !country.is_empty() && !iso {
            return Err(format!("country '{country}' is not an ISO 3166-1 alpha-2 code"));
        }
        if kind == EntryKind::Place && self.place_kind.trim().is_empty() {
            return Err("a place needs a kind (country, region, city, ...)".into());
        }
        let mut names = vec![name.clone()];
        for n in self.names.into_iter().chain(self.aliases) {
            let n = n.trim().to_string();
            if !n.is_empty() && !names.contains(&n) {
                names.push(n);
            }
        }
        let id = match self.id.trim() {
            "" => local_id(&name),
            id => id.to_string(),
        };
        Ok(Entry {
            kind,
            id,
            name,
            role: Some(self.role.trim().to_string()).filter(|r| !r.is_empty()),
            place_kind: self.place_kind.trim().to_string(),
            country: Some(country.to_string()).filter(|c| !c.is_empty()),
            lat: self.lat,
            lon: self.lon,
            names,
            adjectives: self.adjectives.into_iter().filter(|a| !a.trim().is_empty()).collect(),
        })
    }
}

fn parse_type(s: &str) -> Result<EntryKind, String> {
    match s.trim() {
        "person" => Ok(EntryKind::Person),
        "place" => Ok(EntryKind::Place),
        t => Err(format!("type '{t}' (expected person or place)")),
    }
}

fn type_name(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Person => "person",
        EntryKind::Place => "place",
    }
}

fn parse_coord(s: &str, what: &str, limit: f64) -> Result<Option<f64>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<f64>() {
        Ok(v) if v.abs() <= limit => Ok(Some(v)),
        _ => Err(format!("{what} '{s}' is not a number between -{limit} and {limit}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_tsv_rows_and_their_errors() {
        let tsv = "# mine\nperson\t\tAsha Rani\tMayor\tIN\tআশা রানী|आशा रानी\t\n\
                   place\t\tNew Town\tcity\tIN\t22.6\t88.4\tনিউ টাউন\t\n\
                   place\tx\tNowhere\tcity\tIN\t95\t0\t\t\n\
                   robot\tx\n";
        let rows = parse_tsv_rows(tsv, "mine.tsv", None);
        assert_eq!(rows.len(), 4);
        let asha = rows[0].as_ref().unwrap();
        assert_eq!(asha.id, "local:asha-rani");
        assert_eq!(asha.names, vec!["Asha Rani", "আশা রানী", "आशा रानी"]);
        assert_eq!(asha.role.as_deref(), Some("Mayor"));
        assert_eq!(rows[1].as_ref().unwrap().lat, Some(22.6));
        let bad = rows[2].as_ref().unwrap_err();
        assert_eq!((bad.line, bad.file.as_str()), (4, "mine.tsv"));
        assert!(bad.message.contains("lat '95'"), "{}", bad.message);
        assert!(rows[3].as_ref().unwrap_err().message.contains("type 'robot'"));
    }

    #[test]
    fn user_json_array_and_lines() {
        let array = r#"[{"type":"person","name":"Asha Rani","names":["আশা রানী"]},{"type":"place","name":"X"}]"#;
        let rows = parse_json(array, "g.json");
        assert_eq!(rows[0].as_ref().unwrap().names, vec!["Asha Rani", "আশা রানী"]);
        assert!(rows[1].as_ref().unwrap_err().message.contains("needs a kind"));
        let lines =
            "{\"type\":\"place\",\"name\":\"New Town\",\"kind\":\"city\",\"country\":\"IN\"}\n{\"type\":\"person\"}\n";
        let rows = parse_json(lines, "g.jsonl");
        assert_eq!(rows[0].as_ref().unwrap().country.as_deref(), Some("IN"));
        assert_eq!(rows[1].as_ref().unwrap_err().line, 2);
    }
}
