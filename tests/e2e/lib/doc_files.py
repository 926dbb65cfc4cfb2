"""Writes the files a guide defines into a directory.

usage: doc_files.py GUIDE.md OUTDIR

A fenced block whose info string is "LANG file=PATH" becomes OUTDIR/PATH.
Every fenced block must name a file, so no sample in the guide goes
untested; the paths written are printed one a line.
"""
import os
import re
import sys

guide, outdir = sys.argv[1], sys.argv[2]
fence = re.compile(r"^```(\S*)(?:\s+file=(\S+))?\s*$")
current, body, start = None, [], 0
with open(guide, encoding="utf-8") as f:
    for number, line in enumerate(f, 1):
        m = fence.match(line.rstrip("\n"))
        if current is None and m and m.group(1):
            if not m.group(2):
                sys.exit(f"{guide}:{number}: fenced block without file=PATH")
            current, body, start = m.group(2), [], number
        elif current is not None and line.rstrip("\n") == "```":
            path = os.path.join(outdir, current)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as out:
                out.write("".join(body))
            print(current)
            current = None
        elif current is not None:
            body.append(line)
if current is not None:
    sys.exit(f"{guide}:{start}: fenced block never closed")
