//! The browser entry point: mounts the dashboard on `<body>`.

fn main() {
    #[cfg(target_arch = "wasm32")]
    console_error_panic_hook::set_once();
    yew::Renderer::<covdash::ui::App>::new().render();
}
