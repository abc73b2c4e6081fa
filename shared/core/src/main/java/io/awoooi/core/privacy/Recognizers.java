package io.awoooi.core.privacy;

/**
 * A family of recognizers over the shared cursor of one scan. Each recognizer is called by the main loop
 * ({@link TextScan}) at a position where its value can start, checks its own boundaries, reports a
 * match to the cursor ({@link ScanCursor#add}) and returns where the loop continues: past the match,
 * or a position not after the one it was called at when nothing matched (the loop then goes on by
 * itself). The text and its length are copied here so the recognizers read them as the one class
 * did before the split.
 */
abstract class Recognizers {
    final ScanCursor cursor;
    final String s;
    final int n;

    Recognizers(ScanCursor cursor) {
        this.cursor = cursor;
        this.s = cursor.s;
        this.n = cursor.n;
    }
}
