/* bench-classify: messages per second and MB/s of ukc_classify_text() on one core.
 *
 * usage: bench-classify [--mb N] [FILE]
 *
 * Classifies the messages of FILE (one a line) or a built-in set, over and over
 * until at least N MB (default 50) have been read, and prints the figures beside
 * two references run in the same process over the same messages: ICU's word
 * break iterator alone (the floor of any ICU-based analysis) and a naive scan
 * for twenty keywords with strstr(). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <ukcomplaints.h>

static const char *const builtin[] = {
    "The staff were lovely but the bin still hasn't been collected.",
    "I am not happy with the service, it’s the third time I’ve reported the pothole outside "
    "number 14 and nobody has come to look at it.",
    "Can I book a bulky waste collection for a sofa and two chairs please?",
    "Under the Freedom of Information Act please provide the number of potholes repaired in "
    "2023 and the total cost.",
    "Just wanted to say a huge thank you to the bin crew 😊 they are always so helpful and "
    "cheerful.",
    "I think the library should open on Sundays; it would be better for working families.",
    "Dŵr Cymru dug up the road outside Tŷ Newydd and the pavement is still broken 😡 this is "
    "unacceptable, I have been waiting since March.",
    "My neighbour shouted racist abuse at my children because of their colour, please help.",
    "You sent my housing letter to the wrong address and my neighbour opened it. I want to "
    "know how this happened and what you will do about it.",
    "The officer was not rude at all, very helpful, can't thank you enough for sorting out "
    "my council tax.",
};

/* CPU time of this thread: on a shared machine, wall time measures the other
 * processes too; one core's work is what the figures are about. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct corpus {
    char **msg;
    size_t *len;
    size_t n, bytes;
} corpus;

static int load(const char *path, corpus *c)
{
    if (!path) {
        c->n = sizeof builtin / sizeof builtin[0];
        c->msg = malloc(c->n * sizeof *c->msg);
        c->len = malloc(c->n * sizeof *c->len);
        for (size_t i = 0; i < c->n; i++) {
            c->msg[i] = (char *)builtin[i];
            c->len[i] = strlen(builtin[i]);
            c->bytes += c->len[i];
        }
        return 0;
    }
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        if (n == 0)
            continue;
        c->msg = realloc(c->msg, (c->n + 1) * sizeof *c->msg);
        c->len = realloc(c->len, (c->n + 1) * sizeof *c->len);
        c->msg[c->n] = malloc((size_t)n + 1);
        memcpy(c->msg[c->n], line, (size_t)n);
        c->msg[c->n][n] = '\0';
        c->len[c->n++] = (size_t)n;
        c->bytes += (size_t)n;
    }
    free(line);
    fclose(f);
    return c->n ? 0 : -1;
}

/* Run fn over the corpus until at least target bytes; prints and returns MB/s. */
typedef long (*run_fn)(const char *text, size_t len, void *ctx);

static double measure(const char *name, const corpus *c, double target, run_fn fn, void *ctx)
{
    size_t bytes = 0, messages = 0;
    long sink = 0;
    double t0 = now();
    while ((double)bytes < target)
        for (size_t i = 0; i < c->n; i++) {
            sink += fn(c->msg[i], c->len[i], ctx);
            bytes += c->len[i];
            messages++;
        }
    double dt = now() - t0;
    double mbs = (double)bytes / 1e6 / dt;
    printf("%-28s %8.1f MB in %6.2f s  %10.0f messages/s  %7.1f MB/s  (check %ld)\n", name,
           (double)bytes / 1e6, dt, (double)messages / dt, mbs, sink);
    return mbs;
}

static long run_classify(const char *text, size_t len, void *ctx)
{
    ukc_classification *c;
    if (ukc_classify_text(text, len, NULL, &c) != UKC_OK) {
        fprintf(stderr, "bench-classify: %s\n", ukc_last_error()->message);
        exit(1);
    }
    long k = (long)ukc_classification_kind(c) + (long)ukc_classification_evidence_count(c);
    ukc_classification_free(c);
    return k;
}

static long run_icu_words(const char *text, size_t len, void *ctx)
{
    UBreakIterator *bi = ctx;
    UErrorCode err = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, text, (int64_t)len, &err);
    ubrk_setUText(bi, &ut, &err);
    long words = 0;
    for (int32_t p = ubrk_first(bi); p != UBRK_DONE; p = ubrk_next(bi))
        words += ubrk_getRuleStatus(bi) >= UBRK_WORD_NONE_LIMIT;
    utext_close(&ut);
    return words;
}

static long run_strstr(const char *text, size_t len, void *ctx)
{
    static const char *const words[] = {
        "not",   "still",  "again",     "waiting", "thank",  "please", "rude",
        "happy", "helpful", "complain", "foi",     "appeal", "claim",  "school",
        "bin",   "pothole", "council",  "never",   "should", "report",
    };
    char buf[4096];
    size_t n = len < sizeof buf - 1 ? len : sizeof buf - 1;
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] + 32 : text[i]);
    buf[n] = '\0';
    long hits = 0;
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
        hits += strstr(buf, words[w]) != NULL;
    return hits;
}

int main(int argc, char **argv)
{
    double mb = 50;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--mb") == 0 && i + 1 < argc)
            mb = atof(argv[++i]);
        else
            path = argv[i];
    }
    corpus c = { 0 };
    if (load(path, &c) != 0) {
        fprintf(stderr, "bench-classify: cannot read messages from %s\n", path);
        return 1;
    }
    printf("bench-classify: %zu distinct messages, %.1f bytes on average, %.0f MB each run\n",
           c.n, (double)c.bytes / (double)c.n, mb);
    /* The first call parses the lexicon and the valences and reads the model:
     * the load time a host process sees once. */
    double t0 = now();
    run_classify(c.msg[0], c.len[0], NULL);
    printf("first use (lexicon, valences and model loaded): %.1f ms of CPU\n",
           (now() - t0) * 1e3);
    double target = mb * 1e6;
    double classify = measure("ukc_classify_text", &c, target, run_classify, NULL);
    UErrorCode err = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "en_GB", NULL, 0, &err);
    if (U_SUCCESS(err)) {
        double icu = measure("reference: ICU words only", &c, target, run_icu_words, bi);
        /* the share is what a busy machine changes least: both ran on its load */
        printf("ukc_classify_text / ICU words only: %.3f of ICU's rate\n", classify / icu);
    }
    ubrk_close(bi);
    measure("reference: strstr keywords", &c, target, run_strstr, NULL);
    return 0;
}
