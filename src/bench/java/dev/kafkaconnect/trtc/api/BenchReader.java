package dev.kafkaconnect.trtc.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The client's own answer reader, reached from the benchmarks without a network. */
public final class BenchReader {
    private BenchReader() {
    }

    /** Reads a call-detail answer exactly as {@link TrtcApiClient} reads a response body. */
    public static CallDetailResponse callDetail(byte[] body) {
        try {
            ResponseReader.Answer<CallDetailResponse> answer =
                    ResponseReader.read(new ByteArrayInputStream(body), new CallDetailReader());
            if (answer.failed()) {
                throw new IllegalStateException("the answer is an error: " + answer.errorCode());
            }
            return answer.value();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ShapeException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
