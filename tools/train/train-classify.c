/* train-classify: fit the classifier's model (lib/data/model.bin).
 *
 * usage: train-classify [-o MODEL | --check MODEL] [-v] ROOT
 *
 * ROOT is the repository's top directory. The program reads the corpus's tune
 * split (tests/data/feedback) and the real labelled sets in tests/data/sources/
 * (see tools/train/sources.c for what each is and how its labels map onto the
 * five kinds), computes every message's features with the library itself, and
 * fits a multinomial logistic regression (tools/train/fit.c): deterministic,
 * the same inputs give the same file byte for byte. -o writes the model;
 * --check MODEL fits and compares, exiting 1 when MODEL differs in any byte. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "train.h"

int main(int argc, char **argv)
{
    const char *out_path = NULL, *check_path = NULL, *root = NULL;
    bool verbose = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out_path = argv[++i];
        else if (!strcmp(argv[i], "--check") && i + 1 < argc)
            check_path = argv[++i];
        else if (!strcmp(argv[i], "-v"))
            verbose = true;
        else if (!root && argv[i][0] != '-')
            root = argv[i];
        else
            root = NULL, i = argc;
    }
    if (!root || (!out_path && !check_path)) {
        fprintf(stderr, "usage: train-classify [-o MODEL | --check MODEL] [-v] ROOT\n");
        return 2;
    }
    train_source src[SRC_COUNT];
    train_set set = { 0 };
    unsigned char *model = NULL;
    size_t len = 0;
    int rc = train_load(src, root);
    for (int s = 0; !rc && s < SRC_COUNT; s++) {
        if (!train_add(&set, &src[s], s, train_pick, NULL))
            rc = 1;
        if (verbose)
            fprintf(stderr, "%-11s %6zu messages, %6zu fitted on so far\n", src[s].name, src[s].n,
                    set.n);
    }
    if (!rc && !train_fit(&set, NULL, true, &model, &len, verbose)) {
        fprintf(stderr, "train-classify: out of memory\n");
        rc = 1;
    }
    if (!rc && out_path) {
        FILE *f = fopen(out_path, "wb");
        if (!f || fwrite(model, 1, len, f) != len || fclose(f) != 0) {
            fprintf(stderr, "train-classify: cannot write %s\n", out_path);
            rc = 1;
        }
    }
    if (!rc && check_path) {
        FILE *f = fopen(check_path, "rb");
        unsigned char *old = malloc(len + 1);
        size_t n = f && old ? fread(old, 1, len + 1, f) : 0;
        if (f)
            fclose(f);
        size_t at = 0;
        while (at < n && at < len && old[at] == model[at])
            at++;
        if (n != len || at != len) {
            fprintf(stderr,
                    "train-classify: %s (%zu bytes) is not what training makes (%zu bytes); "
                    "first difference at byte %zu\n",
                    check_path, n, len, at);
            rc = 1;
        } else {
            printf("%s is what training makes, byte for byte (%zu bytes)\n", check_path, len);
        }
        free(old);
    }
    free(model);
    train_set_free(&set);
    train_free(src);
    return rc;
}
