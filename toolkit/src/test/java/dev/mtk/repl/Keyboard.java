package dev.mtk.repl;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** What a test types: bytes for a terminal's input, handed out as they are typed; {@link #close()} is end of input. */
final class Keyboard extends InputStream {
    private static final int END = -1;

    private final BlockingQueue<Integer> keys = new LinkedBlockingQueue<>();

    void type(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            keys.add(b & 0xff);
        }
    }

    @Override
    public int read() {
        try {
            int key = keys.take();
            if (key == END) {
                keys.add(END);
            }
            return key;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return END;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int first = read();
        if (first == END) {
            return END;
        }
        buffer[offset] = (byte) first;
        int count = 1;
        while (count < length) {
            Integer next = keys.peek();
            if (next == null || next == END) {
                break;
            }
            buffer[offset + count++] = (byte) (int) keys.poll();
        }
        return count;
    }

    @Override
    public int available() {
        Integer next = keys.peek();
        return next == null || next == END ? 0 : keys.size();
    }

    @Override
    public void close() {
        keys.add(END);
    }
}
