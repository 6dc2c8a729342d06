package io.vineyard.meta.raft;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.jgroups.protocols.raft.RAFT;
import org.jgroups.protocols.raft.Role;

/**
 * Drops the uncommitted tail of this member's log when it stops being the leader, working around
 * jgroups-raft 1.1.4: a follower that receives an AppendEntries without entries commits up to the
 * leader's commit index without checking that its entries up to there are the leader's. A leader
 * cut off by a partition keeps the entries of the changes it could not commit (their callers were
 * told they failed); once healed, the new leader's first commit message made it commit and apply
 * them, and it then refused every later AppendEntries ("cannot delete entries as commit_index is
 * higher") and never caught up, restarts included.
 *
 * <p>Why dropping them is safe: they are not committed as far as this member knows, and the change
 * of role has already failed their pending requests; if a majority has them after all, the new
 * leader has them and sends them again, and if not, the new leader overwrites them anyway (Raft).
 */
final class StepDown implements RAFT.RoleChange {
  private static final System.Logger LOG = System.getLogger(StepDown.class.getName());

  private final RAFT raft;
  private final Method deleteFrom;
  private volatile Role role = Role.Follower;

  private StepDown(RAFT raft, Method deleteFrom) {
    this.raft = raft;
    this.deleteFrom = deleteFrom;
  }

  /** Watches {@code raft}'s changes of role. */
  static void watch(RAFT raft) {
    try {
      // RAFT's own truncation (log and its cached indices together) is protected
      Method m = RAFT.class.getDeclaredMethod("deleteAllLogEntriesStartingFrom", long.class);
      m.setAccessible(true);
      raft.addRoleListener(new StepDown(raft, m));
    } catch (NoSuchMethodException | RuntimeException e) {
      throw new IllegalStateException(
          "this jgroups-raft has no RAFT.deleteAllLogEntriesStartingFrom(long): " + e, e);
    }
  }

  @Override
  public void roleChanged(Role now) {
    Role was = role;
    role = now;
    // only a leader deposed by another (or by the loss of its view): a leader removed from the
    // members becomes a Learner while its removal is being applied, before the commit index counts
    // it, and that entry is committed
    if (was != Role.Leader || now != Role.Follower) {
      return;
    }
    long commit = raft.commitIndex();
    long last = raft.lastAppended();
    if (last <= commit) {
      return;
    }
    try {
      deleteFrom.invoke(raft, commit + 1);
      LOG.log(
          System.Logger.Level.INFO,
          "no longer the Raft leader: dropped the uncommitted log entries "
              + (commit + 1)
              + ".."
              + last
              + " (changes that failed; the new leader sends what the cluster committed)");
    } catch (IllegalAccessException | InvocationTargetException e) {
      LOG.log(
          System.Logger.Level.WARNING, "cannot drop the uncommitted log entries: " + e.getCause());
    }
  }
}
