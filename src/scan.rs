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
use crate::report::Sink;
use crate::report::summary::SummaryBuilder;
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
    let pipeline = Pipeline::standard(opts.only, opts.names.clone(), opts.model);
    let mut summary = SummaryBuilder::default();
    let wants_summary = sink.wants_summary();
    let mut outcome = ScanOutcome::default();
    let (tx, rx) = mpsc::sync_channel::<Vec<Item>>(2);
    let input_opts = opts.input.clone();
    let paths = paths.to_vec();
    let reader = thread::spawn(move || {
        let mut batch = Vec::new();
        let mut bytes = 0;
        input::read_paths(&paths, &input_opts, &mut |item| {
            if let Item::Job(j) = &item {
                bytes += j.text.len();
            }
            batch.push(item);
            if batch.len() >= BATCH_JOBS || bytes >= BATCH_BYTES {
                bytes = 0;
                if tx.send(std::mem::take(&mut batch)).is_err() {
                    return ControlFlow::Break(()); // the writer stopped
                }
            }
            ControlFlow::Continue(())
        });
        if !batch.is_empty() {
            let _ = tx.send(batch);
        }
    });
    let mut bytes_done = 0u64;
    // Batches are extracted on their own thread while this one writes the
    // batch before: the pool never waits for the sink.
    let result = thread::scope(|scope| {
        let (done_tx, done_rx) = mpsc::sync_channel::<(Vec<Notice>, Vec<Article>)>(1);
        let pipeline = &pipeline;
        let pool = &pool;
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
                let articles: Vec<Article> = pool.install(|| {
                    jobs.into_par_iter()
                        .map(|j| process(j, pipeline, opts.reference_date))
                        .collect()
                });
                if done_tx.send((notices, articles)).is_err() {
                    return; // the writer stopped
                }
            }
        });
        let result = (|| {
            for (notices, articles) in &done_rx {
                // A batch's notices go out before its records.
                for n in &notices {
                    if n.unread {
                        outcome.unread += 1;
                    }
                    on_notice(n);
                }
                for a in &articles {
                    sink.article(a)?;
                    if wants_summary {
                        summary.add(a);
                    }
                    outcome.articles += 1;
                    bytes_done += a.bytes as u64;
                }
                on_progress(outcome.articles, bytes_done);
            }
            summary.unread(outcome.unread);
            sink.finish(&summary.finish())
        })();
        // On error, dropping the receiver stops the extraction at its next send.
        drop(done_rx);
        result
    });
    // Dropping the receiver (on error) stops the reader at its next send.
    let _ = reader.join();
    result.map(|()| outcome)
}
