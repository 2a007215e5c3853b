//! The `aussage` command line: argument parsing, input discovery, a parallel
//! ordered map over documents, and output. All language work is in the library.
//!
//! Exit status: 0 when every document was processed, 1 when some failed (each
//! failure has an error record and one line on stderr), 2 for a usage error or a
//! failure of the tool itself. A closed pipe (`| head`) ends quietly with 0.

/// mimalloc's option `purge_delay` (its index in mimalloc 3's `mi_option_t`).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc 3 keeps freed pages for a second before it returns them, which on a
/// single document of tens of megabytes lets peak RSS grow by half; after 10 ms
/// it stays near glibc's (90 instead of 115 MiB for a 20 MB JSONL line) and a
/// folder of articles still sees only a few dozen `madvise` calls.
fn release_freed_memory_soon() {
    // SAFETY: sets one integer option of the allocator; any value is valid, and
    // no other thread runs yet.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) };
}

mod allocator;

/// mimalloc: 6 % faster than the system allocator over a folder of articles on
/// one thread (7 % fewer instructions; the stages make many small strings and
/// vectors), at about the same peak memory once its arenas are committed on
/// demand (see `.cargo/config.toml`); called as `allocator.rs` explains.
/// The library leaves the choice of allocator to its user.
#[global_allocator]
static GLOBAL: allocator::MiMalloc = allocator::MiMalloc;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use aussage::input::sources::{SourceOptions, Sources};
use aussage::input::Job;
use aussage::lexicon::Lexicons;
use aussage::output::{self, Format, Serialized, StreamWriter};
use aussage::{batch, ErrorKind, Pipeline, PipelineOptions, Record, Stages};

#[derive(Parser, Debug)]
#[command(
    name = "aussage",
    version,
    about = "German news text → JSON records: sentences, entities, quantities, claims",
    long_about = None
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract records from files, directories, stdin or JSONL.
    Extract(ExtractArgs),
    /// Score the pipeline on annotated articles (gold in the record format plus `text`).
    Eval(EvalArgs),
}

#[derive(clap::Args, Debug)]
struct EvalArgs {
    /// Gold JSONL: one record a line with the document's `text` and the annotated
    /// arrays (`sentences`, `quantities`, `entities`, `claims`).
    gold: PathBuf,

    /// What to score [default: every task whose array the gold has].
    #[arg(long, value_name = "TASK", value_parser = ["sentences", "quantities", "entities", "claims"])]
    task: Vec<String>,

    /// Entities: score only these labels (e.g. PER,LOC,ORG).
    #[arg(long, value_name = "LIST")]
    labels: Option<String>,

    /// Entities: leave out deriv/part entities.
    #[arg(long)]
    ignore_subtypes: bool,

    /// List up to N misses and false hits with their context.
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "50", default_value_t = 0)]
    errors: usize,

    /// Extra lexicon files, as for `extract`.
    #[arg(long, value_name = "DIR")]
    lexicon_dir: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
struct ExtractArgs {
    /// Files or directories to read; `-` or nothing reads stdin.
    paths: Vec<PathBuf>,

    /// What the input is: plain text documents, or JSONL lines {"id","text",...}.
    #[arg(long, value_enum, default_value_t = InputKind::Text)]
    input: InputKind,

    /// Output format [default: json for one text document, jsonl otherwise].
    #[arg(long, value_enum)]
    format: Option<FormatArg>,

    /// Write one record file per document under DIR (mirroring the input ids)
    /// instead of writing to stdout.
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,

    /// Worker threads [default: the number of CPUs].
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,

    /// Run only these stages (and what they need): sentences,quantities,entities,claims.
    #[arg(long, value_name = "LIST")]
    only: Option<String>,

    /// Add the tokens to each record.
    #[arg(long)]
    tokens: bool,

    /// Add to every entity, quantity and claim the `rule` (rule name or lexicon
    /// entry) that produced it.
    #[arg(long)]
    explain: bool,

    /// In directories, only files whose path or name matches this glob (repeatable).
    #[arg(long, value_name = "PATTERN")]
    glob: Vec<String>,

    /// Also read hidden files and folders in directories.
    #[arg(long)]
    hidden: bool,

    /// Refuse documents (or JSONL lines) larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024)]
    max_bytes: u64,

    /// Extra lexicon files (same names as the built-in ones in lexicons/ add to them).
    #[arg(long, value_name = "DIR")]
    lexicon_dir: Option<PathBuf>,

    /// Give up on a document after this many milliseconds (an error record of kind
    /// `timeout`; the batch goes on). 0: no limit.
    #[arg(long, value_name = "MS", default_value_t = 60_000)]
    timeout_ms: u64,

    /// With --output: skip documents whose record file already exists and is not
    /// older than the input (continue an interrupted run).
    #[arg(long, requires = "output")]
    resume: bool,

    /// No progress bar and no summary on stderr (errors are still reported).
    #[arg(short, long)]
    quiet: bool,
}

/// What became of one job.
enum Outcome {
    /// A record (or error record), serialised.
    Done(Serialized),
    /// Skipped by --resume: its record is already there.
    Skipped,
}

/// A very large document: processed chunk by chunk, each chunk's sections
/// serialised and spilled at once, so that neither the stages' working data nor the
/// record is ever whole in memory (see `aussage::chunked`).
fn process_in_chunks(
    pipeline: &Pipeline,
    doc: &aussage::Document,
    stages: Stages,
    deadline: Option<Instant>,
    format: Format,
) -> Serialized {
    let spill_error =
        |e: io::Error| aussage::Error::document(ErrorKind::Io, format!("spilling the record: {e}"));
    let mut writer = output::SpillWriter::new(format);
    let result = pipeline
        .chunks(doc, stages, deadline)
        .try_for_each(|chunk| writer.push(chunk?).map_err(spill_error))
        .and_then(|()| writer.finish().map_err(spill_error));
    result.unwrap_or_else(|e| {
        output::serialize(
            &Record::error(doc.id.clone(), e.kind().as_str(), e.to_string()),
            format,
        )
    })
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum InputKind {
    Text,
    Jsonl,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Json,
    Jsonl,
    Html,
}

fn main() -> ExitCode {
    release_freed_memory_soon();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("aussage: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Eval(args) => eval(args),
    }
}

fn eval(args: EvalArgs) -> Result<ExitCode> {
    use aussage::eval::{evaluate, EvalOptions, Task};
    let content = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("reading {}", args.gold.display()))?;
    let mut gold = Vec::new();
    for (n, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not valid JSON", args.gold.display(), n + 1))?;
        if !v["text"].is_string() || !v["id"].is_string() {
            return Err(usage(&format!(
                "{}:{}: a gold line needs a string \"id\" and \"text\"",
                args.gold.display(),
                n + 1
            )));
        }
        gold.push(v);
    }
    let tasks: Vec<Task> = if args.task.is_empty() {
        [
            Task::Sentences,
            Task::Quantities,
            Task::Entities,
            Task::Claims,
        ]
        .into_iter()
        .filter(|t| gold.iter().any(|g| g.get(t.key()).is_some()))
        .collect()
    } else {
        args.task.iter().filter_map(|t| Task::parse(t)).collect()
    };
    let lexicons = match &args.lexicon_dir {
        Some(dir) => Lexicons::from_dir(dir)
            .with_context(|| format!("reading --lexicon-dir {}", dir.display()))?,
        None => Lexicons::default(),
    };
    let pipeline = Pipeline::with_options(&PipelineOptions { lexicons })?;
    let opts = EvalOptions {
        labels: args
            .labels
            .as_ref()
            .map(|l| l.split(',').map(|s| s.trim().to_string()).collect()),
        ignore_subtypes: args.ignore_subtypes,
        errors: args.errors,
    };
    let mut out = io::stdout().lock();
    for task in tasks {
        let report = evaluate(&pipeline, &gold, task, &opts);
        writeln!(out, "== {} ({} documents)", task.key(), gold.len())?;
        for line in &report.lines {
            writeln!(out, "{line}")?;
        }
        for e in &report.errors {
            writeln!(out, "  {e}")?;
        }
        writeln!(out, "{}", report.summary_line())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    // Validate everything that was typed before doing any work.
    let mut stages = match &args.only {
        Some(list) => Stages::parse_only(list).map_err(|e| usage(&e))?,
        None => Stages::ALL,
    };
    stages.tokens = args.tokens;
    stages.explain = args.explain;
    let glob = if args.glob.is_empty() {
        None
    } else {
        let mut builder = globset::GlobSetBuilder::new();
        for g in &args.glob {
            builder.add(globset::Glob::new(g).map_err(|e| usage(&format!("--glob {g}: {e}")))?);
        }
        Some(builder.build().map_err(|e| usage(&e.to_string()))?)
    };
    let jsonl = args.input == InputKind::Jsonl;
    let single_text_doc = !jsonl
        && args.paths.len() <= 1
        && args
            .paths
            .first()
            .is_none_or(|p| p.as_os_str() == "-" || !p.is_dir());
    let format = match args.format {
        Some(FormatArg::Json) => Format::Json,
        Some(FormatArg::Jsonl) => Format::Jsonl,
        Some(FormatArg::Html) => Format::Html,
        None if single_text_doc => Format::Json,
        None => Format::Jsonl,
    };
    let threads = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);

    // Build the working objects.
    let lexicons = match &args.lexicon_dir {
        Some(dir) => Lexicons::from_dir(dir)
            .with_context(|| format!("reading --lexicon-dir {}", dir.display()))?,
        None => Lexicons::default(),
    };
    // Never dropped: its tables (some 10 MB of small allocations) go back to the
    // OS with the process, and freeing them one by one took half a millisecond
    // of every run's start-up budget.
    let pipeline: &Pipeline = Box::leak(Box::new(Pipeline::with_options(&PipelineOptions {
        lexicons,
    })?));
    let sources = Sources::new(
        &args.paths,
        SourceOptions {
            jsonl,
            hidden: args.hidden,
            glob,
            max_bytes: args.max_bytes,
        },
    );

    let progress = (!args.quiet && io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} documents, {per_sec} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar
    });

    // Ctrl-C: stop taking new documents, finish and write the ones in flight.
    // A second Ctrl-C ends the process at once.
    let interrupted = Arc::new(AtomicBool::new(false));
    {
        let flag = Arc::clone(&interrupted);
        let _ = ctrlc::set_handler(move || {
            if flag.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    }
    let sources = {
        let flag = Arc::clone(&interrupted);
        sources.take_while(move |_| !flag.load(Ordering::SeqCst))
    };

    let max_bytes = args.max_bytes;
    let timeout = (args.timeout_ms > 0).then(|| Duration::from_millis(args.timeout_ms));
    let resume_dir = args.output.as_deref().filter(|_| args.resume);
    let process_job = |job: Job| -> Outcome {
        let standalone = args.output.is_some();
        let (record, doc) = match job.load(max_bytes) {
            Ok(doc) => {
                // A JSONL line's id is known only now; its record counts as done
                // when it exists (the line has no date of its own).
                if jsonl
                    && resume_dir
                        .is_some_and(|dir| output::record_path(dir, &doc.id, false).exists())
                {
                    return Outcome::Skipped;
                }
                let deadline = timeout.map(|t| Instant::now() + t);
                if aussage::chunked::is_large(&doc.text) && format != Format::Html {
                    return Outcome::Done(process_in_chunks(
                        pipeline, &doc, stages, deadline, format,
                    ));
                }
                let record = pipeline
                    .process_until(&doc, stages, deadline)
                    .unwrap_or_else(|e| {
                        Record::error(doc.id.clone(), e.kind().as_str(), e.to_string())
                    });
                (record, Some(doc))
            }
            Err((id, err)) => (
                Record::error(id, err.kind().as_str(), err.to_string()),
                None,
            ),
        };
        let text = doc.as_ref().map(|d| d.text.as_str());
        Outcome::Done(output::serialize_with_text(
            &record, text, format, standalone,
        ))
    };

    let work = |job: Job| -> Outcome {
        if let (Some(dir), Job::File { id, path }) = (resume_dir, &job) {
            if record_is_current(&output::record_path(dir, id, false), path) {
                return Outcome::Skipped;
            }
        }
        let id = job.id().to_string();
        // A bug in a stage must cost one document, not the batch.
        let processed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process_job(job)));
        match processed {
            Ok(outcome) => outcome,
            Err(_) => Outcome::Done(output::serialize(
                &Record::error(
                    id,
                    ErrorKind::Internal.as_str(),
                    "internal error while processing this document (a bug: please report it)",
                ),
                format,
            )),
        }
    };

    let mut failed = 0usize;
    let mut write_failures = 0usize;
    let mut done = 0usize;
    let mut skipped = 0usize;
    // Counts and reports one outcome; returns the record to write, if any.
    let mut report = |outcome: Outcome| -> Option<Serialized> {
        if let Some(bar) = &progress {
            bar.inc(1);
        }
        let rec = match outcome {
            Outcome::Skipped => {
                skipped += 1;
                return None;
            }
            Outcome::Done(rec) => rec,
        };
        done += 1;
        if rec.is_error {
            failed += 1;
            let message = rec.error.as_deref().unwrap_or("failed");
            match &progress {
                Some(bar) => bar.println(format!("aussage: {}: {message}", rec.id)),
                None => eprintln!("aussage: {}: {message}", rec.id),
            }
        }
        Some(rec)
    };

    match &args.output {
        Some(dir) => {
            if let Err(e) = std::fs::create_dir_all(dir) {
                eprintln!(
                    "aussage: cannot create output folder {}: {e}",
                    dir.display()
                );
                return Ok(ExitCode::from(1));
            }
            batch::run_ordered(sources, threads, work, |outcome| -> Result<()> {
                let Some(rec) = report(outcome) else {
                    return Ok(());
                };
                let path = output::record_path_with(dir, &rec.id, rec.is_error, format.extension());
                if let Err(e) = output::write_atomic(&path, &rec) {
                    if !rec.is_error {
                        write_failures += 1;
                    }
                    eprintln!("aussage: {}: cannot write {}: {e}", rec.id, path.display());
                }
                Ok(())
            })?;
        }
        None => {
            let stdout = io::stdout().lock();
            let out = io::BufWriter::with_capacity(1 << 16, stdout);
            let mut writer = StreamWriter::new(out, format, !single_text_doc);
            let written =
                batch::run_ordered(sources, threads, work, |outcome| match report(outcome) {
                    Some(rec) => writer.write_owned(rec),
                    None => Ok(()),
                })
                .and_then(|()| writer.finish());
            if let Err(e) = written {
                if e.kind() == io::ErrorKind::BrokenPipe {
                    return Ok(ExitCode::SUCCESS);
                }
                eprintln!("aussage: writing to stdout: {e}");
                return Ok(ExitCode::from(1));
            }
        }
    }
    failed += write_failures;
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    let stopped = interrupted.load(Ordering::SeqCst);
    if !args.quiet && (args.output.is_some() || done + skipped > 1 || stopped) {
        let skipped_note = if skipped > 0 {
            format!(", {skipped} skipped (already done)")
        } else {
            String::new()
        };
        let stop_note = if stopped { " (interrupted)" } else { "" };
        eprintln!("aussage: {done} documents, {failed} failed{skipped_note}{stop_note}");
    }
    io::stderr().flush().ok();
    Ok(if stopped {
        ExitCode::from(130)
    } else if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// True when `record` exists and is not older than `input` (for --resume).
fn record_is_current(record: &Path, input: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(record), modified(input)) {
        (Some(r), Some(i)) => r >= i,
        _ => false,
    }
}

/// A usage error: exit status 2 via the error path.
fn usage(message: &str) -> anyhow::Error {
    anyhow::anyhow!("usage: {message}")
}

#[cfg(test)]
mod tests {
    use super::MI_OPTION_PURGE_DELAY;

    #[test]
    fn purge_delay_index_names_mimallocs_purge_delay() {
        // mimalloc 3's purge_delay defaults to 1,000 ms, a value no neighbouring
        // option has: a mimalloc update that moves the option fails here.
        // SAFETY: reads one integer option.
        let default = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(
            default, 1000,
            "help: look up mi_option_purge_delay's index in mimalloc.h"
        );
    }
}
