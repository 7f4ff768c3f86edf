# tests/frontend.mk -- front-end test infrastructure (engineer "fetests"):
# differential tiers 41/42, the fuzz target and its regression replay
# (tier 43), and the compile benchmark.  docs/frontend-testing.md explains.
#
#   make fuzz            libFuzzer build (clang, VARIANT=fuzz) + run for
#                        FUZZ_SECONDS (default 600) on tests/fuzz/corpus
#   make fuzz-build      only build it
#   make bench-compile   compile the stdlib here and with CPython 2.7
#   make check-frontend  only tiers 41-43 (about 2 minutes)

FUZZ_SECONDS ?= 600
FUZZ_CC ?= clang

FUZZ_OBJ := $(B)/obj/tests/fuzz/fuzz_frontend.o

# Replay driver: the same entry point in an ordinary build.
$(B)/tests/fuzz_frontend_replay: $(FUZZ_OBJ) $(B)/obj/tests/fuzz/fuzz_replay.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# libFuzzer binary: only meaningful with VARIANT=fuzz CC=clang (the library
# objects are then built with -fsanitize=fuzzer-no-link).
$(B)/tests/fuzz_frontend: $(FUZZ_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/tests/bench_compile_inproc: $(B)/obj/tests/bench/bench_compile_inproc.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# The replay driver is a prerequisite of `make check` (tier 43).
CHECK_DEPS += $(B)/tests/fuzz_frontend_replay

.PHONY: fuzz fuzz-build bench-compile check-frontend
# -Wno-error: clang warns about things gcc does not; warnings are the gcc
# build's business, and they must not keep the fuzzer from running.
fuzz-build:
	$(MAKE) VARIANT=fuzz CC=$(FUZZ_CC) BUILDDIR=$(BUILDDIR) \
	    EXTRA_CFLAGS="$(EXTRA_CFLAGS) -Wno-error" \
	    $(BUILDDIR)/fuzz/tests/fuzz_frontend
fuzz: fuzz-build
	sh tests/fuzz/run-fuzz.sh $(BUILDDIR)/fuzz/tests/fuzz_frontend $(FUZZ_SECONDS)

bench-compile: $(B)/pypy-stm $(B)/tests/bench_compile_inproc
	@B=$(B) CPYTHON="$(CPYTHON)" STDLIB="$(STDLIB)" sh tests/bench/bench_compile.sh

check-frontend: $(B)/pypy-stm $(B)/tests/fuzz_frontend_replay
	@for t in tests/tiers/41-frontend-accept.sh tests/tiers/42-frontend-roundtrip.sh \
	          tests/tiers/43-fuzz-regress.sh; do \
	    echo "== tier $$(basename $$t .sh)"; \
	    B=$(B) CPYTHON="$(CPYTHON)" STDLIB="$(STDLIB)" sh $$t; \
	done
