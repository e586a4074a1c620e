package io.streamview.engine.database;

import io.streamview.engine.source.BatchConsumer;
import io.streamview.engine.source.ReadRequest;
import io.streamview.engine.source.ReadSummary;
import io.streamview.engine.source.StreamSource;

/** A stream source that adds every batch its consumer stored to the {@link ScanTally} open on the reading thread. */
final class TallyingStreamSource implements StreamSource {

  private final StreamSource source;

  TallyingStreamSource(StreamSource source) {
    this.source = source;
  }

  @Override public ReadSummary readToParity(ReadRequest request, BatchConsumer consumer) {
    ScanTally tally = ScanTally.current();
    if (tally == null) {
      return source.readToParity(request, consumer);
    }
    return source.readToParity(request, batch -> {
      consumer.accept(batch);
      tally.add(batch);
    });
  }

  @Override public boolean streamExists(String streamName) {
    return source.streamExists(streamName);
  }

  @Override public void close() {
    source.close();
  }
}
