#include "report/report_html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/html.h"
#include "report/report_changes.h"
#include "report/report_chart.h"
#include "report/report_stability.h"

const char assay_report_script[] =
    "(function () {\n"
    "  'use strict';\n"
    "  var table = document.getElementById('ranked');\n"
    "  if (table) {\n"
    "    var rows = table.tBodies[0].rows, shown = document.getElementById('shown');\n"
    "    var count = function () {\n"
    "      var n = 0;\n"
    "      for (var i = 0; i < rows.length; i++)\n"
    "        if (rows[i].cells[0].getClientRects().length) n++;\n"
    "      shown.textContent = n + ' of ' + rows.length + ' applications shown';\n"
    "    };\n"
    "    table.tHead.addEventListener('click', function (ev) {\n"
    "      var label = ev.target.closest('label.h'), th = label && label.closest('th');\n"
    "      var a = th && document.getElementById('s-' + th.dataset.k + '-a');\n"
    "      var d = th && document.getElementById('s-' + th.dataset.k + '-d');\n"
    "      if (!a || !d) return;\n"
    "      ev.preventDefault();\n"
    "      var first = label.htmlFor === a.id ? a : d;\n"
    "      (first.checked ? (first === a ? d : a) : first).checked = true;\n"
    "      count();\n"
    "    });\n"
    "    document.addEventListener('change', count);\n"
    "    count();\n"
    "  }\n"
    "  var reveal = function () {\n"
    "    var el = location.hash && document.getElementById(location.hash.slice(1));\n"
    "    if (el && el.tagName === 'DETAILS') el.open = true;\n"
    "  };\n"
    "  window.addEventListener('hashchange', reveal);\n"
    "  reveal();\n"
    "})();\n";

const char assay_report_script_sha256[] =
    "+/mOAKfqmpQuwi1J8uxIqhNMoNg5UFT6KzFSj+MXPqw=";

static const char style[] =
    ":root{--fg:#1d2329;--mut:#5b6670;--line:#d5dbe0;--bg2:#f2f4f6;"
    "--acc:#1f5fa8}"
    "*{box-sizing:border-box}"
    "body{margin:0 auto;max-width:80rem;padding:1rem 1.25rem 3rem;"
    "font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,"
    "\"Noto Sans\",\"Noto Sans CJK SC\",sans-serif;color:var(--fg);"
    "background:#fff}"
    "h1{font-size:1.6rem;margin:.4rem 0 .2rem}"
    "h2{font-size:1.25rem;margin:2rem 0 .6rem;padding-bottom:.2rem;"
    "border-bottom:2px solid var(--line)}"
    "h3{font-size:1rem;margin:1.2rem 0 .4rem}"
    "h4{font-size:.9rem;margin:.7rem 0 .3rem}"
    "a{color:var(--acc)}"
    ".sub,figcaption,.note,.shown{color:var(--mut)}"
    ".sub{margin:0 0 .4rem}"
    "figcaption,.note,.shown{font-size:.85rem}"
    "nav{display:flex;flex-wrap:wrap;gap:.3rem 1.1rem;margin:.4rem 0 1rem}"
    ".warn{border-left:4px solid #c8553d;background:#fbeeea;"
    "padding:.4rem .8rem .4rem 1.8rem;margin:1rem 0}"
    "dl.kv{display:grid;grid-template-columns:max-content minmax(0,1fr);"
    "gap:.2rem 1rem;margin:.5rem 0}"
    "dl.kv dt{color:var(--mut)}dl.kv dd{margin:0}"
    "code,.hash{font-family:ui-monospace,Menlo,Consolas,monospace;"
    "font-size:.85em;overflow-wrap:anywhere}"
    "table{border-collapse:collapse;font-size:.9rem}"
    "th,td{text-align:left;padding:.3rem .5rem;vertical-align:top;"
    "border-bottom:1px solid var(--line)}"
    "th{font-weight:600;background:var(--bg2)}"
    ".n{text-align:right;font-variant-numeric:tabular-nums}"
    ".tw,.sv{overflow-x:auto;max-width:100%}"
    ".meter{display:inline-block;width:8rem;height:.8rem;"
    "background:var(--bg2);border:1px solid var(--line);"
    "vertical-align:middle}"
    ".meter span{display:block;height:100%}"
    ".sw{display:inline-block;width:.85rem;height:.85rem;"
    "vertical-align:-.1rem;margin-right:.35rem;border-radius:2px}"
    ".ln{display:inline-block;width:1.4rem;height:0;vertical-align:.25rem;"
    "margin-right:.35rem;border-top-width:3px;border-top-style:solid;"
    "background:none!important}"
    ".ln.min{border-top-width:2px;border-top-style:dashed}"
    "figure{margin:1rem 0}"
    ".fig svg{display:block;width:100%;height:auto;min-width:34rem;"
    "max-width:56rem}"
    ".fig.small svg{min-width:0}.small svg text{font-size:15px}"
    ".smalls{display:grid;gap:.5rem 1.5rem;"
    "grid-template-columns:repeat(auto-fill,minmax(15rem,1fr))}"
    ".smalls figure{margin:0}"
    "svg text{font:11px system-ui,sans-serif;fill:var(--fg);stroke:none}"
    "svg .axis path{stroke:#6b747c;fill:none}"
    "svg .axis path.grid{stroke:#e3e7ea}"
    "svg .yt{text-anchor:end}svg .xt,svg .xl,svg .yl{text-anchor:middle}"
    "svg rect{stroke:none}svg .bar{fill:#4b7fb0}"
    "svg line.cut{stroke-width:2}"
    "svg line.min{stroke-width:1.5;stroke-dasharray:5 3}"
    "svg .cl{font-size:10.5px;font-weight:600}"
    "ul.legend{list-style:none;padding:0;margin:.4rem 0;display:flex;"
    "flex-wrap:wrap;gap:.2rem 1.1rem;font-size:.85rem}"
    ".ctl{position:absolute;opacity:0;width:1px;height:1px;margin:0}"
    ".controls{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:.5rem 0}"
    ".grp{display:flex;flex-wrap:wrap;gap:.3rem;align-items:center}"
    ".grp>span{color:var(--mut);font-size:.85rem;margin-right:.2rem}"
    ".grp label{border:1px solid var(--line);border-radius:1rem;"
    "padding:.05rem .6rem;font-size:.85rem;cursor:pointer}"
    "#ranked{display:grid;min-width:44rem}"
    "#ranked thead,#ranked tbody,#ranked tr{display:contents}"
    "#ranked th{order:-1000000}"
    ".ar{white-space:nowrap}"
    /* The ranking fits a 1100 px window with five domains: headings break
     * and put their sort arrows below, cells are padded less. */
    "@media screen{#ranked{font-size:.85rem}"
    "#ranked th{font-size:.78rem}#ranked th .ar{display:block}"
    "#ranked th,#ranked td{padding:.3rem}}"
    "#ranked td{overflow-wrap:anywhere}"
    /* A tier name breaks only after an underscore (<wbr>), and its flag
     * mark may go below it. */
    "#ranked td[class^=k]{overflow-wrap:normal}"
    "#ranked td[class^=k] .flag{white-space:normal}"
    "#ranked td:nth-child(2){white-space:nowrap;overflow:hidden;"
    "text-overflow:ellipsis;max-width:16rem}"
    "#ranked label{cursor:pointer}"
    "#ranked .ar label{color:#98a1a9;padding:0 .1rem;font-size:.8em}"
    "#apps details{border-bottom:1px solid var(--line);padding:.35rem 0}"
    "#apps summary{cursor:pointer;overflow-wrap:anywhere}"
    "#apps summary b{display:inline-block;min-width:2.2rem;font-weight:400;"
    "color:var(--mut);font-variant-numeric:tabular-nums}"
    ".id,.f td:first-child{font-family:ui-monospace,Menlo,Consolas,"
    "monospace;font-size:.85em}"
    ".nm{font-weight:600}"
    ".body{padding:.2rem 0 .8rem 1.2rem}"
    ".body ul{margin:.2rem 0;padding-left:1.2rem}"
    ".f td,#errors-table td{overflow-wrap:anywhere}"
    ".f td:last-child{min-width:14rem}"
    ".f td:nth-child(2),.f td:nth-child(3),.f th:nth-child(2),"
    ".f th:nth-child(3){text-align:right}"
    ".f tr.g th{background:none;font-weight:600;padding-top:.6rem}"
    ".facts td{overflow-wrap:anywhere}.facts td:first-child{font-family:"
    "ui-monospace,Menlo,Consolas,monospace}.miss,.cut{color:var(--mut);"
    "font-style:italic}"
    "#ranked td:nth-child(1),#ranked td:nth-child(n+6),"
    "#ranked th:nth-child(1),#ranked th:nth-child(n+6){text-align:right}"
    "#ranked td:nth-child(1),#ranked td:nth-child(n+6){white-space:nowrap;"
    "overflow-wrap:normal}"
    "#ranked .why{text-align:left;white-space:nowrap;overflow:hidden;"
    "text-overflow:ellipsis;overflow-wrap:normal;max-width:30rem}"
    "#plugins{min-width:34rem}"
    /* A domain score against the cohort: grey and black, readable printed
     * and in every colour vision. */
    ".q{display:block;position:relative;width:3rem;height:.5rem;"
    "margin:.2rem 0 .1rem auto;border-bottom:1px solid #8a939b;"
    "background:linear-gradient(90deg,transparent var(--l),#c3cad0 "
    "var(--l),#c3cad0 var(--h),transparent var(--h))}"
    ".q::before,.q::after{content:\"\";position:absolute}"
    ".q::before{left:var(--m);top:0;bottom:0;border-left:1px solid #444}"
    ".q::after{left:calc(var(--v) - 1.5px);top:-2px;bottom:-2px;width:3px;"
    "background:#000}"
    ".unsure{font-weight:700;color:#a04000}"
    "svg rect.given{stroke:var(--fg);stroke-width:2}"
    "svg text.sl{font-size:10px;fill:#000;stroke:#fff;stroke-width:3px;"
    "paint-order:stroke}"
    ".cx{fill:#cccccc}.kx::before{content:\"\";display:inline-block;"
    "width:.8rem;height:.8rem;margin-right:.35rem;background:#cccccc}"
    "tr.err td{color:#8a2a17}"
    ".tie{font-weight:700;color:#a04000}"
    "tr.below td{border-top:2px dashed var(--fg)}"
    ".flag,.ovr{font-size:.8em;color:var(--mut);white-space:nowrap}"
    "table.border,table.queue,table.wait{min-width:34rem}"
    ".printonly{display:none}"
    "@media (max-width:40rem){body{padding:.6rem;font-size:14px}"
    /* The seats table fits a phone: tier names and headings break, the
     * fill meter shrinks. */
    "#seats-table{width:100%}#seats-table th,#seats-table td"
    "{padding:.3rem .25rem;overflow-wrap:anywhere}"
    "#seats-table .meter{width:2.5rem}"
    "dl.kv{grid-template-columns:minmax(0,1fr)}dl.kv dd{margin-bottom:.3rem}"
    ".body{padding-left:.4rem}"
    "#chart-overall svg{min-width:0}#chart-overall svg text{font-size:26px}"
    "#chart-overall svg .cl,#chart-overall svg .xl,#chart-overall svg .yl"
    "{display:none}"
    ".f thead{display:none}.f,.f tbody,.f tr{display:block}"
    ".f tr{padding:.3rem 0;border-bottom:1px solid var(--line)}"
    ".f td,.f th{display:inline;border:0;padding:0 .5rem 0 0}"
    ".f tr.g th{display:block;padding-top:.4rem}"
    ".f td:last-child{display:block;min-width:0}"
    ".f td:nth-child(2)::before{content:\"weight \"}"
    ".f td:nth-child(3)::before{content:\"score \"}"
    ".f td:empty::before{content:none}}"
    "@media print{@page{margin:10mm}.facts{display:none}"
    "body{max-width:none;padding:0;font-size:8pt;line-height:1.25}"
    "h1{font-size:13pt}h2{font-size:11pt;margin:.8rem 0 .3rem}"
    "h3{font-size:9pt;margin:.6rem 0 .2rem}h4{font-size:8pt}"
    "table{font-size:inherit}figcaption,.note,ul.legend{font-size:7.5pt}"
    ".smalls{grid-template-columns:repeat(auto-fill,minmax(8.5rem,1fr))}"
    "#run{font-size:6.5pt}"
    "#ranking{break-before:page}"
    "details::details-content{content-visibility:visible;display:block}"
    "#apps details{padding:.15rem 0}.body{padding:.1rem 0 .3rem .6rem}"
    "#apps summary{list-style:none;font-weight:600}"
    ".id,#ranked td:nth-child(2){white-space:nowrap}"
    "table.border,table.queue,table.wait{min-width:0}"
    "th,td{padding:.1rem .3rem}"
    "#ranked{font-size:6.5pt}#ranked td:nth-child(5){white-space:nowrap}"
    "#apps{columns:2;column-gap:5mm;font-size:6.5pt;line-height:1.15}"
    "#apps>h2,#apps>p{column-span:all}"
    "#apps details{break-inside:auto}#apps h4{font-size:inherit;"
    "margin:.2rem 0 .1rem}"
    ".body p,.body ul,.body dl{margin:.1rem 0}"
    "#apps .f{font-size:inherit;width:100%}#apps .f td,#apps .f th"
    "{padding:0 .2rem;border:0}#apps .f td:first-child{font-size:inherit;"
    "overflow-wrap:anywhere;max-width:7rem}#apps .f tr.g th{padding-top:.15rem}"
    "#apps .tw{overflow:visible}"
    "#apps .f thead{display:none}#apps .f,#apps .f tbody,#apps .f tr"
    "{display:block}#apps .f td,#apps .f th{display:inline;padding:0 .3rem 0 0}"
    "#apps .f td:first-child{font-weight:600;max-width:none;"
    "font-family:inherit}"
    /* Each domain's findings run on after its heading, a dot between. */
    "#apps .f tr{display:inline}"
    "#apps .f tr:not(.g)+tr:not(.g)::before{content:\" \\B7  \"}"
    "#apps .f tr.g::before{content:\"\\A\";white-space:pre}"
    "#apps .f tr.g:first-child::before{content:none}"
    "#apps .f tr.g th{display:inline;padding:0 .3rem 0 0}"
    "#apps .f tr.g th::after{content:\":\"}"
    "#apps .f td:nth-child(2)::before{content:\"w \"}"
    "#apps .f td:empty::before{content:none}"
    "#apps .f td:last-child{min-width:0}"
    "#apps dl.kv{display:block}#apps dl.kv dt,#apps dl.kv dd{display:inline;"
    "margin:0 .3rem 0 0}"
    "nav,.controls,.shown,.ar,.screenonly{display:none}"
    ".printonly{display:block}"
    ".tw,.sv{overflow:visible}.fig svg{min-width:0}"
    ".f td:last-child{min-width:0}"
    "#ranked{display:table;min-width:0;width:100%}"
    "#ranked thead{display:table-header-group}"
    "#ranked tbody{display:table-row-group}"
    "#ranked tr{display:table-row}"
    "#ranked th,#ranked td{display:table-cell;white-space:normal;"
    "padding:.1rem .15rem}"
    "#ranked td:nth-child(2){display:table-cell;white-space:nowrap;"
    "max-width:none;padding:.1rem .15rem}"
    /* A column per domain: long labels break so that any number fit. */
    "#ranked th{overflow-wrap:anywhere;hyphens:auto}"
    /* Every explanation prints in full below: the why is left out here. */
    "#ranked .why{display:none}"
    ".q{width:auto;min-width:1.6rem;height:.35rem}"
    "tr,figure,summary,dl.kv{break-inside:avoid}"
    "h2,h3,h4{break-after:avoid}"
    "#apps{break-before:page}"
    "a{color:inherit;text-decoration:none}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

/* ---- Small pieces --------------------------------------------------- */

static void text(assay_buffer *b, const char *s)
{
    assay_html_text(b, s);
}

static void score(assay_buffer *b, double v)
{
    if (isnan(v))
        assay_buffer_puts(b, "\xE2\x80\x93");
    else
        assay_json_score(b, v);
}


static void json_value(assay_buffer *b, const cJSON *v)
{
    if (cJSON_IsString(v))
        text(b, v->valuestring);
    else if (cJSON_IsNumber(v))
        assay_buffer_printf(b, "%g", v->valuedouble);
    else if (cJSON_IsBool(v))
        assay_buffer_puts(b, cJSON_IsTrue(v) ? "true" : "false");
    else
        assay_buffer_puts(b, "\xE2\x80\x93");
}

static const cJSON *member(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* A decision with its colour swatch (the class k<i> draws it). */
static void decision_chip(assay_buffer *b, const assay_report *r, size_t i)
{
    assay_buffer_printf(b, "<span class=k%zu>", i);
    text(b, r->decisions[i]);
    assay_buffer_puts(b, "</span>");
}

/* ---- Run ------------------------------------------------------------ */

static void path_and_hash(assay_buffer *b, const cJSON *obj)
{
    assay_buffer_puts(b, "<code>");
    json_value(b, member(obj, "path"));
    assay_buffer_puts(b, "</code><br><span class=\"hash\">SHA-256 ");
    json_value(b, member(obj, "sha256"));
    assay_buffer_puts(b, "</span>");
}

static void plugins_table(assay_buffer *b, const cJSON *plugins)
{
    assay_buffer_puts(b, "<h3>Plugins and rule files</h3><div class=\"tw\">"
                         "<table id=\"plugins\"><thead><tr><th>Name<th>Kind<th>Version"
                         "<th>Path and SHA-256<tbody>");
    const cJSON *p;
    cJSON_ArrayForEach(p, plugins)
    {
        assay_buffer_puts(b, "<tr><td>");
        json_value(b, member(p, "name"));
        assay_buffer_puts(b, "<td>");
        json_value(b, member(p, "kind"));
        assay_buffer_puts(b, "<td>");
        json_value(b, member(p, "version"));
        assay_buffer_puts(b, "<td>");
        path_and_hash(b, p);
    }
    assay_buffer_puts(b, "</table></div>");
}

/* Every field a rule declares, once, with its type, the rule's words for
 * it and the rules that read it: the applications' facts tables refer to
 * it. */
static void fields_table(assay_buffer *b, const assay_report_facts *f)
{
    if (!f->field_count)
        return;
    assay_buffer_puts(b, "<h3>Fields the rules read</h3><div class=\"tw\">"
                         "<table id=\"fields\"><thead><tr><th>Field<th>Type"
                         "<th>Description<th>Read by<tbody>");
    for (size_t k = 0; k < f->field_count; k++) {
        const assay_report_field *x = &f->fields[k];
        assay_buffer_puts(b, "<tr><td><code>");
        text(b, x->path.text);
        assay_buffer_puts(b, "</code><td>");
        text(b, x->type);
        assay_buffer_puts(b, "<td>");
        text(b, x->description);
        assay_buffer_puts(b, "<td>");
        const char *sep = "";
        for (size_t i = 0; i < f->rule_count; i++)
            for (size_t j = 0; j < f->rules[i].field_count; j++)
                if (f->rules[i].fields[j] == k) {
                    assay_buffer_puts(b, sep);
                    text(b, f->rules[i].rule);
                    sep = ", ";
                }
    }
    assay_buffer_puts(b, "</table></div>");
}

static void run_section(assay_buffer *b, const assay_report *r)
{
    const cJSON *m = r->manifest;
    size_t errors = r->count - r->ok_count;
    assay_buffer_puts(b, "<section id=\"run\"><h2>Appendix: the run</h2>"
                         "<dl class=\"kv\">"
                         "<dt>Decisions<dd><code>");
    text(b, r->decisions_label);
    assay_buffer_printf(b, "</code>: %zu records, %zu applications and %zu "
                           "error records<dt>Names<dd>",
                        r->count, r->ok_count, errors);
    if (r->input_label) {
        assay_buffer_puts(b, "from <code>");
        text(b, r->input_label);
        assay_buffer_puts(b, "</code>");
    } else if (r->names_given) {
        assay_buffer_puts(b, "from the input of the run");
    } else {
        assay_buffer_puts(b, "not shown: decision records carry ids only; "
                             "give the input with <code>assay report "
                             "--input FILE</code>");
    }
    if (!m) {
        assay_buffer_puts(b, "<dt>Manifest<dd>not given: versions and hashes "
                             "need <code>--manifest FILE</code></dl>"
                             "</section>");
        return;
    }
    assay_buffer_puts(b, "<dt>assay<dd>");
    json_value(b, member(m, "assay_version"));
    assay_buffer_puts(b, ", plugin ABI ");
    json_value(b, member(m, "abi_version"));
    const cJSON *policy = member(m, "policy");
    if (cJSON_IsObject(policy)) {
        assay_buffer_puts(b, "<dt>Policy<dd>");
        path_and_hash(b, policy);
    }
    const cJSON *inputs = member(m, "inputs"), *in;
    if (cJSON_IsArray(inputs))
        cJSON_ArrayForEach(in, inputs)
        {
            assay_buffer_puts(b, "<dt>Input<dd>");
            path_and_hash(b, in);
        }
    const cJSON *timings = member(m, "timings"), *t;
    if (cJSON_IsObject(timings)) {
        assay_buffer_puts(b, "<dt>Timings<dd>");
        cJSON_ArrayForEach(t, timings)
        {
            if (t != timings->child)
                assay_buffer_puts(b, ", ");
            text(b, t->string);
            assay_buffer_puts(b, " ");
            json_value(b, t);
        }
    }
    assay_buffer_puts(b, "</dl>");
    const cJSON *plugins = member(m, "plugins");
    if (cJSON_IsArray(plugins))
        plugins_table(b, plugins);
    fields_table(b, &r->facts);
    assay_buffer_puts(b, "</section>");
}

/* ---- Ties ----------------------------------------------------------- */

/* "a tie at the cut-off: 1 seated, 3 without a seat, settled by smaller
 * id", the words of the run's text summary. */
static void tie_sentence(assay_buffer *b, const assay_report_tie *t)
{
    assay_buffer_printf(b, "a tie at the cut-off: %zu seated, %zu without a "
                           "seat, settled by ",
                        t->seated, t->unseated);
    text(b, t->settled_by);
}

/* The tie the records mark at tier's cut-off, or NULL. */
static const assay_report_tie *tie_of(const assay_report *r,
                                      const char *tier)
{
    for (size_t i = 0; tier && i < r->tie_count; i++)
        if (strcmp(r->ties[i].tier, tier) == 0)
            return &r->ties[i];
    return NULL;
}

/* " =" after the score of a record its decision record marks tied at a
 * cut-off, the title saying which side of it the tie-break put it. */
static void tie_mark(assay_buffer *b, const assay_report *r,
                     const assay_report_entry *e)
{
    const assay_report_tie *t = tie_of(r, e->tie_tier);
    if (!t)
        return;
    assay_buffer_puts(b, " <span class=tie title=\"tied at the cut-off of ");
    text(b, t->tier);
    assay_buffer_puts(b, strcmp(e->decision, t->tier) == 0
                             ? ": seated by the tie-break ("
                             : ": no seat, by the tie-break (");
    text(b, t->settled_by);
    assay_buffer_puts(b, ")\">=</span>");
}

/* ---- The committee -------------------------------------------------- */

/* " ✎ assay: review" after the decision the committee's override gave
 * (or its taking a seat left), beside what assay decided. */
static void committee_mark(assay_buffer *b, const assay_report_entry *e)
{
    if (!e->assay_decision)
        return;
    assay_buffer_puts(b, "<span class=ovr title=\"the committee's override; "
                         "assay decided ");
    text(b, e->assay_decision);
    assay_buffer_puts(b, "\"> \xE2\x9C\x8E assay: ");
    text(b, e->assay_decision);
    assay_buffer_puts(b, "</span>");
}

/* The committee's override, or the override that took the seat, with
 * assay's own decision and why: <dt>/<dd> of the section's list. */
static void committee_item(assay_buffer *b, const assay_report_detail *d)
{
    const assay_report_committee *c = &d->committee;
    if (!d->overridden && !d->displaced)
        return;
    if (d->overridden) {
        assay_buffer_puts(b, "<dt>Committee<dd><b>");
        text(b, c->decision);
        assay_buffer_puts(b, "</b>");
    } else {
        assay_buffer_puts(b, "<dt>Displaced<dd>its seat went to ");
        text(b, c->displacer);
        assay_buffer_puts(b, " by the committee's override to <b>");
        text(b, c->decision);
        assay_buffer_puts(b, "</b>");
    }
    assay_buffer_puts(b, " (");
    text(b, c->who);
    assay_buffer_puts(b, ", ");
    text(b, c->when);
    assay_buffer_puts(b, ": ");
    text(b, c->reason);
    assay_buffer_puts(b, ")");
    if (c->displaced) {
        assay_buffer_puts(b, "; it took the seat of ");
        text(b, c->displaced);
    }
    if (c->assay_decision) {
        assay_buffer_puts(b, "<dt>assay decided<dd><b>");
        text(b, c->assay_decision);
        assay_buffer_puts(b, "</b>");
        if (c->assay_why) {
            assay_buffer_puts(b, ": ");
            text(b, c->assay_why);
        }
    }
}

/* ---- Seats ---------------------------------------------------------- */

/* The cut-off cell: a score only where the tier filled, since a tier with
 * seats left turned nobody away for their score. */
static void cutoff_cell(assay_buffer *b, const assay_report_tier *tier)
{
    if (!tier->filled) {
        assay_buffer_printf(b, "<td class=\"n\">none: %.0f seats left",
                            tier->capacity - tier->used);
        return;
    }
    assay_buffer_puts(b, "<td class=\"n\">");
    score(b, tier->cutoff_score);
    if (!isnan(tier->cutoff_rank))
        assay_buffer_printf(b, " (rank %.0f)", tier->cutoff_rank);
    if (tier->tie.tier) {
        assay_buffer_puts(b, " <span class=tie>= ");
        tie_sentence(b, &tier->tie);
        assay_buffer_puts(b, "</span>");
    }
}

static void seats_table(assay_buffer *b, const assay_report *r)
{
    int any_min = 0;
    for (size_t t = 0; t < r->tier_count; t++)
        any_min |= !isnan(r->tiers[t].min_score);
    assay_buffer_puts(b, "<div class=\"tw\"><table id=\"seats-table\">"
                         "<thead><tr><th>Tier<th class=\"n\">Seats given"
                         "<th class=\"n\">Capacity<th>Filled"
                         "<th class=\"n\">Cut-off");
    if (any_min)
        assay_buffer_puts(b, "<th class=\"n\">Minimum score");
    assay_buffer_puts(b, "<tbody>");
    for (size_t t = 0; t < r->tier_count; t++) {
        const assay_report_tier *tier = &r->tiers[t];
        double fill = tier->capacity > 0 ? tier->used / tier->capacity : 0;
        assay_buffer_puts(b, "<tr><td>");
        decision_chip(b, r, t);
        assay_buffer_printf(b, "<td class=\"n\">%.0f<td class=\"n\">%.0f"
                               "<td><span class=\"meter\"><span "
                               "class=\"c%zu\" style=\"width:%.1f%%\">"
                               "</span></span>",
                            tier->used, tier->capacity, t,
                            100 * fmin(1.0, fill));
        cutoff_cell(b, tier);
        if (any_min) {
            assay_buffer_puts(b, "<td class=\"n\">");
            score(b, tier->min_score);
        }
    }
    assay_buffer_puts(b, "</table></div>");
}

/* The highest tier whose minimum (and, where it filled, cut-off) the
 * score reaches; requests and seats aside. NULL for none. */
static const char *score_reaches(const assay_report *r, double s)
{
    if (isnan(s))
        return NULL;
    for (size_t t = 0; t < r->tier_count; t++) {
        const assay_report_tier *tier = &r->tiers[t];
        if ((isnan(tier->min_score) || s >= tier->min_score) &&
            (!tier->filled || isnan(tier->cutoff_score) ||
             s >= tier->cutoff_score))
            return tier->name;
    }
    return NULL;
}

/* A short table of applications: rank, id, name, requested, decision and
 * score, with the tie mark of those tied at the cut-off of tier `tie`
 * (NULL: none) and, when reach is set, the tier the score reaches. */
static void applicant_table(assay_buffer *b, const assay_report *r,
                            const char *cls, const size_t *idx, size_t n,
                            const char *tie, size_t cut_after, int reach)
{
    assay_buffer_printf(b, "<div class=\"tw\"><table class=\"%s\"><thead>"
                           "<tr><th class=\"n\">Rank<th>ID<th>Name"
                           "<th>Requested<th>Decision<th class=\"n\">Score",
                        cls);
    if (reach)
        assay_buffer_puts(b, "<th>If cleared, the score reaches");
    assay_buffer_puts(b, "<tbody>");
    for (size_t k = 0; k < n; k++) {
        const assay_report_entry *e = &r->entries[idx[k]];
        assay_buffer_printf(b, "<tr%s><td class=\"n\">",
                            k == cut_after ? " class=below" : "");
        if (e->rank)
            assay_buffer_printf(b, "%zu", e->rank);
        assay_buffer_printf(b, "<td class=id><a href=#a%zu>", idx[k]);
        text(b, e->id);
        assay_buffer_puts(b, "</a><td>");
        text(b, e->name);
        assay_buffer_puts(b, "<td>");
        text(b, e->requests);
        assay_buffer_puts(b, "<td>");
        decision_chip(b, r, e->decision_index);
        committee_mark(b, e);
        assay_buffer_puts(b, "<td class=\"n\">");
        score(b, e->score);
        if (tie && e->tie_tier && strcmp(e->tie_tier, tie) == 0)
            tie_mark(b, r, e);
        if (reach) {
            const char *t = score_reaches(r, e->score);
            assay_buffer_puts(b, "<td>");
            text(b, t ? t : "no tier");
        }
    }
    assay_buffer_puts(b, "</table></div>");
}

static void borderline(assay_buffer *b, const assay_report *r)
{
    size_t idx[2 * ASSAY_REPORT_BORDERLINE];
    int any = 0;
    for (size_t t = 0; t < r->tier_count; t++) {
        const assay_report_tier *tier = &r->tiers[t];
        size_t n = assay_report_borderline(r, t, ASSAY_REPORT_BORDERLINE, idx);
        if (!n)
            continue;
        if (!any)
            assay_buffer_puts(b, "<h3 id=\"borderline\">Borderline</h3>"
                                 "<p class=\"note\">The last seats of each "
                                 "tier that filled and the applications "
                                 "ranked just below; = marks a score tied "
                                 "at the cut-off, where the ranking's "
                                 "tie-break (more domain scores, then the "
                                 "smaller id, then input order) gave the "
                                 "seat.</p>");
        any = 1;
        size_t cut = n;
        for (size_t k = 0; k < n; k++)
            if (idx[k] >= tier->last_seat) {
                cut = k;
                break;
            }
        assay_buffer_puts(b, "<h4>");
        text(b, tier->name);
        assay_buffer_puts(b, " cut-off ");
        score(b, tier->cutoff_score);
        if (tier->tie.tier) {
            assay_buffer_puts(b, ": <span class=tie>");
            tie_sentence(b, &tier->tie);
            assay_buffer_puts(b, "</span>");
        }
        assay_buffer_puts(b, "</h4>");
        applicant_table(b, r, "border", idx, n, tier->name, cut, 0);
    }
    if (!any && r->tier_count)
        assay_buffer_puts(b, "<h3 id=\"borderline\">Borderline</h3><p "
                             "class=\"note\">No tier filled: every "
                             "application that reached a tier's minimum "
                             "and asked for it got a seat.</p>");
}

static void review_queue(assay_buffer *b, const assay_report *r,
                         size_t *idx)
{
    size_t review = assay_report_decision_named(r, "review");
    if (review == r->decision_count)
        return;
    assay_buffer_printf(b, "<h3 id=\"review\">Review queue (%zu)</h3><p "
                           "class=\"note\">Held for a human look, grouped "
                           "by the rule that flagged them; the last column "
                           "says what the score reaches if cleared.</p>",
                        r->decision_counts[review]);
    for (size_t g = 0; g < r->held_count; g++) {
        const assay_report_held *h = &r->held[g];
        size_t n = 0;
        for (size_t j = 0; j < r->ok_count; j++) {
            const assay_report_entry *e = &r->entries[j];
            if (e->decision_index == review && e->held_by == h->reason &&
                e->shown)
                idx[n++] = j;
        }
        assay_buffer_puts(b, "<h4>");
        if (h->reason == assay_report_held_by_committee) {
            assay_buffer_puts(b, "the committee's override");
        } else if (h->reason) {
            assay_buffer_puts(b, "<code>");
            text(b, h->reason);
            assay_buffer_puts(b, "</code>");
        } else {
            assay_buffer_puts(b, "no score: no rule applied");
        }
        assay_buffer_printf(b, " (%zu)</h4>", h->count);
        applicant_table(b, r, "queue", idx, n, NULL, n, 1);
        if (n < h->count)
            assay_buffer_printf(b, "<p class=\"note\">%zu shown; the other "
                                   "%zu are in the CSV and XLSX files.</p>",
                                n, h->count - n);
    }
}

static void waitlist(assay_buffer *b, const assay_report *r, size_t *idx)
{
    size_t w = assay_report_decision_named(r, "waitlist");
    if (w == r->decision_count)
        return;
    size_t n = 0;
    for (size_t i = 0; i < r->ok_count && n < ASSAY_REPORT_WAITLIST_SHOWN;
         i++)
        if (r->entries[i].decision_index == w)
            idx[n++] = i;
    assay_buffer_printf(b, "<h3 id=\"waitlist\">Waitlist (%zu)</h3><p "
                           "class=\"note\">In the order seats would go "
                           "when one is freed%s.</p>",
                        r->decision_counts[w],
                        r->decision_counts[w] > n ? "; the first 50 shown, "
                        "the rest in the CSV and XLSX files" : "");
    applicant_table(b, r, "wait", idx, n, NULL, n, 0);
}

static void outcome_section(assay_buffer *b, const assay_report *r)
{
    assay_buffer_puts(b, "<section id=\"seats\"><h2>Outcome</h2>");
    if (!r->summary)
        assay_buffer_puts(b, "<p class=\"note\">No summary given: seats and "
                             "cut-offs need <code>--summary FILE</code>.</p>");
    else
        seats_table(b, r);
    assay_buffer_puts(b, "<div class=\"tw\"><table "
                         "id=\"decisions-table\"><thead><tr><th>Decision"
                         "<th class=\"n\">Applications<tbody>");
    for (size_t i = 0; i < r->decision_count; i++) {
        assay_buffer_puts(b, "<tr><td>");
        decision_chip(b, r, i);
        assay_buffer_printf(b, "<td class=\"n\">%zu", r->decision_counts[i]);
    }
    assay_buffer_printf(b, "<tr><td><a href=\"#errors\">error records</a>"
                           "<td class=\"n\">%zu</table></div>",
                        r->count - r->ok_count);
    size_t *idx = calloc(r->ok_count ? r->ok_count : 1, sizeof *idx);
    if (idx) {
        borderline(b, r);
        review_queue(b, r, idx);
        waitlist(b, r, idx);
        free(idx);
    }
    assay_buffer_puts(b, "</section>");
}

/* ---- Scores --------------------------------------------------------- */

static void scores_section(assay_buffer *b, const assay_report *r)
{
    assay_buffer_puts(b, "<section id=\"scores\"><h2>Scores</h2>");
    assay_chart_overall(b, r);
    assay_buffer_puts(b, "<h3>By domain</h3><div class=\"smalls\">");
    for (size_t d = 0; d < r->domain_count; d++)
        assay_chart_domain(b, r, d);
    assay_buffer_puts(b, "</div></section>");
}

/* ---- Ranking -------------------------------------------------------- */

/* A sortable column: its key (the custom property of a row that holds its
 * ordinal, and the radio ids s-<key>-a / s-<key>-d), its heading, and
 * whether a click on the heading sorts descending. */
typedef struct column {
    char key[24];
    const char *label;
    int descending;
    int sort; /* ASSAY_SORT_* */
    double quartile[3]; /* a domain's: the cohort's quartiles, or NAN */
} column;

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The quartiles of domain d's scores over every evaluated application,
 * shown or not, interpolated between the two nearest scores (q[k] at
 * position (n - 1) * (k + 1) / 4 of the sorted scores); NAN without any. */
static void domain_quartiles(const assay_report *r, size_t d, double q[3])
{
    double *v = malloc((r->ok_count ? r->ok_count : 1) * sizeof *v);
    if (!v)
        abort();
    size_t n = 0;
    for (size_t i = 0; i < r->ok_count; i++)
        if (!isnan(r->entries[i].domain[d]))
            v[n++] = r->entries[i].domain[d];
    qsort(v, n, sizeof *v, compare_double);
    for (int k = 0; k < 3; k++) {
        if (!n) {
            q[k] = NAN;
            continue;
        }
        double at = (double)(n - 1) * (k + 1) / 4;
        size_t lo = (size_t)at;
        q[k] = lo + 1 < n ? v[lo] + (at - lo) * (v[lo + 1] - v[lo]) : v[lo];
    }
    free(v);
}

static size_t columns_of(const assay_report *r, column *c)
{
    static const column base[] = {{"r", "Rank", 0, ASSAY_SORT_RANK, {0}},
                                  {"i", "ID", 0, ASSAY_SORT_ID, {0}},
                                  {"n", "Name", 0, ASSAY_SORT_NAME, {0}},
                                  {"q", "Requested", 0, ASSAY_SORT_REQUESTS, {0}},
                                  {"d", "Decision", 0, ASSAY_SORT_DECISION, {0}},
                                  {"s", "Score", 1, ASSAY_SORT_SCORE, {0}}};
    size_t n = sizeof base / sizeof base[0];
    memcpy(c, base, sizeof base);
    for (size_t d = 0; d < r->domain_count; d++) {
        column dc = {"", assay_report_domain_label(r, d), 1,
                     ASSAY_SORT_DOMAIN0 + (int)d, {NAN, NAN, NAN}};
        snprintf(dc.key, sizeof dc.key, "a%zu", d);
        domain_quartiles(r, d, dc.quartile);
        c[n++] = dc;
    }
    return n;
}

/* The rules that sort and filter the table without a script: a checked
 * radio before the table picks the `order` of its cells or hides rows. */
static void ranking_css(assay_buffer *b, const assay_report *r,
                        const column *cols, size_t ncols)
{
    assay_buffer_puts(b, "#ranked{grid-template-columns:auto "
                         "max-content minmax(6rem,1fr) minmax(6rem,9rem) "
                         "auto auto");
    /* A domain's column is as narrow as its heading's longest word, so
     * that the space left goes to the name and the why. */
    for (size_t i = 6; i < ncols; i++)
        assay_buffer_puts(b, " min-content");
    if (r->stability)
        assay_buffer_puts(b, " auto");
    assay_buffer_puts(b, " minmax(7rem,2fr)");
    /* On a phone: rank, id, decision and score, nothing to scroll to. */
    assay_buffer_puts(b, "}@media (max-width:40rem){#ranked{min-width:0;"
                         "grid-template-columns:auto minmax(0,1fr) auto "
                         "auto}#ranked th:nth-child(3),#ranked "
                         "td:nth-child(3),#ranked th:nth-child(4),#ranked "
                         "td:nth-child(4),#ranked th:nth-child(n+7),#ranked "
                         "td:nth-child(n+7){display:none}}");
    /* Each domain's quartiles once, for the bar under its scores. */
    for (size_t i = 6; i < ncols; i++)
        if (!isnan(cols[i].quartile[0]))
            assay_buffer_printf(b, "#ranked td:nth-child(%zu) .q{--l:%.2f%%;"
                                   "--m:%.2f%%;--h:%.2f%%}",
                                i + 1, 100 * cols[i].quartile[0],
                                100 * cols[i].quartile[1],
                                100 * cols[i].quartile[2]);
    /* Printed, a few domains' headings break between words only; many
     * break anywhere, so that the table still fits the page. */
    if (r->domain_count <= 6)
        assay_buffer_puts(b, "@media print{#ranked th{overflow-wrap:"
                             "break-word}}");
    for (size_t i = 0; i < ncols; i++) {
        const char *k = cols[i].key;
        assay_buffer_printf(b,
                            "#s-%s-a:checked~.tw td{order:var(--%s,999999)}"
                            "#s-%s-d:checked~.tw td{order:calc(-1*var(--%s,"
                            "-999999))}",
                            k, k, k, k);
    }
    for (size_t i = 0; i < r->decision_count; i++)
        assay_buffer_printf(b, "#fd-%zu:checked~.tw tbody tr:not(.d%zu)"
                               "{display:none}", i, i);
    for (size_t d = 0; d < r->domain_count; d++)
        assay_buffer_printf(b, "#fx-%zu:checked~.tw tbody tr:not(.x%zu)"
                               "{display:none}", d, d);
    /* The checked choice looks pressed; a focused one is outlined. */
    const char *sep = "";
    for (size_t i = 0; i < ncols; i++)
        for (int dir = 0; dir < 2; dir++) {
            const char *id = cols[i].key, *x = dir ? "d" : "a";
            assay_buffer_printf(b, "%s#s-%s-%s:checked~.tw label[for=s-%s-%s]",
                                sep, id, x, id, x);
            sep = ",";
        }
    assay_buffer_puts(b, "{color:var(--acc);font-weight:700}");
    assay_buffer_puts(b, "#fd-all:checked~.controls label[for=fd-all],"
                         "#fx-all:checked~.controls label[for=fx-all]");
    for (size_t i = 0; i < r->decision_count; i++)
        assay_buffer_printf(b, ",#fd-%zu:checked~.controls label[for=fd-%zu]",
                            i, i);
    for (size_t d = 0; d < r->domain_count; d++)
        assay_buffer_printf(b, ",#fx-%zu:checked~.controls "
                               "label[for=fx-%zu]", d, d);
    assay_buffer_puts(b, "{background:var(--acc);border-color:var(--acc);"
                         "color:#fff}"
                         ".ctl:focus-visible~.controls,"
                         ".ctl:focus-visible~.tw thead{outline:2px solid "
                         "var(--acc)}");
}

static void radio(assay_buffer *b, const char *name, const char *id,
                  int checked, const char *label)
{
    assay_buffer_printf(b, "<input type=\"radio\" class=\"ctl\" name=\"%s\" "
                           "id=\"%s\" aria-label=\"%s\"%s>",
                        name, id, label, checked ? " checked" : "");
}

static void ranking_controls(assay_buffer *b, const assay_report *r,
                             const column *cols, size_t ncols)
{
    char id[32], label[96];
    for (size_t i = 0; i < ncols; i++)
        for (int dir = 0; dir < 2; dir++) {
            snprintf(id, sizeof id, "s-%s-%s", cols[i].key, dir ? "d" : "a");
            snprintf(label, sizeof label, "sort by %s, %s", cols[i].label,
                     dir ? "descending" : "ascending");
            radio(b, "sort", id, i == 0 && dir == 0, label);
        }
    radio(b, "fd", "fd-all", 1, "every decision");
    for (size_t i = 0; i < r->decision_count; i++) {
        snprintf(id, sizeof id, "fd-%zu", i);
        snprintf(label, sizeof label, "decision %zu", i + 1);
        radio(b, "fd", id, 0, label);
    }
    radio(b, "fx", "fx-all", 1, "every domain");
    for (size_t d = 0; d < r->domain_count; d++) {
        snprintf(id, sizeof id, "fx-%zu", d);
        snprintf(label, sizeof label, "domain %s",
                 assay_report_domain_label(r, d));
        radio(b, "fx", id, 0, label);
    }

    assay_buffer_printf(b, "<div class=\"controls\"><div class=\"grp\">"
                           "<span>Decision</span><label for=\"fd-all\">all "
                           "(%zu)</label>",
                        r->shown_count);
    for (size_t i = 0; i < r->decision_count; i++) {
        size_t n = 0;
        for (size_t k = 0; k < r->ok_count; k++)
            n += r->entries[k].shown && r->entries[k].decision_index == i;
        assay_buffer_printf(b, "<label for=\"fd-%zu\">", i);
        text(b, r->decisions[i]);
        if (n == r->decision_counts[i])
            assay_buffer_printf(b, " (%zu)</label>", n);
        else
            assay_buffer_printf(b, " (%zu of %zu)</label>", n,
                                r->decision_counts[i]);
    }
    assay_buffer_puts(b, "</div><div class=\"grp\"><span>Domain</span>"
                         "<label for=\"fx-all\">all</label>");
    for (size_t d = 0; d < r->domain_count; d++) {
        size_t n = 0;
        for (size_t i = 0; i < r->ok_count; i++)
            n += r->entries[i].shown && !isnan(r->entries[i].domain[d]);
        assay_buffer_printf(b, "<label for=\"fx-%zu\">", d);
        text(b, assay_report_domain_label(r, d));
        assay_buffer_printf(b, " (%zu)</label>", n);
    }
    assay_buffer_puts(b, "</div></div>");
}

/* The why of a decision without the rank and score the row shows beside
 * it: "Ranked 3 of 72 with score 0.81: given lab, seat 3 of 30." reads
 * "given lab, seat 3 of 30." (the sentence core/engine/explanation.c
 * writes). */
static const char *short_why(const char *why)
{
    static const char lead[] = "Ranked ";
    if (!why || strncmp(why, lead, sizeof lead - 1) != 0)
        return why;
    const char *colon = strstr(why, ": ");
    return colon ? colon + 2 : why;
}

/* A domain score and, under it, the bar of it against the cohort: a box
 * from the lower to the upper quartile, a tick at the median, a black mark
 * at the score; its title says the same in numbers. */
static void score_against_cohort(assay_buffer *b, double v, const double *q)
{
    assay_json_score(b, v);
    assay_buffer_puts(b, "<span class=q role=img title=\"");
    assay_json_score(b, v);
    assay_buffer_puts(b, "; cohort quartiles ");
    for (int k = 0; k < 3; k++) {
        assay_json_score(b, q[k]);
        assay_buffer_puts(b, k < 2 ? ", " : "");
    }
    assay_buffer_printf(b, "\" style=--v:%.2f%%></span>",
                        100 * fmin(1.0, fmax(0.0, v)));
}

static void ranking_row(assay_buffer *b, const assay_report *r, size_t i,
                        const column *cols, size_t ncols)
{
    const assay_report_entry *e = &r->entries[i];
    assay_buffer_printf(b, "<tr class=\"d%zu", e->decision_index);
    for (size_t d = 0; d < r->domain_count; d++)
        if (!isnan(e->domain[d]))
            assay_buffer_printf(b, " x%zu", d);
    assay_buffer_puts(b, "\" style=\"");
    const char *sep = "";
    for (size_t c = 0; c < ncols; c++) {
        size_t ordinal = e->order[cols[c].sort];
        if (ordinal) {
            assay_buffer_printf(b, "%s--%s:%zu", sep, cols[c].key, ordinal);
            sep = ";";
        }
    }
    /* A cell is a paragraph of its own for the bidirectional algorithm, so
     * right-to-left text cannot reorder its neighbours: no <bdi> needed. */
    assay_buffer_puts(b, "\"><td>");
    if (e->rank)
        assay_buffer_printf(b, "%zu", e->rank);
    else
        assay_buffer_puts(b, "\xE2\x80\x93");
    assay_buffer_printf(b, "<td><a href=#a%zu>", i);
    text(b, e->id);
    assay_buffer_puts(b, "</a><td>");
    text(b, e->name);
    assay_buffer_puts(b, "<td>");
    text(b, e->requests);
    assay_buffer_printf(b, "<td class=k%zu>", e->decision_index);
    assay_html_name(b, e->decision);
    if (e->flag_count)
        assay_buffer_printf(b, "<span class=flag title=\"flags\">"
                               " \xE2\x9A\x91%zu</span>", e->flag_count);
    if (e->veto_count)
        assay_buffer_printf(b, "<span class=flag title=\"vetoes\">"
                               " \xE2\x9B\x94%zu</span>", e->veto_count);
    committee_mark(b, e);
    assay_buffer_puts(b, "<td>");
    score(b, e->score);
    tie_mark(b, r, e);
    for (size_t c = 6; c < ncols; c++) {
        assay_buffer_puts(b, "<td>");
        double v = e->domain[cols[c].sort - ASSAY_SORT_DOMAIN0];
        if (!isnan(v))
            score_against_cohort(b, v, cols[c].quartile);
    }
    if (r->stability) {
        assay_buffer_puts(b, "<td>");
        assay_report_stability_cell(b, r->stability, e->id);
    }
    assay_buffer_puts(b, "<td class=why>");
    text(b, short_why(e->why));
}

/* What the page leaves out of a large cohort, and where it is. */
static void not_shown_note(assay_buffer *b, const assay_report *r)
{
    if (r->shown_count == r->ok_count)
        return;
    assay_buffer_printf(b, "<p class=\"note\" id=\"not-shown\">%zu of %zu "
                           "applications are shown in full: every seat, the "
                           "first %d of the waitlist, %d on either side of "
                           "each cut-off, the first %d held for each reason "
                           "and the first %zu in rank order. The other %zu (",
                        r->shown_count, r->ok_count,
                        ASSAY_REPORT_WAITLIST_SHOWN, ASSAY_REPORT_BORDERLINE,
                        ASSAY_REPORT_HELD_SHOWN, r->detail_top,
                        r->ok_count - r->shown_count);
    const char *sep = "";
    for (size_t d = 0; d < r->decision_count; d++) {
        size_t n = 0;
        for (size_t i = 0; i < r->ok_count; i++)
            n += !r->entries[i].shown && r->entries[i].decision_index == d;
        if (!n)
            continue;
        assay_buffer_printf(b, "%s%zu ", sep, n);
        text(b, r->decisions[d]);
        sep = ", ";
    }
    assay_buffer_puts(b, ") are in the CSV and XLSX files, with their "
                         "scores; <code>assay explain</code> tells any "
                         "one's findings.</p>");
}

static void ranking_section(assay_buffer *b, const assay_report *r,
                            const column *cols, size_t ncols)
{
    assay_buffer_puts(b, "<section id=\"ranking\"><h2>Ranking</h2>"
                         "<p class=\"note screenonly\">Sort by a "
                         "column with its heading or its \xE2\x96\xB2\xE2\x96"
                         "\xBC; show one decision or one domain with the "
                         "buttons. An ID opens the application's findings."
                         "</p><p class=\"note printonly\">In rank order.</p>"
                         "<p class=\"note\">Under each domain score, the "
                         "score against the cohort: the grey box spans the "
                         "middle half of the cohort's scores in that domain "
                         "(lower to upper quartile), the thin line is its "
                         "median, the black mark the applicant's score.</p>");
    ranking_controls(b, r, cols, ncols);
    assay_buffer_printf(b, "<p id=\"shown\" class=\"shown\" "
                           "aria-live=\"polite\">%zu applications</p>"
                           "<div class=\"tw\"><table id=\"ranked\"><thead>"
                           "<tr>",
                        r->shown_count);
    for (size_t c = 0; c < ncols; c++) {
        const column *col = &cols[c];
        assay_buffer_printf(b, "<th data-k=\"%s\"><label class=\"h\" "
                               "for=\"s-%s-%s\">%s</label><span "
                               "class=\"ar\"><label for=\"s-%s-a\" "
                               "title=\"ascending\">\xE2\x96\xB2</label>"
                               "<label for=\"s-%s-d\" title=\"descending\">"
                               "\xE2\x96\xBC</label></span>",
                            col->key,
                            col->key, col->descending ? "d" : "a", col->label,
                            col->key, col->key);
    }
    if (r->stability)
        assay_buffer_puts(b, "<th title=\"how often the sampled weights give "
                             "this decision\">Confidence");
    assay_buffer_puts(b, "<th class=why>Why<tbody>");
    for (size_t i = 0; i < r->ok_count; i++)
        if (r->entries[i].shown)
            ranking_row(b, r, i, cols, ncols);
    assay_buffer_puts(b, "</table></div>");
    not_shown_note(b, r);
    assay_buffer_puts(b, "</section>");
}

/* ---- Applications --------------------------------------------------- */

static void marks(assay_buffer *b, const char *heading,
                  const assay_report_mark *m, size_t n)
{
    if (!n)
        return;
    assay_buffer_printf(b, "<h4>%s</h4><ul>", heading);
    for (size_t i = 0; i < n; i++) {
        assay_buffer_puts(b, "<li><code>");
        text(b, m[i].rule);
        assay_buffer_puts(b, "</code>: ");
        text(b, m[i].reason);
    }
    assay_buffer_puts(b, "</ul>");
}

static void finding_row(assay_buffer *b, const assay_report_finding *f)
{
    assay_buffer_puts(b, f->error ? "<tr class=err><td>" : "<tr><td>");
    text(b, f->rule);
    assay_buffer_puts(b, "<td>");
    if (!isnan(f->weight))
        assay_json_score(b, f->weight);
    assay_buffer_puts(b, "<td>");
    if (f->error) {
        assay_buffer_puts(b, "error<td>");
        text(b, f->error);
    } else {
        score(b, f->score);
        assay_buffer_puts(b, "<td>");
        text(b, f->reason);
    }
}

/* The findings grouped by domain, each group headed by its score; findings
 * of a domain assay does not know come last. */
static void findings(assay_buffer *b, const assay_report *r,
                     const assay_report_entry *e,
                     const assay_report_detail *dt)
{
    if (!dt->finding_count) {
        assay_buffer_puts(b, "<p class=\"note\">No rule applied.</p>");
        return;
    }
    assay_buffer_puts(b, "<div class=tw><table class=f><thead><tr><th>Rule"
                         "<th>Weight<th>Score<th>Reason<tbody>");
    size_t m = r->domain_count;
    for (size_t d = 0; d <= m; d++) {
        int header = 0;
        for (size_t i = 0; i < dt->finding_count; i++) {
            const assay_report_finding *f = &dt->findings[i];
            size_t fd = 0;
            while (fd < m && (!f->domain ||
                              strcmp(r->domains[fd].name, f->domain) != 0))
                fd++;
            if (fd != d)
                continue;
            if (!header) {
                assay_buffer_puts(b, "<tr class=g><th colspan=4>");
                if (d < m) {
                    text(b, assay_report_domain_label(r, d));
                    assay_buffer_puts(b, " ");
                    score(b, e->domain[d]);
                } else {
                    assay_buffer_puts(b, "other domains");
                }
                header = 1;
            }
            finding_row(b, f);
        }
    }
    assay_buffer_puts(b, "</table></div>");
}

/* Adds rule to the readers of each field it declares, or to the rules
 * that declare none. */
static void rule_facts(const assay_report *r, const char *rule,
                       assay_buffer *readers, assay_buffer *undeclared)
{
    const assay_report_rule_inputs *ri = assay_report_facts_rule(&r->facts,
                                                                 rule);
    if (!ri || !ri->field_count) {
        if (undeclared->len)
            assay_buffer_puts(undeclared, ", ");
        assay_html_text(undeclared, rule);
        return;
    }
    for (size_t k = 0; k < ri->field_count; k++) {
        size_t f = ri->fields[k];
        assay_buffer *x = &readers[f];
        if (x->len)
            assay_buffer_puts(x, ", ");
        assay_html_text(x, rule);
    }
}

/* "Facts the rules used": the application's values of the fields that the
 * rules with a finding, veto or flag here declare, each with those rules;
 * a field the application lacks is shown as missing. */
static void facts_table(assay_buffer *b, const assay_report *r,
                        const assay_report_detail *d)
{
    const assay_report_facts *f = &r->facts;
    assay_buffer_puts(b, "<div class=facts><h4>Facts the rules used</h4>");
    if (!r->manifest || !f->declared) {
        assay_buffer_puts(b, r->manifest
                                 ? "<p class=note>Not shown: the manifest "
                                   "does not name the rules' inputs.</p>"
                                 : "<p class=note>Not shown: the rules' "
                                   "inputs come from the run's manifest "
                                   "(<code>--manifest FILE</code>).</p>");
        assay_buffer_puts(b, "</div>");
        return;
    }
    size_t n = f->field_count;
    assay_buffer *readers = calloc(n ? n : 1, sizeof *readers);
    assay_buffer undeclared;
    assay_buffer_init(&undeclared);
    if (!readers) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    for (size_t k = 0; k < n; k++)
        assay_buffer_init(&readers[k]);
    for (size_t k = 0; k < d->finding_count; k++)
        rule_facts(r, d->findings[k].rule, readers, &undeclared);
    size_t used = 0;
    for (size_t k = 0; k < n; k++)
        used += readers[k].len > 0;
    if (used && !d->facts) {
        assay_buffer_puts(b, "<p class=note>Not shown: ");
        assay_buffer_puts(b, r->names_given
                                 ? "the input has no application of this id"
                                 : "the values come from the applications "
                                   "(<code>--input FILE</code>)");
        assay_buffer_puts(b, ".</p>");
    } else if (used) {
        assay_buffer_puts(b, "<div class=tw><table><thead><tr><th>Field"
                             "<th>Value<th>Read by<tbody>");
        for (size_t k = 0; k < n; k++) {
            if (!readers[k].len)
                continue;
            const assay_report_fact *x = &d->facts[k];
            assay_buffer_puts(b, "<tr><td>");
            text(b, f->fields[k].path.text);
            if (!x->text) {
                assay_buffer_puts(b, "<td class=miss>missing");
            } else {
                assay_buffer_puts(b, "<td>");
                text(b, x->text);
                if (x->chars)
                    assay_buffer_printf(b, "<span class=cut>\xE2\x80\xA6 "
                                           "(cut: %zu characters in all)"
                                           "</span>", x->chars);
            }
            assay_buffer_puts(b, "<td>");
            assay_buffer_append(b, readers[k].data, readers[k].len);
        }
        assay_buffer_puts(b, "</table></div>");
    } else if (d->finding_count) {
        assay_buffer_puts(b, "<p class=note>Its rules declare no inputs.</p>");
    }
    if (used && undeclared.len) {
        assay_buffer_puts(b, "<p class=note>No declared inputs: ");
        assay_buffer_append(b, undeclared.data, undeclared.len);
        assay_buffer_puts(b, ".</p>");
    }
    assay_buffer_puts(b, "</div>");
    for (size_t k = 0; k < n; k++)
        assay_buffer_free(&readers[k]);
    free(readers);
    assay_buffer_free(&undeclared);
}

static void application(assay_buffer *b, const assay_report *r, size_t i)
{
    const assay_report_entry *e = &r->entries[i];
    assay_report_detail detail;
    char err[512];
    int unread = assay_report_detail_read(r, i, &detail, err, sizeof err);
    const assay_report_detail *d = &detail;
    assay_buffer_printf(b, "<details id=a%zu><summary><b>", i);
    if (e->rank)
        assay_buffer_printf(b, "%zu", e->rank);
    assay_buffer_puts(b, "</b> <bdi class=id>");
    text(b, e->id);
    assay_buffer_puts(b, "</bdi> <bdi class=nm>");
    text(b, e->name);
    assay_buffer_puts(b, "</bdi> ");
    decision_chip(b, r, e->decision_index);
    assay_buffer_puts(b, " ");
    score(b, e->score);
    assay_buffer_puts(b, "</summary><div class=body>");
    if (e->why) {
        assay_buffer_puts(b, "<p>");
        text(b, e->why);
        assay_buffer_puts(b, "</p>");
    }
    assay_buffer_printf(b, "<dl class=kv><dt>Input line<dd>%zu", e->line);
    const assay_stability_entry *se =
        assay_report_stability_find(r->stability, e->id);
    if (se) {
        assay_buffer_puts(b, "<dt>Confidence<dd>");
        assay_report_stability_cell(b, r->stability, e->id);
        const char *sep = " (";
        for (size_t o = 0; o < se->acceptability_count; o++)
            if (se->acceptability[o] > 0) {
                assay_buffer_puts(b, sep);
                text(b, r->stability->outcomes[o]);
                assay_buffer_puts(b, " ");
                assay_json_score(b, se->acceptability[o]);
                sep = ", ";
            }
        assay_buffer_puts(b, ")");
    }
    if (unread) {
        assay_buffer_puts(b, "</dl><p class=warn>");
        text(b, err);
        assay_buffer_puts(b, "</p></div></details>");
        return;
    }
    if (d->benefit_count) {
        assay_buffer_puts(b, "<dt>Benefits<dd>");
        for (size_t k = 0; k < d->benefit_count; k++) {
            if (k)
                assay_buffer_puts(b, ", ");
            text(b, d->benefits[k]);
        }
    }
    committee_item(b, d);
    if (!isnan(d->panel_reviewers)) {
        assay_buffer_printf(b, "<dt>Panel<dd>%.0f reviewer%s",
                            d->panel_reviewers,
                            d->panel_reviewers == 1 ? "" : "s");
        if (d->panel_conflicts > 0)
            assay_buffer_printf(b, ", %.0f left out for a conflict of "
                                   "interest", d->panel_conflicts);
        assay_buffer_puts(b, d->panel_counted
                                 ? "; the panel's score counts"
                                 : "; too few for the panel's score to "
                                   "count");
    }
    if (d->tie.tier) {
        assay_buffer_puts(b, "<dt>Tie<dd><span class=tie>=</span> ");
        assay_buffer_puts(b, strcmp(e->decision, d->tie.tier) == 0
                                 ? "seated in " : "no seat in ");
        text(b, d->tie.tier);
        assay_buffer_puts(b, " at score ");
        score(b, d->tie.score);
        assay_buffer_puts(b, ", ");
        tie_sentence(b, &d->tie);
    }
    assay_buffer_puts(b, "</dl>");
    if (d->why_not_count) {
        /* Tiers with the same reason (a flag holds an application from
         * every tier) share one item. */
        assay_buffer_puts(b, "<h4>Why not a higher tier</h4><ul>");
        for (size_t k = 0; k < d->why_not_count; k++) {
            const char *why = d->why_not[k].reason;
            assay_buffer_puts(b, "<li><b>");
            text(b, d->why_not[k].tier);
            while (k + 1 < d->why_not_count && why &&
                   d->why_not[k + 1].reason &&
                   strcmp(d->why_not[k + 1].reason, why) == 0) {
                assay_buffer_puts(b, ", ");
                text(b, d->why_not[++k].tier);
            }
            assay_buffer_puts(b, "</b>: ");
            text(b, why);
        }
        assay_buffer_puts(b, "</ul>");
    }
    marks(b, "Vetoes", d->vetoes, d->veto_count);
    marks(b, "Flags", d->flags, d->flag_count);
    findings(b, r, e, d);
    facts_table(b, r, d);
    assay_buffer_puts(b, "</div></details>");
    assay_report_detail_free(&detail);
}

static void applications_section(assay_buffer *b, const assay_report *r)
{
    assay_buffer_puts(b, "<section id=\"apps\"><h2>Applications</h2>"
                         "<p class=\"note\">In rank order. Open one for the "
                         "reason of its decision, why not the tier above, "
                         "and every rule's finding.</p>");
    if (r->shown_count < r->ok_count)
        assay_buffer_printf(b, "<p class=\"note\">The %zu applications the "
                               "ranking shows; see there for the others.</p>",
                            r->shown_count);
    for (size_t i = 0; i < r->ok_count; i++)
        if (r->entries[i].shown)
            application(b, r, i);
    assay_buffer_puts(b, "</section>");
}

static void errors_section(assay_buffer *b, const assay_report *r)
{
    size_t n = r->count - r->ok_count;
    assay_buffer_puts(b, "<section id=\"errors\"><h2>Error records</h2>");
    if (!n) {
        assay_buffer_puts(b, "<p class=\"note\">None: every record was "
                             "evaluated.</p></section>");
        return;
    }
    assay_buffer_printf(b, "<p class=\"note\">%zu input records could not be "
                           "evaluated; the line is the line of the input "
                           "file.</p><div class=\"tw\"><table "
                           "id=\"errors-table\"><thead><tr><th class=\"n\">"
                           "Line<th>ID<th>Message<tbody>",
                        n);
    for (size_t i = r->ok_count; i < r->count; i++) {
        const assay_report_entry *e = &r->entries[i];
        assay_buffer_printf(b, "<tr><td class=\"n\">%zu<td><bdi>", e->line);
        text(b, e->id);
        assay_buffer_puts(b, "</bdi><td>");
        text(b, e->error);
    }
    assay_buffer_puts(b, "</table></div></section>");
}

/* ---- The page ------------------------------------------------------- */

static void header(assay_buffer *b, const assay_report *r)
{
    const cJSON *policy = r->manifest ? member(r->manifest, "policy") : NULL;
    assay_buffer_puts(b, "<header><h1>Decisions report</h1><p class=\"sub\">");
    assay_buffer_printf(b, "%zu applications, %zu error records", r->ok_count,
                        r->count - r->ok_count);
    (void)policy; /* paths and hashes are in the appendix */
    assay_buffer_printf(b, "</p></header><nav><a href=\"#seats\">Outcome</a>"
                           "<a href=\"#borderline\">Borderline</a>%s<a href=\"#scores\">"
                           "Scores</a><a href=\"#ranking\">Ranking</a><a "
                           "href=\"#apps\">Applications</a><a href=\"#errors"
                           "\">Error records (%zu)</a><a href=\"#run\">Run</a></nav>",
                        r->changes ? "<a href=\"#changes\">Changes</a>" : "",
                        r->count - r->ok_count);
    if (r->warning_count) {
        assay_buffer_puts(b, "<ul class=\"warn\" id=\"warnings\">");
        for (size_t i = 0; i < r->warning_count; i++) {
            assay_buffer_puts(b, "<li>");
            text(b, r->warnings[i]);
        }
        assay_buffer_puts(b, "</ul>");
    }
}

void assay_report_html(assay_buffer *b, const assay_report *r)
{
    column *cols = calloc(6 + r->domain_count, sizeof *cols);
    if (!cols)
        abort();
    size_t ncols = columns_of(r, cols);
    assay_buffer_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
                         "<meta charset=\"utf-8\"><meta name=\"viewport\" "
                         "content=\"width=device-width,initial-scale=1\">"
                         "<meta http-equiv=\"Content-Security-Policy\" "
                         "content=\"default-src 'none'; style-src "
                         "'unsafe-inline'; img-src data:; script-src "
                         "'sha256-");
    assay_buffer_puts(b, assay_report_script_sha256);
    assay_buffer_puts(b, "'; base-uri 'none'; form-action 'none'\">"
                         "<title>Decisions report</title><style>");
    assay_buffer_puts(b, style);
    assay_chart_css(b, r);
    ranking_css(b, r, cols, ncols);
    assay_buffer_puts(b, "</style></head><body>\n");
    header(b, r);
    outcome_section(b, r);
    if (r->changes)
        assay_report_changes_html(b, r, r->changes);
    if (r->stability)
        assay_report_stability_html(b, r, r->stability);
    scores_section(b, r);
    ranking_section(b, r, cols, ncols);
    applications_section(b, r);
    errors_section(b, r);
    run_section(b, r);
    assay_buffer_puts(b, "\n<script>");
    assay_buffer_puts(b, assay_report_script);
    assay_buffer_puts(b, "</script>\n</body></html>\n");
    free(cols);
}
