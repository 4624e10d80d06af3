//! Calendar words of English news text: month and weekday names and their
//! abbreviations. Shared by the cleaner (date lines) and the analysis
//! (timeline, names), so that both read dates with the same words.

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// Month number of an English month name or abbreviation.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == w).map(|&(_, m)| m)
}

/// English weekday names, Monday first.
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Weekday number (0 = Monday) of a weekday name or abbreviation.
pub fn weekday_number(w: &str) -> Option<u32> {
    let l = w.trim_end_matches('.').to_lowercase();
    if l.len() < 3 {
        return None;
    }
    WEEKDAYS
        .iter()
        .position(|d| *d == l || (l.len() >= 3 && l.len() <= 4 && d.starts_with(&l)))
        .map(|i| i as u32)
}

/// Weekday names and the abbreviations date lines use ("Thurs"), lower-cased.
pub fn is_weekday_word(lower: &str) -> bool {
    const SHORT: &[&str] = &[
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ];
    WEEKDAYS.contains(&lower) || SHORT.contains(&lower)
}
