/* Sign-in: password first; when the account uses TOTP the hub answers totpRequired and we ask for the code. */
(function () {
  'use strict';
  var H = window.Hearth;
  var form = document.getElementById('login-form');
  var user = document.getElementById('username');
  var pass = document.getElementById('password');
  var totp = document.getElementById('totp');
  var totpStep = document.getElementById('step-totp');
  var error = document.getElementById('login-error');
  var submit = document.getElementById('login-submit');

  user.focus();

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    H.say(error, '');
    var body = { username: user.value, password: pass.value };
    if (!totpStep.hidden) {
      var code = totp.value.replace(/\s+/g, '');
      if (!code) {
        H.say(error, H.t('login.code_needed'), 'error');
        totp.focus();
        return;
      }
      body.totp = code;
    }
    submit.disabled = true;
    fetch('/api/v1/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(body)
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (json) {
        if (res.ok) {
          location.assign('/console');
          return;
        }
        submit.disabled = false;
        if (res.status === 401 && json.totpRequired) {
          totpStep.hidden = false;
          H.say(error, H.t('login.code_needed'), 'info');
          totp.focus();
        } else if (res.status === 429 && json.reason === 'wait') {
          H.say(error, H.t('login.wait', json.retryAfter), 'error');
        } else if (res.status === 429 && json.reason === 'codes_locked') {
          H.say(error, H.t('login.codes_locked'), 'error');
        } else if (res.status === 429 && json.reason === 'unknown_devices_locked') {
          H.say(error, H.t('login.unknown_devices_locked'), 'error');
        } else if (res.status === 429 && json.reason === 'busy') {
          H.say(error, H.t('login.busy'), 'error');
        } else if (res.status === 429) {
          H.say(error, H.t('login.locked'), 'error');
        } else {
          H.say(error, H.t('login.failed'), 'error');
          if (!totpStep.hidden) { totp.value = ''; totp.focus(); } else { pass.select(); }
        }
      });
    }, function () {
      submit.disabled = false;
      H.say(error, H.t('error.network'), 'error');
    });
  });
  // On only now that submitting goes through the handler above (the page serves it off).
  submit.disabled = false;
})();
