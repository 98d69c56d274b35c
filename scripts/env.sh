# Sourced by the Makefile's recipes: the tools scripts/setup.sh installs, first on PATH.
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
# `make -j` hands its jobserver only to recipes that run make; cargo and rustdoc started from the
# others find MAKEFLAGS naming closed descriptors and warn. Cargo runs its own jobserver.
unset MAKEFLAGS MFLAGS
