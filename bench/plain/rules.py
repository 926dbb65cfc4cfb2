#!/usr/bin/env python3
"""What a user might write instead of adopting assay: the shipped rules'
scores and their weighted means, in plain Python with the json module.

usage: python3 bench/plain/rules.py FILE > scores.jsonl

Writes one line per record: {"id", "score", "domains"} with the same
numbers as assay (domain score = weighted mean of the rules that apply;
overall = mean of the scored domains the record claims; a rule that meets a
field of the wrong type is left out, as assay's error findings are), but no
findings, reasons, vetoes, flags or decisions. Used by scripts/bench.

Covers the shipped compiled plugins ai, autonomous_driving and connectivity
(11 rules). To follow a change in the shipped rules, edit RULES below.
"""

import json
import math
import sys

DOMAINS = ("ai", "connectivity", "autonomous_driving", "cloud",
           "digitalization", "business")
WRONG = object()  # a field of the wrong type: the rule is an error finding


def find(rec, path):
    node = rec
    for key in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def number(rec, path):
    v = find(rec, path)
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return WRONG
    return float(v)


def string(rec, path):
    v = find(rec, path)
    if v is None:
        return None
    return v if isinstance(v, str) else WRONG


def boolean(rec, path):
    v = find(rec, path)
    if v is None:
        return None
    return v if isinstance(v, bool) else WRONG


def clamp01(v):
    return 0.0 if v < 0 else 1.0 if v > 1 else v


def log_scale(v, good, half, zero):
    if v <= good:
        return 1.0
    if v >= zero:
        return 0.0
    if v <= half:
        return 1 - 0.5 * math.log10(v / good) / math.log10(half / good)
    return 0.5 - 0.5 * math.log10(v / half) / math.log10(zero / half)


# ---- autonomous_driving ---------------------------------------------------

def ad_safety_case(r):
    level = number(r, "autonomous_driving.sae_level")
    if level is WRONG:
        return None
    standard = string(r, "autonomous_driving.safety_case")
    if standard is WRONG:
        return None
    if standard is None:
        return 0.0
    level = -1.0 if level is None else level
    return {"UL 4600": 1.0, "ISO 21448": 0.8}.get(
        standard, (0.5 if level >= 3 else 0.7) if standard == "ISO 26262"
        else 0.2)


KM_NEEDED = (0, 1e3, 1e4, 1e5, 1e6, 1e7)


def ad_level_evidence(r):
    level = number(r, "autonomous_driving.sae_level")
    if level is None or level is WRONG:
        return None
    if level != math.floor(level) or level < 0 or level > 5 or level < 1:
        return None
    road = number(r, "autonomous_driving.road_km")
    sim = number(r, "autonomous_driving.sim_km")
    if road is WRONG or sim is WRONG or (road is None and sim is None):
        return None
    road = max(road or 0.0, 0.0)
    sim = max(sim or 0.0, 0.0)
    evidence = road + sim / 100.0
    needed = KM_NEEDED[int(level)]
    return clamp01(math.log10(1 + evidence) / math.log10(1 + needed))


def poisson_upper_95(count):
    z = 1.6448536269514722
    nu = 2 * count + 2
    t = 1 - 2 / (9 * nu) + z * math.sqrt(2 / (9 * nu))
    return nu * t * t * t / 2


def ad_disengagement(r):
    rate = number(r, "autonomous_driving.disengagements_per_1000km")
    road = number(r, "autonomous_driving.road_km")
    if rate is None or rate is WRONG or road is None or road is WRONG:
        return None
    if road <= 0 or rate < 0:
        return 0.0
    thousands = road / 1000.0
    upper = poisson_upper_95(rate * thousands) / thousands
    return clamp01((1 - math.log10(upper)) / 2)


def ad_simulation(r):
    sim = number(r, "autonomous_driving.sim_km")
    if sim is None or sim is WRONG:
        return None
    return clamp01(math.log10(1 + max(sim, 0.0)) / 7)


# ---- ai -------------------------------------------------------------------

def ai_benchmark(r):
    m = number(r, "ai.benchmarks.mAP")
    if m is None or m is WRONG or not (0 <= m <= 1):
        return None
    return clamp01((m - 0.3) / 0.45)


def ai_latency(r):
    ms = number(r, "ai.benchmarks.latency_ms")
    if ms is None or ms is WRONG or not ms > 0:
        return None
    return log_scale(ms, 33, 100, 1000)


def ai_edge(r):
    edge = boolean(r, "ai.edge_deploy")
    if edge is None or edge is WRONG:
        return None
    return 1.0 if edge else 0.3


def ai_data(r):
    hours = number(r, "ai.data_hours")
    if hours is None or hours is WRONG or hours < 0:
        return None
    return clamp01(math.log10(1 + hours) / 5)


# ---- connectivity ---------------------------------------------------------

def conn_v2x(r):
    tech = find(r, "connectivity.tech")
    if tech is None:
        return None
    if not isinstance(tech, list):
        return None
    names = set()
    for t in tech:
        if t is None:
            continue
        if not isinstance(t, str):
            return None
        names.add(t)
    if "C-V2X" in names:
        return 1.0 if "5G" in names else 0.8
    if "5G" in names:
        return 0.5
    if "DSRC" in names:
        return 0.3
    return 0.2 if "LTE" in names else 0.0


def conn_latency(r):
    ms = number(r, "connectivity.latency_ms")
    if ms is None or ms is WRONG or not ms > 0:
        return None
    return log_scale(ms, 10, 100, 1000)


def conn_certified(r):
    c = boolean(r, "connectivity.certified")
    if c is None or c is WRONG:
        return None
    return 1.0 if c else 0.3


# (domain, rules as (function, weight)); a domain's rules run only when the
# record has that domain's object.
RULES = (
    ("ai", ((ai_benchmark, 2.0), (ai_latency, 1.5), (ai_edge, 1.0),
            (ai_data, 1.0))),
    ("autonomous_driving", ((ad_safety_case, 2.0), (ad_level_evidence, 1.5),
                            (ad_disengagement, 2.0), (ad_simulation, 1.0))),
    ("connectivity", ((conn_v2x, 2.0), (conn_latency, 2.0),
                      (conn_certified, 1.0))),
)


def evaluate(r):
    domains = {}
    for domain, rules in RULES:
        if r.get(domain) is None:
            continue
        total = weight = 0.0
        for rule, w in rules:
            s = rule(r)
            if s is not None:
                total += s * w
                weight += w
        if weight > 0:
            domains[domain] = total / weight
    claimed = r.get("domains")
    claimed = {d for d in claimed if isinstance(d, str) and d in DOMAINS} \
        if isinstance(claimed, list) else set()
    counted = [s for d, s in domains.items()
               if not claimed or d in claimed or d == "business"]
    score = sum(counted) / len(counted) if counted else None
    return score, domains


def main():
    out = sys.stdout
    with open(sys.argv[1], "rb") as f:
        for line in f:
            if not line.strip():
                continue
            try:
                r = json.loads(line)
                rid = r["id"] if isinstance(r, dict) else None
                if not isinstance(rid, str) or not rid:
                    raise ValueError("no id")
            except (ValueError, KeyError):
                out.write('{"error":"bad record"}\n')
                continue
            score, domains = evaluate(r)
            out.write(json.dumps({"id": rid, "score": score,
                                  "domains": domains}) + "\n")


if __name__ == "__main__":
    main()
