package dev.awaitable.reliability.weaving;

/** The resource of the generated programs' try-with-resources: logs its opening and its closing. */
public final class Res implements AutoCloseable {

    private final Log log;
    private final String name;

    public Res(Log log, String name) {
        this.log = log;
        this.name = name;
        log.add("open " + name);
    }

    @Override
    public void close() {
        log.add("close " + name);
    }
}
