package dev.kafkaconnect.trtc.simulator;

/**
 * 64-bit mixing (the SplitMix64 finaliser) over strings and numbers: deterministic across JVMs and runs, which
 * the generator and the metric values need to be pure functions of their inputs.
 */
final class Hashing {
    private Hashing() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Folds a string (null counts as empty) into a running hash. */
    static long of(long h, String s) {
        long x = h;
        if (s != null) {
            for (int i = 0; i < s.length(); i++) {
                x = x * 31 + s.charAt(i);
            }
            x = mix(x + s.length());
        }
        return mix(x ^ 0x9e3779b97f4a7c15L);
    }

    static long of(long h, long v) {
        return mix(h ^ mix(v + 0x9e3779b97f4a7c15L));
    }

    /** A uniform double in [0, 1) from a hash. */
    static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }
}
