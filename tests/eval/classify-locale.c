/* classify-locale: the classifier under a locale whose decimal separator is a
 * comma. With strtod, "1.5" in the lexicon reads as 1 and the model's numbers
 * fail to parse under such a locale, so every classification failed with
 * UKC_ERR_INTERNAL. The program makes de_DE.UTF-8 with localedef in a
 * temporary directory when the system has not generated it, switches the whole
 * process to it before the library's first use, and classifies.
 *
 * Exit status: 0 passed, 1 failed, 77 skipped (no way to get a comma-decimal
 * locale: neither an installed one nor localedef with the de_DE source). */
#include <locale.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ukcomplaints.h>

extern char **environ;

/* Make de_DE.UTF-8 under dir with localedef; true when it ran and succeeded. */
static bool make_locale(const char *dir)
{
    char out[4096];
    snprintf(out, sizeof out, "%s/de_DE.UTF-8", dir);
    char *argv[] = { "localedef", "-i", "de_DE", "-f", "UTF-8", out, NULL };
    pid_t pid;
    int status;
    if (posix_spawnp(&pid, "localedef", NULL, NULL, argv, environ) != 0)
        return false;
    if (waitpid(pid, &status, 0) != pid)
        return false;
    /* localedef exits 1 with warnings yet writes the locale; setlocale decides */
    return WIFEXITED(status) && WEXITSTATUS(status) <= 1;
}

static void remove_tree(const char *dir)
{
    char *argv[] = { "rm", "-rf", (char *)dir, NULL };
    pid_t pid;
    int status;
    if (posix_spawnp(&pid, "rm", NULL, NULL, argv, environ) == 0)
        waitpid(pid, &status, 0);
}

static int check(const char *text, ukc_feedback_kind want)
{
    ukc_classification *c = NULL;
    ukc_status st = ukc_classify_text(text, strlen(text), NULL, &c);
    if (st != UKC_OK) {
        printf("FAIL: '%s': %s (%s)\n", text, ukc_status_name(st), ukc_last_error()->message);
        return 1;
    }
    int rc = 0;
    if (ukc_classification_kind(c) != want) {
        printf("FAIL: '%s' is %s, want %s\n", text,
               ukc_feedback_kind_name(ukc_classification_kind(c)), ukc_feedback_kind_name(want));
        rc = 1;
    }
    /* "rude" is a lexicon row of weight 1.5: read as 1 under strtod and a comma */
    for (size_t i = 0; i < ukc_classification_evidence_count(c); i++) {
        const ukc_evidence *e = ukc_classification_evidence(c, i);
        if (e->id == UKC_C001_DISSATISFACTION && strcmp(e->text, "rude") == 0 &&
            e->weight != 1.5) {
            printf("FAIL: 'rude' weighs %g, want 1.5\n", e->weight);
            rc = 1;
        }
    }
    ukc_classification_free(c);
    return rc;
}

int main(void)
{
    char dir[] = "/tmp/ukc-locale-XXXXXX";
    bool made = false;
    const char *name = "de_DE.UTF-8";
    if (!setlocale(LC_ALL, name) && !setlocale(LC_ALL, (name = "de_DE.utf8"))) {
        name = "de_DE.UTF-8";
        if (!mkdtemp(dir)) {
            printf("SKIP: cannot make a temporary directory\n");
            return 77;
        }
        made = true;
        if (!make_locale(dir) || setenv("LOCPATH", dir, 1) != 0 || !setlocale(LC_ALL, name)) {
            printf("SKIP: de_DE.UTF-8 is not installed and localedef could not make it "
                   "(Debian: apt-get install locales)\n");
            remove_tree(dir);
            return 77;
        }
    }
    int rc = 0;
    const struct lconv *lc = localeconv();
    if (strcmp(lc->decimal_point, ",") != 0) {
        printf("FAIL: %s has the decimal point '%s', not ','\n", name, lc->decimal_point);
        rc = 1;
    }
    /* the hazard itself: the C library now stops "1.5" at the full stop */
    if (strtod("1.5", NULL) != 1.0) {
        printf("FAIL: strtod reads \"1.5\" as %g under %s\n", strtod("1.5", NULL), name);
        rc = 1;
    }
    rc |= check("The man on the phone was rude to me and I want an apology.", UKC_KIND_COMPLAINT);
    rc |= check("Thank you so much to the crew who cleared the fallen tree.", UKC_KIND_COMPLIMENT);
    rc |= check("Can you send me a new recycling box please?", UKC_KIND_REQUEST);
    if (made)
        remove_tree(dir);
    if (!rc)
        printf("ok: classified under %s (decimal point '%s')\n", name, lc->decimal_point);
    return rc;
}
