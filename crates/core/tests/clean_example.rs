//! Cleaning the bundled example against gold.json.

mod common;

use common::*;
use storyline_core::model::DateSource;

#[test]
fn not_body_lines_are_dropped_with_reasons_and_body_lines_kept() {
    let g = gold();
    for (key, article) in cleaned() {
        let ga = &g["articles"][&key];
        let not_body: Vec<usize> = ga["not_body"]
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.parse().unwrap())
            .collect();
        let first = ga["first_body_line"].as_u64().unwrap() as usize;
        let last = ga["last_body_line"].as_u64().unwrap() as usize;
        for &n in &not_body {
            let d = article.dropped.iter().find(|d| d.line == n);
            assert!(
                d.is_some(),
                "{key}: line {n} should be dropped ({})",
                ga["not_body"][n.to_string()]
            );
        }
        let kept: Vec<usize> = article.paragraphs.iter().map(|p| p.line).collect();
        let text =
            std::fs::read_to_string(example_dir().join(ga["file"].as_str().unwrap())).unwrap();
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            if n >= first && n <= last && !not_body.contains(&n) && !line.trim().is_empty() {
                assert!(
                    kept.contains(&n),
                    "{key}: body line {n} was dropped: {line:?} ({:?})",
                    article
                        .dropped
                        .iter()
                        .find(|d| d.line == n)
                        .map(|d| d.reason)
                );
            }
            if (n < first || n > last || not_body.contains(&n)) && kept.contains(&n) {
                panic!("{key}: line {n} kept but is not body: {line:?}");
            }
        }
    }
}

#[test]
fn titles_standfirsts_and_dates_match_gold() {
    let g = gold();
    for (key, article) in cleaned() {
        let ga = &g["articles"][&key];
        assert_eq!(article.title, ga["title"].as_str().unwrap(), "{key} title");
        if let Some(sf) = ga["standfirst"].as_str() {
            assert_eq!(article.standfirst.as_deref(), Some(sf), "{key} standfirst");
        }
        match ga["published"].as_str() {
            Some(p) => {
                let got = article.published.as_ref().expect("date found");
                assert_eq!(got.iso(), p, "{key} date");
                assert_eq!(got.how, DateSource::Text);
            }
            None => assert!(article.published.is_none(), "{key} has no date in its text"),
        }
    }
}

#[test]
fn missing_date_is_inferred_from_the_story_and_marked() {
    let g = gold();
    let mut articles: Vec<_> = cleaned().into_iter().map(|(_, a)| a).collect();
    storyline_core::clean::infer_missing_dates(&mut articles);
    for ((key, _), a) in gold_articles().iter().zip(&articles) {
        let ga = &g["articles"][key];
        if let Some(inferred) = ga["published_inferred"].as_str() {
            let p = a.published.as_ref().expect("inferred");
            assert_eq!(p.date.to_string(), inferred);
            assert_eq!(p.how, DateSource::Inferred);
        }
    }
}

#[test]
fn dateline_is_found_and_stripped() {
    let g = gold();
    for (key, article) in cleaned() {
        let ga = &g["articles"][&key];
        if let Some(dl) = ga["dateline"].as_object() {
            assert_eq!(article.dateline.as_deref(), dl["place"].as_str());
            let strip = dl["strip"].as_str().unwrap();
            let line = dl["line"].as_u64().unwrap() as usize;
            let p = article
                .paragraphs
                .iter()
                .find(|p| p.line == line)
                .expect("dateline paragraph kept");
            let text = article.paragraph_text(p);
            assert!(!text.starts_with(strip.trim()), "dateline still in: {text}");
            assert!(text.starts_with("The "), "{text}");
            // The offset maps back to the file.
            let file =
                std::fs::read_to_string(example_dir().join(ga["file"].as_str().unwrap())).unwrap();
            let off = p.source_offset.unwrap();
            assert_eq!(&file[off..off + text.len()], text);
        } else {
            assert!(
                article.dateline.is_none(),
                "{key}: no dateline expected, got {:?}",
                article.dateline
            );
        }
    }
}

#[test]
fn every_paragraph_maps_back_to_its_file_bytes() {
    for (key, article) in cleaned() {
        let file = std::fs::read_to_string(
            example_dir().join(
                gold_articles()
                    .into_iter()
                    .find(|(k, _)| *k == key)
                    .unwrap()
                    .1,
            ),
        )
        .unwrap();
        for p in &article.paragraphs {
            let off = p.source_offset.unwrap();
            let text = article.paragraph_text(p);
            assert_eq!(&file[off..off + text.len()], text);
        }
    }
}

#[test]
fn drop_reasons_name_what_the_gold_says() {
    use storyline_core::model::DropReason::*;
    let g = gold();
    for (key, article) in cleaned() {
        for d in &article.dropped {
            let why = g["articles"][&key]["not_body"][d.line.to_string()]
                .as_str()
                .unwrap_or("")
                .to_lowercase();
            let expect_word = match d.reason {
                RepeatedTitle => "title",
                Standfirst => "standfirst",
                ReadingTime => "reading-time",
                DateLine => "date",
                PhotoCaption => "caption",
                IconChrome => "icon",
                RelatedLink => "related",
                SharePrompt => "prompt",
                SectionHeading => "heading",
                Boilerplate => "boilerplate",
            };
            assert!(
                why.contains(expect_word),
                "{key} line {}: reason {:?} but gold says {why:?}",
                d.line,
                d.reason
            );
        }
    }
}
