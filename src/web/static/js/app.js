// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Move focus to the error summary after a failed step so screen readers announce it.
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();

  // Show the logout warning five minutes before the login expires.
  var session = document.querySelector('.mp-session[data-expires-at]');
  if (session) {
    var expiresAt = Number(session.getAttribute('data-expires-at'));
    var warning = session.querySelector('.mp-session__warning');
    var showAt = expiresAt - 5 * 60 * 1000 - Date.now();
    if (warning && showAt < 2147483647) {
      setTimeout(function () {
        warning.hidden = false;
      }, Math.max(0, showAt));
    }
  }
})();
