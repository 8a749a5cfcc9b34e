package dev.toksmith.core.concurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Alongside}'s rules: the failure of the caller's part wins, the other part never outlives the
 * call (interrupted and awaited), and an interrupt of the caller stops the work and stays set. The
 * parts here wait for each other through latches, so the order of events is forced, not timed.
 */
@Timeout(60)
class AlongsideTest {
  /** How long a part that ignores nothing waits for an interrupt before it gives up: long beside any wait here. */
  private static final long PATIENCE_SECONDS = 20;

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void bothResultsTheOtherOnAThreadOfItsOwn() {
    Thread caller = Thread.currentThread();
    var both = Alongside.run(true, () -> Thread.currentThread(), () -> Thread.currentThread());
    assertSame(caller, both.mine());
    assertNotSame(caller, both.other());
    assertTrue(both.other().isDaemon());
  }

  @Test
  void withoutParallelBothRunHereMineFirst() {
    StringBuilder order = new StringBuilder();
    Thread caller = Thread.currentThread();
    var both = Alongside.run(false, () -> order.append("mine ").length() > 0 && Thread.currentThread() == caller,
        () -> order.append("other").length() > 0 && Thread.currentThread() == caller);
    assertTrue(both.mine() && both.other());
    assertEquals("mine other", order.toString());
  }

  @Test
  void theOthersCheckedFailureIsThrownAsItWas() {
    IOException bad = new IOException("other");
    IOException thrown = assertThrows(IOException.class, () -> Alongside.<String, String, IOException>run(true, () -> "mine", () -> {
      throw bad;
    }));
    assertSame(bad, thrown);
  }

  /** The old training helper returned while the other half still ran, and did not tell it to stop. */
  @Test
  void whenMineFailsTheOtherIsInterruptedAndAwaited() {
    Patient other = new Patient();
    IllegalArgumentException bad = new IllegalArgumentException("mine");
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> Alongside.run(true, () -> {
      other.started.await();
      throw bad;
    }, other));
    assertSame(bad, thrown);
    other.assertStopped();
    assertEquals(0, thrown.getSuppressed().length);
  }

  /** The old loading helper threw the caller's failure but did not wait for the other part. */
  @Test
  void whenBothFailMinesWinsWithTheOthersSuppressedEvenIfTheOtherFailedFirst() {
    CountDownLatch otherFailing = new CountDownLatch(1);
    IllegalStateException second = new IllegalStateException("other");
    IllegalArgumentException first = new IllegalArgumentException("mine");
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> Alongside.run(true, () -> {
      otherFailing.await();
      throw first;
    }, () -> {
      otherFailing.countDown();
      throw second;
    }));
    assertSame(first, thrown);
    assertArrayEquals(new Throwable[] {second}, thrown.getSuppressed());
  }

  /**
   * An interrupt while waiting (here set before the wait, the same path): the other part is
   * interrupted and awaited, the call throws, the status stays set. The old training helper swallowed
   * it until the other part ended by itself, and the old loading helper left that part running.
   */
  @Test
  void anInterruptStopsTheWorkAndStaysSet() {
    Patient other = new Patient();
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Alongside.run(true, () -> {
      other.started.await();
      Thread.currentThread().interrupt();
      return null;
    }, other));
    assertInstanceOf(InterruptedException.class, thrown.getCause());
    assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status was not set again");
    other.assertStopped();
  }

  @Test
  void anInterruptWhileJoiningAStartedPartStopsIt() throws Exception {
    Patient patient = new Patient();
    var part = Alongside.start(true, patient);
    patient.started.await();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean statusAfter = new AtomicBoolean();
    Thread joiner = new Thread(() -> {
      Thread.currentThread().interrupt();
      try {
        part.join();
      } catch (Throwable t) {
        failure.set(t);
      }
      statusAfter.set(Thread.currentThread().isInterrupted());
    });
    joiner.start();
    joiner.join();
    assertInstanceOf(IllegalStateException.class, failure.get());
    assertTrue(statusAfter.get(), "the interrupt status was not set again");
    patient.assertStopped();
  }

  @Test
  void aCancelledPartIsInterruptedAwaitedAndHasNoResult() throws Exception {
    Patient patient = new Patient();
    var part = Alongside.start(true, patient);
    patient.started.await();
    part.cancel();
    patient.assertStopped();
    assertThrows(CancellationException.class, part::join);
    assertFalse(Thread.currentThread().isInterrupted());
  }

  @Test
  void withoutParallelAStartedPartRunsWhenJoinedOrNeverWhenCancelled() {
    Thread caller = Thread.currentThread();
    assertSame(caller, Alongside.<Thread, RuntimeException>start(false, Thread::currentThread).join());
    AtomicBoolean ran = new AtomicBoolean();
    var part = Alongside.<Boolean, RuntimeException>start(false, () -> ran.getAndSet(true));
    part.cancel();
    assertThrows(CancellationException.class, part::join);
    assertFalse(ran.get());
  }

  @Test
  void withoutParallelAPartCancelledFirstNeverRuns() {
    AtomicBoolean ran = new AtomicBoolean();
    IllegalArgumentException bad = new IllegalArgumentException("mine");
    assertSame(bad, assertThrows(IllegalArgumentException.class, () -> Alongside.run(false, () -> {
      throw bad;
    }, () -> ran.getAndSet(true))));
    assertFalse(ran.get());
    assertFalse(Thread.currentThread().isInterrupted());
  }

  /**
   * A part that says it started, then waits for an interrupt for {@link #PATIENCE_SECONDS} at most,
   * and records whether one came and that it ended.
   */
  private static final class Patient implements Alongside.Part<Boolean, RuntimeException> {
    final CountDownLatch started = new CountDownLatch(1);
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();

    @Override
    public Boolean run() {
      started.countDown();
      try {
        Thread.sleep(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
      ended.set(true);
      return true;
    }

    /** Checks, after the call that gave the part up, that the part was told to stop and had ended. */
    void assertStopped() {
      assertTrue(ended.get(), "the call returned while the part still ran");
      assertTrue(interrupted.get(), "the part was not told to stop");
    }
  }
}
