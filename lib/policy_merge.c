/* A council's policy built on a model procedure ("based_on"): the model's
 * document with the council's rules merged over it, rule by rule. */
#include <string.h>

#include "error_internal.h"
#include "policy_internal.h"
#include "util.h"

/* Lists whose items are rules matched by a key; everything else is replaced whole. */
static const struct {
    const char *list, *key;
} keyed[] = {
    { "documents", "title" },     { "feedback_kinds", "id" }, { "procedures", "id" },
    { "stages", "id" },           { "obligations", "id" },    { "exclusions", "id" },
    { "time_limits", "id" },      { "case_actions", "id" },   { "grounds", "id" },
    { "deemed_receipt", "method" }, { "external_bodies", "id" },
};

static const char *key_of(const char *list)
{
    for (size_t i = 0; i < sizeof keyed / sizeof keyed[0]; i++)
        if (strcmp(keyed[i].list, list) == 0)
            return keyed[i].key;
    return NULL;
}

static json_t *find(json_t *list, const char *key, const char *value)
{
    size_t i;
    json_t *x;
    json_array_foreach(list, i, x)
    {
        const json_t *v = json_object_get(x, key);
        if (json_is_string(v) && strcmp(json_string_value(v), value) == 0)
            return x;
    }
    return NULL;
}

static int merge_object(json_t *into, const json_t *own);

/* Merge the items of own into the list into: an item whose key matches one
 * of into's is merged over it; any other is appended. */
static int merge_list(json_t *into, const json_t *own, const char *key)
{
    size_t i;
    const json_t *x;
    json_array_foreach(own, i, x)
    {
        const json_t *k = json_object_get(x, key);
        json_t *match = json_is_object(x) && json_is_string(k)
                            ? find(into, key, json_string_value(k))
                            : NULL;
        if (match ? merge_object(match, x) : json_array_append(into, (json_t *)x))
            return -1;
    }
    return 0;
}

/* Merge own's keys over into's: keyed lists rule by rule, other values replaced. */
static int merge_object(json_t *into, const json_t *own)
{
    const char *k;
    const json_t *v;
    json_object_foreach((json_t *)own, k, v)
    {
        json_t *old = json_object_get(into, k);
        const char *key = key_of(k);
        if (key && json_is_array(old) && json_is_array(v)) {
            if (merge_list(old, v, key))
                return -1;
        } else if (json_object_set(into, k, (json_t *)v)) {
            return -1;
        }
    }
    return 0;
}

ukc_status ukc__policy_merge(json_t **root, json_t **base)
{
    *base = NULL;
    const json_t *name = json_object_get(*root, "based_on");
    if (!json_is_string(name))
        return UKC_OK;
    const char *text;
    size_t len;
    if (!ukc__policy_builtin_text(json_string_value(name), &text, &len))
        return ukc__fail(UKC_ERR_NOT_FOUND,
                         "'based_on' names '%s', which is not a built-in model procedure",
                         json_string_value(name));
    json_t *model = NULL, *merged = NULL;
    ukc_status st = ukc__json_parse(text, len, &model);
    if (st)
        return st == UKC_ERR_NO_MEMORY ? st : ukc__fail(UKC_ERR_INTERNAL, "a built-in policy is broken");
    if (json_object_get(model, "based_on")) {
        json_decref(model);
        return ukc__fail(UKC_ERR_NOT_FOUND,
                         "'based_on' names '%s', which is itself based on another policy",
                         json_string_value(name));
    }
    if (!(merged = json_deep_copy(model)) || merge_object(merged, *root)) {
        json_decref(model);
        json_decref(merged);
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory merging a policy over its model");
    }
    json_decref(*root);
    *root = merged;
    *base = model;
    return UKC_OK;
}
