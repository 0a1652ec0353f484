package dev.kafkaconnect.trtc.connector;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A source offset as a tiny immutable map over a {@link CallPosition}: every record carries one, so it must cost
 * one small object rather than a hash table. The records of a page share one position and differ only in
 * {@code skip}, so each map holds the shared position and its own skip. Keys appear in a fixed order;
 * {@code first} and {@code finished} only when true.
 */
final class OffsetMap extends AbstractMap<String, Object> {
    private final CallPosition position;
    private final int skip;

    OffsetMap(CallPosition position) {
        this(position, position.skip());
    }

    /** The offset of {@code position} with its skip replaced by {@code skip}. */
    OffsetMap(CallPosition position, int skip) {
        this.position = position;
        this.skip = skip;
    }

    CallPosition position() {
        return skip == position.skip() ? position : new CallPosition(position.cursor(), position.windowEnd(),
                position.page(), skip, position.first(), position.finished());
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String k)) {
            return null;
        }
        return switch (k) {
            case OffsetCodec.VERSION -> OffsetCodec.FORMAT_VERSION;
            case OffsetCodec.CURSOR -> position.cursor();
            case OffsetCodec.WINDOW_END -> position.inWindow() ? position.windowEnd() : null;
            case OffsetCodec.PAGE -> position.page();
            case OffsetCodec.SKIP -> skip;
            case OffsetCodec.FIRST -> position.first() ? Boolean.TRUE : null;
            case OffsetCodec.FINISHED -> position.finished() ? Boolean.TRUE : null;
            default -> null;
        };
    }

    @Override
    public boolean containsKey(Object key) {
        return switch (String.valueOf(key)) {
            case OffsetCodec.VERSION, OffsetCodec.CURSOR, OffsetCodec.WINDOW_END, OffsetCodec.PAGE,
                    OffsetCodec.SKIP -> true;
            case OffsetCodec.FIRST -> position.first();
            case OffsetCodec.FINISHED -> position.finished();
            default -> false;
        };
    }

    @Override
    public int size() {
        return 5 + (position.first() ? 1 : 0) + (position.finished() ? 1 : 0);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        skipAbsent();
                        return next < OffsetCodec.KEYS.size();
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        String key = OffsetCodec.KEYS.get(next++);
                        return new SimpleImmutableEntry<>(key, get(key));
                    }

                    private void skipAbsent() {
                        while (next < OffsetCodec.KEYS.size() && !containsKey(OffsetCodec.KEYS.get(next))) {
                            next++;
                        }
                    }
                };
            }

            @Override
            public int size() {
                return OffsetMap.this.size();
            }
        };
    }
}
