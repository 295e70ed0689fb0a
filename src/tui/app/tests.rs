//! Tests of `App::apply`: navigation, flows, filters, search, jumps and reloads.

use ratatui::layout::Rect;

use super::filters::CONCERNS;
use super::*;
use crate::tui::outline::Row;
use touchpoint_engine::mapfile::load_str;

const WORKSHOP: &str = include_str!("../../../tests/fixtures/workshop.ron");

pub(crate) fn app(width: u16, height: u16) -> App {
    let map = load_str("workshop.ron", WORKSHOP.to_string()).expect("the fixture loads");
    App::new(
        map,
        "workshop.ron".into(),
        Config::default(),
        Rect::new(0, 0, width, height),
    )
}

pub(crate) fn at(app: &App) -> &str {
    app.selected_id().unwrap_or("")
}

fn select(app: &mut App, id: &str) {
    let ix = app
        .board
        .journey()
        .step_index(id)
        .expect("a step of the fixture");
    app.set_selected(Some(ix), false);
}

fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        app.apply(a);
    }
}

fn type_text(app: &mut App, text: &str) {
    run(app, text.chars().map(Action::Type));
}

#[test]
fn starts_on_the_first_step_in_the_grid() {
    let app = app(80, 24);
    assert_eq!(at(&app), "web-browse");
    assert_eq!(app.view, View::Grid);
    assert_eq!(app.context(), Context::Grid);
}

#[test]
fn arrows_move_through_cells_stacks_and_lanes() {
    let mut app = app(80, 24);
    app.apply(Action::Left);
    assert_eq!(at(&app), "web-browse", "nothing left of the first stage");
    app.apply(Action::Up);
    assert_eq!(at(&app), "web-browse", "nothing above the first lane");
    app.apply(Action::Right);
    assert_eq!(at(&app), "web-login");
    app.apply(Action::Down);
    assert_eq!(at(&app), "web-order", "down the stack of the Apply cell");
    app.apply(Action::Down);
    assert_eq!(at(&app), "app-browse", "the nearest step in the next lane");
    app.apply(Action::Up);
    assert_eq!(
        at(&app),
        "web-browse",
        "up to the nearest stage of the lane above"
    );
    run(&mut app, [Action::End]);
    assert_eq!(at(&app), "orphan");
    run(&mut app, [Action::Home]);
    assert_eq!(at(&app), "web-browse");
}

#[test]
fn scrolling_keeps_the_selection_on_screen() {
    let mut app = app(80, 24);
    app.apply(Action::End);
    let grid = app.grid();
    let place = app
        .lanes
        .place(app.selected.expect("selected"))
        .expect("shown");
    let top = app.lanes.card_top(place);
    assert!(app.scroll.grid_line <= top);
    assert!(top + app.lanes.card_height() <= app.scroll.grid_line + usize::from(grid.lanes.height));
    app.apply(Action::Home);
    assert_eq!(app.scroll.grid_line, 0);
}

#[test]
fn walking_flows_forward_back_and_across_branches() {
    let mut app = app(80, 24);
    select(&mut app, "credit-check");
    app.apply(Action::NextStep);
    assert_eq!(at(&app), "pay", "the first flow out");
    app.apply(Action::PrevStep);
    assert_eq!(at(&app), "credit-check", "back the way it came");
    app.apply(Action::NextBranch);
    assert_eq!(app.branch, 1);
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("Show ID in the shop"))
    );
    app.apply(Action::NextStep);
    assert_eq!(at(&app), "shop-id", "the chosen branch");
    app.apply(Action::NextStep);
    assert_eq!(at(&app), "pay");
    app.apply(Action::PrevStep);
    app.apply(Action::PrevStep);
    assert_eq!(
        at(&app),
        "credit-check",
        "the trail leads back through the shop"
    );

    select(&mut app, "web-login");
    app.apply(Action::PrevStep);
    assert_eq!(at(&app), "web-browse", "without a trail, the first way in");
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("one of 2"))
    );
    app.apply(Action::PrevStep);
    assert_eq!(at(&app), "web-browse");
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("no flow leads into"))
    );

    select(&mut app, "orphan");
    app.apply(Action::NextStep);
    assert_eq!(at(&app), "orphan");
    app.apply(Action::NextBranch);
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("no flow"))
    );
}

#[test]
fn filters_narrow_the_grid_and_keep_a_shown_step_selected() {
    let mut app = app(80, 24);
    let all = app.lanes.shown;
    assert_eq!(all, 13);
    app.apply(Action::ToggleProblems);
    assert!(app.lanes.shown < all);
    assert!(app.lanes.place(app.selected.expect("a step")).is_some());
    assert_ne!(at(&app), "web-browse", "a clean step is hidden");
    app.apply(Action::ToggleProblems);
    assert_eq!(app.lanes.shown, all);

    app.apply(Action::CycleChannel);
    assert_eq!(app.lanes.rows, vec![0]);
    assert_eq!(app.lanes.shown, 5, "the Website's steps");
    app.apply(Action::CycleChannel);
    assert_eq!(app.lanes.rows, vec![1]);
    run(
        &mut app,
        [
            Action::CycleChannel,
            Action::CycleChannel,
            Action::CycleChannel,
        ],
    );
    assert_eq!(app.filter.channel, None, "past the last channel: all again");
    assert_eq!(app.lanes.shown, all);

    app.apply(Action::ToggleElementFilter);
    assert!(app.filter.element.is_none(), "nothing followed yet");
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("follow a data element"))
    );

    run(
        &mut app,
        [
            Action::ToggleProblems,
            Action::CycleChannel,
            Action::ClearFilters,
        ],
    );
    assert!(!app.filter.is_active());
    assert_eq!(app.lanes.shown, all);
}

#[test]
fn following_an_element_from_the_inventory() {
    let mut app = app(80, 24);
    app.apply(Action::ShowInventory);
    assert_eq!(app.view, View::Inventory);
    let card = app.board.journey().element_index("card").expect("card");
    run(&mut app, (0..card).map(|_| Action::Down));
    assert_eq!(app.inventory.row, card);
    app.apply(Action::Select);
    assert_eq!(app.view, View::Grid);
    assert_eq!(app.follow, Some(card));
    assert_eq!(at(&app), "pay", "the only step taking the card");

    let address = app
        .board
        .journey()
        .element_index("address")
        .expect("address");
    app.apply(Action::ShowInventory);
    assert_eq!(
        app.inventory.row, card,
        "the inventory opens on the followed element"
    );
    run(&mut app, [Action::Up, Action::Select]);
    assert_eq!(app.follow, Some(address));
    assert_eq!(at(&app), "web-order", "the first in journey order");
    app.apply(Action::NextTaking);
    assert_eq!(at(&app), "phone-order");
    app.apply(Action::PrevTaking);
    assert_eq!(at(&app), "web-order");
    app.apply(Action::PrevTaking);
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("first step"))
    );

    app.apply(Action::ToggleElementFilter);
    assert_eq!(app.lanes.shown, 5, "the steps taking the home address");
    app.apply(Action::Back);
    assert_eq!(app.follow, None, "Esc stops following");
    assert!(!app.filter.is_active());
}

#[test]
fn following_an_element_from_the_inspector() {
    let mut app = app(80, 24);
    select(&mut app, "web-order");
    app.apply(Action::Select);
    assert_eq!(app.view, View::Inspector);
    assert_eq!(app.collection, Some(0));
    run(&mut app, [Action::Down, Action::Down]);
    assert_eq!(app.collection, Some(2));
    app.apply(Action::Select);
    let dob = app.board.journey().element_index("dob");
    assert_eq!(app.follow, dob);
    assert_eq!(app.view, View::Grid);
}

#[test]
fn search_narrows_as_you_type() {
    let mut app = app(80, 24);
    app.apply(Action::Search);
    assert_eq!(app.context(), Context::Search);
    type_text(&mut app, "shop");
    assert_eq!(app.lanes.shown, 2);
    assert!(at(&app).starts_with("shop-"));
    app.apply(Action::SearchBackspace);
    assert_eq!(app.filter.search(), "sho");
    let shown = app.lanes.shown;
    assert!(shown >= 2);
    app.apply(Action::SearchSubmit);
    assert_eq!(app.context(), Context::Grid);
    assert_eq!(app.lanes.shown, shown, "the search stays after Enter");

    app.apply(Action::Search);
    type_text(&mut app, "zzz");
    assert_eq!(app.lanes.shown, 0);
    assert_eq!(app.selected, None);
    app.apply(Action::SearchCancel);
    assert_eq!(app.filter.search(), "");
    assert_eq!(app.lanes.shown, 13);
    assert!(app.selected.is_some());

    app.apply(Action::Search);
    type_text(&mut app, "hold");
    assert_eq!(at(&app), "phone-order", "pain points are searched");
}

#[test]
fn jumping_to_a_finding_opens_its_step_and_collection() {
    let mut narrow = app(80, 24);
    narrow.apply(Action::ShowFindings);
    let Some(Row::Finding(first)) = narrow.outline.rows.get(narrow.findings.row) else {
        panic!("the cursor starts on a finding");
    };
    let f = narrow
        .board
        .analysis
        .findings
        .get(*first)
        .expect("a finding")
        .to_finding();
    assert_eq!(f.rule.code, "TP001");
    narrow.apply(Action::Select);
    assert_eq!(narrow.selected_id(), f.step.as_deref());
    assert_eq!(narrow.collection, f.collection);
    assert_eq!(
        narrow.view,
        View::Inspector,
        "narrow: the details, full size"
    );

    let mut wide = app(160, 48);
    run(
        &mut wide,
        [Action::ShowFindings, Action::Down, Action::Select],
    );
    assert_eq!(wide.view, View::Grid, "wide: the grid, details beside it");
    assert_eq!(at(&wide), "shop-id");

    // An element-only finding (an unused catalogue entry) opens the inventory there.
    let mut app = app(80, 24);
    app.apply(Action::ShowFindings);
    let unused = |app: &App| match app.outline.rows.get(app.findings.row) {
        Some(Row::Finding(i)) => app.board.analysis.findings[*i].rule.name == "unused-element",
        _ => false,
    };
    while !unused(&app) {
        let row = app.findings.row;
        app.apply(Action::Down);
        assert_ne!(app.findings.row, row, "the fixture has an unused element");
    }
    app.apply(Action::Select);
    assert_eq!(app.view, View::Inventory);
    assert_eq!(
        Some(app.inventory.row),
        app.board.journey().element_index("fax")
    );
}

#[test]
fn a_jump_clears_filters_that_hide_the_step() {
    let mut app = app(80, 24);
    app.apply(Action::CycleChannel);
    app.apply(Action::CycleChannel);
    app.apply(Action::ShowFindings);
    app.apply(Action::Select);
    assert!(!app.filter.is_active());
    assert_eq!(at(&app), "web-order");
}

#[test]
fn the_help_overlay_takes_keys_until_closed() {
    let mut app = app(80, 24);
    app.apply(Action::Help);
    assert_eq!(app.context(), Context::Help);
    run(
        &mut app,
        [
            Action::Down,
            Action::Down,
            Action::Right,
            Action::ShowFindings,
        ],
    );
    assert_eq!(app.overlays.help, Some(2));
    assert_eq!(app.view, View::Grid, "view keys do nothing under the help");
    app.apply(Action::Back);
    assert_eq!(app.overlays.help, None);
    app.apply(Action::Help);
    app.apply(Action::Help);
    assert_eq!(app.overlays.help, None, "? toggles");
    app.apply(Action::Help);
    app.apply(Action::Quit);
    assert!(app.should_quit());
}

#[test]
fn esc_goes_back_to_the_grid() {
    let mut app = app(80, 24);
    for show in [Action::ShowInventory, Action::ShowFindings, Action::Select] {
        app.apply(show);
        assert_ne!(app.view, View::Grid);
        app.apply(Action::Back);
        assert_eq!(app.view, View::Grid);
    }
}

#[test]
fn a_reload_keeps_the_place_and_a_broken_file_keeps_the_map() {
    let mut app = app(80, 24);
    select(&mut app, "credit-check");
    app.apply(Action::CycleChannel);
    let edited = WORKSHOP.replace("title: \"Credit check\"", "title: \"Affordability check\"");
    let map = load_str("workshop.ron", edited).expect("still loads");
    app.apply(Action::Reload(Box::new(Ok(Board::new(map)))));
    assert_eq!(at(&app), "credit-check");
    assert_eq!(app.filter.channel, Some(0), "filters survive");
    let step = app
        .board
        .step(app.selected.expect("selected"))
        .expect("a step");
    assert_eq!(step.title, "Affordability check");
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.starts_with("reloaded"))
    );

    let broken = WORKSHOP.replace("title: \"Pay the upfront cost\",", "titel: \"Pay\",");
    let err = load_str("workshop.ron", broken).expect_err("a typo");
    app.apply(Action::Reload(Box::new(Err(err))));
    let banner = app.overlays.banner.as_ref().expect("a banner");
    assert!(
        banner[0].to_string().starts_with("workshop.ron:"),
        "{}",
        banner[0]
    );
    assert!(banner[0].pos.is_some());
    assert_eq!(at(&app), "credit-check", "the last good map stays");
    assert_eq!(
        app.board
            .step(app.selected.expect("selected"))
            .map(|s| s.title.as_str()),
        Some("Affordability check")
    );

    let map = load_str("workshop.ron", WORKSHOP.to_string()).expect("loads");
    app.apply(Action::Reload(Box::new(Ok(Board::new(map)))));
    assert!(app.overlays.banner.is_none(), "fixed: the banner goes");

    // A step that disappears leaves a shown step selected.
    let without = WORKSHOP
        .replace("id: \"credit-check\"", "id: \"affordability\"")
        .replace("\"credit-check\"", "\"affordability\"");
    let map = load_str("workshop.ron", without).expect("loads");
    app.apply(Action::Reload(Box::new(Ok(Board::new(map)))));
    assert!(app.selected.is_some_and(|ix| app.lanes.place(ix).is_some()));
}

#[test]
fn esc_hides_the_banner_first() {
    let mut app = app(80, 24);
    app.apply(Action::ShowInventory);
    let err = load_str("workshop.ron", "(".into()).expect_err("broken");
    app.apply(Action::Reload(Box::new(Err(err))));
    app.apply(Action::Back);
    assert!(app.overlays.banner.is_none());
    assert_eq!(app.view, View::Inventory);
}

#[test]
fn resizing_keeps_the_selection_visible() {
    let mut app = app(160, 48);
    app.apply(Action::End);
    assert_eq!(app.scroll.grid_line, 0, "everything fits");
    app.apply(Action::Resize {
        width: 80,
        height: 24,
    });
    let grid = app.grid();
    let place = app
        .lanes
        .place(app.selected.expect("selected"))
        .expect("shown");
    assert!(app.lanes.card_top(place) >= app.scroll.grid_line);
    assert!(app.scroll.grid_line + usize::from(grid.lanes.height) >= app.lanes.card_top(place) + 4);
}

#[test]
fn messages_fade_after_a_few_seconds_of_ticks() {
    let mut app = app(120, 40);
    app.apply(Action::ClearFilters);
    assert!(app.message.is_some());
    app.apply(Action::Resize {
        width: 100,
        height: 30,
    });
    for _ in 1..MESSAGE_TICKS {
        app.apply(Action::Tick);
    }
    assert!(app.message.is_some(), "still there just before it fades");
    app.apply(Action::Tick);
    assert!(app.message.is_none(), "gone after {MESSAGE_TICKS} ticks");
}

#[test]
fn a_workbench_waiting_for_its_map_shows_the_progress_then_the_map() {
    let mut app = App::waiting(
        "workshop.ron".into(),
        Config::default(),
        Rect::new(0, 0, 120, 40),
    );
    assert!(app.waiting_for_first_map());
    assert_eq!(app.selected, None);
    let halfway = Progress {
        phase: crate::tui::Phase::Reading,
        read: 50,
        total: 100,
    };
    app.apply(Action::Loading(Some(halfway)));
    assert_eq!(app.loading, Some(halfway));
    let map = load_str("workshop.ron", WORKSHOP.to_string()).expect("the fixture loads");
    app.apply(Action::Reload(Box::new(Ok(Board::new(map)))));
    assert!(!app.waiting_for_first_map());
    assert_eq!(app.loading, None);
    assert_eq!(app.message.as_deref(), Some("loaded workshop.ron"));
    assert!(app.selected.is_some(), "the first step is selected");
}

/// A list's search texts are made when it is first searched, not before and not for the
/// others (the findings' are not kept at all).
#[test]
fn search_texts_are_made_for_the_list_searched_only() {
    let mut app = app(80, 24);
    run(
        &mut app,
        [
            Action::ShowInventory,
            Action::ShowFindings,
            Action::ShowGrid,
        ],
    );
    assert_eq!(app.board.texts_made(), [false; 2], "nothing searched yet");
    run(&mut app, [Action::ShowInventory, Action::Search]);
    type_text(&mut app, "number");
    assert_eq!(app.board.texts_made(), [false, true]);
    run(
        &mut app,
        [Action::SearchSubmit, Action::ShowFindings, Action::Search],
    );
    type_text(&mut app, "repeat");
    assert_eq!(app.board.texts_made(), [false, true]);
    assert!(app.outline.findings() > 0, "repeats found");
}

#[test]
fn the_inventory_filter_moves_the_cursor_within_what_it_shows() {
    let mut app = app(80, 24);
    run(&mut app, [Action::ShowInventory, Action::Search]);
    assert_eq!(app.context(), Context::Search);
    type_text(&mut app, "number");
    assert_eq!(app.view, View::Inventory, "the list is filtered in place");
    let shown = app.elements.clone();
    assert!(shown.len() >= 2 && shown.len() < app.board.journey().elements.len());
    assert_eq!(
        app.inventory.row, shown[0],
        "the cursor is on a shown element"
    );
    run(&mut app, [Action::SearchSubmit, Action::Down]);
    assert_eq!(app.inventory.row, shown[1]);
    run(&mut app, [Action::End]);
    assert_eq!(Some(&app.inventory.row), shown.last());
    app.apply(Action::Back);
    assert_eq!(app.view, View::Inventory, "Esc clears the filter first");
    assert_eq!(app.elements.len(), app.board.journey().elements.len());
    assert_eq!(
        Some(&app.inventory.row),
        shown.last(),
        "on the same element"
    );
    app.apply(Action::Back);
    assert_eq!(app.view, View::Grid);
}

#[test]
fn a_jump_to_an_element_hidden_by_the_inventory_filter_clears_it() {
    let mut app = app(80, 24);
    run(&mut app, [Action::ShowInventory, Action::Search]);
    type_text(&mut app, "card");
    run(&mut app, [Action::SearchSubmit, Action::ShowFindings]);
    let unused = |app: &App| match app.outline.rows.get(app.findings.row) {
        Some(Row::Finding(i)) => app.board.analysis.findings[*i].rule.name == "unused-element",
        _ => false,
    };
    while !unused(&app) {
        app.apply(Action::Down);
    }
    app.apply(Action::Select);
    assert_eq!(app.view, View::Inventory);
    assert!(!app.inventory_filter.is_active());
    assert_eq!(
        app.inventory_element(),
        app.board.journey().element_index("fax")
    );
}

#[test]
fn the_findings_narrow_to_a_concern_and_keep_the_cursor_on_a_finding() {
    let mut app = app(80, 24);
    app.apply(Action::ShowFindings);
    let all = app.outline.findings();
    app.apply(Action::CycleConcern);
    assert_eq!(app.concern, Some(Concern::Unjustified));
    assert!(app.outline.findings() < all);
    assert!(matches!(
        app.outline.rows.get(app.findings.row),
        Some(Row::Finding(_))
    ));
    for _ in 0..CONCERNS.len() {
        app.apply(Action::CycleConcern);
    }
    assert_eq!(app.concern, None, "after the last concern, all of them");
    assert_eq!(app.outline.findings(), all);
    app.apply(Action::ToggleFlows);
    assert!(app.show_flows);
}
