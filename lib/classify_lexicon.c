/* The classifier's lexicon: parsing lib/data/lexicon.tsv into patterns and a
 * first-word index, once, shared read-only by every call. */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "classify_internal.h"
#include "error_internal.h"

/* The embedded lexicon (generated into lexicon_data.c by tools/embed.py). */
extern const unsigned char ukc__lexicon_tsv[];
extern const size_t ukc__lexicon_tsv_len;
extern const unsigned char ukc__valence_tsv[];
extern const size_t ukc__valence_tsv_len;

const char *const ukc__routes[] = {
    "foi",    "subject-access", "councillor-conduct", "appeal",       "hate-crime",
    "school", "staff-grievance", "insurance-claim",   "safeguarding", "data-breach",
    "legal-proceedings", "housing-provider",
};
const size_t ukc__route_count = sizeof ukc__routes / sizeof ukc__routes[0];

/* Each route's evidence ID, in the order of ukc__routes: the first ten are
 * consecutive, the later ones were appended to group C after them. */
const ukc_id ukc__route_ids[] = {
    UKC_C010_ROUTE_FOI,           UKC_C011_ROUTE_SUBJECT_ACCESS,   UKC_C012_ROUTE_COUNCILLOR_CONDUCT,
    UKC_C013_ROUTE_APPEAL,        UKC_C014_ROUTE_HATE_CRIME,       UKC_C015_ROUTE_SCHOOL,
    UKC_C016_ROUTE_STAFF_GRIEVANCE, UKC_C017_ROUTE_INSURANCE_CLAIM, UKC_C018_ROUTE_SAFEGUARDING,
    UKC_C019_ROUTE_DATA_BREACH,   UKC_C060_ROUTE_LEGAL_PROCEEDINGS, UKC_C061_ROUTE_HOUSING_PROVIDER,
};
_Static_assert(sizeof ukc__route_ids / sizeof ukc__route_ids[0] ==
                   sizeof ukc__routes / sizeof ukc__routes[0],
               "every route has its evidence ID");
_Static_assert(sizeof ukc__routes / sizeof ukc__routes[0] <=
                   sizeof ((ukc_tally *)0)->route / sizeof ((ukc_tally *)0)->route[0],
               "the tally has a score for every route");

static const char *const cat_names[UKC_CUE_CAT_COUNT] = {
    "dissatisfaction", "breached-expectation", "sarcasm", "praise", "thanks", "suggestion",
    "opinion", "service-request", "declared-complaint", "route:", "area:", "negation", "pseudo-negation", "terminator",
    "not-route", "stake", "neutral",
};

#define MAX_MACROS 64
#define MAX_WORD 128
#define GAP_WORDS 3

typedef struct macro {
    const char *name, *alts; /* into the lexicon text */
    size_t name_len, alts_len;
} macro;

typedef struct builder {
    ukc_lexicon *lex;
    size_t cap_patterns, cap_slots, cap_alts;
    macro macros[MAX_MACROS];
    size_t nmacros;
    unsigned line;
} builder;

static ukc_status line_fail(const builder *b, const char *what, const char *s, size_t n)
{
    ukc_status st = ukc__fail(UKC_ERR_INVALID_DATA, "lexicon line %u: %s '%.*s'", b->line, what,
                              (int)(n > 80 ? 80 : n), s);
    ukc__error_position((int32_t)b->line, 0, -1);
    return st;
}

static ukc_status oom(void)
{
    return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory reading the classifier lexicon");
}

/* Room for item n of an array of the builder's. */
static bool grow(void **p, size_t *cap, uint32_t n, size_t size)
{
    return ukc__grow(p, cap, (size_t)n + 1, size, 64);
}

/* Append bytes and a NUL to the pool; returns the offset, or UINT32_MAX. */
static uint32_t pool_add(ukc_lexicon *lex, const char *s, size_t n)
{
    if (!ukc__grow((void **)&lex->pool, &lex->pool_cap, lex->pool_len + n + 1, 1, 4096))
        return UINT32_MAX;
    uint32_t off = (uint32_t)lex->pool_len;
    memcpy(lex->pool + off, s, n);
    lex->pool[off + n] = '\0';
    lex->pool_len += n + 1;
    return off;
}

/* Parse one alternative (a word or stem*) and append it. */
static ukc_status add_alt(builder *b, const char *s, size_t n)
{
    ukc_lexicon *lex = b->lex;
    bool prefix = n > 1 && s[n - 1] == '*';
    char buf[MAX_WORD];
    size_t len = ukc__normalise_word(lex->nfkc_cf, s, prefix ? n - 1 : n, buf, sizeof buf);
    if (len == 0)
        return line_fail(b, "empty or unnormalisable word", s, n);
    for (size_t i = 0; i < len; i++) {
        char c = buf[i];
        if (c == ' ' || c == '-' || c == '*' || c == '?' || c == '@' ||
            (c == '\'' && !(len == 2 && buf[1] == 's')))
            return line_fail(b, "a word the tokeniser never produces (write contractions "
                                "split, no hyphens)",
                             s, n);
    }
    if (!grow((void **)&lex->alts, &b->cap_alts, lex->nalts, sizeof *lex->alts))
        return oom();
    uint32_t off = pool_add(lex, buf, len);
    if (off == UINT32_MAX)
        return oom();
    ukc_lex_alt *a = &lex->alts[lex->nalts++];
    a->word = NULL;
    a->len = (uint32_t)len;
    a->prefix = prefix;
    /* Offsets until the pool stops moving; resolved in finish(). */
    a->word = (const char *)(uintptr_t)off;
    return UKC_OK;
}

static const macro *find_macro(const builder *b, const char *s, size_t n)
{
    for (size_t i = 0; i < b->nmacros; i++)
        if (b->macros[i].name_len == n && memcmp(b->macros[i].name, s, n) == 0)
            return &b->macros[i];
    return NULL;
}

/* Add the '|'-separated alternatives; an alternative @name adds a macro's. */
static ukc_status add_alts(builder *b, const char *tok, size_t tn, bool expand)
{
    size_t i = 0;
    while (i <= tn) {
        size_t j = i;
        while (j < tn && tok[j] != '|')
            j++;
        ukc_status st;
        if (expand && j > i && tok[i] == '@') {
            const macro *m = find_macro(b, tok + i, j - i);
            if (!m)
                return line_fail(b, "undefined macro", tok + i, j - i);
            st = add_alts(b, m->alts, m->alts_len, false);
        } else {
            st = add_alt(b, tok + i, j - i);
        }
        if (st)
            return st;
        i = j + 1;
    }
    return UKC_OK;
}

/* first: the slot is the pattern's first, or follows a leading `^`. */
static ukc_status add_slot(builder *b, const char *s, size_t n, bool first, bool at_start)
{
    ukc_lexicon *lex = b->lex;
    if (!grow((void **)&lex->slots, &b->cap_slots, lex->nslots, sizeof *lex->slots))
        return oom();
    ukc_lex_slot slot = { UKC_SLOT_WORDS, false, lex->nalts, 0, 0 };
    const char *tok = s;
    size_t tn = n;
    if (n == 1 && s[0] == '^') {
        if (!at_start)
            return line_fail(b, "'^' may only start a pattern", s, n);
        slot.kind = UKC_SLOT_START;
        lex->slots[lex->nslots++] = slot;
        return UKC_OK;
    }
    if (n == 2 && s[0] == '$' && s[1] == '?') {
        if (first)
            return line_fail(b, "a pattern must start with a required word", s, n);
        slot.kind = UKC_SLOT_QUESTION;
        lex->slots[lex->nslots++] = slot;
        return UKC_OK;
    }
    if (tn > 1 && tok[tn - 1] == '?') {
        slot.optional = true;
        tn--;
    }
    if (tn == 1 && tok[0] == '*')
        slot.kind = UKC_SLOT_ANY;
    else if (tn == 2 && tok[0] == '.' && tok[1] == '.')
        slot.kind = UKC_SLOT_GAP;
    if (first && (slot.kind != UKC_SLOT_WORDS || slot.optional))
        return line_fail(b, "a pattern must start with a required word", s, n);
    if (slot.kind == UKC_SLOT_WORDS) {
        ukc_status st = add_alts(b, tok, tn, true);
        if (st)
            return st;
    }
    slot.nalt = lex->nalts - slot.alt;
    lex->slots[lex->nslots++] = slot;
    return UKC_OK;
}

static ukc_status parse_category(builder *b, const char *s, size_t n, ukc_lex_pattern *p)
{
    for (int c = 0; c < UKC_CUE_CAT_COUNT; c++) {
        size_t cn = strlen(cat_names[c]);
        bool prefixed = cat_names[c][cn - 1] == ':';
        if (prefixed ? (n > cn && memcmp(s, cat_names[c], cn) == 0)
                     : (n == cn && memcmp(s, cat_names[c], cn) == 0)) {
            p->cat = (ukc_cue_cat)c;
            if (!prefixed)
                return UKC_OK;
            if (c == UKC_CUE_ROUTE) {
                size_t r = 0;
                while (r < ukc__route_count &&
                       !(strlen(ukc__routes[r]) == n - cn &&
                         memcmp(ukc__routes[r], s + cn, n - cn) == 0))
                    r++;
                if (r == ukc__route_count)
                    return line_fail(b, "unknown route", s, n);
                p->route = (uint8_t)r;
            }
            uint32_t off = pool_add(b->lex, s + cn, n - cn);
            if (off == UINT32_MAX)
                return oom();
            p->detail = (const char *)(uintptr_t)off;
            return UKC_OK;
        }
    }
    return line_fail(b, "unknown category", s, n);
}

bool ukc__parse_decimal(const char *s, size_t n, double *out)
{
    size_t i = 0;
    bool minus = false, digits = false;
    uint64_t mant = 0;
    int scale = 0; /* the value is mant * 10^scale */
    if (i < n && (s[i] == '+' || s[i] == '-'))
        minus = s[i++] == '-';
    for (bool frac = false; i < n; i++) {
        if (s[i] == '.' && !frac) {
            frac = true;
        } else if (s[i] >= '0' && s[i] <= '9') {
            digits = true;
            if (mant < UINT64_C(100000000000000000)) {
                mant = mant * 10 + (uint64_t)(s[i] - '0');
                scale -= frac;
            } else {
                scale += !frac; /* a digit beyond the precision kept */
            }
        } else {
            break;
        }
    }
    if (!digits)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        bool eminus = false, edigits = false;
        int e = 0;
        if (++i < n && (s[i] == '+' || s[i] == '-'))
            eminus = s[i++] == '-';
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
            edigits = true;
            if (e < 10000)
                e = e * 10 + (s[i] - '0');
        }
        if (!edigits)
            return false;
        scale += eminus ? -e : e;
    }
    if (i != n)
        return false;
    /* Both factors are exact below 2^53 and 1e22, so the one rounding is correct. */
    double v = (double)mant, p = 1.0;
    int a = scale < 0 ? -scale : scale;
    for (int k = 0; k < a && k < 400; k++)
        p *= 10.0;
    v = scale < 0 ? v / p : v * p;
    if (!isfinite(v))
        return false;
    *out = minus ? -v : v;
    return true;
}

static ukc_status parse_weight(builder *b, const char *s, size_t n, double *out)
{
    double w;
    if (!ukc__parse_decimal(s, n, &w) || !(w > 0.0 && w <= 10.0))
        return line_fail(b, "bad weight (0 < weight <= 10)", s, n);
    *out = w;
    return UKC_OK;
}

static ukc_status parse_row(builder *b, const char *f[3], const size_t fn[3])
{
    ukc_lexicon *lex = b->lex;
    if (f[0][0] == '@') {
        if (b->nmacros == MAX_MACROS)
            return line_fail(b, "too many macros", f[0], fn[0]);
        if (find_macro(b, f[0], fn[0]))
            return line_fail(b, "macro defined twice", f[0], fn[0]);
        b->macros[b->nmacros++] = (macro){ f[0], f[2], fn[0], fn[2] };
        return UKC_OK;
    }
    ukc_lex_pattern p = { 0 };
    p.detail = (const char *)(uintptr_t)UINT32_MAX;
    p.line = b->line;
    p.slot = lex->nslots;
    ukc_status st;
    if ((st = parse_category(b, f[0], fn[0], &p)) || (st = parse_weight(b, f[1], fn[1], &p.weight)))
        return st;
    uint32_t off = pool_add(lex, f[2], fn[2]);
    if (off == UINT32_MAX)
        return oom();
    p.text = (const char *)(uintptr_t)off;
    size_t i = 0;
    while (i < fn[2]) {
        while (i < fn[2] && f[2][i] == ' ')
            i++;
        size_t j = i;
        while (j < fn[2] && f[2][j] != ' ')
            j++;
        if (j > i) {
            uint32_t k = lex->nslots - p.slot;
            bool first = k == 0 || (k == 1 && lex->slots[p.slot].kind == UKC_SLOT_START);
            if (k > 0 && lex->slots[lex->nslots - 1].kind == UKC_SLOT_QUESTION)
                return line_fail(b, "'$?' may only end a pattern", f[2] + i, j - i);
            if ((st = add_slot(b, f[2] + i, j - i, first, k == 0)))
                return st;
        }
        i = j;
    }
    p.nslot = lex->nslots - p.slot;
    if (p.nslot == 0 || (p.nslot == 1 && lex->slots[p.slot].kind == UKC_SLOT_START))
        return line_fail(b, "empty pattern", f[2], fn[2]);
    if (lex->slots[lex->nslots - 1].kind == UKC_SLOT_GAP)
        return line_fail(b, "a pattern must not end with a gap", f[2], fn[2]);
    if (!grow((void **)&lex->patterns, &b->cap_patterns, lex->npatterns, sizeof p))
        return oom();
    lex->patterns[lex->npatterns++] = p;
    return UKC_OK;
}


typedef struct entry {
    const char *word;
    uint32_t len, pattern;
} entry;

static int cmp_entry(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->word, y->word, n);
    if (c)
        return c;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return (x->pattern > y->pattern) - (x->pattern < y->pattern);
}

/* The slot that holds a pattern's first word: its first, or its second after `^`. */
static const ukc_lex_slot *key_slot(const ukc_lexicon *lex, const ukc_lex_pattern *p)
{
    const ukc_lex_slot *s = &lex->slots[p->slot];
    return s->kind == UKC_SLOT_START ? s + 1 : s;
}

#define NO_PATTERN UINT32_MAX

/* Index the words (prefix == false) or stems (true) of every alternative, with the
 * patterns whose first slot holds each. */
static ukc_status build_index(ukc_lexicon *lex, bool prefix, ukc_lex_index *ix)
{
    size_t n = 0;
    for (uint32_t p = 0; p < lex->npatterns; p++) {
        const ukc_lex_slot *s = key_slot(lex, &lex->patterns[p]);
        for (uint32_t a = s->alt; a < s->alt + s->nalt; a++)
            n += lex->alts[a].prefix == prefix;
    }
    for (uint32_t a = 0; a < lex->nalts; a++)
        n += lex->alts[a].prefix == prefix;
    entry *e = ukc__malloc((n ? n : 1) * sizeof *e);
    ix->cands = ukc__malloc((n ? n : 1) * sizeof *ix->cands);
    ix->keys = ukc__malloc((n ? n : 1) * sizeof *ix->keys);
    ix->cap = 16;
    while (ix->cap < 2 * n)
        ix->cap *= 2;
    ix->heads = ukc__calloc(ix->cap, sizeof *ix->heads);
    if (!e || !ix->cands || !ix->keys || !ix->heads) {
        ukc__free(e);
        return oom();
    }
    n = 0;
    for (uint32_t p = 0; p < lex->npatterns; p++) {
        const ukc_lex_slot *s = key_slot(lex, &lex->patterns[p]);
        for (uint32_t a = s->alt; a < s->alt + s->nalt; a++)
            if (lex->alts[a].prefix == prefix) {
                e[n++] = (entry){ lex->alts[a].word, lex->alts[a].len, p };
                if (prefix && lex->alts[a].len < 64)
                    lex->stem_lengths |= (uint64_t)1 << lex->alts[a].len;
            }
    }
    /* every alternative is a key, first slot or not; NO_PATTERN sorts last */
    for (uint32_t a = 0; a < lex->nalts; a++)
        if (lex->alts[a].prefix == prefix) {
            e[n++] = (entry){ lex->alts[a].word, lex->alts[a].len, NO_PATTERN };
            if (prefix)
                lex->any_stem_lengths[lex->alts[a].len / 64 % 2] |= (uint64_t)1
                                                                    << lex->alts[a].len % 64;
        }
    qsort(e, n, sizeof *e, cmp_entry);
    size_t nids = 0;
    for (size_t i = 0; i < n; i++) {
        bool new_key = i == 0 || e[i].len != e[i - 1].len ||
                       memcmp(e[i].word, e[i - 1].word, e[i].len) != 0;
        if (new_key) {
            struct ukc_lex_key *k = &ix->keys[ix->nkeys];
            *k = (struct ukc_lex_key){ e[i].word, e[i].len, (uint32_t)nids, 0 };
            uint32_t hash = ukc__fnv(k->word, k->len), h = hash & (ix->cap - 1);
            while (ix->heads[h])
                h = (h + 1) & (ix->cap - 1);
            ix->heads[h] = (uint64_t)hash << 32 | ++ix->nkeys;
        }
        if (e[i].pattern == NO_PATTERN || (!new_key && e[i].pattern == e[i - 1].pattern))
            continue;
        ix->cands[nids++] = (ukc_lex_cand){ e[i].pattern, 0, 0, 0 };
        ix->keys[ix->nkeys - 1].count++;
    }
    ukc__free(e);
    return UKC_OK;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Give every alternative its ID (see ukc_lexicon) and sort each slot's IDs, so that
 * testing a word against a slot compares integers. */
static ukc_status intern_alts(ukc_lexicon *lex)
{
    lex->alt_ids = ukc__malloc((lex->nalts ? lex->nalts : 1) * sizeof *lex->alt_ids);
    if (!lex->alt_ids)
        return oom();
    for (uint32_t a = 0; a < lex->nalts; a++) {
        const ukc_lex_alt *alt = &lex->alts[a];
        const ukc_lex_index *ix = alt->prefix ? &lex->stems : &lex->exact;
        const struct ukc_lex_key *k =
            ukc__lex_find(ix, alt->word, alt->len, ukc__fnv(alt->word, alt->len));
        lex->alt_ids[a] = (uint32_t)(k - ix->keys) + (alt->prefix ? lex->exact.nkeys : 0);
    }
    for (uint32_t i = 0; i < lex->nslots; i++)
        if (lex->slots[i].nalt > 1)
            qsort(lex->alt_ids + lex->slots[i].alt, lex->slots[i].nalt, sizeof *lex->alt_ids,
                  cmp_u32);
    return UKC_OK;
}

/* Each slot's mask, and what each candidate of the indexes needs of the word after
 * its key: the slot after the key, when it must match that word. */
static void index_masks(ukc_lexicon *lex)
{
    for (uint32_t i = 0; i < lex->nslots; i++) {
        ukc_lex_slot *s = &lex->slots[i];
        s->mask = 0;
        for (uint32_t a = s->alt; s->kind == UKC_SLOT_WORDS && a < s->alt + s->nalt; a++)
            s->mask |= ukc__lex_id_bit(lex->alt_ids[a]);
    }
    ukc_lex_index *ix[2] = { &lex->exact, &lex->stems };
    for (int i = 0; i < 2; i++)
        for (uint32_t k = 0; k < ix[i]->nkeys; k++)
            for (uint32_t c = 0; c < ix[i]->keys[k].count; c++) {
                ukc_lex_cand *cd = &ix[i]->cands[ix[i]->keys[k].first + c];
                const ukc_lex_pattern *p = &lex->patterns[cd->pattern];
                const ukc_lex_slot *key = key_slot(lex, p), *end = &lex->slots[p->slot + p->nslot];
                cd->flags = key != &lex->slots[p->slot] ? UKC__CAND_START : 0;
                if (key + 1 < end && key[1].kind == UKC_SLOT_WORDS && !key[1].optional) {
                    cd->flags |= UKC__CAND_NEXT;
                    cd->next = key[1].mask;
                    if (key + 2 < end && key[2].kind == UKC_SLOT_WORDS && !key[2].optional) {
                        cd->flags |= UKC__CAND_NEXT2;
                        cd->next2 = key[2].mask;
                    }
                }
            }
}

/* The set of the hashes of every prefix of every stem (ukc__lex_stem_prefix). */
static ukc_status index_stem_prefixes(ukc_lexicon *lex)
{
    size_t n = 0;
    for (uint32_t a = 0; a < lex->nalts; a++)
        n += lex->alts[a].prefix ? lex->alts[a].len : 0;
    uint32_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    lex->stem_prefixes = ukc__calloc(cap, sizeof *lex->stem_prefixes);
    if (!lex->stem_prefixes)
        return oom();
    lex->stem_prefix_cap = cap;
    for (uint32_t a = 0; a < lex->nalts; a++) {
        const ukc_lex_alt *alt = &lex->alts[a];
        uint32_t h = UKC__FNV_START;
        for (uint32_t l = 0; alt->prefix && l < alt->len; l++) {
            h = ukc__fnv_byte(h, (unsigned char)alt->word[l]);
            uint32_t i = h & (cap - 1);
            while (lex->stem_prefixes[i] && lex->stem_prefixes[i] != (h | 1u))
                i = (i + 1) & (cap - 1);
            lex->stem_prefixes[i] = h | 1u;
        }
    }
    return UKC_OK;
}

/* Resolve pool offsets into pointers and build the indexes. */
static ukc_status finish(ukc_lexicon *lex)
{
    for (uint32_t i = 0; i < lex->nalts; i++)
        lex->alts[i].word = lex->pool + (uintptr_t)lex->alts[i].word;
    for (uint32_t i = 0; i < lex->npatterns; i++) {
        ukc_lex_pattern *p = &lex->patterns[i];
        p->text = lex->pool + (uintptr_t)p->text;
        uintptr_t d = (uintptr_t)p->detail;
        p->detail = d == UINT32_MAX ? "" : lex->pool + d;
    }
    ukc_status st = build_index(lex, false, &lex->exact);
    if (!st)
        st = build_index(lex, true, &lex->stems);
    if (!st)
        st = intern_alts(lex);
    if (!st)
        index_masks(lex);
    return st ? st : index_stem_prefixes(lex);
}

static ukc_status open_icu(ukc_lexicon *lex)
{
    UErrorCode err = U_ZERO_ERROR;
    lex->nfkc_cf = unorm2_getNFKCCasefoldInstance(&err);
    lex->words = ubrk_open(UBRK_WORD, "en_GB", NULL, 0, &err);
    lex->sentences = ubrk_open(UBRK_SENTENCE, "en_GB", NULL, 0, &err);
    for (UChar32 c = 0; c < 128; c++)
        if (ukc__symbol_char(c))
            lex->ascii_symbols[c / 64] |= (uint64_t)1 << (c % 64);
    for (UChar32 c = 0; c < 128; c++)
        if (ukc__sentence_stop(c))
            lex->ascii_stops[c / 64] |= (uint64_t)1 << (c % 64);
    if (U_FAILURE(err))
        return ukc__fail(UKC_ERR_INTERNAL, "ICU could not open its break iterators: %s",
                         u_errorName(err));
    return UKC_OK;
}

ukc_status ukc__lexicon_parse(const char *text, size_t len, ukc_lexicon **out)
{
    *out = NULL;
    builder b = { 0 };
    b.lex = ukc__calloc(1, sizeof *b.lex);
    if (!b.lex)
        return oom();
    ukc_status st = open_icu(b.lex);
    size_t pos = 0;
    while (!st && pos < len) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + 1;
        b.line++;
        if (n && line[n - 1] == '\r')
            n--;
        if (n == 0 || line[0] == '#')
            continue;
        const char *f[3];
        size_t fn[3], k = 0, i = 0;
        while (k < 3) {
            size_t j = i;
            while (j < n && line[j] != '\t')
                j++;
            f[k] = line + i;
            fn[k++] = j - i;
            if (j >= n)
                break;
            i = j + 1;
        }
        if (k != 3 || memchr(f[2], '\t', n - (size_t)(f[2] - line)))
            st = line_fail(&b, "expected CATEGORY<TAB>WEIGHT<TAB>PATTERN, got", line, n);
        else
            st = parse_row(&b, f, fn);
    }
    if (!st)
        st = finish(b.lex);
    if (st) {
        ukc__lexicon_destroy(b.lex);
        return st;
    }
    *out = b.lex;
    return UKC_OK;
}

void ukc__lexicon_destroy(ukc_lexicon *lex)
{
    if (!lex)
        return;
    const ukc_lex_index *ix[2] = { &lex->exact, &lex->stems };
    for (int i = 0; i < 2; i++) {
        ukc__free(ix[i]->heads);
        ukc__free(ix[i]->keys);
        ukc__free(ix[i]->cands);
    }
    if (lex->words)
        ubrk_close(lex->words);
    if (lex->sentences)
        ubrk_close(lex->sentences);
    ukc__free(lex->patterns);
    ukc__free(lex->slots);
    ukc__free(lex->alts);
    ukc__free(lex->alt_ids);
    ukc__free(lex->stem_prefixes);
    ukc__free(lex->pool);
    ukc__free(lex->valence);
    ukc__free(lex->valence_slots);
    ukc__free(lex->valence_pool);
    ukc__free(lex);
}

/* ------------------------------------------------------------------ valence */

static ukc_status valence_fail(unsigned line, const char *what)
{
    ukc_status st = ukc__fail(UKC_ERR_INVALID_DATA, "valence.tsv:%u: %s", line, what);
    ukc__error_position((int32_t)line, 0, -1);
    return st;
}

float ukc__valence(const ukc_lexicon *lex, const char *w, size_t len)
{
    return ukc__valence_hashed(lex, w, len, ukc__fnv(w, len));
}

float ukc__valence_hashed(const ukc_lexicon *lex, const char *w, size_t len, uint32_t hash)
{
    if (!lex->valence_cap)
        return 0.0f;
    uint32_t mask = lex->valence_cap - 1;
    for (uint32_t i = hash & mask; lex->valence_slots[i]; i = (i + 1) & mask) {
        uint64_t e = lex->valence_slots[i];
        if ((uint32_t)(e >> 32) != hash) /* another word, without reading it */
            continue;
        const struct ukc_valence *v = &lex->valence[(uint32_t)e - 1];
        if (v->len == len && ukc__same_bytes(lex->valence_pool + v->word, w, len))
            return v->value;
    }
    return 0.0f;
}

ukc_status ukc__valence_parse(ukc_lexicon *lex, const char *text, size_t len)
{
    uint32_t rows = 0, cap = 16;
    for (size_t i = 0; i < len; i++)
        rows += text[i] == '\n';
    while (cap < 2 * (rows + 1))
        cap *= 2;
    lex->valence = ukc__calloc(rows + 1, sizeof *lex->valence);
    lex->valence_slots = ukc__calloc(cap, sizeof *lex->valence_slots);
    /* NFKC case folding may grow a word: up to MAX_WORD bytes for each */
    size_t pool_cap = (size_t)(rows + 1) * MAX_WORD, pool_len = 0;
    lex->valence_pool = ukc__malloc(pool_cap);
    if (!lex->valence || !lex->valence_slots || !lex->valence_pool)
        return oom();
    lex->valence_cap = cap;
    unsigned line = 0;
    for (size_t pos = 0; pos < len;) {
        const char *s = text + pos, *nl = memchr(s, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - s) : len - pos;
        pos += n + 1;
        line++;
        if (n && s[n - 1] == '\r')
            n--;
        if (n == 0 || s[0] == '#')
            continue;
        const char *tab = memchr(s, '\t', n);
        double v;
        if (!tab || tab == s || !ukc__parse_decimal(tab + 1, n - (size_t)(tab + 1 - s), &v) ||
            !(v >= -4.0 && v <= 4.0))
            return valence_fail(line, "expected WORD<TAB>VALENCE (-4 to 4)");
        char buf[MAX_WORD];
        size_t wl = ukc__normalise_word(lex->nfkc_cf, s, (size_t)(tab - s), buf, sizeof buf);
        if (wl == 0 || memchr(buf, ' ', wl) || ukc__valence(lex, buf, wl) != 0.0f)
            continue; /* the tokeniser never yields it, or a case variant seen already */
        uint32_t off = (uint32_t)pool_len;
        memcpy(lex->valence_pool + pool_len, buf, wl);
        pool_len += wl;
        struct ukc_valence *e = &lex->valence[lex->nvalence];
        *e = (struct ukc_valence){ off, (uint32_t)wl, (float)v };
        uint32_t hash = ukc__fnv(buf, wl), i = hash & (cap - 1);
        while (lex->valence_slots[i])
            i = (i + 1) & (cap - 1);
        lex->valence_slots[i] = (uint64_t)hash << 32 | ++lex->nvalence;
    }
    return UKC_OK;
}

static _Atomic(void *) builtin;
static pthread_mutex_t builtin_lock = PTHREAD_MUTEX_INITIALIZER;

static ukc_status build_lexicon(size_t i, void **out)
{
    ukc_lexicon *lex = NULL;
    (void)i;
    ukc_status st = ukc__lexicon_parse((const char *)ukc__lexicon_tsv, ukc__lexicon_tsv_len, &lex);
    if (!st)
        st = ukc__valence_parse(lex, (const char *)ukc__valence_tsv, ukc__valence_tsv_len);
    if (st) {
        ukc__lexicon_destroy(lex);
        lex = NULL;
    }
    *out = lex;
    return st;
}

ukc_status ukc__lexicon_builtin(const ukc_lexicon **out)
{
    void *lex;
    ukc_status st = ukc__build_embedded(&builtin, &builtin_lock, build_lexicon, "lexicon", &lex);
    *out = lex;
    return st;
}
