#!/usr/bin/env bash
# Data flows one way through the layers of core/, and so do the #include
# lines: a layer includes its own headers, the public ones (assay/) and
# those of the layers below it, never one above.
#   util    nothing above it
#   lua     util (the sandboxed Lua host knows nothing of plugins)
#   engine  util, lua
#   decide  util, lua, engine
#   report  util, engine, decide
#   cli     anything
# The check runs on the sources, then on a copy with one wrong-way edge
# added, which it must name.
set -euo pipefail
fail() { echo "FAIL layer_edges: $*" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# wrong_way_edges CORE: one line "file:line: LAYER includes TARGET" for
# every include of a layer that is not allowed.
wrong_way_edges() {
  local core="$1"
  declare -A allowed=(
    [util]="util"
    [lua]="lua util"
    [engine]="engine lua util"
    [decide]="decide engine lua util"
    [report]="report decide engine util"
    [cli]="cli report decide engine lua util"
  )
  local layer
  for layer in util lua engine decide report cli; do
    [ -d "$core/$layer" ] || fail "no layer folder $core/$layer"
    grep -Hn '^#include "[a-z_]*/' "$core/$layer"/*.[ch] |
      while IFS=: read -r file line text; do
        target="${text#\#include \"}"
        target="${target%%/*}"
        [ "$target" = assay ] && continue
        case " ${allowed[$layer]} " in
          *" $target "*) ;;
          *) echo "${file#"$core"/}:$line: $layer includes $target" ;;
        esac
      done
  done
}

# Every file of core/ sits in a layer folder.
stray=$(cd "$ASSAY_SOURCE_DIR/core" && find . -name '*.[ch]' | grep -Ev '^\./(util|lua|engine|decide|report|cli)/' || true)
[ -z "$stray" ] || fail "files outside a layer folder: $stray"

found=$(wrong_way_edges "$ASSAY_SOURCE_DIR/core")
[ -z "$found" ] || fail "wrong-way includes:
$found"

# The check sees an edge that goes the wrong way.
cp -r "$ASSAY_SOURCE_DIR/core" "$tmp/core"
sed -i '1a #include "decide/policy.h"' "$tmp/core/engine/output.c"
sed -i '1a #include "engine/record.h"' "$tmp/core/lua/sandbox.c"
found=$(wrong_way_edges "$tmp/core")
want='lua/sandbox.c:2: lua includes engine
engine/output.c:2: engine includes decide'
[ "$found" = "$want" ] || fail "planted edges: got
$found"
echo "layer_edges: ok"
