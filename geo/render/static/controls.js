/* Filter panel (years, actors, involvement theatre), legend and title of the geo atlas.
   Labels come from data and are set with textContent only. */
(function () {
  "use strict";
  var A = (window.geoAtlasParts = window.geoAtlasParts || {});
  var el = function () { return A.el.apply(null, arguments); };

  function checkboxList(title, items, attr, onChange) {
    var section = el("fieldset", "geo-filter geo-filter-" + attr);
    section.appendChild(el("legend", null, title));
    var buttons = el("div", "geo-filter-buttons");
    var boxes = [];
    function setAll(on) {
      boxes.forEach(function (b) { b.checked = on; });
      onChange(null, on);
    }
    var all = el("button", "geo-all", "all");
    all.type = "button";
    all.dataset.filter = attr;
    all.addEventListener("click", function () { setAll(true); });
    var none = el("button", "geo-none", "none");
    none.type = "button";
    none.dataset.filter = attr;
    none.addEventListener("click", function () { setAll(false); });
    buttons.appendChild(all);
    buttons.appendChild(none);
    section.appendChild(buttons);
    var list = el("div", "geo-filter-list");
    items.forEach(function (item) {
      var label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.dataset[attr] = item.value;
      box.addEventListener("change", function () { onChange(item.key, box.checked); });
      boxes.push(box);
      label.appendChild(box);
      if (item.color) {
        var swatch = el("span", "geo-swatch");
        swatch.style.background = item.color;
        label.appendChild(swatch);
      }
      label.appendChild(document.createTextNode(item.value + (item.count !== undefined ? " (" + item.count + ")" : "")));
      list.appendChild(label);
    });
    section.appendChild(list);
    return section;
  }

  /* The filter control; callbacks receive (key or null for all/none, checked). */
  A.filterControl = function (D, counts, onYear, onActor, onTheatre, onFollowTime, periodButton) {
    var Control = L.Control.extend({
      options: {position: "topleft"},
      onAdd: function () {
        var box = el("div", "geo-filters leaflet-bar");
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        box.appendChild(el("div", "geo-filters-title", "Filters"));
        box.appendChild(checkboxList("Years", D.events.years.map(function (y, i) {
          return {key: i, value: y, count: counts.years[i]};
        }), "year", onYear));
        box.appendChild(checkboxList("Actors", D.actorOrder.map(function (a) {
          return {key: a.i, value: a.name, color: a.color, count: counts.actors[a.i]};
        }), "actor", onActor));
        if (onFollowTime) {
          var time = el("fieldset", "geo-filter geo-time");
          time.appendChild(el("legend", null, "Time"));
          var label = el("label", "geo-follow");
          var follow = el("input", "geo-follow-time");
          follow.type = "checkbox";
          follow.checked = true;
          label.appendChild(follow);
          label.appendChild(document.createTextNode("points follow the slider"));
          time.appendChild(label);
          var mode = el("select", "geo-follow-mode");
          [["month", "events of the slider's month"], ["upto", "all events up to its date"]].forEach(function (o) {
            var option = el("option", null, o[1]);
            option.value = o[0];
            mode.appendChild(option);
          });
          function changed() { mode.disabled = !follow.checked; onFollowTime(follow.checked ? mode.value : "all"); }
          follow.addEventListener("change", changed);
          mode.addEventListener("change", changed);
          time.appendChild(mode);
          if (periodButton) time.appendChild(periodButton);
          box.appendChild(time);
        }
        if (D.involvement.length) {
          var field = el("fieldset", "geo-filter");
          field.appendChild(el("legend", null, "Involvement theatre"));
          var select = el("select", "geo-theatre");
          ["all"].concat(D.theatres).forEach(function (t) {
            var option = el("option", null, t);
            option.value = t;
            select.appendChild(option);
          });
          select.addEventListener("change", function () { onTheatre(select.value); });
          field.appendChild(select);
          box.appendChild(field);
        }
        return box;
      }
    });
    return new Control();
  };

  function swatchRow(list, color, label, style) {
    var item = el("div", "geo-legend-row");
    var mark = el("span", "geo-legend-mark " + (style || ""));
    mark.style.background = color;
    item.appendChild(mark);
    item.appendChild(el("span", null, label));
    list.appendChild(item);
    return item;
  }

  A.legendControl = function (D, holders, involvementColors) {
    var rows = [];
    var Control = L.Control.extend({
      showHolders: function (present) {
        rows.forEach(function (row) { row.style.display = present[row.dataset.holder] ? "" : "none"; });
      },
      options: {position: "bottomright"},
      onAdd: function () {
        var box = el("div", "geo-legend leaflet-bar");
        L.DomEvent.disableScrollPropagation(box);
        box.appendChild(el("div", "geo-filters-title", "Legend"));
        swatchRow(box, "#888", "Airstrike (filled dot, actor colour)", "geo-mark-airstrikes");
        swatchRow(box, "#888", "Control change (thick ring)", "geo-mark-changes");
        swatchRow(box, "#888", "Other event (pale dot)", "geo-mark-other");
        swatchRow(box, "#888", "Air base (square)", "geo-mark-base");
        swatchRow(box, "#fff", "Dashed outline: single source", "geo-mark-single");
        if (holders.length) {
          // Only the holders drawn at the slider's date are listed (showHolders below).
          box.appendChild(el("div", "geo-legend-sub", "Territory held by"));
          rows = holders.map(function (h) {
            var row = swatchRow(box, h.color, h.holder, "geo-mark-area");
            row.dataset.holder = h.holder;
            return row;
          });
        }
        if (D.involvement.length) {
          box.appendChild(el("div", "geo-legend-sub", "Involvement (strongest)"));
          Object.keys(involvementColors).forEach(function (k) {
            swatchRow(box, involvementColors[k], A.KIND_LABELS[k], "geo-mark-area");
          });
        }
        return box;
      }
    });
    return new Control();
  };

  A.addTitle = function (map, title, note) {
    var box = el("div", "geo-atlas-title");
    box.appendChild(el("div", "geo-title-main", title));
    if (note) box.appendChild(el("div", "geo-title-note", note));
    L.DomEvent.disableClickPropagation(box);
    map.getContainer().appendChild(box);
  };
})();
