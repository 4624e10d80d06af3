//! Clustering metrics (B-cubed and pairwise precision, recall and F1) and
//! the Multi-News clustering benchmark: pool the documents of many
//! clusters, shuffle them, and see how well the stream recovers the
//! clusters.

use crate::{Error, Result};
use rustc_hash::FxHashMap;
use std::hash::Hash;
use std::io::BufRead;
use std::path::Path;

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
}

impl Prf {
    fn new(precision: f64, recall: f64) -> Self {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// Item counts per (predicted, gold) cluster pair, per predicted and per gold cluster.
struct Contingency {
    cells: Vec<usize>,
    pred_sizes: Vec<usize>,
    gold_sizes: Vec<usize>,
    /// For each cell, (predicted, gold) cluster index.
    cell_of: Vec<(usize, usize)>,
}

fn contingency<P: Hash + Eq, G: Hash + Eq>(pred: &[P], gold: &[G]) -> Contingency {
    let mut pid: FxHashMap<&P, usize> = FxHashMap::default();
    let mut gid: FxHashMap<&G, usize> = FxHashMap::default();
    let mut cell: FxHashMap<(usize, usize), usize> = FxHashMap::default();
    let mut c = Contingency {
        cells: Vec::new(),
        pred_sizes: Vec::new(),
        gold_sizes: Vec::new(),
        cell_of: Vec::new(),
    };
    for (p, g) in pred.iter().zip(gold) {
        let n = pid.len();
        let pi = *pid.entry(p).or_insert(n);
        let n = gid.len();
        let gi = *gid.entry(g).or_insert(n);
        if pi == c.pred_sizes.len() {
            c.pred_sizes.push(0);
        }
        if gi == c.gold_sizes.len() {
            c.gold_sizes.push(0);
        }
        c.pred_sizes[pi] += 1;
        c.gold_sizes[gi] += 1;
        let n = cell.len();
        let ci = *cell.entry((pi, gi)).or_insert(n);
        if ci == c.cells.len() {
            c.cells.push(0);
            c.cell_of.push((pi, gi));
        }
        c.cells[ci] += 1;
    }
    c
}

/// B-cubed precision, recall and F1 (Bagga and Baldwin, 1998): for each
/// item, the share of its predicted cluster that is in its gold cluster
/// (precision) and the share of its gold cluster that is in its predicted
/// cluster (recall), averaged over items. `pred[i]` and `gold[i]` label item `i`.
pub fn bcubed<P: Hash + Eq, G: Hash + Eq>(pred: &[P], gold: &[G]) -> Prf {
    let n = pred.len().min(gold.len());
    if n == 0 {
        return Prf::default();
    }
    let c = contingency(&pred[..n], &gold[..n]);
    let (mut p, mut r) = (0.0, 0.0);
    for (k, &m) in c.cells.iter().enumerate() {
        let (pi, gi) = c.cell_of[k];
        let m2 = (m * m) as f64;
        p += m2 / c.pred_sizes[pi] as f64;
        r += m2 / c.gold_sizes[gi] as f64;
    }
    Prf::new(p / n as f64, r / n as f64)
}

/// Pairwise precision, recall and F1: over all pairs of items, a pair put
/// together by the prediction is right when gold puts it together too.
/// Precision is 1 when the prediction pairs nothing (and recall 1 when gold does not).
pub fn pairwise<P: Hash + Eq, G: Hash + Eq>(pred: &[P], gold: &[G]) -> Prf {
    let n = pred.len().min(gold.len());
    let c = contingency(&pred[..n], &gold[..n]);
    let pairs = |k: usize| (k * k.saturating_sub(1) / 2) as f64;
    let both: f64 = c.cells.iter().map(|&m| pairs(m)).sum();
    let pp: f64 = c.pred_sizes.iter().map(|&m| pairs(m)).sum();
    let gp: f64 = c.gold_sizes.iter().map(|&m| pairs(m)).sum();
    let precision = if pp > 0.0 { both / pp } else { 1.0 };
    let recall = if gp > 0.0 { both / gp } else { 1.0 };
    Prf::new(precision, recall)
}

/// One document of the pooled benchmark.
#[derive(Debug, Clone, PartialEq)]
pub struct PooledDoc {
    /// `idx:position` of the document in the data set.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Its gold cluster: the cluster's `idx` for on-topic documents; a
    /// label of its own for noise.
    pub gold: String,
}

impl PooledDoc {
    /// The document as a raw input. Multi-News texts have no headline and
    /// no line breaks: the cleaner then keeps the whole text as the body
    /// and lets its first sentence stand in for the title (as a headline
    /// restates a lead).
    pub fn raw(&self) -> crate::ingest::RawDoc {
        let mut raw = crate::ingest::RawDoc::text(self.id.clone(), self.text.clone());
        raw.id = Some(self.id.clone());
        raw
    }
}

/// Reads a Multi-News+ JSONL file (plain or `.gz`) into pooled documents:
/// documents listed in `kept_doc_indices_llm` belong to their cluster,
/// the others are noise, each its own gold singleton.
pub fn load_multinews_pool(path: &Path) -> Result<Vec<PooledDoc>> {
    #[derive(serde::Deserialize)]
    struct Record {
        #[serde(default)]
        idx: Option<serde_json::Value>,
        documents: Vec<String>,
        #[serde(default)]
        kept_doc_indices_llm: Option<Vec<usize>>,
    }
    let file = std::fs::File::open(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(
            file,
        )))
    } else {
        Box::new(std::io::BufReader::new(file))
    };
    let mut out = Vec::new();
    for (no, line) in reader.lines().enumerate() {
        let line = line.map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let r: Record = serde_json::from_str(&line).map_err(|e| Error::BadRecord {
            path: path.display().to_string(),
            line: no + 1,
            reason: e.to_string(),
        })?;
        let cluster = match r.idx {
            Some(serde_json::Value::String(s)) => s,
            Some(v) => v.to_string(),
            None => (no + 1).to_string(),
        };
        for (i, text) in r.documents.into_iter().enumerate() {
            let on_topic = r
                .kept_doc_indices_llm
                .as_ref()
                .is_none_or(|k| k.contains(&i));
            let id = format!("{cluster}:{i}");
            let gold = if on_topic {
                cluster.clone()
            } else {
                format!("noise {id}")
            };
            out.push(PooledDoc { id, text, gold });
        }
    }
    Ok(out)
}

/// Reads a gold story file: one JSON object mapping each article id to its
/// gold story id (as `allsides_dev_gold.json` does).
pub fn load_gold(path: &Path) -> Result<FxHashMap<String, String>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| Error::BadRecord {
        path: path.display().to_string(),
        line: e.line(),
        reason: e.to_string(),
    })
}

/// A seeded Fisher–Yates shuffle (splitmix64): the same seed gives the same
/// order on every machine and version, which a crate's default RNG does
/// not promise.
pub fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut s = seed;
    let mut next = || {
        s = s.wrapping_add(0x9e3779b97f4a7c15);
        crate::dedup::minhash::mix64(s)
    };
    for i in (1..items.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn bcubed_by_hand() {
        // gold: {0,1,2} {3,4}; pred: {0,1} {2,3,4}
        let gold = ["a", "a", "a", "b", "b"];
        let pred = [1, 1, 2, 2, 2];
        let m = bcubed(&pred, &gold);
        // precision per item: 1, 1, 1/3, 2/3, 2/3 → 11/15
        assert!(close(m.precision, 11.0 / 15.0));
        // recall per item: 2/3, 2/3, 1/3, 1, 1 → 11/15
        assert!(close(m.recall, 11.0 / 15.0));
        assert!(close(m.f1, 11.0 / 15.0));
    }

    #[test]
    fn bcubed_of_all_singletons_and_one_lump() {
        let gold = ["a", "a", "b", "c"];
        let single = bcubed(&[0, 1, 2, 3], &gold);
        assert!(close(single.precision, 1.0));
        // recall: 1/2, 1/2, 1, 1 → 3/4
        assert!(close(single.recall, 0.75));
        let lump = bcubed(&[0, 0, 0, 0], &gold);
        // precision: 2/4, 2/4, 1/4, 1/4 → 3/8
        assert!(close(lump.precision, 0.375));
        assert!(close(lump.recall, 1.0));
        assert!(close(bcubed(&gold, &gold).f1, 1.0));
    }

    #[test]
    fn pairwise_by_hand() {
        let gold = ["a", "a", "a", "b", "b"];
        let pred = [1, 1, 2, 2, 2];
        let m = pairwise(&pred, &gold);
        // predicted pairs: (0,1) (2,3) (2,4) (3,4) = 4; right: (0,1) (3,4) = 2
        // gold pairs: 3 + 1 = 4
        assert!(close(m.precision, 0.5));
        assert!(close(m.recall, 0.5));
        assert!(close(m.f1, 0.5));
        let none = pairwise(&[0, 1, 2], &["a", "b", "c"]);
        assert!(close(none.f1, 1.0));
    }

    #[test]
    fn shuffle_is_a_seeded_permutation() {
        let mut a: Vec<u32> = (0..100).collect();
        let mut b = a.clone();
        shuffle(&mut a, 7);
        shuffle(&mut b, 7);
        assert_eq!(a, b);
        assert_ne!(a, (0..100).collect::<Vec<_>>());
        let mut c = (0..100).collect::<Vec<u32>>();
        shuffle(&mut c, 8);
        assert_ne!(a, c);
        a.sort();
        assert_eq!(a, (0..100).collect::<Vec<_>>());
    }

    #[test]
    fn gold_files_map_ids_to_stories_and_bad_ones_are_errors() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("gold.json");
        std::fs::write(&p, "{\"a\": \"s1\", \"b\": \"s1\", \"c\": \"s2\"}").expect("write");
        let g = load_gold(&p).expect("loads");
        assert_eq!(g.len(), 3);
        assert_eq!(g["b"], "s1");
        std::fs::write(&p, "[1, 2]").expect("write");
        assert!(matches!(load_gold(&p), Err(Error::BadRecord { .. })));
    }

    #[test]
    fn multinews_noise_documents_are_singletons() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("mn.jsonl");
        std::fs::write(
            &p,
            "{\"idx\": 7, \"documents\": [\"a\", \"b\", \"c\"], \"kept_doc_indices_llm\": [0, 2]}\n",
        )
        .expect("write");
        let docs = load_multinews_pool(&p).expect("loads");
        let gold: Vec<&str> = docs.iter().map(|d| d.gold.as_str()).collect();
        assert_eq!(gold, vec!["7", "noise 7:1", "7"]);
    }
}
