//! The Ray backfill's sequential step ([`Replay`]) over articles prepared
//! elsewhere and carried as JSON gives the store `Ingest` gives: the same
//! stories, members, key terms and digests, across batch boundaries, with
//! near-duplicates, repeated ids, empty pages and bad records.

use std::path::PathBuf;
use storyline_core::ingest::RawDoc;
use storyline_core::stream::Stream;
use storyline_store::Store;
use storyline_store::ingest::{
    Candidate, Ingest, IngestConfig, Quiet, ReadyArticle, Record, Replay, ReplayedBatch, prepare,
    records, refresh_digests,
};

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-2020-01-10")
}

/// The example's articles, a second story told twice, a republished copy
/// under another id, the same id again, a page with no text left, and a
/// record that could not be read.
fn inputs() -> Vec<Record> {
    let mut recs: Vec<Record> = records(&[example()]).collect();
    let flood = "Flood closes river road\n\nHeavy rain flooded the river road near Millbrook on \
        Tuesday, and the county closed it to traffic until the water drops. Crews pumped water from \
        six houses and the school moved classes online for two days. The county engineer said the \
        bridge was not damaged and would reopen once inspected, perhaps by Friday.";
    let mut doc = |id: &str, text: &str| {
        let mut d = RawDoc::text(format!("feed.jsonl:{id}"), text);
        d.id = Some(id.to_string());
        recs.push((d.path.clone(), Ok(d)));
    };
    doc("flood-1", flood);
    doc("flood-copy", flood);
    doc("flood-1", flood);
    doc("empty", "   \n\n  ");
    doc(
        "flood-2",
        &flood
            .replace("Tuesday", "Wednesday")
            .replace("six houses", "eight houses"),
    );
    recs.push((
        "feed.jsonl".to_string(),
        Err(storyline_core::Error::BadInput {
            path: "feed.jsonl:9".into(),
            reason: "invalid JSON".into(),
        }),
    ));
    recs.push((
        "crawl.warc.gz".to_string(),
        Err(storyline_core::Error::BadInput {
            path: "crawl.warc.gz record 58".into(),
            reason: "not a WARC record".into(),
        }),
    ));
    recs
}

fn dump(store: &Store) -> (Vec<String>, Vec<Option<String>>) {
    let rows = store.stories(1000, true).expect("stories");
    let digests = rows
        .iter()
        .map(|r| store.digest_json(&r.id).expect("digest"))
        .collect();
    let rows = rows
        .iter()
        .map(|r| {
            format!(
                "{} {} {:?}",
                serde_json::to_string(r).unwrap(),
                r.created,
                store
                    .listed_articles(&r.id)
                    .unwrap()
                    .iter()
                    .map(|a| a.id.clone())
                    .collect::<Vec<_>>()
            )
        })
        .collect();
    (rows, digests)
}

#[test]
fn a_replay_of_prepared_articles_writes_the_store_ingest_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg = IngestConfig {
        batch: 2,
        ..IngestConfig::default()
    };

    let mut a = Store::open(&dir.path().join("a.db")).expect("store a");
    let mut ingest = Ingest::new(&mut a, &cfg).expect("ingest");
    ingest.run(inputs(), &mut Quiet).expect("run");
    let ingested = ingest.finish(&mut Quiet).expect("finish");

    // The backfill: prepared anywhere, carried as JSON, placed in order.
    let preparer = Stream::new(cfg.stream_config()).preparer();
    let mut replay = Replay::new(&cfg);
    let mut batches = Vec::new();
    for (name, rec) in inputs() {
        let rec = rec.map_err(|e| e.to_string()).map(|raw| {
            let (id, path) = (raw.article_id(), raw.path.clone());
            let json = serde_json::to_string(&prepare(&preparer, raw)).expect("to JSON");
            Candidate {
                id,
                path,
                item: serde_json::from_str::<ReadyArticle>(&json).expect("from JSON"),
            }
        });
        batches.extend(replay.push(name, rec).expect("push"));
    }
    let (last, replayed) = replay.finish().expect("finish");
    batches.extend(last);
    assert_eq!(batches.len(), inputs().len().div_ceil(2));

    let mut b = Store::open(&dir.path().join("b.db")).expect("store b");
    b.stream_config(cfg.stream_config()).expect("config");
    for batch in &batches {
        let json = serde_json::to_string(batch).expect("batch to JSON");
        let batch: ReplayedBatch = serde_json::from_str(&json).expect("batch from JSON");
        batch.write(&mut b).expect("write");
    }
    let digests = refresh_digests(&mut b, cfg.words, &mut Quiet).expect("digests");

    assert_eq!(dump(&a), dump(&b));
    assert_eq!(digests, ingested.digests);
    assert_eq!(replayed.records, ingested.records);
    assert_eq!(replayed.added, ingested.added);
    assert_eq!(
        replayed.duplicates, 1,
        "the republished copy is a near-duplicate"
    );
    assert_eq!(replayed.duplicates, ingested.duplicates);
    assert_eq!(replayed.already_stored, ingested.already_stored);
    assert_eq!(replayed.skipped, ingested.skipped);
    assert_eq!(replayed.stories_created, ingested.stories_created);
    // The repeated id and the bad records, each under its reason; the empty
    // page is stored, set aside.
    let total: usize = replayed.skipped.values().sum::<usize>() + replayed.already_stored;
    assert_eq!(total, 3, "{:?}", replayed.skipped);
    assert!(
        !replayed
            .skipped
            .contains_key("no body text left after cleaning")
    );
    assert_eq!(replayed.set_aside, ingested.set_aside);
    assert!(replayed.set_aside >= 1);
    assert!(replayed.skipped.contains_key("invalid JSON"));
    // Counted under the reason, not the WARC record's number.
    assert!(
        replayed.skipped.contains_key("not a WARC record"),
        "{:?}",
        replayed.skipped
    );
    // The example is one story.
    let (rows, _) = dump(&b);
    assert!(
        rows.iter().any(|r| r.contains("\"articles\":3")),
        "{rows:?}"
    );
}
