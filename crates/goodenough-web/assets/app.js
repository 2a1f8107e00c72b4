// goodenough: optional progressive enhancement. Every page works without it.

// The service worker (/sw.js): makes the app installable and shows an
// offline page when there is no connection. It never caches signed-in pages
// or API answers (see the comment at the top of /sw.js).
if ("serviceWorker" in navigator && window.isSecureContext) {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js").catch(function () {
      // Not registered (a private window, say): the app works the same.
    });
  });
}

// Asks before signing out everywhere else, so a stray tap does not do it.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form && form.getAttribute("action") === "/settings/sessions/end-others") {
    if (!window.confirm("Sign out on every other device?")) {
      event.preventDefault();
    }
  }
});

// Data page: a file picker that reads the chosen export into the text
// field (the form still posts the text field, which also works pasted).
(function () {
  if (!window.FileReader) {
    return;
  }
  var inputs = document.querySelectorAll("input[type=file][data-fills]");
  Array.prototype.forEach.call(inputs, function (input) {
    var target = document.getElementById(input.getAttribute("data-fills"));
    var status = document.getElementById(input.id + "_status");
    if (!target) {
      return;
    }
    var wrapper = input.closest("[hidden]");
    if (wrapper) {
      wrapper.hidden = false;
    }
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) {
        return;
      }
      var reader = new FileReader();
      reader.onload = function () {
        target.value = exportText(new Uint8Array(reader.result));
        if (status) {
          status.textContent = "Read " + file.name + " (" + Math.ceil(file.size / 1024) +
            " KiB). Check nothing looks odd, then choose Import.";
        }
      };
      reader.onerror = function () {
        if (status) {
          status.textContent = "That file could not be read; try again, or paste its contents below.";
        }
      };
      reader.readAsArrayBuffer(file);
    });
  });

  // The text for the import box: an export as it is, or a binary age file
  // (an encrypted export) armored, as `age -a` writes it, so it can go
  // into the text field and be opened on the server with its passphrase.
  function exportText(bytes) {
    var magic = "age-encryption.org/";
    var isAge = bytes.length > magic.length;
    for (var i = 0; isAge && i < magic.length; i++) {
      isAge = bytes[i] === magic.charCodeAt(i);
    }
    if (!isAge) {
      return new TextDecoder("utf-8").decode(bytes);
    }
    var binary = "";
    for (var j = 0; j < bytes.length; j += 8192) {
      binary += String.fromCharCode.apply(null, bytes.subarray(j, j + 8192));
    }
    var b64 = window.btoa(binary);
    var lines = [];
    for (var k = 0; k < b64.length; k += 64) {
      lines.push(b64.slice(k, k + 64));
    }
    return "-----BEGIN AGE ENCRYPTED FILE-----\n" + lines.join("\n") +
      "\n-----END AGE ENCRYPTED FILE-----\n";
  }
})();

// Boundaries → Scripts: a copy button for the filled message. Without
// JavaScript the message is still in a read-only text box to select.
(function () {
  var buttons = document.querySelectorAll("button[data-copy]");
  Array.prototype.forEach.call(buttons, function (button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-copy") + "_status");
    if (!target || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.value).then(function () {
        if (status) {
          status.textContent = "Copied.";
        }
      }, function () {
        target.select();
        if (status) {
          status.textContent = "Copying was not allowed; the text is selected, so Ctrl+C (or Cmd+C) copies it.";
        }
      });
    });
  });
})();

// Timeboxes page: move the <progress> bar along once a second and reload
// once when the box runs out, so the server's sentence ("is it good enough
// to ship?") appears. Without JavaScript the page shows the same at load.
(function () {
  var section = document.querySelector("[data-timebox-ends]");
  var bar = document.getElementById("tb-progress");
  if (!section || !bar) {
    return;
  }
  var ends = Date.parse(section.getAttribute("data-timebox-ends"));
  var max = Number(bar.getAttribute("max"));
  if (isNaN(ends) || !(max > 0)) {
    return;
  }
  // Reload only when the box was still running at load (no reload loop).
  var reloaded = Number(bar.getAttribute("value")) >= max;
  var tick = function () {
    var left = Math.round((ends - Date.now()) / 1000);
    bar.value = Math.max(0, Math.min(max, max - left));
    if (left <= 0 && !reloaded) {
      reloaded = true;
      window.location.reload();
    }
  };
  window.setInterval(tick, 1000);
})();

// Practices page: a Start button per practice runs a timer and marks each
// cue as its time comes (aria-live status says the current cue). Without
// JavaScript the page is the same list of cues with their times.
(function () {
  var sections = document.querySelectorAll("section.practice[data-minutes]");
  Array.prototype.forEach.call(sections, function (section) {
    var status = section.querySelector(".timer-status");
    var cues = section.querySelectorAll("li[data-at]");
    var total = Number(section.getAttribute("data-minutes")) * 60;
    if (!status || !(total > 0)) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "Start";
    status.parentNode.insertBefore(button, status);
    var timer = null;
    button.addEventListener("click", function () {
      if (timer) {
        window.clearInterval(timer);
        timer = null;
        button.textContent = "Start";
        return;
      }
      var started = Date.now();
      button.textContent = "Stop";
      var tick = function () {
        var secs = Math.floor((Date.now() - started) / 1000);
        var current = null;
        Array.prototype.forEach.call(cues, function (li) {
          var at = Number(li.getAttribute("data-at"));
          var on = at <= secs;
          li.classList.toggle("cue-done", on);
          if (on) {
            current = li;
          }
        });
        var left = Math.max(0, total - secs);
        status.textContent = (current ? current.textContent.trim() + " — " : "") +
          Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0") + " left";
        var minutes = section.querySelector("input[name=minutes]");
        if (minutes) {
          minutes.value = Math.max(1, Math.round(Math.min(secs, total) / 60));
        }
        if (secs >= total) {
          window.clearInterval(timer);
          timer = null;
          button.textContent = "Start";
          status.textContent = "Done. Log the minutes below if you like.";
        }
      };
      tick();
      timer = window.setInterval(tick, 1000);
    });
  });
})();

// Passkeys (WebAuthn). The buttons are hidden until this script finds the
// browser's WebAuthn API; the pages say that passkeys need it.
// - data-passkey="add" (Security page): the options from
//   /api/v1/account/passkeys/register/start, navigator.credentials.create,
//   the answer to …/register/finish, then back to the page.
// - data-passkey="signin" (sign-in page) and "second" (the code step): the
//   options from /login/passkey/start (or /login/totp/passkey/start),
//   navigator.credentials.get, the answer to …/finish, which signs in.
(function () {
  var buttons = document.querySelectorAll("button[data-passkey]");
  if (!buttons.length || !window.PublicKeyCredential || !navigator.credentials) {
    return;
  }

  function toBytes(text) {
    var b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) {
      b64 += "=";
    }
    var raw = atob(b64);
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      out[i] = raw.charCodeAt(i);
    }
    return out.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var raw = "";
    for (var i = 0; i < bytes.length; i++) {
      raw += String.fromCharCode(bytes[i]);
    }
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function withBytes(list) {
    return (list || []).map(function (c) {
      var copy = Object.assign({}, c);
      copy.id = toBytes(c.id);
      return copy;
    });
  }

  function post(url, csrf, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body || {}),
    }).then(function (res) {
      return res.json().then(
        function (data) {
          if (!res.ok) {
            throw new Error(data.error || "That did not work; please try again.");
          }
          return data;
        },
        function () {
          throw new Error("The server's answer could not be read; please try again.");
        }
      );
    });
  }

  function created(cred) {
    return {
      id: cred.id,
      rawId: toText(cred.rawId),
      type: cred.type,
      response: {
        attestationObject: toText(cred.response.attestationObject),
        clientDataJSON: toText(cred.response.clientDataJSON),
      },
    };
  }

  function asserted(cred) {
    var r = cred.response;
    return {
      id: cred.id,
      rawId: toText(cred.rawId),
      type: cred.type,
      response: {
        authenticatorData: toText(r.authenticatorData),
        clientDataJSON: toText(r.clientDataJSON),
        signature: toText(r.signature),
        userHandle: r.userHandle ? toText(r.userHandle) : null,
      },
    };
  }

  function add(button) {
    var csrf = button.getAttribute("data-csrf");
    var field = document.getElementById("passkey-name");
    var name = field && field.value.trim() ? field.value.trim() : "Passkey";
    return post("/api/v1/account/passkeys/register/start", csrf).then(function (started) {
      var pk = started.options.publicKey;
      pk.challenge = toBytes(pk.challenge);
      pk.user.id = toBytes(pk.user.id);
      pk.excludeCredentials = withBytes(pk.excludeCredentials);
      return navigator.credentials.create({ publicKey: pk }).then(function (cred) {
        return post("/api/v1/account/passkeys/register/finish", csrf, {
          ceremony: started.ceremony,
          name: name,
          credential: created(cred),
        });
      });
    }).then(function () {
      window.location.assign("/settings/security?passkey=added");
    });
  }

  function signIn(button, base) {
    var csrf = button.getAttribute("data-csrf");
    var next = button.getAttribute("data-next") || "/today";
    return post(base + "/start", csrf).then(function (started) {
      var pk = started.options.publicKey;
      pk.challenge = toBytes(pk.challenge);
      pk.allowCredentials = withBytes(pk.allowCredentials);
      return navigator.credentials.get({ publicKey: pk }).then(function (cred) {
        return post(base + "/finish", csrf, {
          ceremony: started.ceremony,
          credential: asserted(cred),
          next: next,
        });
      });
    }).then(function (done) {
      window.location.assign(done.redirect || "/today");
    });
  }

  buttons.forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var error = document.getElementById("passkey-error");
      if (error) {
        error.hidden = true;
      }
      button.disabled = true;
      var kind = button.getAttribute("data-passkey");
      var run = kind === "add" ? add(button)
        : signIn(button, kind === "second" ? "/login/totp/passkey" : "/login/passkey");
      run.catch(function (e) {
        button.disabled = false;
        if (error) {
          // The browser's own refusal (cancelled, timed out) has a name.
          error.textContent = e && e.name === "NotAllowedError"
            ? "The passkey was not used (cancelled, timed out, or none on this device for this account). Please try again, or use your password."
            : (e && e.message) || "That did not work; please try again.";
          error.hidden = false;
        }
      });
    });
  });
})();

// Check-in page: a check-in saved while the device is offline is kept in
// this browser's localStorage (on this device only, never in the service
// worker's cache) and posted as the form would post it, with the form's
// CSRF token, when the browser is back online or on the next page load.
// One check-in is kept per date, and a retry cannot save twice: a new
// check-in for a date that already has one is refused by the server (409),
// which is taken as "already saved". Without JavaScript, or online, the
// form posts as usual.
(function () {
  var KEY = "goodenough-checkin-queue";
  var storage;
  try {
    storage = window.localStorage;
  } catch (e) {
    return;
  }
  if (!storage || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var form = document.querySelector("form[data-offline-queue]");
  var sending = false;

  function kept() {
    try {
      var list = JSON.parse(storage.getItem(KEY) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return [];
    }
  }

  function keep(list) {
    if (list.length) {
      storage.setItem(KEY, JSON.stringify(list));
    } else {
      storage.removeItem(KEY);
    }
  }

  // Where the messages go: the check-in page's status line, or one added
  // at the top of the page.
  function status() {
    var el = document.getElementById("checkin-queue");
    if (!el) {
      var main = document.querySelector("main");
      if (!main) {
        return null;
      }
      el = document.createElement("p");
      el.id = "checkin-queue";
      el.className = "notice";
      el.setAttribute("role", "status");
      main.insertBefore(el, main.firstChild);
    }
    return el;
  }

  function say(kind, text, link) {
    var el = status();
    if (!el) {
      return;
    }
    el.className = "notice " + kind;
    el.textContent = text;
    if (link) {
      var a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      el.appendChild(document.createTextNode(" "));
      el.appendChild(a);
    }
    el.hidden = false;
  }

  function day(iso) {
    var d = new Date(iso + "T12:00:00");
    if (isNaN(d.getTime())) {
      return iso;
    }
    return d.toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short" })
      .replace(",", "");
  }

  // Puts kept answers back into the check-in form.
  function refill(body) {
    new URLSearchParams(body).forEach(function (value, name) {
      if (name === "csrf" || name === "replace") {
        return;
      }
      var fields = form.querySelectorAll("[name='" + name + "']");
      Array.prototype.forEach.call(fields, function (field) {
        if (field.type === "radio") {
          field.checked = field.value === value;
        } else {
          field.value = value;
        }
      });
    });
  }

  // Sends what is kept, one check-in after another.
  function send() {
    var list = kept();
    if (sending || !list.length || !navigator.onLine) {
      return;
    }
    sending = true;
    var item = list[0];
    fetch("/checkin", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: item.body,
    }).then(function (res) {
      var rest = kept().filter(function (other) {
        return other.date !== item.date;
      });
      var saved = { href: "/checkin?saved=" + encodeURIComponent(item.date), text: "See what was saved." };
      // A saved check-in redirects to /checkin?saved=DATE; an ended
      // session ends on the sign-in page instead.
      var landed = new URL(res.url || "/", window.location.href);
      sending = false;
      if (res.ok && landed.pathname === "/checkin" && landed.searchParams.get("saved")) {
        keep(rest);
        say("ok", "Sent: your check-in for " + day(item.date) + " is saved, and no longer kept on this device.", saved);
      } else if (res.status === 409) {
        keep(rest);
        say("info", "There was already a check-in for " + day(item.date) +
          " (perhaps this one, sent before the connection dropped), so it was not saved twice.", saved);
      } else if (res.status >= 500) {
        say("info", "Your check-in for " + day(item.date) +
          " is still kept on this device; it could not be sent yet and will be tried again.");
        return;
      } else if (form) {
        // Signed in again meanwhile (a new CSRF token), or the server asks
        // for a change: the form gets the kept answers back, for the person
        // to check and save (which removes them from the device).
        refill(item.body);
        say("info", "Your check-in for " + day(item.date) +
          " could not be sent as it was, so it is filled in below: please check it and choose Save check-in.");
        return;
      } else {
        say("info", "Your check-in for " + day(item.date) + " is still kept on this device. " +
          "Sign in if you need to, then open the check-in page to send it.", { href: "/checkin", text: "Check in" });
        return;
      }
      if (rest.length) {
        send();
      }
    }, function () {
      sending = false;
      say("info", "Your check-in for " + day(item.date) +
        " is kept on this device only, until it is sent. It will be sent when you are back online.");
    });
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      if (navigator.onLine) {
        // Posted as usual; a kept check-in for the same date is replaced.
        var posted = (form.querySelector("[name=date]") || {}).value;
        keep(kept().filter(function (other) {
          return other.date !== posted;
        }));
        return;
      }
      event.preventDefault();
      if (!form.checkValidity()) {
        form.reportValidity();
        return;
      }
      var data = new FormData(form);
      var missing = ["mood", "energy", "area1", "area2", "area3"].filter(function (name) {
        return !data.get(name);
      });
      if (missing.length) {
        say("error", "Almost there: please choose your mood, your energy and a life area for each appreciation.");
        return;
      }
      var date = String(data.get("date") || "");
      var body = new URLSearchParams();
      data.forEach(function (value, name) {
        body.append(name, String(value));
      });
      var list = kept().filter(function (other) {
        return other.date !== date;
      });
      list.push({ date: date, body: body.toString() });
      try {
        keep(list);
      } catch (e) {
        say("error", "This device has no room to keep the check-in; please save it when you are back online.");
        return;
      }
      say("info", "You are offline. Your check-in for " + day(date) +
        " is kept on this device only, until it is sent. It will be sent when you are back online.");
      // The message is at the top of the form; the Save button was at its end.
      var shown = status();
      if (shown && shown.scrollIntoView) {
        shown.scrollIntoView({ block: "center" });
      }
    });
    window.addEventListener("offline", function () {
      say("info", "You are offline. You can still save this check-in: it is kept on this device only, until it can be sent.");
    });
  }
  window.addEventListener("online", send);
  send();
})();

// Thought record, step 1: each listed emotion's slider shows its number,
// and moving a slider ticks its emotion. Without JavaScript the sliders
// and ticks post the same.
(function () {
  var sliders = document.querySelectorAll("li.emotion input[type=range]");
  Array.prototype.forEach.call(sliders, function (slider) {
    var item = slider.closest("li.emotion");
    var out = item && item.querySelector("output");
    var tick = item && item.querySelector("input[type=checkbox]");
    slider.addEventListener("input", function () {
      if (out) {
        out.textContent = slider.value;
      }
      if (tick) {
        tick.checked = true;
      }
    });
  });
})();

// Questionnaires on a phone: one item at a time, with "3 of 12", Back and
// Next, the Save button on the last item, and the answers kept in this
// tab's sessionStorage so a reload keeps them (cleared when the form is
// sent). On a wider screen, or without JavaScript, the whole form shows.
(function () {
  var form = document.querySelector("form[data-one-by-one]");
  if (!form) {
    return;
  }
  var items = Array.prototype.slice.call(form.querySelectorAll("fieldset.item"));
  var key = "goodenough-answers:" + form.getAttribute("action");
  var store = null;
  try {
    store = window.sessionStorage;
  } catch (e) {
    store = null;
  }

  function answers() {
    var out = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[type=radio]:checked"), function (r) {
      out[r.name] = r.value;
    });
    return out;
  }

  function answered(item) {
    return item.querySelector("input[type=radio]:checked") !== null;
  }

  // Answers from before a reload.
  if (store) {
    try {
      var kept = JSON.parse(store.getItem(key) || "{}");
      Object.keys(kept).forEach(function (name) {
        Array.prototype.forEach.call(form.querySelectorAll("input[type=radio]"), function (r) {
          if (r.name === name && r.value === kept[name]) {
            r.checked = true;
          }
        });
      });
    } catch (e) {
      store.removeItem(key);
    }
    form.addEventListener("change", function () {
      try {
        store.setItem(key, JSON.stringify(answers()));
      } catch (e) {
        // No room: the answers are still in the page.
      }
    });
  }

  var save = form.querySelector("button[type=submit]");
  var phone = window.matchMedia ? window.matchMedia("(max-width: 40rem)") : null;
  if (!items.length || !save || !phone || !phone.matches) {
    form.addEventListener("submit", function () {
      if (store) {
        store.removeItem(key);
      }
    });
    return;
  }

  // Unanswered items are hidden, so the check below replaces the
  // browser's own (which cannot point at a hidden field).
  form.noValidate = true;
  var progress = document.createElement("p");
  progress.className = "progress";
  progress.setAttribute("aria-live", "polite");
  var nav = document.createElement("div");
  nav.className = "one-by-one-nav";
  var back = document.createElement("button");
  back.type = "button";
  back.className = "secondary prev-item";
  back.textContent = "Back";
  var next = document.createElement("button");
  next.type = "button";
  next.className = "next-item";
  next.textContent = "Next";
  nav.appendChild(back);
  nav.appendChild(next);
  form.insertBefore(progress, items[0]);
  save.parentNode.insertBefore(nav, save);

  // Start at the first item not answered yet (after a reload, where the
  // person was).
  var current = 0;
  while (current < items.length - 1 && answered(items[current])) {
    current++;
  }

  function show(index, focus) {
    current = Math.max(0, Math.min(items.length - 1, index));
    items.forEach(function (item, i) {
      item.hidden = i !== current;
    });
    progress.textContent = (current + 1) + " of " + items.length;
    back.hidden = current === 0;
    next.hidden = current === items.length - 1;
    save.hidden = current !== items.length - 1;
    if (focus) {
      var first = items[current].querySelector("input:checked") ||
        items[current].querySelector("input");
      if (first) {
        first.focus();
      }
    }
  }

  back.addEventListener("click", function () {
    show(current - 1, true);
  });
  next.addEventListener("click", function () {
    show(current + 1, true);
  });
  form.addEventListener("submit", function (event) {
    var missing = items.findIndex(function (item) {
      return !answered(item);
    });
    if (missing !== -1) {
      event.preventDefault();
      show(missing, true);
      progress.textContent = (missing + 1) + " of " + items.length + ": this one still needs an answer.";
      return;
    }
    if (store) {
      store.removeItem(key);
    }
  });
  show(current, false);
})();

// Reminders on this device (Settings): Web Push. Shown only where the
// browser can receive them; without JavaScript the page says so instead.
// The server's public key comes from /api/v1/push/key; the subscription
// (the push service's address and this device's keys) goes to
// /api/v1/push/subscriptions. A reminder carries only a fixed sentence.
(function () {
  var actions = document.getElementById("push-actions");
  var status = document.getElementById("push-status");
  if (!actions || !status) {
    return;
  }
  function say(text) {
    status.textContent = text;
  }
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !window.isSecureContext) {
    say("This browser cannot receive reminders here (it needs notifications and a secure address). Your calendar can remind you instead.");
    return;
  }
  var csrf = actions.getAttribute("data-csrf");
  var on = document.getElementById("push-on");
  var test = document.getElementById("push-test");
  var off = document.getElementById("push-off");

  function call(method, url, body) {
    return fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (res) {
      if (res.status === 204) {
        return {};
      }
      return res.json().then(function (data) {
        if (!res.ok) {
          throw new Error(data.error || "That did not work; please try again.");
        }
        return data;
      });
    });
  }

  function keyBytes(text) {
    var b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(b64 + "===".slice((b64.length + 3) % 4));
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      out[i] = raw.charCodeAt(i);
    }
    return out;
  }

  function registration() {
    return navigator.serviceWorker.register("/sw.js").then(function () {
      return navigator.serviceWorker.ready;
    });
  }

  function show(subscribed) {
    on.hidden = subscribed;
    test.hidden = !subscribed;
    off.hidden = !subscribed;
    actions.hidden = false;
  }

  function save(sub) {
    return call("POST", "/api/v1/push/subscriptions", sub.toJSON());
  }

  function fail(e) {
    say((e && e.message) || "That did not work; please try again.");
  }

  registration().then(function (reg) {
    return reg.pushManager.getSubscription();
  }).then(function (sub) {
    show(!!sub);
  }).catch(fail);

  on.addEventListener("click", function () {
    on.disabled = true;
    Promise.all([registration(), call("GET", "/api/v1/push/key")]).then(function (got) {
      return got[0].pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(got[1].public_key),
      });
    }).then(save).then(function () {
      show(true);
      say("Reminders are on for this device. Reload the page to see it in the list.");
    }).catch(function (e) {
      fail(e && e.name === "NotAllowedError"
        ? new Error("Notifications are blocked for this site; allow them in the browser's site settings, then try again.")
        : e);
    }).then(function () {
      on.disabled = false;
    });
  });

  test.addEventListener("click", function () {
    call("POST", "/api/v1/push/test").then(function (sent) {
      say(sent.sent > 0
        ? "A test is on its way to " + sent.sent + (sent.sent === 1 ? " device." : " devices.")
        : "No test could be sent; turn reminders off and on again on this device.");
    }).catch(fail);
  });

  off.addEventListener("click", function () {
    registration().then(function (reg) {
      return reg.pushManager.getSubscription();
    }).then(function (sub) {
      if (!sub) {
        return null;
      }
      // Saving again answers with this device's id (one row per device).
      return save(sub).then(function (device) {
        return call("DELETE", "/api/v1/push/subscriptions/" + encodeURIComponent(device.id));
      }).then(function () {
        return sub.unsubscribe();
      });
    }).then(function () {
      show(false);
      say("Reminders are off for this device.");
    }).catch(fail);
  });
})();
