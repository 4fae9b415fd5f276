package vn.dancu.api.subscription;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CubeVersionWatcherTest
{
    @Test
    void handsOnTheFirstVersionEachNewOneAndAgainAVersionWhoseWorkWasNotDone()
    {
        AtomicReference<String> version = new AtomicReference<>("v1");
        AtomicBoolean done = new AtomicBoolean(true);
        List<String> handed = new ArrayList<>();
        CubeVersionWatcher watcher = new CubeVersionWatcher(version::get, seen -> {
            handed.add(seen);
            return done.get();
        }, Duration.ofSeconds(60));
        watcher.check();
        watcher.check();
        version.set("v2");
        done.set(false);
        watcher.check();
        watcher.check();
        done.set(true);
        watcher.check();
        watcher.check();
        version.set("v3");
        watcher.check();
        assertEquals(List.of("v1", "v2", "v2", "v2", "v3"), handed);
    }

    @Test
    void aFailingCheckIsLoggedAndTriedAgain()
    {
        List<String> handed = new ArrayList<>();
        AtomicBoolean broken = new AtomicBoolean(true);
        CubeVersionWatcher watcher = new CubeVersionWatcher(() -> {
            if (broken.get()) {
                throw new IllegalStateException("no published cubes");
            }
            return "v1";
        }, seen -> handed.add(seen), Duration.ofSeconds(60));
        watcher.check();
        broken.set(false);
        watcher.check();
        assertEquals(List.of("v1"), handed);
    }
}
