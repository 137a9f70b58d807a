//! Making text safe where it is written: HTML content and attributes, and
//! JSON embedded in pages.

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String");
    out
}

/// JSON with `<` escaped, so no data file can ever be read as markup.
pub(crate) fn inert_json(value: &impl serde::Serialize) -> String {
    let mut out = Inert(Vec::new());
    serde_json::to_writer(&mut out, value).unwrap_or_default();
    // serde_json writes valid UTF-8, and the escape is ASCII.
    String::from_utf8(out.0).unwrap_or_default()
}

/// Writes JSON with every `<` as `\u003c`: in JSON a `<` can only stand
/// inside a string, where the escape means the same.
struct Inert(Vec<u8>);

impl std::io::Write for Inert {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|&b| b == b'<') {
            self.0.extend_from_slice(&rest[..i]);
            self.0.extend_from_slice(b"\\u003c");
            rest = &rest[i + 1..];
        }
        self.0.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inert_json_escapes_every_angle_bracket() {
        let json = inert_json(&serde_json::json!({ "a": "<b>x</b> <<" }));
        assert_eq!(json, r#"{"a":"\u003cb>x\u003c/b> \u003c\u003c"}"#);
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["a"], "<b>x</b> <<");
    }
}
