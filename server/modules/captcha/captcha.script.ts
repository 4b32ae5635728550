/** Progressive enhancement of the portal captcha, served at /captcha/captcha.js (CSP allows only same-origin scripts). */
export const CAPTCHA_SCRIPT = `
// Progressive enhancement of the portal captcha: "看不清，换一张" fetches a new image in place, so
// nothing typed is lost and the page does not reload. Without this script the button posts the form,
// which the server re-renders with every field kept.
(function () {
  'use strict';
  if (!window.fetch || !document.querySelectorAll) return;
  var boxes = document.querySelectorAll('fieldset[data-captcha]');
  Array.prototype.forEach.call(boxes, function (box) {
    var btn = box.querySelector('button.captcha-refresh');
    var img = box.querySelector('.captcha-img');
    var idField = box.querySelector('input[name=captchaId]');
    var answer = box.querySelector('input[name=captcha]');
    if (!btn || !img || !idField) return;
    btn.addEventListener('click', function (ev) {
      ev.preventDefault();
      var url = '/captcha/new?purpose=' + encodeURIComponent(box.getAttribute('data-captcha')) + '&kind=image';
      fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then(function (r) {
          if (!r.ok) throw new Error(String(r.status));
          return r.json();
        })
        .then(function (c) {
          img.innerHTML = c.svg;
          idField.value = c.id;
          if (answer) {
            answer.value = '';
            answer.focus();
          }
        })
        .catch(function () {
          // Fall back to the no-JavaScript path: post the form to re-render it.
          btn.form && btn.form.requestSubmit ? btn.form.requestSubmit(btn) : btn.form && btn.form.submit();
        });
    });
  });
})();
`;
