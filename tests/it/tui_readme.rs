//! The README's workbench key table is the keymap table: every default binding is listed, with
//! its keys, what it does and its name in the config file.

use touchpoint::tui::keymap::{Context, Keymap};

const README: &str = include_str!("../../README.md");

fn key_table() -> String {
    let mut out =
        String::from("| where | keys | what it does | config name |\n|---|---|---|---|\n");
    let keymap = Keymap::default();
    for context in Context::ALL {
        for e in keymap.bindings().iter().filter(|e| e.context == context) {
            let keys: Vec<String> = e
                .keys
                .iter()
                .map(|k| match k.to_string().as_str() {
                    "|" => "`\\|`".to_string(),
                    s => format!("`{s}`"),
                })
                .collect();
            out.push_str(&format!(
                "| {} | {} | {} | `{}` |\n",
                context.title().to_lowercase(),
                keys.join(" "),
                e.help,
                e.action.name().unwrap_or("?"),
            ));
        }
    }
    out
}

#[test]
fn the_readme_lists_every_key_binding() {
    let table = key_table();
    assert!(
        README.contains(&table),
        "the README's key table is out of date; it should read:\n\n{table}"
    );
}

#[test]
fn the_readme_config_example_is_valid() {
    let section = &README[README.find("**Config file.**").expect("the config section")..];
    let start = section.find("```\n").expect("a code block") + 4;
    let end = start + section[start..].find("```").expect("closed block");
    let config = touchpoint::tui::config::parse(
        std::path::Path::new("config.ron"),
        &section[start..end],
        touchpoint::tui::Config::default(),
    )
    .unwrap_or_else(|e| panic!("the README's config example is valid: {e}"));
    let quit = config
        .keymap
        .bindings()
        .iter()
        .find(|e| e.action.name() == Some("quit"))
        .expect("quit is bound");
    assert_eq!(quit.keys_label(" "), "q Ctrl-q");
}
