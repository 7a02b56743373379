/* Reading the labelled corpus: see corpus.h. */
#include "corpus.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void unescape(char *s)
{
    char *d = s;
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            *d++ = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s == 'r' ? '\r' : *s;
        } else {
            *d++ = *s;
        }
    }
    *d = '\0';
}

static int split_fields(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

static const char *add_file(corpus *c, const char *path)
{
    const char *base = strrchr(path, '/');
    char **files = realloc(c->files, (c->nfiles + 1) * sizeof *files);
    if (!files)
        return NULL;
    c->files = files;
    c->files[c->nfiles] = strdup(base ? base + 1 : path);
    return c->files[c->nfiles] ? c->files[c->nfiles++] : NULL;
}

static int add_row(corpus *c, char **f, const char *file, long line)
{
    corpus_row r = { .file = file, .line = line };
    r.split = strcmp(f[1], "tune") == 0 ? SPLIT_TUNE : strcmp(f[1], "holdout") == 0 ? SPLIT_HOLDOUT : -1;
    if (r.split < 0 || ukc_feedback_kind_from_name(f[2], &r.kind) != UKC_OK)
        return -1;
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 1024;
        corpus_row *rows = realloc(c->rows, cap * sizeof *rows);
        if (!rows)
            return 1;
        c->rows = rows;
        c->cap = cap;
    }
    unescape(f[4]);
    r.id = strdup(f[0]);
    r.route = strdup(f[3]);
    r.text = strdup(f[4]);
    if (!r.id || !r.route || !r.text) {
        free(r.id);
        free(r.route);
        free(r.text);
        return 1;
    }
    c->rows[c->n++] = r;
    return 0;
}

static int load_file(corpus *c, const char *path)
{
    FILE *fp = fopen(path, "r");
    const char *file = fp ? add_file(c, path) : NULL;
    if (!file) {
        fprintf(stderr, "%s: cannot read\n", path);
        if (fp)
            fclose(fp);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    int rc = 0;
    while ((n = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0)
            continue;
        char *f[7];
        int nf = split_fields(line, f, 7);
        if (lineno == 1) {
            if (nf != 6 || strcmp(f[0], "id") || strcmp(f[1], "split") || strcmp(f[2], "kind") ||
                strcmp(f[3], "route") || strcmp(f[4], "text") || strcmp(f[5], "provenance")) {
                fprintf(stderr, "%s:1: expected the header id, split, kind, route, text, provenance\n",
                        path);
                rc = 1;
                break;
            }
            continue;
        }
        int st = nf == 6 ? add_row(c, f, file, lineno) : -1;
        if (st < 0)
            fprintf(stderr, "%s:%ld: bad row (6 fields, split tune|holdout, a known kind)\n", path,
                    lineno);
        else if (st > 0)
            fprintf(stderr, "%s:%ld: out of memory\n", path, lineno);
        rc |= st != 0;
    }
    free(line);
    fclose(fp);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int corpus_load(corpus *c, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "%s does not exist\n", path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode))
        return load_file(c, path);
    DIR *d = opendir(path);
    if (!d)
        return 1;
    char **names = NULL;
    size_t n = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".tsv") == 0) {
            char **p = realloc(names, (n + 1) * sizeof *names);
            char *name = p ? malloc(strlen(path) + len + 2) : NULL;
            if (p)
                names = p;
            if (!name) {
                rc = 1;
                break;
            }
            sprintf(name, "%s/%s", path, e->d_name);
            names[n++] = name;
        }
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        rc |= load_file(c, names[i]);
        free(names[i]);
    }
    free(names);
    return rc;
}

void corpus_free(corpus *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->rows[i].id);
        free(c->rows[i].route);
        free(c->rows[i].text);
    }
    for (size_t i = 0; i < c->nfiles; i++)
        free(c->files[i]);
    free(c->rows);
    free(c->files);
    memset(c, 0, sizeof *c);
}
