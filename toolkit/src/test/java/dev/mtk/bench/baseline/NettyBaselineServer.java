package dev.mtk.bench.baseline;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The baseline mtk's server is measured against (bench/compare.sh): what a Netty user would write for the same
 * protocol. {@code LengthFieldBasedFrameDecoder} for the {@code headers} framing, the {@code json} profile's
 * acknowledgement (the framed JSON string {@code "我收到了"}) for every message that is not the confirmation, and one
 * flush per read batch ({@code channelReadComplete}), as Netty recommends.
 *
 * <p>With {@code --tls KEYSTORE PASSWORD}, Netty's {@link SslHandler} sits in front of the decoder, on an
 * {@link SSLEngine} of the JDK's provider from an {@link SSLContext} made as mtk's server makes its own (PKCS12 key
 * store, the default key manager, {@code SSLContext.getInstance("TLS")}): the same protocol and the same cipher suite
 * order, so that the two servers negotiate the same suite. The first handshake's protocol and suite go to stderr.
 *
 * <p>Run: {@code java -cp ... dev.mtk.bench.baseline.NettyBaselineServer PORT [THREADS] [--tls KEYSTORE PASSWORD]};
 * prints {@code listening on 127.0.0.1:PORT}.
 */
public final class NettyBaselineServer {
    private static final byte[] CONFIRMATION = "\"ok\"".getBytes(StandardCharsets.UTF_8);
    private static final ByteBuf ACKNOWLEDGEMENT = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(frame(
            "\"我收到了\"".getBytes(StandardCharsets.UTF_8))));

    private NettyBaselineServer() {
    }

    public static void main(String[] args) throws InterruptedException, IOException, GeneralSecurityException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        SSLContext tls = args.length > 4 && args[2].equals("--tls") ? context(Path.of(args[3]), args[4]) : null;
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            if (tls != null) {
                                SSLEngine engine = tls.createSSLEngine();
                                engine.setUseClientMode(false);
                                channel.pipeline().addLast(new SslHandler(engine), SuiteReporter.INSTANCE);
                            }
                            channel.pipeline()
                                    .addLast(new LengthFieldBasedFrameDecoder(1024 * 1024, 7, 4, 0, 11))
                                    .addLast(Acknowledger.INSTANCE);
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
            System.out.println("listening on 127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort()
                    + (tls == null ? " (netty baseline)" : " (netty baseline, TLS)"));
            System.out.flush();
            channel.closeFuture().sync();
        } finally {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
        }
    }

    private static SSLContext context(Path keystore, String password) throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(KeyStore.getInstance(keystore.toFile(), password.toCharArray()), password.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, new SecureRandom());
        return context;
    }

    private static byte[] frame(byte[] body) {
        byte[] frame = new byte[11 + body.length];
        System.arraycopy("Headers".getBytes(StandardCharsets.US_ASCII), 0, frame, 0, 7);
        frame[7] = (byte) (body.length >>> 24);
        frame[8] = (byte) (body.length >>> 16);
        frame[9] = (byte) (body.length >>> 8);
        frame[10] = (byte) body.length;
        System.arraycopy(body, 0, frame, 11, body.length);
        return frame;
    }

    @ChannelHandler.Sharable
    private static final class Acknowledger extends ChannelInboundHandlerAdapter {
        static final Acknowledger INSTANCE = new Acknowledger();

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            ByteBuf body = (ByteBuf) message;
            try {
                if (!isConfirmation(body)) {
                    context.write(ACKNOWLEDGEMENT.duplicate(), context.voidPromise());
                }
            } finally {
                body.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext context) {
            context.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }

        private static boolean isConfirmation(ByteBuf body) {
            if (body.readableBytes() != CONFIRMATION.length) {
                return false;
            }
            for (int i = 0; i < CONFIRMATION.length; i++) {
                if (body.getByte(body.readerIndex() + i) != CONFIRMATION[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Says once which protocol and suite the clients got, so a run can be checked against mtk's. */
    @ChannelHandler.Sharable
    private static final class SuiteReporter extends ChannelInboundHandlerAdapter {
        static final SuiteReporter INSTANCE = new SuiteReporter();
        private final AtomicBoolean reported = new AtomicBoolean();

        @Override
        public void userEventTriggered(ChannelHandlerContext context, Object event) {
            if (event instanceof SslHandshakeCompletionEvent done && done.isSuccess() && !reported.getAndSet(true)) {
                javax.net.ssl.SSLSession session = context.pipeline().get(SslHandler.class).engine().getSession();
                System.err.println("netty baseline: " + session.getProtocol() + " " + session.getCipherSuite());
            }
            context.fireUserEventTriggered(event);
        }
    }
}
