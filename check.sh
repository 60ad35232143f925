#!/usr/bin/env bash
# Exactly what CI runs after installing system packages (see .ci/run).
# Run it before pushing a branch for merge.
set -euxo pipefail
cd "$(dirname "$0")"

cargo fmt --check
cargo clippy --all-targets -- -D warnings
# The scenario, simulation and experiment layers build and pass their tests
# without the GUI.
cargo test --no-default-features
# The README's test command.
cargo test
