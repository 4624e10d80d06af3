use super::*;
use crate::clean::clean;
use crate::ingest::RawDoc;

fn art(id: &str, text: &str, date: Option<&str>) -> Article {
    let mut raw = RawDoc::text(format!("{id}.txt"), text);
    raw.id = Some(id.to_string());
    raw.published = date.map(|d| crate::model::Published {
        date: d.parse().expect("date"),
        time: None,
        how: crate::model::DateSource::Metadata,
        evidence: d.to_string(),
    });
    clean(&raw)
}

fn corpus() -> Vec<Article> {
    vec![
        art(
            "q1",
            "Earthquake strikes coastal city\n\nA strong earthquake struck the coastal city of Portova on Monday, collapsing buildings and killing at least twelve people, rescue officials said.",
            None,
        ),
        art(
            "f1",
            "Final ends in penalty shootout\n\nThe cup final between Rovers and United ended in a penalty shootout on Saturday after a goalless draw in the stadium.",
            None,
        ),
        art(
            "q2",
            "Rescuers search rubble after earthquake\n\nRescuers in Portova searched collapsed buildings for survivors a day after the earthquake killed twelve people in the coastal city.",
            None,
        ),
        art(
            "b1",
            "Central bank raises interest rates\n\nThe central bank raised its interest rate by half a point to fight inflation, its governor said at a press conference.",
            None,
        ),
        art(
            "f2",
            "United win cup on penalties\n\nUnited won the cup final against Rovers in a penalty shootout after the match in the stadium finished goalless.",
            None,
        ),
        art(
            "b2",
            "Inflation fight: bank lifts rate again\n\nThe central bank lifted its interest rate again, and the governor said inflation remained too high.",
            None,
        ),
        art(
            "q3",
            "Earthquake death toll rises\n\nThe death toll from the earthquake in the coastal city of Portova rose as rescuers pulled more bodies from collapsed buildings.",
            None,
        ),
    ]
}

#[test]
fn articles_about_the_same_event_share_a_story() {
    let a = corpus();
    let s = cluster_articles(&a, &ClusterConfig::default());
    let by_id = |id: &str| &s[a.iter().position(|x| x.id == id).expect("id")];
    assert_eq!(by_id("q1"), by_id("q2"));
    assert_eq!(by_id("q1"), by_id("q3"));
    assert_eq!(by_id("f1"), by_id("f2"));
    assert_eq!(by_id("b1"), by_id("b2"));
    assert_ne!(by_id("q1"), by_id("f1"));
    assert_ne!(by_id("q1"), by_id("b1"));
    assert_ne!(by_id("f1"), by_id("b1"));
    assert_eq!(by_id("q1"), &story_id("q1"));
}

#[test]
fn clustering_is_deterministic() {
    let a = corpus();
    let cfg = ClusterConfig::default();
    assert_eq!(cluster_articles(&a, &cfg), cluster_articles(&a, &cfg));
}

#[test]
fn a_restored_clusterer_decides_like_the_original() {
    let a = corpus();
    let cfg = ClusterConfig {
        window_articles: 3,
        ..ClusterConfig::default()
    };
    let feats: Vec<Features> = a.iter().map(features).collect();
    let mut whole = Clusterer::new(cfg);
    let mut first_part = Clusterer::new(cfg);
    for i in 0..4 {
        whole.assign(&a[i].id, &feats[i]);
        first_part.assign(&a[i].id, &feats[i]);
    }
    let saved: Vec<WindowEntry> = first_part.entries().cloned().collect();
    assert_eq!(saved.len(), 3, "the window holds three articles");
    let mut restored = Clusterer::restore(cfg, saved);
    for i in 4..a.len() {
        let x = whole.assign(&a[i].id, &feats[i]);
        let y = restored.assign(&a[i].id, &feats[i]);
        assert_eq!(x, y);
    }
}

#[test]
fn the_time_window_forgets_old_stories() {
    let a = vec![
        art(
            "x1",
            "Earthquake strikes coastal city\n\nA strong earthquake struck the coastal city of Portova, killing twelve people.",
            Some("2024-01-01"),
        ),
        art(
            "x2",
            "Earthquake strikes coastal city\n\nA strong earthquake struck the coastal city of Portova, killing twelve people.",
            Some("2024-03-01"),
        ),
        art(
            "x3",
            "Earthquake strikes coastal city again\n\nA strong earthquake struck the coastal city of Portova again, killing twelve people.",
            Some("2024-03-02"),
        ),
    ];
    let s = cluster_articles(&a, &ClusterConfig::default());
    assert_ne!(s[0], s[1], "two months apart: outside the window");
    assert_eq!(s[1], s[2]);
}

#[test]
fn time_order_puts_undated_articles_last_and_keeps_input_order() {
    let a = vec![
        art("u", "T\n\nBody one here.", None),
        art("late", "T\n\nBody two here.", Some("2024-02-01")),
        art("early", "T\n\nBody three here.", Some("2024-01-01")),
    ];
    assert_eq!(time_order(&a), vec![2, 1, 0]);
}

#[test]
fn blend_link_weighs_the_whole_story_not_one_member() {
    // A story of three earthquake reports, then a page that repeats one of
    // them word for word and goes on about a concert.
    let a = corpus();
    let quake: Vec<&Article> = ["q1", "q2", "q3"]
        .iter()
        .map(|id| a.iter().find(|x| x.id == *id).expect("article"))
        .collect();
    let bridge = art(
        "x",
        &format!(
            "{}\n\n{} The orchestra opened its season with a concert of violin sonatas.",
            quake[2].title, quake[2].body
        ),
        None,
    );
    let member = art(
        "q4",
        "Aid reaches earthquake survivors\n\nAid reached survivors of the earthquake in the coastal \
         city of Portova as rescuers searched collapsed buildings for people still missing.",
        None,
    );
    let score = |link: Link, last: &Article| {
        let mut c = Clusterer::new(ClusterConfig {
            link,
            ..ClusterConfig::default()
        });
        for other in a.iter().filter(|x| x.id.starts_with(['b', 'f'])) {
            c.assign(&other.id, &features(other));
        }
        let first = c.assign(&quake[0].id, &features(quake[0])).story;
        for q in &quake[1..] {
            assert_eq!(c.assign(&q.id, &features(q)).story, first);
        }
        let got = c.assign(&last.id, &features(last));
        (got.story == first, got.score)
    };
    let (near_joined, near) = score(Link::Nearest, &bridge);
    let (blend_joined, blend) = score(Link::Blend, &bridge);
    assert!(
        near_joined,
        "nearest link joins through the copied report: {near} (blend {blend})"
    );
    assert!(blend_joined, "blend {blend}");
    // The copied report is closer than the others: the blend counts them too.
    assert!(blend < near - 0.05, "blend {blend} vs nearest {near}");
    let (joined, s) = score(Link::Blend, &member);
    assert!(joined, "a report on the same event still joins: {s}");
}

#[test]
fn dates_raise_the_similarity_of_close_articles_and_lower_it_for_distant_ones() {
    let cfg = ClusterConfig::default();
    let day = 1440;
    let f = |gap_days: i64| cfg.time_factor(Some(0), Some(gap_days * day));
    // No date on either side: no evidence either way.
    assert_eq!(cfg.time_factor(None, Some(0)), 1.0);
    assert_eq!(cfg.time_factor(Some(0), None), 1.0);
    assert!((f(0) - (1.0 + cfg.time_boost)).abs() < 1e-9);
    // Neutral at the time scale, the inverse of the boost at twice it.
    let scale = cfg.time_scale_days as i64;
    assert!((f(scale) - 1.0).abs() < 1e-9);
    assert!((f(2 * scale) * (1.0 + cfg.time_boost) - 1.0).abs() < 1e-9);
    // Falls with the gap, in either direction.
    for g in 0..14 {
        assert!(f(g + 1) < f(g));
        assert_eq!(f(g), cfg.time_factor(Some(g * day), Some(0)));
    }
}

#[test]
fn the_dates_of_two_reports_scale_their_similarity() {
    // Two outlets on one event, in other words. With a threshold of zero
    // the second always joins the first, and the score says how similar
    // the clusterer found them.
    let texts = [
        (
            "a",
            "Dockworkers walk out at Valmora port\n\nAbout 4,000 dockworkers walked off the job \
             at the port of Valmora on Monday after contract talks collapsed, and union leader \
             Ana Ferreira said members wanted a 12% raise.",
        ),
        (
            "b",
            "Cranes idle in Valmora as dockers stop work\n\nNothing moved on the quays of \
             Valmora on Monday. Crane drivers and lashers stayed home, and Ana Ferreira told a \
             crowd at the gate that her members would not return for less than 12% more.",
        ),
    ];
    let cfg = ClusterConfig {
        threshold: 0.0,
        ..ClusterConfig::default()
    };
    let score = |dates: [Option<&str>; 2]| {
        let a: Vec<Article> = texts
            .iter()
            .zip(dates)
            .map(|((id, t), d)| art(id, t, d))
            .collect();
        let mut c = Clusterer::new(cfg);
        c.assign("a", &features(&a[0]));
        let b = c.assign("b", &features(&a[1]));
        assert!(!b.new);
        b.score
    };
    let undated = score([None, None]);
    assert!(undated > 0.0);
    // One side undated: no time evidence.
    assert_eq!(score([Some("2026-03-02"), None]), undated);
    let same_day = score([Some("2026-03-02"), Some("2026-03-02")]);
    assert!(
        (same_day / undated - 2.0).abs() < 1e-6,
        "{same_day} vs {undated}"
    );
    let six_days = score([Some("2026-03-02"), Some("2026-03-08")]);
    assert!(
        (six_days / undated - 0.25).abs() < 1e-6,
        "{six_days} vs {undated}"
    );
}

#[test]
fn a_story_is_dated_by_its_span_not_by_its_closest_member() {
    // A running topic: a report on day 0, one on day 2, then a third on
    // day 3. Per member, the third is a day from the second (evidence for)
    // and three from the first; as a story, it would span three days, and
    // one factor at that gap scales every dated member's cosine.
    let texts = [
        "Dockworkers walk out at Valmora port\n\nAbout 4,000 dockworkers walked off the job \
         at the port of Valmora after contract talks collapsed, and union leader Ana Ferreira \
         said members wanted a 12% raise.",
        "Valmora port strike drags on\n\nThe dockworkers' strike at the port of Valmora went \
         on as talks stalled, and Ana Ferreira said the union would not drop its demand for a \
         12% raise.",
        "Ships queue off Valmora as strike holds\n\nA dozen ships waited off the port of \
         Valmora as the dockworkers' strike held, and Ana Ferreira said members would stay out.",
    ];
    let cfg = ClusterConfig {
        threshold: 0.0,
        adaptive_time_scale: false,
        ..ClusterConfig::default()
    };
    let score = |dates: [Option<&str>; 3]| {
        let mut c = Clusterer::new(cfg);
        let mut last = None;
        for (i, (t, d)) in texts.iter().zip(dates).enumerate() {
            let id = format!("r{i}");
            let a = c.assign(&id, &features(&art(&id, t, d)));
            assert!(i == 0 || !a.new);
            last = Some(a.score);
        }
        last.expect("three reports")
    };
    let undated = score([None, None, None]);
    assert!(undated > 0.0);
    let dated = score([Some("2026-03-02"), Some("2026-03-04"), Some("2026-03-05")]);
    let span = cfg.time_factor(Some(0), Some(3 * 1440));
    assert!((span - 2f64.powf(-0.5)).abs() < 1e-12);
    assert!(
        (dated / undated - span).abs() < 1e-6,
        "{dated} vs {undated}"
    );
    // An undated member keeps its cosine: only the dated ones are scaled.
    let mixed = score([Some("2026-03-02"), None, Some("2026-03-05")]);
    assert!(
        mixed > dated && mixed < undated,
        "{mixed} {dated} {undated}"
    );
    // The same three days, as a story started the day before the third.
    let close = score([Some("2026-03-04"), Some("2026-03-04"), Some("2026-03-05")]);
    let day = cfg.time_factor(Some(0), Some(1440));
    assert!((close / undated - day).abs() < 1e-6, "{close} vs {undated}");
}

/// One day's reports: three outlets on the CDC's birth figures, then a
/// court ruling on the CDC's eviction moratorium, the same agency and the
/// same day, then a fourth outlet on the births in other words.
fn births_and_evictions() -> Vec<Article> {
    let day = Some("2021-05-05");
    vec![
        art(
            "b1",
            "Births fall to 42-year low in U.S., new CDC data shows\n\nThe number of babies born \
             in the United States fell 4% in 2020 to about 3.6 million, the lowest since 1979, \
             according to a report from the Centers for Disease Control and Prevention released \
             on Wednesday. The pandemic weighed on decisions to have children, demographers said, \
             and births had already been falling for six years.",
            day,
        ),
        art(
            "b2",
            "U.S. birthrate fell by 4% in 2020, hitting another record low\n\nAmerican women had \
             fewer babies last year than in any year since 1979, federal health statisticians \
             reported Wednesday. The general fertility rate dropped to 56 births per 1,000 women \
             of childbearing age, the CDC's National Center for Health Statistics said. Births \
             fell for nearly every age group.",
            day,
        ),
        art(
            "b3",
            "US birth rate falls another four percent to lowest level in nearly a century\n\nThe \
             fertility rate in the United States declined again in 2020 as the coronavirus \
             pandemic raged, with 3.6 million babies born, the Centers for Disease Control and \
             Prevention said in provisional data. Only teenagers and women in their forties had \
             fewer births than the year before in every state.",
            day,
        ),
        art(
            "e1",
            "Federal judge overturns national eviction ban\n\nA federal judge in Washington on \
             Wednesday struck down the national eviction moratorium imposed by the Centers for \
             Disease Control and Prevention during the coronavirus pandemic, ruling that the \
             agency exceeded its authority. Landlords had challenged the CDC order, which let \
             tenants who lost income stay in their homes, in court last year.",
            day,
        ),
        art(
            "b4",
            "Fewer babies: American fertility at record low\n\nDemographers expected a pandemic \
             baby boom; instead, births slid to 3.6 million last year, provisional federal \
             statistics show, the fewest since 1979 and the sixth straight annual decline. \
             Economists warn that a shrinking generation of workers will one day have to support \
             a growing number of retirees.",
            day,
        ),
    ]
}

#[test]
fn same_day_stories_on_one_agency_stay_apart_and_one_story_in_other_words_joins() {
    let a = births_and_evictions();
    let s = cluster_articles(&a, &ClusterConfig::default());
    let by_id = |id: &str| &s[a.iter().position(|x| x.id == id).expect("id")];
    assert_eq!(by_id("b1"), by_id("b2"));
    assert_eq!(by_id("b1"), by_id("b3"));
    assert_eq!(by_id("b1"), by_id("b4"), "the same story in other words");
    assert_ne!(
        by_id("b1"),
        by_id("e1"),
        "another story of the same day and agency"
    );
    // The blend link, half the closest member's cosine, doubled by the
    // same day, took the ruling into the births story. (Arriving first,
    // before the story has members to average, the ruling still draws the
    // births reports to it: a one-member story's average is that member.)
    let blend = cluster_articles(
        &a,
        &ClusterConfig {
            link: Link::Blend,
            ..ClusterConfig::default()
        },
    );
    assert_eq!(blend[0], blend[3]);
}

#[test]
fn average_link_weighs_every_recent_member_where_blend_gives_the_closest_half() {
    // Scored against the births story with a threshold of zero, so that the
    // score says how close the ruling came to joining it.
    let a = births_and_evictions();
    let score = |link: Link| {
        let mut c = Clusterer::new(ClusterConfig {
            link,
            threshold: 0.0,
            ..ClusterConfig::default()
        });
        for x in &a[..3] {
            c.assign(&x.id, &features(x));
        }
        c.assign(&a[3].id, &features(&a[3])).score
    };
    let (average, blend, nearest) = (
        score(Link::Average),
        score(Link::Blend),
        score(Link::Nearest),
    );
    assert!(average > 0.0);
    assert!(
        average < blend && blend < nearest,
        "{average} {blend} {nearest}"
    );
    assert!(
        (blend - 0.5 * (average + nearest)).abs() < 1e-9,
        "the blend is the mean of the two: {average} {blend} {nearest}"
    );
}

/// Twelve local stories, three outlets each: the same event, place, actor
/// and demand in other words. Story `k` is dated `2026-03-01 + day(k, r)`
/// for its report `r`, or undated.
fn local_stories(day: impl Fn(usize, usize) -> Option<u64>) -> Vec<Article> {
    let stories = [
        (
            "dockworkers strike",
            "Valmora",
            "union leaders",
            "a 12% raise",
        ),
        (
            "bridge closure",
            "Portova",
            "city engineers",
            "emergency repairs",
        ),
        (
            "hospital walkout",
            "Kestrel Bay",
            "junior doctors",
            "safer rotas",
        ),
        (
            "transit fare rise",
            "Lindhaven",
            "commuter groups",
            "a fare freeze",
        ),
        (
            "school lockdown",
            "Arrowmere",
            "district police",
            "an inquiry",
        ),
        (
            "wildfire evacuation",
            "Dunmoor",
            "fire crews",
            "more air tankers",
        ),
        (
            "water contamination",
            "Ellisford",
            "health inspectors",
            "boil notices",
        ),
        (
            "mine collapse",
            "Greyvale",
            "rescue teams",
            "shaft inspections",
        ),
        (
            "stadium vote",
            "Harwick",
            "council members",
            "a public referendum",
        ),
        (
            "ferry grounding",
            "Isleport",
            "coast guard divers",
            "a salvage plan",
        ),
        (
            "factory layoffs",
            "Juniper Falls",
            "plant workers",
            "severance talks",
        ),
        (
            "flood barrier failure",
            "Marlow Fen",
            "river wardens",
            "sandbag crews",
        ),
    ];
    let mut out = Vec::new();
    for (k, (event, place, actor, demand)) in stories.iter().enumerate() {
        let reports = [
            format!(
                "{place} {event} deepens\n\nThe {event} in {place} went on as {actor} \
                 demanded {demand}, officials said."
            ),
            format!(
                "{actor} in {place} press on with {event}\n\nIn {place}, {actor} kept up the \
                 {event} and said they would hold out for {demand}."
            ),
            format!(
                "What the {place} {event} means\n\nThe {event} led by {actor} in {place} over \
                 {demand} could drag on, residents said."
            ),
        ];
        for (r, text) in reports.iter().enumerate() {
            let date = day(k, r).map(|d| {
                let start: chrono::NaiveDate = "2026-03-01".parse().expect("date");
                (start + chrono::Days::new(d)).to_string()
            });
            out.push(art(&format!("s{k}r{r}"), text, date.as_deref()));
        }
    }
    out
}

/// The clusterer after placing the articles in time order.
fn clustered(a: &[Article], cfg: ClusterConfig) -> Clusterer {
    let mut c = Clusterer::new(cfg);
    for i in time_order(a) {
        c.assign(&a[i].id, &features(&a[i]));
    }
    c
}

#[test]
fn the_time_scale_is_read_from_how_far_apart_a_streams_stories_run() {
    let cfg = ClusterConfig::default();
    let day = 1440;
    // Every story told in one day (one a day): a day apart is now no
    // evidence either way, where the prior scale counts it as evidence for.
    let one_day = local_stories(|k, _| Some(k as u64));
    let c = clustered(&one_day, cfg);
    let scale = c.time_scale_days();
    assert!(scale < 1.2, "one-day stories: {scale}");
    assert!(
        cfg.time_factor_at(scale, Some(0), Some(day)) < cfg.time_factor(Some(0), Some(day)),
        "a next-day report counts for less than under the prior"
    );
    // The same stories told over three days each: a longer scale.
    let spread = local_stories(|k, r| Some(k as u64 + r as u64));
    let scale = clustered(&spread, cfg).time_scale_days();
    assert!(scale > 2.5, "stories over three days: {scale}");
    // Undated, or with the scale fixed: the configured scale exactly.
    let undated = local_stories(|_, _| None);
    assert_eq!(
        clustered(&undated, cfg).time_scale_days(),
        cfg.time_scale_days
    );
    let fixed = ClusterConfig {
        adaptive_time_scale: false,
        ..cfg
    };
    assert_eq!(
        clustered(&one_day, fixed).time_scale_days(),
        cfg.time_scale_days
    );
    // Every story is found either way.
    for a in [&one_day, &spread, &undated] {
        let s = cluster_articles(a, &cfg);
        for k in 0..12 {
            let first = &s[3 * k];
            assert!(s[3 * k..3 * k + 3].iter().all(|x| x == first), "story {k}");
            assert!(s[..3 * k].iter().all(|x| x != first), "story {k} alone");
        }
    }
    // A function of the window: a restored clusterer reads the same scale.
    let restored = Clusterer::restore(cfg, c.entries().cloned());
    assert_eq!(restored.time_scale_days(), c.time_scale_days());
}

#[test]
fn gaps_spread_over_the_whole_window_are_taken_as_background() {
    let cfg = ClusterConfig::default();
    let entry = |seq: u64, gaps: Vec<u16>| WindowEntry {
        seq,
        story: format!("s{seq}"),
        time: Some(0),
        vector: Vec::new(),
        index: Vec::new(),
        labels: Vec::new(),
        gaps,
    };
    let scale = |gaps: Vec<Vec<u16>>| {
        let entries = gaps
            .into_iter()
            .enumerate()
            .map(|(i, g)| entry(i as u64, g));
        Clusterer::restore(cfg, entries).time_scale_days()
    };
    // Forty same-day pairs: one-day stories.
    let same_day = vec![vec![0u16]; 40];
    let one_day = scale(same_day.clone());
    assert!(one_day < 1.2, "{one_day}");
    // Pairs at every gap of the window, three of each, on top: the same.
    let mut with_background = same_day;
    with_background.extend((0..14u16).map(|g| vec![g; 3]));
    assert!((scale(with_background) - one_day).abs() < 1e-9);
    // Background alone says nothing: the prior.
    let flat: Vec<Vec<u16>> = (0..14u16).map(|g| vec![g; 3]).collect();
    assert_eq!(scale(flat), cfg.time_scale_days);
    // Pairs one to three days apart: stories that run over days.
    let long = (0..40u16).map(|i| vec![1 + i % 3]).collect();
    assert!(scale(long) > 3.0);
}
