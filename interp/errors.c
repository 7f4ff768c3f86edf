/* errors.c -- setting, testing and printing the pending exception
 * (CPython 2.7's Python/errors.c and the no-traceback part of
 * pythonrun.c's PyErr_Display). */
#include "interp/errors.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/objects/intobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/tupleobject.h"
#include "interp/pystate.h"

/* Raised by py_err_no_memory without allocating (made at start-up by
   py_errors_init, a GC root). */
static py_object_t *memory_error_instance;

static void set_pending(py_type_t *type, py_object_t *value)
{
    py_thread_state_t *ts = py_thread_state_get();
    ts->exc_type = type;
    ts->exc_value = value;
    ts->exc_tb = NULL;
}

py_object_t *py_err_no_memory(void)
{
    if (memory_error_instance)
        set_pending(py_exc_MemoryError_type, memory_error_instance);
    else
        /* Before start-up finished: the type may not exist either; a
           pending "type" of NULL would read as no error, so use what we
           have. */
        set_pending(py_exc_MemoryError_type, NULL);
    return NULL;
}

int py_errors_init(void)
{
    if (memory_error_instance)
        return 0;
    py_object_t *e = py_exc_new(py_exc_MemoryError_type, NULL);
    if (!e)
        return -1;
    memory_error_instance = e;
    gc_add_root((void **)&memory_error_instance);
    return 0;
}

void py_err_set_object(py_type_t *type, py_object_t *value)
{
    py_object_t *exc;
    if (!type) {
        /* Only before py_runtime_init made the classes: a bug in the
           caller, reported as clearly as we can without a heap. */
        fprintf(stderr, "pypy-stm: an exception was raised before "
                        "py_runtime_init()\n");
        abort();
    }
    if (value && py_type_of(value) == type) {
        exc = value;
    } else if (value && py_exc_check(value) &&
               py_type_is_subtype(py_type_of(value), type)) {
        exc = value;
        type = py_type_of(value);
    } else {
        py_object_t *args = value;
        if (value && !py_tuple_check(value)) {
            args = py_tuple_new(1);
            if (!args) {
                py_err_no_memory();
                return;
            }
            py_tuple_init_item(args, 0, value);
        }
        exc = py_exc_new(type, args);
        if (!exc) {
            if (!py_err_occurred())
                py_err_no_memory();
            return;
        }
    }
    set_pending(type, exc);
}

void py_err_set_string(py_type_t *type, const char *msg)
{
    py_object_t *s = py_str_from_cstr(msg);
    if (!s) {
        py_err_no_memory();
        return;
    }
    py_err_set_object(type, s);
}

py_object_t *py_err_format(py_type_t *type, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    py_object_t *s = py_str_from_vformat(fmt, ap);
    va_end(ap);
    if (!s) {
        py_err_no_memory();
        return NULL;
    }
    py_err_set_object(type, s);
    return NULL;
}

void py_err_syntax(py_type_t *type, const char *msg, py_object_t *filename,
                   int lineno, int offset, const char *text)
{
    py_object_t *info[4], *args[2];
    info[0] = filename ? filename : py_None;
    if (!(info[1] = py_int_from_long(lineno)))
        goto nomem;
    if (offset < 0)
        info[2] = py_None;
    else if (!(info[2] = py_int_from_long(offset)))
        goto nomem;
    info[3] = py_None;
    if (text && !(info[3] = py_str_from_cstr(text)))
        goto nomem;
    if (!(args[0] = py_str_from_cstr(msg)) || !(args[1] = py_tuple_pack(4, info)))
        goto nomem;
    py_object_t *t = py_tuple_pack(2, args);
    if (!t)
        goto nomem;
    py_err_set_object(type, t);
    return;
nomem:
    py_err_no_memory();
}

py_object_t *py_err_bad_internal_call_at(const char *file, int line)
{
    return py_err_format(py_exc_SystemError_type,
                         "%s:%d: bad argument to internal function", file, line);
}

bool py_err_occurred(void)
{
    return py_thread_state_get()->exc_type != NULL;
}

py_type_t *py_err_occurred_type(void)
{
    return py_thread_state_get()->exc_type;
}

bool py_err_given_matches(py_type_t *given, py_object_t *exc)
{
    if (!given || !exc)
        return false;
    if (py_tuple_check(exc)) {
        for (size_t i = 0; i < py_tuple_size(exc); i++)
            if (py_err_given_matches(given, py_tuple_get_item(exc, i)))
                return true;
        return false;
    }
    if (py_type_of(exc) != py_type_type)
        return false;
    return py_type_is_subtype(given, (py_type_t *)exc);
}

bool py_err_matches(py_type_t *type)
{
    py_type_t *t = py_thread_state_get()->exc_type;
    return t && py_type_is_subtype(t, type);
}

void py_err_clear(void)
{
    set_pending(NULL, NULL);
}

void py_err_fetch(py_type_t **type, py_object_t **value, py_object_t **tb)
{
    py_thread_state_t *ts = py_thread_state_get();
    *type = ts->exc_type;
    *value = ts->exc_value;
    *tb = ts->exc_tb;
    ts->exc_type = NULL;
    ts->exc_value = NULL;
    ts->exc_tb = NULL;
}

void py_err_restore(py_type_t *type, py_object_t *value, py_object_t *tb)
{
    py_thread_state_t *ts = py_thread_state_get();
    ts->exc_type = type;
    ts->exc_value = type ? value : NULL;
    ts->exc_tb = type ? tb : NULL;
}

/* ---- printing ----------------------------------------------------------- */

/* The source line and caret of a SyntaxError (CPython 2.7's
   print_error_text): OFFSET is 1-based; the line is shown without its
   leading blanks and the caret moved accordingly. */
static void print_error_text(FILE *f, long offset, const char *text)
{
    if (offset >= 0) {
        size_t len = strlen(text);
        if (offset > 0 && (size_t)offset == len && text[offset - 1] == '\n')
            offset--;
        for (;;) {
            const char *nl = strchr(text, '\n');
            if (!nl || nl - text >= offset)
                break;
            offset -= (long)(nl + 1 - text);
            text = nl + 1;
        }
        while (*text == ' ' || *text == '\t') {
            text++;
            offset--;
        }
    }
    fputs("    ", f);
    fputs(text, f);
    if (*text == '\0' || text[strlen(text) - 1] != '\n')
        fputc('\n', f);
    if (offset == -1)
        return;
    fputs("    ", f);
    for (offset--; offset > 0; offset--)
        fputc(' ', f);
    fputs("^\n", f);
}

void py_err_display(py_object_t *exc, void *file)
{
    FILE *f = file;
    py_type_t *type = py_type_of(exc);
    py_object_t *value = exc;
    if (py_exc_has_print_file_and_line(exc)) {
        py_object_t *fn = py_exc_syntax_filename(exc);
        py_object_t *ln = py_exc_syntax_lineno(exc);
        py_object_t *off = py_exc_syntax_offset(exc);
        py_object_t *text = py_exc_syntax_text(exc);
        /* CPython prints the File line only when the fields parse; a
           SyntaxError raised by Python code without location skips it. */
        if (ln && py_int_check(ln)) {
            fprintf(f, "  File \"%s\", line %ld\n",
                    fn && py_str_check(fn) ? py_str_data(fn) : "<string>",
                    py_int_value(ln));
            if (text && py_str_check(text))
                print_error_text(f, off && py_int_check(off) ? py_int_value(off)
                                                             : -1,
                                 py_str_data(text));
            value = py_exc_syntax_msg(exc);
        }
    }
    fputs(py_type_short_name(type), f);
    if (value && value != py_None) {
        py_object_t *s = py_object_str(value);
        if (!s) {
            py_err_clear();
            fputs(": <exception str() failed>", f);
        } else if (py_str_len(s) != 0) {
            fputs(": ", f);
            fwrite(py_str_data(s), 1, py_str_len(s), f);
        }
    }
    fputc('\n', f);
    fflush(f);
}

void py_err_print(void)
{
    py_type_t *type;
    py_object_t *value, *tb;
    py_err_fetch(&type, &value, &tb);
    if (!type)
        return;
    if (!value) {
        /* Only the early-start-up MemoryError has no instance. */
        fprintf(stderr, "%s\n", py_type_short_name(type));
        return;
    }
    py_err_display(value, stderr);
}
