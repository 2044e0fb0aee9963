/* Time in the geo atlas: the territory slider in month steps over the main period (a button
   widens it to the whole period), play, the area chart (km² per holder per month, inline SVG)
   and the main-city labels of the offline basemap. Text goes in with textContent only. */
(function () {
  "use strict";
  var A = (window.geoAtlasParts = window.geoAtlasParts || {});
  var el = function () { return A.el.apply(null, arguments); };
  var DAY = 86400000, NOON = 43200000;

  function monthStart(ms) {
    var d = new Date(ms);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  function nextMonth(ms, k) {
    var d = new Date(monthStart(ms));
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, 1);
  }
  A.monthStart = monthStart;
  A.monthEnd = function (ms) { return nextMonth(ms, 1) - 1; };

  /* Every slider position means its month (noon of the 1st): drag, keys, next/prev and play
     move a whole month. */
  A.monthSteps = function (slider) {
    var raw = slider._setTime.bind(slider);
    function clamp(ms) { return Math.min(Math.max(ms, slider.start), slider.end); }
    slider._setTime = function (time, type) { raw(clamp(monthStart(time) + NOON), type); };
    function go(k) {
      var t = clamp(nextMonth(slider.time, k) + NOON);
      slider._timeSlider.value = String(t);
      slider.setTime(t);
      return t;
    }
    slider.next = function () { slider.pause(); go(1); };
    slider.prev = function () { slider.pause(); go(-1); };
    slider.play = function (fromSynced) {
      window.clearTimeout(slider._timer);
      var atEnd = monthStart(slider.time) >= monthStart(slider.end);
      if (atEnd && !fromSynced) { slider._timeSlider.value = String(slider.start); slider.setTime(slider.start); }
      else go(1);
      if (monthStart(slider.time) >= monthStart(slider.end)) {
        slider._playing = false;
        if (slider.container) slider.container.classList.remove("playing");
        return;
      }
      slider._playing = true;
      if (slider.container) slider.container.classList.add("playing");
      slider._timer = window.setTimeout(function () { slider.play(true); }, 400);
    };
  };

  /* Switch the slider between the main period and the whole range of dates. */
  A.setPeriod = function (slider, range) {
    slider.pause();
    slider.start = range[0];
    slider.end = range[1];
    slider.options.start = range[0];
    slider.options.end = range[1];
    slider._timeSlider.min = String(range[0]);
    slider._timeSlider.max = String(range[1]);
    var months = Math.max(1, Math.round((range[1] - range[0]) / (30.44 * DAY)));
    slider._stepSize = (range[1] - range[0]) / months;
    var t = Math.min(Math.max(slider.time, range[0]), range[1]);
    slider._timeSlider.value = String(t);
    slider.setTime(t);
  };

  A.periodButton = function (slider, P) {
    var wide = false;
    var button = el("button", "geo-period", "Whole period " + P.fullLabel);
    button.type = "button";
    button.addEventListener("click", function () {
      wide = !wide;
      A.setPeriod(slider, wide ? P.full : P.main);
      button.textContent = wide ? "Main period " + P.mainLabel : "Whole period " + P.fullLabel;
      button.dataset.wide = wide ? "1" : "0";
    });
    button.dataset.wide = "0";
    return button;
  };

  /* The area chart: one line per holder, km² by month, a marker at the slider's month. */
  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function monthMs(key) { return Date.UTC(+key.slice(0, 4), +key.slice(5, 7) - 1, 1); }

  A.areaChart = function (areas) {
    var W = 240, H = 84, L = 30, B = 14;
    var Control = window.L.Control.extend({
      options: {position: "topright"},
      onAdd: function () {
        var box = el("div", "geo-area-chart leaflet-bar");
        window.L.DomEvent.disableClickPropagation(box);
        box.appendChild(el("div", "geo-filters-title", "Drawn area by holder (thousand km\u00b2)"));
        var months = areas.months, n = months.length;
        var max = 1;
        areas.holders.forEach(function (h) { h.km2.forEach(function (v) { if (v > max) max = v; }); });
        var chart = svg("svg", {width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img"});
        var t0 = monthMs(months[0]), t1 = monthMs(months[n - 1]) || t0 + 1;
        function x(ms) { return L + (W - L - 4) * (t1 === t0 ? 0.5 : (ms - t0) / (t1 - t0)); }
        function y(v) { return 4 + (H - B - 4) * (1 - v / max); }
        [0, 0.5, 1].forEach(function (f) {
          chart.appendChild(svg("line", {x1: L, x2: W - 4, y1: y(max * f), y2: y(max * f), stroke: "#ddd"}));
          var label = svg("text", {x: L - 3, y: y(max * f) + 3, "text-anchor": "end", "font-size": 9, fill: "#555"});
          label.textContent = String(Math.round(max * f / 1000));
          chart.appendChild(label);
        });
        [months[0], months[n - 1]].forEach(function (m, k) {
          var label = svg("text", {x: k ? W - 4 : L, y: H - 3, "text-anchor": k ? "end" : "start", "font-size": 9, fill: "#555"});
          label.textContent = m;
          chart.appendChild(label);
        });
        areas.holders.forEach(function (h) {
          var points = h.km2.map(function (v, i) { return x(monthMs(months[i])).toFixed(1) + "," + y(v).toFixed(1); });
          var line = svg("polyline", {points: points.join(" "), fill: "none", stroke: h.color, "stroke-width": 1.6});
          line.dataset.holder = h.holder;
          var title = svg("title");
          title.textContent = h.holder;
          line.appendChild(title);
          chart.appendChild(line);
        });
        var marker = svg("line", {y1: 2, y2: H - B, stroke: "#333", "stroke-dasharray": "2,2", "class": "geo-chart-now"});
        chart.appendChild(marker);
        box.appendChild(chart);
        var readout = el("div", "geo-chart-readout");
        box.appendChild(readout);
        this.setTime = function (ms) {
          var key = new Date(monthStart(ms)).toISOString().slice(0, 7), i = months.indexOf(key);
          marker.setAttribute("x1", x(monthStart(ms)));
          marker.setAttribute("x2", x(monthStart(ms)));
          marker.style.display = ms < t0 || ms > t1 + 31 * DAY ? "none" : "";
          readout.textContent = "";
          areas.holders.filter(function (h) { return i >= 0 && h.km2[i]; })
            .sort(function (a, b) { return b.km2[i] - a.km2[i]; }).slice(0, 6).forEach(function (h) {
            var v = h.km2[i];
            var item = el("span", "geo-chart-item");
            var sw = el("span", "geo-swatch");
            sw.style.background = h.color;
            item.appendChild(sw);
            item.appendChild(document.createTextNode(h.holder + " " + Math.round(v).toLocaleString("en")));
            readout.appendChild(item);
          });
        };
        return box;
      }
    });
    return new Control();
  };

  /* Main-city labels: rank 1 from zoom 5, rank 2 from 6, rank 3 from 7; a label that would
     overlap one already placed (bigger cities first) waits for a closer zoom. */
  A.cityLabels = function (map, cities) {
    var pane = map.createPane("geoLabels");
    pane.style.zIndex = 450;
    pane.style.pointerEvents = "none";
    var layer = window.L.layerGroup();
    var markers = cities.map(function (c) {
      return window.L.marker([c.lat, c.lon], {
        pane: "geoLabels", interactive: false, keyboard: false,
        icon: window.L.divIcon({className: "geo-city geo-city-" + c.rank, iconSize: null, html: ""})
      });
    });
    function place() {
      var zoom = map.getZoom(), taken = [], bounds = map.getBounds().pad(0.1);
      layer.clearLayers();
      cities.forEach(function (c, k) {
        if (zoom < 4 + c.rank || !bounds.contains([c.lat, c.lon])) return;
        var p = map.latLngToContainerPoint([c.lat, c.lon]);
        var w = 7 * c.name.length + 10, h = 14;
        var box = [p.x - 3, p.y - h / 2, p.x + w, p.y + h / 2];
        var clash = taken.some(function (b) { return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]; });
        if (clash) return;
        taken.push(box);
        layer.addLayer(markers[k]);
        var icon = markers[k].getElement();
        if (icon && !icon.firstChild) {
          icon.appendChild(el("span", "geo-city-dot"));
          icon.appendChild(el("span", "geo-city-name", c.name));
        }
      });
    }
    layer.on("add", function () { map.on("zoomend moveend", place); place(); });
    layer.on("remove", function () { map.off("zoomend moveend", place); });
    layer.shownNames = function () {
      var names = [];
      layer.eachLayer(function (m) { names.push(m.getElement().textContent); });
      return names;
    };
    return layer;
  };
})();
