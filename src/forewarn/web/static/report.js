// forewarn report page: copy buttons for the AO3 tags, and paging through evidence passages.
// Without JavaScript every passage is shown and the tags can be selected by hand.
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(area); }
    return Promise.resolve();
  }

  function setUpCopy(button) {
    var label = button.textContent;
    button.addEventListener("click", function () {
      copyText(button.getAttribute("data-copy")).then(function () {
        button.textContent = "Copied";
        button.classList.add("copied");
        setTimeout(function () { button.textContent = label; button.classList.remove("copied"); }, 2000);
      });
    });
  }

  function setUpPager(box) {
    var size = parseInt(box.getAttribute("data-page-size"), 10) || 2;
    var items = box.querySelectorAll("li.passage");
    var pager = box.querySelector(".pager");
    if (!pager || items.length <= size) { return; }
    var pages = Math.ceil(items.length / size), page = 0;
    var prev = pager.querySelector(".prev"), next = pager.querySelector(".next");
    var label = pager.querySelector(".page-no");
    function show() {
      items.forEach(function (li, i) { li.hidden = Math.floor(i / size) !== page; });
      prev.disabled = page === 0;
      next.disabled = page === pages - 1;
      label.textContent = "Page " + (page + 1) + " of " + pages;
    }
    prev.addEventListener("click", function () { if (page > 0) { page -= 1; show(); } });
    next.addEventListener("click", function () { if (page < pages - 1) { page += 1; show(); } });
    pager.hidden = false;
    show();
  }

  function setUpScrollCue(wrap) {
    var cue = wrap.previousElementSibling;
    if (!cue || !cue.classList.contains("scroll-cue")) { return; }
    function update() {
      var more = wrap.scrollWidth - wrap.clientWidth - wrap.scrollLeft > 2;
      cue.hidden = !more;
      wrap.classList.toggle("has-more", more);
    }
    wrap.addEventListener("scroll", update);
    window.addEventListener("resize", update);
    update();
  }

  document.querySelectorAll("button.copy").forEach(setUpCopy);
  document.querySelectorAll("details.evidence").forEach(setUpPager);
  document.querySelectorAll(".map-wrap").forEach(setUpScrollCue);
}());

// Forms that ask first (no inline handlers: the page's CSP allows no inline script).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form && form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) event.preventDefault();
});
