// cimo report: sorts a table by the column whose heading is clicked;
// a second click reverses the order. Right-aligned (numeric) columns sort
// by number, with cells that are not a number ("<5", "x", empty) after the
// numbers; other columns sort as text in the page's language. Ties keep
// their previous order, so sorting by one column and then another nests.
"use strict";
(function () {
  var lang = document.documentElement.lang || undefined;
  var collator = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });

  function number(text) {
    var t = text.trim();
    if (!/^[+-]?\d+(\.\d+)?$/.test(t)) {
      return null;
    }
    return parseFloat(t);
  }

  function compare(a, b, numeric) {
    if (numeric) {
      var x = number(a), y = number(b);
      if (x !== null && y !== null) return x - y;
      if (x !== null) return -1;
      if (y !== null) return 1;
    }
    return collator.compare(a, b);
  }

  function sortBy(table, th, col) {
    var body = table.tBodies[0];
    if (!body) return;
    var asc = th.getAttribute("aria-sort") !== "ascending";
    var numeric = th.classList.contains("n");
    var rows = Array.prototype.slice.call(body.rows).map(function (row, i) {
      var cell = row.cells[col];
      return { row: row, key: cell ? cell.textContent : "", i: i };
    });
    rows.sort(function (p, q) {
      var c = compare(p.key, q.key, numeric);
      if (c === 0) return p.i - q.i;
      return asc ? c : -c;
    });
    var frag = document.createDocumentFragment();
    rows.forEach(function (r) { frag.appendChild(r.row); });
    body.appendChild(frag);
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) {
      h.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
  }

  function init() {
    var tables = document.querySelectorAll("table.sortable");
    Array.prototype.forEach.call(tables, function (table) {
      if (!table.tHead) return;
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
        var button = th.querySelector("button");
        if (!button) return;
        button.addEventListener("click", function () { sortBy(table, th, col); });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
