//! Word lists the analyses share: reporting verbs, role words, time words.
//! General English news vocabulary only (no names of any story). Hand-kept
//! lists rather than a crate: no maintained crate carries news-specific
//! role and attribution vocabulary, and the lists must stay stable because
//! the analyses' output depends on them.

use crate::text::calendar::{WEEKDAYS, month_number};
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

/// Verbs that report speech ("said", "told", "added"), in the forms news uses.
pub const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "states",
    "explained",
    "acknowledged",
    "insisted",
    "warned",
    "wrote",
    "writes",
    "asked",
    "asks",
    "noted",
    "argued",
    "claimed",
    "declared",
    "announced",
    "cried",
    "shouted",
    "chanted",
    "tweeted",
    "posted",
    "continued",
    "replied",
    "responded",
    "urged",
    "demanded",
    "confirmed",
    "denied",
    "admitted",
    "conceded",
    "recalled",
    "remarked",
    "reported",
    "suggested",
    "stressed",
    "emphasized",
    "emphasised",
    "predicted",
    "promised",
    "vowed",
    "pledged",
    "threatened",
    "complained",
    "commented",
    "observed",
    "concluded",
    "agreed",
    "maintained",
    "contended",
    "countered",
    "requested",
    "called",
    "described",
    "testified",
    "whispered",
    "yelled",
    "screamed",
    "joked",
    "sang",
    "saying",
    "telling",
    "adding",
    "asking",
    "warning",
    "insisting",
    "arguing",
    "noting",
];

static SPEECH_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| SPEECH_VERBS.iter().copied().collect());
static ROLE_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| ROLE_NOUNS.iter().copied().collect());
static COUNTRY_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| COUNTRIES.iter().copied().collect());

/// True for a name in [`COUNTRIES`] (as written: names are cased).
pub fn is_country(name: &str) -> bool {
    COUNTRY_SET.contains(name)
}

/// Looks a word up in a lower-case set, lower-casing only when needed.
fn in_set(set: &FxHashSet<&'static str>, w: &str) -> bool {
    if w.chars().any(char::is_uppercase) {
        set.contains(w.to_lowercase().as_str())
    } else {
        set.contains(w)
    }
}

/// True for a reporting verb.
pub fn is_speech_verb(w: &str) -> bool {
    in_set(&SPEECH_SET, w)
}

/// Lower-case nouns that name a person's role ("spokeswoman", "general").
pub const ROLE_NOUNS: &[&str] = &[
    "president",
    "minister",
    "premier",
    "chancellor",
    "secretary",
    "spokeswoman",
    "spokesman",
    "spokesperson",
    "general",
    "commander",
    "leader",
    "dictator",
    "official",
    "chief",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "ambassador",
    "envoy",
    "senator",
    "governor",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "cleric",
    "ayatollah",
    "judge",
    "lawyer",
    "attorney",
    "analyst",
    "professor",
    "researcher",
    "expert",
    "activist",
    "protester",
    "demonstrator",
    "resident",
    "author",
    "reporter",
    "correspondent",
    "founder",
    "ceo",
    "coach",
    "player",
    "striker",
    "actor",
    "actress",
    "singer",
    "candidate",
    "lawmaker",
    "legislator",
    "congressman",
    "congresswoman",
    "aide",
    "adviser",
    "advisor",
    "diplomat",
    "officer",
    "colonel",
    "captain",
    "lieutenant",
    "sergeant",
    "sheikh",
    "imam",
    "pope",
    "bishop",
    "priest",
    "rabbi",
    "economist",
    "scientist",
    "doctor",
    "nurse",
    "owner",
    "executive",
    "manager",
    "boss",
    "emir",
    "sultan",
    "strongman",
    "militant",
    "businessman",
    "businesswoman",
    "father",
    "mother",
    "son",
    "daughter",
    "wife",
    "husband",
    "brother",
    "sister",
    "widow",
    "victim",
    "witness",
    "teacher",
    "student",
    "farmer",
    "worker",
    "journalist",
    "photographer",
    "editor",
    "writer",
    "novelist",
    "poet",
    "artist",
    "musician",
    "rapper",
    "star",
    "champion",
    "deputy",
    "premier",
    "mp",
    "representative",
    "speaker",
    "prosecutor",
    "detective",
    "inspector",
    "admiral",
    "marshal",
    "sen",
    "rep",
    "gov",
    "gen",
];

/// True for a role noun (case-insensitive; a plural "s" allowed).
pub fn is_role_noun(w: &str) -> bool {
    if in_set(&ROLE_SET, w) {
        return true;
    }
    let l = w.to_lowercase();
    l.strip_suffix('s')
        .is_some_and(|s| s.len() > 3 && ROLE_SET.contains(s))
}

/// Capitalized words that head a title before a name ("President",
/// "Minister"), besides the [`HONORIFICS`] and [`TITLE_MODIFIERS`] that are
/// title words too: [`is_title_word`] asks all three lists.
const TITLE_HEADS: &[&str] = &[
    "President",
    "Minister",
    "Premier",
    "Chancellor",
    "Secretary",
    "General",
    "Gen",
    "Commander",
    "Governor",
    "Gov",
    "Senator",
    "Sen",
    "Representative",
    "Rep",
    "Mayor",
    "Judge",
    "Justice",
    "Ambassador",
    "Envoy",
    "Chairman",
    "Chairwoman",
    "Director",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Leader",
    "Colonel",
    "Col",
    "Captain",
    "Capt",
    "Lieutenant",
    "Lt",
    "Sergeant",
    "Sgt",
    "Admiral",
    "Adm",
    "Marshal",
    "Dr",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Professor",
    "Prof",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Speaker",
    "Prosecutor",
    "Inspector",
    "Detective",
    "Officer",
    "Coach",
    "Reverend",
    "Rev",
    "Father",
    "CEO",
];

/// True for a word of a title before a name: a head ("President"), an
/// honorific ("Pope") or a modifier ("Prime").
pub fn is_title_word(w: &str) -> bool {
    TITLE_HEADS.contains(&w) || HONORIFICS.contains(&w) || TITLE_MODIFIERS.contains(&w)
}

/// Title words that stay part of a person's name form ("Grand Ayatollah X",
/// "Pope X", "King X"): the name is recorded with and without them.
pub const HONORIFICS: &[&str] = &[
    "Grand",
    "Ayatollah",
    "Sheikh",
    "Pope",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Emir",
    "Sultan",
    "Imam",
    "Rabbi",
    "Cardinal",
    "Archbishop",
    "Bishop",
    "Crown",
    "Saint",
];

/// Words that may modify a title head but are not one ("Prime", "Vice"):
/// a run of them counts as a title only when a head follows.
pub const TITLE_MODIFIERS: &[&str] = &[
    "Deputy",
    "Vice",
    "Prime",
    "Foreign",
    "Defence",
    "Defense",
    "Interior",
    "Finance",
    "Health",
    "Economy",
    "Trade",
    "Attorney",
    "Acting",
    "Former",
    "Supreme",
    "Senior",
    "Grand",
    "Major",
    "Brigadier",
    "Crown",
    "Chief",
];

/// Last words that make a name an organization.
pub const ORG_SUFFIXES: &[&str] = &[
    "Department",
    "Ministry",
    "Force",
    "Forces",
    "Army",
    "Navy",
    "Committee",
    "Council",
    "Party",
    "Group",
    "Agency",
    "Office",
    "Bank",
    "Company",
    "Corporation",
    "Corp",
    "Inc",
    "Ltd",
    "University",
    "Institute",
    "Commission",
    "Court",
    "Parliament",
    "Assembly",
    "Congress",
    "Senate",
    "Union",
    "Organization",
    "Organisation",
    "Association",
    "Federation",
    "League",
    "Front",
    "Movement",
    "Brigade",
    "Brigades",
    "Guard",
    "Guards",
    "Police",
    "Service",
    "Services",
    "News",
    "Times",
    "Post",
    "Network",
    "Coalition",
    "Alliance",
    "Foundation",
    "Fund",
    "Authority",
    "Administration",
    "Board",
    "Bureau",
    "Church",
    "Club",
    "Museum",
    "Hospital",
    "School",
    "College",
    "Press",
    "Kremlin",
    "Cabinet",
    "Government",
    "Regiment",
    "Battalion",
    "Corps",
    "Militia",
    "Airlines",
    "Airways",
    "Motors",
    "Holdings",
    "Group",
    "Team",
    "FC",
    "Federal",
    "Reserve",
    "Exchange",
    "Television",
    "Radio",
    "Journal",
    "Herald",
    "Tribune",
];

/// Lower-case nouns after a name that make it an organization ("the X group").
pub const ORG_CONTEXT: &[&str] = &[
    "group",
    "organization",
    "organisation",
    "militia",
    "militias",
    "party",
    "movement",
    "company",
    "firm",
    "agency",
    "network",
    "newspaper",
    "broadcaster",
    "channel",
    "outlet",
    "militants",
    "fighters",
    "jihadists",
    "insurgents",
    "rebels",
    "coalition",
    "alliance",
    "faction",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ministry",
    "department",
    "bank",
    "club",
    "team",
    "union",
];

/// Countries and territories by the names news uses for them (and their
/// common short forms): a closed set, so a list. A name in it is a place
/// unless its context says otherwise ("China said" is still China; the
/// vote only tips a name with no other evidence).
pub const COUNTRIES: &[&str] = &[
    "Afghanistan",
    "Albania",
    "Algeria",
    "Andorra",
    "Angola",
    "Argentina",
    "Armenia",
    "Australia",
    "Austria",
    "Azerbaijan",
    "Bahamas",
    "Bahrain",
    "Bangladesh",
    "Barbados",
    "Belarus",
    "Belgium",
    "Belize",
    "Benin",
    "Bhutan",
    "Bolivia",
    "Bosnia",
    "Botswana",
    "Brazil",
    "Britain",
    "Brunei",
    "Bulgaria",
    "Burkina",
    "Burma",
    "Burundi",
    "Cambodia",
    "Cameroon",
    "Canada",
    "Chad",
    "Chile",
    "China",
    "Colombia",
    "Comoros",
    "Congo",
    "Costa Rica",
    "Croatia",
    "Cuba",
    "Cyprus",
    "Czech Republic",
    "Czechia",
    "Denmark",
    "Djibouti",
    "Dominica",
    "Dominican Republic",
    "East Timor",
    "Ecuador",
    "Egypt",
    "El Salvador",
    "England",
    "Equatorial Guinea",
    "Eritrea",
    "Estonia",
    "Eswatini",
    "Ethiopia",
    "Fiji",
    "Finland",
    "France",
    "Gabon",
    "Gambia",
    "Gaza",
    "Georgia",
    "Germany",
    "Ghana",
    "Greece",
    "Grenada",
    "Guatemala",
    "Guinea",
    "Guyana",
    "Haiti",
    "Honduras",
    "Hong Kong",
    "Hungary",
    "Iceland",
    "India",
    "Indonesia",
    "Iran",
    "Iraq",
    "Ireland",
    "Israel",
    "Italy",
    "Ivory Coast",
    "Jamaica",
    "Japan",
    "Jordan",
    "Kazakhstan",
    "Kenya",
    "Kiribati",
    "Kosovo",
    "Kuwait",
    "Kyrgyzstan",
    "Laos",
    "Latvia",
    "Lebanon",
    "Lesotho",
    "Liberia",
    "Libya",
    "Liechtenstein",
    "Lithuania",
    "Luxembourg",
    "Madagascar",
    "Malawi",
    "Malaysia",
    "Maldives",
    "Mali",
    "Malta",
    "Mauritania",
    "Mauritius",
    "Mexico",
    "Micronesia",
    "Moldova",
    "Monaco",
    "Mongolia",
    "Montenegro",
    "Morocco",
    "Mozambique",
    "Myanmar",
    "Namibia",
    "Nauru",
    "Nepal",
    "Netherlands",
    "New Zealand",
    "Nicaragua",
    "Niger",
    "Nigeria",
    "North Korea",
    "North Macedonia",
    "Norway",
    "Oman",
    "Pakistan",
    "Palau",
    "Palestine",
    "Panama",
    "Papua New Guinea",
    "Paraguay",
    "Peru",
    "Philippines",
    "Poland",
    "Portugal",
    "Qatar",
    "Romania",
    "Russia",
    "Rwanda",
    "Samoa",
    "Saudi Arabia",
    "Scotland",
    "Senegal",
    "Serbia",
    "Seychelles",
    "Sierra Leone",
    "Singapore",
    "Slovakia",
    "Slovenia",
    "Somalia",
    "South Africa",
    "South Korea",
    "South Sudan",
    "Spain",
    "Sri Lanka",
    "Sudan",
    "Suriname",
    "Sweden",
    "Switzerland",
    "Syria",
    "Taiwan",
    "Tajikistan",
    "Tanzania",
    "Thailand",
    "Togo",
    "Tonga",
    "Tunisia",
    "Turkey",
    "Turkmenistan",
    "Tuvalu",
    "U.K.",
    "U.S",
    "U.S.",
    "UAE",
    "UK",
    "US",
    "USA",
    "Uganda",
    "Ukraine",
    "United Arab Emirates",
    "United Kingdom",
    "United States",
    "Uruguay",
    "Uzbekistan",
    "Vanuatu",
    "Venezuela",
    "Vietnam",
    "Wales",
    "West Bank",
    "Yemen",
    "Zambia",
    "Zimbabwe",
];

/// Last words that make a name a place.
pub const PLACE_SUFFIXES: &[&str] = &[
    "Square",
    "Street",
    "St",
    "Avenue",
    "Road",
    "City",
    "Province",
    "County",
    "District",
    "Island",
    "Islands",
    "River",
    "Lake",
    "Mountain",
    "Mountains",
    "Mount",
    "Valley",
    "Airport",
    "Bay",
    "Sea",
    "Ocean",
    "Gulf",
    "Coast",
    "Bridge",
    "Palace",
    "Park",
    "Desert",
    "Peninsula",
    "Strait",
    "Canal",
    "Region",
    "Territory",
    "Plaza",
    "Heights",
    "Hills",
    "Village",
    "Town",
    "Camp",
    "Base",
    "Harbor",
    "Harbour",
    "Port",
    "Beach",
    "East",
    "West",
    "North",
    "South",
    "Kingdom",
    "Republic",
    "States",
    "Emirates",
];

/// Lower-case words before a name that make it a place ("in X", "city of X").
pub const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "across",
    "near",
    "into",
    "toward",
    "towards",
    "outside",
    "inside",
    "throughout",
    "around",
    "to",
    "from",
];

/// Lower-case nouns that, followed by "of", introduce a place ("city of X").
pub const PLACE_NOUNS: &[&str] = &[
    "city",
    "town",
    "village",
    "province",
    "region",
    "capital",
    "state",
    "county",
    "district",
    "island",
    "port",
    "governorate",
    "republic",
    "kingdom",
    "suburb",
    "neighbourhood",
    "neighborhood",
    "area",
];

/// Religious and ethnic adjectives: descriptive words, not entities.
pub const GROUP_ADJECTIVES: &[&str] = &[
    "Shia",
    "Shiite",
    "Shi'ite",
    "Sunni",
    "Muslim",
    "Muslims",
    "Christian",
    "Christians",
    "Jewish",
    "Catholic",
    "Protestant",
    "Orthodox",
    "Hindu",
    "Buddhist",
    "Kurdish",
    "Arab",
    "Arabs",
    "Islamic",
    "Western",
    "Eastern",
    "Northern",
    "Southern",
    "European",
    "African",
    "Asian",
    "Latin",
    "English",
    "French",
    "Spanish",
    "German",
    "Dutch",
    "Swiss",
    "Chinese",
    "Japanese",
    "Russian",
    "Democrat",
    "Democrats",
    "Democratic",
    "Republican",
    "Republicans",
    "Conservative",
    "Conservatives",
    "Labour",
    "Liberal",
];

/// Capitalized words that start sentences and are not names.
pub const SENTENCE_STARTERS: &[&str] = &[
    "despite",
    "although",
    "though",
    "meanwhile",
    "earlier",
    "later",
    "after",
    "before",
    "during",
    "following",
    "amid",
    "unlike",
    "like",
    "asked",
    "speaking",
    "last",
    "next",
    "senior",
    "top",
    "former",
    "instead",
    "overall",
    "separately",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "finally",
    "first",
    "second",
    "third",
    "elsewhere",
    "nevertheless",
    "nonetheless",
    "thus",
    "therefore",
    "indeed",
    "still",
    "already",
    "recently",
    "currently",
    "previously",
    "experts",
    "officials",
    "protesters",
    "police",
    "critics",
    "analysts",
    "residents",
    "witnesses",
    "sources",
    "days",
    "weeks",
    "months",
    "years",
    "hours",
    "minutes",
    "everyone",
    "nobody",
    "someone",
    "people",
    "new",
    "local",
    "national",
    "international",
    "foreign",
    "there",
    "here",
    "yes",
    "no",
    "oh",
    "please",
    "thanks",
    "according",
    "let",
    "dear",
];

/// True for a weekday or month name (capitalized time words are not names).
pub fn is_time_word(w: &str) -> bool {
    let l = w.trim_end_matches('.').to_lowercase();
    WEEKDAYS.contains(&l.as_str())
        || month_number(&l).is_some_and(|_| l.len() >= 3 && l != "may")
        || (l == "may" && w.starts_with('M'))
}

/// Number words up to twenty, and the tens.
pub fn number_word(w: &str) -> Option<f64> {
    const SMALL: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    const TENS: &[(&str, f64)] = &[
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
        ("sixty", 60.0),
        ("seventy", 70.0),
        ("eighty", 80.0),
        ("ninety", 90.0),
        ("hundred", 100.0),
        ("dozen", 12.0),
        ("dozens", 24.0),
        ("hundreds", 200.0),
        ("thousands", 2000.0),
    ];
    let l = w.to_lowercase();
    if let Some(i) = SMALL.iter().position(|s| *s == l) {
        return Some(i as f64);
    }
    if l == "a" || l == "an" {
        return Some(1.0);
    }
    TENS.iter().find(|(s, _)| *s == l).map(|&(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::calendar::weekday_number;

    #[test]
    fn lists_answer() {
        assert!(is_speech_verb("Said"));
        assert!(is_role_noun("spokeswoman"));
        assert!(is_role_noun("officials"));
        assert!(!is_role_noun("bus"));
        assert_eq!(weekday_number("Thursday"), Some(3));
        assert_eq!(weekday_number("Thu."), Some(3));
        assert_eq!(weekday_number("th"), None);
        assert!(is_time_word("October"));
        assert!(is_time_word("May"));
        assert!(!is_time_word("may"));
        assert!(!is_time_word("Mark"));
        assert_eq!(number_word("nine"), Some(9.0));
        assert_eq!(number_word("forty"), Some(40.0));
        assert_eq!(number_word("troops"), None);
    }

    #[test]
    fn title_words_are_heads_honorifics_and_modifiers() {
        for w in [
            "President",
            "Justice",
            "Pope",
            "Ayatollah",
            "Prime",
            "Deputy",
            "Crown",
        ] {
            assert!(is_title_word(w), "{w}");
        }
        for w in ["president", "Minsk", "Said", "Ministry"] {
            assert!(!is_title_word(w), "{w}");
        }
    }
}

/// Words of a title that say a person is a woman: a pronoun note with "he"
/// for such a person is left out (and "she" for the words below).
const FEMALE_TITLE_WORDS: &[&str] = &[
    "Mrs", "Ms", "Miss", "Madam", "Queen", "Princess", "Lady", "Dame", "Sister", "Mother",
    "Duchess", "Countess", "Empress",
];

/// Words of a title that say a person is a man.
const MALE_TITLE_WORDS: &[&str] = &[
    "Mr", "Sir", "King", "Prince", "Lord", "Father", "Brother", "Duke", "Count", "Emperor",
    "Sultan", "Emir", "Pope",
];

/// Whether a title contradicts a pronoun: "he" for a "spokeswoman", "she"
/// for a "Mr" or a "chairman". Only the title's words tell (no name lists).
pub fn title_contradicts_pronoun(title: &str, pronoun: &str) -> bool {
    let words = || {
        title
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
    };
    let female =
        words().any(|w| FEMALE_TITLE_WORDS.contains(&w) || w.to_lowercase().ends_with("woman"));
    // "spokesman", "chairman", "congressman"; not "German" or "Roman".
    let male = words().any(|w| {
        MALE_TITLE_WORDS.contains(&w) || {
            let l = w.to_lowercase();
            l.ends_with("man")
                && !l.ends_with("woman")
                && l.len() > 4
                && !["german", "roman", "human", "ottoman"].contains(&l.as_str())
        }
    });
    match pronoun.to_lowercase().as_str() {
        "he" => female && !male,
        "she" => male && !female,
        _ => false,
    }
}

#[cfg(test)]
mod gender_tests {
    use super::title_contradicts_pronoun as contradicts;

    #[test]
    fn titles_that_say_woman_or_man_contradict_the_other_pronoun() {
        assert!(contradicts("State Department spokeswoman", "he"));
        assert!(contradicts("Mrs", "He"));
        assert!(contradicts("council chairman", "she"));
        assert!(contradicts("Mr", "she"));
        assert!(!contradicts("State Department spokeswoman", "she"));
        assert!(!contradicts("Prime Minister", "he"));
        assert!(!contradicts("Prime Minister", "she"));
        assert!(!contradicts("German Chancellor", "she"));
        assert!(!contradicts("spokeswoman", "they"));
    }
}
