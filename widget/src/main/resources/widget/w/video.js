/* Hearth video: the survivor's side of a Jitsi call an advocate offered in the chat. app.js hands us
   each `video` frame (HearthVideo.offer) and tells us when the chat is over (HearthVideo.close).
   The call opens in this panel through the Jitsi IFrame API, loaded only when the survivor clicks
   and only from the Jitsi host in the offer (the CSP names that host and no other), or in a tab of
   its own if the survivor prefers. Camera off and the prejoin page on: nobody is on camera by surprise.
   A voice call (media "audio") joins the same way with audio only: the camera is never asked for. */
(function () {
  'use strict';
  var d = document;
  var HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;
  var ROOM = /^[\w-]+(\/[\w-]+)?$/;
  var api = null;
  var box = null;
  var loading = null;

  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // Styles through the CSSOM: the CSP allows no inline style, and app.css stays the widget's own.
  function css(e, s) { Object.assign(e.style, s); return e; }

  // A media this page does not know is not joined at all: never guessed to be a video call.
  function valid(v) {
    return v && HOST.test(v.domain || '') && ROOM.test(v.room || '') && /^[\w.-]+$/.test(v.jwt || '') &&
      /^(video|audio)?$/.test(v.media || '');
  }

  function voice(v) { return v.media === 'audio'; }

  // Jitsi config overrides (keys Jitsi lets a URL or an embedder set), by dotted path. A voice call starts
  // in audio-only mode, which with the camera muted keeps Jitsi from asking for the camera, and leaves
  // the camera, screen sharing and backgrounds out of the prejoin page and the toolbar.
  function settings(v) {
    var s = { startWithVideoMuted: true, 'prejoinConfig.enabled': true, prejoinPageEnabled: true, disableDeepLinking: true };
    if (voice(v)) {
      s.startAudioOnly = true;
      s.hiddenPremeetingButtons = ['camera', 'select-background', 'invite', 'settings'];
      s.toolbarButtons = ['microphone', 'hangup', 'security'];
    }
    return s;
  }

  function nested(flat) {
    var o = {};
    Object.keys(flat).forEach(function (k) {
      var path = k.split('.'), at = o;
      while (path.length > 1) {
        var key = path.shift();
        at = at[key] = at[key] || {};
      }
      at[path[0]] = flat[k];
    });
    return o;
  }

  // Jitsi reads the token from ?jwt= and config overrides from the hash (which never leaves the browser).
  function tabUrl(v) {
    var s = settings(v);
    return 'https://' + v.domain + '/' + v.room + '?jwt=' + encodeURIComponent(v.jwt) + '#' + Object.keys(s).map(function (k) {
      return 'config.' + k + '=' + encodeURIComponent(JSON.stringify(s[k]));
    }).join('&');
  }

  // The IFrame API script, once per page, from the Jitsi host itself.
  function loadApi(domain) {
    if (window.JitsiMeetExternalAPI) return Promise.resolve();
    if (!loading) {
      loading = new Promise(function (ok, fail) {
        var s = d.createElement('script');
        s.src = 'https://' + domain + '/external_api.js';
        s.onload = ok;
        s.onerror = function () { loading = null; s.remove(); fail(new Error('external_api.js')); };
        d.head.appendChild(s);
      });
    }
    return loading;
  }

  // Words by kind of call: videoJoin or voiceJoin, and so on.
  function words(v, t) {
    return function (key) { return t((voice(v) ? 'voice' : 'video') + key); };
  }

  function offer(v, line, t) {
    if (!valid(v) || !line) return;
    var w = words(v, t);
    var meta = line.querySelector('.meta');
    var join = el('button', 'primary video-join', w('Join'));
    join.type = 'button';
    join.addEventListener('click', function () { open(v, w, line); });
    var tab = el('a', 'video-tab', t('videoNewTab'));
    tab.href = tabUrl(v);
    tab.target = '_blank';
    tab.rel = 'noopener noreferrer';
    line.insertBefore(join, meta);
    line.insertBefore(el('br'), meta);
    line.insertBefore(tab, meta);
    line.insertBefore(css(el('span', 'hint', t('videoNewTabNote')), { display: 'block' }), meta);
  }

  function open(v, w, line) {
    close();
    var stage = css(el('div'), { flex: '1 1 auto', minHeight: '0' });
    var leave = el('button', 'link', w('Leave'));
    leave.type = 'button';
    leave.addEventListener('click', function () { close(); focusChat(); });
    var bar = css(el('div'), { display: 'flex', justifyContent: 'flex-end' });
    bar.appendChild(leave);
    box = css(el('section', 'video-call'), {
      display: 'flex', flexDirection: 'column', flex: '0 0 auto', height: 'min(60vh, 440px)', minHeight: '240px',
      borderBottom: '4px solid var(--primary)'
    });
    box.setAttribute('aria-label', w('Call'));
    box.appendChild(bar);
    box.appendChild(stage);
    // Below the header, so that the Exit button stays in reach: Escape pressed inside the call goes to Jitsi.
    var main = d.getElementById('main');
    main.parentNode.insertBefore(box, main); // inside the panel (the launcher's sibling), not the body
    box.tabIndex = -1;
    box.focus();
    var mine = box;
    loadApi(v.domain).then(function () {
      if (box !== mine) return; // closed (or replaced) while the script loaded
      api = new window.JitsiMeetExternalAPI(v.domain, {
        roomName: v.room,
        jwt: v.jwt,
        parentNode: stage,
        width: '100%',
        height: '100%',
        lang: d.documentElement.lang || 'en',
        configOverwrite: nested(settings(v))
      });
      // Hanging up in Jitsi closes the panel instead of showing Jitsi's own end page.
      api.addListener('readyToClose', function () { close(); focusChat(); });
    }, function () {
      if (box !== mine) return;
      close();
      var hint = el('p', 'error', w('Failed'));
      hint.setAttribute('role', 'alert');
      line.insertBefore(hint, line.querySelector('.meta'));
    });
  }

  function focusChat() {
    var input = d.getElementById('input');
    if (input && input.offsetParent) input.focus();
  }

  // Ends the call in this page: the chat ended, the survivor left, or quick exit.
  function close() {
    if (api) {
      try { api.dispose(); } catch (e) { /* already gone */ }
      api = null;
    }
    if (box) {
      box.remove();
      box = null;
    }
  }

  window.HearthVideo = { offer: offer, close: close };
})();
