/**
 * @file explain.h
 * @brief Explained deadlines: the steps behind a due date, as data and as text.
 *
 * ukc_calendar_explain_deadline() (and the policy and case modules) return a
 * ::ukc_explanation. It lists, in order, what started the clock, the receipt
 * convention, every working day counted and every non-working day skipped
 * (with its name, kind and source), the rule and its citation where a policy
 * set the count, the due date, and a warning when any day it depends on lies
 * in a year projected by rule. Each step carries a permanent ::ukc_id.
 *
 * An explanation is immutable once made; any number of threads may read one.
 * @since 0.1.0
 */
#ifndef UKCOMPLAINTS_EXPLAIN_H
#define UKCOMPLAINTS_EXPLAIN_H

#include "calendar.h"
#include "common.h"
#include "date.h"
#include "error.h"
#include "ids.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * One step of an explanation. Strings belong to the explanation. The library
 * owns the step; `size` is the library's `sizeof`, so a field appended later
 * is there only when `size` reaches past it (docs/abi.md).
 * @since 0.1.0
 */
typedef struct ukc_step {
    size_t size;           /**< The size of this struct as the library filled it. */
    int32_t id;            /**< What the step is, a ::ukc_id such as ::UKC_E006_HOLIDAY_SKIPPED. */
    ukc_date date;         /**< The day the step is about (0 when none). */
    const char *code;      /**< The ID's code, e.g. `"UKC-E006"`. */
    const char *slug;      /**< The ID's slug, e.g. `"holiday-skipped"`. */
    int32_t number;        /**< For a counted working day, its number 1..n; otherwise 0. */
    int32_t day_kind;      /**< The ::ukc_day_kind of that day. */
    const char *name;      /**< The day's name (holidays), or "". */
    const char *source;    /**< The day's source (holidays) or the citation (rules), or "". */
    const char *text;      /**< The step as one line of English. */
    bool projected;        /**< True when the day's year is projected by rule. */
} ukc_step;

/**
 * The number of steps.
 * @param[in] expl the explanation.
 * @return the count, or 0 when @p expl is NULL.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_explanation_step_count(const ukc_explanation *expl);

/**
 * The i-th step.
 * @param[in] expl the explanation.
 * @param[in] i 0..ukc_explanation_step_count() - 1.
 * @return a step owned by the explanation, or NULL when out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_step *ukc_explanation_step(const ukc_explanation *expl, size_t i);

/**
 * The due date.
 * @param[in] expl the explanation.
 * @return the date, or 0 when @p expl is NULL.
 * @since 0.1.0
 */
UKC_EXPORT ukc_date ukc_explanation_due(const ukc_explanation *expl);

/**
 * The start date as given (the day of receipt or the clock's event).
 * @param[in] expl the explanation.
 * @return the date, or 0 when @p expl is NULL.
 * @since 0.1.0
 */
UKC_EXPORT ukc_date ukc_explanation_start(const ukc_explanation *expl);

/**
 * The date counting actually started from: the start, or the next working day
 * when the convention deems a receipt on a non-working day received then.
 * @param[in] expl the explanation.
 * @return the date, or 0 when @p expl is NULL.
 * @since 0.1.0
 */
UKC_EXPORT ukc_date ukc_explanation_counted_from(const ukc_explanation *expl);

/**
 * The number of working days.
 * @param[in] expl the explanation.
 * @return n, or 0 when @p expl is NULL.
 * @since 0.1.0
 */
UKC_EXPORT int32_t ukc_explanation_days(const ukc_explanation *expl);

/**
 * The receipt convention used.
 * @param[in] expl the explanation.
 * @return the convention (::UKC_RECEIPT_DAY_OF_RECEIPT when @p expl is NULL).
 * @since 0.1.0
 */
UKC_EXPORT ukc_receipt ukc_explanation_receipt(const ukc_explanation *expl);

/**
 * Whether any day the answer depends on lies in a year projected by rule.
 * @param[in] expl the explanation.
 * @return true when projected; false when published or @p expl is NULL.
 * @since 0.1.0
 */
UKC_EXPORT bool ukc_explanation_projected(const ukc_explanation *expl);

/**
 * The name of the calendar used.
 * @param[in] expl the explanation.
 * @return a string owned by the explanation, or "" when @p expl is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_explanation_calendar(const ukc_explanation *expl);

/**
 * The whole explanation as text, one step a line.
 * @param[in] expl the explanation.
 * @return a string owned by the explanation, or "" when @p expl is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_explanation_text(const ukc_explanation *expl);

/**
 * The explanation as a JSON object: `start`, `counted_from`, `days`, `receipt`,
 * `calendar`, `due`, `projected` and `steps` (each with `id`, `slug`, `date`,
 * `number`, `kind`, `name`, `source`, `projected`, `text`).
 * @param[in] expl the explanation.
 * @param[out] out NUL-terminated UTF-8, to be released with ukc_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_explanation_to_json(const ukc_explanation *expl, char **out);

/**
 * Release an explanation. Accepts NULL.
 * @param[in] expl the explanation, or NULL.
 * @since 0.1.0
 */
UKC_EXPORT void ukc_explanation_free(ukc_explanation *expl);

#ifdef __cplusplus
}
#endif

#endif /* UKCOMPLAINTS_EXPLAIN_H */
