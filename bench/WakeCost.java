import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * What it costs this machine to hand work to a sleeping thread, without the network or mtk: two threads pass a turn
 * back and forth, and the process's CPU time is divided by the hand-offs made. This is the price an I/O thread pays
 * to give a read to a sleeping handler thread, and a handler thread to wake a selecting I/O thread with its reply.
 *
 * <ul>
 * <li>{@code park}: the thread that passes the turn unparks the other, then parks until the turn comes back. Each
 * hand-off is a wake-up ({@code futex} wake) and a sleep ({@code futex} wait) on the other side.</li>
 * <li>{@code spin}: the same turns, passed through a volatile field that the waiting thread reads in a loop: the
 * cost of moving the turn between cores, with no thread asleep.</li>
 * </ul>
 *
 * Rounds alternate the two, each measured after a warm-up of the same length.
 *
 * <pre>
 * java bench/WakeCost.java [ROUNDS] [SECONDS]          (defaults: 3 3)
 * </pre>
 */
public final class WakeCost {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Whose turn it is: 0 or 1. */
    private static final AtomicInteger TURN = new AtomicInteger();
    private static volatile boolean running;
    /** Hand-offs made; written only by the player holding the turn, before it passes the turn on. */
    private static volatile long handOffs;

    public static void main(String[] args) throws InterruptedException {
        int rounds = (int) argument(args, 0, "ROUNDS", 3);
        long seconds = argument(args, 1, "SECONDS", 3);
        System.out.printf("%-5s %-5s %14s %16s %12s%n", "round", "mode", "hand-offs/s", "CPU ns/hand-off",
                "cores busy");
        for (int round = 1; round <= rounds; round++) {
            for (boolean park : round % 2 == 1 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                measure(park, seconds);
                long[] result = measure(park, seconds);
                double perSecond = result[0] / (double) seconds;
                double cpuPerHandOff = result[1] / (double) result[0];
                System.out.printf("%-5d %-5s %,14.0f %,16.0f %12.2f%n", round, park ? "park" : "spin", perSecond,
                        cpuPerHandOff, result[1] / (seconds * 1e9));
            }
        }
    }

    /** The positive whole number at {@code args[index]}, else {@code otherwise}; a bad one ends the run in one line. */
    private static long argument(String[] args, int index, String name, long otherwise) {
        if (args.length <= index) {
            return otherwise;
        }
        try {
            long value = Long.parseLong(args[index]);
            if (value > 0 && value <= Integer.MAX_VALUE) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, as a number out of range is
        }
        System.err.println("WakeCost: " + name + " must be a positive whole number, not '" + args[index]
                + "'; usage: java bench/WakeCost.java [ROUNDS] [SECONDS]");
        System.exit(2);
        return otherwise;
    }

    /** Hand-offs made and process CPU nanoseconds spent over {@code seconds}. */
    private static long[] measure(boolean park, long seconds) throws InterruptedException {
        Thread[] players = new Thread[2];
        running = true;
        TURN.set(0);
        for (int i = 0; i < 2; i++) {
            int me = i;
            players[i] = new Thread(() -> play(me, players, park), "player-" + i);
        }
        for (Thread player : players) {
            player.start();
        }
        long count0 = handOffs;
        long cpu0 = OS.getProcessCpuTime();
        Thread.sleep(seconds * 1000);
        long cpu = OS.getProcessCpuTime() - cpu0;
        long count = handOffs - count0;
        running = false;
        for (Thread player : players) {
            LockSupport.unpark(player);
        }
        for (Thread player : players) {
            player.join();
        }
        return new long[] {count, cpu};
    }

    /** Waits for {@code me}'s turn and passes it to the other player, until the measurement ends. */
    private static void play(int me, Thread[] players, boolean park) {
        Thread other = players[1 - me];
        while (running) {
            while (TURN.get() != me && running) {
                if (park) {
                    LockSupport.park();
                } else {
                    Thread.onSpinWait();
                }
            }
            handOffs++;
            TURN.set(1 - me);
            if (park) {
                LockSupport.unpark(other);
            }
        }
    }
}
