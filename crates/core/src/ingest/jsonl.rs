//! JSONL (newline-delimited JSON) records, one article per line.

use super::lines::{Line, read_line_capped};
use super::meta::parse_date;
use super::{Extractor, InputFormat, RawDoc, decode_bytes, html::html_doc};
use crate::model::DateSource;
use crate::{Error, Result};
use serde_json::{Map, Value};
use std::io::BufRead;

/// The field names a JSONL record's parts are read from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct JsonlFields {
    /// The record's own id (string or number), kept as the article id.
    pub id: String,
    /// The headline.
    pub title: String,
    /// The article text (paragraphs separated by newlines).
    pub text: String,
    /// The article's URL.
    pub url: String,
    /// The publication date (ISO 8601 and the other forms of
    /// [`super::meta::parse_date`], or a Unix timestamp).
    pub date: String,
    /// The outlet.
    pub source: String,
    /// The language tag.
    pub language: String,
    /// Raw HTML, extracted like an HTML page when there is no text field.
    pub html: String,
}

impl Default for JsonlFields {
    fn default() -> Self {
        JsonlFields {
            id: "id".into(),
            title: "title".into(),
            text: "text".into(),
            url: "url".into(),
            date: "date".into(),
            source: "source".into(),
            language: "language".into(),
            html: "html".into(),
        }
    }
}

impl JsonlFields {
    /// Applies overrides written as `part=field` pairs separated by commas
    /// (`text=body,id=doc_id`), as a command-line flag gives them. Parts:
    /// id, title, text, url, date, source, language, html.
    pub fn with_overrides(mut self, spec: &str) -> std::result::Result<Self, String> {
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (part, field) = pair
                .split_once('=')
                .ok_or_else(|| format!("expected part=field, got {pair:?}"))?;
            let field = field.trim().to_string();
            if field.is_empty() {
                return Err(format!("empty field name for {part:?}"));
            }
            let slot = match part.trim() {
                "id" => &mut self.id,
                "title" => &mut self.title,
                "text" => &mut self.text,
                "url" => &mut self.url,
                "date" => &mut self.date,
                "source" => &mut self.source,
                "language" => &mut self.language,
                "html" => &mut self.html,
                other => {
                    return Err(format!(
                        "unknown part {other:?} (expected id, title, text, url, date, source, language or html)"
                    ));
                }
            };
            *slot = field;
        }
        Ok(self)
    }
}

/// Streams the records of a JSONL input: one `Ok` per usable line, one
/// `Err` naming `name:line` per bad one (invalid JSON, not an object, no
/// text, over `max_bytes`); blank lines are skipped. A read error (a
/// truncated gzip stream, say) is reported once and ends the input.
pub struct JsonlReader<R> {
    reader: R,
    name: String,
    fields: JsonlFields,
    extractor: Extractor,
    max_bytes: usize,
    line_no: usize,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> JsonlReader<R> {
    /// A reader over `reader`; `name` names the input in paths and errors.
    pub fn new(
        reader: R,
        name: impl Into<String>,
        fields: JsonlFields,
        extractor: Extractor,
        max_bytes: usize,
    ) -> Self {
        JsonlReader {
            reader,
            name: name.into(),
            fields,
            extractor,
            max_bytes,
            line_no: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    fn bad(&self, reason: impl Into<String>) -> Error {
        Error::BadRecord {
            path: self.name.clone(),
            line: self.line_no,
            reason: reason.into(),
        }
    }

    fn record(&self) -> Result<RawDoc> {
        let (value, decoded_as) = match serde_json::from_slice::<Value>(&self.buf) {
            Ok(v) => (v, None),
            Err(e) if std::str::from_utf8(&self.buf).is_err() => {
                // Not UTF-8: decode the line as the bytes suggest and retry,
                // so a Latin-1 export still reads.
                let d = decode_bytes(&self.buf).map_err(|d| self.bad(d.to_string()))?;
                let v = serde_json::from_str::<Value>(&d.text)
                    .map_err(|_| self.bad(format!("invalid JSON: {e}")))?;
                (v, d.how)
            }
            Err(e) => return Err(self.bad(format!("invalid JSON: {e}"))),
        };
        let Value::Object(obj) = value else {
            return Err(self.bad("not a JSON object"));
        };
        self.doc_from(&obj, decoded_as)
    }

    fn doc_from(&self, obj: &Map<String, Value>, decoded_as: Option<String>) -> Result<RawDoc> {
        let f = &self.fields;
        let string = |key: &str| -> Option<String> {
            match obj.get(key)? {
                Value::String(s) => {
                    let t = s.trim();
                    (!t.is_empty()).then(|| t.to_string())
                }
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            }
        };
        let path = format!("{}:{}", self.name, self.line_no);
        let url = string(&f.url);
        let text = obj
            .get(&f.text)
            .and_then(|v| match v {
                Value::String(s) => Some(s.clone()),
                // A list of paragraphs.
                Value::Array(a) => Some(
                    a.iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join("\n\n"),
                ),
                _ => None,
            })
            .filter(|t| !t.trim().is_empty());
        let mut doc = match (text, obj.get(&f.html).and_then(Value::as_str)) {
            (Some(text), _) => RawDoc {
                format: InputFormat::Jsonl,
                ..RawDoc::text(path, text)
            },
            (None, Some(html)) => {
                let mut d = html_doc(&path, html.as_bytes(), url.as_deref(), None, self.extractor)?;
                d.format = InputFormat::Jsonl;
                d
            }
            (None, None) => {
                return Err(self.bad(format!(
                    "no text: the record has no non-empty {:?} field",
                    f.text
                )));
            }
        };
        doc.id = string(&f.id);
        doc.title = string(&f.title).or(doc.title);
        doc.source = string(&f.source)
            .or(doc.source)
            .or_else(|| url.as_deref().and_then(super::meta::host_of));
        doc.language = string(&f.language).or(doc.language);
        if let Some(p) = string(&f.date).and_then(|d| parse_date(&d, DateSource::Metadata)) {
            doc.published = Some(p);
        }
        doc.url = url.or(doc.url);
        doc.decoded_as = decoded_as.or(doc.decoded_as);
        Ok(doc)
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<RawDoc>;

    fn next(&mut self) -> Option<Result<RawDoc>> {
        while !self.done {
            self.line_no += 1;
            match read_line_capped(&mut self.reader, &mut self.buf, self.max_bytes) {
                Ok(None) => self.done = true,
                Ok(Some(Line::TooLong)) => {
                    return Some(Err(Error::TooLarge {
                        path: format!("{}:{}", self.name, self.line_no),
                        limit: self.max_bytes,
                    }));
                }
                Ok(Some(Line::Fits)) => {
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(self.record());
                }
                Err(e) if super::gz::is_skipped_member(&e) => {
                    // The stream goes on with the next gzip member.
                    return Some(Err(self.bad(e.to_string())));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(
                        self.bad(format!("read failed, rest of the input skipped: {e}"))
                    ));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(data: &[u8], max: usize) -> Vec<Result<RawDoc>> {
        JsonlReader::new(
            data,
            "in.jsonl",
            JsonlFields::default(),
            Extractor::default(),
            max,
        )
        .collect()
    }

    #[test]
    fn records_are_read_with_their_fields() {
        let data = br#"{"id":"a1","title":"Storm","text":"Wind.\nRain.","url":"https://news.example/a","date":"2020-01-10T17:36:00Z","source":"Example"}

{"id": 7, "text": ["One.", "Two."]}
"#;
        let docs: Vec<RawDoc> = read(data, 1 << 20)
            .into_iter()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(docs.len(), 2);
        let a = &docs[0];
        assert_eq!(a.id.as_deref(), Some("a1"));
        assert_eq!(a.path, "in.jsonl:1");
        assert_eq!(a.title.as_deref(), Some("Storm"));
        assert_eq!(a.text, "Wind.\nRain.");
        assert_eq!(a.source.as_deref(), Some("Example"));
        assert_eq!(a.url.as_deref(), Some("https://news.example/a"));
        assert_eq!(a.published.as_ref().unwrap().iso(), "2020-01-10T17:36");
        assert_eq!(a.format, InputFormat::Jsonl);
        assert_eq!(docs[1].id.as_deref(), Some("7"));
        assert_eq!(docs[1].path, "in.jsonl:3");
        assert_eq!(docs[1].text, "One.\n\nTwo.");
    }

    #[test]
    fn bad_lines_are_errors_naming_the_line_and_the_rest_is_read() {
        let mut data =
            b"{\"text\":\"ok one\"}\n{not json\n[1,2]\n{\"title\":\"no text\"}\n".to_vec();
        data.extend_from_slice(b"{\"text\":\"");
        data.extend(std::iter::repeat_n(b'a', 5000));
        data.extend_from_slice(b"\"}\n{\"text\":\"caf\xe9 au lait\"}\n{\"text\":\"ok two\"}\n");
        let out = read(&data, 1000);
        assert_eq!(out.len(), 7);
        assert!(out[0].is_ok());
        let msg = |i: usize| out[i].as_ref().unwrap_err().to_string();
        assert!(msg(1).starts_with("in.jsonl:2: invalid JSON"), "{}", msg(1));
        assert!(
            msg(2).contains("in.jsonl:3: not a JSON object"),
            "{}",
            msg(2)
        );
        assert!(msg(3).contains("in.jsonl:4: no text"), "{}", msg(3));
        assert!(matches!(out[4], Err(Error::TooLarge { .. })));
        assert!(msg(4).contains("in.jsonl:5"), "{}", msg(4));
        let latin = out[5].as_ref().unwrap();
        assert_eq!(latin.text, "café au lait");
        assert!(
            latin
                .decoded_as
                .as_deref()
                .unwrap()
                .contains("windows-1252")
        );
        assert_eq!(out[6].as_ref().unwrap().text, "ok two");
    }

    #[test]
    fn overrides_are_parsed() {
        let f = JsonlFields::default()
            .with_overrides("text=body, date=published_at")
            .unwrap();
        assert_eq!(
            (f.text.as_str(), f.date.as_str(), f.id.as_str()),
            ("body", "published_at", "id")
        );
        assert!(JsonlFields::default().with_overrides("body").is_err());
        assert!(JsonlFields::default().with_overrides("words=body").is_err());
    }

    #[test]
    fn field_names_are_configurable_and_html_is_extracted() {
        let fields = JsonlFields::default()
            .with_overrides("text=body,id=doc_id")
            .unwrap();
        let para =
            "<p>The river rose two metres overnight and the bridge was closed to traffic.</p>";
        let line = serde_json::json!({
            "doc_id": "x",
            "html": format!("<html><head><title>Flood</title></head><body><article>{}</article></body></html>", para.repeat(4)),
        })
        .to_string();
        let out: Vec<_> =
            JsonlReader::new(line.as_bytes(), "f", fields, Extractor::default(), 1 << 20).collect();
        let d = out[0].as_ref().unwrap();
        assert_eq!(d.id.as_deref(), Some("x"));
        assert_eq!(d.title.as_deref(), Some("Flood"));
        assert!(d.text.contains("bridge was closed"));
        assert_eq!(d.format, InputFormat::Jsonl);
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..2000)) {
            for r in read(&bytes, 300) {
                let _ = r.map(|d| d.text.len());
            }
        }

        #[test]
        fn json_like_lines_never_panic(s in "(\\{(\"(id|text|title|date|url|html)\": ?(\"[^\"\\n]{0,20}\"|[0-9]{1,12}|null|\\[\\]|\\{\\}),? ?){0,6}\\}?\n){0,8}") {
            for r in read(s.as_bytes(), 300) {
                let _ = r.map(|d| d.text.len());
            }
        }
    }
}
