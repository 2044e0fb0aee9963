/* Event points on one dedicated canvas: all events of one style are drawn as one path, so
   100,000 points draw in a blink and filtering is a flag flip plus one redraw. The canvas lets
   pointer events through (territory below stays clickable); clicks and hovers on points are
   found from the map's own events by distance to the points drawn last. */
(function () {
  "use strict";
  var A = (window.geoAtlasParts = window.geoAtlasParts || {});
  var R = 6378137, D2R = Math.PI / 180, MAX_LAT = 85.0511287798;
  var DRAW_ORDER = ["other", "bases", "airstrikes", "changes"];  // later = on top

  /* One small pre-drawn image per style: copying it is far cheaper than rasterising arcs. */
  function makeSprite(s) {
    var size = 2 * Math.ceil(s.radius + s.weight) + 2, c = document.createElement("canvas");
    c.width = c.height = size;
    var ctx = c.getContext("2d"), mid = size / 2;
    ctx.beginPath();
    ctx.arc(mid, mid, s.radius, 0, 2 * Math.PI);
    ctx.globalAlpha = s.fillOpacity;
    ctx.fillStyle = s.fill;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.lineWidth = s.weight;
    ctx.strokeStyle = s.stroke;
    ctx.setLineDash(s.single ? [2, 2] : []);
    ctx.stroke();
    return c;
  }

  A.PointCanvas = L.Canvas.extend({
    /* D: the atlas payload; state: {visible: Uint8Array} owned by the filters. */
    initialize: function (D, layerOn, options) {
      L.Canvas.prototype.initialize.call(this, options);
      var E = D.events.cols, n = E.lat.length;
      this._D = D;
      this._layerOn = layerOn;
      this.visible = new Uint8Array(n).fill(1);
      // Web Mercator at zoom 0 (256 px world), computed once: a redraw only scales and shifts.
      this._wx = new Float64Array(n);
      this._wy = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        var lat = Math.max(Math.min(MAX_LAT, E.lat[i]), -MAX_LAT) * D2R;
        this._wx[i] = 256 * (0.5 + E.lon[i] * D2R / (2 * Math.PI));
        this._wy[i] = 256 * (0.5 - Math.log(Math.tan(Math.PI / 4 + lat / 2)) / (2 * Math.PI));
      }
      this._px = new Float32Array(n);
      this._py = new Float32Array(n);
      this._drawn = new Uint8Array(n);
      this.drawnCount = 0;
      this._buildStyles();
    },

    /* One style per (layer, actor, single source); indexes sorted by style in draw order. */
    _buildStyles: function () {
      var D = this._D, E = D.events.cols, n = E.lat.length, keys = {}, styles = [];
      var rank = D.events.layers.map(function (l) {
        var r = DRAW_ORDER.indexOf(l.key);
        return r < 0 ? 0 : r;
      });
      var styleOf = new Int32Array(n);
      for (var i = 0; i < n; i++) {
        var single = E.sources[i] <= 1 ? 1 : 0;
        var key = E.layer[i] + ":" + E.actor[i] + ":" + single;
        if (keys[key] === undefined) {
          var spec = D.events.layers[E.layer[i]];
          keys[key] = styles.length;
          styles.push({layer: E.layer[i], rank: rank[E.layer[i]], radius: spec.radius,
                       weight: spec.weight, fill: D.actors[E.actor[i]].color,
                       fillOpacity: spec.fillOpacity, single: single,
                       stroke: spec.key === "changes" ? "#222" : (single ? "#333" : "#fff")});
        }
        styleOf[i] = keys[key];
      }
      var order = styles.map(function (s, k) { return k; })
        .sort(function (a, b) { return styles[a].rank - styles[b].rank || a - b; });
      var position = new Int32Array(styles.length);
      order.forEach(function (k, p) { position[k] = p; });
      var counts = new Int32Array(styles.length + 1);
      for (i = 0; i < n; i++) counts[position[styleOf[i]] + 1]++;
      for (var k = 1; k <= styles.length; k++) counts[k] += counts[k - 1];
      var start = counts.slice(), sorted = new Int32Array(n);
      for (i = 0; i < n; i++) sorted[start[position[styleOf[i]]]++] = i;
      this._styles = order.map(function (k) { return styles[k]; });
      this._bounds_ = counts;   // style p covers sorted[counts[p] .. counts[p+1])
      this._sorted = sorted;
    },

    _initContainer: function () {
      L.Canvas.prototype._initContainer.call(this);
      this._container.style.pointerEvents = "none";
      this._container.className = "geo-points";
    },

    onAdd: function () {
      L.Canvas.prototype.onAdd.call(this);
      this._map.on("click", this._onMapClick, this);
      this._map.on("mousemove", this._onMapMove, this);
    },

    onRemove: function () {
      this._map.off("click", this._onMapClick, this);
      this._map.off("mousemove", this._onMapMove, this);
      L.Canvas.prototype.onRemove.call(this);
    },

    /* Called by Leaflet after every move/zoom (the canvas is already cleared and shifted). */
    _updatePaths: function () {
      if (this._postponeUpdatePaths || !this._map) return;
      var map = this._map, ctx = this._ctx, b = this._bounds;
      var scale = Math.pow(2, map.getZoom()), origin = map.getPixelOrigin();
      var minX = b.min.x - 20, minY = b.min.y - 20, maxX = b.max.x + 20, maxY = b.max.y + 20;
      var vis = this.visible, on = this._layerOn, px = this._px, py = this._py, drawn = this._drawn;
      var sorted = this._sorted, wx = this._wx, wy = this._wy, total = 0;
      drawn.fill(0);
      for (var p = 0; p < this._styles.length; p++) {
        var s = this._styles[p];
        if (!on[s.layer]) continue;
        var sprite = s.sprite || (s.sprite = makeSprite(s)), half = sprite.width / 2;
        for (var q = this._bounds_[p]; q < this._bounds_[p + 1]; q++) {
          var i = sorted[q];
          if (!vis[i]) continue;
          var x = wx[i] * scale - origin.x, y = wy[i] * scale - origin.y;
          px[i] = x;
          py[i] = y;
          if (x < minX || x > maxX || y < minY || y > maxY) continue;
          // Whole pixels: the sprite is copied, never resampled.
          ctx.drawImage(sprite, Math.round(x - half), Math.round(y - half));
          drawn[i] = 1;
          total++;
        }
      }
      this.drawnCount = total;
    },

    /* Redraw once on the next frame however many switches and filters changed meanwhile. */
    redraw: function () {
      var self = this;
      if (!this._frame) {
        this._frame = requestAnimationFrame(function () {
          self._frame = null;
          if (self._map) self._update();
        });
      }
      return this;
    },

    /* Index of the top-most drawn point under a container point, or -1. */
    hit: function (containerPoint) {
      var lp = this._map.containerPointToLayerPoint(containerPoint);
      var found = -1;
      for (var p = 0; p < this._styles.length; p++) {
        var s = this._styles[p], r2 = (s.radius + s.weight + 2) * (s.radius + s.weight + 2);
        if (!this._layerOn[s.layer]) continue;
        for (var q = this._bounds_[p]; q < this._bounds_[p + 1]; q++) {
          var i = this._sorted[q];
          if (!this._drawn[i]) continue;
          var dx = this._px[i] - lp.x, dy = this._py[i] - lp.y;
          if (dx * dx + dy * dy <= r2) found = i;
        }
      }
      return found;
    },

    _onMapClick: function (e) {
      var i = this.hit(e.containerPoint);
      if (i >= 0) this.fire("pointclick", {index: i});
    },

    _onMapMove: function (e) {
      var i = this.hit(e.containerPoint);
      this._map.getContainer().style.cursor = i >= 0 ? "pointer" : "";
      if (i !== this._hover) {
        this._hover = i;
        this.fire("pointhover", {index: i});
      }
    }
  });

  /* A switchable layer-control entry for one event layer: toggles its flag and redraws. */
  A.PointLayer = L.Layer.extend({
    initialize: function (canvas, k) { this._canvas = canvas; this._k = k; },
    onAdd: function (map) {
      this._canvas._layerOn[this._k] = 1;
      if (!map.hasLayer(this._canvas)) this._canvas.addTo(map); else this._canvas.redraw();
    },
    onRemove: function () {
      this._canvas._layerOn[this._k] = 0;
      this._canvas.redraw();
    }
  });
})();
