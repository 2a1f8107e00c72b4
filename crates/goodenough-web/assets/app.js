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
