package dev.mtk.bench.baseline;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The simplest load generator there is, to check that {@code mtk bench} is not the bottleneck (bench/compare.sh): a
 * thread per connection, a blocking socket, write a {@code headers} frame with a 64-byte JSON body, read the
 * answer frame, repeat.
 *
 * <p>Run: {@code java -cp ... dev.mtk.bench.baseline.BlockingLoadGenerator HOST PORT CONNECTIONS SECONDS}; prints
 * {@code msgs/s N}.
 */
public final class BlockingLoadGenerator {
    private BlockingLoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int connections = Integer.parseInt(args[2]);
        double seconds = Double.parseDouble(args[3]);
        byte[] body = ("{\"p\":\"" + "x".repeat(56) + "\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[11 + body.length];
        System.arraycopy("Headers".getBytes(StandardCharsets.US_ASCII), 0, request, 0, 7);
        request[10] = (byte) body.length;
        System.arraycopy(body, 0, request, 11, body.length);

        LongAdder answered = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean counting = new AtomicBoolean(false);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Socket socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            Thread thread = new Thread(() -> loop(socket, request, running, counting, answered));
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(1_000);
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        long count = answered.sum();
        double elapsed = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Thread thread : threads) {
            thread.join(5_000);
        }
        System.out.printf("msgs/s %.0f%n", count / elapsed);
    }

    private static void loop(Socket socket, byte[] request, AtomicBoolean running, AtomicBoolean counting,
            LongAdder answered) {
        try (socket) {
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[11];
            byte[] answer = new byte[256];
            while (running.get()) {
                out.write(request);
                in.readFully(header);
                int length = ((header[7] & 0xff) << 24) | ((header[8] & 0xff) << 16) | ((header[9] & 0xff) << 8)
                        | (header[10] & 0xff);
                in.readFully(answer, 0, length);
                if (counting.get()) {
                    answered.increment();
                }
            }
        } catch (IOException e) {
            if (running.get()) {
                System.err.println("connection failed: " + e.getMessage());
            }
        }
    }
}
