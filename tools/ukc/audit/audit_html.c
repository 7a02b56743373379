/* ukc audit, layer 4: the report for an audit committee as one self-contained
 * HTML page (inline CSS and SVG; no scripts, fonts or network). The lists of
 * missed obligations, findings and rejected rows are kept in temporary files
 * while the input streams, then copied after the summary and charts. */
#include "audit.h"

#include <stdlib.h>
#include <string.h>

/* Rows shown in each list; the CSV and JSON Lines hold them all. */
#define LIST_LIMIT 2000u

typedef struct list {
    FILE *tmp;
    unsigned long long count;
} list;

struct audit_html {
    FILE *out;
    list missed, findings, rejects;
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

void audit_html_free(audit_html *h)
{
    if (!h)
        return;
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

void audit_html_missed(audit_html *h, const audit_obligation *o)
{
    if (h->missed.count++ >= LIST_LIMIT)
        return;
    FILE *f = h->missed.tmp;
    char late[16];
    snprintf(late, sizeof late, "%d", (int)o->late);
    fputs("<tr>", f);
    if (o->complete) {
        td(f, o->case_id);
    } else { /* a row of the case was rejected: the figure may be wrong */
        fputs("<td>", f);
        audit_html_text(f, o->case_id);
        fputs(" <strong class=\"incomplete\">(case incomplete: a row was rejected)</strong></td>", f);
    }
    td(f, o->procedure);
    td(f, o->obligation);
    td_date(f, o->due);
    td_date(f, o->done);
    fprintf(f, "<td class=\"num\">%s</td><td><span class=\"ids\">", late);
    audit_html_text(f, o->ids);
    fputs("</span><div>", f);
    audit_html_text(f, o->text);
    fputs("</div>", f);
    cite(f, o->citation);
    fputs("</td></tr>\n", f);
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
    fputs("<td><span class=\"ids\">", f);
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

static double pct(unsigned long long met, unsigned long long missed)
{
    return met + missed ? 100.0 * (double)met / (double)(met + missed) : 0;
}

/* Horizontal bars: one per label. */
static void bar_chart(FILE *f, const char *title, char **labels, const unsigned long long *met,
                      const unsigned long long *missed, size_t n)
{
    const int row = 26, left = 230, width = 400;
    fprintf(f, "<figure><svg role=\"img\" aria-label=\"");
    audit_html_text(f, title);
    fprintf(f, "\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
               "xmlns=\"http://www.w3.org/2000/svg\">\n",
            left + width + 70, (int)n * row + 30, left + width + 70, (int)n * row + 30);
    for (int t = 0; t <= 100; t += 25)
        fprintf(f, "<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" class=\"grid\"/>"
                   "<text x=\"%d\" y=\"%d\" class=\"axis\">%d%%</text>\n",
                left + width * t / 100, left + width * t / 100, (int)n * row,
                left + width * t / 100 - 8, (int)n * row + 16, t);
    for (size_t i = 0; i < n; i++) {
        double p = pct(met[i], missed[i]);
        int y = (int)i * row;
        fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"label\" text-anchor=\"end\">", left - 6,
                y + 17);
        audit_html_text(f, labels[i]);
        fprintf(f, "</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" class=\"bar\">"
                   "<title>",
                left, y + 4, width * p / 100, row - 8);
        audit_html_text(f, labels[i]);
        fprintf(f, ": %.1f%% on time (%llu of %llu)</title></rect>"
                   "<text x=\"%.1f\" y=\"%d\" class=\"value\">%s%.1f%%</text>\n",
                p, met[i], met[i] + missed[i], left + width * p / 100 + 4, y + 17,
                met[i] + missed[i] ? "" : "n/a ", p);
    }
    fputs("</svg><figcaption>", f);
    audit_html_text(f, title);
    fputs("</figcaption></figure>\n", f);
}

/* Aggregate stats into (label -> met, missed) in first-seen order. */
typedef struct agg {
    char **labels;
    unsigned long long *met, *missed;
    size_t n;
} agg;

static void agg_add(agg *a, const char *label, unsigned long long met, unsigned long long missed)
{
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->labels[i], label) == 0) {
            a->met[i] += met;
            a->missed[i] += missed;
            return;
        }
    char **l = realloc(a->labels, (a->n + 1) * sizeof *l);
    if (l)
        a->labels = l;
    unsigned long long *m = realloc(a->met, (a->n + 1) * sizeof *m);
    if (m)
        a->met = m;
    unsigned long long *x = realloc(a->missed, (a->n + 1) * sizeof *x);
    if (x)
        a->missed = x;
    char *s = strdup(label);
    if (!l || !m || !x || !s) {
        free(s);
        return;
    }
    a->labels[a->n] = s;
    a->met[a->n] = met;
    a->missed[a->n++] = missed;
}

/* Months sort as text (YYYY-MM). */
static void agg_sort(agg *a)
{
    for (size_t i = 1; i < a->n; i++)
        for (size_t j = i; j > 0 && strcmp(a->labels[j - 1], a->labels[j]) > 0; j--) {
            char *l = a->labels[j];
            a->labels[j] = a->labels[j - 1];
            a->labels[j - 1] = l;
            unsigned long long m = a->met[j];
            a->met[j] = a->met[j - 1];
            a->met[j - 1] = m;
            m = a->missed[j];
            a->missed[j] = a->missed[j - 1];
            a->missed[j - 1] = m;
        }
}

static void agg_free(agg *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->labels[i]);
    free(a->labels);
    free(a->met);
    free(a->missed);
}

static const char style[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;margin:2em;"
    "color:#1b1b1b;max-width:80em}"
    "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;margin:.5em 0;font-size:.92em}"
    "th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}"
    "th{background:#f0f0f0}td.num{text-align:right}"
    ".ids{font-family:monospace;font-size:.9em;color:#444}.cite{color:#555;font-size:.9em}"
    ".grid{stroke:#ddd}.axis,.value,.label{font-size:12px;fill:#333}.bar{fill:#1d70b8}"
    "figure{margin:1em 0}figcaption{font-size:.9em;color:#555}"
    "dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{font-weight:bold}";

void audit_html_write(audit_html *h, const audit_out_files *files, const audit_stat *stats,
                      size_t nstats, const audit_stat *months, size_t nmonths,
                      unsigned long long cases, unsigned long long rows,
                      unsigned long long findings, unsigned long long rejected)
{
    FILE *f = h->out;
    char iso[UKC_DATE_BUFSIZE];
    ukc_date_format(files->as_of, iso, sizeof iso);

    fputs("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          f);
    fputs("Complaint deadlines audit: ", f);
    audit_html_text(f, files->council);
    fprintf(f, "</title>\n<style>%s</style></head>\n<body>\n<h1>Complaint deadlines audit: ", style);
    audit_html_text(f, files->council);
    fputs("</h1>\n<dl><dt>Input</dt><dd>", f);
    audit_html_text(f, files->input);
    fprintf(f, "</dd><dt>As of</dt><dd>%s</dd><dt>Rows read</dt><dd>%llu</dd>"
               "<dt>Cases</dt><dd>%llu</dd><dt>Findings</dt><dd>%llu</dd>"
               "<dt>Rejected rows</dt><dd>%llu</dd></dl>\n",
            iso, rows, cases, findings, rejected);
    fputs("<p>Every deadline was recomputed from the council's policy and the UK bank-holiday "
          "calendar. <em>On time</em> is the share of decided obligations (met or missed) that "
          "were met by their due date; obligations still open at the as-of date are not "
          "counted in it. Lateness is in working days.</p>\n",
          f);

    fputs("<section id=\"summary\"><h2>Summary</h2><table><thead><tr><th>Procedure</th>"
          "<th>Stage</th><th>Obligation</th><th>Total</th><th>Met</th><th>Missed</th>"
          "<th>Open</th><th>On time</th><th>Median days late</th><th>Worst days late</th>"
          "</tr></thead><tbody>\n",
          f);
    agg by_stage = { 0 }, by_month = { 0 };
    for (size_t i = 0; i < nstats; i++) {
        const audit_stat *s = &stats[i];
        fputs("<tr>", f);
        td(f, s->procedure);
        td(f, *s->stage ? s->stage : "-");
        td(f, s->obligation);
        fprintf(f, "<td class=\"num\">%llu</td><td class=\"num\">%llu</td>"
                   "<td class=\"num\">%llu</td><td class=\"num\">%llu</td>",
                s->total, s->met, s->missed, s->open);
        if (s->met + s->missed)
            fprintf(f, "<td class=\"num\">%.1f%%</td>", pct(s->met, s->missed));
        else
            fputs("<td class=\"num\">-</td>", f);
        if (s->missed)
            fprintf(f, "<td class=\"num\">%.1f</td><td class=\"num\">%d</td></tr>\n",
                    audit_stat_median(s), (int)s->worst);
        else
            fputs("<td class=\"num\">-</td><td class=\"num\">-</td></tr>\n", f);
        char label[512];
        snprintf(label, sizeof label, "%s / %s", s->procedure, *s->stage ? s->stage : "-");
        agg_add(&by_stage, label, s->met, s->missed);
    }
    fputs("</tbody></table></section>\n", f);
    for (size_t i = 0; i < nmonths; i++)
        agg_add(&by_month, months[i].stage, months[i].met, months[i].missed);
    agg_sort(&by_month);

    fputs("<section id=\"charts\"><h2>Share on time</h2>\n", f);
    if (by_stage.n)
        bar_chart(f, "Share of obligations met on time, by procedure and stage", by_stage.labels,
                  by_stage.met, by_stage.missed, by_stage.n);
    if (by_month.n)
        bar_chart(f, "Share of obligations met on time, by month due", by_month.labels,
                  by_month.met, by_month.missed, by_month.n);
    if (nmonths) {
        fputs("<table><caption>By month due and stage</caption><thead><tr><th>Stage</th>"
              "<th>Month due</th><th>Met</th><th>Missed</th><th>On time</th></tr></thead>"
              "<tbody>\n", f);
        for (size_t i = 0; i < nmonths; i++) {
            fputs("<tr>", f);
            td(f, months[i].procedure);
            td(f, months[i].stage);
            fprintf(f, "<td class=\"num\">%llu</td><td class=\"num\">%llu</td>"
                       "<td class=\"num\">%.1f%%</td></tr>\n",
                    months[i].met, months[i].missed, pct(months[i].met, months[i].missed));
        }
        fputs("</tbody></table>\n", f);
    }
    if (!by_stage.n && !by_month.n)
        fputs("<p>No obligations were decided.</p>\n", f);
    fputs("</section>\n", f);
    agg_free(&by_stage);
    agg_free(&by_month);

    section_list(f, "missed", "Missed obligations",
                 "<th>Case</th><th>Procedure</th><th>Obligation</th><th>Due</th><th>Done</th>"
                 "<th>Days late</th><th>Explanation</th>",
                 &h->missed, "No obligation was missed.");
    section_list(f, "findings", "Findings: events the policy does not allow",
                 "<th>Line</th><th>Case</th><th>Event</th><th>Date</th><th>Reason</th>",
                 &h->findings, "No event was refused.");
    section_list(f, "rejected", "Rejected rows",
                 "<th>Line</th><th>Case</th><th>Why</th>", &h->rejects,
                 "Every row was read.");
    fprintf(f, "<footer><p>Made by ukcomplaints %s.</p></footer>\n</body></html>\n",
            ukc_version_string());
}
