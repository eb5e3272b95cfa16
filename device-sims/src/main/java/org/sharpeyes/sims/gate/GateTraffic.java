package org.sharpeyes.sims.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Generated traffic at an access controller's doors, a pure function of the seed and the start
 * instant: credential presentations at a fixed rate (presentation <i>k</i> is due at start + k /
 * rate), each at a random door, in a random direction, with a random credential from the list (or,
 * with {@code unknownShare}, a card the controller does not know). A granted presentation at a
 * closed door opens it, and it closes {@link #OPEN_FOR} later, unless (with {@code heldShare}) it
 * is held open: {@code held-open} after {@link #HELD_AFTER}, closed {@link #HELD_FOR} after that.
 * With {@code forcedShare}, a slot is instead a closed door forced open, closed again {@link
 * #FORCED_FOR} later.
 */
public final class GateTraffic implements DoorActivity {

  public static final Duration OPEN_FOR = Duration.ofSeconds(3);
  public static final Duration HELD_AFTER = Duration.ofSeconds(10);
  public static final Duration HELD_FOR = Duration.ofSeconds(20);
  public static final Duration FORCED_FOR = Duration.ofSeconds(5);

  private final DoorBank bank;
  private final CredentialList credentials;
  private final double rate;
  private final double forcedShare;
  private final double heldShare;
  private final double unknownShare;
  private final Instant start;
  private final SplittableRandom random;
  private final PriorityQueue<Move> moves = new PriorityQueue<>();
  private long slotsPlayed;
  private long moveSequence;

  /** A door move due later: applied only if the door is still as the traffic left it. */
  private record Move(Instant at, long order, int door, DoorState expected, DoorState next)
      implements Comparable<Move> {
    @Override
    public int compareTo(Move o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }

  /**
   * @param rate presentations per second, &gt; 0
   * @param forcedShare share of slots that are a forced door instead, 0..1
   * @param heldShare share of granted openings that end held open, 0..1
   * @param unknownShare share of presentations with a card the controller does not know, 0..1
   */
  public GateTraffic(
      DoorBank bank,
      CredentialList credentials,
      double rate,
      long seed,
      double forcedShare,
      double heldShare,
      double unknownShare,
      Instant start) {
    if (!(rate > 0)) {
      throw new IllegalArgumentException("the rate must be > 0, was " + rate);
    }
    this.bank = bank;
    this.credentials = credentials;
    this.rate = rate;
    this.forcedShare = share("forcedShare", forcedShare);
    this.heldShare = share("heldShare", heldShare);
    this.unknownShare = share("unknownShare", unknownShare);
    this.start = start;
    this.random = new SplittableRandom(seed);
  }

  private static double share(String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(name + " must be from 0 to 1, was " + v);
    }
    return v;
  }

  @Override
  public void advanceTo(Instant now) {
    while (true) {
      Instant slotAt = slotTime(slotsPlayed + 1);
      Move move = moves.peek();
      boolean moveFirst = move != null && !move.at().isAfter(slotAt);
      Instant next = moveFirst ? move.at() : slotAt;
      if (next.isAfter(now)) {
        return;
      }
      if (moveFirst) {
        moves.poll();
        if (bank.state(move.door()) == move.expected()) {
          bank.setState(move.door(), move.next(), move.at());
        }
      } else {
        slotsPlayed++;
        playSlot(slotAt);
      }
    }
  }

  @Override
  public boolean finished() {
    return false;
  }

  private Instant slotTime(long k) {
    return start.plusNanos(Math.round(k * 1e9 / rate));
  }

  private void playSlot(Instant at) {
    int door = 1 + random.nextInt(bank.doorCount());
    if (random.nextDouble() < forcedShare) {
      if (bank.state(door) == DoorState.CLOSED) {
        bank.setState(door, DoorState.FORCED, at);
        schedule(at.plus(FORCED_FOR), door, DoorState.FORCED, DoorState.CLOSED);
      }
      return;
    }
    PassDirection direction = random.nextBoolean() ? PassDirection.IN : PassDirection.OUT;
    Credential credential =
        random.nextDouble() < unknownShare
            ? Credential.unknown(
                String.format("CARD-9%05d", random.nextInt(100_000)), CredentialType.CARD)
            : credentials.all().get(random.nextInt(credentials.size()));
    boolean heldOpen = random.nextDouble() < heldShare;
    bank.present(door, credential, direction, at);
    if (credential.decision().granted() && bank.state(door) == DoorState.CLOSED) {
      bank.setState(door, DoorState.OPEN, at);
      if (heldOpen) {
        Instant held = at.plus(HELD_AFTER);
        schedule(held, door, DoorState.OPEN, DoorState.HELD_OPEN);
        schedule(held.plus(HELD_FOR), door, DoorState.HELD_OPEN, DoorState.CLOSED);
      } else {
        schedule(at.plus(OPEN_FOR), door, DoorState.OPEN, DoorState.CLOSED);
      }
    }
  }

  private void schedule(Instant at, int door, DoorState expected, DoorState next) {
    moves.add(new Move(at, ++moveSequence, door, expected, next));
  }
}
