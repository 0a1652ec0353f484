package dev.kafkaconnect.trtc.bench;

/** One line of {@link WorkerVsPerfTestHarness}'s table, in Markdown. */
record Row(String shape, boolean eos, String compression, TopicMeasure.Stats connector, PerfTestRun.Result perf,
           TopicMeasure.Stats perfTopic, long transactionMs, String load, WorkerVsPerfTestHarness.Cpu cpu) {
    static final String HEADER = """
            | shape | EOS | compression | records | connector rec/s | perf test rec/s | ratio \
            | perf test rec/s (append times) | ratio (append times) | topic bytes/record: connector | perf test \
            | key + value bytes | records/batch: connector | perf test | transaction every \
            | CPU us/record: worker + simulator + broker | perf test + broker | load |
            |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|""";

    @Override
    public String toString() {
        return String.format("| %s | %s | %s | %,d | %,.0f | %,.0f | **%.2f** | %,.0f | %.2f | %.1f | %.1f "
                        + "| %.1f + %.1f | %.0f | %.0f | %s | %.2f + %.2f + %.2f | %.2f + %.2f | %s |",
                shape, eos ? "on" : "off", compression, connector.records(), connector.recordsPerSecond(),
                perf.recordsPerSecond(), connector.recordsPerSecond() / perf.recordsPerSecond(),
                perfTopic.recordsPerSecond(), connector.recordsPerSecond() / perfTopic.recordsPerSecond(),
                connector.logBytesPerRecord(), perfTopic.logBytesPerRecord(), connector.keyBytesPerRecord(),
                connector.valueBytesPerRecord(), connector.recordsPerBatch(), perfTopic.recordsPerBatch(),
                eos ? String.format("%d ms (%d)", transactionMs, connector.markers()) : "-",
                us(cpu.worker()), us(cpu.simulator()), us(cpu.brokerForConnector()), us(cpu.perfTest()),
                us(cpu.brokerForPerfTest()), load);
    }

    private double us(double cpuSeconds) {
        return cpuSeconds * 1e6 / connector.records();
    }
}
