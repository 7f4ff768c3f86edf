# stm/tools.mk -- stm test tools (stress programs, benchmark, barrier
# verification, spin models); included by the top-level Makefile.
# docs/stm-testing.md says what each one checks.
#
#   make stm-model    exhaustive spin verification of stm/model/*.pml (the
#                     protocol, then each mutant must be caught, larger
#                     sizes, liveness); ~20 minutes, up to 4 GiB per check
#   make stm-stress   (adds to stm/stm.mk's target) tests/stm/bank, 10 s per
#                     configuration, release and debug builds, commit v1 and
#                     (when available) v2; STM_BANK_SECONDS changes the 10
#   make bench-stm    tests/bench/bench_stm.c, optimised build
#   make stm-verify   VARIANT=verify build of tests/unit/test_stm_verify*.c

STM_BANK_SECONDS ?= 10
SPIN ?= spin

# Stress programs and the benchmark link stm/ and gc/ only.
$(B)/stm/%: $(B)/obj/tests/stm/%.o $(LIBSTM) $(LIBGC)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)
$(B)/bench/bench_stm: $(B)/obj/tests/bench/bench_stm.o $(LIBSTM) $(LIBGC)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# The short bank runs of tests/tiers/30-stm-stress.sh.
CHECK_DEPS += $(B)/stm/bank

.PHONY: stm-model stm-stress stmtools-stress bench-stm stm-verify

stm-model:
	@SPIN="$(SPIN)" CC="$(CC)" sh stm/model/run.sh full

stm-stress: stmtools-stress
stmtools-stress:
	$(MAKE) VARIANT=release BUILDDIR=$(BUILDDIR) $(BUILDDIR)/release/stm/bank
	$(MAKE) VARIANT=debug BUILDDIR=$(BUILDDIR) $(BUILDDIR)/debug/stm/bank
	@set -e; for v in release debug; do \
	  for c in 2 1; do \
	    for t in 2 4; do \
	      echo "== bank $$v commit v$$c, $$t movers + 1 summer, $(STM_BANK_SECONDS) s"; \
	      $(BUILDDIR)/$$v/stm/bank -t $$t -u 1 -c $$c -s $(STM_BANK_SECONDS); \
	    done; \
	    echo "== bank $$v commit v$$c, random aborts, inevitable every 50th"; \
	    $(BUILDDIR)/$$v/stm/bank -t 2 -u 1 -c $$c -r 50 -i 50 -s $(STM_BANK_SECONDS); \
	    echo "== bank $$v commit v$$c, frequent collections (PYPYSTM_GC_GROWTH=1.05)"; \
	    PYPYSTM_GC_GROWTH=1.05 $(BUILDDIR)/$$v/stm/bank -t 4 -u 1 -x 16 -c $$c -s $(STM_BANK_SECONDS); \
	  done; done

bench-stm:
	$(MAKE) VARIANT=release BUILDDIR=$(BUILDDIR) $(BUILDDIR)/release/bench/bench_stm
	$(BUILDDIR)/release/bench/bench_stm

STM_VERIFY_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_stm_verify*.c))
stm-verify:
	$(MAKE) VARIANT=verify BUILDDIR=$(BUILDDIR) \
	  $(STM_VERIFY_TESTS:%=$(BUILDDIR)/verify/tests/%)
	@set -e; for t in $(STM_VERIFY_TESTS); do $(BUILDDIR)/verify/tests/$$t; done
.PRECIOUS: $(B)/obj/tests/stm/%.o $(B)/obj/tests/bench/%.o
