//! Quote rules on paragraphs written from other news.

use super::*;
use crate::analyze::entities::{MentionIndex, find_entities};
use crate::analyze::testutil::story;

fn quotes_of(articles: &[&[&str]]) -> Vec<Quote> {
    let c = story("2021-03-10", articles);
    let es = find_entities(&c);
    let mi = MentionIndex::new(&c, &es);
    find_quotes_in(&c, &es, &mi)
}

/// The quote starting with `start`, asserting its speaker.
#[track_caller]
fn said(qs: &[Quote], start: &str, speaker: Option<&str>) -> Quote {
    let q = qs
        .iter()
        .find(|q| q.text.starts_with(start))
        .unwrap_or_else(|| {
            panic!(
                "no quote {start:?} in {:?}",
                qs.iter().map(|q| &q.text).collect::<Vec<_>>()
            )
        });
    assert_eq!(q.speaker.as_deref(), speaker, "{start:?} ({})", q.how);
    q.clone()
}

#[test]
fn x_said_after_the_quote() {
    let qs = quotes_of(&[&["\"We will not back down,\" Prime Minister Jacinda Ardern said."]]);
    let q = said(&qs, "We will not back down", Some("Jacinda Ardern"));
    assert!(!q.occurrences[0].partial);
}

#[test]
fn said_x_with_a_lower_case_role() {
    let qs = quotes_of(&[&["\"It's over,\" said coach Gareth Southgate."]]);
    said(&qs, "It's over", Some("Gareth Southgate"));
}

#[test]
fn wrote_x_with_a_title() {
    let qs = quotes_of(&[&["\"Enough is enough,\" wrote Senator Bernie Sanders on Twitter."]]);
    said(&qs, "Enough is enough", Some("Bernie Sanders"));
}

#[test]
fn curly_marks() {
    let qs = quotes_of(&[&["“The vote is a disgrace,” Senator Elizabeth Warren said."]]);
    said(&qs, "The vote is a disgrace", Some("Elizabeth Warren"));
}

#[test]
fn she_said_takes_the_person_named_before() {
    let qs = quotes_of(&[&[
        "Senator Elizabeth Warren criticized the bill on Monday.",
        "“The vote is a disgrace,” she said.",
    ]]);
    let q = said(&qs, "The vote is a disgrace", Some("Elizabeth Warren"));
    assert!(q.how.contains("she said"), "{}", q.how);
}

#[test]
fn he_added_takes_the_previous_speaker_across_sentences() {
    let qs = quotes_of(&[&[
        "\"The economy is recovering,\" Finance Minister Nirmala Sitharaman said.",
        "Growth figures are due next week.",
        "\"We expect a strong quarter,\" she added.",
    ]]);
    said(
        &qs,
        "We expect a strong quarter",
        Some("Nirmala Sitharaman"),
    );
}

#[test]
fn he_said_after_indirect_speech() {
    let qs = quotes_of(&[&[
        "Opposition leader Juan Guaido said the election had been stolen.",
        "\"We will return to the streets,\" he said.",
    ]]);
    said(&qs, "We will return to the streets", Some("Juan Guaido"));
}

#[test]
fn pronoun_before_the_quote() {
    let qs = quotes_of(&[&[
        "Opposition leader Juan Guaido arrived in Caracas on Monday.",
        "He told reporters: \"We are not afraid.\"",
    ]]);
    said(&qs, "We are not afraid", Some("Juan Guaido"));
}

#[test]
fn the_speaker_changes_with_each_attribution() {
    let qs = quotes_of(&[&[
        "\"We accept the result,\" Mayor Sadiq Khan said. \"We do not,\" opposition candidate Shaun Bailey replied.",
    ]]);
    said(&qs, "We accept the result", Some("Sadiq Khan"));
    said(&qs, "We do not", Some("Shaun Bailey"));
}

#[test]
fn organization_statement() {
    let qs = quotes_of(&[&["\"The plant is safe,\" the ministry said in a statement."]]);
    said(&qs, "The plant is safe", Some("the ministry"));
}

#[test]
fn according_to_x() {
    let qs =
        quotes_of(&[&["According to police spokesman Mark Lee, \"the suspect fled on foot.\""]]);
    said(&qs, "the suspect fled on foot", Some("Mark Lee"));
}

#[test]
fn partial_quote_with_a_speaker_named_by_role() {
    let qs = quotes_of(&[&[
        "President Emmanuel Macron unveiled the pension plan on Monday.",
        "The president called the plan \"a historic step\" for the country.",
    ]]);
    let q = said(&qs, "a historic step", Some("Emmanuel Macron"));
    assert!(q.how.contains("role"), "{}", q.how);
    assert!(q.occurrences[0].partial);
}

#[test]
fn role_with_a_demonym() {
    let qs = quotes_of(&[&[
        "Hungarian Prime Minister Viktor Orban met the delegation.",
        "Polish President Andrzej Duda was also present.",
        "The Hungarian leader asked the EU to \"respect our sovereignty\".",
    ]]);
    said(&qs, "respect our sovereignty", Some("Viktor Orban"));
}

#[test]
fn ambiguous_role_is_not_resolved() {
    let qs = quotes_of(&[&[
        "President Emmanuel Macron met President Joe Biden.",
        "The president called the talks \"very productive\".",
    ]]);
    let q = qs.iter().find(|q| q.text == "very productive").unwrap();
    assert_ne!(q.speaker.as_deref(), Some("Emmanuel Macron"));
    assert_ne!(q.speaker.as_deref(), Some("Joe Biden"));
}

#[test]
fn quote_running_over_two_sentences() {
    let qs = quotes_of(&[&[
        "\"We are ready. We have been ready for months,\" said Finance Minister Olaf Scholz.",
    ]]);
    let q = said(&qs, "We are ready. We have been ready", Some("Olaf Scholz"));
    assert!(q.occurrences[0].at.len() >= 1);
}

#[test]
fn quote_continuing_in_the_next_paragraph() {
    let qs = quotes_of(&[&[
        "\"We will appeal,\" lawyer Ana Costa said. \"The ruling ignores the evidence.\"",
        "\"We expect a decision within weeks.\"",
    ]]);
    said(&qs, "The ruling ignores the evidence", Some("Ana Costa"));
    let q = said(&qs, "We expect a decision", Some("Ana Costa"));
    assert!(q.how.contains("continues"), "{}", q.how);
}

#[test]
fn unclosed_quote_runs_to_the_paragraph_end() {
    let qs = quotes_of(&[&[
        "\"We will appeal,\" lawyer Ana Costa said.",
        "\"This paragraph opens a quote that the writer never closes",
    ]]);
    let q = said(&qs, "This paragraph opens a quote", Some("Ana Costa"));
    assert!(q.text.ends_with("never closes"));
}

#[test]
fn crowd_as_speaker() {
    let qs = quotes_of(&[&["\"Get out!\" protesters chanted outside the palace."]]);
    said(&qs, "Get out!", Some("protesters"));
}

#[test]
fn plural_noun_subject_before() {
    let qs = quotes_of(&[&["Officials said the toll \"could rise further.\""]]);
    said(&qs, "could rise further", Some("Officials"));
}

#[test]
fn anonymous_spokeswoman_phrase() {
    let qs = quotes_of(&[&["\"No comment,\" a spokeswoman for the company said."]]);
    said(&qs, "No comment", Some("a spokeswoman for the company"));
}

#[test]
fn surname_resolves_to_the_merged_entity() {
    let qs = quotes_of(&[&[
        "Former prime minister Boris Johnson gave an interview.",
        "\"I never said that,\" Johnson told the BBC.",
    ]]);
    let q = said(&qs, "I never said that", Some("Boris Johnson"));
    assert!(q.speaker_entity.is_some());
}

#[test]
fn single_curly_marks() {
    let qs = quotes_of(&[&[
        "Foreign Minister Penny Wong spoke on Tuesday.",
        "The minister described the deal as ‘a betrayal’.",
    ]]);
    said(&qs, "a betrayal", Some("Penny Wong"));
}

#[test]
fn straight_single_marks() {
    let qs = quotes_of(&[&["Lawmakers called it 'a historic day' for the country."]]);
    said(&qs, "a historic day", Some("Lawmakers"));
}

#[test]
fn apostrophes_are_not_quotes() {
    let qs = quotes_of(&[&["The farmers' union said the workers' pay was late."]]);
    assert!(qs.is_empty(), "{qs:?}");
}

#[test]
fn adding_takes_the_person_before() {
    let qs = quotes_of(&[&[
        "Treasury Secretary Janet Yellen spoke in Washington.",
        "\"The economy is strong,\" Yellen said, adding that \"inflation is easing.\"",
    ]]);
    said(&qs, "The economy is strong", Some("Janet Yellen"));
    said(&qs, "inflation is easing", Some("Janet Yellen"));
}

#[test]
fn appositive_after_the_subject() {
    let qs = quotes_of(&[&[
        "Maria Lopez, a nurse at the city hospital, told reporters that \"the situation is desperate.\"",
    ]]);
    said(&qs, "the situation is desperate", Some("Maria Lopez"));
}

#[test]
fn said_x_with_age_and_job() {
    let qs = quotes_of(&[&["\"We want peace,\" said Ahmed Hassan, 34, a shopkeeper."]]);
    said(&qs, "We want peace", Some("Ahmed Hassan"));
}

#[test]
fn name_between_commas_before_said() {
    let qs = quotes_of(&[&["\"It was a mistake,\" the former governor, Andrew Cuomo, said."]]);
    said(&qs, "It was a mistake", Some("Andrew Cuomo"));
}

#[test]
fn age_between_name_and_verb() {
    let qs = quotes_of(&[&[
        "Former car executive Carlos Ghosn appeared in court.",
        "\"I am innocent,\" Ghosn, 66, said.",
    ]]);
    said(&qs, "I am innocent", Some("Carlos Ghosn"));
}

#[test]
fn told_an_outlet() {
    let qs = quotes_of(&[&[
        "\"We're doing everything we can,\" Health Secretary Matt Hancock told Sky News.",
    ]]);
    said(&qs, "We're doing everything we can", Some("Matt Hancock"));
}

#[test]
fn said_colon_before_the_quote() {
    let qs = quotes_of(&[&[
        "Speaking to reporters, Chancellor Rishi Sunak said: \"We will support businesses.\"",
    ]]);
    said(&qs, "We will support businesses", Some("Rishi Sunak"));
}

#[test]
fn company_statement_with_partial_quote() {
    let qs =
        quotes_of(&[&["The company said in a statement that it \"deeply regrets\" the incident."]]);
    said(&qs, "deeply regrets", Some("The company"));
}

#[test]
fn she_said_after_an_announcement() {
    let qs = quotes_of(&[&[
        "Chief executive Mary Barra announced the recall on Monday.",
        "She said the decision was \"painful but necessary.\"",
    ]]);
    said(&qs, "painful but necessary", Some("Mary Barra"));
}

#[test]
fn relative_clause_subject() {
    let qs = quotes_of(&[&[
        "The plan was rejected by Senator Joe Manchin, who warned of \"runaway inflation\" and left.",
    ]]);
    said(&qs, "runaway inflation", Some("Joe Manchin"));
}

#[test]
fn speaker_later_in_the_sentence() {
    let qs = quotes_of(&[&[
        "The bank is ready to \"act decisively\" if needed, the European Central Bank said on Thursday.",
    ]]);
    said(&qs, "act decisively", Some("European Central Bank"));
}

#[test]
fn unattributed_sign() {
    let qs = quotes_of(&[&["The sign on the door read \"closed for good\"."]]);
    let q = qs.iter().find(|q| q.text == "closed for good").unwrap();
    assert_eq!(q.speaker, None);
    assert_eq!(q.how, "unattributed");
}

#[test]
fn same_quote_across_articles_with_small_differences() {
    let qs = quotes_of(&[
        &["\"We will rebuild this city, stone by stone,\" Mayor Vitali Klitschko said."],
        &["“We will rebuild this city stone by stone,” Kyiv mayor Vitali Klitschko said."],
    ]);
    let q = said(&qs, "We will rebuild this city", Some("Vitali Klitschko"));
    assert_eq!(q.articles, vec![0, 1]);
    assert_eq!(q.occurrences.len(), 2);
}

#[test]
fn a_different_translation_is_related_not_the_same() {
    let qs = quotes_of(&[
        &[
            "\"We asked them to prepare a plan for the withdrawal of foreign forces from the country,\" Minister Ali Vaez said.",
        ],
        &[
            "\"We requested that they set up the mechanism implementing the withdrawal of foreign troops from the country,\" Minister Ali Vaez said.",
        ],
    ]);
    let a = qs.iter().find(|q| q.text.starts_with("We asked")).unwrap();
    let b = qs
        .iter()
        .find(|q| q.text.starts_with("We requested"))
        .unwrap();
    assert_ne!(a.id, b.id);
    assert!(a.related.contains(&b.id), "{a:?}");
}

#[test]
fn likeness_levels() {
    assert_eq!(quote_likeness("We will win.", "we will win"), 2);
    assert_eq!(
        quote_likeness(
            "the quick brown fox jumps over the lazy dog today",
            "the quick brown fox jumped over the lazy dog"
        ),
        2
    );
    assert_eq!(
        quote_likeness("completely different words", "nothing shared here"),
        0
    );
}

proptest::proptest! {
    #[test]
    fn quote_spans_are_valid(text in "[\"“”‘’' a-zA-Z.,!?]{0,120}") {
        for q in find_quotes(&text) {
            proptest::prop_assert!(text.get(q.start..q.end).is_some());
            proptest::prop_assert!(q.open < q.start && q.end <= q.after);
        }
        let _ = quotes_of(&[&[text.as_str()]]);
    }
}
