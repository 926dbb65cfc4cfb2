"""Prints the functions C headers declare, one a line, sorted.

usage: public_functions.py HEADER...

A declaration may span lines (the return type on one, the name on the
next). Comments and preprocessor lines (with their continuations, so the
entry symbol inside plugin.h's registration macro, which a plugin defines)
are dropped, and what is left is split into statements at ; { and }. A
statement declares a function when an assay_ name is followed by its
parameter list; typedefs (function pointer types) and struct members of
function pointer type ("assay_status (*evaluate)(...)") do not count. A declaration that is
not marked ASSAY_API is printed as "unmarked: " and its text.
"""
import re
import sys

comment = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
directive = re.compile(r"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", re.M)
function = re.compile(r"\b(assay_[a-z0-9_]+)\s*\((?!\s*\*)")

names, unmarked = set(), []
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    text = directive.sub("", comment.sub(" ", text))
    for statement in re.split(r"[;{}]", text):
        statement = " ".join(statement.split())
        if statement.startswith("typedef"):
            continue
        m = function.search(statement)
        if not m:
            continue
        names.add(m.group(1))
        if not statement.startswith("ASSAY_API "):
            unmarked.append(statement)
for name in sorted(names):
    print(name)
for statement in unmarked:
    print("unmarked: " + statement)
