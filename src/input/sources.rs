//! The command line's paths → an ordered, lazy stream of [`Job`]s.
//!
//! Text mode: a file is one document; a directory is walked recursively in sorted
//! order (hidden entries skipped unless asked, `--glob` selects, symlinks followed
//! with loop detection: a loop becomes an error record, the walk goes on); `-` is
//! stdin. JSONL mode: each non-blank line of each file (or stdin) is one document.
//! Nothing is read ahead: memory stays bounded whatever the number of inputs.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use globset::GlobSet;

use crate::error::{Error, ErrorKind};
use crate::input::jsonl::{CappedLines, Line};
use crate::input::{too_large, Job};

/// How paths are turned into jobs.
#[derive(Debug, Clone)]
pub struct SourceOptions {
    /// Each input line is a JSON document.
    pub jsonl: bool,
    /// Walk into hidden files and folders.
    pub hidden: bool,
    /// Only files whose path matches (directories only; explicit files always count).
    pub glob: Option<GlobSet>,
    /// The largest document (or JSONL line) accepted.
    pub max_bytes: u64,
}

/// The stdin marker used as a path and as the id of a stdin document.
pub const STDIN: &str = "-";

/// An iterator of jobs over the given paths (an empty list means stdin).
pub struct Sources {
    opts: SourceOptions,
    pending: VecDeque<PathBuf>,
    current: Current,
}

enum Current {
    None,
    Walk(walkdir::IntoIter, PathBuf),
    Lines(CappedLines<Box<dyn BufRead + Send>>, String),
}

impl Sources {
    /// Prepares the stream; nothing is opened yet.
    pub fn new(paths: &[PathBuf], opts: SourceOptions) -> Self {
        let mut pending: VecDeque<PathBuf> = paths.iter().cloned().collect();
        if pending.is_empty() {
            pending.push_back(PathBuf::from(STDIN));
        }
        Sources {
            opts,
            pending,
            current: Current::None,
        }
    }

    fn start(&mut self, path: PathBuf) -> Option<Job> {
        let id = path_id(&path);
        let is_stdin = path.as_os_str() == STDIN;
        if self.opts.jsonl {
            let reader: Box<dyn BufRead + Send> = if is_stdin {
                Box::new(BufReader::with_capacity(1 << 16, io::stdin()))
            } else {
                match File::open(&path) {
                    Ok(f) if f.metadata().map(|m| m.is_dir()).unwrap_or(false) => {
                        return Some(failed(id, "is a directory (--input jsonl reads files)"));
                    }
                    Ok(f) => Box::new(BufReader::with_capacity(1 << 16, f)),
                    Err(e) => return Some(failed(id, &e.to_string())),
                }
            };
            self.current = Current::Lines(CappedLines::new(reader, self.opts.max_bytes), id);
            return None;
        }
        if is_stdin {
            let mut bytes = Vec::new();
            let read = io::stdin()
                .lock()
                .take(self.opts.max_bytes + 1)
                .read_to_end(&mut bytes);
            return Some(match read {
                Err(e) => failed(id, &e.to_string()),
                Ok(n) if n as u64 > self.opts.max_bytes => Job::Failed {
                    id,
                    error: too_large(n as u64, self.opts.max_bytes),
                },
                Ok(_) => Job::Bytes { id, bytes },
            });
        }
        match std::fs::metadata(&path) {
            Err(e) => Some(failed(id, &e.to_string())),
            Ok(m) if m.is_dir() => {
                let walk = walkdir::WalkDir::new(&path)
                    .follow_links(true)
                    // By name: siblings share their parent's path, so comparing
                    // whole paths orders them as their names, without parsing each
                    // path for its name on every comparison (`sort_by_file_name`).
                    .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
                    .into_iter();
                self.current = Current::Walk(walk, path);
                None
            }
            Ok(_) => Some(Job::File { id, path }),
        }
    }

    fn next_walked(&mut self) -> Option<Option<Job>> {
        let Current::Walk(walk, root) = &mut self.current else {
            return None;
        };
        loop {
            let entry = match walk.next()? {
                Ok(entry) => entry,
                Err(e) => {
                    let id = e.path().map(path_id).unwrap_or_else(|| path_id(root));
                    let msg = if e.loop_ancestor().is_some() {
                        "symbolic link loop, not followed".to_string()
                    } else {
                        e.io_error()
                            .map(|io| io.to_string())
                            .unwrap_or_else(|| e.to_string())
                    };
                    return Some(Some(failed(id, &msg)));
                }
            };
            if entry.depth() > 0 && !self.opts.hidden && is_hidden(entry.file_name()) {
                if entry.file_type().is_dir() {
                    walk.skip_current_dir();
                }
                continue;
            }
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.into_path();
            if let Some(glob) = &self.opts.glob {
                if !glob.is_match(&path) && !path.file_name().is_some_and(|n| glob.is_match(n)) {
                    continue;
                }
            }
            return Some(Some(Job::File {
                id: path_id(&path),
                path,
            }));
        }
    }

    fn next_line(&mut self) -> Option<Option<Job>> {
        let Current::Lines(lines, file_id) = &mut self.current else {
            return None;
        };
        match lines.next_line() {
            Ok(None) => None,
            Ok(Some((no, line))) => {
                let fallback_id = format!("{file_id}:{no}");
                Some(Some(match line {
                    Line::Text(line) => Job::JsonlLine { fallback_id, line },
                    Line::TooLong(n) => Job::Failed {
                        id: fallback_id,
                        error: too_large(n, self.opts.max_bytes),
                    },
                }))
            }
            Err(e) => {
                let id = format!("{file_id}:{}", lines.line_no() + 1);
                self.current = Current::None;
                Some(Some(failed(id, &format!("read error: {e}"))))
            }
        }
    }
}

impl Iterator for Sources {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        loop {
            let step = match self.current {
                Current::None => None,
                Current::Walk(..) => self.next_walked(),
                Current::Lines(..) => self.next_line(),
            };
            match step {
                Some(Some(job)) => return Some(job),
                Some(None) => continue,
                None => {
                    self.current = Current::None;
                    let path = self.pending.pop_front()?;
                    if let Some(job) = self.start(path) {
                        return Some(job);
                    }
                }
            }
        }
    }
}

fn failed(id: String, message: &str) -> Job {
    Job::Failed {
        id,
        error: Error::document(ErrorKind::Io, message),
    }
}

/// The record id of a path: the path as given, `/`-separated.
pub fn path_id(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|s| s.starts_with('.'))
}
