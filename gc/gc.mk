# gc/gc.mk -- extra targets of gc/ (included by the top-level Makefile).
#
#   make bench-gc    optimised build of tests/bench/bench_gc.c, then run it:
#                    allocation rate against malloc+free, stop-the-world
#                    round trip, collection pauses with 10^7 live objects,
#                    peak RSS.  Figures, not a test.
#   make check-gc    build and run only the gc/ unit tests (any VARIANT).

.PHONY: bench-gc check-gc
bench-gc:
	$(MAKE) VARIANT=release BUILDDIR=$(BUILDDIR) $(BUILDDIR)/release/bench/bench_gc
	$(BUILDDIR)/release/bench/bench_gc

$(B)/bench/bench_gc: $(B)/obj/tests/bench/bench_gc.o $(LIBGC)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

GC_UNIT_BINS := $(filter $(B)/tests/test_gc_%,$(UNIT_BINS))

check-gc: $(GC_UNIT_BINS)
	@fail=0; for t in $(GC_UNIT_BINS); do \
	    if timeout 300 $$t > $$t.log 2>&1; then :; else fail=1; fi; \
	    grep '^UNIT ' $$t.log || { echo "$$t: crashed (see $$t.log)"; fail=1; }; \
	done; exit $$fail
