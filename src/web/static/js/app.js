// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Move focus to the error summary after a failed step so screen readers announce it.
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();

  // A live count of what is left of a long text's limit, counted as the server counts: in characters
  // as a reader sees them (code points). Screen readers hear it a moment after typing stops, from a
  // live region of its own, so not every key press is read out.
  var counters = document.querySelectorAll('[data-counter-for]');
  var numbers = new Intl.NumberFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'nb-NO');
  Array.prototype.forEach.call(counters, function (counter) {
    var field = document.getElementById(counter.getAttribute('data-counter-for'));
    var max = Number(counter.getAttribute('data-max'));
    if (!field || !max) return;
    var spoken = document.createElement('span');
    spoken.className = 'ds-sr-only mp-visually-hidden';
    spoken.setAttribute('aria-live', 'polite');
    counter.parentNode.insertBefore(spoken, counter.nextSibling);
    var timer;
    var update = function () {
      var left = max - Array.from(field.value).length;
      counter.textContent = (left >= 0 ? counter.getAttribute('data-remaining') : counter.getAttribute('data-over')).replace('{count}', numbers.format(Math.abs(left)));
      counter.classList.toggle('mp-counter--over', left < 0);
    };
    update();
    counter.hidden = false;
    field.setAttribute('aria-describedby', ((field.getAttribute('aria-describedby') || '') + ' ' + counter.id).trim());
    field.addEventListener('input', function () {
      update();
      clearTimeout(timer);
      timer = setTimeout(function () {
        spoken.textContent = counter.textContent;
      }, 1000);
    });
  });

  // The file chooser (the attachment step): the browser's own button is hidden, since it speaks the
  // browser's language; the line under our label says which file is chosen, in the page's language.
  // The screen reader hears it with the field; the browser's own words it would read are the same.
  Array.prototype.forEach.call(document.querySelectorAll('.mp-file'), function (field) {
    var input = field.querySelector('input[type="file"]');
    var chosen = field.querySelector('.mp-file__chosen');
    if (!input || !chosen) return;
    var show = function () {
      var names = Array.prototype.map.call(input.files || [], function (file) {
        return file.name;
      }).join(', ');
      // A function, so a "$&" in a file name is written as it is, not read as a pattern.
      chosen.textContent = names
        ? chosen.getAttribute('data-chosen').replace('{name}', function () {
            return names;
          })
        : chosen.getAttribute('data-none');
    };
    show();
    input.setAttribute('aria-describedby', ((input.getAttribute('aria-describedby') || '') + ' ' + chosen.id).trim());
    input.addEventListener('change', show);
  });

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
