/* ukc audit, layer 4: the report for an audit committee as one self-contained
 * HTML page (inline CSS and SVG; no scripts, fonts or network). The lists of
 * missed obligations, findings and rejected rows are kept in temporary files
 * while the input streams, then copied after the summary and charts. */
#include "audit.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Rows shown in each list; the CSV and JSON Lines hold them all. */
#define LIST_LIMIT 2000u

typedef struct list {
    FILE *tmp;
    unsigned long long count;
} list;

/* Figures kept for the report, keyed by a label: few keys (obligation types,
 * stages, months), so a linear search is enough. */
typedef struct tally_row {
    char *key;
    unsigned long long met, missed, open;
    unsigned long long met_unextended; /* met without an extension */
    unsigned long long extended;       /* decided with an extension */
} tally_row;

typedef struct tally {
    tally_row *v;
    size_t n, cap;
} tally;

struct audit_html {
    FILE *out;
    list missed, findings, rejects;
    tally types;  /* by obligation type */
    tally stages; /* responses by stage: the headline */
    tally months; /* by obligation type and month due: "type\tYYYY-MM" */
};

void audit_html_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\'':
            fputs("&#39;", f);
            break;
        default:
            putc(*s, f);
        }
    }
}

audit_html *audit_html_new(FILE *out)
{
    audit_html *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->out = out;
    h->missed.tmp = tmpfile();
    h->findings.tmp = tmpfile();
    h->rejects.tmp = tmpfile();
    if (!h->missed.tmp || !h->findings.tmp || !h->rejects.tmp) {
        audit_html_free(h);
        return NULL;
    }
    return h;
}

static void tally_free(tally *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].key);
    free(t->v);
}

void audit_html_free(audit_html *h)
{
    if (!h)
        return;
    tally_free(&h->types);
    tally_free(&h->stages);
    tally_free(&h->months);
    if (h->missed.tmp)
        fclose(h->missed.tmp);
    if (h->findings.tmp)
        fclose(h->findings.tmp);
    if (h->rejects.tmp)
        fclose(h->rejects.tmp);
    free(h);
}

static void td(FILE *f, const char *s)
{
    fputs("<td>", f);
    audit_html_text(f, s);
    fputs("</td>", f);
}

static void td_date(FILE *f, ukc_date d)
{
    char iso[UKC_DATE_BUFSIZE] = "";
    if (d)
        ukc_date_format(d, iso, sizeof iso);
    td(f, iso);
}

static void cite(FILE *f, const ukc_citation *c)
{
    if (!c || !c->document || !*c->document)
        return;
    fputs("<div class=\"cite\">", f);
    audit_html_text(f, c->document);
    fputs(", \xE2\x80\x9C", f);
    audit_html_text(f, c->section);
    fputs("\xE2\x80\x9D: <q>", f);
    audit_html_text(f, c->quote);
    fputs("</q></div>", f);
}

/* What an obligation is, for a reader: "Response", "Acknowledgement"... */
static const char *type_name(const char *what)
{
    static const char *const names[][2] = {
        { "acknowledge", "Acknowledgement" },
        { "respond", "Response" },
        { "holding-reply", "Holding reply" },
        { "progress-update", "Progress update" },
        { "explain-refusal", "Explanation of a refusal" },
        { "escalation-window", "Escalation window" },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(what, names[i][0]) == 0)
            return names[i][1];
    return what;
}

static void type_label(const audit_obligation *o, char *buf, size_t size)
{
    snprintf(buf, size, "%s%s", type_name(o->what),
             strcmp(o->bound, "maximum") == 0 ? " (maximum)" : "");
}

/* The explanation as a short list: the rule, as the policy words it, with its
 * citation (given once), then one item a step of the audit's short text
 * (which separates them with " | " and leaves the rule out). */
static void steps(FILE *f, const char *text, const ukc_citation *c)
{
    fputs("<ol class=\"steps\">", f);
    if (c && c->document && *c->document) {
        fputs("<li class=\"rule\">Rule: <q>", f);
        audit_html_text(f, c->quote);
        fputs("</q> <span class=\"cite\">(", f);
        audit_html_text(f, c->document);
        fputs(", \xE2\x80\x9C", f);
        audit_html_text(f, c->section);
        fputs("\xE2\x80\x9D)</span></li>", f);
    }
    for (const char *p = text; *p;) {
        const char *end = strstr(p, " | ");
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char *item = strndup(p, n);
        if (item) {
            char *src = c && c->document && *c->document ? strstr(item, " Source: ") : NULL;
            if (src)
                *src = '\0'; /* the rule's own citation, already given */
            fputs("<li>", f);
            audit_html_text(f, item);
            fputs("</li>", f);
            free(item);
        }
        p += n + (end ? 3 : 0);
    }
    fputs("</ol>", f);
}

void audit_html_missed(audit_html *h, const audit_obligation *o)
{
    if (h->missed.count++ >= LIST_LIMIT)
        return;
    FILE *f = h->missed.tmp;
    char type[128];
    type_label(o, type, sizeof type);
    fputs("<tr>", f);
    if (o->complete) {
        td(f, o->case_id);
    } else { /* a row of the case was rejected: the figure may be wrong */
        fputs("<td>", f);
        audit_html_text(f, o->case_id);
        fputs(" <strong class=\"incomplete\">(case incomplete: a row was rejected)</strong></td>", f);
    }
    fputs("<td>", f);
    audit_html_text(f, type);
    fputs("<div class=\"ids\">", f);
    audit_html_text(f, o->obligation);
    fputs("</div></td>", f);
    td_date(f, o->due);
    if (o->done)
        td_date(f, o->done);
    else
        td(f, "not done");
    fprintf(f, "<td class=\"num\">%d</td><td>", (int)o->late);
    steps(f, o->text, o->citation);
    fputs("<div class=\"ids\">", f);
    audit_html_text(f, o->ids);
    fputs("</div></td></tr>\n", f);
}

static tally_row *tally_get(tally *t, const char *key)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->v[i].key, key) == 0)
            return &t->v[i];
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        tally_row *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            return NULL;
        t->v = v;
        t->cap = cap;
    }
    char *k = strdup(key);
    if (!k)
        return NULL;
    t->v[t->n] = (tally_row){ .key = k };
    return &t->v[t->n++];
}

static void tally_count(tally *t, const char *key, const audit_obligation *o)
{
    tally_row *r = tally_get(t, key);
    if (!r)
        return;
    if (o->state == UKC_STATE_MET) {
        r->met++;
        r->met_unextended += o->extended_to == 0;
    } else if (o->state == UKC_STATE_MISSED) {
        r->missed++;
    } else {
        r->open++;
    }
    if (audit_decided(o))
        r->extended += o->extended_to != 0;
}

void audit_html_obligation(audit_html *h, const audit_obligation *o)
{
    char type[128], key[600];
    type_label(o, type, sizeof type);
    tally_count(&h->types, type, o);
    if (strcmp(o->what, "respond") == 0 && strcmp(o->bound, "target") == 0) {
        snprintf(key, sizeof key, "%s\t%s", o->procedure, *o->stage ? o->stage : o->kind);
        tally_count(&h->stages, key, o);
    }
    if (o->due && audit_decided(o)) {
        int y, m, d;
        ukc_date_to_ymd(o->due, &y, &m, &d);
        snprintf(key, sizeof key, "%s\t%04d-%02d", type, y, m);
        tally_count(&h->months, key, o);
    }
    if (o->state == UKC_STATE_MISSED)
        audit_html_missed(h, o);
}

void audit_html_finding(audit_html *h, const audit_finding *fd)
{
    if (h->findings.count++ >= LIST_LIMIT)
        return;
    FILE *f = h->findings.tmp;
    fprintf(f, "<tr><td class=\"num\">%ld</td>", fd->line);
    td(f, fd->case_id);
    td(f, fd->event);
    td_date(f, fd->date);
    fputs(fd->allowed ? "<td><span class=\"ids\">allowed, warning " : "<td><span class=\"ids\">", f);
    audit_html_text(f, fd->code);
    fputs(" ", f);
    audit_html_text(f, fd->slug);
    fputs("</span><div>", f);
    audit_html_text(f, fd->message);
    fputs("</div>", f);
    cite(f, fd->citation);
    fputs("</td></tr>\n", f);
}

void audit_html_reject(audit_html *h, long line, const char *case_id, const char *why)
{
    if (h->rejects.count++ >= LIST_LIMIT)
        return;
    FILE *f = h->rejects.tmp;
    fprintf(f, "<tr><td class=\"num\">%ld</td>", line);
    td(f, case_id);
    td(f, why);
    fputs("</tr>\n", f);
}

static void copy(FILE *to, FILE *from)
{
    char buf[65536];
    size_t n;
    rewind(from);
    while ((n = fread(buf, 1, sizeof buf, from)) > 0)
        fwrite(buf, 1, n, to);
}

static void section_list(FILE *f, const char *id, const char *title, const char *head,
                         list *l, const char *none)
{
    fprintf(f, "<section id=\"%s\"><h2>%s (%llu)</h2>\n", id, title, l->count);
    if (!l->count) {
        fprintf(f, "<p>%s</p></section>\n", none);
        return;
    }
    if (l->count > LIST_LIMIT)
        fprintf(f, "<p>The first %u are listed; the CSV and JSON Lines outputs hold all %llu.</p>\n",
                LIST_LIMIT, l->count);
    fprintf(f, "<table><thead><tr>%s</tr></thead><tbody>\n", head);
    copy(f, l->tmp);
    fputs("</tbody></table></section>\n", f);
}

static double pct(unsigned long long part, unsigned long long whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0;
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const tally_row *)a)->key, ((const tally_row *)b)->key);
}

/* A share as "66.7% (2 of 3)", or "none decided". */
static void share(FILE *f, unsigned long long part, unsigned long long whole)
{
    if (whole)
        fprintf(f, "%.1f%% <span class=\"of\">(%llu of %llu)</span>", pct(part, whole), part,
                whole);
    else
        fputs("none decided", f);
}

/* Horizontal bars, one a row: the share met on time, with both axes titled. */
static void bar_chart(FILE *f, const char *title, const char *y_title, const tally_row *rows,
                      size_t n, size_t label_from)
{
    const int row = 24, left = 190, width = 380, top = 26, right = 130;
    int plot = (int)n * row, height = top + plot + 48;
    fputs("<figure><svg role=\"img\" aria-label=\"", f);
    audit_html_text(f, title);
    fprintf(f, "\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
               "xmlns=\"http://www.w3.org/2000/svg\">\n",
            left + width + right, height, left + width + right, height);
    for (int t = 0; t <= 100; t += 25) {
        int x = left + width * t / 100;
        fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"grid\"/>"
                   "<text x=\"%d\" y=\"%d\" class=\"axis\" text-anchor=\"middle\">%d%%</text>\n",
                x, top, x, top + plot, x, top + plot + 16, t);
    }
    fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"axis-title\" text-anchor=\"middle\">"
               "Met on time (share of decided obligations)</text>\n",
            left + width / 2, top + plot + 36);
    /* The rows' title heads the column of labels, so that it fits one row too. */
    fprintf(f, "<text x=\"%d\" y=\"16\" class=\"axis-title\" text-anchor=\"end\">", left - 6);
    audit_html_text(f, y_title);
    fputs("</text>\n", f);
    for (size_t i = 0; i < n; i++) {
        const tally_row *r = &rows[i];
        unsigned long long decided = r->met + r->missed;
        double p = pct(r->met, decided);
        int y = top + (int)i * row;
        fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"label\" text-anchor=\"end\">", left - 6,
                y + 16);
        audit_html_text(f, r->key + label_from);
        fprintf(f, "</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" class=\"bar\">"
                   "<title>",
                left, y + 4, width * p / 100, row - 8);
        audit_html_text(f, r->key + label_from);
        if (decided)
            fprintf(f, ": %.1f%% met on time (%llu of %llu)</title></rect>"
                       "<text x=\"%.1f\" y=\"%d\" class=\"value\">%.1f%% (%llu of %llu)</text>\n",
                    p, r->met, decided, left + width * p / 100 + 4, y + 16, p, r->met, decided);
        else
            fprintf(f, ": none decided</title></rect><text x=\"%d\" y=\"%d\" "
                       "class=\"value\">none decided</text>\n",
                    left + 4, y + 16);
    }
    fputs("</svg><figcaption>", f);
    audit_html_text(f, title);
    fputs("</figcaption></figure>\n", f);
}

static const char style[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;margin:2em;"
    "color:#1b1b1b;max-width:80em;line-height:1.4}"
    "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;margin:.5em 0;font-size:.92em}"
    "caption{text-align:left;font-weight:bold;padding:.3em 0}"
    "th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}"
    "th{background:#f0f0f0}td.num{text-align:right}"
    ".headline td.big{font-size:1.3em;font-weight:bold}.of{font-weight:normal;color:#555;"
    "font-size:.8em}"
    ".ids{font-family:monospace;font-size:.8em;color:#555}.cite{color:#444;font-size:.9em}"
    "ol.steps{margin:.2em 0;padding-left:1.4em}ol.steps li{margin:.1em 0}"
    ".incomplete{color:#a00}"
    ".grid{stroke:#ddd}.axis,.value,.label{font-size:12px;fill:#333}"
    ".axis-title{font-size:12px;fill:#111;font-weight:bold}.bar{fill:#1d70b8}"
    "figure{margin:1em 0;break-inside:avoid}figcaption{font-size:.9em;color:#555}"
    ".charts{display:flex;flex-wrap:wrap;gap:0 2em}"
    "dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{font-weight:bold}"
    "dd{margin:0}"
    "@page{size:A4;margin:15mm}"
    "@media print{body{margin:0;max-width:none;font-size:10pt}"
    "h2{break-after:avoid;page-break-after:avoid}"
    "thead{display:table-header-group}tr,figure,.headline{break-inside:avoid;"
    "page-break-inside:avoid}"
    "th{background:#eee;-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    ".bar{fill:#555}svg{max-width:100%;height:auto}"
    "#missed{break-before:page;page-break-before:always}}";

/* The run's date and time (UTC); SOURCE_DATE_EPOCH, when set, for a reproducible page. */
static void run_date(char *buf, size_t size)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    time_t now = epoch && *epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm))
        strftime(buf, size, "%Y-%m-%d %H:%M UTC", &tm);
    else
        snprintf(buf, size, "unknown");
}

static void headline(FILE *f, tally *stages)
{
    fputs("<section id=\"headline\" class=\"headline\"><h2>Headline: complaints answered "
          "within each stage's timescale</h2>\n",
          f);
    if (!stages->n) {
        fputs("<p>No response was due in this export.</p></section>\n", f);
        return;
    }
    fputs("<p>The figures councils publish in their annual complaints reports and in the "
          "Housing Ombudsman's self-assessment: the share of complaints answered within each "
          "stage's timescale, counting the time an extension allowed and, separately, without "
          "extensions (an answer counts then only when no extension was used). Responses still "
          "open at the as-of date, not yet due, are left out of the shares.</p>\n",
          f);
    fputs("<table><thead><tr><th>Procedure</th><th>Stage</th><th>Responses due</th>"
          "<th>Within timescale, with extensions</th>"
          "<th>Within timescale, without extensions</th><th>Extended</th>"
          "<th>Still open</th></tr></thead><tbody>\n",
          f);
    qsort(stages->v, stages->n, sizeof *stages->v, by_key);
    for (size_t i = 0; i < stages->n; i++) {
        const tally_row *r = &stages->v[i];
        unsigned long long decided = r->met + r->missed;
        const char *tab = strchr(r->key, '\t');
        char *proc = strndup(r->key, tab ? (size_t)(tab - r->key) : strlen(r->key));
        fputs("<tr>", f);
        td(f, proc ? proc : "");
        td(f, tab ? tab + 1 : "");
        free(proc);
        fprintf(f, "<td class=\"num\">%llu</td><td class=\"num big\">", decided);
        share(f, r->met, decided);
        fputs("</td><td class=\"num big\">", f);
        share(f, r->met_unextended, decided);
        fprintf(f, "</td><td class=\"num\">%llu</td><td class=\"num\">%llu</td></tr>\n",
                r->extended, r->open);
    }
    fputs("</tbody></table></section>\n", f);
}

/* One chart per obligation type of the monthly figures, months in order. */
static void monthly_charts(FILE *f, tally *months)
{
    qsort(months->v, months->n, sizeof *months->v, by_key);
    for (size_t i = 0; i < months->n;) {
        const char *tab = strchr(months->v[i].key, '\t');
        size_t type_len = tab ? (size_t)(tab - months->v[i].key) : 0, j = i;
        while (j < months->n && strncmp(months->v[j].key, months->v[i].key, type_len + 1) == 0)
            j++;
        char title[256];
        snprintf(title, sizeof title, "%.*s: share met on time, by month due", (int)type_len,
                 months->v[i].key);
        bar_chart(f, title, "Month due", &months->v[i], j - i, type_len + 1);
        i = j;
    }
}

void audit_html_write(audit_html *h, const audit_out_files *files, const audit_stat *stats,
                      size_t nstats, const audit_stat *months, size_t nmonths,
                      unsigned long long cases, unsigned long long rows,
                      unsigned long long findings, unsigned long long rejected)
{
    FILE *f = h->out;
    char iso[UKC_DATE_BUFSIZE], run[64];
    (void)months;
    (void)nmonths;
    ukc_date_format(files->as_of, iso, sizeof iso);
    run_date(run, sizeof run);

    fputs("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          f);
    fputs("Complaint deadlines audit: ", f);
    audit_html_text(f, files->council);
    fprintf(f, "</title>\n<style>%s</style></head>\n<body>\n<h1>Complaint deadlines audit: ",
            style);
    audit_html_text(f, files->council);
    fputs("</h1>\n<dl><dt>Policy</dt><dd>", f);
    audit_html_text(f, files->council);
    fputs("</dd><dt>Calendar</dt><dd>", f);
    audit_html_text(f, files->calendar ? files->calendar : "");
    fputs("</dd><dt>Input</dt><dd>", f);
    audit_html_text(f, files->input);
    fprintf(f, "</dd><dt>As of</dt><dd>%s</dd><dt>Run</dt><dd>%s</dd>"
               "<dt>Library</dt><dd>ukcomplaints %s</dd>"
               "<dt>Rows read</dt><dd>%llu</dd><dt>Cases</dt><dd>%llu</dd>"
               "<dt>Findings</dt><dd>%llu</dd><dt>Rejected rows</dt><dd>%llu</dd></dl>\n",
            iso, run, ukc_version_string(), rows, cases, findings, rejected);
    fputs("<p>Every deadline was recomputed from the council's policy and the UK bank-holiday "
          "calendar. <em>Met on time</em> is the share of decided obligations (met or missed) "
          "that were met by their due date; obligations still open at the as-of date are not "
          "counted in it. Lateness is in working days.</p>\n",
          f);

    headline(f, &h->stages);

    fputs("<section id=\"charts\"><h2>Met on time, by obligation type and by month</h2>\n", f);
    if (h->types.n) {
        fputs("<div class=\"charts\">", f);
        bar_chart(f, "Share met on time, by obligation type", "Obligation type", h->types.v,
                  h->types.n, 0);
        monthly_charts(f, &h->months);
        fputs("</div>", f);
    } else {
        fputs("<p>No obligations were decided.</p>\n", f);
    }
    fputs("</section>\n", f);

    fputs("<section id=\"summary\"><h2>Every obligation, by procedure and stage</h2><table>"
          "<thead><tr><th>Procedure</th><th>Stage</th><th>Obligation</th><th>Total</th>"
          "<th>Met</th><th>Missed</th><th>Open</th><th>Met on time</th>"
          "<th>Median days late</th><th>Worst days late</th></tr></thead><tbody>\n",
          f);
    for (size_t i = 0; i < nstats; i++) {
        const audit_stat *s = &stats[i];
        fputs("<tr>", f);
        td(f, s->procedure);
        td(f, *s->stage ? s->stage : "-");
        td(f, s->obligation);
        fprintf(f, "<td class=\"num\">%llu</td><td class=\"num\">%llu</td>"
                   "<td class=\"num\">%llu</td><td class=\"num\">%llu</td><td class=\"num\">",
                s->total, s->met, s->missed, s->open);
        share(f, s->met, s->met + s->missed);
        if (s->missed)
            fprintf(f, "</td><td class=\"num\">%.1f</td><td class=\"num\">%d</td></tr>\n",
                    audit_stat_median(s), (int)s->worst);
        else
            fputs("</td><td class=\"num\">-</td><td class=\"num\">-</td></tr>\n", f);
    }
    fputs("</tbody></table></section>\n", f);

    section_list(f, "missed", "Missed obligations",
                 "<th>Case</th><th>Obligation</th><th>Due</th><th>Done</th>"
                 "<th>Days late</th><th>How the due date was worked out</th>",
                 &h->missed, "No obligation was missed.");
    section_list(f, "findings",
                 "Findings: events the policy does not allow, and events allowed with a warning",
                 "<th>Line</th><th>Case</th><th>Event</th><th>Date</th><th>Reason</th>",
                 &h->findings, "No event was refused.");
    section_list(f, "rejected", "Rejected rows",
                 "<th>Line</th><th>Case</th><th>Why</th>", &h->rejects,
                 "Every row was read.");
    fprintf(f, "<footer><p>Made by ukcomplaints %s on %s.</p></footer>\n</body></html>\n",
            ukc_version_string(), run);
}
