//! The `touchpoint` binary: parse the command line and run the subcommand.

mod cli;

// See Cargo.toml: allocation-heavy work on two threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
