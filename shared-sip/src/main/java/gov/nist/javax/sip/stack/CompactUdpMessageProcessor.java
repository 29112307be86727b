package gov.nist.javax.sip.stack;

import gov.nist.core.ThreadAuditor;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.LinkedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's UDP processor with a receive loop that does not allocate a maximum-size buffer per datagram. The
 * stock loop ({@link UDPMessageProcessor#run}) makes a new {@code byte[MAX_MESSAGE_SIZE]} (64 KiB here) for every
 * packet it receives and hands it to a worker, which copies the packet out of it again: at 100 calls/s that was
 * 45 % of the server's allocated bytes and most of its young-generation collections. This loop receives into one
 * buffer and queues an exact-size copy; the workers ({@link UDPMessageChannel}) and the queue are the stock ones.
 * It lives in JAIN-SIP's package because the worker's constructor is package-visible.
 */
public final class CompactUdpMessageProcessor extends UDPMessageProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(CompactUdpMessageProcessor.class);
    private static final int MAX_REPORTED_ERRORS = 10;
    private final int bufferSize;

    public CompactUdpMessageProcessor(InetAddress ip, SIPTransactionStack stack, int port) throws IOException {
        super(ip, stack, port);
        int max = stack.getMaxMessageSize();
        this.bufferSize = max > 0 && max < SipStackImpl.MAX_DATAGRAM_SIZE ? max : SipStackImpl.MAX_DATAGRAM_SIZE;
        stack.udpFlag = true;   // as JAIN-SIP's factory does for its UDP processor
    }

    @Override
    public void run() {
        this.messageChannels = new LinkedList<>();
        boolean pooled = sipStack.threadPoolSize != -1;
        if (pooled) {
            String name = ((SipStackImpl) sipStack).getStackName() + "-UDPMessageChannelThread-";
            for (int i = 0; i < sipStack.threadPoolSize; i++) {
                messageChannels.add(new UDPMessageChannel(sipStack, this, name + i));
            }
        }
        ThreadAuditor.ThreadHandle auditor = sipStack.getThreadAuditor() == null ? null
                : sipStack.getThreadAuditor().addCurrentThread();
        byte[] buffer = new byte[bufferSize];
        DatagramPacket received = new DatagramPacket(buffer, bufferSize);
        int errors = 0;
        while (isRunning) {
            try {
                if (auditor != null) {
                    auditor.ping();
                }
                received.setLength(bufferSize);
                sock.receive(received);
                DatagramPacket packet = new DatagramPacket(Arrays.copyOf(buffer, received.getLength()),
                        received.getLength(), received.getSocketAddress());
                if (pooled) {
                    messageQueue.offer(new DatagramQueuedMessageDispatch(packet, System.currentTimeMillis()));
                } else {
                    new UDPMessageChannel(sipStack, this, packet);
                }
                errors = 0;
            } catch (SocketTimeoutException e) {
                // the socket timeout only lets the loop ping the thread auditor
            } catch (IOException | RuntimeException e) {
                if (!isRunning && e instanceof SocketException) {
                    return;
                }
                if (errors++ < MAX_REPORTED_ERRORS) {   // keep receiving; a flood of the same error is not logged
                    LOG.warn("UDP receive on {}:{}: {}", getIpAddress().getHostAddress(), getPort(), e.toString());
                }
            }
        }
    }
}
