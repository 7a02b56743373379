/* The policy fields that only routing and cases read: each exclusion's cues,
 * each procedure's service areas, each ground's situation, each action's
 * feedback kinds. They are built in two passes over the validated document:
 * the first counts, the second fills arrays of exactly that size. */
#include <string.h>

#include "policy_internal.h"
#include "route_fields_internal.h"
#include "util.h"

struct ukc__policy_fields {
    ukc__cue *cues;           /* every cue of every exclusion, in order */
    size_t *cue_first;        /* per exclusion: index of its first cue */
    size_t *cue_count;        /* per exclusion: its number of cues */
    ukc__names *proc_areas;   /* per procedure */
    const char **ground_after;/* per ground, in the policy's shared order */
    ukc__names *action_kinds; /* per action */
    const char **names;       /* storage of every name list */
};

typedef struct pass {
    ukc__policy_fields *f;
    ukc_strpool *pool;
    bool fill, oom;
    size_t ncues, nnames, ngrounds;
} pass;

static ukc__names names_of(pass *ps, const json_t *obj, const char *key)
{
    const json_t *list = json_object_get(obj, key);
    ukc__names out = { NULL, 0 };
    size_t n = json_array_size(list);
    if (!n)
        return out;
    if (ps->fill) {
        const char **v = &ps->f->names[ps->nnames];
        for (size_t i = 0; i < n; i++) {
            v[i] = ukc__pool_strdup(ps->pool, json_string_value(json_array_get(list, i)));
            ps->oom = ps->oom || !v[i];
        }
        out.v = v;
        out.n = n;
    }
    ps->nnames += n;
    return out;
}

static void walk(pass *ps, const json_t *root)
{
    ukc__policy_fields *f = ps->f;
    size_t i, k;
    const json_t *x, *y;
    json_array_foreach(json_object_get(root, "exclusions"), i, x)
    {
        if (ps->fill) {
            f->cue_first[i] = ps->ncues;
            f->cue_count[i] = json_array_size(json_object_get(x, "cues"));
        }
        json_array_foreach(json_object_get(x, "cues"), k, y)
        {
            ukc__cue cue;
            cue.record = names_of(ps, y, "record");
            cue.text = names_of(ps, y, "text");
            cue.service_areas = names_of(ps, y, "service_areas");
            cue.kinds = names_of(ps, y, "kinds");
            cue.only_complaints = json_is_true(json_object_get(y, "only_complaints"));
            cue.out_of_time = json_is_true(json_object_get(y, "out_of_time"));
            if (ps->fill)
                f->cues[ps->ncues] = cue;
            ps->ncues++;
        }
    }
    json_array_foreach(json_object_get(root, "procedures"), i, x)
    {
        ukc__names n = names_of(ps, x, "service_areas");
        if (ps->fill)
            f->proc_areas[i] = n;
    }
    /* Grounds are numbered as the builder numbers them: feedback kinds have
     * none, so the case actions' grounds in order. */
    json_array_foreach(json_object_get(root, "case_actions"), i, x)
    {
        ukc__names n = names_of(ps, x, "feedback_kinds");
        if (ps->fill)
            f->action_kinds[i] = n;
        json_array_foreach(json_object_get(x, "grounds"), k, y)
        {
            const json_t *after = json_object_get(y, "after");
            if (ps->fill) {
                f->ground_after[ps->ngrounds] =
                    ukc__pool_strdup(ps->pool, json_is_string(after) ? json_string_value(after)
                                                                     : "");
                ps->oom = ps->oom || !f->ground_after[ps->ngrounds];
            }
            ps->ngrounds++;
        }
    }
}

static void *alloc(pass *ps, size_t n, size_t size)
{
    void *p = ukc__calloc(n ? n : 1, size);
    ps->oom = ps->oom || !p;
    return p;
}

ukc__policy_fields *ukc__policy_fields_build(const json_t *root, ukc_strpool *pool)
{
    ukc__policy_fields *f = ukc__calloc(1, sizeof *f);
    if (!f)
        return NULL;
    pass ps = { f, pool, false, false, 0, 0, 0 };
    walk(&ps, root);
    size_t nx = json_array_size(json_object_get(root, "exclusions"));
    f->cues = alloc(&ps, ps.ncues, sizeof *f->cues);
    f->cue_first = alloc(&ps, nx, sizeof *f->cue_first);
    f->cue_count = alloc(&ps, nx, sizeof *f->cue_count);
    f->proc_areas = alloc(&ps, json_array_size(json_object_get(root, "procedures")),
                          sizeof *f->proc_areas);
    f->action_kinds = alloc(&ps, json_array_size(json_object_get(root, "case_actions")),
                            sizeof *f->action_kinds);
    f->ground_after = alloc(&ps, ps.ngrounds, sizeof *f->ground_after);
    f->names = alloc(&ps, ps.nnames, sizeof *f->names);
    if (!ps.oom) {
        pass fill = { f, pool, true, false, 0, 0, 0 };
        walk(&fill, root);
        ps.oom = fill.oom;
    }
    if (ps.oom) {
        ukc__policy_fields_free(f);
        return NULL;
    }
    return f;
}

void ukc__policy_fields_free(ukc__policy_fields *f)
{
    if (!f)
        return;
    ukc__free(f->cues);
    ukc__free(f->cue_first);
    ukc__free(f->cue_count);
    ukc__free(f->proc_areas);
    ukc__free(f->action_kinds);
    ukc__free(f->ground_after);
    ukc__free(f->names);
    ukc__free(f);
}

bool ukc__names_has(ukc__names names, const char *name)
{
    for (size_t i = 0; name && i < names.n; i++)
        if (strcmp(names.v[i], name) == 0)
            return true;
    return false;
}

const ukc__cue *ukc__exclusion_cues(const ukc_policy *p, size_t i, size_t *count)
{
    *count = 0;
    if (!p->fields || i >= p->nexclusions)
        return NULL;
    *count = p->fields->cue_count[i];
    return *count ? &p->fields->cues[p->fields->cue_first[i]] : NULL;
}

ukc__names ukc__procedure_service_areas(const ukc_policy *p, size_t i)
{
    ukc__names none = { NULL, 0 };
    return p->fields && i < p->nprocedures ? p->fields->proc_areas[i] : none;
}

const char *ukc__ground_after(const ukc_policy *p, const ukc_ground *g)
{
    if (!p->fields || g < p->grounds || g >= p->grounds + p->ngrounds)
        return "";
    return p->fields->ground_after[g - p->grounds];
}

ukc__names ukc__action_feedback_kinds(const ukc_policy *p, const ukc_case_action *a)
{
    ukc__names none = { NULL, 0 };
    if (!p->fields || a < p->actions || a >= p->actions + p->nactions)
        return none;
    return p->fields->action_kinds[a - p->actions];
}
