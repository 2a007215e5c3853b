//! The property Spark `RDD.pipe` and Hadoop Streaming rely on: running
//! `aussage extract --input jsonl` on parts of a file in separate processes and
//! concatenating the outputs gives exactly one run's output.

mod common;

use common::run;

#[test]
fn parts_in_separate_processes_concatenate_to_one_run() {
    let lines: Vec<String> = (0..300)
        .map(|i| {
            let text = format!(
                "Meldung {i}: Die Ministerin sagte am {}. März, man werde {} Millionen Euro bereitstellen. „Wir handeln“, betonte sie.",
                i % 28 + 1,
                i * 7
            );
            serde_json::json!({"id": format!("doc-{i}"), "text": text, "ressort": "Politik"}).to_string()
        })
        .collect();
    let whole = lines.join("\n") + "\n";
    let one = run(
        &["extract", "--input", "jsonl", "-j", "2"],
        whole.as_bytes(),
    );
    assert_eq!(one.status.code(), Some(0));

    let mut concatenated = Vec::new();
    for part in lines.chunks(77) {
        let input = part.join("\n") + "\n";
        let out = run(
            &["extract", "--input", "jsonl", "-j", "1"],
            input.as_bytes(),
        );
        assert_eq!(out.status.code(), Some(0));
        concatenated.extend_from_slice(&out.stdout);
    }
    assert!(
        one.stdout == concatenated,
        "help: a split run must give the same bytes as one run"
    );
    assert_eq!(common::jsonl(&one).len(), 300);
}
