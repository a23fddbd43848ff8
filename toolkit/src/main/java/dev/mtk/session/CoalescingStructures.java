package dev.mtk.session;

import org.apache.mina.core.session.DefaultIoSessionDataStructureFactory;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.session.IoSessionAttributeMap;
import org.apache.mina.core.session.IoSessionDataStructureFactory;
import org.apache.mina.core.write.WriteRequestQueue;

/** MINA's own attribute maps, and a {@link CoalescingWriteQueue} per session. */
final class CoalescingStructures implements IoSessionDataStructureFactory {
    private final IoSessionDataStructureFactory defaults = new DefaultIoSessionDataStructureFactory();

    @Override
    public IoSessionAttributeMap getAttributeMap(IoSession session) throws Exception {
        return defaults.getAttributeMap(session);
    }

    @Override
    public WriteRequestQueue getWriteRequestQueue(IoSession session) {
        return new CoalescingWriteQueue();
    }
}
