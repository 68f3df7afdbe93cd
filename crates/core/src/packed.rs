//! Coverage as CI hands it over: a file compressed with gzip (`lcov.info.gz`), a zip archive
//! (an artifact as a CI's web page downloads it) or a tar archive (`coverage.tar.gz`, as `tar
//! czf` packs a folder), opened into the files it holds.
//!
//! The core reads the containers (gzip's magic number, zip's central directory) and names what
//! they hold; inflating is the caller's, so the core's module carries no inflater: the command
//! line inflates with flate2, the browser with its own `DecompressionStream`. A caller drives an
//! [`Unpacking`]: it gives each input to open with its container read once ([`Opened`]), the
//! caller inflates its streams ([`Opened::streams`]) its own way (the browser's way is
//! asynchronous) and hands [`Opened::unpack`] a way to find each one inflated: `unpack` makes
//! the inputs, or says why it cannot.
//!
//! An archive is read as a folder is: its files named `archive.zip/path/in/it`, hidden folders,
//! `node_modules` and macOS's copies of files' attributes left out, and a file that is neither
//! coverage nor a source of it counted, not refused. A tar has no list of its files: the files
//! before a cut or a damaged header are read, and the cut said.

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
    /// A gzip file, to inflate to at most `limit` bytes.
    fn gzip(bytes: &[u8], limit: u64) -> Stream {
        // The trailer's last field: the size inflated, modulo 4 GiB.
        let size = bytes.len().checked_sub(4).and_then(|at| Fields { bytes }.u32(at)).unwrap_or(0);
        Stream::new(Compression::Gzip, 0..bytes.len(), limit, u64::from(size))
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
    /// A gzip file: one stream, the whole file (which may hold a tar archive).
    Gzip(Stream),
    /// An archive's files.
    Archive(Archive),
}

/// What an archive holds: the files read, and why reading stopped short of its end, if it did.
struct Archive {
    kind: Kind,
    members: Vec<Member>,
    broken: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Zip,
    Tar,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Zip => "a zip archive",
            Kind::Tar => "a tar archive",
        }
    }
}

/// `input` with its container read ([`Opened::unpack`] says what it holds), what it holds to
/// come to at most `budget` bytes. Callers open an input through [`Unpacking`], which opens the
/// archives inside it too.
fn open(input: Input, budget: u64) -> Opened {
    let holds = match packing(&input.bytes) {
        None => Holds::Itself,
        Some(Packing::Gzip) => Holds::Gzip(Stream::gzip(&input.bytes, budget)),
        Some(Packing::Zip) => Holds::Archive(match zip_members(&input.bytes, budget) {
            Ok(members) => Archive { kind: Kind::Zip, members, broken: None },
            Err(why) => Archive { kind: Kind::Zip, members: Vec::new(), broken: Some(why) },
        }),
        Some(Packing::Tar) => Holds::Archive(tar_members(&input.bytes)),
    };
    Opened { input, holds }
}

/// A stream inflated, or why it could not be, in its inflater's words.
pub type Inflated = Result<Vec<u8>, String>;

/// What an input holds: the files read from it, what could not be read (each said by its name),
/// and whether it was an archive (a folder of files) rather than one file, compressed or not.
#[derive(Debug, PartialEq)]
pub struct Unpacked {
    pub files: Vec<Input>,
    pub failures: Vec<Failure>,
    pub archive: bool,
}

impl Opened {
    /// The compressed streams [`unpack`](Opened::unpack) will ask for, in order, each with its
    /// bytes: none for a file that is not compressed, or an archive that cannot be opened.
    pub fn streams(&self) -> Vec<(&Stream, &[u8])> {
        let streams: Vec<&Stream> = match &self.holds {
            Holds::Itself => Vec::new(),
            Holds::Gzip(stream) => vec![stream],
            Holds::Archive(archive) => archive
                .members
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
    /// under the name given, or the files of the tar archive it holds; the files of a zip or
    /// tar archive. `inflated` gives each of [`streams`](Opened::streams)' streams inflated (it
    /// is handed the stream's bytes too). What cannot be opened is said, each file by its name;
    /// the rest is kept.
    pub fn unpack(self, inflated: &mut dyn FnMut(&Stream, &[u8]) -> Inflated) -> Unpacked {
        let Opened { input, holds } = self;
        match holds {
            Holds::Itself => Unpacked { files: vec![input], failures: Vec::new(), archive: false },
            Holds::Gzip(stream) => match inflated(&stream, &input.bytes) {
                Ok(bytes) if packing(&bytes) == Some(Packing::Tar) => {
                    let archive = tar_members(&bytes);
                    files_of(&input, &bytes, archive, inflated)
                }
                Ok(bytes) => Unpacked { files: vec![Input { bytes, ..input }], failures: Vec::new(), archive: false },
                Err(why) => Unpacked {
                    files: Vec::new(),
                    failures: vec![Failure { file: input.name, problem: format!("compressed with gzip, and {why}") }],
                    archive: false,
                },
            },
            Holds::Archive(archive) => files_of(&input, &input.bytes, archive, inflated),
        }
    }
}

/// The files of `archive`, read from `bytes` (the archive's, inflated where it was gzipped),
/// each named under `input`'s name.
fn files_of(
    input: &Input,
    bytes: &[u8],
    archive: Archive,
    inflated: &mut dyn FnMut(&Stream, &[u8]) -> Inflated,
) -> Unpacked {
    let fail = |file: &str, problem: String| Failure { file: file.to_owned(), problem };
    let (mut files, mut failures) = (Vec::new(), Vec::new());
    for member in archive.members {
        let name = format!("{}/{}", input.name, member.path);
        let read = match member.content {
            Ok(Content::Stored(range)) => Ok(bytes[range].to_vec()),
            Ok(Content::Deflated(stream)) => inflated(&stream, &bytes[stream.range.clone()]).and_then(|bytes| {
                if bytes.len() as u64 == member.size {
                    Ok(bytes)
                } else {
                    Err(format!("it inflates to {} bytes where the archive says {}", bytes.len(), member.size))
                }
            }),
            Err(why) => Err(why),
        };
        match read {
            Ok(bytes) => {
                let modified = member.modified.or(input.modified);
                files.push(Input { name, bytes, modified, in_folder: true })
            }
            Err(why) => failures.push(fail(&name, why)),
        }
    }
    let kind = archive.kind.name();
    if let Some(why) = archive.broken {
        let problem = match (archive.kind, files.is_empty() && failures.is_empty()) {
            (Kind::Tar, false) => format!("{kind} that cannot be read to its end: {why}"),
            _ => format!("{kind} that cannot be opened: {why}"),
        };
        failures.insert(0, fail(&input.name, problem));
    } else if files.is_empty() && failures.is_empty() {
        let problem = format!("{kind} with no file in it (hidden folders, node_modules and __MACOSX left out)");
        failures.push(fail(&input.name, problem));
    }
    Unpacked { files, failures, archive: true }
}

/// How deep archives inside an input are opened: the archive a CI artifact's zip holds (GitHub
/// advises tarring files before uploading them, to keep their permissions), not deeper.
const MOST_NESTED: u32 = 2;

/// An input opened, and the archives inside it in turn, in order: a state machine the caller
/// drives, inflating each input's streams its own way (the browser's way is asynchronous).
///
/// ```text
/// let mut unpacking = Unpacking::new(input);
/// while let Some(opened) = unpacking.next() {
///     // inflate opened.streams(), then
///     unpacking.opened(opened.unpack(&mut inflated));
/// }
/// let Unpacked { files, failures, archive } = unpacking.finish();
/// ```
///
/// A file of an archive is opened in turn when it is packed and named as an archive (`.zip`,
/// `.tar`, `.tgz`, `.gz`: not a `.jar` beside the coverage). Everything unpacked comes to at most
/// what the page reads at once, however deep.
pub struct Unpacking {
    /// The files in order, each with how deep in archives it is; `None` while it is opened.
    files: Vec<(Option<Input>, u32)>,
    /// Where the file being opened is and its size, and where to look for the next.
    opening: Option<(usize, u64)>,
    from: usize,
    /// The bytes of the files held, and the most they may come to.
    held: u64,
    budget: u64,
    failures: Vec<Failure>,
    archive: bool,
}

impl Unpacking {
    pub fn new(input: Input) -> Unpacking {
        Unpacking::within(input, MAX_INPUT_BYTES)
    }

    /// [`new`](Unpacking::new), everything unpacked to come to at most `budget` bytes.
    fn within(input: Input, budget: u64) -> Unpacking {
        let held = input.bytes.len() as u64;
        let files = vec![(Some(input), 0)];
        Unpacking { files, opening: None, from: 0, held, budget, failures: Vec::new(), archive: false }
    }

    /// The next input to open, its container read: `None` once none is left.
    #[allow(clippy::should_implement_trait, reason = "its item must be answered before the next")]
    pub fn next(&mut self) -> Option<Opened> {
        let at = (self.from..self.files.len()).find(|&at| match &self.files[at] {
            (Some(_), 0) => true,
            (Some(input), depth) => {
                *depth < MOST_NESTED && packing(&input.bytes).is_some() && named_archive(&input.name)
            }
            (None, _) => false,
        })?;
        let input = self.files[at].0.take()?;
        let size = input.bytes.len() as u64;
        self.opening = Some((at, size));
        // What it holds may take the room it takes now, and what is left.
        Some(open(input, self.budget.saturating_sub(self.held - size)))
    }

    /// What the input [`next`](Unpacking::next) gave holds.
    pub fn opened(&mut self, unpacked: Unpacked) {
        let Some((at, size)) = self.opening.take() else { return };
        let depth = self.files[at].1;
        if depth == 0 {
            self.archive = unpacked.archive;
        }
        let held: u64 = unpacked.files.iter().map(|f| f.bytes.len() as u64).sum();
        self.held = (self.held - size).saturating_add(held);
        self.failures.extend(unpacked.failures);
        self.files.splice(at..=at, unpacked.files.into_iter().map(|file| (Some(file), depth + 1)));
        self.from = at;
    }

    /// The files found, what could not be opened, and whether the input was an archive.
    pub fn finish(self) -> Unpacked {
        let files = self.files.into_iter().filter_map(|(file, _)| file).collect();
        Unpacked { files, failures: self.failures, archive: self.archive }
    }
}

/// Whether a file of an archive is named as an archive itself, to be opened in turn.
fn named_archive(name: &str) -> bool {
    let name = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    [".zip", ".tar", ".tgz", ".gz"].iter().any(|end| name.ends_with(end))
}

/// What a file still packed is, for the parser's message (an archive inside another, which is
/// not opened): `None` when it is not packed.
pub fn describe(bytes: &[u8]) -> Option<&'static str> {
    match packing(bytes)? {
        Packing::Gzip => Some("gzip-compressed data"),
        Packing::Zip => Some(Kind::Zip.name()),
        Packing::Tar => Some(Kind::Tar.name()),
    }
}

/// The compression of a file compressed in a way covdash does not inflate, by its magic number.
pub fn compression_not_read(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0x28, 0xb5, 0x2f, 0xfd, ..] => Some("Zstandard"),
        [0xfd, b'7', b'z', b'X', b'Z', 0, ..] => Some("xz"),
        [b'B', b'Z', b'h', b'1'..=b'9', ..] => Some("bzip2"),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Packing {
    Gzip,
    Zip,
    Tar,
}

fn packing(bytes: &[u8]) -> Option<Packing> {
    match bytes {
        [0x1f, 0x8b, ..] => Some(Packing::Gzip),
        // A file's header first, or an archive's end at once: an empty archive.
        [b'P', b'K', 3, 4, ..] | [b'P', b'K', 5, 6, ..] => Some(Packing::Zip),
        // POSIX's `ustar\0` and GNU's `ustar  \0`, after the first header's name and numbers.
        _ if bytes.len() >= 512 && bytes[257..262] == *b"ustar" => Some(Packing::Tar),
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
fn zip_members(bytes: &[u8], budget: u64) -> Result<Vec<Member>, String> {
    let members =
        listed(bytes).ok_or_else(|| "it is cut short: its list of files is missing or incomplete".to_owned())?;
    let declared = members.iter().fold(0u64, |sum, m| sum.saturating_add(m.size));
    if declared > budget {
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
        if !kept(&path) {
            continue;
        }
        let content = content(&f, flags, method, packed, local, size);
        members.push(Member { path, content, size, modified });
    }
    Some(members)
}

/// Whether an archive's file at `path` is read as a folder's would be: not a folder, not in a
/// hidden folder or `node_modules`, not macOS's copy of a file's attributes (`__MACOSX/`, or
/// `._name` beside the file, as macOS's tar writes them).
fn kept(path: &str) -> bool {
    let (folders, name) = path.rsplit_once('/').unwrap_or(("", path));
    !name.is_empty()
        && !name.starts_with("._")
        && !folders.split('/').any(|folder| folder == "__MACOSX" || crate::model::skipped_folder(folder))
}

/// A tar archive's blocks: a header, then the file's data, each padded to 512 bytes.
const BLOCK: usize = 512;

/// The files of a tar archive (POSIX's ustar, with GNU's and pax's long names, sizes and times).
/// A tar has no list of its files: those before a damaged header, or the archive's cut, are kept.
fn tar_members(bytes: &[u8]) -> Archive {
    let mut members = Vec::new();
    let mut at = 0;
    // What a GNU long name or a pax header says of the file after it.
    let mut next = Next::default();
    let broken = loop {
        let Some(header) = bytes.get(at..at + BLOCK) else {
            // The end without its two empty blocks, as GNU tar accepts it; mid-block is a cut.
            break (at != bytes.len()).then(|| "it is cut short in a file's header".to_owned());
        };
        if header.iter().all(|&b| b == 0) {
            break None;
        }
        let sum = header.iter().enumerate().map(|(i, &b)| if (148..156).contains(&i) { 32 } else { u64::from(b) });
        if octal(&header[148..156]) != Some(sum.sum()) {
            break Some(format!("the header at byte {at} is damaged (its checksum is not its bytes' sum)"));
        }
        let Some(size) = next.size.take().or_else(|| octal(&header[124..136])) else {
            break Some(format!("the header at byte {at} gives no size"));
        };
        let start = at + BLOCK;
        let data = usize::try_from(size).ok().and_then(|size| bytes.get(start..start.checked_add(size)?));
        let Some(data) = data else {
            let path = next.path.take().unwrap_or_else(|| header_path(header));
            break Some(format!("it is cut short in {path}"));
        };
        at = start + data.len().div_ceil(BLOCK) * BLOCK;
        match header[156] {
            // A file.
            b'0' | 0 | b'7' => {
                let path = next.path.take().unwrap_or_else(|| header_path(header));
                let seconds =
                    next.modified.take().or_else(|| octal(&header[136..148]).and_then(|s| i64::try_from(s).ok()));
                let path = path.trim_start_matches("./").trim_start_matches('/').to_owned();
                if kept(&path) {
                    let modified = seconds.map(Timestamp::from_unix_seconds);
                    members.push(Member {
                        path,
                        content: Ok(Content::Stored(start..start + data.len())),
                        size,
                        modified,
                    });
                }
            }
            // GNU's long name for the file after it.
            b'L' => next.path = Some(text(data)),
            // pax's header for the file after it: `length key=value\n` records.
            b'x' => next.read_pax(data),
            // Folders, links, devices, pax's global header, GNU's long link names.
            _ => next = Next::default(),
        }
    };
    Archive { kind: Kind::Tar, members, broken }
}

/// What a tar's header before a file says of it, where the file's own header cannot.
#[derive(Default)]
struct Next {
    path: Option<String>,
    size: Option<u64>,
    modified: Option<i64>,
}

impl Next {
    fn read_pax(&mut self, mut records: &[u8]) {
        while let Some(space) = records.iter().position(|&b| b == b' ') {
            let length = std::str::from_utf8(&records[..space]).ok().and_then(|n| n.parse::<usize>().ok());
            let Some(record) = length.and_then(|length| records.get(space + 1..length)) else { return };
            let record = record.strip_suffix(b"\n").unwrap_or(record);
            if let Some(eq) = record.iter().position(|&b| b == b'=') {
                let value = &record[eq + 1..];
                let number = || std::str::from_utf8(value).ok()?.split('.').next()?.parse::<i64>().ok();
                match &record[..eq] {
                    b"path" => self.path = Some(String::from_utf8_lossy(value).into_owned()),
                    b"size" => self.size = number().and_then(|n| u64::try_from(n).ok()),
                    b"mtime" => self.modified = number(),
                    _ => {}
                }
            }
            records = &records[length.unwrap_or(records.len())..];
        }
    }
}

/// A tar header's path: its name, after its prefix (POSIX's ustar only; GNU's keeps times there).
fn header_path(header: &[u8]) -> String {
    let name = text(&header[..100]);
    if header[257..263] == *b"ustar\0" && header[345] != 0 {
        format!("{}/{name}", text(&header[345..500]))
    } else {
        name
    }
}

/// Text up to its first NUL.
fn text(field: &[u8]) -> String {
    let end = field.iter().position(|&b| b == 0).unwrap_or(field.len());
    String::from_utf8_lossy(&field[..end]).into_owned()
}

/// A tar header's number: octal digits between spaces or NULs, or GNU's base-256 for what
/// octal cannot hold (its first byte's high bit set).
fn octal(field: &[u8]) -> Option<u64> {
    if field.first().is_some_and(|&b| b & 0x80 != 0) {
        return field[1..]
            .iter()
            .try_fold(u64::from(field[0] & 0x7f), |n, &b| n.checked_mul(256).map(|n| n | u64::from(b)));
    }
    let mut digits = field.iter().skip_while(|&&b| b == b' ' || b == 0).take_while(|&&b| b != b' ' && b != 0);
    let mut any = false;
    let n = digits.try_fold(0u64, |n, &b| {
        any = true;
        (b'0'..=b'7').contains(&b).then_some(())?;
        n.checked_mul(8).map(|n| n + u64::from(b - b'0'))
    });
    n.filter(|_| any)
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
        let opened = open(input.clone(), MAX_INPUT_BYTES);
        assert!(opened.streams().is_empty());
        let unpacked = opened.unpack(&mut |_, _| Err("asked".into()));
        assert_eq!(unpacked, Unpacked { files: vec![input], failures: vec![], archive: false });
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
            ("c8-coverage.tar.gz", 1, 1),
            ("gnu-long.tar", 0, 2),
            ("pax-long.tar", 0, 2),
            ("ustar-long.tar", 0, 2),
            ("mixed.zip", 1, 1),
            ("bzip2.zip", 0, 0),
            ("cut.zip", 0, 0),
        ] {
            let bytes = std::fs::read(fixtures.join(file)).unwrap_or_default();
            let opened = open(Input { name: file.into(), bytes, modified: None, in_folder: false }, MAX_INPUT_BYTES);
            let listed: Vec<Stream> = opened.streams().into_iter().map(|(stream, _)| stream.clone()).collect();
            let mut asked = Vec::new();
            let inputs = opened
                .unpack(&mut |stream, bytes| {
                    asked.push(stream.clone());
                    assert_eq!(bytes.len(), stream.range.len(), "{file}");
                    // A zip's file must inflate to the size its archive says.
                    let size = if stream.compression == Compression::Deflate { stream.limit } else { 1 };
                    Ok(vec![0; size as usize])
                })
                .files;
            assert_eq!((asked.len(), inputs.len()), (n_streams, n_files), "{file}");
            assert_eq!(asked, listed, "{file}");
        }
    }

    #[test]
    fn a_tar_gives_each_file_its_time_and_reads_numbers_as_its_formats_write_them() {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/packed");
        let bytes = std::fs::read(fixtures.join("pax-long.tar")).unwrap_or_default();
        let files = open(Input { name: "a.tar".into(), bytes, modified: None, in_folder: false }, MAX_INPUT_BYTES)
            .unpack(&mut |_, _| Err("asked".into()))
            .files;
        // record.sh packs them with `--mtime='2026-12-06 12:00:00 UTC'`.
        let times: Vec<String> = files.iter().map(|f| f.modified.map(|t| t.to_string()).unwrap_or_default()).collect();
        assert_eq!(times, ["2026-12-06T12:00:00Z", "2026-12-06T12:00:00Z"]);
        // A tar cut short in its second file: the first is kept, the cut said.
        let bytes = std::fs::read(fixtures.join("cut.tar")).unwrap_or_default();
        let unpacked = open(Input { name: "cut.tar".into(), bytes, modified: None, in_folder: false }, MAX_INPUT_BYTES)
            .unpack(&mut |_, _| Err("asked".into()));
        let names: Vec<&str> = unpacked.files.iter().map(|f| f.name.rsplit('/').next().unwrap_or_default()).collect();
        assert_eq!(names, ["lcov.info"]);
        let [failure] = &unpacked.failures[..] else { panic!("one failure: {:?}", unpacked.failures) };
        assert_eq!(failure.file, "cut.tar");
        assert!(failure.problem.starts_with("a tar archive that cannot be read to its end: it is cut short in "));
        // Octal between spaces or NULs (POSIX), and GNU's base-256 for sizes past 8 GiB.
        for (field, number) in [
            (&b"00000001750\0"[..], Some(1000)),
            (b"   1750 \0", Some(1000)),
            (b"\x80\0\0\0\0\0\0\x02\0\0\0\x01", Some((2 << 32) + 1)),
            (b"\0\0\0\0", None),
            (b"0000018\0", None),
        ] {
            assert_eq!(octal(field), number, "{field:?}");
        }
    }

    #[test]
    fn archives_in_an_archive_are_opened_in_turn_within_what_is_left_of_the_budget() {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/packed");
        let bytes = std::fs::read(fixtures.join("artifact-of-a-tarball.zip")).unwrap_or_default();
        let input = Input { name: "a.zip".into(), bytes, modified: None, in_folder: false };
        // The zip's files as they are: the tar, the gzip file (261 bytes), the jar.
        let held: u64 = zip_members(&input.bytes, u64::MAX).unwrap_or_default().iter().map(|m| m.size).sum();
        let mut unpacking = Unpacking::within(input, held + 100);
        let mut asked = Vec::new();
        while let Some(opened) = unpacking.next() {
            let unpacked = opened.unpack(&mut |stream, bytes| {
                asked.push((stream.compression, stream.limit));
                let mut inflated = Vec::new();
                let read = match stream.compression {
                    Compression::Gzip => {
                        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(bytes), &mut inflated)
                    }
                    Compression::Deflate => {
                        std::io::Read::read_to_end(&mut flate2::read::DeflateDecoder::new(bytes), &mut inflated)
                    }
                };
                read.map(|_| inflated).map_err(|e| e.to_string())
            });
            unpacking.opened(unpacked);
        }
        let Unpacked { files, archive, .. } = unpacking.finish();
        assert!(archive);
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            ["a.zip/coverage.tar/lcov.info", "a.zip/coverage.tar/clover.xml", "a.zip/lcov.info.gz", "a.zip/tool.jar"]
        );
        // The gzip file may inflate to the room it takes and the 100 bytes left, once the tar is
        // replaced by its two files; the jar is a zip, not opened.
        let (tar, files_in_it) = (10_240, 551 + 2215);
        let gzip = asked.iter().find(|(compression, _)| *compression == Compression::Gzip).map(|(_, limit)| *limit);
        assert_eq!(gzip, Some(held + 100 - (held - tar + files_in_it - 261)));
    }

    #[test]
    fn room_is_made_only_for_what_the_bytes_can_inflate_to() {
        // A gzip file of 24 bytes whose trailer says 1 GiB: deflate cannot make that of them.
        let mut bytes = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        bytes.extend_from_slice(&(1u32 << 30).to_le_bytes());
        let streams = |bytes: &[u8]| -> Vec<Stream> {
            let opened = open(
                Input { name: "a.gz".into(), bytes: bytes.to_vec(), modified: None, in_folder: false },
                MAX_INPUT_BYTES,
            );
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
            let Unpacked { files, failures, .. } = open(input, MAX_INPUT_BYTES).unpack(&mut |_, _| Err("asked".into()));
            assert!(files.is_empty());
            assert_eq!(failures.len(), 1);
            assert!(
                failures[0].problem.starts_with("a zip archive that cannot be opened: it "),
                "{}",
                failures[0].problem
            );
        }
    }
}
