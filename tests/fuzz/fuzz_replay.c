/* fuzz_replay.c -- runs saved fuzz inputs through the fuzz entry point in
 * an ordinary (non-libFuzzer) build: the regression tier
 * tests/tiers/43-fuzz-regress.sh and crash reproduction.
 *
 *   fuzz_frontend_replay FILE_OR_DIR...
 *
 * A directory stands for the files directly inside it.  Prints one line
 * "replayed N inputs" and exits 0; a crashing input crashes the process
 * (after "replaying PATH" was printed to stderr, so the culprit is known). */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tests/fuzz/fuzz_frontend.h"

static long replayed;

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 4096, n = 0;
    unsigned char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        fprintf(stderr, "out of memory\n");
        return -1;
    }
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            unsigned char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                fclose(f);
                fprintf(stderr, "out of memory\n");
                return -1;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        fprintf(stderr, "%s: read error\n", path);
        return -1;
    }
    fprintf(stderr, "replaying %s\n", path);
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    replayed++;
    return 0;
}

static int replay(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode))
        return replay_file(path);
    struct dirent **names;
    int k = scandir(path, &names, NULL, alphasort);
    if (k < 0) {
        perror(path);
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < k; i++) {
        const char *name = names[i]->d_name;
        if (name[0] != '.') {
            size_t len = strlen(path) + strlen(name) + 2;
            char *full = malloc(len);
            if (!full) {
                rc = -1;
            } else {
                snprintf(full, len, "%s/%s", path, name);
                struct stat fst;
                if (stat(full, &fst) == 0 && S_ISREG(fst.st_mode)
                    && replay_file(full) != 0)
                    rc = -1;
                free(full);
            }
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    int rc = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++)
        if (replay(argv[i]) != 0)
            rc = 1;
    printf("replayed %ld inputs\n", replayed);
    return rc;
}
