/* dis.c -- CPython 2.7's dis.disassemble, reimplemented over our code
 * objects.  The text reproduces what the `print x,` statements of
 * Lib/dis.py write (the soft spaces between fields included). */
#include "interp/dis.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "interp/errors.h"
#include "interp/opcodes.h"
#include "interp/objects/codeobject.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/tupleobject.h"

/* Line starts (dis.findlinestarts): LINE_AT[offset] is the line starting
   at that offset, or 0. */
static void find_linestarts(py_object_t *co, int *line_at, size_t n)
{
    py_object_t *tab = py_code_lnotab(co);
    const uint8_t *t = (const uint8_t *)py_str_data(tab);
    size_t len = py_str_len(tab);
    long lineno = py_code_firstlineno(co), last = -1;
    size_t addr = 0;
    for (size_t k = 0; k + 1 < len; k += 2) {
        if (t[k]) {
            if (lineno != last) {
                if (addr < n)
                    line_at[addr] = (int)lineno;
                last = lineno;
            }
            addr += t[k];
        }
        lineno += t[k + 1];
    }
    if (lineno != last && addr < n)
        line_at[addr] = (int)lineno;
}

static void write_obj(FILE *out, py_object_t *s)
{
    fwrite(py_str_data(s), 1, py_str_len(s), out);
}

static int write_tuple_item(FILE *out, py_object_t *tuple, long idx)
{
    if (idx < 0 || (size_t)idx >= py_tuple_size(tuple)) {
        fputs("(<index out of range>)", out);
        return 0;
    }
    py_object_t *o = py_tuple_get_item(tuple, (size_t)idx);
    fputc('(', out);
    if (py_str_check(o))
        write_obj(out, o);
    else
        fputs("?", out);
    fputc(')', out);
    return 0;
}

int py_dis_code(FILE *out, py_object_t *co)
{
    if (!py_code_check(co)) {
        py_err_set_string(py_exc_TypeError_type, "dis: not a code object");
        return -1;
    }
    py_object_t *code = py_code_code(co);
    const uint8_t *c = (const uint8_t *)py_str_data(code);
    size_t n = py_str_len(code);
    bool *labels = calloc(n + 1, sizeof *labels);
    int *line_at = calloc(n + 1, sizeof *line_at);
    if (!labels || !line_at) {
        free(labels);
        free(line_at);
        py_err_no_memory();
        return -1;
    }
    /* dis.findlabels: no EXTENDED_ARG handling, as CPython's. */
    for (size_t i = 0; i < n;) {
        int op = c[i++];
        if (op < PY_HAVE_ARGUMENT)
            continue;
        if (i + 2 > n)
            break;
        long arg = c[i] | (c[i + 1] << 8);
        i += 2;
        unsigned f = py_opcode_flags(op);
        long label = -1;
        if (f & PY_OPF_JREL)
            label = (long)i + arg;
        else if (f & PY_OPF_JABS)
            label = arg;
        if (label >= 0 && (size_t)label < n)
            labels[label] = true;
    }
    find_linestarts(co, line_at, n);
    int rc = 0;
    long extended = 0;
    bool ext_long = false;   /* after EXTENDED_ARG, Python 2 makes a long */
    for (size_t i = 0; i < n;) {
        int op = c[i];
        if (line_at[i]) {
            if (i > 0)
                fputc('\n', out);
            fprintf(out, "%3d", line_at[i]);
        } else {
            fputs("   ", out);
        }
        fprintf(out, "     %s %4zu %-20s", labels[i] ? ">>" : "  ", i,
                py_opcode_name(op));
        i++;
        if (op >= PY_HAVE_ARGUMENT) {
            if (i + 2 > n) {
                fputc('\n', out);
                break;
            }
            long arg = c[i] + c[i + 1] * 256L + extended;
            bool is_long = ext_long;
            extended = 0;
            ext_long = false;
            i += 2;
            if (op == PY_OP_EXTENDED_ARG) {
                extended = arg * 65536L;
                ext_long = true;
            }
            char num[32];
            snprintf(num, sizeof num, "%ld%s", arg, is_long ? "L" : "");
            fprintf(out, " %5s", num);
            unsigned f = py_opcode_flags(op);
            if (f & PY_OPF_CONST) {
                py_object_t *consts = py_code_consts(co);
                if (arg < 0 || (size_t)arg >= py_tuple_size(consts)) {
                    fputs(" (<index out of range>)", out);
                } else {
                    py_object_t *r = py_object_repr(
                        py_tuple_get_item(consts, (size_t)arg));
                    if (!r) {
                        rc = -1;
                        break;
                    }
                    fputs(" (", out);
                    write_obj(out, r);
                    fputc(')', out);
                }
            } else if (f & PY_OPF_NAME) {
                fputc(' ', out);
                write_tuple_item(out, py_code_names(co), arg);
            } else if (f & PY_OPF_JREL) {
                fprintf(out, " (to %ld%s)", (long)i + arg, is_long ? "L" : "");
            } else if (f & PY_OPF_LOCAL) {
                fputc(' ', out);
                write_tuple_item(out, py_code_varnames(co), arg);
            } else if (f & PY_OPF_COMPARE) {
                fprintf(out, " (%s)", py_cmp_kind_name((int)arg));
            } else if (f & PY_OPF_FREE) {
                py_object_t *cells = py_code_cellvars(co);
                size_t ncells = py_tuple_size(cells);
                fputc(' ', out);
                if (arg >= 0 && (size_t)arg < ncells)
                    write_tuple_item(out, cells, arg);
                else
                    write_tuple_item(out, py_code_freevars(co),
                                     arg - (long)ncells);
            }
        }
        fputc('\n', out);
    }
    free(labels);
    free(line_at);
    return rc;
}

int py_dis_recursive(FILE *out, py_object_t *co)
{
    fputs("Disassembly of ", out);
    write_obj(out, py_code_name(co));
    fputs(":\n", out);
    if (py_dis_code(out, co) < 0)
        return -1;
    fputc('\n', out);
    py_object_t *consts = py_code_consts(co);
    for (size_t i = 0; i < py_tuple_size(consts); i++) {
        py_object_t *k = py_tuple_get_item(consts, i);
        if (py_code_check(k) && py_dis_recursive(out, k) < 0)
            return -1;
    }
    return 0;
}
