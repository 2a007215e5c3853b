//! The batch runner: a parallel map over a lazy stream of jobs, results handed
//! to a sink in input order, with bounded memory.
//!
//! Jobs are taken from the iterator in windows of `threads × WINDOW_PER_THREAD`,
//! processed in parallel on a rayon pool, and passed to the sink in order before
//! the next window is read. Memory is bounded by one window of documents, whatever
//! the size of the batch; output order is the input order for any thread count.

use rayon::prelude::*;

/// How many jobs per thread one window holds.
pub const WINDOW_PER_THREAD: usize = 32;

/// Runs `work` over `jobs` on `threads` threads and hands every result to `sink`
/// in input order. Stops at the first sink error and returns it.
pub fn run_ordered<J, O, E>(
    jobs: impl Iterator<Item = J>,
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
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool,
        // No threads to be had: do the work on this one.
        Err(_) => {
            for job in jobs {
                sink(work(job))?;
            }
            return Ok(());
        }
    };
    let window = threads * WINDOW_PER_THREAD;
    let mut jobs = jobs.peekable();
    let mut batch: Vec<J> = Vec::with_capacity(window);
    while jobs.peek().is_some() {
        batch.extend(jobs.by_ref().take(window));
        let results: Vec<O> = pool.install(|| batch.par_drain(..).map(&work).collect());
        for r in results {
            sink(r)?;
        }
    }
    Ok(())
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
                |x| x * 2,
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
        let mut seen = 0;
        let r = run_ordered(
            0..100u32,
            2,
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
        assert_eq!(seen, 11);
    }
}
