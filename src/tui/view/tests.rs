//! Drawing and clicking agree: a click where a view drew something selects that thing.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::app::tests::{app, at};

/// Where `text` is drawn on the screen.
fn find_on_screen(app: &App, text: &str) -> (u16, u16) {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.width, app.size.height)).expect("a test terminal");
    terminal
        .draw(|f| super::render(f, app))
        .expect("drawing succeeds");
    let buffer = terminal.backend().buffer();
    for y in 0..app.size.height {
        let line: String = (0..app.size.width)
            .map(|x| buffer.cell((x, y)).map_or(" ", |c| c.symbol()))
            .collect();
        if let Some(col) = line.find(text) {
            let x = line[..col].chars().count() as u16;
            return (x, y);
        }
    }
    panic!("{text} is not on the screen");
}

#[test]
fn clicking_a_card_selects_its_step() {
    let mut app = app(120, 40);
    let (x, y) = find_on_screen(&app, "Order by");
    app.apply(Action::Click { column: x, row: y });
    assert_eq!(at(&app), "phone-order");
    app.apply(Action::Click { column: 0, row: 0 });
    assert_eq!(
        at(&app),
        "phone-order",
        "a click on the header changes nothing"
    );

    app.apply(Action::ShowFindings);
    let (x, y) = find_on_screen(&app, "Show ID in the shop › Phone number");
    app.apply(Action::Click { column: x, row: y });
    app.apply(Action::Select);
    assert_eq!(at(&app), "shop-id");

    app.apply(Action::ShowInventory);
    let (x, y) = find_on_screen(&app, "Payment card");
    app.apply(Action::Click { column: x, row: y });
    assert_eq!(
        Some(app.inventory.row),
        app.board.journey().element_index("card")
    );
    app.apply(Action::Scroll(1));
    assert_eq!(
        Some(app.inventory.row),
        app.board.journey().element_index("disability")
    );
}
