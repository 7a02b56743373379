/* Private: FNV-1a, the hash of the library's open-addressing tables (the lexicon's
 * word index, the model's words, string pools, repeated cues). A key's hash can be
 * built a byte or a run of bytes at a time: a word's prefixes in one pass, a pair of
 * words continued from its first word's hash. Tables built with it and looked up
 * with it must agree, so both sides use these. */
#ifndef UKC_HASH_INTERNAL_H
#define UKC_HASH_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#define UKC__FNV_START 2166136261u

static inline uint32_t ukc__fnv_byte(uint32_t h, unsigned char c)
{
    return (h ^ c) * 16777619u;
}

static inline uint32_t ukc__fnv_more(uint32_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = ukc__fnv_byte(h, (unsigned char)s[i]);
    return h;
}

static inline uint32_t ukc__fnv(const char *s, size_t n)
{
    return ukc__fnv_more(UKC__FNV_START, s, n);
}

#endif
