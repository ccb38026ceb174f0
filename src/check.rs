//! `corpus check`: compare each article's record with the expected file
//! beside it (`X.expected.json` for `X.txt`, `X.N.expected.json` for line N
//! of `X.jsonl`), reporting what is missing, unexpected or changed; or, with
//! `--bless`, write the expected files from the current output.
//!
//! An expected file holds the record or any part of it: only the fields it
//! has are compared, and never `path` (it depends on how `check` is called). A list it has (`dates`, `people`, `places`, `events`) is
//! compared item by item — dates by text and offset, people and places by
//! name, events by type and trigger offset — and within an item only the
//! fields the expected item has.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::model::Article;
use crate::report::{Sink, Summary};

/// How a check went.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CheckCounts {
    pub articles: usize,
    pub matching: usize,
    pub differing: usize,
    /// Articles with no expected file (and not blessed).
    pub unchecked: usize,
    pub blessed: usize,
}

/// A sink that checks (or blesses) each article.
pub struct CheckSink<W: Write> {
    out: W,
    bless: bool,
    pub counts: CheckCounts,
}

impl<W: Write> CheckSink<W> {
    pub fn new(out: W, bless: bool) -> Self {
        CheckSink {
            out,
            bless,
            counts: CheckCounts::default(),
        }
    }
}

/// The expected file of an article record's path.
pub fn expected_path(record_path: &str) -> PathBuf {
    match record_path.rsplit_once('#') {
        Some((file, line)) => {
            let p = Path::new(file);
            p.with_file_name(format!("{}.{line}.expected.json", stem(p)))
        }
        None => {
            let p = Path::new(record_path);
            p.with_file_name(format!("{}.expected.json", stem(p)))
        }
    }
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

impl<W: Write> Sink for CheckSink<W> {
    fn article(&mut self, article: &Article) -> io::Result<()> {
        self.counts.articles += 1;
        let path = expected_path(&article.path);
        let mut actual = serde_json::to_value(article).map_err(io::Error::other)?;
        // The path says where the article was read from, which depends on
        // how `check` was called; the expected file sits beside it anyway.
        if let Some(fields) = actual.as_object_mut() {
            fields.remove("path");
        }
        if self.bless {
            let mut text = serde_json::to_string_pretty(&actual).map_err(io::Error::other)?;
            text.push('\n');
            fs::write(&path, text).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
            self.counts.blessed += 1;
            return writeln!(self.out, "blessed  {}", path.display());
        }
        let expected = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                self.counts.unchecked += 1;
                return writeln!(self.out, "no expected file  {} (write one with --bless)", article.path);
            }
            Err(e) => return Err(io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
        };
        let expected: Value = serde_json::from_str(&expected)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("{}: {e}", path.display())))?;
        let differences = diff(&expected, &actual);
        if differences.is_empty() {
            self.counts.matching += 1;
            return writeln!(self.out, "ok  {}", article.path);
        }
        self.counts.differing += 1;
        writeln!(
            self.out,
            "DIFFERS  {} ({} differences)",
            article.path,
            differences.len()
        )?;
        for d in differences {
            writeln!(self.out, "  {d}")?;
        }
        Ok(())
    }

    fn wants_summary(&self) -> bool {
        false
    }

    fn finish(&mut self, _: &Summary) -> io::Result<()> {
        let c = self.counts;
        if self.bless {
            writeln!(self.out, "blessed {} expected files", c.blessed)?;
        } else {
            writeln!(
                self.out,
                "checked {} articles: {} match, {} differ, {} without an expected file",
                c.articles, c.matching, c.differing, c.unchecked
            )?;
        }
        self.out.flush()
    }
}

/// What differs between the expected part of a record and the record.
pub fn diff(expected: &Value, actual: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let Some(fields) = expected.as_object() else {
        return vec!["the expected file is not a JSON object".into()];
    };
    for (key, want) in fields.iter().filter(|(k, _)| k.as_str() != "path") {
        let got = actual.get(key).unwrap_or(&Value::Null);
        match key.as_str() {
            "dates" => list_diff("date", want, got, date_key, date_desc, &mut out),
            "people" => list_diff("person", want, got, name_key, name_desc, &mut out),
            "places" => list_diff("place", want, got, name_key, name_desc, &mut out),
            "events" => list_diff("event", want, got, event_key, event_desc, &mut out),
            _ if want != got => out.push(format!("changed {key}: expected {want}, got {got}")),
            _ => {}
        }
    }
    out
}

fn list_diff(
    kind: &str,
    want: &Value,
    got: &Value,
    key: fn(&Value) -> String,
    desc: fn(&Value) -> String,
    out: &mut Vec<String>,
) {
    let empty = Vec::new();
    let want = want.as_array().unwrap_or(&empty);
    let got = got.as_array().unwrap_or(&empty);
    let mut used = vec![false; got.len()];
    for w in want {
        let k = key(w);
        match got.iter().enumerate().position(|(i, g)| !used[i] && key(g) == k) {
            Some(i) => {
                used[i] = true;
                if let (Some(wf), Some(gf)) = (w.as_object(), got[i].as_object()) {
                    for (f, wv) in wf {
                        let gv = gf.get(f).unwrap_or(&Value::Null);
                        if wv != gv {
                            out.push(format!("changed {kind} {}: {f} expected {wv}, got {gv}", desc(w)));
                        }
                    }
                }
            }
            None => out.push(format!("missing {kind} {}", desc(w))),
        }
    }
    for (g, _) in got.iter().zip(&used).filter(|(_, u)| !**u) {
        out.push(format!("unexpected {kind} {}", desc(g)));
    }
}

fn field<'a>(v: &'a Value, name: &str) -> &'a Value {
    v.get(name).unwrap_or(&Value::Null)
}

fn date_key(v: &Value) -> String {
    format!("{}@{}", field(v, "text"), field(v, "start"))
}

fn date_desc(v: &Value) -> String {
    format!(
        "{} at {}..{} ({})",
        field(v, "text"),
        field(v, "start"),
        field(v, "end"),
        field(v, "value")
    )
}

fn name_key(v: &Value) -> String {
    field(v, "name").to_string()
}

fn name_desc(v: &Value) -> String {
    let mentions: Vec<String> = field(v, "mentions")
        .as_array()
        .map(|m| {
            m.iter()
                .take(3)
                .map(|s| format!("{} at {}", field(s, "text"), field(s, "start")))
                .collect()
        })
        .unwrap_or_default();
    format!("{} [{}]", field(v, "name"), mentions.join(", "))
}

fn event_key(v: &Value) -> String {
    let trigger = field(v, "trigger");
    format!("{}@{}", field(v, "type"), field(trigger, "start"))
}

fn event_desc(v: &Value) -> String {
    let trigger = field(v, "trigger");
    format!(
        "{} {} at {}",
        field(v, "type"),
        field(trigger, "text"),
        field(trigger, "start")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_what_is_expected_is_compared() {
        let actual = json!({"lang": "bn", "title": "x", "dates": [
            {"text": "শনিবার", "start": 10, "end": 16, "value": "2025-12-20"},
            {"text": "আজ", "start": 30, "end": 32, "value": "2025-12-21"}]});
        assert!(diff(&json!({"lang": "bn"}), &actual).is_empty());
        let d = diff(
            &json!({"lang": "hi", "dates": [{"text": "শনিবার", "start": 10, "value": "2025-12-19"},
                                             {"text": "কাল", "start": 40}]}),
            &actual,
        );
        assert_eq!(d.len(), 4, "{d:?}");
        let has = |p: &dyn Fn(&String) -> bool| d.iter().any(p);
        assert!(has(&|l| l.starts_with("changed lang: expected \"hi\"")), "{d:?}");
        assert!(has(
            &|l| l.contains("changed date \"শনিবার\" at 10") && l.contains("value expected \"2025-12-19\"")
        ));
        assert!(has(&|l| l.starts_with("missing date \"কাল\"")), "{d:?}");
        assert!(has(&|l| l.starts_with("unexpected date \"আজ\" at 30")), "{d:?}");
    }

    #[test]
    fn expected_files_sit_beside_their_article() {
        assert_eq!(
            expected_path("fixtures/a/x.txt"),
            PathBuf::from("fixtures/a/x.expected.json")
        );
        assert_eq!(
            expected_path("fixtures/wire.jsonl#3"),
            PathBuf::from("fixtures/wire.3.expected.json")
        );
    }

    #[test]
    fn an_empty_expectation_matches_anything() {
        assert!(diff(&json!({}), &json!({"lang": "en"})).is_empty());
    }
}
