(function () {
  var errors = [];
  function record(message) {
    errors.push(String(message));
    var root = document.documentElement;
    root.setAttribute('data-errors', String(errors.length));
    root.setAttribute('data-error-messages', errors.join(' | ').slice(0, 4000));
  }
  window.addEventListener('error', function (e) {
    var t = e.target;
    if (t && t !== window && (t.src || t.href)) { record('failed to load ' + (t.src || t.href)); return; }
    record((e.message || 'error') + (e.filename ? ' at ' + e.filename + ':' + e.lineno : ''));
  }, true);
  window.addEventListener('unhandledrejection', function (e) {
    record('unhandled rejection: ' + (e.reason && e.reason.message ? e.reason.message : e.reason));
  });
  var consoleError = console.error;
  console.error = function () {
    record(Array.prototype.join.call(arguments, ' '));
    return consoleError.apply(console, arguments);
  };
})();
