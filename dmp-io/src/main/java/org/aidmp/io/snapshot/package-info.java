/**
 * Crash-safe snapshots of the profile store and models: each save is a new generation folder of
 * checksummed, versioned files with a manifest, committed by atomically renaming a small forced
 * {@code CURRENT} pointer; a crash at any moment leaves the last committed generation loadable.
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
