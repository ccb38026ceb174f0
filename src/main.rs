//! `corpus`: parse flags, run, turn errors into exit statuses
//! (0 all inputs read; 1 some could not be; 2 bad usage or no input).

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use clap::{CommandFactory, Parser};
use indicatif::{ProgressBar, ProgressStyle};

use corpus::check::CheckSink;
use corpus::cli::{CheckArgs, Cli, Color, Command, ScanArgs, Shell, StdinFormat, TrainArgs};
use corpus::gazetteer::{Gazetteer, NameIndex};
use corpus::input::{self, InputOptions};
use corpus::lexicon::entities::entity_lexicon;
use corpus::report;
use corpus::scan::{ScanOptions, scan};

/// Extraction allocates many small strings and vectors per article, freed
/// together; mimalloc serves that pattern faster than the system allocator.
#[global_allocator]
static GLOBAL: corpus::allocator::Mimalloc = corpus::allocator::Mimalloc;

/// Articles before a progress bar is worth showing.
const PROGRESS_AFTER: usize = 200;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(args) => run_scan(&args),
        Command::Check(args) => run_check(&args),
        Command::Train(args) => run_train(&args).map(|()| ExitCode::SUCCESS),
        Command::Schema => print_out(corpus::schema::ARTICLE_SCHEMA).map(|()| ExitCode::SUCCESS),
        Command::Completions { shell } => completions(shell).map(|()| ExitCode::SUCCESS),
        Command::Manpage => manpage().map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corpus: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn completions(shell: Shell) -> anyhow::Result<()> {
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    let mut out = io::stdout().lock();
    clap_complete::generate(shell, &mut Cli::command(), "corpus", &mut out);
    out.flush()?;
    Ok(())
}

fn manpage() -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    out.flush()?;
    Ok(())
}

fn print_out(s: &str) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// The built-in names, plus those of `--gazetteer` files. A file that
/// cannot be read, or holds a bad entry, is a usage error: every bad entry
/// is named with its line, and nothing is scanned with half a gazetteer.
fn name_index(files: &[PathBuf]) -> anyhow::Result<Option<Arc<NameIndex>>> {
    if files.is_empty() {
        return Ok(None);
    }
    let mut gazetteer = Gazetteer::builtin();
    for file in files {
        if let Err(errors) = gazetteer.add_file(file) {
            let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
            anyhow::bail!("bad --gazetteer file:\n  {}", lines.join("\n  "));
        }
    }
    Ok(Some(Arc::new(NameIndex::new(gazetteer, entity_lexicon()))))
}

/// `corpus train`: rebuild the tagger's models from labelled data and
/// report how they do on the held-out part.
fn run_train(args: &TrainArgs) -> anyhow::Result<()> {
    let opts = corpus::tagger::train::TrainOptions {
        data: args.data.clone(),
        out: args.out.clone(),
        epochs: args.epochs,
        bits: args.bits,
        tune: args.tune,
    };
    let mut err = io::stderr().lock();
    corpus::tagger::train::train_all(&opts, &mut err)
}

/// With `--summary`, a sink that prints only the run's summary.
fn summary_only<'a>(args: &ScanArgs, sink: Box<dyn report::Sink + 'a>) -> Box<dyn report::Sink + 'a> {
    if args.summary {
        Box::new(report::SummaryOnly { inner: sink })
    } else {
        sink
    }
}

/// `corpus check`: status 1 on any difference or unread input, 0 when every
/// checked article matches.
fn run_check(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let opts = ScanOptions {
        threads: args.threads,
        reference_date: args.reference_date,
        names: name_index(&args.gazetteer)?,
        model: !args.no_model,
        ..ScanOptions::default()
    };
    let stdout = io::stdout().lock();
    let mut sink = CheckSink::new(BufWriter::new(stdout), args.bless);
    let mut on_notice = |n: &input::Notice| eprintln!("corpus: {n}");
    let outcome = scan(&args.paths, &opts, &mut sink, &mut on_notice, &mut |_, _| {})?;
    if outcome.articles == 0 && outcome.unread == 0 {
        anyhow::bail!("no articles found in {}", args.paths.join(", "));
    }
    let failed = sink.counts.differing > 0 || outcome.unread > 0;
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn run_scan(args: &ScanArgs) -> anyhow::Result<ExitCode> {
    let opts = ScanOptions {
        input: InputOptions {
            extensions: args.ext.iter().map(|e| e.trim_start_matches('.').to_string()).collect(),
            text_field: args.text_field.clone(),
            max_bytes: args.max_bytes,
            stdin_format: match args.stdin_format {
                StdinFormat::Auto => input::StdinFormat::Auto,
                StdinFormat::Text => input::StdinFormat::Text,
                StdinFormat::Jsonl => input::StdinFormat::Jsonl,
            },
        },
        threads: args.threads,
        only: args.kinds(),
        reference_date: args.reference_date,
        names: name_index(&args.gazetteer)?,
        model: !args.no_model,
    };
    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let quiet = args.quiet;
    let mut on_notice = |n: &input::Notice| {
        if n.unread {
            eprintln!("corpus: {n}");
        } else if !quiet {
            eprintln!("corpus: warning: {n}");
        }
    };
    let show_progress = !quiet && io::stderr().is_terminal();
    let mut bar: Option<ProgressBar> = None;
    let mut on_progress = |articles: usize, bytes: u64| {
        if !show_progress || articles < PROGRESS_AFTER {
            return;
        }
        let b = bar.get_or_insert_with(|| {
            let b = ProgressBar::new_spinner();
            b.set_style(
                ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            b
        });
        b.set_message(format!("{articles} articles, {:.1} MB", bytes as f64 / 1e6));
        b.tick();
    };

    let outcome = match &args.output {
        None => {
            let stdout = io::stdout().lock();
            let mut sink = summary_only(
                args,
                report::sink(args.format, BufWriter::with_capacity(1 << 16, stdout), color),
            );
            scan(&args.paths, &opts, sink.as_mut(), &mut on_notice, &mut on_progress)?
        }
        Some(path) => {
            let (tmp, file) = temp_beside(path)?;
            let mut sink = summary_only(
                args,
                report::sink(args.format, BufWriter::with_capacity(1 << 16, file), color),
            );
            let outcome = scan(&args.paths, &opts, sink.as_mut(), &mut on_notice, &mut on_progress);
            drop(sink);
            match outcome {
                Ok(o) => {
                    // On disk before it takes the old file's place.
                    File::open(&tmp)
                        .and_then(|f| f.sync_all())
                        .and_then(|()| std::fs::rename(&tmp, path))
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    o
                }
                Err(e) => {
                    let _ = std::fs::remove_file(&tmp);
                    return Err(anyhow::Error::new(e).context(format!("cannot write {}", path.display())));
                }
            }
        }
    };
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(if outcome.articles == 0 && outcome.unread == 0 {
        eprintln!("corpus: no articles found in {}", args.paths.join(", "));
        ExitCode::from(2)
    } else if outcome.unread > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A new temporary file beside `path`, renamed into place when the run is
/// done, so an interrupted run leaves the old file or none, never half a file.
fn temp_beside(path: &Path) -> anyhow::Result<(std::path::PathBuf, File)> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let file = File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    Ok((tmp, file))
}
