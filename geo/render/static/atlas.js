/* geo atlas: builds the layers from the embedded JSON payload, wires the year/actor filters
   and signals readiness (window.geoAtlasReady, body[data-ready="1"]) when drawn. */
(function () {
  "use strict";
  var A = (window.geoAtlasParts = window.geoAtlasParts || {});
  // Popups pan clear of the filter panel (left), title and layer control (top), legend (right).
  var POPUP = {maxWidth: 360, autoPanPaddingTopLeft: [270, 80], autoPanPaddingBottomRight: [300, 130]};
  var INVOLVEMENT_COLORS = {military: "#b2182b", military_aid: "#ef8a62",
                            intelligence: "#67a9cf", humanitarian: "#4daf4a"};

  window.geoAtlasTerritoryStyle = function (feature) {
    var c = feature.properties.color;
    return {color: c, weight: 1.5, fillColor: c, fillOpacity: 0.45};
  };
  window.geoAtlasTerritoryPoint = function (feature, latlng) {
    var c = feature.properties.color;
    return L.circleMarker(latlng, {radius: 10, color: c, weight: 2, fillColor: c, fillOpacity: 0.3});
  };

  /* The payload: plain JSON, or gzip+base64 for big atlases (decompressed natively). */
  function readData() {
    var node = document.getElementById("geo-atlas-data");
    if (node.dataset.encoding !== "gzip-base64") return Promise.resolve(JSON.parse(node.textContent));
    var binary = atob(node.textContent.trim()), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  /* The event layers: one shared point canvas, one switchable entry per layer. */
  function eventLayers(map, D, state) {
    var E = D.events.cols;
    var layerOn = new Uint8Array(D.events.layers.length).fill(1);
    var canvas = new A.PointCanvas(D, layerOn, {padding: 0.1});
    state.canvas = canvas;
    state.shown = canvas.visible;
    canvas.on("pointclick", function (e) {
      var i = e.index;
      L.popup(POPUP).setLatLng([E.lat[i], E.lon[i]])
        .setContent(A.eventPopup(D, i)).openOn(map);
    });
    var tip = L.tooltip({direction: "top", offset: [0, -6]});
    canvas.on("pointhover", function (e) {
      var i = e.index;
      if (i < 0) { map.closeTooltip(tip); return; }
      tip.setLatLng([E.lat[i], E.lon[i]])
        .setContent(A.el("span", null, D.events.strings[E.place[i]] + " \u00b7 " + D.events.strings[E.date[i]]));
      map.openTooltip(tip);
    });
    return D.events.layers.map(function (spec, k) { return new A.PointLayer(canvas, k); });
  }

  function baseMarkers(map, D) {
    return D.bases.map(function (b) {
      var color = b.users.length ? D.actors[b.users[0]].color : "#555";
      var m = L.marker([b.lat, b.lon], {
        icon: L.divIcon({className: "geo-base-icon", iconSize: [14, 14], html: ""}),
        keyboard: false
      });
      m.on("add", function () { if (m._icon) m._icon.style.background = color; });
      m.bindPopup(function () { return A.basePopup(D, b); }, POPUP);
      m.geoBase = b;
      return m;
    });
  }

  function involvementLayer(map, D, theatre) {
    var byId = {};
    D.involvement.forEach(function (r) {
      var key = r.id || r.country;
      (byId[key] = byId[key] || []).push(r);
    });
    var features = D.basemap.features.filter(function (f) {
      return byId[f.id] || byId[f.properties.name];
    });
    function rowsOf(f) { return byId[f.id] || byId[f.properties.name] || []; }
    function strongest(f) {
      var rows = rowsOf(f).filter(function (r) { return theatre.value === "all" || r.theatre === theatre.value; });
      var kinds = Object.keys(INVOLVEMENT_COLORS);
      for (var k = 0; k < kinds.length; k++) {
        if (rows.some(function (r) { return r[kinds[k]]; })) return kinds[k];
      }
      return null;
    }
    var layer = L.geoJSON({type: "FeatureCollection", features: features}, {
      style: function (f) {
        var kind = strongest(f);
        return {color: "#555", weight: 0.8, fillColor: kind ? INVOLVEMENT_COLORS[kind] : "#ffffff",
                fillOpacity: kind ? 0.55 : 0};
      },
      onEachFeature: function (f, l) {
        l.bindPopup(function () { return A.involvementPopup(f.properties.name, rowsOf(f)); }, POPUP);
      }
    });
    layer.restyle = function () { layer.setStyle(layer.options.style); };
    return layer;
  }

  window.geoAtlasBoot = function (map, timeline, slider, startMs) {
    var T = {boot: performance.now()};
    readData().then(function (D) {
      T.parsed = performance.now();
      build(map, timeline, slider, startMs, D, T);
    }).catch(function (error) {
      console.error("geo atlas: cannot read the map data: " + error);
    });
  };

  function build(map, timeline, slider, startMs, D, T) {
    var state = {years: D.events.years.map(function () { return true; }),
                 actors: D.actors.map(function () { return true; }), theatre: {value: "all"}};
    map.createPane("geoBasemap").style.zIndex = 150;
    var borders = L.geoJSON(D.basemap, {
      pane: "geoBasemap", interactive: false, renderer: L.canvas({pane: "geoBasemap"}),
      style: {color: "#9a9a9a", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1}
    }).addTo(map);
    var osm = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19, attribution: "\u00a9 OpenStreetMap contributors"
    });
    var groups = eventLayers(map, D, state);
    T.markers = performance.now();
    var bases = baseMarkers(map, D);
    var basesShown = bases.map(function () { return true; });
    var basesIndex = D.events.layers.map(function (l) { return l.key; }).indexOf("bases");
    var basesLayer = L.featureGroup(bases);
    var overlayOf = groups.slice();
    overlayOf[basesIndex] = L.layerGroup([groups[basesIndex], basesLayer]);
    var involvement = D.involvement.length ? involvementLayer(map, D, state.theatre) : null;

    var overlays = {};
    if (timeline) {
      if (map.hasLayer(timeline)) map.removeLayer(timeline);
      overlays["Territorial control (time slider)"] = timeline;
      timeline.on("click", function (e) {
        L.popup(POPUP).setLatLng(e.latlng).setContent(A.territoryPopup(e.layer.feature.properties)).openOn(map);
      });
    }
    D.events.layers.forEach(function (spec, k) { overlays[spec.label] = overlayOf[k]; });
    if (involvement) overlays["Country involvement"] = involvement;
    var baseLayers = {"Offline: Natural Earth borders": borders,
                      "Online: OpenStreetMap over borders": L.layerGroup([borders, osm])};
    // Areas go under the points: territory, and under it involvement, drawn first on the canvas.
    function sendAreasBack() {
      if (timeline) timeline.eachLayer(function (l) { if (l.bringToBack) l.bringToBack(); });
      if (involvement && map.hasLayer(involvement)) involvement.bringToBack();
    }
    if (timeline) {
      timeline.on("change", sendAreasBack);
      timeline.on("add", sendAreasBack);
      timeline.addTo(map);
    }
    if (involvement) involvement.on("add", sendAreasBack);
    overlayOf.forEach(function (g) { g.addTo(map); });
    L.control.layers(baseLayers, overlays, {collapsed: false, position: "topright"}).addTo(map);

    function apply() {
      var E = D.events.cols, n = E.lat.length, vis = state.canvas.visible;
      var mode = state.follow, from = state.fromDay, until = state.untilDay;
      for (var i = 0; i < n; i++) {
        var inTime = mode === "all" || E.day[i] === null ||
          (E.day[i] <= until && (mode === "upto" || E.dayEnd[i] >= from));
        vis[i] = state.years[E.year[i]] && state.actors[E.actor[i]] && inTime ? 1 : 0;
      }
      state.canvas.redraw();
      var ticked = D.events.years.filter(function (y, k) { return state.years[k] && /^\d+$/.test(y); })
        .map(Number);
      var anyYear = state.years.some(Boolean);
      bases.forEach(function (m, k) {
        var b = m.geoBase;
        var byActor = !b.users.length || b.users.some(function (u) { return state.actors[u]; });
        var byYear;
        if (!D.events.years.length) byYear = true;
        else if (b.y0 === null && b.y1 === null) byYear = anyYear;
        else byYear = ticked.some(function (y) {
          return (b.y0 === null || y >= b.y0) && (b.y1 === null || y <= b.y1);
        });
        var want = byActor && byYear;
        if (want !== basesShown[k]) {
          basesShown[k] = want;
          if (want) basesLayer.addLayer(m); else basesLayer.removeLayer(m);
        }
      });
    }
    function setter(list) {
      return function (key, on) {
        if (key === null) list.forEach(function (v, k) { list[k] = on; });
        else list[key] = on;
        apply();
      };
    }
    var counts = {years: D.events.years.map(function () { return 0; }),
                  actors: D.actors.map(function () { return 0; })};
    D.events.cols.year.forEach(function (y, i) {
      counts.years[y]++;
      counts.actors[D.events.cols.actor[i]]++;
    });
    // The points follow the time slider (on by default): the events of the slider's month, or
    // all events up to its date; "all" when the reader turns following off.
    state.follow = timeline ? "month" : "all";
    state.fromDay = -Infinity;
    state.untilDay = Infinity;
    function readTime() {
      if (timeline.time === undefined) return;
      state.fromDay = Math.floor(A.monthStart(timeline.time) / 86400000);
      state.untilDay = state.follow === "month" ? Math.floor(A.monthEnd(timeline.time) / 86400000)
        : Math.floor(timeline.time / 86400000);
    }
    if (timeline) {
      timeline.on("change", function () {
        readTime();
        if (state.follow !== "all") apply();
        if (legend) legend.showHolders(presentHolders());
        if (chart) chart.setTime(timeline.time);
      });
    }
    function setFollow(mode) {
      state.follow = timeline ? mode : "all";
      if (timeline) readTime();
      apply();
    }
    function presentHolders() {
      var present = {};
      if (timeline) timeline.getLayers().forEach(function (l) { present[l.feature.properties.holder] = 1; });
      return present;
    }
    if (slider) A.monthSteps(slider);
    A.filterControl(D, counts, setter(state.years), setter(state.actors), function (t) {
      state.theatre.value = t;
      if (involvement) involvement.restyle();
    }, timeline ? setFollow : null, slider ? A.periodButton(slider, D.period) : null).addTo(map);
    var chart = timeline && D.areas.months.length ? A.areaChart(D.areas).addTo(map) : null;
    var labels = A.cityLabels(map, D.cities).addTo(map);
    var legend = A.legendControl(D, D.holders, INVOLVEMENT_COLORS).addTo(map);
    legend.showHolders(presentHolders());
    A.addTitle(map, D.title, D.note);
    T.controls = performance.now();
    if (slider && startMs) slider.setTime(startMs);

    /* Events shown (filters and layer switches), optionally for one layer key. */
    function eventCount(key) {
      var E = D.events.cols, vis = state.canvas.visible, on = state.canvas._layerOn, total = 0;
      if (!map.hasLayer(state.canvas)) return 0;
      for (var i = 0; i < vis.length; i++) {
        if (vis[i] && on[E.layer[i]] && (!key || D.events.layers[E.layer[i]].key === key)) total++;
      }
      return total;
    }
    window.geoAtlas = {
      map: map, data: D, timeline: timeline, slider: slider, involvement: involvement,
      visibleCount: eventCount,
      drawnCount: function () { return state.canvas.drawnCount; },
      baseCount: function () {
        var n = 0;
        basesLayer.eachLayer(function (l) { if (l.geoBase) n++; });
        return map.hasLayer(basesLayer) ? n : 0;
      },
      territoryCount: function () { return timeline ? timeline.getLayers().length : 0; },
      /* Countries drawn in the choropleth (a country may have several polygons). */
      involvementCount: function () {
        if (!involvement || !map.hasLayer(involvement)) return 0;
        var ids = {};
        involvement.eachLayer(function (l) { ids[l.feature.id || l.feature.properties.name] = 1; });
        return Object.keys(ids).length;
      },
      shownIds: function () {
        var ids = [];
        var on = state.canvas._layerOn, layer = D.events.cols.layer;
        D.events.cols.id.forEach(function (id, i) { if (state.shown[i] && on[layer[i]]) ids.push(id); });
        return ids;
      },
      openEventPopup: function (i) { state.canvas.fire("pointclick", {index: i}); },
      setFollow: function (mode) {
        var box = document.querySelector("input.geo-follow-time");
        var select = document.querySelector("select.geo-follow-mode");
        if (box) box.checked = mode !== "all";
        if (select && mode !== "all") select.value = mode;
        if (select) select.disabled = mode === "all";
        setFollow(mode);
      },
      follow: function () { return state.follow; },
      labels: labels,
      chart: chart,
      legendHolders: function () {
        return Array.prototype.filter.call(document.querySelectorAll(".geo-legend-row[data-holder]"),
          function (r) { return r.style.display !== "none"; }).map(function (r) { return r.dataset.holder; });
      }
    };
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        window.geoAtlasReadyAt = T.ready = performance.now();
        window.geoAtlasTimings = T;
        window.geoAtlasReady = true;
        document.body.dataset.ready = "1";
      });
    });
  }
})();
