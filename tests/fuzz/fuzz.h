/* Fuzz harnesses: each defines LLVMFuzzerTestOneInput. Built with libFuzzer
 * (-Dfuzzing=true, clang) they fuzz; otherwise replay.c's main() runs every
 * file of their corpus, so `meson test` replays the corpora in every build. */
#ifndef UKC_FUZZ_H
#define UKC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property failed: report and crash, so the fuzzer keeps the input. */
#define FUZZ_ASSERT(cond)                                                                 \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond);    \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

#endif
