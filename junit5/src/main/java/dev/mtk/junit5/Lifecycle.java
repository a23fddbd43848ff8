package dev.mtk.junit5;

/** How long a server declared by {@link MockServer} or {@link MtkServerExtension} lives. */
public enum Lifecycle {
    /**
     * One server for the test class, started before the first test that needs it and closed after the last; its
     * journal and shared state are reset before each test. Cheaper, and the port stays the same for the class.
     */
    PER_CLASS,
    /** A new server for each test, on a new port, closed after the test. */
    PER_TEST
}
