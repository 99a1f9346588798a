/*
 * Row tables of kooperation (places of a measure, funding phases of a project):
 * "Add row" and "Remove" buttons.
 *
 * Progressive enhancement: without this script the form shows the stored rows and
 * three empty ones. Here, "Add row" appends a copy of the widget's <template> row
 * whose cells are named <name>.<column>.<n> with the next free n; "Remove" takes a
 * row out of the form. The server reads the rows by their numbers (gaps are fine)
 * and refuses more than data-max-rows filled rows.
 */
(function () {
  "use strict";

  function rowNumber(field, prefix) {
    var name = field.getAttribute("name") || "";
    if (name.indexOf(prefix) !== 0) {
      return -1;
    }
    var number = name.slice(name.lastIndexOf(".") + 1);
    return /^[0-9]+$/.test(number) ? parseInt(number, 10) : -1;
  }

  function enhance(widget) {
    if (widget.dataset.rowsReady) {
      return;
    }
    var name = widget.dataset.name;
    var prefix = name + ".";
    var template = widget.querySelector("template.rows-widget-template");
    var body = widget.querySelector("tbody");
    var add = widget.querySelector(".rows-widget-add");
    var marker = null;
    widget.querySelectorAll("input[type=hidden]").forEach(function (input) {
      if (input.name === name + ".rows") {
        marker = input;
      }
    });
    if (!name || !template || !body || !add || !marker) {
      return;
    }
    widget.dataset.rowsReady = "true";
    var maxRows = parseInt(widget.dataset.maxRows, 10) || Infinity;
    var next = 0;
    body.querySelectorAll("[name]").forEach(function (field) {
      next = Math.max(next, rowNumber(field, prefix) + 1);
    });

    function update() {
      marker.value = String(next);
      add.disabled = body.rows.length >= maxRows;
    }

    function addRow() {
      var row = template.content.querySelector("tr").cloneNode(true);
      var number = next;
      next += 1;
      row.querySelectorAll("[data-column]").forEach(function (field) {
        field.name = prefix + field.dataset.column + "." + number;
      });
      row.querySelectorAll("[data-rows-js]").forEach(function (element) {
        element.hidden = false;
      });
      body.appendChild(row);
      update();
      var first = row.querySelector("input, select");
      if (first) {
        first.focus();
      }
    }

    function removeRow(row) {
      var after = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      update();
      var focus = after && after.querySelector(".rows-widget-remove");
      (focus || add).focus();
    }

    add.addEventListener("click", addRow);
    body.addEventListener("click", function (event) {
      var button = event.target.closest(".rows-widget-remove");
      if (button && body.contains(button)) {
        removeRow(button.closest("tr"));
      }
    });
    widget.querySelectorAll("[data-rows-js]").forEach(function (element) {
      element.hidden = false;
    });
    widget.querySelectorAll("[data-rows-nojs]").forEach(function (element) {
      element.hidden = true;
    });
    update();
  }

  function enhanceAll() {
    document.querySelectorAll(".rows-widget[data-name]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
