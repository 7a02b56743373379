/* Classifying a message: checking the input, then words, cues, evidence and the
 * decision. */
#include <string.h>

#include "util.h"
#include "classify_internal.h"
#include "error_internal.h"

/* VADER turns a negated word's valence by this factor. */
#define VALENCE_NEGATED (-0.74)

ukc_status ukc__classify_oom(void)
{
    return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory classifying text");
}

static ukc_status check_options(const ukc_classify_options *o)
{
    if (o->version == 0 || o->version > UKC_CLASSIFY_OPTIONS_VERSION)
        return ukc__fail(UKC_ERR_VERSION, "classify options version %u (this library knows %u)",
                         o->version, UKC_CLASSIFY_OPTIONS_VERSION);
    if (o->max_length > UKC_CLASSIFY_MAX_LENGTH)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "max_length %zu exceeds %zu", o->max_length,
                         UKC_CLASSIFY_MAX_LENGTH);
    if (!(o->route_threshold >= 0.0 && o->route_threshold <= 1e6))
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "route_threshold must be 0 or positive");
    return UKC_OK;
}

/* The words' valence, as VADER gives it, into the tally. Two kinds of words say
 * something else than their valence:
 * - the words of an accepted sarcastic cue say the opposite of what they seem to
 *   ("thanks for nothing", "oh great, another week"): their positive valence
 *   counts as negative;
 * - in a message that reads as a matter with its own route (its best route
 *   scores at least the default threshold), that route's cue words name the
 *   matter ("racist abuse", "a hate crime"), not the writer's view of the
 *   service: their valence is not counted. Below the threshold a route cue's
 *   word ("rude") is the writer's view like any other. */
static void tally_valence(const ukc_lexicon *lex, const ukc_matches *ms, const ukc_tokens *t,
                          uint8_t *flags, const int32_t *neg_by, const uint32_t *hash,
                          ukc_tally *ta)
{
    size_t best = ukc__best_route(ta);
    bool routed = ta->route[best] >= UKC__DEFAULT_ROUTE_THRESHOLD;
    for (size_t k = 0; k < ms->n; k++) {
        const ukc_lex_pattern *p = &lex->patterns[ms->m[k].pattern];
        uint8_t bit = p->cat == UKC_CUE_SARCASM                             ? TF_SARCASTIC
                      : routed && p->cat == UKC_CUE_ROUTE && p->route == best ? TF_MATTER
                                                                            : 0;
        if (ms->m[k].accepted && bit)
            for (uint32_t i = ms->m[k].first; i <= ms->m[k].last && i < t->n; i++)
                flags[i] |= bit;
    }
    for (size_t i = 0; i < t->n; i++) {
        double v = ukc__valence_hashed(lex, t->norm + t->tok[i].norm, t->tok[i].nlen, hash[i]);
        if (neg_by[i] >= 0)
            v *= VALENCE_NEGATED;
        if (v > 0 && (flags[i] & TF_SARCASTIC))
            v = -v;
        if (flags[i] & TF_MATTER)
            v = 0;
        if (v > 0)
            ta->valence_pos += v;
        else
            ta->valence_neg -= v;
        ta->question |= t->tok[i].question;
    }
}

/* Emoticons (":(", ";-)", "<3") are punctuation to the word breaker, so no
 * word carries them; VADER rates them like words. A chunk of the text between
 * spaces counts when it holds an emoticon's eyes or heart and VADER rates it as it
 * stands. Digits and brackets alone ("(see 8)") never count. */
static void tally_emoticons(const ukc_lexicon *lex, const char *text, size_t len, ukc_tally *ta)
{
    for (size_t i = 0; i < len;) {
        while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
            i++;
        size_t s = i;
        bool eyes = false, ascii = true;
        while (i < len && text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r') {
            eyes |= text[i] == ':' || text[i] == ';' || text[i] == '=' || text[i] == '<';
            ascii &= (unsigned char)text[i] < 0x80;
            i++;
        }
        if (!eyes || !ascii || i - s < 2 || i - s > 8)
            continue;
        double v = ukc__valence(lex, text + s, i - s);
        if (v > 0)
            ta->valence_pos += v;
        else
            ta->valence_neg -= v;
    }
}

/* The opening words of a sentence that asks, when no question mark says so:
 * text typed in a hurry ("when is my meeting with dan", "can you tell me my
 * balance") asks as much as text with one. A question word asks when the next
 * word cannot start a clause of another kind ("when I arrived, ..." tells, "what
 * a lovely nurse" exclaims); an auxiliary asks when a subject follows it ("can
 * you", "is there"; "was seen quickly" and "had to wait" tell). */
static bool in_list(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && !memcmp(*list, w, n))
            return true;
    return false;
}

static bool asks(const ukc_tokens *t, size_t i)
{
    static const char *const always[] = { "why", "who", "whom", "whose", "what's", "where's",
                                          "when's", "who's", "how's", "whats", "wheres",
                                          "hows", NULL };
    static const char *const wh[] = { "what", "when", "where", "which", "how", NULL };
    static const char *const aux[] = { "is", "are", "am", "do", "does", "did", "can", "could",
                                       "will", "would", "should", "shall", "may", "isn't",
                                       "aren't", "doesn't", "didn't", "can't", "won't", NULL };
    /* after a question word: an auxiliary, or a word that makes it a question */
    static const char *const wh_next[] = { "long", "much", "many", "often", "soon", "far",
                                           "time", "day", "date", "about", "else", "happened",
                                           "to", "if", "kind", "sort", "type", "exactly", NULL };
    static const char *const subject[] = {
        "i", "you", "we", "they", "he", "she", "it", "there", "this", "that", "these", "those",
        "my", "your", "our", "their", "his", "her", "its", "the", "a", "an", "any", "anyone",
        "anybody", "someone", "somebody", "u", "ya", "y'all", NULL
    };
    const char *w = t->norm + t->tok[i].norm;
    size_t n = t->tok[i].nlen;
    bool next = i + 1 < t->n && t->tok[i + 1].sentence == t->tok[i].sentence;
    const char *w2 = next ? t->norm + t->tok[i + 1].norm : "";
    size_t n2 = next ? t->tok[i + 1].nlen : 0;
    if (in_list(w, n, always))
        return true;
    if (in_list(w, n, wh))
        return next && (in_list(w2, n2, aux) || in_list(w2, n2, wh_next) ||
                        (n2 == 3 && !memcmp(w2, "was", 3)) || (n2 == 4 && !memcmp(w2, "were", 4)));
    return next && in_list(w, n, aux) && in_list(w2, n2, subject);
}

/* Mark the words of each sentence that asks without a question mark as a
 * question's, for the model's features only: the cues were matched before. */
static void mark_asking(ukc_tokens *t, ukc_tally *ta)
{
    for (size_t i = 0; i < t->n;) {
        size_t e = i + 1;
        while (e < t->n && t->tok[e].sentence == t->tok[i].sentence)
            e++;
        if (!t->tok[i].question && asks(t, i)) {
            for (size_t k = i; k < e; k++)
                t->tok[k].question = true;
            ta->question = true;
        }
        i = e;
    }
}

/* Mark the words a negation word reaches (the scope of ukc__apply_negation), and
 * the words of an accepted sarcastic cue, for the model's word features: "never
 * called back" must not read as "called back", nor "Thanks for nothing" as thanks.
 * Unlike a cue's negation, a trigger inside a cue counts here ("never called" is a
 * cue, and "back" is still negated); a pseudo-negation ("no doubt") does not. */
static void mark_negated(const ukc_lexicon *lex, const ukc_matches *ms, ukc_tokens *t,
                         const uint8_t *flags)
{
    for (size_t k = 0; k < ms->n; k++) {
        const ukc_match *m = &ms->m[k];
        if (lex->patterns[m->pattern].cat != UKC_CUE_NEGATION || (flags[m->first] & TF_PSEUDO))
            continue;
        uint32_t sentence = t->tok[m->first].sentence;
        for (size_t i = (size_t)m->last + 1;
             i < t->n && i <= (size_t)m->last + UKC__NEGATION_WINDOW &&
             t->tok[i].sentence == sentence && !(flags[i] & TF_TERMINATOR) &&
             !t->tok[i].clause_start;
             i++)
            t->tok[i].negated = true;
    }
    for (size_t i = 0; i < t->n; i++) /* sarcasm says the opposite of its words */
        t->tok[i].negated |= (flags[i] & TF_SARCASTIC) != 0;
}

/* Everything up to the decision: words (into t, which the caller frees or
 * reuses), cues, negation, evidence and scores, in the thread's scratch. The
 * caller frees c. */
static ukc_status analyse(const ukc_lexicon *lex, const char *text, size_t len,
                          ukc_tokens *t, ukc_classification *c, ukc_tally *ta,
                          ukc_scratch *sc)
{
    ukc_matches *ms = &sc->ms;
    ms->n = 0;
    ukc_status st = ukc__tokenise_into(lex, text, len, t);
    if (st)
        return st;
    size_t n = t->n ? t->n : 1;
    uint8_t *flags = ukc__scratch(sc, UKC__SCRATCH_FLAGS, n);
    int32_t *neg_by = ukc__scratch(sc, UKC__SCRATCH_NEG, n * sizeof *neg_by);
    float *emphasis = ukc__scratch(sc, UKC__SCRATCH_EMPHASIS, n * sizeof *emphasis);
    uint32_t *hash = ukc__scratch(sc, UKC__SCRATCH_HASH, n * sizeof *hash);
    if (!flags || !neg_by || !emphasis || !hash)
        return ukc__classify_oom();
    memset(flags, 0, n);
    if (!ukc__find_matches(lex, t, ms, hash, sc) || !ukc__resolve_overlaps(lex, ms, flags, sc))
        return ukc__classify_oom();
    ukc__apply_negation(lex, ms, t, flags, neg_by);
    ukc__compute_emphasis(lex, ms, t, emphasis);
    if ((st = ukc__build_evidence(lex, ms, t, emphasis, text, c, ta, sc)))
        return st;
    tally_valence(lex, ms, t, flags, neg_by, hash, ta);
    tally_emoticons(lex, text, len, ta);
    mark_negated(lex, ms, t, flags); /* after the tally, which marks sarcasm */
    mark_asking(t, ta);
    c->nsentences = t->nsentences;
    return UKC_OK;
}

static ukc_status classify(const ukc_lexicon *lex, const ukc_model *model, const char *text,
                           size_t len, const ukc_classify_options *o, ukc_classification **out)
{
    ukc_tally ta;
    memset(&ta, 0, sizeof ta);
    bool own;
    ukc_scratch *sc = ukc__scratch_begin(&own);
    ukc_classification *c = sc ? ukc__calloc(1, sizeof *c) : NULL;
    ukc_status st = c ? analyse(lex, text, len, &sc->t, c, &ta, sc) : ukc__classify_oom();
    if (!st && !ukc__decide(c, &ta, &sc->t, text, model, o, sc))
        st = ukc__classify_oom();
    if (!st) {
        *out = c;
        c = NULL;
    }
    ukc__classification_destroy(c);
    ukc__scratch_end(sc, own);
    return st;
}

ukc_status ukc__classify_features(const char *text, size_t len, double *x, ukc_tokens *t,
                                  ukc_hfeats *f)
{
    memset(t, 0, sizeof *t);
    memset(f, 0, sizeof *f);
    size_t bad;
    if (!ukc__utf8_valid(text, len, &bad))
        return ukc__fail(UKC_ERR_INVALID_UTF8, "invalid UTF-8 or a NUL byte at byte %zu", bad);
    const ukc_lexicon *lex;
    ukc_status st = ukc__lexicon_builtin(&lex);
    if (st)
        return st;
    ukc_tally ta;
    memset(&ta, 0, sizeof ta);
    bool own;
    ukc_scratch *sc = ukc__scratch_begin(&own);
    ukc_classification *c = sc ? ukc__calloc(1, sizeof *c) : NULL;
    st = c ? analyse(lex, text, len, t, c, &ta, sc) : ukc__classify_oom();
    if (!st) {
        ukc_classify_options o = UKC_CLASSIFY_OPTIONS_INIT;
        ukc__decide_by_cues(c, &ta, t->n, &o);
        ukc__dense_features(&ta, t, c->kind, x);
        if (!ukc__model_hashed(t, f))
            st = ukc__classify_oom();
    }
    ukc__classification_destroy(c);
    ukc__scratch_end(sc, own);
    return st;
}

/* ------------------------------------------------------------------ public API */

ukc_status ukc_classify_options_init(ukc_classify_options *opts, unsigned int version)
{
    ukc__error_reset();
    if (!opts)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "opts is NULL");
    if (version == 0 || version > UKC_CLASSIFY_OPTIONS_VERSION)
        return ukc__fail(UKC_ERR_VERSION, "classify options version %u (this library knows %u)",
                         version, UKC_CLASSIFY_OPTIONS_VERSION);
    *opts = (ukc_classify_options)UKC_CLASSIFY_OPTIONS_INIT;
    return UKC_OK;
}

ukc_status ukc_classify_text(const char *text, size_t len, const ukc_classify_options *opts,
                             ukc_classification **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "out is NULL");
    if (!text && len)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "text is NULL with a length of %zu", len);
    ukc_classify_options defaults = UKC_CLASSIFY_OPTIONS_INIT;
    const ukc_classify_options *o = opts ? opts : &defaults;
    ukc_status st = check_options(o);
    if (st)
        return st;
    size_t max = o->max_length ? o->max_length : UKC_CLASSIFY_MAX_LENGTH;
    if (len > max)
        return ukc__fail(UKC_ERR_TOO_LONG, "text of %zu bytes exceeds the maximum of %zu", len,
                         max);
    size_t bad;
    if (!ukc__utf8_valid(text, len, &bad)) {
        st = ukc__fail(UKC_ERR_INVALID_UTF8,
                       text[bad] ? "invalid UTF-8 at byte %zu" : "a NUL byte at byte %zu", bad);
        ukc__error_position(0, 0, (int64_t)bad);
        return st;
    }
    const ukc_lexicon *lex;
    const ukc_model *model;
    if ((st = ukc__lexicon_builtin(&lex)) || (st = ukc__model_builtin(&model)))
        return st;
    return classify(lex, model, text, len, o, out);
}
