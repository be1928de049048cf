// On a shared computer of the agency: after a few minutes without a key, a touch or a click,
// end the session (the server ends it too, a minute later) and start the next registration.
(function () {
  var form = document.getElementById('kiosk-finish');
  if (!form) return;
  var idle = (parseInt(form.getAttribute('data-idle'), 10) || 240) * 1000;
  var timer;
  function reset() {
    clearTimeout(timer);
    timer = setTimeout(function () { form.submit(); }, idle);
  }
  ['keydown', 'pointerdown', 'input', 'scroll', 'touchstart'].forEach(function (e) {
    document.addEventListener(e, reset, { passive: true });
  });
  reset();
})();
