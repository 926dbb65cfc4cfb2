/* Cybersecurity: is the applicant ready for UNECE R155 type approval and
 * ISO/SAE 21434 engineering: a cybersecurity management system, a threat
 * analysis, a way to answer incidents, and updates that cannot be forged? */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "assay/plugin.h"
#include "../plugin_support.h"


#define RULE_CSMS "cyber.csms"
#define RULE_TARA "cyber.tara"
#define RULE_INCIDENT "cyber.incident_response"
#define RULE_OTA "cyber.ota_signing"

static const assay_domain_info domains[] = {
    {"cybersecurity", "Cybersecurity",
     "Vehicle cybersecurity: UNECE R155 CSMS, ISO/SAE 21434 TARA, incident "
     "response and signed over-the-air updates"},
};

/* What each rule reads, so the host can list it, describe the
 * application format, and skip a rule whose fields are all absent. The
 * CSMS rule reads the object too: without a csms field it scores 0. */
static const assay_input csms_inputs[] = {
    {"cybersecurity", ASSAY_INPUT_OBJECT},
    {"cybersecurity.csms", ASSAY_INPUT_STRING}};
static const assay_input tara_inputs[] = {
    {"cybersecurity.tara.threat_scenarios", ASSAY_INPUT_NUMBER}};
static const assay_input incident_inputs[] = {
    {"cybersecurity.incident_response_hours", ASSAY_INPUT_NUMBER}};
static const assay_input ota_inputs[] = {
    {"cybersecurity.ota.signed", ASSAY_INPUT_BOOLEAN},
    {"cybersecurity.ota.signature", ASSAY_INPUT_STRING}};

/* Each input in plain words, for the letters' list of what to add. */
static const char *const csms_descriptions[] = {
    "the facts about your cybersecurity (CSMS, TARA, incidents, updates)",
    "the state of your cybersecurity management system (planned, "
    "implemented or certified)"};
static const char *const tara_descriptions[] = {
    "the number of threat scenarios in your threat analysis and risk "
    "assessment"};
static const char *const incident_descriptions[] = {
    "the hours you take to respond to a cybersecurity incident"};
static const char *const ota_descriptions[] = {
    "whether your over-the-air updates are signed",
    "the signature scheme of your over-the-air updates"};

#define INPUTS(a, d)                                                        \
    .inputs = a, .input_count = sizeof a / sizeof a[0],                     \
    .input_descriptions = d

static const assay_rule rules[] = {
    {ASSAY_RULE_HEADER, .id = RULE_CSMS, .weight = 2.0, INPUTS(csms_inputs, csms_descriptions),
     .description = "Cybersecurity management system (UNECE R155 7.2): "
                    "certified over implemented over planned"},
    {ASSAY_RULE_HEADER, .id = RULE_TARA, .weight = 1.5, INPUTS(tara_inputs, tara_descriptions),
     .description = "Threat analysis and risk assessment (ISO/SAE 21434 "
                    "clause 15) by its threat scenarios, 100 for full marks"},
    {ASSAY_RULE_HEADER, .id = RULE_INCIDENT, .weight = 1.0,
     INPUTS(incident_inputs, incident_descriptions),
     .description = "Hours to respond to a cybersecurity incident (UNECE "
                    "R155 7.2.2.2, ISO/SAE 21434 clause 13): 24 or less "
                    "for full marks, 72 for half"},
    {ASSAY_RULE_HEADER, .id = RULE_OTA, .weight = 2.0, INPUTS(ota_inputs, ota_descriptions),
     .description = "Signed over-the-air updates (UNECE R155 Annex 5): "
                    "vetoes unsigned updates, flags weak signature schemes"},
};

/* ---- CSMS --------------------------------------------------------------- */

static void rule_csms(assay_ctx *ctx)
{
    const char *csms = NULL;
    int s = support_string(host, ctx, RULE_CSMS, "cybersecurity.csms", &csms);
    if (s < 0)
        return;
    double score;
    char reason[200];
    /* Absent or null: no CSMS. Once an applicant describes its
     * cybersecurity, silence on the one thing R155 requires is evidence. */
    if (s == 0 || strcmp(csms, "none") == 0) {
        score = 0;
        snprintf(reason, sizeof reason,
                 "no cybersecurity management system (CSMS), which UNECE "
                 "R155 requires for type approval");
    } else if (strcmp(csms, "certified") == 0) {
        score = 1;
        snprintf(reason, sizeof reason,
                 "CSMS certified: a UNECE R155 certificate of compliance");
    } else if (strcmp(csms, "implemented") == 0) {
        score = 0.6;
        snprintf(reason, sizeof reason,
                 "CSMS implemented but not yet certified under UNECE R155");
    } else if (strcmp(csms, "planned") == 0) {
        score = 0.2;
        snprintf(reason, sizeof reason,
                 "CSMS only planned; UNECE R155 requires one in place for "
                 "type approval");
    } else {
        snprintf(reason, sizeof reason,
                 "cybersecurity.csms is \"%.40s\"; it must be certified, "
                 "implemented, planned or none",
                 csms);
        host->fail(ctx, RULE_CSMS, reason);
        return;
    }
    host->finding(ctx, RULE_CSMS, score, rules[0].weight, reason);
}

/* ---- TARA --------------------------------------------------------------- */

static void rule_tara(assay_ctx *ctx)
{
    double n;
    if (support_number(host, ctx, RULE_TARA,
                       "cybersecurity.tara.threat_scenarios", &n) <= 0)
        return;
    char reason[200];
    if (n < 0 || n != floor(n)) {
        snprintf(reason, sizeof reason,
                 "cybersecurity.tara.threat_scenarios is %g; it must be a "
                 "whole number, 0 or more",
                 n);
        host->fail(ctx, RULE_TARA, reason);
        return;
    }
    if (n == 0) {
        snprintf(reason, sizeof reason,
                 "a TARA with no threat scenarios has analysed nothing");
        host->finding(ctx, RULE_TARA, 0, rules[1].weight, reason);
        return;
    }
    /* Log scale: the tenth scenario is worth more than the hundred-and-
     * tenth; a vehicle-level TARA has a hundred or more. */
    double score = support_clamp01(log10(1 + n) / log10(101));
    snprintf(reason, sizeof reason,
             "TARA (ISO/SAE 21434) with %.0f threat scenario%s (100 for "
             "full marks)",
             n, n == 1 ? "" : "s");
    host->finding(ctx, RULE_TARA, score, rules[1].weight, reason);
}

/* ---- incident response -------------------------------------------------- */

static void rule_incident(assay_ctx *ctx)
{
    double hours;
    if (support_number(host, ctx, RULE_INCIDENT,
                       "cybersecurity.incident_response_hours", &hours) <= 0)
        return;
    char reason[200];
    if (hours < 0) {
        snprintf(reason, sizeof reason,
                 "cybersecurity.incident_response_hours is %g; it must be 0 "
                 "or more",
                 hours);
        host->fail(ctx, RULE_INCIDENT, reason);
        return;
    }
    /* A day for full marks, three for half, a month or more for none:
     * each threefold delay near the target costs the same. */
    double score = support_log_scale(hours, 24, 72, 720);
    snprintf(reason, sizeof reason,
             "incidents answered within %g hours (24 for full marks, 72 "
             "for half)",
             hours);
    host->finding(ctx, RULE_INCIDENT, score, rules[2].weight, reason);
}

/* ---- OTA signing -------------------------------------------------------- */

typedef struct signature_scheme {
    const char *name;
    double score;
    const char *note; /* why, for the reason */
    int weak;         /* forgeable: flagged */
} signature_scheme;

/* Strength after NIST SP 800-57 Part 1 and SP 800-131A: 128-bit security
 * or more is strong, RSA-2048 (112 bits) acceptable until 2030, and below
 * that, or any scheme hashing with SHA-1 or MD5, weak. */
static const signature_scheme schemes[] = {
    {"Ed25519", 1, "strong", 0},
    {"Ed448", 1, "strong", 0},
    {"ECDSA-P256", 1, "strong", 0},
    {"ECDSA-P384", 1, "strong", 0},
    {"ECDSA-P521", 1, "strong", 0},
    {"RSA-3072", 1, "strong", 0},
    {"RSA-4096", 1, "strong", 0},
    {"RSA-2048", 0.8, "acceptable until 2030 (NIST SP 800-57)", 0},
    {"RSA-1024", 0.2, "weak", 1},
    {"RSA-512", 0.2, "weak", 1},
    {"DSA-1024", 0.2, "weak", 1},
    {"ECDSA-P192", 0.2, "weak", 1},
    {"RSA-SHA1", 0.2, "weak", 1},
    {"ECDSA-SHA1", 0.2, "weak", 1},
    {"MD5-RSA", 0.2, "weak", 1},
};

static void rule_ota(assay_ctx *ctx)
{
    int is_signed = 1;
    const char *scheme = NULL;
    int a = support_bool(host, ctx, RULE_OTA, "cybersecurity.ota.signed",
                         &is_signed);
    int b = support_string(host, ctx, RULE_OTA, "cybersecurity.ota.signature",
                           &scheme);
    if (a < 0 || b < 0 || (a == 0 && b == 0))
        return;
    char reason[256];
    if (a == 1 && !is_signed) {
        snprintf(reason, sizeof reason,
                 "over-the-air updates are not signed: whoever reaches the "
                 "update channel can install code (UNECE R155 Annex 5)");
        host->veto(ctx, RULE_OTA, reason);
        host->finding(ctx, RULE_OTA, 0, rules[3].weight,
                      "over-the-air updates are not signed");
        return;
    }
    if (b == 0) {
        snprintf(reason, sizeof reason,
                 "over-the-air updates are signed; the signature scheme is "
                 "not given");
        host->finding(ctx, RULE_OTA, 0.5, rules[3].weight, reason);
        return;
    }
    const signature_scheme *known = NULL;
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
        if (strcmp(schemes[i].name, scheme) == 0)
            known = &schemes[i];
    if (!known) {
        snprintf(reason, sizeof reason,
                 "over-the-air updates signed with \"%.40s\", not a "
                 "recognised scheme (e.g. Ed25519, ECDSA-P256, RSA-3072)",
                 scheme);
        host->finding(ctx, RULE_OTA, 0.5, rules[3].weight, reason);
        return;
    }
    snprintf(reason, sizeof reason,
             "over-the-air updates signed with %s, %s", known->name,
             known->note);
    host->finding(ctx, RULE_OTA, known->score, rules[3].weight, reason);
    if (known->weak) {
        snprintf(reason, sizeof reason,
                 "over-the-air updates signed with %s, a weak signature "
                 "scheme that can be forged; move to Ed25519 or ECDSA-P256",
                 known->name);
        host->flag(ctx, RULE_OTA, reason);
    }
}

/* ---- plugin ------------------------------------------------------------- */

static int cyber_evaluate(void *instance, assay_ctx *ctx)
{
    (void)instance;
    if (support_domain_object(host, ctx, "cybersecurity", rules,
                              sizeof rules / sizeof rules[0]) <= 0)
        return 0;
    rule_csms(ctx);
    rule_tara(ctx);
    rule_incident(ctx);
    rule_ota(ctx);
    return 0;
}

static const assay_plugin plugin = {
    ASSAY_PLUGIN_HEADER,
    .name = "cybersecurity",
    .version = "1.0.0",
    .domain = "cybersecurity",
    .description = "UNECE R155 and ISO/SAE 21434 readiness: CSMS, TARA, "
                   "incident response and signed over-the-air updates",
    .thread_model = ASSAY_THREAD_SAFE,
    .rules = rules,
    .rule_count = sizeof rules / sizeof rules[0],
    .domains = domains,
    .domain_count = sizeof domains / sizeof domains[0],
    .init = support_init,
    .evaluate = cyber_evaluate,
    .fini = support_fini,
};

ASSAY_PLUGIN_DEFINE(plugin)
