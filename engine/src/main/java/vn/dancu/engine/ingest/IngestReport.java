package vn.dancu.engine.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The ingest report ({@code ingest-report.json} in the snapshot, and the summary printed at the end of a run): per
 * input file, records read = accepted + quarantined with the counts per reason code, the run's id and time, and the
 * input checksums. It is written only for a run whose counts reconcile.
 *
 * @param outputs      rows written per output ({@code persons}, {@code events}, {@code residence_spells},
 *                     {@code households}, {@code quality}, {@code quarantine}), counted by reading them back
 * @param plausibility what the plausibility gate compared and let through; empty in reports of runs before the gate
 */
public record IngestReport(
        String runId,
        String snapshotId,
        String extractId,
        String extractDate,
        String periodStart,
        String periodEnd,
        String area,
        Instant startedAt,
        Instant finishedAt,
        String rulesVersion,
        String keyFingerprint,
        List<FileReport> files,
        Map<String, Long> outputs,
        Optional<Plausibility> plausibility)
{
    public IngestReport
    {
        requireNonNull(runId, "runId is null");
        requireNonNull(snapshotId, "snapshotId is null");
        requireNonNull(extractId, "extractId is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
        files = List.copyOf(files);
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        requireNonNull(plausibility, "plausibility is null");
    }

    /**
     * What the plausibility gate saw: the residents at the extract date (by the residence spells) by commune, the
     * comparison with the current snapshot, the limits of the run and the failed comparisons it was told to accept.
     */
    public record Plausibility(long residents, Map<String, Long> residentsByCommune, String comparison, PlausibilityLimits limits,
            List<String> overridden)
    {
        public Plausibility
        {
            residentsByCommune = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(residentsByCommune));
            requireNonNull(comparison, "comparison is null");
            requireNonNull(limits, "limits is null");
            overridden = List.copyOf(overridden);
        }
    }

    public IngestReport withPlausibility(Plausibility checked)
    {
        return new IngestReport(runId, snapshotId, extractId, extractDate, periodStart, periodEnd, area, startedAt, finishedAt, rulesVersion,
                keyFingerprint, files, outputs, Optional.of(checked));
    }

    /**
     * One input file.
     *
     * @param declaredRecords the records {@code extract.json} declares for the file; null when it lists none
     * @param reasons         quarantined records per reason code, in the order of {@link ReasonCode}
     */
    public record FileReport(String file, String table, String format, long bytes, String sha256, Long declaredRecords,
            long read, long accepted, long quarantined, Map<String, Long> reasons)
    {
        public FileReport
        {
            requireNonNull(file, "file is null");
            requireNonNull(sha256, "sha256 is null");
            reasons = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
        }

        public boolean reconciles()
        {
            return read == accepted + quarantined && quarantined == reasons.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public long read()
    {
        return files.stream().mapToLong(FileReport::read).sum();
    }

    public long accepted()
    {
        return files.stream().mapToLong(FileReport::accepted).sum();
    }

    public long quarantined()
    {
        return files.stream().mapToLong(FileReport::quarantined).sum();
    }

    /** Quarantined records per reason code over all files, in the order of {@link ReasonCode}. */
    public Map<String, Long> reasons()
    {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (ReasonCode code : ReasonCode.values()) {
            long count = files.stream().mapToLong(file -> file.reasons().getOrDefault(code.name(), 0L)).sum();
            if (count > 0) {
                totals.put(code.name(), count);
            }
        }
        return totals;
    }

    public String toJson()
    {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode()
                .put("runId", runId)
                .put("snapshotId", snapshotId)
                .put("extractId", extractId)
                .put("extractDate", extractDate)
                .put("periodStart", periodStart)
                .put("periodEnd", periodEnd)
                .put("area", area)
                .put("startedAt", startedAt.toString())
                .put("finishedAt", finishedAt.toString())
                .put("rulesVersion", rulesVersion)
                .put("keyFingerprint", keyFingerprint)
                .put("reconciled", true);
        ObjectNode totals = root.putObject("totals").put("read", read()).put("accepted", accepted()).put("quarantined", quarantined());
        ObjectNode totalReasons = totals.putObject("reasons");
        reasons().forEach(totalReasons::put);
        ArrayNode inputs = root.putArray("files");
        for (FileReport file : files) {
            ObjectNode node = inputs.addObject()
                    .put("file", file.file())
                    .put("table", file.table())
                    .put("format", file.format())
                    .put("bytes", file.bytes())
                    .put("sha256", file.sha256());
            if (file.declaredRecords() == null) {
                node.putNull("declaredRecords");
            }
            else {
                node.put("declaredRecords", file.declaredRecords());
            }
            node.put("read", file.read()).put("accepted", file.accepted()).put("quarantined", file.quarantined());
            ObjectNode reasons = node.putObject("reasons");
            file.reasons().forEach(reasons::put);
        }
        ObjectNode written = root.putObject("outputs");
        outputs.forEach(written::put);
        plausibility.ifPresent(checked -> {
            ObjectNode gate = root.putObject("plausibility");
            gate.put("residentsAtExtractDate", checked.residents());
            ObjectNode communes = gate.putObject("residentsByCommune");
            checked.residentsByCommune().forEach(communes::put);
            gate.put("comparison", checked.comparison());
            gate.putObject("limits")
                    .put("minAcceptedSharePercent", checked.limits().minAcceptedShare())
                    .put("maxAcceptedShareDropPoints", checked.limits().maxAcceptedShareDrop())
                    .put("maxPopulationChangePercent", checked.limits().maxPopulationChange())
                    .put("maxCommuneChangePercent", checked.limits().maxCommuneChange())
                    .put("communeChangeFloor", checked.limits().communeChangeFloor())
                    .put("acceptDrop", checked.limits().acceptChange());
            ArrayNode accepted = gate.putArray("acceptedDespite");
            checked.overridden().forEach(accepted::add);
        });
        return root.toPrettyString() + "\n";
    }

    public static IngestReport fromJson(String text)
    {
        try {
            JsonNode root = new ObjectMapper().readTree(text);
            List<FileReport> files = new ArrayList<>();
            for (JsonNode file : root.get("files")) {
                files.add(new FileReport(file.get("file").asText(), file.get("table").asText(), file.get("format").asText(),
                        file.get("bytes").asLong(), file.get("sha256").asText(),
                        file.get("declaredRecords").isNull() ? null : file.get("declaredRecords").asLong(),
                        file.get("read").asLong(), file.get("accepted").asLong(), file.get("quarantined").asLong(),
                        longs(file.get("reasons"))));
            }
            return new IngestReport(root.get("runId").asText(), root.get("snapshotId").asText(), root.get("extractId").asText(),
                    root.get("extractDate").asText(), root.get("periodStart").asText(), root.get("periodEnd").asText(),
                    root.get("area").asText(), Instant.parse(root.get("startedAt").asText()),
                    Instant.parse(root.get("finishedAt").asText()), root.get("rulesVersion").asText(),
                    root.get("keyFingerprint").asText(), files, longs(root.get("outputs")), plausibility(root.get("plausibility")));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read an ingest report", e);
        }
    }

    private static Optional<Plausibility> plausibility(JsonNode node)
    {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        JsonNode limits = node.get("limits");
        List<String> overridden = new ArrayList<>();
        node.get("acceptedDespite").forEach(text -> overridden.add(text.asText()));
        return Optional.of(new Plausibility(node.get("residentsAtExtractDate").asLong(), longs(node.get("residentsByCommune")),
                node.get("comparison").asText(),
                new PlausibilityLimits(limits.get("minAcceptedSharePercent").asDouble(), limits.get("maxAcceptedShareDropPoints").asDouble(),
                        limits.get("maxPopulationChangePercent").asDouble(), limits.get("maxCommuneChangePercent").asDouble(),
                        limits.get("communeChangeFloor").asLong(), limits.get("acceptDrop").asBoolean()),
                overridden));
    }

    private static Map<String, Long> longs(JsonNode node)
    {
        Map<String, Long> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            values.put(field.getKey(), field.getValue().asLong());
        }
        return values;
    }

    /** The readable summary printed at the end of a run. */
    public String summary()
    {
        StringBuilder text = new StringBuilder();
        int width = Math.max(24, files.stream().mapToInt(file -> file.file().length()).max().orElse(0) + 2);
        String row = "  %-" + width + "s %12s %12s %12s%n";
        text.append(String.format(Locale.ROOT, "snapshot %s of extract %s (%s, %s to %s), run %s%n", snapshotId, extractId,
                area, periodStart, periodEnd, runId));
        text.append(String.format(Locale.ROOT, "started %s, took %.1f s%n", startedAt, Duration.between(startedAt, finishedAt).toMillis() / 1000.0));
        text.append(String.format(Locale.ROOT, row, "file", "read", "accepted", "quarantined"));
        for (FileReport file : files) {
            text.append(String.format(Locale.ROOT, row, file.file(), number(file.read()), number(file.accepted()), number(file.quarantined())));
        }
        text.append(String.format(Locale.ROOT, row, "total", number(read()), number(accepted()), number(quarantined())));
        text.append("  every file reconciles: read = accepted + quarantined\n");
        if (!reasons().isEmpty()) {
            text.append("  quarantined by reason:\n");
            reasons().forEach((code, count) -> text.append(String.format(Locale.ROOT, "    %-24s %10s  %s / %s%n", code, number(count),
                    ReasonCode.valueOf(code).english(), ReasonCode.valueOf(code).vietnamese())));
        }
        plausibility.ifPresent(checked -> {
            text.append(String.format(Locale.ROOT, "  residents on %s: %s; %s%n", extractDate, number(checked.residents()), checked.comparison()));
            if (checked.overridden().isEmpty()) {
                text.append("  plausibility: within the limits\n");
            }
            else {
                checked.overridden().forEach(finding -> text.append("  plausibility: published with --accept-drop although ").append(finding)
                        .append('\n'));
            }
        });
        text.append("  written:");
        outputs.forEach((name, rows) -> text.append(' ').append(name).append(' ').append(number(rows)).append(','));
        text.setLength(text.length() - 1);
        text.append('\n');
        return text.toString();
    }

    private static String number(long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
