package io.awoooi.local;

/** A port the stack needs is taken. */
final class PortInUseException extends IllegalStateException {

    private final int port;

    PortInUseException(int port, Throwable cause) {
        super("port " + port + " is in use", cause);
        this.port = port;
    }

    int port() {
        return port;
    }
}
