# gc/gc.mk -- extra targets of gc/ (included by the top-level Makefile).
#
#   make bench-gc    optimised build of tests/bench/bench_gc.c, then run it:
#                    allocation rate against malloc+free, collection pause
#                    with 10^7 live objects, peak RSS.

.PHONY: bench-gc
bench-gc:
	$(MAKE) VARIANT=release BUILDDIR=$(BUILDDIR) $(BUILDDIR)/release/bench/bench_gc
	$(BUILDDIR)/release/bench/bench_gc

$(B)/bench/bench_gc: $(B)/obj/tests/bench/bench_gc.o $(LIBGC)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)
