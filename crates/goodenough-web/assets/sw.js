// goodenough's service worker: lets the app be installed, and shows a kind
// offline page when the device has no connection.
//
// Privacy: the cache holds ONLY files that are the same for everyone: the
// stylesheet, the script, the icons, the offline page and Help now (both
// fetched without cookies, so their signed-out versions). Signed-in pages and
// API answers contain private entries: they are never put in any cache.
// Navigations go to the network first; only when that fails does the worker
// answer, with Help now (for /help-now) or the offline page. Everything else
// that is not in the list below (API calls, form posts) it leaves alone.
"use strict";

// Replaced by the server with a hash of what is cached, so a new version of
// the app replaces the old cache.
var CACHE = "goodenough-__VERSION__";
var PRECACHE = [
  "/offline",
  "/help-now",
  "/assets/app.css",
  "/assets/app.js",
  "/assets/icons/icon-192.png",
  "/assets/icons/icon-512.png",
  "/assets/icons/icon-maskable-192.png",
  "/assets/icons/icon-maskable-512.png",
  "/favicon.svg",
  "/favicon.ico"
];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return cache.addAll(PRECACHE.map(function (path) {
        return new Request(path, { credentials: "omit", cache: "reload" });
      }));
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) {
        return key.indexOf("goodenough-") === 0 && key !== CACHE;
      }).map(function (key) {
        return caches.delete(key);
      }));
    }).then(function () {
      return self.clients.claim();
    })
  );
});

function cached(path) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(path);
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") {
    return;
  }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(function () {
      return cached(url.pathname === "/help-now" ? "/help-now" : "/offline").then(function (hit) {
        return hit || Response.error();
      });
    }));
    return;
  }
  if (url.search === "" && PRECACHE.indexOf(url.pathname) !== -1 &&
      url.pathname !== "/offline" && url.pathname !== "/help-now") {
    event.respondWith(cached(url.pathname).then(function (hit) {
      return hit || fetch(request);
    }));
  }
});

// Reminders (Web Push). A message holds only a title, one fixed sentence
// and the page to open (never anything a person wrote); it is shown as it
// comes and kept nowhere.
self.addEventListener("push", function (event) {
  var message = { title: "goodenough", body: "Time for your evening check-in", url: "/checkin" };
  try {
    if (event.data) {
      message = Object.assign(message, event.data.json());
    }
  } catch (e) {
    // Not JSON: show the default sentence.
  }
  event.waitUntil(self.registration.showNotification(message.title, {
    body: message.body,
    icon: "/assets/icons/icon-192.png",
    badge: "/assets/icons/icon-maskable-192.png",
    tag: "goodenough-reminder",
    data: { url: message.url }
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var path = (event.notification.data && event.notification.data.url) || "/today";
  // Only a page of this app opens, whatever the message said.
  var url = new URL(path, self.location.origin);
  if (url.origin !== self.location.origin) {
    url = new URL("/today", self.location.origin);
  }
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
      for (var i = 0; i < windows.length; i++) {
        if (windows[i].url.indexOf(self.location.origin) === 0 && "focus" in windows[i]) {
          return windows[i].navigate(url.href).then(function (w) {
            return (w || windows[i]).focus();
          });
        }
      }
      return self.clients.openWindow(url.href);
    })
  );
});
