package io.awoooi.core.shield;

/** Another writer gave a label of this incident to a different value meanwhile; redo the redaction. */
public class VaultConflictException extends RuntimeException {
    public VaultConflictException(String message) {
        super(message, null, false, false);
    }
}
