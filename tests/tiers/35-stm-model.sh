#!/bin/sh
# Tier stm-model: exhaustive spin verification of the stm commit protocol
# models at their default sizes, and a check that spin catches every
# mutant of the protocol (stm/model/run.sh quick; ~20 s).  The larger
# sizes and the liveness check are `make stm-model`.
exec sh stm/model/run.sh quick
