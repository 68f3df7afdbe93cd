//! The analysis as a report: a terminal report ([`text`]), a pull-request comment
//! ([`markdown`]) and a static page ([`html`]). The JSON report is the [`Analysis`](crate::analysis::Analysis) itself.

mod html;
mod markdown;
mod text;

pub use html::{html, HtmlParts};
pub use markdown::{differential_markdown, markdown, MarkdownOptions, COMMENT_CHARS};
pub(crate) use markdown::{esc as markdown_words, fitted, name as markdown_name, Block, Markdown, Need};
pub use text::{text, TextOptions};
