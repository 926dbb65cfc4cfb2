#include "decide/policy.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "util/identifier.h"
#include "util/paths.h"
#include "engine/domain.h"
#include "engine/plugin_set.h"
#include "lua/lua_frozen.h"
#include "lua/sandbox.h"
#include "util/string_copy.h"

/* ---- requests ---------------------------------------------------------- */

int assay_policy_request_index(const assay_policy *p, const char *name)
{
    for (size_t i = 0; name && i < p->request_count; i++)
        if (strcmp(p->requests[i], name) == 0)
            return (int)i;
    return -1;
}

int assay_tier_accepts(const assay_tier *t, const uint32_t *requests,
                       size_t n)
{
    /* Both ascending: one merge walk. */
    size_t i = 0, j = 0;
    while (i < t->require_count && j < n) {
        if (t->requires[i] == requests[j])
            return 1;
        if (t->requires[i] < requests[j])
            i++;
        else
            j++;
    }
    return 0;
}

void assay_policy_request_text(const assay_policy *p,
                               const uint32_t *requests, size_t n,
                               assay_buffer *out)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            assay_buffer_puts(out, i == n - 1 ? " or " : ", ");
        assay_buffer_puts(out, p->requests[requests[i]]);
    }
}

/* The index of request name, added when new (no Lua error possible). */
static uint32_t intern_request(assay_policy *p, const char *name)
{
    int i = assay_policy_request_index(p, name);
    if (i >= 0)
        return (uint32_t)i;
    char **grown = realloc(p->requests,
                           (p->request_count + 1) * sizeof *grown);
    if (!grown)
        abort();
    p->requests = grown;
    p->requests[p->request_count] = assay_strdup(name);
    return (uint32_t)p->request_count++;
}

static int ascending(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static const char *const strategy_names[] = {"weighted_mean", "min", "max",
                                             "topsis", "function"};

const char *assay_strategy_name(assay_strategy s)
{
    return strategy_names[s];
}

static const char *const action_names[] = {"none", "lower", "review",
                                           "reject"};

const char *assay_action_name(assay_action a)
{
    return action_names[a];
}

/* ---- declarations ----------------------------------------------------- */

/* Lines where each single declaration was made, to refuse a second one. */
enum { D_STRATEGY, D_WEIGHTS, D_UNCLAIMED, D_MISSING, D_COST, D_ON_VETO,
       D_ON_FLAG, D_ON_UNSCORED, D_WAITLIST, D_DEFAULT_WEIGHT, D_ALWAYS,
       D_PANEL, D_FIELDS, D_COUNT };
static const char *const decl_names[D_COUNT] = {
    "strategy", "weights", "unclaimed", "missing", "cost",
    "on_veto", "on_flag", "on_unscored", "waitlist", "default_weight",
    "always", "panel", "fields"};

/* The declarations' state: a userdata of the policy's Lua state (an
 * upvalue of each declaration function), so a declaration called later,
 * from the strategy function, finds it and refuses instead of writing
 * through a pointer to a loader that has returned. */
typedef struct loading {
    assay_policy *policy;
    int declared[D_COUNT];
    int open; /* 1 while the policy file runs */
} loading;

static loading *state_of(lua_State *L)
{
    loading *s = lua_touserdata(L, lua_upvalueindex(1));
    if (!s->open)
        luaL_error(L, "policy declarations can be made only while the "
                      "policy file loads, not from the strategy function");
    return s;
}

/* A value from the policy for a message: no metamethod, no address. */
#define DESCRIBE(L, idx) \
    assay_sandbox_describe((L), (idx), (char[128]){0}, 128)

static int caller_line(lua_State *L)
{
    lua_Debug ar;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar))
        return ar.currentline;
    return 0;
}

static void declare_once(lua_State *L, int which)
{
    loading *s = state_of(L);
    if (s->declared[which])
        luaL_error(L, "%s is already declared at line %d; declare it once",
                   decl_names[which], s->declared[which]);
    s->declared[which] = caller_line(L);
}

/* The index of the string argument arg in choices, or a Lua error that
 * lists them. */
static int choose(lua_State *L, int arg, const char *what,
                  const char *const *choices, int count)
{
    const char *given = lua_tostring(L, arg);
    if (lua_type(L, arg) == LUA_TSTRING)
        for (int i = 0; i < count; i++)
            if (strcmp(given, choices[i]) == 0)
                return i;
    char list[256] = "";
    for (int i = 0; i < count; i++) {
        strcat(list, i ? ", " : "");
        strcat(list, choices[i]);
    }
    return luaL_error(L, "unknown %s \"%s\"; choose one of: %s", what,
                      given ? given : luaL_typename(L, arg), list);
}

static int decl_strategy(lua_State *L)
{
    declare_once(L, D_STRATEGY);
    assay_policy *p = state_of(L)->policy;
    if (lua_type(L, 1) == LUA_TFUNCTION) {
        lua_pushvalue(L, 1);
        p->combine_ref = luaL_ref(L, LUA_REGISTRYINDEX);
        p->strategy = ASSAY_STRATEGY_LUA;
        return 0;
    }
    p->strategy = (assay_strategy)choose(L, 1, "strategy", strategy_names, 4);
    return 0;
}

/* ---- domains ---------------------------------------------------------- */

int assay_policy_find_domain(const assay_policy *p, const char *name)
{
    for (size_t i = 0; name && i < p->domain_count; i++)
        if (strcmp(p->domains[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* Appends domain name (weight 0, not weighed) and returns its index. */
static int add_domain(assay_policy *p, const char *name, int line)
{
    if (p->domain_count == p->domain_cap) {
        size_t cap = p->domain_cap ? p->domain_cap * 2 : 8;
        assay_policy_domain *grown = realloc(p->domains, cap * sizeof *grown);
        if (!grown) {
            fputs("assay: out of memory\n", stderr);
            abort();
        }
        p->domains = grown;
        p->domain_cap = cap;
    }
    assay_policy_domain *d = &p->domains[p->domain_count];
    memset(d, 0, sizeof *d);
    d->name = assay_strdup(name);
    d->line = line;
    return (int)p->domain_count++;
}

int assay_policy_domain_index(assay_policy *p, const char *name)
{
    int i = assay_policy_find_domain(p, name);
    if (i >= 0 || !p->has_default_weight || !name)
        return i;
    i = add_domain(p, name, 0);
    p->domains[i].weight = p->default_weight;
    return i;
}

int assay_policy_check_domain(assay_policy *p, const char *name,
                              const char *declared_at, char *err,
                              size_t err_size)
{
    if (assay_policy_domain_index(p, name) >= 0)
        return 0;
    snprintf(err, err_size,
             "%s:%d: the policy does not weigh domain \"%s\" (declared by "
             "%s); add %s = <weight> to weights, or declare "
             "default_weight(<weight>) for the domains it does not name",
             p->path, p->weights_line, name,
             declared_at ? declared_at : "a loaded plugin", name);
    return 1;
}

/* The policy's entry for the domain named by the string at idx, made when
 * new; a Lua error when it is not a string or not a valid name. */
static int domain_arg(lua_State *L, int idx, const char *what)
{
    const char *name =
        lua_type(L, idx) == LUA_TSTRING ? lua_tostring(L, idx) : NULL;
    if (!name || !assay_domain_name_valid(name))
        return luaL_error(L, "%s: \"%s\" is not a domain name; domain names "
                             "are lower-case letters, digits and _, as the "
                             "plugins declare them (see assay plugins)",
                          what, DESCRIBE(L, idx));
    assay_policy *p = state_of(L)->policy;
    int d = assay_policy_find_domain(p, name);
    return d >= 0 ? d : add_domain(p, name, caller_line(L));
}

static int decl_weights(lua_State *L)
{
    declare_once(L, D_WEIGHTS);
    assay_policy *p = state_of(L)->policy;
    luaL_checktype(L, 1, LUA_TTABLE);
    double total = 0;
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        int d = domain_arg(L, -2, "weights");
        if (!lua_isnumber(L, -1) || lua_tonumber(L, -1) < 0 ||
            !isfinite(lua_tonumber(L, -1)))
            return luaL_error(L, "weights: %s must be a number >= 0",
                              p->domains[d].name);
        p->domains[d].weight = lua_tonumber(L, -1);
        p->domains[d].weighed = 1;
        total += p->domains[d].weight;
        lua_pop(L, 1);
    }
    if (!(total > 0))
        return luaL_error(L, "weights must sum to something positive; give "
                             "at least one domain a weight above 0");
    p->weights_line = caller_line(L);
    return 0;
}

static int decl_default_weight(lua_State *L)
{
    declare_once(L, D_DEFAULT_WEIGHT);
    assay_policy *p = state_of(L)->policy;
    if (!lua_isnumber(L, 1) || lua_tonumber(L, 1) < 0 ||
        !isfinite(lua_tonumber(L, 1)))
        return luaL_error(L, "default_weight must be a number >= 0, e.g. "
                             "default_weight(0) to leave out the domains "
                             "weights does not name");
    p->default_weight = lua_tonumber(L, 1);
    p->default_weight_line = caller_line(L);
    return 0;
}

static int decl_always(lua_State *L)
{
    declare_once(L, D_ALWAYS);
    luaL_checktype(L, 1, LUA_TTABLE);
    assay_policy *p = state_of(L)->policy;
    lua_Integer n = luaL_len(L, 1);
    for (lua_Integer i = 1; i <= n; i++) {
        assay_sandbox_charge(L, 1, "always"); /* a __len can claim 2^40 */
        lua_geti(L, 1, i);
        int d = domain_arg(L, -1, "always"); /* may move p->domains */
        p->domains[d].always = 1;
        lua_pop(L, 1);
    }
    return 0;
}

static int decl_unclaimed(lua_State *L)
{
    static const char *const c[] = {"ignore", "include"};
    declare_once(L, D_UNCLAIMED);
    state_of(L)->policy->include_unclaimed = choose(L, 1, "unclaimed", c, 2);
    return 0;
}

static int decl_missing(lua_State *L)
{
    static const char *const c[] = {"skip", "zero"};
    declare_once(L, D_MISSING);
    state_of(L)->policy->missing_as_zero = choose(L, 1, "missing", c, 2);
    return 0;
}

static int decl_cost(lua_State *L)
{
    declare_once(L, D_COST);
    luaL_checktype(L, 1, LUA_TTABLE);
    assay_policy *p = state_of(L)->policy;
    lua_Integer n = luaL_len(L, 1);
    for (lua_Integer i = 1; i <= n; i++) {
        assay_sandbox_charge(L, 1, "cost"); /* a __len can claim 2^40 */
        lua_geti(L, 1, i);
        int d = domain_arg(L, -1, "cost"); /* may move p->domains */
        p->domains[d].cost = 1;
        lua_pop(L, 1);
    }
    return 0;
}

static assay_action action_arg(lua_State *L, const char *what, int allow_none)
{
    static const char *const c[] = {"reject", "review", "lower", "none"};
    static const assay_action a[] = {ASSAY_ACTION_REJECT, ASSAY_ACTION_REVIEW,
                                     ASSAY_ACTION_LOWER, ASSAY_ACTION_NONE};
    return a[choose(L, 1, what, c, allow_none ? 4 : 3)];
}

static int decl_on_veto(lua_State *L)
{
    declare_once(L, D_ON_VETO);
    state_of(L)->policy->on_veto = action_arg(L, "on_veto action", 0);
    return 0;
}

static int decl_on_flag(lua_State *L)
{
    declare_once(L, D_ON_FLAG);
    state_of(L)->policy->on_flag = action_arg(L, "on_flag action", 1);
    return 0;
}

static int decl_on_unscored(lua_State *L)
{
    static const char *const c[] = {"review", "reject"};
    declare_once(L, D_ON_UNSCORED);
    state_of(L)->policy->on_unscored =
        choose(L, 1, "on_unscored action", c, 2) ? ASSAY_ACTION_REJECT
                                                 : ASSAY_ACTION_REVIEW;
    return 0;
}

/* A whole number >= 0 at idx, or a Lua error naming what. */
static size_t whole_number(lua_State *L, int idx, const char *what)
{
    lua_Number v = lua_tonumber(L, idx);
    if (!lua_isnumber(L, idx) || !(v >= 0) || v != floor(v) || v > 1e12)
        return (size_t)luaL_error(L, "%s must be a whole number >= 0, got %s",
                                  what, DESCRIBE(L, idx));
    return (size_t)v;
}

static int decl_waitlist(lua_State *L)
{
    declare_once(L, D_WAITLIST);
    state_of(L)->policy->waitlist = whole_number(L, 1, "waitlist");
    return 0;
}

/* Checks the request name at idx (a Lua error when it is not one) and
 * appends it to the plain table at list. */
static void request_arg(lua_State *L, int idx, const char *tier, int list)
{
    const char *name =
        lua_type(L, idx) == LUA_TSTRING ? lua_tostring(L, idx) : NULL;
    if (!assay_identifier_valid(name))
        luaL_error(L, "tier %s: \"%s\" is not a request name; request "
                      "names are lower-case letters, digits and _, "
                      "starting with a letter, as applications give them "
                      "(e.g. requires = \"lab_space\")",
                   tier, DESCRIBE(L, idx));
    lua_pushvalue(L, idx);
    lua_rawseti(L, list, (lua_Integer)lua_rawlen(L, list) + 1);
}

/* Names a tier may not have: they are the decisions that are not a tier. */
static const char *const action_decisions[] = {"reject", "review",
                                               "waitlist", "error"};

static const char *const tier_fields[] = {"name", "min_score", "capacity",
                                          "requires", "benefits"};

static int decl_tier(lua_State *L)
{
    assay_policy *p = state_of(L)->policy;
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        int known = 0;
        for (int i = 0; i < 5; i++)
            known |= lua_type(L, -2) == LUA_TSTRING &&
                     strcmp(lua_tostring(L, -2), tier_fields[i]) == 0;
        if (!known)
            return luaL_error(L, "unknown tier field \"%s\"; a tier has "
                                 "name, min_score, capacity, requires and "
                                 "benefits",
                              DESCRIBE(L, -2));
        lua_pop(L, 1);
    }
    if (lua_getfield(L, 1, "name") != LUA_TSTRING || !lua_rawlen(L, -1))
        return luaL_error(L, "a tier needs a name (a non-empty string)");
    const char *name = lua_tostring(L, -1);
    if (!assay_identifier_valid(name))
        return luaL_error(L, "tier name \"%s\" is not valid; use lower-case "
                             "letters, digits and _, starting with a letter "
                             "(it becomes a decision, a JSON key and a CSV "
                             "column)",
                          DESCRIBE(L, -1));
    for (size_t i = 0; i < sizeof action_decisions / sizeof *action_decisions;
         i++)
        if (strcmp(name, action_decisions[i]) == 0)
            return luaL_error(L, "tier %s: the name is a decision that is "
                                 "not a tier (reject, review, waitlist, "
                                 "error); name the tier after what it gives",
                              name);
    for (size_t i = 0; i < p->tier_count; i++)
        if (strcmp(p->tiers[i].name, name) == 0)
            return luaL_error(L, "tier %s is already declared at line %d; "
                                 "tier names must differ",
                              name, p->tiers[i].line);
    if (lua_getfield(L, 1, "min_score") != LUA_TNUMBER ||
        !(lua_tonumber(L, -1) >= 0 && lua_tonumber(L, -1) <= 1))
        return luaL_error(L, "tier %s: min_score must be a number in [0, 1]",
                          name);
    double min_score = lua_tonumber(L, -1);
    lua_getfield(L, 1, "capacity");
    char what[160];
    snprintf(what, sizeof what, "tier %s: capacity", name);
    size_t capacity = whole_number(L, -1, what);
    /* The names are checked here and copied in below, from a plain
     * table: an __index may answer differently the second time. */
    lua_newtable(L);
    int requires = lua_gettop(L);
    int t = lua_getfield(L, 1, "requires");
    if (t == LUA_TSTRING) {
        request_arg(L, -1, name, requires);
    } else if (t == LUA_TTABLE) {
        lua_Integer n = luaL_len(L, -1);
        for (lua_Integer i = 1; i <= n; i++) {
            assay_sandbox_charge(L, 1, "requires");
            lua_geti(L, -1, i);
            request_arg(L, -1, name, requires);
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    if (lua_rawlen(L, requires) == 0)
        return luaL_error(L, "tier %s: requires must name a request "
                             "(\"lab_space\") or a list of them, any of "
                             "which qualifies",
                          name);
    lua_getfield(L, 1, "benefits");
    if (!lua_isnoneornil(L, -1) && !lua_istable(L, -1))
        return luaL_error(L, "tier %s: benefits must be a list of strings",
                          name);
    lua_Integer nb = lua_istable(L, -1) ? luaL_len(L, -1) : 0;
    /* Each benefit is read once, into a plain table the copy below reads
     * raw: an __index may answer differently the second time. */
    lua_newtable(L);
    int benefits = lua_gettop(L);
    for (lua_Integer i = 1; i <= nb; i++) {
        assay_sandbox_charge(L, 1, "benefits"); /* a __len can claim 2^40 */
        if (lua_geti(L, benefits - 1, i) != LUA_TSTRING)
            return luaL_error(L, "tier %s: benefit %d is not a string", name,
                              (int)i);
        lua_rawseti(L, benefits, i);
    }

    /* Checked: now copy it in, with no Lua error possible below. */
    assay_tier *grown = realloc(p->tiers, (p->tier_count + 1) * sizeof *grown);
    if (!grown)
        return luaL_error(L, "out of memory");
    p->tiers = grown;
    assay_tier *tier = &p->tiers[p->tier_count++];
    *tier = (assay_tier){assay_strdup(name), min_score, capacity, NULL, 0,
                         NULL, 0, caller_line(L)};
    size_t nr = lua_rawlen(L, requires);
    tier->requires = malloc(nr * sizeof *tier->requires);
    if (!tier->requires)
        abort();
    for (size_t i = 1; i <= nr; i++) {
        lua_rawgeti(L, requires, (lua_Integer)i);
        uint32_t r = intern_request(p, lua_tostring(L, -1));
        lua_pop(L, 1);
        int seen = 0;
        for (size_t j = 0; j < tier->require_count; j++)
            seen |= tier->requires[j] == r;
        if (!seen)
            tier->requires[tier->require_count++] = r;
    }
    qsort(tier->requires, tier->require_count, sizeof *tier->requires,
          ascending);
    tier->benefits = calloc(nb ? (size_t)nb : 1, sizeof *tier->benefits);
    if (!tier->benefits)
        abort();
    for (lua_Integer i = 1; i <= nb; i++) {
        lua_rawgeti(L, benefits, i);
        tier->benefits[tier->benefit_count++] =
            assay_strdup(lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    return 0;
}

/* ---- the review panel ------------------------------------------------- */

static const char *const panel_fields[] = {"domain", "scale", "min_reviewers",
                                           "level"};

static int decl_panel(lua_State *L)
{
    declare_once(L, D_PANEL);
    assay_panel_policy *panel = &state_of(L)->policy->panel;
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        int known = 0;
        for (int i = 0; i < 4; i++)
            known |= lua_type(L, -2) == LUA_TSTRING &&
                     strcmp(lua_tostring(L, -2), panel_fields[i]) == 0;
        if (!known)
            return luaL_error(L, "unknown panel field \"%s\"; a panel has "
                                 "domain, scale, min_reviewers and level",
                              DESCRIBE(L, -2));
        lua_pop(L, 1);
    }
    if (lua_getfield(L, 1, "scale") != LUA_TTABLE ||
        lua_geti(L, -1, 1) != LUA_TNUMBER || lua_geti(L, -2, 2) != LUA_TNUMBER ||
        !(lua_tonumber(L, -2) < lua_tonumber(L, -1)) ||
        !isfinite(lua_tonumber(L, -2)) || !isfinite(lua_tonumber(L, -1)))
        return luaL_error(L, "panel: scale must be the lowest and the highest "
                             "score a reviewer may give, lowest first, e.g. "
                             "scale = { 1, 5 }");
    panel->low = lua_tonumber(L, -2);
    panel->high = lua_tonumber(L, -1);
    lua_pop(L, 3);
    if (lua_getfield(L, 1, "min_reviewers") != LUA_TNIL) {
        panel->min_reviewers = whole_number(L, -1, "panel: min_reviewers");
        if (panel->min_reviewers == 0)
            return luaL_error(L, "panel: min_reviewers must be at least 1");
    }
    lua_pop(L, 1);
    if (lua_getfield(L, 1, "level") != LUA_TNIL) {
        static const char *const levels[] = {"nominal", "ordinal", "interval",
                                             "ratio"};
        panel->level = choose(L, -1, "panel level", levels, 4);
    }
    lua_pop(L, 1);
    if (lua_getfield(L, 1, "domain") != LUA_TNIL) {
        int d = domain_arg(L, -1, "panel: domain");
        free(panel->domain);
        panel->domain = assay_strdup(state_of(L)->policy->domains[d].name);
    }
    lua_pop(L, 1);
    /* The panel's domain counts for every record the panel scores: no
     * record claims it. */
    assay_policy *p = state_of(L)->policy;
    int d = assay_policy_find_domain(p, panel->domain);
    if (d < 0)
        d = add_domain(p, panel->domain, caller_line(L));
    p->domains[d].always = 1;
    panel->line = caller_line(L);
    return 0;
}

/* ---- record fields ----------------------------------------------------- */

static const char *const field_keys[] = {"claims", "requests", "name"};

static int decl_fields(lua_State *L)
{
    declare_once(L, D_FIELDS);
    luaL_checktype(L, 1, LUA_TTABLE);
    /* Checked first, copied after: no Lua error between the copies. */
    const char *given[3] = {NULL, NULL, NULL};
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        int k = -1;
        for (int i = 0; i < 3; i++)
            if (lua_type(L, -2) == LUA_TSTRING &&
                strcmp(lua_tostring(L, -2), field_keys[i]) == 0)
                k = i;
        if (k < 0)
            return luaL_error(L, "unknown fields key \"%s\"; fields {...} "
                                 "names claims, requests and name",
                              DESCRIBE(L, -2));
        if (lua_type(L, -1) != LUA_TSTRING ||
            !assay_field_path_valid(lua_tostring(L, -1)))
            return luaL_error(L, "fields: %s must be a field name or dotted "
                                 "path, e.g. %s = \"application.%s\"",
                              field_keys[k], field_keys[k], field_keys[k]);
        given[k] = lua_tostring(L, -1); /* kept alive by the table */
        lua_pop(L, 1);
    }
    assay_policy *p = state_of(L)->policy;
    char **owned[3] = {&p->claims_field, &p->requests_field, &p->name_field};
    const char **used[3] = {&p->fields.claims, &p->fields.requests,
                            &p->fields.name};
    for (int i = 0; i < 3; i++)
        if (given[i]) {
            *owned[i] = assay_strdup(given[i]);
            *used[i] = *owned[i];
        }
    p->fields_line = caller_line(L);
    return 0;
}

static const luaL_Reg declarations[] = {
    {"strategy", decl_strategy},   {"weights", decl_weights},
    {"unclaimed", decl_unclaimed}, {"missing", decl_missing},
    {"cost", decl_cost},           {"on_veto", decl_on_veto},
    {"on_flag", decl_on_flag},     {"on_unscored", decl_on_unscored},
    {"waitlist", decl_waitlist},   {"tier", decl_tier},
    {"default_weight", decl_default_weight},
    {"always", decl_always},
    {"panel", decl_panel},
    {"fields", decl_fields},
    {NULL, NULL}};

/* ---- loading ---------------------------------------------------------- */

static void set_defaults(assay_policy *p)
{
    p->strategy = ASSAY_STRATEGY_WEIGHTED_MEAN;
    p->on_veto = ASSAY_ACTION_REJECT;
    p->on_flag = ASSAY_ACTION_REVIEW;
    p->on_unscored = ASSAY_ACTION_REVIEW;
    p->combine_ref = LUA_NOREF;
    p->panel.domain = assay_strdup("panel");
    p->panel.min_reviewers = 2;
    p->panel.level = 2; /* interval */
    p->fields = assay_record_fields_default();
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const assay_policy_domain *)a)->name,
                  ((const assay_policy_domain *)b)->name);
}

/* After the declarations: the default weight, the weights of domains named
 * only by always or cost, and the order (by name, so that sums and TOPSIS
 * columns do not depend on Lua's table order). */
static int finish_domains(assay_policy *p, const loading *state, char *err,
                          size_t err_size)
{
    if (!state->declared[D_WEIGHTS]) {
        /* No weights {...}: every domain weighs the default, 1 unless
         * default_weight says otherwise. */
        if (!state->declared[D_DEFAULT_WEIGHT])
            p->default_weight = 1;
        p->has_default_weight = 1;
    } else {
        p->has_default_weight = state->declared[D_DEFAULT_WEIGHT] != 0;
    }
    for (size_t i = 0; i < p->domain_count; i++) {
        assay_policy_domain *d = &p->domains[i];
        if (d->weighed)
            continue;
        if (!p->has_default_weight) {
            snprintf(err, err_size,
                     "%s:%d: domain \"%s\" has no weight; add it to weights "
                     "{...} (line %d), or declare default_weight(<weight>)",
                     p->path, d->line, d->name, p->weights_line);
            return 1;
        }
        d->weight = p->default_weight;
    }
    if (p->domain_count)
        qsort(p->domains, p->domain_count, sizeof *p->domains, by_name);
    return 0;
}

static const char loading_key = 0; /* registry: the policy's environment */

static int policy_write(lua_State *L)
{
    return luaL_error(L, "assignment to global '%s' while the strategy "
                         "function runs: the policy's globals are "
                         "read-only once it has loaded, so no application's "
                         "score depends on another's; use a local variable",
                      lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2)
                                                    : luaL_typename(L, 2));
}

/* After the file has run: its environment and everything the strategy
 * function reaches are frozen, and the function's file-level locals are
 * recorded (a change is put back and refused after each call). */
static int freeze_policy(lua_State *L)
{
    assay_policy *p = lua_touserdata(L, 1);
    p->upvalues = assay_frozen_upvalues_new(L);
    if (!p->upvalues)
        return luaL_error(L, "out of memory");
    lua_rawgetp(L, LUA_REGISTRYINDEX, &loading_key);
    assay_frozen_freeze(L, -1, policy_write, p->upvalues);
    lua_rawgeti(L, LUA_REGISTRYINDEX, p->combine_ref);
    assay_frozen_freeze(L, -1, NULL, p->upvalues);
    return 0;
}

/* Makes the environment with the declarations bound to a new loading
 * state (*ud gets it), kept in the registry. */
static int open_declarations(lua_State *L)
{
    loading **out = lua_touserdata(L, 1);
    assay_sandbox_new_env(assay_sandbox_of(L));
    loading *s = lua_newuserdatauv(L, sizeof *s, 0);
    memset(s, 0, sizeof *s);
    luaL_setfuncs(L, declarations, 1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &loading_key);
    *out = s;
    return 0;
}

/* Loads the policy in the file at path, or in text (len bytes) when text
 * is not NULL, path then naming it in messages. */
static assay_policy *load(const char *path, const char *text, size_t len,
                          char *err, size_t err_size)
{
    assay_policy *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    set_defaults(p);
    p->path = assay_strdup(path);
    p->sandbox = assay_sandbox_new(NULL, err, err_size);
    if (!p->sandbox) {
        assay_policy_free(p);
        return NULL;
    }
    lua_State *L = assay_sandbox_state(p->sandbox);
    loading *state = NULL;
    int failed = assay_sandbox_protect(p->sandbox, open_declarations, &state,
                                       err, err_size);
    if (!failed) {
        lua_rawgetp(L, LUA_REGISTRYINDEX, &loading_key); /* the env */
        state->policy = p;
        state->open = 1;
        if (text) {
            char chunkname[512];
            snprintf(chunkname, sizeof chunkname, "@%s", path);
            failed = assay_sandbox_load_string(p->sandbox, text, len,
                                               chunkname, -1, err, err_size);
        } else {
            failed = assay_sandbox_load_file(p->sandbox, path, -1, err,
                                             err_size);
        }
        if (!failed)
            failed = assay_sandbox_call(p->sandbox, 0, 0, err, err_size);
        state->open = 0;
        lua_pop(L, 1); /* the environment; the strategy function keeps its own */
    }
    if (!failed && p->combine_ref != LUA_NOREF)
        failed = assay_sandbox_protect(p->sandbox, freeze_policy, p, err,
                                       err_size);
    if (!failed)
        failed = finish_domains(p, state, err, err_size);
    if (!failed && p->tier_count == 0) {
        snprintf(err, err_size,
                 "%s: the policy declares no tier; add at least one "
                 "tier { name = ..., min_score = ..., capacity = ..., "
                 "requires = ... }",
                 path);
        failed = 1;
    }
    if (failed) {
        assay_policy_free(p);
        return NULL;
    }
    return p;
}

assay_policy *assay_policy_load(const char *path, char *err, size_t err_size)
{
    return load(path, NULL, 0, err, err_size);
}

assay_policy *assay_policy_load_text(const char *text, size_t len,
                                     const char *name, char *err,
                                     size_t err_size)
{
    return load(name, text, len, err, err_size);
}

void assay_policy_free(assay_policy *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->tier_count; i++) {
        for (size_t j = 0; j < p->tiers[i].benefit_count; j++)
            free(p->tiers[i].benefits[j]);
        free(p->tiers[i].benefits);
        free(p->tiers[i].requires);
        free(p->tiers[i].name);
    }
    free(p->tiers);
    for (size_t i = 0; i < p->request_count; i++)
        free(p->requests[i]);
    free(p->requests);
    free(p->claims_field);
    free(p->requests_field);
    free(p->name_field);
    for (size_t i = 0; i < p->domain_count; i++)
        free(p->domains[i].name);
    free(p->domains);
    free(p->panel.domain);
    if (p->sandbox)
        assay_frozen_upvalues_free(assay_sandbox_state(p->sandbox),
                                   p->upvalues);
    assay_sandbox_free(p->sandbox);
    free(p->path);
    free(p);
}

const char *assay_default_policy_path(void)
{
    static char path[4096];
    const char *dir = assay_policy_dir();
    if (!dir)
        return NULL;
    snprintf(path, sizeof path, "%s/default.lua", dir);
    return path;
}

int assay_policy_call_combine(assay_policy *p, const double *scores,
                              const unsigned char *counted, double *out,
                              int *has_score, char *err, size_t err_size)
{
    lua_State *L = assay_sandbox_state(p->sandbox);
    lua_rawgeti(L, LUA_REGISTRYINDEX, p->combine_ref);
    lua_createtable(L, 0, 8);
    for (size_t d = 0; d < p->domain_count; d++) {
        if (!counted[d])
            continue;
        lua_pushnumber(L, scores[d]);
        lua_setfield(L, -2, p->domains[d].name);
    }
    if (assay_sandbox_call(p->sandbox, 1, 1, err, err_size))
        return 1;
    char name[128];
    if (p->upvalues &&
        assay_frozen_check_upvalues(L, p->upvalues, name, sizeof name)) {
        lua_pop(L, 1);
        snprintf(err, err_size,
                 "%s: the strategy function changed the file-level "
                 "variable '%s' (put back); it may not keep anything from "
                 "one application to the next: make it a local inside the "
                 "function",
                 p->path, name);
        return 1;
    }
    int rc = 0;
    *has_score = !lua_isnil(L, -1);
    if (*has_score) {
        double v = lua_tonumber(L, -1);
        if (!lua_isnumber(L, -1) || !(v >= 0 && v <= 1)) {
            snprintf(err, err_size,
                     "%s: the strategy function returned %s; it must return "
                     "a number in [0, 1] or nil",
                     p->path, DESCRIBE(L, -1));
            rc = 1;
        } else {
            *out = v;
        }
    }
    lua_pop(L, 1);
    return rc;
}
