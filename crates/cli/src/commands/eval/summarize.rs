//! `storyline eval summarize` and `storyline eval rouge`: summary quality.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use serde::Deserialize;
use std::time::Instant;
use storyline_core::eval::datasets::{ClusterReader, EvalCluster};
use storyline_core::eval::rouge::{
    Flavor, Limit, MultiRef, Rouge, RougeConfig, RougeMean, RougeScores, Score,
};
use storyline_core::eval::summaries::{SystemSummary, summarize_cluster_with};
use storyline_core::summarize::{Budget, BudgetMode, CompressRules, Coverage, Method, Summarizer};

/// Which ROUGE program to reproduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FlavorArg {
    /// Google's rouge-score package (rouge1, rouge2, rougeL), as most papers report.
    RougeScore,
    /// ROUGE-1.5.5.pl on sentence-per-line files (summary-level ROUGE-L).
    Rouge155,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MultiArg {
    /// Pool counts over references (ROUGE-1.5.5 -f A).
    Average,
    /// Best reference by recall (ROUGE-1.5.5 -f B).
    Best,
    /// Best reference by F1 per metric (rouge-score's score_multi).
    MaxF,
}

/// ROUGE settings shared by the eval tasks.
#[derive(Debug, Clone, Args)]
pub struct RougeOpts {
    /// Which implementation's behaviour to reproduce.
    #[arg(long, value_enum, default_value = "rouge-score")]
    rouge: FlavorArg,
    /// Do not stem (stemming is on by default, like ROUGE-1.5.5 -m).
    #[arg(long)]
    no_stem: bool,
    /// Remove SMART stop words (ROUGE-1.5.5 -s).
    #[arg(long)]
    remove_stopwords: bool,
    /// Score only the first N words of each text (ROUGE-1.5.5 -l).
    #[arg(long, value_name = "N", conflicts_with = "limit_bytes")]
    limit_words: Option<usize>,
    /// Score only the first N bytes of each text (ROUGE-1.5.5 -b).
    #[arg(long, value_name = "N")]
    limit_bytes: Option<usize>,
    /// How several references combine (default: max-f for rouge-score, average for rouge155).
    #[arg(long, value_enum)]
    multi: Option<MultiArg>,
    /// Without WordNet exception lookup before stemming (rouge155 only).
    #[arg(long)]
    no_wordnet: bool,
    /// Longest n-gram for ROUGE-N (1 to 4).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(1..=4))]
    max_n: u8,
}

impl RougeOpts {
    /// The validated configuration.
    pub fn config(&self) -> RougeConfig {
        let stem = !self.no_stem;
        let mut c = match self.rouge {
            FlavorArg::RougeScore => RougeConfig::rouge_score(stem),
            FlavorArg::Rouge155 => RougeConfig::rouge155(stem),
        };
        c.remove_stopwords = self.remove_stopwords;
        c.limit = match (self.limit_words, self.limit_bytes) {
            (Some(n), _) => Limit::Words(n),
            (None, Some(n)) => Limit::Bytes(n),
            _ => Limit::None,
        };
        if let Some(m) = self.multi {
            c.multi_ref = match m {
                MultiArg::Average => MultiRef::Average,
                MultiArg::Best => MultiRef::Best,
                MultiArg::MaxF => MultiRef::MaxF,
            };
        }
        c.wordnet_exceptions = c.flavor == Flavor::Rouge155 && !self.no_wordnet;
        c.max_n = self.max_n as usize;
        c
    }

    /// A one-line description of the settings, for reports.
    pub fn describe(&self) -> String {
        let c = self.config();
        let mut s = match c.flavor {
            Flavor::RougeScore => "rouge-score".to_string(),
            Flavor::Rouge155 => "ROUGE-1.5.5".to_string(),
        };
        s.push_str(if c.stem { ", stemmed" } else { ", no stemming" });
        if c.remove_stopwords {
            s.push_str(", stop words removed");
        }
        match c.limit {
            Limit::Words(n) => s.push_str(&format!(", -l {n}")),
            Limit::Bytes(n) => s.push_str(&format!(", -b {n}")),
            Limit::None => {}
        }
        s
    }
}

/// `storyline eval rouge`.
#[derive(Debug, Args)]
pub struct RougeArgs {
    /// JSONL: {"system": TEXT|[SENTENCES], "references": [TEXT|[SENTENCES], ...]}
    /// ("summary" or "summaries" may stand for "references"); a TEXT is split
    /// into sentences at line breaks.
    #[arg(long)]
    pairs: PathBuf,
    /// Write each pair's scores here (JSONL, input order).
    #[arg(long)]
    per_pair: Option<PathBuf>,
    #[command(flatten)]
    rouge: RougeOpts,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Sents {
    Text(String),
    List(Vec<String>),
}

impl Sents {
    fn lines(self) -> Vec<String> {
        match self {
            Sents::Text(t) => t.split('\n').map(str::to_string).collect(),
            Sents::List(l) => l,
        }
    }
}

#[derive(Deserialize)]
struct Pair {
    system: Sents,
    #[serde(default)]
    references: Vec<Sents>,
    #[serde(default)]
    summaries: Vec<Sents>,
    #[serde(default)]
    summary: Option<Sents>,
}

pub fn run_rouge(args: RougeArgs) -> Result<ExitCode> {
    let file = File::open(&args.pairs).with_context(|| args.pairs.display().to_string())?;
    let mut pairs: Vec<(Vec<String>, Vec<Vec<String>>)> = Vec::new();
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let p: Pair = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}", args.pairs.display(), i + 1))?;
        let refs: Vec<Vec<String>> = p
            .references
            .into_iter()
            .chain(p.summaries)
            .chain(p.summary)
            .map(Sents::lines)
            .collect();
        if refs.is_empty() {
            bail!("{}:{}: no references", args.pairs.display(), i + 1);
        }
        pairs.push((p.system.lines(), refs));
    }
    let rouge = Rouge::new(args.rouge.config());
    let scores: Vec<RougeScores> = pairs
        .par_iter()
        .map(|(sys, refs)| rouge.score(sys, refs))
        .collect();
    if let Some(path) = &args.per_pair {
        let mut out =
            BufWriter::new(File::create(path).with_context(|| path.display().to_string())?);
        for s in &scores {
            serde_json::to_writer(&mut out, &scores_json(s))?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
    }
    let mut mean = RougeMean::default();
    for s in &scores {
        mean.add(s);
    }
    println!("{} pairs; {}", mean.count, args.rouge.describe());
    print_table(&mean.mean());
    Ok(ExitCode::SUCCESS)
}

/// The scores of one summary as JSON (`rouge1` .. `rougeN`, `rougeL`, `rougeSU4`).
pub fn scores_json(s: &RougeScores) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    let sc = |x: &Score| serde_json::json!({"r": x.recall, "p": x.precision, "f": x.f});
    for (i, x) in s.n.iter().enumerate() {
        m.insert(format!("rouge{}", i + 1), sc(x));
    }
    m.insert("rougeL".into(), sc(&s.l));
    m.insert("rougeSU4".into(), sc(&s.su4));
    serde_json::Value::Object(m)
}

/// Prints recall, precision and F1 of each metric, as percentages.
pub fn print_table(s: &RougeScores) {
    println!("{:<9} {:>7} {:>7} {:>7}", "metric", "R", "P", "F1");
    let row = |name: String, x: &Score| {
        println!(
            "{:<9} {:>7.2} {:>7.2} {:>7.2}",
            name,
            100.0 * x.recall,
            100.0 * x.precision,
            100.0 * x.f
        );
    };
    for (i, x) in s.n.iter().enumerate() {
        row(format!("ROUGE-{}", i + 1), x);
    }
    row("ROUGE-L".into(), &s.l);
    row("ROUGE-SU4".into(), &s.su4);
}

/// `storyline eval summarize`.
#[derive(Debug, Args)]
pub struct SummarizeArgs {
    /// Clusters, one JSON object per line (`.gz` read as gzip): `documents`
    /// (strings or objects with `text` and optional `title`, `date`, `source`,
    /// `id`) and `summary` (a string) or `summaries` (a list of strings).
    #[arg(long)]
    data: PathBuf,
    /// Word budget: the summary is cut at exactly this many words.
    #[arg(long, default_value_t = 250)]
    words: usize,
    /// Summarization method.
    #[arg(long, default_value_t = Method::default())]
    method: Method,
    /// Keep whole sentences (never over the budget) instead of cutting the last one.
    #[arg(long)]
    whole_sentences: bool,
    /// Coverage only: the sentence compression rules, comma-separated
    /// (dateline, attribution, parenthetical, relative, appositive,
    /// connective, lead_phrase, weekday; or default, all, none).
    #[arg(long, value_parser = CompressRules::parse)]
    compress: Option<CompressRules>,
    /// Write each cluster's summary here (JSONL, input order).
    #[arg(long)]
    output: Option<PathBuf>,
    /// Only the first K clusters (after --skip).
    #[arg(long)]
    limit: Option<usize>,
    /// Skip the first K clusters (e.g. those used to choose weights).
    #[arg(long, default_value_t = 0)]
    skip: usize,
    #[command(flatten)]
    rouge: RougeOpts,
}

pub fn run_summarize(args: SummarizeArgs) -> Result<ExitCode> {
    let summarizer: Box<dyn Summarizer> = match (args.method, args.compress) {
        (_, None) => args.method.summarizer(),
        (Method::Coverage, Some(rules)) => Box::new(Coverage {
            compress: rules,
            ..Coverage::default()
        }),
        (m, Some(_)) => bail!("--compress is an option of coverage, not of {m}"),
    };
    let budget = Budget {
        words: args.words,
        mode: if args.whole_sentences {
            BudgetMode::WholeSentences
        } else {
            BudgetMode::CutAtLimit
        },
    };
    let rouge = Rouge::new(args.rouge.config());
    let reader = ClusterReader::open(&args.data)?;
    let mut out = match &args.output {
        Some(p) => Some(BufWriter::new(
            File::create(p).with_context(|| p.display().to_string())?,
        )),
        None => None,
    };
    let limit = args.limit.unwrap_or(usize::MAX);
    let mut mean = RougeMean::default();
    let mut busy = 0f64;
    let start = Instant::now();
    let mut batch: Vec<EvalCluster> = Vec::with_capacity(512);
    let mut reader = reader.skip(args.skip).take(limit).peekable();
    while reader.peek().is_some() {
        batch.clear();
        for c in reader.by_ref().take(512) {
            batch.push(c?);
        }
        let done: Vec<(SystemSummary, RougeScores, f64)> = batch
            .par_iter()
            .map(|c| {
                let t = Instant::now();
                let s = summarize_cluster_with(c, summarizer.as_ref(), budget);
                let secs = t.elapsed().as_secs_f64();
                let scores = rouge.score(
                    &s.texts(),
                    &c.summaries
                        .iter()
                        .map(|r| vec![r.as_str()])
                        .collect::<Vec<_>>(),
                );
                (s, scores, secs)
            })
            .collect();
        for (s, scores, secs) in &done {
            mean.add(scores);
            busy += secs;
            if let Some(w) = out.as_mut() {
                serde_json::to_writer(&mut *w, s)?;
                w.write_all(b"\n")?;
            }
        }
    }
    if let Some(w) = out.as_mut() {
        w.flush()?;
    }
    let wall = start.elapsed().as_secs_f64();
    let m = mean.mean();
    println!(
        "{} clusters; method {}; {} words{}; {}",
        mean.count,
        args.method.name(),
        args.words,
        if args.whole_sentences {
            " (whole sentences)"
        } else {
            ""
        },
        args.rouge.describe()
    );
    print_table(&m);
    println!(
        "speed: {:.0} clusters/s per core (summarizing only), {:.0} clusters/s wall with {} threads (incl. reading and scoring)",
        mean.count as f64 / busy.max(1e-9),
        mean.count as f64 / wall.max(1e-9),
        rayon::current_num_threads()
    );
    Ok(ExitCode::SUCCESS)
}
