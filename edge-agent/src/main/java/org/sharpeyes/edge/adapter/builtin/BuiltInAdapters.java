package org.sharpeyes.edge.adapter.builtin;

import org.sharpeyes.edge.adapter.AdapterCatalog;
import org.sharpeyes.edge.adapter.camera.CameraAdapterFactory;
import org.sharpeyes.edge.adapter.gate.GateAdapterFactory;
import org.sharpeyes.edge.adapter.plate.PlateReaderAdapterFactory;
import org.sharpeyes.edge.adapter.viid.ViidAdapterFactory;

/**
 * The adapters this agent ships, by device kind: the one registry the config loader, the agent and
 * {@code validate} look adapters up in. A new kind of device is one package beside the others (its
 * settings record, section reader, factory and adapter) and one line here; a kind with no line is
 * refused as "not supported yet".
 *
 * <p>A plain list rather than a {@link java.util.ServiceLoader}: the adapters are built into the
 * one agent jar, so a compiled list is checked by the compiler, needs no {@code META-INF/services}
 * files merged by the shade plugin, and cannot lose a kind at run time to a missing file.
 */
public final class BuiltInAdapters {

  /**
   * Plate readers (HTTP push), cameras (RTSP/HTTP video, faces), gates (OPC UA), GA/T 1400 capture
   * devices.
   */
  public static final AdapterCatalog CATALOG =
      AdapterCatalog.of(
          new PlateReaderAdapterFactory(),
          new CameraAdapterFactory(),
          new GateAdapterFactory(),
          new ViidAdapterFactory());

  private BuiltInAdapters() {}
}
