/*
 * Classification of a message, alone or routed under a council's policy.
 */
#include "ukc_pg.h"

const ukc_policy *
ukcpg_policy(const text *name)
{
    const ukc_policy *policy = NULL;

    ukcpg_check(ukc_policy_builtin(ukcpg_cstring(name), &policy));
    return policy;
}

static void
free_classification(void *p)
{
    ukc_classification_free(p);
}

static void
free_routing(void *p)
{
    ukc_routing_free(p);
}

PG_FUNCTION_INFO_V1(ukcpg_classify);
/* ukc_classify(message): the classification as the library's JSON. */
Datum
ukcpg_classify(PG_FUNCTION_ARGS)
{
    text *message = PG_GETARG_TEXT_PP(0);
    ukc_classification *c = NULL;
    char *json = NULL;

    ukcpg_check(ukc_classify_text(VARDATA_ANY(message), VARSIZE_ANY_EXHDR(message), NULL, &c));
    ukcpg_own(c, free_classification);
    ukc_status st = ukc_classification_to_json(c, &json);

    PG_RETURN_DATUM(ukcpg_jsonb_take(st, json));
}

PG_FUNCTION_INFO_V1(ukcpg_route);
/* ukc_classify(message, council): the message routed under a built-in policy. */
Datum
ukcpg_route(PG_FUNCTION_ARGS)
{
    text *message = PG_GETARG_TEXT_PP(0);
    const ukc_policy *policy = ukcpg_policy(PG_GETARG_TEXT_PP(1));
    ukc_feedback_record record;
    ukc_routing *r = NULL;
    char *json = NULL;

    ukcpg_check(ukc_feedback_record_init(&record, UKC_FEEDBACK_RECORD_VERSION));
    record.text = VARDATA_ANY(message);
    record.text_len = VARSIZE_ANY_EXHDR(message);
    ukcpg_check(ukc_route_feedback(policy, &record, &r));
    ukcpg_own(r, free_routing);
    ukc_status st = ukc_routing_to_json(r, &json);

    PG_RETURN_DATUM(ukcpg_jsonb_take(st, json));
}
