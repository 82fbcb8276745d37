(function () {
  "use strict";
  var box = document.getElementById("search");
  var entries = document.querySelectorAll("li[data-search]");
  var days = document.querySelectorAll("section.day");
  var none = document.getElementById("no-match");
  document.getElementById("search-row").hidden = false;
  box.addEventListener("input", function () {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    entries.forEach(function (li) {
      var text = li.getAttribute("data-search");
      li.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
      shown += li.hidden ? 0 : 1;
    });
    days.forEach(function (day) {
      day.hidden = !day.querySelector("li[data-search]:not([hidden])");
    });
    none.hidden = shown > 0 || entries.length === 0;
  });
})();
