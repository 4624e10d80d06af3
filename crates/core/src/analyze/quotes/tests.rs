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
    assert!(!q.occurrences[0].at.is_empty());
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
    fn quote_spans_are_valid(text in "[\"“”‘’'`«»‹›„‚「」 a-zA-Z.,!?]{0,120}") {
        for q in find_quotes(&text) {
            proptest::prop_assert!(text.get(q.start..q.end).is_some());
            proptest::prop_assert!(q.open < q.start && q.end <= q.after);
        }
        let _ = quotes_of(&[&[text.as_str()]]);
    }
}

/// Quotation conventions as corpora and outlets write them: each case is
/// the paragraphs of one article, the start of the expected quote text and
/// its speaker.
type QuoteCase = (&'static [&'static str], &'static str, Option<&'static str>);

const CONVENTION_CASES: &[QuoteCase] = &[
    // ASCII doubled backquote / apostrophe pairs (LDC newswire).
    (
        &["``We will not back down,'' Prime Minister Jacinda Ardern said."],
        "We will not back down",
        Some("Jacinda Ardern"),
    ),
    (
        &["``The talks were frank and useful,'' said Foreign Minister Wang Yi."],
        "The talks were frank and useful",
        Some("Wang Yi"),
    ),
    (
        &[
            "``We are ready. We have been ready for months,'' Chancellor Olaf Scholz told reporters.",
        ],
        "We are ready. We have been ready for months",
        Some("Olaf Scholz"),
    ),
    (
        &[
            "Kenyan President William Ruto told parliament: ``We will not borrow our way out of this crisis.''",
        ],
        "We will not borrow our way",
        Some("William Ruto"),
    ),
    (
        &[
            "Brazilian President Luiz Inacio Lula da Silva visited the flooded region on Monday.",
            "``Nobody will be left behind,'' he said.",
        ],
        "Nobody will be left behind",
        Some("Luiz Inacio Lula da Silva"),
    ),
    (
        &["Senator Mitch McConnell said the bill was ``a government takeover'' of health care."],
        "a government takeover",
        Some("Mitch McConnell"),
    ),
    (
        &["``He told me, `We are finished,' and walked away,'' said witness Maria Gonzalez."],
        "He told me, `We are finished,' and walked away",
        Some("Maria Gonzalez"),
    ),
    (
        &["``Who will pay for all of this?'' asked Mayor Anne Hidalgo."],
        "Who will pay for all of this?",
        Some("Anne Hidalgo"),
    ),
    (
        &["`` We will respond at a time of our choosing , '' Defense Minister Yoav Gallant said ."],
        "We will respond at a time of our choosing",
        Some("Yoav Gallant"),
    ),
    (
        &[
            "``We will appeal,'' lawyer Ana Costa said.",
            "``The ruling ignores the evidence and the law.''",
        ],
        "The ruling ignores the evidence",
        Some("Ana Costa"),
    ),
    (
        &[
            "Finance Minister Chrystia Freeland said on Tuesday: ``The deficit will fall next year and the year after",
        ],
        "The deficit will fall next year and the year after",
        Some("Chrystia Freeland"),
    ),
    (
        &[
            "Interior Minister Gerald Darmanin spoke after the attack.",
            "According to Darmanin, ``the attacker acted alone.''",
        ],
        "the attacker acted alone",
        Some("Gerald Darmanin"),
    ),
    (
        &[
            "Former car executive Carlos Ghosn appeared in court.",
            "``I am innocent!'' he shouted.",
        ],
        "I am innocent!",
        Some("Carlos Ghosn"),
    ),
    // Single quotes, told from apostrophes.
    (
        &["'We will fight on,' the Labour leader Keir Starmer said."],
        "We will fight on",
        Some("Keir Starmer"),
    ),
    (
        &["'It's a shameful day for the country,' Nicola Sturgeon told the BBC."],
        "It's a shameful day for the country",
        Some("Nicola Sturgeon"),
    ),
    (
        &["'The nurses' pay rise is long overdue,' said union leader Pat Cullen."],
        "The nurses' pay rise is long overdue",
        Some("Pat Cullen"),
    ),
    (
        &[
            "Back in the '90s, Prime Minister Tony Blair promised 'education, education, education' to voters.",
        ],
        "education, education, education",
        Some("Tony Blair"),
    ),
    (
        &["Union leader Mick Lynch called the offer 'an insult to workers' and walked out."],
        "an insult to workers",
        Some("Mick Lynch"),
    ),
    (
        &["'We're not going anywhere,' said striker Marcus Rashford."],
        "We're not going anywhere",
        Some("Marcus Rashford"),
    ),
    (
        &["‘We have turned a corner,’ Health Secretary Sajid Javid said."],
        "We have turned a corner",
        Some("Sajid Javid"),
    ),
    (
        &[
            "‘We will appeal,’ lawyer Ana Costa said.",
            "‘The ruling ignores the evidence and the law",
        ],
        "The ruling ignores the evidence and the law",
        Some("Ana Costa"),
    ),
    // Guillemets, low-high marks.
    (
        &["«We will not accept this ultimatum,» Prime Minister Viktor Orban said."],
        "We will not accept this ultimatum",
        Some("Viktor Orban"),
    ),
    (
        &["« We are not afraid », said opposition leader Alexei Navalny."],
        "We are not afraid",
        Some("Alexei Navalny"),
    ),
    (
        &["»Europe must learn to defend itself,« Chancellor Friedrich Merz said."],
        "Europe must learn to defend itself",
        Some("Friedrich Merz"),
    ),
    (
        &["‹Nothing has been decided yet,› Foreign Minister Annalena Baerbock said."],
        "Nothing has been decided yet",
        Some("Annalena Baerbock"),
    ),
    (
        &["„We will rebuild the bridge within a year,“ said Mayor Rafal Trzaskowski."],
        "We will rebuild the bridge within a year",
        Some("Rafal Trzaskowski"),
    ),
    (
        &["‚The door remains open,‘ President Frank-Walter Steinmeier said."],
        "The door remains open",
        Some("Frank-Walter Steinmeier"),
    ),
    // Curly and straight mixed.
    (
        &["“We have no plans to raise income tax,\" Chancellor Rachel Reeves said."],
        "We have no plans to raise income tax",
        Some("Rachel Reeves"),
    ),
    (
        &["\"The border stays closed,” Interior Minister Nancy Faeser said."],
        "The border stays closed",
        Some("Nancy Faeser"),
    ),
    // A closing mark missing at a paragraph end.
    (
        &["President Cyril Ramaphosa told the nation: “We will overcome this crisis together"],
        "We will overcome this crisis together",
        Some("Cyril Ramaphosa"),
    ),
    // Titles and appositions.
    (
        &["\"We will not back down,\" Jacinda Ardern, the prime minister, said."],
        "We will not back down",
        Some("Jacinda Ardern"),
    ),
    (
        &[
            "Jacinda Ardern, the prime minister of New Zealand, told reporters: \"This is one of our darkest days.\"",
        ],
        "This is one of our darkest days",
        Some("Jacinda Ardern"),
    ),
    (
        &[
            "\"The virus is not done with us,\" said Tedros Adhanom Ghebreyesus, the director-general of the World Health Organization.",
        ],
        "The virus is not done with us",
        Some("Tedros Adhanom Ghebreyesus"),
    ),
    (
        &["\"It is a sad day for our country,\" said Moon Jae-in, South Korea's president."],
        "It is a sad day for our country",
        Some("Moon Jae-in"),
    ),
    // "according to".
    (
        &["\"The suspect fled on foot,\" according to police spokeswoman Tina Ruiz."],
        "The suspect fled on foot",
        Some("Tina Ruiz"),
    ),
    (
        &["\"Prices will keep rising through the winter,\" according to the central bank."],
        "Prices will keep rising",
        Some("the central bank"),
    ),
    // Speakers after long quotes.
    (
        &[
            "\"We have spent the past three years building a coalition that spans the continent. We have brought together farmers, workers and businesses. We have listened to every region. And today we ask the voters to judge us on that record,\" opposition leader Raila Odinga said at the rally.",
        ],
        "We have spent the past three years",
        Some("Raila Odinga"),
    ),
    (
        &[
            "``Our schools have been underfunded for a decade. Teachers are leaving faster than we can train them. Parents are paying for books and heating. This budget does nothing to change that,'' said Mary Bousted, joint general secretary of the National Education Union.",
        ],
        "Our schools have been underfunded",
        Some("Mary Bousted"),
    ),
    (
        &[
            "'We have waited for this day for a very long time, through the strikes and the closures, through the winters when the pits were shut and the villages emptied, through every promise that was made to us and broken, and we are not going to let anyone take it away from us now that it has finally come,' said former miner Dai Davies.",
        ],
        "We have waited for this day",
        Some("Dai Davies"),
    ),
    // Names that merge across conventions.
    (
        &[
            "Chinese President Xi Jinping met the delegation in Beijing.",
            "\"China will never seek hegemony,\" Xi said.",
        ],
        "China will never seek hegemony",
        Some("Xi Jinping"),
    ),
    (
        &[
            "Prime Minister Jacinda Ardern visited Christchurch on Saturday.",
            "\"They are us,\" Ms. Ardern said.",
        ],
        "They are us",
        Some("Jacinda Ardern"),
    ),
    (
        &[
            "European Commission President Ursula von der Leyen arrived in Kyiv.",
            "\"Ukraine belongs in the European family,\" von der Leyen said.",
        ],
        "Ukraine belongs in the European family",
        Some("Ursula von der Leyen"),
    ),
    // More newswire shapes.
    (
        &["``It's a good day for the country,'' said Clinton, who spoke at the White House."],
        "It's a good day for the country",
        Some("Clinton"),
    ),
    (
        &[
            "President Bill Clinton spoke on Monday.",
            "Clinton said, ``I have no regrets.''",
        ],
        "I have no regrets.",
        Some("Bill Clinton"),
    ),
    (
        &["``The plan is dead,'' Sen. John McCain, R-Ariz., said Tuesday."],
        "The plan is dead",
        Some("John McCain"),
    ),
    (
        &[
            "``Nobody knows what will happen next,'' said Ali Hassan, a 45-year-old shopkeeper in Baghdad. ``We are afraid.''",
        ],
        "We are afraid.",
        Some("Ali Hassan"),
    ),
    (
        &["Foreign Minister Wang Yi said China's position was ``clear and consistent.''"],
        "clear and consistent.",
        Some("Wang Yi"),
    ),
    (
        &["``We support the workers' demands,'' union chief Sharan Burrow said."],
        "We support the workers' demands",
        Some("Sharan Burrow"),
    ),
    (
        &["'I don't think the Tories' plan will work,' Labour's Angela Rayner said."],
        "I don't think the Tories' plan will work",
        Some("Angela Rayner"),
    ),
    (
        &["The Taoiseach, Leo Varadkar, said: 'We are ready for any outcome.'"],
        "We are ready for any outcome.",
        Some("Leo Varadkar"),
    ),
    (
        &["‘We are ready’, said the Taoiseach, Leo Varadkar."],
        "We are ready",
        Some("Leo Varadkar"),
    ),
    (
        &[
            "Crown Prince Mohammed bin Salman spoke to Fox News.",
            "\"We are getting closer every day,\" bin Salman said.",
        ],
        "We are getting closer every day",
        Some("Mohammed bin Salman"),
    ),
    (
        &[
            "President Luiz Inácio Lula da Silva visited Belém.",
            "\"The Amazon is not for sale,\" Lula said.",
        ],
        "The Amazon is not for sale",
        Some("Luiz Inácio Lula da Silva"),
    ),
    // The speaker in a short sentence after the one the quote closes.
    (
        &[
            "President Bill Clinton spoke on Monday.",
            "``I have no regrets.'' Clinton said later.",
        ],
        "I have no regrets.",
        Some("Bill Clinton"),
    ),
    (
        &[
            "Opposition leader Juan Guaido rallied supporters in Caracas.",
            "``We will be back!'' Guaido told the crowd.",
        ],
        "We will be back!",
        Some("Juan Guaido"),
    ),
];

#[test]
fn quotation_conventions() {
    let mut failed = Vec::new();
    for (paras, start, speaker) in CONVENTION_CASES {
        let qs = quotes_of(&[paras]);
        match qs.iter().find(|q| q.text.starts_with(start)) {
            Some(q) if q.speaker.as_deref() == *speaker => {}
            Some(q) => failed.push(format!(
                "{start:?}: speaker {:?} ({}), want {speaker:?}",
                q.speaker, q.how
            )),
            None => failed.push(format!(
                "{start:?}: not found in {:?}",
                qs.iter().map(|q| &q.text).collect::<Vec<_>>()
            )),
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} failed:\n{}",
        failed.len(),
        CONVENTION_CASES.len(),
        failed.join("\n")
    );
}

#[test]
fn a_long_next_sentence_is_not_an_attribution() {
    let qs = quotes_of(&[&[
        "``The toll will rise.'' Officials said on Monday that rescuers had reached the last village in the valley.",
    ]]);
    let q = qs.iter().find(|q| q.text == "The toll will rise.").unwrap();
    assert!(!q.how.contains("next sentence"), "{}", q.how);
}

#[test]
fn apostrophes_in_other_uses_are_not_quotes() {
    for text in [
        "Rock 'n' roll fans packed the club in the '90s and the Beatles' songs played all night.",
        "The Joneses' house and the workers' canteen were both closed.",
        "He said 'til the end of the year the '22 rules applied to teachers' pay.",
        "Prices rose in '08, fell in '09 and the bosses' bonuses stayed.",
    ] {
        let qs = quotes_of(&[&[text]]);
        assert!(
            qs.is_empty(),
            "{text}: {:?}",
            qs.iter().map(|q| &q.text).collect::<Vec<_>>()
        );
    }
}

#[test]
fn ldc_quote_spans_point_into_the_article() {
    let c = story(
        "2021-03-10",
        &[&["``We will not back down,'' Prime Minister Jacinda Ardern said."]],
    );
    let es = find_entities(&c);
    let mi = MentionIndex::new(&c, &es);
    let qs = find_quotes_in(&c, &es, &mi);
    let q = &qs[0];
    assert_eq!(q.text, "We will not back down");
    let s = c.sentence(q.occurrences[0].at[0]);
    assert!(s.text.contains(&q.text));
    // No entity made of the words inside the marks.
    assert!(!es.iter().any(|e| e.canonical == "We"), "{es:?}");
}

#[test]
fn a_name_that_spells_a_reporting_verb_is_no_verb() {
    // "States" of "the United States" is not "states"; "Reports" of
    // "Consumer Reports" is not "reports".
    let qs = quotes_of(&[&[
        "Declaring that the United States and other big economies must “get this done,” President Joe Biden opened a global climate summit on Thursday.",
        "\"The brakes failed in three of our tests,\" Consumer Reports said in its review.",
    ]]);
    let q = qs
        .iter()
        .find(|q| q.text.starts_with("get this done"))
        .expect("the quote");
    assert_ne!(q.speaker.as_deref(), Some("the United"), "{}", q.how);
    assert!(
        q.speaker.as_deref().is_none_or(|s| !s.contains("United")),
        "{:?} ({})",
        q.speaker,
        q.how
    );
    said(&qs, "The brakes failed", Some("Consumer Reports"));
}
