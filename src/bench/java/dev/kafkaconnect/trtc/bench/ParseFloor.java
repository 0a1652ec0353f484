package dev.kafkaconnect.trtc.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The floor every figure is compared with: Jackson's streaming parser walking an answer and summing every
 * {@code Time} and {@code Value}, and nothing else. No reader of this JSON on the JVM can be much faster.
 */
public final class ParseFloor {
    private static final JsonFactory JSON = new JsonFactory();

    private ParseFloor() {
    }

    /** The sum of every Time and Value (so the work cannot be optimised away). */
    public static double sum(byte[] body) {
        double sum = 0;
        // From a stream, as every reader here gets the body: the network hands over a stream, not an array.
        try (JsonParser p = JSON.createParser(new ByteArrayInputStream(body))) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if (name.equals("Time")) {
                        p.nextToken();
                        sum += p.getLongValue();
                    } else if (name.equals("Value")) {
                        p.nextToken();
                        sum += p.getDoubleValue();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sum;
    }

    /** How many Value fields the answer holds: the fixture's point count. */
    public static long points(byte[] body) {
        long n = 0;
        try (JsonParser p = JSON.createParser(body)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME && p.currentName().equals("Value")) {
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }
}
