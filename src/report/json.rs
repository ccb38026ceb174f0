//! `jsonl` (one record per line) and `json` (one streamed document).

use std::io::{self, Write};

use super::record::write_article;
use super::{RecordWriter, Sink, Summary};
use crate::model::Article;

pub struct JsonlSink<W: Write> {
    out: W,
    /// Records are written here, then to `out` some [`BATCH`] bytes at a
    /// time: a write that large passes a `BufWriter`'s buffer by, so the
    /// bytes are not copied again.
    records: Vec<u8>,
}

/// How many bytes of records [`JsonlSink`] holds before it writes them.
const BATCH: usize = 1 << 16;

impl<W: Write> JsonlSink<W> {
    pub fn new(out: W) -> Self {
        JsonlSink {
            out,
            records: Vec::with_capacity(2 * BATCH),
        }
    }
}

/// An article's line of JSONL: its record and a line break.
fn jsonl_record(out: &mut Vec<u8>, a: &Article) {
    write_article(out, a);
    out.push(b'\n');
}

impl<W: Write> Sink for JsonlSink<W> {
    fn article(&mut self, a: &Article) -> io::Result<()> {
        jsonl_record(&mut self.records, a);
        self.take_records()
    }

    fn wants_summary(&self) -> bool {
        false
    }

    fn record_writer(&self) -> Option<RecordWriter> {
        Some(jsonl_record)
    }

    fn written(&mut self, record: &[u8]) -> io::Result<()> {
        self.records.extend_from_slice(record);
        self.take_records()
    }

    fn finish(&mut self, _: &Summary) -> io::Result<()> {
        self.write_records()?;
        self.out.flush()
    }
}

impl<W: Write> JsonlSink<W> {
    /// Write the records held once they pass [`BATCH`] bytes.
    fn take_records(&mut self) -> io::Result<()> {
        if self.records.len() >= BATCH {
            self.write_records()?;
        }
        Ok(())
    }

    fn write_records(&mut self) -> io::Result<()> {
        // Cleared whatever the write's result: records that failed to go
        // are not tried again when the sink is dropped.
        let result = self.out.write_all(&self.records);
        self.records.clear();
        result
    }
}

impl<W: Write> Drop for JsonlSink<W> {
    /// Records not yet written go out with the sink, as a `BufWriter`'s
    /// buffer does (an error then has no one to tell).
    fn drop(&mut self) {
        let _ = self.write_records();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    /// A writer whose bytes a test reads after the sink is gone, and that
    /// fails every write once `fail` is set.
    #[derive(Clone, Default)]
    struct Shared {
        bytes: std::rc::Rc<std::cell::RefCell<Vec<u8>>>,
        fail: bool,
    }

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.fail {
                return Err(io::Error::other("disk full"));
            }
            self.bytes.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Articles enough for several batches, each told by its path.
    fn articles() -> Vec<Article> {
        (0..2000).map(|i| Article::new(format!("a/{i:04}.txt"))).collect()
    }

    fn expected(articles: &[Article]) -> Vec<u8> {
        let mut out = Vec::new();
        for a in articles {
            out.extend_from_slice(serde_json::to_string(a).unwrap().as_bytes());
            out.push(b'\n');
        }
        out
    }

    #[test]
    fn records_go_out_in_order_in_batches_and_all_by_the_finish() {
        let articles = articles();
        let want = expected(&articles);
        assert!(want.len() > 3 * BATCH, "{} bytes", want.len());
        let out = Shared::default();
        let mut sink = JsonlSink::new(out.clone());
        let mut end = 0;
        for a in &articles {
            sink.article(a).unwrap();
            end += serde_json::to_string(a).unwrap().len() + 1;
            // What is written is the records' start, and less than a batch
            // of them is held back.
            let written = out.bytes.borrow().len();
            assert_eq!(out.bytes.borrow()[..], want[..written], "{}", a.path);
            assert!(
                written <= end && end - written < BATCH,
                "{}: {written} of {end}",
                a.path
            );
        }
        sink.finish(&Summary::default()).unwrap();
        assert_eq!(*out.bytes.borrow(), want);
        // Nothing more when it is dropped.
        drop(sink);
        assert_eq!(*out.bytes.borrow(), want);
    }

    #[test]
    fn records_held_back_go_out_when_the_sink_is_dropped() {
        let articles = articles();
        let out = Shared::default();
        let mut sink = JsonlSink::new(out.clone());
        for a in &articles[..3] {
            sink.article(a).unwrap();
        }
        assert!(out.bytes.borrow().is_empty());
        drop(sink);
        assert_eq!(*out.bytes.borrow(), expected(&articles[..3]));
    }

    #[test]
    fn a_failed_write_is_reported() {
        let articles = articles();
        let mut sink = JsonlSink::new(Shared {
            fail: true,
            ..Shared::default()
        });
        let first_error = articles.iter().find_map(|a| sink.article(a).err());
        assert_eq!(first_error.map(|e| e.to_string()).as_deref(), Some("disk full"));
        let mut sink = JsonlSink::new(Shared {
            fail: true,
            ..Shared::default()
        });
        sink.article(&articles[0]).unwrap();
        assert!(sink.finish(&Summary::default()).is_err());
    }
}
