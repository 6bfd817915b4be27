// An emailed one-click link (ADR 0014): the page's GET uses nothing; a browser presses its one button at once.
(function () {
  var form = document.querySelector('form[data-action-link]');
  if (form && !sessionStorage.getItem(form.action)) {
    sessionStorage.setItem(form.action, '1');
    form.submit();
  }
})();
