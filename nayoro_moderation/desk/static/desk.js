// Keyboard shortcuts of the comment queue: j/k move between comments, 1-5 record a decision on the
// one in focus (3, deletion, first asks for the clause).  Nothing else runs: the pages work without it.
(function () {
  "use strict";
  function comments() { return Array.prototype.slice.call(document.querySelectorAll("article.comment")); }
  function current() {
    var active = document.activeElement;
    return active && active.closest ? active.closest("article.comment") : null;
  }
  function focusComment(el) {
    if (!el) return;
    comments().forEach(function (c) { c.classList.remove("current"); });
    el.classList.add("current");
    el.focus();
    el.scrollIntoView({ block: "center" });
  }
  function typing(target) {
    return target && (target.tagName === "INPUT" && target.type !== "radio" || target.tagName === "TEXTAREA" || target.tagName === "SELECT");
  }
  document.addEventListener("keydown", function (event) {
    if (!document.body.classList.contains("queue") || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) return;
    var list = comments();
    if (!list.length) return;
    var here = current();
    var at = here ? list.indexOf(here) : -1;
    if (event.key === "j" || event.key === "k") {
      event.preventDefault();
      focusComment(list[Math.max(0, Math.min(list.length - 1, at + (event.key === "j" ? 1 : -1)))]);
      return;
    }
    if (!/^[1-5]$/.test(event.key)) return;
    if (!here) { focusComment(list[0]); here = list[0]; }
    event.preventDefault();
    var form = here.querySelector("form.decide");
    var choice = form.querySelector('input[name="decision"][data-key="' + event.key + '"]');
    choice.checked = true;
    var reviewer = form.querySelector('input[name="reviewer"]');
    if (!reviewer.value.trim()) { reviewer.focus(); return; }
    if (choice.value === "delete") { form.querySelector('select[name="clause"]').focus(); return; }
    form.requestSubmit ? form.requestSubmit() : form.submit();
  });
  // After a decision the page comes back at #cN: keep that comment in focus for the next key.
  document.addEventListener("DOMContentLoaded", function () {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && target.classList.contains("comment")) {
      var list = comments();
      var next = list[list.indexOf(target) + 1] || target;
      focusComment(next);
    }
  });
})();
