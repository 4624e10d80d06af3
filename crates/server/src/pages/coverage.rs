//! The coverage matrix: facts × sources. Each cell says whether the source
//! carries the fact, carries it alone ("only here"), or says otherwise
//! (a conflict). Drawn as a table: it reads on a screen reader and on a
//! phone (it scrolls sideways).

use super::shorten;
use super::story::label;
use maud::{Markup, html};
use storyline_core::analyze::agreement::Support;
use storyline_core::model::Digest;

/// What a cell shows.
#[derive(Clone, PartialEq)]
enum Cell {
    Absent,
    Carried,
    OnlyHere,
    Conflict(String),
}

/// A row: the fact, its kind (`conflict`, `all`, `several`, `only`), a
/// cell per source, and the sentence (source index, sentence) it links to.
type Row = (String, &'static str, Vec<Cell>, Option<(usize, usize)>);

/// Most shared facts shown (the matrix stays readable on big stories).
const SHARED_ROWS: usize = 25;

pub fn matrix(d: &Digest) -> Markup {
    let a = &d.analysis;
    let n = d.sources.len();
    let mut rows: Vec<Row> = Vec::new();
    for c in &a.conflicts {
        let mut cells = vec![Cell::Absent; n];
        for claim in &c.claims {
            for &i in &claim.articles {
                if let Some(cell) = cells.get_mut(i) {
                    *cell = Cell::Conflict(claim.says.clone());
                }
            }
        }
        rows.push((c.about.clone(), "conflict", cells, None));
    }
    let mut shared: Vec<_> = a
        .facts
        .iter()
        .filter(|f| !matches!(f.support, Support::One))
        .collect();
    shared.sort_by_key(|f| std::cmp::Reverse(f.articles.len()));
    for f in shared.into_iter().take(SHARED_ROWS) {
        let mut cells = vec![Cell::Absent; n];
        for &i in &f.articles {
            if let Some(cell) = cells.get_mut(i) {
                *cell = Cell::Carried;
            }
        }
        let at = f.sentences.first().map(|r| (r.article, r.sentence));
        let kind = if matches!(f.support, Support::All) {
            "all"
        } else {
            "several"
        };
        rows.push((f.text.clone(), kind, cells, at));
    }
    for o in &a.only_in {
        for f in &o.facts {
            let mut cells = vec![Cell::Absent; n];
            if let Some(cell) = cells.get_mut(o.article) {
                *cell = Cell::OnlyHere;
            }
            rows.push((
                f.text.clone(),
                "only",
                cells,
                Some((f.at.article, f.at.sentence)),
            ));
        }
    }
    html! {
        p class="legend" {
            span class="mark carried" { "●" } " carried · "
            span class="mark only" { "◆" } " only in this source · "
            span class="mark conflict" { "✕" } " says otherwise"
        }
        div class="matrix-wrap" {
            table class="matrix" {
                caption class="visually-hidden" { "Facts by source" }
                thead {
                    tr {
                        th scope="col" { "Fact" }
                        @for i in 0..n { th scope="col" data-source=(i + 1) { "[" (i + 1) "] " (shorten(&label(d, i), 24)) } }
                    }
                }
                tbody {
                    @for (text, kind, cells, at) in &rows {
                        tr class=(kind) {
                            th scope="row" {
                                @match at {
                                    Some((art, s)) => {
                                        @match d.sources.get(*art) {
                                            Some(src) => a href={ "/articles/" (src.id) "#s" (s) } { (text) },
                                            None => (text),
                                        }
                                    }
                                    None => (text),
                                }
                            }
                            @for (i, c) in cells.iter().enumerate() {
                                @match c {
                                    Cell::Absent => td data-source=(i + 1) class="absent" { span class="visually-hidden" { "not reported" } },
                                    Cell::Carried => td data-source=(i + 1) class="carried" { span aria-hidden="true" { "●" } span class="visually-hidden" { "carried" } },
                                    Cell::OnlyHere => td data-source=(i + 1) class="only" { span aria-hidden="true" { "◆" } " only here" },
                                    Cell::Conflict(says) => td data-source=(i + 1) class="conflict" { span aria-hidden="true" { "✕" } " " (says) },
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
