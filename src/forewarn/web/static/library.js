// forewarn library: the warning pickers filter their list as you type.
(function () {
  "use strict";
  document.querySelectorAll("input.picker-filter").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("data-target"));
    if (!list) { return; }
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      list.querySelectorAll("[data-name]").forEach(function (item) {
        item.hidden = q !== "" && item.getAttribute("data-name").indexOf(q) === -1;
      });
    });
    // typing in the finder must not submit or refresh the results
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); } });
  });
}());
