package org.aidmp.profile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.aidmp.internal.codec.Codec;
import org.aidmp.internal.codec.Magic;
import org.aidmp.profile.FeatureSpec.AffinityForm;
import org.aidmp.profile.FeatureSpec.CountTransform;

/** The binary form of a {@link FeatureTransform}, in the library's one codec framing. */
final class FeatureTransformCodec {
  private static final int VERSION = 1;

  private FeatureTransformCodec() {}

  static void write(FeatureTransform t, DataOutput out) throws IOException {
    Codec.writeHeader(out, Magic.FEATURE_TRANSFORM, VERSION);
    out.writeLong(t.asOf().toEpochMilli());
    out.writeByte(t.scaling().ordinal());
    out.writeByte(t.countTransform().ordinal());
    out.writeByte(t.affinityForm().ordinal());
    out.writeByte(t.unseenCategoryPolicy().ordinal());
    out.writeInt(t.rfmTypes().size());
    for (String type : t.rfmTypes()) {
      out.writeUTF(type);
    }
    int d = t.dimension();
    out.writeInt(d);
    for (int j = 0; j < d; j++) {
      out.writeByte(t.kinds[j]);
      writeNullable(out, t.keys[j]);
      writeNullable(out, t.levels[j]);
      out.writeDouble(t.center(j));
      out.writeDouble(t.scale(j));
      out.writeDouble(t.fill(j));
    }
  }

  static FeatureTransform read(DataInput in) throws IOException {
    Codec.readHeader(in, Magic.FEATURE_TRANSFORM, VERSION);
    long asOf = in.readLong();
    Scaling scaling = enumAt(Scaling.values(), in.readByte(), "scaling");
    CountTransform ct = enumAt(CountTransform.values(), in.readByte(), "count transform");
    AffinityForm af = enumAt(AffinityForm.values(), in.readByte(), "affinity form");
    UnseenCategoryPolicy up =
        enumAt(UnseenCategoryPolicy.values(), in.readByte(), "unseen category policy");
    String[] rfm = new String[Codec.readCount(in, "RFM types")];
    for (int i = 0; i < rfm.length; i++) {
      rfm[i] = in.readUTF();
    }
    int d = Codec.readCount(in, "features");
    byte[] kinds = new byte[d];
    String[] keys = new String[d];
    String[] levels = new String[d];
    double[] center = new double[d];
    double[] scale = new double[d];
    double[] fill = new double[d];
    for (int j = 0; j < d; j++) {
      kinds[j] = in.readByte();
      keys[j] = readNullable(in);
      levels[j] = readNullable(in);
      center[j] = in.readDouble();
      scale[j] = in.readDouble();
      fill[j] = in.readDouble();
    }
    try {
      return new FeatureTransform(
          asOf, scaling, ct, af, up, rfm, kinds, keys, levels, center, scale, fill);
    } catch (RuntimeException e) {
      throw new IOException("corrupt feature transform: " + e.getMessage(), e);
    }
  }

  private static <E> E enumAt(E[] values, int ordinal, String what) throws IOException {
    if (ordinal < 0 || ordinal >= values.length) {
      throw new IOException("corrupt feature transform: " + what + " " + ordinal);
    }
    return values[ordinal];
  }

  private static void writeNullable(DataOutput out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String readNullable(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
