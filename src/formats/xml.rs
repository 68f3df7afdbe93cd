//! Helpers shared by the XML readers (Cobertura, JUnit).

use quick_xml::events::BytesStart;
use quick_xml::XmlVersion;

use super::Position;

/// Line and column (1-based) of a byte offset.
pub(crate) fn position_of(bytes: &[u8], offset: u64) -> Position {
    let offset = usize::try_from(offset).unwrap_or(bytes.len()).min(bytes.len());
    let before = &bytes[..offset];
    let line = memchr::memchr_iter(b'\n', before).count() as u64 + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |idx| idx + 1);
    Position::line_column(line, (offset - line_start) as u64 + 1)
}

pub(crate) fn attributes_text<'a>(element: &'a BytesStart<'_>) -> &'a str {
    element.attributes_raw().trim()
}

/// The value of attribute `name`, unescaped; `None` when absent or malformed.
pub(crate) fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.into_inner() == name)
        .and_then(|a| a.normalized_value(XmlVersion::default()).ok().map(|v| v.into_owned()))
}
