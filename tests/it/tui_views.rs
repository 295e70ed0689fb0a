//! Snapshot tests of every workbench view on the built-in example map, at 80x24 and 160x48.
//!
//! The snapshots are the screen's text (symbols, not colours); `cargo insta review` shows a
//! changed one side by side with the old.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use touchpoint::tui::{self, Action, App, Config};
use touchpoint_engine::mapfile::load_str;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn example_app(width: u16, height: u16) -> App {
    let map = tui::example().expect("the built-in example loads");
    App::new(
        map,
        tui::EXAMPLE_NAME.into(),
        Config::default(),
        Rect::new(0, 0, width, height),
    )
}

/// Applies `actions` to the example at each size and snapshots the screen.
fn snapshot(name: &str, actions: impl Fn() -> Vec<Action>) {
    for (width, height) in SIZES {
        let mut app = example_app(width, height);
        for action in actions() {
            app.apply(action);
        }
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
        terminal
            .draw(|frame| tui::view::render(frame, &app))
            .expect("drawing never fails");
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), terminal.backend());
    }
}

#[test]
fn grid() {
    snapshot("grid", Vec::new);
}

#[test]
fn grid_walked_along_a_flow() {
    snapshot("grid_walked", || vec![Action::NextStep, Action::NextStep]);
}

#[test]
fn inspector() {
    snapshot("inspector", || vec![Action::NextStep, Action::Select]);
}

#[test]
fn inventory() {
    snapshot("inventory", || vec![Action::ShowInventory, Action::Down]);
}

#[test]
fn inventory_by_stage() {
    snapshot("inventory_stages", || {
        vec![Action::ShowInventory, Action::ToggleAxis]
    });
}

#[test]
fn findings() {
    snapshot("findings", || vec![Action::ShowFindings, Action::Down]);
}

#[test]
fn jump_to_finding() {
    snapshot("jump", || vec![Action::ShowFindings, Action::Select]);
}

#[test]
fn help() {
    snapshot("help", || vec![Action::Help]);
}

#[test]
fn search() {
    snapshot("search", || {
        let mut actions = vec![Action::Search];
        actions.extend("phone".chars().map(Action::Type));
        actions
    });
}

#[test]
fn filtered_to_problems() {
    snapshot("problems", || vec![Action::ToggleProblems]);
}

#[test]
fn error_banner() {
    snapshot("banner", || {
        let broken = tui::EXAMPLE.replacen("title:", "titel:", 2);
        let err = load_str("broadband-fault.ron", broken).expect_err("a typo breaks it");
        vec![Action::Reload(Box::new(Err(err)))]
    });
}
