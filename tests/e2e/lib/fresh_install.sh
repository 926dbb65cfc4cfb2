#!/usr/bin/env bash
# fresh_install.sh PREFIX: builds assay plain from $ASSAY_SOURCE_DIR in a
# scratch tree (build type None: no optimisation flags, the quickest
# build; what is installed does not depend on it), installs it to PREFIX
# (replacing what was there) and deletes the build tree, so nothing of a
# build tree can be what makes the install work. ctest runs it once before the SDK tests (sdk_install,
# docs_plugins), which read the prefix from $ASSAY_SDK_PREFIX.
set -euo pipefail
prefix="$1"
build="$prefix.build"
rm -rf "$prefix" "$build"
cmake -S "$ASSAY_SOURCE_DIR" -B "$build" -DCMAKE_BUILD_TYPE=None \
  -DASSAY_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
cmake --install "$build" --prefix "$prefix" >/dev/null
rm -rf "$build"
