//! What the page asks of the core's session, and its answers: the messages, typed, as they
//! travel between the page and the core's module (in postcard's encoding, `message` with the `web` feature).

use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::escape::terminal;
use crate::format::size_text;
#[cfg(doc)]
use crate::link::fragment;
use crate::link::parse_fragment;
use crate::overrides::Overrides;
use crate::settings::Settings;
use crate::time::Timestamp;
use crate::view::{
    DashboardView, FileSort, PackageFiles, PackageRows, RowOrder, SectionBody, SectionView, SourceView, TreemapView,
};
use crate::vocab::{Reading, Section};

/// The most the page reads at once, in bytes. A 32-bit WebAssembly memory holds 4 GiB, of
/// which a parse needs the file itself and a model of it (several times the size of an LCOV
/// file's lines); beyond this the CLI, which has the machine's memory, is the tool.
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// A file as given to the session: its name, its bytes and when it was last changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
    pub modified: Option<Timestamp>,
    /// It came in a folder (chosen, dropped, or named on the command line), by its path there:
    /// beside the coverage in it, a file that is neither coverage nor the source of one of the
    /// report's files is only counted, not refused.
    pub in_folder: bool,
}

impl Input {
    /// How a load's request names it.
    pub fn file_name(&self) -> FileName {
        FileName { name: self.name.clone(), in_folder: self.in_folder }
    }
}

/// A file of a load as the request names it (its bytes travel beside the request).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileName {
    /// The file's name; a folder's file, its path in the folder.
    pub name: String,
    /// It came in a folder ([`Input::in_folder`]).
    pub in_folder: bool,
}

/// A file given alone, by its name.
impl From<&str> for FileName {
    fn from(name: &str) -> FileName {
        FileName { name: name.to_owned(), in_folder: false }
    }
}

/// A batch as the page first learns of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchInfo {
    pub n_files: usize,
    /// Those of them that bring coverage: a test-results file beside one coverage file is
    /// not a second part of the run.
    pub n_coverage_files: usize,
    /// How its files are best read together.
    pub reading: Reading,
    /// What was skipped or repaired while reading, per file.
    pub problems: Option<String>,
    /// The settings the data came with, in the settings' text syntax ([`fragment`]): the page
    /// reads it once per batch, with the reader its links need anyway, so its module holds no
    /// second reader of settings.
    pub settings: String,
    /// The batch is the one shown before with a diff added: a diff given alone joins the
    /// coverage shown.
    #[serde(default)]
    pub joined: bool,
    /// How many of the report's files have their source at hand, and which files given
    /// matched none (`"Sources: 12 of the report's files; 2 files given match none: …"`).
    #[serde(default)]
    pub sources: Option<String>,
    /// Coverage files that hold the same run in other formats than one read, and were left out
    /// for it (`"The same run in 3 formats: coverage-final.json read; clover.xml and lcov.info
    /// left out"`).
    #[serde(default)]
    pub read_once: Option<String>,
}

impl BatchInfo {
    /// The data's own settings.
    pub fn settings(&self) -> Settings {
        parse_fragment(&self.settings).0.apply(&Settings::default())
    }
}

/// A file that could not be used, and why. Both are as given: the name is the person's file's,
/// and the reason may quote the file's bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub file: String,
    pub problem: String,
}

/// The name and the reason as text: a character that acts on text is written as its escape
/// ([`terminal`]), so a quoted line break or override cannot move or reorder what the page and
/// the command line say.
impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", terminal(&self.file), terminal(&self.problem))
    }
}

impl Failure {
    /// The refusal of `bytes` of input in all (one file, `name`, or several) past
    /// [`MAX_INPUT_BYTES`]; `None` when they fit.
    pub fn too_large(name: &str, bytes: u64) -> Option<Failure> {
        (bytes > MAX_INPUT_BYTES).then(|| Failure {
            file: name.to_owned(),
            problem: format!(
                "{} is more than the page can read at once ({}): the browser gives a page's \
                 WebAssembly at most 4 GB, and a parse needs several times the file's size. \
                 Nothing was read. `covdash report` reads it on the command line.",
                size_text(bytes),
                size_text(MAX_INPUT_BYTES)
            ),
        })
    }
}

/// How the page reads the batch: as parts or as moments, with the person's settings and the
/// snapshot labels they typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Combination {
    pub reading: Reading,
    pub overrides: Overrides,
    pub labels: BTreeMap<usize, String>,
    /// One repository of an organisation, shown as its own dashboard (its history), by name;
    /// `None` is the organisation (or a batch that is no organisation).
    #[serde(default)]
    pub repository: Option<String>,
}

impl Combination {
    pub fn new(reading: Reading, overrides: &Overrides, labels: &BTreeMap<usize, String>) -> Combination {
        Combination { reading, overrides: overrides.clone(), labels: labels.clone(), repository: None }
    }

    /// This combination, showing `repository` of an organisation.
    pub fn within(self, repository: Option<String>) -> Combination {
        Combination { repository, ..self }
    }
}

/// Package rows in the first answer about a snapshot; the page asks for more as it needs them.
pub const FIRST_PACKAGES: usize = 50;

/// What the page shows of a snapshot: the dashboard, its first package rows, the analysis
/// sections. The view's own `packages` are left out (the rows grow with the data): the page
/// asks for them a page or a filter at a time ([`Request::Packages`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shown {
    pub view: Rc<DashboardView>,
    /// The first [`FIRST_PACKAGES`] rows, unfiltered.
    pub packages: Rc<PackageRows>,
    pub sections: Rc<[SectionView]>,
}

impl Shown {
    /// What the page is sent of `view` and `sections`.
    pub fn of(view: &DashboardView, sections: Vec<SectionView>) -> Shown {
        Shown {
            packages: Rc::new(PackageRows::of(&view.packages, "", FIRST_PACKAGES, RowOrder::default())),
            view: Rc::new(DashboardView { packages: Rc::from([]), ..view.clone() }),
            sections: Rc::from(sections),
        }
    }
}

/// One kind of export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Export {
    Markdown,
    Text,
    Badge,
    Json,
}

/// How far a load has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Progress {
    /// Bytes read of all the files'.
    Reading { done: u64, total: u64 },
    /// Every file read; parsing them.
    Parsing,
    /// Combining and analysing them.
    Analysing,
}

/// The page's first question about a batch it loads: the view of the latest snapshot, read as
/// the batch suggests, with the person's settings and no labels. A load answers it with the
/// batch ([`Reply::Loaded`]), so that a drop takes one round trip to the first sections.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FirstView {
    pub overrides: Overrides,
    /// The sections an embedding asked for; `None` is all.
    pub sections: Option<Vec<Section>>,
}

impl FirstView {
    pub fn new(overrides: &Overrides, sections: Option<Vec<Section>>) -> FirstView {
        FirstView { overrides: overrides.clone(), sections }
    }

    /// The question this is, about a batch best read as `reading`.
    pub fn request(&self, reading: Reading) -> Request {
        let how = Combination::new(reading, &self.overrides, &BTreeMap::new());
        Request::Show { how, snapshot: None, sections: self.sections.clone() }
    }
}

/// A question to the session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Replace the batch with these files (given beside the request), if any can be used, and
    /// answer `first` about it (when asked).
    Load { names: Vec<FileName>, first: Option<FirstView> },
    /// The dashboard of the batch read as `how`, as of `snapshot`, with `sections` (all when
    /// `None`).
    Show { how: Combination, snapshot: Option<usize>, sections: Option<Vec<Section>> },
    /// The package rows of the dashboard of `how` as of `snapshot` whose names contain
    /// `filter`, the first `limit`, in `order`.
    Packages {
        how: Combination,
        snapshot: Option<usize>,
        filter: String,
        limit: usize,
        #[serde(default)]
        order: RowOrder,
    },
    /// A package's files, as its opened row shows them.
    Files { how: Combination, snapshot: Option<usize>, package: String, sort: FileSort, filter: String },
    /// A file opened to its lines (by the report's path), with its source where the page
    /// fetched it: `(address, text)`.
    Lines { how: Combination, snapshot: Option<usize>, path: String, fetched: Option<(String, Rc<str>)> },
    /// An export of the batch read as `how`.
    Export { how: Combination, export: Export },
    /// The treemap's level at `path` (empty: the top) as of `snapshot`.
    Treemap { how: Combination, snapshot: Option<usize>, path: Vec<String> },
    /// The recommendations section as of `snapshot`, its first `with_files` rows with their
    /// files.
    Recommendations { how: Combination, snapshot: Option<usize>, with_files: usize },
}

/// The session's answer to a [`Request`], or word of one under way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// A worker's session is ready for requests.
    Ready,
    Progress(Progress),
    /// The batch now shown (`None` when no file could be used: the batch before it stays),
    /// the files that could not be used, and the answer to the load's [`FirstView`] (when
    /// it asked one and the batch is new: a [`Reply::Shown`]).
    Loaded {
        info: Option<BatchInfo>,
        failures: Vec<Failure>,
        #[serde(default)]
        first: Option<Box<Reply>>,
    },
    Shown(Rc<Shown>),
    Packages(Rc<PackageRows>),
    Files(Rc<PackageFiles>),
    /// A file's lines; `None` when the report has no such file.
    Lines(Option<Rc<SourceView>>),
    Exported(String),
    Treemap(Rc<TreemapView>),
    /// A [`SectionBody::Recommendations`], or why there are none.
    Recommendations(Rc<SectionBody>),
}

impl Reply {
    /// A load's answer with `failures` said before its own: what went wrong reading the files,
    /// before the session saw them. Any other answer as it is.
    pub fn with_failures_first(mut self, mut failures: Vec<Failure>) -> Reply {
        if let Reply::Loaded { failures: said, .. } = &mut self {
            failures.append(said);
            *said = failures;
        }
        self
    }
}
