//! `jsonl` (one record per line) and `json` (one streamed document).

use std::io::{self, Write};

use super::{Sink, Summary};
use crate::model::Article;

pub struct JsonlSink<W: Write> {
    out: W,
}

impl<W: Write> JsonlSink<W> {
    pub fn new(out: W) -> Self {
        JsonlSink { out }
    }
}

impl<W: Write> Sink for JsonlSink<W> {
    fn article(&mut self, a: &Article) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, a)?;
        self.out.write_all(b"\n")
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
}

impl<W: Write> JsonSink<W> {
    pub fn new(out: W) -> Self {
        JsonSink { out, count: 0 }
    }
}

impl<W: Write> Sink for JsonSink<W> {
    fn article(&mut self, a: &Article) -> io::Result<()> {
        self.out
            .write_all(if self.count == 0 { b"{\"articles\":[\n" } else { b",\n" })?;
        self.count += 1;
        serde_json::to_writer(&mut self.out, a)?;
        Ok(())
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
