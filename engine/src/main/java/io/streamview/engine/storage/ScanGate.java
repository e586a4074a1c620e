package io.streamview.engine.storage;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The snapshot lock of one store: scans enter as readers, whole-batch writes ({@code putAll}, {@code clear}) as the
 * one writer, and the two exclude each other. Unlike a {@code ReentrantReadWriteLock}, a read is a {@link Read}
 * token that any thread may end, because a query's scan ({@link RowStore#openScan}) is opened by the thread that
 * runs the query and may be closed by another (a {@code ResultSet} closed from elsewhere).
 *
 * <p>Fair to writers: once a writer waits, new readers wait behind it, except a thread that already has a read
 * open (a query reading the store twice, e.g. a self-join), which would otherwise wait for itself. A writer waits
 * at most {@link #writeWaitMillis}, then fails with {@link StorageException.Code#SCANS_OPEN}; a writer on a thread
 * that itself has a scan of the store open fails at once, since that scan cannot end while the thread waits.
 */
final class ScanGate {

    /** System property: how long a whole-batch write waits for open scans, in milliseconds (default 30 s). */
    static final String WAIT_PROPERTY = "streamview.scanWaitMillis";
    static final long DEFAULT_WAIT_MILLIS = 30_000;

    private final String storeName;
    /** Open reads by the thread that opened them. Guarded by {@code this}. */
    private final Map<Thread, Integer> readsByThread = new HashMap<>();
    private int reads;
    private int waitingWriters;
    private boolean writing;
    /** Set by {@link #closeWhenIdle}: no read may start any more. */
    private boolean closing;
    /** What to run when the last open read ends, after {@link #closeWhenIdle}. */
    private Runnable onIdle;
    /** Synchronous visits ({@code forEach}) in progress on the current thread. */
    private final ThreadLocal<int[]> visiting = ThreadLocal.withInitial(() -> new int[1]);

    ScanGate(String storeName) {
        this.storeName = storeName;
    }

    /** How long a writer waits for open scans: {@value #WAIT_PROPERTY}, else {@value #DEFAULT_WAIT_MILLIS}. */
    static long writeWaitMillis() {
        return Math.max(0, Long.getLong(WAIT_PROPERTY, DEFAULT_WAIT_MILLIS));
    }

    /** An open read; {@link #close} ends it once, from any thread. */
    final class Read implements AutoCloseable {
        private final Thread opener;
        private boolean closed;

        private Read(Thread opener) {
            this.opener = opener;
        }

        @Override
        public void close() {
            Runnable idle = null;
            synchronized (ScanGate.this) {
                if (closed) {
                    return;
                }
                closed = true;
                readsByThread.computeIfPresent(opener, (t, n) -> n == 1 ? null : n - 1);
                reads--;
                if (reads == 0) {
                    ScanGate.this.notifyAll();
                    idle = onIdle;
                    onIdle = null;
                }
            }
            if (idle != null) {
                idle.run();
            }
        }
    }

    /** Opens a read, waiting while a write runs or (unless this thread already reads) a writer waits. */
    synchronized Read enterRead() {
        checkNotClosing();
        Thread me = Thread.currentThread();
        boolean reentrant = readsByThread.containsKey(me);
        boolean interrupted = false;
        while (writing || (waitingWriters > 0 && !reentrant)) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            me.interrupt();
        }
        checkNotClosing();
        reads++;
        readsByThread.merge(me, 1, Integer::sum);
        return new Read(me);
    }

    /** {@link #enterRead} for a synchronous visit on this thread, which marks it so a write from it is refused. */
    Read enterVisit() {
        Read r = enterRead();
        visiting.get()[0]++;
        return r;
    }

    /** Ends a read opened by {@link #enterVisit} on this thread. */
    void exitVisit(Read r) {
        visiting.get()[0]--;
        r.close();
    }

    /**
     * Starts a write once no scan is open, waiting at most {@link #writeWaitMillis}.
     *
     * @param what the write, for messages ("putAll", "clear")
     * @throws IllegalStateException called from inside a visit of this store
     * @throws StorageException      {@link StorageException.Code#SCANS_OPEN}: scans stayed open too long, or this
     *                               thread has one open
     */
    void enterWrite(String what) {
        if (visiting.get()[0] > 0) {
            throw new IllegalStateException(what + " on " + storeName + " from inside a scan of it");
        }
        long waitMillis = writeWaitMillis();
        synchronized (this) {
            if (readsByThread.containsKey(Thread.currentThread())) {
                throw scansOpen(what, 0, true);
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            waitingWriters++;
            boolean interrupted = false;
            try {
                while (writing || reads > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw scansOpen(what, waitMillis, false);
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                writing = true;
            } finally {
                waitingWriters--;
                if (!writing) {
                    notifyAll(); // readers held back by this writer may go on
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Ends the write {@link #enterWrite} started. */
    synchronized void exitWrite() {
        writing = false;
        notifyAll();
    }

    private void checkNotClosing() {
        if (closing) {
            throw new IllegalStateException("The row store " + storeName + " is closed");
        }
    }

    /**
     * Refuses new reads from now on. Returns {@code true} if no read is open (the caller closes the store now);
     * otherwise {@code whenIdle} runs when the last open read ends (on the thread that ends it), so that a store
     * dropped or replaced while a query still reads it is closed only once that query is done with it.
     */
    synchronized boolean closeWhenIdle(Runnable whenIdle) {
        closing = true;
        notifyAll();
        if (reads == 0) {
            return true;
        }
        onIdle = whenIdle;
        return false;
    }

    /** Open reads, for tests. */
    synchronized int openReads() {
        return reads;
    }

    /** Writers waiting, for tests. */
    synchronized int waitingWriters() {
        return waitingWriters;
    }

    private StorageException scansOpen(String what, long waitedMillis, boolean sameThread) {
        String why = sameThread
                ? "the same thread still has a scan of it open (a result set not read to the end or closed)"
                : "queries still had scans of it open after " + waitedMillis + " ms (result sets neither read to "
                        + "the end nor closed)";
        return new StorageException(StorageException.Code.SCANS_OPEN, "Cannot " + what + " rows of store "
                + storeName + ": " + why + ". Close the open result sets on it (ResultSet.close() or "
                + "Statement.close()) and retry; -D" + WAIT_PROPERTY + " sets how long a write waits");
    }
}
