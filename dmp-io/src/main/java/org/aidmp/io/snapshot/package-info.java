/**
 * Crash-safe snapshots of the profile store and models: a folder of checksummed, versioned files,
 * each written atomically (temporary file, fsync, rename), plus a manifest written last.
 *
 * <pre>{@code
 * SnapshotWriter w = SnapshotWriter.create(folder);
 * w.write("kmeans", 1, model::write);
 * w.commit();
 * KMeansModel m = SnapshotReader.read(folder, "kmeans", KMeansModel::read);
 * }</pre>
 *
 * <p>A truncated or corrupted file, or one out of step with the manifest, is rejected with a {@link
 * org.aidmp.io.snapshot.SnapshotFormatException} naming the file; nothing is loaded half.
 */
package org.aidmp.io.snapshot;
