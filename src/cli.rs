//! The command line: every flag documented where it is defined.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::extract::Kind;
use crate::report::Format;

#[derive(Debug, Parser)]
#[command(
    name = "corpus",
    version,
    about = "Extract dates, people, places and events from news in Bengali, Hindi and English."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles and report what they say.
    Scan(ScanArgs),
    /// Compare each article with the expected file beside it (X.expected.json
    /// for X.txt, X.N.expected.json for line N of X.jsonl); exit 1 on any
    /// difference. `--bless` writes the expected files from the current output.
    Check(CheckArgs),
    /// Rebuild the tagger's models (`data/model/*.tagger`) from the labelled
    /// data, deterministically, and print how each does on data it was not
    /// trained on.
    Train(TrainArgs),
    /// Print the JSON Schema of the article record.
    Schema,
    /// Print shell completions for bash, zsh or fish.
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff).
    Manpage,
}

/// Shells `corpus completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to check (read as `corpus scan` reads them).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<String>,

    /// Write (or overwrite) every expected file from the current output,
    /// so a reviewer sees the change in the diff.
    #[arg(long)]
    pub bless: bool,

    /// Add people and places from a gazetteer file, as for `scan`.
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,

    /// Resolve relative dates against this day when an article prints none.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub reference_date: Option<jiff::civil::Date>,

    /// Worker threads; 0 means one per core.
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// Names from the rules alone, without the tagger.
    #[arg(long)]
    pub no_model: bool,
}

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// The folder of labelled data (`bn-rifat1493-train.txt`,
    /// `hi-ilner-train.txt`, `hi-ilner-dev.txt`).
    #[arg(long, value_name = "DIR", default_value = "../shared/train")]
    pub data: PathBuf,

    /// Where the models are written.
    #[arg(long, value_name = "DIR", default_value = "data/model")]
    pub out: PathBuf,

    /// Passes over the training sentences.
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub epochs: usize,

    /// Feature buckets: 2^BITS per model.
    #[arg(long, value_name = "BITS", default_value_t = 18)]
    pub bits: u32,

    /// Train on nine tenths of the training data and report on the tenth
    /// left, writing no model: for choosing features and settings without
    /// touching the held-out data.
    #[arg(long)]
    pub tune: bool,
}

/// When to colour the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Color {
    /// On a terminal, unless NO_COLOR is set.
    #[default]
    Auto,
    Always,
    Never,
}

/// How standard input (`-`) is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum StdinFormat {
    /// JSONL if the first non-blank character is `{`, else one text article.
    #[default]
    Auto,
    /// One article.
    Text,
    /// One article per line.
    Jsonl,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files and folders to read (folders recursively, in sorted order,
    /// hidden entries skipped); `-` reads standard input.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<String>,

    /// Output format: table for people, json/jsonl/csv for programs.
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Report only these kinds (comma-separated): dates, people, places, events.
    #[arg(long, value_delimiter = ',', value_name = "KINDS")]
    pub only: Vec<Kind>,

    /// Add people and places from a gazetteer file (TSV or JSON; see the
    /// README). May be given more than once. Bad entries are reported with
    /// their line and skipped.
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,

    /// Resolve relative dates against this day (YYYY-MM-DD) when an article
    /// prints no date of its own and its record gives none.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub reference_date: Option<jiff::civil::Date>,

    /// File endings read from folders (comma-separated, without dots);
    /// `jsonl` files hold one article per line. Files named on the command
    /// line are always read.
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "EXTS",
        default_value = "txt,md,text,jsonl"
    )]
    pub ext: Vec<String>,

    /// The JSONL field that holds the article text.
    #[arg(long, value_name = "FIELD", default_value = "text")]
    pub text_field: String,

    /// Skip articles (files, or JSONL lines) larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024)]
    pub max_bytes: u64,

    /// How standard input is read.
    #[arg(long, value_enum, default_value_t = StdinFormat::Auto)]
    pub stdin_format: StdinFormat,

    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// Write the output to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Colour the table.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,

    /// No progress bar and no warnings on standard error (errors still show).
    #[arg(short, long)]
    pub quiet: bool,

    /// Names from the rules alone, without the tagger.
    #[arg(long)]
    pub no_model: bool,

    /// Print only what the whole run says (table or json): the people and
    /// places named most, events by type and status, a timeline of dated
    /// events, and who appears with whom.
    #[arg(long)]
    pub summary: bool,
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse::<jiff::civil::Date>()
        .map_err(|e| format!("'{s}' is not a date YYYY-MM-DD: {e}"))
}

impl ScanArgs {
    /// The kinds to report: all when `--only` is absent.
    pub fn kinds(&self) -> crate::extract::Kinds {
        if self.only.is_empty() {
            crate::extract::Kinds::ALL
        } else {
            crate::extract::Kinds::of(&self.only)
        }
    }
}
