//! Cross-source analysis of the bundled example against gold.json.

mod common;

use common::*;
use storyline_core::analyze::{Analysis, ConflictKind, EntityKind, analyze};
use storyline_core::clean::infer_missing_dates;
use storyline_core::dedup::{DedupConfig, near_duplicate_sentences};
use storyline_core::model::SentenceRef;
use storyline_core::text::Corpus;

fn corpus() -> Corpus {
    let mut articles: Vec<_> = cleaned().into_iter().map(|(_, a)| a).collect();
    infer_missing_dates(&mut articles);
    Corpus::build(articles)
}

fn analysis() -> (Corpus, Analysis) {
    let c = corpus();
    let g = near_duplicate_sentences(&c, &DedupConfig::default());
    let a = analyze(&c, &g);
    (c, a)
}

/// Article index of a gold key ("000" → 0), in gold (= corpus) order.
fn index_of(key: &str) -> usize {
    gold_articles()
        .iter()
        .position(|(k, _)| k == key)
        .expect("gold key")
}

fn indices(v: &serde_json::Value) -> Vec<usize> {
    let mut out: Vec<usize> = v
        .as_array()
        .expect("article list")
        .iter()
        .map(|k| index_of(k.as_str().expect("key")))
        .collect();
    out.sort_unstable();
    out
}

/// Letters and digits only, lower case, apostrophes folded away.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The sentence of an article at a 1-based file line (the first on it).
fn sentences_on(c: &Corpus, key: &str, line: usize) -> Vec<SentenceRef> {
    let a = index_of(key);
    c.docs[a]
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| s.line == line)
        .map(|(i, _)| SentenceRef {
            article: a,
            sentence: i,
        })
        .collect()
}

#[test]
fn all_13_quotes_with_speaker_and_articles() {
    let (_, an) = analysis();
    let gold = gold();
    let mut ok = 0;
    let mut failures = Vec::new();
    for gq in gold["quotes"].as_array().unwrap() {
        let starts = squash(gq["starts"].as_str().unwrap());
        let speaker = gq["speaker"].as_str().unwrap();
        let articles = indices(&gq["articles"]);
        let found = an.quotes.iter().find(|q| {
            q.occurrences
                .iter()
                .any(|o| squash(&o.text).starts_with(&starts))
        });
        match found {
            Some(q) if q.speaker.as_deref() == Some(speaker) && q.articles == articles => ok += 1,
            Some(q) => failures.push(format!(
                "{starts:.30}: got {:?} {:?} ({}), want {speaker} {articles:?}",
                q.speaker, q.articles, q.how
            )),
            None => failures.push(format!("{starts:.30}: not found")),
        }
    }
    assert_eq!(ok, 13, "{failures:#?}");
}

#[test]
fn quotes_resolve_speakers_to_entities_and_say_how() {
    let (c, an) = analysis();
    for q in &an.quotes {
        if let Some(id) = q.speaker_entity {
            assert_eq!(
                q.speaker.as_deref(),
                Some(an.entities[id].canonical.as_str())
            );
        }
    }
    let added = an
        .quotes
        .iter()
        .find(|q| q.text.starts_with("We want to be a friend"))
        .expect("the 'she added' quote");
    assert!(added.how.contains("previous speaker"), "{}", added.how);
    // Each occurrence points at its pronoun; quotes attributed by name have none.
    for o in &added.occurrences {
        let p = o.pronoun.as_ref().expect("the pronoun of 'she added'");
        let span = p.span.expect("a body span");
        assert_eq!(p.text, "she");
        assert_eq!(
            &c.docs[p.at.article].article.body[span.start..span.end],
            "she"
        );
        assert!(o.at.contains(&p.at));
    }
    let named = an
        .quotes
        .iter()
        .find(|q| q.text.starts_with("America is a force"))
        .expect("the quote 'Ortagus said'");
    assert!(named.occurrences.iter().all(|o| o.pronoun.is_none()));
    let role = an
        .quotes
        .iter()
        .find(|q| q.text.starts_with("send delegates"))
        .expect("the quote named by role");
    assert!(role.how.contains("role"), "{}", role.how);
    // A different translation of the same request is related, not the same.
    let other = an
        .quotes
        .iter()
        .find(|q| q.text.starts_with("requested that delegates"))
        .expect("the other translation");
    assert!(role.related.contains(&other.id));
    assert!(other.articles.iter().all(|a| !role.articles.contains(a)));
}

#[test]
fn all_18_entity_groups_exact() {
    let (_, an) = analysis();
    let gold = gold();
    let mut ok = 0;
    let mut failures = Vec::new();
    for ge in gold["entities"].as_array().unwrap() {
        let canonical = ge["canonical"].as_str().unwrap();
        let mut want: Vec<String> = ge["variants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        want.sort();
        let kind = match ge["type"].as_str().unwrap() {
            "person" => EntityKind::Person,
            "organization" => EntityKind::Organization,
            _ => EntityKind::Place,
        };
        let articles = indices(&ge["articles"]);
        // Every variant is in exactly one entity.
        let holders: Vec<usize> = an
            .entities
            .iter()
            .filter(|e| e.variants.iter().any(|v| want.contains(v)))
            .map(|e| e.id)
            .collect();
        let Some(e) = an.entities.iter().find(|e| e.canonical == canonical) else {
            failures.push(format!("{canonical}: missing"));
            continue;
        };
        let mut got = e.variants.clone();
        got.sort();
        if got == want && e.kind == kind && e.articles == articles && holders == vec![e.id] {
            ok += 1;
        } else {
            failures.push(format!(
                "{canonical}: got {got:?} {:?} {:?} holders {holders:?}, want {want:?} {kind:?} {articles:?}",
                e.kind, e.articles
            ));
        }
    }
    assert_eq!(ok, 18, "{failures:#?}");
}

#[test]
fn entity_mentions_point_at_their_words() {
    let (c, an) = analysis();
    for e in &an.entities {
        assert!(!e.mentions.is_empty());
        for m in &e.mentions {
            if let Some(sp) = m.span {
                let body = &c.docs[m.at.article].article.body;
                assert_eq!(&body[sp.start..sp.end].replace('\u{a0}', " "), &m.text);
                let s = c.sentence(m.at);
                assert!(s.span.start <= sp.start && sp.end <= s.span.end);
            }
        }
    }
}

/// Sentences (article key, file line) that date each gold timeline item,
/// read off the files (the gold "how" names most of them).
const TIMELINE_ANCHORS: &[&[(&str, usize)]] = &[
    &[("003", 17)],
    &[("000", 29), ("002", 20), ("003", 19)],
    &[("003", 69)],
    &[("003", 59)],
    &[("003", 25)],
    &[("003", 43)],
    &[("003", 27)],
    &[("000", 18)],
    &[("000", 10), ("003", 7)],
    &[("000", 8), ("002", 10), ("003", 5)],
    &[("000", 35)],
    &[("003", 63)],
];

#[test]
fn timeline_dates_at_least_11_of_12_gold_items() {
    let (c, an) = analysis();
    let gold = gold();
    let items = gold["timeline"].as_array().unwrap();
    assert_eq!(items.len(), TIMELINE_ANCHORS.len());
    let mut dated = 0;
    let mut carried = 0;
    let mut failures = Vec::new();
    for (item, anchors) in items.iter().zip(TIMELINE_ANCHORS) {
        let date = item["date"].as_str().unwrap();
        let want_articles = indices(&item["articles"]);
        let all_dated = anchors.iter().all(|(k, l)| {
            let refs = sentences_on(&c, k, *l);
            an.timeline
                .iter()
                .any(|e| e.date == date && e.sentences.iter().any(|s| refs.contains(s)))
        });
        if all_dated {
            dated += 1;
        } else {
            failures.push(format!("{date} at {anchors:?}"));
        }
        let refs = sentences_on(&c, anchors[0].0, anchors[0].1);
        if an.timeline.iter().any(|e| {
            e.date == date
                && e.sentences.iter().any(|s| refs.contains(s))
                && want_articles.iter().all(|a| e.articles.contains(a))
        }) {
            carried += 1;
        }
    }
    assert!(dated >= 11, "{dated}/12 dated right: {failures:#?}");
    // Events merged across articles: most carry every gold article.
    assert!(
        carried >= 9,
        "{carried}/12 events carry their gold articles"
    );
    // Ordered by date.
    assert!(
        an.timeline
            .windows(2)
            .all(|w| w[0].range.start <= w[1].range.start)
    );
}

#[test]
fn inferred_dates_say_how() {
    let (_, an) = analysis();
    let following = an
        .timeline
        .iter()
        .flat_map(|e| &e.expressions)
        .find(|x| x.text == "The following day")
        .expect("'The following day' is resolved");
    assert_eq!(following.date.start.to_string(), "2020-01-06");
    assert!(following.how.contains("day after"), "{}", following.how);
}

#[test]
fn the_delegation_request_date_conflict_is_found() {
    let (_, an) = analysis();
    let gold = gold();
    let gc = &gold["conflicts"][0];
    let thursday = indices(&gc["claims"][0]["articles"]);
    let friday = indices(&gc["claims"][1]["articles"]);
    let found = an.conflicts.iter().any(|x| {
        x.kind == ConflictKind::Date
            && x.claims
                .iter()
                .any(|c| c.says == "2020-01-09" && c.articles == thursday)
            && x.claims
                .iter()
                .any(|c| c.says == "2020-01-10" && c.articles == friday)
    });
    assert!(found, "{:#?}", an.conflicts);
    // No other date conflicts in this story.
    assert_eq!(
        an.conflicts
            .iter()
            .filter(|x| x.kind == ConflictKind::Date)
            .count(),
        1
    );
}

#[test]
fn numbers_with_their_article_sets() {
    let (c, an) = analysis();
    let gold = gold();
    for gn in gold["numbers"].as_array().unwrap() {
        let value = gn["value"].as_str().unwrap().to_lowercase();
        let articles = indices(&gn["articles"]);
        let n = an
            .numbers
            .iter()
            .find(|n| n.mentions.iter().any(|m| m.text.to_lowercase() == value))
            .unwrap_or_else(|| panic!("{value} not found"));
        assert_eq!(n.articles, articles, "{value}");
        if let Some(lines) = gn.get("lines").and_then(|l| l.as_object()) {
            for (k, ls) in lines {
                let a = index_of(k);
                let mut got: Vec<usize> = n
                    .mentions
                    .iter()
                    .filter(|m| m.at.article == a)
                    .map(|m| c.sentence(m.at).line)
                    .collect();
                got.sort_unstable();
                let want: Vec<usize> = ls
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| l.as_u64().unwrap() as usize)
                    .collect();
                assert_eq!(got, want, "{value} in {k}");
            }
        }
    }
    let some = an
        .numbers
        .iter()
        .find(|n| n.text == "5,200")
        .expect("5,200");
    assert!(
        some.mentions
            .iter()
            .any(|m| m.qualifier.as_deref() == Some("some"))
    );
}

/// Sentences (article key, line, words) that carry each gold only-in fact.
const ONLY_IN_ANCHORS: &[(&str, usize, &str)] = &[
    ("000", 35, "condemned both powers"),
    ("000", 33, "almost 500"),
    ("000", 21, "drones are flying"),
    ("002", 22, "very big sanctions"),
    ("002", 24, "Saad Al-Muttalibi"),
    ("002", 12, "need to be a conversation"),
    ("003", 35, "170 votes to 0"),
    ("003", 31, "draft sent by mistake"),
    ("003", 61, "no casualties"),
    ("003", 63, "protests resumed Friday"),
];

#[test]
fn every_only_in_one_outlet_fact_is_in_its_outlets_list() {
    let (c, an) = analysis();
    let gold = gold();
    let listed: usize = gold["only_in_one_outlet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["facts"].as_array().unwrap().len())
        .sum();
    assert_eq!(listed, ONLY_IN_ANCHORS.len());
    for (key, line, words) in ONLY_IN_ANCHORS {
        let a = index_of(key);
        let list = &an.only_in[a];
        assert_eq!(list.article, a);
        assert!(
            list.facts
                .iter()
                .any(|f| c.sentence(f.at).line == *line && f.text.contains(words)),
            "{key}:{line} {words:?} not only in {key}"
        );
        for (b, other) in an.only_in.iter().enumerate() {
            if b != a {
                assert!(!other.facts.iter().any(|f| f.text.contains(words)));
            }
        }
    }
}

#[test]
fn facts_carried_by_all_sources_are_found() {
    let (c, an) = analysis();
    // Gold near-duplicate pairs are one fact each.
    for pair in gold()["near_duplicate_sentences"].as_array().unwrap() {
        let ends: Vec<Vec<SentenceRef>> = pair
            .as_object()
            .unwrap()
            .iter()
            .filter(|(k, _)| *k != "kind")
            .map(|(k, v)| sentences_on(&c, k, v.as_u64().unwrap() as usize))
            .collect();
        assert!(
            an.facts.iter().any(|f| {
                ends.iter()
                    .all(|e| f.sentences.iter().any(|s| e.contains(s)))
            }),
            "{pair}"
        );
    }
    assert!(
        an.facts
            .iter()
            .any(|f| f.support == storyline_core::analyze::Support::All)
    );
}

#[test]
fn framing_puts_headlines_and_leads_side_by_side() {
    let (_, an) = analysis();
    let gold = gold();
    for (k, _) in gold_articles() {
        let f = &an.framing[index_of(&k)];
        assert_eq!(f.headline, gold["articles"][&k]["title"].as_str().unwrap());
        assert!(!f.lead.is_empty());
    }
}
