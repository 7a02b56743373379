/* The built-in policies' embedded texts: the councils' and the model
 * procedures'. A leaf of the policy module: policy.c builds them once, the
 * merge of a based-on policy reads its model's text. */
#include <string.h>

#include "error_internal.h"
#include "policy_internal.h"

#define POLICY_DATA(sym)                                                                    \
    extern const unsigned char ukc__policy_##sym[];                                         \
    extern const size_t ukc__policy_##sym##_len;
POLICY_DATA(kent)
POLICY_DATA(warwickshire)
POLICY_DATA(derby)
POLICY_DATA(unnamed_unitary_004)
POLICY_DATA(lgsco_2024)
POLICY_DATA(hos_2024)
POLICY_DATA(children_2006)
POLICY_DATA(adult_social_care_2009)
POLICY_DATA(spso_mchp)
POLICY_DATA(nipso_mchp)
POLICY_DATA(foia)
POLICY_DATA(foisa)
POLICY_DATA(eir)
POLICY_DATA(sar)
POLICY_DATA(wales_social_services_2014)
POLICY_DATA(psow_model)

#define MODEL(name, sym) { name, ukc__policy_##sym, &ukc__policy_##sym##_len, true }

static const struct builtin {
    const char *name;
    const unsigned char *text;
    const size_t *len;
    bool model; /* a model procedure, not a council's policy */
} builtin_table[] = {
    { "kent", ukc__policy_kent, &ukc__policy_kent_len, false },
    { "warwickshire", ukc__policy_warwickshire, &ukc__policy_warwickshire_len, false },
    { "derby", ukc__policy_derby, &ukc__policy_derby_len, false },
    { "unnamed-unitary-004", ukc__policy_unnamed_unitary_004,
      &ukc__policy_unnamed_unitary_004_len, false },
    MODEL("lgsco-2024", lgsco_2024),
    MODEL("hos-2024", hos_2024),
    MODEL("children-2006", children_2006),
    MODEL("adult-social-care-2009", adult_social_care_2009),
    MODEL("spso-mchp", spso_mchp),
    MODEL("nipso-mchp", nipso_mchp),
    MODEL("foia", foia),
    MODEL("foisa", foisa),
    MODEL("eir", eir),
    MODEL("sar", sar),
    MODEL("wales-social-services-2014", wales_social_services_2014),
    MODEL("psow-model", psow_model),
};
#define NBUILTIN (sizeof builtin_table / sizeof builtin_table[0])
_Static_assert(NBUILTIN == UKC__POLICY_NBUILTIN, "UKC__POLICY_NBUILTIN is the table's size");

size_t ukc__policy_builtin_index(const char *name)
{
    size_t i = 0;
    while (i < NBUILTIN && strcmp(name, builtin_table[i].name) != 0)
        i++;
    return i;
}

void ukc__policy_builtin_at(size_t i, const char **name, const char **text, size_t *len)
{
    if (name)
        *name = builtin_table[i].name;
    *text = (const char *)builtin_table[i].text;
    *len = *builtin_table[i].len;
}

bool ukc__policy_builtin_text(const char *name, const char **text, size_t *len)
{
    size_t i = ukc__policy_builtin_index(name);
    if (i == NBUILTIN)
        return false;
    ukc__policy_builtin_at(i, NULL, text, len);
    return true;
}

bool ukc_policy_builtin_is_model(const char *name)
{
    ukc__error_reset();
    size_t i = name ? ukc__policy_builtin_index(name) : NBUILTIN;
    return i < NBUILTIN && builtin_table[i].model;
}

size_t ukc_policy_builtin_count(void)
{
    ukc__error_reset();
    return NBUILTIN;
}

const char *ukc_policy_builtin_name(size_t i)
{
    ukc__error_reset();
    return i < NBUILTIN ? builtin_table[i].name : NULL;
}

