//! The page's components, one per file, each with its `Props` above it.

mod achievement_list;
mod analysis_sections;
mod banner;
mod bar_list;
mod count_up;
mod drop_zone;
mod eta_table;
mod export_menu;
mod fact_list;
mod file_picker;
mod function_list;
mod load_progress;
mod metric_switch;
mod overall_card;
mod package_detail;
mod package_list;
mod package_row;
mod paste_box;
mod progress_bar;
mod reading_switch;
mod recommendation_list;
mod section_card;
mod settings_panel;
mod show_more;
mod snapshot_switcher;
mod tier_badge;

pub use achievement_list::{AchievementList, AchievementListProps};
pub use analysis_sections::{AnalysisSections, AnalysisSectionsProps};
pub use banner::{Banner, BannerProps, BannerVariant};
pub use bar_list::{BarList, BarListProps};
pub use count_up::{CountUp, CountUpProps};
pub use drop_zone::{DropZone, DropZoneProps};
pub use eta_table::{EtaTable, EtaTableProps};
pub use export_menu::{ExportMenu, ExportMenuProps};
pub use fact_list::{FactList, FactListProps};
pub use file_picker::{FilePicker, FilePickerProps};
pub use function_list::{FunctionList, FunctionListProps};
pub use load_progress::{LoadProgress, LoadProgressProps};
pub use metric_switch::{MetricSwitch, MetricSwitchProps};
pub use overall_card::{OverallCard, OverallCardProps};
pub use package_detail::{PackageDetail, PackageDetailProps};
pub use package_list::{PackageList, PackageListProps};
pub use package_row::{PackageRowItem, PackageRowItemProps};
pub use paste_box::{PasteBox, PasteBoxProps};
pub use progress_bar::{BarSize, ProgressBar, ProgressBarProps};
pub use reading_switch::{ReadingSwitch, ReadingSwitchProps};
pub use recommendation_list::{RecommendationList, RecommendationListProps};
pub use section_card::{SectionCard, SectionCardProps};
pub use settings_panel::{SettingsPanel, SettingsPanelProps};
pub use show_more::{use_shown_rows, ShowMore, ShowMoreProps};
pub use snapshot_switcher::{SnapshotSwitcher, SnapshotSwitcherProps};
pub use tier_badge::{TierBadge, TierBadgeProps};

use crate::present::Tone;

/// The CSS class that colours an element by tier tone (`styles/tokens.css`).
pub(crate) fn tone_class(tone: Option<Tone>) -> &'static str {
    match tone {
        Some(Tone::Top) => "tone-top",
        Some(Tone::High) => "tone-high",
        Some(Tone::Middle) => "tone-middle",
        Some(Tone::Low) => "tone-low",
        Some(Tone::Bottom) => "tone-bottom",
        None => "tone-none",
    }
}
