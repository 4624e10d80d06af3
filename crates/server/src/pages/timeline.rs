//! The timeline as an SVG: an axis with each event at its resolved date, a
//! dot for a day, a bar for a range (a week, a month, a year), hollow when
//! the date was inferred (from "on Friday", "last week", "a week ago")
//! rather than written out. The axis gives each gap between dates a width
//! that grows with the logarithm of its length, so that a story spanning
//! 2003 to last Friday shows both the years and the days apart.

use super::shorten;
use chrono::NaiveDate;
use maud::{Markup, html};
use storyline_core::analyze::timeline::TimelineEvent;
use storyline_core::model::Digest;

const WIDTH: f64 = 960.0;
const AXIS_LEFT: f64 = 16.0;
const AXIS_RIGHT: f64 = 300.0;
const LABEL_X: f64 = 318.0;
const TOP: f64 = 34.0;
const ROW: f64 = 24.0;

/// Whether an event's date was worked out rather than written: any of its
/// expressions resolved against the reference date.
pub fn inferred(e: &TimelineEvent) -> bool {
    e.expressions.iter().any(|x| !x.how.starts_with("explicit"))
}

/// Maps dates to x positions (piecewise linear between the dates in use).
struct Scale {
    days: Vec<NaiveDate>,
    xs: Vec<f64>,
}

impl Scale {
    fn new(mut days: Vec<NaiveDate>) -> Scale {
        days.sort();
        days.dedup();
        let mut xs = Vec::with_capacity(days.len());
        let mut x = 0.0;
        for (i, d) in days.iter().enumerate() {
            if i > 0 {
                let gap = (*d - days[i - 1]).num_days().max(0) as f64;
                x += 1.0 + (1.0 + gap).ln();
            }
            xs.push(x);
        }
        let span = x.max(1e-9);
        let xs = if days.len() <= 1 {
            vec![(AXIS_LEFT + AXIS_RIGHT) / 2.0; days.len()]
        } else {
            xs.iter()
                .map(|v| AXIS_LEFT + v / span * (AXIS_RIGHT - AXIS_LEFT))
                .collect()
        };
        Scale { days, xs }
    }

    fn x(&self, d: NaiveDate) -> f64 {
        match self.days.binary_search(&d) {
            Ok(i) => self.xs[i],
            Err(0) => self.xs.first().copied().unwrap_or(AXIS_LEFT),
            Err(i) if i >= self.days.len() => self.xs.last().copied().unwrap_or(AXIS_RIGHT),
            Err(i) => {
                let (d0, d1) = (self.days[i - 1], self.days[i]);
                let t = (d - d0).num_days() as f64 / (d1 - d0).num_days().max(1) as f64;
                self.xs[i - 1] + t * (self.xs[i] - self.xs[i - 1])
            }
        }
    }
}

fn fmt(x: f64) -> String {
    format!("{x:.1}")
}

/// The SVG, events in date order.
pub fn svg(d: &Digest) -> Markup {
    let mut events: Vec<&TimelineEvent> = d.analysis.timeline.iter().collect();
    events.sort_by_key(|e| (e.range.start, e.range.end));
    let scale = Scale::new(
        events
            .iter()
            .flat_map(|e| [e.range.start, e.range.end])
            .collect(),
    );
    let height = TOP + ROW * events.len() as f64 + 8.0;
    // Year ticks: the first date of each year on the axis.
    let mut ticks: Vec<(f64, String)> = Vec::new();
    let mut last_year = None;
    for (i, day) in scale.days.iter().enumerate() {
        let y = chrono::Datelike::year(day);
        if last_year != Some(y) {
            ticks.push((scale.xs[i], y.to_string()));
            last_year = Some(y);
        }
    }
    html! {
        figure class="timeline" {
            svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (fmt(height)) }
                role="img" aria-labelledby="timeline-title" class="timeline-svg" {
                title id="timeline-title" { "Timeline of the story: " (events.len()) " dated events" }
                line class="axis" x1=(AXIS_LEFT) y1="20" x2=(AXIS_RIGHT) y2="20" {}
                @for (x, year) in &ticks {
                    line class="tick" x1=(fmt(*x)) y1="16" x2=(fmt(*x)) y2="24" {}
                    text class="tick-label" x=(fmt(*x)) y="12" text-anchor="middle" { (year) }
                }
                @for (i, e) in events.iter().enumerate() {
                    @let y = TOP + ROW * i as f64 + ROW / 2.0;
                    @let x0 = scale.x(e.range.start);
                    @let x1 = scale.x(e.range.end);
                    @let inf = inferred(e);
                    @let how = e.expressions.iter().map(|x| x.how.as_str()).collect::<Vec<_>>().join("; ");
                    g class={ "event" @if inf { " inferred" } } data-date=(e.date)
                        data-start=(e.range.start.to_string()) data-end=(e.range.end.to_string()) {
                        title {
                            (e.date) ": " (e.text) " — "
                            @if inf { "date inferred: " } @else { "date written: " } (how)
                            " — " (super::story::labels(d, &e.articles))
                        }
                        line class="guide" x1=(fmt(x0)) y1="20" x2=(fmt(x0)) y2=(fmt(y)) {}
                        @if e.range.start == e.range.end {
                            circle class="marker" cx=(fmt(x0)) cy=(fmt(y)) r="5" {}
                        } @else {
                            rect class="marker bar" x=(fmt(x0 - 3.0)) y=(fmt(y - 5.0))
                                width=(fmt((x1 - x0).max(0.0) + 6.0)) height="10" rx="5" {}
                        }
                        text class="label" x=(LABEL_X) y=(fmt(y + 4.0)) {
                            tspan class="date" { (e.date) }
                            @if inf { tspan class="inf" { " (inferred)" } }
                            " " (shorten(&e.text, 68))
                        }
                    }
                }
            }
            figcaption { "Dots are days, bars are ranges; hollow marks are dates inferred from words like “on Friday” or “last week”. Hover an event for its sentence and how its date was found." }
        }
    }
}
