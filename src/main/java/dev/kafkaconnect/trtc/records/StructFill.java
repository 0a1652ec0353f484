package dev.kafkaconnect.trtc.records;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Sets a Struct's fields without Connect's per-field validation. {@link Struct#put(Field, Object)} builds a
 * location string for its error message on every call, valid or not: eight fields a sample cost some 500 bytes of
 * garbage, more than the rest of the record. The builders here put values of the field's type by construction
 * (their tests validate every shape with {@code ConnectSchema.validateValue}), so the check is redundant.
 *
 * <p>The values array is reached through a {@link VarHandle}; on a Connect version where that field is missing or
 * inaccessible, every write falls back to {@code put}, which is correct, just slower.
 */
final class StructFill {
    private static final VarHandle VALUES = valuesHandle();

    private StructFill() {
    }

    /** Writes {@code value} into {@code field}; the caller guarantees it is valid for the field's schema. */
    static void set(Struct struct, Field field, Object value) {
        if (VALUES != null) {
            ((Object[]) VALUES.get(struct))[field.index()] = value;
        } else {
            struct.put(field, value);
        }
    }

    /** Whether writes skip validation (false: the fallback is in use). */
    static boolean unchecked() {
        return VALUES != null;
    }

    private static VarHandle valuesHandle() {
        try {
            return MethodHandles.privateLookupIn(Struct.class, MethodHandles.lookup())
                    .findVarHandle(Struct.class, "values", Object[].class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
