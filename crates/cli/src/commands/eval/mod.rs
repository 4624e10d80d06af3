//! `storyline eval TASK`: the benchmark figures. One file per task.

mod cluster;
mod extract;
mod summarize;
mod train;

use clap::{Args, Subcommand};
use std::process::ExitCode;

/// `storyline eval TASK`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(subcommand)]
    task: EvalTask,
}

#[derive(Debug, Subcommand)]
enum EvalTask {
    /// Summarize each cluster of a data set and score it with ROUGE.
    Summarize(summarize::SummarizeArgs),
    /// Score given system summaries against references (JSONL pairs).
    Rouge(summarize::RougeArgs),
    /// HTML main-content extraction: token F1 against the reference text,
    /// title and publication-time accuracy against the reference metadata.
    Extract(extract::ExtractArgs),
    /// Story clustering: pool the documents of many Multi-News clusters,
    /// shuffle them, cluster them as a stream, score against the clusters
    /// (B-cubed and pairwise F1); or a dated stream with its gold stories
    /// (`--dataset allsides`).
    Cluster(cluster::ClusterEvalArgs),
    /// Fit the learned bigram concept weights on a training split and
    /// print them as the constant of `summarize/learned.rs`.
    TrainConcepts(train::TrainConceptsArgs),
}

/// Runs an eval task.
pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    match args.task {
        EvalTask::Summarize(a) => summarize::run_summarize(a),
        EvalTask::Rouge(a) => summarize::run_rouge(a),
        EvalTask::Extract(a) => extract::run_extract(&a).map(|()| ExitCode::SUCCESS),
        EvalTask::Cluster(a) => cluster::run_cluster(&a).map(|()| ExitCode::SUCCESS),
        EvalTask::TrainConcepts(a) => train::run_train_concepts(a).map(|()| ExitCode::SUCCESS),
    }
}
