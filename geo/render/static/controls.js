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
  A.filterControl = function (D, counts, onYear, onActor, onTheatre, onFollowTime) {
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
          var time = el("fieldset", "geo-filter");
          time.appendChild(el("legend", null, "Time"));
          var label = el("label", "geo-follow");
          var follow = el("input", "geo-follow-time");
          follow.type = "checkbox";
          follow.addEventListener("change", function () { onFollowTime(follow.checked); });
          label.appendChild(follow);
          label.appendChild(document.createTextNode("only events up to the slider date"));
          time.appendChild(label);
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
  }

  A.legendControl = function (D, holders, involvementColors) {
    var Control = L.Control.extend({
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
          box.appendChild(el("div", "geo-legend-sub", "Territory held by"));
          holders.forEach(function (h) { swatchRow(box, h.color, h.holder, "geo-mark-area"); });
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
