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
use rustc_hash::FxHashSet;

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
    ratios(shared, a.len(), b.len())
}

/// (jaccard, containment, shared) of two sets of sizes `a` and `b` that
/// share `shared` members.
fn ratios(shared: usize, a: usize, b: usize) -> (f64, f64, usize) {
    let union = a + b - shared;
    let min = a.min(b);
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

/// End of a posting list.
const NONE: u32 = u32::MAX;

/// Finds near-duplicate sentences across different articles of a corpus.
///
/// Candidates come from prefix filtering (Bayardo et al., "Scaling up all
/// pairs similarity search", 2007): each sentence's terms are ordered
/// rarest first, and two sentences that share at least `o` terms must share
/// one among the first `|s| - o + 1` of each. `o` is bounded below by both
/// rules (`min_shared` for containment, `jaccard × |s|` for Jaccard).
pub fn near_duplicate_sentences(corpus: &Corpus, cfg: &DedupConfig) -> SentenceGroups {
    let refs: Vec<SentenceRef> = corpus.refs().collect();
    // Stem sets as sorted, deduplicated id lists (ids are dense per corpus),
    // all in one buffer: sentence i's set is `flat[starts[i]..starts[i + 1]]`.
    let mut flat: Vec<u32> = Vec::with_capacity(refs.iter().map(|&r| corpus.terms(r).len()).sum());
    let mut starts: Vec<usize> = Vec::with_capacity(refs.len() + 1);
    starts.push(0);
    for &r in &refs {
        let from = flat.len();
        flat.extend_from_slice(corpus.terms(r));
        flat[from..].sort_unstable();
        let mut kept = from;
        for k in from..flat.len() {
            if kept == from || flat[k] != flat[kept - 1] {
                flat[kept] = flat[k];
                kept += 1;
            }
        }
        flat.truncate(kept);
        starts.push(kept);
    }
    let set = |i: usize| &flat[starts[i]..starts[i + 1]];
    let mut parent: Vec<usize> = (0..refs.len()).collect();
    let mut pairs = Vec::new();
    if corpus.docs.len() > 1 {
        let n_terms = corpus.vocab.len();
        let mut df: Vec<u32> = vec![0; n_terms];
        for &t in &flat {
            df[t as usize] += 1;
        }
        // Posting lists as linked lists in one buffer (`head` per term,
        // entries of (sentence, next)): no allocation per term.
        let mut head: Vec<u32> = vec![NONE; n_terms];
        let mut posted: Vec<u32> = vec![0; n_terms];
        let mut entries: Vec<(u32, u32)> = Vec::new();
        // Last probe that reached a sentence (stamps instead of a set).
        let mut seen: Vec<usize> = vec![usize::MAX; refs.len()];
        let mut ordered: Vec<u32> = Vec::new();
        for i in 0..refs.len() {
            let n = set(i).len();
            if n < 3 {
                continue;
            }
            ordered.clear();
            ordered.extend_from_slice(set(i));
            ordered.sort_unstable_by_key(|&t| (df[t as usize], t));
            let lower = cfg
                .min_shared
                .min((cfg.jaccard * n as f64).ceil() as usize)
                .max(1);
            let prefix = &ordered[..(n + 1).saturating_sub(lower).min(n)];
            for &t in prefix {
                if posted[t as usize] as usize > MAX_POSTING {
                    continue;
                }
                let mut next = head[t as usize];
                while next != NONE {
                    let (j, after) = entries[next as usize];
                    next = after;
                    let j = j as usize;
                    if refs[j].article == refs[i].article || seen[j] == i {
                        continue;
                    }
                    seen[j] = i;
                    let (jac, cont, shared) = sorted_similarity(set(j), set(i));
                    if jac >= cfg.jaccard || (cont >= cfg.containment && shared >= cfg.min_shared) {
                        pairs.push((refs[j], refs[i], jac.max(cont)));
                        let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                        if a != b {
                            parent[b.max(a)] = a.min(b);
                        }
                    }
                }
            }
            for &t in prefix {
                entries.push((i as u32, head[t as usize]));
                head[t as usize] = (entries.len() - 1) as u32;
                posted[t as usize] += 1;
            }
        }
    }
    let mut group_of: Vec<Vec<usize>> = corpus
        .docs
        .iter()
        .map(|d| vec![0; d.sentences.len()])
        .collect();
    let mut groups: Vec<Vec<SentenceRef>> = Vec::new();
    let mut root_group: Vec<usize> = vec![usize::MAX; refs.len()];
    for (i, &r) in refs.iter().enumerate() {
        let root = find(&mut parent, i);
        if root_group[root] == usize::MAX {
            groups.push(Vec::new());
            root_group[root] = groups.len() - 1;
        }
        let g = root_group[root];
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

/// [`similarity`] of two sorted, deduplicated id lists (a merge, no hashing).
pub fn sorted_similarity(a: &[u32], b: &[u32]) -> (f64, f64, usize) {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    ratios(shared, a.len(), b.len())
}

/// Union-find root with path halving.
fn find(p: &mut [usize], mut x: usize) -> usize {
    while p[x] != x {
        p[x] = p[p[x]];
        x = p[x];
    }
    x
}
