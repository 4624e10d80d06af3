//! Story clustering of small streams written for these tests
//! (`tests/data`): a dated stream of several stories on one running topic,
//! told apart by their days and actors, and an undated stream; and the
//! bundled example, which is one story.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use storyline_core::clean::clean;
use storyline_core::ingest::read_path;
use storyline_core::model::Article;
use storyline_core::stream::{BatchStory, StreamConfig, cluster_batch};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn read(path: &Path) -> Vec<Article> {
    read_path(path)
        .map(|r| clean(&r.expect("every fixture record reads")))
        .collect()
}

/// The stories as sorted lists of article ids, sorted.
fn groups(articles: &[Article], stories: &[BatchStory]) -> Vec<Vec<String>> {
    let mut g: Vec<Vec<String>> = stories
        .iter()
        .map(|s| {
            let mut ids: Vec<String> = s
                .members
                .iter()
                .map(|(i, _)| articles[*i].id.clone())
                .collect();
            ids.sort();
            ids
        })
        .collect();
    g.sort();
    g
}

/// The expected stories: the fixtures' ids are `story-outlet`.
fn by_prefix(articles: &[Article]) -> Vec<Vec<String>> {
    let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for a in articles {
        let story = a.id.split('-').next().expect("an id").to_string();
        m.entry(story).or_default().push(a.id.clone());
    }
    let mut g: Vec<Vec<String>> = m
        .into_values()
        .map(|mut v| {
            v.sort();
            v
        })
        .collect();
    g.sort();
    g
}

#[test]
fn a_running_topic_is_told_apart_by_days_and_actors() {
    // Four stories of one port strike over ten days (walkout, court
    // hearing, mediator, deal: the same port, union and operator, told in
    // other words by each outlet) and a flood on the strike's first day.
    let articles = read(&data("running_topic.jsonl"));
    assert_eq!(articles.len(), 14);
    assert!(articles.iter().all(|a| a.published.is_some()));
    let stories = cluster_batch(&articles, StreamConfig::default());
    assert!(stories.iter().all(|s| !s.set_aside));
    assert_eq!(groups(&articles, &stories), by_prefix(&articles));
}

#[test]
fn stories_the_window_has_forgotten_keep_their_key_terms() {
    // The running topic, and other stories a month later: by the end the
    // clusterer's window (14 days) has forgotten the first month.
    let mut articles = read(&data("running_topic.jsonl"));
    let first = articles[0].published.clone().expect("dated");
    let later: Vec<Article> = read(&data("undated_stream.jsonl"))
        .into_iter()
        .map(|mut a| {
            let mut p = first.clone();
            p.date = p.date + chrono::Days::new(30);
            a.published = Some(p);
            a
        })
        .collect();
    articles.extend(later);
    let stories = cluster_batch(&articles, StreamConfig::default());
    assert!(stories.len() >= 6, "{} stories", stories.len());
    for s in &stories {
        assert!(!s.key_terms.is_empty(), "story {} has no key terms", s.id);
    }
}

#[test]
fn without_dates_there_is_no_time_evidence_and_no_penalty() {
    let mut articles = read(&data("running_topic.jsonl"));
    for a in &mut articles {
        a.published = None;
    }
    let stories = cluster_batch(&articles, StreamConfig::default());
    // The undated stream clusters as with the time evidence switched off.
    let mut cfg = StreamConfig::default();
    cfg.cluster.time_boost = 0.0;
    cfg.cluster.time_scale_days = 1e9;
    let plain = cluster_batch(&articles, cfg);
    assert_eq!(groups(&articles, &stories), groups(&articles, &plain));
    // The flood is still one story of its own, no story mixes two of the
    // strike's, and articles still join stories.
    let flood: Vec<String> = vec!["flood-gazette".into(), "flood-wire".into()];
    let got = groups(&articles, &stories);
    assert!(got.contains(&flood), "{got:?}");
    for g in &got {
        let story = |id: &String| id.split('-').next().map(str::to_string);
        assert!(g.iter().all(|id| story(id) == story(&g[0])), "{got:?}");
    }
    assert!(stories.len() < articles.len());
}

#[test]
fn an_undated_stream_groups_its_stories() {
    // A volcano, a chess match and a drug approval, none dated.
    let articles = read(&data("undated_stream.jsonl"));
    assert_eq!(articles.len(), 7);
    assert!(articles.iter().all(|a| a.published.is_none()));
    let stories = cluster_batch(&articles, StreamConfig::default());
    assert_eq!(groups(&articles, &stories), by_prefix(&articles));
}

#[test]
fn the_example_articles_are_one_story() {
    let articles: Vec<Article> = common::cleaned().into_iter().map(|(_, a)| a).collect();
    assert_eq!(articles.len(), 3);
    let stories = cluster_batch(&articles, StreamConfig::default());
    assert_eq!(stories.len(), 1, "{stories:?}");
    assert!(!stories[0].set_aside);
}

#[test]
fn a_record_emptied_by_cleaning_stays_as_a_set_aside_story_with_its_reason() {
    let mut articles = read(&data("undated_stream.jsonl"));
    // A title line with nothing under it: no body text after cleaning.
    articles.push(clean(&storyline_core::ingest::RawDoc::text(
        "flash.txt",
        "Harbour bridge closes to cars\n",
    )));
    assert!(articles[7].body.is_empty());
    let stories = cluster_batch(&articles, StreamConfig::default());
    let placed: usize = stories.iter().map(|s| s.members.len()).sum();
    assert_eq!(placed, articles.len());
    let aside: Vec<&BatchStory> = stories.iter().filter(|s| s.set_aside).collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(aside[0].members, vec![(7, None)]);
    assert_eq!(
        aside[0].set_aside_reason.as_deref(),
        Some("no body text left after cleaning")
    );
    let urls = vec![None; articles.len()];
    let listing = aside[0].listing(&articles, &urls);
    let json = serde_json::to_value(&listing).expect("serializes");
    assert_eq!(json["set_aside"], true);
    assert_eq!(json["set_aside_reason"], "no body text left after cleaning");
}
