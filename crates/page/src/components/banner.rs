//! A message across the top of the dashboard.

use covdash_protocol::counted;
use yew::prelude::*;

/// What kind of message it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BannerVariant {
    /// Something is under way (`role="status"`).
    #[default]
    Info,
    /// Something was read only in part (`role="status"`).
    Warning,
    /// Something failed (`role="alert"`).
    Error,
}

impl BannerVariant {
    fn class(self) -> &'static str {
        match self {
            BannerVariant::Info => "banner--info",
            BannerVariant::Warning => "banner--warning",
            BannerVariant::Error => "banner--error",
        }
    }

    fn role(self) -> &'static str {
        match self {
            BannerVariant::Info | BannerVariant::Warning => "status",
            BannerVariant::Error => "alert",
        }
    }
}

/// The lines a long message shows before the rest folds away.
const SHOWN_LINES: usize = 4;

/// A banner of `variant` with `message` (rendered as text), and a close button calling
/// `ondismiss` where there is one. A message of many lines (a file's skipped records, a line
/// each) shows its first few, and the rest under "Show 8 more lines". A view of its caller's,
/// not a component: it holds nothing of its own.
pub fn banner(message: &str, variant: BannerVariant, ondismiss: Option<&Callback<()>>) -> Html {
    let lines: Vec<&str> = message.lines().collect();
    // Folding one line away would hide as much as it saves.
    let (shown, folded) =
        if lines.len() > SHOWN_LINES + 1 { lines.split_at(SHOWN_LINES) } else { (&lines[..], &[][..]) };
    html! {
        <div class={classes!("banner", variant.class())} role={variant.role()}>
            <div class="banner__body">
                <p class="banner__message">{shown.join("\n")}</p>
                if !folded.is_empty() {
                    <details class="banner__more">
                        <summary>{format!("Show {}", counted(folded.len() as u64, "more line", "more lines"))}</summary>
                        <p class="banner__message">{folded.join("\n")}</p>
                    </details>
                }
            </div>
            if let Some(ondismiss) = ondismiss {
                <button
                    type="button"
                    class="banner__close"
                    aria-label="Dismiss"
                    onclick={ondismiss.reform(|_: MouseEvent| ())}
                >{"×"}</button>
            }
        </div>
    }
}
