//! Nothing lost: full disks, unwritable outputs, kills, interrupts, resumes and
//! time limits, each on the real binary.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{code, jsonl, run_in, stderr};
use serde_json::Value;

fn make_batch(root: &Path, n: usize, repeat: usize) {
    fs::create_dir_all(root.join("in")).unwrap();
    for i in 0..n {
        let text = format!(
            "Meldung {i}. „Wir handeln“, sagte die Ministerin am Montag. Die Kosten lägen bei {i} Millionen Euro.\n"
        )
        .repeat(repeat);
        fs::write(root.join(format!("in/doc{i:04}.txt")), text).unwrap();
    }
}

/// Every `*.json` record file under `dir` (recursively) parses as a record.
fn all_records_complete(dir: &Path) -> usize {
    let mut n = 0;
    for entry in walk(dir) {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".json") {
            let bytes = fs::read(&entry).unwrap();
            let v: Value = serde_json::from_slice(&bytes)
                .unwrap_or_else(|e| panic!("help: partial record file {}: {e}", entry.display()));
            assert_eq!(v["schema"], "aussage.v1");
            n += 1;
        }
    }
    n
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[cfg(target_os = "linux")]
#[test]
fn full_disk_on_stdout_is_a_clear_error_with_exit_1() {
    let dev_full = fs::OpenOptions::new().write(true).open("/dev/full");
    let Ok(dev_full) = dev_full else {
        eprintln!("skipped: /dev/full is not available here");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    make_batch(dir.path(), 50, 5);
    let out = Command::new(common::bin())
        .args(["extract", "in"])
        .current_dir(dir.path())
        .stdout(dev_full)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("writing to stdout") && err.contains("No space left"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
}

#[test]
fn unwritable_output_folder_is_a_clear_error_with_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    make_batch(dir.path(), 3, 1);
    fs::write(dir.path().join("blocker"), "a file, not a folder").unwrap();
    let out = run_in(dir.path(), &["extract", "in", "-o", "blocker/out"], b"");
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(
        err.contains("blocker/out"),
        "help: the message names the path: {err}"
    );
}

#[test]
fn a_record_that_cannot_be_written_is_reported_and_the_others_are_written() {
    let dir = tempfile::tempdir().unwrap();
    make_batch(dir.path(), 3, 1);
    // A file where doc0001's record would go makes that one write fail.
    fs::create_dir_all(dir.path().join("out/in/doc0001.txt.json")).unwrap();
    let out = run_in(dir.path(), &["extract", "in", "-o", "out"], b"");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("doc0001.txt.json"),
        "{}",
        stderr(&out)
    );
    assert!(dir.path().join("out/in/doc0000.txt.json").is_file());
    assert!(dir.path().join("out/in/doc0002.txt.json").is_file());
    let leftovers: Vec<_> = walk(&dir.path().join("out"))
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "help: temporary files left: {leftovers:?}"
    );
}

#[test]
fn resume_skips_current_records_and_redoes_changed_inputs() {
    let dir = tempfile::tempdir().unwrap();
    make_batch(dir.path(), 6, 1);
    let first = run_in(dir.path(), &["extract", "in", "-o", "out"], b"");
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    // Change one input after its record was written.
    std::thread::sleep(Duration::from_millis(20));
    fs::write(
        dir.path().join("in/doc0002.txt"),
        "Neuer Text. Ganz anders.",
    )
    .unwrap();
    let second = run_in(dir.path(), &["extract", "in", "-o", "out", "--resume"], b"");
    assert_eq!(code(&second), 0);
    assert!(
        stderr(&second).contains("1 documents, 0 failed, 5 skipped"),
        "{}",
        stderr(&second)
    );
    let rec: Value =
        serde_json::from_slice(&fs::read(dir.path().join("out/in/doc0002.txt.json")).unwrap())
            .unwrap();
    assert_eq!(rec["sentences"][0]["text"], "Neuer Text.");
}

#[cfg(unix)]
fn send_signal(pid: u32, signal: &str) {
    let status = Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Waits until at least `n` record files exist under `dir` (or a time limit passes).
fn wait_for_records(dir: &Path, n: usize) {
    for _ in 0..400 {
        let count = walk(dir)
            .iter()
            .filter(|p| p.to_string_lossy().ends_with(".json"))
            .count();
        if count >= n {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[cfg(unix)]
#[test]
fn sigkill_leaves_no_partial_record_and_resume_completes_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    make_batch(dir.path(), 400, 40);
    let child = Command::new(common::bin())
        .args(["extract", "in", "-o", "out", "-j", "2"])
        .current_dir(dir.path())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_records(&dir.path().join("out"), 20);
    send_signal(child.id(), "-KILL");
    let _ = child.wait_with_output();
    let before = all_records_complete(&dir.path().join("out"));
    let resumed = run_in(dir.path(), &["extract", "in", "-o", "out", "--resume"], b"");
    assert_eq!(code(&resumed), 0, "{}", stderr(&resumed));
    assert_eq!(
        all_records_complete(&dir.path().join("out")),
        400,
        "help: {before} were there before resuming"
    );
}

#[cfg(unix)]
#[test]
fn sigint_stops_after_the_documents_in_flight_with_whole_lines() {
    let dir = tempfile::tempdir().unwrap();
    make_batch(dir.path(), 3000, 20);
    let child = Command::new(common::bin())
        .args(["extract", "in", "-j", "2"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    send_signal(child.id(), "-INT");
    let out = child.wait_with_output().unwrap();
    let recs = jsonl(&out); // panics on a cut line
    if out.status.code() == Some(130) {
        assert!(
            recs.len() < 3000,
            "help: an interrupted run should stop early"
        );
        assert!(stderr(&out).contains("interrupted"), "{}", stderr(&out));
    } else {
        // The machine was fast enough to finish before the signal.
        assert_eq!(recs.len(), 3000);
    }
    for (i, r) in recs.iter().enumerate() {
        assert_eq!(
            r["id"],
            format!("in/doc{i:04}.txt"),
            "help: records in order, none missing"
        );
    }
}

#[test]
fn a_document_over_the_time_limit_gets_a_timeout_record_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("in")).unwrap();
    let big = "Der Minister sagte am 3. Oktober, die Kosten lägen bei 40 Milliarden Euro. "
        .repeat(100_000);
    fs::write(dir.path().join("in/a_big.txt"), big).unwrap();
    fs::write(dir.path().join("in/b_small.txt"), "Kurz.").unwrap();
    let out = run_in(dir.path(), &["extract", "in", "--timeout-ms", "1"], b"");
    let recs = jsonl(&out);
    assert_eq!(
        recs[0]["error"]["kind"],
        "timeout",
        "{:?}",
        recs[0].get("error")
    );
    assert_eq!(code(&out), 1);
    assert_eq!(recs.len(), 2);
}

#[test]
fn a_document_over_the_chunk_threshold_comes_out_whole_and_consistent() {
    // 2.4 MB: processed in chunks and spilled (src/chunked.rs); the record must still
    // be one valid record whose spans are their slices, with ids numbered 1..n.
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 2_400_000 {
        text.push_str(&format!(
            "Im Jahr {} seien rund {} Besucher nach Bremen gekommen, sagte Bürgermeister Hans Keller. ",
            1900 + i % 120,
            1000 + i
        ));
        if i % 7 == 6 {
            text.push_str("\n\n");
        }
        i += 1;
    }
    fs::write(dir.path().join("big.txt"), &text).unwrap();
    let out = run_in(
        dir.path(),
        &["extract", "big.txt", "--format", "jsonl"],
        b"",
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let records = jsonl(&out);
    assert_eq!(records.len(), 1);
    let rec = &records[0];
    common::check_spans(rec, &text);
    assert_eq!(rec["source"]["bytes"], text.len());
    let sentences = rec["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), i, "one sentence per generated sentence");
    for (key, prefix) in [("quantities", "q"), ("entities", "e"), ("claims", "c")] {
        let list = rec[key].as_array().unwrap();
        assert!(!list.is_empty(), "{key}");
        for (n, item) in list.iter().enumerate() {
            assert_eq!(item["id"], format!("{prefix}{}", n + 1), "{key}");
        }
    }
    let claims = rec["claims"].as_array().unwrap();
    assert_eq!(claims.len(), i, "one claim per sentence");
    let last = claims.last().unwrap();
    assert_eq!(last["sentence"], i - 1);
    let speaker_entity = last["speaker"]["entity"].as_str().unwrap();
    let entity = rec["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == speaker_entity)
        .expect("the speaker's entity id points into this record");
    assert_eq!(entity["sentence"], i - 1);
}
