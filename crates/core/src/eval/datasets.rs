//! Loaders for the evaluation data sets: multi-document summarization clusters
//! in JSON Lines, plain or gzip-compressed, read as a stream.
//!
//! One cluster per line:
//!
//! ```json
//! {"documents": ["text", {"text": "...", "title": "...", "date": "2020-01-10",
//!   "source": "...", "id": "..."}], "summary": "reference"}
//! ```
//!
//! A document's text may also be a list of paragraphs or sentences
//! (`["First.", "Second."]`, alone or as `text`), read one per line.
//!
//! `summaries` (a list of reference strings) may stand in place of `summary`;
//! both may be present (all are kept). Other fields (`idx`, `split`, votes)
//! are ignored, except `idx` or `id`, kept as the cluster's id.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// One source document of a cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ClusterDoc {
    /// The article text (paragraphs separated by line breaks).
    pub text: String,
    /// Headline, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publication date as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Outlet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The document's own id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// A cluster of documents with its reference summaries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct EvalCluster {
    /// The cluster's id (`idx` or `id` of the record), or its line number.
    pub id: String,
    /// The source documents.
    pub documents: Vec<ClusterDoc>,
    /// The reference summaries.
    pub summaries: Vec<String>,
}

/// A text as a string, or as a list of paragraphs or sentences (as some
/// data sets ship documents), one per line once joined.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawText {
    Whole(String),
    Lines(Vec<String>),
}

impl RawText {
    fn into_text(self) -> String {
        match self {
            RawText::Whole(s) => s,
            RawText::Lines(lines) => lines.join("\n"),
        }
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawDoc {
    Text(RawText),
    Object {
        text: RawText,
        #[serde(default)]
        title: Option<String>,
        #[serde(default)]
        date: Option<serde_json::Value>,
        #[serde(default)]
        source: Option<String>,
        #[serde(default)]
        id: Option<serde_json::Value>,
    },
}

#[derive(Deserialize)]
struct RawCluster {
    documents: Vec<RawDoc>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    summaries: Option<Vec<String>>,
    #[serde(default)]
    idx: Option<serde_json::Value>,
    #[serde(default)]
    id: Option<serde_json::Value>,
}

fn value_text(v: serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s),
        other => Some(other.to_string()),
    }
}

/// Parses one JSON line into a cluster. `line_no` is 1-based, for messages
/// and as the id of records without one.
pub fn parse_cluster(line: &str, path: &str, line_no: usize) -> Result<EvalCluster> {
    let bad = |reason: String| Error::BadRecord {
        path: path.to_string(),
        line: line_no,
        reason,
    };
    let raw: RawCluster = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
    let mut summaries = Vec::new();
    summaries.extend(raw.summary);
    summaries.extend(raw.summaries.unwrap_or_default());
    if summaries.is_empty() {
        return Err(bad("no `summary` or `summaries`".into()));
    }
    let documents = raw
        .documents
        .into_iter()
        .map(|d| match d {
            RawDoc::Text(text) => ClusterDoc {
                text: text.into_text(),
                ..ClusterDoc::default()
            },
            RawDoc::Object {
                text,
                title,
                date,
                source,
                id,
            } => ClusterDoc {
                text: text.into_text(),
                title,
                date: date.and_then(value_text),
                source,
                id: id.and_then(value_text),
            },
        })
        .collect();
    let id = raw
        .idx
        .and_then(value_text)
        .or_else(|| raw.id.and_then(value_text))
        .unwrap_or_else(|| line_no.to_string());
    Ok(EvalCluster {
        id,
        documents,
        summaries,
    })
}

/// A streaming reader of clusters, one per non-blank line.
pub struct ClusterReader {
    path: PathBuf,
    lines: std::io::Lines<BufReader<Box<dyn Read + Send>>>,
    line_no: usize,
}

impl ClusterReader {
    /// Opens `path`; gzip input (by its magic bytes) is decompressed on the fly.
    pub fn open(path: &Path) -> Result<Self> {
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut file = BufReader::new(File::open(path).map_err(io)?);
        let gz = file.fill_buf().map_err(io)?.starts_with(&[0x1f, 0x8b]);
        let inner: Box<dyn Read + Send> = if gz {
            Box::new(flate2::bufread::MultiGzDecoder::new(file))
        } else {
            Box::new(file)
        };
        Ok(Self::from_reader(path, inner))
    }

    /// Reads clusters from any reader (already decompressed).
    pub fn from_reader(path: &Path, reader: Box<dyn Read + Send>) -> Self {
        ClusterReader {
            path: path.to_path_buf(),
            lines: BufReader::with_capacity(1 << 16, reader).lines(),
            line_no: 0,
        }
    }
}

impl Iterator for ClusterReader {
    type Item = Result<EvalCluster>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let line = match self.lines.next()? {
                Ok(l) => l,
                Err(source) => {
                    return Some(Err(Error::Io {
                        path: self.path.clone(),
                        source,
                    }));
                }
            };
            self.line_no += 1;
            if line.trim().is_empty() {
                continue;
            }
            return Some(parse_cluster(
                &line,
                &self.path.display().to_string(),
                self.line_no,
            ));
        }
    }
}

/// Larger clusters for speed benchmarks, the size of a newswire benchmark
/// cluster: `count` clusters of ten articles of about 500 words each,
/// each article joined from consecutive documents of `clusters`. Fewer or
/// shorter when the documents run out; their references are empty.
pub fn joined_clusters(clusters: &[EvalCluster], count: usize) -> Vec<EvalCluster> {
    let docs: Vec<&ClusterDoc> = clusters.iter().flat_map(|c| &c.documents).collect();
    let mut out = Vec::new();
    let mut it = docs.iter();
    for k in 0..count {
        let mut articles = Vec::new();
        for _ in 0..10 {
            let (mut text, mut words) = (String::new(), 0);
            while words < 500 {
                let Some(d) = it.next() else { break };
                words += d.text.split_whitespace().count();
                text.push_str(&d.text);
                text.push('\n');
            }
            if !text.is_empty() {
                articles.push(ClusterDoc {
                    text,
                    ..ClusterDoc::default()
                });
            }
        }
        if articles.is_empty() {
            break;
        }
        out.push(EvalCluster {
            id: format!("joined-{k}"),
            documents: articles,
            summaries: vec![String::new()],
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Write;

    #[test]
    fn strings_objects_and_several_summaries() {
        let line = r#"{"idx": 7, "documents": ["plain text", {"text": "body", "title": "T", "date": "2020-01-10", "id": 3}], "summaries": ["one", "two"]}"#;
        let c = parse_cluster(line, "x", 1).unwrap();
        assert_eq!(c.id, "7");
        assert_eq!(c.documents.len(), 2);
        assert_eq!(c.documents[0].text, "plain text");
        assert_eq!(c.documents[1].title.as_deref(), Some("T"));
        assert_eq!(c.documents[1].id.as_deref(), Some("3"));
        assert_eq!(c.summaries, vec!["one", "two"]);
    }

    #[test]
    fn documents_given_as_lists_of_sentences_are_read_one_per_line() {
        let line = r#"{"documents": [["First sentence.", "Second one."], {"text": ["A.", "B."], "title": "T"}], "summary": "s"}"#;
        let c = parse_cluster(line, "x", 1).unwrap();
        assert_eq!(c.documents[0].text, "First sentence.\nSecond one.");
        assert_eq!(c.documents[1].text, "A.\nB.");
        assert_eq!(c.documents[1].title.as_deref(), Some("T"));
        // Anything else in a list is a clear error naming the line.
        let err =
            parse_cluster(r#"{"documents": [[1, 2]], "summary": "s"}"#, "f.jsonl", 9).unwrap_err();
        assert!(err.to_string().contains("f.jsonl:9"), "{err}");
    }

    #[test]
    fn missing_summary_is_an_error_with_its_line() {
        let err = parse_cluster(r#"{"documents": ["a"]}"#, "f.jsonl", 4).unwrap_err();
        assert!(err.to_string().contains("f.jsonl:4"), "{err}");
        assert!(parse_cluster("not json", "f", 1).is_err());
        assert!(parse_cluster(r#"{"documents": [1], "summary": "s"}"#, "f", 1).is_err());
    }

    #[test]
    fn reads_plain_and_gzip_files_skipping_blank_lines() {
        let dir = tempfile::tempdir().unwrap();
        let body = "{\"documents\": [\"a\"], \"summary\": \"s1\"}\n\n{\"documents\": [\"b\"], \"summary\": \"s2\"}\n";
        let plain = dir.path().join("c.jsonl");
        std::fs::write(&plain, body).unwrap();
        let gz = dir.path().join("c.jsonl.gz");
        let mut enc =
            flate2::write::GzEncoder::new(File::create(&gz).unwrap(), flate2::Compression::fast());
        enc.write_all(body.as_bytes()).unwrap();
        enc.finish().unwrap();
        for p in [plain, gz] {
            let got: Vec<EvalCluster> = ClusterReader::open(&p)
                .unwrap()
                .collect::<Result<_>>()
                .unwrap();
            assert_eq!(got.len(), 2);
            assert_eq!(got[1].summaries, vec!["s2"]);
            assert_eq!(got[1].id, "3", "line number as id");
        }
    }

    proptest! {
        #[test]
        fn parser_never_panics(s in ".{0,200}") {
            let _ = parse_cluster(&s, "p", 1);
        }

        #[test]
        fn parser_keeps_texts(docs in prop::collection::vec(".{0,40}", 0..5), summary in ".{0,40}") {
            let v = serde_json::json!({"documents": docs, "summary": summary});
            let c = parse_cluster(&v.to_string(), "p", 1).unwrap();
            prop_assert_eq!(c.documents.iter().map(|d| d.text.clone()).collect::<Vec<_>>(), docs);
            prop_assert_eq!(c.summaries, vec![summary]);
        }
    }
}
