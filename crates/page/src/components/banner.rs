//! A message across the top of the dashboard.

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

#[derive(Properties, PartialEq)]
pub struct BannerProps {
    /// The message, rendered as text.
    pub message: AttrValue,
    #[prop_or_default]
    pub variant: BannerVariant,
    /// Called when the user closes the banner; without it there is no close button.
    #[prop_or_default]
    pub ondismiss: Option<Callback<()>>,
}

/// A banner with an optional close button.
#[component]
pub fn Banner(props: &BannerProps) -> Html {
    let variant = props.variant;
    html! {
        <div class={classes!("banner", variant.class())} role={variant.role()}>
            <p class="banner__message">{props.message.clone()}</p>
            if let Some(ondismiss) = &props.ondismiss {
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
