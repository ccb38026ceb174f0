//! Reading gazetteer files: the built-in TSVs and a user's TSV or JSON.
//!
//! A user TSV row is the built-in row with its type first:
//! `person  id  name  role  country  names  aliases` or
//! `place  id  name  kind  country  lat  lon  names  adjectives`
//! (lists `|`-separated, an empty id becomes `local:` plus a slug). A user
//! JSON file is an array of objects, or one object a line, with the same
//! fields by name (`type`, `id`, `name`, `names`, ...; lists as arrays).

use rayon::prelude::*;
use smallvec::SmallVec;
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
pub fn parse_tsv_rows<'a>(
    contents: &'a str,
    file: &str,
    kind: Option<EntryKind>,
) -> Vec<Result<Entry, GazetteerError>> {
    // Rows parse independently: on every core (the built-in files are
    // thousands of rows, read at every start), in file order.
    let lines: Vec<(usize, &'a str)> = crate::lexicon::data_lines(contents).collect();
    lines
        .into_par_iter()
        .map(|(line, text)| {
            let err = |message: String| GazetteerError {
                file: file.to_string(),
                line,
                message,
            };
            // On the stack: a row has at most nine columns, and the
            // built-in files thousands of rows.
            let mut cols: SmallVec<[&'a str; 9]> = text.split('\t').map(str::trim).collect();
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
            let list = |s: &'a str| s.split('|');
            // The row's own slices, not copies: an entry's strings are
            // made once, trimmed.
            let fields = if kind == EntryKind::Person {
                Fields {
                    kind,
                    id: cols[0],
                    name: cols[1],
                    role: cols[2],
                    place_kind: "",
                    country: cols[3],
                    lat: None,
                    lon: None,
                }
                .entry(list(cols[4]).chain(list(cols[5])), std::iter::empty())
            } else {
                Fields {
                    kind,
                    id: cols[0],
                    name: cols[1],
                    role: "",
                    place_kind: cols[2],
                    country: cols[3],
                    lat: parse_coord(cols[4], "lat", 90.0).map_err(err)?,
                    lon: parse_coord(cols[5], "lon", 180.0).map_err(err)?,
                }
                .entry(list(cols[6]), list(cols[7]).map(str::trim))
            };
            fields.map_err(err)
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
#[derive(Debug, Deserialize)]
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
        let fields = Fields {
            kind: parse_type(&self.kind)?,
            id: &self.id,
            name: &self.name,
            role: &self.role,
            place_kind: &self.place_kind,
            country: &self.country,
            lat: self.lat,
            lon: self.lon,
        };
        let names = self.names.iter().chain(&self.aliases).map(String::as_str);
        fields.entry(names, self.adjectives.iter().map(String::as_str))
    }
}

/// An entry's fields as a file spells them, untrimmed.
struct Fields<'a> {
    kind: EntryKind,
    id: &'a str,
    name: &'a str,
    role: &'a str,
    place_kind: &'a str,
    country: &'a str,
    lat: Option<f64>,
    lon: Option<f64>,
}

impl<'a> Fields<'a> {
    /// The entry, with its other `names` and its `adjectives` (an empty
    /// one is skipped).
    fn entry(
        self,
        names: impl Iterator<Item = &'a str>,
        adjectives: impl Iterator<Item = &'a str>,
    ) -> Result<Entry, String> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err("empty name".into());
        }
        let country = self.country.trim();
        let iso = country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase());
        if !country.is_empty() && !iso {
            return Err(format!("country '{country}' is not an ISO 3166-1 alpha-2 code"));
        }
        let place_kind = self.place_kind.trim();
        if self.kind == EntryKind::Place && place_kind.is_empty() {
            return Err("a place needs a kind (country, region, city, ...)".into());
        }
        let mut names_out = vec![name.to_string()];
        for n in names.map(str::trim) {
            if !n.is_empty() && !names_out.iter().any(|known| known == n) {
                names_out.push(n.to_string());
            }
        }
        let id = match self.id.trim() {
            "" => local_id(name),
            id => id.to_string(),
        };
        let role = self.role.trim();
        Ok(Entry {
            kind: self.kind,
            id,
            name: name.to_string(),
            role: (!role.is_empty()).then(|| role.to_string()),
            place_kind: place_kind.to_string(),
            country: (!country.is_empty()).then(|| country.to_string()),
            lat: self.lat,
            lon: self.lon,
            names: names_out,
            adjectives: adjectives.filter(|a| !a.trim().is_empty()).map(String::from).collect(),
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
