//! Hard cases for the sentence splitter, written from news habits.

use super::{flags_of, split_paragraph};

fn split(text: &str) -> Vec<&str> {
    split_paragraph(text)
        .into_iter()
        .map(|s| &text[s.start..s.end])
        .collect()
}

/// (paragraph, expected sentences)
const CASES: &[(&str, &[&str])] = &[
    (
        "The U.S. military said it would leave. Officials disagreed.",
        &[
            "The U.S. military said it would leave.",
            "Officials disagreed.",
        ],
    ),
    (
        "Gen. Mark Milley spoke on Tuesday. He was brief.",
        &["Gen. Mark Milley spoke on Tuesday.", "He was brief."],
    ),
    (
        "Mr. Smith and Mrs. Jones met Dr. Brown at 9 a.m. on Monday. They talked.",
        &[
            "Mr. Smith and Mrs. Jones met Dr. Brown at 9 a.m. on Monday.",
            "They talked.",
        ],
    ),
    (
        "The song reached No. 1 in the charts. It stayed there.",
        &["The song reached No. 1 in the charts.", "It stayed there."],
    ),
    (
        "The vote was held on Jan. 5, 2020. It passed.",
        &["The vote was held on Jan. 5, 2020.", "It passed."],
    ),
    (
        "\"We will not leave,\" he said. \"Never.\"",
        &["\"We will not leave,\" he said.", "\"Never.\""],
    ),
    (
        "\"Stop the war! Stop it now!\" the crowd chanted outside. Police watched.",
        &[
            "\"Stop the war! Stop it now!\" the crowd chanted outside.",
            "Police watched.",
        ],
    ),
    (
        "Is this the end? Nobody knows.",
        &["Is this the end?", "Nobody knows."],
    ),
    (
        "What a day! The market fell 5%.",
        &["What a day!", "The market fell 5%."],
    ),
    (
        "He asked: \"Where is the money?\" Nobody answered.",
        &["He asked: \"Where is the money?\"", "Nobody answered."],
    ),
    (
        "The talks ended without a deal",
        &["The talks ended without a deal"],
    ),
    (
        "Sales rose 3.5 per cent to $1.2 billion. Shares fell.",
        &["Sales rose 3.5 per cent to $1.2 billion.", "Shares fell."],
    ),
    (
        "“We’re not leaving unless they pay us back for it,” he added. The crowd cheered.",
        &[
            "“We’re not leaving unless they pay us back for it,” he added.",
            "The crowd cheered.",
        ],
    ),
    (
        "The meeting ran until 11 p.m. Tuesday, officials said. Talks resume today.",
        &[
            "The meeting ran until 11 p.m. Tuesday, officials said.",
            "Talks resume today.",
        ],
    ),
    (
        "Prof. Ana Ruiz of St. Mary's College disagreed. She cited data.",
        &[
            "Prof. Ana Ruiz of St. Mary's College disagreed.",
            "She cited data.",
        ],
    ),
    (
        "The E.U. and the U.K. signed. Markets rallied.",
        &["The E.U. and the U.K. signed.", "Markets rallied."],
    ),
    (
        "Sen. Warren (D-Mass.) objected. The bill stalled.",
        &["Sen. Warren (D-Mass.) objected.", "The bill stalled."],
    ),
    (
        "\"It is over,\" she said. \"We lost. We will be back.\"",
        // A quotation of several sentences stays one unit: its speaker is found once.
        &["\"It is over,\" she said.", "\"We lost. We will be back.\""],
    ),
    (
        "The people have suffered enough... There must be no role for outsiders.",
        &[
            "The people have suffered enough...",
            "There must be no role for outsiders.",
        ],
    ),
    (
        "Trading opened at 9:30 a.m. in New York.",
        &["Trading opened at 9:30 a.m. in New York."],
    ),
    (
        "The firm, Acme Inc., reported a loss. Its CEO resigned.",
        &["The firm, Acme Inc., reported a loss.", "Its CEO resigned."],
    ),
    (
        "'Screw them! Screw all of them!' protesters shouted in the square.",
        &["'Screw them! Screw all of them!' protesters shouted in the square."],
    ),
    (
        "Lt. Col. James Ray confirmed the strike. Two died.",
        &["Lt. Col. James Ray confirmed the strike.", "Two died."],
    ),
    (
        "The U.N. Security Council met. No vote was taken.",
        &["The U.N. Security Council met.", "No vote was taken."],
    ),
    (
        "Why now? Because the deadline is Friday! Analysts agree.",
        &[
            "Why now?",
            "Because the deadline is Friday!",
            "Analysts agree.",
        ],
    ),
    (
        "The deal is worth approx. 5 million euros. It closes in May.",
        &[
            "The deal is worth approx. 5 million euros.",
            "It closes in May.",
        ],
    ),
    (
        "Visit example.com for details. Tickets are free.",
        &["Visit example.com for details.", "Tickets are free."],
    ),
    (
        "He said the plan was \"dead on arrival.\" Others disagreed.",
        &[
            "He said the plan was \"dead on arrival.\"",
            "Others disagreed.",
        ],
    ),
    (
        "The vote was 170 to 0. It was non-binding.",
        &["The vote was 170 to 0.", "It was non-binding."],
    ),
    ("Executive agreements", &["Executive agreements"]),
    (
        "She arrived Sept. 3 and left Oct. 12. Nobody noticed.",
        &["She arrived Sept. 3 and left Oct. 12.", "Nobody noticed."],
    ),
    (
        "The rebels (about 300 fighters.) retreated. Fighting ended.",
        &[
            "The rebels (about 300 fighters.) retreated.",
            "Fighting ended.",
        ],
    ),
];

#[test]
fn hard_cases() {
    let mut failures = Vec::new();
    for (text, expected) in CASES {
        let got = split(text);
        if got != *expected {
            failures.push(format!("{text:?}\n   got {got:?}\n  want {expected:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn spans_cover_text_in_order() {
    for (text, _) in CASES {
        let spans = split_paragraph(text);
        let mut last = 0;
        for s in &spans {
            assert!(s.start >= last && s.end <= text.len() && s.start < s.end);
            last = s.end;
        }
    }
}

proptest::proptest! {
    #[test]
    fn never_panics_and_spans_are_char_boundaries(text in "\\PC{0,300}") {
        for s in split_paragraph(&text) {
            proptest::prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            proptest::prop_assert!(s.start <= s.end && s.end <= text.len());
        }
    }
}

/// The quote flag as first written (substring searches), for the one-pass version.
fn quote_reference(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '"' | '“' | '”'))
        || s.contains(" '") && s.contains("' ")
        || s.starts_with('\'')
        || s.contains('‘')
}

proptest::proptest! {
    #[test]
    fn quote_flag_matches_reference(s in "[a ,.'\"“”‘’—é]{0,30}") {
        proptest::prop_assert_eq!(flags_of(&s).quote, quote_reference(&s));
    }
}
