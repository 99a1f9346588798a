/* kooperation: accessibility repairs of stock Plone markup (reported upstream, see README).
 * - the toolbar's collapse link is an <a> without href carrying aria-label (prohibited):
 *   it becomes a button;
 * - listings show a content-type icon link without text next to the title link: hidden
 *   from assistive technology and the tab order (the title link stays);
 * - z3c.form's ordered-select widget: the "from" and "to" selects have no name;
 * - z3c.form file widget: the label points to the widget, not to its file input;
 * - TinyMCE's editing iframe has no title; the rich text's format select has no label.
 */
(function () {
  "use strict";
  var german = (document.documentElement.lang || "de").slice(0, 2) === "de";
  var words = german
    ? { available: "verfügbar", selected: "ausgewählt", editor: "Texteditor", format: "Textformat" }
    : { available: "available", selected: "selected", editor: "Text editor", format: "Text format" };

  function labelOf(el) {
    var field = el.closest(".field, .mb-3");
    var label = field && field.querySelector("label, .form-label");
    return label ? label.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function repair(root) {
    root.querySelectorAll("a.toolbar-collapse:not([href])").forEach(function (a) {
      a.setAttribute("role", "button");
      a.setAttribute("tabindex", "0");
    });
    root.querySelectorAll(".entry .summary a, .summary a").forEach(function (a) {
      if (!a.textContent.trim() && !a.getAttribute("aria-label")) {
        a.setAttribute("aria-hidden", "true");
        a.setAttribute("tabindex", "-1");
      }
    });
    root.querySelectorAll("select[id$='-from'], select[id$='-to']").forEach(function (s) {
      if (!s.getAttribute("aria-label") && !s.labels.length) {
        var which = /-from$/.test(s.id) ? words.available : words.selected;
        s.setAttribute("aria-label", (labelOf(s) + ": " + which).replace(/^: /, ""));
      }
    });
    root.querySelectorAll("select[id$='_text_format']").forEach(function (s) {
      if (!s.labels.length && !s.getAttribute("aria-label")) {
        s.setAttribute("aria-label", (labelOf(s) + ": " + words.format).replace(/^: /, ""));
      }
    });
    root.querySelectorAll("input[type=file]").forEach(function (input) {
      if (!input.labels.length && !input.getAttribute("aria-label")) {
        input.setAttribute("aria-label", labelOf(input));
      }
    });
    root.querySelectorAll("iframe:not([title])").forEach(function (frame) {
      frame.setAttribute("title", labelOf(frame) || words.editor);
    });
  }

  function start() {
    repair(document);
    new MutationObserver(function () { repair(document); }).observe(document.body, {
      childList: true, subtree: true,
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
