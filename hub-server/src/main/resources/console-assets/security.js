/* Sign-in security page: confirm a TOTP enrolment with a code, change your own password. */
(function () {
  'use strict';
  var H = window.Hearth;

  var totpForm = document.getElementById('totp-form');
  var totpStatus = document.getElementById('totp-status');
  // Absent while a password someone else set must be replaced first.
  if (totpForm) totpForm.addEventListener('submit', function (event) {
    event.preventDefault();
    var body = { code: document.getElementById('totp-code').value.replace(/\s+/g, '') };
    var pwField = document.getElementById('totp-password-field');
    var pw = document.getElementById('totp-password');
    if (!pwField.hidden) body.password = pw.value;
    H.say(totpStatus, H.t('saving'), 'info');
    H.api('POST', '/api/v1/console/totp', body).then(function () {
      H.say(totpStatus, H.t('totp.done'), 'ok');
      var state = document.getElementById('totp-state');
      if (state) state.hidden = true;
      var required = document.getElementById('totp-required');
      totpForm.querySelector('button[type="submit"]').disabled = true;
      if (required) {
        // Set-up was what stood between this person and the console: go there now.
        required.hidden = true;
        setTimeout(function () { location.assign('/console'); }, 1500);
      }
    }).catch(function (e) {
      H.say(totpStatus, H.errorText(e), 'error');
      // The sign-in that let set-up go without the password has grown old: ask for it, keeping the code typed.
      if (e.body && e.body.passwordNeeded && pwField.hidden) {
        pwField.hidden = false;
        pw.focus();
      }
    });
  });

  var pwForm = document.getElementById('password-form');
  var pwStatus = document.getElementById('password-status');
  pwForm.addEventListener('submit', function (event) {
    event.preventDefault();
    H.say(pwStatus, H.t('saving'), 'info');
    H.api('POST', '/api/v1/console/password', {
      current: document.getElementById('current-password').value,
      password: document.getElementById('new-password').value
    }).then(function () {
      H.say(pwStatus, H.t('password.done'), 'ok');
      setTimeout(function () { location.assign('/console/login'); }, 1500);
    }).catch(function (e) { H.say(pwStatus, H.errorText(e), 'error'); });
  });
})();
