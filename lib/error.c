/* The error module: static status texts and the thread-local last error. */
#include "error_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MESSAGE_SIZE 512
#define PATH_SIZE 256

typedef struct thread_error {
    ukc_error pub;
    char message[MESSAGE_SIZE];
    char path[PATH_SIZE];
} thread_error;

/* The detail is only written when a call fails, and cleared by the next call
 * after that: ukc__error_dirty (initial-exec TLS, one byte at a fixed offset
 * from the thread pointer) says whether there is anything to clear, so a call
 * that succeeds never reaches the larger block below through __tls_get_addr. */
_Thread_local bool ukc__error_dirty UKC_TLS_IE;

static _Thread_local thread_error tls_error = {
    .pub = { .size = sizeof(ukc_error), .status = UKC_OK, .message = "", .offset = -1, .path = "",
             .index = -1 },
};

struct status_text {
    const char *name;
    const char *text;
};

/* Indexed by status number; the numbers are fixed in error.h. */
static const struct status_text status_texts[] = {
    [UKC_OK] = { "UKC_OK", "success" },
    [UKC_ERR_INVALID_ARGUMENT] = { "UKC_ERR_INVALID_ARGUMENT", "invalid argument" },
    [UKC_ERR_PARSE] = { "UKC_ERR_PARSE", "malformed input" },
    [UKC_ERR_OUT_OF_RANGE] = { "UKC_ERR_OUT_OF_RANGE", "out of the supported range" },
    [UKC_ERR_NO_MEMORY] = { "UKC_ERR_NO_MEMORY", "out of memory" },
    [UKC_ERR_NOT_FOUND] = { "UKC_ERR_NOT_FOUND", "no such name" },
    [UKC_ERR_NOT_SET] = { "UKC_ERR_NOT_SET", "the policy's source sets no such rule" },
    [UKC_ERR_IO] = { "UKC_ERR_IO", "input/output error" },
    [UKC_ERR_INVALID_UTF8] = { "UKC_ERR_INVALID_UTF8", "invalid UTF-8" },
    [UKC_ERR_TOO_LONG] = { "UKC_ERR_TOO_LONG", "input too long" },
    [UKC_ERR_TOO_DEEP] = { "UKC_ERR_TOO_DEEP", "input nested too deeply" },
    [UKC_ERR_INVALID_DATA] = { "UKC_ERR_INVALID_DATA", "input breaks the format's rules" },
    [UKC_ERR_BUFFER_TOO_SMALL] = { "UKC_ERR_BUFFER_TOO_SMALL", "buffer too small" },
    [UKC_ERR_VERSION] = { "UKC_ERR_VERSION", "unsupported version" },
    [UKC_ERR_STATE] = { "UKC_ERR_STATE", "not allowed in the present state" },
    [UKC_ERR_TOO_MANY] = { "UKC_ERR_TOO_MANY", "too many items" },
    [UKC_ERR_INTERNAL] = { "UKC_ERR_INTERNAL", "internal error" },
};

static const struct status_text *lookup(ukc_status status)
{
    size_t i = (size_t)status;
    if (i >= sizeof status_texts / sizeof status_texts[0] || !status_texts[i].name)
        return NULL;
    return &status_texts[i];
}

/* The two status texts leave the error alone: they are what a caller uses to
 * report it, often in the same expression as ukc_last_error(). */
const char *ukc_status_str(ukc_status status)
{
    const struct status_text *t = lookup(status);
    return t ? t->text : "unknown status";
}

const char *ukc_status_name(ukc_status status)
{
    const struct status_text *t = lookup(status);
    return t ? t->name : "UKC_ERR_UNKNOWN";
}

const ukc_error *ukc_last_error(void)
{
    thread_error *e = &tls_error;
    e->pub.message = e->message;
    e->pub.path = e->path;
    return &e->pub;
}

void ukc__error_clear(void)
{
    thread_error *e = &tls_error;
    ukc__error_dirty = false;
    e->pub.status = UKC_OK;
    e->pub.line = 0;
    e->pub.column = 0;
    e->pub.offset = -1;
    e->pub.index = -1;
    e->message[0] = '\0';
    e->path[0] = '\0';
}

ukc_status ukc__fail(ukc_status status, const char *fmt, ...)
{
    thread_error *e = &tls_error;
    va_list ap;

    ukc__error_dirty = true;
    e->pub.status = status;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    return status;
}

void ukc__error_position(int32_t line, int32_t column, int64_t offset)
{
    ukc__error_dirty = true;
    tls_error.pub.line = line;
    tls_error.pub.column = column;
    tls_error.pub.offset = offset;
}

void ukc__error_path(const char *path)
{
    ukc__error_dirty = true;
    snprintf(tls_error.path, sizeof tls_error.path, "%s", path ? path : "");
}

void ukc__error_index(int64_t index)
{
    ukc__error_dirty = true;
    tls_error.pub.index = index;
}

ukc_status ukc__error_status(void)
{
    return ukc__error_dirty ? tls_error.pub.status : UKC_OK;
}
