# Helpers for the browser tests (sourced after common.bash): node drives
# headless Chromium with the scripts in tests/browser/.
#
#   require_browser          skips the test (exit 77) when chromium or node
#                            is missing, or fails it under scripts/test
#                            (ASSAY_BROWSER_TESTS=1), which installs them
#   browser_check SCRIPT ARGS...  runs tests/browser/SCRIPT; fails the test
#                            with its output unless it passes
#   $artefacts               where screenshots go: $ASSAY_BUILD_DIR/test-artefacts

artefacts="$ASSAY_BUILD_DIR/test-artefacts"
mkdir -p "$artefacts"

require_browser()
{
    if command -v "${ASSAY_CHROMIUM:-chromium}" >/dev/null &&
       command -v node >/dev/null; then
        return 0
    fi
    if [ "${ASSAY_BROWSER_TESTS:-0}" = 1 ]; then
        fail "chromium and node are needed; ASSAY_BROWSER_TESTS=1 scripts/setup installs them"
    fi
    echo "SKIP $test_name: chromium or node missing; ASSAY_BROWSER_TESTS=1 scripts/setup installs them" >&2
    exit 77
}

browser_check()
{
    local script="$1"
    shift
    node "$ASSAY_SOURCE_DIR/tests/browser/$script" "$@" >"$work/browser.out" 2>&1 || {
        cat "$work/browser.out" >&2
        fail "browser check $script $*"
    }
}
