#!/usr/bin/env python3
"""What a user might write instead of adopting assay: the shipped rules'
scores and their weighted means, in plain Python with the json module.

usage: python3 bench/plain/rules.py FILE > scores.jsonl

Writes one line per record: {"id", "score", "domains"} with the same
numbers as assay (domain score = weighted mean of the rules that apply;
overall = mean of the scored domains the record claims, as the default
policy combines them from the 4-decimal domain scores; a rule that meets a
field of the wrong type is left out, as assay's error findings are), but no
findings, reasons, vetoes, flags or decisions. Used by scripts/bench.

Covers every shipped rule that scores: the compiled plugins ai,
autonomous_driving and connectivity (11 rules) and the Lua rules in
plugins/*/*.lua: ai_practice, ad_practice, conn_practice (3 each) and team
(3), funding (2 that score; funding.profile_completeness only flags) and
traction (3). To follow a change in the shipped rules, edit RULES below.
"""

import json
import math
import re
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


# ---- Lua rules (plugins/*/*.lua): run on every record ----------------------
# A rule that raises in Lua (a field of the wrong type for get(), "%d" of a
# number with a fraction) is an error finding: None here.

def whole(v):
    return v is not None and v is not WRONG and float(v).is_integer()


def scale(x, lo, hi):
    t = (x - lo) / (hi - lo)
    return 0.0 if t <= 0 else 1.0 if t > 1 else t


def contains(lst, value):
    return isinstance(lst, list) and any(
        type(x) is type(value) and x == value for x in lst)


EXPECTED_SIZE = {"pre-seed": 3, "seed": 8, "series-a": 25, "series-b": 60,
                 "series-c": 150}


def team_size(r):
    size, stage = number(r, "team.size"), string(r, "funding.stage")
    if size is WRONG or stage is WRONG or size is None or not whole(size):
        return None
    return clamp01(size / (EXPECTED_SIZE.get(stage, 8) / 2))


def team_automotive(r):
    years = number(r, "team.automotive_years")
    return None if years is None or years is WRONG else clamp01(years / 10)


def team_research(r):
    phd, size = number(r, "team.phd"), number(r, "team.size")
    if phd is WRONG or size is WRONG or phd is None or size is None:
        return None
    if size <= 0 or phd > size or not (whole(phd) and whole(size)):
        return None
    return clamp01(phd / size / 0.1)


STAGE_FIT = {"pre-seed": 0.8, "seed": 1.0, "series-a": 0.8, "series-b": 0.4,
             "series-c": 0.2}


def funding_stage_fit(r):
    stage = string(r, "funding.stage")
    return None if stage is None or stage is WRONG else STAGE_FIT.get(stage)


def funding_capital_efficiency(r):
    raised = number(r, "funding.raised_musd")
    revenue = number(r, "traction.revenue_musd")
    if WRONG in (raised, revenue) or None in (raised, revenue) or raised <= 0:
        return None
    return clamp01(revenue / raised / 0.5)


def traction_pilots(r):
    pilots = number(r, "traction.pilots")
    return clamp01(pilots / 5) if whole(pilots) else None


def traction_oem_partners(r):
    oems = number(r, "traction.oem_partners")
    if not whole(oems):
        return None
    return {0: 0.0, 1: 0.6, 2: 0.85}.get(int(oems), 1.0)


def traction_revenue(r):
    revenue = number(r, "traction.revenue_musd")
    if revenue is None or revenue is WRONG:
        return None
    if revenue <= 0:
        return 0.0
    if number(r, "traction.pilots") is WRONG or \
            number(r, "traction.oem_partners") is WRONG:
        return None
    return scale(math.log10(revenue), -2, 1)


def ai_accuracy_at_speed(r):
    m, ms = number(r, "ai.benchmarks.mAP"), number(r, "ai.benchmarks.latency_ms")
    if WRONG in (m, ms) or None in (m, ms):
        return None
    return clamp01(m * scale(ms, 300, 33) / 0.75)


def ai_edge_claim(r):
    ai = r.get("ai")
    if not isinstance(ai, dict) or ai.get("edge_deploy") is not True:
        return None
    ms = number(ai, "benchmarks.latency_ms")
    if ms is WRONG:
        return None
    if ms is None:
        return 0.5
    return 1.0 if ms <= 100 else scale(ms, 1000, 100)


# Whole words, as mentions() matches them (the generated text is ASCII).
MOBILITY = re.compile(rb"(?<![A-Za-z0-9])(vehicles?|drivers?|driving|cars?|"
                      rb"cabin|cockpit|fleets?|lidar|radar|parking|traffic|"
                      rb"battery|batteries|charging|mobility|autonomous)"
                      rb"(?![A-Za-z0-9])")


def ai_mobility_focus(r):
    if not contains(r.get("domains"), "ai") and r.get("ai") is None:
        return None
    text = r.get("description")
    if not isinstance(text, str) or not text:
        return None
    return 1.0 if MOBILITY.search(text.encode().lower()) else 0.2


def ad_hd_map(r):
    level = number(r, "autonomous_driving.sae_level")
    hd = boolean(r, "autonomous_driving.hd_map")
    if WRONG in (level, hd) or None in (level, hd):
        return None
    return 1.0 if level < 3 or hd else 0.3


def ad_validation_mix(r):
    road = number(r, "autonomous_driving.road_km")
    sim = number(r, "autonomous_driving.sim_km")
    if WRONG in (road, sim) or None in (road, sim):
        return None
    if road <= 0:
        return 0.0
    ratio = sim / road
    if ratio < 10:
        return scale(ratio, 0, 10)
    return 1.0 if ratio <= 1000 else scale(math.log10(ratio), 5, 3)


def ad_team_for_level(r):
    level = number(r, "autonomous_driving.sae_level")
    years = number(r, "team.automotive_years")
    if WRONG in (level, years) or None in (level, years):
        return None
    if level >= 4 and years == 0:
        return 0.0
    return clamp01(years / (8 if level >= 3 else 3))


def tech_list(r):
    """connectivity.tech for the Lua rules: WRONG unless a list."""
    tech = find(r, "connectivity.tech")
    return tech if tech is None or isinstance(tech, list) else WRONG


def conn_stack_coverage(r):
    tech = tech_list(r)
    if tech is None or tech is WRONG or not tech:
        return None
    # table.concat fails on anything but strings and numbers
    if not all(isinstance(t, (str, int, float)) and not isinstance(t, bool)
               for t in tech):
        return None
    net = any(contains(tech, t) for t in ("5G", "LTE"))
    link = any(contains(tech, t) for t in ("C-V2X", "DSRC"))
    return 1.0 if net and link else 0.5 if net or link else 0.1


def conn_field_readiness(r):
    certified = boolean(r, "connectivity.certified")
    pilots = number(r, "traction.pilots")
    if WRONG in (certified, pilots) or None in (certified, pilots):
        return None
    if pilots > 0 and not whole(pilots):
        return None  # "%d pilot(s)"
    if certified:
        return 1.0 if pilots > 0 else 0.5
    return 0.5 if pilots > 0 else 0.0


def conn_teleoperation(r):
    tech, ms = tech_list(r), number(r, "connectivity.latency_ms")
    if WRONG in (tech, ms) or None in (tech, ms) or not contains(tech, "5G"):
        return None
    return scale(ms, 200, 50)


# (domain, gate, rules as (function, weight)). Compiled plugins run only
# when the record has the domain's object (gate True); Lua rules always.
RULES = (
    ("ai", True, ((ai_benchmark, 2.0), (ai_latency, 1.5), (ai_edge, 1.0),
                  (ai_data, 1.0))),
    ("autonomous_driving", True, ((ad_safety_case, 2.0),
                                  (ad_level_evidence, 1.5),
                                  (ad_disengagement, 2.0),
                                  (ad_simulation, 1.0))),
    ("connectivity", True, ((conn_v2x, 2.0), (conn_latency, 2.0),
                            (conn_certified, 1.0))),
    ("ai", False, ((ai_accuracy_at_speed, 1.5), (ai_edge_claim, 1.0),
                   (ai_mobility_focus, 0.5))),
    ("autonomous_driving", False, ((ad_hd_map, 1.0), (ad_validation_mix, 1.0),
                                   (ad_team_for_level, 0.5))),
    ("connectivity", False, ((conn_stack_coverage, 1.0),
                             (conn_field_readiness, 1.0),
                             (conn_teleoperation, 0.5))),
    ("business", False, ((team_size, 1.0), (team_automotive, 1.0),
                         (team_research, 0.5), (funding_stage_fit, 1.0),
                         (funding_capital_efficiency, 1.0),
                         (traction_pilots, 1.0), (traction_oem_partners, 1.5),
                         (traction_revenue, 1.0))),
)

JUDGED = {domain for domain, _, _ in RULES}


def evaluate(r):
    total, weight = {}, {}
    for domain, gated, rules in RULES:
        if gated and r.get(domain) is None:
            continue
        for rule, w in rules:
            s = rule(r)
            if s is not None:
                total[domain] = total.get(domain, 0.0) + s * w
                weight[domain] = weight.get(domain, 0.0) + w
    domains = {d: total[d] / weight[d] for d in DOMAINS
               if weight.get(d, 0) > 0}
    # Claims count only for domains some rule judges (the default policy's
    # missing "zero" then counts a claimed domain without a score as 0).
    claimed = r.get("domains")
    claimed = {d for d in claimed if isinstance(d, str) and d in JUDGED} \
        if isinstance(claimed, list) else set()
    # The overall score is the mean of the domain scores as assay writes
    # them (4 decimals), as `assay decide` reads them back.
    counted = [math.floor(s * 10000 + 0.5) / 10000 for d, s in domains.items()
               if not claimed or d in claimed or d == "business"]
    counted += [0.0 for d in claimed if d not in domains] if counted else []
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
