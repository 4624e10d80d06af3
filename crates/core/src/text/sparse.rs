//! Sparse term vectors: `(term id, weight)` pairs sorted by term id, as the
//! summarizers and the story clusterer build them.

use std::ops::{AddAssign, Mul};

/// Dot product of two sparse vectors sorted by term id (a merge walk).
pub fn dot<W>(a: &[(u32, W)], b: &[(u32, W)]) -> W
where
    W: Copy + Default + Mul<Output = W> + AddAssign,
{
    let (mut i, mut j, mut s) = (0, 0, W::default());
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn dot_walks_shared_terms_only() {
        let a = [(1u32, 2.0f64), (3, 1.0), (7, 4.0)];
        let b = [(0u32, 5.0f64), (3, 3.0), (7, 0.5)];
        assert_eq!(super::dot(&a, &b), 5.0);
        assert_eq!(super::dot::<f32>(&[], &[(1, 1.0)]), 0.0);
    }
}
