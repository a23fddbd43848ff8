package dev.mtk.session;

import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.Received;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/** A test handler: echoes each message's body back in a frame (when asked to), and records what happened. */
final class RecordingHandler implements Handler {
    final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    final CountDownLatch opened = new CountDownLatch(1);
    final CountDownLatch closed = new CountDownLatch(1);
    private final boolean echo;

    private RecordingHandler(boolean echo) {
        this.echo = echo;
    }

    static RecordingHandler echo() {
        return new RecordingHandler(true);
    }

    static RecordingHandler silent() {
        return new RecordingHandler(false);
    }

    @Override
    public void onOpen(Conversation session) {
        opened.countDown();
    }

    @Override
    public void onMessage(Conversation session, Received message) {
        messages.add(message);
        if (echo) {
            ((ServerSession) session).send(new dev.mtk.spi.Frame(message.body()));
        }
    }

    @Override
    public void onClose(Conversation session) {
        closed.countDown();
    }
}
