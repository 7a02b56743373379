/* Each thread's working memory for classifying: the arrays a message needs
 * (its words, cues, flags, n-grams and their sums), kept for the thread's next
 * message, so that classifying a message allocates little beyond its answer. A
 * thread's exit frees them (a key's destructor); an array that a long message
 * grew past SCRATCH_KEEP bytes is freed after that message. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "classify_internal.h"

/* The most bytes an array keeps between messages. */
#define SCRATCH_KEEP ((size_t)1 << 16)

static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;
static bool scratch_keyed;

static void scratch_free(ukc_scratch *s)
{
    if (!s)
        return;
    ukc__tokens_free(&s->t);
    ukc__free(s->ms.m);
    for (size_t i = 0; i < UKC__SCRATCH_COUNT; i++)
        ukc__free(s->buf[i]);
    ukc__free(s->bucket_key);
    ukc__model_words_free(s->words);
    ukc__lex_memo_free(s->lexwords);
    ukc__free(s);
}

static void scratch_destroy(void *p)
{
    scratch_free(p);
}

static void scratch_init(void)
{
    scratch_keyed = pthread_key_create(&scratch_key, scratch_destroy) == 0;
}

ukc_scratch *ukc__scratch_begin(bool *own)
{
    pthread_once(&scratch_once, scratch_init);
    ukc_scratch *s = scratch_keyed ? pthread_getspecific(scratch_key) : NULL;
    *own = false;
    if (s)
        return s;
    if (!(s = ukc__calloc(1, sizeof *s)))
        return NULL;
    if (!scratch_keyed || pthread_setspecific(scratch_key, s) != 0)
        *own = true; /* used for this message only */
    return s;
}

void ukc__scratch_end(ukc_scratch *s, bool own)
{
    if (!s)
        return;
    if (own) {
        scratch_free(s);
        return;
    }
    if (s->t.cap * sizeof *s->t.tok > SCRATCH_KEEP || s->t.norm_cap > SCRATCH_KEEP)
        ukc__tokens_free(&s->t);
    if (s->ms.cap * sizeof *s->ms.m > SCRATCH_KEEP) {
        ukc__free(s->ms.m);
        s->ms = (ukc_matches){ 0 };
    }
    if (s->bucket_cap * 2 * sizeof *s->bucket_key > SCRATCH_KEEP) {
        ukc__free(s->bucket_key);
        s->bucket_key = NULL;
        s->bucket_cap = 0;
    }
    for (size_t i = 0; i < UKC__SCRATCH_COUNT; i++)
        if (s->cap[i] > SCRATCH_KEEP) {
            ukc__free(s->buf[i]);
            s->buf[i] = NULL;
            s->cap[i] = 0;
        }
}

void *ukc__scratch(ukc_scratch *s, unsigned which, size_t bytes)
{
    if (!ukc__grow(&s->buf[which], &s->cap[which], bytes ? bytes : 1, 1, 256))
        return NULL;
    return s->buf[which];
}

bool ukc__scratch_buckets(ukc_scratch *s, size_t n)
{
    const uint32_t stamps = UINT32_MAX >> UKC__MODEL_BITS; /* the largest stamp */
    if (n > s->bucket_cap) {
        size_t cap = s->bucket_cap ? s->bucket_cap : 256;
        while (cap < n)
            if ((cap *= 2) > SIZE_MAX / (2 * sizeof *s->bucket_key))
                return false;
        uint32_t *key = ukc__malloc(2 * cap * sizeof *key);
        if (!key)
            return false;
        ukc__free(s->bucket_key);
        s->bucket_key = key;
        s->bucket_cap = cap;
        s->bucket_stamp = stamps; /* cleared below */
    }
    if (s->bucket_stamp == stamps) {
        memset(s->bucket_key, 0, s->bucket_cap * sizeof *s->bucket_key);
        s->bucket_stamp = 0;
    }
    s->bucket_stamp++;
    return true;
}
