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

/// The count in attribute `name`: `Ok(None)` when absent, an error naming the attribute when
/// it is not a count. Negative counts read as 0, as the text formats read them.
pub(crate) fn count_attribute(element: &BytesStart<'_>, name: &str) -> Result<Option<u64>, String> {
    let Some(attr) = element.attributes().with_checks(false).flatten().find(|a| a.key.into_inner() == name) else {
        return Ok(None);
    };
    match super::lines::parse_count(attr.value.trim().as_bytes()) {
        super::lines::Count::Ok(n) => Ok(Some(n)),
        super::lines::Count::Negative => Ok(Some(0)),
        super::lines::Count::Invalid => {
            Err(format!("{name}={:?} is not a count", super::lines::show(attr.value.as_bytes(), 40)))
        }
    }
}

/// What every XML reader does with a malformed document: fatal before anything usable was
/// read, otherwise a diagnostic and the rest left unread.
pub(crate) fn malformed(
    bytes: &[u8],
    offset: u64,
    err: &quick_xml::Error,
    read_anything: bool,
    diagnostics: &mut super::lines::Diagnostics,
) -> Result<(), super::ParseError> {
    let message = format!("the XML is malformed ({err})");
    let position = position_of(bytes, offset);
    if !read_anything {
        return Err(super::ParseError::new(super::ErrorKind::Syntax { message }, Some(position)));
    }
    diagnostics.push(position.line, || format!("{message}; the rest of the file was not read"));
    Ok(())
}
