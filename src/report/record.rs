//! An article's record as JSON, written by hand: the bytes serde's derived
//! form gives (a test holds the two equal), at a fraction of the work.
//! Writing records is the whole of the writer thread's job, and with two
//! extracting threads it competes with them for the cores: serde spends
//! most of it checking each byte of the text for a character to escape,
//! which here is done eight bytes at a time.

use serde::Serialize;

use crate::model::{Article, DateMention, Event, Person, Place, Source, Span};

/// Append `a`'s record to `out`.
pub fn write_article(out: &mut Vec<u8>, a: &Article) {
    out.push(b'{');
    key(out, "schema", true);
    string(out, &a.schema);
    key(out, "path", false);
    string(out, &a.path);
    key(out, "id", false);
    option(out, a.id.as_deref(), string);
    if let Some(url) = &a.url {
        key(out, "url", false);
        string(out, url);
    }
    key(out, "lang", false);
    variant(out, &a.lang);
    key(out, "title", false);
    option(out, a.title.as_deref(), string);
    key(out, "published", false);
    option(out, a.published.as_ref(), date);
    key(out, "reference_date", false);
    option(out, a.reference_date.as_deref(), string);
    key(out, "reference_source", false);
    option(out, a.reference_source.as_ref(), variant);
    key(out, "dates", false);
    list(out, &a.dates, date);
    key(out, "people", false);
    list(out, &a.people, person);
    key(out, "places", false);
    list(out, &a.places, place);
    key(out, "events", false);
    list(out, &a.events, event);
    if !a.warnings.is_empty() {
        key(out, "warnings", false);
        list(out, &a.warnings, |out, w| string(out, w));
    }
    out.push(b'}');
}

/// The fields of a span, without braces (a date's record holds them too).
fn span_fields(out: &mut Vec<u8>, s: &Span) {
    key(out, "text", true);
    string(out, &s.text);
    key(out, "start", false);
    number(out, s.start);
    key(out, "end", false);
    number(out, s.end);
}

fn span(out: &mut Vec<u8>, s: &Span) {
    out.push(b'{');
    span_fields(out, s);
    out.push(b'}');
}

fn date(out: &mut Vec<u8>, d: &DateMention) {
    out.push(b'{');
    span_fields(out, &d.span);
    key(out, "value", false);
    option(out, d.value.as_deref(), string);
    key(out, "type", false);
    variant(out, &d.kind);
    key(out, "grain", false);
    variant(out, &d.grain);
    key(out, "resolved", false);
    variant(out, &d.resolved);
    if let Some(calendar) = &d.calendar {
        key(out, "calendar", false);
        variant(out, calendar);
    }
    out.push(b'}');
}

fn person(out: &mut Vec<u8>, p: &Person) {
    out.push(b'{');
    entity_fields(out, [&p.name, &p.id, &p.native], &p.mentions, &p.source);
    if let Some(role) = &p.role {
        key(out, "role", false);
        string(out, role);
    }
    out.push(b'}');
}

fn place(out: &mut Vec<u8>, p: &Place) {
    out.push(b'{');
    entity_fields(out, [&p.name, &p.id, &p.native], &p.mentions, &p.source);
    key(out, "kind", false);
    string(out, &p.kind);
    key(out, "country", false);
    option(out, p.country.as_deref(), string);
    key(out, "lat", false);
    option(out, p.lat, float);
    key(out, "lon", false);
    option(out, p.lon, float);
    out.push(b'}');
}

/// The fields a person and a place begin with: `name`, `id`, `native`,
/// `mentions` and `source`.
fn entity_fields(out: &mut Vec<u8>, [name, id, native]: [&str; 3], mentions: &[Span], source: &Source) {
    key(out, "name", true);
    string(out, name);
    key(out, "id", false);
    string(out, id);
    key(out, "native", false);
    string(out, native);
    key(out, "mentions", false);
    list(out, mentions, span);
    key(out, "source", false);
    variant(out, source);
}

fn event(out: &mut Vec<u8>, e: &Event) {
    out.push(b'{');
    key(out, "type", true);
    variant(out, &e.kind);
    key(out, "cameo", false);
    string(out, &e.cameo);
    key(out, "trigger", false);
    span(out, &e.trigger);
    key(out, "date", false);
    option(out, e.date.as_deref(), string);
    key(out, "place", false);
    option(out, e.place.as_deref(), string);
    key(out, "participants", false);
    list(out, &e.participants, |out, p| string(out, p));
    key(out, "actors", false);
    list(out, &e.actors, |out, a| string(out, a));
    key(out, "status", false);
    variant(out, &e.status);
    out.push(b'}');
}

/// `"key":`, after a comma unless it is the object's first.
#[inline]
fn key(out: &mut Vec<u8>, key: &str, first: bool) {
    if !first {
        out.push(b',');
    }
    out.push(b'"');
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b"\":");
}

fn option<T>(out: &mut Vec<u8>, value: Option<T>, write: impl FnOnce(&mut Vec<u8>, T)) {
    match value {
        Some(v) => write(out, v),
        None => out.extend_from_slice(b"null"),
    }
}

fn list<T>(out: &mut Vec<u8>, items: &[T], mut write: impl FnMut(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(out, item);
    }
    out.push(b']');
}

/// An enumeration's value, by the name serde gives it: the contract's
/// spelling is kept in one place, the type's attributes.
fn variant<T: Serialize>(out: &mut Vec<u8>, value: &T) {
    // Writing to a vector fails only for a value serde cannot write, which
    // a unit variant never is.
    serde_json::to_writer(&mut *out, value).unwrap_or_else(|e| unreachable!("an enumeration's name: {e}"));
}

fn number(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// A float as serde_json writes one: the shortest form that reads back,
/// `null` for what JSON cannot hold.
fn float(out: &mut Vec<u8>, f: f64) {
    if f.is_finite() {
        out.extend_from_slice(ryu::Buffer::new().format_finite(f).as_bytes());
    } else {
        out.extend_from_slice(b"null");
    }
}

/// A JSON string: `"`, `\` and control characters escaped as serde_json
/// escapes them, everything else (all of UTF-8 above them) as it is.
fn string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut done = 0;
    let mut at = 0;
    while at < bytes.len() {
        // Eight bytes at a time while none needs escaping.
        if let Some(chunk) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            if !needs_escape(word) {
                at += 8;
                continue;
            }
        }
        let b = bytes[at];
        if let Some(escape) = escape(b) {
            out.extend_from_slice(&bytes[done..at]);
            out.extend_from_slice(escape.as_bytes());
            done = at + 1;
        }
        at += 1;
    }
    out.extend_from_slice(&bytes[done..]);
    out.push(b'"');
}

/// Whether any byte of `word` is a control character, `"` or `\`.
#[inline]
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A byte is zero after the xor exactly where it was the character; a
    // byte below 0x20 borrows when 0x20 is taken from it. Both tests may
    // flag a byte that is neither (a borrow carries), never miss one: the
    // byte-wise check that follows decides.
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    (control | has_zero(word ^ (ONES * u64::from(b'"'))) | has_zero(word ^ (ONES * u64::from(b'\\')))) != 0
}

/// How serde_json writes byte `b` of a string, when not as itself.
fn escape(b: u8) -> Option<&'static str> {
    const CONTROL: [&str; 32] = [
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007", "\\b", "\\t", "\\n",
        "\\u000b", "\\f", "\\r", "\\u000e", "\\u000f", "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014",
        "\\u0015", "\\u0016", "\\u0017", "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e",
        "\\u001f",
    ];
    match b {
        b'"' => Some("\\\""),
        b'\\' => Some("\\\\"),
        0..0x20 => Some(CONTROL[usize::from(b)]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Calendar, DateType, EventType, Grain, ReferenceSource, Resolved, Status};
    use crate::text::Lang;

    fn by_hand(a: &Article) -> String {
        let mut out = Vec::new();
        write_article(&mut out, a);
        String::from_utf8(out).unwrap()
    }

    fn span(text: &str, start: usize) -> Span {
        Span {
            text: text.into(),
            start,
            end: start + text.chars().count(),
            norm: 0..0,
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut samples: Vec<String> = (0u8..0x80).map(|b| format!("a{}b", b as char)).collect();
        samples.extend(
            [
                "",
                "\"",
                "\\",
                "পুতিনের \"বৈঠক\"\n",
                "12345678\u{1}",
                "\u{7f}\u{a0}é",
                "quote at eight: 1234567\"",
            ]
            .map(String::from),
        );
        samples.extend(crate::text::random_texts(
            &["a", "\"", "\\", "\n", "\t", "\u{1f}", "\u{7f}", "ঢ", "ा", " "],
            500,
            40,
            7,
        ));
        for s in samples {
            let mut out = Vec::new();
            string(&mut out, &s);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&s).unwrap(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn a_full_record_is_what_serde_writes() {
        let date = |calendar| DateMention {
            span: span("২৫ জুন", 3),
            value: Some("2025-06-25".into()),
            kind: DateType::Date,
            grain: Grain::Day,
            resolved: Resolved::Relative,
            calendar,
        };
        let mut a = Article::new("seeds/a \"quoted\".txt");
        a.id = Some("x1".into());
        a.url = Some("https://example.org/a?b=1&c=\\".into());
        a.lang = Lang::Bn;
        a.title = Some("শিরোনাম\tone".into());
        a.published = Some(date(None));
        a.reference_date = Some("2025-06-24".into());
        a.reference_source = Some(ReferenceSource::Published);
        a.dates = vec![
            date(Some(Calendar::Bengali)),
            DateMention {
                value: None,
                kind: DateType::Interval,
                grain: Grain::Quarter,
                resolved: Resolved::Unresolved,
                ..date(Some(Calendar::Hijri))
            },
        ];
        a.people = vec![Person {
            name: "Vladimir Putin".into(),
            id: "Q7747".into(),
            native: "পুতিন".into(),
            mentions: vec![span("পুতিনের", 10), span("Putin", 40)],
            source: Source::Gazetteer,
            role: Some("President of Russia".into()),
        }];
        a.places = vec![
            Place {
                name: "Moscow".into(),
                id: "Q649".into(),
                native: "মস্কো".into(),
                mentions: vec![span("মস্কোতে", 20)],
                source: Source::Pattern,
                kind: "city".into(),
                country: Some("RU".into()),
                lat: Some(55.75),
                lon: Some(37.0),
            },
            Place {
                name: "Nowhere".into(),
                id: "local:nowhere".into(),
                native: String::new().into(),
                mentions: Vec::new(),
                source: Source::Model,
                kind: String::new().into(),
                country: None,
                lat: Some(f64::NAN),
                lon: None,
            },
        ];
        a.events = EventType::ALL
            .into_iter()
            .zip(
                [Status::Occurred, Status::Planned, Status::Possible, Status::Negated]
                    .into_iter()
                    .cycle(),
            )
            .map(|(kind, status)| Event {
                kind,
                cameo: kind.cameo().into(),
                trigger: span("বৈঠক", 30),
                date: Some("2025-06-25".into()),
                place: None,
                participants: vec!["Vladimir Putin".into(), "Donald Trump".into()],
                actors: Vec::new(),
                status,
            })
            .collect();
        a.warnings = vec!["long \"text\"".into()];
        assert_eq!(by_hand(&a), serde_json::to_string(&a).unwrap());
        // Every optional field left out or empty.
        let empty = Article::new("x");
        assert_eq!(by_hand(&empty), serde_json::to_string(&empty).unwrap());
        for (lang, source) in [
            (Lang::Hi, ReferenceSource::Record),
            (Lang::En, ReferenceSource::Flag),
            (Lang::Und, ReferenceSource::Inferred),
        ] {
            a.lang = lang;
            a.reference_source = Some(source);
            assert_eq!(by_hand(&a), serde_json::to_string(&a).unwrap());
        }
    }

    #[test]
    fn the_fixture_articles_records_are_what_serde_writes() {
        let opts = crate::scan::ScanOptions::default();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut checked = 0;
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let path = entry.unwrap().into_path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let a = crate::scan::extract_text(&text, &path.display().to_string(), &opts);
            assert_eq!(by_hand(&a), serde_json::to_string(&a).unwrap(), "{}", path.display());
            checked += 1;
        }
        assert!(checked >= 10, "{checked} fixture articles");
    }
}
