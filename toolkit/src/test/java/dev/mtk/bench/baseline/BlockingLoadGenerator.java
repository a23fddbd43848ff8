package dev.mtk.bench.baseline;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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

        Run run = new Run(connections);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Socket socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            Thread thread = new Thread(() -> loop(socket, request, run));
            thread.start();
            threads.add(thread);
        }
        // Every connection warms up by a number of exchanges; then all count for the same window, each stopping
        // itself at its end. The main thread only waits for those two moments.
        run.warmedUp.await();
        long start = System.nanoTime();
        run.end = start + (long) (seconds * 1e9);
        run.counting = true;
        run.finished.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        for (Thread thread : threads) {
            thread.join(5_000);
        }
        System.out.printf("msgs/s %.0f%n", run.answered.sum() / elapsed);
    }

    /** What the connections share: when to count, when to stop, and what they counted. */
    private static final class Run {
        /** Exchanges each connection makes before the measurement, so that the JIT has compiled the loop. */
        static final int WARM_UP = 2_000;

        final CountDownLatch warmedUp;
        final CountDownLatch finished;
        final LongAdder answered = new LongAdder();
        volatile boolean counting;
        volatile long end;

        Run(int connections) {
            warmedUp = new CountDownLatch(connections);
            finished = new CountDownLatch(connections);
        }
    }

    private static void loop(Socket socket, byte[] request, Run run) {
        long exchanges = 0;
        try (socket) {
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[11];
            byte[] answer = new byte[256];
            while (true) {
                out.write(request);
                in.readFully(header);
                int length = ((header[7] & 0xff) << 24) | ((header[8] & 0xff) << 16) | ((header[9] & 0xff) << 8)
                        | (header[10] & 0xff);
                in.readFully(answer, 0, length);
                if (++exchanges == Run.WARM_UP) {
                    run.warmedUp.countDown();
                }
                if (run.counting) {
                    if (System.nanoTime() >= run.end) {
                        break;
                    }
                    run.answered.increment();
                }
            }
        } catch (IOException e) {
            System.err.println("connection failed: " + e.getMessage());
            // A failed connection still lets the measurement begin and end, without its share.
            if (exchanges < Run.WARM_UP) {
                run.warmedUp.countDown();
            }
        } finally {
            run.finished.countDown();
        }
    }
}
