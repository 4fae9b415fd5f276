package vn.dancu.api.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the complete lines of an audit segment, forwards or backwards from a byte offset, through one 64 KiB window:
 * reading the last n lines costs the bytes of those lines, not of the file. A last line without its newline (an
 * append in progress, or a write cut short) is not a line.
 */
final class LineReader implements AutoCloseable
{
    private static final int CHUNK = 64 * 1024;

    /** A line (without its newline), the byte offset where it starts and the offset after its newline. */
    record Line(String text, long offset, long end) {}

    private final FileChannel channel;
    private final long size;
    private final byte[] buffer = new byte[CHUNK];
    private long bufferStart;
    private int bufferLength;

    private LineReader(FileChannel channel) throws IOException
    {
        this.channel = channel;
        this.size = channel.size();
    }

    static LineReader open(Path file) throws IOException
    {
        return new LineReader(FileChannel.open(file, StandardOpenOption.READ));
    }

    /** The size of the file when it was opened. */
    long size()
    {
        return size;
    }

    /** The offset just after the last complete line (0 when there is none). */
    long endOfLines() throws IOException
    {
        long position = size;
        while (position > 0) {
            window(position);
            for (int i = (int) (position - bufferStart) - 1; i >= 0; i--) {
                if (buffer[i] == '\n') {
                    return bufferStart + i + 1;
                }
            }
            position = bufferStart;
        }
        return 0;
    }

    /** The complete line starting at {@code offset}, or null when none does (end of the file, or no newline yet). */
    Line lineAt(long offset) throws IOException
    {
        long position = offset;
        while (position < size) {
            if (position < bufferStart || position >= bufferStart + bufferLength) {
                load(position, (int) Math.min(CHUNK, size - position));
            }
            for (int i = (int) (position - bufferStart); i < bufferLength; i++) {
                if (buffer[i] == '\n') {
                    long newline = bufferStart + i;
                    return new Line(text(offset, newline), offset, newline + 1);
                }
            }
            position = bufferStart + bufferLength;
        }
        return null;
    }

    /** The complete line that ends just before {@code end} (the offset after its newline), or null when {@code end} is 0. */
    Line lineBefore(long end) throws IOException
    {
        if (end <= 0) {
            return null;
        }
        long position = end - 1;
        while (position > 0) {
            window(position);
            for (int i = (int) (position - bufferStart) - 1; i >= 0; i--) {
                if (buffer[i] == '\n') {
                    long start = bufferStart + i + 1;
                    return new Line(text(start, end - 1), start, end);
                }
            }
            position = bufferStart;
        }
        return new Line(text(0, end - 1), 0, end);
    }

    /** Makes the window hold the bytes just before {@code position} (loading the chunk that ends there if it does not). */
    private void window(long position) throws IOException
    {
        if (position > bufferStart && position <= bufferStart + bufferLength) {
            return;
        }
        long start = Math.max(0, position - CHUNK);
        load(start, (int) (position - start));
    }

    private String text(long from, long to) throws IOException
    {
        int length = (int) (to - from);
        if (from >= bufferStart && to <= bufferStart + bufferLength) {
            return new String(buffer, (int) (from - bufferStart), length, StandardCharsets.UTF_8);
        }
        ByteBuffer bytes = ByteBuffer.allocate(length);
        read(bytes, from);
        return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
    }

    private void load(long start, int length) throws IOException
    {
        ByteBuffer target = ByteBuffer.wrap(buffer, 0, length);
        read(target, start);
        bufferStart = start;
        bufferLength = target.position();
    }

    private void read(ByteBuffer target, long position) throws IOException
    {
        long at = position;
        while (target.hasRemaining()) {
            int read = channel.read(target, at);
            if (read < 0) {
                return;
            }
            at += read;
        }
    }

    @Override
    public void close() throws IOException
    {
        channel.close();
    }
}
