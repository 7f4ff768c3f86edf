/* commit_v2.pml -- spin model of the version-2 commit protocol (DESIGN §4
 * "Version 2"; stm/stm_commit2.c): no global pause, no membarrier().
 *
 * The committer, under the commit lock:
 *   2. tags every written object "committing";
 *   3. bumps the commit epoch and, for every other thread running a
 *      transaction, waits until that thread has acknowledged the new epoch
 *      or the attempt it was running when we looked has ended (stm/ records
 *      the slot's attempt_seq; a later attempt starts sequentially
 *      consistently and sees the tags);
 *   4. scans the other threads' visible read markers of the written
 *      objects: an inevitable reader makes it untag, unlock and abort
 *      itself; the other readers are doomed (only the attempt scanned);
 *   5. waits until each doomed attempt has ended;
 *   6. stops counting as running a transaction (from here on nobody may
 *      doom it), releases the commit lock, and only then writes back each
 *      object and clears its tag, one by one.  The next committer may take
 *      the lock and commit meanwhile (its write set is disjoint).
 * While it waits (3, 5) the committer serves park requests; it never
 * aborts there.  Readers run all the while.  A thread acknowledges at
 * every safe point (stm_safepoint's slow path, taken while the epoch is not
 * the one it acknowledged), at the start of W's slow path, at every
 * transaction start and in every wait loop (commit lock, committing tag,
 * the committer's own waits).  A reader meeting a tag waits, acknowledging,
 * noticing doom and serving park requests while it waits.  steal() leaves
 * an object alone while it carries a committing tag (a commit writing back
 * after its section); the W retry waits on the tag.
 *
 * Memory model: x86-TSO for what matters here.  A read-marker store (R's,
 * and W's: the code has no fence there any more) may sit in its thread's
 * store buffer (pend[]) while the thread's later loads run.  An
 * acknowledgement (load epoch acquire, store acked release) is one atomic
 * step that makes this thread's buffered markers visible and records the
 * ack: TSO's FIFO store buffer means "ack store visible => every earlier
 * marker store visible", and the loads after it see the tags stored before
 * the epoch was bumped.  acked[u] is "u acknowledged the newest epoch": the
 * bump clears it for every running thread (only the commit-lock holder
 * bumps, so at most one epoch is ever awaited); a thread outside a
 * transaction counts as acknowledged (its start acknowledges).  stm_ack
 * stores nothing when the epoch was already acknowledged, and so the model
 * publishes nothing then.  Everything else is sequentially consistent
 * (locks, CAS and the tag stores are fenced in stm/).
 *
 * Also modelled: write-write conflicts (the requester aborts, or, when
 * inevitable, stops the world, dooms the owner and takes the object over:
 * stm/'s steal()), becoming inevitable under the commit lock (so that a
 * committer never dooms a transaction that has just become inevitable),
 * or aborting to restart inevitable when the token is taken, K aborts in a
 * row restarting inevitable, and a collector that stops the world.
 *
 * Stopping the world waits for the threads running a transaction to park;
 * a thread outside a transaction -- a committer writing back after its
 * section included -- does not hold it up.  For the write-back that is an
 * over-approximation (stm/'s gc_stop_world waits for every thread, and the
 * write-back loop has no safe point): the protocol is checked without
 * relying on it.
 *
 * Steps merged to keep the state space small, each exact or a plain
 * reordering: the tags are stored in one step (a reader that sees some of
 * them is one that ran before or after them all); the epoch bump and the
 * look at every slot are one step (a slot that starts or ends an attempt
 * in between is as if before or after); the commit lock is taken and the
 * doom tested in one step (only the lock's holder dooms); an object's
 * write-back and the clearing of its word are one step (the tag keeps
 * everyone off it until then); stm_safepoint's fast path is one poll.
 *
 * Checked, exhaustively for the sizes given by -D:
 *   - opacity, with a ghost *logical* version per object that a commit
 *     changes for all its objects at once when it commits (end of step 5,
 *     under the lock): every value read is the logically current one
 *     (never an old value of an object whose commit has happened, never a
 *     new value before it), and at every read and at commit all earlier
 *     reads are still current;
 *   - an inevitable transaction is never aborted;
 *   - no deadlock (every wait blocks on what it needs);
 *   - (-DLIVENESS) every thread finishes, under weak fairness.
 *
 * Mutants (-DMUTANT=n; run.sh checks that each is caught):
 *   1  the committer does not wait for acknowledgements (step 3 skipped)
 *   2  the committer does not wait for its doomed readers to end
 *   3  a reader meeting a committing tag reads the object anyway
 *   4  waiting on a tag does not notice doom
 *   5  becoming inevitable does not take the commit lock (a committer can
 *      doom a transaction that has just become inevitable)
 *   6  an acknowledgement does not publish the earlier marker stores (the
 *      ack store overtakes buffered markers)
 *   7  waiting on a tag does not acknowledge (a committer waits for the ack
 *      of a reader that waits for its tag: deadlock)
 *   8  the committer writes back (and clears the tags) before its scan
 *
 * Not a mutant (-DSTEAL_TAGGED=1, the brief's mutant 9): steal() taking
 * over an object that carries a committing tag.  Spin finds no error: a
 * steal never sees a committing tag, even with the world stop
 * over-approximated as above.  The inevitable W calls steal only after
 * seeing the word owned and untagged, and it stored its marker before that
 * load; a commit that tags the object afterwards waits for the stealer's
 * ack (it runs a transaction, and acknowledges in the commit-lock wait at
 * the latest), which publishes that marker, so the committer's scan meets
 * an inevitable reader and the committer aborts.  (A commit already tagged
 * makes W wait on the tag instead.)  stm/'s tag test in steal() is
 * defensive.
 *
 * -DSTM_C_DOOM=1 (historical): stm_doom() as stm/ had it before dooms
 * carried the attempt number -- it dooms whatever attempt the slot runs by
 * then.  The race (a reader scanned, its attempt ends, the retry starts
 * inevitable, the doom lands on it) now needs a third thread: the scanned
 * attempt has acknowledged and can end only by a write-write abort against
 * an object of someone else than the committer (whose objects are tagged).
 * Spin finds it with -DNT=3 -DKMAX=1 -DGC=0 in a bitstate search (pan.c
 * built with -DBITSTATE, ./pan -w32: ~1.3e8 states, 2 minutes); the
 * exhaustive search at that size does not fit in 4 GiB, and the default
 * sizes are too small to show it.
 *
 * Dropped with membarrier(): the NO_W_FENCE variant (stm/'s W slow path has
 * no fence any more; its marker store is modelled like R's).
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
                           the attempt number (see above) */
#endif
#ifndef STEAL_TAGGED
#define STEAL_TAGGED 0  /* 1: steal ignores the committing tag: no error */
#endif
#define N_MUTANTS 8     /* run.sh checks that each one is caught */

#define IDX(t, o) ((t) * NO + (o))
#define ME (t + 1)
#define BIT(o) (1 << (o))

/* ---- shared state ---- */
byte owner[NO];         /* stm_copy owner: 0, or slot + 1 */
bool committing[NO];    /* stm_copy's committing tag */
bool rmark[NT * NO];    /* visible read markers of the current attempt */
bool pend[NT * NO];     /* marker stores still in the store buffer */
bool intx[NT];          /* stm/'s slot->running */
bool acked[NT];         /* acknowledged the newest epoch */
bool doomed[NT];
bool parked[NT];
bool finished[NT];
bool want_inev[NT];     /* the retry must start inevitable */
bool vwait[NT];         /* the committer waits for this attempt of slot u
                           (stm/'s attempt_seq): set when it looks at u in
                           step 3 (until u acknowledges) and by the scan
                           (until u ends); cleared when the attempt ends */
byte stopper;           /* who stops the world (collector, steal) */
byte commit_lock;
byte inev;              /* the inevitable token */

/* ---- ghosts ---- */
byte ver[NO];           /* physical: commit whose write-back wrote o */
byte lver[NO];          /* logical: last commit of o that has happened */
byte gstamp;            /* commits that have happened */
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

/* Inside a d_step: this thread's buffered marker stores become visible
   (TSO: they precede the ack store in the store buffer). */
inline publish_markers() {
#if MUTANT != 6
    for (k : 0 .. NO - 1) {
        if
        :: pend[IDX(t, k)] -> pend[IDX(t, k)] = 0; rmark[IDX(t, k)] = 1
        :: else -> skip
        fi
    };
#endif
    k = 0
}

/* stm_ack at a safe point or W's slow path: nothing when the newest epoch
   is acknowledged already. */
inline ack() {
    d_step {
        if
        :: !acked[t] -> publish_markers(); acked[t] = 1
        :: else -> skip
        fi
    }
}

/* stm_ack as a branch of a wait loop: enabled while there is an epoch to
   acknowledge. */
inline ack_due() {
    d_step { !acked[t] -> publish_markers(); acked[t] = 1 }
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

#define MUST_SERVICE ((stopper != 0 && stopper != ME) || (doomed[t] && inev != ME))
#define MUST_PARK (stopper != 0 && stopper != ME)

/* stm_safepoint: one poll (epoch acknowledged, no park request, no doom:
   nothing to do), else the slow path: acknowledge, park, notice doom. */
inline safepoint() {
    if
    :: acked[t] && !MUST_SERVICE
    :: else ->
        ack();
        park_if_requested();
        check_doom()
    fi
}

#define STOPPED(u) (parked[u] || finished[u] || !intx[u])

inline stop_world() {
    do
    :: atomic { stopper == 0 -> stopper = ME; break }
    :: MUST_PARK -> park_if_requested()
    od;
    for (u : 0 .. NT - 1) {
        if
        :: u != t -> STOPPED(u)
        :: else -> skip
        fi
    }
    u = 0
}

/* Lock the commit lock, acknowledging and noticing doom while waiting (a
   committer may be waiting for exactly that), and once more after getting
   it (in the same step: only the commit lock's holder dooms). */
inline lock_commit() {
    do
    :: atomic {
        commit_lock == 0 ->
        if
        :: doomed[t] && inev != ME -> goto abort
        :: else -> commit_lock = ME; break
        fi
       }
    :: ack_due()
    :: MUST_SERVICE -> park_if_requested(); check_doom()
    od
}

/* Wait while o carries a committing tag. */
inline wait_tag(o) {
#if MUTANT != 3
    do
    :: !committing[o] -> break
#if MUTANT != 7
    :: ack_due()
#endif
#if MUTANT != 4
    :: MUST_SERVICE -> park_if_requested(); check_doom()
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

/* steal's test of the word, with the world stopped */
#if STEAL_TAGGED
#define STEALABLE(o) (owner[o] != 0 && owner[o] != ME)
#else
#define STEALABLE(o) (owner[o] != 0 && owner[o] != ME && !committing[o])
#endif

inline W(o) {
    if
    :: owner[o] == ME -> skip
    :: else ->
        ack();
        check_doom();
        store_marker(o);                /* no fence: like R */
        do
        :: owner[o] == ME -> break
        :: owner[o] != ME && committing[o] -> wait_tag(o)
        :: owner[o] != 0 && owner[o] != ME && !committing[o] && inev != ME ->
            goto abort                  /* write-write: the requester loses */
        :: owner[o] != 0 && owner[o] != ME && !committing[o] && inev == ME ->
            /* steal (stm_lock_world): commit lock, stop the world, doom
               the owner, take the object -- unless it carries a committing
               tag by then (a commit writing back after its section): the
               retry waits on the tag */
            lock_commit();
            stop_world();
            d_step {                    /* take over, restart, unlock */
                if
                :: STEALABLE(o) ->
                    doomed[owner[o] - 1] = 1; owner[o] = 0; committing[o] = 0
                :: else -> skip
                fi;
                stopper = 0;
                commit_lock = 0
            }
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
        :: atomic {
            inev == 0 -> inev = ME
#if MUTANT != 5
            ; commit_lock = 0
#endif
           }
        :: else ->
#if MUTANT != 5
            commit_lock = 0;
#endif
            want_inev[t] = 1; goto abort
        fi
    fi
}

/* The commit happens, logically (under the lock): the write set's logical
   versions change at once. */
inline logical_commit() {
    assert(stamp == 0);
    for (k : 0 .. NO - 1) {             /* never commit after a stale read */
        assert(!inrs[IDX(t, k)] || readver[IDX(t, k)] == lver[k])
    }
    k = 0;
    gstamp++;
    stamp = gstamp;
    for (o : 0 .. NO - 1) {
        if
        :: ws & BIT(o) -> lver[o] = stamp
        :: else -> skip
        fi
    }
    o = 0
}

/* Write back each object and clear its word, one by one. */
inline write_back() {
    for (o : 0 .. NO - 1) {
        if
        :: ws & BIT(o) ->
            d_step {
                ver[o] = stamp;
                committing[o] = 0;
                owner[o] = 0
#if MUTANT != 8
                ; ws = ws & ~BIT(o)     /* (the mutant's scan still needs it) */
#endif
            }
        :: else -> skip
        fi
    }
    o = 0
}

/* The attempt has ended (committed): nobody may doom it any more, and
   what the scans and the stops read of it is as outside a transaction. */
inline end_attempt() {
    intx[t] = 0;
    vwait[t] = 0;
    doomed[t] = 0;
    acked[t] = 1;
    for (k : 0 .. NO - 1) {
        rmark[IDX(t, k)] = 0;
        pend[IDX(t, k)] = 0;
        inrs[IDX(t, k)] = 0;
        readver[IDX(t, k)] = 0
    }
    k = 0
}

inline commit() {
    if
    :: !wrote ->                        /* alone, no synchronisation */
        d_step {
            if
            :: inev == ME -> inev = 0
            :: else -> skip
            fi;
            end_attempt()
        }
    :: else ->
        lock_commit();
        /* 2: tag (in one step: a reader that sees part of the tags is
           one that ran before or after them) */
        atomic {
            for (o : 0 .. NO - 1) {
                if
                :: owner[o] == ME -> committing[o] = 1; ws = ws | BIT(o)
                :: else -> skip
                fi
            }
            o = 0
        }
#if MUTANT != 1
        /* 3: bump the epoch (a full barrier) and look at who runs a
           transaction; then wait for each one's ack or for the end of the
           attempt we saw */
        d_step {
            for (u : 0 .. NT - 1) {
                if
                :: u != t && intx[u] -> acked[u] = 0; vwait[u] = 1
                :: else -> skip
                fi
            }
            u = 0
        }
        for (u : 0 .. NT - 1) {
            do
            :: atomic { (acked[u] || !vwait[u]) -> vwait[u] = 0; break }
            :: ack_due()
            :: MUST_PARK -> park_if_requested()
            od
        }
        u = 0;
#endif
#if MUTANT == 8
        d_step { logical_commit() }
        write_back();
#endif
        /* 4: scan, one step per slot (stm/ reads each slot's markers and
           inevitable flag separately); an inevitable reader wins, the
           other readers are doomed afterwards */
        conflict = 0;
        victims = 0;
        for (u : 0 .. NT - 1) {
            d_step {
                for (o : 0 .. NO - 1) {
                    if
                    :: ((ws & BIT(o)) && u != t && intx[u] &&
                        rmark[IDX(u, o)]) ->
                        if
                        :: inev == u + 1 -> conflict = 1
                        :: else -> victims = victims | BIT(u); vwait[u] = 1
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
            d_step {                    /* untag, unlock, abort */
                for (o : 0 .. NO - 1) {
                    if
                    :: ws & BIT(o) -> committing[o] = 0
                    :: else -> skip
                    fi
                }
                o = 0;
                for (u : 0 .. NT - 1) {
                    vwait[u] = 0
                }
                u = 0;
                victims = 0;
                commit_lock = 0
            }
            goto abort
        :: else -> skip
        fi;
        for (u : 0 .. NT - 1) {
            if
            :: victims & BIT(u) ->
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
        /* 5: wait until every doomed attempt has ended */
        for (u : 0 .. NT - 1) {
            do
            :: !vwait[u] -> break
            :: ack_due()
            :: MUST_PARK -> park_if_requested()
            od
        }
        u = 0;
#endif
        /* 6: committed; stop counting as running, unlock, then write back
           outside the lock */
        d_step {
            victims = 0;
#if MUTANT != 8
            logical_commit();
#endif
            end_attempt();
            commit_lock = 0
        }
#if MUTANT != 8
        write_back();
#endif
        d_step {                        /* finish_commit: token, leave_tx */
            stamp = 0;
            ws = 0;
            if
            :: inev == ME -> inev = 0
            :: else -> skip
            fi
        }
    fi
}

proctype Thread(byte t)
{
    byte ntx, op, o, u, k, aborts;
    byte victims, ws, stamp;
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
        d_step {                        /* start: running, acknowledged */
            intx[t] = 1;
            acked[t] = 1;
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
            fi
        }
        k = 0;
        end_attempt();
        victims = 0;
        ws = 0;
        stamp = 0;
        conflict = 0;
        o = 0;
        u = 0
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
