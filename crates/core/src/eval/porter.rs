//! The Porter (1980) stemmer in the exact variants that ROUGE scorers use.
//!
//! Hand-written on purpose: ROUGE figures are only comparable when tokens are
//! stemmed exactly as the reference scorers stem them, and no maintained crate
//! offers those variants (`rust-stemmers` has Snowball English, i.e. Porter2,
//! which stems differently: "generously" → "generous" vs Porter's "gener").
//!
//! * [`PorterVariant::Rouge155`]: the Perl stemmer inside `ROUGE-1.5.5.pl`
//!   (Martin Porter's reference Perl, release 1, with its `bli`/`logi` rules and
//!   C.-Y. Lin's 2004 change to step 4: `-ement`, `-ment` and `-ent` are tried
//!   one after the other). Ported regex for regex, so the `y` handling of its
//!   measure patterns is reproduced exactly.
//! * [`PorterVariant::Nltk`]: NLTK's `PorterStemmer()` in its default
//!   `NLTK_EXTENSIONS` mode, which Google's `rouge-score` package calls.
//! * [`PorterVariant::Martin`] and [`PorterVariant::Original`]: NLTK's other two
//!   modes (Martin Porter's frozen extensions; the algorithm as published).

use std::sync::LazyLock;

use regex::Regex;

/// Which Porter stemmer to reproduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PorterVariant {
    /// The Perl stemmer of ROUGE-1.5.5.
    Rouge155,
    /// NLTK's default mode (used by `rouge-score`).
    Nltk,
    /// NLTK's `MARTIN_EXTENSIONS` mode.
    Martin,
    /// NLTK's `ORIGINAL_ALGORITHM` mode: the 1980 paper.
    Original,
}

/// Stems one lower-case ASCII word with the given variant.
pub fn stem(word: &str, variant: PorterVariant) -> String {
    match variant {
        PorterVariant::Rouge155 => perl_stem(word),
        PorterVariant::Nltk => NltkPorter { mode: Mode::Nltk }.stem(word),
        PorterVariant::Martin => NltkPorter { mode: Mode::Martin }.stem(word),
        PorterVariant::Original => NltkPorter {
            mode: Mode::Original,
        }
        .stem(word),
    }
}

// ---------------------------------------------------------------------------
// ROUGE-1.5.5's Perl stemmer.

struct PerlRes {
    mgr0: Regex,
    meq1: Regex,
    mgr1: Regex,
    has_v: Regex,
    cvc: Regex,
}

static PERL: LazyLock<PerlRes> = LazyLock::new(|| {
    // The same building blocks as the Perl source: c, v, C, V.
    let c = "[^aeiou]";
    let v = "[aeiouy]";
    let cc = format!("{c}[^aeiouy]*");
    let vv = format!("{v}[aeiou]*");
    let build = |p: String| Regex::new(&p).expect("static stemmer pattern");
    PerlRes {
        mgr0: build(format!("^({cc})?{vv}{cc}")),
        meq1: build(format!("^({cc})?{vv}{cc}({vv})?$")),
        mgr1: build(format!("^({cc})?{vv}{cc}{vv}{cc}")),
        has_v: build(format!("^({cc})?{v}")),
        cvc: build(format!("^{cc}{v}[^aeiouwxy]$")),
    }
});

/// The longest suffix of `w` from `list` (what a Perl `/(a|b|..)$/` match finds).
fn longest_suffix<'a>(w: &str, list: &[&'a str]) -> Option<&'a str> {
    list.iter()
        .copied()
        .filter(|s| w.ends_with(s))
        .max_by_key(|s| s.len())
}

fn perl_stem(word: &str) -> String {
    let re = &*PERL;
    let mut w = word.to_string();
    if w.len() < 3 {
        return w;
    }
    let initial_y = w.starts_with('y');
    if initial_y {
        w.replace_range(0..1, "Y");
    }
    // Step 1a.
    if w.ends_with("sses") || w.ends_with("ies") {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s') && w.len() >= 2 && w.as_bytes()[w.len() - 2] != b's' {
        w.truncate(w.len() - 1);
    }
    // Step 1b.
    if let Some(prefix) = w.strip_suffix("eed") {
        if re.mgr0.is_match(prefix) {
            w.truncate(w.len() - 1);
        }
    } else if let Some(stem) = w.strip_suffix("ed").or_else(|| w.strip_suffix("ing"))
        && re.has_v.is_match(stem)
    {
        let mut s = stem.to_string();
        let b = s.as_bytes();
        let n = b.len();
        if s.ends_with("at") || s.ends_with("bl") || s.ends_with("iz") {
            s.push('e');
        } else if n >= 2 && b[n - 1] == b[n - 2] && !b"aeiouylsz".contains(&b[n - 1]) {
            s.truncate(n - 1);
        } else if re.cvc.is_match(&s) {
            s.push('e');
        }
        w = s;
    }
    // Step 1c.
    if let Some(stem) = w.strip_suffix('y')
        && re.has_v.is_match(stem)
    {
        w = format!("{stem}i");
    }
    // Step 2.
    const STEP2: &[(&str, &str)] = &[
        ("ational", "ate"),
        ("tional", "tion"),
        ("enci", "ence"),
        ("anci", "ance"),
        ("izer", "ize"),
        ("bli", "ble"),
        ("alli", "al"),
        ("entli", "ent"),
        ("eli", "e"),
        ("ousli", "ous"),
        ("ization", "ize"),
        ("ation", "ate"),
        ("ator", "ate"),
        ("alism", "al"),
        ("iveness", "ive"),
        ("fulness", "ful"),
        ("ousness", "ous"),
        ("aliti", "al"),
        ("iviti", "ive"),
        ("biliti", "ble"),
        ("logi", "log"),
    ];
    let keys2: Vec<&str> = STEP2.iter().map(|p| p.0).collect();
    if let Some(suf) = longest_suffix(&w, &keys2) {
        let stem = &w[..w.len() - suf.len()];
        if re.mgr0.is_match(stem) {
            let rep = STEP2.iter().find(|p| p.0 == suf).map_or("", |p| p.1);
            w = format!("{stem}{rep}");
        }
    }
    // Step 3.
    const STEP3: &[(&str, &str)] = &[
        ("icate", "ic"),
        ("ative", ""),
        ("alize", "al"),
        ("iciti", "ic"),
        ("ical", "ic"),
        ("ful", ""),
        ("ness", ""),
    ];
    let keys3: Vec<&str> = STEP3.iter().map(|p| p.0).collect();
    if let Some(suf) = longest_suffix(&w, &keys3) {
        let stem = &w[..w.len() - suf.len()];
        if re.mgr0.is_match(stem) {
            let rep = STEP3.iter().find(|p| p.0 == suf).map_or("", |p| p.1);
            w = format!("{stem}{rep}");
        }
    }
    // Step 4, with C.-Y. Lin's 2004 change.
    const STEP4: &[&str] = &[
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ou", "ism", "ate",
        "iti", "ous", "ive", "ize",
    ];
    if let Some(suf) = longest_suffix(&w, STEP4) {
        let n = w.len() - suf.len();
        if re.mgr1.is_match(&w[..n]) {
            w.truncate(n);
        }
    }
    if let Some(stem) = w.strip_suffix("ment")
        && re.mgr1.is_match(stem)
    {
        w.truncate(stem.len());
    }
    if let Some(stem) = w.strip_suffix("ent") {
        if re.mgr1.is_match(stem) {
            w.truncate(stem.len());
        }
    } else if (w.ends_with("sion") || w.ends_with("tion")) && re.mgr1.is_match(&w[..w.len() - 3]) {
        w.truncate(w.len() - 3);
    }
    // Step 5.
    if let Some(stem) = w.strip_suffix('e')
        && (re.mgr1.is_match(stem) || (re.meq1.is_match(stem) && !re.cvc.is_match(stem)))
    {
        w.truncate(stem.len());
    }
    if w.ends_with("ll") && re.mgr1.is_match(&w) {
        w.truncate(w.len() - 1);
    }
    if initial_y {
        w.replace_range(0..1, "y");
    }
    w
}

// ---------------------------------------------------------------------------
// NLTK's PorterStemmer (nltk/stem/porter.py, NLTK 3.9), in its three modes.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Nltk,
    Martin,
    Original,
}

struct NltkPorter {
    mode: Mode,
}

/// A rule's condition on the stem left after removing the suffix.
enum Cond {
    None,
    MGt0,
    MGt1,
    /// `(m>1 and (*S or *T))` for `-ion`.
    IonSt,
    /// NLTK's `logi` rule: measure of the word minus its last three letters.
    LogiNltk,
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Consonant flags as NLTK computes them (`y` is a consonant at the start or
/// after a vowel).
fn cons_at(w: &[u8], i: usize) -> bool {
    if is_vowel(w[i]) {
        return false;
    }
    if w[i] == b'y' {
        // A run of y's alternates; the letter before the run decides.
        let mut j = i;
        let mut negate = false;
        while j > 0 && w[j] == b'y' {
            negate = !negate;
            j -= 1;
        }
        return is_vowel(w[j]) == negate;
    }
    true
}

fn measure(w: &[u8]) -> usize {
    let mut m = 0;
    let mut prev_vowel = false;
    let mut prev_cons = true;
    for (i, &ch) in w.iter().enumerate() {
        let c = if is_vowel(ch) {
            false
        } else if ch == b'y' {
            i == 0 || !prev_cons
        } else {
            true
        };
        if c && prev_vowel {
            m += 1;
        }
        prev_vowel = !c;
        prev_cons = c;
    }
    m
}

fn contains_vowel(w: &[u8]) -> bool {
    (0..w.len()).any(|i| !cons_at(w, i))
}

fn ends_double_consonant(w: &[u8]) -> bool {
    let n = w.len();
    n >= 2 && w[n - 1] == w[n - 2] && cons_at(w, n - 1)
}

impl NltkPorter {
    fn ends_cvc(&self, w: &[u8]) -> bool {
        let n = w.len();
        (n >= 3
            && cons_at(w, n - 3)
            && !cons_at(w, n - 2)
            && cons_at(w, n - 1)
            && !matches!(w[n - 1], b'w' | b'x' | b'y'))
            || (self.mode == Mode::Nltk && n == 2 && !cons_at(w, 0) && cons_at(w, 1))
    }

    fn holds(&self, cond: &Cond, word: &str, stem: &str) -> bool {
        match cond {
            Cond::None => true,
            Cond::MGt0 => measure(stem.as_bytes()) > 0,
            Cond::MGt1 => measure(stem.as_bytes()) > 1,
            Cond::IonSt => {
                measure(stem.as_bytes()) > 1 && (stem.ends_with('s') || stem.ends_with('t'))
            }
            Cond::LogiNltk => measure(&word.as_bytes()[..word.len() - 3]) > 0,
        }
    }

    /// The first rule whose suffix matches decides (NLTK's `_apply_rule_list`).
    fn apply(&self, word: String, rules: &[(&str, &str, Cond)]) -> String {
        for (suffix, rep, cond) in rules {
            if let Some(stem) = word.strip_suffix(suffix) {
                return if self.holds(cond, &word, stem) {
                    format!("{stem}{rep}")
                } else {
                    word
                };
            }
        }
        word
    }

    fn stem(&self, word: &str) -> String {
        let w = word.to_string();
        if self.mode == Mode::Nltk {
            let pooled = match word {
                "sky" | "skies" => Some("sky"),
                "dying" => Some("die"),
                "lying" => Some("lie"),
                "tying" => Some("tie"),
                "news" => Some("news"),
                "innings" | "inning" => Some("inning"),
                "outings" | "outing" => Some("outing"),
                "cannings" | "canning" => Some("canning"),
                "howe" => Some("howe"),
                "proceed" => Some("proceed"),
                "exceed" => Some("exceed"),
                "succeed" => Some("succeed"),
                _ => None,
            };
            if let Some(p) = pooled {
                return p.to_string();
            }
        }
        if self.mode != Mode::Original && w.chars().count() <= 2 {
            return w;
        }
        let w = self.step1a(w);
        let w = self.step1b(w);
        let w = self.step1c(w);
        let w = self.step2(w);
        let w = self.step3(w);
        let w = self.step4(w);
        let w = self.step5a(w);
        self.step5b(w)
    }

    fn step1a(&self, w: String) -> String {
        if self.mode == Mode::Nltk && w.ends_with("ies") && w.len() == 4 {
            return format!("{}ie", &w[..1]);
        }
        self.apply(
            w,
            &[
                ("sses", "ss", Cond::None),
                ("ies", "i", Cond::None),
                ("ss", "ss", Cond::None),
                ("s", "", Cond::None),
            ],
        )
    }

    fn step1b(&self, w: String) -> String {
        if self.mode == Mode::Nltk
            && let Some(stem) = w.strip_suffix("ied")
        {
            return if w.len() == 4 {
                format!("{stem}ie")
            } else {
                format!("{stem}i")
            };
        }
        if let Some(stem) = w.strip_suffix("eed") {
            return if measure(stem.as_bytes()) > 0 {
                format!("{stem}ee")
            } else {
                w
            };
        }
        let mut inter = None;
        for suffix in ["ed", "ing"] {
            if let Some(stem) = w.strip_suffix(suffix)
                && contains_vowel(stem.as_bytes())
            {
                inter = Some(stem.to_string());
                break;
            }
        }
        let Some(s) = inter else { return w };
        if s.ends_with("at") || s.ends_with("bl") || s.ends_with("iz") {
            return format!("{s}e");
        }
        let b = s.as_bytes();
        if ends_double_consonant(b) {
            let last = b[b.len() - 1];
            return if matches!(last, b'l' | b's' | b'z') {
                s
            } else {
                s[..s.len() - 1].to_string()
            };
        }
        if measure(b) == 1 && self.ends_cvc(b) {
            return format!("{s}e");
        }
        s
    }

    fn step1c(&self, w: String) -> String {
        if let Some(stem) = w.strip_suffix('y') {
            let b = stem.as_bytes();
            let ok = if self.mode == Mode::Nltk {
                b.len() > 1 && cons_at(b, b.len() - 1)
            } else {
                contains_vowel(b)
            };
            return if ok { format!("{stem}i") } else { w };
        }
        w
    }

    fn step2(&self, w: String) -> String {
        if self.mode == Mode::Nltk
            && let Some(stem) = w.strip_suffix("alli")
            && measure(stem.as_bytes()) > 0
        {
            return self.step2(format!("{stem}al"));
        }
        let mut rules: Vec<(&str, &str, Cond)> = vec![
            ("ational", "ate", Cond::MGt0),
            ("tional", "tion", Cond::MGt0),
            ("enci", "ence", Cond::MGt0),
            ("anci", "ance", Cond::MGt0),
            ("izer", "ize", Cond::MGt0),
            if self.mode == Mode::Original {
                ("abli", "able", Cond::MGt0)
            } else {
                ("bli", "ble", Cond::MGt0)
            },
            ("alli", "al", Cond::MGt0),
            ("entli", "ent", Cond::MGt0),
            ("eli", "e", Cond::MGt0),
            ("ousli", "ous", Cond::MGt0),
            ("ization", "ize", Cond::MGt0),
            ("ation", "ate", Cond::MGt0),
            ("ator", "ate", Cond::MGt0),
            ("alism", "al", Cond::MGt0),
            ("iveness", "ive", Cond::MGt0),
            ("fulness", "ful", Cond::MGt0),
            ("ousness", "ous", Cond::MGt0),
            ("aliti", "al", Cond::MGt0),
            ("iviti", "ive", Cond::MGt0),
            ("biliti", "ble", Cond::MGt0),
        ];
        match self.mode {
            Mode::Nltk => {
                rules.push(("fulli", "ful", Cond::MGt0));
                rules.push(("logi", "log", Cond::LogiNltk));
            }
            Mode::Martin => rules.push(("logi", "log", Cond::MGt0)),
            Mode::Original => {}
        }
        self.apply(w, &rules)
    }

    fn step3(&self, w: String) -> String {
        self.apply(
            w,
            &[
                ("icate", "ic", Cond::MGt0),
                ("ative", "", Cond::MGt0),
                ("alize", "al", Cond::MGt0),
                ("iciti", "ic", Cond::MGt0),
                ("ical", "ic", Cond::MGt0),
                ("ful", "", Cond::MGt0),
                ("ness", "", Cond::MGt0),
            ],
        )
    }

    fn step4(&self, w: String) -> String {
        self.apply(
            w,
            &[
                ("al", "", Cond::MGt1),
                ("ance", "", Cond::MGt1),
                ("ence", "", Cond::MGt1),
                ("er", "", Cond::MGt1),
                ("ic", "", Cond::MGt1),
                ("able", "", Cond::MGt1),
                ("ible", "", Cond::MGt1),
                ("ant", "", Cond::MGt1),
                ("ement", "", Cond::MGt1),
                ("ment", "", Cond::MGt1),
                ("ent", "", Cond::MGt1),
                ("ion", "", Cond::IonSt),
                ("ou", "", Cond::MGt1),
                ("ism", "", Cond::MGt1),
                ("ate", "", Cond::MGt1),
                ("iti", "", Cond::MGt1),
                ("ous", "", Cond::MGt1),
                ("ive", "", Cond::MGt1),
                ("ize", "", Cond::MGt1),
            ],
        )
    }

    fn step5a(&self, w: String) -> String {
        if let Some(stem) = w.strip_suffix('e') {
            let b = stem.as_bytes();
            let m = measure(b);
            if m > 1 || (m == 1 && !self.ends_cvc(b)) {
                return stem.to_string();
            }
        }
        w
    }

    fn step5b(&self, w: String) -> String {
        if w.ends_with("ll") && measure(&w.as_bytes()[..w.len() - 1]) > 1 {
            return w[..w.len() - 1].to_string();
        }
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_examples_original() {
        // Examples from Porter (1980), steps 1a to 5b.
        let cases = [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("ties", "ti"),
            ("cats", "cat"),
            ("feed", "feed"),
            ("agreed", "agre"),
            ("plastered", "plaster"),
            ("motoring", "motor"),
            ("sing", "sing"),
            ("hopping", "hop"),
            ("falling", "fall"),
            ("filing", "file"),
            ("happy", "happi"),
            ("relational", "relat"),
            ("conditional", "condit"),
            ("triplicate", "triplic"),
            ("adjustment", "adjust"),
            ("adoption", "adopt"),
            ("controlling", "control"),
            ("generalizations", "gener"),
        ];
        for (w, want) in cases {
            assert_eq!(stem(w, PorterVariant::Original), want, "{w}");
            assert_eq!(stem(w, PorterVariant::Rouge155), want, "{w} (perl)");
        }
    }

    #[test]
    fn variants_differ_where_documented() {
        // NLTK: 4-letter -ies → -ie; Perl/original: → -i.
        assert_eq!(stem("ties", PorterVariant::Nltk), "tie");
        assert_eq!(stem("dying", PorterVariant::Nltk), "die");
        assert_eq!(stem("dying", PorterVariant::Rouge155), "dy");
        // NLTK: y → i only after a consonant.
        assert_eq!(stem("enjoy", PorterVariant::Nltk), "enjoy");
        assert_eq!(stem("enjoy", PorterVariant::Rouge155), "enjoi");
        // ROUGE-1.5.5's step 4 tries -ment and -ent after a failed -ement.
        assert_eq!(stem("agreement", PorterVariant::Rouge155), "agreem");
        assert_eq!(stem("agreement", PorterVariant::Nltk), "agreement");
        // bli → ble (Martin, Perl) vs abli → able (original).
        assert_eq!(stem("possibly", PorterVariant::Rouge155), "possibl");
        assert_eq!(stem("possibly", PorterVariant::Martin), "possibl");
        assert_eq!(stem("possibly", PorterVariant::Original), "possibli");
    }

    #[test]
    fn initial_y_is_a_consonant() {
        assert_eq!(stem("yelling", PorterVariant::Rouge155), "yell");
        assert_eq!(stem("youth", PorterVariant::Rouge155), "youth");
        assert_eq!(stem("yesterday", PorterVariant::Nltk), "yesterday");
        assert_eq!(stem("yesterday", PorterVariant::Rouge155), "yesterdai");
    }
}
