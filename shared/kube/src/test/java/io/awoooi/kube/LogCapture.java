package io.awoooi.kube;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Captures what topology discovery logs (its logger is KubernetesTopologySource's), while open. */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger(KubernetesTopologySource.class.getName());
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    LogCapture() {
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** The warnings (and worse), formatted. */
    List<String> warnings() {
        SimpleFormatter formatter = new SimpleFormatter();
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(formatter::formatMessage).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
