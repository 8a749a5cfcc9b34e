package dev.toksmith.core.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.DocumentSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentFanOutTest {
  /** Collects what one worker was given, and on which thread. */
  private static final class Collecting implements DocumentSink {
    final List<String> documents = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();

    @Override
    public void accept(String document) {
      documents.add(document);
      if (threads.isEmpty() || threads.get(threads.size() - 1) != Thread.currentThread()) threads.add(Thread.currentThread());
    }
  }

  @Test
  void everyDocumentReachesExactlyOneWorkerOnAThreadOfItsOwn() throws IOException {
    List<Collecting> workers = List.of(new Collecting(), new Collecting(), new Collecting());
    String result = DocumentFanOut.run(workers, sink -> {
      for (int i = 0; i < 50_000; i++) sink.accept("document " + i + " " + "x".repeat(i % 97) + "\n");
      return "read";
    });
    assertEquals("read", result);
    Map<String, Integer> seen = new HashMap<>();
    for (Collecting worker : workers) {
      for (String document : worker.documents) seen.merge(document, 1, Integer::sum);
      assertTrue(worker.threads.size() <= 1, "one thread per worker");
      assertFalse(worker.threads.contains(Thread.currentThread()), "workers run off the reading thread");
    }
    assertEquals(50_000, seen.size());
    assertEquals(List.of(1), seen.values().stream().distinct().toList());
  }

  @Test
  void oneWorkerRunsOnTheCallingThreadInCorpusOrder() throws IOException {
    Collecting worker = new Collecting();
    DocumentFanOut.run(List.of(worker), sink -> {
      sink.accept("a");
      sink.accept("b");
      return null;
    });
    assertEquals(List.of("a", "b"), worker.documents);
    assertEquals(List.of(Thread.currentThread()), worker.threads);
  }

  @Test
  void aWorkersFailureEndsReadingAndIsRethrown() {
    IllegalStateException failure = new IllegalStateException("bad document");
    DocumentSink failing = document -> {
      if (document.startsWith("bad")) throw failure;
    };
    int[] offered = {0};
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> DocumentFanOut.run(List.of(failing, failing), sink -> {
      sink.accept("bad\n");
      for (int i = 0; i < 10_000_000; i++) {
        offered[0]++;
        sink.accept("fine ".repeat(20));
      }
      return null;
    }));
    assertSame(failure, thrown);
    assertTrue(offered[0] < 10_000_000, "reading stopped early");
  }

  @Test
  void aWorkerRunningOutOfMemoryIsRethrownAsItIs() {
    OutOfMemoryError failure = new OutOfMemoryError("Java heap space");
    DocumentSink failing = document -> {
      throw failure;
    };
    OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> DocumentFanOut.run(List.of(failing, failing), sink -> {
      for (int i = 0; i < 100_000; i++) sink.accept("document ".repeat(20));
      return null;
    }));
    assertSame(failure, thrown, "an out-of-memory error reaches the command line, which says what to do");
  }

  @Test
  void aReadingFailureIsRethrownOnceTheWorkersStopped() {
    IOException failure = new IOException("unreadable");
    Collecting worker = new Collecting();
    IOException thrown = assertThrows(IOException.class, () -> DocumentFanOut.run(List.of(worker, new Collecting()), sink -> {
      sink.accept("one");
      throw failure;
    }));
    assertSame(failure, thrown);
  }
}
