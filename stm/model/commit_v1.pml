/* commit_v1.pml -- spin model of the version-1 commit protocol (DESIGN §4).
 *
 * What is modelled: NT threads, each running NTX transactions of NOPS
 * operations (read barrier R or write barrier W on one of NO objects,
 * chosen freely by spin), the commit lock, stopping the world (commit and,
 * optionally, a garbage collector that stops the world on its own), parking
 * at safe points, per-slot read markers, dooming, copy-back, the single
 * inevitable token, write-write conflicts (the requester aborts itself, or,
 * when inevitable, takes the object over -- IMPL 1, stm/'s way -- or dooms
 * the owner and waits for it to drop its copy -- IMPL 0, DESIGN's text),
 * K aborts in a row restarting inevitable, and blocking sections between
 * transactions.  IMPL (below) selects stm/'s choices or DESIGN's text;
 * run.sh checks both.
 *
 * What is checked (exhaustively, for the sizes given by -D):
 *   - opacity: every value a transaction reads comes from a completed
 *     commit (never a half-copied-back state), and at every read and at
 *     commit every earlier read of the transaction is still current, so
 *     all reads of a transaction, even one that later aborts, are one
 *     consistent snapshot ("no transaction commits after reading a stale
 *     value" is the commit-time case);
 *   - an inevitable transaction is never aborted or doomed;
 *   - no deadlock: the only valid end state is every thread finished
 *     (every wait in the model blocks on the condition it needs, so a
 *     protocol deadlock is an "invalid end state", not a silent spin);
 *   - (with -DLIVENESS and the ltl claim) every thread eventually finishes
 *     under weak fairness: no livelock of mutual aborts.
 *
 * The model is sequentially consistent: version 1 only lets a commit touch
 * shared state while every other thread is parked, so memory ordering
 * plays no part (see commit_v2.pml, which models store buffers).
 *
 * Mutants (-DMUTANT=n) remove one rule of the protocol each; `make
 * stm-model` checks that spin finds an error in every one of them, which
 * shows that the properties above really depend on those rules:
 *   1  the committer does not wait for the others to park
 *   2  a parked thread does not check doom when it resumes
 *   3  waiting for the commit lock does not service park requests
 *   4  the committer dooms inevitable readers instead of aborting itself
 *   5  abort does not release the commit lock it may hold (IMPL 0)
 *   6  an inevitable writer waiting for a copy to go away dooms only the
 *      first owner, not whoever owns the object when it looks again
 *      (IMPL 0)
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
#define KMAX 2          /* aborts in a row before restarting inevitable */
#endif
#ifndef GC
#define GC 1            /* threads may also stop the world to collect */
#endif
#ifndef BLOCKING
#define BLOCKING 1      /* threads may block (sleep, I/O) between transactions */
#endif
#ifndef MUTANT
#define MUTANT 0
#endif
#define N_MUTANTS 6     /* run.sh checks that each one is caught */
/* IMPL 1 (default): the choices stm/ made where DESIGN leaves room
   (docs/stm.md): the commit lock and the inevitable token are waited for
   in a gc blocking section (counting as parked) with doom checked after;
   becoming inevitable mid-transaction never waits (if the token is taken,
   abort and restart inevitable, waiting at the start); an inevitable
   writer takes a copied object over at once (commit lock, world stopped,
   owner doomed, word cleared).  IMPL 0: DESIGN's text (waiting at a safe
   point for the token; the inevitable writer waits for the owner to drop
   its copy). */
#if MUTANT == 5 || MUTANT == 6
/* Both only matter for IMPL 0: with IMPL 1 the inevitable writer takes
   the commit lock to take an object over, so nobody can doom a thread
   while it holds the lock (spin finds no error in mutant 5 with IMPL 1),
   and no writer ever waits for a copy to go away. */
#define IMPL 0
#endif
#ifndef IMPL
#define IMPL 1
#endif

#define IDX(t, o) ((t) * NO + (o))
#define ME (t + 1)

/* ---- shared state of the runtime ---- */
byte owner[NO];         /* o->stm_copy: 0, or owner slot + 1 */
bool rmark[NT * NO];    /* slot t's read marker on o holds the current version */
bool intx[NT];          /* slot t is running a transaction */
bool doomed[NT];
bool parked[NT];
bool blocking[NT];      /* in a blocking section: counts as parked */
bool want_inev[NT];     /* restart inevitable (IMPL) */
bool finished[NT];          /* thread finished: counts as parked */
byte stopper;           /* 0, or slot + 1 of who stops the world */
byte commit_lock;       /* 0, or slot + 1 */
byte inev;              /* the inevitable token: 0, or slot + 1 */

/* ---- ghost state, only for the assertions ---- */
byte ver[NO];           /* id of the commit whose copy-back last wrote o */
byte gstarted;          /* commits whose copy-back has started */
byte gdone;             /* commits whose copy-back has finished */
bool inrs[NT * NO];     /* o is in t's read set */
byte readver[NT * NO];  /* the version t read */
byte ndone;

/* The ghost side of reading the committed state of o (R without a copy of
   its own, or W copying the original). */
inline ghost_read(o) {
    d_step {
        assert(ver[o] <= gdone);        /* no partially committed state */
        for (k : 0 .. NO - 1) {         /* earlier reads still current */
            assert(!inrs[IDX(t, k)] || ver[k] == readver[IDX(t, k)])
        }
        inrs[IDX(t, o)] = 1;
        readver[IDX(t, o)] = ver[o];
        k = 0
    }
}

inline park_if_requested() {
    if
    :: stopper != 0 && stopper != ME ->
        parked[t] = 1;
        /* leaving the park must be atomic with seeing the release (under
           the stopper's mutex in C): otherwise a second stopper can count
           us as parked while we already run */
        atomic { stopper == 0 -> parked[t] = 0 }
    :: else -> skip
    fi
}

/* A safe point inside a transaction: park if asked, then the resume hook
   checks doom (DESIGN: a doomed thread aborts the moment it leaves the safe
   point, before reading anything). */
inline safepoint() {
    park_if_requested();
#if MUTANT != 2
    if
    :: doomed[t] -> goto abort
    :: else -> skip
    fi
#endif
}

#define MUST_SERVICE ((stopper != 0 && stopper != ME) || doomed[t])

inline stop_world() {
    do
    :: atomic { stopper == 0 -> stopper = ME; break }
    :: MUST_SERVICE -> safepoint()
    od;
#if MUTANT != 1
    for (u : 0 .. NT - 1) {
        if
        :: u != t -> (parked[u] || blocking[u] || finished[u])
        :: else -> skip
        fi
    }
#endif
    u = 0
}

inline restart_world() {
    stopper = 0
}

inline lock_commit() {
#if IMPL && MUTANT != 3
    /* in a blocking section: counts as parked, so a committer or a
       collector never waits for us; doom is checked after */
    blocking[t] = 1;
    atomic { commit_lock == 0 -> commit_lock = ME };
    atomic { stopper == 0 -> blocking[t] = 0 };
    if
    :: doomed[t] && inev != ME -> commit_lock = 0; goto abort
    :: else -> skip
    fi
#else
    do
    :: atomic { commit_lock == 0 -> commit_lock = ME; break }
#if MUTANT != 3
    :: MUST_SERVICE -> safepoint()
#endif
    od
#endif
}

inline become_inevitable() {
    if
    :: inev == ME -> skip
#if IMPL
    :: else ->
        /* never wait mid-transaction: take the free token or abort and
           restart inevitable (the wait happens at the start) */
        if
        :: atomic { inev == 0 -> inev = ME }
        :: else -> want_inev[t] = 1; goto abort
        fi
#else
    :: else ->
        do
        :: atomic { inev == 0 -> inev = ME; break }
        :: MUST_SERVICE -> safepoint()
        od
#endif
    fi;
    /* doom is only set while we are parked (by a committer) or by the
       holder of the token, so it cannot be pending now */
    assert(!doomed[t])
}

/* At a transaction start (outside it): wait for the token in a blocking
   section (IMPL), or at safe points. */
inline start_inevitable() {
#if IMPL
    blocking[t] = 1;
    atomic { inev == 0 -> inev = ME };
    atomic { stopper == 0 -> blocking[t] = 0 }
#else
    do
    :: atomic { inev == 0 -> inev = ME; break }
    :: MUST_SERVICE -> safepoint()
    od
#endif
}

inline R(o) {
    rmark[IDX(t, o)] = 1;
    if
    :: owner[o] == ME -> skip           /* read our private copy */
    :: else -> ghost_read(o)
    fi
}

/* Write barrier: copy (a read of the original), then compare-and-swap the
   stm_copy word.  On a conflict the requester aborts itself unless it is
   inevitable; then it dooms the owner and waits for the copy to go away. */
inline W(o) {
    do
    :: owner[o] == ME -> break
    :: else ->
        rmark[IDX(t, o)] = 1;
        ghost_read(o);
        atomic {
            if
            :: owner[o] == 0 -> owner[o] = ME; wrote = 1; conflict = 0
#if !IMPL
            :: owner[o] != 0 && inev == ME -> doomed[owner[o] - 1] = 1; conflict = 1
#endif
            :: else -> conflict = 1
            fi
        }
        if
        :: conflict && inev == ME ->
#if IMPL
            /* take it over: commit lock, world stopped, owner doomed */
            lock_commit();
            stop_world();
            d_step {
                if
                :: owner[o] != 0 && owner[o] != ME ->
                    doomed[owner[o] - 1] = 1; owner[o] = 0
                :: else -> skip
                fi
            }
            restart_world();
            commit_lock = 0
#else
            /* the doomed owner may abort and take the copy again before
               we get it, or a third thread may: doom whoever owns it now
               (without this, spin finds a deadlock) */
            do
            :: owner[o] == 0 -> break
#if MUTANT != 6
            :: atomic { owner[o] != 0 && !doomed[owner[o] - 1] ->
                        doomed[owner[o] - 1] = 1 }
#endif
            :: stopper != 0 && stopper != ME -> safepoint()
            od
#endif
        :: conflict && inev != ME -> goto abort
        :: !conflict -> break
        fi
    od
}

inline commit() {
    if
    :: !wrote ->
        /* read-only (or young-only): commits alone, no synchronisation */
        intx[t] = 0
    :: else ->
        lock_commit();
        stop_world();
        if
        :: doomed[t] -> restart_world(); commit_lock = 0; goto abort
        :: else -> skip
        fi;
        d_step {                        /* never commit after a stale read */
            for (k : 0 .. NO - 1) {
                assert(!inrs[IDX(t, k)] || ver[k] == readver[IDX(t, k)])
            }
            k = 0
        }
        /* step 2: an inevitable reader wins (we abort); other readers are
           doomed.  One atomic step: everybody else is parked. */
        d_step {
            conflict = 0;
            for (o : 0 .. NO - 1) {
                for (u : 0 .. NT - 1) {
                    if
                    :: (owner[o] == ME && u != t && intx[u] &&
                        rmark[IDX(u, o)] && inev == u + 1) -> conflict = 1
                    :: else -> skip
                    fi
                }
            }
            for (o : 0 .. NO - 1) {
                for (u : 0 .. NT - 1) {
                    if
                    :: (owner[o] == ME && u != t && intx[u] &&
                        rmark[IDX(u, o)] && (MUTANT == 4 || inev != u + 1)) ->
                        doomed[u] = 1
                    :: else -> skip
                    fi
                }
            }
            o = 0;
            u = 0
        }
        if
        :: conflict && MUTANT != 4 ->
            restart_world(); commit_lock = 0; goto abort
        :: else -> skip
        fi;
        /* step 3: copy back, one object at a time */
        gstarted++;
        for (o : 0 .. NO - 1) {
            if
            :: owner[o] == ME -> ver[o] = gstarted; owner[o] = 0
            :: else -> skip
            fi
        }
        o = 0;
        gdone = gstarted;
        intx[t] = 0;
        /* step 4 */
        restart_world();
        commit_lock = 0
    fi;
    if
    :: inev == ME -> inev = 0
    :: else -> skip
    fi
}

proctype Thread(byte t)
{
    byte ntx, op, o, u, k, aborts;
    bool wrote, conflict;

    do
    :: ntx < NTX ->
        aborts = 0;
begin:
#if BLOCKING
        if
        :: blocking[t] = 1; atomic { stopper == 0 -> blocking[t] = 0 }
        :: skip
        fi;
#endif
        if
        :: (aborts >= KMAX || want_inev[t]) && inev != ME ->
            want_inev[t] = 0; start_inevitable()
        :: else -> skip
        fi;
        park_if_requested();
        d_step {                        /* a fresh attempt: new read version */
            intx[t] = 1;
            doomed[t] = 0;
            wrote = 0;
            for (k : 0 .. NO - 1) {
                rmark[IDX(t, k)] = 0;
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
            :: skip -> stop_world(); restart_world()
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
    assert(inev != ME);                 /* an inevitable transaction never aborts */
#if MUTANT != 5
    if
    :: commit_lock == ME -> commit_lock = 0
    :: else -> skip
    fi;
#endif
    for (k : 0 .. NO - 1) {
        if
        :: owner[k] == ME -> owner[k] = 0
        :: else -> skip
        fi
    }
    k = 0;
    intx[t] = 0;
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
