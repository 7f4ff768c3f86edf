/* fuzz_frontend.h -- the one fuzz entry point of the front end, shared by
 * the libFuzzer binary (make fuzz) and the replay driver of the regression
 * tier (tests/tiers/43-fuzz-regress.sh). */
#ifndef FUZZ_FRONTEND_H
#define FUZZ_FRONTEND_H

#include <stddef.h>
#include <stdint.h>

/* Feeds one input to the front end.  The first byte selects the path:
   even -> tokenizer + parser + compiler (+ marshal round trip of the
   resulting code object), bits 1-2 choose exec/eval/single mode and bit 3
   the inherited unicode_literals flag; odd -> the marshal loader (then a
   dump of whatever it loaded).  Returns 0.  Calls abort() when a contract
   is broken (NULL without an exception, an exception left set on success,
   a code object whose marshal form changes after a load), so that both
   drivers report it as a crash.  Not thread-safe (one fuzzing thread). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
