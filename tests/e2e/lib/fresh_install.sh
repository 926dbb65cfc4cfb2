# Sourced by end-to-end tests that need an installed assay.
# fresh_install PREFIX: builds assay plain from $ASSAY_SOURCE_DIR in a
# scratch tree beside PREFIX, installs it to PREFIX and deletes the build
# tree, so nothing of a build tree can be what makes the install work.
fresh_install() {
  local prefix="$1" build="$1.build"
  cmake -S "$ASSAY_SOURCE_DIR" -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DASSAY_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null
  cmake --install "$build" --prefix "$prefix" >/dev/null
  rm -rf "$build"
}
