//! Coverage as CI hands it over: a file compressed with gzip (`lcov.info.gz`), or a zip archive
//! (an artifact as a CI's web page downloads it), opened into the files it holds.
//!
//! The core reads the containers (gzip's magic number, zip's central directory) and names what
//! they hold; inflating is the caller's, so the core's module carries no inflater: the command
//! line inflates with flate2, the browser with its own `DecompressionStream`. A caller opens an
//! input ([`open`], which reads its container once), lists the streams to inflate
//! ([`Opened::streams`]), inflates them its own way (the browser's way is asynchronous), and
//! hands [`Opened::unpack`] a way to find each one inflated: `unpack` makes the inputs, or says
//! why it cannot.
//!
//! A zip archive is read as a folder is: its files named `archive.zip/path/in/it`, hidden
//! folders, `node_modules` and macOS's `__MACOSX` left out, and a file that is neither coverage
//! nor a source of it counted, not refused.

use std::ops::Range;

use crate::model::Timestamp;
use crate::session::{Failure, Input, MAX_INPUT_BYTES};

/// How a stream is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// A gzip file: header, deflate stream, trailer.
    Gzip,
    /// A bare deflate stream, as a zip archive holds a file (`deflate-raw` to a browser).
    Deflate,
}

impl Compression {
    /// The name the browser's `DecompressionStream` knows it by.
    pub fn id(self) -> &'static str {
        match self {
            Compression::Gzip => "gzip",
            Compression::Deflate => "deflate-raw",
        }
    }
}

/// A compressed stream in an input's bytes, to be inflated to at most `limit` bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stream {
    pub compression: Compression,
    pub range: Range<usize>,
    /// The most it may inflate to: the size the archive declares, or what the page reads at
    /// once for a gzip file (whose trailer gives its size modulo 4 GiB only).
    pub limit: u64,
    /// The size it says it inflates to, for the room to make ahead (at most `limit`).
    pub expected: u64,
}

/// The most one byte of deflate inflates to (a run of 258 bytes in under two bits): what a
/// size declared can be believed up to, when room is made for it ahead.
const MOST_INFLATED_PER_BYTE: u64 = 1032;

impl Stream {
    fn gzip(bytes: &[u8]) -> Stream {
        // The trailer's last field: the size inflated, modulo 4 GiB.
        let size = bytes.len().checked_sub(4).and_then(|at| Fields { bytes }.u32(at)).unwrap_or(0);
        Stream::new(Compression::Gzip, 0..bytes.len(), MAX_INPUT_BYTES, u64::from(size))
    }

    fn deflated(range: Range<usize>, size: u64) -> Stream {
        Stream::new(Compression::Deflate, range, size, size)
    }

    /// A stream that says it inflates to `declared` bytes: believed as far as deflate can go.
    fn new(compression: Compression, range: Range<usize>, limit: u64, declared: u64) -> Stream {
        let possible = (range.len() as u64).saturating_mul(MOST_INFLATED_PER_BYTE);
        Stream { compression, range, limit, expected: declared.min(limit).min(possible) }
    }
}

/// An input with its container read: what it holds, before anything is inflated.
pub struct Opened {
    input: Input,
    holds: Holds,
}

enum Holds {
    /// Not compressed: the input itself.
    Itself,
    /// A gzip file: one stream, the whole file.
    Gzip(Stream),
    /// A zip archive's files, or why its list of them cannot be read.
    Zip(Result<Vec<Member>, String>),
}

/// `input` with its container read ([`Opened::unpack`] says what it holds).
pub fn open(input: Input) -> Opened {
    let holds = match packing(&input.bytes) {
        None => Holds::Itself,
        Some(Packing::Gzip) => Holds::Gzip(Stream::gzip(&input.bytes)),
        Some(Packing::Zip) => Holds::Zip(zip_members(&input.bytes)),
    };
    Opened { input, holds }
}

/// A stream inflated, or why it could not be, in its inflater's words.
pub type Inflated = Result<Vec<u8>, String>;

impl Opened {
    /// Whether it is a zip archive (read as a folder of files).
    pub fn is_archive(&self) -> bool {
        matches!(self.holds, Holds::Zip(_))
    }

    /// The compressed streams [`unpack`](Opened::unpack) will ask for, in order, each with its
    /// bytes: none for a file that is not compressed, or an archive that cannot be opened.
    pub fn streams(&self) -> Vec<(&Stream, &[u8])> {
        let streams: Vec<&Stream> = match &self.holds {
            Holds::Itself | Holds::Zip(Err(_)) => Vec::new(),
            Holds::Gzip(stream) => vec![stream],
            Holds::Zip(Ok(members)) => members
                .iter()
                .filter_map(|m| match &m.content {
                    Ok(Content::Deflated(stream)) => Some(stream),
                    _ => None,
                })
                .collect(),
        };
        streams.into_iter().map(|stream| (stream, &self.input.bytes[stream.range.clone()])).collect()
    }

    /// The files the input holds: itself when it is not compressed; the file a gzip file holds,
    /// under the name given; the files of a zip archive. `inflated` gives each of
    /// [`streams`](Opened::streams)' streams inflated (it is handed the stream's bytes too).
    /// What cannot be opened is said, each file by its name; the rest is kept.
    pub fn unpack(self, inflated: &mut dyn FnMut(&Stream, &[u8]) -> Inflated) -> (Vec<Input>, Vec<Failure>) {
        let Opened { input, holds } = self;
        let fail = |file: &str, problem: String| Failure { file: file.to_owned(), problem };
        let members = match holds {
            Holds::Itself => return (vec![input], Vec::new()),
            Holds::Gzip(stream) => {
                return match inflated(&stream, &input.bytes) {
                    Ok(bytes) => (vec![Input { bytes, ..input }], Vec::new()),
                    Err(why) => (Vec::new(), vec![fail(&input.name, format!("compressed with gzip, and {why}"))]),
                }
            }
            Holds::Zip(Err(why)) => {
                return (Vec::new(), vec![fail(&input.name, format!("a zip archive that cannot be opened: {why}"))])
            }
            Holds::Zip(Ok(members)) => members,
        };
        let (mut inputs, mut failures) = (Vec::new(), Vec::new());
        for member in members {
            let name = format!("{}/{}", input.name, member.path);
            let bytes = match member.content {
                Ok(Content::Stored(range)) => Ok(input.bytes[range].to_vec()),
                Ok(Content::Deflated(stream)) => {
                    inflated(&stream, &input.bytes[stream.range.clone()]).and_then(|bytes| {
                        if bytes.len() as u64 == member.size {
                            Ok(bytes)
                        } else {
                            Err(format!("it inflates to {} bytes where the archive says {}", bytes.len(), member.size))
                        }
                    })
                }
                Err(why) => Err(why),
            };
            match bytes {
                Ok(bytes) => {
                    let modified = member.modified.or(input.modified);
                    inputs.push(Input { name, bytes, modified, in_folder: true })
                }
                Err(why) => failures.push(fail(&name, why)),
            }
        }
        if inputs.is_empty() && failures.is_empty() {
            let problem = "a zip archive with no file in it (hidden folders, node_modules and __MACOSX left out)";
            failures.push(fail(&input.name, problem.to_owned()));
        }
        (inputs, failures)
    }
}

/// What a file still compressed is, for the parser's message (an archive inside another, which
/// is not opened): `None` when it is not compressed.
pub fn describe(bytes: &[u8]) -> Option<&'static str> {
    match packing(bytes)? {
        Packing::Gzip => Some("gzip-compressed data"),
        Packing::Zip => Some("a zip archive"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Packing {
    Gzip,
    Zip,
}

fn packing(bytes: &[u8]) -> Option<Packing> {
    match bytes {
        [0x1f, 0x8b, ..] => Some(Packing::Gzip),
        // A file's header first, or an archive's end at once: an empty archive.
        [b'P', b'K', 3, 4, ..] | [b'P', b'K', 5, 6, ..] => Some(Packing::Zip),
        _ => None,
    }
}

/// A file of a zip archive.
struct Member {
    path: String,
    /// Its bytes, or why they cannot be read.
    content: Result<Content, String>,
    /// Its size once inflated, as the archive declares it.
    size: u64,
    /// When it was last changed, where the archive says it in UTC (its extended timestamp).
    modified: Option<Timestamp>,
}

enum Content {
    Stored(Range<usize>),
    Deflated(Stream),
}

/// Bytes read as a zip archive's little-endian fields, each past the end read as `None`.
struct Fields<'a> {
    bytes: &'a [u8],
}

impl Fields<'_> {
    fn u16(&self, at: usize) -> Option<u16> {
        let b = self.bytes.get(at..at.checked_add(2)?)?;
        Some(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&self, at: usize) -> Option<u32> {
        let b = self.bytes.get(at..at.checked_add(4)?)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&self, at: usize) -> Option<u64> {
        Some(u64::from(self.u32(at)?) | (u64::from(self.u32(at + 4)?) << 32))
    }
}

const END: u32 = 0x0605_4b50;
const END64: u32 = 0x0606_4b50;
const END64_LOCATOR: u32 = 0x0706_4b50;
const ENTRY: u32 = 0x0201_4b50;
const LOCAL: u32 = 0x0403_4b50;

/// The files of a zip archive, from its central directory (which, unlike the headers before
/// each file, has every size: a zip written as a stream gives them only after the data).
fn zip_members(bytes: &[u8]) -> Result<Vec<Member>, String> {
    let members =
        listed(bytes).ok_or_else(|| "it is cut short: its list of files is missing or incomplete".to_owned())?;
    let declared = members.iter().fold(0u64, |sum, m| sum.saturating_add(m.size));
    if declared > MAX_INPUT_BYTES {
        return Err(format!(
            "its files come to {} once inflated, more than the page reads at once ({})",
            crate::present::size_text(declared),
            crate::present::size_text(MAX_INPUT_BYTES)
        ));
    }
    Ok(members)
}

/// [`zip_members`], `None` where the archive is cut short.
fn listed(bytes: &[u8]) -> Option<Vec<Member>> {
    let f = Fields { bytes };
    // The end record is the last 22 bytes, or more with a comment (64 KiB at most).
    let earliest = bytes.len().saturating_sub(22 + usize::from(u16::MAX));
    let end = (earliest..=bytes.len().saturating_sub(22)).rev().find(|&at| f.u32(at) == Some(END))?;
    let (mut count, mut offset) = (u64::from(f.u16(end + 10)?), u64::from(f.u32(end + 16)?));
    if count == 0xffff || offset == 0xffff_ffff {
        // Zip64: the counts are in a record the locator before the end record points to.
        let locator = end.checked_sub(20).filter(|&at| f.u32(at) == Some(END64_LOCATOR))?;
        let at = usize::try_from(f.u64(locator + 8)?).ok()?;
        if f.u32(at) != Some(END64) {
            return None;
        }
        count = f.u64(at + 32)?;
        offset = f.u64(at + 48)?;
    }
    let mut at = usize::try_from(offset).ok()?;
    let mut members = Vec::new();
    for _ in 0..count {
        if f.u32(at) != Some(ENTRY) {
            return None;
        }
        let flags = f.u16(at + 8)?;
        let method = f.u16(at + 10)?;
        let mut packed = u64::from(f.u32(at + 20)?);
        let mut size = u64::from(f.u32(at + 24)?);
        let name_len = usize::from(f.u16(at + 28)?);
        let extra_len = usize::from(f.u16(at + 30)?);
        let comment_len = usize::from(f.u16(at + 32)?);
        let mut local = u64::from(f.u32(at + 42)?);
        let name = bytes.get(at + 46..at + 46 + name_len)?;
        let extra = bytes.get(at + 46 + name_len..at + 46 + name_len + extra_len)?;
        at += 46 + name_len + extra_len + comment_len;
        let mut modified = None;
        for (id, data) in extra_fields(extra) {
            let d = Fields { bytes: data };
            match id {
                // Zip64: the sizes and the offset that did not fit, in this order.
                0x0001 => {
                    let mut next = 0;
                    for value in [&mut size, &mut packed, &mut local] {
                        if *value == 0xffff_ffff {
                            *value = d.u64(next)?;
                            next += 8;
                        }
                    }
                }
                // The extended timestamp: its flags, then the time changed, in seconds (UTC).
                0x5455 if data.first().is_some_and(|flags| flags & 1 == 1) => {
                    modified = d.u32(1).map(|seconds| Timestamp::from_unix_seconds(i64::from(seconds)));
                }
                _ => {}
            }
        }
        // A name written with Windows' separators is read with zip's; a leading `/` is dropped.
        let path = String::from_utf8_lossy(name).replace('\\', "/").trim_start_matches('/').to_owned();
        let (folders, _) = path.rsplit_once('/').unwrap_or(("", &path));
        if path.ends_with('/') || path.is_empty() {
            continue;
        }
        if folders.split('/').any(|folder| folder == "__MACOSX" || crate::model::skipped_folder(folder)) {
            continue;
        }
        let content = content(&f, flags, method, packed, local, size);
        members.push(Member { path, content, size, modified });
    }
    Some(members)
}

/// Where a file's bytes are (after its own header), or why they cannot be read.
fn content(f: &Fields<'_>, flags: u16, method: u16, packed: u64, local: u64, size: u64) -> Result<Content, String> {
    if flags & 1 == 1 {
        return Err("encrypted: covdash reads archives made without a password".to_owned());
    }
    let range = data(f, packed, local).ok_or_else(|| {
        "its data is not where the archive's list of files says: the archive is cut short or damaged".to_owned()
    })?;
    match method {
        0 => Ok(Content::Stored(range)),
        8 => Ok(Content::Deflated(Stream::deflated(range, size))),
        other => Err(format!(
            "compressed by method {other}{}, which covdash does not read: zip it with deflate, zip's default",
            match other {
                9 => " (deflate64)",
                12 => " (bzip2)",
                14 => " (LZMA)",
                93 => " (Zstandard)",
                95 => " (XZ)",
                _ => "",
            }
        )),
    }
}

/// A file's data: after its own header at `local`, `packed` bytes long; `None` past the end.
fn data(f: &Fields<'_>, packed: u64, local: u64) -> Option<Range<usize>> {
    let local = usize::try_from(local).ok()?;
    if f.u32(local)? != LOCAL {
        return None;
    }
    let start = local + 30 + usize::from(f.u16(local + 26)?) + usize::from(f.u16(local + 28)?);
    let end = start.checked_add(usize::try_from(packed).ok()?).filter(|&end| end <= f.bytes.len())?;
    Some(start..end)
}

/// A zip header's extra fields: each its id and its data.
fn extra_fields(mut extra: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let f = Fields { bytes: extra };
        let (id, len) = (f.u16(0)?, usize::from(f.u16(2)?));
        let data = extra.get(4..4 + len)?;
        extra = &extra[4 + len..];
        Some((id, data))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_packed_is_given_back_as_it_is() {
        let input =
            Input { name: "a.info".into(), bytes: b"SF:a\nend_of_record\n".to_vec(), modified: None, in_folder: false };
        let opened = open(input.clone());
        assert!(opened.streams().is_empty());
        let (inputs, failures) = opened.unpack(&mut |_, _| Err("asked".into()));
        assert_eq!((inputs, failures), (vec![input], vec![]));
    }

    #[test]
    fn unpack_asks_for_the_streams_listed_in_their_order() {
        // The browser inflates the listed streams ahead, then hands them over in this order.
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/packed");
        for (file, n_streams, n_files) in [
            ("lcov.info.gz", 1, 1),
            ("c8-coverage.zip", 12, 14),
            ("upload-artifact.zip", 14, 14),
            ("stream.zip", 2, 2),
            ("mixed.zip", 1, 1),
            ("bzip2.zip", 0, 0),
            ("cut.zip", 0, 0),
        ] {
            let bytes = std::fs::read(fixtures.join(file)).unwrap_or_default();
            let opened = open(Input { name: file.into(), bytes, modified: None, in_folder: false });
            let listed: Vec<Stream> = opened.streams().into_iter().map(|(stream, _)| stream.clone()).collect();
            let mut asked = Vec::new();
            let (inputs, _) = opened.unpack(&mut |stream, bytes| {
                asked.push(stream.clone());
                assert_eq!(bytes.len(), stream.range.len(), "{file}");
                // A zip's file must inflate to the size its archive says.
                let size = if stream.compression == Compression::Deflate { stream.limit } else { 1 };
                Ok(vec![0; size as usize])
            });
            assert_eq!((asked.len(), inputs.len()), (n_streams, n_files), "{file}");
            assert_eq!(asked, listed, "{file}");
        }
    }

    #[test]
    fn room_is_made_only_for_what_the_bytes_can_inflate_to() {
        // A gzip file of 24 bytes whose trailer says 1 GiB: deflate cannot make that of them.
        let mut bytes = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        bytes.extend_from_slice(&(1u32 << 30).to_le_bytes());
        let streams = |bytes: &[u8]| -> Vec<Stream> {
            let opened = open(Input { name: "a.gz".into(), bytes: bytes.to_vec(), modified: None, in_folder: false });
            opened.streams().into_iter().map(|(stream, _)| stream.clone()).collect()
        };
        let [stream] = &streams(&bytes)[..] else { panic!("one stream") };
        assert_eq!((stream.limit, stream.expected), (MAX_INPUT_BYTES, 24 * 1032));
        // One that says what deflate can make of it is believed.
        let at = bytes.len() - 4;
        bytes[at..].copy_from_slice(&1000u32.to_le_bytes());
        assert_eq!(streams(&bytes)[0].expected, 1000);
    }

    #[test]
    fn an_archive_cut_short_says_so() {
        for bytes in [&b"PK\x03\x04"[..], b"PK\x05\x06\0\0", b"PK\x03\x04\x14\0\0\0\x08\0"] {
            let input = Input { name: "a.zip".into(), bytes: bytes.to_vec(), modified: None, in_folder: false };
            let (inputs, failures) = open(input).unpack(&mut |_, _| Err("asked".into()));
            assert!(inputs.is_empty());
            assert_eq!(failures.len(), 1);
            assert!(
                failures[0].problem.starts_with("a zip archive that cannot be opened: it "),
                "{}",
                failures[0].problem
            );
        }
    }
}
