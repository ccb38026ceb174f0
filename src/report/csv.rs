//! `csv`: one row per mention — path, kind, text, start, end, value (or
//! name), id, extra — under a header row.

use std::io::{self, Write};

use super::{Sink, Summary, enum_str};
use crate::model::{Article, DateMention, Span};

pub struct CsvSink<W: Write> {
    out: ::csv::Writer<W>,
    header: bool,
}

impl<W: Write> CsvSink<W> {
    pub fn new(out: W) -> Self {
        CsvSink {
            out: ::csv::Writer::from_writer(out),
            header: false,
        }
    }

    fn row(&mut self, path: &str, kind: &str, span: &Span, value: &str, id: &str, extra: &str) -> io::Result<()> {
        let start = span.start.to_string();
        let end = span.end.to_string();
        self.out
            .write_record([path, kind, &span.text, &start, &end, value, id, extra])
            .map_err(io::Error::other)
    }

    fn date(&mut self, path: &str, kind: &str, d: &DateMention) -> io::Result<()> {
        let mut extra = format!(
            "type={};grain={};resolved={}",
            enum_str(&d.kind),
            enum_str(&d.grain),
            enum_str(&d.resolved)
        );
        if let Some(c) = d.calendar {
            extra.push_str(";calendar=");
            extra.push_str(&enum_str(&c));
        }
        self.row(path, kind, &d.span, d.value.as_deref().unwrap_or(""), "", &extra)
    }
}

impl<W: Write> Sink for CsvSink<W> {
    fn article(&mut self, a: &Article) -> io::Result<()> {
        if !self.header {
            self.header = true;
            self.out
                .write_record(["path", "kind", "text", "start", "end", "value", "id", "extra"])
                .map_err(io::Error::other)?;
        }
        if let Some(p) = &a.published {
            self.date(&a.path, "published", p)?;
        }
        for d in &a.dates {
            self.date(&a.path, "date", d)?;
        }
        for p in &a.people {
            let extra = format!("source={}", enum_str(&p.source));
            for m in &p.mentions {
                self.row(&a.path, "person", m, &p.name, &p.id, &extra)?;
            }
        }
        for p in &a.places {
            let extra = format!(
                "kind={};country={};source={}",
                p.kind,
                p.country.as_deref().unwrap_or(""),
                enum_str(&p.source)
            );
            for m in &p.mentions {
                self.row(&a.path, "place", m, &p.name, &p.id, &extra)?;
            }
        }
        for e in &a.events {
            let extra = format!(
                "status={};date={};place={};participants={};actors={}",
                e.status.as_str(),
                e.date.as_deref().unwrap_or(""),
                e.place.as_deref().unwrap_or(""),
                e.participants.join("|"),
                e.actors.join("|")
            );
            self.row(&a.path, "event", &e.trigger, e.kind.as_str(), &e.cameo, &extra)?;
        }
        Ok(())
    }

    fn wants_summary(&self) -> bool {
        false
    }

    fn finish(&mut self, _: &Summary) -> io::Result<()> {
        if !self.header {
            self.out
                .write_record(["path", "kind", "text", "start", "end", "value", "id", "extra"])
                .map_err(io::Error::other)?;
        }
        self.out.flush()
    }
}
