#!/usr/bin/env bash
# docs/rules.md runs as written: each <!-- file: PATH --> block is written
# to PATH, each <!-- command --> block is run in that directory (in the
# order of the guide) and its stdout and stderr must equal the
# <!-- output --> block after it. Every Lua block is a file, so no example
# goes unrun. ASSAY_DOC_FILL=1 rewrites the output blocks instead (for
# writing the guide).
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" "$tmp/work"
ln -s "$ASSAY_BIN" "$tmp/bin/assay"

PATH="$tmp/bin:$PATH" python3 - "$ASSAY_SOURCE_DIR/docs/rules.md" "$tmp/work" <<'PY'
import os, re, subprocess, sys
doc, work = sys.argv[1], sys.argv[2]
lines = open(doc, encoding="utf-8").read().split("\n")
fill = os.environ.get("ASSAY_DOC_FILL") == "1"
failures, i, marker, command, commands = [], 0, None, None, 0

def block(start):
    """The fenced block starting at line start: (fence line, body, end)."""
    assert lines[start].startswith("```"), f"line {start + 1}: a block must follow"
    end = start + 1
    while not lines[end].startswith("```"):
        end += 1
    return lines[start], lines[start + 1:end], end

while i < len(lines):
    line = lines[i]
    m = re.fullmatch(r"<!-- (file: (\S+)|command|output) -->", line)
    if m:
        fence, body, end = block(i + 1)
        if m.group(2):
            path = os.path.join(work, m.group(2))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "w", encoding="utf-8").write("\n".join(body) + "\n")
        elif m.group(1) == "command":
            command = "\n".join(body)
        else:
            commands += 1
            run = subprocess.run(["bash", "-c", command], cwd=work, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            got = run.stdout.rstrip("\n").split("\n") if run.stdout else []
            if fill:
                lines[i + 2:end] = got
                end = i + 2 + len(got)
            elif got != body:
                failures.append(f"line {i + 1}: `{command}` printed:\n" + "\n".join(got))
        i = end + 1
        continue
    if line.startswith("```lua"):
        failures.append(f"line {i + 1}: a Lua block without <!-- file: PATH -->")
    i += 1
if fill:
    open(doc, "w", encoding="utf-8").write("\n".join(lines))
if commands < 5:
    failures.append(f"only {commands} commands were run")
if failures:
    sys.exit("\n\n".join(failures))
PY
echo "rules_doc: ok"
