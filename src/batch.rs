//! The batch runner: a parallel map over a lazy stream of jobs, results handed
//! to a sink in input order, with bounded memory.
//!
//! `threads` workers (the calling thread and `threads - 1` more) take the next job
//! from the iterator themselves (reading a directory or a JSONL stream, one at a
//! time under a lock) and process it; the calling thread, between its own jobs,
//! puts the results back in input order and hands them to the sink as soon as the
//! next one in order is ready. No barrier: a long document
//! holds back only the output behind it, never the workers. A worker does not
//! start a job more than `threads × WINDOW_PER_THREAD` places ahead of the sink,
//! so memory stays bounded whatever the size of the batch, and the output order is
//! the input order for any thread count. (No separate producer or writer thread:
//! handing every job and result over between threads cost thread switches per
//! document, a third of the second thread's gain on two cores.)

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::{Condvar, Mutex};

/// How many jobs per thread may be between the producer and the sink.
pub const WINDOW_PER_THREAD: usize = 16;

/// Runs `work` over `jobs` on `threads` threads and hands every result to `sink`
/// in input order. Stops at the first sink error and returns it.
pub fn run_ordered<J, O, E>(
    jobs: impl Iterator<Item = J> + Send,
    threads: usize,
    work: impl Fn(J) -> O + Sync,
    mut sink: impl FnMut(O) -> Result<(), E>,
) -> Result<(), E>
where
    J: Send,
    O: Send,
{
    let threads = threads.max(1);
    if threads == 1 {
        for job in jobs {
            sink(work(job))?;
        }
        return Ok(());
    }
    let window = threads * WINDOW_PER_THREAD;
    let stop = AtomicBool::new(false);
    let written = (Mutex::new(0usize), Condvar::new());
    // The iterator and how many jobs have been taken from it (the next `seq`).
    let source = Mutex::new((jobs, 0usize));
    let take = |source: &Mutex<(_, usize)>| -> Option<(usize, J)> {
        let mut src = source.lock().unwrap_or_else(|p| p.into_inner());
        let (iter, taken) = &mut *src;
        let job = Iterator::next(iter)?;
        *taken += 1;
        Some((*taken - 1, job))
    };
    let (res_tx, res_rx) = sync_channel::<(usize, O)>(window);

    std::thread::scope(|scope| {
        let (stop, written, source, work, take) = (&stop, &written, &source, &work, &take);
        // This thread is one of the `threads`: it works too, between writes.
        for _ in 1..threads {
            let res_tx = res_tx.clone();
            scope.spawn(move || loop {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let Some((seq, job)) = take(source) else {
                    break;
                };
                // Not more than `window` ahead of the sink. The job the sink
                // waits for is never held here (it is less than `window` ahead),
                // so the sink always moves on.
                let (lock, cvar) = written;
                let mut done = lock.lock().unwrap_or_else(|p| p.into_inner());
                while seq >= *done + window && !stop.load(Ordering::SeqCst) {
                    done = cvar.wait(done).unwrap_or_else(|p| p.into_inner());
                }
                drop(done);
                if stop.load(Ordering::SeqCst) || res_tx.send((seq, work(job))).is_err() {
                    break;
                }
            });
        }
        drop(res_tx);

        let mut pending: BTreeMap<usize, O> = BTreeMap::new();
        let mut next = 0usize;
        let (mut source_done, mut workers_done) = (false, false);
        let result = loop {
            // Everything finished so far, and in order to the sink.
            while let Ok((seq, out)) = res_rx.try_recv() {
                pending.insert(seq, out);
            }
            let mut failed = None;
            while let Some(out) = pending.remove(&next) {
                next += 1;
                {
                    let (lock, cvar) = written;
                    *lock.lock().unwrap_or_else(|p| p.into_inner()) = next;
                    cvar.notify_all();
                }
                if let Err(e) = sink(out) {
                    failed = Some(e);
                    break;
                }
            }
            if let Some(e) = failed {
                break Err(e);
            }
            // A job of our own, when it is within the window.
            if !source_done {
                let in_window = {
                    let src = source.lock().unwrap_or_else(|p| p.into_inner());
                    src.1 < next + window
                };
                if in_window {
                    match take(source) {
                        Some((seq, job)) => {
                            pending.insert(seq, work(job));
                            continue;
                        }
                        None => source_done = true,
                    }
                }
            }
            if workers_done {
                // Nothing more will come (all is written unless a job was lost,
                // which cannot happen: every taken job is sent or kept here).
                break Ok(());
            }
            // Nothing to do but wait for a worker.
            match res_rx.recv() {
                Ok((seq, out)) => {
                    pending.insert(seq, out);
                }
                Err(_) => workers_done = true,
            }
        };
        if result.is_err() {
            // Unblock waiting workers; dropping the receiver (below) makes their
            // next send fail.
            stop.store(true, Ordering::SeqCst);
            written.1.notify_all();
        }
        drop(res_rx);
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_kept_for_any_thread_count() {
        for threads in [1, 2, 3, 8] {
            let mut got = Vec::new();
            run_ordered(
                0..1000u32,
                threads,
                |x| {
                    // Uneven work so results finish out of order.
                    if x % 97 == 0 {
                        std::thread::sleep(std::time::Duration::from_millis(2));
                    }
                    x * 2
                },
                |y| {
                    got.push(y);
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
            assert_eq!(
                got,
                (0..1000).map(|x| x * 2).collect::<Vec<_>>(),
                "threads {threads}"
            );
        }
    }

    #[test]
    fn sink_error_stops_the_run() {
        for threads in [1, 2, 4] {
            let mut seen = 0;
            let r = run_ordered(
                0..100_000u32,
                threads,
                |x| x,
                |x| {
                    seen += 1;
                    if x == 10 {
                        Err("stop")
                    } else {
                        Ok(())
                    }
                },
            );
            assert_eq!(r, Err("stop"));
            assert_eq!(seen, 11, "threads {threads}");
        }
    }

    #[test]
    fn jobs_in_flight_stay_within_the_window() {
        use std::sync::atomic::AtomicUsize;
        let taken = AtomicUsize::new(0);
        let max_ahead = AtomicUsize::new(0);
        let mut sunk = 0usize;
        let jobs = (0..5000usize).inspect(|_| {
            taken.fetch_add(1, Ordering::SeqCst);
        });
        run_ordered(
            jobs,
            2,
            |x| x,
            |_| {
                sunk += 1;
                let ahead = taken.load(Ordering::SeqCst) - sunk;
                max_ahead.fetch_max(ahead, Ordering::SeqCst);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        // the window + one job each worker may hold while it waits
        assert!(max_ahead.load(Ordering::SeqCst) <= 2 * WINDOW_PER_THREAD + 2);
    }
}
