/* Fuzz routing: arbitrary bytes as a record's text and fields never crash or
 * leak; a failure gives no routing and says why; a success answers every
 * question with an ID and text, and its due dates and time-limit check agree
 * with the record.
 *
 * Input: byte 0 picks the policy (low 2 bits) and the flags (the others);
 * byte 1 the channel (mod 8, so an unknown one too); bytes 2..7 three 16-bit
 * day offsets from 2020-01-01 (events, aware, received; 0xffff = no date);
 * then the text, service area, kind, procedure and exclusion separated by 0x1f
 * (an empty field is NULL). */
#include <string.h>
#include <ukcomplaints.h>

#include "fuzz.h"

#define BASE 18262 /* 2020-01-01 */

static char *field(const uint8_t **p, const uint8_t *end, size_t *len)
{
    const uint8_t *s = *p, *e = s;
    while (e < end && *e != 0x1f)
        e++;
    *len = (size_t)(e - s);
    *p = e < end ? e + 1 : end;
    if (*len == 0)
        return NULL;
    char *out = malloc(*len + 1);
    FUZZ_ASSERT(out != NULL);
    memcpy(out, s, *len);
    out[*len] = '\0';
    return out;
}

static ukc_date date_at(const uint8_t *d)
{
    unsigned v = (unsigned)d[0] | (unsigned)d[1] << 8;
    return v == 0xffff ? UKC_NO_DATE : (ukc_date)(BASE - 4000 + (int)v % 12000);
}

static void check_answer(const ukc_routing_answer *a)
{
    FUZZ_ASSERT(a != NULL && a->text != NULL && a->code != NULL);
    FUZZ_ASSERT(strncmp(a->code, "UKC-C0", 6) == 0);
    FUZZ_ASSERT(a->citation->document && a->citation->section && a->citation->quote);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 8)
        return 0;
    const ukc_policy *p;
    FUZZ_ASSERT(ukc_policy_builtin(ukc_policy_builtin_name(data[0] & 3), &p) == UKC_OK);
    ukc_feedback_record rec = UKC_FEEDBACK_RECORD_INIT;
    rec.anonymous = data[0] & 4;
    rec.staff = data[0] & 8;
    rec.legal_proceedings = data[0] & 16;
    rec.insurance_claim = data[0] & 32;
    rec.on_behalf = data[0] & 64;
    rec.channel = (ukc_channel)(data[1] % 8);
    rec.events = date_at(data + 2);
    rec.aware = date_at(data + 4);
    rec.received = date_at(data + 6);
    const uint8_t *q = data + 8, *end = data + size;
    size_t len, dummy;
    char *text = field(&q, end, &len);
    char *area = field(&q, end, &dummy), *kind = field(&q, end, &dummy);
    char *proc = field(&q, end, &dummy), *excl = field(&q, end, &dummy);
    rec.text = text;
    rec.text_len = text ? len : 0;
    rec.service_area = area;
    rec.kind = kind;
    rec.procedure = proc;
    rec.exclusion = excl;

    ukc_routing *r = (ukc_routing *)1;
    ukc_status st = ukc_route_feedback(p, &rec, &r);
    if (st != UKC_OK) {
        FUZZ_ASSERT(r == NULL);
        FUZZ_ASSERT(ukc_last_error()->status == (int32_t)st);
        FUZZ_ASSERT(ukc_last_error()->message[0] != '\0');
    } else {
        FUZZ_ASSERT(r != NULL && ukc_routing_policy(r) == p);
        check_answer(ukc_routing_kind_answer(r));
        check_answer(ukc_routing_route_answer(r));
        check_answer(ukc_routing_procedure_answer(r));
        const ukc_routing_limit *l = ukc_routing_time_limit(r);
        check_answer(l->answer);
        if (l->last_day != UKC_NO_DATE)
            FUZZ_ASSERT(l->in_time == (rec.received <= l->last_day));
        FUZZ_ASSERT(ukc_routing_obligation_count(r) <= 2);
        for (size_t i = 0; i < ukc_routing_obligation_count(r); i++) {
            const ukc_routing_obligation *o = ukc_routing_obligation_at(r, i);
            check_answer(o->answer);
            if (o->answer->state == UKC_ROUTING_DECIDED)
                FUZZ_ASSERT(o->due != UKC_NO_DATE && o->due >= rec.received);
        }
        FUZZ_ASSERT(ukc_routing_obligation_at(r, 2) == NULL);
        char *json;
        FUZZ_ASSERT(ukc_routing_to_json(r, &json) == UKC_OK && json[0] == '{');
        ukc_free(json);
        ukc_routing_free(r);
    }
    free(text);
    free(area);
    free(kind);
    free(proc);
    free(excl);
    return 0;
}
