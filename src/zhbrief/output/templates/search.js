(function () {
  "use strict";
  var MAX = 100;
  var box = document.getElementById("search");
  var briefs = document.getElementById("briefs");
  var results = document.getElementById("results");
  var list = document.getElementById("result-list");
  var count = document.getElementById("result-count");
  var records = null;
  var loading = false;
  // case and tone marks do not count: "yao shunyu" finds Yáo Shùnyǔ, "xian" finds xī'ān
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f'’]/g, "").toLowerCase();
  }
  function load() {
    if (records || loading) { return; }
    loading = true;
    var script = document.createElement("script");
    script.src = "{{ data }}";
    script.onload = function () {
      records = (window.{{ name }} || []).map(function (r) {
        return { r: r, text: fold(r.slice(1).join(" ")) };
      });
      search();
    };
    script.onerror = function () { count.textContent = "The search index could not be read."; };
    document.head.appendChild(script);
  }
  function line(tag, cls, text) {
    var node = document.createElement(tag);
    node.className = cls;
    node.textContent = text;
    return node;
  }
  function item(r) {
    var li = line("li", "entry", "");
    var link = document.createElement("a");
    link.href = r[0];
    link.textContent = r[1];
    li.appendChild(document.createElement("h3")).appendChild(link);
    li.appendChild(line("p", "meta", (r[2] ? r[2] + " · " : "") + r[3]));
    if (r[4]) { li.appendChild(line("p", "summary", r[4])); }
    return li;
  }
  function search() {
    var words = fold(box.value).split(/\s+/).filter(Boolean);
    results.hidden = words.length === 0;
    briefs.hidden = words.length > 0;
    if (!words.length) { return; }
    if (!records) { count.textContent = "Reading the search index…"; load(); return; }
    var found = records.filter(function (d) {
      return words.every(function (w) { return d.text.indexOf(w) >= 0; });
    });
    list.replaceChildren.apply(list, found.slice(0, MAX).map(function (d) { return item(d.r); }));
    count.textContent = found.length === 0 ? "No brief matches." :
      found.length + (found.length === 1 ? " brief matches" : " briefs match") +
      (found.length > MAX ? "; the newest " + MAX + " are shown." : ".");
  }
  document.getElementById("search-row").hidden = false;
  box.addEventListener("focus", load);
  box.addEventListener("input", search);
})();
