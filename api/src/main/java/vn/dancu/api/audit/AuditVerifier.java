package vn.dancu.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Checks the hash chain of the audit log across its segments. Incremental by default: it starts at the last
 * checkpoint (the seq, hash and place of the last entry a verification found intact, in
 * {@code audit-checkpoints.jsonl}), checks that this entry is still what it was, then checks only the entries written
 * since, and writes a new checkpoint. A full verification starts from the oldest segment present, and also holds the
 * log to the last checkpoint: a log rewritten with a consistent new chain, or cut short, does not pass it either.
 */
final class AuditVerifier
{
    /** The last entry a verification found intact: where it is and its hash. */
    record Checkpoint(long seq, String hash, String segment, long offset, Instant at) {}

    private final Path folder;
    private final ObjectMapper json;
    private final Consumer<Checkpoint> checkpoints;

    /** @param checkpoints appends a checkpoint (under the log's lock) */
    AuditVerifier(Path folder, ObjectMapper json, Consumer<Checkpoint> checkpoints)
    {
        this.folder = requireNonNull(folder, "folder is null");
        this.json = requireNonNull(json, "json is null");
        this.checkpoints = requireNonNull(checkpoints, "checkpoints is null");
    }

    Optional<Checkpoint> lastCheckpoint()
    {
        Path file = folder.resolve(AuditFiles.CHECKPOINTS);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (LineReader reader = LineReader.open(file)) {
            for (LineReader.Line line = reader.lineBefore(reader.endOfLines()); line != null; line = reader.lineBefore(line.offset())) {
                try {
                    return Optional.of(json.readValue(line.text(), Checkpoint.class));
                }
                catch (IOException e) {
                    // a line cut short by a crash: the one before holds
                }
            }
            return Optional.empty();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit checkpoints " + file, e);
        }
    }

    Verification verify(boolean full, Instant now)
    {
        String mode = full ? "full" : "incremental";
        List<AuditFiles.Segment> segments = AuditFiles.segments(folder);
        Optional<Checkpoint> anchor = lastCheckpoint();
        if (segments.isEmpty()) {
            if (anchor.isPresent()) {
                return Verification.broken(mode, 0, null, null, anchor.get().seq(), anchor.get().segment(), anchor.get().offset(),
                        "the log has no file, but seq " + anchor.get().seq() + " was verified on " + anchor.get().at());
            }
            return new Verification(mode, 0, true, null, null, null, null, null, null, null);
        }
        Optional<Checkpoint> checkpoint = full ? Optional.empty() : anchor;
        int index = 0;
        long position = 0;
        String previous = segments.get(0).firstSeq() == 1 ? "" : null;
        long expected = segments.get(0).firstSeq();
        if (checkpoint.isPresent()) {
            Checkpoint mark = checkpoint.get();
            index = indexOf(segments, mark.segment());
            if (index < 0) {
                return Verification.broken(mode, 0, null, null, mark.seq(), mark.segment(), mark.offset(), "the segment " + mark.segment()
                        + " of the last checkpoint (seq " + mark.seq() + ") is missing (archived or deleted); a full verification checks the"
                        + " segments present");
            }
            try (LineReader reader = LineReader.open(segments.get(index).file())) {
                LineReader.Line line = reader.lineAt(mark.offset());
                if (line == null || AuditFiles.seqOf(line.text()) != mark.seq() || !AuditChain.claimedHash(line.text()).orElse("").equals(mark.hash())
                        || !AuditChain.computedHash(prevOf(line.text()), line.text()).equals(mark.hash())) {
                    return Verification.broken(mode, 0, null, null, mark.seq(), mark.segment(), mark.offset(), changedSince(mark));
                }
                position = line.end();
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot read the audit log " + segments.get(index).file(), e);
            }
            previous = mark.hash();
            expected = mark.seq() + 1;
        }
        long fromSeq = expected;
        long checked = 0;
        Checkpoint last = null;
        for (int i = index; i < segments.size(); i++) {
            AuditFiles.Segment segment = segments.get(i);
            if (i > index || checkpoint.isEmpty()) {
                if (segment.firstSeq() != expected) {
                    return Verification.broken(mode, checked, fromSeq, expected - 1, expected, segment.name(), 0,
                            "segment " + segment.name() + " starts at seq " + segment.firstSeq() + " where " + expected + " was expected");
                }
                position = i > index ? 0 : position;
            }
            try (LineReader reader = LineReader.open(segment.file())) {
                for (LineReader.Line line = reader.lineAt(position); line != null; line = reader.lineAt(line.end())) {
                    String problem = problem(line.text(), expected, previous);
                    if (problem != null) {
                        return Verification.broken(mode, checked, fromSeq, expected - 1, expected, segment.name(), line.offset(), problem);
                    }
                    previous = AuditChain.claimedHash(line.text()).orElseThrow();
                    if (anchor.isPresent() && anchor.get().seq() == expected && !anchor.get().hash().equals(previous)) {
                        return Verification.broken(mode, checked, fromSeq, expected - 1, expected, segment.name(), line.offset(), changedSince(anchor.get()));
                    }
                    last = new Checkpoint(expected, previous, segment.name(), line.offset(), now);
                    expected++;
                    checked++;
                }
                if (i < segments.size() - 1 && reader.endOfLines() != reader.size()) {
                    return Verification.broken(mode, checked, fromSeq, expected - 1, expected, segment.name(), reader.endOfLines(),
                            "segment " + segment.name() + " ends with an incomplete line although a newer segment follows it");
                }
            }
            catch (NoSuchFileException e) {
                return Verification.broken(mode, checked, fromSeq, expected - 1, expected, segment.name(), 0, "segment " + segment.name()
                        + " disappeared while it was checked");
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot read the audit log " + segment.file(), e);
            }
        }
        if (anchor.isPresent() && anchor.get().seq() > expected - 1) {
            return Verification.broken(mode, checked, fromSeq, expected - 1, expected, segments.get(segments.size() - 1).name(), 0,
                    "the log ends at seq " + (expected - 1) + ", before seq " + anchor.get().seq() + " that was verified on " + anchor.get().at());
        }
        if (last != null) {
            checkpoints.accept(last);
        }
        String hash = last != null ? last.hash() : checkpoint.map(Checkpoint::hash).orElse(null);
        return new Verification(mode, checked, true, checked == 0 ? null : fromSeq, checked == 0 ? null : expected - 1, null, null, null, null, hash);
    }

    /** What is wrong with a line at this place of the chain, or null. {@code previous} null: the first entry present, any prev. */
    private String problem(String line, long expectedSeq, String previous)
    {
        JsonNode entry;
        try {
            entry = json.readTree(line);
        }
        catch (IOException e) {
            return "the line is not an audit entry (an incomplete write after a crash, or an edit)";
        }
        if (entry == null || !entry.path("seq").canConvertToLong() || !entry.path("prev").isTextual()) {
            return "the line is not an audit entry";
        }
        long seq = entry.path("seq").asLong();
        if (seq != expectedSeq) {
            return "seq " + seq + " where " + expectedSeq + " was expected";
        }
        if (previous != null && !entry.path("prev").asText().equals(previous)) {
            return "prev does not match the hash of the entry before";
        }
        Optional<String> claimed = AuditChain.claimedHash(line);
        if (claimed.isEmpty() || !AuditChain.computedHash(entry.path("prev").asText(), line).equals(claimed.get())) {
            return "hash does not match the entry's content";
        }
        return null;
    }

    private static String changedSince(Checkpoint checkpoint)
    {
        return "the entry of the last checkpoint (seq " + checkpoint.seq() + ") is no longer the one verified on " + checkpoint.at();
    }

    private String prevOf(String line)
    {
        try {
            return json.readTree(line).path("prev").asText("");
        }
        catch (IOException e) {
            return "";
        }
    }

    private static int indexOf(List<AuditFiles.Segment> segments, String name)
    {
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
