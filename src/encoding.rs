//! Reading an author's text files: UTF-8 (with or without a byte-order
//! mark), or UTF-16 with its byte-order mark. Anything else is an error at
//! the first byte that is not UTF-8, so the author knows where to look.

use std::path::Path;

use crate::diagnostics::Diagnostic;

const SAVE_AS_UTF8: &str =
    "save the file as UTF-8 (most editors offer the encoding in \"Save as\")";

/// Reads the file at `path`, shown in messages as `shown`, as text.
pub(crate) fn read_text(path: &Path, shown: &str) -> Result<String, Diagnostic> {
    let bytes =
        std::fs::read(path).map_err(|e| Diagnostic::error(shown, format!("cannot read: {e}")))?;
    decode(shown, bytes)
}

/// The text of a file's bytes. A NUL becomes U+FFFD, as CommonMark asks of
/// Markdown: front matter and templates follow the same rule, so no output
/// file ever carries a raw NUL.
pub(crate) fn decode(shown: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let text = match bytes.as_slice() {
        [0xEF, 0xBB, 0xBF, ..] => utf8(shown, bytes, 3)?,
        [0xFF, 0xFE, rest @ ..] => utf16(shown, rest, u16::from_le_bytes)?,
        [0xFE, 0xFF, rest @ ..] => utf16(shown, rest, u16::from_be_bytes)?,
        _ => utf8(shown, bytes, 0)?,
    };
    if !text.contains('\0') {
        return Ok(text);
    }
    // ASCII saved as UTF-16 without a byte-order mark is valid UTF-8 with a
    // NUL beside every letter: say so rather than show the page as noise.
    if text.bytes().filter(|&b| b == 0).count() * 4 > text.len() {
        return Err(Diagnostic::error(
            shown,
            "the file looks like UTF-16 without a byte-order mark",
        )
        .with_help(SAVE_AS_UTF8));
    }
    Ok(text.replace('\0', "\u{FFFD}"))
}

/// `bytes` from `start` as UTF-8, or an error at the first bad byte.
fn utf8(shown: &str, mut bytes: Vec<u8>, start: usize) -> Result<String, Diagnostic> {
    bytes.drain(..start);
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let valid = e.utf8_error().valid_up_to();
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        let line = prefix.matches('\n').count() + 1;
        let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
        let column = prefix[line_start..].chars().count() + 1;
        // The line as an editor with a lenient decoder would show it, with
        // the bad byte as U+FFFD under the caret.
        let shown_text = String::from_utf8_lossy(bytes);
        Diagnostic::error(
            shown,
            format!(
                "the file is not valid UTF-8: byte 0x{:02X} cannot start or continue a character",
                bytes[valid]
            ),
        )
        .at(&shown_text, line, column)
        .with_help(SAVE_AS_UTF8)
    })
}

/// `bytes` (after the byte-order mark) as UTF-16 in the mark's byte order.
fn utf16(shown: &str, bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, Diagnostic> {
    let refuse = |what: &str| {
        Diagnostic::error(shown, format!("the file is UTF-16 but {what}")).with_help(SAVE_AS_UTF8)
    };
    if !bytes.len().is_multiple_of(2) {
        return Err(refuse("has an odd number of bytes"));
    }
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| unit([pair[0], pair[1]]))
        .collect();
    String::from_utf16(&units).map_err(|_| refuse("holds a broken surrogate pair"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    #[test]
    fn reads_utf8_with_and_without_a_mark() {
        assert_eq!(decode("a.md", b"title".to_vec()).unwrap(), "title");
        assert_eq!(
            decode("a.md", b"\xEF\xBB\xBFtitle".to_vec()).unwrap(),
            "title"
        );
    }

    #[test]
    fn reads_utf16_in_both_byte_orders() {
        assert_eq!(
            decode("a.md", utf16le("caf\u{e9} \u{1F600}")).unwrap(),
            "caf\u{e9} \u{1F600}"
        );
        let mut be = vec![0xFE, 0xFF];
        be.extend("caf\u{e9}".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode("a.md", be).unwrap(), "caf\u{e9}");
        let mut odd = utf16le("ab");
        odd.push(b'c');
        assert!(decode("a.md", odd).unwrap_err().message.contains("odd"));
        let lone = vec![0xFF, 0xFE, 0x00, 0xD8];
        assert!(decode("a.md", lone)
            .unwrap_err()
            .message
            .contains("surrogate"));
    }

    #[test]
    fn latin1_is_an_error_at_the_first_bad_byte() {
        let d = decode("a.md", b"---\ntitle: Caf\xE9 cr\xE8me\n".to_vec()).unwrap_err();
        assert_eq!((d.line(), d.column()), (2, 11), "{d}");
        assert!(d.message.contains("0xE9"), "{d}");
        assert_eq!(
            d.location.source_line(),
            Some("title: Caf\u{FFFD} cr\u{FFFD}me")
        );
        assert!(d.help.unwrap().starts_with("save the file as UTF-8"));
        // Columns count characters, not bytes, of the line's valid start.
        let d = decode("a.md", b"\xC3\xA9t\xC3\xA9 \xFF".to_vec()).unwrap_err();
        assert_eq!((d.line(), d.column()), (1, 5), "{d}");
    }

    #[test]
    fn nul_becomes_the_replacement_character() {
        assert_eq!(
            decode("a.md", b"a\0b c d e f".to_vec()).unwrap(),
            "a\u{FFFD}b c d e f"
        );
        let bare_utf16: Vec<u8> = "---\ntitle: x\n".bytes().flat_map(|b| [b, 0]).collect();
        let d = decode("a.md", bare_utf16).unwrap_err();
        assert!(d.message.contains("UTF-16"), "{d}");
    }
}
