//! What the XML readers share (Cobertura, JaCoCo, Clover, JUnit): the element loop, positions,
//! attributes.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::lines::{show, Diagnostics, KEPT_DIAGNOSTICS};
use super::{ErrorKind, ParseError, Position};
use crate::model::Timestamp;

pub(crate) fn attributes_text<'a>(element: &'a BytesStart<'_>) -> &'a str {
    element.attributes_raw().trim()
}

/// The value of attribute `name`, unescaped; `None` when absent. An entity the document declares
/// is never expanded (no entity bombs): a value with one that is not XML's own is kept as it is
/// written (`src/&name;.py`).
pub(crate) fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    let attr = element.attributes().with_checks(false).flatten().find(|a| a.key.into_inner() == name)?;
    Some(match attr.normalized_value(XmlVersion::default()) {
        Ok(value) => value.into_owned(),
        Err(_) => attr.value.clone().into_owned(),
    })
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

/// The time in attribute `name`, an epoch count in milliseconds or seconds; `None` when absent,
/// 0 or not a count (a report's time is never a reason to refuse it).
pub(crate) fn time_attribute(element: &BytesStart<'_>, name: &str) -> Option<Timestamp> {
    count_attribute(element, name).ok().flatten().and_then(Timestamp::from_epoch_count)
}

/// What an XML reader does with the elements [`read_elements`] hands it.
pub(crate) trait Elements {
    /// The root element (`coverage`), what the report is called (`Cobertura`), and the element
    /// that names a source file (`class`): a document without them is refused, saying so.
    const ROOT: &'static str;
    const KIND: &'static str;
    const FILE_ELEMENT: &'static str;

    /// An element opens (`empty` when it also closes: `<line …/>`). A problem with it is
    /// returned as text: the element is skipped and the problem reported with its line.
    fn open(&mut self, name: &str, element: &BytesStart<'_>, empty: bool) -> Result<(), String>;
    /// An element closes (not called for empty elements).
    fn close(&mut self, name: &str);
}

/// How many events one [`Walk::step`] reads.
const STEP_EVENTS: usize = 4096;

/// Streams the elements of `bytes` to `elements` with quick-xml's pull parser (no tree is
/// built, so a single-line file of gigabytes reads like any other), and collects the
/// diagnostics: elements skipped, and where a malformed document was cut short. A malformed
/// document before anything usable is a positioned error, and so is one without the root
/// element or without a source file.
pub(crate) fn read_elements<'a, E: Elements>(bytes: &'a [u8], elements: &mut E) -> Result<Diagnostics, ParseError> {
    let mut walk = Walk::new(bytes);
    // In steps, each a call, through a pointer no optimiser sees through: the browser's
    // optimised code reaches a call only when it begins (as `lcov::Reader` says).
    let step: fn(&mut Walk<'a>, &mut E) -> Result<bool, ParseError> = std::hint::black_box(Walk::step::<E>);
    while step(&mut walk, elements)? {}
    let Walk { diagnostics, seen_root, n_files, .. } = walk;
    if !seen_root {
        let message = format!("no <{}> element: this is not a {} report", E::ROOT, E::KIND);
        return Err(ParseError::new(ErrorKind::Syntax { message }, None));
    }
    if n_files == 0 {
        let message = format!("the report lists no source file (no <{}> element)", E::FILE_ELEMENT);
        return Err(ParseError::new(ErrorKind::Syntax { message }, None));
    }
    Ok(diagnostics)
}

/// A document's elements being read.
struct Walk<'a> {
    bytes: &'a [u8],
    reader: Reader<&'a [u8]>,
    diagnostics: Diagnostics,
    seen_root: bool,
    /// Source files read: with one, a malformed document is cut short and reported, not refused.
    n_files: u64,
}

impl<'a> Walk<'a> {
    fn new(bytes: &'a [u8]) -> Walk<'a> {
        let mut reader = Reader::from_reader(bytes);
        reader.config_mut().check_end_names = false;
        Walk { bytes, reader, diagnostics: Diagnostics::default(), seen_root: false, n_files: 0 }
    }

    /// Reads the next [`STEP_EVENTS`] events; `Ok(false)` once the document has ended.
    #[inline(never)]
    fn step<E: Elements>(&mut self, elements: &mut E) -> Result<bool, ParseError> {
        for _ in 0..STEP_EVENTS {
            let (element, empty) = match self.reader.read_event() {
                Ok(Event::Start(element)) => (element, false),
                Ok(Event::Empty(element)) => (element, true),
                Ok(Event::End(element)) => {
                    elements.close(element.name().into_inner());
                    continue;
                }
                Ok(Event::Eof) => return Ok(false),
                Ok(_) => continue,
                Err(err) => {
                    let message = format!("the XML is malformed ({err})");
                    let position = Position::of_offset(self.bytes, self.reader.error_position());
                    if self.n_files == 0 {
                        return Err(ParseError::new(ErrorKind::Syntax { message }, Some(position)));
                    }
                    self.diagnostics.push(position.line, || format!("{message}; the rest of the file was not read"));
                    return Ok(false);
                }
            };
            let name = element.name().into_inner();
            self.seen_root |= name == E::ROOT;
            self.n_files += u64::from(name == E::FILE_ELEMENT);
            if let Err(problem) = elements.open(name, &element, empty) {
                // Finding the line number costs a scan: only for the diagnostics kept in full.
                let line = if self.diagnostics.n_kept() < KEPT_DIAGNOSTICS {
                    Position::of_offset(self.bytes, self.reader.buffer_position()).line
                } else {
                    0
                };
                self.diagnostics.push(line, || {
                    format!("<{name} {}>: {problem}, skipped", show(attributes_text(&element).as_bytes(), 60))
                });
            }
        }
        Ok(true)
    }
}
