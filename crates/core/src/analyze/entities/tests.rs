//! Entity rules on sentences written from other news: merges that must
//! happen, merges that must not, titles, types.

use super::*;
use crate::analyze::testutil::{article, story};

fn entities(articles: &[&[&str]]) -> Vec<Entity> {
    find_entities(&story("2021-03-10", articles))
}

fn holder(es: &[Entity], v: &str) -> Option<usize> {
    es.iter()
        .find(|e| e.variants.iter().any(|x| x == v))
        .map(|e| e.id)
}

#[track_caller]
fn same(es: &[Entity], a: &str, b: &str) {
    let (x, y) = (holder(es, a), holder(es, b));
    assert!(
        x.is_some() && x == y,
        "{a:?} and {b:?} should merge: {:#?}",
        es.iter().map(|e| &e.variants).collect::<Vec<_>>()
    );
}

#[track_caller]
fn apart(es: &[Entity], a: &str, b: &str) {
    let (x, y) = (holder(es, a), holder(es, b));
    assert!(
        x.is_some() && y.is_some() && x != y,
        "{a:?} and {b:?} should stay apart: {:#?}",
        es.iter().map(|e| &e.variants).collect::<Vec<_>>()
    );
}

#[track_caller]
fn kind(es: &[Entity], v: &str, k: EntityKind) {
    let e = es
        .iter()
        .find(|e| e.variants.iter().any(|x| x == v))
        .unwrap_or_else(|| panic!("{v} not found"));
    assert_eq!(e.kind, k, "{v}");
}

#[track_caller]
fn absent(es: &[Entity], v: &str) {
    assert!(holder(es, v).is_none(), "{v:?} should not be an entity");
}

#[test]
fn surname_merges_with_the_full_name() {
    let es = entities(&[&[
        "German Chancellor Angela Merkel met union leaders on Monday.",
        "Merkel said the talks had been useful.",
    ]]);
    same(&es, "Angela Merkel", "Merkel");
    kind(&es, "Merkel", EntityKind::Person);
}

#[test]
fn surname_merges_across_articles() {
    let es = entities(&[
        &["French President Emmanuel Macron arrived in Berlin."],
        &["Macron told reporters he was optimistic."],
    ]);
    same(&es, "Emmanuel Macron", "Macron");
    let e = &es[holder(&es, "Macron").unwrap()];
    assert_eq!(e.articles, vec![0, 1]);
    assert_eq!(e.canonical, "Emmanuel Macron");
}

#[test]
fn vowel_transliterations_merge() {
    let es = entities(&[
        &["Libyan commander Khalifa Haftar launched an offensive."],
        &["Forces loyal to Khalifa Hifter advanced on the capital."],
    ]);
    same(&es, "Khalifa Haftar", "Khalifa Hifter");
}

#[test]
fn mohammed_mohammad_merge() {
    let es = entities(&[
        &["Crown Prince Mohammed bin Salman received the delegation."],
        &["Saudi Crown Prince Mohammad bin Salman did not comment."],
    ]);
    same(&es, "Mohammed bin Salman", "Mohammad bin Salman");
}

#[test]
fn dmitry_dmitri_merge() {
    let es = entities(&[
        &["Kremlin spokesman Dmitry Peskov said no decision had been made."],
        &["Dmitri Peskov declined to comment further."],
    ]);
    same(&es, "Dmitry Peskov", "Dmitri Peskov");
}

#[test]
fn sergei_sergey_merge() {
    let es = entities(&[
        &["Foreign Minister Sergei Lavrov flew to Ankara."],
        &["Russian Foreign Minister Sergey Lavrov met his counterpart."],
    ]);
    same(&es, "Sergei Lavrov", "Sergey Lavrov");
}

#[test]
fn double_letter_spelling_merges() {
    let es = entities(&[
        &["President Volodymyr Zelensky addressed parliament."],
        &["President Volodymyr Zelenskyy spoke by video link."],
    ]);
    same(&es, "Volodymyr Zelensky", "Volodymyr Zelenskyy");
}

#[test]
fn ahmed_ahmad_merge() {
    let es = entities(&[
        &["Supporters of Ahmed Shah Massoud gathered in the valley."],
        &["A portrait of Ahmad Shah Massoud hung on the wall."],
    ]);
    same(&es, "Ahmed Shah Massoud", "Ahmad Shah Massoud");
}

#[test]
fn hyphen_and_space_variants_merge() {
    let es = entities(&[
        &["President Abdel-Fattah al-Sisi opened the canal."],
        &["Egyptian President Abdel Fattah el-Sisi attended the ceremony."],
    ]);
    same(&es, "Abdel-Fattah al-Sisi", "Abdel Fattah el-Sisi");
}

#[test]
fn al_and_capital_al_merge() {
    let es = entities(&[
        &["The cleric Hassan al-Turabi died in Khartoum."],
        &["Supporters of Hassan Al-Turabi mourned in the streets."],
    ]);
    same(&es, "Hassan al-Turabi", "Hassan Al-Turabi");
}

#[test]
fn particle_before_a_surname_stays_with_it() {
    let es = entities(&[&[
        "Al-Qaeda leader Osama bin Laden was killed in Abbottabad.",
        "The raid on bin Laden was approved months earlier.",
    ]]);
    same(&es, "Osama bin Laden", "bin Laden");
}

#[test]
fn two_word_surname_merges() {
    let es = entities(&[&[
        "Turkish President Recep Tayyip Erdogan spoke in Ankara.",
        "Tayyip Erdogan later left for Baku.",
        "Erdogan said the talks would continue.",
    ]]);
    same(&es, "Recep Tayyip Erdogan", "Tayyip Erdogan");
    same(&es, "Recep Tayyip Erdogan", "Erdogan");
}

#[test]
fn relatives_sharing_a_surname_stay_apart() {
    let es = entities(&[&[
        "President Joe Biden defended his son Hunter Biden on Tuesday.",
        "Biden said he was proud of him.",
    ]]);
    apart(&es, "Joe Biden", "Hunter Biden");
    // The bare surname is ambiguous: it merges with neither.
    let b = holder(&es, "Biden");
    assert!(b.is_some() && b != holder(&es, "Joe Biden") && b != holder(&es, "Hunter Biden"));
}

#[test]
fn spouses_sharing_a_surname_stay_apart() {
    let es = entities(&[&[
        "Former secretary of state Hillary Clinton and former president Bill Clinton attended.",
    ]]);
    apart(&es, "Hillary Clinton", "Bill Clinton");
}

#[test]
fn shared_first_name_is_not_a_merge() {
    let es =
        entities(&[&["Supreme Leader Ali Khamenei received parliament speaker Ali Larijani."]]);
    apart(&es, "Ali Khamenei", "Ali Larijani");
}

#[test]
fn first_name_of_one_is_surname_of_another() {
    let es = entities(&[&[
        "Palestinian President Mahmoud Abbas met Iranian diplomat Abbas Araghchi.",
        "Abbas said the meeting was constructive.",
    ]]);
    apart(&es, "Mahmoud Abbas", "Abbas Araghchi");
    same(&es, "Mahmoud Abbas", "Abbas");
}

#[test]
fn shared_name_part_in_the_middle_is_not_a_merge() {
    let es =
        entities(&[&["North Korean leader Kim Jong Un appeared with his sister Kim Yo Jong."]]);
    apart(&es, "Kim Jong Un", "Kim Yo Jong");
}

#[test]
fn similar_but_different_surnames_stay_apart() {
    let es = entities(&[&[
        "Secretary of State John Kerry and chief of staff John Kelly met on Monday.",
    ]]);
    apart(&es, "John Kerry", "John Kelly");
}

#[test]
fn short_names_are_not_transliterated() {
    let es = entities(&[&["Coach Dan Smith and assistant Don Smith were both fired."]]);
    apart(&es, "Dan Smith", "Don Smith");
}

#[test]
fn acronym_given_in_parentheses_merges() {
    let es = entities(&[&[
        "The World Health Organization (WHO) declared a pandemic.",
        "WHO officials urged caution.",
    ]]);
    same(&es, "World Health Organization", "WHO");
    kind(&es, "WHO", EntityKind::Organization);
    assert_eq!(
        es[holder(&es, "WHO").unwrap()].canonical,
        "World Health Organization"
    );
}

#[test]
fn acronym_of_initials_merges() {
    let es = entities(&[
        &["Leaders of the European Union met in Brussels."],
        &["The EU agreed a recovery fund."],
    ]);
    same(&es, "European Union", "EU");
}

#[test]
fn acronym_defined_for_a_party() {
    let es = entities(&[&[
        "The Kurdistan Workers Party (PKK) claimed the attack.",
        "The PKK has fought the state since 1984.",
    ]]);
    same(&es, "Kurdistan Workers Party", "PKK");
}

#[test]
fn upper_case_dateline_merges_with_the_place() {
    let mut a = article("2021-03-10", &["Protesters gathered in Paris on Tuesday."]);
    a.dateline = Some("PARIS".into());
    let es = find_entities(&Corpus::build(vec![a]));
    same(&es, "Paris", "PARIS");
    kind(&es, "Paris", EntityKind::Place);
    assert_eq!(es[holder(&es, "Paris").unwrap()].canonical, "Paris");
}

#[test]
fn titles_are_cut_and_kept() {
    let es = entities(&[&[
        "Prime Minister Boris Johnson chaired the meeting.",
        "Johnson left early.",
    ]]);
    same(&es, "Boris Johnson", "Johnson");
    absent(&es, "Prime Minister Boris Johnson");
    let e = &es[holder(&es, "Johnson").unwrap()];
    assert!(
        e.titles.iter().any(|t| t == "Prime Minister"),
        "{:?}",
        e.titles
    );
}

#[test]
fn secretary_of_state_title() {
    let es =
        entities(&[&["Secretary of State Antony Blinken flew to Kyiv. Blinken met officials."]]);
    same(&es, "Antony Blinken", "Blinken");
    absent(&es, "State Antony Blinken");
}

#[test]
fn hyphenated_title_is_cut() {
    let es = entities(&[&["UN Secretary-General Antonio Guterres called for a ceasefire."]]);
    assert!(holder(&es, "Antonio Guterres").is_some(), "{es:#?}");
}

#[test]
fn honorific_form_is_a_variant() {
    let es = entities(&[&[
        "Pope Francis visited the camp on Sunday.",
        "Crown Prince Mohammed bin Salman met the envoy.",
    ]]);
    same(&es, "Pope Francis", "Francis");
    same(
        &es,
        "Crown Prince Mohammed bin Salman",
        "Mohammed bin Salman",
    );
    assert_eq!(es[holder(&es, "Francis").unwrap()].canonical, "Francis");
}

#[test]
fn lower_case_role_makes_a_person() {
    let es = entities(&[&["The company's spokeswoman Maria Tanaka declined to comment."]]);
    kind(&es, "Maria Tanaka", EntityKind::Person);
    let e = &es[holder(&es, "Maria Tanaka").unwrap()];
    assert!(e.titles.iter().any(|t| t.contains("spokeswoman")));
}

#[test]
fn sentence_initial_words_are_not_names() {
    let es = entities(&[&[
        "Despite Merkel's warning, the vote went ahead.",
        "Meanwhile, Angela Merkel left for Paris.",
    ]]);
    absent(&es, "Despite Merkel");
    absent(&es, "Meanwhile");
    same(&es, "Angela Merkel", "Merkel");
}

#[test]
fn place_does_not_merge_into_a_person() {
    let es = entities(&[&[
        "Historians praised former president George Washington.",
        "Officials in Washington said the plan was dead.",
        "Lobbyists flocked to Washington in May.",
    ]]);
    apart(&es, "George Washington", "Washington");
}

#[test]
fn short_place_is_not_a_suffix_of_a_longer_place() {
    let es = entities(&[&["Flights from New York to York were cancelled in York."]]);
    apart(&es, "New York", "York");
}

#[test]
fn org_short_form_merges_with_a_national_prefix() {
    let es = entities(&[&[
        "The British Foreign Office summoned the ambassador.",
        "The Foreign Office said the move was unacceptable.",
    ]]);
    same(&es, "British Foreign Office", "Foreign Office");
    kind(&es, "Foreign Office", EntityKind::Organization);
}

#[test]
fn types_from_context() {
    let es = entities(&[&[
        "Thousands rallied in Trafalgar Square on Saturday.",
        "Rescuers reached the city of Mariupol.",
        "The Kremlin said talks would resume.",
        "Fighters of the Wagner group withdrew.",
        "\"We are ready,\" said Olena Kovalenko, a teacher.",
        "The deal was off, Bloomberg reported.",
    ]]);
    kind(&es, "Bloomberg", EntityKind::Organization);
    kind(&es, "Trafalgar Square", EntityKind::Place);
    kind(&es, "Mariupol", EntityKind::Place);
    kind(&es, "Kremlin", EntityKind::Organization);
    kind(&es, "Wagner", EntityKind::Organization);
    kind(&es, "Olena Kovalenko", EntityKind::Person);
}

#[test]
fn sentence_initial_verb_does_not_swallow_a_name() {
    let es = entities(&[&[
        "\"Save Ukraine!\" the crowd chanted as they marched through Warsaw.",
        "Leaders in Ukraine welcomed the support.",
    ]]);
    let u = &es[holder(&es, "Ukraine").unwrap()];
    assert_eq!(u.canonical, "Ukraine");
    assert!(!u.variants.iter().any(|v| v == "Save Ukraine"));
}

#[test]
fn demonyms_and_time_words_are_not_entities() {
    let es =
        entities(&[&["French officials and German diplomats met on Friday in October talks."]]);
    absent(&es, "French");
    absent(&es, "German");
    absent(&es, "Friday");
    absent(&es, "October");
}

#[test]
fn possessive_is_removed() {
    let es = entities(&[&["Macron's party lost, and Emmanuel Macron conceded."]]);
    same(&es, "Macron", "Emmanuel Macron");
    absent(&es, "Macron's");
}

#[test]
fn mentions_are_traceable() {
    let c = story(
        "2021-03-10",
        &[&["Chancellor Olaf Scholz spoke. Scholz left."]],
    );
    let es = find_entities(&c);
    let e = &es[holder(&es, "Olaf Scholz").unwrap()];
    assert_eq!(e.mentions.len(), 2);
    for m in &e.mentions {
        let sp = m.span.unwrap();
        assert_eq!(&c.docs[0].article.body[sp.start..sp.end], m.text);
    }
}

#[test]
fn transliteration_rule() {
    assert!(same_name_word("adel", "adil"));
    assert!(same_name_word("abdul", "abdel"));
    assert!(same_name_word("mohammed", "mohammad"));
    assert!(!same_name_word("dan", "don"));
    assert!(!same_name_word("kerry", "kelly"));
    assert!(!same_name_word("adel", "abel"));
    assert!(!same_name_word("maria", "mario") || "maria".len() == 5);
}

#[test]
fn tokenizer() {
    let t: Vec<&str> = tokens("The U.S. sent 5,200 troops on 10/1; Abdel-Fattah’s al-Sisi don't.")
        .iter()
        .map(|t| t.text)
        .collect();
    assert_eq!(
        t,
        vec![
            "The",
            "U.S.",
            "sent",
            "5,200",
            "troops",
            "on",
            "10/1",
            "Abdel-Fattah’s",
            "al-Sisi",
            "don't"
        ]
    );
}

proptest::proptest! {
    #[test]
    fn never_panics_and_spans_are_valid(text in "\\PC{0,200}") {
        let c = story("2021-03-10", &[&[text.as_str()]]);
        for e in find_entities(&c) {
            for m in &e.mentions {
                if let Some(sp) = m.span {
                    proptest::prop_assert!(c.docs[0].article.body.get(sp.start..sp.end).is_some());
                }
            }
        }
    }
}

#[test]
fn spans_of_names_with_narrow_spaces_cover_the_written_text() {
    // A narrow no-break space is 3 bytes; the name's text has a plain space.
    let text = "Officials met Jean\u{202f}Dupont in the capital on Monday.";
    let c = story("2021-03-10", &[&[text]]);
    let body = &c.docs[0].article.body;
    let m = find_entities(&c)
        .into_iter()
        .flat_map(|e| e.mentions)
        .find(|m| m.text == "Jean Dupont")
        .expect("the name is found");
    let sp = m.span.expect("a span");
    assert_eq!(&body[sp.start..sp.end], "Jean\u{202f}Dupont");
}

/// Name conventions: titles and honorifics, family name first, particles.
/// Each case is the paragraphs of one article, groups of variants that
/// must each be one entity (and different groups different entities), and
/// forms that must not be entities.
type EntityCase = (
    &'static [&'static str],
    &'static [&'static [&'static str]],
    &'static [&'static str],
);

const CONVENTION_CASES: &[EntityCase] = &[
    (
        &[
            "Prime Minister Jacinda Ardern visited Christchurch.",
            "Ardern met families of the victims.",
            "Ms. Ardern wore a headscarf.",
        ],
        &[&["Jacinda Ardern", "Ardern"]],
        &["Ms", "Ms. Ardern", "Prime Minister Jacinda Ardern"],
    ),
    (
        &[
            "Jacinda Ardern, the prime minister, said the attack was an act of terror.",
            "Ms. Ardern later met the victims' families.",
        ],
        &[&["Jacinda Ardern", "Ardern"]],
        &["Ms"],
    ),
    (
        &[
            "Dr. Anthony Fauci testified before the Senate on Tuesday.",
            "Fauci said the vaccines were safe.",
            "Dr. Fauci left after three hours.",
        ],
        &[&["Anthony Fauci", "Fauci"]],
        &["Dr"],
    ),
    (
        &[
            "Mr. Biden spoke in Delaware on Friday.",
            "President Joe Biden signed the order later.",
        ],
        &[&["Joe Biden", "Biden"]],
        &["Mr"],
    ),
    (
        &[
            "Gen. Mark Milley briefed reporters at the Pentagon.",
            "Milley called the withdrawal a strategic failure.",
        ],
        &[&["Mark Milley", "Milley"]],
        &["Gen"],
    ),
    (
        &[
            "Chinese President Xi Jinping arrived in Moscow on Monday.",
            "Xi and Putin signed a joint statement.",
        ],
        &[&["Xi Jinping", "Xi"], &["Putin"]],
        &[],
    ),
    (
        &[
            "South Korean President Moon Jae-in met Kim Jong Un at the border.",
            "Moon said the summit was a new beginning.",
        ],
        &[&["Moon Jae-in", "Moon"], &["Kim Jong Un"]],
        &[],
    ),
    (
        &[
            "Premier Li Keqiang presented the annual budget.",
            "Li said growth would slow this year.",
        ],
        &[&["Li Keqiang", "Li"]],
        &[],
    ),
    (
        &[
            "Chinese Foreign Minister Wang Yi met Secretary of State Antony Blinken.",
            "Wang said the two sides should avoid conflict.",
            "Blinken agreed.",
        ],
        &[&["Wang Yi", "Wang"], &["Antony Blinken", "Blinken"]],
        &[],
    ),
    (
        &[
            "Singapore's Prime Minister Lee Hsien Loong spoke at the forum.",
            "Lee warned against protectionism.",
        ],
        &[&["Lee Hsien Loong", "Lee"]],
        &[],
    ),
    (
        &[
            "Cambodian leader Hun Sen attended the summit in Jakarta.",
            "Hun said the election had been fair.",
        ],
        &[&["Hun Sen", "Hun"]],
        &[],
    ),
    (
        &[
            "Japanese Prime Minister Kishida Fumio visited Seoul.",
            "Kishida met President Yoon Suk Yeol.",
        ],
        &[&["Kishida Fumio", "Kishida"], &["Yoon Suk Yeol"]],
        &[],
    ),
    (
        &[
            "Premier Li Qiang met relatives of Li Keqiang in Hefei.",
            "Li spoke first.",
        ],
        &[&["Li Qiang"], &["Li Keqiang"], &["Li"]],
        &[],
    ),
    (
        &[
            "North Korean leader Kim Jong Un appeared with his sister Kim Yo Jong.",
            "Kim waved to the crowd.",
        ],
        &[&["Kim Jong Un"], &["Kim Yo Jong"], &["Kim"]],
        &[],
    ),
    (
        &[
            "European Commission President Ursula von der Leyen spoke in Strasbourg.",
            "Von der Leyen said the bloc would act.",
        ],
        &[&["Ursula von der Leyen", "Von der Leyen"]],
        &["Leyen", "der Leyen"],
    ),
    (
        &[
            "Lawmakers questioned Ursula von der Leyen on Tuesday.",
            "Critics said von der Leyen had ignored them.",
        ],
        &[&["Ursula von der Leyen", "von der Leyen"]],
        &["Ursula"],
    ),
    (
        &[
            "Saudi Crown Prince Mohammed bin Salman hosted the summit.",
            "Bin Salman later met the emir.",
            "Officials close to bin Salman denied the report.",
        ],
        &[&["Mohammed bin Salman", "bin Salman", "Bin Salman"]],
        &[],
    ),
    (
        &[
            "Brazilian President Luiz Inácio Lula da Silva won a third term.",
            "Lula promised to end illegal deforestation.",
        ],
        &[&["Luiz Inácio Lula da Silva", "Lula"]],
        &[],
    ),
    (
        &[
            "Mexican President Andrés Manuel López Obrador held his morning briefing.",
            "López Obrador criticized the court.",
        ],
        &[&["Andrés Manuel López Obrador", "López Obrador"]],
        &[],
    ),
    (
        &[
            "Liverpool defender Virgil van Dijk scored twice on Sunday.",
            "Van Dijk said the team deserved the win.",
        ],
        &[&["Virgil van Dijk", "Van Dijk"]],
        &["Dijk"],
    ),
    (
        &[
            "Belgian Prime Minister Alexander De Croo announced the measures.",
            "De Croo said schools would stay open.",
        ],
        &[&["Alexander De Croo", "De Croo"]],
        &[],
    ),
    (
        &[
            "Syrian President Bashar al-Assad met the envoy in Damascus.",
            "Assad said the war was over.",
            "Al-Assad later left the capital.",
        ],
        &[&["Bashar al-Assad", "Assad", "Al-Assad"]],
        &[],
    ),
    (
        &[
            "Former Malaysian prime minister Mahathir bin Mohamad addressed the rally.",
            "Mahathir said the government had failed.",
        ],
        &[&["Mahathir bin Mohamad", "Mahathir"]],
        &[],
    ),
    (
        &[
            "Colombian author Gabriel García Márquez died in Mexico City.",
            "García Márquez won the Nobel Prize in 1982.",
        ],
        &[&["Gabriel García Márquez", "García Márquez"]],
        &[],
    ),
];

#[test]
fn name_conventions() {
    let mut failed = Vec::new();
    for (paras, groups, absent_forms) in CONVENTION_CASES {
        let es = entities(&[paras]);
        let all = || {
            es.iter()
                .map(|e| e.variants.join(" | "))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let mut seen: Vec<usize> = Vec::new();
        for g in groups.iter() {
            let ids: Vec<Option<usize>> = g.iter().map(|v| holder(&es, v)).collect();
            match ids[0] {
                Some(id) if ids.iter().all(|x| *x == Some(id)) => {
                    if seen.contains(&id) {
                        failed.push(format!("{g:?} merged with another group: {}", all()));
                    }
                    seen.push(id);
                }
                _ => failed.push(format!("{g:?} not one entity: {}", all())),
            }
        }
        for v in absent_forms.iter() {
            if holder(&es, v).is_some() {
                failed.push(format!("{v:?} should not be a variant: {}", all()));
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{} failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[test]
fn a_country_named_without_a_place_word_is_a_place() {
    let es = entities(&[&[
        "President Joe Biden said the climate pledge would push China and India to cut coal use faster.",
        "Officials from Saudi Arabia and the U.S. met the envoy on Tuesday.",
    ]]);
    kind(&es, "China", EntityKind::Place);
    kind(&es, "India", EntityKind::Place);
    kind(&es, "Saudi Arabia", EntityKind::Place);
    // A person's name is still a person's.
    kind(&es, "Joe Biden", EntityKind::Person);
}
