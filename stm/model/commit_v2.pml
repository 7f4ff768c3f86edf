/* commit_v2.pml -- spin model of the version-2 commit protocol (DESIGN §4
 * "Version 2"; stm/stm_commit2.c): no global pause.
 *
 * The committer takes the commit lock, tags every written object
 * "committing", issues membarrier(), scans the other slots' read markers,
 * aborts itself if a reader is inevitable, else dooms the readers and
 * waits until each doomed attempt has ended, then writes back and clears
 * the tags.  Readers run all the while: a reader meeting a tag waits,
 * noticing doom and park requests while it waits.
 *
 * Memory model: x86-TSO for what matters here.  A read-marker store may sit
 * in its thread's store buffer (pend[]) while the thread's later loads run
 * (the store-load reordering membarrier() exists for); a buffered marker
 * becomes visible at the thread's own fence (W's slow path has one), at
 * the committer's membarrier(), or when the attempt ends.  Everything else
 * is sequentially consistent (locks, CAS and the tag stores are fenced in
 * stm/).
 *
 * Also modelled: write-write conflicts (the requester aborts, or, when
 * inevitable, stops the world, dooms the owner and takes the object over:
 * stm/'s steal()), becoming inevitable under the commit lock (so that a
 * committer never dooms a transaction that has just become inevitable),
 * or aborting to restart inevitable when the token is taken, K aborts in a
 * row restarting inevitable, and a collector that stops the world.
 *
 * Checked, exhaustively for the sizes given by -D:
 *   - opacity, with a ghost *logical* version per object that a commit
 *     changes for all its objects at once when its write-back starts: every
 *     value read is the logically current one (never an old value of an
 *     object whose commit has happened, never a new value before it), and
 *     at every read and at commit all earlier reads are still current;
 *   - an inevitable transaction is never aborted;
 *   - no deadlock (every wait blocks on what it needs);
 *   - (-DLIVENESS) every thread finishes, under weak fairness.
 *
 * Mutants (-DMUTANT=n; run.sh checks that each is caught):
 *   1  no membarrier() between tagging and scanning
 *   2  the committer does not wait for its doomed readers to end
 *   3  a reader meeting a committing tag reads the object anyway
 *   4  waiting on a tag does not notice doom
 *   5  becoming inevitable does not take the commit lock (a committer can
 *      doom a transaction that has just become inevitable)
 *
 * Not a mutant: W's slow path without its fence between the marker store
 * and the load of the word.  Spin finds no error (-DNO_W_FENCE): the
 * committer's membarrier() already makes that marker visible before its
 * scan, exactly as for R, which has no fence.
 */

#ifndef NT
#define NT 2
#endif
#ifndef NO
#define NO 2
#endif
#ifndef NTX
#define NTX 1
#endif
#ifndef NOPS
#define NOPS 2
#endif
#ifndef KMAX
#define KMAX 2
#endif
#ifndef GC
#define GC 1
#endif
#ifndef MUTANT
#define MUTANT 0
#endif
#ifndef STM_C_DOOM
#define STM_C_DOOM 0    /* 1: stm_doom() as stm/ had it before dooms carried
                           the attempt number: spin finds the race */
#endif
#define N_MUTANTS 5     /* run.sh checks that each one is caught */

#define IDX(t, o) ((t) * NO + (o))
#define ME (t + 1)

/* ---- shared state ---- */
byte owner[NO];         /* stm_copy owner: 0, or slot + 1 */
bool committing[NO];    /* stm_copy's committing tag */
bool rmark[NT * NO];    /* visible read markers of the current attempt */
bool pend[NT * NO];     /* marker stores still in the store buffer */
bool intx[NT];
bool doomed[NT];
bool parked[NT];
bool finished[NT];
bool want_inev[NT];     /* the retry must start inevitable */
bool vwait[NT];         /* the committer waits for this attempt of slot u to
                           end (stm/'s attempt_seq): set by the scan, cleared
                           when the attempt ends */
byte stopper;           /* who stops the world (collector, steal) */
byte commit_lock;
byte inev;              /* the inevitable token */

/* ---- ghosts ---- */
byte ver[NO];           /* physical: commit whose write-back wrote o */
byte lver[NO];          /* logical: last commit of o that has happened */
byte gstamp;            /* commits started writing back */
bool inrs[NT * NO];
byte readver[NT * NO];
byte ndone;

inline ghost_read(o) {
    d_step {
        assert(ver[o] == lver[o]);      /* the logically current value */
        for (k : 0 .. NO - 1) {
            assert(!inrs[IDX(t, k)] || readver[IDX(t, k)] == lver[k])
        }
        inrs[IDX(t, o)] = 1;
        readver[IDX(t, o)] = ver[o];
        k = 0
    }
}

/* A marker store: visible at once, or left in the store buffer. */
inline store_marker(o) {
    if
    :: rmark[IDX(t, o)] = 1
    :: !rmark[IDX(t, o)] -> pend[IDX(t, o)] = 1
    fi
}

/* mfence: this thread's buffered stores become visible. */
inline fence() {
    d_step {
        for (k : 0 .. NO - 1) {
            if
            :: pend[IDX(t, k)] -> pend[IDX(t, k)] = 0; rmark[IDX(t, k)] = 1
            :: else -> skip
            fi
        }
        k = 0
    }
}

/* membarrier(): every thread's buffered stores become visible. */
inline membarrier() {
    d_step {
        for (k : 0 .. NT * NO - 1) {
            if
            :: pend[k] -> pend[k] = 0; rmark[k] = 1
            :: else -> skip
            fi
        }
        k = 0
    }
}

inline park_if_requested() {
    if
    :: stopper != 0 && stopper != ME ->
        parked[t] = 1;
        atomic { stopper == 0 -> parked[t] = 0 }
    :: else -> skip
    fi
}

inline check_doom() {
    if
    :: doomed[t] && inev != ME -> goto abort
    :: else -> skip
    fi
}

inline safepoint() {
    park_if_requested();
    check_doom()
}

#define MUST_SERVICE ((stopper != 0 && stopper != ME) || (doomed[t] && inev != ME))
#define MUST_PARK (stopper != 0 && stopper != ME)

inline stop_world() {
    do
    :: atomic { stopper == 0 -> stopper = ME; break }
    :: MUST_PARK -> park_if_requested()
    od;
    for (u : 0 .. NT - 1) {
        if
        :: u != t -> (parked[u] || finished[u] || !intx[u])
        :: else -> skip
        fi
    }
    u = 0
}

/* Lock the commit lock, noticing doom while waiting (a committer may be
   waiting for exactly that), and once more after getting it. */
inline lock_commit() {
    do
    :: atomic { commit_lock == 0 -> commit_lock = ME; break }
    :: MUST_SERVICE -> safepoint()
    od;
    if
    :: doomed[t] && inev != ME -> commit_lock = 0; goto abort
    :: else -> skip
    fi
}

/* Wait while o is being written back. */
inline wait_tag(o) {
#if MUTANT != 3
    do
    :: !committing[o] -> break
#if MUTANT != 4
    :: MUST_SERVICE -> safepoint()
#else
    :: MUST_PARK -> park_if_requested()
#endif
    od
#else
    skip
#endif
}

inline R(o) {
    store_marker(o);
    if
    :: owner[o] == ME -> skip           /* our copy (never tagged by others) */
    :: else ->
        wait_tag(o);
        if
        :: owner[o] == ME -> skip
        :: else -> ghost_read(o)
        fi
    fi
}

inline W(o) {
    if
    :: owner[o] == ME -> skip
    :: else ->
        check_doom();
        store_marker(o);
#ifndef NO_W_FENCE
        fence();
#endif
        do
        :: owner[o] == ME -> break
        :: owner[o] != ME && committing[o] -> wait_tag(o)
        :: owner[o] != 0 && owner[o] != ME && !committing[o] && inev != ME ->
            goto abort                  /* write-write: the requester loses */
        :: owner[o] != 0 && owner[o] != ME && !committing[o] && inev == ME ->
            /* steal (stm_lock_world): commit lock, stop the world, doom
               the owner, take the object */
            lock_commit();
            stop_world();
            d_step {
                if
                :: owner[o] != 0 && owner[o] != ME ->
                    doomed[owner[o] - 1] = 1; owner[o] = 0
                :: else -> skip
                fi
            }
            stopper = 0;
            commit_lock = 0
        :: owner[o] == 0 ->
            ghost_read(o);              /* the copy */
            check_doom();               /* gc_alloc may have parked us */
            atomic {
                if
                :: owner[o] == 0 -> owner[o] = ME; wrote = 1
                :: else -> skip         /* retry: ends in a rule above */
                fi
            }
        od
    fi
}

inline become_inevitable() {
    if
    :: inev == ME -> skip
    :: else ->
        check_doom();
#if MUTANT != 5
        lock_commit();
#endif
        if
        :: atomic { inev == 0 -> inev = ME }
#if MUTANT != 5
            ; commit_lock = 0
#endif
        :: else ->
#if MUTANT != 5
            commit_lock = 0;
#endif
            want_inev[t] = 1; goto abort
        fi
    fi
}

inline commit() {
    if
    :: !wrote -> skip                   /* alone, no synchronisation */
    :: else ->
        lock_commit();
        for (o : 0 .. NO - 1) {         /* tag */
            if
            :: owner[o] == ME -> committing[o] = 1
            :: else -> skip
            fi
        }
        o = 0;
#if MUTANT != 1
        membarrier();
#endif
        d_step {                        /* never commit after a stale read */
            for (k : 0 .. NO - 1) {
                assert(!inrs[IDX(t, k)] || readver[IDX(t, k)] == lver[k])
            }
            k = 0
        }
        /* scan: one step per slot (stm/ reads each slot's markers and
           inevitable flag separately); an inevitable reader wins, the
           other readers are doomed afterwards */
        conflict = 0;
        victims = 0;
        for (u : 0 .. NT - 1) {
            d_step {
                for (o : 0 .. NO - 1) {
                    if
                    :: (owner[o] == ME && u != t && intx[u] &&
                        rmark[IDX(u, o)]) ->
                        if
                        :: inev == u + 1 -> conflict = 1
                        :: else -> victims = victims | (1 << u); vwait[u] = 1
                        fi
                    :: else -> skip
                    fi
                }
                o = 0
            }
        }
        u = 0;
        if
        :: conflict ->
            d_step {
                for (o : 0 .. NO - 1) {
                    committing[o] = 0
                }
                o = 0;
                for (u : 0 .. NT - 1) {
                    vwait[u] = 0
                }
                u = 0
            }
            victims = 0;
            commit_lock = 0;
            goto abort
        :: else -> skip
        fi;
        for (u : 0 .. NT - 1) {
            if
            :: victims & (1 << u) ->
#if STM_C_DOOM
                /* stm/'s first stm_doom(): dooms whatever attempt the
                   slot runs now, asserting it is not inevitable */
                assert(inev != u + 1);
                doomed[u] = 1
#else
                /* doom only the attempt that was scanned (stm/: the doom
                   word carries the attempt number, stale ones are
                   ignored) */
                atomic {
                    if
                    :: vwait[u] ->
                        assert(inev != u + 1);
                        doomed[u] = 1
                    :: else -> skip
                    fi
                }
#endif
            :: else -> skip
            fi
        }
        u = 0;
#if MUTANT != 2
        /* wait until every doomed attempt has ended */
        for (u : 0 .. NT - 1) {
            do
            :: !vwait[u] -> break
            :: MUST_PARK -> park_if_requested()
            od
        }
        u = 0;
#endif
        victims = 0;
        d_step {                        /* the commit happens, logically */
            gstamp++;
            for (o : 0 .. NO - 1) {
                if
                :: owner[o] == ME -> lver[o] = gstamp
                :: else -> skip
                fi
            }
            o = 0
        }
        for (o : 0 .. NO - 1) {         /* write back, one by one */
            if
            :: owner[o] == ME ->
                ver[o] = gstamp;
                atomic { committing[o] = 0; owner[o] = 0 }
            :: else -> skip
            fi
        }
        o = 0;
        commit_lock = 0
    fi;
    d_step {
        intx[t] = 0;
        vwait[t] = 0;
        doomed[t] = 0;
        for (k : 0 .. NO - 1) {
            pend[IDX(t, k)] = 0
        }
        k = 0
    }
    if
    :: inev == ME -> inev = 0
    :: else -> skip
    fi
}

proctype Thread(byte t)
{
    byte ntx, op, o, u, k, aborts;
    byte victims;
    bool wrote, conflict;

    do
    :: ntx < NTX ->
        aborts = 0;
begin:
        if
        :: want_inev[t] || aborts >= KMAX ->
            /* wait for the token outside the transaction (a blocking
               section: counts as parked) */
            want_inev[t] = 0;
            do
            :: atomic { inev == 0 -> inev = ME; break }
            :: MUST_PARK -> park_if_requested()
            od
        :: else -> skip
        fi;
        park_if_requested();
        d_step {
            intx[t] = 1;
            doomed[t] = 0;
            wrote = 0;
            for (k : 0 .. NO - 1) {
                rmark[IDX(t, k)] = 0;
                pend[IDX(t, k)] = 0;
                inrs[IDX(t, k)] = 0
            }
            k = 0
        }
        for (op : 1 .. NOPS) {
            safepoint();
            select (o : 0 .. NO - 1);
            if
            :: skip -> R(o)
            :: skip -> W(o)
            :: skip -> become_inevitable()
#if GC
            :: skip -> stop_world(); stopper = 0
#endif
            fi
        }
        commit();
        ntx++
    :: else -> break
    od;
    finished[t] = 1;
    ndone++;
    goto finish;

abort:
    assert(inev != ME);
    d_step {
        for (k : 0 .. NO - 1) {
            if
            :: owner[k] == ME -> owner[k] = 0
            :: else -> skip
            fi;
            pend[IDX(t, k)] = 0
        }
        k = 0;
        intx[t] = 0;
        vwait[t] = 0;
        doomed[t] = 0
    }
    if
    :: aborts < KMAX -> aborts++
    :: else -> skip
    fi;
    goto begin;
finish:
    skip
}

init {
    atomic {
        byte i;
        for (i : 0 .. NT - 1) {
            run Thread(i)
        }
    }
}

#ifdef LIVENESS
ltl all_finish { <> (ndone == NT) }
#endif
