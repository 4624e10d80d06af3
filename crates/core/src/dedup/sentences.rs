//! Near-duplicate sentences inside one story.
//!
//! Candidates come from an inverted index over content stems (only pairs
//! that share a term are compared), so the work grows with the overlap, not
//! with the square of the story's size. Two sentences are near-duplicates
//! when their stem sets are similar enough (Jaccard), or when the shorter
//! is almost wholly contained in the longer (an edited wire sentence with a
//! clause added). Groups are the connected components.

use crate::model::SentenceRef;
use crate::text::Corpus;
use rustc_hash::{FxHashMap, FxHashSet};

/// Thresholds for sentence near-duplicates.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DedupConfig {
    /// Jaccard similarity of stem sets at or above which two sentences are near-duplicates.
    pub jaccard: f64,
    /// Containment (shared / smaller set) at or above which they are, given `min_shared`.
    pub containment: f64,
    /// Shared stems needed for the containment rule.
    pub min_shared: usize,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            jaccard: 0.5,
            containment: 0.7,
            min_shared: 7,
        }
    }
}

/// Groups of near-duplicate sentences.
#[derive(Debug, Clone, Default)]
pub struct SentenceGroups {
    /// Per article, per sentence: its group id.
    pub group_of: Vec<Vec<usize>>,
    /// Members of each group (singletons included), in story order.
    pub groups: Vec<Vec<SentenceRef>>,
    /// The near-duplicate pairs found, with their similarity (a < b).
    pub pairs: Vec<(SentenceRef, SentenceRef, f64)>,
}

impl SentenceGroups {
    /// The group a sentence belongs to.
    pub fn group(&self, r: SentenceRef) -> usize {
        self.group_of[r.article][r.sentence]
    }
    /// The members of a sentence's group (itself included).
    pub fn members(&self, r: SentenceRef) -> &[SentenceRef] {
        &self.groups[self.group(r)]
    }
    /// The articles that carry a sentence or a near-duplicate of it, sorted.
    pub fn articles_carrying(&self, r: SentenceRef) -> Vec<usize> {
        let mut a: Vec<usize> = self.members(r).iter().map(|m| m.article).collect();
        a.sort_unstable();
        a.dedup();
        a
    }
}

/// Similarity of two stem sets: (jaccard, containment, shared).
pub fn similarity(a: &FxHashSet<u32>, b: &FxHashSet<u32>) -> (f64, f64, usize) {
    let shared = a.intersection(b).count();
    let union = a.len() + b.len() - shared;
    let min = a.len().min(b.len());
    if union == 0 || min == 0 {
        return (0.0, 0.0, 0);
    }
    (
        shared as f64 / union as f64,
        shared as f64 / min as f64,
        shared,
    )
}

/// Posting lists longer than this are not probed: such a term is in most
/// sentences and cannot tell near-duplicates apart; this bounds the work on
/// pathological input (one word repeated for megabytes).
const MAX_POSTING: usize = 2_000;

/// Finds near-duplicate sentences across different articles of a corpus.
///
/// Candidates come from prefix filtering (Bayardo et al., "Scaling up all
/// pairs similarity search", 2007): each sentence's terms are ordered
/// rarest first, and two sentences that share at least `o` terms must share
/// one among the first `|s| - o + 1` of each. `o` is bounded below by both
/// rules (`min_shared` for containment, `jaccard × |s|` for Jaccard).
pub fn near_duplicate_sentences(corpus: &Corpus, cfg: &DedupConfig) -> SentenceGroups {
    let refs: Vec<SentenceRef> = corpus.refs().collect();
    let sets: Vec<FxHashSet<u32>> = refs
        .iter()
        .map(|&r| corpus.terms(r).iter().copied().collect())
        .collect();
    let mut parent: Vec<usize> = (0..refs.len()).collect();
    let mut pairs = Vec::new();
    if corpus.docs.len() > 1 {
        let mut df: FxHashMap<u32, u32> = FxHashMap::default();
        for s in &sets {
            for &t in s {
                *df.entry(t).or_default() += 1;
            }
        }
        let mut postings: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        let mut seen = FxHashSet::default();
        for i in 0..refs.len() {
            let n = sets[i].len();
            if n < 3 {
                continue;
            }
            let mut ordered: Vec<u32> = sets[i].iter().copied().collect();
            ordered.sort_unstable_by_key(|t| (df[t], *t));
            let lower = cfg
                .min_shared
                .min((cfg.jaccard * n as f64).ceil() as usize)
                .max(1);
            let prefix = &ordered[..(n + 1).saturating_sub(lower).min(n)];
            seen.clear();
            for t in prefix {
                let Some(list) = postings.get(t) else {
                    continue;
                };
                if list.len() > MAX_POSTING {
                    continue;
                }
                for &j in list {
                    if refs[j].article == refs[i].article || !seen.insert(j) {
                        continue;
                    }
                    let (jac, cont, shared) = similarity(&sets[j], &sets[i]);
                    if jac >= cfg.jaccard || (cont >= cfg.containment && shared >= cfg.min_shared) {
                        pairs.push((refs[j], refs[i], jac.max(cont)));
                        let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                        if a != b {
                            parent[b.max(a)] = a.min(b);
                        }
                    }
                }
            }
            for t in prefix {
                postings.entry(*t).or_default().push(i);
            }
        }
    }
    let mut group_of: Vec<Vec<usize>> = corpus
        .docs
        .iter()
        .map(|d| vec![0; d.sentences.len()])
        .collect();
    let mut groups: Vec<Vec<SentenceRef>> = Vec::new();
    let mut root_group: FxHashMap<usize, usize> = FxHashMap::default();
    for (i, &r) in refs.iter().enumerate() {
        let root = find(&mut parent, i);
        let g = *root_group.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(r);
        group_of[r.article][r.sentence] = g;
    }
    pairs.sort_by_key(|p| (p.0, p.1));
    SentenceGroups {
        group_of,
        groups,
        pairs,
    }
}

/// Union-find root with path halving.
fn find(p: &mut [usize], mut x: usize) -> usize {
    while p[x] != x {
        p[x] = p[p[x]];
        x = p[x];
    }
    x
}
