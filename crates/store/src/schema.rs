//! The store's schema and its migrations, numbered by SQLite's
//! `user_version`: migration `i` takes a store from version `i` to `i + 1`.

use rusqlite::Connection;

/// Schema version this build writes.
pub const VERSION: i64 = 4;

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
    // 1 → 2: stories made of one page with too little article text (the
    // stream's set-aside rule) are flagged, so listings can leave them out.
    // Stores written before this cannot tell them apart: they stay 0.
    r#"
    ALTER TABLE stories ADD COLUMN set_aside INTEGER NOT NULL DEFAULT 0;
    "#,
    // 2 → 3: indexes for the server's listings: stories most recent first
    // (keyset pagination: undated stories sort last) and the outlets.
    r#"
    CREATE INDEX stories_recent ON stories(ifnull(last, ''), created);
    CREATE INDEX articles_source ON articles(source);
    "#,
    // 3 → 4: why a story was set aside. Records with no body text left after
    // cleaning are now stored as set-aside stories too (they were skipped);
    // every set-aside story written before was one of too little text.
    // Stream settings saved before dates counted as evidence (no
    // `time_boost`) hold `time_scale_days` in its old meaning (the penalty's
    // scale, 3): such a store goes on with today's settings for both.
    r#"
    ALTER TABLE stories ADD COLUMN set_aside_reason TEXT;
    UPDATE stories SET set_aside_reason = 'too little article text' WHERE set_aside = 1;
    UPDATE meta SET value = json_set(value, '$.cluster.time_scale_days', 2.0, '$.cluster.time_boost', 1.0)
     WHERE key = 'stream_config' AND json_type(value, '$.cluster.time_boost') IS NULL;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_1_store_gains_the_set_aside_flag_and_keeps_its_stories() {
        let mut conn = Connection::open_in_memory().expect("open");
        conn.execute_batch(MIGRATIONS[0]).expect("v1 schema");
        conn.pragma_update(None, "user_version", 1)
            .expect("version");
        conn.execute(
            "INSERT INTO stories(id, created, first, last, articles, carriers, key_terms, dirty)
             VALUES ('s1', 1, NULL, NULL, 2, 0, '[]', 0)",
            [],
        )
        .expect("insert");
        assert_eq!(migrate(&mut conn).expect("migrate"), VERSION);
        let (articles, aside): (i64, i64) = conn
            .query_row(
                "SELECT articles, set_aside FROM stories WHERE id = 's1'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("row");
        assert_eq!((articles, aside), (2, 0));
        // A newer store than this build is refused, not rewritten.
        conn.pragma_update(None, "user_version", VERSION + 1)
            .expect("version");
        assert!(migrate(&mut conn).is_err());
    }

    #[test]
    fn a_version_3_store_names_why_stories_were_set_aside_and_takes_todays_time_settings() {
        let mut conn = Connection::open_in_memory().expect("open");
        for m in &MIGRATIONS[..3] {
            conn.execute_batch(m).expect("old schema");
        }
        conn.pragma_update(None, "user_version", 3)
            .expect("version");
        conn.execute_batch(
            "INSERT INTO stories(id, created, articles, carriers, key_terms, dirty, set_aside)
             VALUES ('short', 1, 1, 0, '[]', 0, 1), ('news', 2, 3, 0, '[]', 0, 0)",
        )
        .expect("insert");
        // Settings saved before `time_boost` existed, with the old scale.
        let mut old = serde_json::to_value(storyline_core::stream::StreamConfig::default())
            .expect("settings");
        let cluster = old["cluster"].as_object_mut().expect("cluster");
        cluster.remove("time_boost");
        cluster.insert("time_scale_days".into(), 3.0.into());
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('stream_config', ?1)",
            [old.to_string()],
        )
        .expect("settings");
        assert_eq!(migrate(&mut conn).expect("migrate"), VERSION);
        let reasons: Vec<(String, Option<String>)> = conn
            .prepare("SELECT id, set_aside_reason FROM stories ORDER BY created")
            .expect("query")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("read");
        assert_eq!(
            reasons,
            [
                (
                    "short".to_string(),
                    Some("too little article text".to_string())
                ),
                ("news".to_string(), None)
            ]
        );
        let saved: String = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'stream_config'",
                [],
                |r| r.get(0),
            )
            .expect("settings");
        let saved: storyline_core::stream::StreamConfig =
            serde_json::from_str(&saved).expect("loads");
        assert_eq!(saved, storyline_core::stream::StreamConfig::default());
    }
}
