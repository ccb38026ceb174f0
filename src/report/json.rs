//! `jsonl` (one record per line) and `json` (one streamed document).

use std::io::{self, Write};

use super::record::write_article;
use super::{Sink, Summary};
use crate::model::Article;

pub struct JsonlSink<W: Write> {
    out: W,
    /// A record is written here, then to `out` in one piece.
    record: Vec<u8>,
}

impl<W: Write> JsonlSink<W> {
    pub fn new(out: W) -> Self {
        JsonlSink {
            out,
            record: Vec::new(),
        }
    }
}

impl<W: Write> Sink for JsonlSink<W> {
    fn article(&mut self, a: &Article) -> io::Result<()> {
        self.record.clear();
        write_article(&mut self.record, a);
        self.record.push(b'\n');
        self.out.write_all(&self.record)
    }

    fn wants_summary(&self) -> bool {
        false
    }

    fn finish(&mut self, _: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

/// `{"articles": [...], "summary": {...}}`, written as articles arrive.
pub struct JsonSink<W: Write> {
    out: W,
    count: usize,
    /// As [`JsonlSink`]'s.
    record: Vec<u8>,
}

impl<W: Write> JsonSink<W> {
    pub fn new(out: W) -> Self {
        JsonSink {
            out,
            count: 0,
            record: Vec::new(),
        }
    }
}

impl<W: Write> Sink for JsonSink<W> {
    fn article(&mut self, a: &Article) -> io::Result<()> {
        self.out
            .write_all(if self.count == 0 { b"{\"articles\":[\n" } else { b",\n" })?;
        self.count += 1;
        self.record.clear();
        write_article(&mut self.record, a);
        self.out.write_all(&self.record)
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        self.out
            .write_all(if self.count == 0 { b"{\"articles\":[" } else { b"\n" })?;
        self.out.write_all(b"],\"summary\":")?;
        serde_json::to_writer(&mut self.out, summary)?;
        self.out.write_all(b"}\n")?;
        self.out.flush()
    }
}
