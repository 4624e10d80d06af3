//! Line rules for web chrome: each recognizes one habit of news sites in
//! general (not of any one site) and names the reason a line is dropped.
//!
//! The rules are written by hand: no maintained crate classifies single
//! text lines of already-extracted pages (HTML extractors work on markup,
//! and plain-text scrapes have none left).

use crate::model::DropReason;
use regex::Regex;
use std::sync::LazyLock;

/// Words of icon fonts and UI controls that show up glued together when a
/// page's icon sprites are scraped as text.
const UI_WORDS: &[&str] = &[
    "icon",
    "bicon",
    "icons",
    "bookmark",
    "camera",
    "check",
    "chevron",
    "down",
    "up",
    "left",
    "right",
    "close",
    "compress",
    "expand",
    "download",
    "upload",
    "edit",
    "fb",
    "facebook",
    "file",
    "filter",
    "flag",
    "full",
    "gp",
    "ins",
    "instagram",
    "mail",
    "email",
    "move",
    "music",
    "muted",
    "nomuted",
    "ok",
    "pause",
    "play",
    "search",
    "share",
    "sign",
    "in",
    "out",
    "stepback",
    "stepfor",
    "swipe",
    "tag",
    "tags",
    "tg",
    "trash",
    "tw",
    "twitter",
    "vk",
    "yt",
    "youtube",
    "wt",
    "fm",
    "v",
    "ru",
    "menu",
    "hamburger",
    "arrow",
    "caret",
    "plus",
    "minus",
    "star",
    "heart",
    "user",
    "home",
    "bell",
    "print",
    "comment",
    "comments",
    "link",
    "whatsapp",
    "telegram",
    "linkedin",
    "pinterest",
    "reddit",
    "rss",
    "x",
    "times",
    "bars",
    "cog",
    "gear",
    "lock",
    "unlock",
    "info",
    "warning",
    "video",
    "audio",
    "volume",
    "mute",
    "unmute",
    "next",
    "prev",
    "previous",
    "back",
    "forward",
    "refresh",
    "zoom",
    "fullscreen",
    "exit",
    "logo",
    "svg",
    "img",
    "btn",
    "button",
    "toggle",
    "dropdown",
];

static UI_SET: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| UI_WORDS.iter().copied().collect());

fn words(line: &str) -> Vec<&str> {
    word_iter(line).collect()
}

fn word_iter(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// More than `n` words, counting no further than needed: the length
/// limits are asked of every line, most of them long paragraphs.
fn more_words_than(line: &str, n: usize) -> bool {
    word_iter(line).nth(n).is_some()
}

/// True if the line ends like a sentence (full stop, ?, !, or one of
/// those followed by closing quotes or brackets).
pub fn ends_like_sentence(line: &str) -> bool {
    let t = line
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    t.ends_with(['.', '?', '!', '…', ':', ';'])
}

/// Icon-font names and UI labels run together: most "words" are UI words
/// (after splitting glued `icon` prefixes) and the line has no sentence
/// punctuation.
pub fn is_icon_chrome(line: &str) -> bool {
    let lower = line.to_lowercase();
    let icon_count = lower.matches("icon").count();
    if icon_count >= 4 {
        return true;
    }
    if ends_like_sentence(line) {
        return false;
    }
    let spaced = lower.replace("icon", " icon ");
    let ws = words(&spaced);
    if ws.len() < 4 {
        return false;
    }
    let ui = ws.iter().filter(|w| UI_SET.contains(*w)).count();
    ui * 10 >= ws.len() * 8
}

static READING_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(
            (reading\s+time|read\s+time|lesezeit|temps\s+de\s+lecture)\s*[:\-–]?\s*(about\s+|approx\.?\s+)?\d+\s*(-|–|to)?\s*\d*\s*(min|mins|minutes?)\.?
          | (about\s+|approx\.?\s+)?\d+\s*(-|–|to)?\s*\d*\s*(min|mins|minutes?|m)\.?[\s\-]*(read|reading|lecture|listen)(\s+time)?
          | estimated\s+(reading\s+)?time\s*[:\-–]?\s*\d+\s*(min|mins|minutes?)
        )\s*$",
    )
    .expect("valid regex")
});

/// "3 min read", "Reading time: 5 minutes", "4-minute read".
pub fn is_reading_time(line: &str) -> bool {
    READING_TIME.is_match(line)
}

// Word boundaries in the line rules are ASCII (`(?-u:\b)`): a Unicode one
// keeps the regex crate's lazy DFA off every line with a non-ASCII
// character (curly quotes, dashes: most news lines), which then goes to a
// slower engine; the words the rules match are all ASCII.
static RELATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(
            also\s+(on|at|in|from)\s+[a-z0-9\-]+(\.[a-z0-9\-]+)+(?-u:\b)
          | (read|see)\s+(more|also|next)(?-u:\b)
          | also\s+read(?-u:\b)
          | related\s*(articles?|stories|coverage|content|links?|reading)?\s*[:\-–|]
          | more\s+(on|from|about)\s+(this|the)?\s*(story|topic|subject)(?-u:\b)
          | more\s*:
          | recommended\s*(for\s+you|reading|stories)?\s*[:\-–]
          | you\s+(may|might)\s+(also\s+)?(like|be\s+interested)
          | (watch|listen|video|podcast|opinion|analysis|explainer|live)\s*[:|]\s
          | click\s+here(?-u:\b)
          | don[’']?t\s+miss\s*[:\-–]
          | trending\s*(now)?\s*[:\-–]
        )",
    )
    .expect("valid regex")
});

/// "Also on example.com ...", "Read more: ...", "Related: ...", "WATCH: ...".
pub fn is_related_link(line: &str) -> bool {
    RELATED.is_match(line)
}

static SHARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(
            (?-u:\b)(share|tweet|email|forward|send)\s+(this|the)\s+(story|article|post|page|video|link)
          | (?-u:\b)share\s+(on|via)\s+\w+
          | (?-u:\b)follow\s+us(?-u:\b)
          | (?-u:\b)follow\s+@\w+
          | (?-u:\b)like\s+us\s+on(?-u:\b)
          | (?-u:\b)join\s+us\s+on(?-u:\b)
          | (?-u:\b)find\s+us\s+on(?-u:\b)
          | (?-u:\b)stay\s+connected(?-u:\b)
          | (?-u:\b)subscribe\s+(now|today|here)(?-u:\b)
          | (?-u:\b)subscribe\s+(to|for)\s+(our|my|free|the\s+(\w+\s+)?(newsletter|podcast|channel))(?-u:\b)
          | (?-u:\b)sign\s+up\s+(for|to)\s+(our|the)\s+\w*\s*(newsletter|alerts|briefing|email)
          | (?-u:\b)newsletter(?-u:\b).*(?-u:\b)(sign\s+up|subscribe|inbox)(?-u:\b)
          | (?-u:\b)friends\s+would\s+be\s+interested(?-u:\b)
          | (?-u:\b)download\s+(our|the)\s+(free\s+)?app(?-u:\b)
          | (?-u:\b)turn\s+on\s+notifications(?-u:\b)
          | (?-u:\b)comments?\s*\(\d+\)
          | ^\s*(share|tweet|print|email|comments?)\s*$
        )",
    )
    .expect("valid regex")
});

/// "Share this story!", "Follow us on Twitter", "Subscribe to our newsletter".
/// Only short lines count: a body sentence may mention sharing.
pub fn is_share_prompt(line: &str) -> bool {
    !more_words_than(line, 16) && SHARE.is_match(line)
}

static CREDIT_BRACKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[\s*[^\[\]]{1,40}\]\s*$|\(\s*(photo|image|picture|photograph|credit|file|pic|illustration)[^()]{0,40}\)\s*$")
        .expect("valid regex")
});

static CREDIT_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(
            (photo|image|picture|photograph|pictured|illustration|graphic|video)\s*(credit)?\s*[:|/©]
          | (file\s+)?photo\s*[-–—]\s
          | (image|photo)\s+(copyright|caption|source)(?-u:\b)
          | credit\s*:
          | ©
          | copyright\s+(©|\(c\))?\s*\w+\s*(images|photos|pictures)
        )",
    )
    .expect("valid regex")
});

// Two regexes, not one alternation: joined, the counted `[^.]{1,60}` and
// the agency names made the lazy DFA's states many times more numerous,
// and the one regex took five times as long as the two.
static CREDIT_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?-u:\b)(photo|image|picture|photograph|credit|illustration)\s*(by|:|/)\s*[^.]{1,60}$",
    )
    .expect("valid regex")
});

static CREDIT_AGENCY_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(
            [|/]\s*(getty(\s+images)?|afp|ap|reuters|epa|shutterstock|alamy|pa|anadolu|xinhua|file)\s*(photo|images|via\s+\w+)?\s*$
          | \((getty(\s+images)?|afp|ap|reuters|epa|shutterstock|alamy|anadolu|xinhua)(\s+photo|\s+images|\s*/\s*[\w\s]+)?\)\s*$
        )",
    )
    .expect("valid regex")
});

/// Longest caption, in words: a longer line that starts like a caption is
/// a caption run together with the article text (a scrape that lost its
/// line breaks), and the article must not go with it.
const CAPTION_MAX_WORDS: usize = 60;

/// A photo caption: a line that ends in a bracketed credit ("[Getty]"),
/// starts with "Photo:" / "Image copyright", or ends with "| Reuters".
pub fn is_photo_caption(line: &str) -> bool {
    let t = line.trim();
    if more_words_than(t, CAPTION_MAX_WORDS) {
        return false;
    }
    if CREDIT_LEAD.is_match(t) || CREDIT_TAIL.is_match(t) || CREDIT_AGENCY_TAIL.is_match(t) {
        return true;
    }
    if let Some(m) = CREDIT_BRACKET.find(t) {
        // A caption's bracket is a short credit that follows non-sentence
        // text; a sentence ending "... [sic]" or "[1]" is not a caption.
        let inner = m.as_str().trim_matches(|c: char| {
            c == '[' || c == ']' || c == '(' || c == ')' || c.is_whitespace()
        });
        let lower = inner.to_lowercase();
        if matches!(lower.as_str(), "sic" | "citation needed" | "edited")
            || inner.chars().all(|c| c.is_ascii_digit())
        {
            return false;
        }
        let starts_upper = inner.chars().next().is_some_and(|c| c.is_uppercase());
        return starts_upper && !more_words_than(inner, 5) && full_sentences(&t[..m.start()]) < 2;
    }
    false
}

/// Full sentences in `text` (Unicode sentence bounds, UAX #29, that end
/// like a sentence). A caption is a line or a sentence; a paragraph of
/// several sentences that ends in a bracketed tag ("... [AP]", "... [chapter
/// 3]") is body text citing a source.
fn full_sentences(text: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    text.split_sentence_bounds()
        .filter(|s| ends_like_sentence(s))
        .count()
}

static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(
            advertisement | advertising | sponsored(\s+content)? | ad\s*choices
          | story\s+continues\s+(below|after)(\s+(this\s+)?(advertisement|ad))?
          | article\s+continues\s+(below|after).*
          | skip\s+(to|ahead)\s+.*
          | loading(\.{3}|…)?
          | copyright\s*(©|\(c\))?\s*\d{4}.*
          | ©\s*\d{4}.*
          | all\s+rights\s+reserved\.?
          | (reporting|writing|editing|additional\s+reporting)\s+by\s+[^.]{2,120}\.?
          | this\s+(article|story)\s+(was|has\s+been)\s+(originally\s+)?(published|updated|amended|corrected).{0,120}
          | (last\s+)?(updated|modified)\s*:?\s*\d+\s*(min(ute)?s?|hours?|days?)\s+ago
          | by\s+[A-Z][\w.'’\-]+(\s+[A-Z][\w.'’\-]+){0,3}(\s*(,|and|&)\s*[A-Z][\w.'’\-]+(\s+[A-Z][\w.'’\-]+){0,3})*\s*(\|.*)?
          | published\s+by\s+.{1,60}
          | (tags?|topics?|filed\s+under)\s*:.*
        )\s*$",
    )
    .expect("valid regex")
});

/// Ads, "Story continues below", copyright and credit trailers, bylines.
pub fn is_boilerplate(line: &str) -> bool {
    !more_words_than(line, 30) && BOILERPLATE.is_match(line)
}

/// A short line that reads as a heading: at most eight words, no sentence
/// punctuation at its end, starting with a capital letter or a quote.
pub fn looks_like_heading(line: &str) -> bool {
    let t = line.trim();
    let n = word_iter(t).take(9).count();
    if n == 0 || n > 8 {
        return false;
    }
    let first = t.chars().next();
    let capital_or_quote = first.is_some_and(|c| c.is_uppercase() || "'\"‘“".contains(c));
    if !capital_or_quote {
        return false;
    }
    // A line wholly inside quotes ("'Stop the war!'") is a pull-quote
    // heading even though it ends in punctuation.
    if is_wholly_quoted(t) {
        return n <= 8;
    }
    !ends_like_sentence(t) && !t.ends_with(',')
}

/// The line is one quotation from end to end.
pub fn is_wholly_quoted(t: &str) -> bool {
    let open = t.chars().next();
    let close = t.chars().last();
    matches!(
        (open, close),
        (Some('"'), Some('"'))
            | (Some('\''), Some('\''))
            | (Some('‘'), Some('’'))
            | (Some('“'), Some('”'))
    ) && t.chars().count() > 2
}

/// Which reason, if any, a line is chrome for, judged on the line alone.
/// Title, standfirst, date and heading decisions need context and are made
/// by the caller.
pub fn classify_line(line: &str) -> Option<DropReason> {
    if is_icon_chrome(line) {
        Some(DropReason::IconChrome)
    } else if is_reading_time(line) {
        Some(DropReason::ReadingTime)
    } else if is_related_link(line) {
        Some(DropReason::RelatedLink)
    } else if is_share_prompt(line) {
        Some(DropReason::SharePrompt)
    } else if is_photo_caption(line) {
        Some(DropReason::PhotoCaption)
    } else if is_boilerplate(line) {
        Some(DropReason::Boilerplate)
    } else {
        None
    }
}

static PAGE_NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
          # Walls and prompts that speak to the reader about the page itself.
            (?-u:\b)(enable|turn\s+on|activate)\s+(your\s+)?(javascript|cookies)(?-u:\b)
          | (?-u:\b)javascript\s+is\s+(disabled|turned\s+off|required)(?-u:\b)
          | (?-u:\b)(in|on|update)\s+your\s+(web\s+)?browser(?-u:\b)
          | (?-u:\b)on\s+your\s+device(?-u:\b)
          | (?-u:\b)(log|sign)\s*(in|on|up)\s+to\s+(continue|comment|read|view|watch)(?-u:\b)
          | (?-u:\b)verification\s+e-?mail(?-u:\b)
          | (?-u:\b)location\s+(information\s+)?to\s+your\s+tweets(?-u:\b)
          | (?-u:\b)your\s+tweets?(?-u:\b).*(?-u:\b)location(?-u:\b)
          | (?-u:\b)appear\s+next\s+to\s+(all\s+)?(of\s+)?your\s+comments(?-u:\b)
          | (?-u:\b)this\s+(video|feature|content)\s+(is\s+)?(currently\s+)?(not\s+available|unavailable|could\s+not\s+be\s+loaded)(?-u:\b)
          | (?-u:\b)video\s+has\s+been\s+rented(?-u:\b)
          | (?-u:\b)transcript\s+could\s+not\s+be\s+loaded(?-u:\b)
          | (?-u:\b)for\s+your\s+personal,?\s+non-?commercial\s+use(?-u:\b)
          | (?-u:\b)not\s+in\s+our\s+deliverable\s+area(?-u:\b)
          # Notices of web archives about how a page was captured.
          | (?-u:\b)archive-it(?-u:\b)
          | (?-u:\b)(wayback\s+machine|internet\s+archive)(?-u:\b)
          | (?-u:\b)the\s+seed\s+for\s+\S+\s+(was|is)(?-u:\b)
          | (?-u:\b)(web\s*)?crawls?\s+(data|seed|was|were|are|is|started|with)(?-u:\b)
          | (?-u:\b)(focused|wide|web)\s+crawls?(?-u:\b)
          | (?-u:\b)seed\s+(list|for\s+this\s+crawl)(?-u:\b)
        ",
    )
    .expect("valid regex")
});

/// A sentence about the page rather than the news: prompts to enable
/// scripts or cookies, log in or confirm an e-mail, widget notices of
/// embedded tweets, comments and videos, reprint terms, and the capture
/// notices web archives put on archived pages. Scrapes that lose line
/// breaks glue these onto (or in place of) an article's text, where the
/// line rules cannot see them; [`classify_line`]'s chrome counts too.
pub fn is_page_notice(sentence: &str) -> bool {
    is_reader_prompt(sentence) || classify_line(sentence).is_some()
}

/// The notices of [`is_page_notice`] that speak to the reader or describe
/// the capture, without the line chrome rules: one regex, cheap enough to
/// ask of every sentence a summarizer considers.
pub fn is_reader_prompt(sentence: &str) -> bool {
    PAGE_NOTICE.is_match(sentence)
}
