//! Shared pieces of the graph methods: sparse TF-IDF vectors, cosine
//! similarity, and PageRank by power iteration.

use crate::model::SentenceRef;
use crate::text::Corpus;
use rustc_hash::FxHashMap;

/// A sparse vector: (term id, weight), sorted by term id.
pub(crate) type Sparse = Vec<(u32, f64)>;

/// Inverse sentence frequency of every term of the corpus:
/// `ln(N / sf) + 1`, with N the number of sentences.
pub(crate) fn sentence_idf(corpus: &Corpus, refs: &[SentenceRef]) -> FxHashMap<u32, f64> {
    let mut sf: FxHashMap<u32, f64> = FxHashMap::default();
    let mut seen: Vec<u32> = Vec::new();
    for &r in refs {
        seen.clear();
        seen.extend_from_slice(corpus.terms(r));
        seen.sort_unstable();
        seen.dedup();
        for &t in &seen {
            *sf.entry(t).or_default() += 1.0;
        }
    }
    let n = refs.len().max(1) as f64;
    sf.into_iter()
        .map(|(t, f)| (t, (n / f).ln() + 1.0))
        .collect()
}

/// The TF-IDF vector of a sentence, L2-normalized.
pub(crate) fn tfidf(terms: &[u32], idf: &FxHashMap<u32, f64>) -> Sparse {
    let mut v: Sparse = terms.iter().map(|&t| (t, 1.0)).collect();
    v.sort_unstable_by_key(|p| p.0);
    let mut out: Sparse = Vec::with_capacity(v.len());
    for (t, w) in v {
        match out.last_mut() {
            Some(last) if last.0 == t => last.1 += w,
            _ => out.push((t, w)),
        }
    }
    for p in &mut out {
        p.1 *= idf.get(&p.0).copied().unwrap_or(1.0);
    }
    let norm = out.iter().map(|p| p.1 * p.1).sum::<f64>().sqrt();
    if norm > 0.0 {
        for p in &mut out {
            p.1 /= norm;
        }
    }
    out
}

/// PageRank over a weighted graph given as a dense row-major matrix:
/// `score = (1-d)/n + d · Σ_j w(j,i)/out(j) · score(j)`.
pub(crate) fn pagerank(weights: &[f64], n: usize, damping: f64) -> Vec<f64> {
    if n == 0 {
        return Vec::new();
    }
    let out: Vec<f64> = (0..n)
        .map(|j| weights[j * n..(j + 1) * n].iter().sum())
        .collect();
    let mut score = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for _ in 0..100 {
        let dangling: f64 = (0..n)
            .filter(|&j| out[j] <= 0.0)
            .map(|j| score[j])
            .sum::<f64>()
            / n as f64;
        for x in next.iter_mut() {
            *x = (1.0 - damping) / n as f64 + damping * dangling;
        }
        for j in 0..n {
            if out[j] <= 0.0 {
                continue;
            }
            let s = damping * score[j] / out[j];
            let row = &weights[j * n..(j + 1) * n];
            for (i, &w) in row.iter().enumerate() {
                if w != 0.0 {
                    next[i] += s * w;
                }
            }
        }
        let delta: f64 = score.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut score, &mut next);
        if delta < 1e-6 {
            break;
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sparse::dot;

    #[test]
    fn pagerank_favours_the_hub() {
        // 0 is linked with 1, 2 and 3; they are not linked with each other.
        let n = 4;
        let mut w = vec![0.0; n * n];
        for i in 1..n {
            w[i] = 1.0;
            w[i * n] = 1.0;
        }
        let s = pagerank(&w, n, 0.85);
        assert!(s[0] > s[1] && (s[1] - s[2]).abs() < 1e-9);
        assert!((s.iter().sum::<f64>() - 1.0).abs() < 1e-6);
    }

    #[test]
    fn dot_of_sorted_sparse_vectors() {
        assert_eq!(
            dot(&[(1, 2.0), (3, 1.0)], &[(1, 0.5), (2, 9.0), (3, 2.0)]),
            3.0
        );
    }
}
