/* main.c -- the pypy-stm command line.
 *
 * Running programs needs the eval loop, which is not built yet: for now the
 * binary reports its version and refuses to run code with a clear message
 * and exit status 2. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#define PYPYSTM_VERSION "0.1.0"

static void usage(FILE *f)
{
    fprintf(f, "usage: pypy-stm [--version] [--help] [file | -c cmd | -m mod] [arg] ...\n");
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--version") || !strcmp(argv[i], "-V")) {
            fprintf(stderr, "Python 2.7.18 (pypy-stm %s)\n", PYPYSTM_VERSION);
            return 0;
        }
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        }
    }
    fprintf(stderr, "pypy-stm: running Python code is not implemented yet "
                    "(the eval loop has not been built)\n");
    usage(stderr);
    return 2;
}
