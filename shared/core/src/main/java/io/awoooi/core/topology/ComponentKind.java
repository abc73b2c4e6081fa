package io.awoooi.core.topology;

/**
 * What a service is, as far as root-cause ranking cares: a broken database explains more of an
 * outage than a broken cache, a cache more than a queue, a queue more than anything else.
 */
public enum ComponentKind {
    DATABASE(4),
    CACHE(3),
    QUEUE(2),
    SERVICE(1),
    OTHER(0);

    private final int rootCauseRank;

    ComponentKind(int rootCauseRank) {
        this.rootCauseRank = rootCauseRank;
    }

    /** Higher ranks first among root causes. */
    public int rootCauseRank() {
        return rootCauseRank;
    }
}
