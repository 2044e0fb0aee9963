/* Popup and tooltip content for the geo atlas, built with DOM nodes: document text is only
   ever assigned through textContent, never parsed as HTML. */
(function () {
  "use strict";
  var A = (window.geoAtlasParts = window.geoAtlasParts || {});

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  A.el = el;

  function row(table, label, value) {
    if (value === undefined || value === null || value === "") return;
    var tr = el("tr");
    tr.appendChild(el("th", null, label));
    var td = el("td");
    if (value instanceof Node) td.appendChild(value); else td.textContent = String(value);
    tr.appendChild(td);
    table.appendChild(tr);
  }

  function sourcesNode(count, refs) {
    var box = el("span");
    box.appendChild(el("span", null, count + (count === 1 ? " document" : " documents")));
    if (count <= 1) {
      box.appendChild(document.createTextNode(" "));
      box.appendChild(el("span", "geo-single", "single source"));
    }
    if (refs) box.appendChild(el("div", "geo-refs", refs));
    return box;
  }

  function capital(text) { return text ? text.charAt(0).toUpperCase() + text.slice(1) : text; }

  /* Popup for event i of the columnar payload D.events. */
  A.eventPopup = function (D, i) {
    var E = D.events.cols, S = D.events.strings;
    var box = el("div", "geo-popup");
    var head = el("div", "geo-popup-head");
    head.appendChild(el("strong", null, capital(S[E.type[i]])));
    head.appendChild(el("span", "geo-date", S[E.date[i]]));
    box.appendChild(head);
    var table = el("table");
    var actor = D.actors[E.actor[i]];
    var who = el("span");
    var swatch = el("span", "geo-swatch");
    swatch.style.background = actor.color;
    who.appendChild(swatch);
    who.appendChild(document.createTextNode(actor.name));
    row(table, "Actor", who);
    row(table, "Target", S[E.target[i]]);
    var place = S[E.place[i]];
    var extra = [S[E.country[i]], S[E.geo[i]] && S[E.geo[i]] !== "place" ? "located at " + S[E.geo[i]] + " level" : ""]
      .filter(Boolean).join(", ");
    row(table, "Place", extra ? place + " (" + extra + ")" : place);
    row(table, "Held after", S[E.holder[i]]);
    row(table, "Sources", sourcesNode(E.sources[i], E.refs[i]));
    box.appendChild(table);
    if (E.conflicts[i]) box.appendChild(el("div", "geo-conflict", "Sources disagree: " + E.conflicts[i]));
    if (E.evidence[i]) box.appendChild(el("blockquote", "geo-evidence", E.evidence[i]));
    box.appendChild(el("div", "geo-id", "event " + E.id[i]));
    return box;
  };

  A.basePopup = function (D, b) {
    var box = el("div", "geo-popup");
    var head = el("div", "geo-popup-head");
    head.appendChild(el("strong", null, b.name || "air base"));
    head.appendChild(el("span", "geo-date", b.kind));
    box.appendChild(head);
    var table = el("table");
    row(table, "Country", b.country);
    row(table, "Used by", b.users.map(function (u) { return D.actors[u].name; }).join(", "));
    row(table, "Period", b.period);
    row(table, "Sources", sourcesNode(b.sources, b.refs));
    box.appendChild(table);
    if (b.evidence) box.appendChild(el("blockquote", "geo-evidence", b.evidence));
    return box;
  };

  A.territoryPopup = function (p) {
    var box = el("div", "geo-popup");
    var head = el("div", "geo-popup-head");
    head.appendChild(el("strong", null, "Held by " + p.holder));
    box.appendChild(head);
    var table = el("table");
    row(table, "Side", p.side);
    row(table, "Period", p.period);
    if (p.km2 !== null && p.km2 !== undefined) row(table, "Area", Math.round(p.km2).toLocaleString("en") + " km\u00b2 (drawn area, not a census)");
    row(table, "Sources", p.refs);
    box.appendChild(table);
    return box;
  };

  var KIND_LABELS = {military: "military", military_aid: "military aid",
                     intelligence: "intelligence", humanitarian: "humanitarian"};
  A.KIND_LABELS = KIND_LABELS;

  A.involvementPopup = function (name, rows) {
    var box = el("div", "geo-popup");
    box.appendChild(el("strong", null, name));
    var table = el("table");
    rows.forEach(function (r) {
      var kinds = Object.keys(KIND_LABELS).filter(function (k) { return r[k]; })
        .map(function (k) { return KIND_LABELS[k]; });
      row(table, r.theatre || "all theatres", kinds.join(", ") || "none");
    });
    box.appendChild(table);
    return box;
  };
})();
