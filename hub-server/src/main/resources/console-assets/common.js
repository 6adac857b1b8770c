/*
 * Shared by every console page: texts, the CSRF token, a fetch wrapper with the hub's error shape,
 * the language switch and sign-out. Untrusted text only ever goes into the page as textContent/value.
 */
(function () {
  'use strict';

  var texts = {};
  try { texts = JSON.parse(document.body.dataset.texts || '{}'); } catch (e) { texts = {}; }

  /**
   * A script text by key, with {0}, {1}… replaced by the arguments in one pass over the template: a value is never
   * read again, so a name holding "{1}" is shown as written, not filled with the next value. A placeholder with no
   * argument stays as written.
   */
  function t(key) {
    var s = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
    var values = arguments;
    return s.replace(/\{(\d+)\}/g, function (placeholder, n) {
      var i = Number(n) + 1;
      return i < values.length ? String(values[i]) : placeholder;
    });
  }

  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute('content') : '';

  function ApiError(status, body) {
    this.status = status;
    this.body = body || {};
    this.message = (body && body.message) || t('error.generic');
    this.detail = body && body.detail;
  }

  /**
   * fetch() against the hub's JSON API. State-changing calls carry X-CSRF-Token. A lapsed session
   * goes back to sign-in; a pending TOTP enrolment goes to the enrolment page.
   */
  function api(method, url, data) {
    var options = { method: method, headers: { 'Accept': 'application/json' }, credentials: 'same-origin' };
    if (method !== 'GET') options.headers['X-CSRF-Token'] = csrf;
    if (data !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(data);
    }
    return fetch(url, options).then(function (res) {
      if (res.status === 204) return null;
      return res.json().catch(function () { return null; }).then(function (json) {
        if (res.status === 401) {
          location.assign('/console/login?expired=1');
          throw new ApiError(401, json);
        }
        // A password someone else set comes first: the page where the person chooses their own.
        if (res.status === 403 && json && (json.totpEnrolmentRequired || json.code === 'password_change_required')) {
          location.assign('/console/totp');
          throw new ApiError(403, json);
        }
        if (!res.ok) throw new ApiError(res.status, json);
        return json;
      });
    }, function () {
      throw new ApiError(0, { message: t('error.network') });
    });
  }

  /** The message of a failed call, with the validator's detail when there is one. */
  function errorText(e) {
    if (!e || !(e instanceof ApiError)) return t('error.generic');
    return e.detail ? e.message + ' ' + e.detail : e.message;
  }

  /** Shows a status line (kind: ok | error | info), or hides it for empty text. */
  function say(el, text, kind) {
    if (!el) return;
    el.textContent = text || '';
    el.className = 'status' + (kind ? ' ' + kind : '');
    el.hidden = !text;
  }

  var toastTimer = null;
  function toast(text, kind) {
    var el = document.getElementById('toast');
    if (!el) return;
    el.textContent = text;
    el.className = 'toast' + (kind ? ' ' + kind : '');
    el.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { el.hidden = true; }, 5000);
  }

  /**
   * Leaves for the sign-in page only once the hub has ended the session. A sign-out it never heard (the network
   * dropped) leaves the session live: going to sign-in anyway would tell the person they were out while the next
   * one at the computer could press Back, or open the console, and be in. (A lapsed session answers 401: api()
   * goes to sign-in itself.)
   */
  function logout() {
    api('POST', '/api/v1/logout')
      .then(function () { location.assign('/console/login'); })
      .catch(function (e) { if (e.status !== 401) toast(t('logout_failed'), 'error'); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var out = document.getElementById('logout');
    // A page may ask first (the advocate console, while on shift: signing out ends it); it then calls logout itself.
    if (out) out.addEventListener('click', function () {
      if (window.Hearth.confirmLogout) window.Hearth.confirmLogout(logout);
      else logout();
    });
    var lang = document.getElementById('ui-language');
    if (lang) {
      lang.addEventListener('change', function () {
        api('PUT', '/api/v1/console/me', { uiLanguage: lang.value })
          .then(function () { location.reload(); })
          .catch(function (e) { toast(errorText(e), 'error'); });
      });
    }
  });

  window.Hearth = { t: t, api: api, errorText: errorText, say: say, toast: toast, ApiError: ApiError, logout: logout };
})();
