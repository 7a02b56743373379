/* The labelled sources and how each source's labels map onto the five kinds.
 *
 * Every source but the corpus is real public text that nobody in this project
 * wrote, copied into tests/data/sources/ with its licence (see NOTICE). Each has
 * its own labels; one function per source below maps them onto complaint,
 * comment, compliment, request or other, or drops a row whose label says
 * nothing about those kinds (-1). None of them is council feedback, and none
 * has `other`: routes are learnt from the corpus only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../../tests/eval/corpus.h"
#include "train.h"

/* ---------------------------------------------------------------- mappings */

/* NHS Friends and Family Test answers, `Comment sentiment` 1 (very positive) to 5
 * (very negative), 3 mixed. Praise is a compliment and criticism a complaint; a
 * mixed answer is mostly a suggestion (`Cut the waiting time ...`), a comment. */
static int map_nhs(const char *sentiment)
{
    if (!strcmp(sentiment, "1") || !strcmp(sentiment, "1.0") || !strcmp(sentiment, "2") ||
        !strcmp(sentiment, "2.0"))
        return UKC_KIND_COMPLIMENT;
    if (!strcmp(sentiment, "3") || !strcmp(sentiment, "3.0"))
        return UKC_KIND_COMMENT;
    if (!strcmp(sentiment, "4") || !strcmp(sentiment, "4.0") || !strcmp(sentiment, "5") ||
        !strcmp(sentiment, "5.0"))
        return UKC_KIND_COMPLAINT;
    return -1;
}

/* Sentiment Labelled Sentences (Amazon, Yelp, IMDb reviews): 1 positive, 0
 * negative. A review's praise is a compliment, its criticism a complaint. */
static int map_uci(const char *label)
{
    return !strcmp(label, "1") ? UKC_KIND_COMPLIMENT
           : !strcmp(label, "0") ? UKC_KIND_COMPLAINT
                                 : -1;
}

/* VADER's rated snippets (tweets, Amazon reviews, film reviews, New York Times
 * editorials): the mean valence of 20 raters, -4 to +4. Clearly positive (1 or
 * more) is praise, a compliment; clearly negative (-1 or less) criticism, a
 * complaint; near neutral (within 0.25 of 0) a statement of fact or view, a
 * comment. The rest is too faint to say. */
static int map_vader(double valence)
{
    if (valence >= 1.0)
        return UKC_KIND_COMPLIMENT;
    if (valence <= -1.0)
        return UKC_KIND_COMPLAINT;
    if (valence > -0.25 && valence < 0.25)
        return UKC_KIND_COMMENT;
    return -1;
}

/* Banking77: customers' messages to a bank. The intents that tell the bank its
 * service failed them (a card that does not work, a payment declined, charged
 * twice, money not arrived, a card not delivered) are complaints; every other
 * intent asks for something or for information, a request. */
static int map_banking(const char *intent)
{
    static const char *const failed[] = {
        "card_not_working", "virtual_card_not_working", "contactless_not_working",
        "declined_card_payment", "declined_transfer", "declined_cash_withdrawal",
        "failed_transfer", "top_up_failed", "top_up_reverted", "reverted_card_payment?",
        "transaction_charged_twice", "wrong_amount_of_cash_received",
        "card_payment_wrong_exchange_rate", "wrong_exchange_rate_for_cash_withdrawal",
        "extra_charge_on_statement", "balance_not_updated_after_bank_transfer",
        "balance_not_updated_after_cheque_or_cash_deposit", "transfer_not_received_by_recipient",
        "Refund_not_showing_up", "card_swallowed", "card_arrival", "pending_card_payment",
        "pending_top_up", "pending_transfer", "pending_cash_withdrawal",
        "direct_debit_payment_not_recognised", "card_payment_not_recognised",
        "cash_withdrawal_not_recognised", "card_payment_fee_charged", "transfer_fee_charged",
        "cash_withdrawal_charge", "pin_blocked",
    };
    for (size_t i = 0; i < sizeof failed / sizeof failed[0]; i++)
        if (!strcmp(intent, failed[i]))
            return UKC_KIND_COMPLAINT;
    return *intent ? UKC_KIND_REQUEST : -1;
}

/* CLINC150: requests to a virtual assistant. Thanks are a compliment; the
 * failures of a service (a card declined, an account blocked, luggage lost) a
 * complaint; small talk with the assistant (greetings, yes and no, jokes,
 * questions about the assistant itself) and the out-of-scope queries are none
 * of the five kinds and are dropped; every other intent is a request. */
static int map_clinc(const char *intent)
{
    static const char *const small_talk[] = {
        "greeting", "goodbye", "yes", "no", "maybe", "tell_joke", "fun_fact",
        "meaning_of_life", "what_is_your_name", "how_old_are_you", "who_made_you",
        "are_you_a_bot", "where_are_you_from", "do_you_have_pets", "what_are_your_hobbies",
        "who_do_you_work_for", "what_can_i_ask_you", "change_ai_name", "oos", "repeat",
        "flip_coin", "roll_dice",
    };
    static const char *const failed[] = { "card_declined", "account_blocked", "lost_luggage",
                                          "damaged_card", "report_fraud" };
    if (!strcmp(intent, "thank_you"))
        return UKC_KIND_COMPLIMENT;
    for (size_t i = 0; i < sizeof failed / sizeof failed[0]; i++)
        if (!strcmp(intent, failed[i]))
            return UKC_KIND_COMPLAINT;
    for (size_t i = 0; i < sizeof small_talk / sizeof small_talk[0]; i++)
        if (!strcmp(intent, small_talk[i]))
            return -1;
    return UKC_KIND_REQUEST;
}

/* GoEmotions: Reddit comments, one emotion each. Anger, annoyance,
 * disappointment, disapproval and disgust are dissatisfaction, a complaint;
 * admiration and gratitude praise or thank, a compliment; curiosity asks, a
 * request (for information); neutral comments and approval are views, a
 * comment. The other emotions (fear, joy, sadness, ...) say nothing about the
 * five kinds and are dropped. */
static int map_goemotions(const char *emotion)
{
    static const struct {
        const char *emotion;
        int kind;
    } map[] = {
        { "anger", UKC_KIND_COMPLAINT },        { "annoyance", UKC_KIND_COMPLAINT },
        { "disappointment", UKC_KIND_COMPLAINT }, { "disapproval", UKC_KIND_COMPLAINT },
        { "disgust", UKC_KIND_COMPLAINT },      { "admiration", UKC_KIND_COMPLIMENT },
        { "gratitude", UKC_KIND_COMPLIMENT },   { "curiosity", UKC_KIND_REQUEST },
        { "neutral", UKC_KIND_COMMENT },        { "approval", UKC_KIND_COMMENT },
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(emotion, map[i].emotion))
            return map[i].kind;
    return -1;
}

/* ---------------------------------------------------------------- reading */

static char *slurp(const char *root, const char *rel, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "train: cannot read %s\n", path);
        return NULL;
    }
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap + 1);
    for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, 2 * cap + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

static bool add(train_source *s, const char *text, size_t n, int kind, bool holdout)
{
    if (kind < 0)
        return true;
    while (n && (text[n - 1] == '\r' || text[n - 1] == '\n' || text[n - 1] == ' '))
        n--;
    if (!n)
        return true;
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 1024;
        train_row *r = realloc(s->rows, cap * sizeof *r);
        if (!r)
            return false;
        s->rows = r;
        s->cap = cap;
    }
    char *t = malloc(n + 1);
    if (!t)
        return false;
    memcpy(t, text, n);
    t[n] = '\0';
    s->rows[s->n++] = (train_row){ t, kind, holdout };
    return true;
}

/* Split CSV (RFC 4180: quoted fields may hold commas, newlines and "") into
 * records; calls row() with the fields of each record after the header. */
static bool csv_rows(char *buf, size_t len, bool (*row)(train_source *, char **, int, void *),
                     train_source *s, void *arg)
{
    char *f[128];
    int nf = 0;
    bool header = true;
    char *out = buf, *start = buf;
    for (size_t i = 0; i <= len;) {
        if (i < len && buf[i] == '"') {
            for (i++; i < len; i++) {
                if (buf[i] == '"' && i + 1 < len && buf[i + 1] == '"') {
                    *out++ = '"';
                    i++;
                } else if (buf[i] == '"') {
                    i++;
                    break;
                } else {
                    *out++ = buf[i];
                }
            }
            continue;
        }
        if (i == len || buf[i] == ',' || buf[i] == '\n') {
            char c = i < len ? buf[i] : '\n';
            *out = '\0';
            if (nf < 128)
                f[nf++] = start;
            out = start = buf + i + 1;
            i++;
            if (c == '\n') {
                if (nf > 0 && (nf > 1 || *f[0])) {
                    char *last = f[nf - 1];
                    size_t l = strlen(last);
                    if (l && last[l - 1] == '\r')
                        last[l - 1] = '\0';
                    if (!header && !row(s, f, nf, arg))
                        return false;
                    header = false;
                }
                nf = 0;
            }
            continue;
        }
        *out++ = buf[i++];
    }
    return true;
}

typedef struct nhs_cols {
    int text, sentiment;
} nhs_cols;

static bool nhs_row(train_source *s, char **f, int nf, void *arg)
{
    const nhs_cols *c = arg;
    if (nf <= c->text || nf <= c->sentiment)
        return true;
    return add(s, f[c->text], strlen(f[c->text]), map_nhs(f[c->sentiment]), false);
}

static bool banking_row(train_source *s, char **f, int nf, void *arg)
{
    (void)arg;
    return nf < 2 || add(s, f[0], strlen(f[0]), map_banking(f[nf - 1]), false);
}

/* Lines of TEXT<TAB>LABEL (uci, goemotions) or ID<TAB>VALENCE<TAB>TEXT (vader). */
static bool tab_lines(train_source *s, char *buf, size_t len, int form)
{
    bool first = true;
    for (char *line = buf; line < buf + len;) {
        char *nl = memchr(line, '\n', (size_t)(buf + len - line));
        char *end = nl ? nl : buf + len;
        *end = '\0';
        if (end > line && end[-1] == '\r')
            end[-1] = '\0';
        char *tab = strchr(line, '\t');
        if (form == 0 && tab) { /* uci: text, label */
            *tab = '\0';
            char *label = tab + 1;
            while (*label == ' ' || *label == '\t')
                label++;
            if (!add(s, line, strlen(line), map_uci(label), false))
                return false;
        } else if (form == 1 && tab && !first) { /* goemotions: text, label (header) */
            *tab = '\0';
            if (!add(s, line, strlen(line), map_goemotions(tab + 1), false))
                return false;
        } else if (form == 2 && tab) { /* vader: id, valence, text */
            char *tab2 = strchr(tab + 1, '\t');
            double v;
            if (tab2 && ukc__parse_decimal(tab + 1, (size_t)(tab2 - tab - 1), &v) &&
                !add(s, tab2 + 1, strlen(tab2 + 1), map_vader(v), false))
                return false;
        }
        first = false;
        line = end + 1;
    }
    return true;
}

static int load_corpus(train_source *s, const char *root)
{
    char path[4096];
    corpus c = { 0 };
    snprintf(path, sizeof path, "%s/tests/data/feedback", root);
    int rc = corpus_load(&c, path);
    /* The corpus's own labels are the five kinds; its holdout split is kept for
     * the in-corpus figure and never fitted on. */
    for (size_t i = 0; !rc && i < c.n; i++)
        if (!add(s, c.rows[i].text, strlen(c.rows[i].text), (int)c.rows[i].kind,
                 c.rows[i].split == SPLIT_HOLDOUT))
            rc = 1;
    corpus_free(&c);
    return rc;
}

static int load_nhs(train_source *s, const char *root)
{
    size_t len;
    char *buf = slurp(root, "tests/data/sources/nhs-fft-v6/v6framework_230831.csv", &len);
    if (!buf)
        return 1;
    /* the header names the columns: find them rather than trust their places */
    nhs_cols c = { -1, -1 };
    char *nl = strchr(buf, '\n');
    int col = 0;
    for (char *p = buf; nl && p < nl; col++) {
        char *e = p;
        bool q = *p == '"';
        if (q)
            e = strchr(p + 1, '"') + 1;
        while (e < nl && *e != ',')
            e++;
        size_t n = (size_t)(e - p);
        if (n >= 10 && !strncmp(p, "FFT answer", 10))
            c.text = col;
        if (n >= 17 && !strncmp(p, "Comment sentiment", 17))
            c.sentiment = col;
        p = e + 1;
    }
    bool ok = c.text >= 0 && c.sentiment >= 0 && csv_rows(buf, len, nhs_row, s, &c);
    free(buf);
    return !ok;
}

static int load_lines(train_source *s, const char *root, const char *const *files, int form)
{
    for (size_t i = 0; files[i]; i++) {
        size_t len;
        char *buf = slurp(root, files[i], &len);
        bool ok = buf && tab_lines(s, buf, len, form);
        free(buf);
        if (!ok)
            return 1;
    }
    return 0;
}

static int load_banking(train_source *s, const char *root)
{
    size_t len;
    char *buf = slurp(root, "tests/data/sources/banking77/train.csv", &len);
    bool ok = buf && csv_rows(buf, len, banking_row, s, NULL);
    free(buf);
    return !ok;
}

static int load_clinc(train_source *s, const char *root)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/sources/clinc150/data_full.json", root);
    json_error_t err;
    json_t *j = json_load_file(path, 0, &err);
    if (!j) {
        fprintf(stderr, "train: %s:%d: %s\n", path, err.line, err.text);
        return 1;
    }
    /* the training part only, in scope; the out-of-scope queries map to nothing */
    json_t *train = json_object_get(j, "train");
    size_t i;
    json_t *v;
    int rc = 0;
    json_array_foreach(train, i, v) {
        const char *text = json_string_value(json_array_get(v, 0));
        const char *intent = json_string_value(json_array_get(v, 1));
        if (text && intent && !add(s, text, strlen(text), map_clinc(intent), false))
            rc = 1;
    }
    json_decref(j);
    return rc;
}

int train_load(train_source src[SRC_COUNT], const char *root)
{
    static const char *const uci[] = { "tests/data/sources/uci-sentiment/amazon_cells_labelled.txt",
                                       "tests/data/sources/uci-sentiment/yelp_labelled.txt",
                                       "tests/data/sources/uci-sentiment/imdb_labelled.txt", NULL };
    static const char *const vader[] = {
        "tests/data/sources/vader/tweets_GroundTruth.txt",
        "tests/data/sources/vader/amazonReviewSnippets_GroundTruth.txt",
        "tests/data/sources/vader/movieReviewSnippets_GroundTruth.txt",
        "tests/data/sources/vader/nytEditorialSnippets_GroundTruth.txt", NULL
    };
    static const char *const goemotions[] = { "tests/data/sources/goemotions/train.tsv", NULL };
    /* Weights: the corpus, the only council feedback and the only source with
     * routes, weighs as much as four others; each other genre the same. */
    static const struct {
        const char *name, *what;
        double weight;
    } info[SRC_COUNT] = {
        { "corpus", "council feedback written for this project (tests/data/feedback)", 4.0 },
        { "nhs-fft", "NHS Friends and Family Test answers", 1.0 },
        { "uci", "Amazon, Yelp and IMDb review sentences", 1.0 },
        { "vader", "rated tweets, review and editorial snippets", 1.0 },
        { "banking77", "customers' messages to a bank", 1.0 },
        { "clinc150", "requests to a virtual assistant", 1.0 },
        { "goemotions", "Reddit comments labelled with an emotion", 1.0 },
    };
    memset(src, 0, SRC_COUNT * sizeof *src);
    for (int i = 0; i < SRC_COUNT; i++) {
        src[i].name = info[i].name;
        src[i].what = info[i].what;
        src[i].weight = info[i].weight;
    }
    int rc = load_corpus(&src[SRC_CORPUS], root);
    rc |= load_nhs(&src[SRC_NHS], root);
    rc |= load_lines(&src[SRC_UCI], root, uci, 0);
    rc |= load_lines(&src[SRC_VADER], root, vader, 2);
    rc |= load_banking(&src[SRC_BANKING], root);
    rc |= load_clinc(&src[SRC_CLINC], root);
    rc |= load_lines(&src[SRC_GOEMOTIONS], root, goemotions, 1);
    return rc;
}

void train_free(train_source src[SRC_COUNT])
{
    for (int i = 0; i < SRC_COUNT; i++) {
        for (size_t j = 0; j < src[i].n; j++)
            free(src[i].rows[j].text);
        free(src[i].rows);
        src[i].rows = NULL;
        src[i].n = src[i].cap = 0;
    }
}
