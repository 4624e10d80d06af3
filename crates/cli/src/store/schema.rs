//! The store's schema and its migrations, numbered by SQLite's
//! `user_version`: migration `i` takes a store from version `i` to `i + 1`.

use rusqlite::Connection;

/// Schema version this build writes.
pub const VERSION: i64 = 1;

const MIGRATIONS: &[&str] = &[
    // 0 → 1
    r#"
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    -- Every article read, in arrival order; duplicates name the article they copy.
    CREATE TABLE articles (
        seq          INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        story        TEXT NOT NULL,
        duplicate_of TEXT,
        similarity   REAL,
        source       TEXT,
        path         TEXT NOT NULL,
        url          TEXT,
        title        TEXT NOT NULL,
        published    TEXT,
        body         TEXT NOT NULL,
        json         TEXT NOT NULL
    );
    CREATE INDEX articles_story ON articles(story, seq);
    CREATE TABLE sentences (
        article   TEXT NOT NULL,
        idx       INTEGER NOT NULL,
        paragraph INTEGER NOT NULL,
        start     INTEGER NOT NULL,
        end       INTEGER NOT NULL,
        line      INTEGER NOT NULL,
        text      TEXT NOT NULL,
        PRIMARY KEY (article, idx)
    ) WITHOUT ROWID;
    CREATE TABLE stories (
        id        TEXT PRIMARY KEY,
        created   INTEGER NOT NULL,
        first     TEXT,
        last      TEXT,
        articles  INTEGER NOT NULL,
        carriers  INTEGER NOT NULL,
        key_terms TEXT NOT NULL,
        dirty     INTEGER NOT NULL
    );
    CREATE INDEX stories_dirty ON stories(dirty);
    CREATE TABLE digests (
        story TEXT PRIMARY KEY,
        json  TEXT NOT NULL
    );
    -- The stream's sliding window (dedup + clustering state), one row per
    -- clustered article still in it.
    CREATE TABLE window (
        seq     INTEGER PRIMARY KEY,
        article TEXT NOT NULL,
        entry   TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE article_fts USING fts5(
        title, body, content = 'articles', content_rowid = 'seq'
    );
    "#,
];

/// Brings a store to [`VERSION`], one migration per transaction.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<i64> {
    let mut version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > VERSION {
        return Err(rusqlite::Error::InvalidParameterName(format!(
            "store schema version {version} is newer than this build's ({VERSION})"
        )));
    }
    while version < VERSION {
        let tx = conn.transaction()?;
        tx.execute_batch(MIGRATIONS[version as usize])?;
        version += 1;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(version)
}
