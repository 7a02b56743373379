/* Fuzz ukc audit's reading of an export (tools/ukc/audit/): the first byte
 * chooses an event log or the wide export of a fixed --columns map, the rest
 * is the CSV. Both passes run as in the tool (count, then group and finish);
 * arbitrary bytes never crash or leak, every case is finished exactly once,
 * and every output line is valid UTF-8. */
#include <string.h>

#include "../../tools/ukc/audit/audit.h"
#include "fuzz.h"

typedef struct counts {
    audit_engine *engine;
    size_t finished, rejected;
} counts;

static void on_reject(void *ctx, long line, const char *case_id, const char *why)
{
    counts *c = ctx;
    FUZZ_ASSERT(line >= 1 && case_id && why && why[0]);
    c->rejected++;
}

static void on_finish(void *ctx, const audit_group *g)
{
    counts *c = ctx;
    c->finished++;
    audit_engine_case(c->engine, g);
}

static void read_all(audit_log *log, const uint8_t *data, size_t size, bool count)
{
    FILE *f = fmemopen((void *)data, size, "rb");
    FUZZ_ASSERT(f != NULL);
    csv_reader *r = csv_reader_new(f);
    csv_record rec;
    char err[512];
    int k;
    /* The header is read by both passes, as in the tool. */
    if (csv_read(r, &rec) == CSV_RECORD && audit_log_header(log, &rec, err, sizeof err) == 0) {
        while ((k = csv_read(r, &rec)) == CSV_RECORD || k == CSV_BAD) {
            if (count)
                audit_log_count(log, k, &rec);
            else
                audit_log_record(log, k, &rec);
            /* The hints of the rows ahead, as the tool gives them (and a
             * look one and three rows ahead, for the sanitizers). */
            const char *id = "";
            size_t n = 0;
            long col = audit_log_case_column(log);
            if (!count && col >= 0) {
                (void)csv_peek(r, (size_t)col, 1, &id, &n);
                (void)csv_peek(r, (size_t)col, 3, &id, &n);
                if (!csv_peek(r, (size_t)col, 2, &id, &n))
                    n = 0;
                audit_log_ahead(log, id, n);
            }
        }
    }
    csv_reader_free(r);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    bool wide = data[0] & 1;
    data++, size--;
    if (!size)
        return 0;
    const ukc_policy *policy;
    FUZZ_ASSERT(ukc_policy_builtin("kent", &policy) == UKC_OK);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    FUZZ_ASSERT(out != NULL);
    audit_out_files files = { .csv = out, .jsonl = out, .errors = out, .findings = out,
                              .council = "kent", .input = "fuzz",
                              .as_of = 20454 /* 2026-01-01 */ };
    audit_out *o = audit_out_new(&files);
    audit_sink sink = { o, audit_out_obligation, audit_out_finding, audit_out_reject,
                        audit_out_later, audit_out_incomplete };
    counts c = { audit_engine_new(policy, NULL, files.as_of, UKC_DELIVERY_EMAIL, true, &sink), 0, 0 };
    audit_log_sink lsink = { &c, on_reject, on_finish, audit_known_event };
    audit_log *log = audit_log_new(wide ? "case_id=Ref,received=Received,acknowledge=Ack,"
                                          "respond=Response,close=Closed"
                                        : NULL,
                                   &lsink);
    FUZZ_ASSERT(o && c.engine && log);
    if (!wide) { /* the first pass of an event log */
        audit_log_expect(log, size);
        read_all(log, data, size, true);
    }
    read_all(log, data, size, false);
    audit_log_end(log);
    FUZZ_ASSERT(audit_log_open_cases(log) == 0);
    audit_log_free(log);
    audit_engine_free(c.engine);
    audit_out_cases(o, c.finished, 0, 0);
    audit_out_free(o);
    fclose(out);
    FUZZ_ASSERT(csv_valid_utf8(buf, len));
    free(buf);
    return 0;
}
