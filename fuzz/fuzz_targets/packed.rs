//! Fuzzes opening gzip files and zip and tar archives, and the archives inside them: whatever
//! the bytes, `packed` lists and unpacks without panicking, asks for exactly the streams it
//! listed, each within the bytes and its limit, and what it unpacks goes on through detection
//! and parsing. Inflating is the callers' (flate2 on the command line, the browser's own on the
//! page); here a stream's bytes stand for what it inflates to (a gzip file's after its header,
//! so that what follows stands for a tar it holds), cut to its limit.

#![no_main]

mod common;

use covdash::packed;
use covdash::session::Input;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let input = Input { name: "fuzz.zip".to_owned(), bytes: data.to_vec(), modified: None, in_folder: false };
    let mut unpacking = packed::Unpacking::new(input);
    while let Some(opened) = unpacking.next() {
        let listed: Vec<packed::Stream> = opened.streams().into_iter().map(|(stream, _)| stream.clone()).collect();
        let mut asked = Vec::new();
        let unpacked = opened.unpack(&mut |stream, bytes| {
            assert_eq!(bytes.len(), stream.range.len());
            assert!(stream.expected <= stream.limit);
            asked.push(stream.clone());
            let skip = if stream.compression == packed::Compression::Gzip { 10 } else { 0 };
            Ok(bytes.iter().copied().skip(skip).take(stream.limit as usize).collect())
        });
        assert_eq!(asked, listed);
        unpacking.opened(unpacked);
    }
    let packed::Unpacked { files, failures, .. } = unpacking.finish();
    for failure in &failures {
        assert!(!failure.problem.is_empty());
    }
    for input in files {
        common::check(None, &input.bytes);
    }
});
