package io.vineyard.meta.raft;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The embedded cluster (no {@code --peers}; the runtimes of one user on one machine): its Raft
 * group is made of the runtimes that run, and a start never depends on runtimes that are stopped.
 *
 * <p>The group lives in <em>generations</em>: the discovery folder names the current one (its
 * epoch) and every running member has a locked member file in it ({@link Discovery}). Since the
 * runtimes share a machine, a member file whose lock is free is a runtime that is gone: file locks
 * are an exact failure detector here, which Raft over a network does not have. The rules:
 *
 * <ul>
 *   <li><b>Start.</b> Under the cluster lock: if a member of the current generation runs, join it
 *       (the leader adds this runtime); if none does, found a new generation alone. Either way with
 *       a new Raft name and a new, empty log: the old log is read for what this instance owns
 *       ({@link Carry}) and then deleted. If the join fails (the members stopped meanwhile, or the
 *       generation was replaced), decide again.
 *   <li><b>Enter.</b> Register (the instance ID is the data dir's, handed out by the discovery
 *       folder), then announce the objects this instance owns whose payload is still here, and the
 *       names of them. What it announced replaces whatever the cluster held as its objects.
 *   <li><b>Clean stop.</b> While other members run: drop this instance's objects from the cluster
 *       and leave the group (they come back with it). The last member just stops.
 *   <li><b>Death</b> (kill -9). The leader sees the free lock, drops the dead instance's objects
 *       and removes it from the group. If a majority of the members died, no leader can do that:
 *       the survivors found a new generation and move there, each bringing its own objects.
 * </ul>
 *
 * <p>So at any time the running runtimes of one user and one cluster name form one Raft group, and
 * the cluster's metadata is what its running instances own (plus what they persisted since).
 */
final class Generation {
  private static final System.Logger LOG = System.getLogger(Generation.class.getName());
  private static final Duration CHECK_EVERY = Duration.ofMillis(200);
  private static final Duration LEADER_WAIT = Duration.ofSeconds(3);
  private static final Duration STEP = Duration.ofSeconds(3);

  /**
   * How long the watchdog waits for one removal step: short, so that a second death right after the
   * first (no majority left for the removal) is seen at the next check, which then moves.
   */
  private static final Duration REMOVAL_STEP = Duration.ofSeconds(1);

  private final RaftInstance instance;
  private final Discovery discovery;
  private final Predicate<ObjectId> blobPresent;
  private final ScheduledExecutorService watchdog;
  private volatile String epoch;

  private Generation(RaftInstance instance, Discovery discovery, Predicate<ObjectId> blobPresent) {
    this.instance = instance;
    this.discovery = discovery;
    this.blobPresent = blobPresent;
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vineyard-raft-watchdog");
              t.setDaemon(true);
              return t;
            });
  }

  static Generation start(RaftInstance instance, Predicate<ObjectId> blobPresent) throws Exception {
    ClusterSettings s = instance.settings;
    Discovery discovery = new Discovery(s.discoveryDir(), s.cluster());
    Generation g = new Generation(instance, discovery, blobPresent);
    try {
      long id =
          discovery.locked(
              null, () -> discovery.instanceIdFor(instance.dir.path(), instance.dir.instanceId()));
      if (instance.dir.instanceId().orElse(-1) != id) {
        instance.dir.writeInstanceId(id);
      }
      instance.instanceId = id;
      g.enter(Carry.takeOver(instance.dir, id), null);
    } catch (Exception | Error e) {
      g.watchdog.shutdownNow();
      discovery.close();
      throw e;
    }
    g.watchdog.scheduleWithFixedDelay(
        g::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return g;
  }

  /**
   * Joins or founds a generation and brings {@code carry} into it; decides again when a join fails.
   *
   * @param avoid a generation not to join (the one this runtime leaves because it lost its
   *     majority), or null
   */
  private void enter(Carry carry, String avoid) throws Exception {
    Duration limit = instance.settings.commitTimeout().multipliedBy(2);
    limit = limit.compareTo(Duration.ofSeconds(20)) < 0 ? Duration.ofSeconds(20) : limit;
    long deadline = System.nanoTime() + limit.toNanos();
    Duration step =
        instance.settings.commitTimeout().compareTo(STEP) > 0
            ? instance.settings.commitTimeout()
            : STEP;
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      if (instance.closed && instance.group != null) {
        throw new IllegalStateException("this runtime stops");
      }
      String skip = avoid;
      // a founder connects before it lets go of the cluster lock: a runtime that decides to join
      // it then finds it through JGroups' discovery, instead of forming a group of joiners alone
      Bootstrap[] decided = new Bootstrap[1];
      RaftGroup founded;
      try {
        founded =
            discovery.locked(
                null,
                () -> {
                  decided[0] = decide(skip);
                  return decided[0].mustJoin() ? null : connect(decided[0]);
                });
      } catch (Exception | Error e) {
        if (decided[0] != null) {
          discovery.unregister(); // registered, then the founder's connect failed
        }
        throw e;
      }
      Bootstrap b = decided[0];
      avoid = null;
      RaftGroup g = founded;
      try {
        if (g == null) {
          g = connect(b);
        }
        if (b.mustJoin()) {
          g.joinGroup(
              STEP.multipliedBy(3),
              LEADER_WAIT,
              instance::describe,
              () -> !b.groupName().equals(current()));
        }
        long id = instance.instanceId;
        g.commit(instance.registration(b.raftId(), id), "registration of instance " + id, step);
        Carry alive = carry.alive(id, blobPresent);
        int dropped = carry.trees().size() - alive.trees().size();
        g.commit(
            new MetadataCommand.Announce(id, alive.treeList(), alive.nameMap()),
            "announcement of the " + alive.trees().size() + " objects of instance " + id,
            step);
        Carry.done(instance.dir);
        discovery.entered();
        epoch = epochOf(b);
        instance.use(g);
        LOG.log(
            System.Logger.Level.INFO,
            "instance "
                + id
                + " is Raft member "
                + b.raftId()
                + " of cluster '"
                + instance.settings.cluster()
                + "' (generation "
                + epoch
                + ", "
                + (b.mustJoin() ? "joined" : "founded")
                + "); it brought "
                + alive.trees().size()
                + " objects and "
                + alive.names().size()
                + " names"
                + (dropped == 0
                    ? ""
                    : ", and dropped " + dropped + " whose payload did not survive"));
        return;
      } catch (VineyardException.ConnectionError | IllegalStateException | IOException e) {
        // IOException: a joiner's connect failed, e.g. JGroups refused a JOIN it sent again after
        // the first timed out on a loaded machine ("would create a view with duplicate members")
        if (e instanceof IOException && !b.mustJoin()) {
          if (g != null) {
            g.close();
          }
          discovery.unregister();
          throw e;
        }
        last = e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        LOG.log(
            System.Logger.Level.INFO,
            "could not enter "
                + b.groupName()
                + " as "
                + b.raftId()
                + ", deciding again: "
                + e.getMessage());
        if (g != null) {
          g.close();
        }
        discovery.unregister();
      } catch (Exception | Error e) {
        if (g != null) {
          g.close();
        }
        discovery.unregister();
        throw e;
      }
    }
    throw new IllegalStateException(
        "could not join or found cluster '"
            + instance.settings.cluster()
            + "' within "
            + Timeouts.text(limit)
            + (last == null ? "" : ": " + last.getMessage()));
  }

  /** Connects a fresh log and replica to the group {@code b} names. */
  private RaftGroup connect(Bootstrap b) throws IOException {
    for (java.nio.file.Path p : Carry.logFiles(instance.dir)) {
      java.nio.file.Files.deleteIfExists(p);
    }
    MapDbLog log = MapDbLog.open(instance.dir.logFile());
    try {
      return RaftGroup.connect(instance.settings, b, log, new MetadataStateMachine(), instance.key);
    } catch (Exception e) {
      log.close();
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
  }

  /** Under the cluster lock: which generation to enter, as whom. */
  private Bootstrap decide(String avoid) throws IOException, InterruptedException {
    ClusterSettings s = instance.settings;
    Properties boot = discovery.readBootstrap();
    String named = boot.getProperty(Bootstrap.EPOCH);
    // a generation can be joined through a member that is in it, or its founder (which elects
    // itself): runtimes still joining it cannot add anybody, and if its founder gave up they never
    // will
    List<String> initial = ClusterSettings.parseNames(boot.getProperty(Bootstrap.INITIAL));
    boolean joinable =
        named != null
            && discovery.members(named).stream()
                .anyMatch(m -> m.running() && (m.entered() || initial.contains(m.raftId())));
    String raftId = "vy-" + Bootstrap.randomHex(6);
    boolean found = !joinable || named.equals(avoid);
    if (found) {
      named = Bootstrap.randomHex(4);
      boot.setProperty(Bootstrap.EPOCH, named);
      boot.setProperty(Bootstrap.INITIAL, raftId);
      discovery.writeBootstrap(boot);
      discovery.removeStale(named);
    }
    discovery.register(raftId, named, instance.instanceId, s.socket(), s.dataDir());
    return new Bootstrap(
        raftId, s.cluster() + "-" + named, found ? List.of(raftId) : initial, !found);
  }

  private String current() {
    try {
      return instance.settings.cluster()
          + "-"
          + discovery.readBootstrap().getProperty(Bootstrap.EPOCH, "");
    } catch (IOException e) {
      return "";
    }
  }

  private String epochOf(Bootstrap b) {
    return b.groupName().substring(instance.settings.cluster().length() + 1);
  }

  /** The watchdog: removes dead members (as leader), or moves when the group cannot go on. */
  private void check() {
    RaftGroup g = instance.group;
    if (instance.closed || g == null) {
      return;
    }
    try {
      String named = discovery.readBootstrap().getProperty(Bootstrap.EPOCH);
      if (named != null && !named.equals(epoch)) {
        move(g, null, "cluster generation " + epoch + " was replaced by " + named);
        return;
      }
      Set<String> members = new TreeSet<>(g.raft().members());
      Set<String> dead = new TreeSet<>(members);
      dead.removeAll(discovery.running(epoch));
      dead.remove(g.raftId());
      if (dead.isEmpty()) {
        return;
      }
      if ((members.size() - dead.size()) * 2
          <= members.size()) { // no majority left: nobody can remove them
        move(
            g,
            epoch,
            "a majority of the members of generation "
                + epoch
                + " died ("
                + instance.describe(dead)
                + ")");
      } else if (g.isLeader()) {
        for (String d : dead) {
          removeDead(g, d);
        }
      }
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "cluster membership check failed: " + e.getMessage(), e);
    }
  }

  private void removeDead(RaftGroup g, String raftId) throws IOException {
    long dead = -1;
    for (InstanceRecord r : new GlobalView(g.machine()).instances()) {
      if (r.raftId().equals(raftId)) {
        dead = r.id();
      }
    }
    if (dead >= 0) {
      try {
        g.commit(
            new MetadataCommand.Forget(dead, raftId),
            "removal of the objects of instance " + dead,
            REMOVAL_STEP);
      } catch (io.vineyard.api.VineyardException e) {
        return; // another member died meanwhile, say: the next check sees it and decides again
      }
    }
    if (g.removeMember(raftId, REMOVAL_STEP)) {
      discovery.forgetDead(raftId);
      LOG.log(
          System.Logger.Level.INFO,
          "Raft member "
              + raftId
              + (dead < 0 ? "" : " (instance " + dead + ")")
              + " died: removed from cluster '"
              + instance.settings.cluster()
              + "' with its objects; they come back when it restarts");
    }
  }

  /**
   * Leaves the current generation for another (a new one unless {@code avoid} is null and one is
   * named).
   */
  private void move(RaftGroup g, String avoid, String why) throws Exception {
    LOG.log(
        System.Logger.Level.INFO,
        "instance " + instance.instanceId + " moves to a new cluster generation: " + why);
    Carry carry = g.machine().read(m -> Carry.of(m, instance.instanceId));
    carry.save(instance.dir);
    g.close();
    discovery.unregister();
    if (!instance.closed) {
      enter(carry, avoid);
    }
  }

  /**
   * Stops: on a clean stop while others run, this instance's objects leave the cluster (they are
   * kept in {@code carry.json} for the next start) and this member leaves the group, within {@code
   * min(commit timeout, 3 s)}; a kill keeps the member file, unlocked, as a dead runtime's.
   */
  void stop(boolean clean) {
    watchdog.shutdownNow();
    try {
      watchdog.awaitTermination(
          10, TimeUnit.SECONDS); // a move in progress gives up at its next step
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    RaftGroup g = instance.group;
    try {
      if (clean && g != null) {
        leave(g);
      }
    } finally {
      if (g != null) {
        g.close();
      }
      try {
        if (clean) {
          discovery.unregister();
        } else {
          discovery.close();
        }
      } catch (IOException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "could not release the member file of this runtime: " + e.getMessage(),
            e);
      }
    }
  }

  private void leave(RaftGroup g) {
    Duration timeout =
        instance.settings.commitTimeout().compareTo(STEP) < 0
            ? instance.settings.commitTimeout()
            : STEP;
    String self = g.raftId();
    long id = instance.instanceId;
    try {
      Carry carry = g.machine().read(m -> Carry.of(m, id));
      carry.save(instance.dir);
      discovery.locked(
          timeout,
          () -> {
            Set<String> others = new TreeSet<>(discovery.running(epoch));
            others.remove(self);
            others.retainAll(g.raft().members());
            if (!g.isMember() || others.isEmpty()) {
              return null; // the last one: the generation ends with it
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            g.commit(
                new MetadataCommand.Forget(id, self),
                "removal of the objects of instance " + id,
                left(deadline));
            g.leaveGroup(left(deadline));
            g.commit(
                new MetadataCommand.Barrier(),
                "confirmation of the removal of " + self,
                left(deadline));
            LOG.log(
                System.Logger.Level.INFO,
                "instance "
                    + id
                    + " left cluster '"
                    + instance.settings.cluster()
                    + "' with its "
                    + carry.trees().size()
                    + " objects; they come back when it restarts");
            return null;
          });
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.log(
          System.Logger.Level.WARNING,
          "instance "
              + id
              + " could not leave cluster '"
              + instance.settings.cluster()
              + "' cleanly within "
              + Timeouts.text(timeout)
              + " ("
              + e.getMessage()
              + "): the others remove it as a runtime that died");
    }
  }

  private static Duration left(long deadline) {
    return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
  }
}
