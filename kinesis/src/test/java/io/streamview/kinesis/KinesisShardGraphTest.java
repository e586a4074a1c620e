package io.streamview.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.engine.source.ShardCheckpoint;
import io.streamview.engine.source.StartPosition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** The parents-first ordering, without any network. */
class KinesisShardGraphTest {

  static Shard shard(String id, String parent, String adjacent, boolean closed) {
    return Shard.builder().shardId(id).parentShardId(parent).adjacentParentShardId(adjacent)
        .sequenceNumberRange(r -> r.startingSequenceNumber("1")
            .endingSequenceNumber(closed ? "9223372036854775807" : null))
        .build();
  }

  private static List<String> ids(List<Shard> shards) {
    return shards.stream().map(Shard::shardId).toList();
  }

  // p0 split into c1, c2; c1 and c2 merged into m3; s4 independent
  private final List<Shard> listing = List.of(
      shard("p0", null, null, true),
      shard("c1", "p0", null, true),
      shard("c2", "p0", null, true),
      shard("m3", "c1", "c2", false),
      shard("s4", null, null, false));

  @Test
  void withoutCheckpointsOnlyRootsAreReadyAndChildrenFollowTheirParents() {
    KinesisShardGraph graph = new KinesisShardGraph(listing, Map.of());
    assertEquals(List.of("p0", "c1", "c2", "m3", "s4"), ids(graph.shardsToRead()));
    assertEquals(List.of("p0", "s4"), ids(graph.readyShards(Set.of(), Set.of())));
    assertEquals(List.of("p0"), graph.blockingParents("c1", Set.of()));

    // p0 ended during the read: both children may start, the merge child still waits for both of them
    assertEquals(List.of("c1", "c2"), ids(graph.readyShards(Set.of("p0"), Set.of("p0", "s4"))));
    assertEquals(List.of("c1", "c2"), graph.blockingParents("m3", Set.of("p0")));
    assertEquals(List.of("c2"), graph.blockingParents("m3", Set.of("p0", "c1")));
    assertEquals(List.of(), ids(graph.readyShards(Set.of("p0", "c1"), Set.of("p0", "s4", "c1", "c2"))));
    assertEquals(List.of("m3"), ids(graph.readyShards(Set.of("p0", "c1", "c2"), Set.of("p0", "s4", "c1", "c2"))));
  }

  @Test
  void shardsEndedInCheckpointsAreSkippedAndReleaseTheirChildren() {
    Map<String, ShardCheckpoint> checkpoints = Map.of(
        "p0", new ShardCheckpoint("p0", StartPosition.afterSequenceNumber("17"), true),
        "c1", new ShardCheckpoint("c1", StartPosition.afterSequenceNumber("42"), false));
    KinesisShardGraph graph = new KinesisShardGraph(listing, checkpoints);
    assertEquals(List.of("c1", "c2", "m3", "s4"), ids(graph.shardsToRead()));
    assertEquals(List.of("c1", "c2", "s4"), ids(graph.readyShards(Set.of(), Set.of())));
    assertEquals(StartPosition.afterSequenceNumber("42"), graph.startOf("c1"));
    assertEquals(StartPosition.TRIM_HORIZON, graph.startOf("c2"));
  }

  @Test
  void parentsNoLongerListedDoNotBlock() {
    // p0 has been trimmed away: its children are roots now
    KinesisShardGraph graph = new KinesisShardGraph(listing.subList(1, listing.size()), Map.of());
    assertEquals(List.of("c1", "c2", "s4"), ids(graph.readyShards(Set.of(), Set.of())));
  }

  @Test
  void aParentThatDidNotEndKeepsItsChildrenWaiting() {
    KinesisShardGraph graph = new KinesisShardGraph(listing, Map.of());
    // p0 was read but stopped (cancelled or at parity) without ending
    assertEquals(List.of(), ids(graph.readyShards(Set.of(), Set.of("p0", "s4"))));
    assertEquals(List.of("p0"), graph.blockingParents("c2", Set.of()));
  }

  @Test
  void closedMeansAnEndingSequenceNumberIsPresentWhateverItsValue() {
    assertTrue(KinesisShardGraph.isClosed(shard("x", null, null, true)));
    assertFalse(KinesisShardGraph.isClosed(shard("x", null, null, false)));
    assertFalse(KinesisShardGraph.isClosed(Shard.builder().shardId("y").build()));
  }

  @Test
  void duplicateListingEntriesAreReadOnce() {
    KinesisShardGraph graph = new KinesisShardGraph(List.of(shard("a", null, null, false),
        shard("a", null, null, false)), Map.of());
    assertEquals(List.of("a"), ids(graph.shardsToRead()));
  }
}
