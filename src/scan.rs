//! A scan: read inputs on one thread, extract in parallel in bounded
//! batches, hand records to the sink in input order.

use std::io;
use std::ops::ControlFlow;
use std::sync::{Arc, mpsc};
use std::thread;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::extract::{Context, Kinds, Pipeline};
use crate::gazetteer::NameIndex;
use crate::input::{self, InputOptions, Item, Job, Notice};
use crate::model::Article;
use crate::report::summary::SummaryBuilder;
use crate::report::{RecordWriter, Sink};
use crate::text::Document;

/// What a scan does.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub input: InputOptions,
    /// Worker threads; 0 lets rayon choose (one per core).
    pub threads: usize,
    /// The kinds reported.
    pub only: Kinds,
    /// `--reference-date`.
    pub reference_date: Option<Date>,
    /// The names to look for when `--gazetteer` adds to the built-in ones;
    /// `None`: the built-in index, built only if people, places or events
    /// are wanted.
    pub names: Option<Arc<NameIndex>>,
    /// Whether the tagger adds names the rules miss (`--no-model` clears it).
    pub model: bool,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            input: InputOptions::default(),
            threads: 0,
            only: Kinds::ALL,
            reference_date: None,
            names: None,
            model: true,
        }
    }
}

/// How a scan went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanOutcome {
    pub articles: usize,
    /// Inputs that could not be read.
    pub unread: usize,
}

/// Articles per batch, and bytes of text per batch: enough to keep every
/// core busy, few enough to bound memory whatever the corpus size.
const BATCH_JOBS: usize = 256;
const BATCH_BYTES: usize = 16 << 20;

/// Extract one article's record from its text and metadata.
pub fn process(job: Job, pipeline: &Pipeline, flag_date: Option<Date>) -> Article {
    let mut article = Article::new(job.path);
    article.id = job.id;
    article.url = job.url;
    article.title = job.title;
    article.warnings = job.warnings;
    let doc = Document::new(job.text);
    let mut ctx = Context {
        record_date: job.record_date,
        flag_date,
        reference: None,
        names: None,
    };
    pipeline.run(&doc, &mut ctx, &mut article);
    article
}

/// Extract from one text, as `corpus scan` would from a file holding it.
pub fn extract_text(text: &str, path: &str, opts: &ScanOptions) -> Article {
    let job = Job {
        path: path.to_string(),
        text: text.to_string(),
        ..Job::default()
    };
    process(
        job,
        &Pipeline::standard(opts.only, opts.names.clone(), opts.model),
        opts.reference_date,
    )
}

/// Scan `paths`, sending records to `sink` in input order and notices to
/// `on_notice` as they come. `on_progress` hears the article count.
///
/// One thread reads, one hands batches to the pool, and the calling thread
/// writes. When the extracting threads take every core, they also write
/// the records of a sink that writes each from its article alone
/// ([`Sink::record_writer`], JSONL), each thread those of its articles:
/// the writer then has only bytes to pass on, and each article is written
/// and freed on the thread that made it, whose caches still hold it. One
/// extracting thread of two cores leaves the writing to the writer, on a
/// core of its own (`writes_ahead`).
///
/// Neither the reader nor the writer is woken by the extraction: each
/// looks for room or for records every `POLL`. Linux tends to put a
/// woken thread on the core of the thread that woke it, and a reader or writer
/// woken by the extraction stopped it there for the milliseconds a batch
/// takes to read or write while the other core idled: the extracting
/// thread of a one-thread scan stood still 6% of the time (docs/speed-log.md,
/// round 15).
pub fn scan(
    paths: &[String],
    opts: &ScanOptions,
    sink: &mut dyn Sink,
    on_notice: &mut dyn FnMut(&Notice),
    on_progress: &mut dyn FnMut(usize, u64),
) -> io::Result<ScanOutcome> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(io::Error::other)?;
    let cores = thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let ahead = writes_ahead(pool.current_num_threads(), cores);
    scan_in(paths, opts, &pool, ahead, sink, on_notice, on_progress)
}

/// Whether the extracting threads write the records (where the sink
/// allows it), rather than the writer: when they are as many as the cores.
/// A writer beside them then takes its turns on a core they share, its
/// work waits on theirs and theirs on its, and it reads each article from
/// another core's memory and frees it there (freeing another thread's
/// blocks is the slow path of the allocator). With a core to itself, the
/// writer works beside the extraction, not in its time: one extracting
/// thread of two cores that also wrote the records ran some 6% slower
/// (median of twelve pairs, 100 MB, JSONL); two ran 2–10% faster.
fn writes_ahead(workers: usize, cores: usize) -> bool {
    workers >= cores
}

/// [`scan`] on `pool`, the extracting threads writing records when `ahead`
/// ([`writes_ahead`]) and the sink allows it.
fn scan_in(
    paths: &[String],
    opts: &ScanOptions,
    pool: &rayon::ThreadPool,
    ahead: bool,
    sink: &mut dyn Sink,
    on_notice: &mut dyn FnMut(&Notice),
    on_progress: &mut dyn FnMut(usize, u64),
) -> io::Result<ScanOutcome> {
    let record_writer = sink.record_writer().filter(|_| ahead && !sink.wants_summary());
    let pipeline = Pipeline::standard(opts.only, opts.names.clone(), opts.model);
    let (tx, rx) = mpsc::sync_channel::<Vec<Item>>(2);
    let (done_tx, done_rx) = mpsc::sync_channel::<Extracted>(2);
    thread::scope(|scope| {
        scope.spawn(move || read(paths, &opts.input, &tx));
        let pipeline = &pipeline;
        scope.spawn(move || {
            for batch in rx {
                let mut notices = Vec::new();
                let mut jobs = Vec::with_capacity(batch.len());
                for item in batch {
                    match item {
                        Item::Notice(n) => notices.push(n),
                        Item::Job(j) => jobs.push(j),
                    }
                }
                let articles: Vec<Done> = pool.install(|| {
                    // Split down to single articles: rayon otherwise stops
                    // splitting after a few halvings, and at a batch's end
                    // one thread worked through a run of articles alone
                    // while the others, with nothing left to steal, idled.
                    jobs.into_par_iter()
                        .with_max_len(1)
                        .map(|j| done(process(j, pipeline, opts.reference_date), record_writer))
                        .collect()
                });
                if done_tx.send((notices, articles)).is_err() {
                    return; // the writing stopped
                }
            }
        });
        let mut writer = Writer {
            wants_summary: sink.wants_summary(),
            sink,
            on_notice,
            on_progress,
            summary: SummaryBuilder::default(),
            outcome: ScanOutcome::default(),
            bytes_done: 0,
        };
        let written = (|| {
            while let Some(done) = poll(|| match done_rx.try_recv() {
                Ok(done) => Some(Some(done)),
                Err(mpsc::TryRecvError::Empty) => None,
                Err(mpsc::TryRecvError::Disconnected) => Some(None),
            }) {
                writer.write(done)?;
            }
            writer.finish()
        })();
        // On error, dropping the receiver stops the extraction at its next
        // send, and so the reading at its next.
        drop(done_rx);
        written
    })
}

/// How often the reader looks for room and the writer for records when
/// they have nothing else to do: a batch takes tens of milliseconds.
const POLL: std::time::Duration = std::time::Duration::from_millis(1);

/// After this many looks in vain (a batch's time and more: the input has
/// gone quiet, a stream on standard input waiting for its next record),
/// the pause doubles up to [`POLL_IDLE`], so that a scan waiting on a
/// quiet stream wakes ten times a second, not a thousand.
const PATIENT_LOOKS: u32 = 250;
const POLL_IDLE: std::time::Duration = std::time::Duration::from_millis(100);

/// Ask `ready` every [`POLL`] until it answers (less often once it has
/// long not: [`PATIENT_LOOKS`]).
fn poll<T>(mut ready: impl FnMut() -> Option<T>) -> T {
    let (mut pause, mut looks) = (POLL, 0u32);
    loop {
        if let Some(answer) = ready() {
            return answer;
        }
        thread::sleep(pause);
        looks = looks.saturating_add(1);
        if looks > PATIENT_LOOKS {
            pause = (pause * 2).min(POLL_IDLE);
        }
    }
}

/// Read `paths` into batches for `tx`, until all are read or the
/// extraction stops.
fn read(paths: &[String], opts: &InputOptions, tx: &mpsc::SyncSender<Vec<Item>>) {
    let mut batch = Vec::new();
    let mut bytes = 0;
    let hand_over = |batch: Vec<Item>| {
        let mut batch = Some(batch);
        poll(|| match tx.try_send(batch.take()?) {
            Ok(()) => Some(ControlFlow::Continue(())),
            Err(mpsc::TrySendError::Full(back)) => {
                batch = Some(back);
                None
            }
            Err(mpsc::TrySendError::Disconnected(_)) => Some(ControlFlow::Break(())), // the writing stopped
        })
    };
    input::read_paths(paths, opts, &mut |item| {
        if let Item::Job(j) = &item {
            bytes += j.text.len();
        }
        batch.push(item);
        if batch.len() >= BATCH_JOBS || bytes >= BATCH_BYTES {
            bytes = 0;
            return hand_over(std::mem::take(&mut batch));
        }
        ControlFlow::Continue(())
    });
    if !batch.is_empty() {
        let _ = hand_over(batch);
    }
}

/// A batch's notices and records, as extracted.
type Extracted = (Vec<Notice>, Vec<Done>);

/// An article as the extracting thread hands it to the writer.
#[expect(
    clippy::large_enum_variant,
    reason = "a batch held its articles by value before; a box would add an allocation an article"
)]
enum Done {
    /// For the sink to write.
    Article(Article),
    /// Its record, written by the sink's [`RecordWriter`], and the size of
    /// its text.
    Written { record: Vec<u8>, bytes: usize },
}

/// `article` as handed to the writer: its record written by `write`, if
/// given.
fn done(article: Article, write: Option<RecordWriter>) -> Done {
    match write {
        Some(write) => {
            // A record is some twice its text (the text of its spans, names
            // and keys): room enough that it is seldom grown.
            let mut record = Vec::with_capacity(2 * article.bytes + 1024);
            write(&mut record, &article);
            Done::Written {
                record,
                bytes: article.bytes,
            }
        }
        None => Done::Article(article),
    }
}

/// Where records go, with what is counted of them.
struct Writer<'a> {
    sink: &'a mut dyn Sink,
    on_notice: &'a mut dyn FnMut(&Notice),
    on_progress: &'a mut dyn FnMut(usize, u64),
    wants_summary: bool,
    summary: SummaryBuilder,
    outcome: ScanOutcome,
    bytes_done: u64,
}

impl Writer<'_> {
    /// A batch's notices, then its records.
    fn write(&mut self, (notices, articles): Extracted) -> io::Result<()> {
        for n in &notices {
            if n.unread {
                self.outcome.unread += 1;
            }
            (self.on_notice)(n);
        }
        for done in &articles {
            let bytes = match done {
                Done::Article(a) => {
                    self.sink.article(a)?;
                    if self.wants_summary {
                        self.summary.add(a);
                    }
                    a.bytes
                }
                Done::Written { record, bytes } => {
                    self.sink.written(record)?;
                    *bytes
                }
            };
            self.outcome.articles += 1;
            self.bytes_done += bytes as u64;
        }
        (self.on_progress)(self.outcome.articles, self.bytes_done);
        Ok(())
    }

    fn finish(mut self) -> io::Result<ScanOutcome> {
        self.summary.unread(self.outcome.unread);
        self.sink.finish(&self.summary.finish())?;
        Ok(self.outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Kind;
    use crate::report::summary::Summary;

    /// Keeps each record's path and date values; fails at article `fail_at`.
    #[derive(Default)]
    struct Kept {
        records: Vec<(String, Vec<String>)>,
        fail_at: Option<usize>,
        finished: bool,
    }

    impl Sink for Kept {
        fn article(&mut self, article: &Article) -> io::Result<()> {
            if self.fail_at == Some(self.records.len()) {
                return Err(io::Error::other("disk full"));
            }
            let values = article
                .dates
                .iter()
                .filter_map(|d| d.value.as_ref().map(|v| v.to_string()))
                .collect();
            self.records.push((article.path.clone(), values));
            Ok(())
        }

        fn finish(&mut self, _: &Summary) -> io::Result<()> {
            self.finished = true;
            Ok(())
        }
    }

    /// 600 articles, three batches, each naming its own day of 2024; and a
    /// path that does not exist between two of them.
    fn corpus() -> (tempfile::TempDir, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for i in 0..600u32 {
            let path = dir.path().join(format!("{i:04}.txt"));
            let (month, day) = (1 + i / 28 % 12, 1 + i % 28);
            std::fs::write(
                &path,
                format!("The talks were held on {day} March 2024 and again on 2024-{month:02}-{day:02}."),
            )
            .unwrap();
            paths.push(path.to_str().unwrap().to_string());
            if i == 300 {
                paths.push(dir.path().join("missing.txt").to_str().unwrap().to_string());
            }
        }
        (dir, paths)
    }

    fn options(threads: usize) -> ScanOptions {
        ScanOptions {
            threads,
            only: Kinds::of(&[Kind::Dates]),
            ..ScanOptions::default()
        }
    }

    #[test]
    fn records_come_in_input_order_across_batches_on_any_thread_count() {
        let (_dir, paths) = corpus();
        for threads in [1, 2] {
            let mut sink = Kept::default();
            let mut notices = Vec::new();
            let mut progress = Vec::new();
            let outcome = scan(
                &paths,
                &options(threads),
                &mut sink,
                &mut |n| notices.push(n.path.clone()),
                &mut |articles, _| progress.push(articles),
            )
            .unwrap();
            assert_eq!(
                outcome,
                ScanOutcome {
                    articles: 600,
                    unread: 1
                }
            );
            assert!(sink.finished);
            let expected: Vec<String> = paths.iter().filter(|p| !p.ends_with("missing.txt")).cloned().collect();
            let got: Vec<String> = sink.records.iter().map(|(p, _)| p.clone()).collect();
            assert_eq!(got, expected, "{threads} threads");
            // Each record holds its own article's dates.
            assert_eq!(sink.records[0].1, ["2024-03-01", "2024-01-01"]);
            assert_eq!(sink.records[599].1, ["2024-03-12", "2024-10-12"]);
            assert_eq!(notices.len(), 1);
            assert!(notices[0].ends_with("missing.txt"));
            // Progress is told once a batch, counting up to every article.
            assert_eq!(progress.last(), Some(&600));
            assert!(progress.windows(2).all(|w| w[0] <= w[1]));
        }
    }

    #[test]
    fn records_written_by_the_extracting_threads_are_those_the_sink_writes() {
        use crate::report::json::JsonlSink;
        let (_dir, paths) = corpus();
        // Every extractor: records with people, places and events too.
        let opts = |threads| ScanOptions {
            threads,
            ..ScanOptions::default()
        };
        let jsonl = |threads: usize, ahead: bool| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let mut out = Vec::new();
            let mut progress = 0;
            let outcome = scan_in(
                &paths,
                &opts(threads),
                &pool,
                ahead,
                &mut JsonlSink::new(&mut out),
                &mut |_| {},
                &mut |_, bytes| progress = bytes,
            )
            .unwrap();
            assert_eq!((outcome.articles, outcome.unread), (600, 1));
            (String::from_utf8(out).unwrap(), progress)
        };
        let (by_writer, progress) = jsonl(1, false);
        let lines: Vec<&str> = by_writer.lines().collect();
        assert_eq!(lines.len(), 600);
        assert!(lines[0].contains("0000.txt") && lines[0].contains("\"value\":\"2024-03-01\""));
        assert!(lines[599].contains("0599.txt") && lines[599].contains("\"value\":\"2024-10-12\""));
        for (threads, ahead) in [(1, true), (2, true), (2, false)] {
            assert_eq!(
                jsonl(threads, ahead),
                (by_writer.clone(), progress),
                "{threads} threads, ahead {ahead}"
            );
        }
    }

    #[test]
    fn the_extracting_threads_write_records_when_they_take_every_core() {
        assert!(!writes_ahead(1, 2));
        assert!(writes_ahead(2, 2));
        assert!(writes_ahead(1, 1));
        assert!(writes_ahead(8, 4));
    }

    #[test]
    fn a_sink_that_needs_articles_is_handed_articles() {
        // `Kept` has no record writer: written ahead or not, it sees each article.
        let (_dir, paths) = corpus();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let mut sink = Kept::default();
        scan_in(&paths, &options(2), &pool, true, &mut sink, &mut |_| {}, &mut |_, _| {}).unwrap();
        assert_eq!(sink.records.len(), 600);
        assert_eq!(sink.records[599].1, ["2024-03-12", "2024-10-12"]);
    }

    #[test]
    fn polling_asks_until_answered() {
        let mut asked = 0;
        let answer = poll(|| {
            asked += 1;
            (asked == 3).then_some("ready")
        });
        assert_eq!((answer, asked), ("ready", 3));
    }

    #[test]
    fn a_failing_sink_stops_the_scan_with_its_error() {
        let (_dir, paths) = corpus();
        for threads in [1, 2] {
            let mut sink = Kept {
                fail_at: Some(280),
                ..Kept::default()
            };
            let err = scan(&paths, &options(threads), &mut sink, &mut |_| {}, &mut |_, _| {}).unwrap_err();
            assert_eq!(err.to_string(), "disk full");
            // What came before the failure was written, in order; nothing after, and no summary.
            assert_eq!(sink.records.len(), 280);
            assert!(sink.records[279].0.ends_with("0279.txt"));
            assert!(!sink.finished);
        }
    }
}
