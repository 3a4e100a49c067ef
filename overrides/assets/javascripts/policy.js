// The reader's side of the policy site, loaded before Material's bundle (see main.html):
//   1. nothing is written to the browser's storage unless the reader asks for it;
//   2. no page looks for sitemaps beside its <link rel="alternate"> (Material does, to drive a
//      language menu this site replaces with its own toggle);
//   3. the search panel has an accessible name;
//   4. the language toggle leads to the section the reader is on;
//   5. the search index is fetched only once the reader turns to search (or arrives from a result);
//   6. a control reached by keyboard is on screen.
(function () {
  "use strict";

  // 1. Material saves the colour scheme on every page load. Save it only once the reader has used
  //    the colour-scheme toggle in this page: that is asking for it.
  var save = window.__md_set;
  var asked = false;
  function markAsked(event) {
    if (event.isTrusted && event.target.closest && event.target.closest("[data-md-component=palette]")) {
      asked = true;
    }
  }
  document.addEventListener("click", markAsked, true);
  document.addEventListener("keydown", markAsked, true);
  if (typeof save === "function") {
    window.__md_set = function (key) {
      if (key === "__palette" && !asked) {
        return;
      }
      return save.apply(this, arguments);
    };
  }

  // 2. Our <link rel="alternate"> point at this page in each language (and at its feed), not at
  //    language roots: the sitemaps Material would look for beside them do not exist. Fail those
  //    look-ups at once, without a request; Material then leaves the links alone.
  // 5. Material requests the search index (the largest file a page would load) as soon as the
  //    page starts. Most readers never search: hold that request until the reader opens or
  //    focuses the search field, so a page's first load stays small.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  // A reader who comes from a search result (?h=words, which Material highlights with the index's
  // settings) or with a query (?q=) is searching already.
  var searching = /[?&][qh]=/.test(location.search);
  var held = [];
  XMLHttpRequest.prototype.open = function (method, url) {
    var path = new URL(String(url), location.href).pathname;
    this.policySkip = /\/sitemap\.xml$/.test(path);
    this.policyHold = /\/search\/search_index\.json$/.test(path);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.policySkip) {
      var request = this;
      setTimeout(function () {
        request.dispatchEvent(new ProgressEvent("error"));
      });
      return;
    }
    if (this.policyHold && !searching) {
      held.push({ request: this, body: arguments });
      return;
    }
    return send.apply(this, arguments);
  };
  function startSearch(event) {
    var target = event.target;
    var asked =
      event.type === "change"
        ? target.id === "__search" && target.checked
        : target.closest && target.closest(".md-search__input, label[for=__search]");
    if (!asked || searching) {
      return;
    }
    searching = true;
    held.splice(0).forEach(function (item) {
      send.apply(item.request, item.body);
    });
  }
  ["focusin", "pointerdown", "change"].forEach(function (type) {
    document.addEventListener(type, startSearch, true);
  });

  // 3. Material's search panel is a dialog without a name: give it the name of its search field,
  // which Material writes in the page's language.
  document.addEventListener("DOMContentLoaded", function () {
    var dialog = document.querySelector(".md-search[role=dialog]");
    var field = document.querySelector(".md-search__input[aria-label]");
    if (dialog && field && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", field.getAttribute("aria-label"));
    }
  });

  // 4. Both languages use the same section ids: carry the current one (#id, kept up to date by
  //    Material while the reader scrolls) over to the other language.
  function followSection(event) {
    var link = event.target.closest && event.target.closest("a[data-policy-toggle]");
    if (!link) {
      return;
    }
    var target = new URL(link.href);
    target.hash = location.hash;
    link.href = target.href;
  }
  ["click", "auxclick", "contextmenu", "focusin", "pointerdown"].forEach(function (type) {
    document.addEventListener(type, followSection, true);
  });

  // 6. On a phone, leaving the search field (which Material opens full screen on focus) restores the
  //    page's scroll position after the browser has scrolled the next control into view: show it again.
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (!(target instanceof Element) || target.closest(".md-search")) {
      return;
    }
    setTimeout(function () {
      var box = target.getBoundingClientRect();
      if (document.activeElement === target && (box.top < 0 || box.bottom > window.innerHeight)) {
        target.scrollIntoView({ block: "nearest" });
      }
    }, 400);
  });
})();
