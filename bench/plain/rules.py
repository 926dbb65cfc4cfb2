#!/usr/bin/env python3
"""What a Python programmer would write instead of adopting assay: the
shipped rules' scores, their weighted means and the default policy's overall
score, with the standard library's json module, written for speed the way an
experienced Python programmer writes a one-off scorer: each object of the
record is fetched once (`ad = r.get("autonomous_driving")`), fields are read
with dict.get, hot names are bound locally, and no path is split at run
time.

usage: python3 bench/plain/rules.py FILE > scores.jsonl

Writes one line per record, {"id", "score", "domains"}, each score with at
most 4 decimals as assay writes it, so that scripts/bench can compare it
byte for byte with assay's scores (it does, before timing); the same as
bench/plain/rules.lua. A rule that meets a field of the wrong type is left
out, as assay's error findings are. No findings, reasons, vetoes, flags or
decisions. Covers every shipped rule that scores: the compiled plugins ai,
autonomous_driving, connectivity and cybersecurity and the Lua rules in
plugins/*/*.lua.
To follow a change in the shipped rules, edit the rule functions and
evaluate() below.
"""

import json
import math
import re
import sys

EMPTY = {}  # stands for an absent or non-object part of the record
WRONG = object()  # a field of the wrong type: assay's rule is an error finding
log10, sqrt, floor = math.log10, math.sqrt, math.floor


def obj(v):
    return v if type(v) is dict else EMPTY


def isnum(v):
    t = type(v)
    return t is float or t is int


def number(v):
    """nil when absent or null, WRONG when not a number."""
    t = type(v)
    if t is float or t is int:
        return v
    return None if v is None else WRONG


def whole(v):
    t = type(v)
    return (t is int) or (t is float and v.is_integer())


def clamp01(v):
    return 0.0 if v < 0 else 1.0 if v > 1 else v


def scale(x, lo, hi):
    t = (x - lo) / (hi - lo)
    return 0.0 if t <= 0 else 1.0 if t > 1 else t


def log_scale(v, good, half, zero):
    if v <= good:
        return 1.0
    if v >= zero:
        return 0.0
    if v <= half:
        return 1 - 0.5 * log10(v / good) / log10(half / good)
    return 0.5 - 0.5 * log10(v / half) / log10(zero / half)


# ---- ai (compiled plugin ai, then plugins/ai/ai_practice.lua) -------------

def ai_benchmark(bench):
    m = bench.get("mAP")
    if not isnum(m) or not 0 <= m <= 1:
        return None
    return clamp01((m - 0.3) / 0.45)


def ai_latency(bench):
    ms = bench.get("latency_ms")
    if not isnum(ms) or not ms > 0:
        return None
    return log_scale(ms, 33, 100, 1000)


def ai_edge(ai):
    edge = ai.get("edge_deploy")
    if type(edge) is not bool:
        return None
    return 1.0 if edge else 0.3


def ai_data(ai):
    hours = ai.get("data_hours")
    if not isnum(hours) or hours < 0:
        return None
    return clamp01(log10(1 + hours) / 5)


def ai_accuracy_at_speed(bench):
    m, ms = bench.get("mAP"), bench.get("latency_ms")
    if not isnum(m) or not isnum(ms):
        return None
    return clamp01(m * scale(ms, 300, 33) / 0.75)


def ai_edge_claim(ai, bench):
    if ai.get("edge_deploy") is not True:
        return None
    ms = number(bench.get("latency_ms"))
    if ms is WRONG:
        return None
    if ms is None:
        return 0.5
    return 1.0 if ms <= 100 else scale(ms, 1000, 100)


# Whole words, as mentions() matches them (the generated text is ASCII).
MOBILITY = re.compile(r"(?<![A-Za-z0-9])(vehicles?|drivers?|driving|cars?|"
                      r"cabin|cockpit|fleets?|lidar|radar|parking|traffic|"
                      r"battery|batteries|charging|mobility|autonomous)"
                      r"(?![A-Za-z0-9])", re.ASCII | re.IGNORECASE)


def ai_mobility_focus(r, ai_value):
    if ai_value is None:
        domains = r.get("domains")
        if type(domains) is not list or "ai" not in domains:
            return None
    text = r.get("description")
    if type(text) is not str or not text:
        return None
    return 1.0 if MOBILITY.search(text) else 0.2


# ---- autonomous_driving (ad_practice.lua, then the compiled plugin) -------

def ad_hd_map(ad):
    level, hd = ad.get("sae_level"), ad.get("hd_map")
    if not isnum(level) or type(hd) is not bool:
        return None
    return 1.0 if level < 3 or hd else 0.3


def ad_validation_mix(ad):
    road, sim = ad.get("road_km"), ad.get("sim_km")
    if not isnum(road) or not isnum(sim):
        return None
    if road <= 0:
        return 0.0
    ratio = sim / road
    if ratio < 10:
        return scale(ratio, 0, 10)
    return 1.0 if ratio <= 1000 else scale(log10(ratio), 5, 3)


def ad_team_for_level(ad, team):
    level, years = ad.get("sae_level"), team.get("automotive_years")
    if not isnum(level) or not isnum(years):
        return None
    if level >= 4 and years == 0:
        return 0.0
    return clamp01(years / (8 if level >= 3 else 3))


def ad_safety_case(ad):
    level = number(ad.get("sae_level"))
    if level is WRONG:
        return None
    standard = ad.get("safety_case")
    if standard is None:
        return 0.0
    if type(standard) is not str:
        return None
    if standard == "UL 4600":
        return 1.0
    if standard == "ISO 21448":
        return 0.8
    if standard == "ISO 26262":
        return 0.5 if (-1 if level is None else level) >= 3 else 0.7
    return 0.2


KM_NEEDED = (0, 1e3, 1e4, 1e5, 1e6, 1e7)


def ad_level_evidence(ad):
    level = ad.get("sae_level")
    if not isnum(level) or level != floor(level) or level < 1 or level > 5:
        return None
    road, sim = number(ad.get("road_km")), number(ad.get("sim_km"))
    if road is WRONG or sim is WRONG or (road is None and sim is None):
        return None
    road = max(road or 0.0, 0.0)
    sim = max(sim or 0.0, 0.0)
    needed = KM_NEEDED[int(level)]
    return clamp01(log10(1 + (road + sim / 100.0)) / log10(1 + needed))


def ad_disengagement(ad):
    rate, road = ad.get("disengagements_per_1000km"), ad.get("road_km")
    if not isnum(rate) or not isnum(road):
        return None
    if road <= 0 or rate < 0:
        return 0.0
    thousands = road / 1000.0
    # the Poisson upper 95% bound of the count (Wilson-Hilferty)
    nu = 2 * (rate * thousands) + 2
    t = 1 - 2 / (9 * nu) + 1.6448536269514722 * sqrt(2 / (9 * nu))
    upper = nu * t * t * t / 2 / thousands
    return clamp01((1 - log10(upper)) / 2)


def ad_simulation(ad):
    sim = ad.get("sim_km")
    if not isnum(sim):
        return None
    return clamp01(log10(1 + max(sim, 0.0)) / 7)


# ---- business (plugins/common: funding.lua, team.lua, traction.lua) -------

STAGE_FIT = {"pre-seed": 0.8, "seed": 1.0, "series-a": 0.8, "series-b": 0.4,
             "series-c": 0.2}
EXPECTED_SIZE = {"pre-seed": 3, "seed": 8, "series-a": 25, "series-b": 60,
                 "series-c": 150}
OEM_SCORE = {0: 0.0, 1: 0.6, 2: 0.85}


def funding_stage_fit(funding):
    stage = funding.get("stage")
    return STAGE_FIT.get(stage) if type(stage) is str else None


def funding_capital_efficiency(funding, traction):
    raised, revenue = funding.get("raised_musd"), traction.get("revenue_musd")
    if not isnum(raised) or not isnum(revenue) or raised <= 0:
        return None
    return clamp01(revenue / raised / 0.5)


def team_size(team, funding):
    size, stage = team.get("size"), funding.get("stage")
    if not whole(size) or (stage is not None and type(stage) is not str):
        return None
    return clamp01(size / (EXPECTED_SIZE.get(stage, 8) / 2))


def team_automotive(team):
    years = team.get("automotive_years")
    return clamp01(years / 10) if isnum(years) else None


def team_research(team):
    phd, size = team.get("phd"), team.get("size")
    if not whole(phd) or not whole(size) or size <= 0 or phd > size:
        return None
    return clamp01(phd / size / 0.1)


def traction_pilots(traction):
    pilots = traction.get("pilots")
    return clamp01(pilots / 5) if whole(pilots) else None


def traction_oem_partners(traction):
    oems = traction.get("oem_partners")
    return OEM_SCORE.get(int(oems), 1.0) if whole(oems) else None


def traction_revenue(traction):
    revenue = traction.get("revenue_musd")
    if not isnum(revenue):
        return None
    if revenue <= 0:
        return 0.0
    if number(traction.get("pilots")) is WRONG or \
            number(traction.get("oem_partners")) is WRONG:
        return None
    return scale(log10(revenue), -2, 1)


# ---- connectivity (conn_practice.lua, then the compiled plugin) -----------

def conn_stack_coverage(tech):
    if type(tech) is not list or not tech:
        return None
    net = link = False
    for t in tech:
        kind = type(t)
        if kind is not str and kind is not int and kind is not float:
            return None  # table.concat fails on anything else
        if t == "5G" or t == "LTE":
            net = True
        elif t == "C-V2X" or t == "DSRC":
            link = True
    return 1.0 if net and link else 0.5 if net or link else 0.1


def conn_field_readiness(conn, traction):
    certified, pilots = conn.get("certified"), traction.get("pilots")
    if type(certified) is not bool or not isnum(pilots):
        return None
    if pilots > 0 and not whole(pilots):
        return None  # "%d pilot(s)"
    if certified:
        return 1.0 if pilots > 0 else 0.5
    return 0.5 if pilots > 0 else 0.0


def conn_teleoperation(conn, tech):
    ms = conn.get("latency_ms")
    if type(tech) is not list or not isnum(ms) or "5G" not in tech:
        return None
    return scale(ms, 200, 50)


def conn_v2x(tech):
    if type(tech) is not list:
        return None
    names = set()
    for t in tech:
        if t is None:
            continue
        if type(t) is not str:
            return None
        names.add(t)
    if "C-V2X" in names:
        return 1.0 if "5G" in names else 0.8
    if "5G" in names:
        return 0.5
    if "DSRC" in names:
        return 0.3
    return 0.2 if "LTE" in names else 0.0


def conn_latency(conn):
    ms = conn.get("latency_ms")
    if not isnum(ms) or not ms > 0:
        return None
    return log_scale(ms, 10, 100, 1000)


def conn_certified(conn):
    c = conn.get("certified")
    if type(c) is not bool:
        return None
    return 1.0 if c else 0.3


# ---- cybersecurity (compiled plugin cybersecurity) -------------------------

CSMS = {"certified": 1.0, "implemented": 0.6, "planned": 0.2, "none": 0.0}
# Signature schemes the plugin knows; any other string scores 0.5.
SCHEMES = {"Ed25519": 1.0, "Ed448": 1.0, "ECDSA-P256": 1.0, "ECDSA-P384": 1.0,
           "ECDSA-P521": 1.0, "RSA-3072": 1.0, "RSA-4096": 1.0,
           "RSA-2048": 0.8, "RSA-1024": 0.2, "RSA-512": 0.2, "DSA-1024": 0.2,
           "ECDSA-P192": 0.2, "RSA-SHA1": 0.2, "ECDSA-SHA1": 0.2,
           "MD5-RSA": 0.2}


def cyber_csms(cyber):
    v = cyber.get("csms")
    if v is None:
        return 0.0
    return CSMS.get(v) if type(v) is str else None


def cyber_tara(cyber):
    n = obj(cyber.get("tara")).get("threat_scenarios")
    if not isnum(n) or n < 0 or n != floor(n):
        return None
    return clamp01(log10(1 + n) / log10(101)) if n > 0 else 0.0


def cyber_incident(cyber):
    h = cyber.get("incident_response_hours")
    if not isnum(h) or h < 0:
        return None
    return log_scale(h, 24, 72, 720)


def cyber_ota(cyber):
    ota = obj(cyber.get("ota"))
    signed, scheme = ota.get("signed"), ota.get("signature")
    if (signed is not None and type(signed) is not bool) or \
       (scheme is not None and type(scheme) is not str) or \
       (signed is None and scheme is None):
        return None
    if signed is False:
        return 0.0
    return 0.5 if scheme is None else SCHEMES.get(scheme, 0.5)


# ---- combining -------------------------------------------------------------


def decimals4(x):
    """As assay writes a score: rounded to ten-thousandths, half away from
    zero (C's round() of x * 10000), trailing zeros dropped."""
    k = x * 10000
    r = floor(k)
    if k - r >= 0.5:
        r += 1
    whole_part, frac = divmod(r, 10000)
    if not frac:
        return "%d" % whole_part
    return ("%d.%04d" % (whole_part, frac)).rstrip("0")


def mean(pairs):
    """The weighted mean of the (score, weight) pairs that apply, summed in
    assay's finding order (the order matters to the last bit)."""
    t = w = 0.0
    for s, weight in pairs:
        if s is not None:
            t += s * weight
            w += weight
    return decimals4(t / w) if w > 0 else None


def evaluate(r):
    """The domains' 4-decimal scores: each domain's rules in assay's finding
    order (plugins as loaded from plugins/<dir>/ in name order). Compiled
    plugins run only when the record has the domain's object; Lua rules
    always."""
    g = r.get
    ai_v, ad_v, conn_v = g("ai"), g("autonomous_driving"), g("connectivity")
    ai, ad, conn = obj(ai_v), obj(ad_v), obj(conn_v)
    bench = obj(ai.get("benchmarks"))
    team, funding, traction = obj(g("team")), obj(g("funding")), obj(g("traction"))
    tech = conn.get("tech")
    out = {}

    pairs = [(ai_benchmark(bench), 2.0), (ai_latency(bench), 1.5),
             (ai_edge(ai), 1.0), (ai_data(ai), 1.0)] if ai_v is not None else []
    pairs += [(ai_accuracy_at_speed(bench), 1.5), (ai_edge_claim(ai, bench), 1.0),
              (ai_mobility_focus(r, ai_v), 0.5)]
    s = mean(pairs)
    if s is not None:
        out["ai"] = s

    pairs = [(ad_hd_map(ad), 1.0), (ad_validation_mix(ad), 1.0),
             (ad_team_for_level(ad, team), 0.5)]
    if ad_v is not None:
        pairs += [(ad_safety_case(ad), 2.0), (ad_level_evidence(ad), 1.5),
                  (ad_disengagement(ad), 2.0), (ad_simulation(ad), 1.0)]
    s = mean(pairs)
    if s is not None:
        out["autonomous_driving"] = s

    s = mean(((funding_stage_fit(funding), 1.0),
              (funding_capital_efficiency(funding, traction), 1.0),
              (team_size(team, funding), 1.0), (team_automotive(team), 1.0),
              (team_research(team), 0.5), (traction_pilots(traction), 1.0),
              (traction_oem_partners(traction), 1.5),
              (traction_revenue(traction), 1.0)))
    if s is not None:
        out["business"] = s

    pairs = [(conn_stack_coverage(tech), 1.0),
             (conn_field_readiness(conn, traction), 1.0),
             (conn_teleoperation(conn, tech), 0.5)]
    if conn_v is not None:
        pairs += [(conn_v2x(tech), 2.0), (conn_latency(conn), 2.0),
                  (conn_certified(conn), 1.0)]
    s = mean(pairs)
    if s is not None:
        out["connectivity"] = s

    cyber_v = g("cybersecurity")
    if type(cyber_v) is dict:
        s = mean(((cyber_csms(cyber_v), 2.0), (cyber_tara(cyber_v), 1.5),
                  (cyber_incident(cyber_v), 1.0), (cyber_ota(cyber_v), 2.0)))
        if s is not None:
            out["cybersecurity"] = s
    return out


JUDGED = ("ai", "autonomous_driving", "business", "connectivity", "cybersecurity")
ORDER = ("ai", "autonomous_driving", "business", "connectivity", "cybersecurity")  # the policy's, by name


def overall(r, domains):
    """The default policy's overall score: the mean of the domain scores as
    written (4 decimals) over the claimed domains some rule judges, plus
    business, a claimed domain without a score counting as 0; every scored
    domain when none is claimed. Summed in assay's order."""
    listed = r.get("domains")
    claimed = {d for d in listed if type(d) is str and d in JUDGED} \
        if type(listed) is list else set()
    total, count = 0.0, 0
    for d in ORDER:
        s = domains.get(d)
        if s is not None and (not claimed or d in claimed or d == "business"):
            total += float(s)
            count += 1
    if count == 0:
        return "null"
    count += sum(1 for d in claimed if d not in domains)
    return decimals4(total / count)


def main():
    write, loads, dumps = sys.stdout.write, json.loads, json.dumps
    with open(sys.argv[1], "rb") as f:
        for line in f:
            if not line.strip():
                continue
            try:
                r = loads(line)
                rid = r.get("id") if type(r) is dict else None
            except ValueError:
                rid = None
            if type(rid) is not str or not rid:
                write('{"error":"bad record"}\n')
                continue
            domains = evaluate(r)
            write('{"id":%s,"score":%s,"domains":{%s}}\n' % (
                dumps(rid), overall(r, domains),
                ",".join('"%s":%s' % (d, domains[d]) for d in sorted(domains))))


if __name__ == "__main__":
    main()
