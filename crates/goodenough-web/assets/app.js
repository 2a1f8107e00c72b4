// goodenough: optional progressive enhancement. Every page works without it.
// Asks before signing out everywhere else, so a stray tap does not do it.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form && form.getAttribute("action") === "/settings/sessions/end-others") {
    if (!window.confirm("Sign out on every other device?")) {
      event.preventDefault();
    }
  }
});
