//! touchpoint's integration tests, built as one test binary: the command line as people and CI
//! jobs use it, the workbench's screens, the README's promises, and the workbench end to end in
//! tmux (those are `#[ignore]`d without tmux; `.ci/run` runs them with `--include-ignored`).

mod architecture;
mod cli;
mod diff_cli;
mod export_cli;
mod readme;
mod tmux;
mod tui_e2e;
mod tui_edit_e2e;
mod tui_readme;
mod tui_review_e2e;
mod tui_views;
