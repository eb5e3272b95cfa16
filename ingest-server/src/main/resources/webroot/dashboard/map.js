// The grid map, drawn with Leaflet (served from the jar under webjars/leaflet/, loaded by index.html
// as a classic script, so it is window.L here). Layers: region outlines with their names, grid
// cells, devices, and open alerts (from the feed and the desk's queue) at the device that saw them.
// There is no tile layer unless GET /api/map names one ({tiles: {url, attribution, subdomains,
// maxZoom}}, e.g. a city's Tianditu WMTS as a {z}/{x}/{y} template), so the map works offline.
// Everything is styled by CSS classes; names are set as text, never as HTML.

const OPEN_STATES = new Set(["new", "acknowledged", "dispatched", "handled", "reopened"]);
/** Which outlines are named on the map: the level just below the region on screen. */
const CHILD_LEVEL = { CITY: "COUNTY", COUNTY: "TOWNSHIP", TOWNSHIP: "VILLAGE", VILLAGE: "GRID" };

function text(s) {
  const span = document.createElement("span");
  span.textContent = s;
  return span;
}

export class DeskMap {
  /** @param element the map's container */
  constructor(element) {
    const L = window.L;
    if (!L) throw new Error("Leaflet did not load");
    this.L = L;
    this.map = L.map(element, { zoomSnap: 0.25, attributionControl: false, preferCanvas: false });
    this.outlines = L.layerGroup().addTo(this.map);
    this.cellLayer = L.layerGroup().addTo(this.map);
    this.deviceLayer = L.layerGroup().addTo(this.map);
    this.alertLayer = L.layerGroup().addTo(this.map);
    this.cells = new Map(); // grid code → polygon layer
    this.devices = new Map(); // device id → [lat, lon]
    this.alerts = new Map(); // alert id → {alert, marker}
    this.tiles = null;
    this.bounds = null; // what draw() fitted, fitted again on a resize until the user moves the map
    this.moved = false;
    this.map.on("dragstart", () => { this.moved = true; });
    element.addEventListener("wheel", () => { this.moved = true; }, { passive: true });
    new ResizeObserver(() => {
      if (!element.clientWidth || !element.clientHeight) return; // hidden (signed out)
      this.map.invalidateSize();
      if (this.bounds && !this.moved) this.map.fitBounds(this.bounds, { padding: [12, 12] });
    }).observe(element);
    L.control.layers(null, {
      "区域 regions": this.outlines, "网格 grid cells": this.cellLayer,
      "设备 devices": this.deviceLayer, "告警 open alerts": this.alertLayer,
    }, { collapsed: true }).addTo(this.map);
  }

  /** Draws what /api/map gives, narrowed by inRegion(code), for the region `shown` (a Region or null). */
  draw(data, inRegion, shown) {
    const L = this.L;
    this.useTiles(data.tiles);
    for (const layer of [this.outlines, this.cellLayer, this.deviceLayer]) layer.clearLayers();
    this.cells.clear();
    this.devices.clear();
    const named = CHILD_LEVEL[shown ? shown.level : "CITY"];
    // The view first: layers added to a map without one wait, and have no element yet.
    const cells = data.grids.features.filter((g) => inRegion(g.properties.code));
    const bounds = cells.length ? L.geoJSON(cells).getBounds() : null;
    this.bounds = bounds && bounds.isValid() ? bounds : null;
    this.moved = false;
    this.map.invalidateSize();
    if (this.bounds) this.map.fitBounds(this.bounds, { padding: [12, 12] });
    else this.map.setView([0, 0], 2);
    for (const f of (data.outlines && data.outlines.features) || []) {
      const p = f.properties;
      if (!inRegion(p.code) && !(shown && p.code === shown.code)) continue;
      L.geoJSON(f, { className: "outline " + p.level.toLowerCase(), interactive: false }).addTo(this.outlines);
      if (p.level === named && p.label) this.label([p.label[1], p.label[0]], p.name);
    }
    for (const f of cells) {
      const p = f.properties;
      const layer = L.geoJSON(f, { className: "cell" });
      layer.bindTooltip(text(`${p.name} ${p.code} · 网格员 ${p.gridWorker}`), { sticky: true });
      layer.addTo(this.cellLayer);
      const polygon = layer.getLayers()[0];
      if (named === "GRID") this.label(layer.getBounds().getCenter(), p.name);
      polygon.getElement()?.setAttribute("data-code", p.code);
      this.cells.set(p.code, polygon);
    }
    for (const d of data.devices.filter((x) => inRegion(x.gridCode))) {
      this.devices.set(d.id, [d.lat, d.lon]);
      L.circleMarker([d.lat, d.lon], { radius: 3, className: "device" })
        .bindTooltip(text(`${d.name} (${d.kind}) ${d.id}`))
        .addTo(this.deviceLayer);
    }
    const known = [...this.alerts.values()].map((x) => x.alert);
    this.alertLayer.clearLayers();
    this.alerts.clear();
    for (const a of known) this.mark(a, false);
  }

  /** A region's (or cell's) name on the map, on the outlines' layer. */
  label(at, name) {
    this.L.tooltip({ permanent: true, direction: "center", className: "region-label", interactive: false })
      .setLatLng(at).setContent(text(name)).addTo(this.outlines);
  }

  useTiles(tiles) {
    if (this.tiles) this.tiles.remove();
    this.tiles = null;
    if (!tiles || !tiles.url) return;
    this.tiles = this.L.tileLayer(tiles.url, {
      attribution: tiles.attribution || "", subdomains: tiles.subdomains || "abc", maxZoom: tiles.maxZoom || 18,
    }).addTo(this.map);
    this.tiles.bringToBack();
    if (!this.attribution) this.attribution = this.L.control.attribution({ prefix: false }).addTo(this.map);
  }

  /** Shows (or removes, once closed) an open alert, at its device, and colours its grid cell. */
  mark(alert, flash) {
    const L = this.L;
    const open = OPEN_STATES.has(alert.state);
    const known = this.alerts.get(alert.id);
    if (known) {
      known.marker.remove();
      this.alerts.delete(alert.id);
    }
    if (open) {
      const d = alert.device;
      const at = d && Number.isFinite(d.lat) ? [d.lat, d.lon] : (d && this.devices.get(d.id));
      if (at) {
        const overdue = alert.workflow && alert.workflow.overdue;
        const marker = L.circleMarker(at, { radius: 8, className: `alert-marker ${alert.severity}${overdue ? " overdue" : ""}` })
          .bindTooltip(text(`${alert.subject.label} · ${alert.rule} · ${alert.state}`));
        marker.addTo(this.alertLayer);
        marker.getElement()?.setAttribute("data-alert", alert.id);
        this.alerts.set(alert.id, { alert, marker });
      }
    }
    this.paintCell(alert.grid && alert.grid.code, flash);
  }

  paintCell(code, flash) {
    const cell = code && this.cells.get(code);
    const path = cell && cell.getElement();
    if (!path) return;
    const alerting = [...this.alerts.values()].some((x) => x.alert.grid && x.alert.grid.code === code);
    path.classList.toggle("alerting", alerting);
    if (flash) {
      path.classList.remove("flash");
      void path.getBoundingClientRect(); // restart the animation
      path.classList.add("flash");
    }
  }

  /** Forgets the alerts (region change, sign-out). */
  clearAlerts() {
    this.alertLayer.clearLayers();
    this.alerts.clear();
    for (const cell of this.cells.values()) cell.getElement()?.classList.remove("alerting");
  }

  /** After the container was hidden or resized. */
  resize() {
    this.map.invalidateSize();
  }
}
