package vn.dancu.engine.ingest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The plausibility gate: whether a snapshot that reconciles may become current (docs/ingest.md, "The plausibility
 * gate"). Every snapshot must have accepted persons and reach the floor of accepted records; against the current
 * snapshot (of the same area), the accepted share must not fall, and the population at the extract date and each
 * commune's must not change, beyond the {@link PlausibilityLimits}. A failed comparison can be overridden for one run
 * ({@code --accept-drop}); the floor only by lowering it, and an extract without accepted persons never publishes.
 */
public final class PublicationGate
{
    private static final int COMMUNES_NAMED = 5;

    private PublicationGate() {}

    /** Which check a finding comes from, and how a user gets past it. */
    public enum Check
    {
        NO_PERSONS(false),
        ACCEPTED_SHARE_FLOOR(false),
        ACCEPTED_SHARE_DROP(true),
        POPULATION_CHANGE(true),
        COMMUNE_CHANGE(true);

        private final boolean comparison;

        Check(boolean comparison)
        {
            this.comparison = comparison;
        }

        /** A comparison with the current snapshot, which {@code --accept-drop} overrides. */
        public boolean comparison()
        {
            return comparison;
        }
    }

    public record Finding(Check check, String text)
    {
        public Finding
        {
            requireNonNull(check, "check is null");
            requireNonNull(text, "text is null");
        }
    }

    /**
     * What the gate decided.
     *
     * @param refused    why the snapshot may not become current; empty when it may
     * @param overridden failed comparisons the run was told to accept ({@code --accept-drop}), recorded in the report
     * @param comparison one line saying what was compared with what, for the report and the summary
     */
    public record Verdict(String snapshotId, Optional<String> currentSnapshotId, List<Finding> refused, List<Finding> overridden, String comparison)
    {
        public Verdict
        {
            requireNonNull(snapshotId, "snapshotId is null");
            requireNonNull(currentSnapshotId, "currentSnapshotId is null");
            refused = List.copyOf(refused);
            overridden = List.copyOf(overridden);
            requireNonNull(comparison, "comparison is null");
        }

        public boolean publishable()
        {
            return refused.isEmpty();
        }

        /** The one line a user sees: what was refused, that nothing changed, and how to publish anyway. */
        public String message()
        {
            if (refused.isEmpty()) {
                throw new IllegalStateException("snapshot " + snapshotId + " was not refused");
            }
            StringBuilder text = new StringBuilder("refused to publish snapshot ").append(snapshotId).append(": ");
            text.append(String.join("; ", refused.stream().map(Finding::text).toList()));
            text.append(currentSnapshotId.map(current -> ". Nothing was published: snapshot " + current + " stays current")
                    .orElse(". Nothing was published (there is no current snapshot)"));
            Set<String> ways = new LinkedHashSet<>();
            for (Finding finding : refused) {
                switch (finding.check()) {
                    case NO_PERSONS -> ways.add("an extract without accepted persons cannot be published: check the persons file and its"
                            + " quarantine");
                    case ACCEPTED_SHARE_FLOOR -> ways.add("if so many rejected records are expected, run again with --min-accepted-share"
                            + " set below the share found");
                    case ACCEPTED_SHARE_DROP, POPULATION_CHANGE, COMMUNE_CHANGE -> ways.add("if the change is real, run again with --accept-drop");
                }
            }
            return text.append(". ").append(capitalise(String.join("; ", ways))).append('.').toString();
        }

        private static String capitalise(String text)
        {
            return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }
    }

    /**
     * @param candidate the figures of the snapshot to publish
     * @param current   the figures of the current snapshot, if there is one, with its communes on the same units as the
     *                  candidate's (see {@link SnapshotFigures#onUnits})
     */
    public static Verdict judge(SnapshotFigures candidate, Optional<SnapshotFigures> current, PlausibilityLimits limits)
    {
        List<Finding> findings = new ArrayList<>();
        if (candidate.personsAccepted() == 0) {
            findings.add(new Finding(Check.NO_PERSONS, String.format(Locale.ROOT, "no person record was accepted (0 of %,d read)",
                    candidate.personsRead())));
        }
        floor(findings, "person", candidate.personsAcceptedShare(), candidate.personsAccepted(), candidate.personsRead(), limits);
        floor(findings, "event", candidate.eventsAcceptedShare(), candidate.eventsAccepted(), candidate.eventsRead(), limits);

        String comparison;
        Optional<String> currentId = current.map(SnapshotFigures::snapshotId);
        if (current.isEmpty()) {
            comparison = "no current snapshot to compare with";
        }
        else if (!current.get().area().equals(candidate.area())) {
            comparison = "not compared with the current snapshot " + current.get().snapshotId() + ", which is of another area ("
                    + current.get().area() + ")";
        }
        else {
            SnapshotFigures previous = current.get();
            comparison = String.format(Locale.ROOT, "compared with snapshot %s: population %,d on %s → %,d on %s (%s)", previous.snapshotId(),
                    previous.residents(), previous.extractDate(), candidate.residents(), candidate.extractDate(),
                    percent(change(previous.residents(), candidate.residents())));
            drop(findings, "person", previous.personsAcceptedShare(), candidate.personsAcceptedShare(), limits);
            drop(findings, "event", previous.eventsAcceptedShare(), candidate.eventsAcceptedShare(), limits);
            population(findings, previous, candidate, limits);
            communes(findings, previous, candidate, limits);
        }
        List<Finding> refused = new ArrayList<>();
        List<Finding> overridden = new ArrayList<>();
        for (Finding finding : findings) {
            (finding.check().comparison() && limits.acceptChange() ? overridden : refused).add(finding);
        }
        return new Verdict(candidate.snapshotId(), currentId, refused, overridden, comparison);
    }

    private static void floor(List<Finding> findings, String table, OptionalDouble share, long accepted, long read, PlausibilityLimits limits)
    {
        if (share.isPresent() && accepted > 0 && share.getAsDouble() < limits.minAcceptedShare()) {
            findings.add(new Finding(Check.ACCEPTED_SHARE_FLOOR, String.format(Locale.ROOT,
                    "only %.1f %% of the %s records were accepted (%,d of %,d), below the floor of %s %%", share.getAsDouble(), table, accepted,
                    read, number(limits.minAcceptedShare()))));
        }
    }

    private static void drop(List<Finding> findings, String table, OptionalDouble before, OptionalDouble after, PlausibilityLimits limits)
    {
        if (before.isEmpty() || after.isEmpty()) {
            return;
        }
        double points = before.getAsDouble() - after.getAsDouble();
        if (points > limits.maxAcceptedShareDrop()) {
            findings.add(new Finding(Check.ACCEPTED_SHARE_DROP, String.format(Locale.ROOT,
                    "the share of %s records accepted fell from %.1f %% to %.1f %% (%.1f points; the limit is %s)", table, before.getAsDouble(),
                    after.getAsDouble(), points, number(limits.maxAcceptedShareDrop()))));
        }
    }

    private static void population(List<Finding> findings, SnapshotFigures previous, SnapshotFigures candidate, PlausibilityLimits limits)
    {
        long before = previous.residents();
        long after = candidate.residents();
        if (before == 0 || Math.abs(change(before, after)) <= limits.maxPopulationChange()) {
            return;
        }
        findings.add(new Finding(Check.POPULATION_CHANGE, String.format(Locale.ROOT,
                "the population on %s is %,d, %.1f %% %s the %,d of the current snapshot on %s (the limit is %s %%)", candidate.extractDate(), after,
                Math.abs(change(before, after)), after < before ? "below" : "above", before, previous.extractDate(),
                number(limits.maxPopulationChange()))));
    }

    private static void communes(List<Finding> findings, SnapshotFigures previous, SnapshotFigures candidate, PlausibilityLimits limits)
    {
        java.util.Map<String, Long> before = previous.residentsByCommune();
        Set<String> codes = new TreeSet<>(before.keySet());
        codes.addAll(candidate.residentsByCommune().keySet());
        List<String> changed = new ArrayList<>();
        for (String code : codes) {
            long old = before.getOrDefault(code, 0L);
            long now = candidate.residentsByCommune().getOrDefault(code, 0L);
            if (Math.abs(now - old) <= limits.communeChangeFloor()) {
                continue;
            }
            if (old == 0 || Math.abs(change(old, now)) > limits.maxCommuneChange()) {
                changed.add(String.format(Locale.ROOT, "%s %,d → %,d (%s)", code, old, now, old == 0 ? "new" : percent(change(old, now))));
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        String named = String.join(", ", changed.subList(0, Math.min(COMMUNES_NAMED, changed.size())))
                + (changed.size() > COMMUNES_NAMED ? String.format(Locale.ROOT, " and %,d more", changed.size() - COMMUNES_NAMED) : "");
        findings.add(new Finding(Check.COMMUNE_CHANGE, String.format(Locale.ROOT,
                "the population of %d commune%s changed by more than %s %% (and %,d persons) against the current snapshot: %s", changed.size(),
                changed.size() == 1 ? "" : "s", number(limits.maxCommuneChange()), limits.communeChangeFloor(), named)));
    }

    /** The change from {@code before} to {@code after} in percent of {@code before}. */
    private static double change(long before, long after)
    {
        return before == 0 ? 0 : 100.0 * (after - before) / before;
    }

    private static String percent(double change)
    {
        return String.format(Locale.ROOT, "%+.1f %%", change).replace("-", "−");
    }

    private static String number(double value)
    {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%d", (long) value) : String.format(Locale.ROOT, "%s", value);
    }
}
