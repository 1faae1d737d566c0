/* timeline filters: narrow a timeline page by source, tag, status, featured and key events, in
 * the browser.
 *
 * Progressive enhancement: without JavaScript there is no form and every event is shown. The
 * form is built from the events' data attributes (data-sources and data-tags hold JSON lists,
 * data-status "reported"/"expected", data-featured and data-key "true"/"false"), so the page
 * needs no other markup than an optional [data-timeline-filters] placeholder (the theme's is
 * a folded <details> whose [data-filter-state] says how many events a filter leaves). A field shows
 * only when it can narrow the page (two sources, a tag, a featured event, key and other
 * events). The choice is kept in the URL query (?source=..&tag=..&status=..&featured=1&key=1)
 * so a filtered view can be shared.
 */
(function () {
  "use strict";

  var FIELDS = ["source", "tag", "status", "featured", "key"];

  function parseList(value) {
    if (!value) return [];
    try {
      var list = JSON.parse(value);
      return Array.isArray(list) ? list.map(String) : [];
    } catch (error) {
      return [];
    }
  }

  function readEvent(element) {
    return {
      element: element,
      sources: parseList(element.getAttribute("data-sources")),
      tags: parseList(element.getAttribute("data-tags")),
      status: element.getAttribute("data-status") || "",
      featured: element.getAttribute("data-featured") === "true",
      key: element.getAttribute("data-key") === "true"
    };
  }

  function distinct(events, key) {
    var seen = {};
    var values = [];
    events.forEach(function (event) {
      event[key].forEach(function (value) {
        if (!Object.prototype.hasOwnProperty.call(seen, value)) {
          seen[value] = true;
          values.push(value);
        }
      });
    });
    return values.sort(function (a, b) { return a.localeCompare(b); });
  }

  function make(tag, attributes, text) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      element.setAttribute(name, attributes[name]);
    });
    if (text) element.textContent = text;
    return element;
  }

  function selectField(id, label, allLabel, values, labels) {
    var wrapper = make("div", { "class": "filters__field" });
    wrapper.appendChild(make("label", { "for": id }, label));
    var select = make("select", { id: id, name: id.replace("filter-", "") });
    select.appendChild(make("option", { value: "" }, allLabel));
    values.forEach(function (value) {
      select.appendChild(make("option", { value: value }, labels ? labels[value] : value));
    });
    wrapper.appendChild(select);
    return wrapper;
  }

  function checkField(name, label) {
    var box = make("div", { "class": "filters__field filters__field--check" });
    box.appendChild(make("input", { type: "checkbox", id: "filter-" + name, name: name,
                                    value: "1" }));
    box.appendChild(make("label", { "for": "filter-" + name }, label));
    return box;
  }

  function buildForm(events) {
    var form = make("form", { "class": "filters", role: "search",
                              "aria-label": "Filter the timeline" });
    form.appendChild(make("h2", { "class": "filters__heading" }, "Filter events"));
    var row = make("div", { "class": "filters__row" });
    var sources = distinct(events, "sources");
    var tags = distinct(events, "tags");
    if (sources.length > 1) {
      row.appendChild(selectField("filter-source", "Source", "All sources", sources));
    }
    if (tags.length) row.appendChild(selectField("filter-tag", "Tag", "All tags", tags));
    row.appendChild(selectField("filter-status", "Status", "Any status",
      ["reported", "expected"], { reported: "Reported", expected: "Expected" }));
    if (events.some(function (event) { return event.featured; })) {
      row.appendChild(checkField("featured", "Featured only"));
    }
    var key = events.filter(function (event) { return event.key; }).length;
    if (key > 0 && key < events.length) {
      row.appendChild(checkField("key", "Key events only"));
    }
    var reset = make("button", { type: "reset", "class": "filters__reset" }, "Show all");
    row.appendChild(reset);
    form.appendChild(row);
    form.appendChild(make("p", { "class": "filters__count", role: "status",
                                 "aria-live": "polite" }));
    return form;
  }

  function currentChoice(form) {
    var choice = {};
    FIELDS.forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (!field) return;
      choice[name] = field.type === "checkbox" ? field.checked : field.value;
    });
    return choice;
  }

  function matches(event, choice) {
    if (choice.source && event.sources.indexOf(choice.source) < 0) return false;
    if (choice.tag && event.tags.indexOf(choice.tag) < 0) return false;
    if (choice.status && event.status !== choice.status) return false;
    if (choice.featured && !event.featured) return false;
    if (choice.key && !event.key) return false;
    return true;
  }

  // A month or year heading stays only while it has a visible event; so does its jump link.
  function hideEmptySections(root) {
    var sections = root.querySelectorAll("section");
    for (var i = sections.length - 1; i >= 0; i--) {
      var section = sections[i];
      var visible = section.querySelector("[data-status]:not([hidden])");
      section.hidden = !visible;
    }
    var links = document.querySelectorAll("nav a[href^='#']");
    Array.prototype.forEach.call(links, function (link) {
      var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!target || !root.contains(target) || !target.matches("section")) return;
      var item = link.closest("li") || link;
      item.hidden = target.hidden;
    });
  }

  function apply(form, events, root, count) {
    var choice = currentChoice(form);
    var shown = 0;
    events.forEach(function (event) {
      var keep = matches(event, choice);
      event.element.hidden = !keep;
      if (keep) shown += 1;
    });
    hideEmptySections(root);
    count.textContent = shown === events.length
      ? "Showing all " + events.length + " events."
      : "Showing " + shown + " of " + events.length + " events.";
    // folded, the control still says that a filter hides events
    var state = document.querySelector("[data-filter-state]");
    if (state) {
      state.textContent = shown === events.length ? "" : " · " + shown + " of " + events.length;
    }
    remember(choice);
  }

  function remember(choice) {
    if (!window.history || !window.history.replaceState) return;
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      var value = choice[name];
      if (value === true) params.set(name, "1");
      else if (value) params.set(name, value);
      else params.delete(name);
    });
    var query = params.toString();
    try {
      window.history.replaceState(null, "", (query ? "?" + query : window.location.pathname) +
        window.location.hash);
    } catch (error) {
      /* some file:// contexts refuse history changes; the filter still works */
    }
  }

  function restore(form) {
    var params = new URLSearchParams(window.location.search);
    var restored = false;
    FIELDS.forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (!field || !params.has(name)) return;
      if (field.type === "checkbox") {
        field.checked = params.get(name) === "1";
        restored = restored || field.checked;
      } else if (Array.prototype.some.call(field.options, function (option) {
        return option.value === params.get(name);
      })) {
        field.value = params.get(name);
        restored = restored || Boolean(field.value);
      }
    });
    return restored;
  }

  function init() {
    var root = document.getElementById("timeline");
    if (!root) return;
    var events = Array.prototype.map.call(root.querySelectorAll("[data-status]"), readEvent);
    if (events.length < 2) return;
    var form = buildForm(events);
    var count = form.querySelector(".filters__count");
    var slot = document.querySelector("[data-timeline-filters]");
    if (slot) {
      slot.appendChild(form);
      slot.hidden = false;
    } else {
      root.parentNode.insertBefore(form, root);
    }
    // a shared link with a filter in it opens the fold, so the reader sees what is narrowed
    if (restore(form) && slot && slot.tagName === "DETAILS") slot.open = true;
    form.addEventListener("change", function () { apply(form, events, root, count); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { apply(form, events, root, count); }, 0);
    });
    apply(form, events, root, count);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
