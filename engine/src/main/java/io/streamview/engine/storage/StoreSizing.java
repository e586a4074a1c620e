package io.streamview.engine.storage;

/**
 * How a new Chronicle Map file is laid out. An existing file keeps the sizing it was created with
 * (Chronicle stores it in the file's header).
 *
 * @param entries          rows the first tier is sized for
 * @param averageKeySize   expected key bytes
 * @param averageValueSize expected encoded row bytes
 * @param maxBloatFactor   how many times {@code entries} the store may grow to (Chronicle allows up to 1000)
 */
record StoreSizing(long entries, double averageKeySize, double averageValueSize, double maxBloatFactor) {

    /** 100k rows of ~40-byte keys and ~256-byte rows to start (a ~38 MiB file), growing to 100M rows. */
    static final StoreSizing STANDARD = new StoreSizing(100_000, 40, 256, 1000);

    /** Tiny files for fixtures and tests; still grows a thousandfold. */
    static final StoreSizing TINY = new StoreSizing(64, 40, 256, 1000);
}
