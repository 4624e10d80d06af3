//! The agreement map: facts (sentence groups across articles) carried by
//! all, several or one source; what only one source says; and conflicts
//! (the same event with different dates, the same quantity with different
//! values).
//!
//! A fact is a connected group of sentences of different articles that are
//! near-duplicates (`dedup`) or paraphrases (similarity at or above
//! [`PARAPHRASE`]). A sentence is listed as only in its source when no
//! other source carries it, or when most of its weighted words are absent
//! from the sentences it is matched with (it adds something of its own:
//! "partly").

use super::numbers::{NumberFact, NumberKind, what_stem};
use super::similarity::Links;
use super::timeline::{Granularity, TemporalExpression};
use crate::model::SentenceRef;
use crate::text::Corpus;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

/// Similarity at or above which two sentences tell the same fact.
pub const PARAPHRASE: f64 = 0.3;
/// Share of a sentence's stems its matches must lack for it to count as
/// adding something only its source says.
const NOVELTY: f64 = 0.5;

/// How widely a fact is carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Support {
    /// Every source of the story.
    All,
    /// More than one source, not all.
    Several,
    /// One source.
    One,
}

/// A fact and the sentences that carry it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Fact {
    /// Id in the analysis.
    pub id: usize,
    /// The fact as its first source words it.
    pub text: String,
    /// All, several or one source.
    pub support: Support,
    /// Articles that carry it (sorted).
    pub articles: Vec<usize>,
    /// The sentences, in story order.
    pub sentences: Vec<SentenceRef>,
}

/// A sentence that only one source carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OnlyInFact {
    /// The sentence.
    pub at: SentenceRef,
    /// Its text.
    pub text: String,
    /// True when other sources carry part of it (a matched sentence that
    /// adds words of its own).
    pub partly: bool,
}

/// What one source alone says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OnlyIn {
    /// The article.
    pub article: usize,
    /// Its sentences that no other source carries (or carries only in part).
    pub facts: Vec<OnlyInFact>,
}

/// One side of a conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Claim {
    /// The value claimed ("2020-01-09", "5,200").
    pub says: String,
    /// Articles that claim it (sorted).
    pub articles: Vec<usize>,
    /// The sentences.
    pub sentences: Vec<SentenceRef>,
    /// The words that carry the value ("late Thursday").
    pub words: Vec<String>,
}

/// What a conflict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// The same event with different dates.
    Date,
    /// The same quantity with different values.
    Number,
}

/// Sources that disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Conflict {
    /// Date or number.
    pub kind: ConflictKind,
    /// The matter, as the first source words it.
    pub about: String,
    /// The differing claims, at least two.
    pub claims: Vec<Claim>,
    /// How the sentences were matched.
    pub how: String,
}

fn strong(links: &Links, a: SentenceRef, b: SentenceRef) -> f64 {
    if links.near_duplicate(a, b) {
        1.0
    } else {
        links.score(a, b)
    }
}

/// Facts and "only in" lists of a story.
pub fn facts_of(corpus: &Corpus, links: &Links) -> (Vec<Fact>, Vec<OnlyIn>) {
    let refs: Vec<SentenceRef> = corpus.refs().collect();
    let ix: FxHashMap<SentenceRef, usize> = refs.iter().enumerate().map(|(i, &r)| (r, i)).collect();
    let mut parent: Vec<usize> = (0..refs.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut matched: FxHashMap<SentenceRef, Vec<SentenceRef>> = FxHashMap::default();
    // Paraphrase links that are mutual best matches between two articles,
    // so that facts do not chain through loosely related sentences.
    let scored: Vec<(SentenceRef, SentenceRef, f64)> = links
        .pairs()
        .into_iter()
        .filter(|p| p.2 >= PARAPHRASE)
        .collect();
    let mut best: FxHashMap<(SentenceRef, usize), f64> = FxHashMap::default();
    for &(a, b, s) in &scored {
        for (x, y) in [(a, b), (b, a)] {
            let e = best.entry((x, y.article)).or_insert(0.0);
            if s > *e {
                *e = s;
            }
        }
    }
    let mut pairs: Vec<(SentenceRef, SentenceRef)> = scored
        .iter()
        .filter(|&&(a, b, s)| {
            links.near_duplicate(a, b)
                || (best.get(&(a, b.article)) == Some(&s) && best.get(&(b, a.article)) == Some(&s))
        })
        .map(|p| (p.0, p.1))
        .collect();
    // Near-duplicates below the paraphrase score still count.
    for r in &refs {
        for m in links.duplicates(*r) {
            if m.article > r.article && links.score(*r, m) < PARAPHRASE {
                pairs.push((*r, m));
            }
        }
    }
    for (a, b) in pairs {
        let (x, y) = (find(&mut parent, ix[&a]), find(&mut parent, ix[&b]));
        parent[x.max(y)] = x.min(y);
        matched.entry(a).or_default().push(b);
        matched.entry(b).or_default().push(a);
    }
    let mut comps: FxHashMap<usize, Vec<SentenceRef>> = FxHashMap::default();
    for (i, &r) in refs.iter().enumerate() {
        let root = find(&mut parent, i);
        comps.entry(root).or_default().push(r);
    }
    let n_articles = corpus.docs.len();
    let mut facts: Vec<Fact> = comps
        .into_values()
        .filter_map(|mut sentences| {
            sentences.sort_unstable();
            let mut articles: Vec<usize> = sentences.iter().map(|s| s.article).collect();
            articles.dedup();
            if articles.len() < 2 {
                return None;
            }
            let support = if articles.len() == n_articles {
                Support::All
            } else {
                Support::Several
            };
            Some(Fact {
                id: 0,
                text: corpus.sentence(sentences[0]).text.clone(),
                support,
                articles,
                sentences,
            })
        })
        .collect();
    facts.sort_by_key(|f| (std::cmp::Reverse(f.articles.len()), f.sentences[0]));
    let mut only: Vec<OnlyIn> = (0..n_articles)
        .map(|article| OnlyIn {
            article,
            facts: Vec::new(),
        })
        .collect();
    for &r in &refs {
        let s = corpus.sentence(r);
        if s.flags.heading {
            continue;
        }
        match matched.get(&r) {
            None => {
                facts.push(Fact {
                    id: 0,
                    text: s.text.clone(),
                    support: if n_articles == 1 {
                        Support::All
                    } else {
                        Support::One
                    },
                    articles: vec![r.article],
                    sentences: vec![r],
                });
                only[r.article].facts.push(OnlyInFact {
                    at: r,
                    text: s.text.clone(),
                    partly: false,
                });
            }
            Some(ms) => {
                // Novelty: share of this sentence's stems absent from its matches.
                let own: FxHashSet<u32> = corpus.terms(r).iter().copied().collect();
                let others: FxHashSet<u32> = ms
                    .iter()
                    .flat_map(|m| corpus.terms(*m).iter().copied())
                    .collect();
                let missing = own.iter().filter(|t| !others.contains(t)).count();
                if !own.is_empty() && missing as f64 / own.len() as f64 >= NOVELTY {
                    only[r.article].facts.push(OnlyInFact {
                        at: r,
                        text: s.text.clone(),
                        partly: true,
                    });
                }
            }
        }
    }
    for (i, f) in facts.iter_mut().enumerate() {
        f.id = i;
    }
    (facts, only)
}

/// The event date of a sentence: its first dated expression that is not a
/// statement date, at day precision.
fn event_day<'a>(exprs: &[&'a TemporalExpression]) -> Option<&'a TemporalExpression> {
    exprs
        .iter()
        .find(|e| !e.statement && e.date.granularity == Granularity::Day)
        .copied()
}

/// Conflicts: matched sentences with different event days; matched
/// sentences with different values for the same counted noun.
pub fn conflicts_of(
    corpus: &Corpus,
    links: &Links,
    exprs: &[TemporalExpression],
    numbers: &[NumberFact],
) -> Vec<Conflict> {
    let mut by_sentence: FxHashMap<SentenceRef, Vec<&TemporalExpression>> = FxHashMap::default();
    for e in exprs {
        by_sentence.entry(e.at).or_default().push(e);
    }
    let mut out = Vec::new();
    // Dates: components over strong links between dated sentences that
    // share an entity.
    let dated: Vec<(SentenceRef, &TemporalExpression)> = {
        let mut v: Vec<(SentenceRef, &TemporalExpression)> = by_sentence
            .iter()
            .filter_map(|(r, es)| event_day(es).map(|e| (*r, e)))
            .collect();
        v.sort_by_key(|x| x.0);
        v
    };
    let n = dated.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut disagree: FxHashSet<usize> = FxHashSet::default();
    let index: FxHashMap<SentenceRef, usize> =
        dated.iter().enumerate().map(|(i, d)| (d.0, i)).collect();
    for i in 0..n {
        for (other, _) in links.related(dated[i].0) {
            let Some(&j) = index.get(&other) else {
                continue;
            };
            if j <= i {
                continue;
            }
            let (a, b) = (dated[i].0, dated[j].0);
            if a.article == b.article
                || strong(links, a, b) < PARAPHRASE
                || links.shared_entities(a, b) == 0
            {
                continue;
            }
            let (x, y) = (find(&mut parent, i), find(&mut parent, j));
            parent[x.max(y)] = x.min(y);
            if dated[i].1.date.start != dated[j].1.date.start {
                disagree.insert(i);
            }
        }
    }
    let mut comps: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for i in 0..n {
        let r = find(&mut parent, i);
        comps.entry(r).or_default().push(i);
    }
    let mut comp_list: Vec<Vec<usize>> = comps.into_values().collect();
    comp_list.sort();
    for comp in comp_list {
        if !comp.iter().any(|i| disagree.contains(i)) {
            continue;
        }
        let mut claims: Vec<Claim> = Vec::new();
        for &i in &comp {
            let (r, e) = dated[i];
            let says = e.date.label();
            match claims.iter_mut().find(|c| c.says == says) {
                Some(c) => {
                    if !c.articles.contains(&r.article) {
                        c.articles.push(r.article);
                        c.articles.sort_unstable();
                    }
                    c.sentences.push(r);
                    if !c.words.contains(&e.text) {
                        c.words.push(e.text.clone());
                    }
                }
                None => claims.push(Claim {
                    says,
                    articles: vec![r.article],
                    sentences: vec![r],
                    words: vec![e.text.clone()],
                }),
            }
        }
        if claims.len() >= 2 {
            claims.sort_by(|a, b| a.says.cmp(&b.says));
            out.push(Conflict {
                kind: ConflictKind::Date,
                about: corpus.sentence(dated[comp[0]].0).text.clone(),
                claims,
                how: "matched sentences of different sources date the event differently".into(),
            });
        }
    }
    // Numbers: same counted noun, different values, matched sentences.
    // Compared within a noun's numbers only (at most 50 of them).
    let mut by_noun: FxHashMap<String, Vec<&NumberFact>> = FxHashMap::default();
    for f in numbers.iter().filter(|f| f.kind == NumberKind::Quantity) {
        if let Some(st) = what_stem(f) {
            let v = by_noun.entry(st).or_default();
            if v.len() < 50 {
                v.push(f);
            }
        }
    }
    let mut nouns: Vec<&String> = by_noun.keys().collect();
    nouns.sort();
    for noun in nouns {
        let list = &by_noun[noun];
        for (i, a) in list.iter().enumerate() {
            for b in list.iter().skip(i + 1) {
                if a.value == b.value {
                    continue;
                }
                let linked = a.mentions.iter().take(50).any(|x| {
                    b.mentions.iter().take(50).any(|y| {
                        x.at.article != y.at.article && strong(links, x.at, y.at) >= PARAPHRASE
                    })
                });
                if !linked {
                    continue;
                }
                let claim = |f: &NumberFact| Claim {
                    says: f.text.clone(),
                    articles: f.articles.clone(),
                    sentences: f.mentions.iter().map(|m| m.at).collect(),
                    words: f.mentions.iter().map(|m| m.text.clone()).collect(),
                };
                out.push(Conflict {
                    kind: ConflictKind::Number,
                    about: corpus.sentence(a.mentions[0].at).text.clone(),
                    claims: vec![claim(a), claim(b)],
                    how: format!(
                        "matched sentences give different numbers of {}",
                        a.what.clone().unwrap_or_default()
                    ),
                });
            }
        }
    }
    out
}

/// Each source's headline and first body sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Framing {
    /// The article.
    pub article: usize,
    /// Its headline.
    pub headline: String,
    /// Its standfirst, when it has one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub standfirst: Option<String>,
    /// Its first body sentence.
    pub lead: String,
}

/// Headlines and leads side by side.
pub fn framing_of(corpus: &Corpus) -> Vec<Framing> {
    corpus
        .docs
        .iter()
        .enumerate()
        .map(|(article, d)| Framing {
            article,
            headline: d.article.title.clone(),
            standfirst: d.article.standfirst.clone(),
            lead: d
                .sentences
                .iter()
                .find(|s| !s.flags.heading)
                .map(|s| s.text.clone())
                .unwrap_or_default(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::analyze::testutil::story;
    use crate::analyze::{ConflictKind, Support, analyze};
    use crate::dedup::near_duplicate_sentences;

    fn run(articles: &[&[&str]]) -> crate::analyze::Analysis {
        let c = story("2021-03-12", articles);
        let g = near_duplicate_sentences(&c, &Default::default());
        analyze(&c, &g)
    }

    #[test]
    fn date_conflict_between_sources() {
        let an = run(&[
            &[
                "Interior Minister Ahmet Kaya on Tuesday ordered the border crossing at Kapikule closed to all traffic.",
            ],
            &[
                "On Wednesday, Interior Minister Ahmet Kaya ordered the border crossing at Kapikule closed to traffic.",
            ],
        ]);
        let c = an
            .conflicts
            .iter()
            .find(|c| c.kind == ConflictKind::Date)
            .expect("a date conflict");
        let says: Vec<&str> = c.claims.iter().map(|x| x.says.as_str()).collect();
        assert_eq!(says, vec!["2021-03-09", "2021-03-10"]);
    }

    #[test]
    fn statement_date_is_not_a_conflict() {
        let an = run(&[
            &[
                "Interior Minister Ahmet Kaya on Tuesday ordered the border crossing at Kapikule closed, his office said on Wednesday.",
            ],
            &[
                "Interior Minister Ahmet Kaya on Tuesday ordered the border crossing at Kapikule closed to traffic.",
            ],
        ]);
        assert!(an.conflicts.is_empty(), "{:?}", an.conflicts);
    }

    #[test]
    fn number_conflict_between_sources() {
        let an = run(&[
            &[
                "The earthquake near Malatya killed 41 people and destroyed hundreds of homes, officials said.",
            ],
            &[
                "The earthquake near Malatya killed 38 people and destroyed hundreds of homes, officials said.",
            ],
        ]);
        let c = an
            .conflicts
            .iter()
            .find(|c| c.kind == ConflictKind::Number)
            .expect("a number conflict");
        assert_eq!(c.claims.len(), 2);
    }

    #[test]
    fn facts_support_and_only_in() {
        let an = run(&[
            &[
                "Floods in the delta region forced 20,000 residents from their homes on Monday.",
                "The governor declared a state of emergency.",
            ],
            &[
                "Floods in the delta region forced 20,000 residents from their homes on Monday.",
                "Aid groups warned of cholera in the camps.",
            ],
        ]);
        let shared = an
            .facts
            .iter()
            .find(|f| f.articles == vec![0, 1])
            .expect("shared fact");
        assert_eq!(shared.support, Support::All);
        assert!(
            an.only_in[0]
                .facts
                .iter()
                .any(|f| f.text.contains("state of emergency"))
        );
        assert!(
            an.only_in[1]
                .facts
                .iter()
                .any(|f| f.text.contains("cholera"))
        );
        assert!(
            !an.only_in[0]
                .facts
                .iter()
                .any(|f| f.text.contains("Floods"))
        );
        assert_eq!(an.framing.len(), 2);
    }
}
