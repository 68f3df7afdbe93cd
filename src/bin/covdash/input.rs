//! What the commands read: coverage files (or standard input) parsed and combined as the page
//! does, and sources under a folder.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::cli::Fatal;
use covdash::formats::Diagnostic;
use covdash::model::{Metric, Reading, Report, SourceFile, Sources, Timestamp};
use covdash::packed::{self, Compression};
use covdash::present::{self, Overrides};
use covdash::session::{Batch, Combination, Combined, Input};

/// The data has no figures for `metric`, only for `recorded`.
pub(crate) fn missing(metric: Metric, recorded: &[Metric]) -> Fatal {
    let names: Vec<&str> = Metric::ALL.into_iter().filter(|m| recorded.contains(m)).map(Metric::plural).collect();
    Fatal(format!("the data has no {metric} figures (it has: {})", names.join(", ")))
}

/// A file's modification time: the stand-in for a report's own time, as a browser's
/// `lastModified` is on the page.
fn modified(path: &str) -> Option<Timestamp> {
    modified_of(&std::fs::metadata(path).ok()?)
}

/// [`modified`], from metadata already read.
fn modified_of(metadata: &std::fs::Metadata) -> Option<Timestamp> {
    let modified = metadata.modified().ok()?;
    let seconds = modified.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(Timestamp::from_unix_seconds(i64::try_from(seconds).ok()?))
}

/// Reads and parses every file as the page does, reporting skipped records on stderr; a file
/// that cannot be read or used fails the command. A folder stands for the files under it, as
/// the page's "Choose a folder" reads them: beside the coverage among them, the files that are
/// neither coverage nor the sources of its files are counted (on stderr), not refused.
pub(crate) fn read_batch(paths: &[String]) -> Result<Batch, Fatal> {
    let mut inputs = Vec::with_capacity(paths.len());
    let mut folders: Vec<(String, u64)> = Vec::new();
    for path in paths {
        if path == "-" {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
                .map_err(|e| Fatal(format!("standard input: {e}")))?;
            inputs.push(Input { name: "standard input".to_owned(), bytes, modified: None, in_folder: false });
            continue;
        }
        if Path::new(path).is_dir() {
            let files = files_under(Path::new(path))
                .into_iter()
                .map(|file| {
                    let name = file.display().to_string();
                    match std::fs::metadata(&file) {
                        Ok(metadata) => Ok((name, metadata)),
                        Err(e) => Err(Fatal(format!("{}: {e}", present::terminal(&name)))),
                    }
                })
                .collect::<Result<Vec<_>, Fatal>>()?;
            let size: u64 = files.iter().map(|(_, metadata)| metadata.len()).sum();
            if size > FOLDER_LIMIT {
                return Err(Fatal(format!(
                    "{}: {} in {} under it, more than a folder is read for (its every file is read, {} at most): \
                     give the coverage files, or the folder they are in",
                    present::terminal(path),
                    present::size_text(size),
                    present::count_of(files.len() as u64, "file"),
                    present::size_text(FOLDER_LIMIT)
                )));
            }
            let files_read = files.len() as u64;
            for (name, metadata) in files {
                let bytes = std::fs::read(&name).map_err(|e| Fatal(format!("{}: {e}", present::terminal(&name))))?;
                inputs.push(Input { modified: modified_of(&metadata), name, bytes, in_folder: true });
            }
            folders.push((path.clone(), files_read));
            continue;
        }
        let bytes = std::fs::read(path).map_err(|e| Fatal(format!("{path}: {e}")))?;
        inputs.push(Input { name: path.clone(), bytes, modified: modified(path), in_folder: false });
    }
    let inputs = unpacked(inputs, &mut folders)?;
    let (batch, failures) = Batch::parse(inputs);
    if let Some(failure) = failures.first() {
        return Err(Fatal(failure.to_string()));
    }
    if batch.files.is_empty() && batch.portfolio.is_none() && !folders.is_empty() {
        // Each as the page says it of a folder chosen.
        let said: Vec<String> = folders
            .iter()
            .map(|(folder, n)| {
                format!("{}: {}", present::terminal(folder), present::none_of_a_folders(*n, "a coverage file"))
            })
            .collect();
        return Err(Fatal(said.join("; ")));
    }
    if let Some(failure) = batch.given_failures().next() {
        return Err(Fatal(failure.to_string()));
    }
    let info = batch.info();
    let sources = info.sources.filter(|_| !folders.is_empty());
    for said in [sources, info.read_once].into_iter().flatten() {
        eprintln!("covdash: {said}");
    }
    for file in batch.files.iter() {
        let what = present::Skipped::of(file.parsed.format);
        warn(&file.name, file.parsed.n_diagnostics, &file.parsed.diagnostics, what);
    }
    Ok(batch)
}

/// `inputs` with each gzip file inflated and each zip or tar archive opened into its files, and
/// the archives in them in turn (read as a folder's: an archive is listed in `folders`). A file
/// named that cannot be inflated or opened fails the command; a file of an archive or a folder
/// that cannot be is said on stderr and left out.
fn unpacked(inputs: Vec<Input>, folders: &mut Vec<(String, u64)>) -> Result<Vec<Input>, Fatal> {
    let mut all = Vec::with_capacity(inputs.len());
    for input in inputs {
        let (name, in_folder) = (input.name.clone(), input.in_folder);
        let mut unpacking = packed::Unpacking::new(input);
        while let Some(opened) = unpacking.next() {
            unpacking.opened(opened.unpack(&mut inflate));
        }
        let packed::Unpacked { files, failures, archive } = unpacking.finish();
        // A file named on the command line that cannot be opened, or none of whose files can:
        // the command cannot go on. One found in a folder is said and left out, as a folder's
        // other files are.
        if !in_folder && !failures.is_empty() {
            if let Some(failure) = failures.iter().find(|failure| failure.file == name) {
                return Err(Fatal(failure.to_string()));
            }
            if files.is_empty() {
                let said: Vec<String> = failures.iter().map(ToString::to_string).collect();
                return Err(Fatal(said.join("; ")));
            }
        }
        if archive {
            folders.push((name, files.len() as u64));
        }
        for failure in &failures {
            eprintln!("covdash: {failure}");
        }
        all.extend(files);
    }
    Ok(all)
}

/// `bytes` inflated as `stream` says (flate2: a gzip file of several members is read whole).
fn inflate(stream: &packed::Stream, bytes: &[u8]) -> packed::Inflated {
    use std::io::Read;
    let mut inflated = Vec::with_capacity(stream.expected as usize);
    let read = match stream.compression {
        Compression::Gzip => flate2::read::MultiGzDecoder::new(bytes).take(stream.limit + 1).read_to_end(&mut inflated),
        Compression::Deflate => {
            flate2::read::DeflateDecoder::new(bytes).take(stream.limit + 1).read_to_end(&mut inflated)
        }
    };
    match read {
        Err(e) => Err(format!("it cannot be inflated: {e}")),
        Ok(_) if inflated.len() as u64 > stream.limit => {
            Err(format!("it inflates to more than {}", present::size_text(stream.limit)))
        }
        Ok(_) => Ok(inflated),
    }
}

/// What was skipped, repaired or read past in the file `name`: how much, then each listed, on
/// standard error. Nothing when there was nothing.
pub(crate) fn warn(name: &str, n: u64, diagnostics: &[Diagnostic], what: present::Skipped) {
    if n == 0 {
        return;
    }
    eprintln!("covdash: {}", present::skipped(&present::terminal(name), n, what));
    for diagnostic in diagnostics {
        eprintln!("  {}", present::terminal(&diagnostic.to_string()));
    }
}

/// Reads the files and combines them as the page does: as `reading` says (or as covdash
/// suggests), with the data's settings under the flags'.
pub(crate) fn read_combined(
    paths: &[String],
    reading: Option<Reading>,
    overrides: &Overrides,
) -> Result<Combined, Fatal> {
    combined(&read_batch(paths)?, reading, overrides)
}

/// `batch` read together as `reading` (as it reads best when `None`), with `overrides` (their
/// exclusions applied, what they left out in the report); `Err` when the data has no figure for
/// the metric it is to be judged by (the flag's, else the file's), while it has figures for
/// others: every figure would be "n/a".
pub(crate) fn combined(batch: &Batch, reading: Option<Reading>, overrides: &Overrides) -> Result<Combined, Fatal> {
    let reading = reading.unwrap_or_else(|| batch.info().reading);
    let combined = batch.combine(&Combination::new(reading, overrides, &BTreeMap::new()));
    let asked = overrides.metric.unwrap_or(combined.report.metric);
    let recorded = combined.report.recorded_metrics();
    if !recorded.is_empty() && (asked != combined.report.metric || !recorded.contains(&asked)) {
        return Err(missing(asked, &recorded));
    }
    Ok(combined)
}

/// The most a folder's files may hold together, as the page reads at most at once: a folder
/// is read whole, and one this large is a project's (its build's output), not its coverage's.
const FOLDER_LIMIT: u64 = covdash::session::MAX_INPUT_BYTES;

/// Every file under `folder`, in order, as the page reads a folder: hidden folders and
/// installed packages (`node_modules`) are not read.
fn files_under(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                if !covdash::model::skipped_folder(&entry.file_name().to_string_lossy()) {
                    folders.push(entry.path());
                }
            } else if kind.is_file() {
                files.push(entry.path());
            }
        }
    }
    covdash::model::sort(&mut files);
    files
}

/// The sources under `root` of `report`'s files: the files there that bear the name of one of
/// them, matched by their longest common ending. Hidden folders and installed packages
/// (`node_modules`) are not read.
pub(crate) fn sources_under(root: &Path, report: &Report) -> Result<Sources, Fatal> {
    if !root.is_dir() {
        return Err(Fatal(format!("{}: not a folder (--source-root)", present::terminal(&root.display().to_string()))));
    }
    let paths: Vec<&str> = report.file_paths().collect();
    let names: HashSet<&str> = paths.iter().map(|p| p.rsplit('/').next().unwrap_or(p)).collect();
    let named = files_under(root)
        .into_iter()
        .filter(|path| path.file_name().is_some_and(|name| names.contains(name.to_string_lossy().as_ref())));
    let given = named
        .filter_map(|path| {
            let relative = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().into_owned();
            std::fs::read(&path).ok().and_then(|bytes| SourceFile::of_bytes(relative, &bytes))
        })
        .collect();
    Ok(Sources::matched(given, paths))
}

/// The categories of `now`'s lines against `before`'s, through the diff `now` was read with
/// (`diff_given`: one was asked for, so a file that is no diff is an error).
pub(crate) fn differential_of(
    before: &Combined,
    now: &Combined,
    diff_given: bool,
) -> Result<covdash::analysis::Differential, Fatal> {
    if diff_given && now.report.change.is_none() {
        return Err(Fatal("--diff: this is not a diff (no `diff --git` line or `---`/`+++` pair)".to_owned()));
    }
    let (Some(base), Some(latest)) = (before.report.latest(), now.report.latest()) else {
        return Err(Fatal("the coverage files hold no snapshot".to_owned()));
    };
    Ok(covdash::analysis::differential(base, latest, now.report.change.as_deref()))
}

/// The lines covered in one of two runs of one commit and not in the other: per file of
/// `run`'s report.
pub(crate) fn unstable_of(run: &Combined, other: &Combined) -> Result<Vec<(String, Vec<u32>)>, Fatal> {
    match (run.report.latest(), other.report.latest()) {
        (Some(run), Some(other)) => Ok(covdash::analysis::unstable_lines(run, other)),
        _ => Err(Fatal("the coverage files hold no snapshot".to_owned())),
    }
}
