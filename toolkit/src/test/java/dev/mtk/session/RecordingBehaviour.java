package dev.mtk.session;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/** A test behaviour: echoes each frame's body back in a frame (when asked to), and records what happened. */
final class RecordingBehaviour implements Behaviour {
    final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    final CountDownLatch opened = new CountDownLatch(1);
    final CountDownLatch closed = new CountDownLatch(1);
    private final boolean echo;

    private RecordingBehaviour(boolean echo) {
        this.echo = echo;
    }

    static RecordingBehaviour echo() {
        return new RecordingBehaviour(true);
    }

    static RecordingBehaviour silent() {
        return new RecordingBehaviour(false);
    }

    @Override
    public void onOpen(ServerSession session) {
        opened.countDown();
    }

    @Override
    public void onMessage(ServerSession session, Message message) {
        messages.add(message);
        if (echo) {
            session.send(new dev.mtk.spi.Frame(message.body()));
        }
    }

    @Override
    public void onClose(ServerSession session) {
        closed.countDown();
    }
}
