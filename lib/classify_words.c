/* Splitting a message into normalised words and sentences with ICU, keeping
 * every word's byte span in the caller's UTF-8. */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "util.h"
#include "classify_internal.h"
#include "error_internal.h"

static UChar fold_quote(UChar c)
{
    switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC: case 0xFF07:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0xFF02:
        return '"';
    default:
        return c;
    }
}

size_t ukc__normalise_word(const UNormalizer2 *nfkc_cf, const char *word, size_t len, char *buf,
                           size_t cap)
{
    if (len < cap) { /* NFKC case folding of ASCII is lower-casing */
        size_t i = 0;
        for (; i < len && (unsigned char)word[i] < 0x80; i++) {
            char c = word[i];
            buf[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        if (i == len) {
            if (len == 0)
                return 0;
            buf[len] = '\0';
            return len;
        }
    } else {
        bool ascii = true;
        for (size_t i = 0; i < len && ascii; i++)
            ascii = (unsigned char)word[i] < 0x80;
        if (ascii)
            return 0;
    }
    UChar u[128], v[256];
    int32_t un = 0, vn;
    UErrorCode err = U_ZERO_ERROR;
    if (len > sizeof u / sizeof u[0])
        return 0;
    u_strFromUTF8(u, (int32_t)(sizeof u / sizeof u[0]), &un, word, (int32_t)len, &err);
    if (U_FAILURE(err) || err == U_STRING_NOT_TERMINATED_WARNING)
        err = U_ZERO_ERROR;
    for (int32_t i = 0; i < un; i++)
        u[i] = fold_quote(u[i]);
    vn = unorm2_normalize(nfkc_cf, u, un, v, (int32_t)(sizeof v / sizeof v[0]), &err);
    if (U_FAILURE(err) || vn <= 0 || vn >= (int32_t)(sizeof v / sizeof v[0]))
        return 0;
    for (int32_t i = 0; i < vn; i++)
        v[i] = fold_quote(v[i]);
    int32_t n = 0;
    u_strToUTF8(buf, (int32_t)cap, &n, v, vn, &err);
    if (U_FAILURE(err) || n <= 0 || (size_t)n >= cap)
        return 0;
    buf[n] = '\0';
    return (size_t)n;
}

/* Room for one more token and for up to extra normalised bytes. */
static bool reserve(ukc_tokens *t, size_t extra)
{
    if (t->n < t->cap && t->norm_len + extra <= t->norm_cap)
        return true;
    return ukc__grow((void **)&t->tok, &t->cap, t->n + 1, sizeof *t->tok, 64) &&
           ukc__grow((void **)&t->norm, &t->norm_cap, t->norm_len + extra, 1, 1024);
}

#define MAX_NORM 256

static bool push(ukc_tokens *t, const ukc_lexicon *lex, const char *text, size_t s, size_t e,
                 const char *fixed, uint32_t sentence)
{
    if (!reserve(t, MAX_NORM))
        return false;
    size_t n;
    char *dst = t->norm + t->norm_len;
    if (fixed) {
        n = strlen(fixed);
        memcpy(dst, fixed, n + 1);
    } else {
        n = ukc__normalise_word(lex->nfkc_cf, text + s, e - s, dst, MAX_NORM);
    }
    t->tok[t->n++] = (ukc_token){ (uint32_t)s, (uint32_t)e, (uint32_t)t->norm_len, (uint32_t)n,
                                  sentence, false, false, false };
    t->norm_len += n + 1;
    return true;
}

static char lower(char c)
{
    return (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

/* The length of an apostrophe ending just before byte e (' or a curly one), or 0. */
static size_t apostrophe_before(const char *text, size_t s, size_t e)
{
    if (e > s && text[e - 1] == '\'')
        return 1;
    if (e >= s + 3 && (unsigned char)text[e - 3] == 0xE2 && (unsigned char)text[e - 2] == 0x80 &&
        ((unsigned char)text[e - 1] == 0x99 || (unsigned char)text[e - 1] == 0x98))
        return 3;
    return 0;
}

/* The literal's length, known at compile time: the tables below list words with it,
 * so that a word is ruled out by its length before any byte is compared. */
#define LIT(w) w, sizeof w - 1

static bool ends_with(const char *text, size_t s, size_t e, const char *suffix, size_t n)
{
    if (e - s < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (lower(text[e - n + i]) != suffix[i])
            return false;
    return true;
}

/* Where a word's clitic starts ("has|n't", "i|'ve", "council|'s", "can|not"), what the
 * clitic normalises to, and what a shortened base stands for ("ca" -> "can"). */
typedef struct split {
    size_t at;
    const char *clitic;
} split;

typedef struct word_len {
    const char *word;
    size_t len;
} word_len;

static bool equals_word(const char *text, size_t s, size_t e, const word_len *w)
{
    return e - s == w->len && ends_with(text, s, e, w->word, w->len);
}

/* Contractions typed without their apostrophe ("dont", "didnt", "im", "theyre"), as
 * they are on phones and in a hurry. Only forms that are not also ordinary words are
 * read this way: "its", "id", "ill", "well", "were", "shed", "hell" and "lets" stay
 * as they are. */
static bool find_bare_clitic(const char *text, size_t s, size_t e, split *out)
{
    static const word_len not_bases[] = {
        { LIT("do") },     { LIT("does") },  { LIT("did") },   { LIT("is") },    { LIT("are") },
        { LIT("was") },    { LIT("were") },  { LIT("have") },  { LIT("has") },   { LIT("had") },
        { LIT("should") }, { LIT("would") }, { LIT("could") }, { LIT("must") },  { LIT("need") },
        { LIT("ca") },     { LIT("wo") },    { LIT("ai") },    { LIT("can") },   { LIT("din") },
        { LIT("will") },
    };
    static const struct { word_len w; size_t at; const char *norm; } forms[] = {
        { { LIT("im") }, 1, "am" },          { { LIT("ive") }, 1, "have" },
        { { LIT("youre") }, 3, "are" },      { { LIT("theyre") }, 4, "are" },
        { { LIT("weve") }, 2, "have" },      { { LIT("youve") }, 3, "have" },
        { { LIT("theyve") }, 4, "have" },    { { LIT("youll") }, 3, "will" },
        { { LIT("theyll") }, 4, "will" },    { { LIT("thats") }, 4, "'s" },
        { { LIT("whats") }, 4, "'s" },       { { LIT("theres") }, 5, "'s" },
        { { LIT("wheres") }, 5, "'s" },      { { LIT("hes") }, 2, "'s" },
        { { LIT("shes") }, 3, "'s" },        { { LIT("whos") }, 3, "'s" },
        { { LIT("everyones") }, 8, "'s" },   { { LIT("nobodys") }, 6, "'s" },
    };
    /* "-nt" typed without its apostrophe; "-nae" is the Scots form ("couldnae",
     * "didnae", "cannae", "dinnae"). */
    static const word_len not_suffixes[] = { { LIT("nt") }, { LIT("nae") } };
    size_t len = e - s;
    if (len > 9) /* longer than any form below */
        return false;
    switch (lower(text[e - 1])) { /* the last letters of the forms below */
    case 't': case 'e': case 'm': case 'l': case 's':
        break;
    default:
        return false;
    }
    for (size_t k = 0; k < 2; k++) {
        size_t n = not_suffixes[k].len;
        if (len < n + 2 || !ends_with(text, s, e, not_suffixes[k].word, n))
            continue;
        for (size_t i = 0; i < sizeof not_bases / sizeof not_bases[0]; i++)
            if (equals_word(text, s, e - n, &not_bases[i])) {
                *out = (split){ e - n, "not" };
                return true;
            }
    }
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (equals_word(text, s, e, &forms[i].w)) {
            *out = (split){ s + forms[i].at, forms[i].norm };
            return true;
        }
    return false;
}

static bool find_clitic(const char *text, size_t s, size_t e, split *out)
{
    static const struct { word_len suffix; const char *norm; } clitics[] = {
        { { LIT("s") }, "'s" },  { { LIT("ve") }, "have" }, { { LIT("re") }, "are" },
        { { LIT("ll") }, "will" }, { { LIT("d") }, "would" }, { { LIT("m") }, "am" },
    };
    if (e - s == 6 && ends_with(text, s, e, LIT("cannot"))) {
        *out = (split){ s + 3, "not" };
        return true;
    }
    /* the forms below need an apostrophe: ' or the first byte of a curly one */
    bool apostrophe = false;
    for (size_t i = s; i < e && !apostrophe; i++)
        apostrophe = text[i] == '\'' || (unsigned char)text[i] == 0xE2;
    if (!apostrophe)
        return find_bare_clitic(text, s, e, out);
    if (ends_with(text, s, e, LIT("t"))) {
        size_t ap = apostrophe_before(text, s, e - 1);
        if (ap && e - 1 - ap > s && lower(text[e - 2 - ap]) == 'n' && e - 2 - ap > s) {
            *out = (split){ e - 2 - ap, "not" };
            return true;
        }
    }
    for (size_t i = 0; i < sizeof clitics / sizeof clitics[0]; i++) {
        size_t n = clitics[i].suffix.len;
        if (e - s <= n || !ends_with(text, s, e, clitics[i].suffix.word, n))
            continue;
        size_t ap = apostrophe_before(text, s, e - n);
        if (ap && e - n - ap > s) {
            *out = (split){ e - n - ap, clitics[i].norm };
            return true;
        }
    }
    return find_bare_clitic(text, s, e, out);
}

static const char *short_base(const char *text, size_t s, size_t e)
{
    static const struct { word_len base; const char *full; } bases[] = {
        { { LIT("ca") }, "can" }, { { LIT("wo") }, "will" }, { { LIT("sha") }, "shall" },
        { { LIT("ai") }, "is" },  { { LIT("din") }, "do" },
    };
    for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++)
        if (equals_word(text, s, e, &bases[i].base))
            return bases[i].full;
    return NULL;
}

/* What a segment that is not a word holds. */
enum {
    SEG_CLAUSE = 1,   /* punctuation that separates clauses: , ; : brackets, dashes, the
                       * ellipsis */
    SEG_SENTENCE = 2, /* . ! ? (ASCII, full-width, the ideographic full stop). ICU does
                       * not break before a lower-case word ("it was sorted. fair play to
                       * them"), which is how a hurried message is typed; the caller
                       * decides. */
    SEG_QUESTION = 4  /* a question mark, ASCII or full-width */
};

static unsigned segment_marks(const char *text, size_t s, size_t e)
{
    unsigned marks = 0;
    for (int32_t i = 0; i < (int32_t)(e - s);) {
        UChar32 c;
        U8_NEXT((const uint8_t *)text + s, i, (int32_t)(e - s), c);
        switch (c) {
        case ',': case ';': case ':': case '(': case ')': case 0x2013: case 0x2014: case 0x2026:
            marks |= SEG_CLAUSE;
            break;
        case '.': case '!': case 0xFF01: case 0x3002:
            marks |= SEG_SENTENCE;
            break;
        case '?': case 0xFF1F:
            marks |= SEG_SENTENCE | SEG_QUESTION;
            break;
        default:
            break;
        }
    }
    return marks;
}

/* Whether the word s..e is one that a full stop after does not end a sentence: a single
 * letter ("J. Smith", "e.g."), a title or a common abbreviation. */
static bool abbreviation(const char *text, size_t s, size_t e)
{
    static const word_len words[] = {
        { LIT("mr") },  { LIT("mrs") }, { LIT("ms") },   { LIT("dr") },  { LIT("st") },
        { LIT("cllr") }, { LIT("no") }, { LIT("nos") },  { LIT("ref") }, { LIT("tel") },
        { LIT("approx") }, { LIT("etc") }, { LIT("eg") }, { LIT("ie") }, { LIT("vs") },
        { LIT("prof") }, { LIT("rev") }, { LIT("e.g") }, { LIT("i.e") }, { LIT("fig") },
        { LIT("ext") }, { LIT("dept") },
    };
    if (e - s == 1)
        return true;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (equals_word(text, s, e, &words[i]))
            return true;
    return false;
}

bool ukc__symbol_char(UChar32 c)
{
    int8_t type = (int8_t)u_charType(c);
    return type == U_OTHER_SYMBOL || type == U_MATH_SYMBOL;
}

bool ukc__sentence_stop(UChar32 c)
{
    switch (u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK)) {
    case U_SB_ATERM: case U_SB_STERM: case U_SB_SEP: case U_SB_CR: case U_SB_LF:
        return true;
    default:
        return false;
    }
}

/* The offset of the first character after which ICU's sentence breaking may end a
 * sentence (UAX #29: a break follows a separator, or a terminator with the closing
 * marks and spaces after it), or len when there is none: no sentence boundary lies
 * at or before it. */
static size_t first_stop(const ukc_lexicon *lex, const char *text, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)text[i];
        if (b < 0x80) {
            if ((lex->ascii_stops[b / 64] >> (b % 64)) & 1u)
                return i;
            i++;
            continue;
        }
        int32_t j = (int32_t)i;
        UChar32 c;
        U8_NEXT((const uint8_t *)text, j, (int32_t)len, c);
        if (ukc__sentence_stop(c))
            return i;
        i = (size_t)j;
    }
    return len;
}

/* Each thread's break iterators, cloned once from a lexicon's templates and kept
 * for its next messages (ubrk_setUText starts one afresh): cloning costs more
 * than breaking a short message. Every lexicon opens the same templates (words
 * and sentences for en_GB), so the clones serve any lexicon. A thread's exit
 * closes them. */
typedef struct breakers {
    UBreakIterator *words, *sentences;
} breakers;

static pthread_key_t breakers_key;
static pthread_once_t breakers_once = PTHREAD_ONCE_INIT;
static bool breakers_keyed;

static void breakers_close(void *p)
{
    breakers *b = p;
    if (!b)
        return;
    ubrk_close(b->words);
    ubrk_close(b->sentences);
    ukc__free(b);
}

static void breakers_init(void)
{
    breakers_keyed = pthread_key_create(&breakers_key, breakers_close) == 0;
}

/* The thread's iterators, cloned on its first call; *own is set when they could
 * not be kept for the thread (the caller closes them after use). */
static breakers *breakers_get(const ukc_lexicon *lex, breakers *tmp, bool *own,
                              UErrorCode *err)
{
    pthread_once(&breakers_once, breakers_init);
    breakers *b = breakers_keyed ? pthread_getspecific(breakers_key) : NULL;
    *own = false;
    if (b)
        return b;
    tmp->words = ubrk_clone(lex->words, err);
    tmp->sentences = ubrk_clone(lex->sentences, err);
    if (U_FAILURE(*err)) {
        ubrk_close(tmp->words);
        ubrk_close(tmp->sentences);
        return NULL;
    }
    b = breakers_keyed ? ukc__malloc(sizeof *b) : NULL;
    if (b) {
        *b = *tmp;
        if (pthread_setspecific(breakers_key, b) == 0)
            return b;
        ukc__free(b);
    }
    *own = true;
    return tmp;
}

/* A segment that ICU does not call a word is kept only when it is a symbol (emoji). */
static bool symbol_segment(const ukc_lexicon *lex, const char *text, size_t s, size_t e)
{
    int32_t i = 0;
    UChar32 c;
    U8_NEXT((const uint8_t *)text + s, i, (int32_t)(e - s), c);
    if (c >= 0 && c < 128)
        return (lex->ascii_symbols[c / 64] >> (c % 64)) & 1u;
    return ukc__symbol_char(c);
}

static bool add_word(ukc_tokens *t, const ukc_lexicon *lex, const char *text, size_t s,
                     size_t e, uint32_t sentence)
{
    split sp;
    if (!find_clitic(text, s, e, &sp))
        return push(t, lex, text, s, e, NULL, sentence);
    const char *base = strcmp(sp.clitic, "not") == 0 ? short_base(text, s, sp.at) : NULL;
    return push(t, lex, text, s, sp.at, base, sentence) &&
           push(t, lex, text, sp.at, e, sp.clitic, sentence);
}

static ukc_status icu_fail(UErrorCode err)
{
    if (err == U_MEMORY_ALLOCATION_ERROR)
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory segmenting text");
    return ukc__fail(UKC_ERR_INTERNAL, "ICU failed segmenting text: %s", u_errorName(err));
}

ukc_status ukc__tokenise(const ukc_lexicon *lex, const char *text, size_t len, ukc_tokens *out)
{
    memset(out, 0, sizeof *out);
    return ukc__tokenise_into(lex, text, len, out);
}

ukc_status ukc__tokenise_into(const ukc_lexicon *lex, const char *text, size_t len,
                              ukc_tokens *out)
{
    out->n = 0;
    out->norm_len = 0;
    out->nsentences = 0;
    UErrorCode err = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    static const char empty[1] = "";
    utext_openUTF8(&ut, text ? text : empty, (int64_t)len, &err);
    breakers tmp = { NULL, NULL }, *br = NULL;
    bool own = false;
    if (U_SUCCESS(err))
        br = breakers_get(lex, &tmp, &own, &err);
    UBreakIterator *wb = br ? br->words : NULL, *sb = br ? br->sentences : NULL;
    ubrk_setUText(wb, &ut, &err);
    ukc_status st = UKC_OK;
    if (U_FAILURE(err)) {
        st = icu_fail(err);
        goto done;
    }
    /* The sentence iterator runs only once a segment starts past the first
     * character that can end a sentence: before it, every segment is in the first
     * sentence (whose end lies past that character). */
    size_t calm = first_stop(lex, text, len);
    bool sentences_started = false;
    uint32_t sentence = 0;
    int32_t sent_end = INT32_MAX;
    bool any_in_sentence = false, clause = false, stop = false;
    size_t last_s = 0, last_e = 0; /* the last word's bytes */
    int32_t prev = ubrk_first(wb);
    for (int32_t cur = ubrk_next(wb); cur != UBRK_DONE; prev = cur, cur = ubrk_next(wb)) {
        size_t s = (size_t)prev, e = (size_t)cur;
        if (!sentences_started && s > calm) {
            sentences_started = true;
            ubrk_setUText(sb, &ut, &err);
            if (U_FAILURE(err)) {
                st = icu_fail(err);
                break;
            }
            sent_end = ubrk_first(sb);
            sent_end = ubrk_next(sb);
        }
        while (sent_end != UBRK_DONE && (int32_t)s >= sent_end) {
            if (any_in_sentence)
                sentence++;
            any_in_sentence = false;
            sent_end = ubrk_next(sb);
        }
        int32_t status = ubrk_getRuleStatus(wb);
        if (status < UBRK_WORD_NONE_LIMIT && !symbol_segment(lex, text, s, e)) {
            unsigned marks = segment_marks(text, s, e);
            clause |= (marks & SEG_CLAUSE) != 0;
            stop |= any_in_sentence && (marks & SEG_SENTENCE) && !abbreviation(text, last_s, last_e);
            if (marks & SEG_QUESTION)
                /* Mark the sentence's words back to its start, or to a word already marked. */
                for (size_t k = out->n; k > 0 && out->tok[k - 1].sentence == sentence &&
                                        !out->tok[k - 1].question;
                     k--)
                    out->tok[k - 1].question = true;
            continue;
        }
        if (stop && any_in_sentence)
            sentence++;
        stop = false;
        any_in_sentence = true;
        last_s = s;
        last_e = e;
        size_t first = out->n;
        if (!add_word(out, lex, text, s, e, sentence)) {
            st = ukc__fail(UKC_ERR_NO_MEMORY, "out of memory segmenting text");
            break;
        }
        out->tok[first].clause_start = clause;
        /* An emoji stands where a full stop or a comma would: "no bins at all 😅 how do
         * i get one" is two clauses. */
        clause = status < UBRK_WORD_NONE_LIMIT;
    }
    out->nsentences = out->n ? out->tok[out->n - 1].sentence + 1 : 0;
done:
    if (own) {
        ubrk_close(tmp.words);
        ubrk_close(tmp.sentences);
    }
    utext_close(&ut);
    if (st)
        ukc__tokens_free(out);
    return st;
}

void ukc__tokens_free(ukc_tokens *t)
{
    ukc__free(t->tok);
    ukc__free(t->norm);
    memset(t, 0, sizeof *t);
}
