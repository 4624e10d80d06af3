//! Near-duplicate whole articles in a stream: MinHash signatures over word
//! 3-gram shingles, banded LSH for candidates, and a check of the estimated
//! Jaccard similarity for each candidate.
//!
//! Hand-written rather than taken from `gaoya` or `probminhash`: the index
//! must forget articles that leave a sliding window (bounded memory on an
//! endless stream), its signatures must be stable across versions and
//! machines (they are saved in the store and restored), and it must be
//! deterministic for the same input order. The hot loop is a few lines of
//! multiply-shift hashing.

use rustc_hash::FxHashMap;
use std::collections::VecDeque;

/// 64-bit FNV-1a of bytes: stable across versions, platforms and runs
/// (unlike `std`'s hasher), so hashes can be stored.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// A 64-bit mixer (splitmix64's finalizer): spreads the bits of a hash.
pub fn mix64(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58476d1ce4e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d049bb133111eb);
    x ^ (x >> 31)
}

/// Settings of the article near-duplicate detector.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MinHashConfig {
    /// LSH bands.
    pub bands: usize,
    /// Rows (hash functions) per band; the signature has `bands * rows` values.
    pub rows: usize,
    /// Estimated Jaccard similarity of shingle sets at or above which two
    /// articles are near-duplicates.
    pub jaccard: f64,
    /// Words per shingle.
    pub shingle: usize,
    /// Articles with fewer shingles than this are never merged (too short
    /// for the estimate to mean anything).
    pub min_shingles: usize,
}

impl Default for MinHashConfig {
    fn default() -> Self {
        // 20 bands of 6 rows: a pair with Jaccard 0.8 becomes a candidate
        // with probability 1 - (1 - 0.8^6)^20 = 0.998; at 0.5, 0.27.
        MinHashConfig {
            bands: 20,
            rows: 6,
            jaccard: 0.8,
            shingle: 3,
            min_shingles: 5,
        }
    }
}

/// The MinHash signature of one text, with its LSH band keys.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Signature {
    /// The minimum of each hash function over the shingles.
    pub mins: Vec<u32>,
    /// One key per band (a hash of the band's rows and its number).
    pub bands: Vec<u64>,
    /// Number of distinct shingles hashed (an upper bound: hash collisions merge).
    pub shingles: usize,
}

impl Signature {
    /// Estimated Jaccard similarity: the share of equal minimums.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        if self.mins.is_empty() || self.mins.len() != other.mins.len() {
            return 0.0;
        }
        let same = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / self.mins.len() as f64
    }
}

/// Hashes of the lower-cased words of a text (letters and digits only).
fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut h: u64 = 0xcbf29ce484222325;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            in_word = true;
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    h ^= b as u64;
                    h = h.wrapping_mul(0x100000001b3);
                }
            }
        } else if c == '\'' || c == '’' {
            // "don't" and "don’t" are one word.
        } else if in_word {
            out.push(h);
            h = 0xcbf29ce484222325;
            in_word = false;
        }
    }
    if in_word {
        out.push(h);
    }
    out
}

/// Computes signatures with a fixed family of hash functions.
#[derive(Debug, Clone)]
pub struct MinHasher {
    cfg: MinHashConfig,
    /// Multipliers (odd) and offsets of the multiply-shift hash functions.
    a: Vec<u64>,
    b: Vec<u64>,
}

impl MinHasher {
    /// A hasher for the given settings; the hash family is fixed (seeded
    /// by constants), so signatures are comparable across runs.
    pub fn new(cfg: MinHashConfig) -> Self {
        let n = cfg.bands * cfg.rows;
        let mut a = Vec::with_capacity(n);
        let mut b = Vec::with_capacity(n);
        let mut s: u64 = 0x005e_ed0f_5707_11e5;
        for _ in 0..n {
            s = s.wrapping_add(0x9e3779b97f4a7c15);
            a.push(mix64(s) | 1);
            s = s.wrapping_add(0x9e3779b97f4a7c15);
            b.push(mix64(s));
        }
        MinHasher { cfg, a, b }
    }

    /// The settings.
    pub fn config(&self) -> &MinHashConfig {
        &self.cfg
    }

    /// The signature of a text.
    pub fn signature(&self, text: &str) -> Signature {
        let words = word_hashes(text);
        let k = self.cfg.shingle.max(1);
        let mut shingles: Vec<u64> = if words.len() < k {
            if words.is_empty() {
                Vec::new()
            } else {
                vec![mix64(
                    words.iter().fold(0, |acc, w| acc.rotate_left(17) ^ w),
                )]
            }
        } else {
            words
                .windows(k)
                .map(|w| mix64(w.iter().fold(0u64, |acc, x| acc.rotate_left(21) ^ x)))
                .collect()
        };
        shingles.sort_unstable();
        shingles.dedup();
        let n = self.a.len();
        let mut mins = vec![u32::MAX; n];
        for &x in &shingles {
            for ((m, &a), &b) in mins.iter_mut().zip(&self.a).zip(&self.b) {
                let h = (x.wrapping_mul(a).wrapping_add(b) >> 32) as u32;
                if h < *m {
                    *m = h;
                }
            }
        }
        let bands = mins
            .chunks(self.cfg.rows.max(1))
            .enumerate()
            .map(|(bi, rows)| {
                let mut h = mix64(bi as u64 + 1);
                for &r in rows {
                    h = mix64(h ^ r as u64);
                }
                h
            })
            .collect();
        Signature {
            mins,
            bands,
            shingles: shingles.len(),
        }
    }
}

/// A near-duplicate found in the index.
#[derive(Debug, Clone, PartialEq)]
pub struct NearDuplicate<K> {
    /// The key of the earlier article it duplicates.
    pub of: K,
    /// Estimated Jaccard similarity.
    pub similarity: f64,
}

struct Entry<K> {
    key: K,
    sig: Signature,
}

/// A sliding-window LSH index of article signatures. Articles are added in
/// stream order and forgotten, oldest first, once more than `capacity`
/// are held; lookups only see the window.
pub struct NearDupIndex<K> {
    cfg: MinHashConfig,
    capacity: usize,
    /// Sequence number of `entries[0]`.
    first_seq: u64,
    entries: VecDeque<Entry<K>>,
    /// Band key → sequence numbers of the entries with that key, oldest first.
    buckets: FxHashMap<u64, VecDeque<u64>>,
}

impl<K: Clone> NearDupIndex<K> {
    /// An empty index holding at most `capacity` articles.
    pub fn new(cfg: MinHashConfig, capacity: usize) -> Self {
        NearDupIndex {
            cfg,
            capacity: capacity.max(1),
            first_seq: 0,
            entries: VecDeque::new(),
            buckets: FxHashMap::default(),
        }
    }

    /// Articles held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The most similar earlier article at or above the threshold (ties:
    /// the earliest), or `None`.
    pub fn find(&self, sig: &Signature) -> Option<NearDuplicate<K>> {
        if sig.shingles < self.cfg.min_shingles {
            return None;
        }
        let mut best: Option<(f64, u64)> = None;
        let mut seen: Vec<u64> = Vec::new();
        for band in &sig.bands {
            let Some(list) = self.buckets.get(band) else {
                continue;
            };
            for &seq in list {
                if seen.contains(&seq) {
                    continue;
                }
                seen.push(seq);
                let Some(e) = self.entries.get((seq - self.first_seq) as usize) else {
                    continue;
                };
                let j = e.sig.jaccard(sig);
                if j >= self.cfg.jaccard
                    && best.is_none_or(|(bj, bs)| j > bj || (j == bj && seq < bs))
                {
                    best = Some((j, seq));
                }
            }
            if seen.len() > 256 {
                break;
            }
        }
        best.and_then(|(j, seq)| {
            self.entries
                .get((seq - self.first_seq) as usize)
                .map(|e| NearDuplicate {
                    of: e.key.clone(),
                    similarity: j,
                })
        })
    }

    /// Adds an article (the newest), evicting the oldest beyond capacity.
    pub fn insert(&mut self, key: K, sig: Signature) {
        let seq = self.first_seq + self.entries.len() as u64;
        if sig.shingles >= self.cfg.min_shingles {
            for &band in &sig.bands {
                self.buckets.entry(band).or_default().push_back(seq);
            }
        }
        self.entries.push_back(Entry { key, sig });
        while self.entries.len() > self.capacity {
            self.evict_oldest();
        }
    }

    fn evict_oldest(&mut self) {
        let Some(e) = self.entries.pop_front() else {
            return;
        };
        let seq = self.first_seq;
        self.first_seq += 1;
        if e.sig.shingles < self.cfg.min_shingles {
            return;
        }
        for band in &e.sig.bands {
            if let Some(list) = self.buckets.get_mut(band) {
                if list.front() == Some(&seq) {
                    list.pop_front();
                }
                if list.is_empty() {
                    self.buckets.remove(band);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "The central bank raised its main interest rate by half a point on Tuesday, \
        citing inflation that has stayed above its target for a year, and said more rises may follow.";

    #[test]
    fn identical_texts_have_equal_signatures() {
        let h = MinHasher::new(MinHashConfig::default());
        let a = h.signature(A);
        assert_eq!(a.mins.len(), 120);
        assert_eq!(a.jaccard(&h.signature(A)), 1.0);
    }

    #[test]
    fn a_small_edit_is_a_near_duplicate_and_another_text_is_not() {
        let h = MinHasher::new(MinHashConfig::default());
        let edited = A.replace("Tuesday", "Wednesday");
        let other = "Heavy snow closed the mountain pass for a third day, and the road \
            authority said crews would not reach the villages before the weekend at the earliest.";
        let mut idx = NearDupIndex::new(MinHashConfig::default(), 10);
        idx.insert("a", h.signature(A));
        idx.insert("o", h.signature(other));
        let found = idx.find(&h.signature(&edited)).expect("edit found");
        assert_eq!(found.of, "a");
        assert!(found.similarity >= 0.8 && found.similarity < 1.0);
        let third = "Ministers met in the capital to discuss a new trade agreement with \
            neighbouring countries, but no deal was signed before the talks ended late at night.";
        assert!(idx.find(&h.signature(third)).is_none());
    }

    #[test]
    fn case_and_apostrophes_do_not_matter() {
        let h = MinHasher::new(MinHashConfig::default());
        let a = h.signature("They don't know WHERE the money went, the auditor said on Monday.");
        let b = h.signature("they don’t know where the money went, the auditor said on monday.");
        assert_eq!(a.jaccard(&b), 1.0);
    }

    #[test]
    fn the_window_forgets_old_articles() {
        let h = MinHasher::new(MinHashConfig::default());
        let mut idx = NearDupIndex::new(MinHashConfig::default(), 2);
        idx.insert(1, h.signature(A));
        idx.insert(
            2,
            h.signature("An unrelated second text about a football match that ended in a draw."),
        );
        assert_eq!(idx.find(&h.signature(A)).map(|d| d.of), Some(1));
        idx.insert(
            3,
            h.signature("A third text, about the weather, which was cold and wet all week."),
        );
        assert_eq!(idx.len(), 2);
        assert!(idx.find(&h.signature(A)).is_none());
        assert!(idx.buckets.values().all(|l| !l.contains(&0)));
    }

    #[test]
    fn short_texts_are_never_merged() {
        let h = MinHasher::new(MinHashConfig::default());
        let mut idx = NearDupIndex::new(MinHashConfig::default(), 10);
        idx.insert(1, h.signature("Read more"));
        assert!(idx.find(&h.signature("Read more")).is_none());
    }

    proptest::proptest! {
        #[test]
        fn similarity_is_symmetric_and_bounded(a in ".{0,200}", b in ".{0,200}") {
            let h = MinHasher::new(MinHashConfig::default());
            let (sa, sb) = (h.signature(&a), h.signature(&b));
            let j = sa.jaccard(&sb);
            proptest::prop_assert!((0.0..=1.0).contains(&j));
            proptest::prop_assert_eq!(j, sb.jaccard(&sa));
        }
    }
}
