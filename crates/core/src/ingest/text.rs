//! Plain-text article files.

use super::{RawDoc, decode_bytes};
use crate::{Error, Result};
use std::path::Path;

/// Reads a plain-text article file (title on the first non-empty line).
pub fn read_text_file(path: &Path) -> Result<RawDoc> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    text_from_bytes(&path.display().to_string(), &bytes)
}

/// Decodes a plain-text article from bytes; `name` names it in errors.
pub fn text_from_bytes(name: &str, bytes: &[u8]) -> Result<RawDoc> {
    let decoded = decode_bytes(bytes).map_err(|e| Error::BadInput {
        path: name.to_string(),
        reason: e.to_string(),
    })?;
    let mut doc = RawDoc::text(name, decoded.text);
    doc.decoded_as = decoded.how;
    Ok(doc)
}
