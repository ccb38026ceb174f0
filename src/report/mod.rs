//! Reporters: they only format what the extractors found. Each output format
//! is a [`Sink`] that receives articles in input order, then the summary.

pub mod csv;
pub mod geojson;
pub mod json;
pub mod record;
pub mod summary;
pub mod table;
pub mod width;

use std::io;

use crate::model::Article;
pub use summary::Summary;

/// Where articles go.
pub trait Sink {
    fn article(&mut self, article: &Article) -> io::Result<()>;
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;

    /// Whether `finish` reads the summary: when not, the scan does not build one.
    fn wants_summary(&self) -> bool {
        true
    }

    /// How this sink writes an article's record, when each record is
    /// written from its article alone (no summary, nothing carried from
    /// one record to the next): the scan may then have the extracting
    /// threads write the records, in parallel, and hand the sink the bytes
    /// ([`Sink::written`]) in input order. `None`: the sink needs each article.
    fn record_writer(&self) -> Option<RecordWriter> {
        None
    }

    /// A record written by [`Sink::record_writer`], as [`Sink::article`]
    /// would have written it.
    fn written(&mut self, record: &[u8]) -> io::Result<()> {
        let _ = record;
        Err(io::Error::other(
            "this output takes articles, not records written for it",
        ))
    }
}

/// Writes an article's record, as a [`Sink`] would, to the end of a buffer.
pub type RecordWriter = fn(&mut Vec<u8>, &Article);

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Aligned tables for people to read.
    #[default]
    Table,
    /// One document: {"articles": [...], "summary": {...}}.
    Json,
    /// One article record per line, streamed.
    Jsonl,
    /// One row per mention, with a header row.
    Csv,
    /// The places of the whole run as a GeoJSON FeatureCollection.
    Geojson,
}

/// The serialised name of a unit enum (`"relative"` for `Resolved::Relative`).
pub(crate) fn enum_str<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// A sink for `format` writing to `out`.
pub fn sink<'a, W: io::Write + 'a>(format: Format, out: W, color: bool) -> Box<dyn Sink + 'a> {
    match format {
        Format::Table => Box::new(table::TableSink::new(out, color)),
        Format::Json => Box::new(json::JsonSink::new(out)),
        Format::Jsonl => Box::new(json::JsonlSink::new(out)),
        Format::Csv => Box::new(csv::CsvSink::new(out)),
        Format::Geojson => Box::new(geojson::GeoJsonSink::new(out)),
    }
}

/// Only the summary of a run (`scan --summary`): articles are counted, not
/// printed.
pub struct SummaryOnly<'a> {
    pub inner: Box<dyn Sink + 'a>,
}

impl Sink for SummaryOnly<'_> {
    fn article(&mut self, _: &Article) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        self.inner.finish(summary)
    }
}
