//! Assembles a [`Digest`] from the articles of one story: runs `text`,
//! `dedup`, `analyze` and `summarize` and ties every summary sentence to
//! the source sentences that carry it.

use crate::analyze::analyze;
use crate::analyze::lexicon::title_contradicts_pronoun;
use crate::analyze::{Analysis, Entity, EntityKind, Mention, MentionIndex};
use crate::clean::infer_missing_dates;
use crate::dedup::{DedupConfig, SentenceGroups, near_duplicate_sentences};
use crate::model::{
    Article, Citation, Digest, NameNote, SentenceRef, SourceInfo, Span, SummarySentence,
};
use crate::summarize::{Budget, Method, Pick, SummaryInput, reading_order};
use crate::text::Corpus;
use crate::{Error, Result};

/// Version of the digest JSON layout.
pub const SCHEMA_VERSION: u32 = 1;

/// Settings for building a digest.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DigestConfig {
    /// Summary word budget (whole sentences).
    pub words: usize,
    /// Summarization method.
    pub method: Method,
    /// Near-duplicate thresholds.
    pub dedup: DedupConfig,
}

impl Default for DigestConfig {
    fn default() -> Self {
        DigestConfig {
            words: 100,
            method: Method::default(),
            dedup: DedupConfig::default(),
        }
    }
}

/// Builds the digest of articles that tell one story.
pub fn build_digest(mut articles: Vec<Article>, cfg: &DigestConfig) -> Result<Digest> {
    articles.retain(|a| !a.body.trim().is_empty());
    if articles.is_empty() {
        return Err(Error::NoArticles);
    }
    infer_missing_dates(&mut articles);
    let corpus = Corpus::build(articles);
    let groups = near_duplicate_sentences(&corpus, &cfg.dedup);
    Ok(digest_of_corpus(&corpus, &groups, cfg))
}

/// Builds the digest from an already prepared corpus and its groups.
pub fn digest_of_corpus(corpus: &Corpus, groups: &SentenceGroups, cfg: &DigestConfig) -> Digest {
    let input = SummaryInput { corpus, groups };
    let mut picks = cfg
        .method
        .summarizer()
        .select_picks(input, Budget::whole(cfg.words));
    let headline = picks
        .first()
        .map(|p| corpus.docs[p.at.article].article.title.clone())
        .unwrap_or_else(|| corpus.docs[0].article.title.clone());
    reading_order(corpus, &mut picks, |p| p.at);
    let analysis = analyze(corpus, groups);
    let mut notes = name_notes(corpus, &analysis, &picks);
    let summary = picks
        .iter()
        .zip(notes.iter_mut())
        .map(|(p, names)| SummarySentence {
            names: std::mem::take(names),
            ..summary_sentence(corpus, groups, p)
        })
        .collect();
    let sources = corpus
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| SourceInfo {
            number: i + 1,
            id: d.article.id.clone(),
            outlet: d.article.source.clone(),
            path: d.article.path.clone(),
            title: d.article.title.clone(),
            published: d.article.published.clone(),
            dateline: d.article.dateline.clone(),
            sentences: d.sentences.len(),
            words: d.article.body.split_whitespace().count(),
            dropped: d.article.dropped.clone(),
            decoded_as: d.article.decoded_as.clone(),
        })
        .collect();
    Digest {
        schema_version: SCHEMA_VERSION,
        headline,
        date: story_date(corpus),
        method: cfg.method.name().to_string(),
        words: cfg.words,
        sources,
        summary,
        analysis,
    }
}

/// For each summary sentence (in the order shown), who its short names and
/// pronouns stand for, where the summary has not said it:
/// - a person named by a short form ("Ortagus said") whom no earlier summary
///   sentence named in any form gets the full name and title from the entity
///   that merged both forms (a person named in full in the sentence gets none);
/// - a person given by "he" or "she" whom neither this nor the previous
///   summary sentence names gets a note: a quote's speaker the quote
///   analysis found from the pronoun (`," he added`: the article's previous
///   speaker), or, for a sentence that opens with "He" or "She", the one
///   person the sentence before it in its article names.
fn name_notes(corpus: &Corpus, analysis: &Analysis, picked: &[Pick]) -> Vec<Vec<NameNote>> {
    let entities = &analysis.entities;
    let mut named: Vec<bool> = vec![false; entities.len()];
    let mut previous: Vec<usize> = Vec::new();
    let words = |t: &str| t.split_whitespace().count();
    let index = MentionIndex::new(corpus, entities);
    picked
        .iter()
        .map(|pick| {
            let r = pick.at;
            let sentence = corpus.sentence(r);
            // Words the summary leaves out of the sentence are not shown:
            // no note for them, and they name no one.
            let shown = |start: usize, end: usize| {
                !pick.dropped.iter().any(|d| start < d.end && d.start < end)
            };
            // A mention's body range as a range of the sentence's text.
            let local = |m: &Mention| {
                let sp = m.span?;
                let start = sp.start.checked_sub(sentence.span.start)?;
                let span = Span::new(start, start + sp.len());
                sentence.text.get(span.start..span.end).map(|_| span)
            };
            let mut notes = Vec::new();
            let mut here_ids = Vec::new();
            // Mentions of this sentence: (start, end, entity), in text order.
            let here: Vec<(usize, usize, usize)> = index
                .of(r)
                .iter()
                .copied()
                .filter(|&(start, end, _)| shown(start, end))
                .collect();
            let written = |&(start, end, _): &(usize, usize, usize)| {
                Some(sentence.text.get(start..end)?.replace('\u{a0}', " "))
            };
            let mut ids: Vec<usize> = here.iter().map(|m| m.2).collect();
            ids.sort_unstable();
            ids.dedup();
            for id in ids {
                let e = &entities[id];
                here_ids.push(id);
                if e.kind != EntityKind::Person || std::mem::replace(&mut named[id], true) {
                    continue;
                }
                let mut of_e = here.iter().filter(|m| m.2 == id);
                let full = words(&e.canonical);
                if of_e.clone().filter_map(written).any(|w| words(&w) >= full) {
                    continue;
                }
                let Some(named_at) = full_name_at(e, r) else {
                    continue;
                };
                let Some(first) = of_e.next() else { continue };
                let Some(text) = written(first) else { continue };
                notes.push(NameNote {
                    written: text,
                    span: Span::new(first.0, first.1),
                    entity: id,
                    name: e.canonical.clone(),
                    title: e.titles.first().cloned(),
                    named_at,
                    how: "short form".into(),
                });
            }
            // Pronouns: a quote's speaker found from one, then a sentence
            // that opens with one.
            let mut pronouns: Vec<(Span, String, usize, String)> = analysis
                .quotes
                .iter()
                .flat_map(|q| &q.occurrences)
                .filter_map(|o| {
                    let p = o.pronoun.as_ref().filter(|p| p.at == r)?;
                    Some((local(p)?, p.text.clone(), o.speaker_entity?, o.how.clone()))
                })
                .collect();
            pronouns.extend(opening_pronoun(corpus, entities, &index, r));
            pronouns.retain(|(span, ..)| shown(span.start, span.end));
            for (span, written, id, how) in pronouns {
                let Some(e) = entities.get(id) else { continue };
                // Only "he" and "she" name one person ("they" may be a
                // group); a speaker named in this sentence or the one before
                // needs no note; a title that says otherwise ("he" for a
                // spokeswoman) means the inference is doubtful: no note.
                let singular = matches!(written.to_lowercase().as_str(), "he" | "she");
                if !singular
                    || e.kind != EntityKind::Person
                    || previous.contains(&id)
                    || here_ids.contains(&id)
                    || notes.iter().any(|n| n.span == span)
                    || e.titles
                        .iter()
                        .any(|t| title_contradicts_pronoun(t, &written))
                {
                    continue;
                }
                let Some(named_at) = full_name_at(e, r) else {
                    continue;
                };
                named[id] = true;
                here_ids.push(id);
                notes.push(NameNote {
                    written,
                    span,
                    entity: id,
                    name: e.canonical.clone(),
                    title: e.titles.first().cloned(),
                    named_at,
                    how,
                });
            }
            previous = here_ids;
            // Spans of the sentence's text as spans of the text shown.
            for n in &mut notes {
                n.span = shift(&pick.dropped, n.span);
            }
            notes
        })
        .collect()
}

/// A span of a sentence that lies outside the dropped spans, as a span of
/// the sentence minus them.
fn shift(dropped: &[Span], span: Span) -> Span {
    let before: usize = dropped
        .iter()
        .filter(|d| d.end <= span.start)
        .map(|d| d.len())
        .sum();
    Span::new(span.start - before, span.end - before)
}

/// A sentence that opens with "He" or "She": the one person the sentence
/// before it (in its article) names, when it names exactly one. Returns the
/// pronoun's range in the sentence, the pronoun, the entity and how.
fn opening_pronoun(
    corpus: &Corpus,
    entities: &[Entity],
    index: &MentionIndex,
    r: SentenceRef,
) -> Option<(Span, String, usize, String)> {
    let text = &corpus.sentence(r).text;
    let lead = text.len() - text.trim_start().len();
    let first: String = text[lead..]
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    if first != "He" && first != "She" {
        return None;
    }
    let before = SentenceRef {
        article: r.article,
        sentence: r.sentence.checked_sub(1)?,
    };
    let mut people: Vec<usize> = index
        .of(before)
        .iter()
        .map(|m| m.2)
        .filter(|&id| entities[id].kind == EntityKind::Person)
        .collect();
    people.sort_unstable();
    people.dedup();
    let [id] = people[..] else { return None };
    let one = &entities[id];
    let how = format!(
        "\"{first}\" opens the sentence: the one person the sentence before it in [{}] names",
        r.article + 1
    );
    Some((Span::new(lead, lead + first.len()), first, one.id, how))
}

/// A source sentence that writes an entity's full name: the last one
/// before `r` in its article (what a reader of the article saw last), else
/// the first one after it there, else the first in another article.
fn full_name_at(e: &Entity, r: SentenceRef) -> Option<SentenceRef> {
    e.mentions
        .iter()
        .filter(|m| m.text == e.canonical)
        .map(|m| m.at)
        .min_by_key(
            |at| match (at.article == r.article, at.sentence <= r.sentence) {
                (true, true) => (0, 0, r.sentence - at.sentence),
                (true, false) => (1, 0, at.sentence - r.sentence),
                (false, _) => (2, at.article, at.sentence),
            },
        )
}

/// The most common publication date of the story's articles (ties: earliest).
pub fn story_date(corpus: &Corpus) -> Option<chrono::NaiveDate> {
    let mut dates: Vec<chrono::NaiveDate> = corpus
        .docs
        .iter()
        .filter_map(|d| d.article.published.as_ref().map(|p| p.date))
        .collect();
    dates.sort();
    let mut best: Option<(chrono::NaiveDate, usize)> = None;
    for chunk in dates.chunk_by(|a, b| a == b) {
        if best.is_none_or(|(_, n)| chunk.len() > n) {
            best = Some((chunk[0], chunk.len()));
        }
    }
    best.map(|b| b.0)
}

/// A citation of one sentence.
pub fn cite(corpus: &Corpus, r: SentenceRef) -> Citation {
    let doc = &corpus.docs[r.article];
    let s = &doc.sentences[r.sentence];
    let p = &doc.article.paragraphs[s.paragraph];
    let file_span = p.source_offset.map(|off| {
        let start = off + (s.span.start - p.span.start);
        Span::new(start, start + s.span.len())
    });
    Citation {
        source: r.article + 1,
        article: doc.article.id.clone(),
        sentence: r.sentence,
        span: s.span,
        line: s.line,
        file_span,
        text: s.text.clone(),
    }
}

fn summary_sentence(corpus: &Corpus, groups: &SentenceGroups, pick: &Pick) -> SummarySentence {
    let r = pick.at;
    let mut citations = vec![cite(corpus, r)];
    for &m in groups.members(r) {
        if m != r {
            citations.push(cite(corpus, m));
        }
    }
    SummarySentence {
        text: pick.text(corpus),
        dropped: pick.dropped.clone(),
        sources: groups.articles_carrying(r).iter().map(|a| a + 1).collect(),
        citations,
        names: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::clean;
    use crate::ingest::RawDoc;

    fn story(texts: &[&str]) -> (Corpus, Analysis) {
        let articles = texts
            .iter()
            .enumerate()
            .map(|(i, t)| clean(&RawDoc::text(format!("a{i}.txt"), *t)))
            .collect();
        let corpus = Corpus::build(articles);
        let groups = near_duplicate_sentences(&corpus, &DedupConfig::default());
        let analysis = analyze(&corpus, &groups);
        (corpus, analysis)
    }

    fn find(corpus: &Corpus, starts: &str) -> SentenceRef {
        corpus
            .refs()
            .find(|&r| corpus.sentence(r).text.starts_with(starts))
            .unwrap_or_else(|| panic!("no sentence {starts:?}"))
    }

    #[test]
    fn an_opening_pronoun_is_the_one_person_the_sentence_before_names() {
        let (corpus, analysis) = story(&["Dam repairs to start in May\n\n\
             The regional water board met on Monday to approve the repairs Jane Okafor asked for. \
             Water minister Jane Okafor visited the dam after the vote. \
             She said the work would start in May and end before the rains. \
             Engineer Tom Ruiz and contractor Ann Lee inspected the spillway. \
             He said the concrete was sound.\n"]);
        let index = MentionIndex::new(&corpus, &analysis.entities);
        let she = find(&corpus, "She said");
        let (span, written, id, how) =
            opening_pronoun(&corpus, &analysis.entities, &index, she).expect("she is resolved");
        assert_eq!(&corpus.sentence(she).text[span.start..span.end], "She");
        assert_eq!(written, "She");
        assert_eq!(analysis.entities[id].canonical, "Jane Okafor");
        assert!(how.contains("sentence before"), "{how}");
        // Two people in the sentence before: not resolved.
        let he = find(&corpus, "He said");
        assert_eq!(
            opening_pronoun(&corpus, &analysis.entities, &index, he),
            None
        );
        // Not a pronoun.
        let other = find(&corpus, "Water minister");
        assert_eq!(
            opening_pronoun(&corpus, &analysis.entities, &index, other),
            None
        );
        // In a summary that picks the pronoun's sentence without the one
        // before, the note names her; after it, it does not.
        let notes = name_notes(&corpus, &analysis, &[Pick::whole(she)]);
        assert_eq!(notes[0].len(), 1, "{notes:?}");
        assert_eq!(notes[0][0].name, "Jane Okafor");
        assert_eq!(notes[0][0].title.as_deref(), Some("Water minister"));
        let before = find(&corpus, "Water minister");
        // The full name where the reader saw it last: the sentence before.
        assert_eq!(notes[0][0].named_at, before);
        let notes = name_notes(&corpus, &analysis, &[Pick::whole(before), Pick::whole(she)]);
        assert!(notes.iter().all(Vec::is_empty), "{notes:?}");
    }
}
