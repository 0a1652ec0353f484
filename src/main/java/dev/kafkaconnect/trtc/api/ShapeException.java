package dev.kafkaconnect.trtc.api;

/**
 * A well-formed JSON answer that is not the documented shape. The path is built while the exception travels out
 * of the nested readers, so the happy path pays nothing for it. On its way out of the envelope it also learns the
 * answer's {@code RequestId} when the reader had met it before the error ({@link #requestId()}), and whether the
 * whole answer had been read ({@link #wholeAnswerRead()}): then a null id means the answer carried none, otherwise
 * that the reader had not reached it. Answers are never buffered to find a later id.
 */
final class ShapeException extends Exception {
    private final String path;
    private final String problem;
    private final String requestId;
    private final boolean wholeAnswerRead;

    ShapeException(String problem) {
        this("", problem, null, false);
    }

    private ShapeException(String path, String problem, String requestId, boolean wholeAnswerRead) {
        super(null, null, false, false);
        this.path = path;
        this.problem = problem;
        this.requestId = requestId;
        this.wholeAnswerRead = wholeAnswerRead;
    }

    /** The same problem one level further out: {@code outer} is a field name or {@code [index]}. */
    ShapeException at(String outer) {
        String joined = path.isEmpty() ? outer : outer + (path.startsWith("[") ? "" : ".") + path;
        return new ShapeException(joined, problem, requestId, wholeAnswerRead);
    }

    /** The same problem, raised after the reader met {@code id} (null: not yet, or blank). */
    ShapeException seenRequestId(String id) {
        if (id == null || id.isBlank() || requestId != null) {
            return this;
        }
        return new ShapeException(path, problem, id, wholeAnswerRead);
    }

    /** The same problem, raised once the whole {@code Response} object was read; {@code id} as it held. */
    ShapeException afterWholeAnswer(String id) {
        ShapeException e = seenRequestId(id);
        return new ShapeException(e.path, e.problem, e.requestId, true);
    }

    String path() {
        return path;
    }

    /** What is wrong, without the path. */
    String problem() {
        return problem;
    }

    /** The answer's {@code RequestId} if the reader met it before the error; null otherwise. */
    String requestId() {
        return requestId;
    }

    /** Whether the error was found after the whole {@code Response} object was read. */
    boolean wholeAnswerRead() {
        return wholeAnswerRead;
    }

    @Override
    public String getMessage() {
        return path.isEmpty() ? problem : path + ": " + problem;
    }
}
