//! The command-line tool: the same parsers and analysis as the page, for terminals and CI.
//!
//! `covdash summary FILE... [--json] [--metric lines|statements|branches|functions]`
//! `covdash report FILE... [--format text|markdown|json|html] [settings]`
//! `covdash badge FILE... [settings]`
//! `covdash record --history FILE COVERAGE...`, `covdash check COVERAGE... [gates]`
//! `covdash portfolio [build] INDEX_OR_HISTORY...`, `covdash check --portfolio …`
//!
//! The settings flags are the page's settings ([`covdash::present::Key`]), under the names its
//! links give them. The tool is native only: built for the browser, it is an empty program.

#![cfg_attr(target_arch = "wasm32", no_main)]

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod input;
#[cfg(not(target_arch = "wasm32"))]
mod portfolio;
#[cfg(not(target_arch = "wasm32"))]
mod record;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}
