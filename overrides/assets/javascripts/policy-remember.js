// "Remember the version I read": on the reader's device only, and only once they ask.
// Pressing the control stores one key, policysite.read.<organization>, holding the version's id and
// nothing else; it is never sent anywhere. On a later visit, if a newer version is in force or
// announced, the box says so and links to what changed since. "Forget" removes the key.
// Everything it shows comes from the page's data-* attributes (the page's language, its links).
(function () {
  "use strict";

  function read(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (error) {
      return null; // storage refused by the reader's settings: the control then does nothing
    }
  }

  function start() {
    var box = document.querySelector("[data-policy-remember]");
    if (!box) {
      return;
    }
    var key = "policysite.read." + box.dataset.org;
    var current = box.dataset.version;
    var versions = JSON.parse(box.dataset.versions);
    var status = box.querySelector("[data-policy-remember-status]");
    var link = box.querySelector("[data-policy-remember-link]");
    var remember = box.querySelector("[data-policy-remember-set]");
    var forget = box.querySelector("[data-policy-remember-forget]");

    function show() {
      var kept = read(key);
      var known = kept && Object.prototype.hasOwnProperty.call(versions, kept) ? versions[kept] : null;
      var target = null;
      var message = "";
      if (known) {
        target = kept !== current ? known.since : known.upcoming;
        message = target ? (kept !== current ? box.dataset.changed : box.dataset.upcoming) : box.dataset.saved;
        message = message.replace("{label}", known.label);
      }
      status.textContent = message;
      link.hidden = !target;
      if (target) {
        link.href = target;
      }
      remember.hidden = kept === current;
      forget.hidden = !known;
    }

    remember.addEventListener("click", function () {
      try {
        window.localStorage.setItem(key, current);
      } catch (error) {
        return;
      }
      show();
    });
    forget.addEventListener("click", function () {
      try {
        window.localStorage.removeItem(key);
      } catch (error) {
        return;
      }
      show();
      remember.focus();
    });
    box.hidden = false;
    show();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
