package org.aidmp.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.aidmp.data.ColumnType;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/** How Parquet leaves map to dmp columns and values: one place for the source and the sink. */
final class ParquetColumns {
  private ParquetColumns() {}

  /** A leaf of the file schema: its dotted path, its Parquet type and the dmp type. */
  record Leaf(String path, List<String> parts, PrimitiveType type, ColumnType columnType) {}

  /** Every leaf reachable without passing a repeated field, in schema order. */
  static List<Leaf> leaves(MessageType schema) {
    List<Leaf> out = new ArrayList<>();
    collect(schema, new ArrayList<>(), out);
    return out;
  }

  private static void collect(GroupType group, List<String> prefix, List<Leaf> out) {
    for (Type t : group.getFields()) {
      if (t.isRepetition(Type.Repetition.REPEATED)) {
        continue;
      }
      List<String> parts = new ArrayList<>(prefix);
      parts.add(t.getName());
      if (t.isPrimitive()) {
        PrimitiveType p = t.asPrimitiveType();
        out.add(new Leaf(String.join(".", parts), List.copyOf(parts), p, columnType(p)));
      } else if (!isListOrMap(t)) {
        collect(t.asGroupType(), parts, out);
      }
    }
  }

  static boolean isListOrMap(Type t) {
    LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
    return a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
        || a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation;
  }

  /** The dmp type of a Parquet leaf. */
  static ColumnType columnType(PrimitiveType p) {
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    if (a instanceof DecimalLogicalTypeAnnotation) {
      return ColumnType.DOUBLE;
    }
    if (a instanceof TimestampLogicalTypeAnnotation
        || a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
      return ColumnType.TIMESTAMP;
    }
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return ColumnType.BOOLEAN;
      case INT32:
        return a instanceof IntLogicalTypeAnnotation i && !i.isSigned() && i.getBitWidth() == 32
            ? ColumnType.LONG
            : ColumnType.INT;
      case INT64:
        return ColumnType.LONG;
      case INT96:
        return ColumnType.TIMESTAMP;
      case FLOAT:
      case DOUBLE:
        return ColumnType.DOUBLE;
      default:
        return ColumnType.STRING;
    }
  }

  /** Decodes Parquet values of one leaf into dmp values. */
  abstract static class Decoder {
    Object ofInt(int v) {
      throw new IllegalStateException();
    }

    Object ofLong(long v) {
      throw new IllegalStateException();
    }

    Object ofBinary(Binary v) {
      throw new IllegalStateException();
    }

    Object ofDictionary(Dictionary d, int id) {
      throw new IllegalStateException();
    }
  }

  static Decoder decoder(PrimitiveType p) {
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    switch (p.getPrimitiveTypeName()) {
      case INT32 -> {
        if (a instanceof DecimalLogicalTypeAnnotation d) {
          double scale = Math.pow(10, d.getScale());
          return new Decoder() {
            @Override
            Object ofInt(int v) {
              return v / scale;
            }

            @Override
            Object ofDictionary(Dictionary dict, int id) {
              return ofInt(dict.decodeToInt(id));
            }
          };
        }
        if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return new Decoder() {
            @Override
            Object ofInt(int v) {
              return LocalDate.ofEpochDay(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }

            @Override
            Object ofDictionary(Dictionary dict, int id) {
              return ofInt(dict.decodeToInt(id));
            }
          };
        }
        boolean unsigned32 = columnType(p) == ColumnType.LONG;
        return new Decoder() {
          @Override
          Object ofInt(int v) {
            return unsigned32 ? (Object) Integer.toUnsignedLong(v) : (Object) v;
          }

          @Override
          Object ofDictionary(Dictionary dict, int id) {
            return ofInt(dict.decodeToInt(id));
          }
        };
      }
      case INT64 -> {
        if (a instanceof DecimalLogicalTypeAnnotation d) {
          double scale = Math.pow(10, d.getScale());
          return new Decoder() {
            @Override
            Object ofLong(long v) {
              return v / scale;
            }

            @Override
            Object ofDictionary(Dictionary dict, int id) {
              return ofLong(dict.decodeToLong(id));
            }
          };
        }
        if (a instanceof TimestampLogicalTypeAnnotation t) {
          TimeUnit unit = t.getUnit();
          return new Decoder() {
            @Override
            Object ofLong(long v) {
              return switch (unit) {
                case MILLIS -> Instant.ofEpochMilli(v);
                case MICROS ->
                    Instant.ofEpochSecond(
                        Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000L);
                case NANOS ->
                    Instant.ofEpochSecond(
                        Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
              };
            }

            @Override
            Object ofDictionary(Dictionary dict, int id) {
              return ofLong(dict.decodeToLong(id));
            }
          };
        }
        return new Decoder() {
          @Override
          Object ofLong(long v) {
            return v;
          }

          @Override
          Object ofDictionary(Dictionary dict, int id) {
            return dict.decodeToLong(id);
          }
        };
      }
      case INT96 -> {
        return new Decoder() {
          @Override
          Object ofBinary(Binary v) {
            // nanoseconds of the day (8 bytes) then the Julian day (4 bytes), little-endian
            ByteBuffer b = v.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            long nanos = b.getLong();
            int julianDay = b.getInt();
            long epochDay = julianDay - 2_440_588L;
            return Instant.ofEpochSecond(epochDay * 86_400L, 0).plusNanos(nanos);
          }

          @Override
          Object ofDictionary(Dictionary dict, int id) {
            return ofBinary(dict.decodeToBinary(id));
          }
        };
      }
      case BINARY, FIXED_LEN_BYTE_ARRAY -> {
        if (a instanceof DecimalLogicalTypeAnnotation d) {
          int scale = d.getScale();
          return new Decoder() {
            @Override
            Object ofBinary(Binary v) {
              return new BigDecimal(new BigInteger(v.getBytes()), scale).doubleValue();
            }

            @Override
            Object ofDictionary(Dictionary dict, int id) {
              return ofBinary(dict.decodeToBinary(id));
            }
          };
        }
        if (a instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
          return new Decoder() {
            @Override
            Object ofBinary(Binary v) {
              ByteBuffer b = v.toByteBuffer();
              return new UUID(b.getLong(), b.getLong()).toString();
            }

            @Override
            Object ofDictionary(Dictionary dict, int id) {
              return ofBinary(dict.decodeToBinary(id));
            }
          };
        }
        // strings, enums, JSON, and bare binary, which older writers use for text: UTF-8
        return new Decoder() {
          @Override
          Object ofBinary(Binary v) {
            return v.toStringUsingUTF8();
          }

          @Override
          Object ofDictionary(Dictionary dict, int id) {
            return dict.decodeToBinary(id).toStringUsingUTF8();
          }
        };
      }
      default -> {
        return null; // boolean, float and double need no decoder
      }
    }
  }
}
