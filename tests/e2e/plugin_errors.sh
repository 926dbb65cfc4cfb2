# A plugin that cannot be loaded stops the run before any record: exit 2,
# one message that names the file and what to do, nothing on stdout.
source "$(dirname "$0")/lib/common.bash"

input="$examples/applications.jsonl"

run_assay run --no-default-plugins --plugin "$work/missing.so" "$input"
expect_status 2
expect_eq "stdout" "$(wc -c <"$out_file")" 0
expect_eq "missing plugin" "$(cat "$err_file")" \
    "assay: $work/missing.so: cannot load plugin: $work/missing.so: cannot open shared object file: No such file or directory; check the path and that it is a shared object built for this machine"

run_assay run --no-default-plugins --plugin "$ASSAY_TEST_PLUGIN_DIR/wrong_abi.so" "$input"
expect_status 2
expect_eq "wrong ABI" "$(cat "$err_file")" \
    "assay: $ASSAY_TEST_PLUGIN_DIR/wrong_abi.so: built for assay plugin ABI version 99, but this assay supports ABI versions 1 to 2; rebuild the plugin against this assay's <assay/plugin.h>"

run_assay run --no-default-plugins --plugin "$ASSAY_TEST_PLUGIN_DIR/failing_init.so" "$input"
expect_status 2
expect_eq "failing init" "$(cat "$err_file")" \
    "assay: $ASSAY_TEST_PLUGIN_DIR/failing_init.so: plugin \"failing_init\" failed to initialise: licence file /opt/vendor/licence.key not found"

echo "not a plugin" >"$work/fake.so"
run_assay run --no-default-plugins --plugin "$work/fake.so" "$input"
expect_status 2
expect_eq "not a shared object" "$(cat "$err_file")" \
    "assay: $work/fake.so: cannot load plugin: not an ELF file (13 bytes); a plugin is a shared object built with -shared -fPIC"

run_assay run --no-default-plugins --plugin-dir "$work/nowhere" "$input"
expect_status 2
expect_eq "missing plugin dir" "$(cat "$err_file")" \
    "assay: $work/nowhere: not a directory; give --plugin-dir a directory of plugins"

mkdir "$work/empty"
run_assay run --no-default-plugins --plugin-dir "$work/empty" "$input"
expect_status 2
expect_eq "plugin dir without plugins" "$(cat "$err_file")" \
    "assay: $work/empty: no plugins (*.so, or *.lua rule files) found"

# The same plugin twice: its rule ids would clash.
so="$ASSAY_BUILD_DIR/plugins/ai/ai.so"
run_assay run --no-default-plugins --plugin "$so" --plugin "$so" "$input"
expect_status 2
expect_eq "same plugin twice" "$(cat "$err_file")" \
    "assay: $so: a plugin named \"ai\" is already loaded from $so; plugin names must be unique"
# A shipped plugin or rule file named again, the shipped set still loaded:
# the message says how to load the one named instead.
run_assay run --plugin "$so" "$input"
expect_status 2
expect_eq "shipped plugin named again" "$(cat "$err_file")" \
    "assay: $so: a plugin named \"ai\" is already loaded from $so; it is one of the shipped plugins: give --no-default-plugins to load only the ones you name"
rules="$shipped/common/team.lua"
run_assay run --rules "$rules" "$input"
expect_status 2
expect_eq "shipped rule file named again" "$(head -n 1 "$err_file")" \
    "assay: $rules: a plugin named \"team\" is already loaded from $rules; it is one of the shipped plugins: give --no-default-plugins to load only the ones you name"
# A path without a slash is the file in the current directory, as for
# every other option, not a name for dlopen to search the library path for.
cp "$shipped/ai/ai.so" "$work/ai_copy.so"
status=0
(cd "$work" && "$ASSAY_BIN" plugins --no-default-plugins --plugin ai_copy.so >"$out_file" 2>"$err_file") || status=$?
expect_status 0
grep -qx '  path     ./ai_copy.so' "$out_file" || fail "plugins --plugin ai_copy.so: $(head -3 "$out_file")"
status=0
(cd "$work" && "$ASSAY_BIN" plugins --no-default-plugins --plugin nothing.so >"$out_file" 2>"$err_file") || status=$?
expect_status 2
expect_eq "missing, no slash" "$(cat "$err_file")" "assay: ./nothing.so: cannot load plugin: ./nothing.so: cannot open shared object file: No such file or directory; check the path and that it is a shared object built for this machine"
echo "ok $test_name"
