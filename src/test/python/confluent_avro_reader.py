#!/usr/bin/python3
"""Reads Confluent-wire-format Avro records with Confluent's own Python client and prints them as JSON lines.

A reader the project did not write, for ConfluentPythonReaderIT: every record of the given topics is consumed from
the start (read_committed), its key and value decoded through the schema registry by confluent_kafka, and printed
as one JSON object per line, sorted by topic, partition and offset:

    {"topic": ..., "partition": ..., "offset": ..., "key": {...}, "value": {...}}

timestamp-millis fields are printed as epoch milliseconds, whatever type the Avro library decoded them to. The
script exits 0 once it has read exactly --expect records, and 1 with a message on stderr when more arrive or the
count is not reached within --timeout seconds.

The decoder is confluent_kafka.schema_registry.avro.AvroDeserializer when it can be imported. It needs fastavro,
which Debian does not package, so with Debian's python3-confluent-kafka the decoder is the client's
confluent_kafka.avro MessageSerializer (Apache Avro's python3-avro underneath). Either way the wire format, the
registry lookup and the Avro decoding are the client's code, and DeserializingConsumer drives them.
"""

import argparse
import datetime
import json
import sys
import time
import uuid

from confluent_kafka import DeserializingConsumer, TopicPartition, OFFSET_BEGINNING
from confluent_kafka.serialization import Deserializer, MessageField

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def deserializers(registry_url):
    """The (name, key deserializer, value deserializer) of the newest decoder this installation has."""
    try:
        from confluent_kafka.schema_registry import SchemaRegistryClient
        from confluent_kafka.schema_registry.avro import AvroDeserializer
    except ImportError as e:
        if getattr(e, "name", None) != "fastavro":
            raise
    else:
        client = SchemaRegistryClient({"url": registry_url})
        # schema_str=None: each record is read with the schema its id names in the registry.
        return ("schema_registry.avro.AvroDeserializer", AvroDeserializer(client), AvroDeserializer(client))

    from confluent_kafka.avro import CachedSchemaRegistryClient
    from confluent_kafka.avro.serializer.message_serializer import MessageSerializer

    class MessageSerializerDeserializer(Deserializer):
        """Hands the bytes to the client's MessageSerializer, which parses the wire format and decodes."""

        def __init__(self, serializer):
            self._serializer = serializer

        def __call__(self, value, ctx):
            if value is None:
                return None
            return self._serializer.decode_message(value, is_key=ctx.field == MessageField.KEY)

    serializer = MessageSerializer(CachedSchemaRegistryClient({"url": registry_url}))
    return ("avro.MessageSerializer", MessageSerializerDeserializer(serializer),
            MessageSerializerDeserializer(serializer))


def plain(value):
    """The decoded Avro value as JSON-ready data; datetimes (timestamp-millis) as epoch milliseconds."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return (value - EPOCH) // datetime.timedelta(milliseconds=1)
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError("no JSON form for a decoded %s: %r" % (type(value).__name__, value))


def partitions(consumer, topics, deadline):
    """Every partition of the topics, from the start (the caller has seen the topics, so they exist)."""
    out = []
    for topic in topics:
        timeout = max(deadline - time.monotonic(), 0.1)
        metadata = consumer.list_topics(topic, timeout=timeout).topics.get(topic)
        if metadata is None or metadata.error is not None or not metadata.partitions:
            raise RuntimeError("topic %s not on the broker: %s" % (topic, None if metadata is None else metadata.error))
        out.extend(TopicPartition(topic, p, OFFSET_BEGINNING) for p in sorted(metadata.partitions))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap-servers", required=True)
    parser.add_argument("--registry-url", required=True, help="Confluent-API base URL of the schema registry")
    parser.add_argument("--expect", type=int, required=True, help="records to read across all topics")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to read them in")
    parser.add_argument("topics", nargs="+")
    args = parser.parse_args()
    deadline = time.monotonic() + args.timeout

    reader, key_deserializer, value_deserializer = deserializers(args.registry_url)
    consumer = DeserializingConsumer({
        "bootstrap.servers": args.bootstrap_servers,
        "group.id": "confluent-python-reader-" + uuid.uuid4().hex,
        "enable.auto.commit": False,
        "isolation.level": "read_committed",
        "key.deserializer": key_deserializer,
        "value.deserializer": value_deserializer,
    })
    records = []
    try:
        consumer.assign(partitions(consumer, args.topics, deadline))
        while len(records) < args.expect:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                print("error: read %d of %d records from %s in %.0f s (decoder %s)"
                      % (len(records), args.expect, ", ".join(args.topics), args.timeout, reader), file=sys.stderr)
                return 1
            msg = consumer.poll(min(remaining, 1.0))
            if msg is None:
                continue
            records.append({"topic": msg.topic(), "partition": msg.partition(), "offset": msg.offset(),
                            "key": plain(msg.key()), "value": plain(msg.value())})
        # A record past the expected count would be one the caller does not know of: look briefly for one.
        extra = consumer.poll(0.5)
        if extra is not None:
            print("error: more than the %d records expected: also %s[%d]@%d"
                  % (args.expect, extra.topic(), extra.partition(), extra.offset()), file=sys.stderr)
            return 1
    finally:
        consumer.close()

    records.sort(key=lambda r: (r["topic"], r["partition"], r["offset"]))
    out = open(sys.stdout.fileno(), "w", encoding="utf-8", closefd=False)
    for record in records:
        out.write(json.dumps(record, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n")
    out.flush()
    print("read %d records with %s" % (len(records), reader), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
