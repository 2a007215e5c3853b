//! Helpers shared by the integration tests: run the real binary, parse its output.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The path of the built `aussage` binary.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_aussage")
}

/// Runs `aussage ARGS` in `dir` with `stdin` as standard input.
pub fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("help: the aussage binary should start");
    {
        let mut input = child.stdin.take().expect("stdin");
        // The tool may exit before reading all of stdin; that is not a test failure.
        let _ = input.write_all(stdin);
    }
    child
        .wait_with_output()
        .expect("help: aussage should finish")
}

/// Runs `aussage ARGS` in the crate root.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, stdin)
}

/// Parses JSONL output into values (panics with the output on a bad line).
pub fn jsonl(out: &Output) -> Vec<Value> {
    let text = String::from_utf8(out.stdout.clone()).expect("help: output must be UTF-8");
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

/// The exit code.
pub fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

/// Stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Checks the span invariant on a record: every span's `text` equals its slice of
/// `text` in character offsets, sentences ordered and non-overlapping and covering
/// every non-blank character.
pub fn check_spans(record: &Value, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let slice = |s: usize, e: usize| -> String { chars[s..e].iter().collect() };
    let check = |v: &Value, what: &str| {
        let s = v["start"].as_u64().expect("start") as usize;
        let e = v["end"].as_u64().expect("end") as usize;
        assert!(
            s <= e && e <= chars.len(),
            "{what}: span {s}..{e} outside text of {}",
            chars.len()
        );
        assert_eq!(
            v["text"].as_str().unwrap(),
            slice(s, e),
            "{what}: text differs from its slice"
        );
    };
    let mut covered = vec![false; chars.len()];
    let mut last_end = 0;
    for s in record["sentences"].as_array().into_iter().flatten() {
        check(s, "sentence");
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert!(
            a >= last_end,
            "sentences overlap or are out of order at {a}"
        );
        last_end = b;
        for c in covered.iter_mut().take(b).skip(a) {
            *c = true;
        }
    }
    if record.get("sentences").is_some() {
        for (i, c) in chars.iter().enumerate() {
            if !is_blank(*c) {
                assert!(covered[i], "non-blank char {c:?} at {i} is in no sentence");
            }
        }
    }
    for key in ["tokens", "entities", "quantities"] {
        for v in record[key].as_array().into_iter().flatten() {
            check(v, key);
        }
    }
    for c in record["claims"].as_array().into_iter().flatten() {
        check(&c["content"], "claim content");
        for key in ["speaker", "cue", "addressee"] {
            if c[key].is_object() {
                check(&c[key], key);
            }
        }
    }
}

/// Characters a sentence need not cover (the library's own definition).
pub fn is_blank(c: char) -> bool {
    aussage::segment::is_blank(c)
}
