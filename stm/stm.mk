# stm/stm.mk -- extra targets of stm/ (included by the top-level Makefile).
#
#   make stm-stress   the model-based random tester with many seeds and
#                     steps (release, then asan), and the short real-thread
#                     test repeated, also in the random-abort stress mode
#                     (PYPYSTM_RANDOM_ABORT); about a minute, not in check.
#                     STM_STRESS_SEEDS / STM_STRESS_STEPS / STM_STRESS_RUNS
#                     change the size.

STM_STRESS_SEEDS ?= 100
STM_STRESS_STEPS ?= 1000000
STM_STRESS_RUNS  ?= 30

.PHONY: stm-stress
stm-stress:
	$(MAKE) VARIANT=release BUILDDIR=$(BUILDDIR) \
	  $(BUILDDIR)/release/tests/test_stm_model \
	  $(BUILDDIR)/release/tests/test_stm_threads
	STM_MODEL_SEED=1000 STM_MODEL_SEEDS=$(STM_STRESS_SEEDS) \
	  STM_MODEL_STEPS=$(STM_STRESS_STEPS) $(BUILDDIR)/release/tests/test_stm_model
	$(MAKE) VARIANT=asan BUILDDIR=$(BUILDDIR) $(BUILDDIR)/asan/tests/test_stm_model
	STM_MODEL_SEED=5000 STM_MODEL_SEEDS=8 \
	  STM_MODEL_STEPS=$(STM_STRESS_STEPS) $(BUILDDIR)/asan/tests/test_stm_model
	i=0; while [ $$i -lt $(STM_STRESS_RUNS) ]; do \
	  $(BUILDDIR)/release/tests/test_stm_threads >/dev/null || \
	    { echo "stm-stress: test_stm_threads failed on run $$i"; exit 1; }; \
	  i=$$((i + 1)); done; echo "stm-stress: $(STM_STRESS_RUNS) thread runs passed"
	i=0; while [ $$i -lt 10 ]; do \
	  PYPYSTM_RANDOM_ABORT=10 $(BUILDDIR)/release/tests/test_stm_threads >/dev/null || \
	    { echo "stm-stress: test_stm_threads failed with random aborts"; exit 1; }; \
	  i=$$((i + 1)); done; echo "stm-stress: 10 thread runs with random aborts passed"
