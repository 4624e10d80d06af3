//! One test suite run over every summarizer (`Method::ALL`), on the bundled
//! example: whole sentences from the articles, the budget respected,
//! citations that point at the sentence they quote, and the benchmark
//! convention (cut at exactly N words) on an evaluation cluster.

mod common;

use common::*;
use storyline_core::dedup::{DedupConfig, near_duplicate_sentences};
use storyline_core::digest::{DigestConfig, build_digest};
use storyline_core::eval::datasets::{ClusterDoc, EvalCluster};
use storyline_core::eval::summaries::summarize_cluster;
use storyline_core::summarize::{Budget, BudgetMode, Method, SummaryInput, count_words};
use storyline_core::text::Corpus;

fn example_articles() -> Vec<storyline_core::model::Article> {
    cleaned().into_iter().map(|(_, a)| a).collect()
}

#[test]
fn every_method_picks_whole_sentences_within_budget() {
    let corpus = Corpus::build(example_articles());
    let groups = near_duplicate_sentences(&corpus, &DedupConfig::default());
    for &method in Method::ALL {
        for words in [40, 100, 250] {
            let input = SummaryInput {
                corpus: &corpus,
                groups: &groups,
            };
            let picks = method
                .summarizer()
                .select_picks(input, Budget::whole(words));
            assert!(!picks.is_empty(), "{method}: nothing picked at {words}");
            // Words as shown: a compressed sentence counts what it keeps.
            let total: usize = picks.iter().map(|p| count_words(&p.text(&corpus))).sum();
            let picked: Vec<_> = picks.iter().map(|p| p.at).collect();
            assert!(total <= words, "{method}: {total} words > {words}");
            let mut seen = picked.clone();
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), picked.len(), "{method}: a sentence twice");
            let groups_in: std::collections::BTreeSet<usize> =
                picked.iter().map(|&r| groups.group(r)).collect();
            assert_eq!(
                groups_in.len(),
                picked.len(),
                "{method}: near-duplicates both picked"
            );
        }
    }
}

#[test]
fn every_method_gives_a_digest_with_intact_citations() {
    for &method in Method::ALL {
        let articles = example_articles();
        let bodies: Vec<(String, String)> = articles
            .iter()
            .map(|a| (a.id.clone(), a.body.clone()))
            .collect();
        let d = build_digest(
            articles,
            &DigestConfig {
                words: 100,
                method,
                ..DigestConfig::default()
            },
        )
        .expect("digest builds");
        assert!(!d.summary.is_empty(), "{method}: empty summary");
        let words: usize = d.summary.iter().map(|s| count_words(&s.text)).sum();
        assert!(words <= 100, "{method}: {words} words");
        for s in &d.summary {
            assert!(!s.citations.is_empty(), "{method}: uncited sentence");
            let first = &s.citations[0];
            let body = &bodies
                .iter()
                .find(|(id, _)| *id == first.article)
                .expect("cited article")
                .1;
            // The sentence shown is the cited one, minus the words it
            // leaves out (compression), never other words.
            assert_eq!(
                storyline_core::summarize::compress::apply(
                    &body[first.span.start..first.span.end],
                    &s.dropped
                ),
                s.text,
                "{method}: the citation's span is not the sentence shown"
            );
            for c in &s.citations {
                assert!(
                    s.sources.contains(&c.source),
                    "{method}: source list misses a citation"
                );
            }
        }
    }
}

#[test]
fn every_method_is_deterministic() {
    for &method in Method::ALL {
        let run = || {
            let corpus = Corpus::build(example_articles());
            let groups = near_duplicate_sentences(&corpus, &DedupConfig::default());
            method.summarizer().select(
                SummaryInput {
                    corpus: &corpus,
                    groups: &groups,
                },
                Budget::whole(100),
            )
        };
        assert_eq!(run(), run(), "{method}");
    }
}

fn example_cluster() -> EvalCluster {
    EvalCluster {
        id: "example".into(),
        documents: example_articles()
            .into_iter()
            .map(|a| ClusterDoc {
                text: a.body.replace("\n\n", "\n"),
                title: Some(a.title),
                ..ClusterDoc::default()
            })
            .collect(),
        summaries: vec!["unused".into()],
    }
}

#[test]
fn benchmark_mode_cuts_at_exactly_the_budget() {
    let cluster = example_cluster();
    for &method in Method::ALL {
        for words in [50, 120] {
            let cut = Budget {
                words,
                mode: BudgetMode::CutAtLimit,
            };
            let s = summarize_cluster(&cluster, method, cut);
            let total: usize = s.sentences.iter().map(|l| count_words(&l.text)).sum();
            assert_eq!(total, words, "{method}: benchmark summary is {total} words");
            let whole = summarize_cluster(&cluster, method, Budget::whole(words));
            let total: usize = whole.sentences.iter().map(|l| count_words(&l.text)).sum();
            assert!(
                total <= words,
                "{method}: whole-sentence summary is {total} words"
            );
        }
    }
}

#[test]
fn every_method_handles_an_empty_or_tiny_story() {
    let empty = Corpus::build(Vec::new());
    let groups = near_duplicate_sentences(&empty, &DedupConfig::default());
    for &method in Method::ALL {
        let picked = method.summarizer().select(
            SummaryInput {
                corpus: &empty,
                groups: &groups,
            },
            Budget::whole(100),
        );
        assert!(picked.is_empty(), "{method}");
        let tiny = EvalCluster {
            id: "t".into(),
            documents: vec![ClusterDoc {
                text: "One short line".into(),
                ..ClusterDoc::default()
            }],
            summaries: vec!["s".into()],
        };
        let s = summarize_cluster(
            &tiny,
            method,
            Budget {
                words: 10,
                mode: BudgetMode::CutAtLimit,
            },
        );
        assert!(s.sentences.len() <= 1, "{method}");
    }
}

#[test]
fn benchmark_summary_reads_in_story_order_with_the_cut_sentence_last() {
    let cluster = example_cluster();
    let articles: Vec<_> = storyline_core::eval::summaries::cluster_articles(&cluster);
    let corpus = Corpus::build(articles);
    let groups = near_duplicate_sentences(&corpus, &DedupConfig::default());
    for &method in Method::ALL {
        let budget = Budget {
            words: 120,
            mode: BudgetMode::CutAtLimit,
        };
        let s = summarize_cluster(&cluster, method, budget);
        let n = s.sentences.len();
        assert!(n >= 2, "{method}: {n} sentences");
        // The same sentences as the selection's first picks, reordered.
        let picks = method.summarizer().select_picks(
            SummaryInput {
                corpus: &corpus,
                groups: &groups,
            },
            budget,
        );
        let picked: Vec<_> = picks.iter().map(|p| p.at).collect();
        let mut got: Vec<_> = s.sentences.iter().map(|l| l.at).collect();
        let mut want = picked[..n].to_vec();
        // The sentence cut at the budget is the last one selected, and stays last.
        let last = &s.sentences[n - 1];
        // The text of the pick as shown (compressed sentences lack some words).
        let shown = picks
            .iter()
            .find(|p| p.at == last.at)
            .map(|p| p.text(&corpus))
            .expect("the last line was picked");
        let source: Vec<&str> = shown.split_whitespace().collect();
        let kept: Vec<&str> = last.text.split_whitespace().collect();
        assert!(
            source.starts_with(&kept),
            "{method}: {kept:?} not from {source:?}"
        );
        let was_cut = kept.len() < source.len();
        if was_cut {
            assert_eq!(last.at, picked[n - 1], "{method}: cut sentence moved");
        }
        got.sort();
        want.sort();
        assert_eq!(got, want, "{method}: not the selected sentences");
        // The whole sentences before it go by relative position in their article.
        let whole = if was_cut { n - 1 } else { n };
        let position = |l: &storyline_core::eval::summaries::SummaryLine| {
            l.at.sentence as f64 / corpus.docs[l.at.article].sentences.len() as f64
        };
        for pair in s.sentences[..whole].windows(2) {
            assert!(
                position(&pair[0]) <= position(&pair[1]),
                "{method}: {:?} before {:?}",
                pair[0].at,
                pair[1].at
            );
        }
    }
}

#[test]
fn benchmark_documents_are_read_as_paragraphs_without_datelines() {
    // Newswire as benchmark files carry it: wrapped at 70 columns, a
    // dateline, paragraphs indented.
    let text = "   WASHINGTON (AP) _ The Senate on Thursday passed a budget bill that\n\
                had been stalled for weeks, sending it to the president for his\n\
                signature after a late-night vote.\n   \
                The measure was approved 61 to 38 after a day of debate on the floor\n\
                of the chamber, with several members of both parties crossing over.\n";
    let cluster = EvalCluster {
        id: "wire".into(),
        documents: vec![ClusterDoc {
            text: text.into(),
            ..ClusterDoc::default()
        }],
        summaries: vec!["unused".into()],
    };
    let articles = storyline_core::eval::summaries::cluster_articles(&cluster);
    let paragraphs: Vec<&str> = articles[0]
        .paragraphs
        .iter()
        .map(|p| articles[0].paragraph_text(p))
        .collect();
    assert_eq!(paragraphs.len(), 2, "{paragraphs:#?}");
    assert!(
        paragraphs[0].starts_with("The Senate on Thursday"),
        "{}",
        paragraphs[0]
    );
    assert!(paragraphs[0].ends_with("after a late-night vote."));
    let s = summarize_cluster(&cluster, Method::Coverage, Budget::whole(100));
    assert_eq!(s.sentences.len(), 2, "{:#?}", s.sentences);
    assert!(s.sentences.iter().all(|l| l.text.ends_with('.')));
}
