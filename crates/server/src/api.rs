//! The JSON API under `/api/v1`.

use crate::error::{ApiError, ErrorBody};
use crate::openapi::{ArticleSchema, DigestSchema};
use crate::state::AppState;
use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::{Deserialize, Serialize};
use storyline_store::ingest::{Account, Ingest, IngestConfig, Observer, Placed, Skipped};
use storyline_store::{SearchHit, StoredSentence, StoryCursor, StoryFilter, StoryRow};

/// The API's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/stories", get(list_stories))
        .route("/stories/{id}", get(story_digest))
        .route("/articles", axum::routing::post(post_articles))
        .route("/articles/{id}", get(article))
        .route("/search", get(search))
        .route("/healthz", get(healthz))
        .route("/openapi.json", get(openapi))
}

/// A story as listed.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StoryItem {
    /// Story id.
    pub id: String,
    /// The digest's headline (or the first article's title).
    pub headline: String,
    /// First publication date (YYYY-MM-DD).
    pub first: Option<String>,
    /// Last publication date (YYYY-MM-DD).
    pub last: Option<String>,
    /// Articles, near-duplicates not counted.
    pub articles: usize,
    /// Near-duplicates of its articles.
    pub carriers: usize,
    /// Distinct outlets.
    pub outlets: usize,
    /// Key terms.
    pub key_terms: Vec<String>,
    /// A page kept alone for too little article text, or none.
    pub set_aside: bool,
    /// Why it was set aside.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_aside_reason: Option<String>,
    /// The story's digest (this API).
    pub href: String,
}

impl From<StoryRow> for StoryItem {
    fn from(r: StoryRow) -> StoryItem {
        StoryItem {
            href: format!("/api/v1/stories/{}", r.id),
            id: r.id,
            headline: r.headline,
            first: r.first,
            last: r.last,
            articles: r.articles,
            carriers: r.carriers,
            outlets: r.outlets,
            key_terms: r.key_terms,
            set_aside: r.set_aside,
            set_aside_reason: r.set_aside_reason,
        }
    }
}

/// A page of stories.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StoryList {
    /// Stories, most recent first.
    pub stories: Vec<StoryItem>,
    /// The cursor of the next page (`?cursor=`), when there is one.
    pub next: Option<String>,
}

/// The listing's filters as given in a query string; checked by
/// [`ListParams::parse`].
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Stories whose last date is on or after this day (YYYY-MM-DD).
    pub from: Option<String>,
    /// Stories whose first date is on or before this day (YYYY-MM-DD).
    pub to: Option<String>,
    /// Stories with an article from this outlet.
    pub outlet: Option<String>,
    /// Where the page starts: `next` of the page before.
    pub cursor: Option<String>,
    /// Stories per page, 1 to 200 (default 25).
    pub limit: Option<String>,
    /// `true`: also pages set aside for too little article text or none.
    pub all: Option<String>,
}

/// A listing request, checked.
pub struct ListParams {
    /// Filters.
    pub filter: StoryFilter,
    /// Start after this.
    pub cursor: Option<StoryCursor>,
    /// Page size.
    pub limit: usize,
}

fn date_param(name: &str, v: &Option<String>) -> Result<Option<String>, ApiError> {
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(|d| Some(d.to_string()))
            .map_err(|_| {
                ApiError::bad_request(format!("{name}: {s:?} is not a date (YYYY-MM-DD)"))
            }),
    }
}

/// A page size: 1 to 200, 25 when not given.
fn limit_param(v: &Option<String>) -> Result<usize, ApiError> {
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(25),
        Some(s) => match s.parse::<usize>() {
            Ok(n) if (1..=200).contains(&n) => Ok(n),
            _ => Err(ApiError::bad_request(format!(
                "limit: {s:?} is not a number from 1 to 200"
            ))),
        },
    }
}

impl ListQuery {
    /// Checks the values: each wrong one is a 400 that names it.
    pub fn parse(&self) -> Result<ListParams, ApiError> {
        let limit = limit_param(&self.limit)?;
        let cursor = match self.cursor.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => Some(StoryCursor::parse(s).ok_or_else(|| {
                ApiError::bad_request(format!(
                    "cursor: {s:?} is not a cursor from this listing's `next`"
                ))
            })?),
        };
        let all = match self.all.as_deref() {
            None | Some("") | Some("false") | Some("0") => false,
            Some("true") | Some("1") | Some("on") => true,
            Some(s) => {
                return Err(ApiError::bad_request(format!(
                    "all: {s:?} is not true or false"
                )));
            }
        };
        let outlet = self
            .outlet
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        Ok(ListParams {
            filter: StoryFilter {
                from: date_param("from", &self.from)?,
                to: date_param("to", &self.to)?,
                outlet,
                set_aside: all,
            },
            cursor,
            limit,
        })
    }
}

/// Reads a query string into `T`, a 400 naming the parameter when it does not fit.
pub(crate) fn query<T: serde::de::DeserializeOwned + Default>(
    q: Result<Query<T>, axum::extract::rejection::QueryRejection>,
) -> Result<T, ApiError> {
    q.map(|Query(t)| t)
        .map_err(|e| ApiError::bad_request(e.body_text()))
}

/// One page of stories and the next page's cursor.
pub async fn story_page(state: &AppState, p: ListParams) -> Result<StoryList, ApiError> {
    state
        .read(move |store| {
            let mut rows = store.stories_page(&p.filter, p.cursor.as_ref(), p.limit + 1)?;
            let next = if rows.len() > p.limit {
                rows.truncate(p.limit);
                rows.last().map(|r| r.cursor().token())
            } else {
                None
            };
            Ok(StoryList {
                stories: rows.into_iter().map(StoryItem::from).collect(),
                next,
            })
        })
        .await
}

/// Stories, most recent first, filtered, a page at a time.
#[utoipa::path(get, path = "/api/v1/stories", params(ListQuery),
    responses(
        (status = 200, description = "A page of stories", body = StoryList),
        (status = 400, description = "A parameter is wrong", body = ErrorBody),
    ))]
async fn list_stories(
    State(state): State<AppState>,
    q: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<StoryList>, ApiError> {
    let params = query(q)?.parse()?;
    Ok(Json(story_page(&state, params).await?))
}

/// Checks an id from a path: ids are short and printable.
fn check_id(what: &str, id: &str) -> Result<(), ApiError> {
    if id.is_empty() || id.len() > 200 || id.chars().any(char::is_control) {
        return Err(ApiError::bad_request(format!("{what}: not a valid id")));
    }
    Ok(())
}

/// A story's digest: exactly `storyline digest --format json`'s schema
/// (`docs/digest.schema.json`), with `schema_version`.
#[utoipa::path(get, path = "/api/v1/stories/{id}",
    params(("id" = String, Path, description = "Story id")),
    responses(
        (status = 200, description = "The story's digest", body = DigestSchema),
        (status = 404, description = "No such story, or a story with no digest (set aside: no article has body text)", body = ErrorBody),
    ))]
async fn story_digest(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    check_id("id", &id)?;
    let json = state
        .read(move |store| {
            if let Some(j) = store.digest_json(&id)? {
                return Ok(j);
            }
            let Some(row) = store.story(&id)? else {
                return Err(ApiError::not_found(format!("no story {id:?}")));
            };
            let Some((digest, _)) = store.digest_or_build(&id)? else {
                let why = row.set_aside_reason.as_deref().unwrap_or("no body text");
                let hrefs: Vec<String> = store
                    .listed_articles(&id)?
                    .iter()
                    .map(|a| format!("/api/v1/articles/{}", a.id))
                    .collect();
                return Err(ApiError::not_found(format!(
                    "story {id:?} has no digest: set aside ({why}); its articles: {}",
                    hrefs.join(", ")
                )));
            };
            serde_json::to_string(&digest).map_err(|e| ApiError::internal(e.to_string()))
        })
        .await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

/// A stored article.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ArticleItem {
    /// Article id.
    pub id: String,
    /// Its story.
    pub story: String,
    /// The original URL, when known.
    pub url: Option<String>,
    /// The article it is a near-duplicate of.
    pub duplicate_of: Option<String>,
    /// The cleaned article: body, paragraphs, dropped lines with their reasons, metadata.
    #[schema(value_type = ArticleSchema)]
    pub article: serde_json::Value,
    /// Its sentences.
    pub sentences: Vec<StoredSentence>,
}

/// A stored article with its sentences.
#[utoipa::path(get, path = "/api/v1/articles/{id}",
    params(("id" = String, Path, description = "Article id")),
    responses(
        (status = 200, description = "The article", body = ArticleItem),
        (status = 404, description = "No such article", body = ErrorBody),
    ))]
async fn article(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ArticleItem>, ApiError> {
    check_id("id", &id)?;
    let page = state
        .read(move |store| {
            store
                .article(&id)?
                .ok_or_else(|| ApiError::not_found(format!("no article {id:?}")))
        })
        .await?;
    Ok(Json(ArticleItem {
        id: page.article.id.clone(),
        story: page.story,
        url: page.url,
        duplicate_of: page.duplicate_of,
        article: serde_json::to_value(&page.article)
            .map_err(|e| ApiError::internal(e.to_string()))?,
        sentences: page.sentences,
    }))
}

/// A search request.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words to find (all of them); FTS5 syntax (`"a phrase"`, `OR`, `NOT`, `prefix*`).
    pub q: Option<String>,
    /// Most hits, 1 to 200 (default 25).
    pub limit: Option<String>,
    /// `relevance` (BM25, the default) or `recent` (latest stored first: fast for common words).
    pub sort: Option<String>,
}

/// Search results.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SearchResults {
    /// The query.
    pub query: String,
    /// Hits, best first.
    pub hits: Vec<SearchHit>,
}

/// A checked search request.
pub struct SearchParams {
    /// The query.
    pub text: String,
    /// Most hits.
    pub limit: usize,
    /// Latest first instead of best first.
    pub recent: bool,
}

/// Checks a search request.
pub fn search_params(q: &SearchQuery) -> Result<SearchParams, ApiError> {
    let text = q.q.as_deref().map(str::trim).unwrap_or("");
    if text.is_empty() {
        return Err(ApiError::bad_request("q: give the words to search for"));
    }
    if text.len() > 1000 {
        return Err(ApiError::bad_request("q: longer than 1000 bytes"));
    }
    let limit = limit_param(&q.limit)?;
    let recent = match q.sort.as_deref().map(str::trim) {
        None | Some("") | Some("relevance") => false,
        Some("recent") => true,
        Some(s) => {
            return Err(ApiError::bad_request(format!(
                "sort: {s:?} is not relevance or recent"
            )));
        }
    };
    Ok(SearchParams {
        text: text.to_string(),
        limit,
        recent,
    })
}

/// Runs a search.
pub async fn run_search(state: &AppState, p: SearchParams) -> Result<SearchResults, ApiError> {
    let SearchParams {
        text,
        limit,
        recent,
    } = p;
    state
        .read(move |store| {
            let hits = store.search_sorted(&text, limit, recent)?;
            Ok(SearchResults { query: text, hits })
        })
        .await
}

/// Full-text search over the stored articles.
#[utoipa::path(get, path = "/api/v1/search", params(SearchQuery),
    responses(
        (status = 200, description = "Hits, best first", body = SearchResults),
        (status = 400, description = "No query, or one FTS5 cannot parse", body = ErrorBody),
    ))]
async fn search(
    State(state): State<AppState>,
    q: Result<Query<SearchQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<SearchResults>, ApiError> {
    let p = search_params(&query(q)?)?;
    Ok(Json(run_search(&state, p).await?))
}

/// What an ingest over HTTP did.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct IngestAnswer {
    /// Records read, articles added, near-duplicates, stories created and
    /// updated, digests written, skipped inputs by reason.
    pub account: Account,
    /// Where each added article went.
    pub placed: Vec<Placed>,
    /// The stories the added articles joined or created.
    pub stories: Vec<StoryItem>,
    /// Records skipped, each with the line it was on and why.
    pub skipped: Vec<Skipped>,
}

/// The request body as JSON lines: a JSON object (one line, whatever its
/// layout), an array of objects (a line each), or JSON lines as they are.
fn body_lines(body: &[u8]) -> Result<Vec<u8>, ApiError> {
    let text = std::str::from_utf8(body).map_err(|e| {
        ApiError::bad_request(format!("body: not UTF-8 (byte {})", e.valid_up_to()))
    })?;
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err(ApiError::bad_request(
            "body: empty; send a JSON article, an array of them, or JSON lines",
        ));
    }
    let one_line = |v: &serde_json::Value| serde_json::to_vec(v).unwrap_or_default();
    if trimmed.starts_with('[') {
        let items: Vec<serde_json::Value> = serde_json::from_str(trimmed).map_err(|e| {
            ApiError::bad_request(format!(
                "body: not a JSON array of articles (line {}, column {}: {e})",
                e.line(),
                e.column()
            ))
        })?;
        let mut out = Vec::new();
        for v in &items {
            out.extend(one_line(v));
            out.push(b'\n');
        }
        return Ok(out);
    }
    if !trimmed.starts_with('{') {
        return Err(ApiError::bad_request(
            "body: expected a JSON article ({\"text\": ...}), an array of them, or JSON lines",
        ));
    }
    // A whole object laid out over several lines is one article; anything
    // else is JSON lines, read (and reported) line by line.
    match serde_json::from_str::<serde_json::Value>(trimmed) {
        Ok(v) => {
            let mut out = one_line(&v);
            out.push(b'\n');
            Ok(out)
        }
        Err(_) => Ok(text.as_bytes().to_vec()),
    }
}

/// Collects what the ingest says.
struct Collect {
    skipped: Vec<Skipped>,
    placed: Vec<Placed>,
}

impl Observer for Collect {
    fn placed(&mut self, placed: &Placed) {
        self.placed.push(placed.clone());
    }

    fn skipped(&mut self, skip: &Skipped) {
        if self.skipped.len() < 1000 {
            self.skipped.push(skip.clone());
        }
    }
}

/// A stable name for a posted article without an id: its URL, else a hash
/// of its text, so that posting the same article twice finds it stored.
fn name_posted(raw: &mut storyline_core::ingest::RawDoc) {
    if raw.id.is_some() {
        return;
    }
    raw.path = match &raw.url {
        Some(u) => u.clone(),
        None => {
            let mut bytes = raw.title.as_deref().unwrap_or("").as_bytes().to_vec();
            bytes.push(0);
            bytes.extend_from_slice(raw.text.as_bytes());
            let h = storyline_core::dedup::minhash::fnv1a(&bytes);
            format!("request:{h:016x}")
        }
    };
}

/// Adds articles, through the same ingest as `storyline ingest`: a JSON
/// article (`{"text": ..., "title": ..., "date": ..., "source": ..., "url": ..., "id": ...}`,
/// or `"html"` instead of `"text"`), an array of them, or JSON lines.
#[utoipa::path(post, path = "/api/v1/articles",
    request_body(content = String, description = "A JSON article, an array of them, or JSON lines", content_type = "application/json"),
    responses(
        (status = 201, description = "Articles added: where each went, the stories they joined or created", body = IngestAnswer),
        (status = 400, description = "No usable article: the body or the record (by line) at fault", body = ErrorBody),
        (status = 409, description = "Every article is already stored", body = ErrorBody),
        (status = 413, description = "The body is over the limit", body = ErrorBody),
        (status = 503, description = "The server is read-only", body = ErrorBody),
    ))]
async fn post_articles(
    State(state): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<IngestAnswer>), ApiError> {
    if state.read_only() {
        return Err(ApiError::read_only());
    }
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::too_large(state.limits().body_bytes)
        } else {
            ApiError::bad_request(format!("body: {}", e.body_text()))
        }
    })?;
    let lines = body_lines(&body)?;
    let (account, placed, skipped) = state
        .write(move |store| {
            let opts = storyline_core::ingest::IngestOptions {
                format: Some(storyline_core::ingest::InputFormat::Jsonl),
                ..Default::default()
            };
            let records =
                storyline_core::ingest::read_reader("request", std::io::Cursor::new(lines), &opts)
                    .map(|r| {
                        (
                            "request".to_string(),
                            r.map(|mut raw| {
                                name_posted(&mut raw);
                                raw
                            }),
                        )
                    });
            let mut obs = Collect {
                skipped: Vec::new(),
                placed: Vec::new(),
            };
            let mut ingest = Ingest::new(store, &IngestConfig::default())?;
            ingest.run(records, &mut obs)?;
            let account = ingest.finish(&mut obs)?;
            Ok((account, obs.placed, obs.skipped))
        })
        .await?;
    answer(&state, account, placed, skipped).await
}

async fn answer(
    state: &AppState,
    account: Account,
    placed: Vec<Placed>,
    skipped: Vec<Skipped>,
) -> Result<(StatusCode, Json<IngestAnswer>), ApiError> {
    if account.added == 0 {
        if account.already_stored > 0 && skipped.is_empty() {
            return Err(ApiError::conflict(format!(
                "every article sent ({}) is already stored",
                account.already_stored
            )));
        }
        let why: Vec<String> = skipped.iter().take(5).map(|s| s.message.clone()).collect();
        return Err(ApiError::bad_request(if why.is_empty() {
            "body: no article in it".to_string()
        } else {
            format!("no article added: {}", why.join("; "))
        }));
    }
    let mut ids: Vec<String> = placed.iter().map(|p| p.story.clone()).collect();
    ids.sort();
    ids.dedup();
    let stories = state
        .read(move |store| {
            let mut out = Vec::with_capacity(ids.len());
            for id in ids {
                if let Some(r) = store.story(&id)? {
                    out.push(StoryItem::from(r));
                }
            }
            Ok(out)
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(IngestAnswer {
            account,
            placed,
            stories,
            skipped,
        }),
    ))
}

/// Liveness and the store's size.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Health {
    /// `ok`.
    pub status: String,
    /// Stored articles.
    pub articles: usize,
    /// Stored stories.
    pub stories: usize,
    /// Writes refused.
    pub read_only: bool,
}

/// Whether the server and its store answer.
#[utoipa::path(get, path = "/api/v1/healthz",
    responses((status = 200, description = "The server and its store answer", body = Health)))]
async fn healthz(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    let read_only = state.read_only();
    let (articles, stories) = state.read(|store| Ok(store.counts()?)).await?;
    Ok(Json(Health {
        status: "ok".into(),
        articles,
        stories,
        read_only,
    }))
}

async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        crate::openapi::openapi_json(),
    )
        .into_response()
}
