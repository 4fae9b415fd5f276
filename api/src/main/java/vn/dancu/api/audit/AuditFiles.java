package vn.dancu.api.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of the audit log in its folder ({@code DATA/server/audit/}): segments {@code audit-log-<first seq>.jsonl}
 * (the newest is the one written to; a segment never changes once a newer one exists), the verification checkpoints
 * {@code audit-checkpoints.jsonl}, and the lock file {@code audit.lock} that writers hold while they append.
 */
final class AuditFiles
{
    static final String LEGACY = "audit-log.jsonl";
    static final String CHECKPOINTS = "audit-checkpoints.jsonl";
    static final String LOCK = "audit.lock";
    private static final Pattern SEGMENT = Pattern.compile("audit-log-(\\d{12,19})\\.jsonl");

    /** A segment: its file and the seq of its first entry (from its name). */
    record Segment(Path file, long firstSeq)
    {
        String name()
        {
            return file.getFileName().toString();
        }
    }

    private AuditFiles() {}

    static String segmentName(long firstSeq)
    {
        return String.format("audit-log-%012d.jsonl", firstSeq);
    }

    static Optional<Long> firstSeq(String fileName)
    {
        Matcher matcher = SEGMENT.matcher(fileName);
        return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }

    /** The segments in the folder, oldest first. */
    static List<Segment> segments(Path folder)
    {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Segment> segments = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(file -> firstSeq(file.getFileName().toString()).ifPresent(seq -> segments.add(new Segment(file, seq))));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list the audit log folder " + folder, e);
        }
        segments.sort(Comparator.comparingLong(Segment::firstSeq));
        return segments;
    }

    /** The seq at the start of a raw line ({@code {"seq":123,…}}), or -1 when the line does not start so. */
    static long seqOf(String line)
    {
        String prefix = "{\"seq\":";
        if (!line.startsWith(prefix)) {
            return -1;
        }
        long seq = 0;
        int digits = 0;
        for (int i = prefix.length(); i < line.length() && digits < 19; i++, digits++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            seq = seq * 10 + (c - '0');
        }
        return digits == 0 ? -1 : seq;
    }
}
