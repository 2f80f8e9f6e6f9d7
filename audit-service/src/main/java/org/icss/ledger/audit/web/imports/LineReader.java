package org.icss.ledger.audit.web.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an import stream line by line as it arrives, within the limits: a line longer than {@code maxLine} bytes is
 * returned without its bytes (refused on its own, the next line read on), and the stream stops at {@code maxStream}
 * bytes ({@link #overflowed()}). Lines are numbered from 1, blank ones included; a final line without a newline counts.
 */
final class LineReader {

    /** A line: its number and bytes (without the newline and a carriage return before it), or null if too long. */
    record Line(int number, byte[] bytes) {

        boolean tooLong() {
            return bytes == null;
        }

        boolean blank() {
            if (bytes == null) {
                return false;
            }
            for (byte b : bytes) {
                if (b != ' ' && b != '\t') {
                    return false;
                }
            }
            return true;
        }
    }

    private final InputStream in;
    private final int maxLine;
    private final long maxStream;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private long total;
    private int number;
    private boolean ended;
    private boolean overflowed;

    LineReader(InputStream in, int maxLine, long maxStream) {
        this.in = in;
        this.maxLine = maxLine;
        this.maxStream = maxStream;
    }

    /** The next line, or null at the end of the stream or past its limit. */
    Line next() throws IOException {
        if (ended || overflowed) {
            return null;
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    ended = true;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            boolean newline = end < limit;
            int taken = end - start + (newline ? 1 : 0);
            total += taken;
            any = true;
            if (total > maxStream) {
                overflowed = true;
                return null;
            }
            if (!tooLong) {
                if (line.size() + (end - start) > maxLine + 1) {
                    tooLong = true;
                    line = null;
                } else {
                    line.write(buffer, start, end - start);
                }
            }
            position = start + taken;
            if (newline) {
                break;
            }
        }
        number++;
        if (tooLong) {
            return new Line(number, null);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        if (length > maxLine) {
            return new Line(number, null);
        }
        return new Line(number, length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length));
    }

    /** Whether the stream went past {@code maxStream} bytes; what follows was not read. */
    boolean overflowed() {
        return overflowed;
    }

    /** The number of the last line returned. */
    int lastNumber() {
        return number;
    }
}
