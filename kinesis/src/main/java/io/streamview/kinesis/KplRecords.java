package io.streamview.kinesis;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.streamview.engine.source.StreamRecord;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * De-aggregates KPL (Kinesis Producer Library) aggregated records into their user records, as the KCL does.
 *
 * <p>An aggregated record's data is the magic {@code F3 89 9A C2}, a protobuf {@code AggregatedRecord}
 * ({@code repeated string partition_key_table = 1; repeated string explicit_hash_key_table = 2;
 * repeated Record records = 3}, with {@code Record {required uint64 partition_key_index = 1;
 * optional uint64 explicit_hash_key_index = 2; required bytes data = 3; repeated Tag tags = 4}}) and the 16-byte MD5
 * of the protobuf bytes. The protobuf is read with protobuf-java's {@link CodedInputStream}. Data without the magic,
 * too short, with a wrong MD5, or whose protobuf does not parse or refers to a missing partition key, is an ordinary
 * record (as the KCL treats it): one {@link StreamRecord} with sub-sequence number 0.
 *
 * <p>User record i of an aggregated record becomes a {@code StreamRecord} with the Kinesis record's shard, sequence
 * number and arrival time, sub-sequence number i (0-based, the KCL's numbering), the partition key from the table and
 * the user data. All user records of one Kinesis record are always delivered in the same batch, so a checkpoint after
 * a Kinesis record covers all of them.
 */
final class KplRecords {

  static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
  static final int DIGEST_LENGTH = 16;

  private static final int PARTITION_KEY_TABLE = 1;
  private static final int EXPLICIT_HASH_KEY_TABLE = 2;
  private static final int RECORDS = 3;
  private static final int RECORD_PARTITION_KEY_INDEX = 1;
  private static final int RECORD_DATA = 3;

  private KplRecords() {
  }

  /** Whether the data starts with the KPL magic (it may still fail the MD5 or protobuf checks). */
  static boolean hasMagic(byte[] data) {
    return data.length >= MAGIC.length + DIGEST_LENGTH
        && Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  /** The user records of one Kinesis record: several for a valid aggregated record, else the record itself. */
  static List<StreamRecord> userRecords(String shardId, String sequenceNumber, String partitionKey,
                                        Instant arrival, byte[] data) {
    if (hasMagic(data)) {
      List<StreamRecord> users = deaggregate(shardId, sequenceNumber, arrival, data);
      if (users != null) {
        return users;
      }
    }
    return List.of(new StreamRecord(shardId, sequenceNumber, 0, partitionKey, arrival, data));
  }

  /** The user records, or null when the data is not a valid aggregated record. */
  private static List<StreamRecord> deaggregate(String shardId, String sequenceNumber, Instant arrival, byte[] data) {
    int protoLength = data.length - MAGIC.length - DIGEST_LENGTH;
    byte[] digest = md5().digest(Arrays.copyOfRange(data, MAGIC.length, MAGIC.length + protoLength));
    if (!Arrays.equals(digest, 0, DIGEST_LENGTH, data, data.length - DIGEST_LENGTH, data.length)) {
      return null;
    }
    try {
      CodedInputStream in = CodedInputStream.newInstance(data, MAGIC.length, protoLength);
      List<String> partitionKeys = new ArrayList<>();
      List<Long> indexes = new ArrayList<>();
      List<byte[]> payloads = new ArrayList<>();
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        int field = WireFormat.getTagFieldNumber(tag);
        int wireType = WireFormat.getTagWireType(tag);
        if (field == PARTITION_KEY_TABLE && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          partitionKeys.add(in.readStringRequireUtf8());
        } else if (field == EXPLICIT_HASH_KEY_TABLE && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          in.skipField(tag);
        } else if (field == RECORDS && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          int limit = in.pushLimit(in.readRawVarint32());
          long keyIndex = -1;
          byte[] payload = null;
          for (int t = in.readTag(); t != 0; t = in.readTag()) {
            int f = WireFormat.getTagFieldNumber(t);
            int w = WireFormat.getTagWireType(t);
            if (f == RECORD_PARTITION_KEY_INDEX && w == WireFormat.WIRETYPE_VARINT) {
              keyIndex = in.readUInt64();
            } else if (f == RECORD_DATA && w == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
              payload = in.readByteArray();
            } else {
              in.skipField(t);
            }
          }
          in.popLimit(limit);
          if (keyIndex < 0 || payload == null) {
            return null; // a required field is missing
          }
          indexes.add(keyIndex);
          payloads.add(payload);
        } else {
          in.skipField(tag);
        }
      }
      if (payloads.isEmpty()) {
        return null;
      }
      List<StreamRecord> users = new ArrayList<>(payloads.size());
      for (int i = 0; i < payloads.size(); i++) {
        long keyIndex = indexes.get(i);
        if (keyIndex >= partitionKeys.size()) {
          return null;
        }
        users.add(new StreamRecord(shardId, sequenceNumber, i, partitionKeys.get((int) keyIndex), arrival,
            payloads.get(i)));
      }
      return users;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  }
}
