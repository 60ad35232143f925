//! The `diverge` binary: parses the command line and hands it to [`cli`].

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    cli::dispatch(cli::Cli::parse())
}
