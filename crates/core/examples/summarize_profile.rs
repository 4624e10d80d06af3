//! Profiling harness for the summarizer: summarizes the first N clusters of
//! a cluster file on one thread (run it under `valgrind --tool=callgrind`
//! to count instructions reproducibly on a shared machine).
//!
//! `cargo run --release -p storyline-core --example summarize_profile -- FILE [N] [METHOD] [--joined] [--repeat R]`

use std::time::Instant;

use storyline_core::eval::datasets::{ClusterReader, EvalCluster, joined_clusters};
use storyline_core::eval::summaries::summarize_cluster;
use storyline_core::summarize::{Budget, BudgetMode, Method};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .ok_or("usage: summarize_profile FILE [N] [METHOD] [--joined]")?;
    let n: usize = args.get(1).map(|s| s.parse()).transpose()?.unwrap_or(200);
    let method: Method = args
        .get(2)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or_default();
    let join = args.iter().any(|a| a == "--joined");
    // `--repeat R`: summarize the clusters R times (warm caches after the
    // first, as the criterion benchmark measures).
    let repeat: usize = args
        .iter()
        .position(|a| a == "--repeat")
        .and_then(|i| args.get(i + 1))
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(1);
    let reader = ClusterReader::open(std::path::Path::new(path))?;
    let take = if join { n * 25 } else { n };
    let mut clusters: Vec<EvalCluster> = reader.take(take).filter_map(Result::ok).collect();
    if join {
        clusters = joined_clusters(&clusters, n);
    }
    let budget = Budget {
        words: 250,
        mode: BudgetMode::CutAtLimit,
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    let start = Instant::now();
    let words: usize = pool.install(|| {
        (0..repeat)
            .map(|_| {
                clusters
                    .iter()
                    .map(|c| summarize_cluster(c, method, budget).sentences.len())
                    .sum::<usize>()
            })
            .sum()
    });
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} clusters, {} sentences, {:.0} clusters/s",
        clusters.len(),
        words,
        (clusters.len() * repeat) as f64 / secs
    );
    Ok(())
}
