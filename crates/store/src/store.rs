//! The SQLite store: articles, sentences, stories, digests, the stream's
//! window, and full-text search (FTS5).
//!
//! Every batch of an ingest is one transaction holding its articles, their
//! sentences, the story rows they touch (marked dirty) and the window
//! entries, so a store killed mid-ingest is the store of the last committed
//! batch, and a rerun skips what is there and restores the stream from the
//! window. Digests of dirty stories are rebuilt afterwards, each commit
//! clearing the flags of the digests it writes.

use crate::error::{Error, Result, json};
use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;
use storyline_core::digest::{DigestConfig, build_digest};
use storyline_core::model::{Article, Digest, Sentence};
use storyline_core::stream::{Placement, Stream, StreamConfig, StreamEntry, set_aside_reason};

/// An open store.
pub struct Store {
    conn: Connection,
}

/// One article to write, with where the stream put it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ArticleRow {
    /// The article.
    pub article: Article,
    /// Its URL, when the input gave one.
    pub url: Option<String>,
    /// Its sentences.
    pub sentences: Vec<Sentence>,
    /// Where it went.
    pub placement: Placement,
    /// The window entry (clustered articles).
    pub entry: Option<StreamEntry>,
}

/// A story as listed.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoryRow {
    /// Id.
    pub id: String,
    /// Articles (near-duplicates not counted).
    pub articles: usize,
    /// Near-duplicates (carriers) of its articles.
    pub carriers: usize,
    /// First publication date.
    pub first: Option<String>,
    /// Last publication date.
    pub last: Option<String>,
    /// Key terms.
    pub key_terms: Vec<String>,
    /// The digest's headline, or the first article's title.
    pub headline: String,
    /// A page kept alone for too little article text, or none (the stream's
    /// set-aside rule).
    pub set_aside: bool,
    /// Why it was set aside ("no body text left after cleaning", "too
    /// little article text (N words)").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set_aside_reason: Option<String>,
    /// Distinct outlets among its articles.
    pub outlets: usize,
    /// Its creation sequence number (where it sorts among stories of the same last date).
    #[serde(skip)]
    pub created: i64,
}

impl StoryRow {
    /// Its position in the listing, most recent first: a page after it
    /// starts at the next story.
    pub fn cursor(&self) -> StoryCursor {
        StoryCursor {
            last: self.last.clone().unwrap_or_default(),
            created: self.created,
        }
    }
}

/// The columns of a story as listed ([`story_row`] reads them), from
/// `stories s LEFT JOIN digests d`.
const STORY_COLUMNS: &str = "SELECT s.id, s.articles, s.carriers, s.first, s.last, s.key_terms,
        coalesce(json_extract(d.json, '$.headline'),
                 (SELECT title FROM articles a WHERE a.story = s.id ORDER BY seq LIMIT 1)),
        s.set_aside,
        (SELECT count(DISTINCT coalesce(source, path)) FROM articles a WHERE a.story = s.id AND a.duplicate_of IS NULL),
        s.created,
        s.set_aside_reason
     FROM stories s LEFT JOIN digests d ON d.story = s.id";

/// A row of [`STORY_COLUMNS`].
fn story_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoryRow> {
    Ok(StoryRow {
        id: r.get(0)?,
        articles: r.get::<_, i64>(1)? as usize,
        carriers: r.get::<_, i64>(2)? as usize,
        first: r.get(3)?,
        last: r.get(4)?,
        key_terms: serde_json::from_str(&r.get::<_, String>(5)?).unwrap_or_default(),
        headline: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
        set_aside: r.get(7)?,
        outlets: r.get::<_, i64>(8)? as usize,
        created: r.get(9)?,
        set_aside_reason: r.get(10)?,
    })
}

/// A position in the story listing (most recent first: by last date, then
/// by creation), for keyset pagination: the next page starts after it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryCursor {
    /// The story's last date (`""` when undated: undated stories sort last).
    pub last: String,
    /// The story's creation sequence number.
    pub created: i64,
}

impl StoryCursor {
    /// The cursor as an opaque token (`DATE.SEQ`).
    pub fn token(&self) -> String {
        format!("{}.{}", self.last, self.created)
    }

    /// Reads a token made by [`StoryCursor::token`].
    pub fn parse(token: &str) -> Option<StoryCursor> {
        let (last, created) = token.rsplit_once('.')?;
        let ok_date = last.is_empty()
            || (last.len() == 10 && last.bytes().all(|b| b.is_ascii_digit() || b == b'-'));
        if !ok_date {
            return None;
        }
        Some(StoryCursor {
            last: last.to_string(),
            created: created.parse().ok()?,
        })
    }
}

/// Which stories a listing shows.
#[derive(Debug, Clone, Default)]
pub struct StoryFilter {
    /// Stories whose last date is on or after this day (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Stories whose first date is on or before this day.
    pub to: Option<String>,
    /// Stories with an article from this outlet.
    pub outlet: Option<String>,
    /// Also pages set aside for too little article text.
    pub set_aside: bool,
}

/// A sentence of a stored article.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoredSentence {
    /// Index in the article (citations' `sentence`).
    pub idx: usize,
    /// Byte span in the cleaned body.
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
    /// Line in the original input.
    pub line: usize,
    /// The sentence.
    pub text: String,
}

/// A stored article with where it sits and its sentences.
#[derive(Debug, Clone)]
pub struct ArticlePage {
    /// The cleaned article (body, dropped lines with reasons, metadata).
    pub article: Article,
    /// Its story.
    pub story: String,
    /// The URL, when the input gave one.
    pub url: Option<String>,
    /// The article it is a near-duplicate of.
    pub duplicate_of: Option<String>,
    /// Its sentences, in order.
    pub sentences: Vec<StoredSentence>,
}

pub use storyline_core::model::ListedArticle;

/// A full-text search hit.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchHit {
    /// Article id.
    pub article: String,
    /// Its story.
    pub story: String,
    /// Headline.
    pub title: String,
    /// Matching text with the match in brackets.
    pub snippet: String,
}

impl Store {
    /// Opens (creating if needed) and migrates a store.
    pub fn open(path: &Path) -> Result<Store> {
        let open_err = |source| Error::Open {
            path: path.to_path_buf(),
            source,
        };
        let mut conn = Connection::open(path).map_err(open_err)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        crate::schema::migrate(&mut conn).map_err(Error::Migrate)?;
        Ok(Store { conn })
    }

    /// Opens an existing store (an error when the file does not exist).
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(Error::Missing(path.to_path_buf()));
        }
        Store::open(path)
    }

    fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// The stream settings saved by the first ingest, or `default` (then saved).
    pub fn stream_config(&self, default: StreamConfig) -> Result<StreamConfig> {
        if let Some(s) = self.meta("stream_config")? {
            return serde_json::from_str(&s).map_err(json("the stored stream settings"));
        }
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES ('stream_config', ?1)",
            [serde_json::to_string(&default).map_err(json("stream settings"))?],
        )?;
        Ok(default)
    }

    /// The digest word budget saved by the first ingest, or `default` (then saved).
    pub fn digest_words(&self, default: usize) -> Result<usize> {
        if let Some(s) = self.meta("digest_words")? {
            return Ok(s.parse().unwrap_or(default));
        }
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES ('digest_words', ?1)",
            [default.to_string()],
        )?;
        Ok(default)
    }

    /// Rebuilds the stream from the saved window.
    pub fn restore_stream(&self, cfg: StreamConfig) -> Result<Stream> {
        let mut stmt = self.conn.prepare("SELECT entry FROM window ORDER BY seq")?;
        let entries = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .map(|r| -> Result<StreamEntry> {
                serde_json::from_str(&r?).map_err(json("a window entry of the store"))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Stream::restore(cfg, entries))
    }

    /// Whether an article id is stored.
    pub fn has_article(&self, id: &str) -> Result<bool> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
        Ok(stmt.exists([id])?)
    }

    /// Writes a batch in one transaction: articles, sentences, full-text
    /// index, story rows (marked dirty, with their key terms), window
    /// entries, and drops window entries older than `oldest_seq`.
    pub fn write_batch(
        &mut self,
        rows: &[ArticleRow],
        key_terms: &dyn Fn(&str) -> Vec<String>,
        oldest_seq: u64,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut ins_article = tx.prepare_cached(
                "INSERT INTO articles(id, story, duplicate_of, similarity, source, path, url, title, published, body, json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?;
            let mut ins_fts = tx.prepare_cached(
                "INSERT INTO article_fts(rowid, title, body) VALUES (?1, ?2, ?3)",
            )?;
            let mut ins_sentence = tx.prepare_cached(
                "INSERT INTO sentences(article, idx, paragraph, start, end, line, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let mut ins_window =
                tx.prepare_cached("INSERT INTO window(seq, article, entry) VALUES (?1, ?2, ?3)")?;
            let mut new_story = tx.prepare_cached(
                "INSERT INTO stories(id, created, first, last, articles, carriers, key_terms, dirty, set_aside, set_aside_reason)
                 VALUES (?1, ?2, ?3, ?3, 0, 0, '[]', 1, ?4, ?5)
                 ON CONFLICT(id) DO NOTHING",
            )?;
            let mut upd_story = tx.prepare_cached(
                "UPDATE stories SET
                    articles = articles + ?2, carriers = carriers + ?3,
                    first = CASE WHEN ?4 IS NULL THEN first WHEN first IS NULL OR ?4 < first THEN ?4 ELSE first END,
                    last = CASE WHEN ?4 IS NULL THEN last WHEN last IS NULL OR ?4 > last THEN ?4 ELSE last END,
                    dirty = 1
                 WHERE id = ?1",
            )?;
            let mut touched: Vec<&str> = Vec::new();
            for r in rows {
                let a = &r.article;
                let story = r.placement.story();
                let (dup, sim) = match &r.placement {
                    Placement::Duplicate { of, similarity, .. } => {
                        (Some(of.as_str()), Some(*similarity))
                    }
                    Placement::Clustered { .. } | Placement::SetAside { .. } => (None, None),
                };
                let date = a.published.as_ref().map(|p| p.date.to_string());
                ins_article.execute(params![
                    a.id,
                    story,
                    dup,
                    sim,
                    a.source,
                    a.path,
                    r.url,
                    a.title,
                    a.published.as_ref().map(|p| p.iso()),
                    a.body,
                    serde_json::to_string(a).map_err(json("an article"))?,
                ])?;
                let seq = tx.last_insert_rowid();
                ins_fts.execute(params![seq, a.title, a.body])?;
                for (i, s) in r.sentences.iter().enumerate() {
                    ins_sentence.execute(params![
                        a.id,
                        i as i64,
                        s.paragraph as i64,
                        s.span.start as i64,
                        s.span.end as i64,
                        s.line as i64,
                        s.text
                    ])?;
                }
                let reason = match &r.placement {
                    Placement::SetAside { words, .. } => Some(set_aside_reason(a, *words)),
                    _ => None,
                };
                new_story.execute(params![story, seq, date, reason.is_some(), reason])?;
                let carrier = dup.is_some() as i64;
                upd_story.execute(params![story, 1 - carrier, carrier, date])?;
                if let Some(e) = &r.entry {
                    ins_window.execute(params![
                        e.cluster.seq as i64,
                        e.article,
                        serde_json::to_string(e).map_err(json("a window entry"))?
                    ])?;
                }
                if !touched.contains(&story) {
                    touched.push(story);
                }
            }
            let mut set_terms =
                tx.prepare_cached("UPDATE stories SET key_terms = ?2 WHERE id = ?1")?;
            for s in touched {
                let terms = key_terms(s);
                if !terms.is_empty() {
                    set_terms.execute(params![
                        s,
                        serde_json::to_string(&terms).map_err(json("key terms"))?
                    ])?;
                }
            }
            tx.execute("DELETE FROM window WHERE seq < ?1", [oldest_seq as i64])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Ids of stories whose digest is out of date, oldest first.
    pub fn dirty_stories(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM stories WHERE dirty = 1 ORDER BY created")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(ids)
    }

    /// The articles of a story (carriers included), in arrival order.
    pub fn story_articles(&self, story: &str) -> Result<Vec<Article>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT json FROM articles WHERE story = ?1 ORDER BY seq")?;
        let rows = stmt
            .query_map([story], |r| r.get::<_, String>(0))?
            .map(|j| -> Result<Article> {
                serde_json::from_str(&j?).map_err(json("a stored article"))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Writes digests and marks their stories clean, in one transaction.
    pub fn put_digests(&mut self, digests: &[(String, Digest)]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut put = tx.prepare_cached(
                "INSERT INTO digests(story, json) VALUES (?1, ?2)
                 ON CONFLICT(story) DO UPDATE SET json = excluded.json",
            )?;
            let mut clean = tx.prepare_cached("UPDATE stories SET dirty = 0 WHERE id = ?1")?;
            for (id, d) in digests {
                put.execute(params![
                    id,
                    serde_json::to_string(d).map_err(json("a digest"))?
                ])?;
                clean.execute([id])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Marks a story's digest as impossible (no body text) and clean.
    pub fn mark_clean(&mut self, story: &str) -> Result<()> {
        self.conn
            .execute("UPDATE stories SET dirty = 0 WHERE id = ?1", [story])?;
        Ok(())
    }

    /// Starts a read transaction: every read until [`Store::end_read`] sees
    /// the store as it was at the first one, whatever an ingest running at
    /// the same time commits.
    pub fn begin_read(&self) -> Result<()> {
        self.conn.execute_batch("BEGIN DEFERRED")?;
        Ok(())
    }

    /// Ends the read transaction of [`Store::begin_read`].
    pub fn end_read(&self) -> Result<()> {
        self.conn.execute_batch("COMMIT")?;
        Ok(())
    }

    /// A story's stored digest.
    pub fn digest(&self, story: &str) -> Result<Option<Digest>> {
        let text: Option<String> = self
            .conn
            .query_row("SELECT json FROM digests WHERE story = ?1", [story], |r| {
                r.get(0)
            })
            .optional()?;
        text.map(|j| serde_json::from_str(&j).map_err(json("a stored digest")))
            .transpose()
    }

    /// A story's digest: the stored one, or (when an interrupted ingest did
    /// not write it yet, or left the story dirty: articles added after its
    /// digest) built now from the stored articles, with the store's word
    /// budget. The flag says whether it was built now. `None`: no article
    /// of the story has body text (a record set aside with nothing left
    /// after cleaning), so there is nothing to digest.
    pub fn digest_or_build(&self, story: &str) -> Result<Option<(Digest, bool)>> {
        if let Some(j) = self.digest_json(story)? {
            let d = serde_json::from_str(&j).map_err(json("a stored digest"))?;
            return Ok(Some((d, false)));
        }
        let cfg = DigestConfig {
            words: self.digest_words(DigestConfig::default().words)?,
            ..DigestConfig::default()
        };
        match build_digest(self.story_articles(story)?, &cfg) {
            Ok(digest) => Ok(Some((digest, true))),
            Err(storyline_core::Error::NoArticles) => Ok(None),
            Err(source) => Err(Error::Digest {
                story: story.to_string(),
                source,
            }),
        }
    }

    /// Story ids starting with a prefix (for `show` with a short id).
    pub fn stories_with_prefix(&self, prefix: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT id FROM stories WHERE substr(id, 1, length(?1)) = ?1 ORDER BY id LIMIT 10",
        )?;
        let ids = stmt
            .query_map([prefix], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(ids)
    }

    /// Stories, most recent first (by last date, then by creation); pages
    /// set aside for too little article text only when `set_aside` is true.
    pub fn stories(&self, limit: usize, set_aside: bool) -> Result<Vec<StoryRow>> {
        let filter = StoryFilter {
            set_aside,
            ..StoryFilter::default()
        };
        self.stories_page(&filter, None, limit)
    }

    /// One page of the story listing, most recent first, after `after`
    /// (keyset pagination over the `stories_recent` index: a deep page costs
    /// what the first does).
    pub fn stories_page(
        &self,
        filter: &StoryFilter,
        after: Option<&StoryCursor>,
        limit: usize,
    ) -> Result<Vec<StoryRow>> {
        // The SQL holds only the conditions asked for, so that SQLite seeks
        // the `stories_recent` index to the cursor instead of scanning to it.
        let mut sql = format!("{STORY_COLUMNS} WHERE 1");
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let mut arg = |sql: &mut String, cond: &str, v: rusqlite::types::Value| {
            args.push(v);
            sql.push_str(&cond.replace('?', &format!("?{}", args.len())));
        };
        if !filter.set_aside {
            sql.push_str(" AND s.set_aside = 0");
        }
        if let Some(from) = &filter.from {
            arg(&mut sql, " AND s.last >= ?", from.clone().into());
        }
        if let Some(to) = &filter.to {
            arg(&mut sql, " AND s.first <= ?", to.clone().into());
        }
        if let Some(outlet) = &filter.outlet {
            // `+a.source`: look the story's few articles up by story, not
            // every article of the outlet.
            arg(
                &mut sql,
                " AND EXISTS (SELECT 1 FROM articles a WHERE a.story = s.id AND +a.source = ?)",
                outlet.clone().into(),
            );
        }
        if let Some(c) = after {
            // Written as a range on the index's first column and a filter
            // (SQLite does not seek expression indexes on row values).
            arg(
                &mut sql,
                " AND ifnull(s.last, '') <= ?",
                c.last.clone().into(),
            );
            arg(
                &mut sql,
                " AND (ifnull(s.last, '') < ?",
                c.last.clone().into(),
            );
            arg(&mut sql, " OR s.created < ?)", c.created.into());
        }
        arg(
            &mut sql,
            " ORDER BY ifnull(s.last, '') DESC, s.created DESC LIMIT ?",
            i64::try_from(limit).unwrap_or(i64::MAX).into(),
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), story_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// One story as listed, by id.
    pub fn story(&self, id: &str) -> Result<Option<StoryRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{STORY_COLUMNS} WHERE s.id = ?1"))?;
        Ok(stmt.query_row([id], story_row).optional()?)
    }

    /// A story's stored digest as the JSON text stored (no parse), when the
    /// story is clean; `None` when there is none or it is out of date.
    pub fn digest_json(&self, story: &str) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.json FROM digests d JOIN stories s ON s.id = d.story
             WHERE d.story = ?1 AND s.dirty = 0",
        )?;
        Ok(stmt.query_row([story], |r| r.get(0)).optional()?)
    }

    /// The outlets of the store, most articles first.
    pub fn outlets(&self, limit: usize) -> Result<Vec<(String, usize)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT source, count(*) AS n FROM articles WHERE source IS NOT NULL
             GROUP BY source ORDER BY n DESC, source LIMIT ?1",
        )?;
        let rows = stmt
            .query_map([limit as i64], |r| {
                Ok((r.get(0)?, r.get::<_, i64>(1)? as usize))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Counts of articles and stories.
    pub fn counts(&self) -> Result<(usize, usize)> {
        let a: i64 = self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
        let s: i64 = self
            .conn
            .query_row("SELECT count(*) FROM stories", [], |r| r.get(0))?;
        Ok((a as usize, s as usize))
    }

    /// One sentence of a stored article.
    pub fn sentence(&self, article: &str, idx: usize) -> Result<Option<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT text FROM sentences WHERE article = ?1 AND idx = ?2")?;
        Ok(stmt
            .query_row(params![article, idx as i64], |r| r.get(0))
            .optional()?)
    }

    /// A stored article with its story and sentences.
    pub fn article(&self, id: &str) -> Result<Option<ArticlePage>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT json, story, url, duplicate_of FROM articles WHERE id = ?1")?;
        let row: Option<(String, String, Option<String>, Option<String>)> = stmt
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?;
        let Some((json_text, story, url, duplicate_of)) = row else {
            return Ok(None);
        };
        let article: Article =
            serde_json::from_str(&json_text).map_err(json("a stored article"))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT idx, start, end, line, text FROM sentences WHERE article = ?1 ORDER BY idx",
        )?;
        let sentences = stmt
            .query_map([id], |r| {
                Ok(StoredSentence {
                    idx: r.get::<_, i64>(0)? as usize,
                    start: r.get::<_, i64>(1)? as usize,
                    end: r.get::<_, i64>(2)? as usize,
                    line: r.get::<_, i64>(3)? as usize,
                    text: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Some(ArticlePage {
            article,
            story,
            url,
            duplicate_of,
            sentences,
        }))
    }

    /// How many stories are pages set aside for too little article text.
    pub fn set_aside_count(&self) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM stories WHERE set_aside = 1",
            [],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }

    /// The articles of a story as listed (ids, URLs, sources), in arrival order.
    pub fn listed_articles(&self, story: &str) -> Result<Vec<ListedArticle>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, source, url, path, published, duplicate_of FROM articles WHERE story = ?1 ORDER BY seq",
        )?;
        let rows = stmt
            .query_map([story], |r| {
                Ok(ListedArticle {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    source: r.get(2)?,
                    url: r.get(3)?,
                    path: r.get(4)?,
                    published: r.get(5)?,
                    duplicate_of: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Full-text search over titles and bodies (FTS5 query syntax; plain
    /// words are ANDed), best first (BM25).
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.search_sorted(query, limit, false)
    }

    /// Full-text search, best first, or latest stored first when `recent`
    /// (no ranking of every match: a common word's thousands of matches
    /// cost what its first page does).
    pub fn search_sorted(&self, query: &str, limit: usize, recent: bool) -> Result<Vec<SearchHit>> {
        let order = if recent {
            "article_fts.rowid DESC"
        } else {
            "rank"
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT a.id, a.story, a.title, snippet(article_fts, 1, '[', ']', '…', 12)
             FROM article_fts JOIN articles a ON a.seq = article_fts.rowid
             WHERE article_fts MATCH ?1 ORDER BY {order} LIMIT ?2"
        ))?;
        let bad = |source| Error::BadQuery {
            query: query.to_string(),
            source,
        };
        let rows = stmt
            .query_map(params![query, limit as i64], |r| {
                Ok(SearchHit {
                    article: r.get(0)?,
                    story: r.get(1)?,
                    title: r.get(2)?,
                    snippet: r.get(3)?,
                })
            })
            .map_err(bad)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|source| Error::BadQuery {
                query: query.to_string(),
                source,
            })?;
        Ok(rows)
    }
}
