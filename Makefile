# The one Makefile.  Subsystems add targets in their own fragments
# (gc/gc.mk, stm/stm.mk, interp/interp.mk, tests/tests.mk), included below.
#
#   make            optimised build, ./pypy-stm
#   make debug      build/debug/pypy-stm   (-O0, assertions, PYPYSTM_DEBUG=1)
#   make asan       build/asan/pypy-stm    (ASan + UBSan)
#   make check      every test tier; ends with "N passed, M failed"

ifeq ($(wildcard config.mk),)
$(error config.mk is missing: run ./configure first)
endif
include config.mk

VARIANT ?= release
BUILDDIR ?= build
B := $(BUILDDIR)/$(VARIANT)

WARN := -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes \
        -Wstrict-prototypes -Wundef
CFLAGS_release := -O2 -g
CFLAGS_debug   := -O0 -g3 -DPYPYSTM_DEBUG=1
CFLAGS_asan    := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
                  -fno-sanitize-recover=undefined -DPYPYSTM_DEBUG=1 -DPYPYSTM_ASAN=1
CFLAGS_verify  := -O1 -g -DPYPYSTM_DEBUG=1 -DSTM_VERIFY=1
LDFLAGS_asan   := -fsanitize=address,undefined
CFLAGS_fuzz    := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -DPYPYSTM_DEBUG=1 -DPYPYSTM_ASAN=1 -DPYPYSTM_FUZZ=1
LDFLAGS_fuzz   := -fsanitize=address,undefined

CPPFLAGS := -I. -D_GNU_SOURCE -MMD -MP
CFLAGS   := -std=c11 $(WARN) $(CFLAGS_$(VARIANT)) $(EXTRA_CFLAGS)
LDFLAGS  := $(LDFLAGS_$(VARIANT)) $(EXTRA_LDFLAGS)

# Three libraries, following the layering interp, modules -> stm -> gc.
MAIN_SRC   := interp/main.c
GC_SRC     := $(sort $(wildcard gc/*.c))
STM_SRC    := $(sort $(wildcard stm/*.c))
INTERP_SRC := $(filter-out $(MAIN_SRC), $(sort $(wildcard interp/*.c \
                interp/objects/*.c modules/*.c modules/*/*.c jit/*.c)))
LIBGC      := $(B)/libgc.a
LIBSTM     := $(B)/libstm.a
LIBINTERP  := $(B)/libinterp.a
LIB        := $(LIBINTERP) $(LIBSTM) $(LIBGC)

# Unit tests: tests/unit/test_gc_*.c link gc/ only, test_stm_*.c stm/ and
# gc/, every other test_*.c the whole library.
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
UNIT_HARNESS := $(B)/obj/tests/unit/unit.o

# Extra prerequisites of `make check`, added by the fragments.
CHECK_DEPS :=

.PHONY: all debug asan check unit clean distclean bench
# Keep object files of test binaries (they would be deleted as intermediates).
.SECONDARY:
all: pypy-stm

pypy-stm: $(B)/pypy-stm
	cp $< $@

debug:
	$(MAKE) VARIANT=debug build/debug/pypy-stm
asan:
	$(MAKE) VARIANT=asan build/asan/pypy-stm

$(B)/obj/%.o: %.c config.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(LIBGC): $(GC_SRC:%.c=$(B)/obj/%.o)
$(LIBSTM): $(STM_SRC:%.c=$(B)/obj/%.o)
$(LIBINTERP): $(INTERP_SRC:%.c=$(B)/obj/%.o)
$(LIB):
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(B)/pypy-stm: $(B)/obj/$(MAIN_SRC:.c=.o) $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/tests/test_gc_%: $(B)/obj/tests/unit/test_gc_%.o $(UNIT_HARNESS) $(LIBGC)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS) $(TEST_LIBS)
$(B)/tests/test_stm_%: $(B)/obj/tests/unit/test_stm_%.o $(UNIT_HARNESS) $(LIBSTM) $(LIBGC)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS) $(TEST_LIBS)
$(B)/tests/test_%: $(B)/obj/tests/unit/test_%.o $(UNIT_HARNESS) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS) $(TEST_LIBS)

unit: $(UNIT_BINS)

-include gc/gc.mk stm/stm.mk stm/tools.mk interp/interp.mk tests/tests.mk tests/frontend.mk

check: $(B)/pypy-stm $(UNIT_BINS) $(CHECK_DEPS)
	@VARIANT=$(VARIANT) B=$(B) CPYTHON="$(CPYTHON)" STDLIB="$(STDLIB)" sh tests/run-checks.sh

# Every benchmark (never part of `make check`).
bench: bench-gc bench-stm bench-compile

clean:
	rm -rf build pypy-stm
distclean: clean
	rm -f config.h config.mk

-include $(shell find $(B) -name '*.d' 2>/dev/null)
