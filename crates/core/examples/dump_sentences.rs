//! Scratch: dumps each cluster's sentences (as the summarizers see them)
//! and its references as JSON lines, for offline analysis.
use storyline_core::eval::datasets::ClusterReader;
use storyline_core::eval::summaries::cluster_articles;
use storyline_core::text::Corpus;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let reader = ClusterReader::open(std::path::Path::new(&args[0]))?;
    let limit: usize = args
        .get(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(usize::MAX);
    for c in reader.take(limit) {
        let c = c?;
        let arts: Vec<_> = cluster_articles(&c)
            .into_iter()
            .filter(|a| !a.body.is_empty())
            .collect();
        let corpus = Corpus::build(arts);
        let sents: Vec<serde_json::Value> = corpus
            .refs()
            .map(|r| {
                let s = corpus.sentence(r);
                serde_json::json!({
                    "a": r.article, "s": r.sentence,
                    "n": corpus.docs[r.article].sentences.len(),
                    "words": corpus.length(r),
                    "heading": s.flags.heading, "unterminated": s.flags.unterminated,
                    "quote": s.flags.quote,
                    "text": s.text,
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::json!({"id": c.id, "refs": c.summaries, "sents": sents})
        );
    }
    Ok(())
}
