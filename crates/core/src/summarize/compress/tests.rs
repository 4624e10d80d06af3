use super::*;

/// The text each span covers, and the compressed sentence.
fn run(text: &str, rules: Rules) -> (Vec<&str>, String) {
    let spans = compress(text, rules);
    let dropped = spans.iter().map(|s| &text[s.start..s.end]).collect();
    (dropped, apply(text, &spans))
}

/// The kept text is the source's characters in order, minus the spans.
fn is_subsequence(short: &str, long: &str) -> bool {
    let mut it = long.chars();
    short.chars().all(|c| it.any(|d| d == c))
}

#[test]
fn dateline_with_agency() {
    let s = "WASHINGTON (AP) — The Senate voted 52-48 on Thursday to confirm the nominee.";
    let (dropped, kept) = run(s, Rules::DATELINE);
    assert_eq!(dropped, ["WASHINGTON (AP) — "]);
    assert_eq!(
        kept,
        "The Senate voted 52-48 on Thursday to confirm the nominee."
    );
    let s = "LONDON, Jan. 3 (Reuters) - British house prices rose for a fifth month in December.";
    let (dropped, _) = run(s, Rules::DATELINE);
    assert_eq!(dropped, ["LONDON, Jan. 3 (Reuters) - "]);
    // Lower-cased corpora with spaced punctuation.
    let s = "los angeles ( ap ) — a wildfire forced thousands of residents to flee overnight.";
    let (dropped, _) = run(s, Rules::DATELINE);
    assert_eq!(dropped, ["los angeles ( ap ) — "]);
}

#[test]
fn an_acronym_before_a_hyphen_is_no_dateline() {
    let s = "US - China trade talks resumed in Beijing after a pause of several months.";
    assert!(compress(s, Rules::DATELINE).is_empty());
}

#[test]
fn trailing_attribution() {
    let s = "The blast killed at least 12 people and wounded dozens more, officials said.";
    let (dropped, kept) = run(s, Rules::ATTRIBUTION);
    assert_eq!(dropped, [", officials said"]);
    assert_eq!(
        kept,
        "The blast killed at least 12 people and wounded dozens more."
    );
    let s = "The ship was carrying 40 passengers when it sank off the coast, according to the coast guard.";
    let (dropped, _) = run(s, Rules::ATTRIBUTION);
    assert_eq!(dropped, [", according to the coast guard"]);
    let s = "Production will resume at the plant next month, the company said in a statement.";
    let (dropped, _) = run(s, Rules::ATTRIBUTION);
    assert_eq!(dropped, [", the company said in a statement"]);
}

#[test]
fn attribution_between_commas() {
    let s = "The suspect, police said, fled the scene in a stolen car before dawn.";
    let (dropped, kept) = run(s, Rules::ATTRIBUTION);
    assert_eq!(dropped, [", police said,"]);
    assert_eq!(
        kept,
        "The suspect fled the scene in a stolen car before dawn."
    );
}

#[test]
fn a_speaker_named_between_commas_keeps_his_title() {
    let s =
        "An anonymous bidder won the coin, said Chris Napolitano, president of the auction house.";
    assert!(
        compress(s, Rules::ATTRIBUTION).is_empty(),
        "{:?}",
        run(s, Rules::ATTRIBUTION)
    );
    let s = "The coin sold for $10 million to an anonymous bidder, said Chris Napolitano.";
    let (dropped, _) = run(s, Rules::ATTRIBUTION);
    assert_eq!(dropped, [", said Chris Napolitano"]);
}

#[test]
fn a_quotation_keeps_its_speaker() {
    let s = "\"We will rebuild every home that was lost,\" the governor said, adding that aid was on its way.";
    assert!(
        compress(s, Rules::ALL).is_empty(),
        "{:?}",
        run(s, Rules::ALL)
    );
    let s = "The plan is \"dead on arrival,\" a senior Republican aide said.";
    assert!(compress(s, Rules::ATTRIBUTION).is_empty());
    // The speaker named before the quotation stays too.
    let s = "In a speech on gun violence on Wednesday, Biden said, \"If you think you need weapons to take on the government, you need F-15s.\"";
    assert!(compress(s, Rules::ATTRIBUTION).is_empty());
    let (_, kept) = run(s, Rules::ALL);
    assert!(kept.contains("Biden said"), "{kept}");
}

/// The default rules keep attributions: "..., the court said" left out
/// would state the court's finding as a fact.
#[test]
fn the_default_rules_keep_who_said_it() {
    let s = "Public schools have no general power to punish students for what they say off campus, the Supreme Court said Wednesday.";
    let (dropped, kept) = run(s, Rules::DEFAULT);
    assert_eq!(dropped, [" Wednesday"]);
    assert!(kept.ends_with(", the Supreme Court said."), "{kept}");
    assert!(!Rules::DEFAULT.has(Rules::ATTRIBUTION));
}

#[test]
fn a_clause_with_said_is_no_attribution() {
    let s = "The minister resigned on Sunday, which the opposition said was long overdue.";
    assert!(compress(s, Rules::ATTRIBUTION).is_empty());
}

#[test]
fn parenthetical() {
    let s = "The Organization of the Petroleum Exporting Countries (OPEC) agreed to cut output by 1.2 million barrels a day.";
    let (dropped, kept) = run(s, Rules::PARENTHETICAL);
    assert_eq!(dropped, [" (OPEC)"]);
    assert_eq!(
        kept,
        "The Organization of the Petroleum Exporting Countries agreed to cut output by 1.2 million barrels a day."
    );
    // Spaced punctuation.
    let s = "the agency intercepted mr. ban's talking points ( the white house won't say why ) before the meeting.";
    let (dropped, _) = run(s, Rules::PARENTHETICAL);
    assert_eq!(dropped, [" ( the white house won't say why )"]);
}

#[test]
fn relative_clause() {
    let s = "Nancy Pelosi, who has led House Democrats since 2003, said the vote would happen next week.";
    let (dropped, kept) = run(s, Rules::RELATIVE);
    assert_eq!(dropped, [", who has led House Democrats since 2003,"]);
    assert_eq!(kept, "Nancy Pelosi said the vote would happen next week.");
    let s = "The storm knocked out power to 200,000 homes, which left many without heat overnight.";
    let (dropped, kept) = run(s, Rules::RELATIVE);
    assert_eq!(dropped, [", which left many without heat overnight"]);
    assert_eq!(kept, "The storm knocked out power to 200,000 homes.");
}

#[test]
fn a_relative_clause_that_goes_on_stays() {
    let s = "The lawyer is Plato Cacheris, who has represented defendants in espionage cases, including the convicted spy Aldrich Ames.";
    assert!(
        compress(s, Rules::RELATIVE).is_empty(),
        "{:?}",
        run(s, Rules::RELATIVE)
    );
}

#[test]
fn a_relative_clause_before_a_list_stays() {
    let s = "The firm, which makes chips, phones and laptops, reported a loss for the quarter.";
    // The clause's own comma comes first: what follows it is a list.
    assert!(
        compress(s, Rules::RELATIVE).is_empty(),
        "{:?}",
        run(s, Rules::RELATIVE)
    );
}

#[test]
fn appositive() {
    let s = "Mark Esper, the defense secretary, told reporters that no troops would leave Iraq.";
    let (dropped, kept) = run(s, Rules::APPOSITIVE);
    assert_eq!(dropped, [", the defense secretary,"]);
    assert_eq!(
        kept,
        "Mark Esper told reporters that no troops would leave Iraq."
    );
    // A list of noun phrases is not an appositive.
    let s = "The fire destroyed the school, the library, the town hall and two churches.";
    assert!(compress(s, Rules::APPOSITIVE).is_empty());
    // A clause (with a verb) is not either.
    let s = "Officials evacuated the area, the fire was still burning, and roads were closed.";
    assert!(compress(s, Rules::APPOSITIVE).is_empty());
}

#[test]
fn leading_connective_and_phrase() {
    let s = "However, the central bank left interest rates unchanged at its meeting.";
    let (dropped, kept) = run(s, Rules::CONNECTIVE);
    assert_eq!(dropped, ["However, "]);
    assert_eq!(
        kept,
        "the central bank left interest rates unchanged at its meeting."
    );
    let s = "But the court ruled that the law could not be applied retroactively.";
    let (dropped, _) = run(s, Rules::CONNECTIVE);
    assert_eq!(dropped, ["But "]);
    let s = "In a statement, the ministry denied that any civilians had been harmed.";
    let (dropped, _) = run(s, Rules::LEAD_PHRASE);
    assert_eq!(dropped, ["In a statement, "]);
    // A long opening clause is content.
    let s = "In the hours after the earthquake struck the coast, rescuers searched the rubble.";
    assert!(compress(s, Rules::LEAD_PHRASE).is_empty());
}

#[test]
fn weekdays() {
    let s =
        "Iran fired more than a dozen missiles at two bases in Iraq on Tuesday, the Pentagon said.";
    let (dropped, kept) = run(s, Rules::WEEKDAY);
    assert_eq!(dropped, [" on Tuesday"]);
    assert_eq!(
        kept,
        "Iran fired more than a dozen missiles at two bases in Iraq, the Pentagon said."
    );
    let s = "The company said Monday that it would cut 3,000 jobs by the end of the year.";
    let (dropped, _) = run(s, Rules::WEEKDAY);
    assert_eq!(dropped, [" Monday"]);
    let s = "The band played its last concert in the city on Sunday night before leaving.";
    let (dropped, _) = run(s, Rules::WEEKDAY);
    assert_eq!(dropped, [" on Sunday night"]);
    let s = "The actor was featured on Sunday night's episode of the long-running show.";
    assert!(compress(s, Rules::WEEKDAY).is_empty());
    let s = "On Friday, thousands of protesters marched through the capital's streets.";
    let (dropped, _) = run(s, Rules::WEEKDAY);
    assert_eq!(dropped, ["On Friday, "]);
}

#[test]
fn all_rules_together() {
    let s = "BAGHDAD (AP) — Iraq's prime minister, who took office in 2018, asked the U.S. on Friday to send a delegation (the first since the strike) to work out a withdrawal, officials said.";
    let (dropped, kept) = run(s, Rules::ALL);
    assert_eq!(
        dropped,
        [
            "BAGHDAD (AP) — ",
            ", who took office in 2018,",
            " on Friday",
            " (the first since the strike)",
            ", officials said"
        ]
    );
    assert_eq!(
        kept,
        "Iraq's prime minister asked the U.S. to send a delegation to work out a withdrawal."
    );
    assert!(is_subsequence(&kept, s));
}

#[test]
fn short_sentences_are_left_whole() {
    let s = "The deal, officials said, collapsed.";
    assert!(compress(s, Rules::ALL).is_empty());
}

#[test]
fn rules_parse() {
    assert_eq!(Rules::parse("all"), Ok(Rules::ALL));
    assert_eq!(
        Rules::parse("dateline, weekday"),
        Ok(Rules::DATELINE.union(Rules::WEEKDAY))
    );
    assert!(Rules::parse("bogus").is_err());
}

proptest::proptest! {
    #[test]
    fn spans_stay_inside_on_boundaries(s in "[a-zA-Zé0-9 ,.()\"“”—_-]{0,120}") {
        for rules in [Rules::ALL, Rules::ATTRIBUTION, Rules::RELATIVE.union(Rules::APPOSITIVE)] {
            let spans = compress(&s, rules);
            let mut at = 0;
            for sp in &spans {
                proptest::prop_assert!(sp.start >= at && sp.start < sp.end && sp.end <= s.len());
                proptest::prop_assert!(s.is_char_boundary(sp.start) && s.is_char_boundary(sp.end));
                at = sp.end;
            }
            let kept = apply(&s, &spans);
            proptest::prop_assert!(is_subsequence(&kept, &s));
            proptest::prop_assert_eq!(kept.len() + spans.iter().map(|sp| sp.len()).sum::<usize>(), s.len());
        }
    }

    #[test]
    fn any_text_compresses_without_panic(s in "\\PC{0,200}") {
        let spans = compress(&s, Rules::ALL);
        for sp in &spans {
            proptest::prop_assert!(sp.end <= s.len() && s.is_char_boundary(sp.start) && s.is_char_boundary(sp.end));
        }
        let _ = apply(&s, &spans);
    }
}
