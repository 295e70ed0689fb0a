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

/// Keys typed into a text field, as the terminal sends them.
fn typed(text: &str) -> Vec<Action> {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    text.chars()
        .map(|c| Action::Input(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
        .collect()
}

/// The form for a new collection on the second step, from its details.
fn collection_form() -> Vec<Action> {
    vec![Action::NextStep, Action::Select, Action::Add]
}

#[test]
fn form_for_a_collection() {
    snapshot("form_collection", collection_form);
}

#[test]
fn form_with_a_list_open() {
    snapshot("form_picker", || {
        let mut actions = collection_form();
        // The data element: the list narrowed by typing.
        actions.extend([Action::Select, Action::Type('p'), Action::Type('o')]);
        actions
    });
}

#[test]
fn form_with_a_text_field_open() {
    snapshot("form_text", || {
        let mut actions = collection_form();
        actions.extend([Action::Select, Action::Type('p'), Action::Select]);
        actions.extend([Action::Down, Action::Select]);
        actions.extend(typed("Tell the customer about outages"));
        actions
    });
}

#[test]
fn form_for_a_step() {
    snapshot("form_step", || vec![Action::Edit]);
}

#[test]
fn form_refused_with_its_reason() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    snapshot("form_refused", || {
        // The title emptied: the form stays, saying why.
        let mut actions = vec![Action::Edit, Action::Select];
        actions.push(Action::Input(KeyEvent::new(
            KeyCode::Char('u'),
            KeyModifiers::CONTROL,
        )));
        actions.extend([Action::Select, Action::Save]);
        actions
    });
}

#[test]
fn list_of_steps_to_link_to() {
    snapshot("picker_link", || vec![Action::Link, Action::Type('c')]);
}

#[test]
fn question_before_deleting_a_step() {
    snapshot("question_delete", || vec![Action::NextStep, Action::Delete]);
}

#[test]
fn catalogue() {
    snapshot("catalogue", || {
        vec![Action::ShowCatalogue, Action::NextList, Action::Down]
    });
}

#[test]
fn export_formats() {
    snapshot("export_picker", || vec![Action::Export]);
}

#[test]
fn unsaved_edits_in_the_header() {
    snapshot("unsaved", || {
        let mut actions = vec![Action::Add, Action::Select];
        actions.extend(typed("Read the outage map"));
        actions.extend([Action::Select, Action::Save]);
        actions
    });
}

/// The states worth drawing at every size: each view, each overlay.
fn every_state() -> Vec<(&'static str, Vec<Action>)> {
    let broken = tui::EXAMPLE.replacen("title:", "titel:", 2);
    let err = load_str("broadband-fault.ron", broken).expect_err("a typo breaks it");
    vec![
        ("grid", vec![]),
        ("every flow", vec![Action::ToggleFlows, Action::End]),
        (
            "inventory filtered",
            vec![Action::ShowInventory, Action::Search, Action::Type('o')],
        ),
        (
            "findings of a concern",
            vec![Action::ShowFindings, Action::CycleConcern],
        ),
        (
            "inspector",
            vec![Action::NextStep, Action::Select, Action::Down],
        ),
        ("inventory", vec![Action::ShowInventory, Action::Down]),
        (
            "inventory by stage",
            vec![Action::ShowInventory, Action::ToggleAxis],
        ),
        ("findings", vec![Action::ShowFindings, Action::Down]),
        ("help", vec![Action::Help, Action::PageDown]),
        ("search", vec![Action::Search, Action::Type('p')]),
        (
            "filtered",
            vec![Action::ToggleProblems, Action::CycleChannel],
        ),
        ("banner", vec![Action::Reload(Box::new(Err(err)))]),
        ("collection form", collection_form()),
        (
            "form with a list",
            vec![Action::Edit, Action::Down, Action::Down, Action::Select],
        ),
        ("form with a text field", vec![Action::Edit, Action::Select]),
        ("link list", vec![Action::Link]),
        ("question", vec![Action::Delete]),
        ("catalogue", vec![Action::ShowCatalogue, Action::End]),
        ("export list", vec![Action::Export, Action::Type('s')]),
    ]
}

/// The example after `actions` at 80x24.
fn app_after(actions: &[Action]) -> App {
    let mut app = example_app(80, 24);
    for a in actions {
        app.apply(a.clone());
    }
    app
}

/// Draws `app` resized to `width` x `height`, as a terminal resize would.
fn draw_at(app: &App, width: u16, height: u16) -> String {
    let mut app = app.clone();
    app.apply(Action::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| tui::view::render(frame, &app))
        .expect("drawing never fails");
    // The test backend cannot print a buffer with no columns (chunks of zero).
    if width == 0 {
        return String::new();
    }
    terminal.backend().to_string()
}

#[test]
fn every_view_draws_at_every_small_size_without_panicking() {
    for (name, actions) in every_state() {
        let app = app_after(&actions);
        for width in 0..=40 {
            for height in 0..=12 {
                let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    draw_at(&app, width, height)
                }));
                assert!(drawn.is_ok(), "{name} panics at {width}x{height}");
            }
        }
    }
}

#[test]
fn every_view_draws_at_large_and_odd_sizes() {
    let sizes = [
        (41, 13),
        (79, 23),
        (80, 1),
        (80, 3),
        (120, 7),
        (200, 60),
        (300, 100),
        (300, 3),
        (3, 100),
    ];
    for (name, actions) in every_state() {
        let app = app_after(&actions);
        for (width, height) in sizes {
            let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                draw_at(&app, width, height)
            }));
            assert!(drawn.is_ok(), "{name} panics at {width}x{height}");
        }
    }
}

#[test]
fn a_terminal_too_small_says_so() {
    let drawn = draw_at(&app_after(&[]), 30, 4);
    assert!(drawn.contains("too small"), "{drawn}");
}

/// The screen's last line (the key bar) after `actions`, at `width` x `height`.
fn key_bar(app: &App, width: u16, height: u16) -> String {
    let drawn = draw_at(app, width, height);
    let last = drawn.lines().last().unwrap_or_default().to_string();
    last.trim_matches('"').to_string()
}

#[test]
fn help_and_quit_are_always_in_the_key_bar() {
    let views = [
        vec![],
        vec![Action::ShowInventory],
        vec![Action::ShowFindings],
        vec![Action::NextStep, Action::Select],
    ];
    for actions in views {
        for (width, height) in [(80, 24), (100, 30), (60, 12), (40, 8)] {
            let bar = key_bar(&app_after(&actions), width, height);
            assert!(
                bar.contains("? help") && bar.contains("q quit"),
                "{actions:?} at {width}x{height}: {bar}"
            );
        }
    }
}

#[test]
fn a_message_takes_the_room_left_and_is_cut_with_an_ellipsis() {
    let source = format!(
        "{}/journey.ron",
        "a-map-in-a-folder-with-a-rather-long-name".repeat(3)
    );
    let map = tui::example().expect("the example loads");
    let mut app = App::new(map, source, Config::default(), Rect::new(0, 0, 80, 24));
    let board = touchpoint::tui::Board::new(tui::example().expect("the example loads"));
    app.apply(Action::Reload(Box::new(Ok(board))));
    for (width, height) in [(80, 24), (100, 30), (60, 12)] {
        let bar = key_bar(&app, width, height);
        assert!(bar.contains("reloaded a-map"), "{width}: {bar}");
        assert!(bar.contains('…'), "the message is cut with …: {bar}");
        assert!(
            bar.contains("? help") && bar.contains("q quit"),
            "{width}x{height}: {bar}"
        );
    }
}

/// The screen with its styles, for snapshots that see colours: each line of text, under it a
/// line naming each cell's style by a letter (`.`: the terminal's own), then the letters.
fn styled(app: &App, width: u16, height: u16) -> String {
    use ratatui::style::{Color, Modifier};
    let mut app = app.clone();
    app.apply(Action::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| tui::view::render(frame, &app))
        .expect("drawing never fails");
    let buffer = terminal.backend().buffer();
    const LETTERS: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut styles: Vec<(Color, Color, Modifier)> = Vec::new();
    let mut out = String::new();
    for y in 0..height {
        let mut text = String::new();
        let mut map = String::new();
        let mut skip = 0;
        for x in 0..width {
            let cell = &buffer[(x, y)];
            if skip == 0 {
                text.push_str(cell.symbol());
                skip = touchpoint_engine::text::width(cell.symbol()).max(1);
            }
            skip -= 1;
            let style = (cell.fg, cell.bg, cell.modifier);
            if style == (Color::Reset, Color::Reset, Modifier::empty()) {
                map.push('.');
                continue;
            }
            let i = styles.iter().position(|s| *s == style).unwrap_or_else(|| {
                styles.push(style);
                styles.len() - 1
            });
            map.push(LETTERS.chars().nth(i).unwrap_or('?'));
        }
        out.push_str(&format!("{text}\n{map}\n"));
    }
    out.push('\n');
    for (i, (fg, bg, modifier)) in styles.iter().enumerate() {
        let letter = LETTERS.chars().nth(i).unwrap_or('?');
        out.push_str(&format!("{letter}: fg {fg:?}, bg {bg:?}, {modifier:?}\n"));
    }
    out
}

fn themed(theme: &str, actions: &[Action]) -> App {
    let config = touchpoint::tui::config::parse(
        std::path::Path::new("config.ron"),
        &format!("(theme: \"{theme}\")"),
        Config::default(),
    )
    .expect("a theme");
    let mut app = App::new(
        tui::example().expect("the example loads"),
        tui::EXAMPLE_NAME.into(),
        config,
        Rect::new(0, 0, 80, 24),
    );
    for a in actions {
        app.apply(a.clone());
    }
    app
}

#[test]
fn styles_are_snapshotted_too() {
    for theme in ["dark", "light", "high-contrast"] {
        let app = themed(theme, &[]);
        insta::assert_snapshot!(format!("styled_grid_{theme}_80x24"), styled(&app, 80, 24));
    }
    let views = [
        ("inventory", vec![Action::ShowInventory, Action::Down]),
        ("findings", vec![Action::ShowFindings, Action::Down]),
    ];
    for (name, actions) in views {
        let app = themed("dark", &actions);
        insta::assert_snapshot!(format!("styled_{name}_dark_80x24"), styled(&app, 80, 24));
    }
}

#[test]
fn borders_and_secondary_text_never_use_palette_colour_8() {
    use ratatui::style::Color;
    for theme in ["dark", "light", "high-contrast"] {
        for actions in [
            vec![],
            vec![Action::ShowInventory],
            vec![Action::ShowFindings],
        ] {
            let mut app = themed(theme, &actions);
            app.apply(Action::Resize {
                width: 160,
                height: 48,
            });
            let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("test terminal");
            terminal
                .draw(|frame| tui::view::render(frame, &app))
                .expect("drawing never fails");
            let faint = terminal
                .backend()
                .buffer()
                .content()
                .iter()
                .filter(|c| matches!(c.fg, Color::DarkGray | Color::Indexed(8)))
                .count();
            assert_eq!(faint, 0, "{theme} {actions:?}");
        }
    }
}

const BANK: &str = include_str!("../../maps/bank-account-opening.ron");

fn bank_app(width: u16, height: u16) -> App {
    let map = load_str("bank-account-opening.ron", BANK.to_string()).expect("the bank map loads");
    App::new(
        map,
        "bank-account-opening.ron".into(),
        Config::default(),
        Rect::new(0, 0, width, height),
    )
}

#[test]
fn the_inspector_breaks_long_names_at_their_dots_not_mid_word() {
    // Beside the grid (120 columns: a narrow inspector), and full size on a narrow screen.
    for (width, height, actions) in [
        (120, 40, vec![]),
        (126, 40, vec![]),
        (50, 30, vec![Action::Select]),
    ] {
        let mut app = bank_app(width, height);
        for a in actions {
            app.apply(a);
        }
        let screen = draw_at(&app, width, height);
        let line = screen
            .lines()
            .find(|l| l.contains("essential.service"))
            .unwrap_or_else(|| panic!("{width}x{height}: {screen}"));
        let part = line
            .split(['│', '┃'])
            .find(|p| p.contains("essential.service"))
            .unwrap_or_default()
            .trim_end();
        assert!(
            part.ends_with("fraud_detection") || part.ends_with(['.', '_', '-', '/']),
            "{width}x{height}: `{part}`\n{screen}"
        );
    }
}

/// A small generated map whose first step takes `n` data elements.
fn map_with_a_big_step(n: usize) -> touchpoint_engine::mapfile::LoadedMap {
    use touchpoint_engine::journey::synthetic::{Shape, generate};
    let mut doc = generate(Shape::with_steps(30));
    let template = doc.steps[0].collects[0].clone();
    doc.steps[0].collects = (0..n)
        .map(|i| {
            let mut c = template.clone();
            c.element = doc.data[i % doc.data.len()].id.clone();
            c.purpose = Some(format!("Purpose number {i} of the many this step has"));
            c
        })
        .collect();
    let text = touchpoint_engine::mapfile::to_ron(&doc).expect("serialises");
    load_str("big-step.ron", text).expect("loads")
}

/// How long drawing a frame of `app` at 160x48 takes, the best of a few.
fn frame_time(app: &App) -> std::time::Duration {
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("test terminal");
    (0..3)
        .map(|_| {
            let start = std::time::Instant::now();
            terminal
                .draw(|frame| tui::view::render(frame, app))
                .expect("draws");
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn a_step_taking_many_data_elements_costs_no_more_per_frame_than_a_small_one() {
    let size = Rect::new(0, 0, 160, 48);
    let small = App::new(map_with_a_big_step(5), "s".into(), Config::default(), size);
    let mut big = App::new(
        map_with_a_big_step(20_000),
        "b".into(),
        Config::default(),
        size,
    );
    let screen = draw_at(&big, 160, 48);
    assert!(screen.contains("Data collected (20000)"), "{screen}");
    assert!(screen.contains("data 1–"), "which of them show: {screen}");
    let (small, first) = (frame_time(&small), frame_time(&big));
    // Deep in the details too: the last collection, through the keys.
    big.apply(Action::Select);
    big.apply(Action::End);
    let screen = draw_at(&big, 160, 48);
    assert!(screen.contains("of 20000"), "{screen}");
    assert!(screen.contains("Purpose number 19999"), "{screen}");
    let last = frame_time(&big);
    let bound = small * 10 + std::time::Duration::from_millis(20);
    assert!(
        first < bound && last < bound,
        "{first:?} and {last:?} per frame, against {small:?} for a small step"
    );
}

#[test]
fn the_inventory_wraps_purposes_instead_of_cutting_them() {
    let app = app_after(&[Action::ShowInventory, Action::Down]);
    let screen = draw_at(&app, 80, 24);
    assert!(screen.contains("Mobile number ─"), "{screen}");
    assert!(screen.contains("on their line [consent]"), "{screen}");
    assert!(screen.contains("on their line [contract]"), "{screen}");
}

#[test]
fn slash_filters_the_inventory_and_the_findings_in_place() {
    let mut app = app_after(&[Action::ShowInventory, Action::Search]);
    for c in "mobile".chars() {
        app.apply(Action::Type(c));
    }
    app.apply(Action::SearchSubmit);
    let screen = draw_at(&app, 80, 24);
    assert!(
        screen.contains("Data inventory: 1 of 15 elements"),
        "{screen}"
    );
    assert!(screen.contains("Mobile number"), "{screen}");
    assert!(!screen.contains("Postcode"), "{screen}");
    app.apply(Action::Back);
    let screen = draw_at(&app, 80, 24);
    assert!(
        screen.contains("Postcode"),
        "Esc clears the filter first: {screen}"
    );
    assert!(screen.contains("Data inventory: 15 elements"), "{screen}");

    let mut app = app_after(&[Action::ShowFindings, Action::Search]);
    for c in "telecare".chars() {
        app.apply(Action::Type(c));
    }
    let screen = draw_at(&app, 80, 24);
    assert!(screen.contains("Findings: 2 of 19"), "{screen}");
    assert!(screen.contains("2 findings match"), "{screen}");
    assert!(screen.contains("Telecare dependency"), "{screen}");
    assert!(!screen.contains("Router serial"), "{screen}");
}

#[test]
fn findings_narrow_to_one_concern_at_a_time() {
    use touchpoint_engine::analysis::{Concern, RULES};
    let mut app = app_after(&[Action::ShowFindings]);
    for (concern, label) in [
        (Concern::Unjustified, "unjustified"),
        (Concern::Repeated, "asked again"),
        (Concern::Incomplete, "incomplete"),
    ] {
        app.apply(Action::CycleConcern);
        let screen = draw_at(&app, 120, 60);
        assert!(screen.contains(&format!("· {label}")), "{screen}");
        let rules: Vec<&str> = screen
            .lines()
            .filter_map(|l| l.trim_matches('"').trim_start().strip_prefix("TP"))
            .filter_map(|l| l.get(..3))
            .collect();
        assert!(!rules.is_empty(), "{label}: {screen}");
        for code in rules {
            let rule = RULES
                .iter()
                .find(|r| r.code == format!("TP{code}"))
                .expect("a rule");
            assert_eq!(rule.concern, concern, "TP{code} under {label}");
        }
    }
}

#[test]
fn help_texts_wrap_instead_of_being_cut() {
    for width in [50, 64, 80] {
        let app = app_after(&[Action::Help]);
        let screen = draw_at(&app, width, 250);
        // The text inside the help's frame (centred, two columns in from each side).
        let inside: Vec<String> = screen
            .lines()
            .map(|l| {
                let chars: Vec<char> = l.trim_matches('"').chars().collect();
                chars[3.min(chars.len())..chars.len().saturating_sub(3)]
                    .iter()
                    .collect()
            })
            .collect();
        let words: Vec<&str> = inside.iter().flat_map(|l| l.split_whitespace()).collect();
        let stream = words.join(" ");
        for b in touchpoint::tui::keymap::DEFAULT {
            let help: Vec<&str> = b.help.split_whitespace().collect();
            assert!(
                stream.contains(&help.join(" ")),
                "{width}: `{}` is not there whole:\n{screen}",
                b.help
            );
        }
    }
}

#[test]
fn lanes_and_stages_off_screen_are_counted() {
    let mut bank = bank_app(100, 30);
    let screen = draw_at(&bank, 100, 30);
    assert!(screen.contains("▼ 2 lanes"), "{screen}");
    assert!(!screen.contains("lanes above"), "{screen}");
    bank.apply(Action::End);
    bank.apply(Action::Resize {
        width: 100,
        height: 16,
    });
    let screen = draw_at(&bank, 100, 16);
    assert!(screen.contains("▲ 2 lanes"), "{screen}");

    let mut narrow = app_after(&[]);
    narrow.apply(Action::Resize {
        width: 60,
        height: 20,
    });
    let heading = |app: &App| {
        draw_at(app, 60, 20)
            .lines()
            .nth(1)
            .unwrap_or("")
            .to_string()
    };
    let stages = heading(&narrow);
    assert!(stages.contains("2 ▶"), "{stages}");
    assert!(!stages.contains('◀'), "{stages}");
    for _ in 0..4 {
        narrow.apply(Action::Right);
    }
    let stages = heading(&narrow);
    assert!(stages.contains("◀ 2"), "{stages}");
    assert!(!stages.contains('▶'), "{stages}");
}

/// The screen's characters, row by row.
fn cells(app: &App, width: u16, height: u16) -> Vec<Vec<char>> {
    draw_at(app, width, height)
        .lines()
        .map(|l| l.trim_matches('"').chars().collect())
        .collect()
}

/// Where `text` starts on the screen.
fn find(cells: &[Vec<char>], text: &str) -> (usize, usize) {
    let needle: Vec<char> = text.chars().collect();
    for (y, row) in cells.iter().enumerate() {
        if let Some(x) = row
            .windows(needle.len())
            .position(|w| w == needle.as_slice())
        {
            return (x, y);
        }
    }
    panic!("{text} is not on the screen");
}

#[test]
fn the_selected_steps_flows_are_drawn_into_the_cards_they_lead_to() {
    // The first step leads on to "Sign in to My Account" (the next stage: a line into its left
    // side) and to "Ask to be texted" (below it, same stage: into its right side).
    let app = app_after(&[]);
    for (width, height) in [(120, 40), (160, 48), (200, 60)] {
        let screen = cells(&app, width, height);
        let text = |s: &[Vec<char>]| -> String {
            s.iter()
                .map(|r| r.iter().collect::<String>() + "\n")
                .collect()
        };
        let (x, y) = find(&screen, "Sign in");
        assert_eq!(screen[y][x - 2], '▶', "{width}x{height}\n{}", text(&screen));
        let (x, y) = find(&screen, "Ask to be");
        let into_right_side = screen[y..y + 6].iter().any(|row| row[x..].contains(&'◀'));
        assert!(into_right_side, "{width}x{height}\n{}", text(&screen));
    }
}

#[test]
fn a_lane_emptied_by_a_filter_marks_its_cut_name() {
    let mut app = app_after(&[Action::Search]);
    for c in "engineer".chars() {
        app.apply(Action::Type(c));
    }
    app.apply(Action::SearchSubmit);
    let wide = draw_at(&app, 160, 48);
    assert!(wide.contains("Website & My Accou…"), "{wide}");
    let narrow = draw_at(&app, 80, 24);
    assert!(narrow.contains("Website…"), "{narrow}");
    assert!(!narrow.contains("Website & "), "{narrow}");
}

#[test]
fn cards_grow_to_show_whole_titles_and_their_data_when_there_is_room() {
    let app = bank_app(200, 60);
    let screen = cells(&app, 200, 60);
    let (x, y) = find(&screen, "┃Download the app");
    let x = x + 1;
    let below = |dy: usize| screen[y + dy][x..x + 16].iter().collect::<String>();
    assert_eq!(below(1).trim(), "and start an");
    assert_eq!(below(2).trim(), "application");
    // What the step takes shows on the card.
    let (x, y) = find(&screen, "│Enter personal");
    let x = x + 1;
    let card: String = (y..y + 3)
        .map(|r| screen[r][x..x + 16].iter().collect::<String>())
        .collect();
    assert!(card.contains("Full name"), "{card}");
}

#[test]
fn every_flow_shows_when_asked() {
    let count = |app: &App| {
        cells(app, 160, 48)[2..]
            .iter()
            .flatten()
            .filter(|&&c| c == '▶' || c == '◀')
            .count()
    };
    let selected = count(&app_after(&[]));
    let all = count(&app_after(&[Action::ToggleFlows]));
    assert!(selected >= 2, "the selected step's flows");
    assert!(
        all > selected * 4,
        "every flow: {all} arrows, {selected} before"
    );
}

const SHOP: &str = include_str!("../../maps/online-shopping-returns.ron");

#[test]
fn the_inspector_shows_review_decisions_beside_their_collection() {
    let map = load_str("online-shopping-returns.ron", SHOP.to_string()).expect("the map loads");
    let (width, height) = (160, 48);
    let mut app = App::new(
        map,
        "online-shopping-returns.ron".into(),
        Config::default(),
        Rect::new(0, 0, width, height),
    );
    app.apply(Action::Search);
    for c in "Browse in the app".chars() {
        app.apply(Action::Type(c));
    }
    app.apply(Action::SearchSubmit);
    app.apply(Action::Select);
    let screen = draw_at(&app, width, height);
    let lines: Vec<&str> = screen.lines().collect();
    let location = lines
        .iter()
        .position(|l| l.contains("Precise location"))
        .unwrap_or_else(|| panic!("the collection is shown:\n{screen}"));
    let review = lines
        .iter()
        .position(|l| l.contains("review") && l.contains("2026-01-20 skipped"))
        .unwrap_or_else(|| panic!("the decision is shown:\n{screen}"));
    assert!(review > location, "under its collection:\n{screen}");
}

/// The example in the review walk, started on a fixed day (the start form's defaults).
fn reviewing(actions: Vec<Action>) -> Vec<Action> {
    let mut all = vec![Action::Review, Action::Save];
    all.extend(actions);
    all
}

fn snapshot_on_a_day(name: &str, actions: impl Fn() -> Vec<Action>) {
    for (width, height) in SIZES {
        let mut app = example_app(width, height);
        app.set_today(touchpoint_engine::journey::Date::parse("2026-11-29").expect("a date"));
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
fn review_start_form() {
    snapshot_on_a_day("review_start", || vec![Action::Review]);
}

#[test]
fn review_question() {
    snapshot_on_a_day("review_question", || reviewing(vec![]));
}

#[test]
fn review_by_severity() {
    snapshot_on_a_day("review_by_severity", || {
        reviewing(vec![Action::ReviewOrder, Action::Home])
    });
}

#[test]
fn review_defer_form() {
    snapshot_on_a_day("review_defer", || reviewing(vec![Action::Defer]));
}

#[test]
fn review_summary() {
    snapshot_on_a_day("review_summary", || {
        reviewing(vec![Action::End, Action::NextStep])
    });
}

/// The first frame of a large map: its progress, and no totals yet (there are no findings
/// to count, not zero of them).
#[test]
fn waiting_for_the_map() {
    let mut app = App::waiting("big.ron".into(), Config::default(), Rect::new(0, 0, 80, 24));
    app.apply(Action::Loading(Some(tui::Progress {
        phase: tui::Phase::Reading,
        read: 45,
        total: 100,
    })));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    terminal
        .draw(|frame| tui::view::render(frame, &app))
        .expect("drawing never fails");
    let screen = format!("{}", terminal.backend());
    assert!(!screen.contains("✖ 0"), "{screen}");
    insta::assert_snapshot!("waiting_for_the_map_80x24", terminal.backend());
}
