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
